// Files profiled and scanned like tables, end to end through the engine: a folder of CSV, TSV,
// JSON lines, JSON arrays and gzip files; figures checked against values computed here from
// the rows written; anomalies naming their file and line; bad files reported by file and line
// while the rest is measured; incremental scans reading only the files changed since.
#include "EngineHarness.h"
#include "Gzip.h"
#include "app/files/ByteSource.h"
#include "app/files/DuckDbDriver.h"
#include "models/catalog/Catalog.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using namespace assay;

namespace {

// One sales row, the same in every format.
struct Sale
{
    int id;
    double amount;
    QString region;
    QString day; // yyyy-MM-dd
};

QVector<Sale> sales(int from, int count)
{
    static const char *regions[] = {"north", "south", "east", "west", "centre"};
    QVector<Sale> out;
    for (int i = from; i < from + count; ++i)
        out << Sale{i, double((i * 37) % 1000) / 4.0, QLatin1String(regions[i % 5]),
                    QDate(2024, 1, 1).addDays(i % 366).toString(Qt::ISODate)};
    return out;
}

QByteArray csv(const QVector<Sale> &rows)
{
    QByteArray out = "id,amount,region,day\n";
    for (const Sale &s : rows)
        out += QStringLiteral("%1,%2,%3,%4\n")
                   .arg(s.id)
                   .arg(s.amount, 0, 'f', 2)
                   .arg(s.region, s.day)
                   .toUtf8();
    return out;
}

QByteArray jsonLines(const QVector<Sale> &rows)
{
    QByteArray out;
    for (const Sale &s : rows)
        out += QStringLiteral("{\"id\": %1, \"amount\": %2, \"region\": \"%3\", \"day\": \"%4\"}\n")
                   .arg(s.id)
                   .arg(s.amount, 0, 'f', 2)
                   .arg(s.region, s.day)
                   .toUtf8();
    return out;
}

} // namespace

class TestFiles : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QTemporaryDir m_data;
    test::EngineHarness m_harness;
    Catalog &m_catalog = m_harness.catalog;
    qint64 m_datastore = 0;

    void put(const QString &name, const QByteArray &content)
    {
        const QString path = m_data.filePath(name);
        QDir().mkpath(QFileInfo(path).path());
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
    }

    QHash<QString, FieldProfile> profilesOf(const QString &container)
    {
        QHash<QString, FieldProfile> out;
        for (const FieldProfile &p :
             m_catalog.latestFieldProfiles(m_harness.container(m_datastore, container).id))
            out.insert(p.fieldName, p);
        return out;
    }

    Operation run(const QString &type, const QStringList &containers, QJsonObject options = {})
    {
        options.insert(QStringLiteral("containers"), QJsonArray::fromStringList(containers));
        return m_harness.run(m_datastore, type, options, 120000);
    }

    static QString logOf(const Operation &op, Catalog &catalog)
    {
        QStringList lines;
        for (const OperationLogEntry &e : catalog.operationLog(op.id))
            lines << e.message;
        return lines.join(QLatin1Char('\n'));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_harness.start(m_dir.filePath(QStringLiteral("catalog.sqlite"))));
        // 3 monthly files of one globbed container, the same rows as JSON lines, a JSON array
        // and gzip.
        put(QStringLiteral("sales/sales_2024-01.csv"), csv(sales(0, 400)));
        put(QStringLiteral("sales/sales_2024-02.csv"), csv(sales(400, 300)));
        put(QStringLiteral("sales/sales_2024-03.csv"), csv(sales(700, 300)));
        put(QStringLiteral("events.jsonl"), jsonLines(sales(0, 250)));
        QByteArray array = "[\n";
        for (const QByteArray &line : jsonLines(sales(0, 50)).split('\n'))
            if (!line.isEmpty())
                array += (array.size() > 2 ? ",\n" : "") + line;
        put(QStringLiteral("array.json"), array + "\n]\n");
        put(QStringLiteral("packed.csv.gz"), test::gzip(csv(sales(0, 120))));
        put(QStringLiteral("regions.tsv"), "region\tmanager\nnorth\tAda\nsouth\t\"Bob\tJr\"\n");
        m_datastore = m_harness.datastoreFor(QStringLiteral("Files"), QStringLiteral("local"),
                                             test::Server{}, m_data.path(), QString());
        QVERIFY(m_datastore);
        const Operation sync = m_harness.run(m_datastore, operation_type::kSync, {});
        QVERIFY2(sync.status == operation_status::kSuccess, qPrintable(m_harness.describe(sync)));
    }

    void cleanupTestCase() { m_harness.stop(); }

    // Every figure Profile shows, as computed here from the rows written.
    void profileFiguresMatchTheData()
    {
        const Operation op = run(operation_type::kProfile, {QStringLiteral("sales/sales_*.csv")},
                                 {{QStringLiteral("inference_threshold"), 0}});
        QVERIFY2(op.status == operation_status::kSuccess, qPrintable(m_harness.describe(op)));
        const QVector<Sale> rows = sales(0, 1000);
        double sum = 0, min = 1e300, max = -1e300;
        QSet<QString> regions;
        for (const Sale &s : rows) {
            sum += s.amount;
            min = qMin(min, s.amount);
            max = qMax(max, s.amount);
            regions.insert(s.region);
        }
        const double mean = sum / rows.size();
        double squares = 0;
        for (const Sale &s : rows)
            squares += (s.amount - mean) * (s.amount - mean);
        const double deviation = std::sqrt(squares / (rows.size() - 1));

        const auto p = profilesOf(QStringLiteral("sales/sales_*.csv"));
        QCOMPARE(p.size(), 4);
        const FieldProfile amount = p.value(QStringLiteral("amount"));
        QCOMPARE(amount.records, qint64(1000));
        QCOMPARE(amount.completeness, 1.0);
        QCOMPARE(amount.inferredType, QStringLiteral("fractional"));
        QVERIFY(qAbs(*amount.mean - mean) < 1e-9);
        QVERIFY(qAbs(*amount.sum - sum) < 1e-6);
        QVERIFY2(qAbs(*amount.stdDev - deviation) < 1e-6,
                 qPrintable(QString::number(*amount.stdDev)));
        QCOMPARE(amount.minValue.toDouble(), min);
        QCOMPARE(amount.maxValue.toDouble(), max);
        const FieldProfile id = p.value(QStringLiteral("id"));
        QCOMPARE(id.minValue, QStringLiteral("0"));
        QCOMPARE(id.maxValue, QStringLiteral("999"));
        QCOMPARE(id.distinctValues, qint64(1000)); // every record read (pass 2 under its sample)
        const FieldProfile region = p.value(QStringLiteral("region"));
        QCOMPARE(region.distinctValues, qint64(regions.size()));
        QCOMPARE(region.minLength, std::optional<qint64>(4));
        QCOMPARE(region.maxLength, std::optional<qint64>(6));
        QCOMPARE(region.histogram.size(), 5);
        QCOMPARE(region.histogram.at(0).toObject().value(QStringLiteral("count")).toInt(), 200);
        const FieldProfile day = p.value(QStringLiteral("day"));
        QCOMPARE(day.inferredType, QStringLiteral("date"));
        QCOMPARE(day.minValue, QStringLiteral("2024-01-01"));
        QCOMPARE(day.maxValue, QStringLiteral("2024-12-31"));
        // The files were the container's partitions: the result says how many were read.
        const QJsonObject figures = op.result.value(QStringLiteral("containers"))
                                        .toObject()
                                        .value(QStringLiteral("sales/sales_*.csv"))
                                        .toObject();
        QCOMPARE(figures.value(QStringLiteral("files"))
                     .toObject()
                     .value(QStringLiteral("files"))
                     .toInt(),
                 3);
    }

    // JSON lines, a JSON array, gzip and TSV give the same figures as the CSV of the same rows.
    void everyFormatMeasuresTheSameRows()
    {
        const Operation op = run(operation_type::kProfile,
                                 {QStringLiteral("events.jsonl"), QStringLiteral("array.json"),
                                  QStringLiteral("packed.csv.gz"), QStringLiteral("regions.tsv")},
                                 {{QStringLiteral("inference_threshold"), 0}});
        QVERIFY2(op.status == operation_status::kSuccess, qPrintable(m_harness.describe(op)));
        for (const auto &[name, count] : {std::pair{QStringLiteral("events.jsonl"), 250},
                                          std::pair{QStringLiteral("array.json"), 50},
                                          std::pair{QStringLiteral("packed.csv.gz"), 120}}) {
            const QVector<Sale> rows = sales(0, count);
            double sum = 0;
            for (const Sale &s : rows)
                sum += s.amount;
            const auto p = profilesOf(name);
            QCOMPARE(p.value(QStringLiteral("id")).records, qint64(count));
            QVERIFY2(qAbs(*p.value(QStringLiteral("amount")).sum - sum) < 1e-6, qPrintable(name));
            QCOMPARE(p.value(QStringLiteral("region")).distinctValues, qint64(qMin(count, 5)));
        }
        const auto tsv = profilesOf(QStringLiteral("regions.tsv"));
        QCOMPARE(tsv.value(QStringLiteral("manager")).maxValue, QStringLiteral("Bob\tJr"));
    }

    // Bad files never stop the operation: each problem is named by file and line, the rest of
    // the container is measured.
    void badFilesAreReportedByFileAndLine()
    {
        // UTF-8 (its é says so) with a stray invalid byte on line 5.
        QByteArray text =
            "id,amount,note\n1,10,d\xc3\xa9j\xc3\xa0 vu\n2,20\n3,30,ok\n4,40,caf\xff\n";
        text += "5,50," + QByteArray(17 * 1024 * 1024, 'z') + "\n"; // a single huge line
        text += "6,60,last\n";
        put(QStringLiteral("bad/bad_1.csv"), text);
        put(QStringLiteral("bad/bad_2.csv"), ""); // empty
        put(QStringLiteral("bad/bad_3.csv"), QByteArray("\x00\x01\x02\xfe\xff", 5) + "\n");
        // An amount that is no integer, in a file Sync did not read to type the fields.
        put(QStringLiteral("bad/bad_4.csv"), "id,amount,note\n7,70,fine\n8,x80,odd\n");
        const Operation sync = m_harness.run(m_datastore, operation_type::kSync, {});
        QVERIFY2(sync.status != operation_status::kFailure, qPrintable(m_harness.describe(sync)));
        const Container bad = m_harness.container(m_datastore, QStringLiteral("bad/bad_*.csv"));
        QVERIFY(bad.id);

        const Operation op =
            run(operation_type::kProfile, {bad.name}, {{QStringLiteral("inference_threshold"), 0}});
        QCOMPARE(op.status, operation_status::kWarning);
        const QString log = logOf(op, m_catalog);
        for (const char *expected :
             {"bad_1.csv, line 3: the record has 2 fields",
              "bad_1.csv, line 5, column note: "
              "invalid UTF-8",
              "bad_1.csv, line 6: the record is longer than 16 MB", "bad_2.csv: the file is empty",
              "column amount: 1 values are not of this type"})
            QVERIFY2(log.contains(QLatin1String(expected)), qPrintable(expected + ("\n" + log)));
        const auto p = profilesOf(bad.name);
        // Records 1, 2, 3, 4, 6 of bad_1, 7 and 8 of bad_4 (bad_3's one line of junk is read
        // as its header).
        QCOMPARE(p.value(QStringLiteral("id")).records, qint64(7));
        QVERIFY2(p.value(QStringLiteral("amount"))
                     .note.contains(QStringLiteral("“x80” in bad/bad_4.csv, line 3")),
                 qPrintable(p.value(QStringLiteral("amount")).note));
        QCOMPARE(p.value(QStringLiteral("amount")).maxValue, QStringLiteral("70"));
    }

    // Parquet, read by the file engine's own reader of it: typed columns, rows numbered.
    void parquetFiles()
    {
        QVERIFY(registerDuckDbDriver());
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QDUCKDB"), "writer");
            db.setDatabaseName(QStringLiteral(":memory:"));
            QVERIFY(db.open());
            QSqlQuery q(db);
            QDir().mkpath(m_data.filePath(QStringLiteral("pq")));
            for (int part = 1; part <= 2; ++part)
                QVERIFY2(
                    q.exec(
                        QStringLiteral(
                            "COPY (SELECT range AS id, 'n' || range AS name, "
                            "CAST(range * 1.5 AS DECIMAL(10,2)) AS amount, DATE '2024-01-01' "
                            "+ CAST(range AS INTEGER) AS day FROM range(%1, %2)) TO '%3' "
                            "(FORMAT parquet)")
                            .arg((part - 1) * 500)
                            .arg(part * 500)
                            .arg(m_data.filePath(QStringLiteral("pq/part_%1.parquet").arg(part)))),
                    qPrintable(q.lastError().text()));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("writer"));
        const Operation sync = m_harness.run(m_datastore, operation_type::kSync, {});
        QVERIFY2(sync.status != operation_status::kFailure, qPrintable(m_harness.describe(sync)));
        const Container pq = m_harness.container(m_datastore, QStringLiteral("pq/part_*.parquet"));
        QVERIFY(pq.id);
        QHash<QString, QString> types;
        for (const Field &f : m_catalog.fields(pq.id))
            types.insert(f.name, f.declaredType);
        QCOMPARE(types.value(QStringLiteral("id")), QStringLiteral("BIGINT"));
        QCOMPARE(types.value(QStringLiteral("amount")), QStringLiteral("DECIMAL(10,2)"));

        const Operation op =
            run(operation_type::kProfile, {pq.name}, {{QStringLiteral("inference_threshold"), 0}});
        QVERIFY2(op.status == operation_status::kSuccess, qPrintable(m_harness.describe(op)));
        const auto p = profilesOf(pq.name);
        QCOMPARE(p.value(QStringLiteral("id")).records, qint64(1000));
        QCOMPARE(p.value(QStringLiteral("id")).maxValue, QStringLiteral("999"));
        QVERIFY(qAbs(*p.value(QStringLiteral("amount")).mean - 749.25) < 1e-9);
        QCOMPARE(p.value(QStringLiteral("day")).maxValue, QStringLiteral("2026-09-26"));

        Check below;
        below.rule = QStringLiteral("lessThan");
        below.fields = {QStringLiteral("id")};
        below.properties = {{QStringLiteral("value"), 998}};
        QVERIFY(m_harness.addCheck(below, pq));
        const Operation scan = run(operation_type::kScan, {pq.name});
        QVERIFY2(scan.status == operation_status::kSuccess, qPrintable(m_harness.describe(scan)));
        AnomalyQuery query;
        query.containerId = pq.id;
        const QList<Anomaly> found = m_catalog.anomalies(query);
        QCOMPARE(found.size(), 2);
        for (const Anomaly &listed : found) {
            const QJsonObject row = m_catalog.anomaly(listed.id)->sourceRecords.at(0).toObject();
            QCOMPARE(row.value(QStringLiteral("_file")).toString(),
                     QStringLiteral("pq/part_2.parquet"));
            QCOMPARE(row.value(QStringLiteral("_line")).toInt(),
                     row.value(QStringLiteral("id")).toInt() - 500 + 1);
        }
    }

    // A scan's anomalies name the file and line of each failing record; an incremental scan
    // reads only the files changed since the last one.
    void scanNamesFileAndLineAndReadsOnlyChangedFiles()
    {
        const Container sales =
            m_harness.container(m_datastore, QStringLiteral("sales/sales_*.csv"));
        Check between;
        between.rule = QStringLiteral("between");
        between.fields = {QStringLiteral("id")};
        between.properties = {{QStringLiteral("min"), 0}, {QStringLiteral("max"), 997}};
        QVERIFY(m_harness.addCheck(between, sales));
        const Operation full = run(operation_type::kScan, {sales.name});
        QVERIFY2(full.status == operation_status::kSuccess, qPrintable(m_harness.describe(full)));
        AnomalyQuery query;
        query.containerId = sales.id;
        QList<Anomaly> found = m_catalog.anomalies(query);
        QCOMPARE(found.size(), 2); // ids 998 and 999, the last two rows of the March file
        for (const Anomaly &listed : found) {
            const Anomaly a = *m_catalog.anomaly(listed.id);
            QCOMPARE(a.partition, QStringLiteral("sales/sales_2024-03.csv"));
            const QJsonObject row = a.sourceRecords.at(0).toObject();
            QCOMPARE(row.value(QStringLiteral("_file")).toString(), a.partition);
            // Line = header + position in the file: id 998 is the file's 299th record.
            QCOMPARE(row.value(QStringLiteral("_line")).toInt(),
                     row.value(QStringLiteral("id")).toInt() - 700 + 2);
        }

        // Incremental: the first run reads everything and remembers the newest file time...
        const Operation first =
            run(operation_type::kScan, {sales.name}, {{QStringLiteral("incremental"), true}});
        QCOMPARE(first.counters.value(QStringLiteral("records_scanned")).toInt(), 1000);
        // ...the next reads nothing, until one file changes: then that file only.
        const Operation nothing =
            run(operation_type::kScan, {sales.name}, {{QStringLiteral("incremental"), true}});
        QCOMPARE(nothing.counters.value(QStringLiteral("records_scanned")).toInt(), 0);
        QFile feb(m_data.filePath(QStringLiteral("sales/sales_2024-02.csv")));
        QVERIFY(feb.open(QIODevice::ReadWrite));
        QVERIFY(feb.setFileTime(QDateTime::currentDateTimeUtc().addSecs(3600),
                                QFileDevice::FileModificationTime));
        feb.close();
        const Operation changed =
            run(operation_type::kScan, {sales.name}, {{QStringLiteral("incremental"), true}});
        QCOMPARE(changed.counters.value(QStringLiteral("records_scanned")).toInt(), 300);
    }
};

QTEST_GUILESS_MAIN(TestFiles)
#include "tst_files.moc"
