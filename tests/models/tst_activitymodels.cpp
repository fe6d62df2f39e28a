// The Activity models: per-day counts (UTC days, one aggregate query), intensity levels,
// the paged operation list with its filters, sorts and search, and live refresh.
#include "models/catalog/Catalog.h"
#include "models/domain/Clock.h"
#include "models/item/ActivityCalendarModel.h"
#include "models/item/OperationListModel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QTest>

using namespace assay;

namespace {

QDateTime utc(const char *iso)
{
    QDateTime t = QDateTime::fromString(QLatin1String(iso), Qt::ISODateWithMs);
    t.setTimeSpec(Qt::UTC);
    return t;
}

} // namespace

class TestActivityModels : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    Catalog m_catalog;
    qint64 m_connectionId = 0;

    qint64 addDatastore(const QString &name)
    {
        Datastore d;
        d.name = name;
        d.connectionId = m_connectionId;
        return m_catalog.addDatastore(d);
    }

    qint64 addOp(qint64 ds, const QDateTime &created, const QString &status = "success",
                 const QString &type = "catalog", qint64 durationMs = 1000,
                 const QJsonObject &options = {}, const QJsonObject &result = {})
    {
        Operation op;
        op.datastoreId = ds;
        op.type = type;
        op.status = status;
        op.createdAt = created;
        op.options = options;
        op.result = result;
        if (status != QLatin1String("queued"))
            op.startedAt = created.addMSecs(100);
        if (operation_finished(status))
            op.endedAt = op.startedAt.addMSecs(durationMs);
        return m_catalog.addOperation(op);
    }

    static bool operation_finished(const QString &status)
    {
        return status != QLatin1String("queued") && status != QLatin1String("running");
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_catalog.open(m_dir.filePath(QStringLiteral("catalog.sqlite"))));
        Connection c;
        c.name = QStringLiteral("local");
        c.type = QStringLiteral("sqlite");
        m_connectionId = m_catalog.addConnection(c);
        QVERIFY(m_connectionId);
    }

    void countsByUtcDayAroundMidnight()
    {
        const qint64 ds = addDatastore(QStringLiteral("Midnight"));
        const qint64 other = addDatastore(QStringLiteral("Other"));
        addOp(ds, utc("2026-02-28T23:59:59.999Z")); // before the range
        addOp(ds, utc("2026-03-01T00:00:00.000Z"));
        addOp(ds, utc("2026-03-03T23:59:59.999Z"));
        addOp(ds, utc("2026-03-04T00:00:00.000Z"));
        addOp(ds, utc("2026-03-04T12:00:00.000Z"));
        addOp(ds, utc("2026-03-04T23:59:59.999Z"));
        addOp(ds, utc("2026-03-05T00:00:00.000Z"));
        addOp(ds, utc("2026-03-10T23:59:59.999Z")); // last day of the range
        addOp(ds, utc("2026-03-11T00:00:00.000Z")); // after it
        addOp(other, utc("2026-03-04T08:00:00.000Z"));

        const QDate from(2026, 3, 1), to(2026, 3, 10);
        const QHash<QDate, int> counts = m_catalog.operationCountsByDay(ds, from, to);
        QCOMPARE(counts.size(), 5);
        QCOMPARE(counts.value(QDate(2026, 3, 1)), 1);
        QCOMPARE(counts.value(QDate(2026, 3, 3)), 1);
        QCOMPARE(counts.value(QDate(2026, 3, 4)), 3);
        QCOMPARE(counts.value(QDate(2026, 3, 5)), 1);
        QCOMPARE(counts.value(QDate(2026, 3, 10)), 1);
        QVERIFY(!counts.contains(QDate(2026, 2, 28)));
        QVERIFY(!counts.contains(QDate(2026, 3, 11)));
        // Every datastore: the other one's operation joins the 4th.
        QCOMPARE(m_catalog.operationCountsByDay(0, from, to).value(QDate(2026, 3, 4)), 4);

        // The calendar: the last 12 months up to an injected today, in UTC days.
        const ManualClock clock(QDateTime(QDate(2026, 3, 10), QTime(12, 0), Qt::UTC)); // a Tuesday
        ActivityCalendarModel model(&m_catalog);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDatastore(ds);
        QCOMPARE(model.lastDay(), QDate(2026, 3, 10));
        QCOMPARE(model.firstDay(), QDate(2025, 3, 11));
        QCOMPARE(model.gridStart(), QDate(2025, 3, 9)); // the Sunday before
        QCOMPARE(model.gridStart().dayOfWeek(), 7);
        QCOMPARE(model.rowCount(), 7);
        QCOMPARE(model.columnCount(), 53);
        QCOMPARE(model.count(QDate(2026, 3, 4)), 3);
        QCOMPARE(model.count(QDate(2026, 3, 11)), 0);
        QCOMPARE(model.total(), 8); // 28 Feb .. 10 Mar: all inside the last 12 months
        const QModelIndex today = model.indexForDate(QDate(2026, 3, 10));
        QCOMPARE(today.row(), 2); // Sunday 0, Monday 1, Tuesday 2
        QCOMPARE(today.column(), 52);
        QCOMPARE(today.data(ActivityCalendarModel::DateRole).toDate(), QDate(2026, 3, 10));
        QCOMPARE(model.index(3, 52).data(ActivityCalendarModel::DateRole).toDate(), QDate());
        QCOMPARE(model.index(0, 0).data(ActivityCalendarModel::DateRole).toDate(), QDate());
        QCOMPARE(model.index(2, 0).data(ActivityCalendarModel::DateRole).toDate(),
                 QDate(2025, 3, 11));
        QCOMPARE(
            model.indexForDate(QDate(2026, 3, 4)).data(ActivityCalendarModel::CountRole).toInt(),
            3);
        QCOMPARE(ActivityCalendarModel::describe(QDate(2026, 3, 4), 3),
                 QStringLiteral("3 operations on Wed 4 Mar 2026"));
        QCOMPARE(ActivityCalendarModel::describe(QDate(2026, 3, 3), 1),
                 QStringLiteral("1 operation on Tue 3 Mar 2026"));
        QCOMPARE(ActivityCalendarModel::describe(QDate(2026, 3, 2), 0),
                 QStringLiteral("No operations on Mon 2 Mar 2026"));
    }

    void refreshesDebouncedOnOperationsChanged()
    {
        const qint64 ds = addDatastore(QStringLiteral("Live"));
        const ManualClock clock(QDateTime(QDate(2026, 3, 10), QTime(12, 0), Qt::UTC)); // a Tuesday
        ActivityCalendarModel model(&m_catalog);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDatastore(ds);
        QSignalSpy refreshed(&model, &ActivityCalendarModel::refreshed);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        for (int i = 0; i < 20; ++i)
            addOp(ds, utc("2026-03-09T10:00:00.000Z").addSecs(i));
        QCOMPARE(refreshed.count(), 0); // debounced: nothing yet
        QTRY_COMPARE(refreshed.count(), 1);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.count(QDate(2026, 3, 9)), 20);
        // Another datastore's operations do not wake it.
        const qint64 other = addDatastore(QStringLiteral("Elsewhere"));
        addOp(other, utc("2026-03-09T10:00:00.000Z"));
        QTest::qWait(ActivityCalendarModel::kDebounceMs * 2);
        QCOMPARE(refreshed.count(), 1);
    }

    void intensityLevelsFollowTheQuartiles()
    {
        const qint64 ds = addDatastore(QStringLiteral("Levels"));
        // Eight active days with 1..8 operations: quartiles (nearest rank) 2, 4, 6.
        for (int day = 1; day <= 8; ++day)
            for (int i = 0; i < day; ++i)
                addOp(ds, QDateTime(QDate(2026, 2, day), QTime(9, i), Qt::UTC));
        const ManualClock clock(QDateTime(QDate(2026, 3, 10), QTime(12, 0), Qt::UTC)); // a Tuesday
        ActivityCalendarModel model(&m_catalog);
        model.setDatastore(ds);
        QCOMPARE(model.total(), 36);
        QCOMPARE(model.maxCount(), 8);
        QCOMPARE(model.thresholds(), (std::array<int, 3>{{2, 4, 6}}));
        const int expected[] = {0, 1, 1, 2, 2, 3, 3, 4, 4};
        for (int count = 0; count <= 8; ++count)
            QCOMPARE(model.levelFor(count), expected[count]);
        QCOMPARE(model.level(QDate(2026, 2, 8)), 4);
        QCOMPARE(model.level(QDate(2026, 2, 9)), 0);
        QCOMPARE(model.levelFor(500), 4);

        // Collapsed quartiles (every active day alike): linear in the maximum.
        const qint64 flat = addDatastore(QStringLiteral("Flat"));
        for (int day = 1; day <= 5; ++day)
            for (int i = 0; i < 3; ++i)
                addOp(flat, QDateTime(QDate(2026, 1, day), QTime(9, i), Qt::UTC));
        model.setDatastore(flat);
        QCOMPARE(model.level(QDate(2026, 1, 3)), 4);
        QCOMPARE(model.levelFor(1), 2);
        QCOMPARE(model.levelFor(0), 0);
    }

    void pagesThroughTwelveHundredOperations()
    {
        const qint64 ds = addDatastore(QStringLiteral("Paged"));
        {
            QSqlDatabase db = m_catalog.database();
            QVERIFY(db.transaction());
            const QDateTime start = utc("2025-06-01T00:00:00.000Z");
            for (int i = 0; i < 1200; ++i)
                addOp(ds, start.addSecs(qint64(i) * 3600));
            QVERIFY(db.commit());
        }
        OperationListModel model(&m_catalog);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDatastore(ds);
        QCOMPARE(model.totalCount(), 1200);
        QCOMPARE(model.rowCount(), OperationListModel::kPageSize);
        QVERIFY(model.canFetchMore(QModelIndex()));
        model.fetchMore(QModelIndex());
        QCOMPARE(model.rowCount(), 1000);
        model.fetchMore(QModelIndex());
        QCOMPARE(model.rowCount(), 1200);
        QVERIFY(!model.canFetchMore(QModelIndex()));
        // Newest first, without a gap or a repeat across pages.
        QSet<qint64> ids;
        for (int row = 1; row < model.rowCount(); ++row) {
            QVERIFY(model.index(row - 1, 0).data(OperationListModel::CreatedAtRole).toDateTime() >
                    model.index(row, 0).data(OperationListModel::CreatedAtRole).toDateTime());
            ids.insert(model.operationIdAt(row));
        }
        ids.insert(model.operationIdAt(0));
        QCOMPARE(ids.size(), 1200);
        QCOMPARE(model.columnCount(), int(OperationListModel::ColumnCount));
        QCOMPARE(model.headerData(OperationListModel::DurationColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Duration"));
        QCOMPARE(model.index(0, OperationListModel::TypeColumn).data().toString(),
                 QStringLiteral("Sync"));
        QCOMPARE(model.index(0, OperationListModel::DurationColumn).data().toString(),
                 QStringLiteral("1 s"));
        QVERIFY(model.index(0, OperationListModel::TimestampColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QLatin1String("UTC")));
    }

    void filtersSortsAndSearches()
    {
        const qint64 ds = addDatastore(QStringLiteral("Filtered"));
        const QDateTime day1 = utc("2026-01-10T08:00:00.000Z");
        const QDateTime day2 = utc("2026-01-11T08:00:00.000Z");
        const QJsonObject orders{{QStringLiteral("containers"), QJsonArray{"orders"}}};
        const QJsonObject ordersResult{
            {QStringLiteral("containers_added"), QJsonArray{"orders_2024", "order%s"}}};
        const qint64 a = addOp(ds, day1, "success", "catalog", 5000, orders);
        const qint64 b = addOp(ds, day1.addSecs(60), "failure", "profile", 60000);
        const qint64 c = addOp(ds, day2, "success", "scan", 500, {}, ordersResult);
        const qint64 d = addOp(ds, day2.addSecs(60), "aborted", "catalog", 120000);
        const qint64 e = addOp(ds, day2.addSecs(120), "queued", "scan");

        OperationListModel model(&m_catalog);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDatastore(ds);
        auto ids = [&model] {
            QList<qint64> out;
            for (int row = 0; row < model.rowCount(); ++row)
                out << model.operationIdAt(row);
            return out;
        };
        QCOMPARE(ids(), (QList<qint64>{e, d, c, b, a}));

        model.setTypeFilter(QStringLiteral("catalog"));
        QCOMPARE(ids(), (QList<qint64>{d, a}));
        model.setTypeFilter(QString());
        model.setStatusFilter(QStringLiteral("success"));
        QCOMPARE(ids(), (QList<qint64>{c, a}));
        QCOMPARE(model.totalCount(), 2);
        // The status counts ignore the status filter (the summary strip's facets).
        const QHash<QString, int> byStatus = m_catalog.operationStatusCounts(model.query());
        QCOMPARE(byStatus.value(QStringLiteral("success")), 2);
        QCOMPARE(byStatus.value(QStringLiteral("failure")), 1);
        QCOMPARE(byStatus.value(QStringLiteral("queued")), 1);
        model.setStatusFilter(QString());

        model.setDayFilter(QDate(2026, 1, 10));
        QCOMPARE(ids(), (QList<qint64>{b, a}));
        model.setDayFilter(QDate(2026, 1, 12));
        QCOMPARE(model.rowCount(), 0);
        model.setDayFilter(QDate());

        // Whole names only: "orders" is not "orders_2024", and LIKE's wildcards are literal.
        model.setContainerFilter(QStringLiteral("orders"));
        QCOMPARE(ids(), (QList<qint64>{a}));
        model.setContainerFilter(QStringLiteral("orders_2024"));
        QCOMPARE(ids(), (QList<qint64>{c}));
        model.setContainerFilter(QStringLiteral("order%"));
        QCOMPARE(model.rowCount(), 0);
        model.setContainerFilter(QStringLiteral("order%s"));
        QCOMPARE(ids(), (QList<qint64>{c}));
        model.setContainerFilter(QString());

        model.setIdSearch(QString::number(c));
        QVERIFY(ids().contains(c));
        for (qint64 id : ids())
            QVERIFY(QString::number(id).startsWith(QString::number(c)));
        model.setIdSearch(QStringLiteral("x"));
        QCOMPARE(model.rowCount(), 0);
        model.setIdSearch(QString());

        // Duration: longest first, the never-started queued one last either way.
        model.setSort(OperationQuery::Sort::Duration, true);
        QCOMPARE(ids(), (QList<qint64>{d, b, a, c, e}));
        model.setSort(OperationQuery::Sort::Duration, false);
        QCOMPARE(ids(), (QList<qint64>{c, a, b, d, e}));
        model.setSort(OperationQuery::Sort::CreatedAt, false);
        QCOMPARE(ids(), (QList<qint64>{a, b, c, d, e}));
        model.sort(OperationListModel::DurationColumn, Qt::DescendingOrder);
        QCOMPARE(ids(), (QList<qint64>{d, b, a, c, e}));
        QCOMPARE(model.index(0, OperationListModel::DurationColumn).data().toString(),
                 QStringLiteral("2 min 00 s"));
        QCOMPARE(model.index(4, OperationListModel::DurationColumn).data().toString(),
                 QStringLiteral("—"));
    }

    void followsTheCatalogWithoutResetting()
    {
        const qint64 ds = addDatastore(QStringLiteral("Following"));
        const QDateTime start = utc("2026-02-01T00:00:00.000Z");
        for (int i = 0; i < 10; ++i)
            addOp(ds, start.addSecs(i * 60));
        OperationListModel model(&m_catalog);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDatastore(ds);
        QCOMPARE(model.rowCount(), 10);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

        // A new operation appears on top.
        const qint64 fresh = addOp(ds, start.addDays(1), "running");
        QTRY_COMPARE(inserted.count(), 1);
        QCOMPARE(model.rowCount(), 11);
        QCOMPARE(model.operationIdAt(0), fresh);
        QCOMPARE(model.index(0, OperationListModel::StatusColumn).data().toString(),
                 QStringLiteral("Running 0%"));

        // It finishes: its row changes in place.
        Operation op = *m_catalog.operation(fresh);
        op.status = QStringLiteral("success");
        op.endedAt = op.startedAt.addSecs(3);
        QVERIFY(m_catalog.updateOperation(op));
        QTRY_COMPARE(changed.count(), 1);
        QCOMPARE(model.index(0, OperationListModel::StatusColumn).data().toString(),
                 QStringLiteral("Success"));
        QCOMPARE(model.index(0, 0).data(OperationListModel::StatusRole).toString(),
                 QStringLiteral("success"));

        // Live progress of a running row (the engine's signal).
        const qint64 running = addOp(ds, start.addDays(2), "running");
        QTRY_COMPARE(model.operationIdAt(0), running);
        model.setLiveProgress(running, 0.5);
        QCOMPARE(model.index(0, OperationListModel::StatusColumn).data().toString(),
                 QStringLiteral("Running 50%"));

        // One in the middle is deleted.
        const qint64 middle = model.operationIdAt(5);
        QVERIFY(m_catalog.removeOperation(middle));
        QTRY_COMPARE(removed.count(), 1);
        QCOMPARE(model.rowOf(middle), -1);
        QCOMPARE(model.rowCount(), 11);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(model.totalCount(), 11);
    }
};

QTEST_GUILESS_MAIN(TestActivityModels)
#include "tst_activitymodels.moc"
