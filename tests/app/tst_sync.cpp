#include "EngineHarness.h"
#include "ServerDatabase.h"
#include "app/connectors/FolderDiscovery.h"
#include "app/engine/sync/SyncOperation.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QMutex>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace assay;

// Sync against real PostgreSQL, MariaDB, SQLite and a folder of files, through the engine.
class TestSync : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    test::EngineHarness m_harness;
    Catalog &m_catalog = m_harness.catalog;

    // The odd name every dialect must survive: quotes, a statement terminator, a comment.
    const QString kOdd = QStringLiteral("a\"; drop table b; --");

    static void exec(QSqlDatabase &db, const QString &sql)
    {
        QSqlQuery q(db);
        if (!q.exec(sql))
            QFAIL(qPrintable(sql + QStringLiteral(": ") + q.lastError().text()));
    }

    Operation sync(qint64 datastoreId, const SyncOptions &options = SyncOptions())
    {
        return m_harness.run(datastoreId, operation_type::kSync, options.toJson(), 30000);
    }

    QMap<QString, Container> containers(qint64 datastoreId)
    {
        QMap<QString, Container> out;
        for (const Container &c : m_catalog.containers(datastoreId))
            out.insert(c.name, c);
        return out;
    }

    QMap<QString, Field> fieldsOf(qint64 containerId)
    {
        QMap<QString, Field> out;
        for (const Field &f : m_catalog.fields(containerId))
            out.insert(f.name, f);
        return out;
    }

    static int counter(const Operation &op, const char *name)
    {
        return op.counters.value(QLatin1String(name)).toInt();
    }

    // The SQL statements the source was sent while `run` ran (the assay.sql debug log).
    static QStringList statementsDuring(const std::function<void()> &run)
    {
        // The operation logs from its worker thread.
        static QMutex lock;
        static QStringList *seen = nullptr;
        QStringList statements;
        {
            QMutexLocker locked(&lock);
            seen = &statements;
        }
        QLoggingCategory::setFilterRules(QStringLiteral("assay.sql.debug=true"));
        const QtMessageHandler previous = qInstallMessageHandler(
            [](QtMsgType, const QMessageLogContext &context, const QString &message) {
                QMutexLocker locked(&lock);
                if (seen && context.category &&
                    QLatin1String(context.category) == QLatin1String("assay.sql"))
                    seen->append(message);
            });
        run();
        qInstallMessageHandler(previous);
        QLoggingCategory::setFilterRules(QStringLiteral("assay.sql.debug=false"));
        QMutexLocker locked(&lock);
        seen = nullptr;
        return statements;
    }

private slots:
    void initTestCase()
    {
        m_harness.startOnFixtures(m_dir.filePath(QStringLiteral("catalog.sqlite")));
    }

    void cleanupTestCase() { m_harness.stop(); }

    void postgresDiscoveryDeltasPruneRecreate()
    {
        const test::Server pg = test::postgres();
        {
            QSqlDatabase db =
                test::serverDatabase(QStringLiteral("QPSQL"), pg, QStringLiteral("pgadmin"));
            QVERIFY2(db.open(), qPrintable(db.lastError().text()));
            exec(db, QStringLiteral("DROP SCHEMA IF EXISTS sync_pg CASCADE"));
            exec(db, QStringLiteral("CREATE SCHEMA sync_pg"));
            exec(db, QStringLiteral(
                         "CREATE TABLE sync_pg.orders (id bigint PRIMARY KEY, "
                         "updated_at timestamp NOT NULL, qty integer, note text, extra text)"));
            exec(db, QStringLiteral("CREATE TABLE sync_pg.\"%1\" (\"a b\" text, \"select\" "
                                    "integer NOT NULL, \"ünï\" numeric(10,2))")
                         .arg(QString(kOdd).replace(QLatin1String("\""), QLatin1String("\"\""))));
            exec(db, QStringLiteral("CREATE TABLE sync_pg.customers (customer_id integer NOT "
                                    "NULL, email text)"));
            exec(db, QStringLiteral("CREATE VIEW sync_pg.v_orders AS SELECT id, qty FROM "
                                    "sync_pg.orders"));
            exec(db, QStringLiteral("CREATE TABLE public.outside_the_schema (x integer)"));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("pgadmin"));

        const qint64 ds = m_harness.datastoreFor(QStringLiteral("pg"), QStringLiteral("postgresql"),
                                                 pg, pg.database, QStringLiteral("sync_pg"));
        QVERIFY(ds);
        Operation op = sync(ds);
        QCOMPARE(op.status, QStringLiteral("success"));
        QCOMPARE(op.type, QStringLiteral("catalog"));
        QCOMPARE(counter(op, "containers_added"), 4);
        QCOMPARE(op.options.value(QStringLiteral("prune")).toBool(), false);
        auto found = containers(ds);
        QCOMPARE(found.keys(), (QStringList{kOdd, QStringLiteral("customers"),
                                            QStringLiteral("orders"), QStringLiteral("v_orders")}));
        QCOMPARE(found.value(QStringLiteral("v_orders")).containerType, QStringLiteral("view"));
        const Container orders = found.value(QStringLiteral("orders"));
        QCOMPARE(orders.incrementalStrategy, QStringLiteral("last-modified"));
        QCOMPARE(orders.incrementalField, QStringLiteral("updated_at"));
        QCOMPARE(orders.partitionField, QStringLiteral("updated_at"));
        const Container customers = found.value(QStringLiteral("customers"));
        QCOMPARE(customers.incrementalStrategy, QStringLiteral("batch-value"));
        QCOMPARE(customers.incrementalField, QStringLiteral("customer_id"));
        const auto oddFields = fieldsOf(found.value(kOdd).id);
        QCOMPARE(oddFields.keys(), (QStringList{QStringLiteral("a b"), QStringLiteral("select"),
                                                QStringLiteral("ünï")}));
        QCOMPARE(oddFields.value(QStringLiteral("select")).nullable, false);
        QCOMPARE(oddFields.value(QStringLiteral("ünï")).declaredType,
                 QStringLiteral("numeric(10,2)"));

        // No change: nothing written.
        op = sync(ds);
        for (const char *c : {"containers_added", "containers_changed", "containers_removed",
                              "fields_added", "fields_changed", "fields_removed"})
            QCOMPARE(counter(op, c), 0);

        // A user's identifiers survive later syncs.
        Container overridden = containers(ds).value(QStringLiteral("orders"));
        overridden.incrementalStrategy = QStringLiteral("batch-value");
        overridden.incrementalField = QStringLiteral("id");
        overridden.identifiersOverridden = true;
        QVERIFY(m_catalog.updateContainerSettings(overridden));

        {
            QSqlDatabase db =
                test::serverDatabase(QStringLiteral("QPSQL"), pg, QStringLiteral("pgadmin"));
            QVERIFY(db.open());
            exec(db, QStringLiteral("ALTER TABLE sync_pg.orders ADD COLUMN shipped_at date"));
            exec(db, QStringLiteral("ALTER TABLE sync_pg.orders ALTER COLUMN note TYPE "
                                    "varchar(200)"));
            exec(db, QStringLiteral("ALTER TABLE sync_pg.orders DROP COLUMN extra"));
            exec(db, QStringLiteral("DROP TABLE sync_pg.customers"));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("pgadmin"));
        op = sync(ds);
        QCOMPARE(op.status, QStringLiteral("success"));
        QCOMPARE(counter(op, "fields_added"), 1);
        QCOMPARE(counter(op, "fields_changed"), 1);
        QCOMPARE(counter(op, "fields_removed"), 1);
        QCOMPARE(counter(op, "containers_changed"), 1);
        QCOMPARE(counter(op, "containers_missing"), 1);
        QCOMPARE(counter(op, "containers_removed"), 0);
        QVERIFY(op.result.value(QStringLiteral("fields_changed"))
                    .toArray()
                    .contains(QStringLiteral("orders.note")));
        found = containers(ds);
        QCOMPARE(found.value(QStringLiteral("orders")).incrementalField, QStringLiteral("id"));
        QVERIFY(!found.value(QStringLiteral("customers")).removed);
        const auto orderFields = fieldsOf(found.value(QStringLiteral("orders")).id);
        QCOMPARE(orderFields.value(QStringLiteral("note")).declaredType,
                 QStringLiteral("character varying(200)"));
        QVERIFY(orderFields.value(QStringLiteral("extra")).removed);

        // Prune removes what is gone.
        SyncOptions prune;
        prune.prune = true;
        op = sync(ds, prune);
        QCOMPARE(counter(op, "containers_removed"), 1);
        QVERIFY(containers(ds).value(QStringLiteral("customers")).removed);

        // It exists again: restored only with recreate.
        {
            QSqlDatabase db =
                test::serverDatabase(QStringLiteral("QPSQL"), pg, QStringLiteral("pgadmin"));
            QVERIFY(db.open());
            exec(db, QStringLiteral("CREATE TABLE sync_pg.customers (customer_id integer NOT "
                                    "NULL, email text, phone text)"));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("pgadmin"));
        op = sync(ds);
        QCOMPARE(counter(op, "containers_restored"), 0);
        QVERIFY(containers(ds).value(QStringLiteral("customers")).removed);
        SyncOptions recreate;
        recreate.recreate = true;
        op = sync(ds, recreate);
        QCOMPARE(counter(op, "containers_restored"), 1);
        QVERIFY(!containers(ds).value(QStringLiteral("customers")).removed);
        QVERIFY(fieldsOf(containers(ds).value(QStringLiteral("customers")).id)
                    .contains(QStringLiteral("phone")));

        // Tables only: the view is neither discovered nor pruned.
        SyncOptions tablesOnly;
        tablesOnly.includeViews = false;
        tablesOnly.prune = true;
        op = sync(ds, tablesOnly);
        QCOMPARE(op.status, QStringLiteral("success"));
        QCOMPARE(counter(op, "containers_removed"), 0);
        QVERIFY(!containers(ds).value(QStringLiteral("v_orders")).removed);
    }

    // A connection whose password is a ${key} reference: every operation fetches it from Vault
    // (here a loopback HTTP server standing in for one) and keeps it in memory only.
    // On PostgreSQL a re-sync asks the server for a digest of each relation's columns and lists
    // the columns only of the relations whose digest changed: none when nothing did, and just
    // the altered table's after an ALTER TABLE. The catalog ends the same as a full read.
    void postgresResyncListsOnlyChangedColumns()
    {
        const test::Server pg = test::postgres();
        const auto admin = [&](const QString &sql) {
            QSqlDatabase db =
                test::serverDatabase(QStringLiteral("QPSQL"), pg, QStringLiteral("pgdigest"));
            QVERIFY2(db.open(), qPrintable(db.lastError().text()));
            exec(db, sql);
            db.close();
        };
        admin(QStringLiteral("DROP SCHEMA IF EXISTS sync_digest CASCADE"));
        admin(QStringLiteral("CREATE SCHEMA sync_digest"));
        for (int i = 1; i <= 3; ++i)
            admin(QStringLiteral("CREATE TABLE sync_digest.t%1 (id integer PRIMARY KEY, v text)")
                      .arg(i));
        QSqlDatabase::removeDatabase(QStringLiteral("pgdigest"));
        const qint64 ds =
            m_harness.datastoreFor(QStringLiteral("pg digest"), QStringLiteral("postgresql"), pg,
                                   pg.database, QStringLiteral("sync_digest"));
        QCOMPARE(sync(ds).status, QStringLiteral("success"));
        const auto first = containers(ds);
        QCOMPARE(first.size(), 3);
        const auto columnQueries = [](const QStringList &statements) {
            QStringList out;
            for (const QString &s : statements)
                if (s.contains(QLatin1String("ORDER BY c.relname, a.attnum")))
                    out << s;
            return out;
        };

        Operation op;
        QStringList sent = statementsDuring([&] { op = sync(ds); });
        QCOMPARE(op.status, QStringLiteral("success"));
        QCOMPARE(counter(op, "containers_changed"), 0);
        QVERIFY2(columnQueries(sent).isEmpty(), qPrintable(sent.join(u'\n')));
        QCOMPARE(containers(ds), first);

        admin(QStringLiteral("ALTER TABLE sync_digest.t2 ADD COLUMN w numeric(6,2) NOT NULL "
                             "DEFAULT 0"));
        QSqlDatabase::removeDatabase(QStringLiteral("pgdigest"));
        sent = statementsDuring([&] { op = sync(ds); });
        QCOMPARE(counter(op, "containers_changed"), 1);
        QCOMPARE(counter(op, "fields_added"), 1);
        QCOMPARE(columnQueries(sent).size(), 1);
        QVERIFY(columnQueries(sent).first().contains(QLatin1String("string_to_array")));
        const Field w =
            fieldsOf(containers(ds).value(QStringLiteral("t2")).id).value(QStringLiteral("w"));
        QCOMPARE(w.declaredType, QStringLiteral("numeric(6,2)"));
        QVERIFY(!w.nullable);

        // A type change the column names alone would not show is seen too.
        admin(QStringLiteral("ALTER TABLE sync_digest.t3 ALTER COLUMN v TYPE varchar(40)"));
        QSqlDatabase::removeDatabase(QStringLiteral("pgdigest"));
        op = sync(ds);
        QCOMPARE(counter(op, "fields_changed"), 1);
        QCOMPARE(fieldsOf(containers(ds).value(QStringLiteral("t3")).id)
                     .value(QStringLiteral("v"))
                     .declaredType,
                 QStringLiteral("character varying(40)"));
    }

    void vaultReferencesAreResolvedForOperations()
    {
        const test::Server pg = test::postgres();
        QTcpServer vault;
        QVERIFY(vault.listen(QHostAddress::LocalHost, 0));
        int requests = 0;
        connect(&vault, &QTcpServer::newConnection, this, [&] {
            QTcpSocket *socket = vault.nextPendingConnection();
            connect(socket, &QTcpSocket::readyRead, socket, [&, socket] {
                if (!socket->readAll().contains("\r\n\r\n"))
                    return;
                ++requests;
                const QByteArray body =
                    QJsonDocument(QJsonObject{{QStringLiteral("data"),
                                               QJsonObject{{QStringLiteral("pw"), pg.password}}}})
                        .toJson(QJsonDocument::Compact);
                socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                              "Content-Length: " +
                              QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" +
                              body);
                socket->disconnectFromHost();
            });
        });
        test::Server withReference = pg;
        withReference.password = QStringLiteral("${pw}");
        const qint64 ds =
            m_harness.datastoreFor(QStringLiteral("pg-vault"), QStringLiteral("postgresql"),
                                   withReference, pg.database, QStringLiteral("public"));
        QVERIFY(ds);
        Connection c = *m_catalog.connection(m_catalog.datastore(ds)->connectionId);
        c.parameters.insert(
            QStringLiteral("secrets_manager"),
            QJsonObject{
                {QStringLiteral("secret_url"),
                 QStringLiteral("http://127.0.0.1:%1/v1/secret/db").arg(vault.serverPort())},
                {QStringLiteral("data_jsonpath"), QStringLiteral("$.data")}});
        QVERIFY(m_catalog.updateConnection(c));
        const Operation op = sync(ds);
        QVERIFY2(op.status == QLatin1String("success"), qPrintable(op.message));
        QCOMPARE(requests, 1);
        // Without the secret's key the operation fails and says which key is missing.
        c.parameters.insert(
            QStringLiteral("secrets_manager"),
            QJsonObject{
                {QStringLiteral("secret_url"),
                 QStringLiteral("http://127.0.0.1:%1/v1/secret/db").arg(vault.serverPort())},
                {QStringLiteral("data_jsonpath"), QStringLiteral("$.nothing")}});
        QVERIFY(m_catalog.updateConnection(c));
        const Operation failed = sync(ds);
        QCOMPARE(failed.status, QStringLiteral("failure"));
        QVERIFY2(failed.message.contains(QLatin1String("Vault")), qPrintable(failed.message));
    }

    void mariadbDiscovery()
    {
        const test::Server md = test::mariadb();
        QVERIFY(md.port);
        {
            QSqlDatabase db =
                test::serverDatabase(QStringLiteral("QMARIADB"), md, QStringLiteral("mdadmin"));
            QVERIFY2(db.open(), qPrintable(db.lastError().text()));
            exec(db, QStringLiteral("DROP DATABASE IF EXISTS assay_sync"));
            exec(db, QStringLiteral("CREATE DATABASE assay_sync"));
            exec(db, QStringLiteral("CREATE TABLE assay_sync.orders (id BIGINT NOT NULL PRIMARY "
                                    "KEY, modified_at DATETIME(6) NOT NULL, total DECIMAL(10,2))"));
            exec(db, QStringLiteral("CREATE TABLE assay_sync.`%1` (`a b` TEXT, `select` INT NOT "
                                    "NULL)")
                         .arg(QString(kOdd).replace(QLatin1String("`"), QLatin1String("``"))));
            exec(db, QStringLiteral("CREATE VIEW assay_sync.v_totals AS SELECT id, total FROM "
                                    "assay_sync.orders"));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("mdadmin"));
        const qint64 ds =
            m_harness.datastoreFor(QStringLiteral("md"), QStringLiteral("mariadb"), md,
                                   QStringLiteral("assay_sync"), QStringLiteral("assay_sync"));
        const Operation op = sync(ds);
        QCOMPARE(op.status, QStringLiteral("success"));
        const auto found = containers(ds);
        QCOMPARE(found.keys(),
                 (QStringList{kOdd, QStringLiteral("orders"), QStringLiteral("v_totals")}));
        QCOMPARE(found.value(QStringLiteral("v_totals")).containerType, QStringLiteral("view"));
        QCOMPARE(found.value(QStringLiteral("orders")).incrementalField,
                 QStringLiteral("modified_at"));
        const auto fields = fieldsOf(found.value(QStringLiteral("orders")).id);
        QCOMPARE(fields.value(QStringLiteral("total")).declaredType,
                 QStringLiteral("decimal(10,2)"));
        QCOMPARE(fields.value(QStringLiteral("id")).nullable, false);
        QCOMPARE(fieldsOf(found.value(kOdd).id).size(), 2);
    }

    void sqliteDiscovery()
    {
        const QString path = m_dir.filePath(QStringLiteral("source.sqlite"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), "src");
            db.setDatabaseName(path);
            QVERIFY(db.open());
            exec(db, QStringLiteral("CREATE TABLE items (item_id INTEGER PRIMARY KEY NOT NULL, "
                                    "name TEXT, price REAL, last_update TIMESTAMP)"));
            exec(db, QStringLiteral("CREATE TABLE \"%1\" (\"ünï code\" TEXT)")
                         .arg(QString(kOdd).replace(QLatin1String("\""), QLatin1String("\"\""))));
            exec(db, QStringLiteral("CREATE VIEW cheap AS SELECT * FROM items WHERE price < 1"));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("src"));
        const qint64 ds = m_harness.datastoreFor(QStringLiteral("lite"), QStringLiteral("sqlite"),
                                                 test::Server{}, path, QStringLiteral("main"));
        const Operation op = sync(ds);
        QCOMPARE(op.status, QStringLiteral("success"));
        const auto found = containers(ds);
        QCOMPARE(found.keys(),
                 (QStringList{kOdd, QStringLiteral("cheap"), QStringLiteral("items")}));
        QCOMPARE(found.value(QStringLiteral("items")).incrementalStrategy,
                 QStringLiteral("last-modified"));
        QCOMPARE(found.value(QStringLiteral("items")).incrementalField,
                 QStringLiteral("last_update"));
        QCOMPARE(fieldsOf(found.value(kOdd).id).firstKey(), QStringLiteral("ünï code"));
        // Sync reads a source; it never writes to it.
        QCOMPARE(QFileInfo(path).lastModified() < QDateTime::currentDateTime().addSecs(1), true);
    }

    // A re-sync skips the containers read as it recorded them (their digest), yet still
    // sees a change, gives a container from an older catalog (no digest) one without calling
    // it changed, and re-detects identifiers the user handed back.
    void resyncComparesOnlyWhatChanged()
    {
        const QString path = m_dir.filePath(QStringLiteral("digest.sqlite"));
        const auto source = [&](const QString &sql) {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), "digest");
            db.setDatabaseName(path);
            QVERIFY(db.open());
            exec(db, sql);
            db.close();
        };
        source(QStringLiteral("CREATE TABLE a (id INTEGER PRIMARY KEY, updated_at TIMESTAMP)"));
        source(QStringLiteral("CREATE TABLE b (z TEXT)"));
        QSqlDatabase::removeDatabase(QStringLiteral("digest"));
        const qint64 ds = m_harness.datastoreFor(QStringLiteral("digest"), QStringLiteral("sqlite"),
                                                 test::Server{}, path, QStringLiteral("main"));
        QCOMPARE(sync(ds).status, QStringLiteral("success"));
        const auto first = containers(ds);
        QVERIFY(!first.value(QStringLiteral("a")).sourceDigest.isEmpty());
        QVERIFY(first.value(QStringLiteral("a")).sourceDigest !=
                first.value(QStringLiteral("b")).sourceDigest);

        Operation op = sync(ds);
        QCOMPARE(counter(op, "containers_changed"), 0);
        QCOMPARE(containers(ds), first); // nothing written, not even a timestamp

        // A catalog from before digests: compared, given one, not changed.
        QSqlQuery clear(m_catalog.database());
        QVERIFY(clear.exec(QStringLiteral("UPDATE containers SET source_digest = '' WHERE id = %1")
                               .arg(first.value(QStringLiteral("a")).id)));
        op = sync(ds);
        QCOMPARE(counter(op, "containers_changed"), 0);
        QCOMPARE(containers(ds).value(QStringLiteral("a")).sourceDigest,
                 first.value(QStringLiteral("a")).sourceDigest);

        // Identifiers the user no longer overrides are detected again.
        Container a = containers(ds).value(QStringLiteral("a"));
        QCOMPARE(a.incrementalField, QStringLiteral("updated_at"));
        a.incrementalField = QStringLiteral("id");
        a.incrementalStrategy = QStringLiteral("batch-value");
        a.identifiersOverridden = false;
        QVERIFY(m_catalog.updateContainerSettings(a));
        // The next Sync must compare it: what it read of it is forgotten.
        QVERIFY(containers(ds).value(QStringLiteral("a")).sourceDigest.isEmpty());
        op = sync(ds);
        QCOMPARE(containers(ds).value(QStringLiteral("a")).incrementalField,
                 QStringLiteral("updated_at"));

        // A change is seen, and only its container is compared.
        source(QStringLiteral("ALTER TABLE b ADD COLUMN w REAL"));
        QSqlDatabase::removeDatabase(QStringLiteral("digest"));
        op = sync(ds);
        QCOMPARE(counter(op, "containers_changed"), 1);
        QCOMPARE(counter(op, "fields_added"), 1);
        QVERIFY(
            fieldsOf(containers(ds).value(QStringLiteral("b")).id).contains(QStringLiteral("w")));
        QVERIFY(containers(ds).value(QStringLiteral("b")).sourceDigest !=
                first.value(QStringLiteral("b")).sourceDigest);
    }

    void folderDiscovery()
    {
        QTemporaryDir folder;
        auto write = [&](const QString &name, const QByteArray &content) {
            QDir(folder.path()).mkpath(QFileInfo(folder.filePath(name)).path());
            QFile f(folder.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(content);
        };
        write(QStringLiteral("sales_2024-01.csv"),
              "id,amount,sold_on,paid\n1,9.5,2024-01-03,true\n2,,2024-01-04,false\n");
        write(QStringLiteral("sales_2024-02.csv"), "id,amount,sold_on,paid\n3,1,2024-02-01,true\n");
        write(QStringLiteral("customers.tsv"), "name\tcity\nAda\tLondon\n\"Bob, Jr\"\tParis\n");
        write(QStringLiteral("logs/events.jsonl"),
              "{\"at\":\"2024-01-01T10:00:00Z\",\"n\":1,\"tags\":[1]}\n{\"at\":\"2024-01-02T"
              "11:00:00Z\",\"n\":2.5}\n");
        write(QStringLiteral("notes.txt"), "not a container");
        write(QStringLiteral(".hidden.csv"), "a\n1\n");

        QCOMPARE(fileNamePattern(QStringLiteral("sales_2024-01.csv")),
                 QStringLiteral("sales_*.csv"));
        QCOMPARE(inferTextType({QStringLiteral("1"), QStringLiteral("2.5")}),
                 QStringLiteral("fractional"));
        QCOMPARE(inferTextType({QStringLiteral("2024-01-01"), QStringLiteral("x")}),
                 QStringLiteral("string"));

        const qint64 ds = m_harness.datastoreFor(QStringLiteral("files"), QStringLiteral("local"),
                                                 test::Server{}, folder.path(), QString());
        const Operation op = sync(ds);
        QCOMPARE(op.status, QStringLiteral("success"));
        const auto found = containers(ds);
        QCOMPARE(found.keys(),
                 (QStringList{QStringLiteral("customers.tsv"), QStringLiteral("logs/events.jsonl"),
                              QStringLiteral("sales_*.csv")}));
        const Container sales = found.value(QStringLiteral("sales_*.csv"));
        QCOMPARE(sales.containerType, QStringLiteral("file"));
        QCOMPARE(sales.settings.value(QStringLiteral("source"))
                     .toObject()
                     .value(QStringLiteral("files"))
                     .toArray()
                     .size(),
                 2);
        const auto salesFields = fieldsOf(sales.id);
        QCOMPARE(salesFields.value(QStringLiteral("id")).declaredType, QStringLiteral("integral"));
        QCOMPARE(salesFields.value(QStringLiteral("amount")).declaredType,
                 QStringLiteral("fractional"));
        QVERIFY(salesFields.value(QStringLiteral("amount")).nullable);
        QCOMPARE(salesFields.value(QStringLiteral("sold_on")).declaredType, QStringLiteral("date"));
        QCOMPARE(salesFields.value(QStringLiteral("paid")).declaredType, QStringLiteral("boolean"));
        const auto events = fieldsOf(found.value(QStringLiteral("logs/events.jsonl")).id);
        QCOMPARE(events.value(QStringLiteral("at")).declaredType, QStringLiteral("timestamp"));
        QCOMPARE(events.value(QStringLiteral("n")).declaredType, QStringLiteral("fractional"));
        QVERIFY(events.value(QStringLiteral("tags")).nullable);
        QCOMPARE(fieldsOf(found.value(QStringLiteral("customers.tsv")).id).size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestSync)
#include "tst_sync.moc"
