#include "ui/wizard/ConnectionPage.h"

#include "app/connectors/ConnectorSpec.h"
#include "models/catalog/Catalog.h"
#include "ui/widgets/ConnectionDraft.h"
#include "ui/widgets/ConnectionForm.h"
#include "ui/widgets/ConnectionTestPanel.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QCryptographicHash>
#include <QFormLayout>
#include <QFrame>
#include <QJsonDocument>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QTimer>
#include <QVBoxLayout>
#include <QWizard>

namespace assay {

ConnectionPage::ConnectionPage(Catalog *catalog, CredentialStore *credentials, QWidget *parent)
    : QWizardPage(parent), m_catalog(catalog), m_form(new ConnectionForm),
      m_panel(new ConnectionTestPanel(credentials)), m_scroll(new QScrollArea),
      m_multiSchema(new QPushButton(tr("Onboard several schemas…")))
{
    setTitle(tr("Connection"));
    m_form->setObjectName(QStringLiteral("connectionForm"));
    m_panel->setObjectName(QStringLiteral("connectionTestPanel"));

    auto *content = new QWidget;
    auto *contentLayout = new QVBoxLayout(content);
    // Room on the right so a scroll bar never covers the fields.
    contentLayout->setContentsMargins(0, 0, 14, 8);
    contentLayout->addWidget(m_form);
    contentLayout->addStretch(1);
    m_scroll->setObjectName(QStringLiteral("connectionScroll"));
    m_scroll->setWidget(content);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    content->setAutoFillBackground(false);
    m_scroll->viewport()->setAutoFillBackground(false);

    auto *line = new QFrame;
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);

    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(10);
    layout->addWidget(m_scroll, 1);
    layout->addWidget(line);
    layout->addWidget(m_panel);
    m_multiSchema->setObjectName(QStringLiteral("multiSchemaButton"));
    m_multiSchema->setToolTip(tr("Create one datastore per schema of this connection at once"));
    m_multiSchema->setAutoDefault(false);
    m_multiSchema->setVisible(false);
    layout->addWidget(m_multiSchema, 0, Qt::AlignLeft);
    connect(m_multiSchema, &QPushButton::clicked, this, &ConnectionPage::multiSchemaRequested);

    registerField(QStringLiteral("database"), this, "database", SIGNAL(formChanged()));
    registerField(QStringLiteral("schema"), this, "schema", SIGNAL(formChanged()));
    registerField(QStringLiteral("teams"), this, "teams", SIGNAL(formChanged()));
    registerField(QStringLiteral("initiateSync"), this, "initiateSync", SIGNAL(formChanged()));

    connect(m_form, &ConnectionForm::changed, this, [this] {
        emit formChanged();
        emit completeChanged();
    });
    connect(m_panel, &ConnectionTestPanel::testRequested, this, &ConnectionPage::startTest);
    connect(m_panel, &ConnectionTestPanel::finished, this, &ConnectionPage::onTestFinished);
}

void ConnectionPage::initializePage()
{
    const bool isNew = field(QStringLiteral("newConnection")).toBool();
    const QString connectorId = field(QStringLiteral("connectorId")).toString();
    const qint64 connectionId = field(QStringLiteral("connectionId")).toLongLong();
    // Back and Next again with the same choice keeps what was typed.
    if (m_initialized && isNew == m_newConnection &&
        (isNew ? connectorId == m_connectorId : connectionId == m_connection.id))
        return;
    m_initialized = true;
    m_newConnection = isNew;
    m_connectorId = connectorId;
    m_panel->cancel();
    m_panel->clearBanner();
    m_multiSchema->setVisible(false);
    m_testState = TestState::Untested;

    QStringList teams;
    Connection existing;
    if (m_catalog) {
        for (const Datastore &d : m_catalog->datastores())
            teams << d.teams;
        if (!isNew)
            existing = m_catalog->connection(connectionId).value_or(Connection());
    }
    m_form->setAvailableTeams(teams);
    if (isNew) {
        m_connection = Connection();
        const ConnectorSpec *spec = connectors::find(connectorId);
        m_form->setup(spec, ConnectionForm::Mode::NewConnection);
        setSubTitle(spec ? tr("Enter the %1 connection details, then test the connection.")
                               .arg(spec->displayName)
                         : QString());
    } else {
        m_connection = existing;
        m_connectorId = existing.type;
        m_form->setup(connectors::find(existing.type), ConnectionForm::Mode::ExistingConnection,
                      existing);
        setSubTitle(tr("Reusing the connection “%1”: only Database, Schema, Teams and "
                       "Initiate Sync can be changed here.")
                        .arg(existing.name));
    }
    m_scroll->ensureVisible(0, 0);
    emit completeChanged();
    focusFirstField();
}

void ConnectionPage::focusFirstField()
{
    // After Next, typing goes into the page's first field, in the form's order (QWizard leaves
    // the focus on Next).
    QTimer::singleShot(0, this, [this] {
        QFormLayout *form = m_form->formLayout();
        for (int row = 0; form && row < form->rowCount(); ++row) {
            QLayoutItem *item = form->itemAt(row, QFormLayout::FieldRole);
            QWidget *field = item ? item->widget() : nullptr;
            if (!field || !field->isVisibleTo(this) || !field->isEnabled())
                continue;
            // The field itself, or the first editor inside it (a path with a Browse button).
            QWidget *editor = qobject_cast<QLineEdit *>(field) || qobject_cast<QComboBox *>(field)
                                  ? field
                                  : field->findChild<QLineEdit *>();
            if (editor && editor->isEnabled() && editor->focusPolicy() != Qt::NoFocus) {
                editor->setFocus(Qt::TabFocusReason);
                return;
            }
        }
    });
}

void ConnectionPage::cleanupPage()
{
    // Going Back keeps the values (QWizardPage would reset the fields), but stops a test.
    m_panel->cancel();
}

bool ConnectionPage::isComplete() const
{
    return !m_busy && m_form->isComplete();
}

bool ConnectionPage::validatePage()
{
    return m_form->isComplete();
}

QString ConnectionPage::database() const
{
    return m_form->database();
}

QString ConnectionPage::schema() const
{
    return m_form->schema();
}

QStringList ConnectionPage::teams() const
{
    return m_form->teams();
}

bool ConnectionPage::initiateSync() const
{
    return m_form->initiateSync();
}

bool ConnectionPage::hasInput() const
{
    return m_initialized && m_form->hasInput();
}

void ConnectionPage::setBusy(bool busy, const QString &text)
{
    m_busy = busy;
    m_form->setEnabled(!busy);
    if (busy) {
        m_panel->cancel();
        m_panel->showBusy(text);
    } else {
        m_panel->stopBusy();
    }
    emit completeChanged();
}

ConnectionTestRequest ConnectionPage::testRequest() const
{
    ConnectionTestRequest r;
    if (m_newConnection) {
        const ConnectionDraft d = m_form->draft();
        r.connection = draft::toConnection(d);
        r.secrets = d.secrets;
        r.vaultEnabled = d.vaultEnabled;
        r.vault = d.vault;
    } else {
        r.connection = m_connection;
        r.storedSecrets = m_connection.secretFields;
        r.vaultEnabled = draft::hasVault(m_connection);
        r.vault = draft::vaultOf(m_connection);
        r.vaultPayloadStored = m_connection.secretFields.contains(draft::kVaultPayloadField);
    }
    r.database = m_form->database();
    r.schema = m_form->schema();
    return r;
}

namespace {

// What a connection test covers, as a digest kept in memory only (it includes the typed
// secrets): the connector and its properties, the secrets, Vault, the database. Not the name,
// the schema, the teams or Initiate Sync, which a test does not try.
QByteArray testedKey(const ConnectionTestRequest &r)
{
    QByteArray text;
    const auto add = [&text](const QString &part) { text += part.toUtf8() + '\x1f'; };
    add(r.connection.type);
    add(r.connection.host);
    add(QString::number(r.connection.port));
    add(r.connection.username);
    add(r.connection.database);
    add(QString::fromUtf8(QJsonDocument(r.connection.parameters).toJson(QJsonDocument::Compact)));
    QStringList names = r.secrets.keys();
    names.sort();
    for (const QString &name : std::as_const(names)) {
        add(name);
        add(r.secrets.value(name));
    }
    add(r.storedSecrets.join(QLatin1Char(',')));
    add(r.vaultEnabled ? QStringLiteral("vault") : QString());
    for (const QString &part : {r.vault.loginUrl, r.vault.credentialsPayload, r.vault.tokenJsonPath,
                                r.vault.secretUrl, r.vault.tokenHeaderName, r.vault.dataJsonPath})
        add(part);
    add(r.database);
    return QCryptographicHash::hash(text, QCryptographicHash::Sha256);
}

} // namespace

ConnectionPage::TestState ConnectionPage::testState() const
{
    // A test says something only about what was tested.
    return testedKey(testRequest()) == m_testedKey ? m_testState : TestState::Untested;
}

void ConnectionPage::startTest()
{
    const ConnectionTestRequest request = testRequest();
    m_testedKey = testedKey(request);
    m_testState = TestState::Untested;
    m_panel->start(request);
}

void ConnectionPage::onTestFinished(const ConnectionTestResult &result)
{
    m_testState = result.ok() ? TestState::Passed : TestState::Failed;
    m_failure = result.ok() ? QString() : result.diagnosis.message();
    if (result.ok())
        m_form->setDiscoveredSchemas(result.schemas);
    m_multiSchema->setVisible(result.ok() && m_form->spec() && m_form->spec()->supportsMultiSchema);
    // Enter does the default action next: Finish after a good test; after a failed one the
    // focus stays on Test Connection (the panel gives it back), never on Back.
    if (result.ok() && wizard() && wizard()->button(QWizard::FinishButton)->isEnabled())
        wizard()->button(QWizard::FinishButton)->setFocus(Qt::OtherFocusReason);
}

} // namespace assay
