#include "KeyboardAudit.h"
#include "TestSupport.h"
#include "app/engine/OperationEngine.h"
#include "app/secrets/CredentialStore.h"
#include "models/catalog/Catalog.h"
#include "ui/widgets/ConnectionForm.h"
#include "ui/widgets/ConnectionTestPanel.h"
#include "ui/widgets/StatusBanner.h"
#include "ui/widgets/TeamsSelector.h"
#include "ui/widgets/ToggleSwitch.h"
#include "ui/wizard/AddDatastoreWizard.h"
#include "ui/wizard/ConnectionPage.h"
#include "ui/wizard/DatastorePage.h"
#include "ui/wizard/MultiSchemaDialog.h"
#include "ui/wizard/MultiSchemaResultsView.h"
#include "ui/wizard/SchemaChecklist.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QUuid>
#include <memory>

using namespace assay;

namespace {

constexpr int kNetworkTimeoutMs = 30000;
const QStringList kSchemas = {QStringLiteral("sales"), QStringLiteral("marketing"),
                              QStringLiteral("finance"), QStringLiteral("ops"),
                              QStringLiteral("quality")};

void saveShot(QWidget &w, const QString &name)
{
    QTest::qWait(50);
    const QString dir = QDir(test::stateDir()).filePath(QStringLiteral("screenshots"));
    QDir().mkpath(dir);
    QVERIFY(w.grab().save(QDir(dir).filePath(name)));
}

// Runs statements as the fixture's user (who owns its database, so it may create schemas).
bool runSql(const test::Server &pg, const QStringList &statements)
{
    bool ok = true;
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("setup"));
        db.setHostName(pg.host);
        db.setPort(pg.port);
        db.setUserName(pg.user);
        db.setPassword(pg.password);
        db.setDatabaseName(pg.database);
        ok = db.open();
        if (!ok)
            qWarning() << db.lastError().text();
        QSqlQuery q(db);
        for (const QString &sql : statements)
            if (ok && !q.exec(sql)) {
                qWarning() << sql << q.lastError().text();
                ok = false;
            }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("setup"));
    return ok;
}

} // namespace

class TestMultiSchemaWizard : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    Catalog m_catalog;
    CredentialStore m_store;
    std::unique_ptr<OperationEngine> m_engine;
    test::Server m_pg;
    qint64 m_connectionId = 0;
    qint64 m_enrichmentId = 0;

    static bool waitForSchemas(MultiSchemaDialog &dialog)
    {
        QElapsedTimer timer;
        timer.start();
        while ((dialog.isDiscovering() || dialog.checklist()->schemas().isEmpty()) &&
               timer.elapsed() < kNetworkTimeoutMs)
            QTest::qWait(20);
        return !dialog.checklist()->schemas().isEmpty();
    }

    static QString checkText(MultiSchemaDialog &dialog, const QString &schema)
    {
        QTreeWidgetItem *item = dialog.checklist()->item(schema);
        return item ? item->text(SchemaChecklist::CheckColumn) : QStringLiteral("<no row>");
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(test::useTestKeyring(), "the Keyring fixture is not running");
        m_pg = test::postgres();
        QVERIFY2(!m_pg.host.isEmpty(), "the Servers fixture is not running");
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_catalog.open(m_dir.filePath(QStringLiteral("catalog.sqlite"))),
                 qPrintable(m_catalog.lastError()));
        m_engine = std::make_unique<OperationEngine>(&m_catalog, &m_store, 1);

        QStringList sql;
        for (const QString &schema : kSchemas)
            sql << QStringLiteral("DROP SCHEMA IF EXISTS %1 CASCADE").arg(schema)
                << QStringLiteral("CREATE SCHEMA %1").arg(schema);
        sql << QStringLiteral("CREATE TABLE sales.orders (id int PRIMARY KEY, total numeric)")
            << QStringLiteral("CREATE TABLE marketing.campaigns (id int PRIMARY KEY, name text)")
            << QStringLiteral("CREATE TABLE finance.ledger (id int PRIMARY KEY, amount numeric)")
            << QStringLiteral("CREATE TABLE ops.jobs (id int PRIMARY KEY, state text)");
        QVERIFY(runSql(m_pg, sql));

        // The connection, its password in the keychain; one schema already onboarded; an
        // enrichment datastore to link to.
        Connection c;
        c.uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
        c.name = QStringLiteral("Warehouse PG");
        c.type = QStringLiteral("postgresql");
        c.host = m_pg.host;
        c.port = m_pg.port;
        c.username = m_pg.user;
        c.database = m_pg.database;
        c.secretFields = {QStringLiteral("password")};
        QVERIFY(m_store.writeAndWait(c.uuid, QStringLiteral("password"), m_pg.password).ok());
        m_connectionId = m_catalog.addConnection(c);
        QVERIFY(m_connectionId);
        Datastore legacy;
        legacy.name = QStringLiteral("Finance (legacy)");
        legacy.connectionId = m_connectionId;
        legacy.database = m_pg.database;
        legacy.schema = QStringLiteral("finance");
        legacy.teams = {QStringLiteral("Finance")};
        QVERIFY(m_catalog.addDatastore(legacy));
        Datastore results;
        results.name = QStringLiteral("Quality Results");
        results.connectionId = m_connectionId;
        results.database = m_pg.database;
        results.schema = QStringLiteral("quality");
        results.enrichOnly = true;
        results.teams = {QStringLiteral("Public")};
        m_enrichmentId = m_catalog.addDatastore(results);
        QVERIFY(m_enrichmentId);
    }

    void cleanupTestCase()
    {
        if (m_engine)
            QTRY_VERIFY_WITH_TIMEOUT(m_engine->isIdle(), 60000);
        m_engine.reset();
        QStringList sql;
        for (const QString &schema : kSchemas)
            sql << QStringLiteral("DROP SCHEMA IF EXISTS %1 CASCADE").arg(schema);
        runSql(m_pg, sql);
    }

    void templatesAndPrefixes()
    {
        QCOMPARE(MultiSchemaController::applyTemplate(QStringLiteral("pg_{{schema}}"),
                                                      QStringLiteral("sales"), QStringLiteral("db"),
                                                      QStringLiteral("c")),
                 QStringLiteral("pg_sales"));
        QCOMPARE(MultiSchemaController::applyTemplate(
                     QStringLiteral("{{ connection }}-{{DATABASE}}.{{schema}}{{other}}"),
                     QStringLiteral("s"), QStringLiteral("d"), QStringLiteral("c")),
                 QStringLiteral("c-d.s{{other}}"));
        QCOMPARE(MultiSchemaController::derivedPrefix(QStringLiteral("pg_sales")),
                 QStringLiteral("_pg_sales"));
        QCOMPARE(MultiSchemaController::derivedPrefix(QStringLiteral("Prod Sales")),
                 QStringLiteral("_prod_sales"));
        const QString longName = QStringLiteral("analytics_") + QString(30, QLatin1Char('x')) +
                                 QStringLiteral("_") + QString(30, QLatin1Char('y'));
        const QString prefix = MultiSchemaController::derivedPrefix(longName);
        QVERIFY(prefix.size() <= 60);
        QVERIFY(!prefix.endsWith(QLatin1Char('_')));
        QVERIFY(prefix.startsWith(QStringLiteral("_analytics_xxx")));
    }

    void onboardFromAnExistingConnection()
    {
        const int connectionsBefore = int(m_catalog.connections().size());
        MultiSchemaDialog dialog(&m_catalog, &m_store, m_engine.get(), m_connectionId);
        QSignalSpy created(&dialog, &MultiSchemaDialog::datastoresCreated);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY2(waitForSchemas(dialog), qPrintable(dialog.banner()->text()));
        SchemaChecklist *list = dialog.checklist();
        ASSAY_VERIFY_KEYBOARD(&dialog);

        // System schemas are hidden; ours are there.
        const QStringList schemas = list->schemas();
        for (const QString &schema : kSchemas + QStringList{QStringLiteral("public")})
            QVERIFY2(schemas.contains(schema), qPrintable(schemas.join(QLatin1Char(','))));
        for (const QString &system : {QStringLiteral("pg_catalog"), QStringLiteral("pg_toast"),
                                      QStringLiteral("information_schema")})
            QVERIFY(!schemas.contains(system));
        QVERIFY(dialog.statusLabel()->text().contains(QStringLiteral("system schemas are hidden")));

        // The onboarded schema carries a warning naming its datastore.
        QTreeWidgetItem *finance = list->item(QStringLiteral("finance"));
        QVERIFY(!finance->icon(SchemaChecklist::SchemaColumn).isNull());
        QVERIFY(finance->toolTip(SchemaChecklist::SchemaColumn)
                    .contains(QStringLiteral("“Finance (legacy)”")));
        QVERIFY(list->item(QStringLiteral("sales"))->icon(SchemaChecklist::SchemaColumn).isNull());

        // Search, select all (of what is shown), select none. (The server is shared with the
        // tests running beside this one: their schemas, like st_<test name>, must not match.)
        QTest::keyClicks(list->searchEdit(), QStringLiteral("ARKETI"));
        QCOMPARE(list->visibleCount(), 1);
        QVERIFY(!list->item(QStringLiteral("marketing"))->isHidden());
        list->selectAllButton()->click();
        QCOMPARE(list->checkedSchemas(), QStringList{QStringLiteral("marketing")});
        QCOMPARE(list->countLabel()->text(), QStringLiteral("1 selected"));
        list->searchEdit()->setText(QStringLiteral("nothing like it"));
        QVERIFY(list->noMatchLabel()->isVisible());
        list->searchEdit()->clear();
        QCOMPARE(list->visibleCount(), schemas.size());
        list->selectAllButton()->click();
        QCOMPARE(list->countLabel()->text(), QStringLiteral("%1 selected").arg(schemas.size()));
        list->selectNoneButton()->click();
        QCOMPARE(list->countLabel()->text(), QStringLiteral("0 selected"));
        QVERIFY(!dialog.createButton()->isEnabled());
        QCOMPARE(dialog.previewLabel()->text(),
                 QStringLiteral("Select schemas to preview their names."));

        for (const QString &schema :
             {QStringLiteral("sales"), QStringLiteral("marketing"), QStringLiteral("finance")})
            list->setChecked(schema, true);
        QCOMPARE(list->countLabel()->text(), QStringLiteral("3 selected"));
        QCOMPARE(dialog.previewLabel()->text(),
                 QStringLiteral("Preview: %1_finance, %1_marketing, %1_sales").arg(m_pg.database));
        QVERIFY(dialog.createButton()->isEnabled());

        // Per-row checks: duplicates and empty names block; a taken name is skipped.
        dialog.templateEdit()->setText(QStringLiteral("pg"));
        QCOMPARE(checkText(dialog, QStringLiteral("sales")), QStringLiteral("Duplicate name"));
        QVERIFY(dialog.templateProblem()->isVisible());
        QVERIFY(!dialog.createButton()->isEnabled());
        dialog.templateEdit()->setText(QStringLiteral("{{nothing}}"));
        QCOMPARE(checkText(dialog, QStringLiteral("sales")), QStringLiteral("Duplicate name"));
        dialog.templateEdit()->setText(QStringLiteral("  "));
        QCOMPARE(checkText(dialog, QStringLiteral("sales")), QStringLiteral("Name is empty"));
        QVERIFY(!dialog.createButton()->isEnabled());
        dialog.templateEdit()->setText(QStringLiteral("Quality {{schema}}"));
        list->setChecked(QStringLiteral("quality"), true);
        dialog.templateEdit()->setText(QStringLiteral("Quality Results"));
        list->setChecked(QStringLiteral("sales"), false);
        list->setChecked(QStringLiteral("marketing"), false);
        list->setChecked(QStringLiteral("finance"), false);
        QCOMPARE(checkText(dialog, QStringLiteral("quality")),
                 QStringLiteral("Name exists: skipped"));
        QVERIFY(dialog.createButton()->isEnabled());
        list->setChecked(QStringLiteral("quality"), false);
        for (const QString &schema :
             {QStringLiteral("sales"), QStringLiteral("marketing"), QStringLiteral("finance")})
            list->setChecked(schema, true);

        dialog.templateEdit()->clear();
        QTest::keyClicks(dialog.templateEdit(), QStringLiteral("pg_{{schema}}"));
        QCOMPARE(dialog.previewLabel()->text(),
                 QStringLiteral("Preview: pg_finance, pg_marketing, pg_sales"));
        QCOMPARE(checkText(dialog, QStringLiteral("sales")), QStringLiteral("Ready"));
        QCOMPARE(checkText(dialog, QStringLiteral("finance")),
                 QStringLiteral("Onboarded: skipped"));
        QVERIFY(!dialog.templateProblem()->isVisible());
        QCOMPARE(dialog.createButton()->text(), QStringLiteral("Create All (3)"));

        // Teams, Initiate Sync, and the enrichment link with one prefix per datastore.
        dialog.teamsSelector()->addTeam(QStringLiteral("Analytics"));
        QVERIFY(dialog.initiateSyncBox()->isChecked());
        QVERIFY(dialog.skipOnboardedBox()->isChecked());
        QVERIFY(dialog.linkEnrichmentBox()->isEnabled());
        QVERIFY(!dialog.prefixPreviewLabel()->isVisible());
        dialog.linkEnrichmentBox()->setChecked(true);
        QCOMPARE(dialog.enrichmentCombo()->count(), 1);
        QCOMPARE(dialog.enrichmentCombo()->currentText(), QStringLiteral("Quality Results"));
        QVERIFY(dialog.prefixPreviewLabel()->isVisible());
        QVERIFY2(dialog.prefixPreviewLabel()->text().contains(
                     QStringLiteral("_pg_finance, _pg_marketing, _pg_sales")),
                 qPrintable(dialog.prefixPreviewLabel()->text()));
        saveShot(dialog, QStringLiteral("multi-schema-select.png"));

        // Create all: two created, the onboarded one skipped; one connection still.
        QTest::mouseClick(dialog.createButton(), Qt::LeftButton);
        QVERIFY(dialog.isCreating());
        QTRY_VERIFY_WITH_TIMEOUT(dialog.isFinished(), kNetworkTimeoutMs);
        MultiSchemaResultsView *results = dialog.resultsView();
        QVERIFY(results->isVisible());
        QCOMPARE(results->banner()->title(), QStringLiteral("2 created, 1 skipped, 0 failed"));
        QCOMPARE(results->banner()->kind(), StatusBanner::Kind::Success);
        QCOMPARE(results->tree()->topLevelItemCount(), 3);
        for (int i = 0; i < 3; ++i) {
            QTreeWidgetItem *row = results->tree()->topLevelItem(i);
            const QString schema = row->text(MultiSchemaResultsView::SchemaColumn);
            const QString result = row->text(MultiSchemaResultsView::ResultColumn);
            const QString details = row->text(MultiSchemaResultsView::DetailsColumn);
            if (schema == QLatin1String("finance")) {
                QCOMPARE(result, QStringLiteral("Skipped"));
                QVERIFY2(
                    details.contains(QStringLiteral("Already onboarded as “Finance (legacy)”")),
                    qPrintable(details));
            } else {
                QCOMPARE(result, QStringLiteral("Created"));
                QVERIFY2(details.contains(QStringLiteral("sync queued")), qPrintable(details));
                QVERIFY2(details.contains(QStringLiteral("enrichment prefix _pg_%1").arg(schema)),
                         qPrintable(details));
            }
        }
        QCOMPARE(created.count(), 1);
        QCOMPARE(created.first().first().value<QList<qint64>>().size(), 2);
        QVERIFY(!dialog.createButton()->isVisible());
        QCOMPARE(dialog.closeButton()->text(), QStringLiteral("Close"));
        saveShot(dialog, QStringLiteral("multi-schema-results.png"));

        QCOMPARE(int(m_catalog.connections().size()), connectionsBefore);
        QVERIFY(!m_catalog.datastoreByName(QStringLiteral("pg_finance")));
        for (const QString &schema : {QStringLiteral("sales"), QStringLiteral("marketing")}) {
            const auto d = m_catalog.datastoreByName(QStringLiteral("pg_") + schema);
            QVERIFY(d);
            QCOMPARE(d->connectionId, m_connectionId);
            QCOMPARE(d->database, m_pg.database);
            QCOMPARE(d->schema, schema);
            QCOMPARE(d->teams,
                     (QStringList{QStringLiteral("Public"), QStringLiteral("Analytics")}));
            QCOMPARE(d->enrichment.enrichmentDatastoreId, m_enrichmentId);
            QCOMPARE(d->enrichment.prefix, QStringLiteral("_pg_") + schema);
            const QList<Operation> ops = m_catalog.operations(d->id);
            QCOMPARE(ops.size(), 1);
            QCOMPARE(ops.first().type, QStringLiteral("catalog"));
        }
        // The syncs run against the real server.
        QTRY_VERIFY_WITH_TIMEOUT(m_engine->isIdle(), 60000);
        const auto sales = m_catalog.datastoreByName(QStringLiteral("pg_sales"));
        QCOMPARE(m_catalog.operations(sales->id).first().status, QStringLiteral("success"));
        QCOMPARE(m_catalog.containers(sales->id).size(), 1);
        QCOMPARE(m_catalog.containers(sales->id).first().name, QStringLiteral("orders"));

        // Opening it again: the new datastores are now marked as onboarded.
        MultiSchemaDialog again(&m_catalog, &m_store, m_engine.get(), m_connectionId);
        QVERIFY(waitForSchemas(again));
        QVERIFY(again.checklist()
                    ->item(QStringLiteral("sales"))
                    ->toolTip(SchemaChecklist::SchemaColumn)
                    .contains(QStringLiteral("“pg_sales”")));

        // Cancel while creating: what was not created yet is skipped, and says why.
        again.checklist()->setChecked(QStringLiteral("ops"), true);
        again.checklist()->setChecked(QStringLiteral("public"), true);
        again.templateEdit()->setText(QStringLiteral("never_{{schema}}"));
        QTest::mouseClick(again.createButton(), Qt::LeftButton);
        QVERIFY(again.isCreating());
        again.reject(); // Cancel: the dialog stays to show what happened
        QVERIFY(again.isVisible() || !again.isFinished());
        QTRY_VERIFY_WITH_TIMEOUT(again.isFinished(), kNetworkTimeoutMs);
        QCOMPARE(again.resultsView()->banner()->title(),
                 QStringLiteral("0 created, 2 skipped, 0 failed"));
        QVERIFY(again.resultsView()
                    ->tree()
                    ->topLevelItem(0)
                    ->text(MultiSchemaResultsView::DetailsColumn)
                    .contains(QStringLiteral("Cancelled")));
        QVERIFY(!m_catalog.datastoreByName(QStringLiteral("never_ops")));
    }

    void discoveryFailureIsShown()
    {
        Connection c = *m_catalog.connection(m_connectionId);
        c.id = 0;
        c.uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
        c.name = QStringLiteral("Wrong password");
        QVERIFY(
            m_store.writeAndWait(c.uuid, QStringLiteral("password"), QStringLiteral("nope")).ok());
        const qint64 id = m_catalog.addConnection(c);
        QVERIFY(id);
        MultiSchemaDialog dialog(&m_catalog, &m_store, m_engine.get(), id);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTRY_VERIFY_WITH_TIMEOUT(dialog.banner()->isVisible(), kNetworkTimeoutMs);
        QCOMPARE(dialog.banner()->kind(), StatusBanner::Kind::Error);
        QCOMPARE(dialog.banner()->title(), QStringLiteral("Authentication failed"));
        QVERIFY(dialog.refreshButton()->isEnabled());
        QVERIFY(!dialog.createButton()->isEnabled());
        QVERIFY(dialog.checklist()->schemas().isEmpty());
        saveShot(dialog, QStringLiteral("multi-schema-error.png"));
        QVERIFY(m_catalog.removeConnection(id));
    }

    void onboardFromTheWizard()
    {
        const int connectionsBefore = int(m_catalog.connections().size());
        auto wizard = std::make_unique<AddDatastoreWizard>(&m_catalog, &m_store, m_engine.get());
        QSignalSpy done(wizard.get(), &AddDatastoreWizard::datastoreCreated);
        wizard->show();
        QVERIFY(QTest::qWaitForWindowExposed(wizard.get()));
        DatastorePage *page = wizard->datastorePage();
        page->nameEdit()->setText(QStringLiteral("Warehouse Again"));
        page->newConnectionToggle()->setChecked(true);
        QVERIFY(page->selectConnector(QStringLiteral("postgresql")));
        wizard->button(QWizard::NextButton)->click();
        QCOMPARE(wizard->currentId(), int(AddDatastoreWizard::ConnectionPageId));
        ConnectionPage *connectionPage = wizard->connectionPage();
        QVERIFY(!connectionPage->multiSchemaButton()->isVisible());

        ConnectionForm *form = connectionPage->form();
        form->fieldEdit(QStringLiteral("host"))->setText(m_pg.host);
        form->fieldEdit(QStringLiteral("port"))->setText(QString::number(m_pg.port));
        form->fieldEdit(QStringLiteral("username"))->setText(m_pg.user);
        form->fieldEdit(QStringLiteral("password"))->setText(m_pg.password);
        form->databaseEdit()->setText(m_pg.database);
        ConnectionTestPanel *panel = connectionPage->testPanel();
        QTest::mouseClick(panel->testButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isRunning(), kNetworkTimeoutMs);
        QCOMPARE(panel->banner()->kind(), StatusBanner::Kind::Success);
        QVERIFY(connectionPage->multiSchemaButton()->isVisible());
        saveShot(*wizard, QStringLiteral("multi-schema-wizard-entry.png"));

        QTest::mouseClick(connectionPage->multiSchemaButton(), Qt::LeftButton);
        QPointer<MultiSchemaDialog> dialog = wizard->findChild<MultiSchemaDialog *>();
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowExposed(dialog.data()));
        QVERIFY2(waitForSchemas(*dialog), qPrintable(dialog->banner()->text()));
        // The typed connection reaches the same server: onboarded schemas are recognised.
        QVERIFY(!dialog->checklist()
                     ->item(QStringLiteral("sales"))
                     ->icon(SchemaChecklist::SchemaColumn)
                     .isNull());
        QVERIFY(dialog->checklist()->item(QStringLiteral("ops"))->icon(0).isNull());
        dialog->checklist()->setChecked(QStringLiteral("ops"), true);
        dialog->checklist()->setChecked(QStringLiteral("sales"), true);
        dialog->skipOnboardedBox()->setChecked(false); // sales: a deliberate duplicate
        dialog->templateEdit()->setText(QStringLiteral("again_{{schema}}"));
        QCOMPARE(checkText(*dialog, QStringLiteral("sales")),
                 QStringLiteral("Onboarded: duplicate"));
        dialog->initiateSyncBox()->setChecked(false);
        QTest::mouseClick(dialog->createButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->isFinished(), kNetworkTimeoutMs);
        QCOMPARE(dialog->resultsView()->banner()->title(),
                 QStringLiteral("2 created, 0 skipped, 0 failed"));

        // One new connection for both, its password in the keychain; no sync asked.
        QCOMPARE(int(m_catalog.connections().size()), connectionsBefore + 1);
        const auto connection = m_catalog.connectionByName(QStringLiteral("Warehouse Again"));
        QVERIFY(connection);
        QCOMPARE(m_store.readAndWait(connection->uuid, QStringLiteral("password")).secret,
                 m_pg.password);
        for (const QString &name : {QStringLiteral("again_ops"), QStringLiteral("again_sales")}) {
            const auto d = m_catalog.datastoreByName(name);
            QVERIFY(d);
            QCOMPARE(d->connectionId, connection->id);
            QVERIFY(m_catalog.operations(d->id).isEmpty());
        }

        // Closing the results closes the wizard too, naming the first datastore.
        dialog->closeButton()->click();
        QTRY_VERIFY(!wizard->isVisible());
        QCOMPARE(done.count(), 1);
        QCOMPARE(done.first().at(0).toLongLong(),
                 m_catalog.datastoreByName(QStringLiteral("again_ops"))->id);
        QTRY_VERIFY(!dialog);
    }
};

QTEST_MAIN(TestMultiSchemaWizard)
#include "tst_multischemawizard.moc"
