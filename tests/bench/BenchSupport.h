#pragma once

// What the Profile and Scan benchmarks share: the same 1,000,000-row x 20-column table in
// SQLite and in PostgreSQL, an engine to run operations on it, a timed hand-written baseline,
// and the report lines. Each benchmark brings the operation it measures and its baseline SQL.
#include "app/engine/OperationEngine.h"
#include "app/engine/OperationRequest.h"
#include "models/catalog/Catalog.h"

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
#include <functional>
#include <sys/resource.h>

namespace assay::bench {

constexpr int kRows = 1000000;
constexpr int kColumns = 20;
// Each figure is the best of this many runs: the machine's other work only ever adds time.
constexpr int kRuns = 3;

inline long peakMemoryMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024; // Linux reports KiB
}

// c1..c20: integers (some NULL), reals, short texts and small integers, as SQL over n that
// SQLite and PostgreSQL both accept, with their aliases.
inline QString columns()
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

inline bool exec(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (q.exec(sql))
        return true;
    std::fprintf(stderr, "%s: %s\n", qPrintable(sql.left(100)), qPrintable(q.lastError().text()));
    return false;
}

// Seconds the hand-written baseline statement takes to its first row: the best of kRuns.
inline double timedBaseline(QSqlDatabase &db, const QString &sql)
{
    double best = 0;
    for (int run = 0; run < kRuns; ++run) {
        QElapsedTimer t;
        t.start();
        QSqlQuery q(db);
        if (!q.exec(sql) || !q.next())
            std::fprintf(stderr, "baseline failed: %s\n", qPrintable(q.lastError().text()));
        const double seconds = t.elapsed() / 1000.0;
        best = run == 0 ? seconds : qMin(best, seconds);
    }
    return best;
}

// Queues an operation of `type` on the datastore and returns its id once it has finished (0,
// with the reason on stderr, when the engine refuses it).
inline qint64 runAndWait(OperationEngine &engine, qint64 datastore, const QString &type,
                         const QJsonObject &options = {})
{
    QEventLoop loop;
    qint64 id = -1;
    bool finished = false;
    QObject::connect(&engine, &OperationEngine::operationFinished, &loop, [&](qint64 done) {
        if (done == id) {
            finished = true;
            loop.quit();
        }
    });
    OperationRequest request;
    request.datastoreId = datastore;
    request.type = type;
    request.options = options;
    id = engine.enqueue(request);
    if (id == 0) {
        std::fprintf(stderr, "%s refused: %s\n", qPrintable(type), qPrintable(engine.lastError()));
        return 0;
    }
    if (!finished && engine.isActive(id))
        loop.exec();
    return id;
}

inline qint64 addDatastore(Catalog &catalog, const Connection &connection, const QString &schema)
{
    Datastore d;
    d.name = connection.name;
    d.connectionId = catalog.addConnection(connection);
    d.database = connection.database;
    d.schema = schema;
    return catalog.addDatastore(d);
}

// Times the measured operation on a datastore whose table `wide` is made; fills `summary`.
using Measure = std::function<double(Catalog &catalog, qint64 datastore, QString *summary)>;

// A hand-written single-pass aggregate over `wide` to compare with, and what it computes.
struct Baseline
{
    const char *label;
    QString sql;
    QString postgresSql = {}; // when PostgreSQL is written differently
};

struct WideBench
{
    const char *name; // "bench_scan", for the progress lines
    const char *what; // "scan", for the report lines
    QList<Baseline> baselines;
    Measure measure;
};

// The best of kRuns measurements (the summary is the last run's).
inline double bestOf(const WideBench &bench, Catalog &catalog, qint64 datastore, QString *summary)
{
    double best = 0;
    for (int run = 0; run < kRuns; ++run) {
        const double seconds = bench.measure(catalog, datastore, summary);
        best = run == 0 ? seconds : qMin(best, seconds);
    }
    return best;
}

inline void report(const WideBench &bench, const char *where, double measured,
                   const QList<double> &baselines, const QString &summary)
{
    std::printf("%-10s %s %6.2f s   (%s)\n", where, bench.what, measured, qPrintable(summary));
    for (int i = 0; i < baselines.size(); ++i)
        std::printf("%-10s   hand-written single pass, %s: %6.2f s   ratio %.2f\n", where,
                    bench.baselines.at(i).label, baselines.at(i), measured / baselines.at(i));
}

// SQLite: a file with the typed table, measured, then the baseline on its own connection.
inline void sqliteBench(const WideBench &bench, const QTemporaryDir &dir)
{
    const QString path = dir.filePath(QStringLiteral("wide.sqlite"));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), "lite");
        db.setDatabaseName(path);
        db.open();
        QElapsedTimer t;
        t.start();
        exec(db, QStringLiteral("PRAGMA journal_mode=OFF"));
        // Declared types, as a real table has them: CREATE TABLE AS would leave the expression
        // columns untyped, and Profile and Scan measure typed fields.
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
        std::printf("%s: SQLite table of %d rows x %d columns made in %.1f s\n", bench.name, kRows,
                    kColumns, t.elapsed() / 1000.0);
    }
    QSqlDatabase::removeDatabase(QStringLiteral("lite"));
    Catalog catalog;
    if (!catalog.open(dir.filePath(QStringLiteral("catalog-lite.sqlite"))))
        qFatal("%s", qPrintable(catalog.lastError()));
    Connection c;
    c.name = QStringLiteral("lite");
    c.type = QStringLiteral("sqlite");
    c.database = path;
    const qint64 ds = addDatastore(catalog, c, QStringLiteral("main"));
    QString summary;
    const double measured = bestOf(bench, catalog, ds, &summary);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), "base");
        db.setDatabaseName(path);
        db.open();
        QList<double> baselines;
        for (const Baseline &b : bench.baselines)
            baselines << timedBaseline(db, b.sql);
        db.close();
        report(bench, "SQLite", measured, baselines, summary);
    }
    QSqlDatabase::removeDatabase(QStringLiteral("base"));
}

// A private PostgreSQL and MariaDB (the tests' servers.sh) for one benchmark: started here,
// stopped when it goes.
class PrivateServers
{
public:
    explicit PrivateServers(const QTemporaryDir &dir)
        : m_dir(dir.filePath(QStringLiteral("servers")))
    {
        QProcess::execute(QStringLiteral("bash"),
                          {QStringLiteral(ASSAY_SOURCE_DIR "/tests/support/servers.sh"),
                           QStringLiteral("start"), m_dir});
        QFile f(m_dir + QStringLiteral("/servers.env"));
        if (f.open(QIODevice::ReadOnly))
            for (const QByteArray &line : f.readAll().split('\n'))
                if (line.contains('='))
                    m_env.insert(QString::fromUtf8(line.left(line.indexOf('='))),
                                 QString::fromUtf8(line.mid(line.indexOf('=') + 1)));
        if (ok())
            qputenv("PGPASSWORD", value("PG_PASSWORD").toUtf8());
    }
    ~PrivateServers()
    {
        QProcess::execute(QStringLiteral("bash"),
                          {QStringLiteral(ASSAY_SOURCE_DIR "/tests/support/servers.sh"),
                           QStringLiteral("stop"), m_dir});
    }
    bool ok() const { return !value("PG_PORT").isEmpty(); }
    QString value(const char *key) const { return m_env.value(QLatin1String(key)); }

    // An open connection to the PostgreSQL test database, named `name`.
    QSqlDatabase postgres(const QString &name) const
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(value("PG_HOST"));
        db.setPort(value("PG_PORT").toInt());
        db.setUserName(value("PG_USER"));
        db.setPassword(value("PG_PASSWORD"));
        db.setDatabaseName(value("PG_DATABASE"));
        db.open();
        return db;
    }
    // A catalog connection to it (its password comes from PGPASSWORD, as the engine reads it
    // when the keychain has none).
    Connection postgresConnection() const
    {
        Connection c;
        c.name = QStringLiteral("pg");
        c.type = QStringLiteral("postgresql");
        c.host = value("PG_HOST");
        c.port = value("PG_PORT").toInt();
        c.username = value("PG_USER");
        c.database = value("PG_DATABASE");
        return c;
    }

private:
    QString m_dir;
    QMap<QString, QString> m_env;
};

// PostgreSQL: a private server, the table made there, measured.
inline void postgresBench(const WideBench &bench, const QTemporaryDir &dir)
{
    PrivateServers servers(dir);
    if (!servers.ok()) {
        std::fprintf(stderr, "%s: PostgreSQL could not start; skipped\n", bench.name);
        return;
    }
    {
        QSqlDatabase db = servers.postgres(QStringLiteral("pg"));
        QElapsedTimer t;
        t.start();
        exec(db, QStringLiteral("CREATE TABLE wide AS SELECT n AS id, %1 FROM "
                                "generate_series(1, %2) AS n")
                     .arg(columns())
                     .arg(kRows));
        exec(db, QStringLiteral("VACUUM ANALYZE wide"));
        std::printf("%s: PostgreSQL table made in %.1f s\n", bench.name, t.elapsed() / 1000.0);
        Catalog catalog;
        if (!catalog.open(dir.filePath(QStringLiteral("catalog-pg.sqlite"))))
            qFatal("%s", qPrintable(catalog.lastError()));
        const qint64 ds =
            addDatastore(catalog, servers.postgresConnection(), QStringLiteral("public"));
        QString summary;
        const double measured = bestOf(bench, catalog, ds, &summary);
        QList<double> baselines;
        for (const Baseline &b : bench.baselines)
            baselines << timedBaseline(db, b.postgresSql.isEmpty() ? b.sql : b.postgresSql);
        report(bench, "PostgreSQL", measured, baselines, summary);
    }
    QSqlDatabase::removeDatabase(QStringLiteral("pg"));
}

// The whole benchmark: SQLite, PostgreSQL, then the peak memory of this process.
inline int runWideBench(int argc, char **argv, const WideBench &bench)
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    sqliteBench(bench, dir);
    postgresBench(bench, dir);
    std::printf("peak memory of this process: %ld MB\n", peakMemoryMb());
    return 0;
}

} // namespace assay::bench
