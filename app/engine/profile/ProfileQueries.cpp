#include "engine/profile/ProfileQueries.h"

#include "connectors/FolderDiscovery.h"
#include "engine/profile/SqliteProfileFunction.h"

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

// What VAR_POP reads of a column. PostgreSQL and MySQL take integers and exact decimals as they
// are (PostgreSQL accumulates integers in 128 bits: exact, and cheaper than converting every
// value to a double); elsewhere a cast keeps the result fractional (Redshift's integer variance
// is an integer).
QString varianceArgument(const SqlDialect &dialect, const ProfileColumn &c, const QString &f)
{
    const bool native = dialect.family() == SqlDialect::Family::PostgreSQL ||
                        dialect.family() == SqlDialect::Family::MySQL;
    if (c.exactDecimal || (native && c.family == TypeFamily::Integral))
        return f;
    return dialect.toDouble(f);
}

// SUM as a double that cannot overflow: SQLite's SUM() raises on integer overflow, TOTAL() not.
QString sumAsDouble(const SqlDialect &dialect, const QString &f)
{
    if (dialect.family() == SqlDialect::Family::SQLite)
        return QStringLiteral("TOTAL(%1)").arg(f);
    return dialect.toDouble(QStringLiteral("SUM(%1)").arg(f));
}

QString logarithm(const SqlDialect &dialect, const QString &e)
{
    return dialect.family() == SqlDialect::Family::SqlServer ? QStringLiteral("LOG(%1)").arg(e)
                                                             : QStringLiteral("LN(%1)").arg(e);
}

std::optional<double> optionalDouble(const QVariant &v)
{
    if (v.isNull())
        return std::nullopt;
    bool ok = false;
    const double d = v.toDouble(&ok);
    return ok && std::isfinite(d) ? std::optional<double>(d) : std::nullopt;
}

struct BucketRange
{
    double min = 0;
    double width = 1;
};

// Pass 1's min and max split into kBuckets equal widths (width 1 when they are equal).
BucketRange bucketRange(const FieldProfile *p)
{
    BucketRange r;
    bool okMin = false, okMax = false;
    const double min = p ? p->minValue.toDouble(&okMin) : 0.0;
    const double max = p ? p->maxValue.toDouble(&okMax) : 0.0;
    if (!okMin || !okMax || !std::isfinite(min) || !std::isfinite(max))
        return r;
    r.min = min;
    if (max > min)
        r.width = (max - min) / kBuckets;
    return r;
}

// Below 1e-9 a skewness or kurtosis is rounding noise of a symmetric (or flat) distribution.
double cleanMoment(double x)
{
    return std::abs(x) < 1e-9 ? 0.0 : x;
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

bool hasLogarithm(const QSqlDatabase &db, const SqlDialect &dialect)
{
    if (dialect.family() != SqlDialect::Family::SQLite)
        return true;
    QSqlQuery q(db);
    return q.exec(QStringLiteral("SELECT LN(2)")) && q.next() && !q.isNull(0);
}

QString source(const SqlDialect &dialect, const ProfileSource &s, QVariantList *values)
{
    CheckSqlContext rows;
    rows.dialect = dialect;
    rows.schema = s.schema;
    rows.table = s.table;
    rows.rowScope = s.rowScope;
    rows.recordLimit = s.recordLimit;
    rows.sample = s.sample;
    const SqlFragment relation = sourceRelation(rows);
    values->append(relation.values);
    return relation.sql;
}

QList<Pass1Layout> pass1Layout(const SqlDialect &dialect, const QList<ProfileColumn> &columns,
                               bool sketches)
{
    QList<Pass1Layout> out;
    int next = 1; // 0 is COUNT(*)
    if (sketches) {
        for (int i = 0; i < columns.size(); ++i) {
            Pass1Layout l;
            l.sketch = next++;
            out << l;
        }
        return out;
    }
    const bool approx = !dialect.approximateCountDistinct(QStringLiteral("x")).isEmpty();
    for (const ProfileColumn &c : columns) {
        Pass1Layout l;
        l.count = next++;
        if (c.hasMinMax()) {
            l.min = next++;
            l.max = next++;
        }
        if (c.isNumeric()) {
            l.sum = next++;
            l.spread = next++;
            l.spreadIsVariance = hasVarPop(dialect);
        }
        if (c.isText()) {
            l.minLength = next++;
            l.maxLength = next++;
        }
        if (approx)
            l.approxDistinct = next++;
        out << l;
    }
    return out;
}

BoundSql pass1(const SqlDialect &dialect, const ProfileSource &s,
               const QList<ProfileColumn> &columns, bool sketches)
{
    BoundSql out;
    QStringList select{QStringLiteral("COUNT(*)")};
    for (const ProfileColumn &c : columns) {
        const QString f = QStringLiteral("src.") + dialect.quote(c.name);
        if (sketches) {
            select << sqlite_profile::call(f, c.isNumeric() ? ColumnSketch::Kind::Numeric
                                              : c.isText()  ? ColumnSketch::Kind::Text
                                                            : ColumnSketch::Kind::Other);
            continue;
        }
        select << QStringLiteral("COUNT(%1)").arg(f);
        if (c.hasMinMax()) {
            select << dialect.toText(QStringLiteral("MIN(%1)").arg(f))
                   << dialect.toText(QStringLiteral("MAX(%1)").arg(f));
        }
        if (c.isNumeric()) {
            select << sumAsDouble(dialect, f);
            if (hasVarPop(dialect))
                select << varPop(dialect, varianceArgument(dialect, c, f));
            else
                select << sumAsDouble(dialect, QStringLiteral("%1 * %1").arg(f));
        }
        if (c.isText()) {
            select << QStringLiteral("MIN(%1)").arg(dialect.length(f))
                   << QStringLiteral("MAX(%1)").arg(dialect.length(f));
        }
        const QString approx = dialect.approximateCountDistinct(f);
        if (!approx.isEmpty())
            select << approx;
    }
    const QString from = source(dialect, s, &out.values);
    out.sql = QStringLiteral("SELECT %1 FROM %2").arg(select.join(QStringLiteral(", ")), from);
    return out;
}

qint64 readPass1(const QSqlQuery &q, const SqlDialect &dialect, const QList<ProfileColumn> &columns,
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
            continue;
        }
        const qint64 n = q.value(l.count).toLongLong();
        p.completeness = records > 0 ? double(n) / double(records) : 0.0;
        if (l.min >= 0) {
            p.minValue = q.isNull(l.min) ? QString() : q.value(l.min).toString();
            p.maxValue = q.isNull(l.max) ? QString() : q.value(l.max).toString();
        }
        if (l.sum >= 0 && n > 0) {
            const double s1 = q.value(l.sum).toDouble();
            const double mean = s1 / double(n);
            const double spread = q.value(l.spread).toDouble();
            const double variance =
                qMax(0.0, l.spreadIsVariance ? spread : spread / double(n) - mean * mean);
            p.sum = s1;
            p.mean = mean;
            p.stdDev = n > 1 ? std::sqrt(variance * double(n) / double(n - 1)) : 0.0;
        }
        if (l.minLength >= 0 && n > 0) {
            p.minLength = q.value(l.minLength).toLongLong();
            p.maxLength = q.value(l.maxLength).toLongLong();
        }
        if (l.approxDistinct >= 0) {
            p.distinctValues = q.value(l.approxDistinct).toLongLong();
            p.distinctApproximate = true;
        }
    }
    return records;
}

BoundSql pass2(const SqlDialect &dialect, const ProfileSource &s,
               const QList<ProfileColumn> &columns, const QList<FieldProfile> &profiles)
{
    BoundSql out;
    const QString from = source(dialect, s, &out.values);
    // One branch per field over the rows read once (MATERIALIZED where the database would
    // otherwise re-read the table per branch), each grouping its field by its own type first:
    // hashing native values and spelling only the distinct ones as text costs a fraction of
    // grouping every value as text. z is the value standardised by pass 1's exact mean and
    // deviation, so the higher moments stay small and cannot overflow.
    QStringList branches;
    for (int i = 0; i < columns.size(); ++i) {
        const ProfileColumn &c = columns.at(i);
        const QString f = QStringLiteral("s.") + dialect.quote(c.name);
        QString number = dialect.toDouble(QStringLiteral("NULL"));
        QString z = number;
        QString bucket = QStringLiteral("CAST(NULL AS INTEGER)");
        if (c.isNumeric()) {
            number = dialect.toDouble(QStringLiteral("x"));
            z = QStringLiteral("(%1 - ?) / ?").arg(number);
            const FieldProfile *p = i < profiles.size() ? &profiles.at(i) : nullptr;
            out.values << (p && p->mean ? *p->mean : 0.0)
                       << (p && p->stdDev && *p->stdDev > 0 ? *p->stdDev : 1.0);
            // Equal-width buckets between pass 1's min and max: x >= min, so SQLite's cast
            // truncates like FLOOR (which SQLite may lack); max lands in bucket kBuckets.
            const BucketRange range = bucketRange(p);
            // PostgreSQL and MySQL round a cast to integer, so they get FLOOR.
            bucket = dialect.family() == SqlDialect::Family::SQLite
                         ? QStringLiteral("CAST((%1 - ?) / ? AS INTEGER)").arg(number)
                         : QStringLiteral("FLOOR((%1 - ?) / ?)").arg(number);
            out.values << range.min << range.width;
        }
        branches << QStringLiteral("SELECT %1 AS fi, %2 AS v, %3 AS n, %4 AS z, %5 AS b, c FROM "
                                   "(SELECT %6 AS x, COUNT(*) AS c FROM s WHERE %6 IS NOT NULL "
                                   "GROUP BY %6) q%1")
                        .arg(i)
                        .arg(dialect.toText(QStringLiteral("x")), number, z, bucket, f);
    }
    const SqlDialect::Family family = dialect.family();
    const bool materialized =
        family == SqlDialect::Family::SQLite || family == SqlDialect::Family::PostgreSQL;
    const QString entropy =
        s.logarithm ? QStringLiteral("SUM(c * %1)").arg(logarithm(dialect, dialect.toDouble("c")))
                    : dialect.toDouble(QStringLiteral("NULL"));
    const QString quartile = QStringLiteral("CASE WHEN %1 * r.cum >= %2 * f.t AND %1 * (r.cum - "
                                            "r.c) < %2 * f.t THEN 1 ELSE 0 END");
    // g: one row per (field, value); f: per-field sums over g; r: ranks by count and cumulative
    // counts by value.
    // A row per bucket of each numeric field follows its values, rank -1 and the bucket index
    // in d.
    const QString nothing = dialect.toDouble(QStringLiteral("NULL"));
    const QString materialize = materialized ? QStringLiteral("MATERIALIZED ") : QString();
    out.sql =
        QStringLiteral(
            "WITH s AS %1(SELECT * FROM %2), g AS %1(%7), "
            "f AS (SELECT fi, COUNT(*) AS d, SUM(c) AS t, "
            "SUM(CASE WHEN c = 1 THEN 1 ELSE 0 END) AS f1, SUM(c * z) AS z1, "
            "SUM(c * z * z) AS z2, SUM(c * z * z * z) AS z3, SUM(c * z * z * z * z) AS z4, "
            "%6 AS clc FROM g GROUP BY fi), "
            "r AS (SELECT fi, v, c, n, "
            "SUM(c) OVER (PARTITION BY fi ORDER BY n, v ROWS BETWEEN UNBOUNDED PRECEDING AND "
            "CURRENT ROW) AS cum, "
            "ROW_NUMBER() OVER (PARTITION BY fi ORDER BY c DESC, v) AS rn FROM g) "
            "SELECT r.fi, r.v, r.c, f.d, r.rn, %3, %4, %5, f.f1, f.t, f.z1, f.z2, f.z3, "
            "f.z4, f.clc FROM r JOIN f ON f.fi = r.fi "
            "WHERE r.rn <= %8 OR (r.n IS NOT NULL AND (%3 = 1 OR %4 = 1 OR %5 = 1)) "
            "UNION ALL SELECT fi, NULL, SUM(c), b, -1, 0, 0, 0, 0, 0, %9, %9, %9, %9, %9 "
            "FROM g WHERE b IS NOT NULL GROUP BY fi, b "
            "ORDER BY 1, 5")
            .arg(materialize, from, quartile.arg(4).arg(1), quartile.arg(2).arg(1),
                 quartile.arg(4).arg(3), entropy, branches.join(QStringLiteral(" UNION ALL ")))
            .arg(kTopValues)
            .arg(nothing);
    return out;
}

Pass2Reader::Pass2Reader(const QList<ProfileColumn> &columns, QList<FieldProfile> &profiles,
                         bool sampled)
    : m_columns(columns), m_profiles(profiles), m_sampled(sampled), m_sums(columns.size())
{
}

void Pass2Reader::add(const QSqlQuery &q)
{
    const int fi = q.value(0).toInt();
    if (fi < 0 || fi >= m_profiles.size() || fi >= m_sums.size())
        return;
    FieldProfile &p = m_profiles[fi];
    FieldSums &sums = m_sums[fi];
    const qint64 count = q.value(2).toLongLong();
    if (q.value(4).toLongLong() < 0) { // a bucket row: its index in d
        const int index = qBound(0, q.value(3).toInt(), kBuckets - 1); // max joins the last
        if (sums.buckets.isEmpty())
            sums.buckets.fill(0, kBuckets);
        sums.buckets[index] += count;
        return;
    }
    const QString value = q.value(1).toString();
    if (!sums.seen) {
        sums.seen = true;
        sums.distinct = q.value(3).toLongLong();
        sums.once = q.value(8).toLongLong();
        sums.total = q.value(9).toLongLong();
        sums.s1 = q.value(10).toDouble();
        sums.s2 = q.value(11).toDouble();
        sums.s3 = q.value(12).toDouble();
        sums.s4 = q.value(13).toDouble();
        sums.hasLog = !q.isNull(14);
        sums.cLogC = q.value(14).toDouble();
    }
    if (q.value(4).toLongLong() <= kTopValues) {
        p.histogram.append(QJsonObject{{QStringLiteral("value"), value},
                                       {QStringLiteral("count"), double(count)}});
        sums.topValues << value;
    }
    if (m_columns.at(fi).isNumeric()) {
        const std::optional<double> number = optionalDouble(q.value(1));
        if (q.value(5).toInt())
            p.q1 = number;
        if (q.value(6).toInt())
            p.median = number;
        if (q.value(7).toInt())
            p.q3 = number;
        p.quantilesApproximate = m_sampled;
    }
}

void Pass2Reader::finish()
{
    for (int i = 0; i < m_profiles.size() && i < m_sums.size(); ++i) {
        FieldProfile &p = m_profiles[i];
        const FieldSums &sums = m_sums.at(i);
        if (!sums.seen || sums.total <= 0)
            continue;
        const double t = double(sums.total);
        // Distinct values: exact when every row was read; else the pass 1 approximate function
        // when the database has one, else estimated from the sample (Haas and Stokes' Duj1:
        // values seen once in the sample stand for many unseen ones).
        if (!m_sampled) {
            p.distinctValues = sums.distinct;
            p.distinctApproximate = false;
        } else if (!p.distinctApproximate) {
            const double nonNull = p.completeness * double(p.records);
            const double q = nonNull > 0 ? qMin(1.0, t / nonNull) : 1.0;
            const double denominator = 1.0 - (1.0 - q) * double(sums.once) / t;
            double estimate = denominator > 0 ? double(sums.distinct) / denominator : nonNull;
            estimate = qBound(double(sums.distinct), estimate, qMax(nonNull, 1.0));
            p.distinctValues = qRound64(estimate);
            p.distinctApproximate = true;
        }
        // Skewness and excess kurtosis from the standardised moments of the rows read, unless
        // pass 1 measured them over every row.
        if (m_columns.at(i).isNumeric() && p.stdDev && *p.stdDev > 0 && !p.skewness) {
            const double m1 = sums.s1 / t;
            const double m2 = sums.s2 / t - m1 * m1;
            if (m2 > 0) {
                const double m3 = sums.s3 / t - 3 * m1 * sums.s2 / t + 2 * m1 * m1 * m1;
                const double m4 = sums.s4 / t - 4 * m1 * sums.s3 / t + 6 * m1 * m1 * sums.s2 / t -
                                  3 * m1 * m1 * m1 * m1;
                p.skewness = cleanMoment(m3 / std::pow(m2, 1.5));
                p.kurtosis = cleanMoment(m4 / (m2 * m2) - 3.0);
            }
        }
        if (!sums.buckets.isEmpty()) {
            const BucketRange range = bucketRange(&p);
            QJsonArray buckets;
            for (int b = 0; b < sums.buckets.size(); ++b)
                buckets.append(
                    QJsonObject{{QStringLiteral("lower"), range.min + b * range.width},
                                {QStringLiteral("upper"), range.min + (b + 1) * range.width},
                                {QStringLiteral("count"), double(sums.buckets.at(b))}});
            p.buckets = buckets;
        }
        // Shannon entropy in bits: H = log2 t - Σ c·log2 c / t.
        if (sums.hasLog)
            p.entropy = qMax(0.0, (std::log(t) - sums.cLogC / t) / std::log(2.0));
        // Ratios of the top values, over the non-null values they were counted among.
        QJsonArray histogram;
        for (const QJsonValue &v : std::as_const(p.histogram)) {
            QJsonObject bucket = v.toObject();
            bucket.insert(QStringLiteral("ratio"),
                          bucket.value(QStringLiteral("count")).toDouble() / t);
            histogram.append(bucket);
        }
        p.histogram = histogram;
        if (m_columns.at(i).isText() && !sums.topValues.isEmpty())
            p.inferredType = inferTextType(sums.topValues);
    }
}

} // namespace assay::profile_sql
