#include "ScanTestSupport.h"

#include <QCryptographicHash>
#include <QtEndian>

using namespace assay;
using namespace scan_test;

// How a scan treats the anomalies of earlier scans, end to end through the engine on real
// SQLite, PostgreSQL and MariaDB sources: a failed expected schema leaves the other checks
// unevaluated, a failed field count is an ordinary anomaly, fixed rows are resolved one by one
// (only by scans that read every record), recurring anomalies archive or reactivate the
// earlier ones, and the Catalog keeps all or nothing of a container's results.
class TestScanAnomalies : public QObject, public ScanFixture
{
    Q_OBJECT

private:
    // `items`: ids 1..rows, name NULL for the ids in `nameless`.
    Container items(const QSet<int> &nameless, int rows = 6,
                    const QString &name = QStringLiteral("items"))
    {
        if (!createTable(name,
                         {integerColumn(QStringLiteral("id")), textColumn(QStringLiteral("name"))}))
            return {};
        QList<QVariantList> values;
        for (int i = 1; i <= rows; ++i)
            values << QVariantList{
                i, nameless.contains(i) ? QVariant() : QVariant(QStringLiteral("n%1").arg(i))};
        if (!insertRows(name, values))
            return {};
        return synced(name);
    }

    bool setName(const QString &where, const QVariant &name)
    {
        return exec(QStringLiteral("UPDATE %1 SET %2 = ? WHERE %3")
                        .arg(table(QStringLiteral("items")), m_dialect.quote("name"), where),
                    {name});
    }

    // FINGERPRINT as the enrichment tables hold it: the first 63 bits of the SHA-256 of the
    // fingerprint text (a 40-digit hex SHA-1, too long to be taken as a number).
    static qint64 fingerprintNumber(const QString &fingerprint)
    {
        const QByteArray digest =
            QCryptographicHash::hash(fingerprint.toUtf8(), QCryptographicHash::Sha256);
        return qint64(qFromBigEndian<quint64>(digest.constData()) & 0x7fffffffffffffffULL);
    }

private slots:
    void initTestCase() { startFixture(); }
    void cleanupTestCase() { m_harness.stop(); }

    void schemaAbortLeavesOtherChecksUnevaluated_data() { backends(); }
    void schemaAbortLeavesOtherChecksUnevaluated()
    {
        QFETCH(QString, type);
        newSource(type);
        const Container c = items({2, 5});
        QVERIFY(c.id);
        const qint64 notNull = add(check("notNull", {"name"}), c);
        const Operation first = scan();
        QVERIFY2(first.status == operation_status::kSuccess, qPrintable(m_harness.describe(first)));
        QCOMPARE(rowIds(openOf(notNull)), (QSet<int>{2, 5}));

        const qint64 schema = add(check("expectedSchema", {"id", "name", "gone"}), c);
        const Operation aborted = scan();
        QCOMPARE(aborted.status, operation_status::kFailure);
        QVERIFY2(aborted.message.contains(QStringLiteral(
                     "items: Aborted because schema check anomalies were identified")),
                 qPrintable(aborted.message));
        QCOMPARE(aborted.counters.value(QStringLiteral("table_passes")).toInt(), 0);
        // notNull was not evaluated: no metric as passed, and its anomalies are still open.
        const QList<Anomaly> open = openOf(notNull);
        QCOMPARE(open.size(), 2);
        for (const Anomaly &a : open)
            QCOMPARE(a.operationId, first.id);
        const CheckMetric m = metric(aborted.id, notNull);
        QCOMPARE(m.checkId, notNull);
        QCOMPARE(m.result, QStringLiteral("unasserted"));
        QCOMPARE(m.assertedRecords, qint64(0));
        QVERIFY2(m.details.contains(QStringLiteral("Not evaluated")), qPrintable(m.details));
        QCOMPARE(metric(aborted.id, schema).result, QStringLiteral("failed"));
        const QList<Anomaly> found = ofOperation(aborted.id);
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().failedChecks.value(0).checkId, schema);
    }

    void fieldCountIsAnOrdinaryShape_data() { backends(); }
    void fieldCountIsAnOrdinaryShape()
    {
        QFETCH(QString, type);
        newSource(type);
        const Container c = items({3});
        QVERIFY(c.id);
        const qint64 count = add(check("fieldCount", {}, {{"value", 5}}), c);
        const qint64 notNull = add(check("notNull", {"name"}), c);
        const Operation op = scan();
        QVERIFY2(op.status == operation_status::kSuccess, qPrintable(m_harness.describe(op)));
        QVERIFY(!op.message.contains(QStringLiteral("Aborted")));
        QCOMPARE(op.counters.value(QStringLiteral("tables_scanned")).toInt(), 1);
        QCOMPARE(op.counters.value(QStringLiteral("table_passes")).toInt(), 1);
        const QList<Anomaly> shape = ofOperation(op.id, count);
        QCOMPARE(shape.size(), 1);
        QCOMPARE(shape.first().type, QStringLiteral("shape"));
        QCOMPARE(metric(op.id, count).result, QStringLiteral("failed"));
        // The rest of the container was scanned: 6 rows, row 3 without a name.
        const CheckMetric m = metric(op.id, notNull);
        QCOMPARE(m.assertedRecords, qint64(6));
        QCOMPARE(m.anomalousRecords, qint64(1));
        QCOMPARE(rowIds(ofOperation(op.id, notNull)), QSet<int>{3});
    }

    // Records per day: a busy day is one shape anomaly counting its records, never a record
    // anomaly per row (the rule reports shapes only).
    void timeDistributionIsAShape_data() { backends(); }
    void timeDistributionIsAShape()
    {
        QFETCH(QString, type);
        newSource(type);
        QVERIFY(createTable(QStringLiteral("events"), {integerColumn(QStringLiteral("id")),
                                                       timeColumn(QStringLiteral("at"))}));
        // Four days of 3 events, then a day of 7.
        QList<QVariantList> values;
        const QDateTime start(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC);
        int id = 0;
        for (int day = 0; day < 5; ++day)
            for (int n = 0; n < (day == 4 ? 7 : 3); ++n)
                values << QVariantList{++id, timeText(start.addDays(day).addSecs(600 * n))};
        QVERIFY(insertRows(QStringLiteral("events"), values));
        const Container c = synced(QStringLiteral("events"));
        QVERIFY(c.id);
        const qint64 periods = add(
            check("timeDistributionSize", {"at"}, {{"interval_name", "Daily"}, {"max_size", 5}}),
            c);
        const Operation op = scan();
        QVERIFY2(op.status == operation_status::kSuccess, qPrintable(m_harness.describe(op)));
        const QList<Anomaly> found = ofOperation(op.id, periods);
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().type, QStringLiteral("shape"));
        QCOMPARE(found.first().anomalousRecordCount, qint64(7));
        // The message names the period out of bounds (the fifth day).
        QCOMPARE(found.first().message,
                 QStringLiteral("In at, 1 daily period holds more than 5 records (7 records). "
                                "The period: 2026-03-06."));
        const CheckMetric m = metric(op.id, periods);
        QCOMPARE(m.assertedRecords, qint64(19));
        QCOMPARE(m.anomalousRecords, qint64(7));
        // It keeps the period's records as its source rows, and only them.
        const QJsonArray rows = m_catalog.anomaly(found.first().id)->sourceRecords;
        QCOMPARE(rows.size(), 7);
        for (const QJsonValue &row : rows)
            QVERIFY2(row.toObject()
                         .value(QStringLiteral("at"))
                         .toString()
                         .startsWith(QLatin1String("2026-03-06")),
                     qPrintable(row.toObject().value(QStringLiteral("at")).toString()));
    }

    // A scan whose failing records cannot be read (the source died between the count and the
    // read: injected here) ends as a warning that says so, and never archives the earlier
    // anomaly, with its records, in favour of one without them.
    void missingEvidenceNeverReplacesEvidence()
    {
        newSource(QStringLiteral("sqlite"));
        const Container c = items({1, 2, 3, 4, 5, 6, 7, 8}, 10);
        QVERIFY(c.id);
        const qint64 notNull = add(check("notNull", {"name"}), c);
        const QJsonObject rolledUp{{QStringLiteral("high_count_rollup_threshold"), 2}};
        const Operation first = scan(rolledUp);
        QCOMPARE(first.status, operation_status::kSuccess);
        const QList<Anomaly> before = openOf(notNull);
        QCOMPARE(before.size(), 1);
        QCOMPARE(m_catalog.anomaly(before.first().id)->sourceRecords.size(), 8);

        qputenv("ASSAY_TEST_FAIL_EXAMPLES", "1");
        const Operation second = scan(rolledUp);
        qunsetenv("ASSAY_TEST_FAIL_EXAMPLES");
        QCOMPARE(second.status, operation_status::kWarning);
        bool said = false;
        for (const OperationLogEntry &e : m_catalog.operationLog(second.id))
            said = said || e.message.contains(QLatin1String("could not be read"));
        QVERIFY2(said, qPrintable(m_harness.describe(second)));
        QCOMPARE(statusOf(before.first().id), anomaly_status::kActive);
        QCOMPARE(m_catalog.anomaly(before.first().id)->sourceRecords.size(), 8);

        // With its records readable again, the next scan archives the earlier ones as usual.
        QCOMPARE(scan(rolledUp).status, operation_status::kSuccess);
        QCOMPARE(statusOf(before.first().id), anomaly_status::kDuplicate);
    }

    void fixedRowIsResolvedWhileAnotherStillFails_data() { backends(); }
    void fixedRowIsResolvedWhileAnotherStillFails()
    {
        QFETCH(QString, type);
        newSource(type);
        const Container c = items({2, 5});
        QVERIFY(c.id);
        const qint64 notNull = add(check("notNull", {"name"}), c);
        const Operation first = scan();
        const QHash<int, Anomaly> before = byRow(ofOperation(first.id, notNull));
        QCOMPARE(QSet<int>(before.keyBegin(), before.keyEnd()), (QSet<int>{2, 5}));

        QVERIFY(setName(m_dialect.quote("id") + QStringLiteral(" = 2"), QStringLiteral("fixed")));
        const Operation second = scan();
        QVERIFY2(second.status == operation_status::kSuccess, qPrintable(second.message));
        QCOMPARE(statusOf(before[2].id), anomaly_status::kResolved);
        QVERIFY(m_catalog.anomalyEvents(before[2].id).last().comment.contains("no longer fails"));
        // Row 5 still fails: found again, the first scan's anomaly archived as its duplicate.
        QCOMPARE(statusOf(before[5].id), anomaly_status::kDuplicate);
        const QList<Anomaly> open = openOf(notNull);
        QCOMPARE(open.size(), 1);
        QCOMPARE(open.first().operationId, second.id);
        QCOMPARE(rowIds(open), QSet<int>{5});
        QVERIFY2(second.message.contains(QStringLiteral("1 resolved")), qPrintable(second.message));
    }

    // Rolled up, a check no longer lists its failing records: which earlier record anomalies
    // still fail is unknown, so they stay open until the check passes.
    void rolledUpRecordsStayOpenUntilTheCheckPasses_data() { backends(); }
    void rolledUpRecordsStayOpenUntilTheCheckPasses()
    {
        QFETCH(QString, type);
        newSource(type);
        const Container c = items({2, 5}, 20);
        QVERIFY(c.id);
        const qint64 notNull = add(check("notNull", {"name"}), c);
        const QHash<int, Anomaly> records = byRow(ofOperation(scan().id, notNull));
        QCOMPARE(records.size(), 2);

        // 11 more nameless rows: 13 fail, above the default rollup threshold of 10.
        const QString id = m_dialect.quote("id");
        QVERIFY(setName(QStringLiteral("%1 >= 6 AND %1 <= 16").arg(id), QVariant()));
        const Operation rolled = scan();
        const QList<Anomaly> shape = ofOperation(rolled.id, notNull);
        QCOMPARE(shape.size(), 1);
        QCOMPARE(shape.first().type, QStringLiteral("shape"));
        QCOMPARE(shape.first().anomalousRecordCount, qint64(13));
        QCOMPARE(statusOf(records[2].id), anomaly_status::kActive);
        QCOMPARE(statusOf(records[5].id), anomaly_status::kActive);

        QVERIFY(setName(QStringLiteral("1 = 1"), QStringLiteral("ok")));
        const Operation passed = scan();
        QCOMPARE(metric(passed.id, notNull).result, QStringLiteral("passed"));
        QVERIFY(openOf(notNull).isEmpty());
        for (qint64 resolved : {records[2].id, records[5].id, shape.first().id})
            QCOMPARE(statusOf(resolved), anomaly_status::kResolved);
        QVERIFY2(passed.message.contains(QStringLiteral("3 resolved")), qPrintable(passed.message));
    }

    // Only a scan that read every record resolves: not an incremental scan (even its first,
    // complete run), not a record-limited one (even when the limit covers every row).
    void onlyFullScansResolve_data() { backends(); }
    void onlyFullScansResolve()
    {
        QFETCH(QString, type);
        newSource(type);
        Container c = items({2, 5});
        QVERIFY(c.id);
        QVERIFY(setIncremental(c, QStringLiteral("id"), QStringLiteral("batch-value")));
        const qint64 notNull = add(check("notNull", {"name"}), c);
        const QHash<int, Anomaly> first = byRow(ofOperation(scan().id, notNull));
        QCOMPARE(first.size(), 2);
        QVERIFY(setName(m_dialect.quote("id") + QStringLiteral(" = 2"), QStringLiteral("fixed")));

        const Operation incremental = scan({{"incremental", true}});
        QVERIFY2(incremental.status == operation_status::kSuccess, qPrintable(incremental.message));
        QCOMPARE(incremental.counters.value(QStringLiteral("records_scanned")).toInt(), 6);
        QCOMPARE(statusOf(first[2].id), anomaly_status::kActive);
        const Operation limited = scan({{"record_limit", 100}});
        QCOMPARE(limited.counters.value(QStringLiteral("records_scanned")).toInt(), 6);
        QCOMPARE(statusOf(first[2].id), anomaly_status::kActive);

        const Operation full = scan();
        QCOMPARE(statusOf(first[2].id), anomaly_status::kResolved);
        QCOMPARE(rowIds(openOf(notNull)), QSet<int>{5});
    }

    // Archive Duplicate Anomalies: the new scan's anomalies are created (and written to the
    // enrichment tables, each with its fingerprint), the earlier open ones archived.
    void archiveDuplicatesKeepsTheNewest_data() { backends(); }
    void archiveDuplicatesKeepsTheNewest()
    {
        QFETCH(QString, type);
        newSource(type);
        const Container c = items({2, 5});
        QVERIFY(c.id);
        const qint64 notNull = add(check("notNull", {"name"}), c);
        const QString targetPath = m_dir.filePath(m_type + QStringLiteral("-dup-enrichment.db"));
        const QString targetConnection = QStringLiteral("dup-target-") + m_type;
        {
            QSqlDatabase target =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), targetConnection);
            target.setDatabaseName(targetPath);
            QVERIFY(target.open());
            QVERIFY(QSqlQuery(target).exec(QStringLiteral("CREATE TABLE placeholder (x INT)")));
        }
        Datastore linked = *m_catalog.datastore(m_ds);
        linked.enrichment.enrichmentDatastoreId = m_harness.datastoreFor(
            m_type + QStringLiteral("-dup-enrichment"), QStringLiteral("sqlite"), test::Server{},
            targetPath, QStringLiteral("main"));
        linked.enrichment.prefix = QStringLiteral("_dup");
        QVERIFY(m_catalog.updateDatastore(linked));

        const Operation first = scan();
        const Operation second = scan();
        QVERIFY2(second.status == operation_status::kSuccess, qPrintable(second.message));
        QCOMPARE(second.counters.value(QStringLiteral("anomalies_identified")).toInt(), 2);
        const QHash<int, Anomaly> older = byRow(ofOperation(first.id, notNull));
        const QHash<int, Anomaly> newer = byRow(ofOperation(second.id, notNull));
        for (int row : {2, 5}) {
            QCOMPARE(statusOf(older[row].id), anomaly_status::kDuplicate);
            QCOMPARE(newer[row].status, anomaly_status::kActive);
            QCOMPARE(newer[row].fingerprint, older[row].fingerprint);
        }
        QCOMPARE(openOf(notNull).size(), 2);

        // Both scans' anomalies are in the enrichment table; a row's recurrences share a
        // FINGERPRINT, written although Reactivate Recurring Anomalies was off.
        QSqlQuery q(QSqlDatabase::database(targetConnection));
        QVERIFY(q.exec(QStringLiteral("SELECT \"ANOMALY_UUID\", \"FINGERPRINT\", "
                                      "\"OPERATION_ID\" FROM \"_dup_failed_checks\"")));
        QHash<QString, qint64> written;
        while (q.next())
            written.insert(q.value(0).toString(), q.value(1).toLongLong());
        QCOMPARE(written.size(), 4);
        for (const QHash<int, Anomaly> &scanned : {older, newer})
            for (const Anomaly &a : scanned)
                QCOMPARE(written.value(a.uuid, -1), fingerprintNumber(a.fingerprint));
        QVERIFY(written.value(newer[2].uuid) != written.value(newer[5].uuid));

        // Without the option, the earlier anomalies stay open beside the new ones.
        const Operation third = scan({{"archive_duplicate_anomalies", false}});
        QCOMPARE(third.counters.value(QStringLiteral("anomalies_identified")).toInt(), 2);
        QCOMPARE(openOf(notNull).size(), 4);
        linked.enrichment = EnrichmentLink();
        QVERIFY(m_catalog.updateDatastore(linked));
    }

    // Reactivate Recurring Anomalies: a recurrence of a resolved anomaly reactivates it and is
    // recorded as its Duplicate; one open anomaly per fingerprint either way.
    void reactivateRecurringAnomalies_data() { backends(); }
    void reactivateRecurringAnomalies()
    {
        QFETCH(QString, type);
        newSource(type);
        const Container c = items({2, 5});
        QVERIFY(c.id);
        const qint64 notNull = add(check("notNull", {"name"}), c);
        const QHash<int, Anomaly> first = byRow(ofOperation(scan().id, notNull));
        QVERIFY(m_catalog.setAnomalyStatus(first[2].id, anomaly_status::kResolved, "fixed?"));

        const Operation second = scan({{"reactivate_recurring_anomalies", true}});
        QVERIFY2(second.status == operation_status::kSuccess, qPrintable(second.message));
        QCOMPARE(second.counters.value(QStringLiteral("anomalies_identified")).toInt(), 2);
        const QHash<int, Anomaly> recurred = byRow(ofOperation(second.id, notNull));
        QCOMPARE(statusOf(first[2].id), anomaly_status::kActive);
        QCOMPARE(recurred[2].status, anomaly_status::kDuplicate);
        QCOMPARE(recurred[2].fingerprint, first[2].fingerprint);
        // Row 5's anomaly was open: the new one archives it.
        QCOMPARE(statusOf(first[5].id), anomaly_status::kDuplicate);
        QCOMPARE(recurred[5].status, anomaly_status::kActive);
        QSet<qint64> open;
        for (const Anomaly &a : openOf(notNull))
            open << a.id;
        QCOMPARE(open, (QSet<qint64>{first[2].id, recurred[5].id}));
        QVERIFY2(second.message.contains(QStringLiteral("1 reactivated")),
                 qPrintable(second.message));

        // Without the option, a recurrence of a resolved anomaly is a new one.
        QVERIFY(m_catalog.setAnomalyStatus(first[2].id, anomaly_status::kResolved, "fixed"));
        const Operation third = scan();
        QCOMPARE(statusOf(first[2].id), anomaly_status::kResolved);
        QCOMPARE(byRow(ofOperation(third.id, notNull))[2].status, anomaly_status::kActive);
        QCOMPARE(openOf(notNull).size(), 2);
    }

    // Everything the scan of a container records goes to the Catalog in one transaction: a
    // Catalog that refuses its last write (the high-water mark) keeps nothing of it, and a
    // resume scans that container, once.
    void containerResultsAreOneTransaction()
    {
        newSource(QStringLiteral("sqlite"));
        Container first = items({2, 5}, 6, QStringLiteral("a_first"));
        QVERIFY(first.id);
        Container second = items({1, 3, 4}, 6, QStringLiteral("b_second"));
        second = m_harness.container(m_ds, QStringLiteral("b_second"));
        first = m_harness.container(m_ds, QStringLiteral("a_first"));
        QVERIFY(setIncremental(first, QStringLiteral("id"), QStringLiteral("batch-value")));
        QVERIFY(setIncremental(second, QStringLiteral("id"), QStringLiteral("batch-value")));
        const qint64 firstCheck = add(check("notNull", {"name"}), first);
        const qint64 secondCheck = add(check("notNull", {"name"}), second);
        const Operation full = scan();
        const QList<Anomaly> earlier = ofOperation(full.id, secondCheck);
        QCOMPARE(earlier.size(), 3);

        QSqlQuery trigger(m_catalog.database());
        QVERIFY2(trigger.exec(QStringLiteral("CREATE TRIGGER refuse_mark BEFORE UPDATE OF "
                                             "scan_high_water_mark ON containers WHEN NEW.id = %1 "
                                             "BEGIN SELECT RAISE(ABORT, 'injected: disk full'); "
                                             "END")
                                  .arg(second.id)),
                 qPrintable(trigger.lastError().text()));
        const Operation failed = scan({{"incremental", true}});
        QCOMPARE(failed.status, operation_status::kFailure);
        QVERIFY2(failed.message.contains(QStringLiteral("Cannot record the scan of b_second")) &&
                     failed.message.contains(QStringLiteral("injected: disk full")),
                 qPrintable(failed.message));
        // a_first whole; nothing of b_second: no anomalies, no metric, no mark, no archiving.
        QCOMPARE(ofOperation(failed.id, 0, first.id).size(), 2);
        QCOMPARE(m_catalog.scanHighWaterMark(first.id).toDouble(), 6.0);
        QVERIFY(ofOperation(failed.id, 0, second.id).isEmpty());
        QCOMPARE(metric(failed.id, secondCheck).checkId, qint64(0));
        QVERIFY(m_catalog.scanHighWaterMark(second.id).isEmpty());
        for (const Anomaly &a : earlier)
            QCOMPARE(statusOf(a.id), anomaly_status::kActive);
        QCOMPARE(failed.result.value(QStringLiteral("finished_containers")).toArray(),
                 QJsonArray{QStringLiteral("a_first")});
        QCOMPARE(failed.counters.value(QStringLiteral("anomalies_identified")).toInt(), 2);

        QVERIFY(trigger.exec(QStringLiteral("DROP TRIGGER refuse_mark")));
        const Operation resumed = m_harness.resume(failed.id);
        QVERIFY2(resumed.status == operation_status::kSuccess,
                 qPrintable(m_harness.describe(resumed)));
        QCOMPARE(resumed.counters.value(QStringLiteral("tables_scanned")).toInt(), 2);
        QCOMPARE(resumed.counters.value(QStringLiteral("anomalies_identified")).toInt(), 5);
        QCOMPARE(m_catalog.checkMetrics(failed.id).size(), 2);
        QCOMPARE(metric(failed.id, firstCheck).anomalousRecords, qint64(2));
        QCOMPARE(ofOperation(failed.id, 0, first.id).size(), 2);
        QCOMPARE(rowIds(ofOperation(failed.id, 0, second.id)), (QSet<int>{1, 3, 4}));
        QCOMPARE(m_catalog.scanHighWaterMark(second.id).toDouble(), 6.0);
        for (const Anomaly &a : earlier)
            QCOMPARE(statusOf(a.id), anomaly_status::kDuplicate);
    }
};

QTEST_GUILESS_MAIN(TestScanAnomalies)
#include "tst_scananomalies.moc"
