// The Activity tab: the heatmap (click-to-filter, keyboard, tooltip), each status's actions in
// the operation detail, Abort / Resume / Rerun / Delete through a real OperationEngine, and
// light and dark screenshots of a year of history.
#include "TestSupport.h"
#include "UiTestSupport.h"
#include "app/engine/OperationContext.h"
#include "app/engine/OperationEngine.h"
#include "app/secrets/CredentialStore.h"
#include "models/catalog/Catalog.h"
#include "models/domain/Clock.h"
#include "models/item/ActivityCalendarModel.h"
#include "models/item/OperationListModel.h"
#include "ui/activity/ActivityFilterBar.h"
#include "ui/activity/ActivityHeatmap.h"
#include "ui/activity/ActivitySummaryStrip.h"
#include "ui/activity/ActivityView.h"
#include "ui/activity/OperationCountersPanel.h"
#include "ui/activity/OperationDetailWidget.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QHelpEvent>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QToolButton>
#include <QToolTip>
#include <QTreeView>
#include <cmath>

using namespace assay;

namespace {

const QString kSlowType = QStringLiteral("activity-slow");

// Runs options.ms milliseconds (20 s by default) in small steps, until cancelled.
class SlowRunner : public OperationRunner
{
public:
    OperationOutcome run(OperationContext &context) override
    {
        const int ms = context.operation().options.value(QStringLiteral("ms")).toInt(20000);
        const int steps = qMax(1, ms / 20);
        context.info(QStringLiteral("slow runner started"));
        for (int i = 0; i < steps; ++i) {
            if (context.isCancelled())
                return {operation_status::kAborted, QString()};
            QThread::msleep(20);
            if (i % 10 == 0)
                context.progress(double(i) / steps, QStringLiteral("Step %1").arg(i / 10 + 1));
        }
        context.operation().counters.insert(QStringLiteral("records_processed"), 1234);
        return {operation_status::kSuccess, QStringLiteral("done")};
    }
};

QDateTime utc(const QDate &day, int hour, int minute = 0)
{
    return QDateTime(day, QTime(hour, minute), Qt::UTC);
}

} // namespace

class TestActivityHeatmap : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    Catalog m_catalog;
    CredentialStore m_credentials;
    std::unique_ptr<OperationEngine> m_engine;
    qint64 m_connection = 0;
    const QDate m_today{2026, 3, 10}; // a Tuesday
    ManualClock m_clock{QDateTime(m_today, QTime(12, 0), Qt::UTC)};

    qint64 addDatastore(const QString &name)
    {
        Datastore d;
        d.name = name;
        d.connectionId = m_connection;
        d.database = m_dir.filePath(name + QStringLiteral(".sqlite"));
        return m_catalog.addDatastore(d);
    }

    qint64 addOp(qint64 ds, const QDateTime &created, const QString &status,
                 const QString &type = operation_type::kSync, qint64 durationMs = 4000)
    {
        Operation op;
        op.datastoreId = ds;
        op.type = type;
        op.status = status;
        op.createdAt = created;
        op.options = {{QStringLiteral("prune"), true},
                      {QStringLiteral("recreate"), false},
                      {QStringLiteral("include"), QJsonArray{QStringLiteral("table")}}};
        if (status != operation_status::kQueued)
            op.startedAt = created.addMSecs(300);
        if (operation_status::isFinished(status))
            op.endedAt = op.startedAt.addMSecs(durationMs);
        if (status == operation_status::kRunning)
            op.progress = 0.4;
        if (status == operation_status::kSuccess || status == operation_status::kWarning)
            op.counters = {{QStringLiteral("containers_added"), 12345},
                           {QStringLiteral("containers_changed"), 3},
                           {QStringLiteral("containers_removed"), 0},
                           {QStringLiteral("fields_added"), 2400000},
                           {QStringLiteral("fields_changed"), 999},
                           {QStringLiteral("fields_removed"), 17}};
        if (status == operation_status::kFailure)
            op.message = QStringLiteral("Cannot read the source's catalog: permission denied for "
                                        "schema sales");
        if (status == operation_status::kWarning)
            op.message = QStringLiteral("2 tables could not be read; see the log.");
        op.id = m_catalog.addOperation(op);
        test::require(
            m_catalog.appendOperationLog(
                op.id, {created.addMSecs(300), QStringLiteral("info"), QStringLiteral("Started.")}),
            "appendOperationLog");
        if (status == operation_status::kWarning || status == operation_status::kFailure)
            test::require(m_catalog.appendOperationLog(op.id, {created.addSecs(2),
                                                               status == operation_status::kWarning
                                                                   ? QStringLiteral("warning")
                                                                   : QStringLiteral("error"),
                                                               op.message}),
                          "appendOperationLog");
        return op.id;
    }

    bool waitFinished(QSignalSpy &spy, qint64 id, int timeoutMs = 15000)
    {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < timeoutMs) {
            for (const auto &args : spy)
                if (args.at(0).toLongLong() == id)
                    return true;
            spy.wait(50);
        }
        return false;
    }

    static bool shown(QWidget *w, QWidget *top) { return w->isVisibleTo(top); }

private slots:
    void initTestCase()
    {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QVERIFY(m_catalog.open(m_dir.filePath(QStringLiteral("catalog.sqlite"))));
        Connection c;
        c.name = QStringLiteral("local");
        c.type = QStringLiteral("sqlite");
        m_connection = m_catalog.addConnection(c);
        QVERIFY(m_connection);
        registerOperationRunner(kSlowType, [] { return std::make_unique<SlowRunner>(); });
        m_engine = std::make_unique<OperationEngine>(&m_catalog, &m_credentials, 2);
    }

    void cleanupTestCase() { m_engine.reset(); }

    void clickingADayFiltersTheList()
    {
        const qint64 ds = addDatastore(QStringLiteral("Clicks"));
        const QDate day(2026, 3, 4);
        for (int i = 0; i < 3; ++i)
            addOp(ds, utc(day, 9 + i), operation_status::kSuccess);
        addOp(ds, utc(day.addDays(1), 0, 0), operation_status::kSuccess);
        addOp(ds, utc(day.addDays(-1), 23, 59), operation_status::kFailure);

        ActivityView view(&m_catalog, m_engine.get());
        view.setDatastore(ds);
        view.resize(1000, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        ActivityHeatmap *heatmap = view.heatmap();
        QCOMPARE(view.listModel()->rowCount(), 5);
        QVERIFY(view.runsView()->isColumnHidden(OperationListModel::DatastoreColumn));
        QCOMPARE(view.summaryStrip()->totalLabel()->text(), QStringLiteral("5 operations"));

        QSignalSpy selected(heatmap, &ActivityHeatmap::daySelected);
        const QRect cell = heatmap->cellRect(day);
        QVERIFY(cell.isValid());
        QCOMPARE(heatmap->dateAt(cell.center()), day);
        QTest::mouseClick(heatmap, Qt::LeftButton, {}, cell.center());
        QCOMPARE(selected.count(), 1);
        QCOMPARE(selected.last().at(0).toDate(), day);
        QCOMPARE(heatmap->selectedDate(), day);
        QCOMPARE(view.listModel()->query().day, day);
        QCOMPARE(view.listModel()->rowCount(), 3);
        QVERIFY(view.filterBar()->dayChip()->isVisible());
        QCOMPARE(view.summaryStrip()->totalLabel()->text(), QStringLiteral("3 operations"));

        // The same day again: every day is listed again.
        QTest::mouseClick(heatmap, Qt::LeftButton, {}, cell.center());
        QCOMPARE(selected.count(), 2);
        QCOMPARE(selected.last().at(0).toDate(), QDate());
        QVERIFY(!view.listModel()->query().day.isValid());
        QCOMPARE(view.listModel()->rowCount(), 5);
        QVERIFY(!view.filterBar()->dayChip()->isVisible());

        // Another day, then the chip clears it.
        QTest::mouseClick(heatmap, Qt::LeftButton, {}, heatmap->cellRect(day.addDays(1)).center());
        QCOMPARE(view.listModel()->rowCount(), 1);
        view.filterBar()->dayChip()->click();
        QVERIFY(!heatmap->selectedDate().isValid());
        QCOMPARE(view.listModel()->rowCount(), 5);

        // A gap between squares and the future are no day.
        QVERIFY(!heatmap->dateAt(cell.bottomRight() + QPoint(1, 1)).isValid());
        QVERIFY(!heatmap->cellRect(m_today.addDays(1)).isValid());

        // The summary chips filter by status.
        QToolButton *failures = view.summaryStrip()->chip(QStringLiteral("failure"));
        QVERIFY(failures->isVisible());
        failures->click();
        QCOMPARE(view.filterBar()->status(), QStringLiteral("failure"));
        QCOMPARE(view.listModel()->rowCount(), 1);
        QVERIFY(view.summaryStrip()->chip(QStringLiteral("failure"))->isChecked());
        view.summaryStrip()->chip(QStringLiteral("failure"))->click();
        QCOMPARE(view.listModel()->rowCount(), 5);

        // Selecting a row shows its detail.
        view.runsView()->setCurrentIndex(view.listModel()->index(0, 0));
        QCOMPARE(view.detail()->operationId(), view.listModel()->operationIdAt(0));
    }

    void topPanelSearchesSortsAndFilters()
    {
        const qint64 ds = addDatastore(QStringLiteral("TopPanel"));
        const QDate day(2026, 2, 2);
        const qint64 oldest =
            addOp(ds, utc(day, 8), operation_status::kSuccess, operation_type::kSync, 60000);
        addOp(ds, utc(day, 9), operation_status::kSuccess, operation_type::kSync, 1000);
        const qint64 profile =
            addOp(ds, utc(day, 10), operation_status::kFailure, operation_type::kProfile, 5000);
        Operation scan;
        scan.datastoreId = ds;
        scan.type = operation_type::kScan;
        scan.status = operation_status::kSuccess;
        scan.createdAt = utc(day, 11);
        scan.options = {{QStringLiteral("container_names"), QJsonArray{QStringLiteral("orders")}}};
        const qint64 orders = m_catalog.addOperation(scan);

        ActivityView view(&m_catalog, m_engine.get());
        view.setDatastore(ds);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        ActivityFilterBar *bar = view.filterBar();
        OperationListModel *list = view.listModel();
        QCOMPARE(list->rowCount(), 4);

        bar->typeBox()->setCurrentIndex(bar->typeBox()->findData(operation_type::kProfile));
        QCOMPARE(list->rowCount(), 1);
        QCOMPARE(list->operationIdAt(0), profile);
        bar->typeBox()->setCurrentIndex(0);
        QCOMPARE(list->rowCount(), 4);

        bar->searchEdit()->setText(QString::number(orders)); // typing is debounced
        QTRY_COMPARE(list->query().idPrefix, QString::number(orders));
        QCOMPARE(list->operationIdAt(0), orders);
        bar->searchEdit()->clear();
        bar->tableEdit()->setText(QStringLiteral("orders"));
        QTRY_COMPARE(list->rowCount(), 1);
        QCOMPARE(list->operationIdAt(0), orders);
        bar->tableEdit()->clear();
        QTRY_COMPARE(list->rowCount(), 4);

        QCOMPARE(list->operationIdAt(3), oldest);
        bar->orderButton()->click(); // oldest first
        QVERIFY(!list->query().descending);
        QCOMPARE(list->operationIdAt(0), oldest);
        bar->sortBox()->setCurrentIndex(
            bar->sortBox()->findData(int(OperationQuery::Sort::Duration)));
        QCOMPARE(list->query().sort, OperationQuery::Sort::Duration);
        bar->orderButton()->click(); // longest first
        QCOMPARE(list->operationIdAt(0), oldest);
        QVERIFY(bar->orderButton()->text().contains(QLatin1String("Longest first")));
    }

    void keyboardMovesAndSelects()
    {
        const qint64 ds = addDatastore(QStringLiteral("Keys"));
        addOp(ds, utc(QDate(2026, 3, 2), 10), operation_status::kSuccess);
        ActivityView view(&m_catalog, m_engine.get());
        view.setDatastore(ds);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        ActivityHeatmap *heatmap = view.heatmap();
        heatmap->setFocus();
        QTRY_VERIFY(heatmap->hasFocus());
        QCOMPARE(heatmap->focusedDate(), m_today); // focus starts on today
        QSignalSpy selected(heatmap, &ActivityHeatmap::daySelected);

        heatmap->setFocusedDate(QDate(2026, 3, 4));
        QTest::keyClick(heatmap, Qt::Key_Down);
        QCOMPARE(heatmap->focusedDate(), QDate(2026, 3, 5));
        QTest::keyClick(heatmap, Qt::Key_Right); // a week on is after today: stops at today
        QCOMPARE(heatmap->focusedDate(), m_today);
        QTest::keyClick(heatmap, Qt::Key_Left);
        QCOMPARE(heatmap->focusedDate(), QDate(2026, 3, 3));
        QTest::keyClick(heatmap, Qt::Key_Up);
        QCOMPARE(heatmap->focusedDate(), QDate(2026, 3, 2));
        QCOMPARE(heatmap->accessibleName(), QStringLiteral("Activity heatmap"));
        QCOMPARE(heatmap->accessibleDescription(), QStringLiteral("1 operation on Mon 2 Mar 2026"));
        QCOMPARE(selected.count(), 0);

        QTest::keyClick(heatmap, Qt::Key_Return);
        QCOMPARE(selected.count(), 1);
        QCOMPARE(heatmap->selectedDate(), QDate(2026, 3, 2));
        QCOMPARE(view.listModel()->rowCount(), 1);
        QCOMPARE(heatmap->accessibleDescription(),
                 QStringLiteral("1 operation on Mon 2 Mar 2026, selected"));
        QTest::keyClick(heatmap, Qt::Key_Space);
        QCOMPARE(selected.count(), 2);
        QVERIFY(!heatmap->selectedDate().isValid());
        QTest::keyClick(heatmap, Qt::Key_Space);
        QTest::keyClick(heatmap, Qt::Key_Escape);
        QVERIFY(!heatmap->selectedDate().isValid());
        QCOMPARE(selected.count(), 4);

        QTest::keyClick(heatmap, Qt::Key_Home);
        QCOMPARE(heatmap->focusedDate(), QDate(2025, 3, 11));
        QTest::keyClick(heatmap, Qt::Key_Up); // stays inside the range
        QCOMPARE(heatmap->focusedDate(), QDate(2025, 3, 11));
        QTest::keyClick(heatmap, Qt::Key_End);
        QCOMPARE(heatmap->focusedDate(), m_today);
    }

    void tooltipNamesTheCountAndDay()
    {
        const qint64 ds = addDatastore(QStringLiteral("Tips"));
        for (int i = 0; i < 3; ++i)
            addOp(ds, utc(QDate(2026, 3, 4), 8, i), operation_status::kSuccess);
        ActivityView view(&m_catalog, m_engine.get());
        view.setDatastore(ds);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        ActivityHeatmap *heatmap = view.heatmap();
        QCOMPARE(heatmap->toolTipFor(QDate(2026, 3, 4)),
                 QStringLiteral("3 operations on Wed 4 Mar 2026"));
        QCOMPARE(heatmap->toolTipFor(QDate(2026, 3, 5)),
                 QStringLiteral("No operations on Thu 5 Mar 2026"));
        const QPoint at = heatmap->cellRect(QDate(2026, 3, 4)).center();
        QHelpEvent help(QEvent::ToolTip, at, heatmap->mapToGlobal(at));
        QApplication::sendEvent(heatmap, &help);
        QTRY_COMPARE(QToolTip::text(), QStringLiteral("3 operations on Wed 4 Mar 2026"));
        QToolTip::hideText();
        // Its level colours step from the background towards the highlight.
        QVERIFY(heatmap->levelColor(4) == heatmap->palette().color(QPalette::Highlight));
        QVERIFY(heatmap->levelColor(1) != heatmap->levelColor(2));
    }

    void detailShowsEachStatusActions_data()
    {
        QTest::addColumn<QString>("status");
        QTest::addColumn<QStringList>("buttons");
        QTest::newRow("queued") << QStringLiteral("queued") << QStringList{"Abort"};
        QTest::newRow("running") << QStringLiteral("running") << QStringList{"Abort"};
        QTest::newRow("aborted") << QStringLiteral("aborted")
                                 << QStringList{"Resume", "Rerun", "Delete"};
        QTest::newRow("failure") << QStringLiteral("failure")
                                 << QStringList{"Rerun", "Logs", "Delete"};
        QTest::newRow("warning") << QStringLiteral("warning")
                                 << QStringList{"Rerun", "Logs", "Delete"};
        QTest::newRow("success") << QStringLiteral("success") << QStringList{"Rerun", "Delete"};
    }

    void detailShowsEachStatusActions()
    {
        QFETCH(QString, status);
        QFETCH(QStringList, buttons);
        const qint64 ds = addDatastore(QStringLiteral("Status-") + status);
        const qint64 id = addOp(ds, utc(QDate(2026, 3, 1), 12), status);
        OperationDetailWidget detail(&m_catalog, m_engine.get());
        detail.setOperation(id);
        detail.resize(700, 500);
        detail.show();
        QVERIFY(QTest::qWaitForWindowExposed(&detail));

        QStringList visible;
        for (QPushButton *b : {detail.abortButton(), detail.resumeButton(), detail.rerunButton(),
                               detail.logsButton(), detail.deleteButton()})
            if (shown(b, &detail))
                visible << b->text();
        QCOMPARE(visible, buttons);
        for (QPushButton *b : detail.findChildren<QPushButton *>())
            QVERIFY2(!b->accessibleName().isEmpty(), qPrintable(b->text()));

        const bool active = status == QLatin1String("running") || status == QLatin1String("queued");
        QCOMPARE(shown(detail.progressBar(), &detail), active);
        if (status == QLatin1String("running"))
            QCOMPARE(detail.progressBar()->value(), 400);
        if (status == QLatin1String("failure")) {
            QVERIFY(shown(detail.messageLabel(), &detail));
            QVERIFY(detail.messageLabel()->text().contains(QLatin1String("permission denied")));
        }
        if (status == QLatin1String("failure") || status == QLatin1String("warning")) {
            QVERIFY(!shown(detail.logView(), &detail));
            detail.logsButton()->click();
            QVERIFY(shown(detail.logView(), &detail));
            const QString log = detail.logView()->toPlainText();
            QVERIFY(log.contains(QLatin1String("2026-03-01 12:00:00.300 UTC")));
            QVERIFY(log.contains(QLatin1String("Started.")));
            QVERIFY(log.contains(status == QLatin1String("warning") ? QLatin1String("WARNING")
                                                                    : QLatin1String("ERROR")));
        }
        if (status == QLatin1String("success")) {
            QVERIFY(shown(detail.countersPanel(), &detail));
            QCOMPARE(detail.countersPanel()->tileCount(), 6);
            QStringList figures, tips;
            for (QLabel *value :
                 detail.countersPanel()->findChildren<QLabel *>(QStringLiteral("counterValue"))) {
                figures << value->text();
                tips << value->toolTip();
            }
            QVERIFY2(figures.contains(QStringLiteral("12.3K")), qPrintable(figures.join(' ')));
            QVERIFY(figures.contains(QStringLiteral("2.4M")));
            QVERIFY(figures.contains(QStringLiteral("999")));
            QVERIFY(tips.contains(QLocale().toString(12345)));
            // Sync's options are listed.
            QStringList facts;
            for (QLabel *l : detail.findChildren<QLabel *>())
                facts << l->text();
            QVERIFY(facts.contains(QStringLiteral("Prune")));
            QVERIFY(facts.contains(QStringLiteral("Enabled")));
            QVERIFY(facts.contains(QStringLiteral("Views")));
            QVERIFY(facts.contains(QStringLiteral("Not included")));
        }
        QDir().mkpath(QDir(test::stateDir()).filePath(QStringLiteral("screenshots")));
        detail.grab().save(
            test::screenshotPath(QStringLiteral("activity-detail-%1.png").arg(status)));
    }

    // What an operation left out is listed in its detail, without opening the log.
    void detailListsWhatWasLeftOut()
    {
        const qint64 ds = addDatastore(QStringLiteral("Left out"));
        Operation op;
        op.datastoreId = ds;
        op.type = operation_type::kProfile;
        op.status = operation_status::kWarning;
        op.createdAt = utc(QDate(2026, 3, 2), 9);
        op.startedAt = op.createdAt;
        op.endedAt = op.createdAt.addSecs(4);
        op.message = QStringLiteral("Cannot profile broken: no such table: gone — 1 of 3 "
                                    "containers profiled");
        op.result = {
            {QStringLiteral("containers"),
             QJsonObject{
                 {QStringLiteral("broken"),
                  QJsonObject{{QStringLiteral("result"), QStringLiteral("failure")},
                              {QStringLiteral("message"), QStringLiteral("no such table: gone")}}},
                 {QStringLiteral("places"),
                  QJsonObject{{QStringLiteral("fallbacks"),
                               QJsonArray{QJsonObject{
                                   {QStringLiteral("field"), QStringLiteral("lsn")},
                                   {QStringLiteral("note"),
                                    QStringLiteral("the type “pg_lsn” is not one Assay knows how "
                                                   "to measure on postgresql: completeness "
                                                   "only")}}}}}},
                 {QStringLiteral("sales_*.csv"),
                  QJsonObject{
                      {QStringLiteral("files"),
                       QJsonObject{{QStringLiteral("problems"), 3},
                                   {QStringLiteral("first_problems"),
                                    QJsonArray{QJsonObject{
                                        {QStringLiteral("file"), QStringLiteral("sales_01.csv")},
                                        {QStringLiteral("line"), 7},
                                        {QStringLiteral("message"),
                                         QStringLiteral("the record has 2 fields, the header "
                                                        "3")}}}}}}}}}}};
        op.id = m_catalog.addOperation(op);
        OperationDetailWidget detail(&m_catalog, m_engine.get());
        detail.setOperation(op.id);
        detail.resize(760, 520);
        detail.show();
        QVERIFY(QTest::qWaitForWindowExposed(&detail));
        auto *leftOut = detail.findChild<QLabel *>(QStringLiteral("operationShortfalls"));
        QVERIFY(leftOut && shown(leftOut, &detail));
        const QString text = leftOut->text();
        QVERIFY2(text.contains(QLatin1String("<b>broken</b> could not be read: no such table: "
                                             "gone")),
                 qPrintable(text));
        QVERIFY(text.contains(QLatin1String("<b>places.lsn</b> measured for completeness only")));
        QVERIFY(text.contains(QLatin1String("<b>sales_*.csv</b>: 3 problems in its files (the "
                                            "first: sales_01.csv, line 7: the record has 2 "
                                            "fields")));
        QVERIFY(!shown(detail.logView(), &detail));
        detail.grab().save(test::screenshotPath(QStringLiteral("activity-detail-left-out.png")));

        // Nothing left out: nothing listed.
        const qint64 fine = addOp(ds, utc(QDate(2026, 3, 3), 9), operation_status::kSuccess);
        detail.setOperation(fine);
        QVERIFY(!shown(leftOut, &detail));
    }

    void abbreviatesNumbers()
    {
        QCOMPARE(OperationCountersPanel::abbreviate(0), QStringLiteral("0"));
        QCOMPARE(OperationCountersPanel::abbreviate(999), QStringLiteral("999"));
        QCOMPARE(OperationCountersPanel::abbreviate(1000), QStringLiteral("1K"));
        QCOMPARE(OperationCountersPanel::abbreviate(12345), QStringLiteral("12.3K"));
        QCOMPARE(OperationCountersPanel::abbreviate(123456), QStringLiteral("123K"));
        QCOMPARE(OperationCountersPanel::abbreviate(999960), QStringLiteral("1M"));
        QCOMPARE(OperationCountersPanel::abbreviate(4560000), QStringLiteral("4.6M"));
        QCOMPARE(OperationCountersPanel::abbreviate(7000000000LL), QStringLiteral("7B"));
    }

    void abortResumeRerunDeleteThroughTheEngine()
    {
        const qint64 ds = addDatastore(QStringLiteral("Engine"));
        QSignalSpy started(m_engine.get(), &OperationEngine::operationStarted);
        QSignalSpy finished(m_engine.get(), &OperationEngine::operationFinished);
        OperationRequest request;
        request.datastoreId = ds;
        request.type = kSlowType;
        const qint64 id = m_engine->enqueue(request);
        QVERIFY2(id, qPrintable(m_engine->lastError()));

        ActivityView view(&m_catalog, m_engine.get());
        view.setDatastore(ds);
        view.resize(1000, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(view.selectOperation(id));
        OperationDetailWidget *detail = view.detail();
        QTRY_COMPARE(detail->operation()->status, QStringLiteral("running"));
        QVERIFY(detail->abortButton()->isVisible());
        QTRY_VERIFY(detail->progressBar()->value() > 0);

        // Abort.
        QTest::mouseClick(detail->abortButton(), Qt::LeftButton);
        QVERIFY(waitFinished(finished, id));
        QCOMPARE(m_catalog.operation(id)->status, QStringLiteral("aborted"));
        QTRY_VERIFY(detail->resumeButton()->isVisible());
        QVERIFY(detail->rerunButton()->isVisible());
        QVERIFY(detail->deleteButton()->isVisible());
        QVERIFY(!detail->abortButton()->isVisible());
        QTRY_COMPARE(view.listModel()
                         ->index(view.listModel()->rowOf(id), 0)
                         .data(OperationListModel::StatusRole)
                         .toString(),
                     QStringLiteral("aborted"));

        // Resume: it runs again (same id), then abort it once more.
        started.clear();
        QTest::mouseClick(detail->resumeButton(), Qt::LeftButton);
        QTRY_VERIFY(!started.isEmpty());
        QTRY_COMPARE(detail->operation()->status, QStringLiteral("running"));
        finished.clear();
        QTest::mouseClick(detail->abortButton(), Qt::LeftButton);
        QVERIFY(waitFinished(finished, id));
        QTRY_COMPARE(detail->operation()->status, QStringLiteral("aborted"));

        // Rerun: a new operation, listed and selected; abort it through the engine.
        QSignalSpy rerun(detail, &OperationDetailWidget::rerunQueued);
        QTest::mouseClick(detail->rerunButton(), Qt::LeftButton);
        QCOMPARE(rerun.count(), 1);
        const qint64 second = rerun.first().at(0).toLongLong();
        QVERIFY(second && second != id);
        QTRY_COMPARE(view.selectedOperation(), second);
        QTRY_COMPARE(view.listModel()->operationIdAt(0), second);
        QCOMPARE(detail->operationId(), second);
        finished.clear();
        QTRY_VERIFY(m_engine->isActive(second));
        QVERIFY(m_engine->abort(second));
        QVERIFY(waitFinished(finished, second));

        // Delete asks first: Cancel keeps it, Delete removes it.
        QVERIFY(view.selectOperation(id));
        QTRY_VERIFY(detail->deleteButton()->isVisible());
        QTest::mouseClick(detail->deleteButton(), Qt::LeftButton);
        QMessageBox *box = detail->deleteConfirmation();
        QVERIFY(box);
        QTRY_VERIFY(box->isVisible());
        box->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(!detail->deleteConfirmation());
        QVERIFY(m_catalog.operation(id).has_value());

        QSignalSpy removed(detail, &OperationDetailWidget::operationRemoved);
        QTest::mouseClick(detail->deleteButton(), Qt::LeftButton);
        box = detail->deleteConfirmation();
        QVERIFY(box);
        box->button(QMessageBox::Yes)->click();
        QCOMPARE(removed.count(), 1);
        QVERIFY(!m_catalog.operation(id).has_value());
        QTRY_COMPARE(view.listModel()->rowOf(id), -1);
        QCOMPARE(view.listModel()->rowCount(), 1);
        // The list's current row moved to the neighbour, whose detail shows now.
        QTRY_COMPARE(detail->operationId(), second);
    }

    void screenshotsOfAYear()
    {
        // A year of history up to the real today: busy weekdays, quiet weekends, a seasonal
        // swell, idle days now and then, and each status and type in realistic shares.
        const qint64 ds = addDatastore(QStringLiteral("Warehouse"));
        const QDate today = Clock::utcNow().date();
        QRandomGenerator random(7);
        const QString statuses[] = {"success", "success", "success", "success", "success",
                                    "success", "success", "warning", "failure", "aborted"};
        const QString types[] = {operation_type::kSync, operation_type::kProfile,
                                 operation_type::kScan, operation_type::kScan};
        int total = 0;
        {
            QSqlDatabase db = m_catalog.database();
            QVERIFY(db.transaction());
            for (int back = 364; back >= 1; --back) {
                const QDate day = today.addDays(-back);
                const double season = 1.0 + 0.5 * std::sin((364 - back) / 58.0);
                double mean = (day.dayOfWeek() >= 6 ? 2.0 : 11.0) * season;
                if (random.bounded(25) == 0)
                    mean = 0;
                const int count = int(mean * (0.4 + 1.2 * random.generateDouble()));
                for (int i = 0; i < count; ++i) {
                    Operation op;
                    op.datastoreId = ds;
                    op.type = types[random.bounded(4)];
                    op.status = statuses[random.bounded(10)];
                    op.triggeredBy =
                        random.bounded(3) ? QStringLiteral("schedule") : QStringLiteral("user");
                    op.createdAt = utc(day, int(random.bounded(24)), int(random.bounded(60)));
                    op.startedAt = op.createdAt.addMSecs(random.bounded(3000));
                    op.endedAt = op.startedAt.addMSecs(2000 + random.bounded(900000));
                    op.counters = {{QStringLiteral("containers_added"), int(random.bounded(40))},
                                   {QStringLiteral("fields_added"), int(random.bounded(20000))}};
                    test::require(m_catalog.addOperation(op), "addOperation");
                    ++total;
                }
            }
            QVERIFY(db.commit());
        }
        // Today: one success with a summary, one running, one queued.
        const qint64 success = addOp(ds, utc(today, 0, 5), operation_status::kSuccess);
        addOp(ds, Clock::utcNow().addSecs(-90), operation_status::kRunning);
        addOp(ds, Clock::utcNow().addSecs(-10), operation_status::kQueued);
        QVERIFY2(total > 2000, qPrintable(QString::number(total)));

        ActivityView view(&m_catalog, m_engine.get());
        view.setDatastore(ds);
        view.resize(1100, 860);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(view.selectOperation(success));
        QCOMPARE(view.calendarModel()->total(), total + 3);
        QTest::qWait(50);
        QVERIFY(view.grab().save(test::screenshotPath(QStringLiteral("activity-light.png"))));

        // A day picked on the heatmap.
        const QDate picked = today.addDays(-20);
        QTest::mouseClick(view.heatmap(), Qt::LeftButton, {},
                          view.heatmap()->cellRect(picked).center());
        QCOMPARE(view.listModel()->query().day, picked);
        QCOMPARE(view.listModel()->totalCount(), view.calendarModel()->count(picked));
        QTest::qWait(50);
        QVERIFY(view.grab().save(test::screenshotPath(QStringLiteral("activity-light-day.png"))));
        QTest::mouseClick(view.heatmap(), Qt::LeftButton, {},
                          view.heatmap()->cellRect(picked).center());

        const QPalette light = QApplication::palette();
        QApplication::setPalette(test::darkPalette());
        QVERIFY(view.selectOperation(success));
        QTest::qWait(50);
        QVERIFY(view.grab().save(test::screenshotPath(QStringLiteral("activity-dark.png"))));
        // The levels stay distinct on the dark background too.
        for (int level = 1; level < ActivityCalendarModel::kLevels; ++level)
            QVERIFY(view.heatmap()->levelColor(level) != view.heatmap()->levelColor(level - 1));
        QApplication::setPalette(light);

        view.showSchedule();
        QCOMPARE(view.schedulePage()->objectName(), QStringLiteral("schedulePlaceholder"));
        QVERIFY(view.schedulePage()->isVisible());
        view.showRuns();
    }
};

QTEST_MAIN(TestActivityHeatmap)
#include "tst_activityheatmap.moc"
