// Sync benchmark: a PostgreSQL schema of 10,000 tables x 20 columns, synced through the engine
// as the app does it. Prints: initial sync, re-sync with no change, re-sync with 1% of the
// tables changed, the longest stall of the main (GUI) thread meanwhile, and how fast the tree
// model shows a datastore with 100,000 containers. Run with `make bench`.
#include "app/engine/OperationEngine.h"
#include "app/engine/sync/SyncOperation.h"
#include "app/secrets/CredentialStore.h"
#include "models/catalog/Catalog.h"
#include "models/catalog/CatalogBatch.h"
#include "models/item/DatastoreTreeModel.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimer>
#include <cstdio>

using namespace assay;

namespace {

constexpr int kTables = 10000;
constexpr int kColumns = 20;

QMap<QString, QString> startServers(const QString &dir)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    p.start(QStringLiteral("bash"), {QStringLiteral(ASSAY_SOURCE_DIR "/tests/support/servers.sh"),
                                     QStringLiteral("start"), dir});
    p.waitForFinished(120000);
    QMap<QString, QString> env;
    QFile f(dir + QStringLiteral("/servers.env"));
    if (f.open(QIODevice::ReadOnly))
        for (const QByteArray &line : f.readAll().split('\n'))
            if (line.contains('='))
                env.insert(QString::fromUtf8(line.left(line.indexOf('='))),
                           QString::fromUtf8(line.mid(line.indexOf('=') + 1)));
    return env;
}

void stopServers(const QString &dir)
{
    QProcess::execute(QStringLiteral("bash"),
                      {QStringLiteral(ASSAY_SOURCE_DIR "/tests/support/servers.sh"),
                       QStringLiteral("stop"), dir});
}

bool exec(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (q.exec(sql))
        return true;
    std::fprintf(stderr, "%s: %s\n", qPrintable(sql.left(80)), qPrintable(q.lastError().text()));
    return false;
}

// Runs one sync through the engine while a 5 ms heartbeat measures the main thread's stalls.
double timedSync(OperationEngine &engine, Catalog &catalog, qint64 ds, qint64 *maxStallMs,
                 QString *summary)
{
    OperationRequest request;
    request.datastoreId = ds;
    request.type = operation_type::kSync;
    QElapsedTimer clock, beat;
    qint64 worst = 0;
    QTimer heartbeat;
    heartbeat.setInterval(5);
    QObject::connect(&heartbeat, &QTimer::timeout, [&] { worst = qMax(worst, beat.restart()); });
    QEventLoop loop;
    qint64 id = 0;
    QObject::connect(&engine, &OperationEngine::operationFinished, &loop, [&](qint64 finished) {
        if (finished == id)
            loop.quit();
    });
    clock.start();
    beat.start();
    heartbeat.start();
    id = engine.enqueue(request);
    loop.exec();
    const double seconds = clock.elapsed() / 1000.0;
    *maxStallMs = qMax(*maxStallMs, worst);
    const auto op = catalog.operation(id);
    *summary = op ? op->status + QStringLiteral(": ") + op->message : QStringLiteral("?");
    return seconds;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    const QString serverDir = dir.filePath(QStringLiteral("servers"));
    std::printf("bench_sync: starting PostgreSQL...\n");
    const auto env = startServers(serverDir);
    if (env.value(QStringLiteral("PG_PORT")).isEmpty()) {
        std::fprintf(stderr, "bench_sync: could not start PostgreSQL\n");
        return 1;
    }
    int rc = 0;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("a"));
        db.setHostName(env.value(QStringLiteral("PG_HOST")));
        db.setPort(env.value(QStringLiteral("PG_PORT")).toInt());
        db.setUserName(env.value(QStringLiteral("PG_USER")));
        db.setPassword(env.value(QStringLiteral("PG_PASSWORD")));
        db.setDatabaseName(env.value(QStringLiteral("PG_DATABASE")));
        if (!db.open()) {
            std::fprintf(stderr, "%s\n", qPrintable(db.lastError().text()));
            return 1;
        }
        QElapsedTimer t;
        t.start();
        QStringList columns;
        for (int c = 1; c <= kColumns; ++c)
            columns << QStringLiteral("c%1 %2").arg(c).arg(c % 3 ? QStringLiteral("integer")
                                                                 : QStringLiteral("text"));
        exec(db, QStringLiteral("CREATE SCHEMA bench"));
        // In slices: one transaction holding 10,000 new tables exhausts the lock table.
        for (int first = 1; first <= kTables; first += 500) {
            if (!exec(db, QStringLiteral("DO $$ BEGIN FOR i IN %1..%2 LOOP EXECUTE format('CREATE "
                                         "TABLE bench.t%s (id bigint NOT NULL, updated_at "
                                         "timestamp, %3)', i); END LOOP; END $$")
                              .arg(first)
                              .arg(qMin(kTables, first + 499))
                              .arg(columns.join(QStringLiteral(", ")))))
                return 1;
        }
        std::printf("bench_sync: created %d tables x %d columns in %.1f s\n", kTables, kColumns + 2,
                    t.elapsed() / 1000.0);

        Catalog catalog;
        if (!catalog.open(dir.filePath(QStringLiteral("catalog.sqlite"))))
            qFatal("%s", qPrintable(catalog.lastError()));
        Connection c;
        c.name = QStringLiteral("bench");
        c.type = QStringLiteral("postgresql");
        c.host = db.hostName();
        c.port = db.port();
        c.username = db.userName();
        c.database = db.databaseName();
        c.parameters.insert(QStringLiteral("bench"), true);
        Datastore d;
        d.name = QStringLiteral("bench");
        d.connectionId = catalog.addConnection(c);
        d.database = c.database;
        d.schema = QStringLiteral("bench");
        const qint64 ds = catalog.addDatastore(d);

        // The password reaches the worker as the keychain would give it.
        CredentialStore credentials;
        OperationEngine engine(&catalog, &credentials, 2);
        qputenv("PGPASSWORD", db.password().toUtf8()); // libpq falls back to it: no keychain here
        qint64 stall = 0;
        QString summary;
        const double initial = timedSync(engine, catalog, ds, &stall, &summary);
        std::printf("initial sync:            %6.2f s   (%s)\n", initial, qPrintable(summary));
        const double again = timedSync(engine, catalog, ds, &stall, &summary);
        std::printf("re-sync, no change:      %6.2f s   (%s)\n", again, qPrintable(summary));
        exec(db, QStringLiteral("DO $$ BEGIN FOR i IN 1..%1 LOOP EXECUTE format('ALTER TABLE "
                                "bench.t%s ADD COLUMN extra text', i * 100); END LOOP; END $$")
                     .arg(kTables / 100));
        const double changed = timedSync(engine, catalog, ds, &stall, &summary);
        std::printf("re-sync, 1%% changed:     %6.2f s   (%s)\n", changed, qPrintable(summary));
        std::printf("longest main-thread stall during syncs: %lld ms\n", stall);
        if (summary.startsWith(QLatin1String("failure")))
            rc = 1;
    }
    QSqlDatabase::removeDatabase(QStringLiteral("a"));
    stopServers(serverDir);

    // The tree over a catalog with 100,000 containers.
    {
        Catalog catalog;
        if (!catalog.open(dir.filePath(QStringLiteral("big.sqlite"))))
            qFatal("%s", qPrintable(catalog.lastError()));
        Connection c;
        c.name = QStringLiteral("big");
        c.type = QStringLiteral("sqlite");
        Datastore d;
        d.name = QStringLiteral("big");
        d.connectionId = catalog.addConnection(c);
        const qint64 ds = catalog.addDatastore(d);
        {
            CatalogBatch batch(catalog);
            Container container;
            container.datastoreId = ds;
            container.containerType = QStringLiteral("table");
            for (int i = 0; i < 100000; ++i) {
                container.name = QStringLiteral("table_%1").arg(i, 6, 10, QLatin1Char('0'));
                batch.insertContainer(container);
            }
            batch.commit();
        }
        QElapsedTimer t;
        t.start();
        DatastoreTreeModel model(&catalog);
        const int datastores = model.rowCount();
        const qint64 firstLevel = t.elapsed();
        model.fetchMore(model.index(0, 0));
        const int containers = model.rowCount(model.index(0, 0));
        std::printf("tree, 100k containers: first level (%d datastore) in %lld ms; expanding it "
                    "(%d containers) in %lld ms\n",
                    datastores, firstLevel, containers, t.elapsed() - firstLevel);
    }
    return rc;
}
