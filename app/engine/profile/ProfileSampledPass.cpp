// Profile's second pass: top values, quantiles, value ranges, entropy and the higher moments,
// from one grouped query over a bounded sample of the rows pass 1 read.
#include "app/checks/CheckSqlText.h"
#include "app/connectors/FolderDiscovery.h"
#include "app/engine/profile/ProfileQueries.h"

#include <QJsonObject>
#include <QSqlQuery>
#include <algorithm>
#include <cmath>

namespace assay::profile_sql {

namespace {

using namespace check_sql;

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

// Pass 1's min and max (of the finite values, where NaN or ±Infinity exist) split into kBuckets
// equal widths (width 1 when they are equal); none when they are not numbers (an interval's
// min and max are "1 day", its number is seconds).
std::optional<BucketRange> bucketRange(const ProfileColumn &c, const FieldProfile *p)
{
    BucketRange r;
    bool okMin = false, okMax = false;
    double min = p ? p->minValue.toDouble(&okMin) : 0.0;
    double max = p ? p->maxValue.toDouble(&okMax) : 0.0;
    if (c.finiteMin && c.finiteMax) {
        min = *c.finiteMin;
        max = *c.finiteMax;
        okMin = okMax = true;
    }
    if (!okMin || !okMax || !std::isfinite(min) || !std::isfinite(max))
        return std::nullopt;
    r.min = min;
    if (max > min)
        r.width = (max - min) / kBuckets;
    return r;
}

} // namespace

double zUnit(const FieldProfile *p)
{
    if (p && p->stdDev && *p->stdDev > 0)
        return *p->stdDev;
    bool okMin = false, okMax = false;
    const double min = p ? p->minValue.toDouble(&okMin) : 0.0;
    const double max = p ? p->maxValue.toDouble(&okMax) : 0.0;
    return okMin && okMax && std::isfinite(max - min) && max > min ? max - min : 1.0;
}

namespace {

// What the pass groups of one field, as expressions over its value `x`: the value as text, as
// a number, standardised by pass 1's exact mean and deviation (z: the higher moments stay small
// and cannot overflow), and its equal-width bucket between pass 1's min and max.
struct FieldTerms
{
    SqlFragment text, number, z, bucket;
};

// `x` is the value the pass groups: the column's value expression (ColumnMeasure::value), so
// the column itself where its type has equality, else its text.
FieldTerms termsOf(const SqlDialect &dialect, const ProfileColumn &c, const FieldProfile *p,
                   const QString &x)
{
    const ColumnMeasure &m = c.measure;
    const SqlFragment nothing = raw(dialect.toDouble(QStringLiteral("NULL")));
    const QString text =
        m.value == QLatin1String("%1") ? m.textOf(x) : dialect.toText(x); // text stays text
    FieldTerms t{raw(text), nothing, nothing, raw(QStringLiteral("CAST(NULL AS INTEGER)"))};
    if (!c.isNumeric())
        return t;
    t.number = raw(dialect.toDouble(m.numberOf(x)));
    t.z = fmt(QStringLiteral("(%1 - %2) / %3"),
              {t.number, bound(p && p->mean ? *p->mean : 0.0), bound(zUnit(p))});
    const std::optional<BucketRange> range = bucketRange(c, p);
    if (!range)
        return t;
    // x >= min, so SQLite's cast truncates like FLOOR (which SQLite may lack); PostgreSQL and
    // MySQL round a cast to integer, so they get FLOOR. Max lands in bucket kBuckets. x / w -
    // min / w rather than (x - min) / w: x - min overflows a double between ±1.7e308.
    t.bucket = fmt(dialect.family() == SqlDialect::Family::SQLite
                       ? QStringLiteral("CAST(%1 / %2 - %3 AS INTEGER)")
                       : QStringLiteral("FLOOR(%1 / %2 - %3)"),
                   {t.number, bound(range->width), bound(range->min / range->width)});
    return t;
}

// Flags 1 where the cumulative count crosses the quartile num/den of the field's total.
QString quartile(int num, int den, const QString &cum, const QString &c, const QString &t)
{
    return QStringLiteral("CASE WHEN %1 * %3 >= %2 * %5 AND %1 * (%3 - %4) < %2 * %5 THEN 1 "
                          "ELSE 0 END")
        .arg(num)
        .arg(den)
        .arg(cum, c, t);
}

// The pieces of SQL without bound values, spliced into a shape by name ({quartiles}, ...):
// fmt()'s %1..%9 are kept for the fragments that carry values.
QString withPieces(QString pattern, const QString &cum, const QString &c, const QString &t,
                   const QString &entropy, const QString &nothing)
{
    const QString q1 = quartile(4, 1, cum, c, t), median = quartile(2, 1, cum, c, t),
                  q3 = quartile(4, 3, cum, c, t);
    return pattern.replace(QLatin1String("{quartiles}"), QStringList{q1, median, q3}.join(", "))
        .replace(QLatin1String("{anyQuartile}"),
                 QStringLiteral("(%1 = 1 OR %2 = 1 OR %3 = 1)").arg(q1, median, q3))
        .replace(QLatin1String("{top}"), QString::number(kTopValues))
        .replace(QLatin1String("{entropy}"), entropy)
        .replace(QLatin1String("{nothing}"), nothing);
}

// SQLite: the sample and the grouped values are materialised once (WITH ... AS MATERIALIZED)
// and read by several branches; each field is grouped by its own type first,
// so only its distinct values are spelled as text. Per-field sums are a GROUP BY over the
// grouped values (window sums over every value cost several times more).
SqlFragment sharedShape(const SqlDialect &dialect, const SqlFragment &from,
                        const QList<ProfileColumn> &columns, const QList<FieldProfile> &profiles,
                        const QString &logOfCount)
{
    QList<SqlFragment> branches;
    for (int i = 0; i < columns.size(); ++i) {
        if (!columns.at(i).inPass2())
            continue;
        const QString f =
            columns.at(i).measure.valueOf(QStringLiteral("s.") + dialect.quote(columns.at(i).name));
        const FieldTerms t =
            termsOf(dialect, columns.at(i), i < profiles.size() ? &profiles.at(i) : nullptr,
                    QStringLiteral("x"));
        branches << fmt(QStringLiteral("SELECT %1 AS fi, %2 AS v, %3 AS n, %4 AS z, %5 AS b, c "
                                       "FROM (SELECT %6 AS x, COUNT(*) AS c FROM s WHERE %6 IS "
                                       "NOT NULL GROUP BY %6) q%1"),
                        {raw(QString::number(i)), t.text, t.number, t.z, t.bucket, raw(f)});
    }
    const QString nothing = dialect.toDouble(QStringLiteral("NULL"));
    const QString pattern = withPieces(
        QStringLiteral(
            "WITH s AS MATERIALIZED (SELECT * FROM %1), g AS MATERIALIZED (%2), "
            "f AS (SELECT fi, COUNT(*) AS d, SUM(c) AS t, "
            "SUM(CASE WHEN c = 1 THEN 1 ELSE 0 END) AS f1, SUM(c * z) AS z1, SUM(c * z * z) AS "
            "z2, SUM(c * z * z * z) AS z3, SUM(c * z * z * z * z) AS z4, {entropy} AS clc FROM g "
            "GROUP BY fi), "
            "r AS (SELECT fi, v, c, n, SUM(c) OVER (PARTITION BY fi ORDER BY n, {ties} ROWS "
            "BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum, ROW_NUMBER() OVER (PARTITION BY "
            "fi ORDER BY c DESC, {ties}) AS rn FROM g) "
            "SELECT r.fi, r.v, r.c, f.d, r.rn, {quartiles}, f.f1, f.t, f.z1, f.z2, f.z3, f.z4, "
            "f.clc, CAST(NULL AS INTEGER), NULL FROM r JOIN f ON f.fi = r.fi "
            "WHERE r.rn <= {top} OR (r.n IS NOT NULL AND {anyQuartile}) "
            "UNION ALL SELECT fi, NULL, 0, 0, -1, 0, 0, 0, 0, 0, {nothing}, {nothing}, {nothing}, "
            "{nothing}, {nothing}, b, SUM(c) FROM g WHERE b IS NOT NULL GROUP BY fi, b "
            "ORDER BY 1, 5"),
        QStringLiteral("r.cum"), QStringLiteral("r.c"), QStringLiteral("f.t"),
        logOfCount.isEmpty() ? nothing : QStringLiteral("SUM(c * %1)").arg(logOfCount), nothing);
    // Values of equal count (most of a key's) in the order of their bytes, SQLite's default.
    return fmt(QString(pattern).replace(QLatin1String("{ties}"), QStringLiteral("v")),
               {from, join(branches, QStringLiteral(" UNION ALL "))});
}

// Elsewhere a CTE referenced twice may be read twice (MariaDB evaluates it once per reference,
// and with RAND() each reference is another sample): the sample is read once, unpivoted by a
// cross join with the field indexes, grouped once, and everything else is a window over the
// grouped values. A value row also carries its bucket's count when it is the bucket's first.
SqlFragment singleReadShape(const SqlDialect &dialect, const SqlFragment &from,
                            const QList<ProfileColumn> &columns,
                            const QList<FieldProfile> &profiles, const QString &logOfCount)
{
    QList<SqlFragment> text, number, z, bucket;
    QStringList indexes;
    for (int i = 0; i < columns.size(); ++i) {
        if (!columns.at(i).inPass2())
            continue;
        const QString f = columns.at(i).measure.valueOf(QStringLiteral("src.") +
                                                        dialect.quote(columns.at(i).name));
        const FieldTerms t =
            termsOf(dialect, columns.at(i), i < profiles.size() ? &profiles.at(i) : nullptr, f);
        const QString when = QStringLiteral(" WHEN %1 THEN ").arg(i) + QStringLiteral("%1");
        text << fmt(when, {t.text});
        number << fmt(when, {t.number});
        z << fmt(when, {t.z});
        bucket << fmt(when, {t.bucket});
        indexes << QStringLiteral("SELECT %1 AS fi").arg(i);
    }
    const auto byField = [](const QList<SqlFragment> &whens) {
        return fmt(QStringLiteral("CASE k.fi%1 END"), {join(whens, QString())});
    };
    const QString nothing = dialect.toDouble(QStringLiteral("NULL"));
    const QString pattern = withPieces(
        QStringLiteral(
            "SELECT fi, v, c, d, rn, {quartiles}, f1, t, z1, z2, z3, z4, clc, "
            "CASE WHEN bn = 1 THEN b END, CASE WHEN bn = 1 THEN bc END FROM (SELECT fi, v, c, n, "
            "b, COUNT(*) OVER (PARTITION BY fi) AS d, SUM(c) OVER (PARTITION BY fi) AS t, "
            "SUM(CASE WHEN c = 1 THEN 1 ELSE 0 END) OVER (PARTITION BY fi) AS f1, "
            "SUM(c * z) OVER (PARTITION BY fi) AS z1, SUM(c * z * z) OVER (PARTITION BY fi) AS "
            "z2, SUM(c * z * z * z) OVER (PARTITION BY fi) AS z3, "
            "SUM(c * z * z * z * z) OVER (PARTITION BY fi) AS z4, {entropy} AS clc, "
            "SUM(c) OVER (PARTITION BY fi ORDER BY n, v ROWS BETWEEN UNBOUNDED PRECEDING AND "
            "CURRENT ROW) AS cum, ROW_NUMBER() OVER (PARTITION BY fi ORDER BY c DESC, v) AS rn, "
            "SUM(c) OVER (PARTITION BY fi, b) AS bc, "
            "ROW_NUMBER() OVER (PARTITION BY fi, b ORDER BY v) AS bn "
            "FROM (SELECT k.fi AS fi, %1 AS v, MIN(%2) AS n, MIN(%3) AS z, MIN(%4) AS b, "
            "COUNT(*) AS c FROM %5 CROSS JOIN (%6) k WHERE %1 IS NOT NULL GROUP BY k.fi, %1) g) r "
            "WHERE rn <= {top} OR (n IS NOT NULL AND {anyQuartile}) OR (b IS NOT NULL AND bn = 1) "
            "ORDER BY 1, 5"),
        QStringLiteral("cum"), QStringLiteral("c"), QStringLiteral("t"),
        logOfCount.isEmpty() ? nothing
                             : QStringLiteral("SUM(c * %1) OVER (PARTITION BY fi)").arg(logOfCount),
        nothing);
    return fmt(pattern, {byField(text), byField(number), byField(z), byField(bucket), from,
                         raw(indexes.join(QStringLiteral(" UNION ALL ")))});
}

// PostgreSQL: each field is grouped once (a MATERIALIZED CTE of its own, typed), and every
// figure is a small statement over its groups or the sample: a stats row (rank 0), the top
// values by a bounded sort (LIMIT, a heap of kTopValues), the quartiles by percentile_disc over
// the typed values, the buckets. Nothing sorts the union of every field's values as text,
// which cost the shared shape most of its time there.
SqlFragment postgresShape(const SqlDialect &dialect, const SqlFragment &from,
                          const QList<ProfileColumn> &columns, const QList<FieldProfile> &profiles,
                          bool logarithm)
{
    QList<SqlFragment> groups{fmt(QStringLiteral("s AS MATERIALIZED (SELECT * FROM %1)"), {from})};
    QList<SqlFragment> branches;
    const QString top = QString::number(kTopValues);
    for (int i = 0; i < columns.size(); ++i) {
        const ProfileColumn &column = columns.at(i);
        if (!column.inPass2())
            continue;
        const QString rawColumn = QStringLiteral("s.") + dialect.quote(column.name);
        const QString f = column.measure.valueOf(rawColumn);
        const QString g = QStringLiteral("g%1").arg(i);
        const QString fi = QString::number(i);
        const FieldTerms t = termsOf(
            dialect, column, i < profiles.size() ? &profiles.at(i) : nullptr, QStringLiteral("x"));
        // Ties of count in the order of the values; text by its bytes: the locale-aware
        // comparison costs several times more and only decides ties.
        const QString ties =
            column.isNativeText() ? QStringLiteral("x COLLATE \"C\"") : QStringLiteral("x");
        groups << raw(QStringLiteral("%1 AS MATERIALIZED (SELECT %2 AS x, COUNT(*) AS c FROM s "
                                     "WHERE %2 IS NOT NULL GROUP BY %2)")
                          .arg(g, f));
        const QString entropy = logarithm
                                    ? QStringLiteral("SUM(c * LN(CAST(c AS DOUBLE PRECISION)))")
                                    : QStringLiteral("CAST(NULL AS DOUBLE PRECISION)");
        branches << fmt(
            QStringLiteral("SELECT %1 AS fi, CAST(NULL AS TEXT) AS v, CAST(0 AS BIGINT) "
                           "AS c, COUNT(*) AS d, CAST(0 AS BIGINT) AS rn, 0 AS q1, 0 AS "
                           "q2, 0 AS q3, SUM(CASE WHEN c = 1 THEN 1 ELSE 0 END) AS f1, "
                           "SUM(c) AS t, SUM(c * z) AS z1, SUM(c * z * z) AS z2, "
                           "SUM(c * z * z * z) AS z3, SUM(c * z * z * z * z) AS z4, "
                           "%2 AS clc, CAST(NULL AS DOUBLE PRECISION) AS b, "
                           "CAST(NULL AS NUMERIC) AS bc FROM (SELECT c, %3 AS z FROM %4) q")
                .arg(fi, entropy, QStringLiteral("%1"), g),
            {t.z});
        const QString none = QStringLiteral("NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL");
        branches << fmt(
            QStringLiteral("SELECT %1, %2, c, NULL, ROW_NUMBER() OVER (ORDER BY c DESC, "
                           "%3), 0, 0, 0, %4 FROM (SELECT x, c FROM %5 ORDER BY c DESC, "
                           "%3 LIMIT %6) top")
                .arg(fi, QStringLiteral("%1"), ties, none, g, top),
            {t.text});
        if (!column.isNumeric())
            continue;
        branches << raw(
            QStringLiteral("SELECT %1, %2, 0, NULL, %3, CASE WHEN u.k = 1 THEN 1 ELSE 0 "
                           "END, CASE WHEN u.k = 2 THEN 1 ELSE 0 END, CASE WHEN u.k = 3 "
                           "THEN 1 ELSE 0 END, %4 FROM (SELECT percentile_disc(ARRAY[0.25, "
                           "0.5, 0.75]) WITHIN GROUP (ORDER BY %5) AS q FROM s) a CROSS "
                           "JOIN LATERAL unnest(a.q) WITH ORDINALITY AS u(value, k) "
                           "WHERE u.value IS NOT NULL")
                .arg(fi, dialect.toText(QStringLiteral("u.value")), QString::number(kTopValues + 1),
                     none, column.measure.numberOf(rawColumn)));
        branches << fmt(QStringLiteral("SELECT %1, NULL, 0, NULL, -1, 0, 0, 0, NULL, NULL, NULL, "
                                       "NULL, NULL, NULL, NULL, b, SUM(c) FROM (SELECT %2 AS b, c "
                                       "FROM %3) q GROUP BY b")
                            .arg(fi, QStringLiteral("%1"), g),
                        {t.bucket});
    }
    return fmt(QStringLiteral("WITH %1 %2 ORDER BY 1, 5"),
               {join(groups, QStringLiteral(", ")), join(branches, QStringLiteral(" UNION ALL "))});
}

} // namespace

BoundSql pass2(const SqlDialect &dialect, const ProfileSource &s,
               const QList<ProfileColumn> &columns, const QList<FieldProfile> &profiles)
{
    if (std::none_of(columns.begin(), columns.end(),
                     [](const ProfileColumn &c) { return c.inPass2(); }))
        return {}; // every column is measured for completeness only
    QVariantList fromValues;
    const SqlFragment from{source(dialect, s, &fromValues), fromValues};
    // ln c for the entropy (Σ c·ln c per field); SQLite builds without LN() have none.
    const QString logOfCount =
        s.logarithm ? logarithm(dialect, dialect.toDouble(QStringLiteral("c"))) : QString();
    const SqlDialect::Family family = dialect.family();
    if (family == SqlDialect::Family::PostgreSQL)
        return postgresShape(dialect, from, columns, profiles, s.logarithm);
    if (family == SqlDialect::Family::SQLite)
        return sharedShape(dialect, from, columns, profiles, logOfCount);
    return singleReadShape(dialect, from, columns, profiles, logOfCount);
}

Pass2Reader::Pass2Reader(const QList<ProfileColumn> &columns, QList<FieldProfile> &profiles,
                         bool sampled)
    : m_columns(columns), m_profiles(profiles), m_sampled(sampled), m_sums(columns.size())
{
    for (const FieldProfile &p : profiles)
        m_quartilesFromPass1 << (p.q1 || p.median || p.q3);
}

void Pass2Reader::add(const QSqlQuery &q)
{
    const int fi = q.value(0).toInt();
    if (fi < 0 || fi >= m_profiles.size() || fi >= m_sums.size())
        return;
    FieldProfile &p = m_profiles[fi];
    FieldSums &sums = m_sums[fi];
    const qint64 count = q.value(2).toLongLong();
    if (!q.isNull(15)) { // a bucket's index and count
        const int index = qBound(0, q.value(15).toInt(), kBuckets - 1); // max joins the last
        if (sums.buckets.isEmpty())
            sums.buckets.fill(0, kBuckets);
        sums.buckets[index] += q.value(16).toLongLong();
    }
    const qint64 rank = q.value(4).toLongLong();
    if (rank < 0) // a row of a bucket only
        return;
    const QString value = q.value(1).toString();
    if (!sums.seen) { // the field's figures: on its first value row, or its own row (rank 0)
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
    if (rank == 0)
        return;
    if (rank <= kTopValues) {
        p.histogram.append(QJsonObject{{QStringLiteral("value"), value},
                                       {QStringLiteral("count"), double(count)}});
        sums.topValues << value;
    }
    // Quartiles the first pass took from the database's approximate percentile (over every
    // record) are kept.
    if (m_columns.at(fi).isNumeric() && !m_quartilesFromPass1.value(fi)) {
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
        // The deviation pass 1 left to this pass (exact decimals on PostgreSQL): from the
        // standardised sums, in the unit the values were standardised by.
        if (m_columns.at(i).isNumeric() && !p.stdDev) {
            const double m1 = sums.s1 / t;
            const double variance = qMax(0.0, sums.s2 / t - m1 * m1) * std::pow(zUnit(&p), 2);
            p.stdDev = t > 1 ? std::sqrt(variance * t / (t - 1)) : 0.0;
            p.deviationApproximate = m_sampled;
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
                p.momentsApproximate = m_sampled;
            }
        }
        const std::optional<BucketRange> bucketSpan = bucketRange(m_columns.at(i), &p);
        if (!sums.buckets.isEmpty() && bucketSpan) {
            const BucketRange &range = *bucketSpan;
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
        // Ratios of the top values, over the non-null values they were counted among. From a
        // sample, the count is the ratio scaled to the non-null values of every record read
        // (an estimate: "approximate"), the count in the sample kept beside it.
        QJsonArray histogram;
        const double nonNull = p.completeness * double(p.records);
        for (const QJsonValue &v : std::as_const(p.histogram)) {
            QJsonObject bucket = v.toObject();
            const double counted = bucket.value(QStringLiteral("count")).toDouble();
            bucket.insert(QStringLiteral("ratio"), counted / t);
            if (m_sampled && nonNull > t) {
                bucket.insert(QStringLiteral("sample_count"), counted);
                bucket.insert(QStringLiteral("count"), double(qRound64(counted / t * nonNull)));
                bucket.insert(QStringLiteral("approximate"), true);
            }
            histogram.append(bucket);
        }
        p.histogram = histogram;
        // A text field's type from its top values and its least and greatest values over
        // every record read: a rare "n/a" among numbers sorts after the digits, a rare " 7" or
        // "-" before them, so one bad value anywhere makes the field a string.
        if (m_columns.at(i).isText() && !sums.topValues.isEmpty()) {
            QStringList values = sums.topValues;
            for (const QString &extreme : {p.minValue, p.maxValue})
                if (!extreme.isEmpty())
                    values << extreme;
            p.inferredType = inferTextType(values);
        }
    }
}

} // namespace assay::profile_sql
