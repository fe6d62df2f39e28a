// Profile benchmark: a 1,000,000-row x 20-column table in SQLite and in PostgreSQL, profiled
// through the engine as the app does it, against one hand-written single-pass aggregate over
// every column (COUNT, MIN, MAX, SUM). Prints both times, their ratio, the table passes the
// profile reported and the peak memory of this process. Run with `make bench`.
#include "catalog/Catalog.h"
#include "engine/OperationEngine.h"
#include "secrets/CredentialStore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <cstdio>
#include <sys/resource.h>

using namespace assay;

namespace {

constexpr int kRows = 1000000;
constexpr int kColumns = 20;

long peakMemoryMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024; // Linux reports KiB
}

// c1..c20: integers (some NULL), reals, short texts and small integers, as SQL over n that
// SQLite and PostgreSQL both accept, with their aliases.
QString columns()
{
    QStringList out;
    for (int c = 1; c <= kColumns; ++c) {
        QString e;
        switch (c % 4) {
        case 0:
            e = QStringLiteral("CASE WHEN n % 97 = 0 THEN NULL ELSE n * %1 END").arg(c);
            break;
        case 1:
            e = QStringLiteral("(n % %1) * 1.5").arg(1000 + c);
            break;
        case 2:
            e = QStringLiteral("'v' || (n % %1)").arg(50 + c);
            break;
        default:
            e = QStringLiteral("n % 7");
        }
        out << QStringLiteral("%1 AS c%2").arg(e).arg(c);
    }
    return out.join(QStringLiteral(", "));
}

bool exec(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (q.exec(sql))
        return true;
    std::fprintf(stderr, "%s: %s\n", qPrintable(sql.left(100)), qPrintable(q.lastError().text()));
    return false;
}

QString baselineSql()
{
    QStringList parts{QStringLiteral("COUNT(*)")};
    for (int c = 1; c <= kColumns; ++c)
        parts << QStringLiteral("COUNT(c%1), MIN(c%1), MAX(c%1)").arg(c)
              << (c % 4 == 2 ? QStringLiteral("MAX(LENGTH(c%1))").arg(c)
                             : QStringLiteral("SUM(c%1)").arg(c));
    return QStringLiteral("SELECT %1 FROM wide").arg(parts.join(QStringLiteral(", ")));
}

double timedBaseline(QSqlDatabase &db)
{
    QElapsedTimer t;
    t.start();
    QSqlQuery q(db);
    if (!q.exec(baselineSql()) || !q.next())
        std::fprintf(stderr, "baseline failed: %s\n", qPrintable(q.lastError().text()));
    return t.elapsed() / 1000.0;
}

// Sync then Profile through the engine; returns the profile's wall time.
double timedProfile(Catalog &catalog, qint64 datastore, QString *summary)
{
    CredentialStore credentials;
    OperationEngine engine(&catalog, &credentials, 1);
    auto runAndWait = [&](const QString &type) {
        QEventLoop loop;
        qint64 id = 0;
        QObject::connect(&engine, &OperationEngine::operationFinished, &loop, [&](qint64 finished) {
            if (finished == id)
                loop.quit();
        });
        OperationRequest request;
        request.datastoreId = datastore;
        request.type = type;
        id = engine.enqueue(request);
        loop.exec();
        return id;
    };
    runAndWait(operation_type::kSync);
    QElapsedTimer t;
    t.start();
    const qint64 id = runAndWait(operation_type::kProfile);
    const double seconds = t.elapsed() / 1000.0;
    const auto op = catalog.operation(id);
    *summary = op ? QStringLiteral("%1; passes %2, queries %3")
                        .arg(op->status)
                        .arg(op->counters.value(QStringLiteral("table_passes")).toInt())
                        .arg(op->counters.value(QStringLiteral("queries")).toInt())
                  : QStringLiteral("?");
    return seconds;
}

qint64 addDatastore(Catalog &catalog, const Connection &connection, const QString &schema)
{
    Datastore d;
    d.name = connection.name;
    d.connectionId = catalog.addConnection(connection);
    d.database = connection.database;
    d.schema = schema;
    return catalog.addDatastore(d);
}

void report(const char *where, double profile, double baseline, const QString &summary)
{
    std::printf("%-10s profile %6.2f s   single-pass aggregate %6.2f s   ratio %.2f   (%s)\n",
                where, profile, baseline, profile / baseline, qPrintable(summary));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;

    // ---- SQLite ----------------------------------------------------------------------------
    {
        const QString path = dir.filePath(QStringLiteral("wide.sqlite"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), "lite");
            db.setDatabaseName(path);
            db.open();
            QElapsedTimer t;
            t.start();
            exec(db, QStringLiteral("PRAGMA journal_mode=OFF"));
            // Declared types, as a real table has them: CREATE TABLE AS would leave the
            // expression columns untyped, and Profile measures typed fields.
            QStringList defs{QStringLiteral("id INTEGER")};
            for (int c = 1; c <= kColumns; ++c)
                defs << QStringLiteral("c%1 %2").arg(c).arg(c % 4 == 1   ? "REAL"
                                                            : c % 4 == 2 ? "TEXT"
                                                                         : "INTEGER");
            exec(db, QStringLiteral("CREATE TABLE wide (%1)").arg(defs.join(QStringLiteral(", "))));
            exec(db, QStringLiteral("INSERT INTO wide WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL "
                                    "SELECT n + 1 FROM s WHERE n < %1) SELECT n AS id, %2 FROM s")
                         .arg(kRows)
                         .arg(columns()));
            std::printf("bench_profile: SQLite table of %d rows x %d columns made in %.1f s\n",
                        kRows, kColumns, t.elapsed() / 1000.0);
        }
        QSqlDatabase::removeDatabase(QStringLiteral("lite"));
        Catalog catalog;
        catalog.open(dir.filePath(QStringLiteral("catalog-lite.sqlite")));
        Connection c;
        c.name = QStringLiteral("lite");
        c.type = QStringLiteral("sqlite");
        c.database = path;
        const qint64 ds = addDatastore(catalog, c, QStringLiteral("main"));
        QString summary;
        const double profile = timedProfile(catalog, ds, &summary);
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), "base");
        db.setDatabaseName(path);
        db.open();
        const double baseline = timedBaseline(db);
        db.close();
        report("SQLite", profile, baseline, summary);
    }
    QSqlDatabase::removeDatabase(QStringLiteral("base"));

    // ---- PostgreSQL ------------------------------------------------------------------------
    const QString servers = dir.filePath(QStringLiteral("servers"));
    QProcess::execute(QStringLiteral("bash"),
                      {QStringLiteral(ASSAY_SOURCE_DIR "/tests/support/servers.sh"),
                       QStringLiteral("start"), servers});
    QMap<QString, QString> env;
    QFile f(servers + QStringLiteral("/servers.env"));
    if (f.open(QIODevice::ReadOnly))
        for (const QByteArray &line : f.readAll().split('\n'))
            if (line.contains('='))
                env.insert(QString::fromUtf8(line.left(line.indexOf('='))),
                           QString::fromUtf8(line.mid(line.indexOf('=') + 1)));
    if (!env.value(QStringLiteral("PG_PORT")).isEmpty()) {
        qputenv("PGPASSWORD", env.value(QStringLiteral("PG_PASSWORD")).toUtf8());
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), "pg");
            db.setHostName(env.value(QStringLiteral("PG_HOST")));
            db.setPort(env.value(QStringLiteral("PG_PORT")).toInt());
            db.setUserName(env.value(QStringLiteral("PG_USER")));
            db.setPassword(env.value(QStringLiteral("PG_PASSWORD")));
            db.setDatabaseName(env.value(QStringLiteral("PG_DATABASE")));
            db.open();
            QElapsedTimer t;
            t.start();
            exec(db, QStringLiteral("CREATE TABLE wide AS SELECT n AS id, %1 FROM "
                                    "generate_series(1, %2) AS n")
                         .arg(columns())
                         .arg(kRows));
            exec(db, QStringLiteral("VACUUM ANALYZE wide"));
            std::printf("bench_profile: PostgreSQL table made in %.1f s\n", t.elapsed() / 1000.0);
            Catalog catalog;
            catalog.open(dir.filePath(QStringLiteral("catalog-pg.sqlite")));
            Connection c;
            c.name = QStringLiteral("pg");
            c.type = QStringLiteral("postgresql");
            c.host = db.hostName();
            c.port = db.port();
            c.username = db.userName();
            c.database = db.databaseName();
            const qint64 ds = addDatastore(catalog, c, QStringLiteral("public"));
            QString summary;
            const double profile = timedProfile(catalog, ds, &summary);
            const double baseline = timedBaseline(db);
            report("PostgreSQL", profile, baseline, summary);
        }
        QSqlDatabase::removeDatabase(QStringLiteral("pg"));
    } else {
        std::fprintf(stderr, "bench_profile: PostgreSQL could not start; skipped\n");
    }
    QProcess::execute(QStringLiteral("bash"),
                      {QStringLiteral(ASSAY_SOURCE_DIR "/tests/support/servers.sh"),
                       QStringLiteral("stop"), servers});
    std::printf("peak memory of this process: %ld MB\n", peakMemoryMb());
    return 0;
}
