// The Activity operation detail's summary tiles on the counters real Profile and Scan
// operations wrote (a SQLite table through the engine): every counter the engine writes gets
// its own translated caption, in the panel's order, with the value the engine counted; no
// counter falls through to a caption made from its key. Screenshots under /tmp.
#include "EngineHarness.h"
#include "TestSupport.h"
#include "ui/activity/OperationCountersPanel.h"
#include "ui/activity/OperationDetailWidget.h"

#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTest>

using namespace assay;

namespace {

constexpr int kRows = 2400;
constexpr int kBroken = 7; // rows added after the profile with a null amount

// Caption -> full value of every tile, from the figures' accessible names ("Caption: 1,234").
QHash<QString, QString> tiles(const OperationCountersPanel *panel)
{
    QHash<QString, QString> out;
    for (const QLabel *value : panel->findChildren<QLabel *>(QStringLiteral("counterValue"))) {
        const QString name = value->accessibleName();
        const int colon = name.lastIndexOf(QStringLiteral(": "));
        out.insert(name.left(colon), name.mid(colon + 2));
    }
    return out;
}

QString full(qint64 n)
{
    return QLocale().toString(n);
}

} // namespace

class TestOperationCounters : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    test::EngineHarness m_harness;
    Catalog &m_catalog = m_harness.catalog;
    qint64 m_datastore = 0;
    QString m_source;

    void exec(const QString &sql)
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), "source");
        db.setDatabaseName(m_source);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY2(q.exec(sql), qPrintable(q.lastError().text()));
        q.finish();
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("source"));
    }

    void screenshot(const Operation &op, const QString &name)
    {
        OperationDetailWidget detail(&m_catalog, m_harness.engine.get());
        detail.setOperation(op.id);
        detail.resize(760, 460);
        detail.show();
        QVERIFY(QTest::qWaitForWindowExposed(&detail));
        QCoreApplication::processEvents();
        QVERIFY(detail.grab().save(QDir::temp().filePath(name)));
    }

private slots:
    void initTestCase()
    {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        QVERIFY(m_harness.start(m_dir.filePath(QStringLiteral("catalog.sqlite")), 1));
        m_source = m_dir.filePath(QStringLiteral("shop.sqlite"));
        exec(QStringLiteral("CREATE TABLE orders (id INTEGER PRIMARY KEY, amount REAL, status "
                            "TEXT NOT NULL, placed DATE NOT NULL)"));
        exec(QStringLiteral("WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s "
                            "WHERE n < %1) INSERT INTO orders SELECT n, 10 + n % 90, CASE n % 3 "
                            "WHEN 0 THEN 'open' ELSE 'shipped' END, date('2025-01-01', '+' || "
                            "(n % 300) || ' days') FROM s")
                 .arg(kRows));
        m_datastore = m_harness.datastoreFor(QStringLiteral("Shop"), QStringLiteral("sqlite"),
                                             test::Server{}, m_source, QStringLiteral("main"));
        QVERIFY(m_datastore);
        QCOMPARE(m_harness.run(m_datastore, operation_type::kSync, {}).status,
                 QStringLiteral("success"));
    }

    void cleanupTestCase() { m_harness.stop(); }

    void profileCounters()
    {
        const Operation op = m_harness.run(m_datastore, operation_type::kProfile,
                                           {{QStringLiteral("inference_threshold"), 2}});
        QVERIFY2(op.status == QLatin1String("success"), qPrintable(m_harness.describe(op)));
        OperationCountersPanel panel;
        panel.setOperation(op);
        // Every counter the operation wrote, captioned, in this order (checks_archived is
        // written too: 0 here).
        const QStringList expected{"Tables requested",
                                   "Tables profiled",
                                   "Records profiled",
                                   "Field profiles updated",
                                   "Inferred checks synchronized",
                                   "Checks added",
                                   "Checks updated",
                                   "Checks archived",
                                   "Queries",
                                   "Table passes"};
        QCOMPARE(panel.captions(), expected);
        QCOMPARE(panel.tileCount(), op.counters.size());

        // The values, against what the test knows and the Catalog holds.
        CheckQuery checks;
        checks.datastoreId = m_datastore;
        const int inferred = int(m_catalog.checks(checks).size());
        QVERIFY(inferred > 0);
        const QHash<QString, QString> shown = tiles(&panel);
        QCOMPARE(shown.value("Tables requested"), full(1));
        QCOMPARE(shown.value("Tables profiled"), full(1));
        QCOMPARE(shown.value("Records profiled"), full(kRows));
        QCOMPARE(shown.value("Field profiles updated"), full(4));
        QCOMPARE(shown.value("Inferred checks synchronized"), full(inferred));
        QCOMPARE(shown.value("Checks added"), full(inferred));
        QCOMPARE(shown.value("Checks updated"), full(0));
        QCOMPARE(shown.value("Checks archived"), full(0));
        // Two passes of the profile, then the holdout statements inference ran.
        QVERIFY(op.counters.value(QStringLiteral("queries")).toInt() >= 2);
        QCOMPARE(shown.value("Queries"),
                 full(op.counters.value(QStringLiteral("queries")).toInt()));
        QCOMPARE(shown.value("Table passes"),
                 full(op.counters.value(QStringLiteral("table_passes")).toInt()));
        screenshot(op, QStringLiteral("assay-counters-profile.png"));
    }

    void scanCounters()
    {
        // Records breaking the notNull check the profile inferred on amount.
        exec(QStringLiteral("WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s "
                            "WHERE n < %1) INSERT INTO orders SELECT %2 + n, NULL, 'open', "
                            "'2025-06-01' FROM s")
                 .arg(kBroken)
                 .arg(kRows));
        const Operation op = m_harness.run(m_datastore, operation_type::kScan, {});
        QVERIFY2(op.status == QLatin1String("success") || op.status == QLatin1String("warning"),
                 qPrintable(m_harness.describe(op)));
        OperationCountersPanel panel;
        panel.setOperation(op);
        const QStringList expected{"Tables requested",     "Tables scanned",
                                   "Partitions scanned",   "Records scanned",
                                   "Anomalies identified", "Queries",
                                   "Table passes",         "Checks guaranteed by constraints"};
        QCOMPARE(panel.captions(), expected);
        QCOMPARE(panel.tileCount(), op.counters.size());
        AnomalyQuery anomalies;
        anomalies.operationId = op.id;
        const int found = m_catalog.anomalyCount(anomalies);
        QVERIFY(found > 0);
        const QHash<QString, QString> shown = tiles(&panel);
        QCOMPARE(shown.value("Tables requested"), full(1));
        QCOMPARE(shown.value("Tables scanned"), full(1));
        QCOMPARE(shown.value("Partitions scanned"), full(1));
        QCOMPARE(shown.value("Records scanned"), full(kRows + kBroken));
        QCOMPARE(shown.value("Anomalies identified"), full(found));
        QCOMPARE(shown.value("Queries"),
                 full(op.counters.value(QStringLiteral("queries")).toInt()));
        QCOMPARE(shown.value("Table passes"),
                 full(op.counters.value(QStringLiteral("table_passes")).toInt()));
        screenshot(op, QStringLiteral("assay-counters-scan.png"));
    }

    // A counter no caption knows still shows, after the known ones, captioned from its key.
    void unknownCountersComeLast()
    {
        Operation op;
        op.type = QStringLiteral("profile");
        op.counters = {{QStringLiteral("tables_profiled"), 3},
                       {QStringLiteral("mystery_items"), 12345}};
        OperationCountersPanel panel;
        panel.setOperation(op);
        QCOMPARE(panel.captions(), (QStringList{"Tables profiled", "Mystery items"}));
        QCOMPARE(tiles(&panel).value("Mystery items"), full(12345));
    }
};

QTEST_MAIN(TestOperationCounters)
#include "tst_operationcounters.moc"
