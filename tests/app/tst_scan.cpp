#include "EngineHarness.h"
#include "ServerDatabase.h"
#include "tst_scan_data.h"

#include <QJsonArray>
#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QTest>

using namespace assay;
using namespace scan_data;

namespace {

constexpr int kRollup = 5;
constexpr int kExamples = 3;
const QString kHostileTable = QStringLiteral("a\"; drop table b; --");
const QString kHostileQty = QStringLiteral("q`\"; drop table b; --");

// A database the test writes to directly (to build tables, then add rows between scans).
struct Source
{
    QString driver, name;
    SqlDialect dialect = SqlDialect::forFamily(SqlDialect::Family::SQLite);
    QString schema;
    QSqlDatabase db() const { return QSqlDatabase::database(name); }
};

} // namespace

// Scan end to end through the engine on real SQLite, PostgreSQL and MariaDB: defects injected
// per rule family are found, counts equal those computed here, rollup and example limits hold,
// recurring anomalies are recognised, incremental scans read only new rows, a failed expected
// schema aborts the container, hostile names are harmless.
class TestScan : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    test::EngineHarness m_harness;
    qint64 m_sqliteDatastore = 0; // made by the first test that needs it (sqliteSource)
    Catalog &m_catalog = m_harness.catalog;
    const QVector<Row> m_rows = rows();

    // Scans of the crafted tables may take longer than the harness's default minute.
    Operation run(qint64 datastoreId, const QString &type, const QJsonObject &options)
    {
        return m_harness.run(datastoreId, type, options, 120000);
    }

    static QJsonObject scanOptions(const QStringList &containers, QJsonObject extra = {})
    {
        extra.insert(QStringLiteral("containers"), QJsonArray::fromStringList(containers));
        extra.insert(QStringLiteral("high_count_rollup_threshold"), kRollup);
        extra.insert(QStringLiteral("enrichment_source_record_limit"), kExamples);
        QJsonObject json;
        const auto vars = variables();
        for (auto it = vars.begin(); it != vars.end(); ++it)
            json.insert(it.key(), it.value());
        extra.insert(QStringLiteral("check_variables"), json);
        return extra;
    }

    // The anomalies a failing record check should produce (coverage 1): one per record up to
    // the rollup threshold, else one rolled-up shape.
    static int expectedAnomalies(const Check &c, qint64 asserted, qint64 failing)
    {
        if (failing == 0)
            return 0;
        if (c.coverage < 1.0)
            return withinCoverage(c, asserted, failing) ? 0 : 1;
        return failing <= kRollup ? int(failing) : 1;
    }

    void verifyFirstScan(const Operation &op, const QList<QPair<qint64, Case>> &cases,
                         const QSet<qint64> &aggregateFailing)
    {
        QHash<qint64, CheckMetric> metrics;
        for (const CheckMetric &m : m_catalog.checkMetrics(op.id))
            metrics.insert(m.checkId, m);
        int expectedTotal = aggregateFailing.size();
        for (const auto &[checkId, c] : cases) {
            const auto [asserted, failing] = expected(c, m_rows);
            const CheckMetric m = metrics.value(checkId);
            const QString what = c.check.rule + QStringLiteral(" %1").arg(checkId);
            QVERIFY2(m.checkId == checkId, qPrintable(what));
            QVERIFY2(m.assertedRecords == asserted, qPrintable(what));
            QVERIFY2(m.anomalousRecords == failing, qPrintable(what));
            AnomalyQuery q;
            q.operationId = op.id;
            q.checkId = checkId;
            const QList<Anomaly> found = m_catalog.anomalies(q);
            const int want = expectedAnomalies(c.check, asserted, failing);
            QVERIFY2(found.size() == want, qPrintable(what + QStringLiteral(": %1 anomalies, %2 "
                                                                            "expected")
                                                                 .arg(found.size())
                                                                 .arg(want)));
            expectedTotal += want;
            if (want == 0)
                continue;
            // A reference check's message names the reference table and field.
            if (c.check.rule.endsWith(QLatin1String("xistsIn")))
                QVERIFY2(found.first().message.contains(QLatin1String("ref.num")),
                         qPrintable(found.first().message));
            if (found.first().type == QLatin1String("shape")) {
                const Anomaly a = *m_catalog.anomaly(found.first().id);
                QCOMPARE(a.anomalousRecordCount, failing);
                QCOMPARE(a.sourceRecords.size(), qMin<qsizetype>(kExamples, failing));
                QVERIFY(a.message.contains(QStringLiteral(" records (%1)").arg(failing)));
                continue;
            }
            // Record anomalies: exactly the failing rows, one each.
            QSet<int> ids, expectedIds;
            for (const Row &r : m_rows)
                if (c.fails(r).value_or(false))
                    expectedIds << r.id;
            for (const Anomaly &listed : found) {
                const Anomaly a = *m_catalog.anomaly(listed.id);
                QCOMPARE(a.type, QStringLiteral("record"));
                QCOMPARE(a.sourceRecords.size(), 1);
                QVERIFY(a.message.startsWith(QStringLiteral("The ")));
                QVERIFY(!a.fingerprint.isEmpty());
                ids << a.sourceRecords.at(0).toObject().value(QStringLiteral("id")).toInt();
            }
            QCOMPARE(ids, expectedIds);
        }
        QCOMPARE(qint64(op.counters.value(QStringLiteral("anomalies_identified")).toDouble()),
                 qint64(expectedTotal));
    }

    void scanAll(const Source &src, qint64 ds)
    {
        QVERIFY(ds);
        const Operation synced = run(ds, operation_type::kSync, {});
        QVERIFY2(synced.status == QLatin1String("success"), qPrintable(synced.message));
        const Container t = m_harness.container(ds, QStringLiteral("t"));
        const Container ref = m_harness.container(ds, QStringLiteral("ref"));
        const Container hostile = m_harness.container(ds, kHostileTable);
        QVERIFY(t.id && ref.id && hostile.id);

        QList<QPair<qint64, Case>> cases;
        for (const Case &c : recordCases(src.dialect, ref.id))
            cases << qMakePair(m_harness.addCheck(c.check, t), c);
        for (const auto &[id, c] : cases)
            QVERIFY2(id, qPrintable(m_catalog.lastError()));
        // Table-level rules: one passes, the others fail as a figure.
        QSet<qint64> aggregateFailing;
        QVERIFY(m_harness.addCheck(check("minPartitionSize", {}, {{"value", 10}}), t));
        QVERIFY(m_harness.addCheck(check("maxPartitionSize", {}, {{"value", 1000}}), t));
        aggregateFailing << m_harness.addCheck(check("minPartitionSize", {}, {{"value", 1000}}), t)
                         << m_harness.addCheck(check("maxPartitionSize", {}, {{"value", 10}}), t)
                         << m_harness.addCheck(
                                check("requiredValues", {"cat"}, {{"list", QJsonArray{"a", "q"}}}),
                                t)
                         << m_harness.addCheck(check("distinctCount", {"lo"}, {{"value", 3}}), t)
                         << m_harness.addCheck(
                                check("metric", {"qty"}, {{"aggregate", "Sum"}, {"max", -1000000}}),
                                t);
        // Metrics measured in the same pass, each against an independent figure below.
        QHash<qint64, double> metricWants;
        const auto metric = [&](const char *field, const char *aggregate, double want) {
            const qint64 id =
                m_harness.addCheck(check("metric", {QLatin1String(field)},
                                         {{"aggregate", QLatin1String(aggregate)}, {"min", -1e12}}),
                                   t);
            QVERIFY(id);
            metricWants.insert(id, want);
        };
        double qtySum = 0, priceSum = 0, loMax = -1e300;
        int prices = 0;
        QSet<QString> cats;
        for (const Row &r : m_rows) {
            qtySum += r.qty.value_or(0);
            if (r.price) {
                priceSum += *r.price;
                ++prices;
            }
            if (r.lo)
                loMax = qMax(loMax, double(*r.lo));
            if (r.cat)
                cats << *r.cat;
        }
        metric("qty", "Sum", qtySum);
        metric("price", "Average", priceSum / prices);
        metric("lo", "Maximum", loMax);
        // The hostile container: its quoted names reach every statement.
        Case hostileCase = recordCases(src.dialect, ref.id, kHostileQty).at(1); // between 1..9
        cases << qMakePair(m_harness.addCheck(hostileCase.check, hostile), hostileCase);

        const QStringList scanned{QStringLiteral("t"), kHostileTable};
        const Operation first = run(ds, operation_type::kScan, scanOptions(scanned));
        QVERIFY2(first.status == QLatin1String("success"), qPrintable(m_harness.describe(first)));
        QCOMPARE(first.counters.value(QStringLiteral("tables_requested")).toInt(), 2);
        QCOMPARE(first.counters.value(QStringLiteral("tables_scanned")).toInt(), 2);
        QCOMPARE(first.counters.value(QStringLiteral("records_scanned")).toInt(), 2 * kRows);
        // One aggregate pass per container; the examples are bounded queries.
        QCOMPARE(first.counters.value(QStringLiteral("table_passes")).toInt(), 2);
        verifyFirstScan(first, cases, aggregateFailing);
        for (const CheckMetric &m : m_catalog.checkMetrics(first.id))
            if (metricWants.contains(m.checkId)) {
                QCOMPARE(m.result, QStringLiteral("passed"));
                QVERIFY2(qAbs(m.measured - metricWants.value(m.checkId)) <=
                             1e-9 * qMax(1.0, qAbs(metricWants.value(m.checkId))),
                         qPrintable(QStringLiteral("check %1 measured %2, want %3")
                                        .arg(m.checkId)
                                        .arg(m.measured, 0, 'g', 17)
                                        .arg(metricWants.value(m.checkId), 0, 'g', 17)));
            }
        QVERIFY(exec(src.db(), QStringLiteral("SELECT * FROM %1")
                                   .arg(src.dialect.table(src.schema, QStringLiteral("b")))));

        // The same scan again: every anomaly is found and created again, and the first scan's
        // (the same fingerprints) are archived as duplicates: one open anomaly per fingerprint.
        const int total = first.counters.value(QStringLiteral("anomalies_identified")).toInt();
        const Operation second = run(ds, operation_type::kScan, scanOptions(scanned));
        QCOMPARE(second.status, QStringLiteral("success"));
        QCOMPARE(second.counters.value(QStringLiteral("anomalies_identified")).toInt(), total);
        AnomalyQuery ofFirst;
        ofFirst.operationId = first.id;
        ofFirst.status = anomaly_status::kDuplicate;
        QCOMPARE(m_catalog.anomalyCount(ofFirst), total);
        AnomalyQuery open;
        open.datastoreId = ds;
        open.status = QStringLiteral("open");
        QCOMPARE(m_catalog.anomalyCount(open), total);
        QVERIFY2(second.message.contains(QStringLiteral("%1 archived as duplicates").arg(total)),
                 qPrintable(second.message));

        // A resolved anomaly that recurs: reactivated, and the new one marked its Duplicate;
        // the others are created again and archive the second scan's.
        AnomalyQuery recordQuery;
        recordQuery.operationId = second.id;
        recordQuery.type = QStringLiteral("record");
        const QList<Anomaly> records = m_catalog.anomalies(recordQuery);
        QVERIFY(!records.isEmpty());
        const Anomaly original = records.first();
        QVERIFY(m_catalog.setAnomalyStatus(original.id, anomaly_status::kResolved, "fixed"));
        const Operation third =
            run(ds, operation_type::kScan,
                scanOptions(scanned, {{QStringLiteral("reactivate_recurring_anomalies"), true}}));
        QCOMPARE(third.status, QStringLiteral("success"));
        QCOMPARE(third.counters.value(QStringLiteral("anomalies_identified")).toInt(), total);
        QCOMPARE(m_catalog.anomaly(original.id)->status, anomaly_status::kActive);
        AnomalyQuery thirdQuery;
        thirdQuery.operationId = third.id;
        thirdQuery.status = anomaly_status::kDuplicate;
        const QList<Anomaly> duplicate = m_catalog.anomalies(thirdQuery);
        QCOMPARE(duplicate.size(), 1);
        QCOMPARE(duplicate.first().fingerprint, original.fingerprint);
        QCOMPARE(m_catalog.anomalyCount(open), total);
        QVERIFY2(third.message.contains(QStringLiteral("1 reactivated")) &&
                     third.message.contains(QStringLiteral("%1 archived").arg(total - 1)),
                 qPrintable(third.message));

        // A check that now passes resolves its open anomalies (a full scan).
        Check between = *m_catalog.check(cases.at(1).first);
        between.properties = QJsonObject{{"min", -100}, {"max", 100}};
        QVERIFY(m_catalog.updateCheck(between));
        AnomalyQuery openOfCheck;
        openOfCheck.checkId = between.id;
        openOfCheck.status = QStringLiteral("open");
        QVERIFY(m_catalog.anomalyCount(openOfCheck) > 0);
        QCOMPARE(run(ds, operation_type::kScan, scanOptions(scanned)).status,
                 QStringLiteral("success"));
        QCOMPARE(m_catalog.anomalyCount(openOfCheck), 0);

        // Expected schema: a missing field aborts the container, with the anomaly recorded.
        const qint64 schemaCheck =
            m_harness.addCheck(check("expectedSchema", {"num", "nope"}), ref);
        QVERIFY(m_harness.addCheck(check("notNull", {"num"}), ref));
        const Operation schema =
            run(ds, operation_type::kScan, scanOptions({QStringLiteral("ref")}));
        QCOMPARE(schema.status, QStringLiteral("failure"));
        QVERIFY2(schema.message.contains(
                     QStringLiteral("ref: Aborted because schema check anomalies were identified")),
                 qPrintable(schema.message));
        AnomalyQuery schemaQuery;
        schemaQuery.operationId = schema.id;
        const QList<Anomaly> schemaAnomalies = m_catalog.anomalies(schemaQuery);
        QCOMPARE(schemaAnomalies.size(), 1);
        QVERIFY(schemaAnomalies.first().message.contains(QStringLiteral("nope")));
        QCOMPARE(schema.counters.value(QStringLiteral("table_passes")).toInt(), 0);
        QVERIFY(m_catalog.setCheckStatus(schemaCheck, check_status::kArchived));

        // Profile reaches the hostile names too: both passes, the inference and its holdout
        // (drafts, so later scans are unchanged), and the table named "b" is still there.
        const Operation profiled = run(ds, operation_type::kProfile,
                                       {{QStringLiteral("containers"), QJsonArray{kHostileTable}},
                                        {QStringLiteral("inference_threshold"), 3},
                                        {QStringLiteral("infer_as_draft"), true}});
        QVERIFY2(profiled.status == QLatin1String("success"),
                 qPrintable(m_harness.describe(profiled)));
        bool qtyProfiled = false;
        for (const FieldProfile &p : m_catalog.latestFieldProfiles(hostile.id))
            qtyProfiled =
                qtyProfiled || (p.fieldName == kHostileQty && p.records == kRows &&
                                !p.minValue.isEmpty() && p.stdDev && !p.histogram.isEmpty());
        QVERIFY(qtyProfiled);
        QVERIFY(exec(src.db(), QStringLiteral("SELECT * FROM %1")
                                   .arg(src.dialect.table(src.schema, QStringLiteral("b")))));

        incremental(src, ds);
    }

    void incremental(const Source &src, qint64 ds)
    {
        const QString events = src.dialect.table(src.schema, QStringLiteral("events"));
        Container c = m_harness.container(ds, QStringLiteral("events"));
        QVERIFY(c.id);
        c.incrementalField = QStringLiteral("id");
        c.incrementalStrategy = QStringLiteral("batch-value");
        QVERIFY(m_catalog.updateContainerSettings(c));
        QVERIFY(m_harness.addCheck(check("notNull", {"v"}), c));
        const QJsonObject options =
            scanOptions({QStringLiteral("events")}, {{QStringLiteral("incremental"), true}});
        const Operation first = run(ds, operation_type::kScan, options);
        QVERIFY2(first.status == QLatin1String("success"), qPrintable(first.message));
        QCOMPARE(first.counters.value(QStringLiteral("records_scanned")).toInt(), 100);
        QCOMPARE(m_catalog.scanHighWaterMark(c.id).toDouble(), 100.0);
        QCOMPARE(m_catalog.checkMetrics(first.id).first().anomalousRecords, qint64(10));

        QVERIFY(exec(src.db(), QStringLiteral("INSERT INTO %1 VALUES (101, 1), (102, NULL), "
                                              "(103, 3)")
                                   .arg(events)));
        const Operation second = run(ds, operation_type::kScan, options);
        QCOMPARE(second.status, QStringLiteral("success"));
        QCOMPARE(second.counters.value(QStringLiteral("records_scanned")).toInt(), 3);
        QCOMPARE(m_catalog.checkMetrics(second.id).first().assertedRecords, qint64(3));
        QCOMPARE(m_catalog.checkMetrics(second.id).first().anomalousRecords, qint64(1));
        QCOMPARE(m_catalog.scanHighWaterMark(c.id).toDouble(), 103.0);
        // Nothing new: nothing read.
        const Operation third = run(ds, operation_type::kScan, options);
        QCOMPARE(third.counters.value(QStringLiteral("records_scanned")).toInt(), 0);
        QCOMPARE(m_catalog.scanHighWaterMark(c.id).toDouble(), 103.0);
    }

    // The crafted table, the reference, the hostile table and its victim, and the events.
    void build(const Source &src)
    {
        QSqlDatabase db = src.db();
        QVERIFY(create(db, src.dialect, src.schema, QStringLiteral("t"), m_rows));
        QVERIFY(createReference(db, src.dialect, src.schema, QStringLiteral("ref")));
        QVERIFY(exec(db, QStringLiteral("CREATE TABLE %1 (x INTEGER)")
                             .arg(src.dialect.table(src.schema, QStringLiteral("b")))));
        QVERIFY(create(db, src.dialect, src.schema, kHostileTable, m_rows, kHostileQty));
        const QString events = src.dialect.table(src.schema, QStringLiteral("events"));
        QVERIFY(exec(db, QStringLiteral("CREATE TABLE %1 (id INTEGER, v INTEGER)").arg(events)));
        QStringList values;
        for (int i = 1; i <= 100; ++i)
            values << QStringLiteral("(%1, %2)")
                          .arg(i)
                          .arg(i % 10 == 0 ? QStringLiteral("NULL") : QString::number(i));
        QVERIFY(exec(db, QStringLiteral("INSERT INTO %1 VALUES %2")
                             .arg(events, values.join(QStringLiteral(", ")))));
    }

    // The SQLite source with its rows and datastore, made once; the datastore's id (0 on
    // failure).
    qint64 sqliteSource(Source *src)
    {
        *src = Source{QStringLiteral("QSQLITE"), QStringLiteral("lite"),
                      SqlDialect::forFamily(SqlDialect::Family::SQLite), QStringLiteral("main")};
        if (m_sqliteDatastore)
            return m_sqliteDatastore;
        const QString path = m_dir.filePath(QStringLiteral("scan.sqlite"));
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), "lite");
        db.setDatabaseName(path);
        if (!db.open())
            return 0;
        build(*src);
        if (QTest::currentTestFailed())
            return 0;
        m_sqliteDatastore = m_harness.datastoreFor(QStringLiteral("lite"), QStringLiteral("sqlite"),
                                                   test::Server{}, path, QStringLiteral("main"));
        return m_sqliteDatastore;
    }

    qint64 postgresSource(Source *src)
    {
        const test::Server pg = test::postgres();
        QSqlDatabase db =
            test::serverDatabase(QStringLiteral("QPSQL"), pg, QStringLiteral("pgadmin"));
        if (!db.open() || !exec(db, QStringLiteral("DROP SCHEMA IF EXISTS scan_pg CASCADE")) ||
            !exec(db, QStringLiteral("CREATE SCHEMA scan_pg")))
            return 0;
        *src = Source{QStringLiteral("QPSQL"), QStringLiteral("pgadmin"),
                      SqlDialect::forFamily(SqlDialect::Family::PostgreSQL),
                      QStringLiteral("scan_pg")};
        build(*src);
        if (QTest::currentTestFailed())
            return 0;
        return m_harness.datastoreFor(QStringLiteral("pg"), QStringLiteral("postgresql"), pg,
                                      pg.database, QStringLiteral("scan_pg"));
    }

    qint64 mariadbSource(Source *src)
    {
        const test::Server md = test::mariadb();
        if (!md.port)
            return 0;
        QSqlDatabase db =
            test::serverDatabase(QStringLiteral("QMARIADB"), md, QStringLiteral("mdadmin"));
        if (!db.open() || !exec(db, QStringLiteral("DROP DATABASE IF EXISTS assay_scan")) ||
            !exec(db, QStringLiteral("CREATE DATABASE assay_scan")))
            return 0;
        *src =
            Source{QStringLiteral("QMARIADB"), QStringLiteral("mdadmin"),
                   SqlDialect::forFamily(SqlDialect::Family::MySQL), QStringLiteral("assay_scan")};
        build(*src);
        if (QTest::currentTestFailed())
            return 0;
        return m_harness.datastoreFor(QStringLiteral("md"), QStringLiteral("mariadb"), md,
                                      QStringLiteral("assay_scan"), QStringLiteral("assay_scan"));
    }

private slots:
    void initTestCase()
    {
        m_harness.startOnFixtures(m_dir.filePath(QStringLiteral("catalog.sqlite")));
    }

    void cleanupTestCase() { m_harness.stop(); }

    // Every rule scanned on each database, from the same rows (scanAll).
    void scanEveryRule_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("postgresql") << QStringLiteral("postgresql");
        QTest::newRow("mariadb") << QStringLiteral("mariadb");
    }

    void scanEveryRule()
    {
        QFETCH(QString, backend);
        Source src;
        qint64 ds = 0;
        if (backend == QLatin1String("sqlite"))
            ds = sqliteSource(&src);
        else if (backend == QLatin1String("postgresql"))
            ds = postgresSource(&src);
        else
            ds = mariadbSource(&src);
        QVERIFY2(ds, qPrintable(backend));
        scanAll(src, ds);
    }

    // Remediation without an enrichment datastore fails before reading anything.
    void remediationWithoutEnrichmentFails()
    {
        Source src;
        const qint64 ds = sqliteSource(&src);
        QVERIFY(ds);
        const Operation remediation =
            run(ds, operation_type::kScan,
                scanOptions({QStringLiteral("t")}, {{QStringLiteral("remediation"), "append"}}));
        QCOMPARE(remediation.status, QStringLiteral("failure"));
        QVERIFY(remediation.message.contains(QStringLiteral("link one")));
        QVERIFY(remediation.message.contains(QStringLiteral("None")));
        QCOMPARE(remediation.counters.value(QStringLiteral("queries")).toInt(), 0);
    }

    // An unreachable enrichment datastore never loses the scan: a warning names it.
    void unreachableEnrichmentWarns()
    {
        Source src;
        const qint64 ds = sqliteSource(&src);
        QVERIFY(ds);
        test::Server dead;
        dead.host = QStringLiteral("127.0.0.1");
        dead.port = test::closedLoopbackPort();
        dead.user = QStringLiteral("nobody");
        const qint64 target =
            m_harness.datastoreFor(QStringLiteral("dead-enrichment"), QStringLiteral("postgresql"),
                                   dead, QStringLiteral("x"), QStringLiteral("public"));
        Datastore linked = *m_catalog.datastore(ds);
        linked.enrichment.enrichmentDatastoreId = target;
        linked.enrichment.prefix = QStringLiteral("_scan");
        QVERIFY(m_catalog.updateDatastore(linked));
        const Operation warned = run(ds, operation_type::kScan, scanOptions({"t"}));
        QVERIFY2(warned.status == QLatin1String("warning"),
                 qPrintable(warned.status + warned.message));
        bool named = false; // the target, and the fix
        for (const OperationLogEntry &e : m_catalog.operationLog(warned.id))
            named = named || (e.level == QLatin1String("warning") &&
                              e.message.contains(QStringLiteral("dead-enrichment")) &&
                              e.message.contains(QStringLiteral("Make sure it is reachable")) &&
                              e.message.contains(QStringLiteral("kept in Assay")));
        QVERIFY2(named, qPrintable(m_harness.describe(warned)));
        QCOMPARE(warned.counters.value(QStringLiteral("tables_scanned")).toInt(), 1);
        linked.enrichment = EnrichmentLink();
        QVERIFY(m_catalog.updateDatastore(linked));
    }
};

QTEST_GUILESS_MAIN(TestScan)
#include "tst_scan.moc"
