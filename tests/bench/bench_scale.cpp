// Growth-curve benchmark (issue 18): how Profile and Scan grow with a table, against what a
// person would write by hand, on SQLite and PostgreSQL.
//
// For each engine and size it makes, inside the database (generate_series, a recursive CTE), a
// table of ten common column types in two variants: "key" (PRIMARY KEY on id, UNIQUE on the hash,
// NOT NULL on every column without nulls: what a schema that states its keys has) and "no key" (no
// constraint at all). On each it runs through the engine,
// as the app does, Profile at inference level 2 (which infers the checks) and Scan of those
// checks; and it times by hand
//   - the plain aggregate pass: one SELECT of COUNT, MIN, MAX and SUM (or the longest text) over
//     every column, the least any reading of every value costs;
//   - the hand-written equivalent of the scan: one SELECT counting each inferred check's failing
//     rows with COUNT(CASE ...), plus one GROUP BY ... HAVING COUNT(*) > 1 per unique check.
// It prints per engine the times and their ratios, the scan's table passes, queries and checks
// guaranteed by constraints, the peak memory of Profile and Scan, and the growth exponent
// log(t2/t1) / log(n2/n1) between consecutive sizes (1.0: linear). The goals of issue 18 are
// printed beside the figures; nothing passes or fails on time.
//
// Sizes: 250,000, 1,000,000 and 4,000,000 rows by default. The environment changes that:
//   ASSAY_BENCH_SCALE_MAX=16000000            every size of 250k, 1M, 4M, 16M up to this
//   ASSAY_BENCH_SCALE_SIZES=250000,1000000    exactly these sizes (overrides the above)
//   ASSAY_BENCH_SCALE_ENGINES=sqlite          one engine only (sqlite or postgresql)
//   ASSAY_BENCH_SCALE_SQL=1                   also print the hand-written statements
// Each figure is the best of kRuns runs up to 1M rows, of one run above (a 4M run takes long
// enough that the machine's other work matters little). Run with `make bench`, or
// `build/bin/bench_scale`.
#include "BenchSupport.h"
#include "app/checks/CheckCompiler.h"
#include "app/checks/RuleNames.h"
#include "app/connectors/SqlDialect.h"
#include "app/secrets/CredentialStore.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSqlRecord>
#include <algorithm>
#include <cmath>

using namespace assay;
using namespace assay::bench;

namespace {

const QString kTable = QStringLiteral("sales");

// The sizes to measure, smallest first (see the header).
QList<qint64> sizes()
{
    QList<qint64> out;
    const QByteArray listed = qgetenv("ASSAY_BENCH_SCALE_SIZES");
    if (!listed.isEmpty()) {
        for (const QByteArray &s : listed.split(','))
            if (s.trimmed().toLongLong() > 0)
                out << s.trimmed().toLongLong();
        std::sort(out.begin(), out.end());
        return out;
    }
    const qint64 max = qEnvironmentVariableIsSet("ASSAY_BENCH_SCALE_MAX")
                           ? qgetenv("ASSAY_BENCH_SCALE_MAX").toLongLong()
                           : 4000000;
    for (const qint64 n : {250000LL, 1000000LL, 4000000LL, 16000000LL})
        if (n <= max)
            out << n;
    return out;
}

bool engineWanted(const char *name)
{
    const QByteArray only = qgetenv("ASSAY_BENCH_SCALE_ENGINES").toLower();
    return only.isEmpty() || only.contains(name);
}

int runsAt(qint64 rows)
{
    return rows <= 1000000 ? kRuns : 1;
}

// Peak memory of this process: VmHWM, reset by clear_refs (Linux 4.0+) before each measurement
// so that it is the peak of that measurement, not of the largest table so far. It is the whole
// process's: the engine's worker thread and, for SQLite, the database itself.
bool resetPeakMemory()
{
    QFile f(QStringLiteral("/proc/self/clear_refs"));
    return f.open(QIODevice::WriteOnly) && f.write("5") == 1;
}

long peakMemoryNowMb()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (f.open(QIODevice::ReadOnly))
        for (const QByteArray &line : f.readAll().split('\n'))
            if (line.startsWith("VmHWM:"))
                return line.mid(6).trimmed().split(' ').value(0).toLong() / 1024;
    return peakMemoryMb();
}

// ---- the table ----------------------------------------------------------------------------

// The ten columns: name, SQLite declared type, PostgreSQL type, whether it holds nulls.
struct Column
{
    const char *name;
    const char *sqlite;
    const char *postgres;
    bool nullable;
};
const Column kColumns[] = {
    {"id", "INTEGER", "integer", false},
    {"hash", "TEXT", "text", false},
    {"category", "TEXT", "text", false},
    {"amount", "INTEGER", "integer", false},
    {"price", "REAL", "numeric(10,2)", false},
    {"created_at", "TIMESTAMP", "timestamp", false},
    {"due_date", "DATE", "date", false},
    {"active", "BOOLEAN", "boolean", false},
    {"note", "TEXT", "text", true},
    {"code", "VARCHAR(8)", "varchar(8)", false},
};

// The values of row n. Everything but id and hash is periodic in n, so every size has the same
// distribution (and level 2 infers the same checks at every size): a growth curve of one table,
// not of tables that differ. Timestamps fall in 2020-2023 and dates in 2021-2024, in the past
// at every size. SQLite has no md5(): its hash is four multiplicative hashes of n as 32 hex
// digits, unique because the first (an odd multiplier mod 2^32) is a bijection below 2^32.
// (SQLite's || binds tighter than %: hence the parentheses around every n % k it joins.)
QString valuesOf(bool postgres)
{
    if (postgres)
        return QStringLiteral(
            "n, md5(n::text), (ARRAY['north','south','east','west','central'])[n % 5 + 1], "
            "((n::bigint * 7919) % 10000)::int, ((n::bigint * 31) % 100000) / 100.0, "
            "timestamp '2020-01-01' + ((n::bigint * 104729) % 126230400) * interval '1 second', "
            "date '2021-01-01' + n % 1461, n % 3 <> 0, "
            "CASE WHEN n % 10 = 0 THEN NULL ELSE 'note ' || (n % 1000) END, 'C' || (n % 900 + "
            "100)");
    return QStringLiteral(
        "n, printf('%08x%08x%08x%08x', (n * 2654435761) % 4294967296, "
        "(n * 2246822519) % 4294967296, (n * 3266489917) % 4294967296, "
        "(n * 668265263) % 4294967296), "
        "CASE n % 5 WHEN 0 THEN 'north' WHEN 1 THEN 'south' WHEN 2 THEN 'east' "
        "WHEN 3 THEN 'west' ELSE 'central' END, (n * 7919) % 10000, ((n * 31) % 100000) / 100.0, "
        "datetime(1577836800 + (n * 104729) % 126230400, 'unixepoch'), "
        "date(1609459200 + (n % 1461) * 86400, 'unixepoch'), n % 3 <> 0, "
        "CASE WHEN n % 10 = 0 THEN NULL ELSE 'note ' || (n % 1000) END, 'C' || (n % 900 + 100)");
}

QString createTable(const QString &name, bool postgres, bool keyed)
{
    QStringList defs;
    for (const Column &c : kColumns) {
        QString d = QStringLiteral("%1 %2").arg(QLatin1String(c.name),
                                                QLatin1String(postgres ? c.postgres : c.sqlite));
        // SQLite's key must be declared here (INTEGER PRIMARY KEY: the rowid); PostgreSQL's is
        // added after the load, as a bulk index build, like a restore does.
        if (keyed && !postgres && QLatin1String(c.name) == QLatin1String("id"))
            d += QStringLiteral(" PRIMARY KEY");
        else if (keyed && !c.nullable)
            d += QStringLiteral(" NOT NULL");
        defs << d;
    }
    return QStringLiteral("CREATE TABLE %1 (%2)").arg(name, defs.join(QStringLiteral(", ")));
}

QString fillTable(const QString &name, bool postgres, qint64 rows)
{
    if (postgres)
        return QStringLiteral("INSERT INTO %1 SELECT %2 FROM generate_series(1, %3) AS n")
            .arg(name, valuesOf(true))
            .arg(rows);
    return QStringLiteral("INSERT INTO %1 WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + "
                          "1 FROM s WHERE n < %3) SELECT %2 FROM s")
        .arg(name, valuesOf(false))
        .arg(rows);
}

// The plain aggregate pass: COUNT, MIN, MAX and SUM of every number, COUNT, MIN, MAX and the
// longest value of every text, COUNT, MIN and MAX of every moment, the true values of the
// boolean. The same SQL in both engines.
QString plainPass(const QString &table)
{
    QStringList p{QStringLiteral("COUNT(*)")};
    for (const char *c : {"id", "amount", "price"})
        p << QStringLiteral("COUNT(%1), MIN(%1), MAX(%1), SUM(%1)").arg(QLatin1String(c));
    for (const char *c : {"hash", "category", "note", "code"})
        p << QStringLiteral("COUNT(%1), MIN(%1), MAX(%1), MAX(LENGTH(%1))").arg(QLatin1String(c));
    for (const char *c : {"created_at", "due_date"})
        p << QStringLiteral("COUNT(%1), MIN(%1), MAX(%1)").arg(QLatin1String(c));
    p << QStringLiteral("COUNT(active), SUM(CASE WHEN active THEN 1 ELSE 0 END)");
    return QStringLiteral("SELECT %1 FROM %2").arg(p.join(QStringLiteral(", ")), table);
}

// ---- the hand-written equivalent of the scan -------------------------------------------------

QString literal(const QJsonValue &v)
{
    if (v.isString())
        return QLatin1Char('\'') + v.toString().replace(QLatin1Char('\''), QStringLiteral("''")) +
               QLatin1Char('\'');
    return v.toVariant().toString();
}

// A moment as the table stores it: PostgreSQL casts the ISO text to the column's type itself;
// SQLite keeps 'YYYY-MM-DD HH:MM:SS' text, compared as text (which orders it), as a person
// querying that table would.
QString momentLiteral(const QJsonValue &v, bool postgres)
{
    QString s = v.toString();
    if (!postgres) {
        s.replace(QLatin1Char('T'), QLatin1Char(' '));
        s.remove(QRegularExpression(QStringLiteral("(\\.\\d+)?(Z|[+-]\\d\\d:?\\d\\d)?$")));
    }
    return literal(QJsonValue(s));
}

// What makes a record fail `check`, written as a person would for this table (nulls are never
// a failure but for notNull: a comparison with NULL is not true, so COUNT(CASE ...) skips
// them). Empty for a rule without a plain translation here.
QString handFailing(const Check &check, bool postgres, const QHash<QString, TypeFamily> &types)
{
    const QJsonObject &p = check.properties;
    const QString f = check.fields.value(0);
    const QString &rule = check.rule;
    const auto bound = [&](QLatin1String key) { return literal(p.value(key)); };
    // The operator that fails a bound: `strict` when the bound itself passes, else `loose`.
    const auto op = [&](QLatin1String key, bool byDefault, const char *strict, const char *loose) {
        return QLatin1String((p.contains(key) ? p.value(key).toBool() : byDefault) ? strict
                                                                                   : loose);
    };
    if (rule == rule_name::kNotNull)
        return f + QStringLiteral(" IS NULL");
    if (rule == rule_name::kAnyNotNull)
        return check.fields.join(QStringLiteral(" IS NULL AND ")) + QStringLiteral(" IS NULL");
    if (rule == rule_name::kPositive)
        return f + QStringLiteral(" <= 0");
    if (rule == rule_name::kNotNegative)
        return f + QStringLiteral(" < 0");
    if (rule == rule_name::kBetween)
        return QStringLiteral("%1 %2 %3 OR %1 %4 %5")
            .arg(f, op(rule_key::kInclusiveMin, true, "<", "<="), bound(rule_key::kMin),
                 op(rule_key::kInclusiveMax, true, ">", ">="), bound(rule_key::kMax));
    if (rule == rule_name::kMinValue)
        return QStringLiteral("%1 < %2").arg(f, bound(rule_key::kValue));
    if (rule == rule_name::kMaxValue)
        return QStringLiteral("%1 > %2").arg(f, bound(rule_key::kValue));
    if (rule == rule_name::kGreaterThan)
        return QStringLiteral("%1 %2 %3")
            .arg(f, op(rule_key::kInclusive, false, "<", "<="), bound(rule_key::kValue));
    if (rule == rule_name::kLessThan)
        return QStringLiteral("%1 %2 %3")
            .arg(f, op(rule_key::kInclusive, false, ">", ">="), bound(rule_key::kValue));
    if (rule == rule_name::kMaxLength)
        return QStringLiteral("LENGTH(%1) > %2").arg(f, bound(rule_key::kValue));
    if (rule == rule_name::kMinLength)
        return QStringLiteral("LENGTH(%1) < %2").arg(f, bound(rule_key::kValue));
    if (rule == rule_name::kExpectedValues) {
        QStringList values;
        for (const QJsonValue &v : p.value(rule_key::kList).toArray())
            values << literal(v);
        return QStringLiteral("%1 NOT IN (%2)").arg(f, values.join(QStringLiteral(", ")));
    }
    // SQLite's REGEXP (Qt's, QSQLITE_ENABLE_REGEXP) is false, not NULL, for a NULL value.
    if (rule == rule_name::kMatchesPattern)
        return (postgres ? QStringLiteral("%1 !~ %2")
                         : QStringLiteral("%1 IS NOT NULL AND NOT (%1 REGEXP %2)"))
            .arg(f, bound(rule_key::kPattern));
    const bool date = types.value(f) == TypeFamily::Date;
    if (rule == rule_name::kNotFuture)
        return QStringLiteral("%1 > %2").arg(f, postgres ? QStringLiteral("CURRENT_TIMESTAMP")
                                                : date   ? QStringLiteral("date('now')")
                                                         : QStringLiteral("datetime('now')"));
    if (rule == rule_name::kAfterDateTime)
        return QStringLiteral("%1 <= %2")
            .arg(f, momentLiteral(p.value(rule_key::kDateTime), postgres));
    if (rule == rule_name::kBeforeDateTime)
        return QStringLiteral("%1 >= %2")
            .arg(f, momentLiteral(p.value(rule_key::kDateTime), postgres));
    if (rule == rule_name::kBetweenTimes)
        return QStringLiteral("%1 < %2 OR %1 > %3")
            .arg(f, momentLiteral(p.value(rule_key::kMinTime), postgres),
                 momentLiteral(p.value(rule_key::kMaxTime), postgres));
    return {};
}

// The statements a person would run to check what the scan checks: one aggregate pass counting
// every check's failing rows, one grouped pass per unique check. A rule without a plain
// translation above counts with the project's compiled condition (its values bound) in the
// same pass; `borrowed` counts those.
struct HandWritten
{
    QList<SqlFragment> statements;
    int borrowed = 0;
};

HandWritten handWritten(const QList<Check> &checks, const CheckSqlContext &context)
{
    const bool postgres = context.dialect.family() == SqlDialect::Family::PostgreSQL;
    const QString table =
        postgres ? context.schema + QLatin1Char('.') + context.table : context.table;
    HandWritten out;
    SqlFragment pass{QStringLiteral("SELECT COUNT(*)"), {}};
    for (const Check &c : checks) {
        // Inferred checks carry no filter; a written one would be ANDed in front.
        const QString filter =
            c.filter.isEmpty() ? QString() : QStringLiteral("(%1) AND ").arg(c.filter);
        if (c.rule == rule_name::kUnique) {
            QStringList present;
            for (const QString &f : c.fields)
                present << f + QStringLiteral(" IS NOT NULL");
            out.statements << SqlFragment{
                QStringLiteral("SELECT COALESCE(SUM(n), 0) FROM (SELECT COUNT(*) AS n FROM %1 "
                               "WHERE %2%3 GROUP BY %4 HAVING COUNT(*) > 1) AS d")
                    .arg(table, filter, present.join(QStringLiteral(" AND ")),
                         c.fields.join(QStringLiteral(", "))),
                {}};
            continue;
        }
        const QString failing = handFailing(c, postgres, context.fieldTypes);
        if (!failing.isEmpty()) {
            pass.sql += QStringLiteral(", COUNT(CASE WHEN %1(%2) THEN 1 END)").arg(filter, failing);
            continue;
        }
        const CompiledCheck compiled = compileCheck(c, context);
        if (!compiled.ok() || compiled.form != CheckForm::Record) {
            std::fprintf(stderr, "bench_scale: no hand translation of %s (%s)\n",
                         qPrintable(c.rule), qPrintable(compiled.error));
            continue;
        }
        ++out.borrowed;
        pass.sql += QStringLiteral(", COUNT(CASE WHEN %1 THEN 1 END)").arg(compiled.failing.sql);
        pass.values += compiled.failing.values;
    }
    pass.sql += QStringLiteral(" FROM ") + table;
    out.statements.prepend(pass);
    return out;
}

// Runs the statements once each; their wall time, and the failing rows they count (every
// column of each statement's one row but a leading COUNT(*)).
double runStatements(QSqlDatabase &db, const QList<SqlFragment> &statements, qint64 *failing)
{
    QElapsedTimer t;
    t.start();
    *failing = 0;
    for (int i = 0; i < statements.size(); ++i) {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        QString error;
        if (!execFragment(q, statements.at(i), &error) || !q.next()) {
            std::fprintf(stderr, "bench_scale: %s: %s\n",
                         qPrintable(statements.at(i).sql.left(120)),
                         qPrintable(error.isEmpty() ? q.lastError().text() : error));
            continue;
        }
        for (int c = i == 0 ? 1 : 0; c < q.record().count(); ++c)
            *failing += q.value(c).toLongLong();
    }
    return t.elapsed() / 1000.0;
}

// ---- one measurement -----------------------------------------------------------------------

struct Figures
{
    bool made = false; // false: the table could not be made; nothing measured
    qint64 rows = 0;
    bool keyed = false;
    double plain = 0, profile = 0, scan = 0, hand = 0;
    int checks = 0, uniques = 0, borrowed = 0;
    int passes = 0, queries = 0, guaranteed = 0, anomalies = 0;
    qint64 handFailing = 0;
    long peakMb = 0;
};

// Where one engine's tables live and how to reach them.
struct Source
{
    const char *name; // "SQLite", "PostgreSQL"
    bool postgres;
    // Makes the variant's table of `rows` rows (dropping the last size's) and returns the
    // datastore's connection and schema for it.
    std::function<bool(bool keyed, qint64 rows, Connection *connection, QString *schema)> make;
    // An open connection to the variant's database, named `name`, for the hand-written SQL.
    std::function<QSqlDatabase(bool keyed, const QString &name)> open;
};

double bestOf(int runs, const std::function<double()> &once)
{
    double best = 0;
    for (int run = 0; run < runs; ++run) {
        const double seconds = once();
        best = run == 0 ? seconds : qMin(best, seconds);
    }
    return best;
}

QString describeChecks(const QList<Check> &checks)
{
    QMap<QString, int> byRule;
    for (const Check &c : checks)
        ++byRule[c.rule];
    QStringList out;
    for (auto it = byRule.cbegin(); it != byRule.cend(); ++it)
        out << QStringLiteral("%1 %2").arg(it.key()).arg(it.value());
    return out.join(QStringLiteral(", "));
}

Figures measure(const Source &source, const QTemporaryDir &dir, qint64 rows, bool keyed)
{
    Figures out;
    out.rows = rows;
    out.keyed = keyed;
    const char *variant = keyed ? "key" : "no key";
    Connection connection;
    QString schema;
    QElapsedTimer made;
    made.start();
    if (!source.make(keyed, rows, &connection, &schema))
        return out;
    out.made = true;
    std::printf("bench_scale: %s %lld rows, %s: table made in %.1f s\n", source.name, rows, variant,
                made.elapsed() / 1000.0);
    std::fflush(stdout);

    // A fresh catalog per table: no checks or profiles carried over from the last size.
    Catalog catalog;
    if (!catalog.open(dir.filePath(QStringLiteral("catalog-%1-%2-%3.sqlite")
                                       .arg(QLatin1String(source.name))
                                       .arg(rows)
                                       .arg(keyed ? "key" : "nokey"))))
        qFatal("%s", qPrintable(catalog.lastError()));
    const qint64 ds = addDatastore(catalog, connection, schema);
    CredentialStore credentials;
    OperationEngine engine(&catalog, &credentials, 1);
    runAndWait(engine, ds, operation_type::kSync);
    const int runs = runsAt(rows);
    const bool peakReset = resetPeakMemory();

    // The operation's wall time; its counters and status go to `op`.
    const auto timed = [&](const QString &type, const QJsonObject &options, Operation *op) {
        QElapsedTimer t;
        t.start();
        const qint64 id = runAndWait(engine, ds, type, options);
        const double seconds = t.elapsed() / 1000.0;
        if (const auto found = catalog.operation(id)) {
            *op = *found;
            if (op->status != QLatin1String("success"))
                std::fprintf(stderr, "bench_scale: %s %s: %s\n", qPrintable(type),
                             qPrintable(op->status), qPrintable(op->message));
        }
        return seconds;
    };
    Operation profile, scan;
    out.profile = bestOf(runs, [&] {
        return timed(operation_type::kProfile, {{QStringLiteral("inference_threshold"), 2}},
                     &profile);
    });
    CheckQuery query;
    query.datastoreId = ds;
    query.status = check_status::kActive;
    const QList<Check> checks = catalog.checks(query);
    out.scan = bestOf(runs, [&] { return timed(operation_type::kScan, {}, &scan); });
    out.peakMb = peakMemoryNowMb();
    const auto counter = [](const Operation &op, const char *name) {
        return op.counters.value(QLatin1String(name)).toInt();
    };
    out.checks = int(checks.size());
    out.passes = counter(scan, "table_passes");
    out.queries = counter(scan, "queries");
    out.guaranteed = counter(scan, "checks_guaranteed");
    out.anomalies = counter(scan, "anomalies_identified");

    CheckSqlContext context;
    context.dialect = SqlDialect::forFamily(source.postgres ? SqlDialect::Family::PostgreSQL
                                                            : SqlDialect::Family::SQLite);
    context.schema = schema;
    context.table = kTable;
    const Container container = catalog.containers(ds).value(0);
    context.setFields(catalog.fields(container.id));
    const HandWritten hand = handWritten(checks, context);
    out.uniques = int(hand.statements.size()) - 1;
    if (qEnvironmentVariableIntValue("ASSAY_BENCH_SCALE_SQL"))
        for (const SqlFragment &s : hand.statements)
            std::printf("bench_scale: hand-written: %s\n", qPrintable(s.sql));
    out.borrowed = hand.borrowed;
    {
        QSqlDatabase db = source.open(keyed, QStringLiteral("hand"));
        const QString table = source.postgres ? schema + QLatin1Char('.') + kTable : kTable;
        qint64 ignored = 0;
        out.plain = bestOf(runs, [&] {
            return runStatements(db, {SqlFragment{plainPass(table), {}}}, &ignored);
        });
        out.hand =
            bestOf(runs, [&] { return runStatements(db, hand.statements, &out.handFailing); });
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("hand"));

    std::printf(
        "bench_scale: %s %lld rows, %s: profile %.2f s (passes %d, queries %d), scan "
        "%.2f s, plain %.2f s, hand-written %.2f s; checks: %s; failing rows: scan "
        "anomalies %d, hand-written %lld%s%s\n",
        source.name, rows, variant, out.profile, counter(profile, "table_passes"),
        counter(profile, "queries"), out.scan, out.plain, out.hand,
        qPrintable(describeChecks(checks)), out.anomalies, out.handFailing,
        hand.borrowed
            ? qPrintable(QStringLiteral("; %1 conditions compiled by Assay").arg(hand.borrowed))
            : "",
        peakReset ? "" : "; peak memory is the process's since it started");
    std::fflush(stdout);
    return out;
}

// ---- the report ----------------------------------------------------------------------------

double exponent(double t1, double t2, qint64 n1, qint64 n2)
{
    return std::log(t2 / t1) / std::log(double(n2) / double(n1));
}

void report(const Source &source, const QList<Figures> &all)
{
    std::printf("\n%s: growth curve (goals: profile <= 1.2x plain; scan <= 1.2x hand-written; "
                "with the key, scan <= 1.5x plain;\n  growth no worse than hand-written's; memory "
                "flat)\n",
                source.name);
    std::printf("%10s %-7s %8s %16s %24s %8s %7s %7s %7s %9s %7s\n", "rows", "variant", "plain s",
                "profile s (/pl)", "scan s (/hand) (/pl)", "hand s", "checks", "unique", "passes",
                "guaranteed", "peak MB");
    for (const Figures &f : all)
        std::printf("%10lld %-7s %8.2f %8.2f (%4.2f) %8.2f (%4.2f) (%4.2f) %8.2f %7d %7d %7d %9d "
                    "%7ld\n",
                    f.rows, f.keyed ? "key" : "no key", f.plain, f.profile, f.profile / f.plain,
                    f.scan, f.scan / f.hand, f.scan / f.plain, f.hand, f.checks, f.uniques,
                    f.passes, f.guaranteed, f.peakMb);
    std::printf("%s: growth exponent between sizes (1.00 is linear; goal: scan's no worse than "
                "hand-written's)\n",
                source.name);
    if (sizes().size() < 2)
        std::printf("  (one size only)\n");
    for (const bool keyed : {true, false}) {
        QList<Figures> of;
        for (const Figures &f : all)
            if (f.keyed == keyed)
                of << f;
        for (int i = 1; i < of.size(); ++i) {
            const Figures &a = of.at(i - 1), &b = of.at(i);
            std::printf("  %-7s %9lld -> %-9lld plain %5.2f  profile %5.2f  scan %5.2f  "
                        "hand-written %5.2f\n",
                        keyed ? "key" : "no key", a.rows, b.rows,
                        exponent(a.plain, b.plain, a.rows, b.rows),
                        exponent(a.profile, b.profile, a.rows, b.rows),
                        exponent(a.scan, b.scan, a.rows, b.rows),
                        exponent(a.hand, b.hand, a.rows, b.rows));
        }
    }
    std::printf("\n");
    std::fflush(stdout);
}

void run(const Source &source, const QTemporaryDir &dir)
{
    QList<Figures> all;
    for (const qint64 rows : sizes())
        for (const bool keyed : {true, false})
            if (const Figures f = measure(source, dir, rows, keyed); f.made)
                all << f;
    report(source, all);
}

// SQLite: one file per variant, made anew at each size.
void sqlite(const QTemporaryDir &dir)
{
    const auto path = [&dir](bool keyed) {
        return dir.filePath(keyed ? QStringLiteral("key.sqlite") : QStringLiteral("nokey.sqlite"));
    };
    Source source{"SQLite", false, {}, {}};
    source.make = [&](bool keyed, qint64 rows, Connection *connection, QString *schema) {
        QFile::remove(path(keyed));
        bool ok = false;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), "make");
            db.setDatabaseName(path(keyed));
            ok = db.open() && exec(db, QStringLiteral("PRAGMA journal_mode=OFF")) &&
                 exec(db, createTable(kTable, false, keyed)) &&
                 exec(db, fillTable(kTable, false, rows)) &&
                 (!keyed ||
                  exec(db, QStringLiteral("CREATE UNIQUE INDEX %1_hash ON %1 (hash)").arg(kTable)));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("make"));
        connection->name = QStringLiteral("lite");
        connection->type = QStringLiteral("sqlite");
        connection->database = path(keyed);
        *schema = QStringLiteral("main");
        return ok;
    };
    source.open = [&](bool keyed, const QString &name) {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path(keyed));
        // REGEXP for the pattern checks, as the engine's own connection has it.
        db.setConnectOptions(QStringLiteral("QSQLITE_ENABLE_REGEXP"));
        db.open();
        return db;
    };
    run(source, dir);
}

// PostgreSQL: a private server; one schema per variant, its table made anew at each size.
void postgres(const QTemporaryDir &dir)
{
    PrivateServers servers(dir);
    if (!servers.ok()) {
        std::fprintf(stderr, "bench_scale: PostgreSQL could not start; skipped\n");
        return;
    }
    {
        QSqlDatabase db = servers.postgres(QStringLiteral("make"));
        // DROP TABLE IF EXISTS would say on every first size that there was none.
        exec(db, QStringLiteral("SET client_min_messages = warning"));
        Source source{"PostgreSQL", true, {}, {}};
        source.make = [&](bool keyed, qint64 rows, Connection *connection, QString *schema) {
            *schema = keyed ? QStringLiteral("keyed") : QStringLiteral("plain");
            const QString table = *schema + QLatin1Char('.') + kTable;
            *connection = servers.postgresConnection();
            return exec(db, QStringLiteral("CREATE SCHEMA IF NOT EXISTS ") + *schema) &&
                   exec(db, QStringLiteral("DROP TABLE IF EXISTS ") + table) &&
                   exec(db, createTable(table, true, keyed)) &&
                   exec(db, fillTable(table, true, rows)) &&
                   (!keyed || exec(db, QStringLiteral("ALTER TABLE %1 ADD PRIMARY KEY (id), ADD "
                                                      "UNIQUE (hash)")
                                           .arg(table))) &&
                   exec(db, QStringLiteral("VACUUM ANALYZE ") + table);
        };
        source.open = [&](bool, const QString &name) { return servers.postgres(name); };
        run(source, dir);
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("make"));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    // Every operation's and catalog's info line would bury the figures; warnings stay, and
    // QT_LOGGING_RULES (assay.sql.debug=true, say) still overrides this.
    QLoggingCategory::setFilterRules(QStringLiteral("assay.*.info=false"));
    QTemporaryDir dir;
    if (engineWanted("sqlite"))
        sqlite(dir);
    if (engineWanted("postgres"))
        postgres(dir);
    return 0;
}
