#include "ui/datastores/DatastoreOverview.h"

#include "app/connectors/ConnectorSpec.h"
#include "models/catalog/Catalog.h"
#include "models/domain/DisplayTime.h"
#include "models/domain/Operation.h"
#include "models/item/OperationListModel.h"
#include "ui/operations/OperationProgressBar.h"

#include <QDir>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace assay {
namespace {

const QString kNone = QStringLiteral("—");

QString remediationText(RemediationStrategy strategy)
{
    switch (strategy) {
    case RemediationStrategy::Append:
        return DatastoreOverview::tr("Append (keep every version of a remediated row)");
    case RemediationStrategy::Overwrite:
        return DatastoreOverview::tr("Overwrite (keep the latest version of a remediated row)");
    case RemediationStrategy::None:
        break;
    }
    return DatastoreOverview::tr("None");
}

} // namespace

DatastoreOverview::DatastoreOverview(Catalog *catalog, QWidget *parent)
    : QWidget(parent), m_catalog(catalog)
{
    setObjectName(QStringLiteral("datastoreOverview"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 8, 20, 20);
    layout->setSpacing(0);

    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    m_form->setLabelAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_form->setFormAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_form->setHorizontalSpacing(28);
    m_form->setVerticalSpacing(7);
    layout->addLayout(m_form);

    m_placeholder = new QLabel(tr("No datastore selected."), this);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_placeholder->setAlignment(Qt::AlignCenter);
    layout->addWidget(m_placeholder);
    layout->addStretch(1);

    m_refresh.setSingleShot(true);
    m_refresh.setInterval(300);
    connect(&m_refresh, &QTimer::timeout, this, [this] {
        if (m_id)
            showDatastore(m_id);
    });
    auto changed = [this](qint64 datastoreId) {
        if (m_id && datastoreId == m_id)
            m_refresh.start();
    };
    connect(catalog, &Catalog::datastoreUpdated, this, changed);
    connect(catalog, &Catalog::containersChanged, this, changed);
    connect(catalog, &Catalog::operationsChanged, this, changed);
    connect(catalog, &Catalog::checksChanged, this, changed);
    connect(catalog, &Catalog::anomaliesChanged, this, changed);
    clear();
}

void DatastoreOverview::clear()
{
    m_id = 0;
    m_values.clear();
    m_running.clear();
    while (m_form->rowCount() > 0)
        m_form->removeRow(0);
    m_placeholder->show();
}

void DatastoreOverview::showPercent(qint64 operationId, int percent)
{
    const auto it = m_running.constFind(operationId);
    if (it == m_running.constEnd())
        return;
    if (QLabel *label = m_values.value(it->key))
        label->setText(tr("%1 · %2").arg(it->when, tr("Running %1%").arg(percent)));
}

QString DatastoreOverview::value(const QString &key) const
{
    const QLabel *label = m_values.value(key);
    return label ? label->text() : QString();
}

void DatastoreOverview::addSection(const QString &title)
{
    auto *section = new QWidget(this);
    auto *layout = new QVBoxLayout(section);
    layout->setContentsMargins(0, m_form->rowCount() == 0 ? 8 : 18, 0, 4);
    layout->setSpacing(5);
    auto *label = new QLabel(title, section);
    QFont font = label->font();
    font.setWeight(QFont::DemiBold);
    font.setPointSizeF(font.pointSizeF() * 1.1);
    label->setFont(font);
    label->setAccessibleName(title);
    auto *line = new QFrame(section);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Plain);
    line->setForegroundRole(QPalette::Midlight);
    layout->addWidget(label);
    layout->addWidget(line);
    m_form->addRow(section);
}

void DatastoreOverview::addRow(const QString &key, const QString &label, const QString &value,
                               const QString &toolTip)
{
    auto *name = new QLabel(label, this);
    name->setForegroundRole(QPalette::PlaceholderText);
    auto *shown = new QLabel(value.isEmpty() ? kNone : value, this);
    shown->setObjectName(key);
    shown->setTextFormat(Qt::PlainText);
    shown->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    shown->setWordWrap(true);
    shown->setAccessibleName(label);
    shown->setToolTip(toolTip);
    if (value.isEmpty())
        shown->setForegroundRole(QPalette::PlaceholderText);
    name->setBuddy(shown);
    m_form->addRow(name, shown);
    m_values.insert(key, shown);
}

void DatastoreOverview::showDatastore(qint64 id)
{
    clear();
    const auto datastore = m_catalog->datastore(id);
    if (!datastore)
        return;
    m_id = id;
    m_placeholder->hide();
    addTotals(id);
    addLastOperations(id);
    const auto connection = m_catalog->connection(datastore->connectionId);
    const ConnectorSpec *spec = connection ? connectors::find(connection->type) : nullptr;

    addSection(tr("Connection"));
    if (connection) {
        addRow(QStringLiteral("connector"), tr("Connector"),
               spec ? spec->displayName : connection->type,
               tr("Connector type: %1").arg(connection->type));
        const bool fileBased = spec ? spec->isFileBased() || spec->isFolder()
                                    : connection->type == QLatin1String("sqlite");
        if (fileBased) {
            addRow(QStringLiteral("location"),
                   spec && spec->isFolder() ? tr("Root folder") : tr("File"),
                   QDir::toNativeSeparators(connection->database));
        } else {
            const QString host =
                connection->port > 0
                    ? QStringLiteral("%1:%2").arg(connection->host).arg(connection->port)
                    : connection->host;
            addRow(QStringLiteral("location"), tr("Host"), host);
            addRow(QStringLiteral("user"), tr("User"), connection->username);
        }
        addRow(QStringLiteral("connection"), tr("Connection name"), connection->name);
        // Only which secrets exist, never their values (the Catalog has none anyway).
        addRow(QStringLiteral("credentials"), tr("Credentials"),
               connection->secretFields.isEmpty()
                   ? tr("None needed")
                   : tr("%1, in the system keychain")
                         .arg(connection->secretFields.join(QStringLiteral(", "))));
    } else {
        addRow(QStringLiteral("connection"), tr("Connection"),
               tr("Missing (id %1): recreate it and update this datastore")
                   .arg(datastore->connectionId));
    }

    addSection(tr("Datastore"));
    addRow(QStringLiteral("database"), tr("Database"), datastore->database);
    addRow(QStringLiteral("schema"), tr("Schema"), datastore->schema);
    addRow(QStringLiteral("teams"), tr("Teams"), datastore->teams.join(QStringLiteral(", ")));
    addRow(QStringLiteral("enrichOnly"), tr("Enrichment only"),
           datastore->enrichOnly ? tr("Yes") : tr("No"),
           tr("An enrichment-only datastore receives the results of other datastores."));
    addRow(QStringLiteral("created"), tr("Created"), display_time::local(datastore->createdAt),
           display_time::utc(datastore->createdAt));
    addRow(QStringLiteral("updated"), tr("Updated"), display_time::local(datastore->updatedAt),
           display_time::utc(datastore->updatedAt));

    addSection(tr("Enrichment"));
    if (datastore->enrichOnly) {
        QStringList users;
        for (const Datastore &other : m_catalog->datastores())
            if (other.enrichment.enrichmentDatastoreId == id)
                users << other.name;
        addRow(QStringLiteral("usedBy"), tr("Receives results from"),
               users.isEmpty() ? tr("No datastore is linked to it yet")
                               : users.join(QStringLiteral(", ")));
    }
    const EnrichmentLink &link = datastore->enrichment;
    if (link.isLinked()) {
        const auto target = m_catalog->datastore(link.enrichmentDatastoreId);
        addRow(QStringLiteral("enrichment"), tr("Linked datastore"),
               target ? target->name
                      : tr("Missing (id %1): link another one").arg(link.enrichmentDatastoreId));
        addRow(QStringLiteral("prefix"), tr("Table prefix"), link.prefix);
        addRow(QStringLiteral("remediation"), tr("Remediation"), remediationText(link.remediation));
        addRow(QStringLiteral("sourceRecordLimit"), tr("Source examples per anomaly"),
               QLocale().toString(link.sourceRecordLimit));
        addRow(QStringLiteral("rollupThreshold"), tr("Record anomalies per check"),
               QLocale().toString(link.rollupThreshold));
    } else if (!datastore->enrichOnly) {
        addRow(QStringLiteral("enrichment"), tr("Linked datastore"), tr("Not linked"),
               tr("Link an enrichment datastore to keep anomalies and profiles in a database "
                  "you own."));
    }
}

void DatastoreOverview::addTotals(qint64 id)
{
    const QLocale locale;
    addSection(tr("Totals"));
    // COUNT(*) rather than reading every container: a datastore may hold 100,000 of them.
    const int count = m_catalog->containerCount(id).value();
    if (count == 0)
        addNoContainers(id);
    else
        addRow(QStringLiteral("containers"), tr("Containers"), locale.toString(count));

    // Records as each container's latest profile counted them (Sync does not count rows).
    if (count > 0) {
        const QHash<qint64, qint64> counts = m_catalog->latestRecordCounts(id);
        qint64 records = 0;
        for (qint64 n : counts)
            records += n;
        if (counts.isEmpty())
            addRow(QStringLiteral("records"), tr("Records"),
                   tr("Not profiled yet: run Profile to count them"));
        else
            addRow(QStringLiteral("records"), tr("Records"), locale.toString(records),
                   tr("From the latest profile of %1 of %2 containers")
                       .arg(locale.toString(int(counts.size())), locale.toString(count)));
    }

    int checks = 0;
    for (int n : m_catalog->activeCheckCounts(id))
        checks += n;
    addRow(QStringLiteral("activeChecks"), tr("Checks (active)"), locale.toString(checks),
           checks == 0 ? tr("Profile infers checks; you can also write your own.") : QString());

    AnomalyQuery anomalies;
    anomalies.datastoreId = id;
    anomalies.status = anomaly_status::kActive;
    const int active = m_catalog->anomalyCount(anomalies);
    anomalies.status = anomaly_status::kAcknowledged;
    const int acknowledged = m_catalog->anomalyCount(anomalies);
    addRow(QStringLiteral("activeAnomalies"), tr("Active anomalies"), locale.toString(active),
           tr("%1 more open anomalies are acknowledged").arg(locale.toString(acknowledged)));
}

void DatastoreOverview::addNoContainers(qint64 id)
{
    const auto sync = m_catalog->latestOperation(id, operation_type::kSync);
    if (!sync || sync->status != operation_status::kFailure) {
        addRow(QStringLiteral("containers"), tr("Containers"),
               sync && !operation_status::isFinished(sync->status)
                   ? tr("None yet: a Sync is discovering tables and views")
                   : tr("None yet: run Sync to discover tables and views"));
        return;
    }
    addRow(QStringLiteral("containers"), tr("Containers"),
           tr("None: the last Sync failed. %1").arg(sync->message));
    m_values.value(QStringLiteral("containers"))->setForegroundRole(QPalette::PlaceholderText);
    auto *edit = new QPushButton(tr("Edit Datastore…"), this);
    edit->setObjectName(QStringLiteral("overviewEdit"));
    edit->setToolTip(tr("Correct the connection's details or credentials, then run Sync again."));
    connect(edit, &QPushButton::clicked, this, [this] { emit editRequested(m_id); });
    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(edit);
    row->addStretch(1);
    m_form->addRow(QString(), row);
}

void DatastoreOverview::addLastOperations(qint64 id)
{
    addSection(tr("Last operations"));
    const std::pair<const char *, QString> kinds[] = {
        {"catalog", QStringLiteral("lastSync")},
        {"profile", QStringLiteral("lastProfile")},
        {"scan", QStringLiteral("lastScan")},
    };
    for (const auto &[type, key] : kinds) {
        OperationQuery query;
        query.datastoreId = id;
        query.type = QLatin1String(type);
        const QList<Operation> latest = m_catalog->operationPage(query, 0, 1);
        const QString label = OperationListModel::typeLabel(query.type);
        if (latest.isEmpty()) {
            addRow(key, label, tr("Never"));
            continue;
        }
        const Operation &op = latest.first();
        const QDateTime at = op.endedAt.isValid()     ? op.endedAt
                             : op.startedAt.isValid() ? op.startedAt
                                                      : op.createdAt;
        QString status = OperationListModel::statusLabel(op.status);
        if (op.status == operation_status::kRunning) {
            status = tr("Running %1%").arg(OperationProgressBar::percentOf(op.progress));
            m_running.insert(op.id, {key, display_time::local(at)});
        }
        QStringList tip{tr("Operation #%1, %2").arg(op.id).arg(display_time::utc(at))};
        if (!op.message.isEmpty())
            tip << op.message;
        addRow(key, label, tr("%1 · %2").arg(display_time::local(at), status),
               tip.join(QLatin1Char('\n')));
    }
}

} // namespace assay
