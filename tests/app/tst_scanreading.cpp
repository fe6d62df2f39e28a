#include "ScanTestSupport.h"

#include <QFile>
#include <QJsonDocument>

using namespace assay;
using namespace scan_test;

// What a scan reads and how it reports it, end to end through the engine on real SQLite,
// PostgreSQL and MariaDB sources, every figure computed here: starting thresholds (full and
// incremental scans), high-water marks, check categories, the default rollup, example rows
// bounded by the SQL LIMIT, containsUrl and unique counts, and a read-only enrichment target.
class TestScanReading : public QObject, public ScanFixture
{
    Q_OBJECT

private:
    static QDateTime hour(int i)
    {
        return QDateTime(QDate(2024, 1, 1), QTime(0, 0), Qt::UTC).addSecs(3600LL * i);
    }
    static bool valueMissing(int id) { return id % 4 == 0; }

    // Rows (id, ts = hour(id), v) of `ids`, v NULL where valueMissing(id).
    bool addEvents(const QString &name, const QList<int> &ids)
    {
        QList<QVariantList> rows;
        for (int id : ids)
            rows << QVariantList{id, timeText(hour(id)), valueMissing(id) ? QVariant() : id};
        return insertRows(name, rows);
    }
    bool createEvents(const QString &name)
    {
        return createTable(name,
                           {integerColumn(QStringLiteral("id")), timeColumn(QStringLiteral("ts")),
                            integerColumn(QStringLiteral("v"))});
    }
    static QList<int> range(int from, int to)
    {
        QList<int> out;
        for (int i = from; i <= to; ++i)
            out << i;
        return out;
    }
    // Of `ids`, (rows read, rows without v) when reading the rows with `readable(id)`.
    static QPair<qint64, qint64> expectedRead(const QList<int> &ids,
                                              const std::function<bool(int)> &readable)
    {
        qint64 read = 0, failing = 0;
        for (int id : ids) {
            if (!readable(id))
                continue;
            ++read;
            failing += valueMissing(id) ? 1 : 0;
        }
        return {read, failing};
    }
    void verifyRead(const Operation &op, qint64 checkId, const QPair<qint64, qint64> &want)
    {
        QVERIFY2(op.status == operation_status::kSuccess, qPrintable(m_harness.describe(op)));
        const CheckMetric m = metric(op.id, checkId);
        QCOMPARE(m.assertedRecords, want.first);
        QCOMPARE(m.anomalousRecords, want.second);
    }

private slots:
    void initTestCase() { startFixture(); }
    void cleanupTestCase() { m_harness.stop(); }

    // A full scan with a starting threshold reads only the rows past it: greater_than_time for
    // a timestamp field, greater_than_batch for a batch field.
    void startingThresholdAppliesToFullScans_data() { backends(); }
    void startingThresholdAppliesToFullScans()
    {
        QFETCH(QString, type);
        newSource(type);
        QVERIFY(createEvents(QStringLiteral("events")) && createEvents(QStringLiteral("batches")));
        const QList<int> ids = range(1, 20);
        QVERIFY(addEvents(QStringLiteral("events"), ids));
        QVERIFY(addEvents(QStringLiteral("batches"), ids));
        const Container events = synced(QStringLiteral("events"));
        const Container batches = m_harness.container(m_ds, QStringLiteral("batches"));
        QVERIFY(setIncremental(events, QStringLiteral("ts"), QStringLiteral("last-modified")));
        QVERIFY(setIncremental(batches, QStringLiteral("id"), QStringLiteral("batch-value")));
        const qint64 onEvents = add(check("notNull", {"v"}), events);
        const qint64 onBatches = add(check("notNull", {"v"}), batches);

        const QDateTime after = hour(10);
        const Operation op =
            scan({{"greater_than_time", after.toString(Qt::ISODate)}, {"greater_than_batch", 15}});
        const auto byTime = expectedRead(ids, [&](int id) { return hour(id) > after; });
        const auto byBatch = expectedRead(ids, [](int id) { return id > 15; });
        verifyRead(op, onEvents, byTime);
        verifyRead(op, onBatches, byBatch);
        QCOMPARE(qint64(op.counters.value(QStringLiteral("records_scanned")).toDouble()),
                 byTime.first + byBatch.first);
        QVERIFY(byTime.first == 10 && byBatch.first == 5); // the data is what this test means
    }

    // Incremental on a timestamp field: the second run reads only the rows newer than the
    // saved mark (a late row with an old time is not read); with a starting threshold too,
    // the rows past the larger of the two.
    void incrementalReadsPastTheMarkAndThreshold_data() { backends(); }
    void incrementalReadsPastTheMarkAndThreshold()
    {
        QFETCH(QString, type);
        newSource(type);
        QVERIFY(createEvents(QStringLiteral("events")));
        QList<int> ids = range(1, 20);
        QVERIFY(addEvents(QStringLiteral("events"), ids));
        const Container events = synced(QStringLiteral("events"));
        QVERIFY(setIncremental(events, QStringLiteral("ts"), QStringLiteral("last-modified")));
        const qint64 notNull = add(check("notNull", {"v"}), events);
        const QJsonObject incremental{{"incremental", true}};

        verifyRead(scan(incremental), notNull, expectedRead(ids, [](int) { return true; }));
        QVERIFY(!m_catalog.scanHighWaterMark(events.id).isEmpty());
        QVERIFY(addEvents(QStringLiteral("events"), range(21, 24)));
        QVERIFY(insertRows(QStringLiteral("events"), {{100, timeText(hour(3)), QVariant()}}));
        verifyRead(scan(incremental), notNull,
                   expectedRead(range(21, 24), [](int) { return true; }));

        // The threshold is older than the mark (hour 24): the mark wins.
        QVERIFY(addEvents(QStringLiteral("events"), range(25, 30)));
        QJsonObject withThreshold = incremental;
        withThreshold.insert(QStringLiteral("greater_than_time"), hour(5).toString(Qt::ISODate));
        const auto pastMark = expectedRead(range(1, 30), [](int id) { return id > 24; });
        verifyRead(scan(withThreshold), notNull, pastMark);
        QCOMPARE(pastMark.first, qint64(6));
        // The threshold is newer than the mark (hour 30): the threshold wins.
        QVERIFY(addEvents(QStringLiteral("events"), range(31, 34)));
        withThreshold.insert(QStringLiteral("greater_than_time"), hour(31).toString(Qt::ISODate));
        const auto pastThreshold = expectedRead(range(1, 34), [](int id) { return id > 31; });
        verifyRead(scan(withThreshold), notNull, pastThreshold);
        QCOMPARE(pastThreshold.first, qint64(3));
    }

    // A container without an incremental field is read whole by every incremental scan.
    void incrementalWithoutFieldReadsEverything()
    {
        newSource(QStringLiteral("sqlite"));
        QVERIFY(createTable(QStringLiteral("plain"), {textColumn(QStringLiteral("code")),
                                                      integerColumn(QStringLiteral("v"))}));
        QVERIFY(insertRows(QStringLiteral("plain"),
                           {{"a", 1}, {"b", QVariant()}, {"c", 3}, {"d", QVariant()}, {"e", 5}}));
        const Container plain = synced(QStringLiteral("plain"));
        QVERIFY(setIncremental(plain, QString(), QString()));
        const qint64 notNull = add(check("notNull", {"v"}), plain);
        for (int run = 0; run < 2; ++run) {
            const Operation op = scan({{"incremental", true}});
            verifyRead(op, notNull, {5, 2});
            QCOMPARE(op.counters.value(QStringLiteral("records_scanned")).toInt(), 5);
            const QJsonObject figures = op.result.value(QStringLiteral("containers"))
                                            .toObject()
                                            .value(QStringLiteral("plain"))
                                            .toObject();
            QCOMPARE(figures.value(QStringLiteral("incremental")).toBool(true), false);
            QVERIFY(m_catalog.scanHighWaterMark(plain.id).isEmpty());
        }
    }

    // Metadata rules (fieldCount, minPartitionSize, expectedSchema) run under `metadata` only;
    // the others under `data_integrity` only.
    void checkCategoriesChooseTheRules()
    {
        newSource(QStringLiteral("sqlite"));
        QVERIFY(createTable(QStringLiteral("t"), {integerColumn(QStringLiteral("id")),
                                                  integerColumn(QStringLiteral("v"))}));
        QVERIFY(insertRows(QStringLiteral("t"), {{1, 1}, {2, QVariant()}, {3, 3}}));
        const Container t = synced(QStringLiteral("t"));
        const qint64 fieldCount = add(check("fieldCount", {}, {{"value", 9}}), t);
        const qint64 partition = add(check("minPartitionSize", {}, {{"value", 1000}}), t);
        const qint64 schema = add(check("expectedSchema", {"id", "v"}), t);
        const qint64 notNull = add(check("notNull", {"v"}), t);
        const auto measured = [&](const Operation &op) {
            QSet<qint64> ids;
            for (const CheckMetric &m : m_catalog.checkMetrics(op.id))
                ids << m.checkId;
            return ids;
        };

        const Operation integrity =
            scan({{"check_categories", QJsonArray{QStringLiteral("data_integrity")}}});
        QVERIFY2(integrity.status == operation_status::kSuccess, qPrintable(integrity.message));
        QCOMPARE(measured(integrity), QSet<qint64>{notNull});
        QCOMPARE(rowIds(ofOperation(integrity.id)), QSet<int>{2});

        const Operation metadata =
            scan({{"check_categories", QJsonArray{QStringLiteral("metadata")}}});
        QVERIFY2(metadata.status == operation_status::kSuccess, qPrintable(metadata.message));
        QCOMPARE(measured(metadata), (QSet<qint64>{fieldCount, partition, schema}));
        QCOMPARE(metric(metadata.id, schema).result, QStringLiteral("passed"));
        QCOMPARE(ofOperation(metadata.id, fieldCount).size(), 1);
        QCOMPARE(ofOperation(metadata.id, partition).size(), 1);
        QCOMPARE(ofOperation(metadata.id).size(), 2);
    }

    // With no enrichment link and no options: 10 record anomalies at most per check, then one
    // rolled-up anomaly with 10 example rows.
    void defaultRollupIsTenWithoutEnrichment_data() { backends(); }
    void defaultRollupIsTenWithoutEnrichment()
    {
        QFETCH(QString, type);
        newSource(type);
        QVERIFY(createTable(QStringLiteral("t"), {integerColumn(QStringLiteral("id")),
                                                  integerColumn(QStringLiteral("a")),
                                                  integerColumn(QStringLiteral("b"))}));
        QList<QVariantList> rows;
        for (int i = 1; i <= 25; ++i)
            rows << QVariantList{i, i <= 10 ? QVariant() : i, i <= 11 ? QVariant() : i};
        QVERIFY(insertRows(QStringLiteral("t"), rows));
        const Container t = synced(QStringLiteral("t"));
        QCOMPARE(m_catalog.datastore(m_ds)->enrichment.enrichmentDatastoreId, qint64(0));
        const qint64 tenFail = add(check("notNull", {"a"}), t);
        const qint64 elevenFail = add(check("notNull", {"b"}), t);

        const Operation op = scan();
        QVERIFY2(op.status == operation_status::kSuccess, qPrintable(op.message));
        QCOMPARE(op.options.value(QStringLiteral("high_count_rollup_threshold")).toInt(), 10);
        QCOMPARE(op.options.value(QStringLiteral("enrichment_source_record_limit")).toInt(), 10);
        const QList<Anomaly> records = ofOperation(op.id, tenFail);
        QCOMPARE(records.size(), 10);
        const QList<int> firstTen = range(1, 10);
        QCOMPARE(rowIds(records), QSet<int>(firstTen.begin(), firstTen.end()));
        const QList<Anomaly> rolled = ofOperation(op.id, elevenFail);
        QCOMPARE(rolled.size(), 1);
        const Anomaly shape = *m_catalog.anomaly(rolled.first().id);
        QCOMPARE(shape.type, QStringLiteral("shape"));
        QCOMPARE(shape.anomalousRecordCount, qint64(11));
        QCOMPARE(shape.sourceRecords.size(), 10);
    }

    // Example rows come from one query per failing check, bounded by its LIMIT: the rows the
    // database returns are all kept (nothing is cut in C++), so a missing LIMIT would show.
    void examplesAreBoundedBySqlLimit_data() { backends(); }
    void examplesAreBoundedBySqlLimit()
    {
        QFETCH(QString, type);
        newSource(type);
        QVERIFY(
            createTable(QStringLiteral("t"),
                        {integerColumn(QStringLiteral("id")), integerColumn(QStringLiteral("a")),
                         integerColumn(QStringLiteral("b")), integerColumn(QStringLiteral("c"))}));
        QList<QVariantList> rows;
        qint64 aMissing = 0, bMissing = 0;
        for (int i = 1; i <= 40; ++i) {
            const bool a = i % 4 != 0, b = i % 10 == 0;
            aMissing += a ? 1 : 0;
            bMissing += b ? 1 : 0;
            rows << QVariantList{i, a ? QVariant() : i, b ? QVariant() : i, i};
        }
        QVERIFY(insertRows(QStringLiteral("t"), rows));
        const Container t = synced(QStringLiteral("t"));
        const qint64 many = add(check("notNull", {"a"}), t);
        const qint64 few = add(check("notNull", {"b"}), t);
        add(check("notNull", {"c"}), t); // passes: no example query

        const Operation op =
            scan({{"high_count_rollup_threshold", 5}, {"enrichment_source_record_limit", 3}});
        QVERIFY2(op.status == operation_status::kSuccess, qPrintable(op.message));
        // The live columns, the one aggregate pass, one example query per failing check.
        QCOMPARE(op.counters.value(QStringLiteral("queries")).toInt(), 1 + 1 + 2);
        QCOMPARE(op.counters.value(QStringLiteral("table_passes")).toInt(), 1);
        const QList<Anomaly> rolled = ofOperation(op.id, many);
        QCOMPARE(rolled.size(), 1);
        const Anomaly shape = *m_catalog.anomaly(rolled.first().id);
        QCOMPARE(shape.anomalousRecordCount, aMissing);
        QCOMPARE(shape.sourceRecords.size(), 3);
        for (int id : rowIds(rolled))
            QVERIFY(id % 4 != 0);
        const QList<Anomaly> records = ofOperation(op.id, few);
        QCOMPARE(qint64(records.size()), bMissing);
        QCOMPARE(rowIds(records), (QSet<int>{10, 20, 30, 40}));
    }

    // Checks that need every one of their few failing records share ONE read of the rows
    // failing any of them (instead of a whole-table read each); a check with more failures than
    // it keeps stops at its own LIMIT. Each check still gets exactly its own records.
    void fewFailuresShareOneRead_data() { backends(); }
    void fewFailuresShareOneRead()
    {
        QFETCH(QString, type);
        newSource(type);
        QVERIFY(
            createTable(QStringLiteral("f"),
                        {integerColumn(QStringLiteral("id")), integerColumn(QStringLiteral("a")),
                         integerColumn(QStringLiteral("b")), integerColumn(QStringLiteral("c"))}));
        QList<QVariantList> rows;
        QSet<int> aNull, bOut, cNull;
        for (int i = 1; i <= 60; ++i) {
            const bool a = i % 20 == 0, b = i == 7 || i == 41, c = i % 2 == 0;
            if (a)
                aNull << i;
            if (b)
                bOut << i;
            if (c)
                cNull << i;
            rows << QVariantList{i, a ? QVariant() : i, b ? 500 : i, c ? QVariant() : i};
        }
        QVERIFY(insertRows(QStringLiteral("f"), rows));
        const Container f = synced(QStringLiteral("f"));
        const qint64 few = add(check("notNull", {"a"}), f);
        const qint64 outside = add(check("between", {"b"}, {{"min", 0}, {"max", 100}}), f);
        const qint64 many = add(check("notNull", {"c"}), f);

        const Operation op = scan({{"high_count_rollup_threshold", 10}});
        QVERIFY2(op.status == operation_status::kSuccess, qPrintable(m_harness.describe(op)));
        // The live columns, the one pass, the shared read of the two, the LIMIT read of the third.
        QCOMPARE(op.counters.value(QStringLiteral("queries")).toInt(), 4);
        QCOMPARE(rowIds(ofOperation(op.id, few)), aNull);
        QCOMPARE(rowIds(ofOperation(op.id, outside)), bOut);
        const QList<Anomaly> rolled = ofOperation(op.id, many);
        QCOMPARE(rolled.size(), 1);
        for (const int id : rowIds(rolled))
            QVERIFY(cNull.contains(id));
    }

    void containsUrlInTheEngine_data() { backends(); }
    void containsUrlInTheEngine()
    {
        QFETCH(QString, type);
        newSource(type);
        // Each value and whether it holds a URL (scheme://host), decided here by hand.
        const QList<QPair<QVariant, bool>> values{
            {QStringLiteral("http://example.com"), true},
            {QStringLiteral("see https://docs.example.org/page for more"), true},
            {QStringLiteral("ftp://files.example.net/x.csv"), true},
            {QStringLiteral("HTTPS://UPPER.EXAMPLE.COM"), true},
            {QStringLiteral("no link here"), false},
            {QStringLiteral("www.example.com"), false},
            {QStringLiteral("http:/broken.example.com"), false},
            {QStringLiteral("mailto:someone@example.com"), false},
            {QStringLiteral("https://"), false},
            {QVariant(), false}, // null: not asserted
        };
        QVERIFY(createTable(QStringLiteral("links"), {integerColumn(QStringLiteral("id")),
                                                      textColumn(QStringLiteral("url"))}));
        QList<QVariantList> rows;
        QSet<int> failing;
        for (int i = 0; i < values.size(); ++i) {
            rows << QVariantList{i + 1, values.at(i).first};
            if (!values.at(i).first.isNull() && !values.at(i).second)
                failing << i + 1;
        }
        QVERIFY(insertRows(QStringLiteral("links"), rows));
        const qint64 url = add(check("containsUrl", {"url"}), synced(QStringLiteral("links")));
        const Operation op = scan();
        QVERIFY2(op.status == operation_status::kSuccess, qPrintable(m_harness.describe(op)));
        const CheckMetric m = metric(op.id, url);
        QCOMPARE(m.assertedRecords, qint64(values.size() - 1));
        QCOMPARE(m.anomalousRecords, qint64(failing.size()));
        QCOMPARE(rowIds(ofOperation(op.id, url)), failing);
    }

    // unique: every record whose value repeats fails; the anomaly count equals that count.
    void uniqueCountsEveryRepeatedRecord_data() { backends(); }
    void uniqueCountsEveryRepeatedRecord()
    {
        QFETCH(QString, type);
        newSource(type);
        const QList<QVariant> codes{"a", "a", "b", "c", "c", "c", "d", QVariant(), QVariant(), "e"};
        QVERIFY(createTable(QStringLiteral("codes"), {integerColumn(QStringLiteral("id")),
                                                      textColumn(QStringLiteral("code"))}));
        QList<QVariantList> rows;
        QHash<QString, int> seen;
        for (int i = 0; i < codes.size(); ++i) {
            rows << QVariantList{i + 1, codes.at(i)};
            if (!codes.at(i).isNull())
                ++seen[codes.at(i).toString()];
        }
        QSet<int> repeated;
        for (int i = 0; i < codes.size(); ++i)
            if (!codes.at(i).isNull() && seen.value(codes.at(i).toString()) > 1)
                repeated << i + 1;
        QVERIFY(insertRows(QStringLiteral("codes"), rows));
        const qint64 unique = add(check("unique", {"code"}), synced(QStringLiteral("codes")));
        const Operation op = scan();
        QVERIFY2(op.status == operation_status::kSuccess, qPrintable(m_harness.describe(op)));
        const CheckMetric m = metric(op.id, unique);
        QCOMPARE(m.assertedRecords, qint64(8));
        QCOMPARE(m.anomalousRecords, qint64(repeated.size()));
        const QList<Anomaly> found = ofOperation(op.id, unique);
        QCOMPARE(found.size(), repeated.size());
        QCOMPARE(rowIds(found), repeated);
    }

    // Checks the schema guarantees: Sync records the keys (a prefix or partial unique index as
    // not trusted, and why); Scan reads the table's constraints again and answers unique and
    // notNull checks a key, a unique index or NOT NULL implies without reading their values
    // (one pass for the whole table, only the untrusted index's check reading its own). A
    // unique index dropped after the sync is not trusted: its check reads the table and finds
    // the duplicate.
    void constraintsGuaranteeChecks_data() { backends(); }
    void constraintsGuaranteeChecks()
    {
        QFETCH(QString, type);
        newSource(type);
        const bool mariadb = type == QLatin1String("mariadb");
        const QString keyed = table(QStringLiteral("keyed"));
        QVERIFY(exec(QStringLiteral("CREATE TABLE %1 (id INTEGER PRIMARY KEY, code VARCHAR(20), "
                                    "name VARCHAR(20) NOT NULL, note VARCHAR(20), tag "
                                    "VARCHAR(20))")
                         .arg(keyed)));
        QVERIFY(exec(QStringLiteral("CREATE UNIQUE INDEX keyed_code ON %1 (code)").arg(keyed)));
        QVERIFY(exec(mariadb
                         ? QStringLiteral("CREATE UNIQUE INDEX keyed_tag ON %1 (tag(2))").arg(keyed)
                         : QStringLiteral("CREATE UNIQUE INDEX keyed_tag ON %1 (tag) WHERE "
                                          "tag <> 'zz'")
                               .arg(keyed)));
        QVERIFY(insertRows(QStringLiteral("keyed"), {{1, "a", "n1", QVariant(), "aa1"},
                                                     {2, QVariant(), "n2", "x", "ab2"},
                                                     {3, QVariant(), "n3", "y", "ac3"},
                                                     {4, "b", "n4", QVariant(), "ad4"}}));
        const Container c = synced(QStringLiteral("keyed"));
        QHash<QString, QJsonObject> recorded;
        for (const QJsonValue &v : c.settings.value(QStringLiteral("source"))
                                       .toObject()
                                       .value(QStringLiteral("constraints"))
                                       .toArray())
            recorded.insert(
                v.toObject().value(QStringLiteral("type")).toString() + u':' +
                    v.toObject().value(QStringLiteral("fields")).toArray().at(0).toString(),
                v.toObject());
        QVERIFY2(recorded.value(QStringLiteral("primary key:id"))
                     .value(QStringLiteral("enforced"))
                     .toBool(),
                 qPrintable(QJsonDocument(c.settings).toJson()));
        QCOMPARE(
            recorded.value(QStringLiteral("unique:code")).value(QStringLiteral("name")).toString(),
            QStringLiteral("keyed_code"));
        QVERIFY(recorded.value(QStringLiteral("unique:code"))
                    .value(QStringLiteral("enforced"))
                    .toBool());
        const QJsonObject tag = recorded.value(QStringLiteral("unique:tag"));
        QVERIFY(!tag.isEmpty() && !tag.value(QStringLiteral("enforced")).toBool());
        QVERIFY(!tag.value(QStringLiteral("note")).toString().isEmpty());

        const qint64 uniqueId = add(check("unique", {"id"}), c);
        const qint64 uniqueCode = add(check("unique", {"code"}), c);
        const qint64 notNullName = add(check("notNull", {"name"}), c);
        const qint64 notNullNote = add(check("notNull", {"note"}), c);
        const qint64 uniqueTag = add(check("unique", {"tag"}), c);
        const qint64 uniqueWider = add(check("unique", {"note", "id"}), c);
        Operation op = scan();
        QVERIFY2(op.status == operation_status::kSuccess, qPrintable(m_harness.describe(op)));
        const auto verify = [&](qint64 checkId, qint64 asserted, qint64 failing,
                                const QString &by) {
            const CheckMetric m = metric(op.id, checkId);
            QCOMPARE(m.assertedRecords, asserted);
            QCOMPARE(m.anomalousRecords, failing);
            QCOMPARE(m.result, failing ? QStringLiteral("failed") : QStringLiteral("passed"));
            if (by.isEmpty())
                QVERIFY2(m.details.isEmpty(), qPrintable(m.details));
            else
                QVERIFY2(m.details.startsWith(QStringLiteral("Guaranteed by ") + by),
                         qPrintable(m.details));
        };
        verify(uniqueId, 4, 0, QStringLiteral("primary key"));
        verify(uniqueCode, 2, 0, QStringLiteral("unique constraint “keyed_code”"));
        verify(notNullName, 4, 0, QStringLiteral("NOT NULL on “name”"));
        verify(notNullNote, 4, 2, QString());
        verify(uniqueTag, 4, 0, QString());
        verify(uniqueWider, 2, 0, QStringLiteral("primary key"));
        QCOMPARE(op.counters.value(QStringLiteral("checks_guaranteed")).toInt(), 4);
        // The count pass, and the grouped pass of the one unique check no key answers.
        QCOMPARE(op.counters.value(QStringLiteral("table_passes")).toInt(), 2);

        QVERIFY(exec(
            mariadb ? QStringLiteral("DROP INDEX keyed_code ON %1").arg(keyed)
                    : QStringLiteral("DROP INDEX %1").arg(table(QStringLiteral("keyed_code")))));
        QVERIFY(insertRows(QStringLiteral("keyed"), {{5, "a", "n5", QVariant(), "ae5"}}));
        op = scan();
        QVERIFY2(op.status == operation_status::kSuccess, qPrintable(m_harness.describe(op)));
        verify(uniqueCode, 3, 2, QString());
        verify(uniqueId, 5, 0, QStringLiteral("primary key"));
        QCOMPARE(op.counters.value(QStringLiteral("checks_guaranteed")).toInt(), 3);
    }

    // PostgreSQL's validated CHECKs of the simple shapes answer notNegative, positive and
    // notNull; one added NOT VALID (rows from before it were never checked) answers nothing,
    // and its check finds the row that breaks it.
    void postgresChecksGuarantee()
    {
        newSource(QStringLiteral("postgresql"));
        const QString t = table(QStringLiteral("guarded"));
        QVERIFY(exec(QStringLiteral("CREATE TABLE %1 (id integer, amount integer CHECK (amount >= "
                                    "0), price numeric(8,2) CONSTRAINT price_positive CHECK "
                                    "(price > 0), note text CHECK (note IS NOT NULL), qty "
                                    "integer)")
                         .arg(t)));
        QVERIFY(insertRows(QStringLiteral("guarded"),
                           {{1, 0, 2.5, "a", 3}, {2, 5, 1, "b", -1}, {3, QVariant(), 9, "c", 4}}));
        QVERIFY(exec(QStringLiteral("ALTER TABLE %1 ADD CONSTRAINT qty_positive CHECK (qty > 0) "
                                    "NOT VALID")
                         .arg(t)));
        const Container c = synced(QStringLiteral("guarded"));
        const qint64 amountNotNegative = add(check("notNegative", {"amount"}), c);
        const qint64 amountPositive = add(check("positive", {"amount"}), c);
        const qint64 pricePositive = add(check("positive", {"price"}), c);
        const qint64 noteNotNull = add(check("notNull", {"note"}), c);
        const qint64 qtyPositive = add(check("positive", {"qty"}), c);
        const Operation op = scan();
        QVERIFY2(op.status == operation_status::kSuccess, qPrintable(m_harness.describe(op)));
        const auto details = [&](qint64 id) { return metric(op.id, id).details; };
        QVERIFY2(details(amountNotNegative).startsWith(QStringLiteral("Guaranteed by check")),
                 qPrintable(details(amountNotNegative)));
        QCOMPARE(metric(op.id, amountNotNegative).assertedRecords, qint64(2));
        QVERIFY(details(pricePositive).contains(QStringLiteral("“price_positive”")));
        QVERIFY(details(noteNotNull).startsWith(QStringLiteral("Guaranteed by check")));
        // amount >= 0 does not make it positive: read, and the 0 found.
        QVERIFY(details(amountPositive).isEmpty());
        QCOMPARE(metric(op.id, amountPositive).anomalousRecords, qint64(1));
        QVERIFY(details(qtyPositive).isEmpty());
        QCOMPARE(metric(op.id, qtyPositive).anomalousRecords, qint64(1));
        QCOMPARE(op.counters.value(QStringLiteral("checks_guaranteed")).toInt(), 3);
    }

    // A read-only SQLite enrichment target (its header says a newer SQLite wrote it: this one
    // may only read it, whoever runs the test, root included): the scan warns naming the cause
    // and the fix, and keeps everything in the Catalog.
    void readOnlyEnrichmentTargetWarns()
    {
        newSource(QStringLiteral("sqlite"));
        QVERIFY(createTable(QStringLiteral("items"), {integerColumn(QStringLiteral("id")),
                                                      textColumn(QStringLiteral("name"))}));
        QVERIFY(insertRows(QStringLiteral("items"),
                           {{1, "a"}, {2, QVariant()}, {3, "c"}, {4, QVariant()}}));
        const qint64 notNull = add(check("notNull", {"name"}), synced(QStringLiteral("items")));
        const QString targetPath = m_dir.filePath(QStringLiteral("read-only-enrichment.db"));
        {
            QSqlDatabase make = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), "ro-make");
            make.setDatabaseName(targetPath);
            QVERIFY(make.open());
            QVERIFY(QSqlQuery(make).exec(QStringLiteral("CREATE TABLE placeholder (x INT)")));
            make.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("ro-make"));
        QFile file(targetPath);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.seek(18)); // the file format's write version: 3 is read-only to SQLite 3
        QVERIFY(file.write(QByteArray(1, '\x03')) == 1);
        file.close();
        Datastore linked = *m_catalog.datastore(m_ds);
        linked.enrichment.enrichmentDatastoreId =
            m_harness.datastoreFor(QStringLiteral("read-only enrichment"), QStringLiteral("sqlite"),
                                   test::Server{}, targetPath, QStringLiteral("main"));
        linked.enrichment.prefix = QStringLiteral("_ro");
        QVERIFY(m_catalog.updateDatastore(linked));

        const Operation op = scan();
        QVERIFY2(op.status == operation_status::kWarning, qPrintable(m_harness.describe(op)));
        QVERIFY2(logged(op, QStringLiteral("warning"),
                        {QStringLiteral("attempt to write a readonly database"),
                         QStringLiteral("make the file %1 and its folder writable").arg(targetPath),
                         QStringLiteral("or link another enrichment datastore")}),
                 qPrintable(m_harness.describe(op)));
        QCOMPARE(rowIds(ofOperation(op.id, notNull)), (QSet<int>{2, 4}));
        QCOMPARE(metric(op.id, notNull).anomalousRecords, qint64(2));
        QCOMPARE(op.counters.value(QStringLiteral("tables_scanned")).toInt(), 1);
        QSqlDatabase target = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), "ro-read");
        target.setDatabaseName(targetPath);
        QVERIFY(target.open());
        QSqlQuery tables(target);
        QVERIFY(tables.exec(QStringLiteral("SELECT COUNT(*) FROM sqlite_master")));
        QVERIFY(tables.next());
        QCOMPARE(tables.value(0).toInt(), 1); // the placeholder only
    }
};

QTEST_GUILESS_MAIN(TestScanReading)
#include "tst_scanreading.moc"
