#include "TestSupport.h"
#include "models/catalog/Catalog.h"
#include "models/catalog/CatalogLocation.h"
#include "models/catalog/Migrations.h"

#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace assay;

class TestCatalog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString freshPath() { return m_dir.filePath(QUuid::createUuid().toString() + ".sqlite"); }

    Connection sampleConnection(const QString &name)
    {
        Connection c;
        c.name = name;
        c.type = QStringLiteral("postgresql");
        c.host = QStringLiteral("db.example.com");
        c.port = 5432;
        c.username = QStringLiteral("reader");
        c.database = QStringLiteral("shop");
        c.parameters = QJsonObject{{QStringLiteral("sslmode"), QStringLiteral("require")}};
        c.secretFields = {QStringLiteral("password")};
        return c;
    }

private slots:
    void migratesFromEmpty()
    {
        Catalog catalog;
        QVERIFY2(catalog.open(freshPath()), qPrintable(catalog.lastError()));
        QVERIFY(catalog.wasCreated());
        QCOMPARE(catalog.schemaVersion(), catalog::latestSchemaVersion());
        const QStringList tables = catalog.database().tables();
        for (const char *table : {"schema_version", "connections", "datastores", "containers",
                                  "fields", "operations", "operation_log", "schedules"})
            QVERIFY2(tables.contains(QLatin1String(table)), table);

        QSqlQuery q(catalog.database());
        QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
        QVERIFY(q.exec(QStringLiteral("PRAGMA busy_timeout")) && q.next());
        QVERIFY(q.value(0).toInt() >= 1000);
        QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_keys")) && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        QVERIFY(q.exec(QStringLiteral("SELECT version, description, applied_at FROM "
                                      "schema_version ORDER BY version")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        QVERIFY(!q.value(2).toString().isEmpty());
    }

    void reopeningDoesNotMigrateAgain()
    {
        const QString path = freshPath();
        {
            Catalog first;
            QVERIFY(first.open(path));
            QVERIFY(first.addConnection(sampleConnection(QStringLiteral("kept"))));
        }
        Catalog again;
        QVERIFY2(again.open(path), qPrintable(again.lastError()));
        QVERIFY(!again.wasCreated());
        QCOMPARE(again.schemaVersion(), catalog::latestSchemaVersion());
        QCOMPARE(again.connections().size(), 1);
        QSqlQuery q(again.database());
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM schema_version")) && q.next());
        QCOMPARE(q.value(0).toInt(), catalog::latestSchemaVersion());
    }

    void refusesNewerSchema()
    {
        const QString path = freshPath();
        {
            Catalog catalog;
            QVERIFY(catalog.open(path));
            QSqlQuery q(catalog.database());
            QVERIFY(q.exec(QStringLiteral("INSERT INTO schema_version VALUES (99, 'future', "
                                          "'2030-01-01T00:00:00.000Z')")));
        }
        Catalog catalog;
        QVERIFY(!catalog.open(path));
        QVERIFY2(catalog.lastError().contains(QLatin1String("newer")),
                 qPrintable(catalog.lastError()));
    }

    void refusesAFileThatIsNotADatabase()
    {
        const QString path = freshPath();
        QFile junk(path);
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write(QByteArray(4096, 'x'));
        junk.close();
        Catalog catalog;
        QVERIFY(!catalog.open(path));
        QVERIFY(!catalog.lastError().isEmpty());
    }

    // A lookup that fails says so instead of looking like "not found", and a connection whose
    // users cannot be read is not deleted.
    void failedLookupsAreNotAbsences()
    {
        Catalog catalog;
        QVERIFY(catalog.open(freshPath()));
        const qint64 id = catalog.addConnection(sampleConnection(QStringLiteral("kept")));
        QVERIFY(id > 0);
        const auto missing = catalog.connection(id + 100);
        QVERIFY(!missing && !missing.failed());

        QSqlQuery q(catalog.database());
        QVERIFY(q.exec(QStringLiteral("ALTER TABLE datastores RENAME TO datastores_away")));
        const auto datastore = catalog.datastore(1);
        QVERIFY(!datastore);
        QVERIFY(datastore.failed());
        QVERIFY(!datastore.error().isEmpty());
        const auto users = catalog.datastoresUsingConnection(id);
        QVERIFY(users.failed());
        QVERIFY(!catalog.removeConnection(id));
        QVERIFY2(catalog.lastError().contains(QLatin1String("in use")),
                 qPrintable(catalog.lastError()));
        QVERIFY(q.exec(QStringLiteral("ALTER TABLE datastores_away RENAME TO datastores")));
        QVERIFY(catalog.connection(id)); // still there
        QVERIFY(catalog.removeConnection(id));
        QVERIFY(!catalog.connection(id));
    }

    void connectionsRoundTrip()
    {
        Catalog catalog;
        QVERIFY(catalog.open(freshPath()));
        QSignalSpy changed(&catalog, &Catalog::connectionsChanged);
        Connection c = sampleConnection(QStringLiteral("warehouse"));
        const qint64 id = catalog.addConnection(c);
        QVERIFY2(id > 0, qPrintable(catalog.lastError()));
        QCOMPARE(changed.count(), 1);

        const auto stored = catalog.connection(id);
        QVERIFY(stored);
        QVERIFY(!stored->uuid.isEmpty());
        c.id = id;
        c.uuid = stored->uuid;
        QCOMPARE(*stored, c);
        QVERIFY(stored->createdAt.isValid());
        QCOMPARE(catalog.connectionByName(QStringLiteral("warehouse"))->id, id);

        QCOMPARE(catalog.addConnection(sampleConnection(QStringLiteral("warehouse"))), 0);
        QVERIFY(catalog.lastError().contains(QLatin1String("already exists")));

        c.host = QStringLiteral("other.example.com");
        QVERIFY(catalog.updateConnection(c));
        QCOMPARE(catalog.connection(id)->host, QStringLiteral("other.example.com"));

        QVERIFY(catalog.removeConnection(id));
        QVERIFY(!catalog.connection(id));
        QCOMPARE(changed.count(), 3);
    }

    void datastoresRoundTrip()
    {
        Catalog catalog;
        QVERIFY(catalog.open(freshPath()));
        const qint64 connectionId = catalog.addConnection(sampleConnection(QStringLiteral("c")));
        QSignalSpy added(&catalog, &Catalog::datastoreAdded);
        QSignalSpy updated(&catalog, &Catalog::datastoreUpdated);
        QSignalSpy removed(&catalog, &Catalog::datastoreRemoved);

        Datastore target;
        target.name = QStringLiteral("Enrichment");
        target.connectionId = connectionId;
        target.database = QStringLiteral("dq");
        target.schema = QStringLiteral("results");
        target.teams = {QStringLiteral("Public")};
        target.enrichOnly = true;
        target.id = catalog.addDatastore(target);
        QVERIFY2(target.id, qPrintable(catalog.lastError()));

        Datastore source;
        source.name = QStringLiteral("Sales");
        source.connectionId = connectionId;
        source.database = QStringLiteral("shop");
        source.schema = QStringLiteral("public");
        source.teams = {QStringLiteral("Finance"), QStringLiteral("Public")};
        source.enrichment.enrichmentDatastoreId = target.id;
        source.enrichment.prefix = QStringLiteral("_sales");
        source.enrichment.remediation = RemediationStrategy::Append;
        source.enrichment.sourceRecordLimit = 1000000000;
        source.enrichment.rollupThreshold = 1000;
        source.id = catalog.addDatastore(source);
        QVERIFY(source.id);
        QCOMPARE(added.count(), 2);
        QCOMPARE(*catalog.datastore(source.id), source);
        QCOMPARE(*catalog.datastoreByName(QStringLiteral("Enrichment")), target);

        QCOMPARE(catalog.addDatastore(source), 0);
        QVERIFY(catalog.lastError().contains(QLatin1String("already exists")));
        Datastore orphan = source;
        orphan.name = QStringLiteral("Orphan");
        orphan.connectionId = 9999;
        QCOMPARE(catalog.addDatastore(orphan), 0);
        // Names are bounded (a name of megabytes would make every list that shows it slow).
        Datastore longName = source;
        longName.name = QString(201, QLatin1Char('n'));
        QCOMPARE(catalog.addDatastore(longName), 0);
        QVERIFY2(catalog.lastError().contains(QLatin1String("at most 200 characters")),
                 qPrintable(catalog.lastError()));
        longName.name.chop(1);
        QVERIFY(catalog.addDatastore(longName));
        Datastore renamed = source;
        renamed.name = QString(60000, QLatin1Char('n'));
        QVERIFY(!catalog.updateDatastore(renamed));
        QCOMPARE(catalog.datastore(source.id)->name, source.name);
        Connection longConnection = sampleConnection(QString(201, QLatin1Char('c')));
        QCOMPARE(catalog.addConnection(longConnection), 0);
        // So are the other text fields, each named in the error.
        Connection longHost = sampleConnection(QStringLiteral("long host"));
        longHost.host = QString(5000, QLatin1Char('h'));
        QCOMPARE(catalog.addConnection(longHost), 0);
        QVERIFY2(catalog.lastError().contains(QLatin1String("host has at most 4096")),
                 qPrintable(catalog.lastError()));
        longHost.host = QStringLiteral("db");
        longHost.parameters.insert(QStringLiteral("options"), QString(70000, QLatin1Char('p')));
        QCOMPARE(catalog.addConnection(longHost), 0);
        QVERIFY2(catalog.lastError().contains(QLatin1String("parameters")),
                 qPrintable(catalog.lastError()));
        Datastore longSchema = source;
        longSchema.schema = QString(5000, QLatin1Char('s'));
        QVERIFY(!catalog.updateDatastore(longSchema));
        QVERIFY2(catalog.lastError().contains(QLatin1String("schema has at most 4096")),
                 qPrintable(catalog.lastError()));

        source.schema = QStringLiteral("sales");
        QVERIFY(catalog.updateDatastore(source));
        QCOMPARE(updated.count(), 1);
        QCOMPARE(catalog.datastore(source.id)->schema, QStringLiteral("sales"));

        // A connection in use stays; the user is told who uses it.
        QVERIFY(!catalog.removeConnection(connectionId));
        QVERIFY(catalog.lastError().contains(QLatin1String("Sales")));

        // Removing the enrichment target unlinks the source (ON DELETE SET NULL).
        QVERIFY(catalog.removeDatastore(target.id));
        QCOMPARE(catalog.datastore(source.id)->enrichment.enrichmentDatastoreId, 0);
        QCOMPARE(removed.count(), 1);
    }

    void containersFieldsAndOperationsCascade()
    {
        Catalog catalog;
        QVERIFY(catalog.open(freshPath()));
        const qint64 connectionId = catalog.addConnection(sampleConnection(QStringLiteral("c")));
        Datastore d;
        d.name = QStringLiteral("D");
        d.connectionId = connectionId;
        d.id = catalog.addDatastore(d);
        QSignalSpy containersChanged(&catalog, &Catalog::containersChanged);

        Container table;
        table.datastoreId = d.id;
        table.name = QStringLiteral("orders");
        table.containerType = QStringLiteral("table");
        table.incrementalStrategy = QStringLiteral("last-modified");
        table.incrementalField = QStringLiteral("updated_at");
        table.id = catalog.addContainer(table);
        QVERIFY2(table.id, qPrintable(catalog.lastError()));
        QCOMPARE(containersChanged.count(), 1);
        QCOMPARE(catalog.containers(d.id).value(0), table);

        Field f;
        f.containerId = table.id;
        f.name = QStringLiteral("qty");
        f.ordinal = 1;
        f.declaredType = QStringLiteral("integer");
        f.nullable = false;
        f.id = catalog.addField(f);
        QVERIFY(f.id);
        QCOMPARE(catalog.fields(table.id).value(0), f);

        Operation op;
        op.datastoreId = d.id;
        op.type = QStringLiteral("catalog");
        op.status = QStringLiteral("success");
        op.triggeredBy = QStringLiteral("cli");
        op.options = QJsonObject{{QStringLiteral("prune"), true}};
        op.counters = QJsonObject{{QStringLiteral("containers_added"), 3}};
        op.startedAt = QDateTime::currentDateTimeUtc();
        op.endedAt = op.startedAt.addSecs(2);
        op.id = catalog.addOperation(op);
        QVERIFY2(op.id, qPrintable(catalog.lastError()));
        const Operation stored = catalog.operations(d.id).value(0);
        QCOMPARE(stored.options, op.options);
        QCOMPARE(stored.counters, op.counters);
        QCOMPARE(stored.endedAt.toMSecsSinceEpoch(), op.endedAt.toMSecsSinceEpoch());
        QVERIFY(catalog.appendOperationLog(
            op.id, {QDateTime(), QStringLiteral("warning"), QStringLiteral("table t skipped")}));
        QCOMPARE(catalog.operationLog(op.id).value(0).message, QStringLiteral("table t skipped"));

        QVERIFY(catalog.removeDatastore(d.id));
        QSqlQuery q(catalog.database());
        for (const char *table :
             {"containers", "fields", "operations", "operation_log", "schedules"}) {
            QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM %1").arg(QLatin1String(table))));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), 0);
        }
    }

    // The Catalog's DDL must also run on PostgreSQL, so a team can share a catalog later.
    void migrationsRunOnPostgres()
    {
        const test::Server pg = test::postgres();
        QVERIFY2(pg.port, "the Servers fixture is not running");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), "pgcatalog");
            db.setHostName(pg.host);
            db.setPort(pg.port);
            db.setUserName(pg.user);
            db.setPassword(pg.password);
            db.setDatabaseName(pg.database);
            QVERIFY2(db.open(), qPrintable(db.lastError().text()));
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("DROP SCHEMA IF EXISTS catalog_test CASCADE")));
            QVERIFY(q.exec(QStringLiteral("CREATE SCHEMA catalog_test")));
            QVERIFY(q.exec(QStringLiteral("SET search_path TO catalog_test")));
            int from = -1;
            QString error;
            QVERIFY2(catalog::migrate(db, catalog::SqlFlavor::PostgreSQL, &from, &error),
                     qPrintable(error));
            QCOMPARE(from, 0);
            QCOMPARE(catalog::currentSchemaVersion(db), catalog::latestSchemaVersion());
            QVERIFY(q.exec(QStringLiteral(
                "INSERT INTO connections (uuid, name, type, created_at, updated_at) VALUES "
                "('u', 'n', 'postgresql', 'now', 'now') RETURNING id")));
            QVERIFY(q.next());
            QVERIFY(q.value(0).toLongLong() > 0);
            QVERIFY(q.exec(QStringLiteral("DROP SCHEMA catalog_test CASCADE")));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("pgcatalog"));
    }

    void catalogPathResolution()
    {
        qputenv("ASSAY_CATALOG", "/tmp/from-env.sqlite");
        QCOMPARE(resolveCatalogPath(QStringLiteral("/tmp/from-cli.sqlite")),
                 QStringLiteral("/tmp/from-cli.sqlite"));
        QCOMPARE(resolveCatalogPath(QString()), QStringLiteral("/tmp/from-env.sqlite"));
        qunsetenv("ASSAY_CATALOG");
        QVERIFY(resolveCatalogPath(QString()).endsWith(QLatin1String("Assay/catalog.sqlite")));
    }
};

QTEST_GUILESS_MAIN(TestCatalog)
#include "tst_catalog.moc"
