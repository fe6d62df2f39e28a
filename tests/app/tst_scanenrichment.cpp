#include "tst_scanenrichment.h"

#include "CliRunner.h"
#include "app/engine/OperationRecords.h"

#include <QScopeGuard>
#include <csignal>

using namespace assay;
using namespace scan_data;
using namespace scan_e2e;

// Scan end to end into a linked enrichment datastore: the engine scans a source (secrets from
// the keychain fixture), and the four enrichment tables and remediation tables are read back
// from the real target and compared with counts computed here, on SQLite, PostgreSQL and
// MariaDB. Also: two sources on one target, a target login without CREATE, and a source whose
// server connection is killed mid-scan.
class TestScanEnrichment : public QObject, public ScanEnrichmentFixture
{
    Q_OBJECT

private:
    void verifyRemediation(const Backend &b, const Container &c, const QList<qint64> &operations);
    qint64 sleepyDatastore(const QString &name, int seconds);
    qint64 sleepingBackend();

private slots:
    void initTestCase();
    void cleanupTestCase();
    void backends_data();
    void writesTheFourTables_data()
    {
        backends_data();
        QTest::newRow("timescale") << QStringLiteral("timescale");
    }
    void writesTheFourTables();
    void remediationAppendThenOverwrite_data() { backends_data(); }
    void remediationAppendThenOverwrite();
    void twoSourcesOneTarget_data() { backends_data(); }
    void twoSourcesOneTarget();
    void targetWithoutCreateKeepsEveryAnomaly();
    void sourceConnectionKilledMidScan();
    void frozenBackendIsAborted();
    void resumeEndsTheStatementADeadRunnerLeft();
};

void TestScanEnrichment::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(test::useTestKeyring(), "the Keyring fixture is not running");
    const test::Server pg = test::postgres(), md = test::mariadb();
    QVERIFY2(pg.port && md.port, "the Servers fixture is not running");
    QVERIFY(m_catalog.open(m_dir.filePath(QStringLiteral("catalog.sqlite"))));
    m_engine = std::make_unique<OperationEngine>(&m_catalog, &m_credentials, 2);

    // SQLite: a file per source and one for the enrichment tables.
    Backend lite;
    lite.type = QStringLiteral("sqlite");
    lite.dialect = SqlDialect::forFamily(SqlDialect::Family::SQLite);
    lite.sourceSchema = lite.source2Schema = lite.enrichSchema = QStringLiteral("main");
    QString *conns[] = {&lite.sourceConn, &lite.source2Conn, &lite.enrichConn};
    QString *files[] = {&lite.sourceDb, &lite.source2Db, &lite.enrichDb};
    const char *stems[] = {"source", "source2", "enrichment"};
    for (int i = 0; i < 3; ++i) {
        *conns[i] = QStringLiteral("e2e-lite-") + QLatin1String(stems[i]);
        *files[i] = m_dir.filePath(QLatin1String(stems[i]) + QStringLiteral(".sqlite"));
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), *conns[i]);
        db.setDatabaseName(*files[i]);
        QVERIFY(db.open());
    }
    // A database file with something in it, as a user would pick.
    QVERIFY(execute(lite.target(), QStringLiteral("CREATE TABLE placeholder (x INTEGER)")));
    setUpBackend(lite, test::Server{});
    if (QTest::currentTestFailed())
        return;
    m_backends.insert(lite.type, lite);

    QVERIFY2(
        openServer(QStringLiteral("e2e-pg"), QStringLiteral("QPSQL"), pg, pg.database).isEmpty(),
        "cannot open PostgreSQL");
    Backend pgb;
    pgb.dialect = SqlDialect::forFamily(SqlDialect::Family::PostgreSQL);
    pgb.sourceConn = pgb.source2Conn = pgb.enrichConn = QStringLiteral("e2e-pg");
    pgb.sourceDb = pgb.source2Db = pgb.enrichDb = pg.database;
    // PostgreSQL, then TimescaleDB (PostgreSQL with an extension, reached as its own connector
    // type): each with three fresh schemas of the fixture's database.
    for (const QString &type : {QStringLiteral("postgresql"), QStringLiteral("timescale")}) {
        const QString stem =
            type == QLatin1String("timescale") ? QStringLiteral("e2e_ts_") : QStringLiteral("e2e_");
        Backend b = pgb;
        b.type = type;
        b.sourceSchema = stem + QStringLiteral("src");
        b.source2Schema = stem + QStringLiteral("src2");
        b.enrichSchema = stem + QStringLiteral("enr");
        for (const QString &s : {b.sourceSchema, b.source2Schema, b.enrichSchema})
            QVERIFY(
                execute(b.target(), QStringLiteral("DROP SCHEMA IF EXISTS %1 CASCADE").arg(s)) &&
                execute(b.target(), QStringLiteral("CREATE SCHEMA %1").arg(s)));
        setUpBackend(b, pg);
        if (QTest::currentTestFailed())
            return;
        m_backends.insert(b.type, b);
    }

    // MariaDB: three databases the fixture's login may use (assay_%).
    QVERIFY2(
        openServer(QStringLiteral("e2e-md"), QStringLiteral("QMARIADB"), md, md.database).isEmpty(),
        "cannot open MariaDB");
    Backend mdb;
    mdb.type = QStringLiteral("mariadb");
    mdb.dialect = SqlDialect::forFamily(SqlDialect::Family::MySQL);
    mdb.sourceConn = mdb.source2Conn = mdb.enrichConn = QStringLiteral("e2e-md");
    mdb.sourceSchema = mdb.sourceDb = QStringLiteral("assay_e2e_src");
    mdb.source2Schema = mdb.source2Db = QStringLiteral("assay_e2e_src2");
    mdb.enrichSchema = mdb.enrichDb = QStringLiteral("assay_e2e_enr");
    for (const QString &s : {mdb.sourceSchema, mdb.source2Schema, mdb.enrichSchema})
        QVERIFY(execute(mdb.target(), QStringLiteral("DROP DATABASE IF EXISTS %1").arg(s)) &&
                execute(mdb.target(), QStringLiteral("CREATE DATABASE %1").arg(s)));
    setUpBackend(mdb, md);
    if (QTest::currentTestFailed())
        return;
    m_backends.insert(mdb.type, mdb);
}

void TestScanEnrichment::cleanupTestCase()
{
    m_engine.reset();
    if (!m_role.isEmpty())
        pgSuperuser({QStringLiteral("DROP OWNED BY %1").arg(m_role),
                     QStringLiteral("DROP ROLE %1").arg(m_role)});
}

void TestScanEnrichment::backends_data()
{
    QTest::addColumn<QString>("type");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
    QTest::newRow("mariadb") << QStringLiteral("mariadb");
}

// Every record rule of the crafted table plus two table-level checks, read back from the four
// tables: a metric per check, a failed check per anomaly, examples within the limit, one scan
// row for the container.
void TestScanEnrichment::writesTheFourTables()
{
    QFETCH(QString, type);
    const Backend b = m_backends.value(type);
    QVERIFY(b.source);
    const Container t = container(b.source, QStringLiteral("t"));
    const Container ref = container(b.source, QStringLiteral("ref"));
    QVERIFY(t.id && ref.id);
    QHash<qint64, Case> cases;
    QHash<qint64, QPair<qint64, qint64>> counts; // asserted, failing: computed here
    int total = 1;                               // the partition too small: one figure
    for (const Case &c : recordCases(b.dialect, ref.id)) {
        const qint64 id = add(c.check, t);
        QVERIFY2(id, qPrintable(m_catalog.lastError()));
        cases.insert(id, c);
        counts.insert(id, expected(c, m_rows));
        total += expectedAnomalies(c.check, counts[id].first, counts[id].second);
    }
    const qint64 tooSmall = add(check("minPartitionSize", {}, {{"value", 1000}}), t);
    const qint64 bigEnough = add(check("minPartitionSize", {}, {{"value", 10}}), t);
    QVERIFY(tooSmall && bigEnough);
    QJsonObject vars;
    const auto variableValues = variables();
    for (auto it = variableValues.begin(); it != variableValues.end(); ++it)
        vars.insert(it.key(), it.value());

    const Operation op = run(b.source, operation_type::kScan,
                             scanOf({QStringLiteral("t")}, {{"check_variables", vars}}));
    QVERIFY2(op.status == operation_status::kSuccess, qPrintable(describe(op)));
    QCOMPARE(op.counters.value(QStringLiteral("anomalies_identified")).toInt(), total);
    const QString datastoreName = m_catalog.datastore(b.source)->name;

    const QList<QVariantMap> metrics = ofOperation(b, b.prefix + "_check_metrics", op.id);
    QCOMPARE(metrics.size(), cases.size() + 2);
    QSet<qint64> measured;
    for (const QVariantMap &m : metrics) {
        const qint64 checkId = m.value("QUALITY_CHECK_ID").toLongLong();
        measured << checkId;
        QCOMPARE(m.value("CONTAINER_ID").toLongLong(), t.id);
        QCOMPARE(m.value("SOURCE_CONTAINER").toString(), QStringLiteral("t"));
        QCOMPARE(m.value("SOURCE_DATASTORE").toString(), datastoreName);
        const QString result = m.value("ASSERTION_RESULT").toString();
        if (checkId == tooSmall || checkId == bigEnough) {
            QCOMPARE(result, checkId == tooSmall ? QStringLiteral("failed") : "passed");
            continue;
        }
        QVERIFY(cases.contains(checkId));
        const auto [asserted, failing] = counts.value(checkId);
        const QString what = cases[checkId].check.rule + QStringLiteral(" %1").arg(checkId);
        QVERIFY2(m.value("ASSERTED_RECORDS_COUNT").toLongLong() == asserted, qPrintable(what));
        QVERIFY2(m.value("ANOMALOUS_RECORDS_COUNT").toLongLong() == failing, qPrintable(what));
        QVERIFY2(result == expectedResult(cases[checkId].check, asserted, failing),
                 qPrintable(what + ": " + result));
    }
    QCOMPARE(measured.size(), metrics.size()); // one row per check

    // Failed checks: one row per anomaly of the Catalog, each anomaly once.
    const QList<Anomaly> anomalies = anomaliesOf(op.id);
    QCOMPARE(anomalies.size(), total);
    QHash<QString, Anomaly> byUuid;
    for (const Anomaly &a : anomalies)
        byUuid.insert(a.uuid, *m_catalog.anomaly(a.id));
    const QList<QVariantMap> failed = ofOperation(b, b.prefix + "_failed_checks", op.id);
    QCOMPARE(failed.size(), total);
    QHash<qint64, int> perCheck;
    for (const QVariantMap &f : failed) {
        const QString uuid = f.value("ANOMALY_UUID").toString();
        QVERIFY2(byUuid.contains(uuid), qPrintable(uuid));
        const Anomaly a = byUuid.take(uuid);
        const qint64 checkId = f.value("QUALITY_CHECK_ID").toLongLong();
        QCOMPARE(a.failedChecks.value(0).checkId, checkId);
        ++perCheck[checkId];
        QCOMPARE(f.value("QUALITY_CHECK_MESSAGE").toString(), a.message);
        QCOMPARE(f.value("SOURCE_CONTAINER").toString(), QStringLiteral("t"));
        QCOMPARE(f.value("SOURCE_DATASTORE").toString(), datastoreName);
        QCOMPARE(f.value("ANOMALOUS_RECORDS_COUNT").toLongLong(), a.anomalousRecordCount);
        const QString rule = f.value("QUALITY_CHECK_RULE_TYPE").toString();
        const QStringList fields = jsonNames(f.value("QUALITY_CHECK_FIELDS"));
        if (checkId == tooSmall) {
            QCOMPARE(rule, QStringLiteral("minPartitionSize"));
            QCOMPARE(fields, QStringList());
            continue;
        }
        const Case &c = cases[checkId];
        QCOMPARE(rule, c.check.rule);
        QCOMPARE(fields, c.check.fields);
        QCOMPARE(jsonObject(f.value("QUALITY_CHECK_PARAMETERS")), c.check.properties);
        QCOMPARE(a.anomalousRecordCount,
                 a.type == QLatin1String("record") ? 1 : counts[checkId].second);
    }
    QVERIFY(byUuid.isEmpty());
    QCOMPARE(perCheck.value(tooSmall), 1);
    for (auto it = cases.begin(); it != cases.end(); ++it)
        QVERIFY2(perCheck.value(it.key()) ==
                     expectedAnomalies(it->check, counts[it.key()].first, counts[it.key()].second),
                 qPrintable(it->check.rule));

    // Source records: the failing rows, at most the limit per anomaly.
    QHash<QString, QList<QVariantMap>> records;
    for (const QVariantMap &r : all(b, b.prefix + "_source_records"))
        records[r.value("ANOMALY_UUID").toString()] << r;
    for (const Anomaly &listed : anomalies) {
        const Anomaly a = *m_catalog.anomaly(listed.id);
        const QList<QVariantMap> got = records.value(a.uuid);
        const qint64 checkId = a.failedChecks.value(0).checkId;
        if (checkId == tooSmall) {
            QCOMPARE(got.size(), 0);
            continue;
        }
        const Case &c = cases[checkId];
        const qint64 failing = counts[checkId].second;
        QCOMPARE(got.size(),
                 a.type == QLatin1String("record") ? 1 : int(qMin<qint64>(kExamples, failing)));
        for (const QVariantMap &r : got) {
            QCOMPARE(r.value("CONTEXT").toString(), a.message);
            QCOMPARE(r.value("SOURCE_CONTAINER").toString(), QStringLiteral("t"));
            const QJsonObject row = jsonObject(r.value("RECORD"));
            QVERIFY2(a.sourceRecords.contains(row), qPrintable(r.value("RECORD").toString()));
            const int id = row.value("id").toInt();
            QVERIFY(id >= 1 && id <= kRows);
            QVERIFY2(c.fails(m_rows.at(id - 1)).value_or(false), qPrintable(c.check.rule));
        }
    }

    const QList<QVariantMap> scans = ofOperation(b, b.prefix + "_scan_operations", op.id);
    QCOMPARE(scans.size(), 1);
    const QVariantMap s = scans.first();
    QCOMPARE(s.value("CONTAINER_ID").toLongLong(), t.id);
    QCOMPARE(s.value("DATASTORE_ID").toLongLong(), b.source);
    QCOMPARE(s.value("RECORDS_PROCESSED").toLongLong(), qint64(kRows));
    QCOMPARE(s.value("ANOMALY_COUNT").toLongLong(), qint64(total));
    QCOMPARE(s.value("ENRICHMENT_SOURCE_RECORD_LIMIT").toLongLong(), qint64(kExamples));
    QCOMPARE(s.value("RESULT").toString(), QStringLiteral("success"));
    QCOMPARE(s.value("INCREMENTAL").toBool(), false);
    QVERIFY(s.value("MAX_RECORDS_ANALYZED").isNull());
}

void TestScanEnrichment::verifyRemediation(const Backend &b, const Container &c,
                                           const QList<qint64> &operations)
{
    // uuid -> the failing row's id, from the Catalog; the ids themselves computed here.
    QHash<QString, QString> expectedRows;
    for (qint64 op : operations) {
        QSet<QString> ids;
        for (const Anomaly &listed : anomaliesOf(op, c.id)) {
            const Anomaly a = *m_catalog.anomaly(listed.id);
            const QString id = QString::number(a.sourceRecords.at(0).toObject()["id"].toInt());
            expectedRows.insert(a.uuid, id);
            ids << id;
        }
        QCOMPARE(ids, (QSet<QString>{"3", "6", "9"}));
    }
    const QList<QVariantMap> rows = all(b, remediationTable(b, c.id));
    QCOMPARE(rows.size(), expectedRows.size());
    for (const QVariantMap &r : rows) {
        const QString uuid = r.value("ANOMALY_UUID").toString();
        QVERIFY2(expectedRows.contains(uuid), qPrintable(uuid));
        QCOMPARE(r.value("id").toString(), expectedRows.take(uuid));
        QVERIFY(r.value("name").isNull());
        QCOMPARE(r.value("_QUALYTICS_SOURCE_PARTITION").toString(), QString());
    }
}

// Remediation through the link's setting: append keeps both scans' rows, overwrite only the
// last scan's.
void TestScanEnrichment::remediationAppendThenOverwrite()
{
    QFETCH(QString, type);
    const Backend b = m_backends.value(type);
    QVERIFY(b.source);
    const Container small = container(b.source, QStringLiteral("small"));
    QVERIFY(small.id);
    QVERIFY(add(check("notNull", {QStringLiteral("name")}), small)); // ids 3, 6, 9 fail
    // Every scan records its anomalies again (no archiving of duplicates): each one has rows.
    const QJsonObject options =
        scanOf({QStringLiteral("small")}, {{"archive_duplicate_anomalies", false}});
    auto scan = [&] {
        const Operation op = run(b.source, operation_type::kScan, options);
        if (op.status != operation_status::kSuccess || anomaliesOf(op.id).size() != 3)
            qWarning() << describe(op);
        return op.id;
    };

    setRemediation(b, RemediationStrategy::Append);
    const qint64 a1 = scan(), a2 = scan();
    QCOMPARE(columnsOf(b, remediationTable(b, small.id)),
             (QStringList{"id", "name", "_QUALYTICS_SOURCE_PARTITION", "ANOMALY_UUID"}));
    verifyRemediation(b, small, {a1, a2});
    if (QTest::currentTestFailed())
        return;

    setRemediation(b, RemediationStrategy::Overwrite);
    const qint64 o1 = scan();
    verifyRemediation(b, small, {o1});
    const qint64 o2 = scan();
    verifyRemediation(b, small, {o2});
    setRemediation(b, RemediationStrategy::None);
}

// Two sources on one enrichment datastore, scanned at the same time, each under its prefix.
void TestScanEnrichment::twoSourcesOneTarget()
{
    QFETCH(QString, type);
    const Backend b = m_backends.value(type);
    QVERIFY(b.source2);
    const Container t2 = container(b.source2, QStringLiteral("t2"));
    QVERIFY(t2.id);
    QVERIFY(add(check("notNull", {QStringLiteral("name")}), t2)); // 5 of 20 fail: rolled up
    const EnrichmentLinkResult linked =
        link(b.source2, b.enrichment, QStringLiteral("_e2e_two"), RemediationStrategy::None, 2, 3);
    QVERIFY2(linked.ok, qPrintable(linked.error));
    QVERIFY(linked.warnings.isEmpty());
    const QString two = linked.prefix;
    QVERIFY(two != b.prefix);

    const qint64 firstId = start(b.source, operation_type::kScan, scanOf({"small"}));
    const qint64 secondId = start(b.source2, operation_type::kScan, scanOf({"t2"}));
    const Operation first = waitFor(firstId), second = waitFor(secondId);
    QVERIFY2(first.status == operation_status::kSuccess, qPrintable(describe(first)));
    QVERIFY2(second.status == operation_status::kSuccess, qPrintable(describe(second)));

    const QList<QVariantMap> scans = all(b, two + "_scan_operations");
    QCOMPARE(scans.size(), 1);
    QCOMPARE(scans.first().value("OPERATION_ID").toLongLong(), second.id);
    QCOMPARE(scans.first().value("DATASTORE_ID").toLongLong(), b.source2);
    QCOMPARE(scans.first().value("CONTAINER_ID").toLongLong(), t2.id);
    QCOMPARE(scans.first().value("RECORDS_PROCESSED").toLongLong(), qint64(20));
    QCOMPARE(scans.first().value("ANOMALY_COUNT").toLongLong(), qint64(1));
    QCOMPARE(scans.first().value("ENRICHMENT_SOURCE_RECORD_LIMIT").toLongLong(), qint64(2));
    const QList<QVariantMap> metrics = all(b, two + "_check_metrics");
    QCOMPARE(metrics.size(), 1);
    QCOMPARE(metrics.first().value("ASSERTED_RECORDS_COUNT").toLongLong(), qint64(20));
    QCOMPARE(metrics.first().value("ANOMALOUS_RECORDS_COUNT").toLongLong(), qint64(5));
    QCOMPARE(metrics.first().value("SOURCE_DATASTORE").toString(),
             m_catalog.datastore(b.source2)->name);
    const QList<Anomaly> anomalies = anomaliesOf(second.id);
    QCOMPARE(anomalies.size(), 1);
    const QList<QVariantMap> failed = all(b, two + "_failed_checks");
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.first().value("ANOMALY_UUID").toString(), anomalies.first().uuid);
    QCOMPARE(failed.first().value("ANOMALOUS_RECORDS_COUNT").toLongLong(), qint64(5));
    const QList<QVariantMap> records = all(b, two + "_source_records");
    QCOMPARE(records.size(), 2); // the second link's limit
    for (const QVariantMap &r : records) {
        QCOMPARE(r.value("ANOMALY_UUID").toString(), anomalies.first().uuid);
        QCOMPARE(jsonObject(r.value("RECORD")).value("id").toInt() % 4, 0);
    }

    // The first prefix: its own scan, nothing of the second source.
    QCOMPARE(ofOperation(b, b.prefix + "_scan_operations", first.id).size(), 1);
    for (const QVariantMap &r : all(b, b.prefix + "_scan_operations"))
        QCOMPARE(r.value("DATASTORE_ID").toLongLong(), b.source);
    for (const char *suffix : {"_check_metrics", "_failed_checks"})
        QVERIFY(ofOperation(b, b.prefix + suffix, second.id).isEmpty());
    for (const QVariantMap &r : all(b, b.prefix + "_source_records"))
        QVERIFY(r.value("ANOMALY_UUID").toString() != anomalies.first().uuid);
}

// A PostgreSQL target whose login may not create tables: the scan warns with the cause and
// the fix, and keeps every anomaly.
void TestScanEnrichment::targetWithoutCreateKeepsEveryAnomaly()
{
    const Backend pgb = m_backends.value(QStringLiteral("postgresql"));
    QVERIFY(pgb.source);
    const test::Server pg = test::postgres();
    m_role = QStringLiteral("assay_e2e_nocreate_%1").arg(QCoreApplication::applicationPid());
    test::Server denied = pg;
    denied.user = m_role;
    denied.password = QStringLiteral("pw%1").arg(QCoreApplication::applicationPid());
    QVERIFY(execute(pgb.target(), QStringLiteral("DROP SCHEMA IF EXISTS e2e_denied CASCADE")));
    QVERIFY(execute(pgb.target(), QStringLiteral("CREATE SCHEMA e2e_denied")));
    QVERIFY(pgSuperuser(
        {QStringLiteral("DROP ROLE IF EXISTS %1").arg(m_role),
         QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD '%2'").arg(m_role, denied.password),
         QStringLiteral("GRANT CONNECT ON DATABASE %1 TO %2").arg(pg.database, m_role),
         QStringLiteral("GRANT USAGE ON SCHEMA e2e_denied TO %1").arg(m_role)}));
    const qint64 target = datastoreFor(QStringLiteral("denied enrichment"), pgb.type, denied,
                                       pg.database, QStringLiteral("e2e_denied"), true);
    const qint64 source =
        datastoreFor(QStringLiteral("denied source"), pgb.type, pg, pg.database, pgb.sourceSchema);
    QVERIFY(target && source);
    QCOMPARE(run(source, operation_type::kSync).status, operation_status::kSuccess);
    const Container small = container(source, QStringLiteral("small"));
    const Container t = container(source, QStringLiteral("t"));
    QVERIFY(add(check("notNull", {QStringLiteral("name")}), small)); // 3 record anomalies
    QVERIFY(add(check("notNull", {QStringLiteral("name")}), t));     // one rolled up
    const EnrichmentLinkResult linked = link(source, target, QStringLiteral("_e2e_denied"),
                                             RemediationStrategy::Append, kExamples, kRollup);
    QVERIFY2(linked.ok, qPrintable(linked.error));

    const Operation op = run(source, operation_type::kScan, scanOf({"small", "t"}));
    QVERIFY2(op.status == operation_status::kWarning, qPrintable(describe(op)));
    bool named = false;
    for (const OperationLogEntry &e : m_catalog.operationLog(op.id))
        named = named || (e.level == QLatin1String("warning") &&
                          e.message.contains(QLatin1String("permission denied for schema")) &&
                          e.message.contains(QLatin1String("grant this login CREATE")));
    QVERIFY2(named, qPrintable(describe(op)));

    qint64 nameless = 0;
    for (const Row &r : m_rows)
        nameless += r.name ? 0 : 1;
    QVERIFY(nameless > kRollup);
    QCOMPARE(anomaliesOf(op.id, small.id).size(), 3);
    const QList<Anomaly> rolled = anomaliesOf(op.id, t.id);
    QCOMPARE(rolled.size(), 1);
    const Anomaly shape = *m_catalog.anomaly(rolled.first().id);
    QCOMPARE(shape.anomalousRecordCount, nameless);
    QCOMPARE(shape.sourceRecords.size(), kExamples);
    QCOMPARE(m_catalog.checkMetrics(op.id).size(), 2);
    QCOMPARE(op.counters.value(QStringLiteral("tables_scanned")).toInt(), 2);
    const QList<QVariantMap> tables =
        select(pgb.target(), QStringLiteral("SELECT COUNT(*) AS n FROM pg_catalog.pg_tables WHERE "
                                            "schemaname = 'e2e_denied'"));
    QCOMPARE(tables.value(0).value("n").toInt(), 0);
}

// The source's server session is killed while a container's count pass runs: the scan fails
// naming the cause, nothing of that container is recorded, and resuming completes it.
void TestScanEnrichment::sourceConnectionKilledMidScan()
{
    const Backend pgb = m_backends.value(QStringLiteral("postgresql"));
    QVERIFY(pgb.enrichment);
    const test::Server pg = test::postgres();
    QSqlDatabase admin = pgb.target();
    for (const char *sql : {"DROP SCHEMA IF EXISTS e2e_lost CASCADE", "CREATE SCHEMA e2e_lost",
                            "DROP SCHEMA IF EXISTS e2e_ctl CASCADE", "CREATE SCHEMA e2e_ctl",
                            "CREATE TABLE e2e_ctl.delay (d DOUBLE PRECISION)",
                            "INSERT INTO e2e_ctl.delay VALUES (30)"})
        QVERIFY(execute(admin, QLatin1String(sql)));
    QVERIFY(createSmall(admin, pgb.dialect, "e2e_lost", "a_fast", 10, 3));
    QVERIFY(createSmall(admin, pgb.dialect, "e2e_lost", "slow", 5, 1000));
    const qint64 ds = datastoreFor(QStringLiteral("lost source"), pgb.type, pg, pg.database,
                                   QStringLiteral("e2e_lost"));
    QVERIFY(ds);
    QCOMPARE(run(ds, operation_type::kSync).status, operation_status::kSuccess);
    const EnrichmentLinkResult linked = link(ds, pgb.enrichment, QStringLiteral("_e2e_lost"),
                                             RemediationStrategy::None, kExamples, kRollup);
    QVERIFY2(linked.ok, qPrintable(linked.error));
    const Container fast = container(ds, QStringLiteral("a_fast"));
    const Container slow = container(ds, QStringLiteral("slow"));
    const qint64 fastCheck = add(check("notNull", {QStringLiteral("name")}), fast);
    // Sleeps `d` seconds per row: the subquery names the row's column, so it runs per row.
    const qint64 slowCheck =
        add(check("satisfiesExpression", {},
                  {{"expression", "\"id\" > 0 AND (SELECT COUNT(*) FROM e2e_ctl.delay, "
                                  "pg_sleep(delay.d + 0 * \"id\")) = 1"}}),
            slow);
    QVERIFY(fastCheck && slowCheck);

    const qint64 id = start(ds, operation_type::kScan); // a_fast, then slow
    QVERIFY(id);
    bool killed = false;
    for (int i = 0; i < 1200 && !killed; ++i) {
        // The scan's statements are prepared: the session shows "EXECUTE qpsqlpstmt_n", so
        // the sleeping one is found by its wait event too.
        for (const QVariantMap &r :
             select(admin, QStringLiteral("SELECT pg_terminate_backend(pid) AS killed FROM "
                                          "pg_stat_activity WHERE application_name = 'Assay' AND "
                                          "(query LIKE '%pg_sleep%' OR wait_event = 'PgSleep') AND "
                                          "pid <> pg_backend_pid()")))
            killed = killed || r.value("killed").toBool();
        if (!killed)
            QTest::qWait(50);
    }
    QVERIFY(killed);
    const Operation failed = waitFor(id);
    QVERIFY2(failed.status == operation_status::kFailure, qPrintable(describe(failed)));
    QVERIFY2(failed.message.contains(QLatin1String("connection to the source was lost")) &&
                 failed.message.contains(QLatin1String("slow")),
             qPrintable(failed.message));
    // a_fast was recorded whole; nothing of slow, in the Catalog or the enrichment tables.
    const QList<CheckMetric> metrics = m_catalog.checkMetrics(id);
    QCOMPARE(metrics.size(), 1);
    QCOMPARE(metrics.first().checkId, fastCheck);
    QCOMPARE(anomaliesOf(id, fast.id).size(), 3);
    QCOMPARE(anomaliesOf(id, slow.id).size(), 0);
    QVERIFY(!failed.result.value("containers").toObject().contains(QStringLiteral("slow")));
    const QString scans = linked.prefix + QStringLiteral("_scan_operations");
    QList<QVariantMap> written = ofOperation(pgb, scans, id);
    QCOMPARE(written.size(), 1);
    QCOMPARE(written.first().value("CONTAINER_ID").toLongLong(), fast.id);

    // Resumed (the sleep off): slow is scanned, a_fast is not scanned again.
    QVERIFY(execute(admin, QStringLiteral("UPDATE e2e_ctl.delay SET d = 0")));
    QVERIFY2(m_engine->resume(id), qPrintable(m_engine->lastError()));
    const Operation resumed = waitFor(id);
    QVERIFY2(resumed.status == operation_status::kSuccess, qPrintable(describe(resumed)));
    // The counters carry over: both containers, 10 + 5 records, a_fast's 3 anomalies.
    QCOMPARE(resumed.counters.value(QStringLiteral("tables_scanned")).toInt(), 2);
    QCOMPARE(resumed.counters.value(QStringLiteral("records_scanned")).toInt(), 15);
    QCOMPARE(resumed.counters.value(QStringLiteral("anomalies_identified")).toInt(), 3);
    QCOMPARE(m_catalog.checkMetrics(id).size(), 2);
    for (const CheckMetric &m : m_catalog.checkMetrics(id))
        if (m.checkId == slowCheck)
            QVERIFY(m.assertedRecords == 5 && m.anomalousRecords == 0 &&
                    m.result == QLatin1String("passed"));
    QCOMPARE(anomaliesOf(id, fast.id).size(), 3);
    written = ofOperation(pgb, scans, id);
    QCOMPARE(written.size(), 2);
    QSet<qint64> containers{written.at(0).value("CONTAINER_ID").toLongLong(),
                            written.at(1).value("CONTAINER_ID").toLongLong()};
    QCOMPARE(containers, (QSet<qint64>{fast.id, slow.id}));

    // A rerun scans both again.
    const Operation again = waitFor(m_engine->rerun(id));
    QVERIFY2(again.status == operation_status::kSuccess, qPrintable(describe(again)));
    QCOMPARE(again.counters.value(QStringLiteral("tables_scanned")).toInt(), 2);
    QCOMPARE(m_catalog.checkMetrics(again.id).size(), 2);
}

// A PostgreSQL datastore over schema e2e_stuck whose table `slow` makes its one check sleep
// `seconds` per row (5 rows), through a control table the test can change.
qint64 TestScanEnrichment::sleepyDatastore(const QString &name, int seconds)
{
    const test::Server pg = test::postgres();
    QSqlDatabase admin = m_backends.value(QStringLiteral("postgresql")).target();
    for (const QString &sql :
         {QStringLiteral("DROP SCHEMA IF EXISTS e2e_stuck CASCADE"),
          QStringLiteral("CREATE SCHEMA e2e_stuck"),
          QStringLiteral("CREATE TABLE e2e_stuck.delay (d DOUBLE PRECISION)"),
          QStringLiteral("INSERT INTO e2e_stuck.delay VALUES (%1)").arg(seconds)})
        if (!execute(admin, sql))
            return 0;
    if (!createSmall(admin, SqlDialect::forFamily(SqlDialect::Family::PostgreSQL), "e2e_stuck",
                     "slow", 5, 1000))
        return 0;
    const qint64 ds = datastoreFor(name, QStringLiteral("postgresql"), pg, pg.database,
                                   QStringLiteral("e2e_stuck"));
    if (!ds || run(ds, operation_type::kSync).status != operation_status::kSuccess)
        return 0;
    const Container slow = container(ds, QStringLiteral("slow"));
    // The delay table sits beside `slow` (a container too), so the check names it qualified.
    const qint64 checkId =
        add(check("satisfiesExpression", {},
                  {{"expression", "\"id\" > 0 AND (SELECT COUNT(*) FROM e2e_stuck.delay, "
                                  "pg_sleep(delay.d + 0 * \"id\")) = 1"}}),
            slow);
    return checkId ? ds : 0;
}

// The pid of the Assay backend sleeping in the check, 0 when none shows within a minute.
qint64 TestScanEnrichment::sleepingBackend()
{
    QSqlDatabase admin = m_backends.value(QStringLiteral("postgresql")).target();
    for (int i = 0; i < 1200; ++i) {
        const QList<QVariantMap> found = select(
            admin, QStringLiteral("SELECT pid FROM pg_stat_activity WHERE application_name = "
                                  "'Assay' AND wait_event = 'PgSleep' AND pid <> "
                                  "pg_backend_pid()"));
        if (!found.isEmpty())
            return found.first().value(QStringLiteral("pid")).toLongLong();
        QTest::qWait(50);
    }
    return 0;
}

// A backend stopped with SIGSTOP ignores the cancel and the terminate signal alike: the abort
// escalates to dropping the connection on Assay's side, and the operation ends aborted.
void TestScanEnrichment::frozenBackendIsAborted()
{
    const qint64 ds = sleepyDatastore(QStringLiteral("frozen source"), 30);
    QVERIFY(ds);
    const qint64 id = start(ds, operation_type::kScan);
    QVERIFY(id);
    const qint64 backend = sleepingBackend();
    QVERIFY(backend > 0);
    QCOMPARE(::kill(pid_t(backend), SIGSTOP), 0);
    // The backend resumes whatever the outcome, so the server is whole for the next tests.
    const auto resume = qScopeGuard([backend] { ::kill(pid_t(backend), SIGCONT); });
    QVERIFY2(m_engine->abort(id), qPrintable(m_engine->lastError()));
    const Operation ended = waitFor(id);
    QVERIFY2(ended.status == operation_status::kAborted, qPrintable(describe(ended)));
}

// A runner killed (kill -9) while its statement runs leaves that statement on the server; the
// operation recorded its backend, so the resume ends it before it runs again.
void TestScanEnrichment::resumeEndsTheStatementADeadRunnerLeft()
{
    const qint64 ds = sleepyDatastore(QStringLiteral("left source"), 30);
    QVERIFY(ds);
    const test::CliResult started = test::runAssay(
        m_dir.filePath(QStringLiteral("catalog.sqlite")),
        {QStringLiteral("operations"), QStringLiteral("run"), QStringLiteral("scan"),
         QStringLiteral("--datastore"), QString::number(ds), QStringLiteral("--json")});
    QVERIFY2(started.exitCode == 0, qPrintable(started.err));
    const qint64 id = started.json().value(QStringLiteral("id")).toInteger();
    const qint64 backend = sleepingBackend();
    QVERIFY(backend > 0);
    const auto running = m_catalog.operation(id);
    QVERIFY(running && running->runner.contains(QLatin1Char(':')));
    QCOMPARE(running->result.value(QStringLiteral("source_backend"))
                 .toObject()
                 .value(QStringLiteral("id"))
                 .toString()
                 .toLongLong(),
             backend);
    const pid_t runner = pid_t(running->runner.section(QLatin1Char(':'), -1).toLongLong());
    QCOMPARE(::kill(runner, SIGKILL), 0);
    for (int i = 0; i < 100 && ::kill(runner, 0) == 0; ++i)
        QTest::qWait(50);

    QSqlDatabase admin = m_backends.value(QStringLiteral("postgresql")).target();
    const QString stillThere = QStringLiteral("SELECT pid FROM pg_stat_activity WHERE pid = %1");
    QCOMPARE(select(admin, stillThere.arg(backend)).size(), 1); // the server runs it on
    QVERIFY(execute(admin, QStringLiteral("UPDATE e2e_stuck.delay SET d = 0")));
    QCOMPARE(operation_records::recoverOrphans(m_catalog), QList<qint64>{id});
    QVERIFY2(m_engine->resume(id), qPrintable(m_engine->lastError()));
    const Operation resumed = waitFor(id);
    QVERIFY2(resumed.status == operation_status::kSuccess, qPrintable(describe(resumed)));
    QVERIFY2(describe(resumed).contains(QLatin1String("Stopped the statement an earlier run")),
             qPrintable(describe(resumed)));
    for (int i = 0; i < 100 && !select(admin, stillThere.arg(backend)).isEmpty(); ++i)
        QTest::qWait(50);
    QCOMPARE(select(admin, stillThere.arg(backend)).size(), 0);
}

QTEST_GUILESS_MAIN(TestScanEnrichment)
#include "tst_scanenrichment.moc"
