// The rows an operation reads: a table, its scope (an incremental filter), a record limit,
// and a random sample of what remains, spelled for each dialect.
#include "app/checks/CheckCompiler.h"
#include "app/checks/CheckSqlText.h"

namespace assay {

namespace {

using namespace check_sql;

// Key lookups stop paying off when the rowids are so sparse (or the scope so selective) that
// this many draws per wanted row would be needed: a filtered read is used instead.
constexpr qint64 kMaxDrawsPerRow = 20;

// Rows drawn by rowid so that about `sample.rows` exist and are in scope: the draws cover the
// rowid span, of which `population` rows are in scope.
qint64 rowidDraws(const RowSample &sample)
{
    if (sample.rowidName.isEmpty() || sample.lastRowid < sample.firstRowid)
        return 0;
    const double span = double(sample.lastRowid - sample.firstRowid) + 1.0;
    const double draws = double(sample.rows) * span / double(sample.population);
    if (draws > double(kMaxDrawsPerRow) * double(sample.rows))
        return 0;
    return qMax<qint64>(1, qRound64(draws));
}

// A per-row predicate keeping about `fraction` of the rows, or empty where the dialect has no
// random function Assay knows (the caller then takes the first rows).
SqlFragment randomPredicate(const SqlDialect &dialect, double fraction)
{
    switch (dialect.family()) {
    case SqlDialect::Family::SQLite:
        // In millionths: `% round(1 / fraction) = 0` would read every row of a table up to 1.5
        // times the sample.
        return fmt(QStringLiteral("abs(random()) % 1000000 < %1"),
                   {bound(qMax<qint64>(1, qRound64(fraction * 1e6)))});
    case SqlDialect::Family::PostgreSQL:
    case SqlDialect::Family::Redshift:
        return fmt(QStringLiteral("random() < %1"), {bound(fraction)});
    case SqlDialect::Family::MySQL:
        // A constant seed: the same rows each time the same table is read in the same order.
        return fmt(QStringLiteral("RAND(42) < %1"), {bound(fraction)});
    case SqlDialect::Family::DuckDB:
        return fmt(QStringLiteral("random() < %1"), {bound(fraction)});
    default:
        return {};
    }
}

// The kinds of sample sampledTable() draws.
enum class Method { KeptSample, RowidDraws, TableSample, Reservoir, RandomPredicate, FirstRows };

Method methodOf(const CheckSqlContext &c)
{
    const RowSample &s = c.sample;
    if (!s.relation.isEmpty() && c.rowScope.isEmpty())
        return Method::KeptSample;
    if (c.dialect.family() == SqlDialect::Family::SQLite && rowidDraws(s) > 0)
        return Method::RowidDraws;
    if (c.dialect.family() == SqlDialect::Family::PostgreSQL && s.tableSample)
        return Method::TableSample;
    if (c.dialect.family() == SqlDialect::Family::DuckDB)
        return Method::Reservoir;
    return randomPredicate(c.dialect, 0.5).isEmpty() ? Method::FirstRows : Method::RandomPredicate;
}

// `SELECT * FROM table [sample] [WHERE scope AND sample]`, the sample taken from the table
// itself: by rowid lookups (SQLite), TABLESAMPLE BERNOULLI (PostgreSQL: it samples rows, and
// SYSTEM's whole pages bias the quartiles of ordered data), or a random predicate.
SqlFragment sampledTable(const CheckSqlContext &c, bool *sampled)
{
    const RowSample &s = c.sample;
    const double fraction = double(s.rows) / double(s.population);
    SqlFragment select = raw(QStringLiteral("SELECT * FROM ") + c.dialect.table(c.schema, c.table));
    QList<SqlFragment> where;
    *sampled = true;
    const Method method = methodOf(c);
    const qint64 draws = method == Method::RowidDraws ? rowidDraws(s) : 0;
    if (method == Method::KeptSample)
        return raw(c.dialect.limit(QStringLiteral("SELECT * FROM ") + s.relation, s.rows));
    if (method == Method::Reservoir) {
        // DuckDB keeps a reservoir of exactly the rows wanted, the same ones every time.
        select =
            fmt(QStringLiteral("SELECT * FROM (%1) assay_scope USING SAMPLE reservoir(%2 ROWS) "
                               "REPEATABLE (42)"),
                {c.rowScope.isEmpty() ? select
                                      : fmt(QStringLiteral("%1 WHERE %2"), {select, c.rowScope}),
                 raw(QString::number(s.rows))});
        return select;
    }
    if (draws > 0) {
        // Uniform draws over the rowid span: every row is equally likely, whatever the gaps.
        // Two Park-Miller generators with fixed seeds make the draws, so the same table (or a
        // copy of it) gives the same sample, and the checks inferred from it are the same.
        where << fmt(QStringLiteral("%1 IN (WITH RECURSIVE assay_draw(i, x, y) AS (SELECT 1, "
                                    "48271, 16807 UNION ALL SELECT i + 1, x * 48271 % "
                                    "2147483647, y * 16807 % 2147483647 FROM assay_draw WHERE "
                                    "i < %2) SELECT %3 + (x * 2147483647 + y) % %4 FROM "
                                    "assay_draw)"),
                     {raw(c.dialect.quote(s.rowidName)), bound(draws), bound(s.firstRowid),
                      bound(s.lastRowid - s.firstRowid + 1)});
    } else if (method == Method::TableSample) {
        // REPEATABLE: the same rows each time, so the same data gives the same checks.
        select = fmt(s.pages ? QStringLiteral("%1 TABLESAMPLE SYSTEM (%2) REPEATABLE (42)")
                             : QStringLiteral("%1 TABLESAMPLE BERNOULLI (%2) REPEATABLE (42)"),
                     {select, bound(fraction * 100.0)});
    } else {
        const SqlFragment predicate = randomPredicate(c.dialect, fraction);
        if (predicate.isEmpty())
            *sampled = false;
        else
            where << predicate;
    }
    if (!c.rowScope.isEmpty())
        where << c.rowScope;
    if (!where.isEmpty())
        select = fmt(QStringLiteral("%1 WHERE %2"), {select, join(where, QStringLiteral(" AND "))});
    return select;
}

} // namespace

SqlFragment sourceRelation(const CheckSqlContext &c, const QString &alias)
{
    const QString table = c.dialect.table(c.schema, c.table);
    const bool sampling = c.sample.active();
    if (c.rowScope.isEmpty() && c.recordLimit <= 0 && !sampling)
        return raw(table + QLatin1Char(' ') + alias);
    bool sampled = false;
    SqlFragment select;
    if (sampling && c.recordLimit <= 0) {
        select = sampledTable(c, &sampled);
    } else {
        select = raw(QStringLiteral("SELECT * FROM ") + table);
        if (!c.rowScope.isEmpty())
            select = fmt(QStringLiteral("%1 WHERE %2"), {select, c.rowScope});
        if (c.recordLimit > 0) {
            if (!c.orderField.isEmpty())
                select.sql += QStringLiteral(" ORDER BY ") + c.dialect.quote(c.orderField);
            select.sql = c.dialect.limit(select.sql, c.recordLimit);
        }
        if (sampling) {
            // The limited rows first, then the sample among them.
            const SqlFragment predicate =
                randomPredicate(c.dialect, double(c.sample.rows) / double(c.sample.population));
            if (!predicate.isEmpty()) {
                select = fmt(QStringLiteral("SELECT * FROM (%1) assay_limited WHERE %2"),
                             {select, predicate});
                sampled = true;
            }
        }
    }
    // No random function: the first rows stand for the sample (marked approximate all the same).
    if (sampling && !sampled) {
        select = fmt(QStringLiteral("SELECT * FROM (%1) assay_first"), {select});
        select.sql = c.dialect.limit(select.sql, c.sample.rows);
    }
    return fmt(QStringLiteral("(%1) %2"), {select, raw(alias)});
}

bool readsEveryRow(const CheckSqlContext &c)
{
    if (!c.sample.active() || c.recordLimit > 0)
        return true;
    switch (methodOf(c)) {
    case Method::RowidDraws:
    case Method::KeptSample:
        return false;
    case Method::TableSample:
        return !c.sample.pages;
    default:
        return true;
    }
}

QString samplingMethod(const CheckSqlContext &c)
{
    if (!c.sample.active())
        return QString();
    if (c.recordLimit > 0)
        return randomPredicate(c.dialect, 0.5).isEmpty() ? QStringLiteral("first rows")
                                                         : QStringLiteral("random predicate");
    switch (methodOf(c)) {
    case Method::RowidDraws:
        return QStringLiteral("rowid draws");
    case Method::KeptSample:
        return QStringLiteral("reservoir kept while reading");
    case Method::TableSample:
        return c.sample.pages ? QStringLiteral("TABLESAMPLE SYSTEM")
                              : QStringLiteral("TABLESAMPLE BERNOULLI");
    case Method::Reservoir:
        return QStringLiteral("reservoir");
    case Method::RandomPredicate:
        return QStringLiteral("random predicate");
    case Method::FirstRows:
        break;
    }
    return QStringLiteral("first rows");
}

RowSample rowidRange(QSqlDatabase db, const CheckSqlContext &c, const QStringList &columns)
{
    RowSample out;
    if (c.dialect.family() != SqlDialect::Family::SQLite)
        return out;
    QString name;
    for (const char *alias : {"rowid", "_rowid_", "oid"})
        if (!columns.contains(QLatin1String(alias), Qt::CaseInsensitive)) {
            name = QLatin1String(alias);
            break;
        }
    if (name.isEmpty())
        return out;
    QSqlQuery q(db);
    const SqlFragment sql =
        raw(QStringLiteral("SELECT MIN(%1), MAX(%1) FROM %2")
                .arg(c.dialect.quote(name), c.dialect.table(c.schema, c.table)));
    // A view or a WITHOUT ROWID table has no rowid: the query fails, and the sample is read
    // with a random predicate instead.
    if (!execFragment(q, sql, nullptr) || !q.next() || q.isNull(0))
        return out;
    out.rowidName = name;
    out.firstRowid = q.value(0).toLongLong();
    out.lastRowid = q.value(1).toLongLong();
    return out;
}

} // namespace assay
