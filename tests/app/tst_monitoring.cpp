#include "CliRunner.h"
#include "ScanTestSupport.h"
#include "app/monitoring/HistoryJudge.h"
#include "models/domain/Clock.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>

using namespace assay;
using namespace scan_test;

// Monitoring across time (issue 19), end to end through the engine on real sources: every scan
// records a measurement of each container (records, size, newest data), and the volumetric,
// freshness and metric checks are judged against that history. Time is a ManualClock moved
// from scan to scan (the workers read Clock::utcNow()), except where a database's own clock
// takes part (MariaDB's UPDATE_TIME).
class TestMonitoring : public QObject, public ScanFixture
{
    Q_OBJECT

private:
    static QDateTime at(const QDate &day, int hour)
    {
        return QDateTime(day, QTime(hour, 0), Qt::UTC);
    }

    // The latest measurement of a container (an empty one when it has none).
    ContainerMeasurement latest(qint64 containerId)
    {
        const QList<ContainerMeasurement> all = m_catalog.containerMeasurements(containerId);
        return all.isEmpty() ? ContainerMeasurement{} : all.constLast();
    }

    // `rows` orders created at `createdAt`, with ids from *nextId on, in one transaction.
    bool loadOrders(int rows, const QDateTime &createdAt, int *nextId)
    {
        QSqlDatabase db = source();
        if (!db.transaction())
            return false;
        QSqlQuery q(db);
        if (!q.prepare(QStringLiteral("INSERT INTO orders VALUES (?, ?)")))
            return false;
        for (int i = 0; i < rows; ++i) {
            q.addBindValue((*nextId)++);
            q.addBindValue(timeText(createdAt));
            if (!q.exec()) {
                qWarning("%s", qPrintable(q.lastError().text()));
                db.rollback();
                return false;
            }
        }
        return db.commit();
    }

    qint64 scalar(const QString &sql)
    {
        QSqlQuery q(source());
        if (!q.exec(sql) || !q.next()) {
            qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
            return -2;
        }
        return q.value(0).toLongLong();
    }

    // PostgreSQL keeps a session's table statistics to itself for up to a second: push them
    // out now, and wait until the statistics views show `live` records of `name`.
    bool postgresStatisticsShow(const QString &name, qint64 live)
    {
        if (!exec(QStringLiteral("SELECT pg_stat_force_next_flush()")))
            return false;
        const QString sql = QStringLiteral("SELECT n_live_tup FROM pg_stat_user_tables WHERE "
                                           "schemaname = '%1' AND relname = '%2'")
                                .arg(m_schema, name);
        QDeadlineTimer deadline(10000);
        while (scalar(sql) != live) {
            if (deadline.hasExpired()) {
                qWarning("%s: still %lld, not %lld", qPrintable(sql), scalar(sql), live);
                return false;
            }
            QTest::qWait(50);
        }
        return true;
    }

    bool createTimed(const QString &name, const QString &engine = QString())
    {
        return exec(QStringLiteral("CREATE TABLE %1 (%2 INTEGER, %3 %4)%5")
                        .arg(table(name), m_dialect.quote(QStringLiteral("id")),
                             m_dialect.quote(QStringLiteral("ts")),
                             timeColumn(QString()).declared(m_dialect),
                             engine.isEmpty() ? QString() : QStringLiteral(" ENGINE=") + engine));
    }

    bool addTimed(const QString &name, int from, int to)
    {
        QList<QVariantList> rows;
        for (int id = from; id <= to; ++id)
            rows << QVariantList{id, timeText(at(QDate(2024, 1, 1), 0).addSecs(3600LL * id))};
        return insertRows(name, rows);
    }

    // Checks the stored metric of a history check in `op`: result, and a measured figure.
    CheckMetric metricOf(const Operation &op, qint64 checkId, const QString &result)
    {
        const CheckMetric m = metric(op.id, checkId);
        if (m.checkId != checkId || m.result != result)
            qWarning("check %lld in scan %lld: %s (%s), expected %s", checkId, op.id,
                     qPrintable(m.result), qPrintable(m.details), qPrintable(result));
        return m;
    }

private slots:
    void initTestCase() { startFixture(); }
    void cleanupTestCase() { m_harness.stop(); }

    // Five weeks of daily scans of a table loaded on weekdays at 02:00 and scanned at 06:00:
    // the volumetric and freshness checks (defaults: Automatic thresholds) learn quietly for 14
    // days, then pass every ordinary day (quiet weekends, the Monday after them), fail on a
    // Wednesday whose load never came, pass again when it does, and the volumetric check
    // fails on a quiet Saturday that deleted 5% of the table (the oldest rows: the newest data
    // stays as fresh as it was).
    void monitoringAcrossDaysOnSqlite()
    {
        newSource(QStringLiteral("sqlite"));
        QVERIFY(createTable(QStringLiteral("orders"), {integerColumn(QStringLiteral("id")),
                                                       timeColumn(QStringLiteral("created_at"))}));
        const Container orders = synced(QStringLiteral("orders"));
        QVERIFY(orders.id);
        QVERIFY(
            setIncremental(orders, QStringLiteral("created_at"), QStringLiteral("last-modified")));
        const qint64 volumetric = add(check(QStringLiteral("volumetric"), {}), orders);
        const qint64 freshness =
            add(check(QStringLiteral("freshness"), {}, {{"unit", "Hours"}}), orders);
        QVERIFY(volumetric && freshness);

        const QDate monday(2024, 1, 1);
        QCOMPARE(monday.dayOfWeek(), 1);
        const int kDays = 35;
        const int kQuietWednesday = 23; // no load
        const int kDeletion = 26;       // a Saturday: no load, 5% of the table deleted
        QCOMPARE(monday.addDays(kQuietWednesday).dayOfWeek(), 3);
        QCOMPARE(monday.addDays(kDeletion).dayOfWeek(), 6);

        ManualClock clock(at(monday, 6));
        QRandomGenerator jitter(19);
        int nextId = 1;
        qint64 count = 0, previousCount = 0, deleted = 0;
        QDate lastLoad;
        int judgedDays = 0;
        for (int d = 0; d < kDays; ++d) {
            const QDate day = monday.addDays(d);
            const bool weekend = day.dayOfWeek() >= 6;
            if (!weekend && d != kQuietWednesday) {
                const int rows = int(jitter.bounded(950, 1051));
                QVERIFY(loadOrders(rows, at(day, 2), &nextId));
                count += rows;
                lastLoad = day;
            }
            if (d == kDeletion) {
                deleted = qRound(count * 0.05);
                QVERIFY(exec(QStringLiteral("DELETE FROM orders WHERE id IN (SELECT id FROM orders "
                                            "ORDER BY id LIMIT %1)")
                                 .arg(deleted)));
                count -= deleted;
            }
            clock.setNowUtc(at(day, 6));
            const Operation op = scan();
            QVERIFY2(op.status == operation_status::kSuccess, qPrintable(m_harness.describe(op)));
            const QString when = QStringLiteral("day %1 (%2)").arg(d).arg(day.toString());

            // The point of history: the pass's own count and newest value.
            const QList<ContainerMeasurement> history = m_catalog.containerMeasurements(orders.id);
            QCOMPARE(history.size(), d + 1);
            const ContainerMeasurement &m = history.constLast();
            QCOMPARE(m.measuredAt, at(day, 6));
            QCOMPARE(m.operationId, op.id);
            QCOMPARE(m.operationType, QStringLiteral("scan"));
            QCOMPARE(m.recordCount, count);
            QCOMPARE(m.volumeSource, QStringLiteral("pass"));
            QCOMPARE(m.freshnessSource, QStringLiteral("pass"));
            QCOMPARE(m.newestAt, at(lastLoad, 2));
            QCOMPARE(m.newestValue, timeText(at(lastLoad, 2)));
            QCOMPARE(m.sizeBytes, qint64(-1)); // SQLite keeps no table statistics
            const double age = at(lastLoad, 2).secsTo(at(day, 6)) / 3600.0;

            const CheckMetric vol = metric(op.id, volumetric);
            const CheckMetric fresh = metric(op.id, freshness);
            QCOMPARE(vol.checkId, volumetric);
            QCOMPARE(fresh.checkId, freshness);
            // The figure measured is kept every day, judged or not.
            QCOMPARE(vol.measured, double(count));
            QCOMPARE(fresh.measured, age);

            const bool learning = d <= 14; // the band wants 14 days and 10 measurements
            if (learning) {
                QVERIFY2(vol.result == QLatin1String("unasserted"), qPrintable(when));
                QVERIFY2(fresh.result == QLatin1String("unasserted"), qPrintable(when));
                QVERIFY2(vol.details.contains(d == 0 ? QStringLiteral("first measurement")
                                                     : QStringLiteral("learning")),
                         qPrintable(when + QStringLiteral(": ") + vol.details));
                QVERIFY2(fresh.details.contains(QStringLiteral("learning")),
                         qPrintable(when + QStringLiteral(": ") + fresh.details));
                QVERIFY(qIsNaN(vol.expectedLow) && qIsNaN(vol.expectedHigh));
                QVERIFY(ofOperation(op.id).isEmpty());
                previousCount = count;
                continue;
            }
            ++judgedDays;
            // Judged: the change since yesterday against a band, the age against a ceiling.
            QCOMPARE(vol.observed, double(count - previousCount));
            QCOMPARE(fresh.observed, age);
            QVERIFY2(vol.expectedLow <= vol.expectedHigh, qPrintable(when));
            QVERIFY2(qIsNaN(fresh.expectedLow), qPrintable(when)); // only staleness alarms
            QVERIFY2(qIsFinite(fresh.expectedHigh), qPrintable(when));
            const bool volumeInBand =
                vol.observed >= vol.expectedLow && vol.observed <= vol.expectedHigh;
            const bool freshInBand = fresh.observed <= fresh.expectedHigh;
            const QList<Anomaly> volAnomalies = ofOperation(op.id, volumetric);
            const QList<Anomaly> freshAnomalies = ofOperation(op.id, freshness);
            const QString details =
                when + QStringLiteral(": ") + vol.details + QStringLiteral(" / ") + fresh.details;

            if (d == kQuietWednesday) {
                QVERIFY2(vol.result == QLatin1String("failed"), qPrintable(details));
                QVERIFY2(fresh.result == QLatin1String("failed"), qPrintable(details));
                QCOMPARE(vol.observed, 0.0);
                QVERIFY2(!volumeInBand && !freshInBand, qPrintable(details));
                // A Wednesday is expected to grow by about a day's load ...
                QVERIFY2(vol.expectedLow > 500 && vol.expectedHigh < 1500, qPrintable(details));
                // ... and its newest data to be 4 hours old, not the 28 hours it is.
                QCOMPARE(fresh.observed, 28.0);
                QVERIFY2(fresh.expectedHigh >= 4 && fresh.expectedHigh < 12, qPrintable(details));
                QCOMPARE(volAnomalies.size(), 1);
                QCOMPARE(freshAnomalies.size(), 1);
                QCOMPARE(volAnomalies.first().type, QStringLiteral("shape"));
                QCOMPARE(freshAnomalies.first().type, QStringLiteral("shape"));
                const QString volMessage = volAnomalies.first().message;
                const QString freshMessage = freshAnomalies.first().message;
                QVERIFY2(volMessage.contains(QStringLiteral("number of records")) &&
                             volMessage.contains(QStringLiteral("Changed by 0 records")) &&
                             volMessage.contains(monitoring::formatFigure(double(count))),
                         qPrintable(volMessage));
                QVERIFY2(freshMessage.contains(QStringLiteral("older than expected")) &&
                             freshMessage.contains(QStringLiteral("28 h")),
                         qPrintable(freshMessage));
                // The figures are the judge's, and the stored details say the same.
                QVERIFY2(volMessage.contains(vol.details), qPrintable(volMessage));
                QVERIFY2(freshMessage.contains(fresh.details), qPrintable(freshMessage));
            } else if (d == kDeletion) {
                QVERIFY2(vol.result == QLatin1String("failed"), qPrintable(details));
                QCOMPARE(vol.observed, double(-deleted));
                QVERIFY2(!volumeInBand && vol.expectedLow > -deleted, qPrintable(details));
                QCOMPARE(volAnomalies.size(), 1);
                QVERIFY2(volAnomalies.first().message.contains(
                             QStringLiteral("Changed by %1 records")
                                 .arg(monitoring::formatFigure(double(-deleted)))),
                         qPrintable(volAnomalies.first().message));
                // The newest data arrived as usual.
                QVERIFY2(fresh.result == QLatin1String("passed"), qPrintable(details));
                QVERIFY(freshAnomalies.isEmpty());
            } else {
                QVERIFY2(vol.result == QLatin1String("passed"), qPrintable(details));
                QVERIFY2(fresh.result == QLatin1String("passed"), qPrintable(details));
                QVERIFY2(volumeInBand && freshInBand, qPrintable(details));
                QVERIFY2(volAnomalies.isEmpty() && freshAnomalies.isEmpty(), qPrintable(details));
                QCOMPARE(vol.assertedRecords, qint64(1));
                QCOMPARE(vol.anomalousRecords, qint64(0));
            }
            previousCount = count;
        }
        QCOMPARE(judgedDays, kDays - 15);

        // The check's history, as the charts read it: one point per scan, oldest first.
        const QList<CheckHistoryPoint> points = m_catalog.checkHistory(volumetric);
        QCOMPARE(points.size(), kDays);
        QCOMPARE(points.first().at, at(monday, 6));
        QCOMPARE(points.at(kQuietWednesday).result, QStringLiteral("failed"));
        QCOMPARE(points.at(kQuietWednesday).observed, 0.0);
        QCOMPARE(points.last().measured, double(count));
    }

    // A scan that did not read every record takes the count from the database's statistics
    // (PostgreSQL n_live_tup; MariaDB TABLE_ROWS of MyISAM and Aria tables, exact), and
    // counts with a query of its own only for a volumetric check when they cannot tell (a
    // view, an InnoDB table whose TABLE_ROWS is an estimate).
    void statisticsFirst_data()
    {
        QTest::addColumn<QString>("type");
        QTest::newRow("postgresql") << QStringLiteral("postgresql");
        QTest::newRow("mariadb") << QStringLiteral("mariadb");
    }
    void statisticsFirst()
    {
        QFETCH(QString, type);
        newSource(type);
        const bool pg = type == QLatin1String("postgresql");
        // The tables, each with an incremental field so that the second scan reads part of it.
        QStringList names{QStringLiteral("counted"), QStringLiteral("plain")};
        if (pg) {
            QVERIFY(createTimed(QStringLiteral("counted")) && createTimed(QStringLiteral("plain")));
            QVERIFY(exec(QStringLiteral("CREATE VIEW %1 AS SELECT * FROM %2")
                             .arg(table(QStringLiteral("recent")), table("counted"))));
            names << QStringLiteral("recent");
        } else {
            QVERIFY(createTimed(QStringLiteral("counted"), QStringLiteral("InnoDB")) &&
                    createTimed(QStringLiteral("plain"), QStringLiteral("InnoDB")) &&
                    createTimed(QStringLiteral("aria"), QStringLiteral("Aria")));
            names << QStringLiteral("aria");
        }
        for (const QString &name : names)
            if (name != QLatin1String("recent"))
                QVERIFY(addTimed(name, 1, 20));
        QVERIFY(synced(QStringLiteral("counted")).id);
        QHash<QString, Container> containers;
        for (const QString &name : names) {
            containers.insert(name, m_harness.container(m_ds, name));
            QVERIFY2(containers.value(name).id, qPrintable(name));
            QVERIFY(setIncremental(containers.value(name), QStringLiteral("ts"),
                                   QStringLiteral("last-modified")));
            QVERIFY(add(check(QStringLiteral("notNull"), {QStringLiteral("id")}),
                        containers.value(name)));
        }
        // Volumetric checks on "counted" (and the view): a count worth a query if need be.
        QVERIFY(add(check(QStringLiteral("volumetric"), {}), containers.value("counted")));
        if (pg)
            QVERIFY(add(check(QStringLiteral("volumetric"), {}), containers.value("recent")));

        const QJsonObject incremental{{"incremental", true}};
        const Operation first = scan(incremental);
        QVERIFY2(first.status == operation_status::kSuccess, qPrintable(m_harness.describe(first)));
        // The first incremental scan reads everything: its own count.
        for (const QString &name : names) {
            const ContainerMeasurement m = latest(containers.value(name).id);
            QCOMPARE(m.operationId, first.id);
            QCOMPARE(m.recordCount, qint64(20));
            QCOMPARE(m.volumeSource, QStringLiteral("pass"));
        }

        for (const QString &name : names)
            if (name != QLatin1String("recent"))
                QVERIFY(addTimed(name, 21, 25));
        if (pg) {
            QVERIFY(postgresStatisticsShow(QStringLiteral("counted"), 25));
            QVERIFY(postgresStatisticsShow(QStringLiteral("plain"), 25));
        }
        const Operation second = scan(incremental);
        QVERIFY2(second.status == operation_status::kSuccess,
                 qPrintable(m_harness.describe(second)));
        QHash<QString, ContainerMeasurement> now;
        for (const QString &name : names) {
            now.insert(name, latest(containers.value(name).id));
            QCOMPARE(now.value(name).operationId, second.id);
        }
        if (pg) {
            for (const QString &name : {QStringLiteral("counted"), QStringLiteral("plain")}) {
                QCOMPARE(now.value(name).volumeSource, QStringLiteral("statistics"));
                QCOMPARE(now.value(name).recordCount, qint64(25));
                QVERIFY2(now.value(name).sizeBytes > 0, qPrintable(name));
                QVERIFY(now.value(name).changeCounter >= 25);
            }
            // A view keeps no statistics: its volumetric check has it counted.
            QCOMPARE(now.value("recent").volumeSource, QStringLiteral("query"));
            QCOMPARE(now.value("recent").recordCount, qint64(25));
            QCOMPARE(now.value("recent").sizeBytes, qint64(-1));
        } else {
            // InnoDB's TABLE_ROWS is an estimate: counted for the volumetric check only.
            QCOMPARE(now.value("counted").volumeSource, QStringLiteral("query"));
            QCOMPARE(now.value("counted").recordCount, qint64(25));
            QCOMPARE(now.value("plain").volumeSource, QString());
            QCOMPARE(now.value("plain").recordCount, qint64(-1));
            // Aria keeps the exact count.
            QCOMPARE(now.value("aria").volumeSource, QStringLiteral("statistics"));
            QCOMPARE(now.value("aria").recordCount, qint64(25));
            for (const QString &name : names)
                QVERIFY2(now.value(name).sizeBytes > 0, qPrintable(name));
        }
        // Every figure came from the source, and the incremental pass saw the newest value.
        for (const QString &name : names) {
            QCOMPARE(now.value(name).freshnessSource, QStringLiteral("pass"));
            QCOMPARE(now.value(name).newestAt, at(QDate(2024, 1, 1), 0).addSecs(3600LL * 25));
        }
    }

    // Freshness without an incremental field, from MariaDB's UPDATE_TIME: the server's own
    // clock, so the real one here.
    void freshnessFromUpdateTimeOnMariadb()
    {
        newSource(QStringLiteral("mariadb"));
        QVERIFY(exec(QStringLiteral("CREATE TABLE %1 (id INTEGER, v INTEGER)")
                         .arg(table(QStringLiteral("ledger")))));
        QVERIFY(insertRows(QStringLiteral("ledger"), {{1, 10}, {2, 20}}));
        const Container ledger = synced(QStringLiteral("ledger"));
        QVERIFY(setIncremental(ledger, QString(), QString()));
        const qint64 freshness = add(
            check(QStringLiteral("freshness"), {}, {{"thresholds", "Fixed"}, {"maximum_age", 1}}),
            ledger);
        const QDateTime written = QDateTime::currentDateTimeUtc();
        const Operation op = scan();
        QVERIFY2(op.status == operation_status::kSuccess, qPrintable(m_harness.describe(op)));
        const ContainerMeasurement m = latest(ledger.id);
        QCOMPARE(m.freshnessSource, QStringLiteral("statistics"));
        QVERIFY2(m.newestAt.isValid(), "UPDATE_TIME was not read");
        QVERIFY2(qAbs(m.newestAt.secsTo(written)) <= 60,
                 qPrintable(m.newestAt.toString(Qt::ISODate)));
        QCOMPARE(m.newestValue, QString());
        QCOMPARE(m.changeCounter, qint64(-1));
        // A full scan counted every record itself.
        QCOMPARE(m.recordCount, qint64(2));
        QCOMPARE(m.volumeSource, QStringLiteral("pass"));
        const CheckMetric judged = metric(op.id, freshness);
        QVERIFY2(judged.result == QLatin1String("passed"), qPrintable(judged.details));
        QCOMPARE(judged.expectedHigh, 1.0);
        QVERIFY(judged.observed >= 0 && judged.observed < 1);
    }

    // Freshness without an incremental field on PostgreSQL, from its modification counter:
    // first seen, it says nothing; changed, the data is as new as the scan that saw it change;
    // unchanged, as old as it was then.
    void freshnessFromChangeCounterOnPostgres()
    {
        newSource(QStringLiteral("postgresql"));
        QVERIFY(exec(QStringLiteral("CREATE TABLE %1 (id INTEGER, v INTEGER)")
                         .arg(table(QStringLiteral("ledger")))));
        QVERIFY(insertRows(QStringLiteral("ledger"), {{1, 10}, {2, 20}}));
        QVERIFY(postgresStatisticsShow(QStringLiteral("ledger"), 2));
        const Container ledger = synced(QStringLiteral("ledger"));
        QVERIFY(setIncremental(ledger, QString(), QString()));
        const qint64 freshness = add(
            check(QStringLiteral("freshness"), {}, {{"thresholds", "Fixed"}, {"maximum_age", 2}}),
            ledger);

        const QDateTime t0(QDate(2024, 3, 1), QTime(8, 0), Qt::UTC);
        ManualClock clock(t0);
        const auto scanAt = [&](const QDateTime &when) {
            clock.setNowUtc(when);
            const Operation op = scan();
            if (op.status != operation_status::kSuccess)
                qWarning("%s", qPrintable(m_harness.describe(op)));
            return op;
        };

        const Operation first = scanAt(t0);
        ContainerMeasurement m = latest(ledger.id);
        QCOMPARE(m.operationId, first.id);
        QCOMPARE(m.freshnessSource, QStringLiteral("statistics"));
        QVERIFY(m.changeCounter >= 2);
        QVERIFY(!m.newestAt.isValid());
        const qint64 counterBefore = m.changeCounter;
        QCOMPARE(metric(first.id, freshness).result, QStringLiteral("unasserted"));

        QVERIFY(exec(QStringLiteral("UPDATE %1 SET v = v + 1 WHERE id = 1")
                         .arg(table(QStringLiteral("ledger"))))); // no new row: n_live_tup stays
        QVERIFY(exec(QStringLiteral("SELECT pg_stat_force_next_flush()")));
        QTRY_VERIFY_WITH_TIMEOUT(
            scalar(QStringLiteral("SELECT n_tup_upd FROM pg_stat_user_tables WHERE schemaname = "
                                  "'%1' AND relname = 'ledger'")
                       .arg(m_schema)) == 1,
            10000);
        const Operation second = scanAt(t0.addSecs(3600));
        m = latest(ledger.id);
        QCOMPARE(m.operationId, second.id);
        QCOMPARE(m.changeCounter, counterBefore + 1);
        QCOMPARE(m.newestAt, t0.addSecs(3600));
        QCOMPARE(metric(second.id, freshness).result, QStringLiteral("passed"));
        QCOMPARE(metric(second.id, freshness).observed, 0.0);

        const Operation third = scanAt(t0.addSecs(2 * 3600));
        m = latest(ledger.id);
        QCOMPARE(m.operationId, third.id);
        QCOMPARE(m.changeCounter, counterBefore + 1);
        QCOMPARE(m.newestAt, t0.addSecs(3600));
        QCOMPARE(metric(third.id, freshness).observed, 1.0);
        QCOMPARE(metric(third.id, freshness).result, QStringLiteral("passed"));

        // Three hours without a change: older than the maximum age of 2 hours.
        const Operation fourth = scanAt(t0.addSecs(4 * 3600));
        QCOMPARE(latest(ledger.id).newestAt, t0.addSecs(3600));
        const CheckMetric stale = metric(fourth.id, freshness);
        QCOMPARE(stale.result, QStringLiteral("failed"));
        QCOMPARE(stale.observed, 3.0);
        QCOMPARE(stale.expectedHigh, 2.0);
        const QList<Anomaly> anomalies = ofOperation(fourth.id, freshness);
        QCOMPARE(anomalies.size(), 1);
        QVERIFY2(anomalies.first().message.contains(QStringLiteral("3 h")),
                 qPrintable(anomalies.first().message));
    }

    // metric: the sum of a field against fixed bounds on its value, and against a maximum
    // change in percent between daily scans.
    void metricSumAgainstFixedThresholds()
    {
        newSource(QStringLiteral("sqlite"));
        QVERIFY(createTable(QStringLiteral("payments"), {integerColumn(QStringLiteral("id")),
                                                         integerColumn(QStringLiteral("amount"))}));
        QVERIFY(insertRows(QStringLiteral("payments"), {{1, 100}, {2, 200}, {3, 300}}));
        const Container payments = synced(QStringLiteral("payments"));
        const QStringList amount{QStringLiteral("amount")};
        const qint64 value = add(check(QStringLiteral("metric"), amount,
                                       {{"aggregate", "Sum"},
                                        {"comparison", "Absolute Value"},
                                        {"thresholds", "Fixed"},
                                        {"min", 0},
                                        {"max", 1000}}),
                                 payments);
        const qint64 growth = add(check(QStringLiteral("metric"), amount,
                                        {{"aggregate", "Sum"},
                                         {"comparison", "Percentage Change"},
                                         {"thresholds", "Fixed"},
                                         {"max", 10}}),
                                  payments);
        QVERIFY(value && growth);

        ManualClock clock(QDateTime(QDate(2024, 5, 6), QTime(6, 0), Qt::UTC));
        struct Day
        {
            int added; // the amount of the row added before the scan (0: none)
            double sum;
            const char *valueResult;
            const char *growthResult;
            double growthPercent; // NaN: not judged
        };
        const QList<Day> days{
            {0, 600, "passed", "unasserted", qQNaN()}, // no earlier sum to compare with
            {30, 630, "passed", "passed", 5.0},
            {370, 1000, "passed", "failed", 100.0 * 370 / 630}, // at the maximum: passes
            {50, 1050, "failed", "passed", 100.0 * 50 / 1000},
        };
        int id = 4;
        for (int d = 0; d < days.size(); ++d) {
            const Day &day = days.at(d);
            if (day.added)
                QVERIFY(insertRows(QStringLiteral("payments"), {{id++, day.added}}));
            if (d > 0)
                clock.advanceSecs(24 * 3600);
            const Operation op = scan();
            QVERIFY2(op.status == operation_status::kSuccess, qPrintable(m_harness.describe(op)));
            const QString when = QStringLiteral("day %1").arg(d);

            const CheckMetric v = metric(op.id, value);
            QVERIFY2(v.result == QLatin1String(day.valueResult),
                     qPrintable(when + QStringLiteral(": ") + v.result + QStringLiteral(" ") +
                                v.details));
            QCOMPARE(v.measured, day.sum);
            QCOMPARE(v.observed, day.sum);
            QCOMPARE(v.expectedLow, 0.0);
            QCOMPARE(v.expectedHigh, 1000.0);
            QCOMPARE(ofOperation(op.id, value).size(), v.result == QLatin1String("failed") ? 1 : 0);

            const CheckMetric g = metric(op.id, growth);
            QVERIFY2(g.result == QLatin1String(day.growthResult),
                     qPrintable(when + QStringLiteral(": ") + g.result + QStringLiteral(" ") +
                                g.details));
            QCOMPARE(g.measured, day.sum); // the sum, whatever is judged
            if (qIsNaN(day.growthPercent)) {
                QVERIFY(qIsNaN(g.observed));
                QVERIFY2(g.details.contains(QStringLiteral("Not judged")), qPrintable(g.details));
            } else {
                QVERIFY2(qFuzzyCompare(g.observed, day.growthPercent),
                         qPrintable(QString::number(g.observed)));
                QVERIFY(qIsNaN(g.expectedLow));
                QCOMPARE(g.expectedHigh, 10.0);
            }
            QCOMPARE(ofOperation(op.id, growth).size(),
                     g.result == QLatin1String("failed") ? 1 : 0);
        }
        // The failures read as the judge wrote them.
        const QList<CheckHistoryPoint> history = m_catalog.checkHistory(value);
        QCOMPARE(history.size(), days.size());
        const QList<Anomaly> over = openOf(value);
        QCOMPARE(over.size(), 1);
        QVERIFY2(over.first().message.contains(QStringLiteral("Sum of amount")) &&
                     over.first().message.contains(monitoring::formatFigure(1050)) &&
                     over.first().message.contains(monitoring::formatFigure(1000)),
                 qPrintable(over.first().message));
        const QList<Anomaly> jumps =
            ofOperation(m_catalog.checkHistory(growth).at(2).operationId, growth);
        QCOMPARE(jumps.size(), 1);
        QVERIFY2(jumps.first().message.contains(QStringLiteral("58.7%")) &&
                     jumps.first().message.contains(QStringLiteral("10%")),
                 qPrintable(jumps.first().message));
    }

    // A Profile that read every record adds a point to the history too, and proposes the
    // monitoring checks: volumetric always, freshness for a time incremental field.
    void profileMeasuresAndProposesMonitoring()
    {
        newSource(QStringLiteral("sqlite"));
        for (const QString &name : {QStringLiteral("events"), QStringLiteral("codes")})
            QVERIFY(createTable(name, {integerColumn(QStringLiteral("id")),
                                       timeColumn(QStringLiteral("created_at"))}));
        const QDateTime newest(QDate(2024, 1, 3), QTime(2, 0), Qt::UTC);
        QList<QVariantList> rows;
        for (int i = 0; i < 30; ++i)
            rows << QVariantList{i, timeText(newest.addSecs(-3600LL * i))};
        QVERIFY(insertRows(QStringLiteral("events"), rows));
        QVERIFY(insertRows(QStringLiteral("codes"), rows));
        const Container events = synced(QStringLiteral("events"));
        const Container codes = m_harness.container(m_ds, QStringLiteral("codes"));
        QVERIFY(
            setIncremental(events, QStringLiteral("created_at"), QStringLiteral("last-modified")));
        QVERIFY(setIncremental(codes, QString(), QString()));

        const Operation op = m_harness.run(m_ds, operation_type::kProfile, {});
        QVERIFY2(op.status == operation_status::kSuccess, qPrintable(m_harness.describe(op)));
        const ContainerMeasurement m = latest(events.id);
        QCOMPARE(m.operationId, op.id);
        QCOMPARE(m.operationType, QStringLiteral("profile"));
        QCOMPARE(m.recordCount, qint64(30));
        QCOMPARE(m.volumeSource, QStringLiteral("pass"));
        QCOMPARE(m.newestAt, newest);
        QCOMPARE(m.freshnessSource, QStringLiteral("pass"));
        QCOMPARE(latest(codes.id).recordCount, qint64(30));
        QVERIFY(!latest(codes.id).newestAt.isValid());

        const auto inferred = [&](const Container &on, const QString &rule) {
            CheckQuery q;
            q.datastoreId = m_ds;
            q.containerId = on.id;
            QList<Check> out;
            for (const Check &c : m_harness.liveInferredChecks(q))
                if (c.rule == rule)
                    out << c;
            return out;
        };
        const QList<Check> volume = inferred(events, QStringLiteral("volumetric"));
        QCOMPARE(volume.size(), 1);
        QCOMPARE(volume.first().properties.value("thresholds").toString(),
                 QStringLiteral("Automatic"));
        QCOMPARE(volume.first().properties.value("comparison").toString(),
                 QStringLiteral("Absolute Change"));
        QCOMPARE(inferred(events, QStringLiteral("freshness")).size(), 1);
        QCOMPARE(inferred(codes, QStringLiteral("volumetric")).size(), 1);
        QVERIFY(inferred(codes, QStringLiteral("freshness")).isEmpty());
    }

    // `assay containers history --json`: the measurements, oldest first, unknown figures null;
    // an unknown container is a clear error.
    void historyOnTheCommandLine()
    {
        newSource(QStringLiteral("sqlite"));
        QVERIFY(createTable(QStringLiteral("items"), {integerColumn(QStringLiteral("id"))}));
        QVERIFY(insertRows(QStringLiteral("items"), {{1}, {2}, {3}}));
        const Container items = synced(QStringLiteral("items"));
        QVERIFY(setIncremental(items, QString(), QString()));
        QVERIFY(add(check(QStringLiteral("notNull"), {QStringLiteral("id")}), items));
        QCOMPARE(scan().status, operation_status::kSuccess);
        QVERIFY(insertRows(QStringLiteral("items"), {{4}, {5}}));
        QCOMPARE(scan().status, operation_status::kSuccess);
        const QString datastore = m_catalog.datastore(m_ds)->name;
        const QString catalogPath = m_dir.filePath(QStringLiteral("catalog.sqlite"));

        const test::CliResult r = test::runAssay(
            catalogPath, {QStringLiteral("containers"), QStringLiteral("history"),
                          QStringLiteral("--datastore"), datastore, QStringLiteral("--container"),
                          QStringLiteral("items"), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8(), &error);
        QVERIFY2(error.error == QJsonParseError::NoError && doc.isArray(), qPrintable(r.out));
        const QJsonArray points = doc.array();
        QCOMPARE(points.size(), 2);
        QCOMPARE(points.at(0)[QStringLiteral("record_count")].toInt(), 3);
        QCOMPARE(points.at(1)[QStringLiteral("record_count")].toInt(), 5);
        for (const QJsonValue &p : points) {
            QCOMPARE(p[QStringLiteral("volume_source")].toString(), QStringLiteral("pass"));
            QCOMPARE(p[QStringLiteral("operation_type")].toString(), QStringLiteral("scan"));
            // SQLite keeps no size and the table no time field: unknown, not 0.
            QVERIFY(p.toObject().contains(QStringLiteral("size_bytes")));
            QVERIFY(p[QStringLiteral("size_bytes")].isNull());
            QVERIFY(p[QStringLiteral("newest_at")].isNull());
            QVERIFY(p[QStringLiteral("age_hours")].isNull());
        }
        QVERIFY(QDateTime::fromString(points.at(0)[QStringLiteral("measured_at")].toString(),
                                      Qt::ISODateWithMs) <=
                QDateTime::fromString(points.at(1)[QStringLiteral("measured_at")].toString(),
                                      Qt::ISODateWithMs));

        const test::CliResult table =
            test::runAssay(catalogPath, {QStringLiteral("containers"), QStringLiteral("history"),
                                         QStringLiteral("--datastore"), datastore,
                                         QStringLiteral("--container"), QStringLiteral("items")});
        QCOMPARE(table.exitCode, 0);
        QVERIFY2(table.out.contains(QStringLiteral("RECORDS")), qPrintable(table.out));

        const test::CliResult unknown = test::runAssay(
            catalogPath, {QStringLiteral("containers"), QStringLiteral("history"),
                          QStringLiteral("--datastore"), datastore, QStringLiteral("--container"),
                          QStringLiteral("nosuch"), QStringLiteral("--json")});
        QVERIFY(unknown.exitCode != 0);
        QVERIFY2(unknown.err.contains(QStringLiteral("no container named 'nosuch'")),
                 qPrintable(unknown.err));
        QVERIFY(unknown.out.trimmed().isEmpty());
    }
};

QTEST_MAIN(TestMonitoring)
#include "tst_monitoring.moc"
