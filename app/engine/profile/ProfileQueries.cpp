#include "engine/profile/ProfileQueries.h"

#include <QStringList>

namespace assay::profile_sql {

QString source(const SqlDialect &dialect, const ProfileSource &s, QVariantList *values)
{
    const SqlDialect::Family family = dialect.family();
    QString sql = QStringLiteral("SELECT * FROM %1").arg(dialect.table(s.schema, s.table));
    QStringList where;
    const bool sampling = s.sampleTarget > 0 && s.tableRecords > s.sampleTarget;
    bool limitSample = false;
    if (sampling) {
        const double fraction = double(s.sampleTarget) / double(s.tableRecords);
        if (family == SqlDialect::Family::PostgreSQL) {
            sql += QStringLiteral(" TABLESAMPLE BERNOULLI (?)");
            values->append(fraction * 100.0);
        } else if (family == SqlDialect::Family::SQLite) {
            where << QStringLiteral("abs(random()) % ? = 0");
            values->append(qMax<qint64>(1, qRound64(1.0 / fraction)));
        } else if (family == SqlDialect::Family::MySQL) {
            where << QStringLiteral("RAND() < ?");
            values->append(fraction);
        } else {
            limitSample = true; // no portable random sample: the first rows
        }
    }
    if (!s.incrementalField.isEmpty() && s.incrementalAfter.isValid()) {
        where << QStringLiteral("%1 > ?").arg(dialect.quote(s.incrementalField));
        values->append(s.incrementalAfter);
    }
    if (!where.isEmpty())
        sql += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    qint64 limit = s.recordLimit;
    if (limitSample)
        limit = limit > 0 ? qMin(limit, s.sampleTarget) : s.sampleTarget;
    if (limit > 0)
        sql = dialect.limit(sql, limit);
    return QStringLiteral("(%1) src").arg(sql);
}

QList<Pass1Layout> pass1Layout(const SqlDialect &dialect, const QList<ProfileColumn> &columns)
{
    QList<Pass1Layout> out;
    int next = 1; // 0 is COUNT(*)
    const bool approx = !dialect.approximateCountDistinct(QStringLiteral("x")).isEmpty();
    for (const ProfileColumn &c : columns) {
        Pass1Layout l;
        l.count = next++;
        if (c.hasMinMax()) {
            l.min = next++;
            l.max = next++;
        }
        if (c.isNumeric()) {
            l.sum = next;
            next += 4;
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
               const QList<ProfileColumn> &columns)
{
    BoundSql out;
    QStringList select{QStringLiteral("COUNT(*)")};
    for (const ProfileColumn &c : columns) {
        const QString f = QStringLiteral("src.") + dialect.quote(c.name);
        select << QStringLiteral("COUNT(%1)").arg(f);
        if (c.hasMinMax()) {
            select << dialect.toText(QStringLiteral("MIN(%1)").arg(f))
                   << dialect.toText(QStringLiteral("MAX(%1)").arg(f));
        }
        if (c.isNumeric()) {
            const QString d = dialect.toDouble(f);
            select << QStringLiteral("SUM(%1)").arg(d) << QStringLiteral("SUM(%1 * %1)").arg(d)
                   << QStringLiteral("SUM(%1 * %1 * %1)").arg(d)
                   << QStringLiteral("SUM(%1 * %1 * %1 * %1)").arg(d);
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

BoundSql pass2(const SqlDialect &dialect, const ProfileSource &s,
               const QList<ProfileColumn> &columns)
{
    BoundSql out;
    QStringList keys, textCases, numberCases;
    for (int i = 0; i < columns.size(); ++i) {
        const ProfileColumn &c = columns.at(i);
        const QString f = QStringLiteral("src.") + dialect.quote(c.name);
        keys << (i == 0 ? QStringLiteral("SELECT 0 AS fi") : QStringLiteral("SELECT %1").arg(i)) +
                    (dialect.family() == SqlDialect::Family::Oracle ? QStringLiteral(" FROM DUAL")
                                                                    : QString());
        textCases << QStringLiteral("WHEN %1 THEN %2").arg(i).arg(dialect.toText(f));
        if (c.isNumeric())
            numberCases << QStringLiteral("WHEN %1 THEN %2").arg(i).arg(dialect.toDouble(f));
    }
    const QString number = numberCases.isEmpty()
                               ? dialect.toDouble(QStringLiteral("NULL"))
                               : QStringLiteral("CASE k.fi %1 END").arg(numberCases.join(u' '));
    const QString from = source(dialect, s, &out.values);
    // u: one row per (row, field); g: one row per (field, value); r: ranks and cumulative counts.
    out.sql =
        QStringLiteral(
            "SELECT fi, v, c, d, rn, "
            "CASE WHEN 4 * cum >= t AND 4 * (cum - c) < t THEN 1 ELSE 0 END, "
            "CASE WHEN 2 * cum >= t AND 2 * (cum - c) < t THEN 1 ELSE 0 END, "
            "CASE WHEN 4 * cum >= 3 * t AND 4 * (cum - c) < 3 * t THEN 1 ELSE 0 END "
            "FROM (SELECT fi, v, c, n, "
            "COUNT(*) OVER (PARTITION BY fi) AS d, "
            "SUM(c) OVER (PARTITION BY fi) AS t, "
            "SUM(c) OVER (PARTITION BY fi ORDER BY n, v ROWS BETWEEN UNBOUNDED PRECEDING AND "
            "CURRENT ROW) AS cum, "
            "ROW_NUMBER() OVER (PARTITION BY fi ORDER BY c DESC, v) AS rn "
            "FROM (SELECT fi, v, MIN(n) AS n, COUNT(*) AS c "
            "FROM (SELECT k.fi AS fi, CASE k.fi %1 END AS v, %2 AS n "
            "FROM %3 CROSS JOIN (%4) k) u "
            "WHERE v IS NOT NULL GROUP BY fi, v) g) r "
            "WHERE rn <= %5 OR (n IS NOT NULL AND ((4 * cum >= t AND 4 * (cum - c) < t) OR "
            "(2 * cum >= t AND 2 * (cum - c) < t) OR (4 * cum >= 3 * t AND 4 * (cum - c) < 3 * "
            "t))) ORDER BY fi, rn")
            .arg(textCases.join(u' '), number, from, keys.join(QStringLiteral(" UNION ALL ")))
            .arg(kTopValues);
    return out;
}

} // namespace assay::profile_sql
