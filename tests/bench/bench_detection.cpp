// Detection benchmark: how well Profile's check inference and Scan catch injected defects
// without false alarms. A generated shop (DetectionData.h: customers, orders, order_items,
// ~170,000 rows) is written four times: clean, a second clean draw of the same population, a
// grown copy (the clean rows plus 10% continuing them) and a dirty copy with 19 defect kinds at
// 0.2-1% of a table's rows, with a manifest of the defective rows. For each database (SQLite,
// PostgreSQL) and inference level (2, 3, 5), a fresh catalog syncs and profiles the clean copy;
// the checks it inferred then scan every copy, swapped in under the same names (SQLite: the
// file copied over the datastore's file; PostgreSQL: the copy's schema renamed to the
// datastore's). Prints recall over defect kinds and over defective rows (named in the
// anomalies' source records), the checks failing on the clean copies (false alarms), the
// checks inferred, and whether a second Profile on a fresh catalog infers the same checks.
//
// Run alone: build/bin/bench_detection [--sqlite-only | --postgres-only] [--levels 2,3,5]
//                                      [--checks] [--out DIR]
// --checks lists every inferred check; --out keeps the copies, the manifest and the checks.
#include "BenchSupport.h"
#include "DetectionData.h"
#include "app/secrets/CredentialStore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QJsonDocument>
#include <QSet>
#include <map>

using namespace assay;
using namespace assay::bench;
using namespace assay::bench::detection;

namespace {

constexpr std::uint64_t kSeedClean = 20240101;
constexpr std::uint64_t kSeedDraw = 20240202;
constexpr std::uint64_t kSeedDefects = 20240303;
const QStringList kCopies{QStringLiteral("clean"), QStringLiteral("draw2"), QStringLiteral("grown"),
                          QStringLiteral("dirty")};
constexpr int kFalseAlarmLines = 10;

struct Settings
{
    bool sqlite = true;
    bool postgres = true;
    QList<int> levels{2, 3, 5};
    bool listChecks = false;
    QString out;
};

// Where the copies live and how one is put under the datastore's name.
class Backend
{
public:
    virtual ~Backend() = default;
    virtual const char *name() const = 0;
    virtual Connection connection() const = 0;
    virtual QString schema() const = 0;
    virtual bool swapIn(const QString &copy) = 0;
};

class SqliteBackend : public Backend
{
public:
    explicit SqliteBackend(QString dir) : m_dir(std::move(dir)) {}
    const char *name() const override { return "SQLite"; }
    QString path(const QString &copy) const { return m_dir + u'/' + copy + ".sqlite"; }
    QString livePath() const { return m_dir + QStringLiteral("/live.sqlite"); }
    Connection connection() const override
    {
        Connection c;
        c.name = QStringLiteral("shop-lite");
        c.type = QStringLiteral("sqlite");
        c.database = livePath();
        return c;
    }
    QString schema() const override { return QStringLiteral("main"); }
    bool swapIn(const QString &copy) override
    {
        QFile::remove(livePath());
        return QFile::copy(path(copy), livePath());
    }

private:
    QString m_dir;
};

class PostgresBackend : public Backend
{
public:
    explicit PostgresBackend(const PrivateServers &servers)
        : m_servers(servers), m_db(servers.postgres(QStringLiteral("detection-admin")))
    {
    }
    ~PostgresBackend() override
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("detection-admin"));
    }
    const char *name() const override { return "PostgreSQL"; }
    QSqlDatabase &db() { return m_db; }
    Connection connection() const override
    {
        Connection c = m_servers.postgresConnection();
        c.name = QStringLiteral("shop-pg");
        return c;
    }
    QString schema() const override { return QStringLiteral("live"); }
    bool swapIn(const QString &copy) override
    {
        if (copy == m_live)
            return true;
        if (!m_live.isEmpty() &&
            !exec(m_db, QStringLiteral("ALTER SCHEMA live RENAME TO %1").arg(m_live)))
            return false;
        m_live.clear();
        if (!exec(m_db, QStringLiteral("ALTER SCHEMA %1 RENAME TO live").arg(copy)))
            return false;
        m_live = copy;
        return true;
    }

private:
    const PrivateServers &m_servers;
    QSqlDatabase m_db;
    QString m_live; // the copy now named "live"
};

bool load(QSqlDatabase &db, const Copy &copy, const QString &prefix)
{
    if (!db.transaction())
        return false;
    for (const Table &t : copy.tables) {
        if (!exec(db, createTableSql(t, prefix)))
            return false;
        for (const QString &sql : insertSql(t, prefix))
            if (!exec(db, sql))
                return false;
    }
    return db.commit();
}

// Runs an operation to its end (runAndWait) and says on stderr when it did not succeed.
qint64 run(OperationEngine &engine, Catalog &catalog, qint64 datastore, const QString &type,
           const QJsonObject &options = {})
{
    const qint64 id = runAndWait(engine, datastore, type, options);
    const auto done = id ? catalog.operation(id) : Lookup<Operation>::notFound();
    if (id && (!done || (done->status != operation_status::kSuccess &&
                         done->status != operation_status::kWarning)))
        std::fprintf(stderr, "bench_detection: %s ended %s: %s\n", qPrintable(type),
                     done ? qPrintable(done->status) : "?", done ? qPrintable(done->message) : "");
    return id;
}

QString tableOf(const QString &containerName)
{
    return containerName.section(u'.', -1).toLower();
}

QString compact(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

// A check as text that does not depend on the catalog's ids.
QString describe(const Catalog &catalog, const Check &c)
{
    QJsonObject p = c.properties;
    if (p.contains(QStringLiteral("ref_container_id"))) {
        const auto ref =
            catalog.container(qint64(p.value(QStringLiteral("ref_container_id")).toDouble()));
        p.insert(QStringLiteral("ref_container_id"),
                 ref ? tableOf(ref->name) : QStringLiteral("?"));
    }
    p.remove(QStringLiteral("ref_datastore_id"));
    QString s = QStringLiteral("%1 %2(%3) %4")
                    .arg(tableOf(c.containerName), c.rule, c.fields.join(u','), compact(p));
    if (c.coverage < 1.0)
        s += QStringLiteral(" coverage=%1").arg(c.coverage);
    if (!c.filter.isEmpty())
        s += QStringLiteral(" filter=") + c.filter;
    return s;
}

struct CheckSet
{
    QList<Check> checks;
    QHash<qint64, Check> byId;
    QStringList lines; // sorted describe()
    QString hash;
};

CheckSet activeChecks(const Catalog &catalog, qint64 datastore)
{
    CheckSet s;
    CheckQuery q;
    q.datastoreId = datastore;
    q.status = check_status::kActive;
    s.checks = catalog.checks(q);
    for (const Check &c : std::as_const(s.checks)) {
        s.byId.insert(c.id, c);
        s.lines << describe(catalog, c);
    }
    s.lines.sort();
    s.hash = QString::fromLatin1(
        QCryptographicHash::hash(s.lines.join(u'\n').toUtf8(), QCryptographicHash::Sha1)
            .toHex()
            .left(10));
    return s;
}

// The fields a check reads: its fields and the other field of a pair rule.
QStringList columnsOf(const Check &c)
{
    QStringList out;
    for (const QString &f : c.fields)
        out << f.toLower();
    const QJsonValue other = c.properties.value(QStringLiteral("field_name"));
    if (other.isString())
        out << other.toString().toLower();
    return out;
}

struct ScanResult
{
    qint64 id = 0;
    QList<Anomaly> anomalies; // whole (source records) for the dirty copy
    QSet<qint64> failingChecks;
    QStringList unasserted; // checks the scan could not evaluate
};

ScanResult scan(OperationEngine &engine, Catalog &catalog, qint64 datastore, bool whole)
{
    ScanResult r;
    r.id = run(engine, catalog, datastore, operation_type::kScan,
               {{QStringLiteral("incremental"), false},
                {QStringLiteral("enrichment_source_record_limit"), 1000000},
                {QStringLiteral("high_count_rollup_threshold"), 10}});
    AnomalyQuery q;
    q.datastoreId = datastore;
    q.operationId = r.id;
    for (const Anomaly &a : catalog.anomalies(q, 0, 1000000)) {
        if (whole) {
            const auto full = catalog.anomaly(a.id);
            r.anomalies << (full ? *full : a);
        } else {
            r.anomalies << a;
        }
        for (const AnomalyFailedCheck &f : a.failedChecks)
            r.failingChecks.insert(f.checkId);
    }
    for (const CheckMetric &m : catalog.checkMetrics(r.id))
        if (m.result == QLatin1String("unasserted"))
            r.unasserted << QStringLiteral("check %1: %2").arg(m.checkId).arg(m.details.left(160));
    return r;
}

struct KindResult
{
    bool caught = false;
    bool byFigureOnly = true;
    QSet<qint64> named;
    QStringList rules;
};

struct Block
{
    int checks = 0;
    int kindsCaught = 0;
    int kinds = 0;
    qint64 rowsNamed = 0;
    qint64 rows = 0;
    int falseDraw = 0;
    int falseGrown = 0;
    bool deterministic = false;
};

QString keyColumn(const Copy &copy, const QString &name)
{
    for (const Table &t : copy.tables)
        if (t.name == name)
            return t.key;
    return {};
}

// A new, empty catalog at `path` (a file left by an earlier run with --out is replaced).
void openFresh(Catalog &catalog, const QString &path)
{
    for (const char *suffix : {"", "-wal", "-shm"})
        QFile::remove(path + QLatin1String(suffix));
    if (!catalog.open(path))
        qFatal("%s", qPrintable(catalog.lastError()));
}

// One database, one level: profile, determinism, the four scans, the figures.
Block measure(Backend &backend, int level, const QString &dir, const Settings &settings,
              const QList<Defect> &manifest, const Copy &clean)
{
    QElapsedTimer timer;
    timer.start();
    const QString tag =
        QStringLiteral("%1-L%2").arg(QString::fromLatin1(backend.name()).toLower()).arg(level);
    const QJsonObject profileOptions{{QStringLiteral("inference_threshold"), level}};

    // The second profile first, on its own catalog: the checks a fresh run infers.
    CheckSet again;
    {
        backend.swapIn(QStringLiteral("clean"));
        Catalog catalog;
        openFresh(catalog, dir + QStringLiteral("/catalog-%1-b.sqlite").arg(tag));
        CredentialStore credentials;
        OperationEngine engine(&catalog, &credentials, 1);
        const qint64 ds = addDatastore(catalog, backend.connection(), backend.schema());
        run(engine, catalog, ds, operation_type::kSync);
        run(engine, catalog, ds, operation_type::kProfile, profileOptions);
        again = activeChecks(catalog, ds);
    }

    backend.swapIn(QStringLiteral("clean"));
    Catalog catalog;
    openFresh(catalog, dir + QStringLiteral("/catalog-%1.sqlite").arg(tag));
    CredentialStore credentials;
    OperationEngine engine(&catalog, &credentials, 1);
    const qint64 ds = addDatastore(catalog, backend.connection(), backend.schema());
    run(engine, catalog, ds, operation_type::kSync);
    QElapsedTimer profileTimer;
    profileTimer.start();
    run(engine, catalog, ds, operation_type::kProfile, profileOptions);
    const double profileSeconds = profileTimer.elapsed() / 1000.0;
    const CheckSet checks = activeChecks(catalog, ds);

    QHash<QString, ScanResult> scans;
    for (const QString &copy : kCopies) {
        if (!backend.swapIn(copy))
            std::fprintf(stderr, "bench_detection: could not swap in %s\n", qPrintable(copy));
        scans.insert(copy, scan(engine, catalog, ds, copy == QLatin1String("dirty")));
    }
    backend.swapIn(QStringLiteral("clean"));

    // Recall: a kind is caught when an anomaly of a check reading its column (or of a check
    // on its table reading no field) names one of its rows, or when an anomaly of a check
    // reading its column carries no rows at all (a figure: a sum, a distinct count, a
    // distribution; reported apart as "caught by a figure only").
    std::map<int, KindResult> kinds;
    QSet<qint64> explaining; // dirty-scan checks that caught a defect kind
    for (const Anomaly &a : scans.value(QStringLiteral("dirty")).anomalies) {
        const QString t = tableOf(a.containerName);
        for (int k = 0; k < manifest.size(); ++k) {
            const Defect &d = manifest.at(k);
            if (d.table != t)
                continue;
            const QString key = keyColumn(clean, d.table);
            for (const AnomalyFailedCheck &f : a.failedChecks) {
                Check c = checks.byId.value(f.checkId);
                if (c.id == 0) {
                    c.rule = f.rule;
                    c.fields = f.fields;
                }
                const QStringList columns = columnsOf(c);
                if (!columns.isEmpty() && !columns.contains(d.column))
                    continue;
                KindResult &r = kinds[k];
                const QString rule = QStringLiteral("%1(%2)").arg(f.rule, f.fields.join(u','));
                if (a.sourceRecords.isEmpty()) {
                    // A figure of the whole table (a row count) points at no defect kind.
                    if (columns.isEmpty())
                        continue;
                    explaining.insert(f.checkId);
                    r.caught = true;
                    if (!r.rules.contains(rule + QStringLiteral(" figure")))
                        r.rules << rule + QStringLiteral(" figure");
                    continue;
                }
                bool hit = false;
                for (const QJsonValue &row : a.sourceRecords) {
                    const QJsonValue v = row.toObject().value(key);
                    const qint64 id =
                        v.isString() ? v.toString().toLongLong() : qint64(v.toDouble());
                    if (d.keys.contains(id)) {
                        r.named.insert(id);
                        hit = true;
                    }
                }
                if (hit) {
                    explaining.insert(f.checkId);
                    r.caught = true;
                    r.byFigureOnly = false;
                    if (!r.rules.contains(rule))
                        r.rules << rule;
                }
            }
        }
    }

    // What the dirty scan named beyond the manifest: rows no defect touched.
    QHash<QString, QSet<qint64>> defective;
    for (const Defect &d : manifest)
        defective[d.table] += d.keys;
    QSet<QString> cleanRowsNamed;
    for (const Anomaly &a : scans.value(QStringLiteral("dirty")).anomalies) {
        const QString t = tableOf(a.containerName);
        const QString key = keyColumn(clean, t);
        for (const QJsonValue &row : a.sourceRecords) {
            const QJsonValue v = row.toObject().value(key);
            const qint64 id = v.isString() ? v.toString().toLongLong() : qint64(v.toDouble());
            if (!defective.value(t).contains(id))
                cleanRowsNamed.insert(t + u':' + QString::number(id));
        }
    }

    Block b;
    b.checks = int(checks.checks.size());
    b.kinds = int(manifest.size());
    QStringList missed, figureOnly, caughtLines;
    for (int k = 0; k < manifest.size(); ++k) {
        const Defect &d = manifest.at(k);
        const KindResult r = kinds.count(k) ? kinds.at(k) : KindResult{};
        b.rows += d.keys.size();
        b.rowsNamed += r.named.size();
        const QString where = QStringLiteral("%1 (%2.%3)").arg(d.kind, d.table, d.column);
        if (!r.caught) {
            missed << where;
            continue;
        }
        ++b.kindsCaught;
        if (r.byFigureOnly)
            figureOnly << where;
        caughtLines << QStringLiteral("%1: %2/%3 rows by %4")
                           .arg(where)
                           .arg(r.named.size())
                           .arg(d.keys.size())
                           .arg(r.rules.join(QStringLiteral(", ")));
    }

    const auto failing = [&](const QString &copy) {
        return scans.value(copy).failingChecks.size();
    };
    const bool deterministic = again.lines == checks.lines;
    b.falseDraw = int(failing("draw2"));
    b.falseGrown = int(failing("grown"));
    b.deterministic = deterministic;
    std::printf("%s level %d: checks %d | kinds caught %d/%d (%.3f) | defective rows named "
                "%lld/%lld (%.3f) | false alarms: draw %d, grown %d (clean %d) | deterministic: "
                "%s\n  on the dirty copy: %d failing checks, %d of them explained by no defect; "
                "%d rows named that no defect touched\n",
                backend.name(), level, b.checks, b.kindsCaught, b.kinds,
                b.kinds ? double(b.kindsCaught) / b.kinds : 0.0, b.rowsNamed, b.rows,
                b.rows ? double(b.rowsNamed) / double(b.rows) : 0.0, int(failing("draw2")),
                int(failing("grown")), int(failing("clean")), deterministic ? "yes" : "NO",
                int(failing("dirty")),
                int((scans.value(QStringLiteral("dirty")).failingChecks - explaining).size()),
                int(cleanRowsNamed.size()));
    std::printf("  checks hash %s; profile %.1f s; whole block %.1f s\n", qPrintable(checks.hash),
                profileSeconds, timer.elapsed() / 1000.0);
    QMap<QString, int> byRule;
    for (const Check &c : checks.checks)
        ++byRule[c.rule];
    QStringList rules;
    for (auto it = byRule.begin(); it != byRule.end(); ++it)
        rules << QStringLiteral("%1 %2").arg(it.key()).arg(it.value());
    std::printf("  checks by rule: %s\n", qPrintable(rules.join(QStringLiteral(", "))));
    if (settings.listChecks)
        for (const QString &line : checks.lines)
            std::printf("    %s\n", qPrintable(line));
    if (!deterministic) {
        const QSet<QString> first(checks.lines.begin(), checks.lines.end());
        const QSet<QString> second(again.lines.begin(), again.lines.end());
        int shown = 0;
        for (const QString &l : first - second)
            if (shown++ < 5)
                std::printf("  only in run 1: %s\n", qPrintable(l));
        for (const QString &l : second - first)
            if (shown++ < 10)
                std::printf("  only in run 2: %s\n", qPrintable(l));
    }
    for (const QString &l : caughtLines)
        std::printf("  caught %s\n", qPrintable(l));
    if (!missed.isEmpty())
        std::printf("  missed: %s\n", qPrintable(missed.join(QStringLiteral("; "))));
    if (!figureOnly.isEmpty())
        std::printf("  caught by a figure only (no rows named): %s\n",
                    qPrintable(figureOnly.join(QStringLiteral("; "))));
    // Every failing check on a clean copy is a false alarm; on the dirty copy, those that
    // caught no defect kind.
    for (const QString &copy : kCopies) {
        const bool dirty = copy == QLatin1String("dirty");
        const ScanResult &r = scans[copy];
        const QSet<qint64> alarms = dirty ? r.failingChecks - explaining : r.failingChecks;
        int shown = 0;
        QSet<qint64> seen;
        for (const Anomaly &a : r.anomalies) {
            const AnomalyFailedCheck f = a.failedChecks.value(0);
            if (!alarms.contains(f.checkId) || seen.contains(f.checkId) ||
                shown >= kFalseAlarmLines)
                continue;
            seen.insert(f.checkId);
            ++shown;
            const Check c = checks.byId.value(f.checkId);
            std::printf(
                "  %s %s: %s %s(%s) %s: %s\n", dirty ? "explaining no defect on" : "false alarm",
                qPrintable(copy), qPrintable(tableOf(a.containerName)), qPrintable(f.rule),
                qPrintable(f.fields.join(u',')), qPrintable(compact(c.properties).left(120)),
                qPrintable(a.message.simplified().left(160)));
        }
        if (int(alarms.size()) > shown)
            std::printf("  ... %d more on %s\n", int(alarms.size()) - shown, qPrintable(copy));
    }
    for (const QString &copy : kCopies) {
        const QStringList &u = scans[copy].unasserted;
        for (int i = 0; i < qMin(3, int(u.size())); ++i)
            std::printf("  not evaluated on %s: %s\n", qPrintable(copy), qPrintable(u.at(i)));
        if (u.size() > 3)
            std::printf("  ... %d more checks not evaluated on %s\n", int(u.size()) - 3,
                        qPrintable(copy));
    }
    if (!settings.out.isEmpty()) {
        QFile f(dir + QStringLiteral("/checks-%1.txt").arg(tag));
        if (f.open(QIODevice::WriteOnly))
            f.write((checks.lines.join(u'\n') + u'\n').toUtf8());
    }
    std::fflush(stdout);
    return b;
}

Settings parse(const QStringList &args)
{
    Settings s;
    for (int i = 1; i < args.size(); ++i) {
        const QString a = args.at(i);
        if (a == QLatin1String("--sqlite-only")) {
            s.postgres = false;
        } else if (a == QLatin1String("--postgres-only")) {
            s.sqlite = false;
        } else if (a == QLatin1String("--checks")) {
            s.listChecks = true;
        } else if (a == QLatin1String("--out") && i + 1 < args.size()) {
            s.out = args.at(++i);
        } else if (a == QLatin1String("--levels") && i + 1 < args.size()) {
            s.levels.clear();
            // "--levels 3", "--levels 2,3,5" or "--levels 2 3 5"
            while (i + 1 < args.size() && !args.at(i + 1).startsWith(QLatin1String("--")))
                for (const QString &l : args.at(++i).split(u',', Qt::SkipEmptyParts))
                    if (l.toInt() >= 1 && l.toInt() <= 5)
                        s.levels << l.toInt();
        } else {
            std::fprintf(stderr, "usage: bench_detection [--sqlite-only | --postgres-only] "
                                 "[--levels 2,3,5] [--checks] [--out DIR]\n");
            std::exit(2);
        }
    }
    if (s.levels.isEmpty())
        s.levels = {2, 3, 5};
    return s;
}

void summary(const QList<QPair<QString, Block>> &blocks)
{
    std::printf("\nsummary (goals: kinds >= 0.95 at level 3 and above, 0 false alarms, "
                "deterministic)\n");
    for (const auto &[label, b] : blocks)
        std::printf("  %-20s checks %4d  kinds %2d/%2d (%.3f)  rows %5lld/%5lld (%.3f)  "
                    "false alarms draw %d grown %d  deterministic %s\n",
                    qPrintable(label), b.checks, b.kindsCaught, b.kinds,
                    b.kinds ? double(b.kindsCaught) / b.kinds : 0.0, b.rowsNamed, b.rows,
                    b.rows ? double(b.rowsNamed) / double(b.rows) : 0.0, b.falseDraw, b.falseGrown,
                    b.deterministic ? "yes" : "NO");
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const Settings settings = parse(app.arguments());
    QTemporaryDir temporary;
    const QString dir = settings.out.isEmpty() ? temporary.path() : settings.out;
    QDir().mkpath(dir);

    QElapsedTimer timer;
    timer.start();
    QList<Copy> copies;
    copies << generateCopy(QStringLiteral("clean"), kSeedClean, 1.0);
    copies << generateCopy(QStringLiteral("draw2"), kSeedDraw, 1.0);
    copies << generateCopy(QStringLiteral("grown"), kSeedClean, 1.1);
    QList<Defect> manifest;
    copies << dirtyCopy(copies.first(), kSeedDefects, manifest);
    {
        QFile f(dir + QStringLiteral("/manifest.json"));
        if (f.open(QIODevice::WriteOnly))
            f.write(QJsonDocument(manifestJson(manifest)).toJson());
    }
    qint64 defectiveRows = 0;
    for (const Defect &d : manifest)
        defectiveRows += d.keys.size();
    QStringList sizes;
    for (const Copy &c : copies) {
        QStringList t;
        for (const Table &table : c.tables)
            t << QStringLiteral("%1 %2").arg(table.name).arg(table.rows.size());
        sizes << QStringLiteral("%1: %2").arg(c.name, t.join(QStringLiteral(", ")));
    }
    std::printf("bench_detection: copies generated in %.1f s (%s)\n", timer.elapsed() / 1000.0,
                qPrintable(sizes.join(QStringLiteral("; "))));
    std::printf(
        "bench_detection: %d defect kinds, %lld defective rows; manifest %s/manifest.json\n",
        int(manifest.size()), defectiveRows, qPrintable(dir));
    for (const Defect &d : manifest)
        std::printf("  %-22s %-12s %-13s %4d rows  %s\n", qPrintable(d.kind), qPrintable(d.table),
                    qPrintable(d.column), int(d.keys.size()), qPrintable(d.description));
    std::fflush(stdout);

    QList<QPair<QString, Block>> blocks;
    if (settings.sqlite) {
        timer.restart();
        SqliteBackend backend(dir);
        for (const Copy &c : copies) {
            QFile::remove(backend.path(c.name));
            {
                QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), "load");
                db.setDatabaseName(backend.path(c.name));
                if (!db.open() || !load(db, c, QString()))
                    qFatal("bench_detection: could not write the SQLite copy %s",
                           qPrintable(c.name));
                db.close();
            }
            QSqlDatabase::removeDatabase(QStringLiteral("load"));
        }
        std::printf("bench_detection: SQLite copies written in %.1f s\n", timer.elapsed() / 1000.0);
        for (int level : settings.levels)
            blocks << qMakePair(QStringLiteral("SQLite level %1").arg(level),
                                measure(backend, level, dir, settings, manifest, copies.first()));
    }
    if (settings.postgres) {
        PrivateServers servers(temporary);
        if (!servers.ok()) {
            std::fprintf(stderr, "bench_detection: PostgreSQL could not start; skipped\n");
        } else {
            timer.restart();
            PostgresBackend backend(servers);
            for (const Copy &c : copies) {
                exec(backend.db(), QStringLiteral("DROP SCHEMA IF EXISTS %1 CASCADE").arg(c.name));
                exec(backend.db(), QStringLiteral("CREATE SCHEMA %1").arg(c.name));
                if (!load(backend.db(), c, c.name + u'.'))
                    qFatal("bench_detection: could not write the PostgreSQL copy %s",
                           qPrintable(c.name));
            }
            for (const Copy &c : copies)
                for (const Table &t : c.tables)
                    exec(backend.db(), QStringLiteral("ANALYZE %1.%2").arg(c.name, t.name));
            std::printf("bench_detection: PostgreSQL copies written in %.1f s\n",
                        timer.elapsed() / 1000.0);
            for (int level : settings.levels)
                blocks << qMakePair(
                    QStringLiteral("PostgreSQL level %1").arg(level),
                    measure(backend, level, dir, settings, manifest, copies.first()));
            backend.swapIn(QStringLiteral("clean"));
        }
    }
    summary(blocks);
    std::printf("peak memory of this process: %ld MB\n", peakMemoryMb());
    return 0;
}
