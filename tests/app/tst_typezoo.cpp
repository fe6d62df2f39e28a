// Every column type of PostgreSQL 15, MariaDB 10.11 and SQLite, with nulls, extremes and odd
// values, profiled and scanned end to end (natively and over ODBC): no container fails, each
// figure equals what independent SQL written here says, a type Assay cannot measure falls back
// to completeness with its reason, checks on a field whose type changed are "not applicable".
// Also views (sampled row by row), materialized views, foreign tables, and partitioned tables
// measured as one container.
#include "EngineHarness.h"
#include "ServerDatabase.h"
#include "app/connectors/SqlDialect.h"
#include "tst_typezoo_data.h"

#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using namespace assay;

namespace {

QSqlDatabase openOrFail(QSqlDatabase db)
{
    if (!db.open())
        qWarning() << "cannot open" << db.connectionName() << db.lastError().text();
    return db;
}

bool exec(QSqlDatabase db, const QString &sql)
{
    QSqlQuery q(db);
    if (q.exec(sql))
        return true;
    qWarning().noquote() << sql.left(200) << "\n" << q.lastError().text();
    return false;
}

// Runs each statement, %1 (where it has one) replaced by `schema`; stops at the first failure.
bool execIn(QSqlDatabase db, const QString &schema, const QStringList &statements)
{
    for (const QString &sql : statements)
        if (!exec(db, sql.contains(QLatin1String("%1")) ? sql.arg(schema) : sql))
            return false;
    return true;
}

QVariant scalar(QSqlDatabase db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql) || !q.next()) {
        qWarning().noquote() << sql << q.lastError().text();
        return {};
    }
    return q.value(0);
}

} // namespace

class TestTypeZoo : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    test::EngineHarness m_harness;
    Catalog &m_catalog = m_harness.catalog;
    QString m_schema;

    QHash<QString, FieldProfile> profilesOf(qint64 datastore, const QString &container)
    {
        QHash<QString, FieldProfile> out;
        for (const FieldProfile &p :
             m_catalog.latestFieldProfiles(m_harness.container(datastore, container).id))
            out.insert(p.fieldName, p);
        return out;
    }

    Operation profile(qint64 ds, const QStringList &containers)
    {
        return m_harness.run(
            ds, operation_type::kProfile,
            {{QStringLiteral("containers"), QJsonArray::fromStringList(containers)},
             {QStringLiteral("inference_threshold"), 0}},
            120000);
    }

    // Each field's figures against the independent SQL.
    void compare(QSqlDatabase db, const QString &table, const QHash<QString, FieldProfile> &p,
                 const QList<Expect> &expectations, const SqlDialect &dialect)
    {
        const QString from = QStringLiteral(" FROM ") + table;
        const qint64 records = scalar(db, QStringLiteral("SELECT COUNT(*)") + from).toLongLong();
        for (const Expect &e : expectations) {
            const QString what = table + QLatin1Char('.') + e.column;
            QVERIFY2(p.contains(e.column), qPrintable(what + " has no profile"));
            const FieldProfile &f = p.value(e.column);
            const QString c = dialect.quote(e.column);
            const auto sql = [&](const QString &expr) {
                return scalar(db, QStringLiteral("SELECT ") + expr.arg(c) + from);
            };
            QCOMPARE(f.records, records);
            const double completeness =
                sql(QStringLiteral("COUNT(%1)")).toDouble() / double(records);
            QVERIFY2(qAbs(f.completeness - completeness) < 1e-12, qPrintable(what));
            if (!e.distinct.isEmpty())
                QVERIFY2(
                    f.distinctValues == sql(e.distinct).toLongLong(),
                    qPrintable(QStringLiteral("%1 distinct %2").arg(what).arg(f.distinctValues)));
            if (!e.min.isEmpty()) {
                QVERIFY2(f.minValue == sql(e.min).toString(),
                         qPrintable(what + " min " + f.minValue + " vs " + sql(e.min).toString()));
                QVERIFY2(f.maxValue == sql(e.max).toString(),
                         qPrintable(what + " max " + f.maxValue + " vs " + sql(e.max).toString()));
            } else {
                QVERIFY2(f.minValue.isEmpty() && f.maxValue.isEmpty(), qPrintable(what));
            }
            if (!e.minLength.isEmpty()) {
                QVERIFY2(f.minLength && *f.minLength == sql(e.minLength).toLongLong(),
                         qPrintable(what + " min length"));
                QVERIFY2(f.maxLength && *f.maxLength == sql(e.maxLength).toLongLong(),
                         qPrintable(what + " max length"));
            }
            if (!e.mean.isEmpty()) {
                const double mean = sql(e.mean).toDouble();
                QVERIFY2(f.mean && qAbs(*f.mean - mean) <= 1e-9 * qMax(1.0, qAbs(mean)),
                         qPrintable(QStringLiteral("%1 mean %2 vs %3")
                                        .arg(what)
                                        .arg(f.mean ? *f.mean : -1)
                                        .arg(mean)));
            }
            if (!e.note.isEmpty())
                QVERIFY2(f.note.contains(e.note, Qt::CaseInsensitive),
                         qPrintable(what + " note: " + f.note));
        }
    }

    static QStringList names(const QList<Expect> &e)
    {
        QStringList out;
        for (const Expect &x : e)
            out << x.column;
        return out;
    }

    // Every column not null, plus checks that need each type's own expression.
    QList<qint64> addChecks(const Container &on, const QStringList &columns)
    {
        QList<qint64> ids;
        Check notNull;
        notNull.rule = QStringLiteral("notNull");
        for (const QString &c : columns) {
            notNull.fields = {c};
            ids << m_harness.addCheck(notNull, on);
        }
        return ids;
    }

private slots:
    void initTestCase()
    {
        m_harness.startOnFixtures(m_dir.filePath(QStringLiteral("catalog.sqlite")));
        m_schema = QStringLiteral("zoo_%1").arg(QCoreApplication::applicationPid());
    }

    void cleanupTestCase() { m_harness.stop(); }

    void postgresTypes()
    {
        const test::Server pg = test::postgres();
        QSqlDatabase db = openOrFail(test::serverDatabase(QStringLiteral("QPSQL"), pg, "zoo-pg"));
        QVERIFY(db.isOpen());
        QVERIFY(exec(db, QStringLiteral("DROP SCHEMA IF EXISTS %1 CASCADE").arg(m_schema)));
        QVERIFY(exec(db, QStringLiteral("CREATE SCHEMA %1").arg(m_schema)));
        QVERIFY(exec(db, QStringLiteral("SET search_path = %1").arg(m_schema)));
        for (const char *sql : kPgZoo)
            QVERIFY(exec(db, QString::fromUtf8(sql)));

        const qint64 ds = m_harness.datastoreFor(
            QStringLiteral("pg zoo"), QStringLiteral("postgresql"), pg, pg.database, m_schema);
        QCOMPARE(m_harness.run(ds, operation_type::kSync, {}).status, operation_status::kSuccess);
        const Operation op = profile(ds, {QStringLiteral("zoo")});
        // Success: no container failed; pg_lsn's fallback is a note, not a failure.
        QVERIFY2(op.status == operation_status::kSuccess, qPrintable(m_harness.describe(op)));
        compare(db, m_schema + QStringLiteral(".zoo"), profilesOf(ds, QStringLiteral("zoo")),
                pgExpectations(), SqlDialect::forFamily(SqlDialect::Family::PostgreSQL));

        // Scan: a check on every column runs; notNull fails on the null row only.
        const Container zoo = m_harness.container(ds, QStringLiteral("zoo"));
        QStringList columns = names(pgExpectations());
        const QList<qint64> ids = addChecks(zoo, columns);
        Check pattern;
        pattern.rule = QStringLiteral("matchesPattern");
        pattern.fields = {QStringLiteral("u")};
        pattern.properties = {{QStringLiteral("pattern"), QStringLiteral("^[0-9a-f-]{36}$")}};
        const qint64 uuidPattern = m_harness.addCheck(pattern, zoo);
        Check mood;
        mood.rule = QStringLiteral("expectedValues");
        mood.fields = {QStringLiteral("mo")};
        mood.properties = {{QStringLiteral("list"), QJsonArray{"sad", "ok"}}};
        const qint64 moodValues = m_harness.addCheck(mood, zoo);
        Check money;
        money.rule = QStringLiteral("between");
        money.fields = {QStringLiteral("m")};
        money.properties = {{QStringLiteral("min"), 0}, {QStringLiteral("max"), 100}};
        const qint64 moneyRange = m_harness.addCheck(money, zoo);
        const Operation scan = m_harness.run(
            ds, operation_type::kScan, {{QStringLiteral("containers"), QJsonArray{"zoo"}}}, 120000);
        QVERIFY2(scan.status == operation_status::kSuccess, qPrintable(m_harness.describe(scan)));
        QHash<qint64, CheckMetric> metrics;
        for (const CheckMetric &m : m_catalog.checkMetrics(scan.id))
            metrics.insert(m.checkId, m);
        for (int i = 0; i < ids.size(); ++i) {
            const CheckMetric m = metrics.value(ids.at(i));
            const qint64 nulls = columns.at(i) == QLatin1String("id") ? 0 : 1;
            QVERIFY2(m.result == (nulls ? QLatin1String("failed") : QLatin1String("passed")) &&
                         m.anomalousRecords == nulls,
                     qPrintable(columns.at(i) + ": " + m.result + " " + m.details));
        }
        QCOMPARE(metrics.value(uuidPattern).result, QStringLiteral("passed"));
        QCOMPARE(metrics.value(moodValues).anomalousRecords, qint64(1)); // 'happy'
        // money between 0 and 100 as numbers: the two extremes fail, 10.50 passes.
        QCOMPARE(metrics.value(moneyRange).anomalousRecords, qint64(2));

        // A field whose type changed since its check was made: the check does not apply.
        Check range;
        range.rule = QStringLiteral("between");
        range.fields = {QStringLiteral("i4")};
        range.properties = {{QStringLiteral("min"), 0}, {QStringLiteral("max"), 10}};
        const qint64 changed = m_harness.addCheck(range, zoo);
        QVERIFY(
            exec(db, QStringLiteral("ALTER TABLE %1.zoo ALTER COLUMN i4 TYPE text").arg(m_schema)));
        QCOMPARE(m_harness.run(ds, operation_type::kSync, {}).status, operation_status::kSuccess);
        const Operation after = m_harness.run(
            ds, operation_type::kScan, {{QStringLiteral("containers"), QJsonArray{"zoo"}}}, 120000);
        QVERIFY2(after.status == operation_status::kSuccess, qPrintable(m_harness.describe(after)));
        for (const CheckMetric &m : m_catalog.checkMetrics(after.id))
            if (m.checkId == changed)
                QCOMPARE(m.result, QStringLiteral("not_applicable"));
    }

    // A partitioned table is one container: its partitions fold into it (each row counted
    // once, a key repeated across partitions found), and partitions an earlier sync listed
    // are archived with their history. Inheritance children likewise.
    void postgresPartitionsFoldIntoTheirTable()
    {
        const test::Server pg = test::postgres();
        QSqlDatabase db = QSqlDatabase::database(QStringLiteral("zoo-pg"));
        const QString s = m_schema + QStringLiteral("_parts");
        // Views: a large one (sampled row by row: views take no TABLESAMPLE) and a
        // materialized one (TABLESAMPLE).
        QVERIFY(execIn(
            db, s,
            {QStringLiteral("DROP SCHEMA IF EXISTS %1 CASCADE"), QStringLiteral("CREATE SCHEMA %1"),
             QStringLiteral("CREATE TABLE %1.events (id bigint NOT NULL, at date NOT NULL, v int) "
                            "PARTITION BY RANGE (at)"),
             QStringLiteral("CREATE TABLE %1.events_2024 PARTITION OF %1.events FOR VALUES FROM "
                            "('2024-01-01') TO ('2025-01-01')"),
             QStringLiteral("CREATE TABLE %1.events_2025 PARTITION OF %1.events FOR VALUES FROM "
                            "('2025-01-01') TO ('2026-01-01')"),
             QStringLiteral("INSERT INTO %1.events SELECT g, DATE '2024-01-01' + (g % 700), g % 10 "
                            "FROM generate_series(1, 30000) g"),
             QStringLiteral("INSERT INTO %1.events VALUES (5, '2025-06-01', 1)"),
             QStringLiteral("CREATE TABLE %1.base (k int)"),
             QStringLiteral("CREATE TABLE %1.child () INHERITS (%1.base)"),
             QStringLiteral("INSERT INTO %1.base VALUES (1); INSERT INTO %1.child VALUES (1)"),
             QStringLiteral("CREATE VIEW %1.recent AS SELECT * FROM %1.events WHERE v >= 0"),
             QStringLiteral("CREATE MATERIALIZED VIEW %1.daily AS SELECT g AS n, g % 7 AS w FROM "
                            "generate_series(1, 25000) g")}));

        const qint64 ds = m_harness.datastoreFor(QStringLiteral("pg parts"),
                                                 QStringLiteral("postgresql"), pg, pg.database, s);
        // An earlier version listed partitions as containers: so does the option.
        const Operation listed = m_harness.run(ds, operation_type::kSync,
                                               {{QStringLiteral("include_partitions"), true}});
        QCOMPARE(listed.status, operation_status::kSuccess);
        QVERIFY(m_harness.container(ds, QStringLiteral("events_2024")).id);
        QVERIFY(m_harness.container(ds, QStringLiteral("child")).id);
        const Operation folded = m_harness.run(ds, operation_type::kSync, {});
        QCOMPARE(folded.counters.value(QStringLiteral("partitions_archived")).toInt(), 3);
        QVERIFY(m_harness.container(ds, QStringLiteral("events_2024")).removed);
        QVERIFY(m_harness.container(ds, QStringLiteral("child")).removed);
        const Container events = m_harness.container(ds, QStringLiteral("events"));
        QVERIFY(!events.removed);
        QCOMPARE(events.partitionField, QStringLiteral("at")); // the partition key

        const Operation op = profile(ds, {QStringLiteral("events"), QStringLiteral("base"),
                                          QStringLiteral("recent"), QStringLiteral("daily")});
        QVERIFY2(op.status == operation_status::kSuccess, qPrintable(m_harness.describe(op)));
        QCOMPARE(profilesOf(ds, QStringLiteral("events")).value(QStringLiteral("id")).records,
                 qint64(30001));
        QCOMPARE(profilesOf(ds, QStringLiteral("base")).value(QStringLiteral("k")).records,
                 qint64(2)); // the child's row too
        const QJsonObject figures = op.result.value(QStringLiteral("containers")).toObject();
        QCOMPARE(figures.value(QStringLiteral("recent"))
                     .toObject()
                     .value(QStringLiteral("sampling_method"))
                     .toString(),
                 QStringLiteral("random predicate"));
        QCOMPARE(figures.value(QStringLiteral("daily"))
                     .toObject()
                     .value(QStringLiteral("sampling_method"))
                     .toString(),
                 QStringLiteral("TABLESAMPLE BERNOULLI"));
        QCOMPARE(profilesOf(ds, QStringLiteral("recent")).value(QStringLiteral("v")).records,
                 qint64(30001));

        // Uniqueness across partitions: id 5 is in both.
        Check unique;
        unique.rule = QStringLiteral("unique");
        unique.fields = {QStringLiteral("id")};
        const qint64 id = m_harness.addCheck(unique, events);
        const Operation scan = m_harness.run(
            ds, operation_type::kScan, {{QStringLiteral("containers"), QJsonArray{"events"}}});
        QCOMPARE(scan.status, operation_status::kSuccess);
        for (const CheckMetric &m : m_catalog.checkMetrics(scan.id))
            if (m.checkId == id)
                QCOMPARE(m.anomalousRecords, qint64(2));
    }

    void mariadbTypes()
    {
        const test::Server md = test::mariadb();
        QSqlDatabase db =
            openOrFail(test::serverDatabase(QStringLiteral("QMARIADB"), md, "zoo-md"));
        QVERIFY(db.isOpen());
        const QString s = QStringLiteral("assay_zoo_%1").arg(QCoreApplication::applicationPid());
        QVERIFY(execIn(db, s,
                       {QStringLiteral("SET NAMES utf8mb4"),
                        QStringLiteral("SET SESSION sql_mode = 'ALLOW_INVALID_DATES'"),
                        QStringLiteral("DROP DATABASE IF EXISTS %1"),
                        QStringLiteral("CREATE DATABASE %1 CHARACTER SET utf8mb4"),
                        QStringLiteral("USE %1")}));
        QVERIFY(exec(
            db,
            QStringLiteral(
                "CREATE TABLE zoo (id INT AUTO_INCREMENT PRIMARY KEY, ti TINYINT, si SMALLINT, "
                "mi MEDIUMINT, i INT, bi BIGINT, tiu TINYINT UNSIGNED, biu BIGINT UNSIGNED, "
                "d65 DECIMAL(65,30), f FLOAT, dbl DOUBLE, b64 BIT(64), b1 BIT(1), tb TINYINT(1), "
                "c CHAR(5), vc VARCHAR(50), t TEXT, lt LONGTEXT, bin BINARY(4), blb BLOB, "
                "e ENUM('small','medium','large'), st SET('a','b','c'), dt DATE, tm TIME, "
                "dtm DATETIME(6), ts TIMESTAMP NULL, y YEAR, j JSON, g GEOMETRY, p POINT, "
                "ip INET6, u UUID)")));
        QVERIFY(exec(
            db,
            QStringLiteral(
                "INSERT INTO zoo "
                "(ti,si,mi,i,bi,tiu,biu,d65,f,dbl,b64,b1,tb,c,vc,t,lt,bin,blb,e,st,dt,"
                "tm,dtm,ts,y,j,g,p,ip,u) VALUES "
                "(-128,-32768,-8388608,-2147483648,-9223372036854775808,0,0,"
                "-99999999999999999999999999999999999.999999999999999999999999999999,-3.4e38,"
                "-1.7e308,b'0',b'0',0,'','','','',0x00000000,'','small','','0000-00-00',"
                "'-838:59:59','1000-01-01 00:00:00.000000','1970-01-01 00:00:01',1901,'{\"a\":1}',"
                "ST_GeomFromText('POINT(0 0)'),ST_GeomFromText('POINT(1 1)'),'::1',"
                "'00000000-0000-0000-0000-000000000000'),"
                "(127,32767,8388607,2147483647,9223372036854775807,255,18446744073709551615,"
                "99999999999999999999999999999999999.999999999999999999999999999999,3.4e38,1.7e308,"
                "b'1111111111111111111111111111111111111111111111111111111111111111',b'1',1,'zzzzz'"
                ","
                "'émoji 😀','long text','x',0xFFFFFFFF,0xDEADBEEF,'large','a,b,c','9999-12-31',"
                "'838:59:59','9999-12-31 23:59:59.999999','2038-01-19 03:14:07',2155,'[1,2]',"
                "ST_GeomFromText('LINESTRING(0 0,1 1)'),ST_GeomFromText('POINT(2 2)'),"
                "'2001:db8::1','ffffffff-ffff-ffff-ffff-ffffffffffff'),"
                "(1,2,3,4,5,6,7,1.5,2.5,3.5,b'101',b'1',1,'Abc','abc','ABC','mid',0x01020304,0x00,"
                "'medium','b','2024-02-30','25:00:00','2024-02-29 12:00:00.5',"
                "'2024-02-29 12:00:00',2024,'null',NULL,ST_GeomFromText('POINT(3 3)'),"
                "'::ffff:10.0.0.1','12345678-1234-1234-1234-123456789012'),"
                "(NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,"
                "NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL)")));
        // An integer column whose deviation MariaDB's VAR_POP would round: 0, 1, 2 have a
        // sample deviation of exactly 1.
        QVERIFY(execIn(
            db, s,
            {QStringLiteral("CREATE TABLE dev (v INT)"),
             QStringLiteral("INSERT INTO dev VALUES (0), (1), (2)"),
             QStringLiteral("CREATE TABLE events (id BIGINT NOT NULL, at DATE NOT NULL) PARTITION "
                            "BY RANGE (YEAR(at)) (PARTITION p2024 VALUES LESS THAN (2025), "
                            "PARTITION pmax VALUES LESS THAN MAXVALUE)"),
             QStringLiteral("INSERT INTO events SELECT seq, DATE '2024-01-01' + INTERVAL (seq % "
                            "700) DAY FROM seq_1_to_30000"),
             QStringLiteral("CREATE VIEW recent AS SELECT * FROM events WHERE id > 0")}));

        const qint64 ds =
            m_harness.datastoreFor(QStringLiteral("md zoo"), QStringLiteral("mariadb"), md, s, s);
        QCOMPARE(m_harness.run(ds, operation_type::kSync, {}).status, operation_status::kSuccess);
        const Operation op = profile(ds, {QStringLiteral("zoo"), QStringLiteral("dev"),
                                          QStringLiteral("events"), QStringLiteral("recent")});
        QVERIFY2(op.status == operation_status::kSuccess, qPrintable(m_harness.describe(op)));

        const QString text = QStringLiteral("CAST(MIN(%1) AS CHAR)"),
                      textMax = QStringLiteral("CAST(MAX(%1) AS CHAR)");
        QList<Expect> e;
        // Means as doubles: MariaDB's AVG rounds to 4 decimals.
        const QString mean = QStringLiteral("CAST(SUM(%1) AS DOUBLE) / COUNT(%1)");
        for (const char *c :
             {"id", "ti", "si", "mi", "i", "bi", "tiu", "biu", "d65", "f", "dbl", "y"})
            e << Expect(QLatin1String(c), text, textMax, {}, {}, mean);
        e << Expect(QStringLiteral("b64"), QStringLiteral("CAST(MIN(%1 + 0) AS CHAR)"),
                    QStringLiteral("CAST(MAX(%1 + 0) AS CHAR)"), {}, {},
                    QStringLiteral("CAST(SUM(%1 + 0) AS DOUBLE) / COUNT(%1)"),
                    QStringLiteral("COUNT(DISTINCT %1)"), QStringLiteral("BIT"));
        e << Expect(QStringLiteral("b1")) << Expect(QStringLiteral("tb"));
        for (const char *c : {"c", "vc", "t", "lt"})
            e << Expect(QLatin1String(c), text, textMax, QStringLiteral("MIN(CHAR_LENGTH(%1))"),
                        QStringLiteral("MAX(CHAR_LENGTH(%1))"), {},
                        QStringLiteral("COUNT(DISTINCT %1)"), QStringLiteral("collation"));
        for (const char *c : {"bin", "blb"})
            e << Expect(QLatin1String(c), {}, {}, QStringLiteral("MIN(LENGTH(%1))"),
                        QStringLiteral("MAX(LENGTH(%1))"), {}, QStringLiteral("COUNT(DISTINCT %1)"),
                        QStringLiteral("bytes"));
        for (const char *c : {"e", "st"})
            e << Expect(QLatin1String(c), text, textMax, QStringLiteral("MIN(CHAR_LENGTH(%1))"),
                        QStringLiteral("MAX(CHAR_LENGTH(%1))"));
        for (const char *c : {"dt", "tm", "dtm", "ts", "ip", "u", "j"})
            e << Expect(QLatin1String(c), text, textMax);
        for (const char *c : {"g", "p"})
            e << Expect(QLatin1String(c), {}, {}, {}, {}, {},
                        QStringLiteral("COUNT(DISTINCT ST_AsText(%1))"), QStringLiteral("spatial"));
        compare(db, s + QStringLiteral(".zoo"), profilesOf(ds, QStringLiteral("zoo")), e,
                SqlDialect::forFamily(SqlDialect::Family::MySQL));

        const FieldProfile dev = profilesOf(ds, QStringLiteral("dev")).value(QStringLiteral("v"));
        QVERIFY2(dev.stdDev && qAbs(*dev.stdDev - 1.0) < 1e-12,
                 qPrintable(QString::number(dev.stdDev.value_or(-1), 'g', 17)));
        // PARTITION BY: one container, its key proposed; a view sampled row by row.
        const Container events = m_harness.container(ds, QStringLiteral("events"));
        QCOMPARE(events.partitionField, QStringLiteral("at"));
        QCOMPARE(profilesOf(ds, QStringLiteral("events")).value(QStringLiteral("id")).records,
                 qint64(30000));
        QCOMPARE(op.result.value(QStringLiteral("containers"))
                     .toObject()
                     .value(QStringLiteral("recent"))
                     .toObject()
                     .value(QStringLiteral("sampling_method"))
                     .toString(),
                 QStringLiteral("random predicate"));

        // Every column scanned: notNull on each fails on the null row only.
        const Container zoo = m_harness.container(ds, QStringLiteral("zoo"));
        QStringList columns = names(e);
        const QList<qint64> ids = addChecks(zoo, columns);
        const Operation scan = m_harness.run(
            ds, operation_type::kScan, {{QStringLiteral("containers"), QJsonArray{"zoo"}}}, 120000);
        QVERIFY2(scan.status == operation_status::kSuccess, qPrintable(m_harness.describe(scan)));
        QHash<qint64, CheckMetric> metrics;
        for (const CheckMetric &m : m_catalog.checkMetrics(scan.id))
            metrics.insert(m.checkId, m);
        for (int i = 0; i < ids.size(); ++i) {
            const qint64 nulls =
                scalar(db,
                       QStringLiteral("SELECT COUNT(*) - COUNT(`%1`) FROM zoo").arg(columns.at(i)))
                    .toLongLong();
            QVERIFY2(metrics.value(ids.at(i)).anomalousRecords == nulls,
                     qPrintable(columns.at(i) + ": " + metrics.value(ids.at(i)).details));
        }
        QVERIFY(exec(db, QStringLiteral("DROP DATABASE %1").arg(s)));
    }

    // SQLite keeps any value in any column: untyped columns typed by their values (views
    // included), mixed storage classes, integers beyond 2^53, dates as text and as epochs.
    void sqliteTypes()
    {
        const QString path = m_dir.filePath(QStringLiteral("lite.sqlite"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), "zoo-lite");
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QVERIFY(exec(db, QStringLiteral("CREATE TABLE lite (id INTEGER PRIMARY KEY, whole, "
                                            "half, mixed, big INTEGER, day TEXT, epoch INTEGER, "
                                            "bytes BLOB)")));
            QVERIFY(exec(
                db, QStringLiteral("INSERT INTO lite VALUES (1, 10, 1.5, 1, 9007199254740993, "
                                   "'2024-01-01', 1704067200, x'00'), (2, 20, 2, 'two', "
                                   "-9223372036854775808, '2024-12-31', 1735603200, x'ffff'), "
                                   "(3, 30, 2.5, x'0102', 9223372036854775807, '2024-06-30', 0, "
                                   "x''), (4, NULL, NULL, 2.5, NULL, NULL, NULL, NULL)")));
            QVERIFY(exec(db, QStringLiteral("CREATE VIEW doubled AS SELECT id, whole * 2 AS twice, "
                                            "day || '' AS copy FROM lite")));
        }
        QSqlDatabase db = QSqlDatabase::database(QStringLiteral("zoo-lite"));
        const qint64 ds =
            m_harness.datastoreFor(QStringLiteral("lite zoo"), QStringLiteral("sqlite"),
                                   test::Server{}, path, QStringLiteral("main"));
        QCOMPARE(m_harness.run(ds, operation_type::kSync, {}).status, operation_status::kSuccess);
        QHash<QString, Field> fields;
        for (const Container &c : m_catalog.containers(ds))
            for (const Field &f : m_catalog.fields(c.id))
                fields.insert(c.name + QLatin1Char('.') + f.name, f);
        QCOMPARE(fields.value(QStringLiteral("lite.whole")).baseType, QStringLiteral("integral"));
        QCOMPARE(fields.value(QStringLiteral("lite.half")).baseType, QStringLiteral("fractional"));
        QVERIFY(fields.value(QStringLiteral("lite.mixed")).baseType.isEmpty());
        QCOMPARE(fields.value(QStringLiteral("doubled.twice")).baseType,
                 QStringLiteral("integral"));
        QCOMPARE(fields.value(QStringLiteral("doubled.copy")).baseType, QStringLiteral("date"));

        const Operation op = profile(ds, {QStringLiteral("lite"), QStringLiteral("doubled")});
        QVERIFY2(op.status == operation_status::kSuccess, qPrintable(m_harness.describe(op)));
        const QString text = QStringLiteral("CAST(MIN(%1) AS TEXT)"),
                      textMax = QStringLiteral("CAST(MAX(%1) AS TEXT)");
        QList<Expect> e;
        for (const char *c : {"whole", "half", "big", "epoch"})
            e << Expect(QLatin1String(c), text, textMax, {}, {}, QStringLiteral("AVG(%1)"));
        // Mixed storage classes: ordered as SQLite orders them (numbers, text, blobs).
        e << Expect(QStringLiteral("mixed"), text, textMax);
        e << Expect(QStringLiteral("day"), text, textMax, QStringLiteral("MIN(LENGTH(%1))"),
                    QStringLiteral("MAX(LENGTH(%1))"));
        compare(db, QStringLiteral("lite"), profilesOf(ds, QStringLiteral("lite")), e,
                SqlDialect::forFamily(SqlDialect::Family::SQLite));
        const auto view = profilesOf(ds, QStringLiteral("doubled"));
        QCOMPARE(view.value(QStringLiteral("twice")).mean, std::optional<double>(40.0));
        QCOMPARE(view.value(QStringLiteral("copy")).maxValue, QStringLiteral("2024-12-31"));
    }

    // The same zoo through the ODBC drivers: no container fails, and every field's completeness,
    // distinct count, min and max equal the native connection's.
    void odbcRoute()
    {
        const test::Server pg = test::postgres();
        const test::Server md = test::mariadb();
        const qint64 nativePg = m_harness.datastoreFor(
            QStringLiteral("pg native"), QStringLiteral("postgresql"), pg, pg.database, m_schema);
        const qint64 odbcPg =
            m_harness.datastoreFor(QStringLiteral("pg odbc"), QStringLiteral("postgresql-odbc"), pg,
                                   pg.database, m_schema);
        const QString lite = m_dir.filePath(QStringLiteral("lite.sqlite"));
        const qint64 nativeLite =
            m_harness.datastoreFor(QStringLiteral("lite native"), QStringLiteral("sqlite"),
                                   test::Server{}, lite, QStringLiteral("main"));
        const qint64 odbcLite =
            m_harness.datastoreFor(QStringLiteral("lite odbc"), QStringLiteral("sqlite-odbc"),
                                   test::Server{}, lite, QStringLiteral("main"));
        QSqlDatabase db = QSqlDatabase::database(QStringLiteral("zoo-md"));
        QVERIFY(exec(db, QStringLiteral("CREATE TABLE IF NOT EXISTS assay_test.odbc_zoo (id INT, "
                                        "d DECIMAL(20,4), b64 BIT(64), g POINT, e ENUM('x','y'), "
                                        "tm TIME, u UUID)")));
        QVERIFY(exec(db, QStringLiteral("DELETE FROM assay_test.odbc_zoo")));
        QVERIFY(exec(db, QStringLiteral("INSERT INTO assay_test.odbc_zoo VALUES (1, 1.5, b'101', "
                                        "POINT(1, 2), 'y', '-01:00:00', UUID()), (NULL, NULL, "
                                        "NULL, NULL, NULL, NULL, NULL)")));
        const qint64 nativeMd = m_harness.datastoreFor(
            QStringLiteral("md native"), QStringLiteral("mariadb"), md, md.database, md.database);
        const qint64 odbcMd =
            m_harness.datastoreFor(QStringLiteral("md odbc"), QStringLiteral("mariadb-odbc"), md,
                                   md.database, md.database);
        const QList<std::tuple<qint64, qint64, QString>> pairs{
            {nativePg, odbcPg, QStringLiteral("zoo")},
            {nativeLite, odbcLite, QStringLiteral("lite")},
            {nativeMd, odbcMd, QStringLiteral("odbc_zoo")}};
        for (const auto &[native, odbc, container] : pairs) {
            for (const qint64 ds : {native, odbc}) {
                const Operation sync = m_harness.run(ds, operation_type::kSync, {});
                QVERIFY2(sync.status == operation_status::kSuccess,
                         qPrintable(m_harness.describe(sync)));
                const Operation op = profile(ds, {container});
                QVERIFY2(op.status == operation_status::kSuccess,
                         qPrintable(m_harness.describe(op)));
            }
            const auto a = profilesOf(native, container);
            const auto b = profilesOf(odbc, container);
            QVERIFY(!a.isEmpty());
            QCOMPARE(b.size(), a.size());
            for (auto it = a.begin(); it != a.end(); ++it) {
                const FieldProfile &x = it.value();
                const FieldProfile y = b.value(it.key());
                const QString what = container + QLatin1Char('.') + it.key();
                QVERIFY2(x.completeness == y.completeness, qPrintable(what));
                QVERIFY2(x.distinctValues == y.distinctValues, qPrintable(what));
                QVERIFY2(x.minValue == y.minValue && x.maxValue == y.maxValue,
                         qPrintable(what + ": " + x.minValue + " / " + y.minValue + ", " +
                                    x.maxValue + " / " + y.maxValue));
            }
        }
    }

    // A foreign table (file_fdw, created by the server's superuser) is sampled and profiled.
    void postgresForeignTable()
    {
        const test::Server pg = test::postgres();
        const QString socket = pg.extra.value(QStringLiteral("PG_SOCKET_DIR"));
        if (socket.isEmpty())
            QSKIP("the Servers fixture has no superuser socket");
        QSqlDatabase admin = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), "zoo-admin");
        admin.setHostName(socket);
        admin.setPort(pg.port);
        admin.setUserName(QStringLiteral("postgres"));
        admin.setDatabaseName(pg.database);
        QVERIFY2(admin.open(), qPrintable(admin.lastError().text()));
        const QString csv = m_dir.filePath(QStringLiteral("rates.csv"));
        {
            QFile f(csv);
            QVERIFY(f.open(QIODevice::WriteOnly));
            for (int i = 0; i < 12000; ++i)
                f.write(QStringLiteral("%1,%2\n").arg(i).arg(i % 3 * 0.5).toUtf8());
        }
        QFile::setPermissions(csv, QFileDevice::ReadOwner | QFileDevice::ReadOther |
                                       QFileDevice::ReadGroup | QFileDevice::WriteOwner);
        QFile::setPermissions(m_dir.path(), QFileDevice::ReadOwner | QFileDevice::ExeOwner |
                                                QFileDevice::WriteOwner | QFileDevice::ReadOther |
                                                QFileDevice::ExeOther);
        const QString s = m_schema + QStringLiteral("_fdw");
        QVERIFY(exec(admin, QStringLiteral("CREATE EXTENSION IF NOT EXISTS file_fdw")));
        QVERIFY(exec(admin, QStringLiteral("DROP SCHEMA IF EXISTS %1 CASCADE").arg(s)));
        QVERIFY(exec(admin, QStringLiteral("CREATE SCHEMA %1 AUTHORIZATION %2").arg(s, pg.user)));
        QVERIFY(exec(admin, QStringLiteral("DROP SERVER IF EXISTS %1_files CASCADE").arg(s)));
        QVERIFY(exec(
            admin, QStringLiteral("CREATE SERVER %1_files FOREIGN DATA WRAPPER file_fdw").arg(s)));
        QVERIFY(exec(admin, QStringLiteral("CREATE FOREIGN TABLE %1.rates (id int, rate numeric) "
                                           "SERVER %1_files OPTIONS (filename '%2', format "
                                           "'csv')")
                                .arg(s, csv)));
        QVERIFY(exec(admin, QStringLiteral("GRANT SELECT ON %1.rates TO %2").arg(s, pg.user)));
        const qint64 ds = m_harness.datastoreFor(QStringLiteral("pg fdw"),
                                                 QStringLiteral("postgresql"), pg, pg.database, s);
        QCOMPARE(m_harness.run(ds, operation_type::kSync, {}).status, operation_status::kSuccess);
        const Operation op = profile(ds, {QStringLiteral("rates")});
        QVERIFY2(op.status == operation_status::kSuccess, qPrintable(m_harness.describe(op)));
        QCOMPARE(op.result.value(QStringLiteral("containers"))
                     .toObject()
                     .value(QStringLiteral("rates"))
                     .toObject()
                     .value(QStringLiteral("sampling_method"))
                     .toString(),
                 QStringLiteral("random predicate"));
        const auto p = profilesOf(ds, QStringLiteral("rates"));
        QCOMPARE(p.value(QStringLiteral("id")).records, qint64(12000));
        QCOMPARE(p.value(QStringLiteral("rate")).maxValue, QStringLiteral("1"));
    }
};

QTEST_GUILESS_MAIN(TestTypeZoo)
#include "tst_typezoo.moc"
