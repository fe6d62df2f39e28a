#include "ui/enrichment/NewEnrichmentForm.h"

#include "app/connectors/ConnectorSpec.h"
#include "models/catalog/Catalog.h"
#include "ui/widgets/ConnectionForm.h"
#include "ui/widgets/ConnectionTestPanel.h"
#include "ui/widgets/ToggleSwitch.h"
#include "ui/widgets/WizardUi.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace assay {

NewEnrichmentForm::NewEnrichmentForm(Catalog *catalog, CredentialStore *credentials,
                                     QWidget *parent)
    : QWidget(parent), m_catalog(catalog), m_name(new QLineEdit),
      m_nameProblem(wizardui::problemLabel()),
      m_newConnection(new ToggleSwitch(tr("Add new connection"))), m_connector(new QComboBox),
      m_connection(new QComboBox), m_form(new ConnectionForm),
      m_panel(new ConnectionTestPanel(credentials))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(10);

    m_name->setObjectName(QStringLiteral("enrichmentNameEdit"));
    m_name->setPlaceholderText(tr("e.g. Quality results"));
    m_nameProblem->setObjectName(QStringLiteral("enrichmentNameProblem"));
    m_newConnection->setObjectName(QStringLiteral("newConnectionToggle"));
    m_newConnection->setChecked(true);
    m_newConnection->setToolTip(tr("Switch off to reuse the credentials of an existing "
                                   "connection."));
    m_connector->setObjectName(QStringLiteral("enrichmentConnectorCombo"));
    m_connection->setObjectName(QStringLiteral("enrichmentConnectionCombo"));
    for (const ConnectorSpec *spec : wizardui::visibleConnectors())
        if (spec->supportsEnrichment)
            m_connector->addItem(wizardui::connectorIcon(*spec), spec->displayName, spec->id);

    m_form->setObjectName(QStringLiteral("enrichmentConnectionForm"));
    m_form->setInitiateSyncVisible(false);
    QFormLayout *form = m_form->formLayout();
    form->insertRow(0, wizardui::formLabel(tr("Name"), true, m_name), m_name);
    form->insertRow(1, QString(), m_nameProblem);
    form->insertRow(2, QString(), m_newConnection);
    form->insertRow(3, wizardui::formLabel(tr("Connector"), true, m_connector), m_connector);
    form->insertRow(4, wizardui::formLabel(tr("Connection"), true, m_connection), m_connection);
    layout->addWidget(m_form);
    m_panel->setObjectName(QStringLiteral("enrichmentTestPanel"));
    layout->addWidget(m_panel);

    connect(m_name, &QLineEdit::textChanged, this, [this] {
        wizardui::setProblem(m_nameProblem, problem());
        emit changed();
    });
    connect(m_newConnection, &QCheckBox::toggled, this, [this] {
        updateRows();
        rebuildForm();
    });
    connect(m_connector, &QComboBox::currentIndexChanged, this, &NewEnrichmentForm::rebuildForm);
    connect(m_connection, &QComboBox::currentIndexChanged, this, &NewEnrichmentForm::rebuildForm);
    connect(m_form, &ConnectionForm::changed, this, [this] {
        m_panel->setTestEnabled(!m_busy && m_form->isComplete());
        emit changed();
    });
    connect(m_panel, &ConnectionTestPanel::testRequested, this, &NewEnrichmentForm::startTest);
    connect(m_panel, &ConnectionTestPanel::finished, this,
            [this](const ConnectionTestResult &result) {
                if (result.ok())
                    m_form->setDiscoveredSchemas(result.schemas);
            });
    reload();
}

QFormLayout *NewEnrichmentForm::formLayout() const
{
    return m_form->formLayout();
}

void NewEnrichmentForm::reload()
{
    const qint64 keep = m_connection->currentData().toLongLong();
    {
        const QSignalBlocker block(m_connection);
        m_connection->clear();
        // Connections that serve no source datastore first: the default must never be one
        // click away from writing enrichment tables into a source's own database.
        const QHash<qint64, QStringList> sources = sourcesByConnection();
        QList<Connection> free, serving;
        if (m_catalog)
            for (const Connection &c : m_catalog->connections()) {
                const ConnectorSpec *spec = connectors::find(c.type);
                if (spec && spec->supportsEnrichment && !spec->hidden)
                    (sources.contains(c.id) ? serving : free) << c;
            }
        for (const Connection &c : std::as_const(free))
            m_connection->addItem(wizardui::connectorIcon(*connectors::find(c.type)),
                                  tr("%1 (%2)").arg(c.name, connectors::find(c.type)->displayName),
                                  c.id);
        for (const Connection &c : std::as_const(serving))
            m_connection->addItem(
                wizardui::connectorIcon(*connectors::find(c.type)),
                tr("%1 (source of %2)").arg(c.name, sources.value(c.id).join(QStringLiteral(", "))),
                c.id);
        const int index = m_connection->findData(keep);
        m_connection->setCurrentIndex(index >= 0 ? index : (m_connection->count() ? 0 : -1));
    }
    QStringList teams;
    if (m_catalog)
        for (const Datastore &d : m_catalog->datastores())
            for (const QString &team : d.teams)
                if (!teams.contains(team))
                    teams << team;
    m_form->setAvailableTeams(teams);
    // Without a connection to reuse, the switch stays on.
    if (m_connection->count() == 0)
        m_newConnection->setChecked(true);
    m_newConnection->setEnabled(!m_busy && m_connection->count() > 0);
    updateRows();
    // Keep what the user typed: rebuild only when what the form shows has changed.
    const bool isNew = m_newConnection->isChecked();
    const qint64 chosen = isNew ? 0 : m_connection->currentData().toLongLong();
    if (!m_form->spec() || isNew != m_shownNew || chosen != m_shownConnection)
        rebuildForm();
}

void NewEnrichmentForm::updateRows()
{
    QFormLayout *form = m_form->formLayout();
    const bool isNew = m_newConnection->isChecked();
    form->setRowVisible(m_connector, isNew);
    form->setRowVisible(m_connection, !isNew);
}

bool NewEnrichmentForm::setConnector(const QString &connectorId)
{
    const int index = m_connector->findData(connectorId);
    if (index < 0)
        return false;
    m_newConnection->setChecked(true);
    m_connector->setCurrentIndex(index);
    return true;
}

void NewEnrichmentForm::rebuildForm()
{
    const QStringList teams = m_form->teams();
    m_shownNew = m_newConnection->isChecked();
    m_shownConnection = m_shownNew ? 0 : m_connection->currentData().toLongLong();
    m_panel->cancel();
    m_panel->clearBanner();
    if (m_newConnection->isChecked()) {
        m_form->setup(connectors::find(m_connector->currentData().toString()),
                      ConnectionForm::Mode::NewConnection);
    } else {
        const auto connection =
            m_catalog ? m_catalog->connection(m_connection->currentData().toLongLong())
                      : Lookup<Connection>::notFound();
        if (connection)
            m_form->setup(connectors::find(connection->type),
                          ConnectionForm::Mode::ExistingConnection, *connection);
        else
            m_form->setup(nullptr, ConnectionForm::Mode::ExistingConnection);
    }
    if (!teams.isEmpty())
        m_form->setTeams(teams);
    m_panel->setTestEnabled(!m_busy && m_form->isComplete());
    emit changed();
}

QHash<qint64, QStringList> NewEnrichmentForm::sourcesByConnection() const
{
    QHash<qint64, QStringList> names;
    if (m_catalog)
        for (const Datastore &d : m_catalog->datastores())
            if (!d.enrichOnly)
                names[d.connectionId] << d.name;
    return names;
}

QStringList NewEnrichmentForm::sourcesOfChosenConnection() const
{
    if (m_newConnection->isChecked())
        return {};
    return sourcesByConnection().value(m_connection->currentData().toLongLong());
}

NewEnrichmentDatastore NewEnrichmentForm::request() const
{
    NewEnrichmentDatastore n;
    n.name = m_name->text().trimmed();
    n.newConnection = m_newConnection->isChecked();
    if (n.newConnection)
        n.connection = m_form->draft();
    else
        n.connectionId = m_connection->currentData().toLongLong();
    n.database = m_form->database();
    n.schema = m_form->schema();
    n.teams = m_form->teams();
    return n;
}

QString NewEnrichmentForm::problem() const
{
    const QString name = m_name->text().trimmed();
    if (!name.isEmpty() && m_catalog && m_catalog->datastoreByName(name))
        return tr("A datastore named “%1” already exists.").arg(name);
    return QString();
}

bool NewEnrichmentForm::isComplete() const
{
    if (m_name->text().trimmed().isEmpty() || !problem().isEmpty())
        return false;
    if (!m_newConnection->isChecked() && m_connection->currentIndex() < 0)
        return false;
    return m_form->isComplete() && m_form->problem().isEmpty();
}

bool NewEnrichmentForm::hasInput() const
{
    return !m_name->text().trimmed().isEmpty() || m_form->hasInput();
}

void NewEnrichmentForm::setBusy(bool busy)
{
    m_busy = busy;
    m_name->setEnabled(!busy);
    m_newConnection->setEnabled(!busy && m_connection->count() > 0);
    m_connector->setEnabled(!busy);
    m_connection->setEnabled(!busy);
    m_form->setEnabled(!busy);
    if (busy)
        m_panel->cancel();
    m_panel->setTestEnabled(!busy && m_form->isComplete());
}

void NewEnrichmentForm::startTest()
{
    ConnectionTestRequest r;
    if (m_newConnection->isChecked()) {
        const ConnectionDraft d = m_form->draft();
        r.connection = draft::toConnection(d);
        r.secrets = d.secrets;
        r.vaultEnabled = d.vaultEnabled;
        r.vault = d.vault;
    } else if (const auto c = m_catalog
                                  ? m_catalog->connection(m_connection->currentData().toLongLong())
                                  : Lookup<Connection>::notFound()) {
        r.connection = *c;
        r.storedSecrets = c->secretFields;
        r.vaultEnabled = draft::hasVault(*c);
        r.vault = draft::vaultOf(*c);
        r.vaultPayloadStored = c->secretFields.contains(draft::kVaultPayloadField);
    }
    r.database = m_form->database();
    r.schema = m_form->schema();
    m_panel->start(r);
}

} // namespace assay
