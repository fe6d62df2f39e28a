// The Catalog's schema v2: checks, anomalies (with failed checks, source rows, status history),
// check metrics and the scan high-water mark; the migration from a v1 file that keeps data, and
// the one from v2 (field profiles computed from a sample); several writes made as one
// transaction.
#include "models/catalog/Catalog.h"
#include "models/catalog/CatalogTransaction.h"
#include "models/catalog/Migrations.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>
#include <tuple>

using namespace assay;

class TestCatalogChecks : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString freshPath() { return m_dir.filePath(QUuid::createUuid().toString() + ".sqlite"); }

    struct Fixture
    {
        qint64 datastore = 0, orders = 0, customers = 0;
    };

    Fixture populate(Catalog &catalog)
    {
        Connection c;
        c.name = QStringLiteral("c");
        c.type = QStringLiteral("sqlite");
        Datastore d;
        d.name = QStringLiteral("Shop");
        d.connectionId = catalog.addConnection(c);
        Fixture f;
        f.datastore = catalog.addDatastore(d);
        for (const QString &name : {QStringLiteral("orders"), QStringLiteral("customers")}) {
            Container k;
            k.datastoreId = f.datastore;
            k.name = name;
            k.containerType = QStringLiteral("table");
            (name == QLatin1String("orders") ? f.orders : f.customers) = catalog.addContainer(k);
        }
        return f;
    }

    Check sampleCheck(qint64 container, const QString &rule, const QStringList &fields)
    {
        Check k;
        k.containerId = container;
        k.rule = rule;
        k.fields = fields;
        return k;
    }

    // A catalog file at schema `version` (migrations 1..version as they are), holding the
    // datastore "Old" with its container "orders" (id 1).
    static void createAtVersion(QSqlQuery &q, int version)
    {
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE schema_version (version INTEGER NOT NULL "
                                      "PRIMARY KEY, description TEXT NOT NULL, applied_at "
                                      "VARCHAR(32) NOT NULL)")));
        const QVector<catalog::Migration> all = catalog::migrations(catalog::SqlFlavor::SQLite);
        for (int v = 0; v < version; ++v) {
            QCOMPARE(all.at(v).version, v + 1);
            for (const QString &sql : all.at(v).statements)
                QVERIFY2(q.exec(sql), qPrintable(q.lastError().text()));
            QVERIFY(q.exec(
                QStringLiteral("INSERT INTO schema_version VALUES (%1, 'v', 'now')").arg(v + 1)));
        }
        QVERIFY(q.exec(
            QStringLiteral("INSERT INTO connections (uuid, name, type, created_at, updated_at) "
                           "VALUES ('u', 'old', 'sqlite', 'now', 'now')")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO datastores (name, connection_id, created_at, "
                                      "updated_at) VALUES ('Old', 1, 'now', 'now')")));
        QVERIFY(q.exec(QStringLiteral(
            "INSERT INTO containers (datastore_id, name, container_type, created_at, updated_at) "
            "VALUES (1, 'orders', 'table', 'now', 'now')")));
    }

private slots:
    void migratesFromVersion1KeepingData()
    {
        const QString path = freshPath();
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), "v1");
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            createAtVersion(q, 1);
            QVERIFY(q.exec(QStringLiteral("INSERT INTO fields (container_id, name, declared_type) "
                                          "VALUES (1, 'qty', 'int')")));
            QVERIFY(q.exec(QStringLiteral(
                "INSERT INTO field_profiles (container_id, field_id, field_name, profiled_at, "
                "records, mean) VALUES (1, 1, 'qty', '2026-01-01T00:00:00.000Z', 7, 2.5)")));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("v1"));

        Catalog catalog;
        QVERIFY2(catalog.open(path), qPrintable(catalog.lastError()));
        QCOMPARE(catalog.schemaVersion(), catalog::latestSchemaVersion());
        QCOMPARE(catalog.datastores().value(0).name, QStringLiteral("Old"));
        const QList<FieldProfile> profiles = catalog.latestFieldProfiles(1);
        QCOMPARE(profiles.size(), 1);
        QCOMPARE(profiles.first().records, qint64(7));
        QCOMPARE(profiles.first().mean, std::optional<double>(2.5));
        QVERIFY(!profiles.first().entropy);
        QVERIFY(catalog.addCheck(sampleCheck(1, QStringLiteral("notNull"), {"qty"})) > 0);
        QVERIFY(catalog.scanHighWaterMark(1).isNull());
    }

    // v2 -> v3: field profiles gain `sampled`, set on the profiles a sample computed (more
    // records than the sample, or approximate quantiles), clear on the others; new profiles
    // keep what they are given.
    void migratesFromVersion2MarkingSampledProfiles()
    {
        const QString path = freshPath();
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), "v2");
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            createAtVersion(q, 2);
            // Three fields: a small table's, a big table's text field (its quantiles were never
            // approximate), a big table's numeric field.
            for (const char *name : {"small", "big_text", "big_number"})
                QVERIFY(q.exec(QStringLiteral("INSERT INTO fields (container_id, name, "
                                              "declared_type) VALUES (1, '%1', 'TEXT')")
                                   .arg(QLatin1String(name))));
            const QList<std::tuple<int, int, int>> profiles{
                {1, 500, 0}, {2, 250000, 0}, {3, 250000, 1}};
            for (const auto &[field, records, approximate] : profiles)
                QVERIFY2(q.exec(QStringLiteral(
                                    "INSERT INTO field_profiles (container_id, field_id, "
                                    "field_name, profiled_at, records, quantiles_approximate) "
                                    "VALUES (1, %1, 'f%1', '2026-01-01T00:00:00.000Z', %2, %3)")
                                    .arg(field)
                                    .arg(records)
                                    .arg(approximate)),
                         qPrintable(q.lastError().text()));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("v2"));

        Catalog catalog;
        QVERIFY2(catalog.open(path), qPrintable(catalog.lastError()));
        QCOMPARE(catalog.schemaVersion(), catalog::latestSchemaVersion());
        QHash<qint64, FieldProfile> byField;
        for (const FieldProfile &p : catalog.latestFieldProfiles(1))
            byField.insert(p.fieldId, p);
        QCOMPARE(byField.size(), 3);
        QVERIFY(!byField.value(1).sampled);
        QVERIFY(byField.value(2).sampled);
        QVERIFY(byField.value(3).sampled);
        // Their moments came from the same sample.
        QVERIFY(!byField.value(1).momentsApproximate);
        QVERIFY(byField.value(3).momentsApproximate);
        QCOMPARE(byField.value(2).records, qint64(250000));

        const auto latestOfField2 = [&catalog] {
            for (const FieldProfile &p : catalog.latestFieldProfiles(1))
                if (p.fieldId == 2)
                    return p;
            return FieldProfile();
        };
        FieldProfile fresh = byField.value(2);
        fresh.sampled = false;
        QVERIFY(catalog.addFieldProfiles({fresh}));
        QVERIFY(latestOfField2().id > fresh.id && !latestOfField2().sampled);
        fresh.sampled = true;
        fresh.momentsApproximate = false;
        QVERIFY(catalog.addFieldProfiles({fresh}));
        QVERIFY(latestOfField2().sampled);
        QVERIFY(!latestOfField2().momentsApproximate);
        fresh.momentsApproximate = true;
        QVERIFY(catalog.addFieldProfiles({fresh}));
        QVERIFY(latestOfField2().momentsApproximate);
    }

    // v3 -> v4: fields gain a base type, a collation and the source's own name; field profiles
    // a note. Existing rows read as "none of them"; new rows keep what they are given.
    void migratesFromVersion3WithFieldTypesAndNotes()
    {
        const QString path = freshPath();
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), "v3");
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            createAtVersion(q, 3);
            QVERIFY(q.exec(QStringLiteral("INSERT INTO fields (container_id, name, "
                                          "declared_type) VALUES (1, 'mood', 'mood')")));
            QVERIFY(q.exec(QStringLiteral(
                "INSERT INTO field_profiles (container_id, field_id, field_name, profiled_at, "
                "records) VALUES (1, 1, 'mood', '2026-01-01T00:00:00.000Z', 3)")));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("v3"));

        Catalog catalog;
        QVERIFY2(catalog.open(path), qPrintable(catalog.lastError()));
        QCOMPARE(catalog.schemaVersion(), catalog::latestSchemaVersion());
        Field mood = catalog.fields(1).value(0);
        QCOMPARE(mood.name, QStringLiteral("mood"));
        QVERIFY(mood.baseType.isEmpty() && mood.collation.isEmpty() && mood.sourceName.isEmpty());
        QVERIFY(catalog.latestFieldProfiles(1).value(0).note.isEmpty());

        Field added;
        added.containerId = 1;
        added.name = QStringLiteral("name_2");
        added.ordinal = 2;
        added.declaredType = QStringLiteral("varchar(20)");
        added.baseType = QStringLiteral("enum");
        added.collation = QStringLiteral("utf8mb4_unicode_ci");
        added.sourceName = QStringLiteral("Name");
        added.id = catalog.addField(added);
        QVERIFY2(added.id, qPrintable(catalog.lastError()));
        QCOMPARE(catalog.fields(1).value(1), added);

        FieldProfile p = catalog.latestFieldProfiles(1).value(0);
        p.note = QStringLiteral("an enum is ordered as its type declares its labels");
        QVERIFY(catalog.addFieldProfiles({p}));
        QCOMPARE(catalog.latestFieldProfiles(1).value(0).note, p.note);
    }

    // v6 -> v7: check metrics gain measured / observed / expected_low / expected_high (NULL on
    // the rows already there, read as NaN), and containers a history of measurements.
    void migratesFromVersion6KeepingCheckMetrics()
    {
        const QString path = freshPath();
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), "v6");
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            createAtVersion(q, 6);
            QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE name = "
                                          "'container_measurements'")) &&
                    q.next() && q.value(0).toInt() == 0);
            QVERIFY2(q.exec(QStringLiteral(
                         "INSERT INTO operations (datastore_id, type, status, created_at, "
                         "ended_at) VALUES (1, 'scan', 'success', '2026-01-01T00:00:00.000Z', "
                         "'2026-01-01T00:01:00.000Z')")),
                     qPrintable(q.lastError().text()));
            QVERIFY2(q.exec(QStringLiteral(
                         "INSERT INTO checks (datastore_id, container_id, rule, created_at, "
                         "updated_at) VALUES (1, 1, 'notNull', 'now', 'now')")),
                     qPrintable(q.lastError().text()));
            QVERIFY2(q.exec(QStringLiteral(
                         "INSERT INTO check_metrics (operation_id, check_id, container_id, "
                         "asserted_records, anomalous_records, result, details) VALUES "
                         "(1, 1, 1, 40, 3, 'failed', 'three nulls')")),
                     qPrintable(q.lastError().text()));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("v6"));

        Catalog catalog;
        QVERIFY2(catalog.open(path), qPrintable(catalog.lastError()));
        QCOMPARE(catalog.schemaVersion(), catalog::latestSchemaVersion());
        const QList<CheckMetric> metrics = catalog.checkMetrics(1);
        QCOMPARE(metrics.size(), 1);
        const CheckMetric &old = metrics.first();
        QCOMPARE(old.assertedRecords, qint64(40));
        QCOMPARE(old.anomalousRecords, qint64(3));
        QCOMPARE(old.result, QStringLiteral("failed"));
        QCOMPARE(old.details, QStringLiteral("three nulls"));
        QVERIFY(qIsNaN(old.measured) && qIsNaN(old.observed));
        QVERIFY(qIsNaN(old.expectedLow) && qIsNaN(old.expectedHigh));
        const QList<CheckHistoryPoint> history = catalog.checkHistory(1);
        QCOMPARE(history.size(), 1);
        QVERIFY(qIsNaN(history.first().measured) && qIsNaN(history.first().expectedLow));
        QCOMPARE(history.first().failureRatio, 3.0 / 40.0);

        // The new table is there and takes a measurement, unknown figures kept unknown.
        QVERIFY(catalog.containerMeasurements(1).isEmpty());
        ContainerMeasurement m;
        m.containerId = 1;
        m.operationId = 1;
        m.operationType = QStringLiteral("scan");
        m.measuredAt = QDateTime(QDate(2026, 1, 1), QTime(0, 1), Qt::UTC);
        m.recordCount = 40;
        m.volumeSource = QStringLiteral("pass");
        QVERIFY2(catalog.addContainerMeasurement(m) > 0, qPrintable(catalog.lastError()));
        const QList<ContainerMeasurement> stored = catalog.containerMeasurements(1);
        QCOMPARE(stored.size(), 1);
        QCOMPARE(stored.first().recordCount, qint64(40));
        QCOMPARE(stored.first().measuredAt, m.measuredAt);
        QCOMPARE(stored.first().sizeBytes, qint64(-1));
        QCOMPARE(stored.first().changeCounter, qint64(-1));
        QVERIFY(!stored.first().newestAt.isValid());

        // A new metric keeps its figures.
        CheckMetric now = old;
        now.measured = 41;
        now.observed = 1;
        now.expectedLow = 0.5;
        now.expectedHigh = 2.5;
        QVERIFY2(catalog.addCheckMetrics({now}), qPrintable(catalog.lastError()));
        const CheckMetric back = catalog.checkMetrics(1).value(1);
        QCOMPARE(back.measured, 41.0);
        QCOMPARE(back.observed, 1.0);
        QCOMPARE(back.expectedLow, 0.5);
        QCOMPARE(back.expectedHigh, 2.5);
    }

    void checksRoundTrip()
    {
        Catalog catalog;
        QVERIFY(catalog.open(freshPath()));
        const Fixture f = populate(catalog);
        QSignalSpy changed(&catalog, &Catalog::checksChanged);

        Check between = sampleCheck(f.orders, QStringLiteral("between"), {"qty"});
        between.properties = {{QStringLiteral("min"), 1}, {QStringLiteral("max"), 9}};
        between.coverage = 0.95;
        between.filter = QStringLiteral("status = {{status}}");
        between.tags = {QStringLiteral("sales")};
        between.inferred = true;
        between.inferenceLevel = 2;
        between.id = catalog.addCheck(between);
        QVERIFY2(between.id, qPrintable(catalog.lastError()));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().first().toLongLong(), f.datastore);

        const auto read = catalog.check(between.id);
        QVERIFY(read);
        between.datastoreId = f.datastore; // filled in from the container
        QCOMPARE(*read, between);
        QCOMPARE(read->containerName, QStringLiteral("orders"));

        Check draft = sampleCheck(f.customers, QStringLiteral("unique"), {"id"});
        draft.status = check_status::kDraft;
        draft.id = catalog.addCheck(draft);
        QVERIFY(draft.id);

        // A status that does not exist and a check without a rule are refused.
        Check wrong = sampleCheck(f.orders, QString(), {});
        QCOMPARE(catalog.addCheck(wrong), 0);
        wrong.rule = QStringLiteral("notNull");
        wrong.status = QStringLiteral("Sleeping");
        QCOMPARE(catalog.addCheck(wrong), 0);
        QVERIFY(catalog.lastError().contains(QLatin1String("Sleeping")));

        CheckQuery active;
        active.datastoreId = f.datastore;
        active.status = check_status::kActive;
        QCOMPARE(catalog.checks(active).size(), 1);
        CheckQuery customers;
        customers.containerId = f.customers;
        QCOMPARE(catalog.checks(customers).value(0).rule, QStringLiteral("unique"));
        CheckQuery inferred;
        inferred.datastoreId = f.datastore;
        inferred.inferredOnly = true;
        QCOMPARE(catalog.checks(inferred).size(), 1);

        // An edit keeps created_at, changes the rest.
        Check edited = *read;
        edited.properties.insert(QStringLiteral("max"), 12);
        edited.userEdited = true;
        QVERIFY(catalog.updateCheck(edited));
        QCOMPARE(catalog.check(between.id)->properties.value(QStringLiteral("max")).toInt(), 12);
        QVERIFY(catalog.check(between.id)->userEdited);
        QCOMPARE(catalog.check(between.id)->createdAt, read->createdAt);

        QVERIFY(catalog.setCheckStatus(draft.id, check_status::kActive));
        QCOMPARE(catalog.activeCheckCounts(f.datastore).value(f.orders), 1);
        QCOMPARE(catalog.activeCheckCounts(f.datastore).value(f.customers), 1);
        QVERIFY(catalog.setCheckStatus(between.id, check_status::kArchived));
        QCOMPARE(catalog.activeCheckCounts(f.datastore).value(f.orders), 0);
        QVERIFY(!catalog.setCheckStatus(999, check_status::kActive));
    }

    void anomaliesWithEvidenceAndStatuses()
    {
        Catalog catalog;
        QVERIFY(catalog.open(freshPath()));
        const Fixture f = populate(catalog);
        Check notNull = sampleCheck(f.orders, QStringLiteral("notNull"), {"email"});
        notNull.id = catalog.addCheck(notNull);
        Check positive = sampleCheck(f.orders, QStringLiteral("positive"), {"qty"});
        positive.id = catalog.addCheck(positive);
        Check other = sampleCheck(f.customers, QStringLiteral("unique"), {"id"});
        other.id = catalog.addCheck(other);
        QSignalSpy changed(&catalog, &Catalog::anomaliesChanged);

        Anomaly record;
        record.datastoreId = f.datastore;
        record.containerId = f.orders;
        record.message = QStringLiteral("The value for qty of -3 is not positive.");
        record.anomalousRecordCount = 1;
        record.fingerprint = QStringLiteral("fp-1");
        record.failedChecks = {
            {positive.id, positive.rule, positive.fields, QStringLiteral("qty is -3")}};
        record.sourceRecords =
            QJsonArray{QJsonObject{{QStringLiteral("qty"), -3}, {QStringLiteral("id"), 7}}};
        Anomaly shape;
        shape.datastoreId = f.datastore;
        shape.containerId = f.orders;
        shape.type = QStringLiteral("shape");
        shape.message = QStringLiteral("In email, 12.00% of 50 filtered records (6) are null.");
        shape.anomalousRecordCount = 6;
        shape.failedChecks = {{notNull.id, notNull.rule, notNull.fields, shape.message},
                              {positive.id, positive.rule, positive.fields, QString()}};
        for (int i = 0; i < 3; ++i)
            shape.sourceRecords.append(QJsonObject{{QStringLiteral("id"), i}});
        QList<Anomaly> batch{record, shape};
        QVERIFY2(catalog.addAnomalies(batch), qPrintable(catalog.lastError()));
        QCOMPARE(changed.count(), 1);
        QVERIFY(batch.at(0).id > 0 && batch.at(1).id > batch.at(0).id);
        QCOMPARE(batch.at(0).uuid.size(), 36);

        // Whole anomaly: failed checks and source rows in order.
        const auto whole = catalog.anomaly(batch.at(1).id);
        QVERIFY(whole);
        QCOMPARE(whole->type, QStringLiteral("shape"));
        QCOMPARE(whole->containerName, QStringLiteral("orders"));
        QCOMPARE(whole->failedChecks.size(), 2);
        QCOMPARE(whole->failedChecks.at(0).rule, QStringLiteral("notNull"));
        QCOMPARE(whole->failedChecks.at(0).fields, QStringList{"email"});
        QCOMPARE(whole->sourceRecords.size(), 3);
        QCOMPARE(whole->sourceRecords.at(2).toObject().value(QStringLiteral("id")).toInt(), 2);
        QCOMPARE(catalog.anomalyByUuid(batch.at(0).uuid)->id, batch.at(0).id);

        // Lists: newest first, failed checks filled; filters by type, check, container.
        AnomalyQuery all;
        all.datastoreId = f.datastore;
        const QList<Anomaly> page = catalog.anomalies(all);
        QCOMPARE(page.size(), 2);
        QCOMPARE(page.first().id, batch.at(1).id);
        QCOMPARE(page.first().failedChecks.size(), 2);
        QVERIFY(page.first().sourceRecords.isEmpty());
        AnomalyQuery shapes = all;
        shapes.type = QStringLiteral("shape");
        QCOMPARE(catalog.anomalyCount(shapes), 1);
        AnomalyQuery byCheck = all;
        byCheck.checkId = positive.id;
        QCOMPARE(catalog.anomalyCount(byCheck), 2);
        byCheck.checkId = notNull.id;
        QCOMPARE(catalog.anomalyCount(byCheck), 1);
        AnomalyQuery customers = all;
        customers.containerId = f.customers;
        QCOMPARE(catalog.anomalyCount(customers), 0);
        QCOMPARE(catalog.checksWithAnomalies(f.orders), (QSet<qint64>{notNull.id, positive.id}));
        QCOMPARE(catalog.openAnomalyCounts(f.datastore).value(f.orders), 2);

        // Statuses: allowed transitions change and log; others are refused and change nothing.
        const qint64 id = batch.at(0).id;
        QVERIFY(
            catalog.setAnomalyStatus(id, anomaly_status::kAcknowledged, QStringLiteral("looking")));
        QVERIFY(!catalog.setAnomalyStatus(id, anomaly_status::kActive));
        QVERIFY(!catalog.setAnomalyStatus(id, anomaly_status::kDuplicate));
        QVERIFY(catalog.setAnomalyStatus(id, anomaly_status::kResolved, QStringLiteral("fixed")));
        QVERIFY(!catalog.setAnomalyStatus(id, anomaly_status::kInvalid));
        QCOMPARE(catalog.anomaly(id)->status, anomaly_status::kResolved);
        QCOMPARE(catalog.anomaly(id)->comment, QStringLiteral("fixed"));
        const QList<AnomalyEvent> events = catalog.anomalyEvents(id);
        QCOMPARE(events.size(), 2);
        QCOMPARE(events.at(0).fromStatus, anomaly_status::kActive);
        QCOMPARE(events.at(0).toStatus, anomaly_status::kAcknowledged);
        QCOMPARE(events.at(1).comment, QStringLiteral("fixed"));
        AnomalyQuery open = all;
        open.status = QStringLiteral("open");
        QCOMPARE(catalog.anomalyCount(open), 1);
        AnomalyQuery archived = all;
        archived.status = QStringLiteral("archived");
        QCOMPARE(catalog.anomalyCount(archived), 1);
        QVERIFY(catalog.setAnomalyStatus(id, anomaly_status::kActive, QStringLiteral("again")));
        QCOMPARE(catalog.anomalyCount(open), 2);

        // Scan metrics and the incremental high-water mark.
        Operation scan;
        scan.datastoreId = f.datastore;
        scan.type = QStringLiteral("scan");
        scan.status = QStringLiteral("success");
        scan.id = catalog.addOperation(scan);
        QVERIFY(catalog.addCheckMetrics(
            {{scan.id, positive.id, f.orders, 50, 1, QStringLiteral("failed"), QString()},
             {scan.id, notNull.id, f.orders, 50, 0, QStringLiteral("passed"), QString()}}));
        const QList<CheckMetric> metrics = catalog.checkMetrics(scan.id);
        QCOMPARE(metrics.size(), 2);
        QCOMPARE(metrics.at(0).anomalousRecords, qint64(1));
        QCOMPARE(metrics.at(1).result, QStringLiteral("passed"));
        QVERIFY(catalog.setScanHighWaterMark(f.orders, QStringLiteral("2026-11-01T00:00:00Z")));
        QCOMPARE(catalog.scanHighWaterMark(f.orders), QStringLiteral("2026-11-01T00:00:00Z"));
        QVERIFY(catalog.scanHighWaterMark(f.customers).isNull());

        // Removing the datastore removes its checks and anomalies with it.
        QVERIFY(catalog.removeDatastore(f.datastore));
        QCOMPARE(catalog.anomalyCount(AnomalyQuery{}), 0);
        QVERIFY(catalog.checks(CheckQuery{}).isEmpty());
    }

    // A CatalogTransaction: the writes inside are seen by no other connection before commit,
    // all go when it is destroyed uncommitted, and a write that fails inside undoes only itself.
    void writesInOneTransaction()
    {
        const QString path = freshPath();
        Catalog catalog, other;
        QVERIFY(catalog.open(path));
        const Fixture f = populate(catalog);
        QVERIFY(other.open(path));
        Check positive = sampleCheck(f.orders, QStringLiteral("positive"), {"qty"});
        positive.id = catalog.addCheck(positive);
        Operation scan;
        scan.datastoreId = f.datastore;
        scan.type = QStringLiteral("scan");
        scan.status = QStringLiteral("running");
        scan.id = catalog.addOperation(scan);
        Anomaly a;
        a.datastoreId = f.datastore;
        a.containerId = f.orders;
        a.message = QStringLiteral("qty is -3");
        a.failedChecks = {{positive.id, positive.rule, positive.fields, a.message}};
        const CheckMetric metric{scan.id, positive.id, f.orders, 5, 1, "failed", QString()};
        AnomalyQuery all;
        all.datastoreId = f.datastore;

        {
            CatalogTransaction transaction(catalog);
            QVERIFY(transaction.isOpen());
            QList<Anomaly> batch{a};
            QVERIFY2(catalog.addAnomalies(batch), qPrintable(catalog.lastError()));
            QVERIFY(catalog.addCheckMetrics({metric}));
            QVERIFY(catalog.setAnomalyStatusByScan(batch.first().id, anomaly_status::kDuplicate,
                                                   QStringLiteral("again")));
            QVERIFY(catalog.setScanHighWaterMark(f.orders, QStringLiteral("42")));
            QCOMPARE(catalog.anomalyCount(all), 1);
            QCOMPARE(other.anomalyCount(all), 0);
            QVERIFY(other.scanHighWaterMark(f.orders).isNull());
        } // not committed
        QCOMPARE(catalog.anomalyCount(all), 0);
        QVERIFY(catalog.checkMetrics(scan.id).isEmpty());
        QVERIFY(catalog.scanHighWaterMark(f.orders).isNull());

        CatalogTransaction transaction(catalog);
        QList<Anomaly> batch{a};
        QVERIFY(catalog.addAnomalies(batch));
        CheckMetric orphan = metric;
        orphan.operationId = scan.id + 1000; // no such operation: the second insert fails
        QVERIFY(!catalog.addCheckMetrics({metric, orphan}));
        QVERIFY(catalog.addCheckMetrics({metric}));
        QVERIFY(transaction.commit());
        QCOMPARE(other.anomalyCount(all), 1);
        QCOMPARE(other.checkMetrics(scan.id).size(), 1);
        // A person may not mark an anomaly Duplicate; a scan may.
        QVERIFY(!catalog.setAnomalyStatus(batch.first().id, anomaly_status::kDuplicate));
        QVERIFY(catalog.setAnomalyStatusByScan(batch.first().id, anomaly_status::kDuplicate, {}));
        QCOMPARE(other.anomaly(batch.first().id)->status, anomaly_status::kDuplicate);
    }
};

QTEST_GUILESS_MAIN(TestCatalogChecks)
#include "tst_catalogchecks.moc"
