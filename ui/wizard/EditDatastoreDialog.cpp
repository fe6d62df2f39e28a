#include "ui/wizard/EditDatastoreDialog.h"

#include "app/connectors/ConnectorSpec.h"
#include "models/catalog/Catalog.h"
#include "ui/widgets/ConnectionDraft.h"
#include "ui/widgets/ConnectionForm.h"
#include "ui/widgets/ConnectionTestPanel.h"
#include "ui/widgets/ToggleSwitch.h"
#include "ui/widgets/VaultFields.h"
#include "ui/widgets/WizardUi.h"
#include "ui/wizard/DatastoreUpdateController.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QFrame>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace assay {

EditDatastoreDialog::EditDatastoreDialog(Catalog *catalog, CredentialStore *credentials,
                                         qint64 datastoreId, QWidget *parent)
    : QDialog(parent), m_catalog(catalog), m_name(new QLineEdit),
      m_nameMessage(wizardui::problemLabel()), m_form(new ConnectionForm),
      m_panel(new ConnectionTestPanel(credentials)), m_buttons(new QDialogButtonBox),
      m_save(nullptr), m_controller(new DatastoreUpdateController(catalog, credentials, this))
{
    setObjectName(QStringLiteral("editDatastoreDialog"));
    if (m_catalog) {
        m_datastore = m_catalog->datastore(datastoreId).value_or(Datastore());
        m_connection = m_catalog->connection(m_datastore.connectionId).value_or(Connection());
        QStringList teams;
        for (const Datastore &d : m_catalog->datastores()) {
            teams << d.teams;
            if (d.id != datastoreId)
                m_takenNames.insert(d.name.trimmed().toLower());
        }
        m_form->setAvailableTeams(teams);
    }
    setWindowTitle(tr("Edit Datastore %1").arg(m_datastore.name));
    setAccessibleName(windowTitle());

    m_form->setInitiateSyncVisible(false);
    m_form->setup(connectors::find(m_connection.type), ConnectionForm::Mode::EditConnection,
                  m_connection);
    m_form->setDatabase(m_datastore.database);
    m_form->setSchema(m_datastore.schema);
    m_form->setTeams(m_datastore.teams.isEmpty() ? QStringList{QStringLiteral("Public")}
                                                 : m_datastore.teams);

    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_name->setText(m_datastore.name);
    m_name->setMaxLength(255);
    m_nameMessage->setObjectName(QStringLiteral("nameMessage"));
    QFormLayout *form = m_form->formLayout();
    form->insertRow(0, wizardui::formLabel(tr("Name"), true, m_name), m_name);
    form->insertRow(1, QString(), m_nameMessage);
    setTabOrder(m_name, m_form->vault()->toggle());

    auto *intro = wizardui::noteLabel(QString());
    const QStringList others = [&] {
        QStringList users = m_catalog
                                ? m_catalog->datastoresUsingConnection(m_connection.id).value()
                                : QStringList();
        users.removeAll(m_datastore.name);
        return users;
    }();
    intro->setText(
        others.isEmpty()
            ? tr("Secrets left blank keep the values stored in the keychain.")
            : tr("Secrets left blank keep the values stored in the keychain. The connection "
                 "“%1” is shared: changes to it also apply to %2.")
                  .arg(m_connection.name, others.join(QStringLiteral(", "))));

    auto *content = new QWidget;
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 14, 8);
    contentLayout->addWidget(m_form);
    contentLayout->addStretch(1);
    auto *scroll = new QScrollArea;
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    m_save = m_buttons->addButton(tr("Save"), QDialogButtonBox::AcceptRole);
    m_save->setObjectName(QStringLiteral("saveButton"));
    m_save->setDefault(true);
    m_buttons->addButton(QDialogButtonBox::Cancel);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &EditDatastoreDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &EditDatastoreDialog::reject);

    auto *line = new QFrame;
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(18, 16, 18, 14);
    layout->setSpacing(10);
    layout->addWidget(intro);
    layout->addWidget(scroll, 1);
    layout->addWidget(line);
    layout->addWidget(m_panel);
    layout->addWidget(m_buttons);

    connect(m_name, &QLineEdit::textChanged, this, &EditDatastoreDialog::updateState);
    connect(m_form, &ConnectionForm::changed, this, &EditDatastoreDialog::updateState);
    connect(m_panel, &ConnectionTestPanel::testRequested, this, &EditDatastoreDialog::startTest);
    connect(m_panel, &ConnectionTestPanel::finished, this,
            [this](const ConnectionTestResult &result) {
                if (result.ok())
                    m_form->setDiscoveredSchemas(result.schemas);
            });
    connect(m_controller, &DatastoreUpdateController::saved, this, [this](qint64 id) {
        m_panel->stopBusy();
        QDialog::accept();
        emit datastoreSaved(id);
    });
    connect(m_controller, &DatastoreUpdateController::failed, this, [this](const QString &message) {
        m_panel->stopBusy();
        m_form->setEnabled(true);
        m_name->setEnabled(true);
        m_panel->showError(tr("The changes were not saved"), message);
        updateState();
    });
    resize(680, 640);
    updateState();
}

bool EditDatastoreDialog::isSaving() const
{
    return m_controller->isRunning();
}

QString EditDatastoreDialog::nameProblem() const
{
    const QString name = m_name->text().trimmed();
    if (name.isEmpty())
        return tr("The datastore needs a name.");
    if (m_takenNames.contains(name.toLower()))
        return tr("A datastore named “%1” already exists. Choose another name.").arg(name);
    return QString();
}

void EditDatastoreDialog::updateState()
{
    wizardui::setProblem(m_nameMessage, nameProblem());
    m_save->setEnabled(isValid() && !isSaving() && nameProblem().isEmpty() && m_form->isComplete());
}

void EditDatastoreDialog::startTest()
{
    const ConnectionDraft d = m_form->draft();
    ConnectionTestRequest r;
    r.connection = draft::toConnection(d, m_connection);
    r.secrets = d.secrets;
    for (auto it = r.secrets.begin(); it != r.secrets.end();)
        it = it.value().isEmpty() ? r.secrets.erase(it) : std::next(it);
    r.storedSecrets = m_connection.secretFields;
    r.vaultEnabled = d.vaultEnabled;
    r.vault = d.vault;
    r.vaultPayloadStored = m_connection.secretFields.contains(draft::kVaultPayloadField);
    r.database = m_form->database();
    r.schema = m_form->schema();
    m_panel->start(r);
}

void EditDatastoreDialog::accept()
{
    updateState();
    if (!m_save->isEnabled())
        return;
    const ConnectionDraft d = m_form->draft();
    DatastoreEdit edit;
    edit.connection = draft::toConnection(d, m_connection);
    for (auto it = d.secrets.cbegin(); it != d.secrets.cend(); ++it)
        if (!it.value().isEmpty())
            edit.secretsToWrite.insert(it.key(), it.value());
    if (d.vaultEnabled && !d.vault.credentialsPayload.trimmed().isEmpty())
        edit.secretsToWrite.insert(draft::kVaultPayloadField, d.vault.credentialsPayload);
    for (const QString &field : std::as_const(m_connection.secretFields))
        if (!edit.connection.secretFields.contains(field))
            edit.secretsToRemove << field;
    edit.datastore = m_datastore;
    edit.datastore.name = m_name->text().trimmed();
    edit.datastore.database = m_form->database();
    edit.datastore.schema = m_form->schema();
    edit.datastore.teams = m_form->teams();

    m_panel->cancel();
    m_form->setEnabled(false);
    m_name->setEnabled(false);
    m_save->setEnabled(false);
    m_panel->showBusy(tr("Saving…"));
    m_controller->update(edit);
}

} // namespace assay
