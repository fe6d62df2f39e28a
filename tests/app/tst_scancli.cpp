#include "CliRunner.h"
#include "TestSupport.h"
#include "models/catalog/Catalog.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <sys/types.h>

using namespace assay;

// `assay operations run scan` with its options, through the real binary on a SQLite source.
class TestScanCli : public QObject
{
    Q_OBJECT

    using Run = test::CliResult;

    QTemporaryDir m_dir;
    QString m_catalog;

    Run assay(const QStringList &args) { return test::runAssay(m_catalog, args, 120000); }

    static QStringList scan(const QStringList &more)
    {
        return QStringList{QStringLiteral("operations"), QStringLiteral("run"),
                           QStringLiteral("scan"), QStringLiteral("--datastore"),
                           QStringLiteral("Shop")} +
               more;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(test::useTestKeyring());
        m_catalog = m_dir.filePath(QStringLiteral("catalog.sqlite"));
        const QString path = m_dir.filePath(QStringLiteral("shop.sqlite"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), "shop");
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE items (id INTEGER, qty INTEGER)")));
            // qty 0..9: 1..5 pass "between 1 and 5", the other 5 of every 10 fail.
            for (int i = 0; i < 40; ++i)
                QVERIFY(
                    q.exec(QStringLiteral("INSERT INTO items VALUES (%1, %2)").arg(i).arg(i % 10)));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("shop"));
        QCOMPARE(assay({"connections", "create", "--type", "sqlite", "--name", "shop", "--database",
                        path})
                     .exitCode,
                 0);
        QCOMPARE(
            assay({"datastores", "create", "--name", "Shop", "--connection-name", "shop"}).exitCode,
            0);
        QCOMPARE(assay({"operations", "run", "sync", "--datastore", "Shop", "--wait"}).exitCode, 0);
        Catalog catalog;
        QVERIFY(catalog.open(m_catalog));
        const Datastore shop = *catalog.datastoreByName(QStringLiteral("Shop"));
        const Container items = catalog.containers(shop.id).first();
        Check c;
        c.datastoreId = shop.id;
        c.containerId = items.id;
        c.rule = QStringLiteral("between");
        c.fields = QStringList{QStringLiteral("qty")};
        c.properties = QJsonObject{{"min", 1}, {"max", 5}};
        c.filter = QStringLiteral("");
        c.description = QStringLiteral("");
        QVERIFY2(catalog.addCheck(c), qPrintable(catalog.lastError()));
    }

    void scanWithOptions()
    {
        const Run r =
            assay(scan({"--containers", "items", "--rollup-threshold", "30",
                        "--source-record-limit", "2", "--check-categories", "data_integrity",
                        "--record-limit", "20", "--remediation", "none", "--wait", "--json"}));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        const QJsonObject op = r.json();
        QCOMPARE(op.value(QStringLiteral("type")).toString(), QStringLiteral("scan"));
        QCOMPARE(op.value(QStringLiteral("result")).toString(), QStringLiteral("success"));
        QCOMPARE(op.value(QStringLiteral("high_count_rollup_threshold")).toInt(), 30);
        QCOMPARE(op.value(QStringLiteral("enrichment_source_record_limit")).toInt(), 2);
        QCOMPARE(op.value(QStringLiteral("check_categories")).toArray(),
                 QJsonArray{QStringLiteral("data_integrity")});
        QCOMPARE(op.value(QStringLiteral("records_scanned")).toInt(), 20);
        // 20 records, 10 failing, under the rollup threshold: one anomaly per record.
        QCOMPARE(op.value(QStringLiteral("anomalies_identified")).toInt(), 10);

        // Above the threshold: one rolled-up anomaly.
        const Run rolled = assay(scan({"--rollup-threshold", "5", "--wait", "--json"}));
        QCOMPARE(rolled.exitCode, 0);
        QCOMPARE(rolled.json().value(QStringLiteral("anomalies_identified")).toInt(), 1);
        QCOMPARE(rolled.json().value(QStringLiteral("records_scanned")).toInt(), 40);
    }

    // The anomaly options: by default a scan archives the earlier open anomalies it finds again
    // (Duplicate); --no-archive-duplicates keeps them open beside the new ones.
    void anomalyOptions()
    {
        const auto open = [this] {
            const Run r =
                assay({"anomalies", "list", "--datastore", "Shop", "--status", "open", "--json"});
            return r.exitCode == 0 ? int(r.array().size()) : -1;
        };
        // 40 records, 20 out of range: a record anomaly each under a threshold of 100.
        const Run first = assay(scan({"--rollup-threshold", "100", "--wait", "--json"}));
        QVERIFY2(first.exitCode == 0, qPrintable(first.err));
        QCOMPARE(first.json().value(QStringLiteral("archive_duplicate_anomalies")).toBool(), true);
        QCOMPARE(first.json().value(QStringLiteral("auto_resolve_passed_anomalies")).toBool(),
                 true);
        QCOMPARE(open(), 20);
        const Run kept =
            assay(scan({"--rollup-threshold", "100", "--no-archive-duplicates",
                        "--reactivate-recurring", "--no-auto-resolve", "--wait", "--json"}));
        QVERIFY2(kept.exitCode == 0, qPrintable(kept.err));
        QCOMPARE(kept.json().value(QStringLiteral("archive_duplicate_anomalies")).toBool(), false);
        QCOMPARE(kept.json().value(QStringLiteral("reactivate_recurring_anomalies")).toBool(),
                 true);
        QCOMPARE(kept.json().value(QStringLiteral("auto_resolve_passed_anomalies")).toBool(),
                 false);
        QCOMPARE(open(), 40);
        QCOMPARE(assay(scan({"--rollup-threshold", "100", "--wait"})).exitCode, 0);
        QCOMPARE(open(), 20);
    }

    void usageAndFailures()
    {
        QCOMPARE(assay(scan({"--rollup-threshold", "0", "--wait"})).exitCode, 2);
        QCOMPARE(assay(scan({"--remediation", "sometimes", "--wait"})).exitCode, 2);
        QCOMPARE(assay(scan({"--check-categories", "volume", "--wait"})).exitCode, 2);
        const Run r = assay(scan({"--remediation", "append", "--wait", "--json"}));
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.json()
                    .value(QStringLiteral("message"))
                    .toString()
                    .contains(QStringLiteral("set the remediation strategy to None")));
    }

    // `kill -9` of the runner after the scan's results are in the Catalog but before they reach
    // the enrichment datastore (a test hook pauses there): the operation says what it still
    // owes, and `operations resume` writes it, once.
    void killDuringTheEnrichmentWriteIsRepaired()
    {
        const QString target = m_dir.filePath(QStringLiteral("enrichment.sqlite"));
        QCOMPARE(assay({"connections", "create", "--type", "sqlite", "--name", "enrich",
                        "--database", target})
                     .exitCode,
                 0);
        QCOMPARE(assay({"datastores", "create", "--name", "Enrich", "--connection-name", "enrich",
                        "--enrichment-only"})
                     .exitCode,
                 0);
        const Run linked = assay({"datastores", "link-enrichment", "--datastore", "Shop",
                                  "--enrichment", "Enrich", "--prefix", "_kill"});
        QVERIFY2(linked.exitCode == 0, qPrintable(linked.err));

        // The detached runner inherits the pause from this process's environment.
        qputenv("ASSAY_TEST_PAUSE_BEFORE_ENRICHMENT", "120");
        const Run started = assay(scan({"--rollup-threshold", "100", "--json"}));
        qunsetenv("ASSAY_TEST_PAUSE_BEFORE_ENRICHMENT");
        QVERIFY2(started.exitCode == 0, qPrintable(started.err));
        const qint64 id = started.json().value(QStringLiteral("id")).toInteger();
        QVERIFY(id > 0);
        qint64 pid = 0;
        {
            Catalog catalog;
            QVERIFY(catalog.open(m_catalog));
            for (int i = 0; i < 600 && !pid; ++i) {
                const auto op = catalog.operation(id);
                bool paused = false;
                for (const OperationLogEntry &e : catalog.operationLog(id))
                    paused = paused || e.message.contains(QLatin1String("Test hook"));
                if (op && paused)
                    pid = op->runner.section(QLatin1Char(':'), -1).toLongLong();
                else
                    QTest::qWait(100);
            }
            QVERIFY2(pid > 0, "the runner never reached the enrichment write");
            QCOMPARE(catalog.pendingEnrichmentWriteCount(id), 1);
        }
        QCOMPARE(::kill(pid_t(pid), SIGKILL), 0);
        for (int i = 0; i < 100 && ::kill(pid_t(pid), 0) == 0; ++i)
            QTest::qWait(50);

        const Run shown = assay({"operations", "show", QString::number(id), "--json"});
        QCOMPARE(shown.json().value(QStringLiteral("result")).toString(),
                 QStringLiteral("aborted"));
        QCOMPARE(shown.json().value(QStringLiteral("containers_not_in_enrichment")).toInt(), 1);
        const Run text = assay({"operations", "show", QString::number(id)});
        QVERIFY2(text.out.contains(QLatin1String("not yet in the enrichment datastore")),
                 qPrintable(text.out));

        const Run resumed =
            assay({"operations", "resume", QString::number(id), "--wait", "--json"});
        QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.out + resumed.err));
        QCOMPARE(resumed.json().value(QStringLiteral("result")).toString(),
                 QStringLiteral("success"));
        QCOMPARE(resumed.json().value(QStringLiteral("containers_not_in_enrichment")).toInt(), 0);
        const Run log = assay({"operations", "show", QString::number(id)});
        QVERIFY2(log.out.contains(QLatin1String("Wrote the enrichment rows of items")),
                 qPrintable(log.out));

        // The scan's rows are in the enrichment tables, once: one scan row, a failed check per
        // anomaly (20 out of range).
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), "target");
            db.setDatabaseName(target);
            QVERIFY(db.open());
            const auto count = [&db, id](const char *table) {
                QSqlQuery q(db);
                q.prepare(QStringLiteral("SELECT COUNT(*) FROM %1 WHERE OPERATION_ID = ?")
                              .arg(QLatin1String(table)));
                q.addBindValue(id);
                return q.exec() && q.next() ? q.value(0).toInt() : -1;
            };
            QCOMPARE(count("_kill_scan_operations"), 1);
            QCOMPARE(count("_kill_failed_checks"), 20);
            QCOMPARE(count("_kill_check_metrics"), 1);
        }
        QSqlDatabase::removeDatabase(QStringLiteral("target"));
        QCOMPARE(assay({"datastores", "unlink-enrichment", "--datastore", "Shop"}).exitCode, 0);
    }
};

QTEST_GUILESS_MAIN(TestScanCli)
#include "tst_scancli.moc"
