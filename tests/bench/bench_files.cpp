// Files measured at speed: a 1,000,000-row x 20-column CSV (about 150 MB) and the same rows
// as NDJSON, profiled (without inference and at the default level) and scanned (the checks
// that level inferred) through the engine, against one plain read of the file by the same
// reader (its records counted, nothing else parsed), and beside what a person would do by hand
// with the sqlite3 shell: import the CSV, then run one aggregate query. Prints times, ratios
// and the peak memory. Run with `make bench`.
#include "BenchSupport.h"
#include "app/files/FileEngine.h"
#include "app/secrets/CredentialStore.h"
#include "models/catalog/Catalog.h"

#include <QStandardPaths>

using namespace assay;
using namespace assay::bench;

namespace {

// Row n's 20 values: integers, reals, short texts, small integers, dates.
QStringList rowValues(int n)
{
    QStringList v;
    for (int c = 1; c <= kColumns; ++c) {
        switch (c % 5) {
        case 0:
            v << (n % 97 == 0 ? QString() : QString::number(qint64(n) * c));
            break;
        case 1:
            v << QString::number((n % (1000 + c)) * 1.5, 'f', 1);
            break;
        case 2:
            v << QStringLiteral("v%1").arg(n % (50 + c));
            break;
        case 3:
            v << QString::number(n % 7);
            break;
        default:
            v << QDate(2020, 1, 1).addDays(n % 1500).toString(Qt::ISODate);
        }
    }
    return v;
}

void writeFiles(const QString &csvPath, const QString &jsonPath)
{
    QFile csv(csvPath), json(jsonPath);
    csv.open(QIODevice::WriteOnly);
    json.open(QIODevice::WriteOnly);
    QStringList header;
    for (int c = 1; c <= kColumns; ++c)
        header << QStringLiteral("c%1").arg(c);
    csv.write((header.join(QLatin1Char(',')) + QLatin1Char('\n')).toUtf8());
    QByteArray csvChunk, jsonChunk;
    for (int n = 1; n <= kRows; ++n) {
        const QStringList v = rowValues(n);
        csvChunk += v.join(QLatin1Char(',')).toUtf8() + '\n';
        QStringList members;
        for (int c = 0; c < kColumns; ++c) {
            if (v.at(c).isEmpty())
                continue;
            const bool text = (c + 1) % 5 == 2 || (c + 1) % 5 == 4;
            members << QStringLiteral("\"c%1\":%2")
                           .arg(c + 1)
                           .arg(text ? QLatin1Char('"') + v.at(c) + QLatin1Char('"') : v.at(c));
        }
        jsonChunk += '{' + members.join(QLatin1Char(',')).toUtf8() + "}\n";
        if (csvChunk.size() > (4 << 20)) {
            csv.write(csvChunk);
            json.write(jsonChunk);
            csvChunk.clear();
            jsonChunk.clear();
        }
    }
    csv.write(csvChunk);
    json.write(jsonChunk);
}

struct Timed
{
    double seconds = 0;
    QString status;
};

Timed timed(OperationEngine &engine, qint64 ds, const QString &type, const QJsonObject &options,
            Catalog &catalog)
{
    QElapsedTimer t;
    t.start();
    const qint64 id = runAndWait(engine, ds, type, options);
    Timed out{t.elapsed() / 1000.0, QStringLiteral("?")};
    if (const auto op = catalog.operation(id))
        out.status = QStringLiteral("%1; queries %2")
                         .arg(op->status)
                         .arg(op->counters.value(QStringLiteral("queries")).toInt());
    return out;
}

// One plain read of the container by the engine's reader: `select` over it (every record
// split, no value parsed: COUNT(*); or every value read as its type and nothing computed).
double plainRead(const QString &root, const Container &container, const QList<Field> &fields,
                 const QString &select)
{
    double best = 0;
    for (int run = 0; run < kRuns; ++run) {
        FileEngine engine(root);
        QString error;
        if (!engine.open(QStringLiteral("plain"), &error) ||
            !engine.prepare(container, fields, {}, &error)) {
            std::fprintf(stderr, "plain read: %s\n", qPrintable(error));
            return 0;
        }
        {
            QSqlDatabase db = QSqlDatabase::database(QStringLiteral("plain"));
            QElapsedTimer t;
            t.start();
            QSqlQuery q(db);
            q.exec(QStringLiteral("SELECT %1 FROM \"%2\"").arg(select, container.name));
            q.next();
            const double seconds = t.elapsed() / 1000.0;
            best = run ? qMin(best, seconds) : seconds;
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("plain"));
    }
    return best;
}

// The sqlite3 shell: import the CSV into an in-memory database, then one aggregate query.
double sqliteShellRoute(const QString &csvPath)
{
    const QString sqlite3 = QStandardPaths::findExecutable(QStringLiteral("sqlite3"));
    if (sqlite3.isEmpty())
        return -1;
    QStringList aggregates{QStringLiteral("COUNT(*)")};
    for (int c = 1; c <= kColumns; ++c)
        aggregates << QStringLiteral("COUNT(c%1), MIN(c%1), MAX(c%1)").arg(c);
    QElapsedTimer t;
    t.start();
    QProcess shell;
    shell.start(sqlite3,
                {QStringLiteral(":memory:"), QStringLiteral(".mode csv"),
                 QStringLiteral(".import %1 t").arg(csvPath),
                 QStringLiteral("SELECT %1 FROM t;").arg(aggregates.join(QStringLiteral(", ")))});
    shell.waitForFinished(-1);
    return t.elapsed() / 1000.0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    const QString root = dir.filePath(QStringLiteral("data"));
    QDir().mkpath(root);
    const QString csvPath = root + QStringLiteral("/wide.csv");
    QElapsedTimer t;
    t.start();
    writeFiles(csvPath, root + QStringLiteral("/wide.jsonl"));
    std::printf("bench_files: %d rows x %d columns written as CSV (%lld MB) and NDJSON (%lld MB) "
                "in %.1f s\n",
                kRows, kColumns, QFileInfo(csvPath).size() >> 20,
                QFileInfo(root + QStringLiteral("/wide.jsonl")).size() >> 20, t.elapsed() / 1000.0);

    Catalog catalog;
    if (!catalog.open(dir.filePath(QStringLiteral("catalog.sqlite"))))
        qFatal("%s", qPrintable(catalog.lastError()));
    Connection c;
    c.name = QStringLiteral("files");
    c.type = QStringLiteral("local");
    c.database = root;
    const qint64 ds = addDatastore(catalog, c, QString());
    CredentialStore credentials;
    OperationEngine engine(&catalog, &credentials, 1);
    runAndWait(engine, ds, operation_type::kSync);

    for (const QString &name : {QStringLiteral("wide.csv"), QStringLiteral("wide.jsonl")}) {
        Container container;
        for (const Container &k : catalog.containers(ds))
            if (k.name == name)
                container = k;
        const QList<Field> fields = catalog.fields(container.id);
        const double plain = plainRead(root, container, fields, QStringLiteral("COUNT(*)"));
        QStringList counts;
        for (const Field &f : fields)
            counts << QStringLiteral("COUNT(\"%1\")").arg(f.name);
        const double values = plainRead(root, container, fields, counts.join(QLatin1Char(',')));
        const QJsonObject only{{QStringLiteral("containers"), QJsonArray{name}}};
        QJsonObject level0 = only;
        level0.insert(QStringLiteral("inference_threshold"), 0);
        Timed p0, p2, scan;
        for (int run = 0; run < kRuns; ++run) {
            const Timed a = timed(engine, ds, operation_type::kProfile, level0, catalog);
            const Timed b = timed(engine, ds, operation_type::kProfile, only, catalog);
            const Timed s = timed(engine, ds, operation_type::kScan, only, catalog);
            if (run == 0 || a.seconds < p0.seconds)
                p0 = a;
            if (run == 0 || b.seconds < p2.seconds)
                p2 = b;
            if (run == 0 || s.seconds < scan.seconds)
                scan = s;
        }
        std::printf("%-10s plain read by the same reader (records split, nothing parsed): %6.2f "
                    "s\n",
                    qPrintable(name), plain);
        std::printf("%-10s read of every value as its type, nothing computed: %6.2f s\n",
                    qPrintable(name), values);
        std::printf("%-10s profile, no inference: %6.2f s   ratio %.2f (%.2f to the read of "
                    "every value)   (%s)\n",
                    qPrintable(name), p0.seconds, p0.seconds / plain, p0.seconds / values,
                    qPrintable(p0.status));
        std::printf("%-10s profile, inference level 2: %6.2f s   ratio %.2f   (%s)\n",
                    qPrintable(name), p2.seconds, p2.seconds / plain, qPrintable(p2.status));
        std::printf("%-10s scan of the inferred checks: %6.2f s   ratio %.2f   (%s)\n",
                    qPrintable(name), scan.seconds, scan.seconds / plain, qPrintable(scan.status));
    }
    const double shell = sqliteShellRoute(csvPath);
    if (shell < 0)
        std::printf("sqlite3 shell not installed: its import route was not measured\n");
    else
        std::printf("wide.csv   sqlite3 shell: .import, then one aggregate query: %6.2f s\n",
                    shell);
    std::printf("peak memory of this process: %ld MB\n", peakMemoryMb());
    return 0;
}
