#include "FakeVault.h"
#include "KeyboardAudit.h"
#include "WizardFixture.h"
#include "app/engine/OperationEngine.h"
#include "app/secrets/CredentialStore.h"
#include "models/catalog/Catalog.h"
#include "ui/widgets/BusySpinner.h"
#include "ui/widgets/ConnectionForm.h"
#include "ui/widgets/ConnectionTestPanel.h"
#include "ui/widgets/StatusBanner.h"
#include "ui/widgets/TeamsSelector.h"
#include "ui/widgets/ToggleSwitch.h"
#include "ui/widgets/VaultFields.h"
#include "ui/wizard/AddDatastoreWizard.h"
#include "ui/wizard/ConnectionPage.h"
#include "ui/wizard/DatastorePage.h"
#include "ui/wizard/DeleteDatastore.h"
#include "ui/wizard/EditDatastoreDialog.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace assay;
using assay::test::FakeVault;

using namespace assay::test;

class TestAddDatastoreWizard : public QObject, public WizardFixture
{
    Q_OBJECT

private:
    qint64 m_existingDatastore = 0; // "Existing Shop", SQLite, made without the wizard
    qint64 m_pgDatastore = 0;       // made by postgresEndToEnd

private slots:
    void initTestCase()
    {
        QString why;
        QVERIFY2(startFixture(&why), qPrintable(why));

        // A datastore made elsewhere (the CLI): its name is taken, its teams are offered.
        Connection c;
        c.name = QStringLiteral("shop-file");
        c.type = QStringLiteral("sqlite");
        c.database = makeSqliteFile(QStringLiteral("shop.sqlite"));
        Datastore d;
        d.name = QStringLiteral("Existing Shop");
        d.connectionId = m_catalog.addConnection(c);
        QVERIFY(d.connectionId);
        d.database = c.database;
        d.schema = QStringLiteral("main");
        d.teams = QStringList{QStringLiteral("Finance")};
        m_existingDatastore = m_catalog.addDatastore(d);
        QVERIFY(m_existingDatastore);
    }

    void cleanupTestCase() { QVERIFY(stopFixture()); }

    void pageOneListsSearchableConnectors()
    {
        auto wizard = newWizard();
        QVERIFY(wizard);
        QCOMPARE(wizard->windowTitle(), QStringLiteral("Add Datastore"));
        QCOMPARE(wizard->wizardStyle(), QWizard::ModernStyle);
        DatastorePage *page = wizard->datastorePage();
        QVERIFY(page->newConnectionToggle()->isChecked());
        QVERIFY(page->connectorList()->isVisible());
        QVERIFY(page->connectorList()->model()->rowCount() >= 5);
        QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
        QVERIFY(!wizard->button(QWizard::CustomButton1)->isVisible());

        page->nameEdit()->setText(QStringLiteral("Screenshot"));
        page->selectConnector(QStringLiteral("postgresql"));
        saveShot(*wizard, QStringLiteral("wizard-datastore.png"));

        // One match is taken at once; no match says so and leaves nothing chosen.
        QTest::keyClicks(page->connectorFilter(), QStringLiteral("sqlite"));
        QCOMPARE(page->connectorList()->model()->rowCount(), 1);
        QCOMPARE(page->connectorId(), QStringLiteral("sqlite"));
        QVERIFY(wizard->button(QWizard::NextButton)->isEnabled());
        page->connectorFilter()->setText(QStringLiteral("no such database"));
        QCOMPARE(page->connectorList()->model()->rowCount(), 0);
        QVERIFY(page->findChild<QLabel *>(QStringLiteral("connectorNoMatch"))->isVisible());
        QVERIFY(page->connectorId().isEmpty());
        QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
        page->connectorFilter()->clear();
        QVERIFY(page->connectorList()->model()->rowCount() >= 5);
    }

    void nameMustBeUnique()
    {
        auto wizard = newWizard();
        QVERIFY(wizard);
        DatastorePage *page = wizard->datastorePage();
        page->selectConnector(QStringLiteral("postgresql"));
        QTest::keyClicks(page->nameEdit(), QStringLiteral("existing shop"));
        QVERIFY(!page->isComplete());
        QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
        QVERIFY2(page->nameMessage()->text().contains(QStringLiteral("already exists")),
                 qPrintable(page->nameMessage()->text()));
        page->nameEdit()->setText(QStringLiteral("Existing Shop 2"));
        QVERIFY(page->isComplete());
        QVERIFY(!page->nameMessage()->text().contains(QStringLiteral("already exists")));
        QVERIFY(wizard->button(QWizard::NextButton)->isEnabled());
        page->nameEdit()->setText(QStringLiteral("   "));
        QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());
    }

    void emptyRequiredFieldKeepsFinishDisabled()
    {
        auto wizard = newWizard();
        QVERIFY(wizard);
        QVERIFY(
            toConnectionPage(*wizard, QStringLiteral("Required"), QStringLiteral("postgresql")));
        ConnectionForm *form = wizard->connectionPage()->form();
        // The vendor's default port is there already; required fields are marked.
        QCOMPARE(form->fieldEdit(QStringLiteral("port"))->text(), QStringLiteral("5432"));
        QCOMPARE(form->schema(), QStringLiteral("public"));
        QCOMPARE(form->fieldEdit(QStringLiteral("password"))->echoMode(), QLineEdit::Password);
        QVERIFY(form->initiateSyncBox()->isChecked());
        QCOMPARE(form->teams(), QStringList{QStringLiteral("Public")});
        QVERIFY(form->teamsSelector()->availableTeams().contains(QStringLiteral("Finance")));
        QAbstractButton *finish = wizard->button(QWizard::FinishButton);
        QAbstractButton *link = wizard->button(QWizard::CustomButton1);
        QVERIFY(finish->isVisible());
        QVERIFY(link->isVisible());
        QCOMPARE(link->text(), QStringLiteral("Next: Link Enrichment"));
        QVERIFY(!finish->isEnabled());
        QVERIFY(!link->isEnabled());

        fillPostgres(form, m_pg, QStringLiteral("x"));
        QVERIFY(finish->isEnabled());
        QVERIFY(link->isEnabled());
        form->fieldEdit(QStringLiteral("host"))->clear();
        QVERIFY(!finish->isEnabled());
        QVERIFY(!link->isEnabled());
        form->fieldEdit(QStringLiteral("host"))->setText(m_pg.host);
        form->fieldEdit(QStringLiteral("password"))->clear();
        QVERIFY(!finish->isEnabled());
        form->fieldEdit(QStringLiteral("password"))->setText(QStringLiteral("x"));
        // A port must be a port.
        form->fieldEdit(QStringLiteral("port"))->setText(QStringLiteral("54x"));
        QVERIFY(!finish->isEnabled());
        QVERIFY(form->problem().contains(QStringLiteral("Port")));
        form->fieldEdit(QStringLiteral("port"))->setText(QString::number(m_pg.port));
        // Teams are required too.
        form->setTeams({});
        QVERIFY(!finish->isEnabled());
        form->teamsSelector()->newTeamEdit()->setText(QStringLiteral("Data Platform"));
        form->teamsSelector()->addButton()->click();
        QCOMPARE(form->teams(), QStringList{QStringLiteral("Data Platform")});
        QVERIFY(finish->isEnabled());
        // Enter in the new-team line adds the team; it does not press Finish.
        QTest::keyClicks(form->teamsSelector()->newTeamEdit(), QStringLiteral("Ops"));
        QTest::keyClick(form->teamsSelector()->newTeamEdit(), Qt::Key_Return);
        QCOMPARE(form->teams(),
                 (QStringList{QStringLiteral("Data Platform"), QStringLiteral("Ops")}));
        QVERIFY(form->teamsSelector()->newTeamEdit()->text().isEmpty());
        QVERIFY(!wizard->isCreating());
        QVERIFY(wizard->isVisible());
        QCOMPARE(wizard->currentId(), int(AddDatastoreWizard::ConnectionPageId));

        // The eye shows the secret, and hides it again.
        QAction *reveal = form->revealAction(QStringLiteral("password"));
        QVERIFY(reveal);
        reveal->trigger();
        QCOMPARE(form->fieldEdit(QStringLiteral("password"))->echoMode(), QLineEdit::Normal);
        reveal->trigger();
        QCOMPARE(form->fieldEdit(QStringLiteral("password"))->echoMode(), QLineEdit::Password);

        // Every input has a name for screen readers.
        for (QWidget *w : form->editableWidgets())
            QVERIFY2(!w->accessibleName().isEmpty(), w->metaObject()->className());
    }

    void postgresEndToEnd()
    {
        auto wizard = newWizard();
        QVERIFY(wizard);
        QVERIFY(
            toConnectionPage(*wizard, QStringLiteral("Warehouse"), QStringLiteral("postgresql")));
        ConnectionForm *form = wizard->connectionPage()->form();
        ConnectionTestPanel *panel = wizard->connectionPage()->testPanel();

        // Wrong password: a red banner that says so.
        fillPostgres(form, m_pg, QStringLiteral("not-the-password"));
        StatusBanner *banner = runTest(*wizard);
        QVERIFY(banner);
        QCOMPARE(banner->kind(), StatusBanner::Kind::Error);
        QCOMPARE(banner->title(), QStringLiteral("Authentication failed"));
        QVERIFY(!banner->hint().isEmpty());
        QVERIFY(!form->schemaIsDropDown());
        saveShot(*wizard, QStringLiteral("wizard-connection-error.png"));

        // Nothing listening: refused.
        form->fieldEdit(QStringLiteral("port"))
            ->setText(QString::number(test::closedLoopbackPort()));
        form->fieldEdit(QStringLiteral("host"))->setText(QStringLiteral("127.0.0.1"));
        banner = runTest(*wizard);
        QVERIFY(banner);
        QCOMPARE(banner->kind(), StatusBanner::Kind::Error);
        QVERIFY2(banner->title() == QStringLiteral("Connection refused"),
                 qPrintable(banner->text()));

        // The right password: green, with the server version, and the schemas to pick from.
        fillPostgres(form, m_pg, m_pg.password);
        banner = runTest(*wizard);
        QVERIFY(!panel->isRunning());
        QVERIFY(banner);
        QVERIFY2(banner->kind() == StatusBanner::Kind::Success, qPrintable(banner->text()));
        QCOMPARE(banner->title(), QStringLiteral("Connection verified"));
        QVERIFY2(banner->detail().contains(QStringLiteral("PostgreSQL")),
                 qPrintable(banner->detail()));
        QVERIFY(form->schemaIsDropDown());
        QVERIFY(form->schemaCombo()->findText(QStringLiteral("public")) >= 0);
        QVERIFY(form->schemaCombo()->isEditable());
        QCOMPARE(form->schema(), QStringLiteral("public"));
        wizard->connectionPage()->scrollArea()->ensureWidgetVisible(form->teamsSelector());
        saveShot(*wizard, QStringLiteral("wizard-connection-success.png"));
        wizard->connectionPage()->scrollArea()->ensureVisible(0, 0);
        saveShot(*wizard, QStringLiteral("wizard-connection.png"));

        // Finish: the datastore, its connection, the password in the keychain, a sync queued.
        QVERIFY(form->initiateSyncBox()->isChecked());
        QSignalSpy queued(m_engine.get(), &OperationEngine::operationQueued);
        QSignalSpy created(wizard.get(), &AddDatastoreWizard::datastoreCreated);
        QTest::mouseClick(wizard->button(QWizard::FinishButton), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(wizard->successBox(), 20000);
        QVERIFY(wizard->isVisible()); // the wizard closes with the box
        QVERIFY2(wizard->successBox()->text().contains(QStringLiteral("Warehouse")),
                 qPrintable(wizard->successBox()->text()));
        QCOMPARE(wizard->successBox()->text(), QStringLiteral("Datastore Warehouse was added."));
        saveShot(*wizard->successBox(), QStringLiteral("wizard-success-box.png"));
        wizard->successBox()->button(QMessageBox::Ok)->click();
        QTRY_COMPARE(created.size(), 1);
        QVERIFY(!wizard->isVisible());
        QCOMPARE(wizard->result(), int(QDialog::Accepted));
        const qint64 id = created.at(0).at(0).toLongLong();
        QCOMPARE(created.at(0).at(1).toBool(), false);

        const auto datastore = m_catalog.datastore(id);
        QVERIFY(datastore);
        QCOMPARE(datastore->name, QStringLiteral("Warehouse"));
        QCOMPARE(datastore->database, m_pg.database);
        QCOMPARE(datastore->schema, QStringLiteral("public"));
        QCOMPARE(datastore->teams, QStringList{QStringLiteral("Public")});
        const auto connection = m_catalog.connection(datastore->connectionId);
        QVERIFY(connection);
        QCOMPARE(connection->type, QStringLiteral("postgresql"));
        QCOMPARE(connection->host, m_pg.host);
        QCOMPARE(connection->port, m_pg.port);
        QCOMPARE(connection->username, m_pg.user);
        QCOMPARE(connection->secretFields, QStringList{QStringLiteral("password")});
        QVERIFY(!connection->uuid.isEmpty());
        // The password is nowhere in the Catalog, and in the keychain under the uuid.
        const QByteArray parameters = QJsonDocument(connection->parameters).toJson();
        QVERIFY(!parameters.contains(m_pg.password.toUtf8()));
        QVERIFY(!connection->parameters.contains(QStringLiteral("password")));
        QFile catalogFile(m_catalog.path());
        QVERIFY(catalogFile.open(QIODevice::ReadOnly));
        QVERIFY(!catalogFile.readAll().contains(m_pg.password.toUtf8()));
        QCOMPARE(keychainSecret(connection->uuid, QStringLiteral("password")), m_pg.password);
        // Initiate Sync was on: one sync queued for it.
        QCOMPARE(queued.size(), 1);
        QCOMPARE(queued.at(0).at(1).toLongLong(), id);
        const QList<Operation> operations = m_catalog.operations(id);
        QCOMPARE(operations.size(), 1);
        QCOMPARE(operations.first().type, operation_type::kSync);
        m_pgDatastore = id;
    }

    void sqliteFileDatastoreThenLinkEnrichment()
    {
        const QString file = makeSqliteFile(QStringLiteral("sales.sqlite"));
        QVERIFY(!file.isEmpty());
        auto wizard = newWizard();
        QVERIFY(wizard);
        QVERIFY(toConnectionPage(*wizard, QStringLiteral("Sales file"), QStringLiteral("sqlite")));
        ConnectionForm *form = wizard->connectionPage()->form();
        QVERIFY(form->browseButton(QStringLiteral("database")));
        QVERIFY(form->browseButton(QStringLiteral("database"))->isVisible());
        QVERIFY(!form->fieldEdit(QStringLiteral("host"))); // a file has no host
        QCOMPARE(form->schema(), QStringLiteral("main"));
        QVERIFY(!wizard->button(QWizard::FinishButton)->isEnabled());
        form->databaseEdit()->setText(file);
        QVERIFY(wizard->button(QWizard::FinishButton)->isEnabled());
        StatusBanner *banner = runTest(*wizard);
        QVERIFY(banner);
        QVERIFY2(banner->kind() == StatusBanner::Kind::Success, qPrintable(banner->text()));
        QVERIFY(banner->detail().contains(QStringLiteral("SQLite")));
        QCOMPARE(form->schemaCombo()->itemText(0), QStringLiteral("main"));
        saveShot(*wizard, QStringLiteral("wizard-sqlite.png"));

        form->initiateSyncBox()->setChecked(false);
        QSignalSpy queued(m_engine.get(), &OperationEngine::operationQueued);
        QSignalSpy created(wizard.get(), &AddDatastoreWizard::datastoreCreated);
        QAbstractButton *link = wizard->button(QWizard::CustomButton1);
        QVERIFY(link->isEnabled());
        QTest::mouseClick(link, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(wizard->successBox(), 10000);
        QVERIFY(wizard->successBox()->informativeText().contains(QStringLiteral("enrichment")));
        wizard->successBox()->button(QMessageBox::Ok)->click();
        QTRY_COMPARE(created.size(), 1);
        QCOMPARE(created.at(0).at(1).toBool(), true); // open Link Enrichment next
        const auto datastore = m_catalog.datastore(created.at(0).at(0).toLongLong());
        QVERIFY(datastore);
        QCOMPARE(datastore->database, QFileInfo(file).absoluteFilePath());
        QCOMPARE(datastore->schema, QStringLiteral("main"));
        const auto connection = m_catalog.connection(datastore->connectionId);
        QVERIFY(connection);
        QCOMPARE(connection->type, QStringLiteral("sqlite"));
        QCOMPARE(connection->database, QFileInfo(file).absoluteFilePath());
        QVERIFY(connection->secretFields.isEmpty());
        QCOMPARE(queued.size(), 0); // Initiate Sync was off
        QVERIFY(m_catalog.operations(datastore->id).isEmpty());
    }

    void reusingAnExistingConnection()
    {
        QVERIFY2(m_pgDatastore, "needs postgresEndToEnd");
        const Connection pg =
            *m_catalog.connection(m_catalog.datastore(m_pgDatastore)->connectionId);
        const int connectionsBefore = int(m_catalog.connections().size());

        auto wizard = newWizard();
        QVERIFY(wizard);
        DatastorePage *page = wizard->datastorePage();
        page->nameEdit()->setText(QStringLiteral("Warehouse (information_schema)"));
        QVERIFY(page->newConnectionToggle()->isEnabled());
        page->newConnectionToggle()->setChecked(false);
        QVERIFY(!page->connectorList()->isVisible());
        QVERIFY(page->connectionCombo()->isVisible());
        QVERIFY(page->selectConnection(pg.id));
        QVERIFY(page->connectionDetails()->text().contains(pg.host));
        QVERIFY(page->connectionDetails()->text().contains(QStringLiteral("Warehouse")));
        QVERIFY(!page->connectionDetails()->text().contains(m_pg.password));
        saveShot(*wizard, QStringLiteral("wizard-existing-connection.png"));
        wizard->button(QWizard::NextButton)->click();
        QCOMPARE(wizard->currentId(), int(AddDatastoreWizard::ConnectionPageId));

        ConnectionForm *form = wizard->connectionPage()->form();
        QCOMPARE(form->mode(), ConnectionForm::Mode::ExistingConnection);
        // The connection's properties are shown, not editable.
        for (const char *name : {"host", "port", "username", "password"}) {
            QLineEdit *edit = form->fieldEdit(QLatin1String(name));
            QVERIFY2(edit, name);
            QVERIFY2(edit->isReadOnly(), name);
        }
        QCOMPARE(form->fieldEdit(QStringLiteral("host"))->text(), pg.host);
        QVERIFY(form->fieldEdit(QStringLiteral("password"))->text().isEmpty());
        QVERIFY(!form->revealAction(QStringLiteral("password"))->isVisible());
        QVERIFY(!form->vault()->toggle()->isEnabled());
        // Only Database, Schema, Teams and Initiate Sync are editable.
        const QList<QWidget *> editable = form->editableWidgets();
        QCOMPARE(editable.size(), 4);
        QCOMPARE(editable.at(0), form->databaseEdit());
        QVERIFY(!form->databaseEdit()->isReadOnly());
        QCOMPARE(editable.at(1), form->schemaEdit());
        QCOMPARE(editable.at(2), form->teamsSelector());
        QCOMPARE(editable.at(3), form->initiateSyncBox());
        QCOMPARE(form->databaseEdit()->text(), pg.database);
        saveShot(*wizard, QStringLiteral("wizard-existing-page2.png"));

        // The test reads the password from the keychain.
        StatusBanner *banner = runTest(*wizard);
        QVERIFY(banner);
        QVERIFY2(banner->kind() == StatusBanner::Kind::Success, qPrintable(banner->text()));
        QVERIFY(form->schemaCombo()->findText(QStringLiteral("public")) >= 0);
        form->schemaCombo()->setCurrentText(QStringLiteral("information_schema"));
        form->setTeams({QStringLiteral("Finance"), QStringLiteral("Public")});
        form->initiateSyncBox()->setChecked(false);

        QSignalSpy created(wizard.get(), &AddDatastoreWizard::datastoreCreated);
        wizard->button(QWizard::FinishButton)->click();
        QTRY_VERIFY_WITH_TIMEOUT(wizard->successBox(), 10000);
        wizard->successBox()->button(QMessageBox::Ok)->click();
        QTRY_COMPARE(created.size(), 1);
        const auto datastore = m_catalog.datastore(created.at(0).at(0).toLongLong());
        QVERIFY(datastore);
        QCOMPARE(datastore->connectionId, pg.id);
        QCOMPARE(datastore->schema, QStringLiteral("information_schema"));
        QCOMPARE(datastore->teams,
                 (QStringList{QStringLiteral("Public"), QStringLiteral("Finance")}));
        QCOMPARE(int(m_catalog.connections().size()), connectionsBefore); // no new connection
    }

    void vaultReferencesResolveOnTest()
    {
        FakeVault vault(m_pg.password);
        QVERIFY(vault.start());
        auto wizard = newWizard();
        QVERIFY(wizard);
        QVERIFY(toConnectionPage(*wizard, QStringLiteral("Vaulted"), QStringLiteral("postgresql")));
        ConnectionForm *form = wizard->connectionPage()->form();
        VaultFields *v = form->vault();
        QVERIFY(!v->loginUrlEdit()->isVisible());
        QTest::mouseClick(v->toggle(), Qt::LeftButton);
        QVERIFY(v->isEnabled());
        QVERIFY(v->loginUrlEdit()->isVisible());
        QCOMPARE(v->tokenJsonPathEdit()->text(), QStringLiteral("$.auth.client_token"));
        QCOMPARE(v->tokenHeaderEdit()->text(), QStringLiteral("X-Vault-Token"));
        QCOMPARE(v->dataJsonPathEdit()->text(), QStringLiteral("$.data"));

        fillPostgres(form, m_pg, QStringLiteral("${pw}"));
        v->loginUrlEdit()->setText(vault.url("/v1/auth/approle/login"));
        v->secretUrlEdit()->setText(vault.url("/v1/secret/data/pg"));
        // The payload is checked as JSON while typing.
        v->payloadEdit()->setPlainText(QStringLiteral("{\"role_id\": \"r\", "));
        QVERIFY(v->payloadStatus()->isVisible());
        QVERIFY(v->payloadStatus()->text().startsWith(QStringLiteral("Not valid JSON")));
        QVERIFY(!wizard->button(QWizard::FinishButton)->isEnabled());
        const QString payload = QStringLiteral("{\"role_id\": \"r\", \"secret_id\": \"s\"}");
        v->payloadEdit()->setPlainText(payload);
        QCOMPARE(v->payloadStatus()->text(), QStringLiteral("Valid JSON object."));
        QVERIFY(wizard->button(QWizard::FinishButton)->isEnabled());
        wizard->connectionPage()->scrollArea()->ensureWidgetVisible(v->secretUrlEdit());
        saveShot(*wizard, QStringLiteral("wizard-vault.png"));

        StatusBanner *banner = runTest(*wizard);
        QVERIFY(banner);
        QVERIFY2(banner->kind() == StatusBanner::Kind::Success, qPrintable(banner->text()));
        QCOMPARE(vault.requests, (QStringList{QStringLiteral("POST /v1/auth/approle/login"),
                                              QStringLiteral("GET /v1/secret/data/pg")}));
        QCOMPARE(QJsonDocument::fromJson(vault.lastLoginBody).object(),
                 QJsonDocument::fromJson(payload.toUtf8()).object());

        // A key the secret lacks is named.
        form->fieldEdit(QStringLiteral("password"))->setText(QStringLiteral("${nope}"));
        banner = runTest(*wizard);
        QVERIFY(banner);
        QCOMPARE(banner->kind(), StatusBanner::Kind::Error);
        QVERIFY2(banner->detail().contains(QStringLiteral("nope")), qPrintable(banner->text()));
        form->fieldEdit(QStringLiteral("password"))->setText(QStringLiteral("${pw}"));

        // Saved: the payload in the keychain, the rest of the Vault settings in the connection.
        QSignalSpy created(wizard.get(), &AddDatastoreWizard::datastoreCreated);
        form->initiateSyncBox()->setChecked(false);
        wizard->button(QWizard::FinishButton)->click();
        QVERIFY(saveAnyway(*wizard)); // ${pw} itself was not tested
        QTRY_VERIFY_WITH_TIMEOUT(wizard->successBox(), 10000);
        wizard->successBox()->button(QMessageBox::Ok)->click();
        QTRY_COMPARE(created.size(), 1);
        const auto datastore = m_catalog.datastore(created.at(0).at(0).toLongLong());
        QVERIFY(datastore);
        const Connection c = *m_catalog.connection(datastore->connectionId);
        const QJsonObject manager =
            c.parameters.value(QStringLiteral("secrets_manager")).toObject();
        QCOMPARE(manager.value(QStringLiteral("login_url")).toString(),
                 vault.url("/v1/auth/approle/login"));
        QCOMPARE(manager.value(QStringLiteral("secret_url")).toString(),
                 vault.url("/v1/secret/data/pg"));
        QVERIFY(!manager.contains(QStringLiteral("credentials_payload")));
        QVERIFY(!QJsonDocument(c.parameters).toJson().contains("secret_id"));
        QVERIFY(c.secretFields.contains(QStringLiteral("vault_payload")));
        QCOMPARE(keychainSecret(c.uuid, QStringLiteral("vault_payload")), payload);
        QCOMPARE(keychainSecret(c.uuid, QStringLiteral("password")), QStringLiteral("${pw}"));
    }

    void keychainFailureLeavesNothing()
    {
        // A keychain that never answers in time.
        CredentialStore slow(nullptr, 1);
        auto wizard = newWizard(&slow);
        QVERIFY(wizard);
        QVERIFY(
            toConnectionPage(*wizard, QStringLiteral("Never saved"), QStringLiteral("postgresql")));
        fillPostgres(wizard->connectionPage()->form(), m_pg, m_pg.password);
        const int connectionsBefore = int(m_catalog.connections().size());
        wizard->button(QWizard::FinishButton)->click();
        QVERIFY(saveAnyway(*wizard));
        QVERIFY(wizard->isCreating());
        QVERIFY(!wizard->button(QWizard::FinishButton)->isEnabled());
        QVERIFY(!wizard->button(QWizard::CancelButton)->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(!wizard->isCreating(), 10000);
        StatusBanner *banner = wizard->connectionPage()->testPanel()->banner();
        QVERIFY(banner->isVisible());
        QCOMPARE(banner->kind(), StatusBanner::Kind::Error);
        QCOMPARE(banner->title(), QStringLiteral("The datastore was not added"));
        QVERIFY2(banner->detail().contains(QStringLiteral("keychain")), qPrintable(banner->text()));
        QVERIFY(!wizard->successBox());
        QVERIFY(wizard->isVisible());
        QVERIFY(!m_catalog.datastoreByName(QStringLiteral("Never saved")));
        QCOMPARE(int(m_catalog.connections().size()), connectionsBefore);
        QVERIFY(wizard->button(QWizard::FinishButton)->isEnabled()); // may try again
        QVERIFY(wizard->button(QWizard::CancelButton)->isEnabled());
        // Let the late keychain jobs finish before the store goes.
        QTest::qWait(500);
    }

    void cancelAsksOnlyWhenSomethingWasTyped()
    {
        {
            auto wizard = newWizard();
            QVERIFY(wizard);
            wizard->button(QWizard::CancelButton)->click();
            QVERIFY(!wizard->discardBox());
            QVERIFY(!wizard->isVisible());
            QCOMPARE(wizard->result(), int(QDialog::Rejected));
        }
        auto wizard = newWizard();
        QVERIFY(wizard);
        QTest::keyClicks(wizard->datastorePage()->nameEdit(), QStringLiteral("Half typed"));
        wizard->button(QWizard::CancelButton)->click();
        QVERIFY(wizard->discardBox());
        QVERIFY(wizard->isVisible());
        saveShot(*wizard->discardBox(), QStringLiteral("wizard-discard.png"));
        wizard->discardBox()
            ->findChild<QPushButton *>(QStringLiteral("keepEditingButton"))
            ->click();
        QTRY_VERIFY(!wizard->discardBox());
        QVERIFY(wizard->isVisible());
        QCOMPARE(wizard->datastorePage()->nameEdit()->text(), QStringLiteral("Half typed"));
        QTest::keyClick(wizard.get(), Qt::Key_Escape);
        QVERIFY(wizard->discardBox());
        wizard->discardBox()->findChild<QPushButton *>(QStringLiteral("discardButton"))->click();
        QTRY_VERIFY(!wizard->isVisible());
        QCOMPARE(wizard->result(), int(QDialog::Rejected));
    }

    void editDatastoreKeepsBlankSecrets()
    {
        QVERIFY2(m_pgDatastore, "needs postgresEndToEnd");
        const Datastore before = *m_catalog.datastore(m_pgDatastore);
        const Connection connection = *m_catalog.connection(before.connectionId);
        EditDatastoreDialog dialog(&m_catalog, &m_store, m_pgDatastore);
        QVERIFY(dialog.isValid());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        ConnectionForm *form = dialog.form();
        ASSAY_VERIFY_KEYBOARD(&dialog);
        QCOMPARE(form->mode(), ConnectionForm::Mode::EditConnection);
        QCOMPARE(dialog.nameEdit()->text(), before.name);
        QCOMPARE(form->fieldEdit(QStringLiteral("host"))->text(), connection.host);
        QVERIFY(!form->fieldEdit(QStringLiteral("host"))->isReadOnly());
        QVERIFY(form->fieldEdit(QStringLiteral("password"))->text().isEmpty());
        QVERIFY(!form->initiateSyncBox()->isVisible());
        QVERIFY(dialog.saveButton()->isEnabled()); // a blank secret keeps the stored one
        saveShot(dialog, QStringLiteral("edit-datastore.png"));

        // Renaming checks uniqueness.
        dialog.nameEdit()->setText(QStringLiteral("Existing Shop"));
        QVERIFY(!dialog.saveButton()->isEnabled());
        QVERIFY(dialog.nameMessage()->text().contains(QStringLiteral("already exists")));
        dialog.nameEdit()->setText(QStringLiteral("Warehouse (renamed)"));
        QVERIFY(dialog.saveButton()->isEnabled());

        // Testing with the blank password uses the keychain's.
        QTest::mouseClick(dialog.testPanel()->testButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.testPanel()->isRunning(), kNetworkTimeoutMs);
        QVERIFY2(dialog.testPanel()->banner()->kind() == StatusBanner::Kind::Success,
                 qPrintable(dialog.testPanel()->banner()->text()));

        form->setTeams({QStringLiteral("Data Platform")});
        QSignalSpy saved(&dialog, &EditDatastoreDialog::datastoreSaved);
        dialog.saveButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 1, 10000);
        QVERIFY(!dialog.isVisible());
        const Datastore after = *m_catalog.datastore(m_pgDatastore);
        QCOMPARE(after.name, QStringLiteral("Warehouse (renamed)"));
        QCOMPARE(after.teams, QStringList{QStringLiteral("Data Platform")});
        QCOMPARE(keychainSecret(connection.uuid, QStringLiteral("password")), m_pg.password);
        QCOMPARE(m_catalog.connection(connection.id)->secretFields,
                 QStringList{QStringLiteral("password")});
    }

    void deleteNamesWhatGoesAndKeepsSharedConnections()
    {
        QVERIFY2(m_pgDatastore, "needs postgresEndToEnd");
        const Datastore shared = *m_catalog.datastore(m_pgDatastore);
        const Connection connection = *m_catalog.connection(shared.connectionId);
        QVERIFY(m_catalog.datastoresUsingConnection(connection.id).value().size() >= 2);
        QTRY_VERIFY_WITH_TIMEOUT(!m_engine->isDatastoreBusy(m_pgDatastore), 60000);

        // Shared connection: the datastore goes, the connection and its password stay.
        QWidget host;
        DatastoreDeletion *deletion =
            confirmDeleteDatastore(&host, &m_catalog, &m_store, m_pgDatastore);
        QVERIFY(deletion);
        QVERIFY(!deletion->deletesConnection());
        QVERIFY(deletion->confirmationBox());
        QVERIFY(deletion->confirmationBox()->text().contains(shared.name));
        const QString informative = deletion->confirmationBox()->informativeText();
        QVERIFY(informative.contains(QStringLiteral("container")));
        QVERIFY(informative.contains(QStringLiteral("operation")));
        QVERIFY(informative.contains(QStringLiteral("is kept")));
        QVERIFY(informative.contains(QStringLiteral("never touched")));
        saveShot(*deletion->confirmationBox(), QStringLiteral("delete-datastore.png"));
        QSignalSpy finished(deletion, &DatastoreDeletion::finished);
        QSignalSpy removed(&m_catalog, &Catalog::datastoreRemoved);
        deletion->deleteButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString()));
        QCOMPARE(removed.size(), 1);
        QVERIFY(!m_catalog.datastore(m_pgDatastore));
        QVERIFY(m_catalog.operations(m_pgDatastore).isEmpty());
        QVERIFY(m_catalog.connection(connection.id));
        QCOMPARE(keychainSecret(connection.uuid, QStringLiteral("password")), m_pg.password);

        // Cancel deletes nothing.
        const qint64 other = m_catalog.datastoreByName(QStringLiteral("Vaulted"))->id;
        const Connection vaulted = *m_catalog.connection(m_catalog.datastore(other)->connectionId);
        deletion = confirmDeleteDatastore(&host, &m_catalog, &m_store, other);
        QVERIFY(deletion);
        QSignalSpy cancelled(deletion, &DatastoreDeletion::finished);
        deletion->confirmationBox()->button(QMessageBox::Cancel)->click();
        QTRY_COMPARE(cancelled.size(), 1);
        QVERIFY(!cancelled.at(0).at(0).toBool());
        QVERIFY(m_catalog.datastore(other));

        // Sole user: the connection and every keychain entry of it go too.
        deletion = confirmDeleteDatastore(&host, &m_catalog, &m_store, other);
        QVERIFY(deletion);
        QVERIFY(deletion->deletesConnection());
        QVERIFY(
            deletion->consequences().join(QLatin1Char('\n')).contains(QStringLiteral("password")));
        QVERIFY(deletion->consequences()
                    .join(QLatin1Char('\n'))
                    .contains(QStringLiteral("vault_payload")));
        QSignalSpy done(deletion, &DatastoreDeletion::finished);
        deletion->deleteButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 10000);
        QVERIFY2(done.at(0).at(0).toBool(), qPrintable(done.at(0).at(1).toString()));
        QVERIFY(!m_catalog.datastore(other));
        QVERIFY(!m_catalog.connection(vaulted.id));
        QCOMPARE(m_store.readAndWait(vaulted.uuid, QStringLiteral("password")).error,
                 CredentialError::NotFound);
        QCOMPARE(m_store.readAndWait(vaulted.uuid, QStringLiteral("vault_payload")).error,
                 CredentialError::NotFound);
    }
};

QTEST_MAIN(TestAddDatastoreWizard)
#include "tst_adddatastorewizard.moc"
