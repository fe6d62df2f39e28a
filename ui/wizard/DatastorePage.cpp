#include "ui/wizard/DatastorePage.h"

#include "app/connectors/ConnectorSpec.h"
#include "models/catalog/Catalog.h"
#include "ui/common/Theme.h"
#include "ui/widgets/ConnectionDraft.h"
#include "ui/widgets/ToggleSwitch.h"
#include "ui/widgets/WizardUi.h"

#include <QComboBox>
#include <QGridLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>

namespace assay {

namespace {

constexpr int kIdRole = Qt::UserRole + 1;
constexpr int kSearchRole = Qt::UserRole + 2;
constexpr int kMaxNameLength = 255;

} // namespace

DatastorePage::DatastorePage(Catalog *catalog, QWidget *parent)
    : QWizardPage(parent), m_catalog(catalog), m_name(new QLineEdit),
      m_nameMessage(wizardui::noteLabel(QString())),
      m_toggle(new ToggleSwitch(tr("Add new connection"))),
      m_toggleNote(wizardui::noteLabel(QString())), m_connectorLabel(nullptr),
      m_filter(new QLineEdit), m_list(new QListView), m_noMatch(wizardui::noteLabel(QString())),
      m_model(new QStandardItemModel(this)), m_proxy(new QSortFilterProxyModel(this)),
      m_connectionLabel(nullptr), m_connections(new QComboBox), m_details(new QLabel)
{
    setTitle(tr("Datastore"));
    setSubTitle(tr("Name the datastore, then choose a connector for a new connection or reuse "
                   "an existing connection."));

    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_name->setPlaceholderText(tr("e.g. Sales warehouse"));
    m_name->setMaxLength(kMaxNameLength);
    m_nameMessage->setObjectName(QStringLiteral("nameMessage"));
    m_toggle->setObjectName(QStringLiteral("newConnectionToggle"));
    m_toggle->setChecked(true);
    m_toggleNote->setObjectName(QStringLiteral("newConnectionNote"));
    m_filter->setObjectName(QStringLiteral("connectorFilter"));
    m_filter->setPlaceholderText(tr("Search connectors"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("Search connectors"));
    m_list->setObjectName(QStringLiteral("connectorList"));
    m_list->setAccessibleName(tr("Connector"));
    m_list->setIconSize(QSize(24, 24));
    m_list->setSpacing(1);
    m_list->setUniformItemSizes(true);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setMinimumHeight(160);
    m_noMatch->setObjectName(QStringLiteral("connectorNoMatch"));
    m_noMatch->setVisible(false);
    m_connections->setObjectName(QStringLiteral("connectionCombo"));
    m_connections->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_details->setObjectName(QStringLiteral("connectionDetails"));
    m_details->setTextFormat(Qt::RichText);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setWordWrap(true);
    m_details->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_details->setAccessibleName(tr("Connection details"));
    m_details->setFrameShape(QFrame::StyledPanel);
    m_details->setMargin(8);
    m_details->setAutoFillBackground(true);
    m_details->setBackgroundRole(QPalette::AlternateBase);

    auto *grid = new QGridLayout(this);
    grid->setHorizontalSpacing(12);
    grid->setVerticalSpacing(8);
    grid->setColumnStretch(1, 1);
    auto label = [grid](QLabel *l, int row) {
        l->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        grid->addWidget(l, row, 0);
    };
    label(wizardui::formLabel(tr("Name"), true, m_name), 0);
    grid->addWidget(m_name, 0, 1);
    grid->addWidget(m_nameMessage, 1, 1);
    grid->addWidget(m_toggle, 2, 1);
    grid->addWidget(m_toggleNote, 3, 1);
    m_connectionLabel = wizardui::formLabel(tr("Connection"), true, m_connections);
    label(m_connectionLabel, 4);
    grid->addWidget(m_connections, 4, 1);
    grid->addWidget(m_details, 5, 1);
    m_connectorLabel = wizardui::formLabel(tr("Connector"), true, m_filter);
    m_list->setAccessibleName(tr("Connector"));
    label(m_connectorLabel, 6);
    grid->addWidget(m_filter, 6, 1);
    grid->addWidget(m_list, 7, 1);
    grid->addWidget(m_noMatch, 8, 1);
    grid->setRowStretch(7, 1);
    grid->setRowStretch(9, 0);

    buildConnectorModel();

    registerField(QStringLiteral("name*"), m_name);
    registerField(QStringLiteral("newConnection"), m_toggle);
    registerField(QStringLiteral("connectorId"), this, "connectorId", SIGNAL(connectorChanged()));
    registerField(QStringLiteral("connectionId"), this, "connectionId",
                  SIGNAL(connectionChanged()));

    connect(m_name, &QLineEdit::textChanged, this, [this] {
        updateNameMessage();
        emit completeChanged();
    });
    connect(m_toggle, &QCheckBox::toggled, this, [this] {
        updateMode();
        emit completeChanged();
    });
    connect(m_filter, &QLineEdit::textChanged, this, &DatastorePage::onFilterChanged);
    // Enter in the search picks the first match (it does not press Next).
    wizardui::onReturn(m_filter, [this] {
        if (m_proxy->rowCount() > 0)
            m_list->setCurrentIndex(m_proxy->index(0, 0));
        m_list->setFocus();
    });
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this, [this] {
        emit connectorChanged();
        emit completeChanged();
    });
    connect(m_connections, &QComboBox::currentIndexChanged, this, [this] {
        updateDetails();
        emit connectionChanged();
        emit completeChanged();
    });

    setTabOrder(m_name, m_toggle);
    setTabOrder(m_toggle, m_connections);
    setTabOrder(m_connections, m_filter);
    setTabOrder(m_filter, m_list);

    reload();
    updateNameMessage();
}

void DatastorePage::buildConnectorModel()
{
    for (const ConnectorSpec *spec : wizardui::visibleConnectors()) {
        auto *item = new QStandardItem(wizardui::connectorIcon(*spec), spec->displayName);
        item->setData(spec->id, kIdRole);
        item->setData(QStringLiteral("%1 %2 %3").arg(spec->displayName, spec->id, spec->dialect),
                      kSearchRole);
        item->setToolTip(spec->isFolder()      ? tr("Files in a folder on this computer")
                         : spec->isFileBased() ? tr("A database file on this computer")
                                               : tr("%1 server").arg(spec->displayName));
        item->setEditable(false);
        m_model->appendRow(item);
    }
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterRole(kSearchRole);
    m_list->setModel(m_proxy);
}

void DatastorePage::reload()
{
    m_takenNames.clear();
    if (m_catalog) {
        for (const Datastore &d : m_catalog->datastores())
            m_takenNames.insert(d.name.trimmed().toLower());
        m_connectionList = m_catalog->connections();
    }
    const qint64 current = connectionId();
    {
        const QSignalBlocker block(m_connections);
        m_connections->clear();
        for (const Connection &c : std::as_const(m_connectionList)) {
            const ConnectorSpec *spec = connectors::find(c.type);
            const QString where = c.host.isEmpty() ? c.database : c.host;
            m_connections->addItem(
                spec ? wizardui::connectorIcon(*spec) : QIcon(),
                tr("%1  (%2 · %3)").arg(c.name, spec ? spec->displayName : c.type, where), c.id);
        }
        const int index = m_connections->findData(current);
        m_connections->setCurrentIndex(index >= 0 ? index : (m_connections->count() ? 0 : -1));
    }
    const bool any = !m_connectionList.isEmpty();
    if (!any)
        m_toggle->setChecked(true);
    m_toggle->setEnabled(any);
    m_toggleNote->setText(any ? QString()
                              : tr("No saved connections yet: this datastore gets a new one."));
    m_toggleNote->setVisible(!any);
    updateMode();
    updateDetails();
    updateNameMessage();
    emit connectionChanged();
    emit completeChanged();
}

void DatastorePage::updateMode()
{
    const bool isNew = m_toggle->isChecked();
    for (QWidget *w : {static_cast<QWidget *>(m_connectorLabel), static_cast<QWidget *>(m_filter),
                       static_cast<QWidget *>(m_list)})
        w->setVisible(isNew);
    m_noMatch->setVisible(isNew && m_proxy->rowCount() == 0);
    for (QWidget *w : {static_cast<QWidget *>(m_connectionLabel),
                       static_cast<QWidget *>(m_connections), static_cast<QWidget *>(m_details)})
        w->setVisible(!isNew);
}

QString DatastorePage::nameProblem() const
{
    const QString name = m_name->text().trimmed();
    if (name.isEmpty())
        return QString();
    if (m_takenNames.contains(name.toLower()))
        return tr("A datastore named “%1” already exists. Choose another name.").arg(name);
    return QString();
}

void DatastorePage::updateNameMessage()
{
    const QString problem = nameProblem();
    if (problem.isEmpty()) {
        m_nameMessage->setStyleSheet(QString());
        m_nameMessage->setText(tr("Shown in the datastore tree; unique among your datastores."));
    } else {
        m_nameMessage->setStyleSheet(theme::errorStyle());
        m_nameMessage->setText(problem);
    }
    m_name->setAccessibleDescription(m_nameMessage->text());
}

void DatastorePage::updateDetails()
{
    const qint64 id = connectionId();
    const Connection *c = nullptr;
    for (const Connection &candidate : std::as_const(m_connectionList))
        if (candidate.id == id)
            c = &candidate;
    if (!c) {
        m_details->setText(QString());
        return;
    }
    const ConnectorSpec *spec = connectors::find(c->type);
    QList<QPair<QString, QString>> rows;
    rows << qMakePair(tr("Connector"), spec ? spec->displayName : c->type);
    if (!c->host.isEmpty())
        rows << qMakePair(tr("Host"), c->host);
    if (c->port > 0)
        rows << qMakePair(tr("Port"), QString::number(c->port));
    if (!c->username.isEmpty())
        rows << qMakePair(tr("User"), c->username);
    if (!c->database.isEmpty())
        rows << qMakePair(spec && spec->isFileBased() ? tr("Database file")
                          : spec && spec->isFolder()  ? tr("Root folder")
                                                      : tr("Database"),
                          c->database);
    QStringList secrets = c->secretFields;
    secrets.removeAll(draft::kVaultPayloadField);
    if (!secrets.isEmpty())
        rows << qMakePair(tr("Secrets"),
                          tr("%1 (in the keychain)").arg(secrets.join(QStringLiteral(", "))));
    rows << qMakePair(tr("Secrets Management"),
                      draft::hasVault(*c) ? tr("HashiCorp Vault") : tr("Off"));
    if (m_catalog) {
        const Result<QStringList> users = m_catalog->datastoresUsingConnection(c->id);
        rows << qMakePair(tr("Used by"), users.failed() ? users.error()
                                         : users.value().isEmpty()
                                             ? tr("no datastore yet")
                                             : users.value().join(QStringLiteral(", ")));
    }
    const QString muted = palette().color(QPalette::PlaceholderText).name();
    QString html = QStringLiteral("<table cellspacing=\"0\" cellpadding=\"2\">");
    for (const auto &row : std::as_const(rows))
        html += QStringLiteral("<tr><td style=\"padding-right:14px; color:%1;\">%2</td>"
                               "<td>%3</td></tr>")
                    .arg(muted, row.first.toHtmlEscaped(), row.second.toHtmlEscaped());
    html += QStringLiteral("</table>");
    m_details->setText(html);
}

void DatastorePage::onFilterChanged(const QString &text)
{
    const QString current = connectorId();
    m_proxy->setFilterFixedString(text.trimmed());
    const bool none = m_proxy->rowCount() == 0;
    m_noMatch->setText(none ? tr("No connector matches “%1”.").arg(text.trimmed()) : QString());
    m_noMatch->setVisible(none && m_toggle->isChecked());
    // One match: take it. The selection hidden by the filter: drop it.
    if (m_proxy->rowCount() == 1)
        m_list->setCurrentIndex(m_proxy->index(0, 0));
    else if (connectorId() != current)
        emit connectorChanged();
    emit completeChanged();
}

QString DatastorePage::connectorId() const
{
    const QModelIndex index = m_list->currentIndex();
    if (!index.isValid())
        return QString();
    return index.data(kIdRole).toString();
}

qint64 DatastorePage::connectionId() const
{
    return m_connections->currentIndex() >= 0 ? m_connections->currentData().toLongLong() : 0;
}

bool DatastorePage::selectConnector(const QString &id)
{
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (m_model->item(row)->data(kIdRole).toString().compare(id, Qt::CaseInsensitive) != 0)
            continue;
        QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
        if (!index.isValid()) {
            m_filter->clear();
            index = m_proxy->mapFromSource(m_model->index(row, 0));
        }
        m_list->setCurrentIndex(index);
        return true;
    }
    return false;
}

bool DatastorePage::selectConnection(qint64 id)
{
    const int index = m_connections->findData(id);
    if (index < 0)
        return false;
    m_connections->setCurrentIndex(index);
    return true;
}

bool DatastorePage::isComplete() const
{
    if (m_name->text().trimmed().isEmpty() || !nameProblem().isEmpty())
        return false;
    return m_toggle->isChecked() ? !connectorId().isEmpty() : connectionId() != 0;
}

bool DatastorePage::validatePage()
{
    // Another window (or the CLI) may have taken the name meanwhile.
    reload();
    return isComplete();
}

bool DatastorePage::hasInput() const
{
    return !m_name->text().trimmed().isEmpty() || !m_filter->text().isEmpty();
}

} // namespace assay
