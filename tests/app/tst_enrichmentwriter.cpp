#include "EnrichmentWriterTestSupport.h"
#include "app/enrichment/ScanResultJson.h"

#include <QTest>
#include <algorithm>

using namespace assay;
using namespace assay::enrichtest;

// EnrichmentWriter on the three real targets (see EnrichmentTargets).
class TestEnrichmentWriter : public QObject, public EnrichmentTargets
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void tablesHaveTheSpecColumns_data();
    void tablesHaveTheSpecColumns();
    void missingColumnsAreAdded_data() { tablesHaveTheSpecColumns_data(); }
    void missingColumnsAreAdded();
    void writesEveryTableColumnByColumn_data() { tablesHaveTheSpecColumns_data(); }
    void writesEveryTableColumnByColumn();
    void remediationAppendKeepsHistory_data() { tablesHaveTheSpecColumns_data(); }
    void remediationAppendKeepsHistory();
    void remediationOverwriteKeepsTheLastScan_data() { tablesHaveTheSpecColumns_data(); }
    void remediationOverwriteKeepsTheLastScan();
    void manyRowsCrossTheStatementBound_data() { tablesHaveTheSpecColumns_data(); }
    void manyRowsCrossTheStatementBound();
    void failedWriteLeavesNothing_data() { tablesHaveTheSpecColumns_data(); }
    void failedWriteLeavesNothing();
    void retryOfAWrittenResultWritesItOnce_data() { tablesHaveTheSpecColumns_data(); }
    void retryOfAWrittenResultWritesItOnce();
    void twoPrefixesSideBySide_data() { tablesHaveTheSpecColumns_data(); }
    void twoPrefixesSideBySide();
    void hostileNamesStayQuoted_data() { tablesHaveTheSpecColumns_data(); }
    void hostileNamesStayQuoted();
    void tooLongNamesAreRefused();
    void genericDialectFallsBackToPortableSql();
    void postgresWithoutCreateIsRefused();
    void postgresRefusedInsertRollsBack();
};

void TestEnrichmentWriter::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(test::postgres().port && test::mariadb().port, "the Servers fixture is not running");
    const QString file = m_dir.filePath(QStringLiteral("enrich.sqlite"));
    {
        QSqlDatabase make = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), "make");
        make.setDatabaseName(file);
        QVERIFY(make.open());
        QVERIFY(QSqlQuery(make).exec(QStringLiteral("CREATE TABLE placeholder (x INTEGER)")));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("make"));

    // A fresh PostgreSQL schema and MariaDB database, as the owner of each.
    ConnectionSettings pg = settings(QStringLiteral("postgresql"));
    pg.schema.clear();
    SourceSession pgOwner(pg);
    QVERIFY2(pgOwner.open(), qPrintable(pgOwner.diagnosis().message()));
    QSqlQuery pq(pgOwner.database());
    QVERIFY(pq.exec(QStringLiteral("DROP SCHEMA IF EXISTS enrich_pg CASCADE")));
    QVERIFY(pq.exec(QStringLiteral("CREATE SCHEMA enrich_pg")));
    ConnectionSettings md = settings(QStringLiteral("mariadb"));
    md.connection.database = test::mariadb().database;
    SourceSession mdOwner(md);
    QVERIFY2(mdOwner.open(), qPrintable(mdOwner.diagnosis().message()));
    QSqlQuery mq(mdOwner.database());
    QVERIFY(mq.exec(QStringLiteral("DROP DATABASE IF EXISTS assay_enrich")));
    QVERIFY(mq.exec(QStringLiteral("CREATE DATABASE assay_enrich")));

    for (const QString &type :
         {QStringLiteral("sqlite"), QStringLiteral("postgresql"), QStringLiteral("mariadb")}) {
        auto session = std::make_unique<SourceSession>(settings(type, file));
        QVERIFY2(session->open(), qPrintable(session->diagnosis().message()));
        m_sessions[type] = std::move(session);
    }
}

void TestEnrichmentWriter::cleanupTestCase()
{
    m_sessions.clear();
    if (!m_role.isEmpty())
        pgAdmin({QStringLiteral("DROP OWNED BY %1").arg(m_role),
                 QStringLiteral("DROP ROLE %1").arg(m_role)});
}

void TestEnrichmentWriter::tablesHaveTheSpecColumns_data()
{
    QTest::addColumn<QString>("type");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
    QTest::newRow("mariadb") << QStringLiteral("mariadb");
}

void TestEnrichmentWriter::tablesHaveTheSpecColumns()
{
    QFETCH(QString, type);
    const QString prefix = QStringLiteral("_shape");
    for (const QString &suffix : kSuffixes)
        QVERIFY(!exists(type, prefix + "_" + suffix));
    EnrichmentWriter w = writer(type, prefix);
    QString error;
    QVERIFY2(w.prepare(&error), qPrintable(error));
    for (const QString &suffix : kSuffixes)
        QCOMPARE(columns(type, prefix + "_" + suffix), expectedColumns(suffix));

    // The spec's types, as each database names them.
    struct Expect
    {
        const char *table, *column, *sqlite, *postgresql, *mariadb;
    };
    const Expect expects[] = {
        {"_shape_check_metrics", "OPERATION_ID", "integer", "bigint", "bigint"},
        {"_shape_check_metrics", "ASSERTION_RESULT", "text", "text", "longtext"},
        {"_shape_failed_checks", "SUGGESTED_REMEDIATION_SCORE", "real", "double precision",
         "double"},
        {"_shape_failed_checks", "DETECTED_TIME", "text", "timestamp with time zone", "datetime"},
        {"_shape_failed_checks", "FINGERPRINT", "integer", "bigint", "bigint"},
        {"_shape_scan_operations", "INCREMENTAL", "integer", "boolean", "tinyint"},
        {"_shape_source_records", "RECORD", "text", "text", "longtext"},
    };
    for (const Expect &e : expects) {
        const char *want = type == QLatin1String("sqlite")       ? e.sqlite
                           : type == QLatin1String("postgresql") ? e.postgresql
                                                                 : e.mariadb;
        QCOMPARE(columnType(type, e.table, e.column), QString::fromLatin1(want));
    }

    // Preparing again (the next scan) changes nothing.
    EnrichmentWriter again = writer(type, prefix);
    QVERIFY2(again.prepare(&error), qPrintable(error));
    for (const QString &suffix : kSuffixes)
        QCOMPARE(columns(type, prefix + "_" + suffix), expectedColumns(suffix));
}

void TestEnrichmentWriter::missingColumnsAreAdded()
{
    QFETCH(QString, type);
    const SqlDialect d = dialect(type);
    // The shapes of Sep 2024 (check_metrics) and of before May 2023 (failed_checks), with data.
    QVERIFY(
        exec(type, QStringLiteral("CREATE TABLE %1 (%2 BIGINT, %3 BIGINT, %4 BIGINT, %5 BIGINT)")
                       .arg(table(type, "_old_check_metrics"), d.quote("OPERATION_ID"),
                            d.quote("QUALITY_CHECK_ID"), d.quote("ASSERTED_RECORDS_COUNT"),
                            d.quote("ANOMALOUS_RECORDS_COUNT"))));
    QVERIFY(exec(type, QStringLiteral("CREATE TABLE %1 (%2 BIGINT, %3 VARCHAR(100), %4 TEXT)")
                           .arg(table(type, "_old_failed_checks"), d.quote("QUALITY_CHECK_ID"),
                                d.quote("ANOMALY_UUID"), d.quote("QUALITY_CHECK_MESSAGE"))));
    QVERIFY(exec(type, QStringLiteral("INSERT INTO %1 VALUES (7, 'u-old', 'old message')")
                           .arg(table(type, "_old_failed_checks"))));

    // PostgreSQL allows a table without columns: it gets every column.
    if (type == QLatin1String("postgresql"))
        QVERIFY(exec(type,
                     QStringLiteral("CREATE TABLE %1 ()").arg(table(type, "_old_source_records"))));
    EnrichmentWriter w = writer(type, QStringLiteral("_old"));
    QString error;
    QVERIFY2(w.prepare(&error), qPrintable(error));
    QCOMPARE(columns(type, "_old_source_records"), expectedColumns("source_records"));
    QStringList metrics = columns(type, "_old_check_metrics");
    QCOMPARE(metrics.mid(0, 4), QStringList({"OPERATION_ID", "QUALITY_CHECK_ID",
                                             "ASSERTED_RECORDS_COUNT", "ANOMALOUS_RECORDS_COUNT"}));
    QStringList want = expectedColumns("check_metrics");
    metrics.sort();
    want.sort();
    QCOMPARE(metrics, want);
    QCOMPARE(columns(type, "_old_failed_checks"), expectedColumns("failed_checks"));
    QCOMPARE(rows(type, "_old_failed_checks",
                  QStringLiteral("SELECT %1, %2 FROM %3")
                      .arg(d.quote("ANOMALY_UUID"), d.quote("QUALITY_CHECK_MESSAGE"), "%1")),
             QList<QVariantList>({{QStringLiteral("u-old"), QStringLiteral("old message")}}));
    // And the migrated tables take a scan's rows.
    QVERIFY2(w.write(sample(90, "old"), RemediationStrategy::None, &error), qPrintable(error));
    QCOMPARE(count(type, "_old_check_metrics"), 2);
    QCOMPARE(count(type, "_old_failed_checks"), 4);
}

void TestEnrichmentWriter::writesEveryTableColumnByColumn()
{
    QFETCH(QString, type);
    const SqlDialect d = dialect(type);
    EnrichmentWriter w = writer(type, QStringLiteral("_content"));
    QString error;
    QVERIFY2(w.write(sample(501, "c"), RemediationStrategy::None, &error), qPrintable(error));

    const auto scans = rows(type, "_content_scan_operations", QStringLiteral("SELECT * FROM %1"));
    QCOMPARE(scans.size(), 1);
    const QVariantList s = scans.first();
    QCOMPARE(s.size(), 13);
    QCOMPARE(s.at(0).toLongLong(), 501);       // OPERATION_ID
    QCOMPARE(s.at(1).toLongLong(), 7);         // DATASTORE_ID
    QCOMPARE(s.at(2).toLongLong(), 42);        // CONTAINER_ID
    QCOMPARE(s.at(3).toString(), QString("")); // PARTITION_NAME
    QCOMPARE(s.at(4).toInt(), 1);              // INCREMENTAL
    QCOMPARE(s.at(5).toLongLong(), 1000);      // RECORDS_PROCESSED
    QCOMPARE(s.at(6).toLongLong(), 2);         // ENRICHMENT_SOURCE_RECORD_LIMIT
    QVERIFY(s.at(7).isNull());                 // MAX_RECORDS_ANALYZED: all
    QCOMPARE(s.at(8).toLongLong(), 2);         // ANOMALY_COUNT
    QCOMPARE(timestamp(s.at(9), type), QStringLiteral("2025-03-01T10:00:00.123Z"));
    QCOMPARE(timestamp(s.at(10), type), QStringLiteral("2025-03-01T10:00:05.456Z"));
    QCOMPARE(s.at(11).toString(), QStringLiteral("success"));
    QCOMPARE(s.at(12).toString(), QStringLiteral("2 anomalies"));

    const auto metrics =
        rows(type, "_content_check_metrics",
             QStringLiteral("SELECT * FROM %1 ORDER BY %2").arg("%1", d.quote("QUALITY_CHECK_ID")));
    QCOMPARE(metrics.size(), 2);
    const QVariantList m1 = metrics.at(0), m2 = metrics.at(1);
    QCOMPARE(m1.at(0).toLongLong(), 501); // taken from the result when the metric has none
    QCOMPARE(m1.at(1).toLongLong(), 42);
    QCOMPARE(m1.at(2).toString(), QStringLiteral("Shop DS"));
    QCOMPARE(m1.at(3).toString(), QStringLiteral("orders"));
    QCOMPARE(m1.at(4).toString(), QString(""));
    QCOMPARE(m1.at(5).toString(), QStringLiteral("failed"));
    QVERIFY(m1.at(6).isNull());
    QCOMPARE(m1.at(7).toLongLong(), 11);
    QCOMPARE(m1.at(8).toLongLong(), 1000);
    QCOMPARE(m1.at(9).toLongLong(), 3);
    QCOMPARE(m1.at(10).toString(), QString(""));
    QCOMPARE(m2.at(5).toString(), QStringLiteral("passed"));
    QCOMPARE(m2.at(6).toString(), QStringLiteral("note"));
    QCOMPARE(m2.at(7).toLongLong(), 12);
    QCOMPARE(m2.at(9).toLongLong(), 0);

    const auto failed = rows(type, "_content_failed_checks",
                             QStringLiteral("SELECT * FROM %1 ORDER BY %2, %3")
                                 .arg("%1", d.quote("ANOMALY_UUID"), d.quote("QUALITY_CHECK_ID")));
    QCOMPARE(failed.size(), 3);
    const auto json = [](const QVariant &v) {
        return QJsonDocument::fromJson(v.toString().toUtf8());
    };
    const QVariantList f1 = failed.at(0), f2 = failed.at(1), f3 = failed.at(2);
    QCOMPARE(f1.at(0).toLongLong(), 11);
    QCOMPARE(f1.at(1).toString(), QStringLiteral("c-a"));
    QCOMPARE(f1.at(2).toString(), QStringLiteral("email is null"));
    QVERIFY(f1.at(3).isNull() && f1.at(4).isNull() && f1.at(5).isNull()); // no suggestion
    QCOMPARE(f1.at(6).toString(), QStringLiteral("notNull"));
    QCOMPARE(json(f1.at(7)), QJsonDocument(QJsonArray{"pii", "contact"}));
    QCOMPARE(json(f1.at(8)), QJsonDocument(QJsonObject()));
    QCOMPARE(f1.at(9).toString(), QStringLiteral("Email is required"));
    QVERIFY(f1.at(10).isNull()); // QUALITY_CHECK_METADATA
    QCOMPARE(json(f1.at(11)), QJsonDocument(QJsonArray{"email"}));
    QCOMPARE(f1.at(12).toLongLong(), 1);
    QCOMPARE(f1.at(13).toLongLong(), 501);
    QCOMPARE(timestamp(f1.at(14), type), QStringLiteral("2025-03-01T10:00:04.000Z"));
    QCOMPARE(f1.at(15).toString(), QStringLiteral("orders"));
    QCOMPARE(f1.at(16).toString(), QString(""));
    QCOMPARE(f1.at(17).toString(), QStringLiteral("Shop DS"));
    QCOMPARE(f1.at(18).toLongLong(), 123456789);
    QCOMPARE(f2.at(1).toString(), QStringLiteral("c-b"));
    QCOMPARE(f2.at(2).toString(), QStringLiteral("3 lack email"));
    QCOMPARE(f2.at(12).toLongLong(), 3);
    QCOMPARE(f2.at(18).toLongLong(), 255); // "ff"
    // The failed check without its own rule, fields or message takes the check's and the
    // anomaly's.
    QCOMPARE(f3.at(0).toLongLong(), 12);
    QCOMPARE(f3.at(2).toString(), QStringLiteral("3 records fail"));
    QCOMPARE(f3.at(6).toString(), QStringLiteral("between"));
    QCOMPARE(json(f3.at(8)),
             QJsonDocument(QJsonObject{{"min", 0}, {"max", 100}, {"inclusive", true}}));
    QCOMPARE(json(f3.at(11)), QJsonDocument(QJsonArray{"qty"}));
    QCOMPARE(json(f3.at(7)), QJsonDocument(QJsonArray()));

    // Two of the record anomaly's three rows (the limit), none for the shape anomaly.
    const auto records = rows(type, "_content_source_records", QStringLiteral("SELECT * FROM %1"));
    QCOMPARE(records.size(), 2);
    QList<QJsonObject> written;
    for (const QVariantList &r : records) {
        QCOMPARE(r.at(0).toString(), QStringLiteral("orders"));
        QCOMPARE(r.at(1).toString(), QString(""));
        QCOMPARE(r.at(2).toString(), QStringLiteral("c-a"));
        QCOMPARE(r.at(3).toString(), QStringLiteral("email is missing"));
        written << json(r.at(4)).object();
    }
    QVERIFY(written.contains(sourceRow(1)));
    QVERIFY(written.contains(sourceRow(2)));
    QVERIFY(!written.contains(sourceRow(3)));
    QVERIFY(!exists(type, "_content_remediation_42")); // strategy None
}

void TestEnrichmentWriter::remediationAppendKeepsHistory()
{
    QFETCH(QString, type);
    const SqlDialect d = dialect(type);
    QString error;
    EnrichmentWriter first = writer(type, QStringLiteral("_app"));
    QVERIFY2(first.write(sample(601, "s1"), RemediationStrategy::Append, &error),
             qPrintable(error));
    EnrichmentWriter second = writer(type, QStringLiteral("_app"));
    QVERIFY2(second.write(sample(602, "s2"), RemediationStrategy::Append, &error),
             qPrintable(error));
    QCOMPARE(second.remediationTable(42), QStringLiteral("_app_remediation_42"));

    QStringList want = kSourceColumns;
    want.replace(want.indexOf("ANOMALY_UUID"), "ANOMALY_UUID_2");
    want << "_QUALYTICS_SOURCE_PARTITION"
         << "ANOMALY_UUID";
    QCOMPARE(columns(type, "_app_remediation_42"), want);

    const auto all = rows(type, "_app_remediation_42",
                          QStringLiteral("SELECT * FROM %1 ORDER BY %2, %3")
                              .arg("%1", d.quote("ANOMALY_UUID"), d.quote("id")));
    QCOMPARE(all.size(), 4); // two scans x two rows (the source-record limit)
    QCOMPARE(all.at(0).last().toString(), QStringLiteral("s1-a"));
    QCOMPARE(all.at(3).last().toString(), QStringLiteral("s2-a"));
    // Values as text: numbers, booleans, NULL, hostile text, nested JSON, unicode.
    const QVariantList r = all.at(1);
    QCOMPARE(r.at(0).toString(), QStringLiteral("2"));
    QVERIFY(r.at(1).isNull());
    QCOMPARE(r.at(2).toString(), QStringLiteral("3.5"));
    QCOMPARE(r.at(3).toString(), QStringLiteral("it's \"quoted\""));
    QCOMPARE(r.at(4).toString(), QStringLiteral("true"));
    QCOMPARE(r.at(5).toString(), QStringLiteral("row 2"));
    QCOMPARE(r.at(6).toString(), QStringLiteral("值2"));
    QCOMPARE(r.at(7).toString(), QStringLiteral("source-uuid-2"));
    QCOMPARE(r.at(8).toString(), QStringLiteral("{\"nested\":2}"));
    QCOMPARE(r.at(9).toString(), QString(""));
    QCOMPARE(r.at(10).toString(), QStringLiteral("s1-a"));
}

void TestEnrichmentWriter::remediationOverwriteKeepsTheLastScan()
{
    QFETCH(QString, type);
    const SqlDialect d = dialect(type);
    QString error;
    EnrichmentWriter first = writer(type, QStringLiteral("_ovw"));
    QVERIFY2(first.write(sample(701, "o1"), RemediationStrategy::Overwrite, &error),
             qPrintable(error));
    QCOMPARE(count(type, "_ovw_remediation_42"), 2);
    // The next scan writes two partitions of the container: both stay, the first scan goes.
    EnrichmentWriter second = writer(type, QStringLiteral("_ovw"));
    QVERIFY2(second.write(sample(702, "o2p1", "p1"), RemediationStrategy::Overwrite, &error),
             qPrintable(error));
    QVERIFY2(second.write(sample(702, "o2p2", "p2"), RemediationStrategy::Overwrite, &error),
             qPrintable(error));
    const auto left = rows(type, "_ovw_remediation_42",
                           QStringLiteral("SELECT %2, %3 FROM %1 ORDER BY %3, %4")
                               .arg("%1", d.quote("_QUALYTICS_SOURCE_PARTITION"),
                                    d.quote("ANOMALY_UUID"), d.quote("id")));
    QCOMPARE(left, QList<QVariantList>(
                       {{"p1", "o2p1-a"}, {"p1", "o2p1-a"}, {"p2", "o2p2-a"}, {"p2", "o2p2-a"}}));
    // The enrichment tables themselves always append.
    QCOMPARE(count(type, "_ovw_scan_operations"), 3);
}

// More rows than one INSERT may bind (TableWriter::insertRows keeps a statement under about 900
// values): every table takes several statements, and every row lands, each once.
void TestEnrichmentWriter::manyRowsCrossTheStatementBound()
{
    QFETCH(QString, type);
    const SqlDialect d = dialect(type);
    const int anomalies = 400, metrics = 250;
    ContainerScanResult r = sample(901, "big");
    r.anomalies.clear();
    r.metrics.clear();
    for (int i = 0; i < metrics; ++i)
        r.metrics << CheckMetric{901, 11, 42, 1000 + i, i, QStringLiteral("failed"), QString()};
    for (int i = 0; i < anomalies; ++i) {
        Anomaly a;
        a.uuid = QStringLiteral("big-%1").arg(i);
        a.type = QStringLiteral("record");
        a.message = QStringLiteral("row %1").arg(i);
        a.anomalousRecordCount = 1;
        a.fingerprint = QString::number(i + 1);
        a.createdAt = kDetected;
        a.failedChecks << AnomalyFailedCheck{11, QStringLiteral("notNull"), {"email"}, a.message};
        a.sourceRecords = QJsonArray{sourceRow(i), sourceRow(i + 1000)}; // the limit of 2
        r.anomalies << a;
    }
    // Beyond one statement in every table: failed checks (19 columns), source records (5),
    // metrics (11) and remediation rows (the 9 source columns + 2).
    QVERIFY(19 * anomalies > 900 && 5 * 2 * anomalies > 900 && 11 * metrics > 900 &&
            11 * 2 * anomalies > 900);
    EnrichmentWriter w = writer(type, QStringLiteral("_big"));
    QString error;
    QVERIFY2(w.write(r, RemediationStrategy::Append, &error), qPrintable(error));

    QHash<QString, qint64> fingerprints;
    for (const QVariantList &row :
         rows(type, "_big_failed_checks",
              QStringLiteral("SELECT %2, %3 FROM %1")
                  .arg("%1", d.quote("ANOMALY_UUID"), d.quote("FINGERPRINT"))))
        fingerprints.insert(row.at(0).toString(), row.at(1).toLongLong());
    QCOMPARE(count(type, "_big_failed_checks"), anomalies);
    QCOMPARE(fingerprints.size(), anomalies);
    for (int i = 0; i < anomalies; ++i)
        QCOMPARE(fingerprints.value(QStringLiteral("big-%1").arg(i), -1), qint64(i + 1));

    QSet<QString> records;
    for (const QVariantList &row : rows(type, "_big_source_records",
                                        QStringLiteral("SELECT %2, %3 FROM %1")
                                            .arg("%1", d.quote("ANOMALY_UUID"), d.quote("RECORD"))))
        records << row.at(0).toString() + QLatin1Char('/') +
                       QString::number(QJsonDocument::fromJson(row.at(1).toString().toUtf8())
                                           .object()
                                           .value("id")
                                           .toInt());
    QCOMPARE(count(type, "_big_source_records"), 2 * anomalies);
    for (int i = 0; i < anomalies; ++i)
        QVERIFY(records.contains(QStringLiteral("big-%1/%2").arg(i).arg(i)) &&
                records.contains(QStringLiteral("big-%1/%2").arg(i).arg(i + 1000)));

    QSet<qint64> asserted;
    for (const QVariantList &row :
         rows(type, "_big_check_metrics",
              QStringLiteral("SELECT %2 FROM %1").arg("%1", d.quote("ASSERTED_RECORDS_COUNT"))))
        asserted << row.at(0).toLongLong();
    QCOMPARE(count(type, "_big_check_metrics"), metrics);
    QCOMPARE(asserted.size(), metrics);
    QCOMPARE(*std::min_element(asserted.begin(), asserted.end()), qint64(1000));
    QCOMPARE(*std::max_element(asserted.begin(), asserted.end()), qint64(1000 + metrics - 1));
    QCOMPARE(count(type, "_big_remediation_42"), 2 * anomalies);
}

// A process killed after the enrichment commit but before the Catalog noted it: the result is
// written again from the Catalog's JSON copy (a Retry), and every table holds it once, with the
// same values, beside another operation's rows that stay untouched.
void TestEnrichmentWriter::retryOfAWrittenResultWritesItOnce()
{
    QFETCH(QString, type);
    const QString prefix = QStringLiteral("_retry");
    const ContainerScanResult once = sample(801, "retry1");
    QString error;
    EnrichmentWriter first = writer(type, prefix);
    QVERIFY2(first.write(once, RemediationStrategy::Append, &error), qPrintable(error));
    QVERIFY2(first.write(sample(802, "retry2"), RemediationStrategy::Append, &error),
             qPrintable(error));
    const QStringList tables{prefix + "_scan_operations", prefix + "_check_metrics",
                             prefix + "_failed_checks", prefix + "_source_records",
                             prefix + "_remediation_42"};
    QHash<QString, QList<QVariantList>> before;
    for (const QString &t : tables)
        before.insert(t, rows(type, t, QStringLiteral("SELECT * FROM %1")));
    QCOMPARE(before.value(prefix + "_scan_operations").size(), 2);
    QCOMPARE(before.value(prefix + "_failed_checks").size(), 6);
    QCOMPARE(before.value(prefix + "_source_records").size(), 4);

    const std::optional<ContainerScanResult> copy =
        enrichment::scanResultFromJson(enrichment::scanResultToJson(once));
    QVERIFY(copy);
    EnrichmentWriter retry = writer(type, prefix);
    QVERIFY2(
        retry.write(*copy, RemediationStrategy::Append, &error, EnrichmentWriter::Attempt::Retry),
        qPrintable(error));
    // The same rows (compared as sets: a retry may put them in another physical order).
    for (const QString &t : tables) {
        QList<QVariantList> after = rows(type, t, QStringLiteral("SELECT * FROM %1"));
        QList<QVariantList> want = before.value(t);
        const auto byText = [](const QVariantList &a, const QVariantList &b) {
            return QVariant(a).toStringList().join('|') < QVariant(b).toStringList().join('|');
        };
        std::sort(after.begin(), after.end(), byText);
        std::sort(want.begin(), want.end(), byText);
        QVERIFY2(after == want, qPrintable(t));
    }
}

void TestEnrichmentWriter::failedWriteLeavesNothing()
{
    QFETCH(QString, type);
    const SqlDialect d = dialect(type);
    // A remediation table someone gave a NOT NULL column: the last insert of the write fails.
    QVERIFY(exec(type, QStringLiteral("CREATE TABLE %1 (%2 VARCHAR(10) NOT NULL)")
                           .arg(table(type, "_rb_remediation_42"), d.quote("MUST"))));
    EnrichmentWriter w = writer(type, QStringLiteral("_rb"));
    QString error;
    QVERIFY(!w.write(sample(801, "rb"), RemediationStrategy::Append, &error));
    QVERIFY2(error.contains(QLatin1String("_rb_remediation_42")), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("MUST")), qPrintable(error));
    for (const QString &suffix : kSuffixes)
        QCOMPARE(count(type, "_rb_" + suffix), 0);
    QCOMPARE(count(type, "_rb_remediation_42"), 0);
}

void TestEnrichmentWriter::twoPrefixesSideBySide()
{
    QFETCH(QString, type);
    QString error;
    EnrichmentWriter a = writer(type, QStringLiteral("_src_a"));
    EnrichmentWriter b = writer(type, QStringLiteral("_src_b"));
    ContainerScanResult ra = sample(901, "pa");
    ContainerScanResult rb = sample(902, "pb");
    rb.containerId = 43;
    rb.metrics.removeLast();
    QVERIFY2(a.prepare(&error), qPrintable(error));
    QVERIFY2(b.prepare(&error), qPrintable(error));
    QVERIFY2(a.write(ra, RemediationStrategy::Append, &error), qPrintable(error));
    QVERIFY2(b.write(rb, RemediationStrategy::Append, &error), qPrintable(error));
    QVERIFY2(a.write(sample(903, "pa2"), RemediationStrategy::None, &error), qPrintable(error));

    QCOMPARE(rows(type, "_src_a_scan_operations",
                  QStringLiteral("SELECT %2 FROM %1 ORDER BY %2")
                      .arg("%1", dialect(type).quote("OPERATION_ID"))),
             QList<QVariantList>({{901}, {903}}));
    QCOMPARE(
        rows(type, "_src_b_scan_operations",
             QStringLiteral("SELECT %2 FROM %1").arg("%1", dialect(type).quote("OPERATION_ID"))),
        QList<QVariantList>({{902}}));
    QCOMPARE(count(type, "_src_a_check_metrics"), 4);
    QCOMPARE(count(type, "_src_b_check_metrics"), 1);
    QCOMPARE(count(type, "_src_a_failed_checks"), 6);
    QCOMPARE(count(type, "_src_b_failed_checks"), 3);
    QCOMPARE(count(type, "_src_a_remediation_42"), 2);
    QCOMPARE(count(type, "_src_b_remediation_43"), 2);
    QVERIFY(!exists(type, "_src_a_remediation_43"));
    QVERIFY(!exists(type, "_src_b_remediation_42"));
}

void TestEnrichmentWriter::hostileNamesStayQuoted()
{
    QFETCH(QString, type);
    const SqlDialect d = dialect(type);
    QVERIFY(exec(type, QStringLiteral("CREATE TABLE %1 (x INTEGER)").arg(table(type, "victim"))));
    const QString prefix = QStringLiteral("_p\"`] ; drop table victim; --");
    ContainerScanResult r = sample(1001, "h");
    r.containerName = QStringLiteral("o'; DROP TABLE victim; --");
    r.datastoreName = QStringLiteral("ds \"x\" `y`");
    r.partition = QStringLiteral("p'); DELETE FROM victim; --");
    EnrichmentWriter w = writer(type, prefix);
    QString error;
    QVERIFY2(w.write(r, RemediationStrategy::Overwrite, &error), qPrintable(error));
    QVERIFY(exists(type, "victim"));
    const auto scans = rows(type, prefix + "_check_metrics",
                            QStringLiteral("SELECT %2, %3, %4 FROM %1")
                                .arg("%1", d.quote("SOURCE_DATASTORE"), d.quote("SOURCE_CONTAINER"),
                                     d.quote("SOURCE_PARTITION")));
    QCOMPARE(scans.size(), 2);
    QCOMPARE(scans.first(), QVariantList({r.datastoreName, r.containerName, r.partition}));
    QCOMPARE(count(type, prefix + "_remediation_42"), 2);
    QVERIFY(exec(type, QStringLiteral("DROP TABLE %1").arg(table(type, "victim"))));
}

void TestEnrichmentWriter::tooLongNamesAreRefused()
{
    // 60 characters (the longest prefix the linker allows) + "_scan_operations" passes
    // PostgreSQL's 63 bytes and MySQL's 64 characters: a clear error, not a truncated name.
    const QString prefix = QLatin1Char('_') + QString(59, QLatin1Char('x'));
    for (const QString &type : {QStringLiteral("postgresql"), QStringLiteral("mariadb")}) {
        EnrichmentWriter w = writer(type, prefix);
        QString error;
        QVERIFY(!w.prepare(&error));
        QVERIFY2(error.contains(QLatin1String("shorter prefix")), qPrintable(error));
        for (const QString &suffix : kSuffixes)
            QVERIFY(!exists(type, (prefix + "_" + suffix).left(63)));
    }
    EnrichmentWriter sqlite = writer(QStringLiteral("sqlite"), prefix);
    QString error;
    QVERIFY2(sqlite.prepare(&error), qPrintable(error)); // SQLite has no such limit
}

void TestEnrichmentWriter::genericDialectFallsBackToPortableSql()
{
    // The generic dialect (ODBC drivers Assay has no SQL family for) on the SQLite file: columns
    // read from an empty SELECT, plain CREATE TABLE, one-row statements through execBatch().
    const QString type = QStringLiteral("sqlite");
    const SqlDialect generic = SqlDialect::forFamily(SqlDialect::Family::Generic);
    QVERIFY(exec(type, QStringLiteral("CREATE TABLE \"_gen_source_records\" (\"RECORD\" TEXT)")));
    EnrichmentWriter w(db(type), generic, QStringLiteral("main"), QStringLiteral("_gen"));
    QString error;
    QVERIFY2(w.prepare(&error), qPrintable(error));
    for (const QString &suffix : kSuffixes) {
        QStringList got = columns(type, "_gen_" + suffix), want = expectedColumns(suffix);
        got.sort();
        want.sort();
        QCOMPARE(got, want);
    }
    QCOMPARE(columnType(type, "_gen_failed_checks", "QUALITY_CHECK_MESSAGE"),
             QStringLiteral("varchar(4000)"));
    QVERIFY2(w.write(sample(1301, "g"), RemediationStrategy::Append, &error), qPrintable(error));
    QCOMPARE(count(type, "_gen_scan_operations"), 1);
    QCOMPARE(count(type, "_gen_check_metrics"), 2);
    QCOMPARE(count(type, "_gen_failed_checks"), 3);
    QCOMPARE(count(type, "_gen_source_records"), 2);
    QCOMPARE(count(type, "_gen_remediation_42"), 2);
    EnrichmentWriter again(db(type), generic, QStringLiteral("main"), QStringLiteral("_gen"));
    QVERIFY2(again.write(sample(1302, "g2"), RemediationStrategy::None, &error), qPrintable(error));
    QCOMPARE(count(type, "_gen_scan_operations"), 2);
}

void TestEnrichmentWriter::postgresWithoutCreateIsRefused()
{
    m_role = QStringLiteral("assay_enrich_nocreate_%1").arg(QCoreApplication::applicationPid());
    const QString password = QStringLiteral("pw%1").arg(QCoreApplication::applicationPid());
    // CONNECT and USAGE but no CREATE (PostgreSQL 15 no longer grants CREATE on public to all).
    QVERIFY(pgAdmin({QStringLiteral("DROP ROLE IF EXISTS %1").arg(m_role),
                     QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD '%2'").arg(m_role, password),
                     QStringLiteral("GRANT CONNECT ON DATABASE %1 TO %2")
                         .arg(test::postgres().database, m_role),
                     QStringLiteral("GRANT USAGE ON SCHEMA enrich_pg TO %1").arg(m_role)}));
    const SqlDialect pg = dialect(QStringLiteral("postgresql"));
    for (const QString &schemaName : {QStringLiteral("public"), QStringLiteral("enrich_pg")}) {
        ConnectionSettings s = settings(QStringLiteral("postgresql"));
        s.connection.username = m_role;
        s.secrets.insert(QStringLiteral("password"), password);
        s.schema = schemaName;
        SourceSession session(s);
        QVERIFY2(session.open(), qPrintable(session.diagnosis().message()));
        EnrichmentWriter w(session.database(), pg, schemaName, QStringLiteral("_denied"));
        QString error;
        QVERIFY(!w.prepare(&error));
        QVERIFY2(error.contains(QStringLiteral("permission denied for schema %1").arg(schemaName)),
                 qPrintable(error));
        QVERIFY2(error.contains(QLatin1String("grant this login CREATE")), qPrintable(error));
        QVERIFY2(error.contains(QLatin1String("link another enrichment datastore")),
                 qPrintable(error));
        QVERIFY(!error.contains(QLatin1Char('\n')));
        error.clear();
        QVERIFY(!w.write(sample(1101, "d"), RemediationStrategy::Append, &error));
        QVERIFY2(error.contains(QLatin1String("permission denied")), qPrintable(error));
    }
    // Nothing of the prefix exists anywhere.
    const auto found = query(QStringLiteral("postgresql"),
                             QStringLiteral("SELECT relname FROM pg_catalog.pg_class WHERE "
                                            "relname LIKE '\\_denied%'"));
    QCOMPARE(found.size(), 0);
}

void TestEnrichmentWriter::postgresRefusedInsertRollsBack()
{
    QVERIFY2(!m_role.isEmpty(), "runs after postgresWithoutCreateIsRefused");
    const QString type = QStringLiteral("postgresql");
    QString error;
    // The owner creates the tables; the login may insert into all but _source_records.
    EnrichmentWriter owner = writer(type, QStringLiteral("_partial"));
    QVERIFY2(owner.prepare(&error), qPrintable(error));
    QVERIFY(exec(type, QStringLiteral("GRANT SELECT, INSERT ON enrich_pg._partial_scan_operations, "
                                      "enrich_pg._partial_check_metrics, "
                                      "enrich_pg._partial_failed_checks TO %1")
                           .arg(m_role)));
    ConnectionSettings s = settings(type);
    s.connection.username = m_role;
    s.secrets.insert(QStringLiteral("password"),
                     QStringLiteral("pw%1").arg(QCoreApplication::applicationPid()));
    SourceSession session(s);
    QVERIFY2(session.open(), qPrintable(session.diagnosis().message()));
    EnrichmentWriter w(session.database(), dialect(type), schema(type), QStringLiteral("_partial"));
    QVERIFY2(w.prepare(&error), qPrintable(error)); // nothing to create or add
    QVERIFY(!w.write(sample(1201, "pp"), RemediationStrategy::None, &error));
    QVERIFY2(error.contains(QLatin1String("permission denied for table _partial_source_records")),
             qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("link another enrichment datastore")), qPrintable(error));
    for (const QString &suffix : kSuffixes)
        QCOMPARE(count(type, "_partial_" + suffix), 0);
}

QTEST_GUILESS_MAIN(TestEnrichmentWriter)
#include "tst_enrichmentwriter.moc"
