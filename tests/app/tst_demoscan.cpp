// The bundled Demo Shop end to end: generate, register, sync, add the demo checks, scan. Every
// deliberate defect family is found, and each check's failing-record count equals a count the
// test makes itself on the demo database.
#include "TestSupport.h"
#include "app/demo/DemoChecks.h"
#include "app/demo/DemoShop.h"
#include "app/engine/OperationEngine.h"
#include "app/engine/OperationRequest.h"
#include "app/secrets/CredentialStore.h"
#include "models/catalog/Catalog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using namespace assay;

class TestDemoScan : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    Catalog m_catalog;
    CredentialStore m_credentials;
    std::unique_ptr<OperationEngine> m_engine;

    Operation run(qint64 datastoreId, const QString &type, const QJsonObject &options = {})
    {
        QSignalSpy finished(m_engine.get(), &OperationEngine::operationFinished);
        OperationRequest request;
        request.datastoreId = datastoreId;
        request.type = type;
        request.options = options;
        const qint64 id = m_engine->enqueue(request);
        for (int waited = 0; id && waited < 1200; ++waited) {
            for (const auto &args : finished)
                if (args.at(0).toLongLong() == id)
                    return *m_catalog.operation(id);
            finished.wait(100);
        }
        return id ? *m_catalog.operation(id) : Operation{};
    }

    // Counts in the demo database itself, independently of Assay's SQL.
    qint64 count(const QString &path, const QString &sql)
    {
        qint64 n = -1;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), "count");
            db.setDatabaseName(path);
            if (db.open()) {
                QSqlQuery q(db);
                if (q.exec(sql) && q.next())
                    n = q.value(0).toLongLong();
            }
        }
        QSqlDatabase::removeDatabase(QStringLiteral("count"));
        return n;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_catalog.open(m_dir.filePath(QStringLiteral("catalog.sqlite"))));
        m_engine = std::make_unique<OperationEngine>(&m_catalog, &m_credentials, 1);
    }

    void cleanupTestCase() { m_engine.reset(); }

    void everyDefectFamilyIsFound()
    {
        const QString path = m_dir.filePath(QStringLiteral("demo.sqlite"));
        QString error;
        QVERIFY2(demo::generateDemoShop(path, &error), qPrintable(error));
        const qint64 ds = demo::registerDemoShop(m_catalog, path, &error);
        QVERIFY2(ds, qPrintable(error));
        QCOMPARE(run(ds, operation_type::kSync).status, QStringLiteral("success"));
        QCOMPARE(demo::addDemoChecks(m_catalog, ds, &error), 8);
        QCOMPARE(demo::addDemoChecks(m_catalog, ds, &error), 0); // idempotent

        const Operation scan = run(ds, operation_type::kScan);
        QStringList log;
        for (const OperationLogEntry &e : m_catalog.operationLog(scan.id))
            log << e.level + QStringLiteral(": ") + e.message;
        QVERIFY2(scan.status == QLatin1String("success"),
                 qPrintable(scan.status + QStringLiteral(": ") + scan.message + u'\n' +
                            log.join(u'\n')));
        // Its summary groups the record count as the window shows every other number.
        const qint64 records =
            qint64(scan.counters.value(QStringLiteral("records_scanned")).toDouble());
        QVERIFY(records > 9999);
        QVERIFY2(scan.message.contains(QLocale().toString(records) + QStringLiteral(" records")),
                 qPrintable(scan.message));

        // Failing records per check, as the test counts them in the source.
        const QHash<QString, QString> independent{
            {QStringLiteral("customers/notNull/email"),
             QStringLiteral("SELECT COUNT(*) FROM customers WHERE email IS NULL")},
            {QStringLiteral("customers/matchesPattern/email"),
             QStringLiteral("SELECT COUNT(*) FROM customers WHERE email IS NOT NULL AND (email "
                            "NOT LIKE '%_@_%._%' OR email LIKE '%@%@%' OR email LIKE '% %' OR "
                            "email LIKE '%,%' OR email NOT GLOB '*.[a-z][a-z]*' OR "
                            "substr(email, instr(email, '@')) NOT LIKE '%.%')")},
            {QStringLiteral("customers/unique/email"),
             QStringLiteral("SELECT COUNT(*) FROM customers WHERE email IN (SELECT email FROM "
                            "customers GROUP BY email HAVING COUNT(*) > 1)")},
            {QStringLiteral("products/positive/price"),
             QStringLiteral("SELECT COUNT(*) FROM products WHERE price <= 0")},
            {QStringLiteral("order_items/positive/quantity"),
             QStringLiteral("SELECT COUNT(*) FROM order_items WHERE quantity <= 0")},
            {QStringLiteral("orders/satisfiesExpression/order_date"),
             QStringLiteral("SELECT COUNT(*) FROM orders WHERE order_date >= '2027-01-01'")},
            {QStringLiteral("orders/notNull/shipping_country"),
             QStringLiteral("SELECT COUNT(*) FROM orders WHERE shipping_country IS NULL")},
            {QStringLiteral("payments/unique/transaction_ref"),
             QStringLiteral("SELECT COUNT(*) FROM payments WHERE transaction_ref IN (SELECT "
                            "transaction_ref FROM payments GROUP BY transaction_ref HAVING "
                            "COUNT(*) > 1)")},
        };
        QHash<qint64, QString> keyOf;
        CheckQuery query;
        query.datastoreId = ds;
        for (const Check &k : m_catalog.checks(query))
            keyOf.insert(k.id, k.containerName + u'/' + k.rule + u'/' + k.fields.join(u','));
        const QList<CheckMetric> metrics = m_catalog.checkMetrics(scan.id);
        QCOMPARE(metrics.size(), independent.size());
        for (const CheckMetric &m : metrics) {
            const QString key = keyOf.value(m.checkId);
            QVERIFY2(independent.contains(key), qPrintable(key));
            const qint64 expected = count(path, independent.value(key));
            QVERIFY2(expected > 0, qPrintable(key + QStringLiteral(": no defect in the data")));
            // The unique rule counts the records beyond the first of each duplicated value.
            if (key.contains(QLatin1String("/unique/")))
                QVERIFY2(
                    m.anomalousRecords > 0 && m.anomalousRecords <= expected,
                    qPrintable(key +
                               QStringLiteral(": %1 of %2").arg(m.anomalousRecords).arg(expected)));
            else
                QVERIFY2(
                    m.anomalousRecords == expected,
                    qPrintable(
                        key +
                        QStringLiteral(": %1, expected %2").arg(m.anomalousRecords).arg(expected)));
            QCOMPARE(m.result, QStringLiteral("failed"));
        }
        AnomalyQuery anomalies;
        anomalies.datastoreId = ds;
        QVERIFY(m_catalog.anomalyCount(anomalies) >= independent.size());
    }

    // `assay profiles show --json` after a Profile: the figures of a field, checked against
    // the demo database (the products table is small enough to be read whole).
    void profilesShowFromTheCli()
    {
        const QString path = m_dir.filePath(QStringLiteral("demo.sqlite"));
        const auto ds = m_catalog.datastoreByName(QLatin1String(demo::kDemoName));
        QVERIFY(ds);
        QCOMPARE(run(ds->id, operation_type::kProfile,
                     {{QStringLiteral("containers"), QJsonArray{QStringLiteral("products")}},
                      {QStringLiteral("inference_threshold"), 0}})
                     .status,
                 QStringLiteral("success"));
        QProcess p;
        p.start(test::assayBinary(),
                {QStringLiteral("--catalog"), m_catalog.path(), QStringLiteral("profiles"),
                 QStringLiteral("show"), QStringLiteral("--datastore"), ds->name,
                 QStringLiteral("--container"), QStringLiteral("products"),
                 QStringLiteral("--json")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        const QJsonObject out = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
        QJsonObject price;
        for (const QJsonValue &v : out.value(QStringLiteral("fields")).toArray())
            if (v.toObject().value(QStringLiteral("name")).toString() == QLatin1String("price"))
                price = v.toObject();
        QVERIFY2(!price.isEmpty(), "no price field in the output");
        QCOMPARE(price.value(QStringLiteral("completeness")).toDouble(), 1.0);
        QCOMPARE(price.value(QStringLiteral("min")).toString().toDouble(),
                 double(count(path, QStringLiteral("SELECT MIN(price) * 1000000 FROM products"))) /
                     1e6);
        const double sum = price.value(QStringLiteral("sum")).toDouble();
        QVERIFY(std::abs(sum - count(path, QStringLiteral("SELECT ROUND(SUM(price)) FROM "
                                                          "products"))) <= 1.0);
        QCOMPARE(qint64(price.value(QStringLiteral("approximate_distinct_values")).toDouble()),
                 count(path, QStringLiteral("SELECT COUNT(DISTINCT price) FROM products")));
        for (const char *key :
             {"mean", "std_dev", "q1", "median", "q3", "entropy", "unique_distinct_ratio",
              "histogram_buckets", "field_type", "type_declared"})
            QVERIFY2(price.contains(QLatin1String(key)) &&
                         !price.value(QLatin1String(key)).isNull(),
                     key);
    }

    // Containers chosen by tag (also those tagged after a schedule was made), and the CLI's
    // threshold, tag and variable options reaching the operation.
    void containersByTagAndCliOptions()
    {
        const auto ds = m_catalog.datastoreByName(QLatin1String(demo::kDemoName));
        QVERIFY(ds);
        for (Container c : m_catalog.containers(ds->id))
            if (c.name == QLatin1String("products") || c.name == QLatin1String("payments")) {
                c.settings.insert(QStringLiteral("tags"),
                                  c.name == QLatin1String("products")
                                      ? QJsonValue(QJsonArray{QStringLiteral("Pricing")})
                                      : QJsonValue(QStringLiteral("finance, pricing")));
                QVERIFY(m_catalog.updateContainerSettings(c));
            }
        const Operation tagged =
            run(ds->id, operation_type::kProfile,
                {{QStringLiteral("container_tags"), QJsonArray{QStringLiteral("pricing")}},
                 {QStringLiteral("inference_threshold"), 0}});
        QCOMPARE(tagged.status, QStringLiteral("success"));
        QCOMPARE(tagged.counters.value(QStringLiteral("tables_requested")).toInt(), 2);
        const QJsonObject figures = tagged.result.value(QStringLiteral("containers")).toObject();
        const QStringList profiled = figures.keys();
        QCOMPARE(QSet<QString>(profiled.begin(), profiled.end()),
                 (QSet<QString>{QStringLiteral("products"), QStringLiteral("payments")}));

        const auto cli = [&](const QStringList &args) {
            QProcess p;
            p.start(test::assayBinary(),
                    QStringList{QStringLiteral("--catalog"), m_catalog.path()} + args);
            p.waitForFinished(120000);
            return std::make_pair(p.exitCode(), p.readAllStandardOutput());
        };
        const auto [code, out] =
            cli({"operations", "run", "scan", "--datastore", ds->name, "--container-tags",
                 "finance", "--greater-than-time", "2020-01-01T00:00:00Z", "--check-variable",
                 "country=DE", "--wait", "--json"});
        QVERIFY2(code == 0, out.constData());
        const QJsonObject op = QJsonDocument::fromJson(out).object();
        const QJsonObject &options = op; // the CLI prints options and counters flat
        QCOMPARE(options.value(QStringLiteral("container_tags")).toArray(),
                 QJsonArray{QStringLiteral("finance")});
        QCOMPARE(options.value(QStringLiteral("greater_than_time")).toString(),
                 QStringLiteral("2020-01-01T00:00:00Z"));
        QCOMPARE(options.value(QStringLiteral("check_variables"))
                     .toObject()
                     .value(QStringLiteral("country"))
                     .toString(),
                 QStringLiteral("DE"));
        QCOMPARE(op.value(QStringLiteral("tables_requested")).toInt(), 1);
        QCOMPARE(cli({"operations", "run", "profile", "--datastore", ds->name,
                      "--greater-than-time", "yesterday"})
                     .first,
                 2);
        QCOMPARE(
            cli({"operations", "run", "scan", "--datastore", ds->name, "--check-variable", "=1"})
                .first,
            2);
    }

    // A starting threshold compares as a time whatever the spelling SQLite keeps: rows at
    // '2026-03-01 10:00:00' are after 2026-03-01T00:00:00Z although ' ' sorts before 'T'.
    void timeThresholdsCompareAsTimes()
    {
        const QString path = m_dir.filePath(QStringLiteral("events.sqlite"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), "events");
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE events (id INTEGER PRIMARY KEY, "
                                          "amount INTEGER, updated_at TEXT NOT NULL)")));
            // 40 rows a day apart at 10:00, from 2026-02-10: 20 before 2026-03-01, the rest on
            // or after it (the one on 2026-03-01 10:00 is after the threshold).
            QVERIFY(q.exec(QStringLiteral(
                "WITH RECURSIVE s(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM s WHERE n < 39) "
                "INSERT INTO events (amount, updated_at) SELECT n, datetime('2026-02-09 "
                "10:00:00', '+' || n || ' days') FROM s")));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("events"));
        const qint64 expected = count(
            path, QStringLiteral("SELECT COUNT(*) FROM events WHERE updated_at >= '2026-03-01'"));
        QCOMPARE(expected, qint64(20));

        Connection c;
        c.name = QStringLiteral("events");
        c.type = QStringLiteral("sqlite");
        c.database = path;
        Datastore d;
        d.name = QStringLiteral("Events");
        d.connectionId = m_catalog.addConnection(c);
        d.database = path;
        d.schema = QStringLiteral("main");
        d.id = m_catalog.addDatastore(d);
        QCOMPARE(run(d.id, operation_type::kSync).status, QStringLiteral("success"));
        Container events = m_catalog.containers(d.id).value(0);
        events.incrementalStrategy = QStringLiteral("last-modified");
        events.incrementalField = QStringLiteral("updated_at");
        events.identifiersOverridden = true;
        QVERIFY(m_catalog.updateContainerSettings(events));

        const QJsonObject threshold{
            {QStringLiteral("greater_than_time"), QStringLiteral("2026-03-01T00:00:00Z")}};
        QJsonObject profile = threshold;
        profile.insert(QStringLiteral("inference_threshold"), 0); // the rows read, no checks
        const Operation profiled = run(d.id, operation_type::kProfile, profile);
        QCOMPARE(profiled.status, QStringLiteral("success"));
        QCOMPARE(qint64(profiled.counters.value(QStringLiteral("records_profiled")).toDouble()),
                 expected);

        QJsonObject scan = threshold;
        scan.insert(QStringLiteral("incremental"), true);
        const Operation scanned = run(d.id, operation_type::kScan, scan);
        QVERIFY2(scanned.status != QLatin1String("failure"), qPrintable(scanned.message));
        QCOMPARE(qint64(scanned.counters.value(QStringLiteral("records_scanned")).toDouble()),
                 expected);
    }
};

QTEST_GUILESS_MAIN(TestDemoScan)
#include "tst_demoscan.moc"
