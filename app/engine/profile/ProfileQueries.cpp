#include "app/engine/profile/ProfileQueries.h"

#include "app/connectors/FolderDiscovery.h"
#include "app/engine/profile/SqliteProfileFunction.h"

#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStringList>
#include <cmath>

namespace assay::profile_sql {

namespace {

// Databases with a population-variance aggregate: one accumulator computed in C is several
// times cheaper than SUM(x * x) evaluated as an expression per row.
bool hasVarPop(const SqlDialect &dialect)
{
    switch (dialect.family()) {
    case SqlDialect::Family::SQLite:
    case SqlDialect::Family::Generic:
        return false;
    default:
        return true;
    }
}

QString varPop(const SqlDialect &dialect, const QString &d)
{
    return dialect.family() == SqlDialect::Family::SqlServer ? QStringLiteral("VARP(%1)").arg(d)
                                                             : QStringLiteral("VAR_POP(%1)").arg(d);
}

// What VAR_POP reads of a column's number `n`. PostgreSQL takes integers and exact decimals as
// they are (it accumulates integers in 128 bits: exact, and cheaper than converting every value
// to a double). MySQL and MariaDB get doubles: over integers and decimals they return a decimal
// rounded to 4 places (0.8184 for 0.8184032). Elsewhere a cast keeps the result fractional
// (Redshift's integer variance is an integer), exact decimals excepted.
QString varianceArgument(const SqlDialect &dialect, const ProfileColumn &c, const QString &n)
{
    if (dialect.family() == SqlDialect::Family::MySQL)
        return dialect.toDouble(n);
    const bool native = dialect.family() == SqlDialect::Family::PostgreSQL;
    if (c.exactDecimal() || (native && c.family() == TypeFamily::Integral))
        return n;
    return dialect.toDouble(n);
}

} // namespace

bool deviationInPass1(const SqlDialect &dialect, const ProfileColumn &column)
{
    return !(column.exactDecimal() && dialect.family() == SqlDialect::Family::PostgreSQL);
}

namespace {

// SUM as a double that cannot overflow: SQLite's SUM() raises on integer overflow, TOTAL() not.
QString sumAsDouble(const SqlDialect &dialect, const QString &f)
{
    if (dialect.family() == SqlDialect::Family::SQLite)
        return QStringLiteral("TOTAL(%1)").arg(f);
    return dialect.toDouble(QStringLiteral("SUM(%1)").arg(f));
}

// A column's figures from its assay_profile() sketch (ColumnSketch::toJson).
void readSketch(const QJsonObject &o, qint64 records, FieldProfile &p)
{
    const double n = o.value(QStringLiteral("n")).toDouble();
    p.completeness = records > 0 ? n / double(records) : 0.0;
    if (n <= 0)
        return;
    p.minValue = o.value(QStringLiteral("min")).toString();
    p.maxValue = o.value(QStringLiteral("max")).toString();
    p.distinctValues = qint64(o.value(QStringLiteral("distinct")).toDouble());
    p.distinctApproximate = true; // pass 2 replaces it with the exact count of a whole table
    if (o.contains(QStringLiteral("sum"))) {
        p.sum = o.value(QStringLiteral("sum")).toDouble();
        p.mean = *p.sum / n;
        const double m2 = o.value(QStringLiteral("m2")).toDouble();
        p.stdDev = n > 1 ? std::sqrt(qMax(0.0, m2) / (n - 1)) : 0.0;
        if (m2 > 0) {
            p.skewness = cleanMoment(std::sqrt(n) * o.value(QStringLiteral("m3")).toDouble() /
                                     std::pow(m2, 1.5));
            p.kurtosis =
                cleanMoment(n * o.value(QStringLiteral("m4")).toDouble() / (m2 * m2) - 3.0);
        }
    }
    if (o.contains(QStringLiteral("min_length"))) {
        p.minLength = qint64(o.value(QStringLiteral("min_length")).toDouble());
        p.maxLength = qint64(o.value(QStringLiteral("max_length")).toDouble());
    }
}

} // namespace

double cleanMoment(double x)
{
    return std::abs(x) < 1e-9 ? 0.0 : x;
}

std::optional<qint64> tableRecordsEstimate(const QSqlDatabase &db, const SqlDialect &dialect,
                                           const QString &schema, const QString &table,
                                           const RowSample &keys)
{
    QString sql;
    switch (dialect.family()) {
    case SqlDialect::Family::SQLite:
        if (keys.rowidName.isEmpty())
            return std::nullopt;
        return keys.lastRowid - keys.firstRowid + 1;
    case SqlDialect::Family::PostgreSQL:
        // -1 (PostgreSQL 14+) or 0 until the table was first vacuumed or analysed: unknown.
        sql = QStringLiteral("SELECT CAST(c.reltuples AS BIGINT) FROM pg_class c JOIN "
                             "pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND "
                             "c.relname = ? AND c.reltuples > 0");
        break;
    case SqlDialect::Family::MySQL:
        sql = QStringLiteral("SELECT TABLE_ROWS FROM information_schema.TABLES WHERE "
                             "TABLE_SCHEMA = ? AND TABLE_NAME = ? AND TABLE_ROWS > 0");
        break;
    default:
        return std::nullopt;
    }
    QSqlQuery q(db);
    if (!execFragment(q, SqlFragment{sql, {schema, table}}, nullptr) || !q.next() || q.isNull(0))
        return std::nullopt;
    return q.value(0).toLongLong();
}

bool hasLogarithm(const QSqlDatabase &db, const SqlDialect &dialect)
{
    if (dialect.family() != SqlDialect::Family::SQLite)
        return true;
    QSqlQuery q(db);
    return q.exec(QStringLiteral("SELECT LN(2)")) && q.next() && !q.isNull(0);
}

CheckSqlContext rowsOf(const SqlDialect &dialect, const ProfileSource &s)
{
    CheckSqlContext rows;
    rows.dialect = dialect;
    rows.schema = s.schema;
    rows.table = s.table;
    rows.rowScope = s.rowScope;
    rows.recordLimit = s.recordLimit;
    rows.sample = s.sample;
    return rows;
}

QString source(const SqlDialect &dialect, const ProfileSource &s, QVariantList *values)
{
    const SqlFragment relation = sourceRelation(rowsOf(dialect, s));
    values->append(relation.values);
    return relation.sql;
}

namespace {

// Pass 1's select list and where each figure lands in it, written in one place: each item is
// appended and its position recorded by the same call.
struct Pass1Plan
{
    QStringList select{QStringLiteral("COUNT(*)")};
    QList<Pass1Layout> layout;

    int add(const QString &item)
    {
        select << item;
        return int(select.size()) - 1;
    }
};

Pass1Plan planPass1(const SqlDialect &dialect, const QList<ProfileColumn> &columns, bool sketches)
{
    Pass1Plan plan;
    for (const ProfileColumn &c : columns) {
        Pass1Layout l;
        const QString f = QStringLiteral("src.") + dialect.quote(c.name);
        if (sketches) {
            // SQLite compares and groups any value; its sketch is fed the column as it is.
            l.sketch = plan.add(sqlite_profile::call(f, c.isNumeric() ? ColumnSketch::Kind::Numeric
                                                        : c.isText()  ? ColumnSketch::Kind::Text
                                                                      : ColumnSketch::Kind::Other));
            plan.layout << l;
            continue;
        }
        const ColumnMeasure &m = c.measure;
        l.count = plan.add(QStringLiteral("COUNT(%1)").arg(f));
        if (c.hasMinMax()) {
            l.min = plan.add(dialect.toText(QStringLiteral("MIN(%1)").arg(m.orderOf(f))));
            l.max = plan.add(dialect.toText(QStringLiteral("MAX(%1)").arg(m.orderOf(f))));
        }
        const QString n = m.hasNumber() ? m.numberOf(f) : QString();
        if (c.isNumeric()) {
            if (m.nonFinite) {
                l.numberCount = plan.add(QStringLiteral("COUNT(%1)").arg(n));
                l.numberMin = plan.add(dialect.toDouble(QStringLiteral("MIN(%1)").arg(n)));
                l.numberMax = plan.add(dialect.toDouble(QStringLiteral("MAX(%1)").arg(n)));
            }
            l.sum = plan.add(sumAsDouble(dialect, n));
            if (deviationInPass1(dialect, c)) { // else pass 2 measures it
                l.spreadIsVariance = hasVarPop(dialect);
                l.spread =
                    plan.add(l.spreadIsVariance
                                 ? varPop(dialect, varianceArgument(dialect, c, n))
                                 : sumAsDouble(dialect, QStringLiteral("(%1) * (%1)").arg(n)));
            }
        }
        if (m.hasLength()) {
            l.minLength = plan.add(QStringLiteral("MIN(%1)").arg(m.lengthOf(f)));
            l.maxLength = plan.add(QStringLiteral("MAX(%1)").arg(m.lengthOf(f)));
        }
        const QString approx =
            m.hasValue() ? dialect.approximateCountDistinct(m.valueOf(f)) : QString();
        if (!approx.isEmpty())
            l.approxDistinct = plan.add(approx);
        if (c.isNumeric() && !dialect.approximatePercentile(n, 0.5).isEmpty()) {
            l.quartiles = int(plan.select.size());
            for (const double fraction : {0.25, 0.5, 0.75})
                plan.add(dialect.toDouble(dialect.approximatePercentile(n, fraction)));
        }
        plan.layout << l;
    }
    return plan;
}

} // namespace

QList<Pass1Layout> pass1Layout(const SqlDialect &dialect, const QList<ProfileColumn> &columns,
                               bool sketches)
{
    return planPass1(dialect, columns, sketches).layout;
}

BoundSql pass1(const SqlDialect &dialect, const ProfileSource &s,
               const QList<ProfileColumn> &columns, bool sketches)
{
    BoundSql out;
    const Pass1Plan plan = planPass1(dialect, columns, sketches);
    const QString from = source(dialect, s, &out.values);
    out.sql = QStringLiteral("SELECT %1 FROM %2").arg(plan.select.join(QStringLiteral(", ")), from);
    return out;
}

qint64 readPass1(const QSqlQuery &q, const SqlDialect &dialect, QList<ProfileColumn> &columns,
                 QList<FieldProfile> &profiles, bool sketches)
{
    const qint64 records = q.value(0).toLongLong();
    const QList<Pass1Layout> layout = pass1Layout(dialect, columns, sketches);
    for (int i = 0; i < columns.size() && i < profiles.size(); ++i) {
        const Pass1Layout &l = layout.at(i);
        FieldProfile &p = profiles[i];
        p.records = records;
        if (l.sketch >= 0) {
            readSketch(sqlite_profile::read(q.value(l.sketch)), records, p);
            // The sketch orders any value; a type without an order (bytes) shows none.
            if (!columns.at(i).hasMinMax())
                p.minValue = p.maxValue = QString();
            continue;
        }
        const qint64 n = q.value(l.count).toLongLong();
        p.completeness = records > 0 ? double(n) / double(records) : 0.0;
        if (l.min >= 0) {
            p.minValue = q.isNull(l.min) ? QString() : q.value(l.min).toString();
            p.maxValue = q.isNull(l.max) ? QString() : q.value(l.max).toString();
        }
        // The values that are numbers: all of them, but where NaN and ±Infinity are kept out.
        qint64 numbers = n;
        if (l.numberCount >= 0) {
            numbers = q.value(l.numberCount).toLongLong();
            if (!q.isNull(l.numberMin) && !q.isNull(l.numberMax)) {
                columns[i].finiteMin = q.value(l.numberMin).toDouble();
                columns[i].finiteMax = q.value(l.numberMax).toDouble();
            }
        }
        if (l.sum >= 0 && numbers > 0) {
            const double s1 = q.value(l.sum).toDouble();
            const double mean = s1 / double(numbers);
            p.sum = s1;
            p.mean = mean;
            if (l.spread >= 0) {
                const double spread = q.value(l.spread).toDouble();
                const double variance =
                    qMax(0.0, l.spreadIsVariance ? spread : spread / double(numbers) - mean * mean);
                p.stdDev =
                    numbers > 1 ? std::sqrt(variance * double(numbers) / double(numbers - 1)) : 0.0;
            }
        }
        if (l.minLength >= 0 && n > 0) {
            p.minLength = q.value(l.minLength).toLongLong();
            p.maxLength = q.value(l.maxLength).toLongLong();
        }
        if (l.quartiles >= 0 && n > 0) {
            const auto read = [&q](int at) {
                return q.isNull(at) ? std::nullopt : std::optional<double>(q.value(at).toDouble());
            };
            p.q1 = read(l.quartiles);
            p.median = read(l.quartiles + 1);
            p.q3 = read(l.quartiles + 2);
            p.quantilesApproximate = true;
        }
        if (l.approxDistinct >= 0) {
            p.distinctValues = q.value(l.approxDistinct).toLongLong();
            p.distinctApproximate = true;
        }
    }
    return records;
}

} // namespace assay::profile_sql
