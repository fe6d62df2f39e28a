#include "KeyboardAudit.h"
#include "TestSupport.h"
#include "UiTestSupport.h"
#include "app/engine/OperationEngine.h"
#include "app/secrets/CredentialStore.h"
#include "models/catalog/Catalog.h"
#include "models/catalog/CatalogLocation.h"
#include "models/item/DatastoreTreeModel.h"
#include "models/item/OperationListModel.h"
#include "ui/GuiMain.h"
#include "ui/MainWindow.h"
#include "ui/activity/ActivityView.h"
#include "ui/activity/OperationDetailWidget.h"
#include "ui/anomalies/AnomaliesView.h"
#include "ui/common/AboutDialog.h"
#include "ui/datastores/ConstraintsView.h"
#include "ui/datastores/ContainerSettingsDialog.h"
#include "ui/datastores/DatastoreOverview.h"
#include "ui/operations/OperationProgressBar.h"
#include "ui/operations/ProfileDialog.h"
#include "ui/operations/ScanDialog.h"
#include "ui/operations/SyncDialog.h"
#include "ui/profile/ContainerPage.h"
#include "ui/profile/ContainerProfileView.h"
#include "ui/profile/FieldProfilePanel.h"
#include "ui/schedule/ScheduleListView.h"
#include "ui/wizard/AddDatastoreWizard.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

using namespace assay;

namespace {

// Names of the rows the view shows at the top level (through the filter proxy).
QStringList topLevelNames(const QTreeView *tree)
{
    QStringList names;
    const QAbstractItemModel *model = tree->model();
    for (int row = 0; row < model->rowCount(); ++row)
        names << model->index(row, 0).data().toString();
    return names;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    Catalog m_catalog;
    qint64 m_connectionId = 0;
    qint64 m_orders = 0;
    qint64 m_billing = 0;

    qint64 addDatastore(const QString &name, const QString &database)
    {
        Datastore d;
        d.name = name;
        d.connectionId = m_connectionId;
        d.database = database;
        d.schema = QStringLiteral("main");
        d.teams = QStringList{QStringLiteral("Public"), QStringLiteral("Finance")};
        return m_catalog.addDatastore(d);
    }

    QModelIndex proxyIndexOf(MainWindow &window, qint64 id)
    {
        for (int row = 0; row < window.datastoreTree()->model()->rowCount(); ++row) {
            const QModelIndex index = window.datastoreTree()->model()->index(row, 0);
            if (index.data(DatastoreTreeModel::IdRole).toLongLong() == id)
                return index;
        }
        return {};
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        applyApplicationIdentity();
        QSettings().clear();
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_catalog.open(m_dir.filePath(QStringLiteral("catalog.sqlite"))),
                 qPrintable(m_catalog.lastError()));

        Connection c;
        c.name = QStringLiteral("local files");
        c.type = QStringLiteral("sqlite");
        c.database = m_dir.filePath(QStringLiteral("orders.sqlite"));
        m_connectionId = m_catalog.addConnection(c);
        QVERIFY2(m_connectionId, qPrintable(m_catalog.lastError()));

        m_orders = addDatastore(QStringLiteral("Orders"), c.database);
        m_billing =
            addDatastore(QStringLiteral("Billing"), m_dir.filePath(QStringLiteral("billing.db")));
        QVERIFY(m_orders && m_billing);

        Container table;
        table.datastoreId = m_orders;
        table.name = QStringLiteral("order_items");
        table.containerType = QStringLiteral("table");
        QVERIFY(m_catalog.addContainer(table));
    }

    void showsSelectsFollowsAndFilters()
    {
        MainWindow window(&m_catalog);
        QAbstractItemModelTester tester(window.treeModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxyTester(
            window.datastoreTree()->model(),
            QAbstractItemModelTester::FailureReportingMode::QtTest);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.windowTitle(), QStringLiteral("Assay"));

        // Both datastores are listed, sorted, and nothing is selected yet.
        QCOMPARE(topLevelNames(window.datastoreTree()),
                 (QStringList{QStringLiteral("Billing"), QStringLiteral("Orders")}));
        QVERIFY(window.isShowingEmptyState());
        QCOMPARE(window.currentDatastoreId(), 0);
        QVERIFY(!window.runAction()->isEnabled());

        // Selecting one shows its name in the header and its database in the Overview.
        window.datastoreTree()->setCurrentIndex(proxyIndexOf(window, m_orders));
        QCOMPARE(window.currentDatastoreId(), m_orders);
        QVERIFY(!window.isShowingEmptyState());
        QCOMPARE(window.headerTitle(), QStringLiteral("Orders"));
        QCOMPARE(window.overview()->value(QStringLiteral("database")),
                 m_dir.filePath(QStringLiteral("orders.sqlite")));
        QCOMPARE(window.overview()->value(QStringLiteral("connection")),
                 QStringLiteral("local files"));
        QCOMPARE(window.overview()->value(QStringLiteral("enrichment")),
                 QStringLiteral("Not linked"));
        QCOMPARE(window.overview()->value(QStringLiteral("containers")), QStringLiteral("1"));
        QVERIFY(window.runAction()->isEnabled());
        QCOMPARE(window.detailsTabs()->count(), 4);
        QCOMPARE(window.detailsTabs()->tabText(0), QStringLiteral("Overview"));
        QVERIFY(!window.detailsTabs()->isTabVisible(1)); // the table tab, until one is chosen
        QCOMPARE(window.detailsTabs()->tabText(2), QStringLiteral("Anomalies"));
        QCOMPARE(window.detailsTabs()->tabText(3), QStringLiteral("Activity"));
        QVERIFY(window.profileAction()->isEnabled());
        QVERIFY(window.scanAction()->isEnabled());

        // Choosing a table opens its tab (profile and checks), named after it.
        {
            const QModelIndex datastore = proxyIndexOf(window, m_orders);
            window.datastoreTree()->expand(datastore);
            const QModelIndex table = window.datastoreTree()->model()->index(0, 0, datastore);
            QVERIFY(table.isValid());
            window.datastoreTree()->setCurrentIndex(table);
            QVERIFY(window.detailsTabs()->isTabVisible(1));
            QCOMPARE(window.detailsTabs()->currentIndex(), 1);
            QCOMPARE(window.detailsTabs()->tabText(1), table.data().toString());
            QVERIFY(window.containerPage()->containerId() > 0);
            QCOMPARE(window.anomaliesView()->datastore(), m_orders);
            window.datastoreTree()->setCurrentIndex(datastore);
            QVERIFY(!window.detailsTabs()->isTabVisible(1));
            QCOMPARE(window.detailsTabs()->currentIndex(), 0);
        }

        // selectDatastore() does the same from code.
        window.selectDatastore(m_billing);
        QCOMPARE(window.currentDatastoreId(), m_billing);
        QCOMPARE(window.headerTitle(), QStringLiteral("Billing"));

        // Run emits the request for the current datastore.
        QSignalSpy run(&window, &MainWindow::runRequested);
        window.runAction()->trigger();
        QCOMPARE(run.count(), 1);
        QCOMPARE(run.first().first().toLongLong(), m_billing);

        // A datastore added to the Catalog appears without a reload.
        QSignalSpy resets(window.treeModel(), &QAbstractItemModel::modelReset);
        const qint64 marketing = addDatastore(QStringLiteral("Marketing"), QStringLiteral("m.db"));
        QVERIFY(marketing);
        QCOMPARE(resets.count(), 0);
        QCOMPARE(topLevelNames(window.datastoreTree()),
                 (QStringList{QStringLiteral("Billing"), QStringLiteral("Marketing"),
                              QStringLiteral("Orders")}));

        // An update of the shown datastore refreshes the details.
        Datastore billing = *m_catalog.datastore(m_billing);
        billing.schema = QStringLiteral("ledger");
        QVERIFY(m_catalog.updateDatastore(billing));
        QCOMPARE(window.overview()->value(QStringLiteral("schema")), QStringLiteral("ledger"));

        // The filter edit filters rows (case-insensitively); Ctrl+F's action focuses it.
        window.findAction()->trigger();
        QTRY_VERIFY(window.filterEdit()->hasFocus());
        QTest::keyClicks(window.filterEdit(), QStringLiteral("mark"));
        QTRY_COMPARE(topLevelNames(window.datastoreTree()),
                     QStringList{QStringLiteral("Marketing")});
        window.filterEdit()->clear();
        QCOMPARE(window.datastoreTree()->model()->rowCount(), 3);

        // Removing the selected datastore clears the details to the empty state.
        window.selectDatastore(marketing);
        QCOMPARE(window.currentDatastoreId(), marketing);
        QVERIFY(m_catalog.removeDatastore(marketing));
        QCOMPARE(window.datastoreTree()->model()->rowCount(), 2);
        QVERIFY(window.isShowingEmptyState());
        QCOMPARE(window.currentDatastoreId(), 0);
        QVERIFY(window.datastoreTree()->selectionModel()->selectedRows().isEmpty());
        QVERIFY(!window.runAction()->isEnabled());
        QVERIFY(window.findChild<QPushButton *>(QStringLiteral("emptyStateAddButton")));
    }

    // A datastore whose Sync failed (a wrong password) says so on its Overview, with the
    // reason, and offers Edit, rather than "run Sync to discover tables".
    void overviewOfAFailedSyncOffersEdit()
    {
        const qint64 broken = addDatastore(QStringLiteral("Broken"), QStringLiteral("b.db"));
        QVERIFY(broken);
        Operation sync;
        sync.datastoreId = broken;
        sync.type = operation_type::kSync;
        sync.status = operation_status::kFailure;
        sync.message = QStringLiteral("Authentication failed: check the user name and password.");
        sync.startedAt = sync.endedAt = QDateTime::currentDateTimeUtc();
        QVERIFY(m_catalog.addOperation(sync));

        MainWindow window(&m_catalog);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.selectDatastore(broken);
        const QString containers = window.overview()->value(QStringLiteral("containers"));
        QVERIFY2(containers.contains(QLatin1String("the last Sync failed")) &&
                     containers.contains(QLatin1String("Authentication failed")),
                 qPrintable(containers));
        auto *edit = window.overview()->findChild<QPushButton *>(QStringLiteral("overviewEdit"));
        QVERIFY(edit && edit->isVisibleTo(window.overview()));
        QSignalSpy asked(window.overview(), &DatastoreOverview::editRequested);
        edit->click();
        QCOMPARE(asked.count(), 1);
        QCOMPARE(asked.first().first().toLongLong(), broken);
        window.grab().save(test::screenshotPath(QStringLiteral("overview-failed-sync.png")));

        // A datastore never synced still says to run Sync, without the button.
        window.selectDatastore(m_billing);
        QVERIFY(window.overview()
                    ->value(QStringLiteral("containers"))
                    .contains(QLatin1String("run Sync")));
        QVERIFY(!window.overview()->findChild<QPushButton *>(QStringLiteral("overviewEdit")));
        QVERIFY(m_catalog.removeDatastore(broken));
    }

    // A running operation's row on the Overview shows the figure the progress strip shows
    // (the strip reports it; the Catalog's copy is written at most once a second).
    void overviewShowsTheProgressStripsFigure()
    {
        const qint64 busy = addDatastore(QStringLiteral("Busy"), QStringLiteral("busy.db"));
        QVERIFY(busy);
        Operation running;
        running.datastoreId = busy;
        running.type = operation_type::kProfile;
        running.status = operation_status::kRunning;
        running.progress = 0.404;
        running.runner = QStringLiteral("elsewhere:1");
        running.startedAt = QDateTime::currentDateTimeUtc();
        running.id = m_catalog.addOperation(running);
        QVERIFY(running.id);
        MainWindow window(&m_catalog);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.selectDatastore(busy);
        QVERIFY2(window.overview()
                     ->value(QStringLiteral("lastProfile"))
                     .endsWith(QLatin1String("Running 40%")),
                 qPrintable(window.overview()->value(QStringLiteral("lastProfile"))));
        window.overview()->showPercent(running.id, OperationProgressBar::percentOf(0.576));
        QVERIFY2(window.overview()
                     ->value(QStringLiteral("lastProfile"))
                     .endsWith(QLatin1String("Running 58%")),
                 qPrintable(window.overview()->value(QStringLiteral("lastProfile"))));
        QVERIFY(m_catalog.removeDatastore(busy));
    }

    void actionsHaveShortcuts()
    {
        MainWindow window(&m_catalog);
        QCOMPARE(window.addDatastoreAction()->shortcut(), QKeySequence(QStringLiteral("Ctrl+N")));
        QCOMPARE(window.runAction()->shortcut(), QKeySequence(QStringLiteral("Ctrl+R")));
        QCOMPARE(window.findAction()->shortcut(), QKeySequence(QStringLiteral("Ctrl+F")));
        QCOMPARE(window.refreshAction()->shortcut(), QKeySequence(Qt::Key_F5));
        QVERIFY(!window.addDatastoreAction()->icon().isNull());
        QVERIFY(!window.runAction()->icon().isNull());

        // With a listener, Add Datastore only asks; without one it explains the CLI.
        QSignalSpy add(&window, &MainWindow::addDatastoreRequested);
        window.addDatastoreAction()->trigger();
        QCOMPARE(add.count(), 1);
        QVERIFY(!window.findChild<QWidget *>(QStringLiteral("addDatastoreInfo")));
    }

    void addWithoutWizardExplainsTheCli()
    {
        MainWindow window(&m_catalog);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.addDatastoreAction()->trigger();
        auto *box = window.findChild<QWidget *>(QStringLiteral("addDatastoreInfo"));
        QVERIFY(box);
        QTRY_VERIFY(box->isVisible());
        box->close();
    }

    void refreshKeepsTheSelection()
    {
        MainWindow window(&m_catalog);
        window.selectDatastore(m_orders);
        QSignalSpy resets(window.treeModel(), &QAbstractItemModel::modelReset);
        window.refreshAction()->trigger();
        QCOMPARE(resets.count(), 1);
        QCOMPARE(window.currentDatastoreId(), m_orders);
    }

    void savesGeometryOnClose()
    {
        QSettings().remove(QStringLiteral("mainWindow"));
        {
            MainWindow window(&m_catalog);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.resize(1000, 700);
            // The expanded datastore and the selected table come back too.
            const QModelIndex orders = proxyIndexOf(window, m_orders);
            window.datastoreTree()->expand(orders);
            QTRY_VERIFY(window.datastoreTree()->model()->rowCount(orders) > 0);
            window.datastoreTree()->setCurrentIndex(
                window.datastoreTree()->model()->index(0, 0, orders));
            QVERIFY(window.close());
        }
        QSettings settings;
        QVERIFY(!settings.value(QStringLiteral("mainWindow/geometry")).toByteArray().isEmpty());
        QVERIFY(!settings.value(QStringLiteral("mainWindow/splitter")).toByteArray().isEmpty());

        {
            MainWindow restored(&m_catalog);
            QCOMPARE(restored.size(), QSize(1000, 700));
            restored.show();
            QVERIFY(QTest::qWaitForWindowExposed(&restored));
            QTRY_VERIFY(restored.datastoreTree()->isExpanded(proxyIndexOf(restored, m_orders)));
            QTRY_COMPARE(restored.datastoreTree()->currentIndex().data().toString(),
                         QStringLiteral("order_items"));
            QCOMPARE(restored.currentDatastoreId(), m_orders);

            // A Sync reloads the datastore's tables: still expanded, the table still selected.
            m_catalog.notifyContainersChanged(m_orders);
            QTRY_COMPARE(restored.datastoreTree()->currentIndex().data().toString(),
                         QStringLiteral("order_items"));
            QVERIFY(restored.datastoreTree()->isExpanded(proxyIndexOf(restored, m_orders)));
        }
        // Later windows of this test start from nothing selected or expanded.
        QSettings().remove(QStringLiteral("mainWindow/expandedRows"));
        QSettings().remove(QStringLiteral("mainWindow/selectedRow"));
    }

    void aboutDialogShowsVersions()
    {
        AboutDialog dialog;
        auto *title = dialog.findChild<QLabel *>(QStringLiteral("aboutTitle"));
        QVERIFY(title);
        QVERIFY(title->text().contains(QCoreApplication::applicationVersion()));
        auto *qt = dialog.findChild<QLabel *>(QStringLiteral("aboutQtVersion"));
        QVERIFY(qt && qt->text().contains(QString::fromLatin1(qVersion())));
        auto *licences = dialog.findChild<QLabel *>(QStringLiteral("aboutLicences"));
        QVERIFY(licences && licences->text().contains(QStringLiteral("BSD-3-Clause")));
        QVERIFY(licences->text().contains(QStringLiteral("LGPLv3")));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.grab().save(test::screenshotPath(QStringLiteral("about.png")));
    }

    // The first-run path: the demo is generated off the GUI thread, then registered and shown.
    void firstRunPreparesTheDemoShop()
    {
        QTemporaryDir dir;
        Catalog catalog;
        QVERIFY(catalog.open(dir.filePath(QStringLiteral("catalog.sqlite"))));
        QVERIFY(catalog.wasCreated());
        MainWindow window(&catalog);
        CredentialStore credentials;
        OperationEngine engine(&catalog, &credentials, 1);
        window.setEngine(&engine);
        window.resize(1200, 760);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        prepareDemoShop(catalog, window);
        auto *busy = window.statusBar()->findChild<QWidget *>(QStringLiteral("demoShopProgress"));
        QVERIFY(busy); // the GUI thread came straight back: the work runs elsewhere
        QVERIFY(busy->isVisible());
        QCOMPARE(window.currentDatastoreId(), 0);
        window.grab().save(test::screenshotPath(QStringLiteral("mainwindow-demo-preparing.png")));

        QTRY_VERIFY_WITH_TIMEOUT(window.currentDatastoreId() != 0, 120000);
        QCOMPARE(window.headerTitle(), QStringLiteral("Demo Shop"));
        QTRY_VERIFY(!window.statusBar()->findChild<QWidget *>(QStringLiteral("demoShopProgress")));
        QVERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("Demo Shop")));
        window.grab().save(test::screenshotPath(QStringLiteral("mainwindow-demo.png")));
        // Its first sync was Assay's doing, not the user's.
        const QList<Operation> ops = catalog.operations(window.currentDatastoreId());
        QVERIFY(!ops.isEmpty());
        QCOMPARE(ops.constLast().triggeredBy, QStringLiteral("first_start"));
        QCOMPARE(OperationListModel::triggeredByLabel(ops.constLast().triggeredBy),
                 QStringLiteral("Assay (first start)"));
        // Let the demo's operations end before the engine and the catalog go.
        QTRY_VERIFY_WITH_TIMEOUT(engine.isIdle(), 120000);

        // A second call finds it and only selects it.
        const qint64 id = window.currentDatastoreId();
        window.datastoreTree()->selectionModel()->clear();
        prepareDemoShop(catalog, window);
        QCOMPARE(window.currentDatastoreId(), id);
        QVERIFY(!window.statusBar()->findChild<QWidget *>(QStringLiteral("demoShopProgress")));
    }

    // Run -> Sync dialog -> Run Now: the sync runs on the engine while the window shows its
    // progress, then the tree lists the discovered tables; Container Settings opens from there.
    void syncFromTheWindow()
    {
        QTemporaryDir dir;
        const QString source = dir.filePath(QStringLiteral("shop.sqlite"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), "shop");
            db.setDatabaseName(source);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE customers (id INTEGER NOT NULL, "
                                          "email TEXT UNIQUE, updated_at TIMESTAMP)")));
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE orders (order_id INTEGER NOT NULL, "
                                          "qty INTEGER)")));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("shop"));
        Connection c;
        c.name = QStringLiteral("shop file");
        c.type = QStringLiteral("sqlite");
        c.database = source;
        Datastore d;
        d.name = QStringLiteral("Shop");
        d.connectionId = m_catalog.addConnection(c);
        d.database = source;
        d.schema = QStringLiteral("main");
        const qint64 shop = m_catalog.addDatastore(d);
        QVERIFY(shop);

        CredentialStore credentials;
        OperationEngine engine(&m_catalog, &credentials, 2);
        MainWindow window(&m_catalog);
        window.setEngine(&engine);
        window.resize(1200, 760);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.selectDatastore(shop);
        QVERIFY(window.runAction()->isEnabled());

        QSignalSpy finished(&engine, &OperationEngine::operationFinished);
        window.runAction()->trigger();
        SyncDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = window.findChild<SyncDialog *>()) && dialog->isVisible());
        dialog->grab().save(test::screenshotPath(QStringLiteral("sync-dialog.png")));
        QVERIFY(dialog->scheduleButton()->isVisible()); // Run Now or Schedule…
        dialog->pruneBox()->setChecked(true);
        QTest::mouseClick(dialog->runButton(), Qt::LeftButton);
        // Run Now opens Activity on the new operation (seed 003).
        QCOMPARE(window.detailsTabs()->currentWidget(), window.activityView());
        QTRY_COMPARE(window.activityView()->selectedOperation(),
                     m_catalog.operations(shop).constFirst().id);
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 20000);
        QCOMPARE(finished.constFirst().at(2).toString(), QStringLiteral("success"));
        QTRY_VERIFY(window.statusBar()->currentMessage().startsWith(
            QLatin1String("Sync of Shop ended: success")));
        QVERIFY(window.progressBar()->isHidden());

        const Operation op = m_catalog.operations(shop).constFirst();
        QCOMPARE(op.options.value(QStringLiteral("prune")).toBool(), true);
        QCOMPARE(op.triggeredBy, QStringLiteral("user"));
        const QModelIndex datastore = proxyIndexOf(window, shop);
        QCOMPARE(datastore.data(DatastoreTreeModel::CountRole).toInt(), 2);
        QCOMPARE(datastore.data(DatastoreTreeModel::LastOperationRole).toString(),
                 QStringLiteral("catalog success"));
        window.datastoreTree()->expand(datastore);
        QTRY_COMPARE(window.datastoreTree()->model()->rowCount(datastore), 2);
        QTest::qWait(100); // let layouts settle before the picture
        window.grab().save(test::screenshotPath(QStringLiteral("mainwindow-synced.png")));

        // The Activity tab lists the run; its Schedule view is the schedule list.
        QVERIFY(window.activityView());
        QVERIFY(qobject_cast<ScheduleListView *>(window.activityView()->schedulePage()));
        window.detailsTabs()->setCurrentWidget(window.activityView());
        QTRY_COMPARE(window.activityView()->listModel()->rowCount(), 1);
        QVERIFY(window.activityView()->selectOperation(op.id));
        // One run: its list is a few rows tall and the detail (with the log) gets the rest.
        QTRY_VERIFY(window.activityView()->runsView()->height() <
                    window.activityView()->detail()->parentWidget()->height());
        QTest::qWait(100);
        window.grab().save(test::screenshotPath(QStringLiteral("mainwindow-activity.png")));
        window.detailsTabs()->setCurrentIndex(0);

        // The gear: Container Settings of the selected table.
        const QModelIndex customers = window.datastoreTree()->model()->index(0, 0, datastore);
        QCOMPARE(customers.data().toString(), QStringLiteral("customers"));
        window.datastoreTree()->setCurrentIndex(customers);
        QVERIFY(window.containerSettingsAction()->isEnabled());
        window.containerSettingsAction()->trigger();
        ContainerSettingsDialog *settings = nullptr;
        QTRY_VERIFY((settings = window.findChild<ContainerSettingsDialog *>()) &&
                    settings->isVisible());
        QCOMPARE(settings->incrementalFieldBox()->currentData().toString(),
                 QStringLiteral("updated_at"));
        ASSAY_VERIFY_KEYBOARD(settings);
        // What the source guarantees, as Sync read it.
        auto *constraints = settings->findChild<ConstraintsView *>();
        QVERIFY(constraints);
        QCOMPARE(constraints->list()->topLevelItemCount(), 1);
        QCOMPARE(constraints->list()->topLevelItem(0)->text(0),
                 QStringLiteral("Unique constraint"));
        QCOMPARE(constraints->list()->topLevelItem(0)->text(1), QStringLiteral("email"));
        QCOMPARE(constraints->list()->topLevelItem(0)->text(2), QStringLiteral("Yes"));
        QCOMPARE(constraints->notNullLabel()->text(), QStringLiteral("NOT NULL: id"));
        settings->reject();

        // Run Profile… with a table selected: the dialog preselects it, Run Now profiles it,
        // and the table's tab shows the profile. Run Scan… then scans it.
        finished.clear();
        window.profileAction()->trigger();
        ProfileDialog *profile = nullptr;
        QTRY_VERIFY((profile = window.findChild<ProfileDialog *>()) && profile->isVisible());
        QCOMPARE(profile->options().value(QStringLiteral("containers")).toArray(),
                 QJsonArray{QStringLiteral("customers")});
        QTest::mouseClick(profile->runButton(), Qt::LeftButton);
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.constFirst().at(2).toString(), QStringLiteral("success"));
        const Operation profiled = m_catalog.operations(shop).constFirst();
        QCOMPARE(profiled.type, QStringLiteral("profile"));
        QCOMPARE(profiled.counters.value(QStringLiteral("tables_profiled")).toInt(), 1);
        QTRY_VERIFY(window.containerPage()->containerId() > 0);
        QCOMPARE(window.detailsTabs()->currentWidget(), window.containerPage());
        // The shown field's panel follows the profile that just finished.
        FieldProfilePanel *panel = window.containerPage()->profileView()->panel();
        QTRY_COMPARE(panel->valueText(QStringLiteral("records")), QStringLiteral("0"));
        // The summary is longer than the room beside the permanent labels: it is elided, and
        // the status bar's tooltip holds it whole.
        QTRY_VERIFY(window.statusBar()->currentMessage().startsWith(
            QLatin1String("Profile of Shop ended: success")));
        const QString shown = window.statusBar()->currentMessage();
        QVERIFY2(shown.endsWith(QChar(0x2026)), qPrintable(shown));
        QVERIFY(window.statusBar()->toolTip().contains(QLatin1String("field profiles")));
        QVERIFY(window.statusBar()->fontMetrics().horizontalAdvance(shown) <
                window.statusBar()->width() - window.findChild<QLabel *>("catalogPath")->width());
        QTest::qWait(100);
        window.grab().save(test::screenshotPath(QStringLiteral("mainwindow-profile.png")));

        finished.clear();
        window.scanAction()->trigger();
        ScanDialog *scan = nullptr;
        QTRY_VERIFY((scan = window.findChild<ScanDialog *>()) && scan->isVisible());
        QCOMPARE(scan->options().value(QStringLiteral("containers")).toArray(),
                 QJsonArray{QStringLiteral("customers")});
        QTest::mouseClick(scan->runButton(), Qt::LeftButton);
        QVERIFY(finished.wait(20000));
        QVERIFY(finished.constFirst().at(2).toString() != QLatin1String("failure"));
        QCOMPARE(m_catalog.operations(shop).constFirst().type, QStringLiteral("scan"));

        // With the keychain wired in, Add Datastore opens the wizard; Edit and Delete are offered.
        window.setCredentials(&credentials);
        window.selectDatastore(shop);
        QVERIFY(window.editDatastoreAction()->isEnabled());
        QVERIFY(window.deleteDatastoreAction()->isEnabled());
        window.addDatastoreAction()->trigger();
        AddDatastoreWizard *wizard = nullptr;
        QTRY_VERIFY((wizard = window.findChild<AddDatastoreWizard *>()) && wizard->isVisible());
        wizard->reject(); // nothing typed: closes without asking
        QVERIFY(m_catalog.removeDatastore(shop));
    }

    // What another process writes (here: a second connection, as the CLI would) shows up.
    void followsChangesFromOtherProcesses()
    {
        MainWindow window(&m_catalog);
        window.show();
        Catalog other;
        QVERIFY(other.open(m_catalog.path()));
        Operation op;
        op.datastoreId = m_orders;
        op.type = QStringLiteral("catalog");
        op.status = QStringLiteral("failure");
        QVERIFY(other.addOperation(op));
        Datastore added;
        added.name = QStringLiteral("Added Elsewhere");
        added.connectionId = m_connectionId;
        const qint64 addedId = other.addDatastore(added);
        QVERIFY(addedId);
        window.checkExternalChanges();
        QVERIFY(topLevelNames(window.datastoreTree()).contains(QStringLiteral("Added Elsewhere")));
        window.checkExternalChanges(); // nothing new: nothing happens
        QVERIFY(other.removeDatastore(addedId));
        window.checkExternalChanges();
        QVERIFY(!topLevelNames(window.datastoreTree()).contains(QStringLiteral("Added Elsewhere")));
        QCOMPARE(window.treeModel()
                     ->indexForDatastore(m_orders)
                     .data(DatastoreTreeModel::LastOperationRole)
                     .toString(),
                 QStringLiteral("catalog failure"));
    }

    // Not an assertion: an artifact to look at, at the window's default size.
    // Find matches tables and fields too, though the tree loads them only when expanded: it
    // shows them under their datastore, expanded, and says "No matches" when nothing matches.
    void findMatchesTablesAndFields()
    {
        Container ledger;
        ledger.datastoreId = m_billing;
        ledger.name = QStringLiteral("ledger_lines");
        ledger.containerType = QStringLiteral("table");
        ledger.id = m_catalog.addContainer(ledger);
        QVERIFY(ledger.id);
        for (const char *name : {"line_id", "customer_ref"}) {
            Field f;
            f.containerId = ledger.id;
            f.name = QLatin1String(name);
            f.declaredType = QStringLiteral("TEXT");
            QVERIFY(m_catalog.addField(f));
        }

        MainWindow window(&m_catalog);
        QAbstractItemModelTester proxyTester(
            window.datastoreTree()->model(),
            QAbstractItemModelTester::FailureReportingMode::QtTest);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTreeView *tree = window.datastoreTree();
        QVERIFY(!tree->isExpanded(proxyIndexOf(window, m_billing))); // nothing loaded below

        // A field's name: its datastore and table are shown, expanded down to it.
        window.findAction()->trigger();
        QTest::keyClicks(window.filterEdit(), QStringLiteral("CUSTOMER_R"));
        QTRY_COMPARE(topLevelNames(tree), QStringList{QStringLiteral("Billing")});
        const QModelIndex billing = proxyIndexOf(window, m_billing);
        QVERIFY(tree->isExpanded(billing));
        QCOMPARE(tree->model()->rowCount(billing), 1);
        const QModelIndex table = tree->model()->index(0, 0, billing);
        QCOMPARE(table.data().toString(), QStringLiteral("ledger_lines"));
        QVERIFY(tree->isExpanded(table));
        QCOMPARE(tree->model()->rowCount(table), 1);
        QCOMPARE(tree->model()->index(0, 0, table).data().toString(),
                 QStringLiteral("customer_ref"));
        QVERIFY(!window.isShowingNoMatches());

        // A table's name, and an escaped wildcard (matched literally).
        window.filterEdit()->setText(QStringLiteral("ledger"));
        QTRY_COMPARE(topLevelNames(tree), QStringList{QStringLiteral("Billing")});
        window.filterEdit()->setText(QStringLiteral("r_l")); // ledge[r_l]ines; '_' is no wildcard
        QTRY_COMPARE(topLevelNames(tree), QStringList{QStringLiteral("Billing")});
        window.filterEdit()->setText(QStringLiteral("%"));
        QTRY_VERIFY(window.isShowingNoMatches());
        QCOMPARE(tree->model()->rowCount(), 0);

        window.filterEdit()->setText(QStringLiteral("billing"));
        QTRY_VERIFY(!window.isShowingNoMatches());
        window.filterEdit()->setText(QStringLiteral("no such thing"));
        QTRY_VERIFY(window.isShowingNoMatches());
        window.filterEdit()->clear(); // at once, without waiting for a pause
        QVERIFY(!window.isShowingNoMatches());
        QCOMPARE(tree->model()->rowCount(), int(m_catalog.datastores().size()));
    }

    void screenshot()
    {
        MainWindow window(&m_catalog);
        window.resize(1200, 760);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.datastoreTree()->expandAll();
        window.selectDatastore(m_orders);
        QTest::qWait(50);
        window.grab().save(test::screenshotPath(QStringLiteral("mainwindow.png")));

        window.datastoreTree()->selectionModel()->clear();
        QTest::qWait(50);
        window.grab().save(test::screenshotPath(QStringLiteral("mainwindow-empty.png")));

        // The same window in a dark palette: icons and muted text must stay readable.
        const QPalette light = QApplication::palette();
        const QPalette dark = test::darkPalette();
        QApplication::setPalette(dark);
        window.selectDatastore(m_orders);
        QTest::qWait(50);
        window.grab().save(test::screenshotPath(QStringLiteral("mainwindow-dark.png")));
        QApplication::setPalette(light);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
