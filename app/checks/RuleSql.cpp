#include "app/checks/RuleSql.h"

#include "app/checks/CheckSqlText.h"
#include "app/checks/Rule.h"

#include <QDateTime>
#include <cmath>

namespace assay {

using namespace check_sql;
using Family = SqlDialect::Family;

RuleSql::RuleSql(const Check &check, const Rule &rule, const CheckSqlContext &context)
    : m_check(check), m_spec(rule.spec()), m_c(context), m_d(context.dialect)
{
}

QJsonValue RuleSql::prop(QLatin1String key) const
{
    const QJsonValue v = m_check.properties.value(key);
    if (!v.isUndefined() && !v.isNull())
        return v;
    const RuleProperty *p = m_spec.property(key);
    return p ? p->defaultValue : QJsonValue();
}

SqlFragment RuleSql::column(const QString &f) const
{
    return raw(m_d.quote(f));
}

SqlFragment RuleSql::num(const SqlFragment &x) const
{
    return fmt(m_d.toDouble(QStringLiteral("%1")), {x});
}

// SQLite and MySQL bind a number as a double as it is; others infer a parameter's type from the
// column (1.5 against an integer would be rounded), so it is cast. PostgreSQL gets the cast that
// spares a conversion of every row: an integer value against integers as BIGINT, a value against
// an exact or floating column as NUMERIC (folded once; a NUMERIC column compared with a DOUBLE
// PRECISION would be converted row by row, through text).
SqlFragment RuleSql::numParam(double v, TypeFamily against, bool literal) const
{
    // Finite numbers only reach here (toDouble() accepted them): spelled as Show SQL spells them.
    const auto value = [this, literal](const QVariant &x) {
        return literal ? raw(check_sql::literal(x, m_d)) : bound(x);
    };
    if (m_d.family() == Family::SQLite || m_d.family() == Family::MySQL)
        return value(v);
    if (m_d.family() == Family::PostgreSQL) {
        if (against == TypeFamily::Integral && v == std::floor(v) && std::abs(v) < 9.2e18)
            return fmt(QStringLiteral("CAST(%1 AS BIGINT)"), {value(qint64(v))});
        if (against == TypeFamily::Fractional)
            return fmt(QStringLiteral("CAST(%1 AS NUMERIC)"), {value(v)});
    }
    return num(value(v));
}

const ColumnMeasure *RuleSql::measure(const QString &f) const
{
    const auto it = m_c.fieldMeasures.constFind(f);
    return it == m_c.fieldMeasures.constEnd() ? nullptr : &*it;
}

SqlFragment RuleSql::text(const QString &f) const
{
    if (const ColumnMeasure *m = measure(f); m && !m->text.isEmpty())
        return raw(m->textOf(m_d.quote(f)));
    if (family(f) == TypeFamily::String)
        return column(f);
    return raw(m_d.toText(m_d.quote(f)));
}

QString RuleSql::groupValue(const QString &f, const QString &qualifier) const
{
    const QString c = qualifier + m_d.quote(f);
    if (const ColumnMeasure *m = measure(f); m && m->hasValue())
        return m->valueOf(c);
    return c;
}

// Tested on what the type compares: in SQL a composite whose members are null is "null" to
// IS NULL, though it is a value COUNT counts.
SqlFragment RuleSql::present(const QString &f) const
{
    return raw(QStringLiteral("%1 IS NOT NULL").arg(groupValue(f)));
}

SqlFragment RuleSql::numeric(const QString &f) const
{
    if (const ColumnMeasure *m = measure(f); m && m->hasNumber())
        return raw(m->numberOf(m_d.quote(f)));
    return column(f);
}

SqlFragment RuleSql::time(const QString &f) const
{
    if (m_d.family() == Family::SQLite)
        return fmt(QStringLiteral("julianday(%1)"), {column(f)});
    return column(f);
}

SqlFragment RuleSql::now() const
{
    if (m_d.family() == Family::SQLite)
        return raw(QStringLiteral("julianday('now')"));
    return raw(QStringLiteral("CURRENT_TIMESTAMP"));
}

SqlFragment RuleSql::timeParam(QLatin1String key)
{
    return timeValue(prop(key).toString());
}

SqlFragment RuleSql::timeValue(const QString &iso)
{
    QString value;
    QDateTime dt = QDateTime::fromString(iso, Qt::ISODate);
    // QDate reads the date part of a timestamp too: only a bare date is a date.
    const QDate date =
        iso.trimmed().size() == 10 ? QDate::fromString(iso.trimmed(), Qt::ISODate) : QDate();
    if (date.isValid()) {
        value = date.toString(QStringLiteral("yyyy-MM-dd"));
    } else if (dt.isValid()) {
        // An explicit zone (Z, +02:00) is read as UTC; a wall time stays as written.
        if (dt.timeSpec() != Qt::LocalTime)
            dt = dt.toUTC();
        value = dt.toString(m_d.family() == Family::Oracle || dt.time().msec() != 0
                                ? QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")
                                : QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    } else {
        fail(RuleText::tr("“%1” is not an ISO-8601 date or timestamp.").arg(iso));
        return {};
    }
    switch (m_d.family()) {
    case Family::SQLite:
        return fmt(QStringLiteral("julianday(%1)"), {bound(value)});
    case Family::MySQL:
        return fmt(QStringLiteral("CAST(%1 AS DATETIME(6))"), {bound(value)});
    case Family::SqlServer:
        return fmt(QStringLiteral("CAST(%1 AS DATETIME2)"), {bound(value)});
    case Family::Oracle:
        if (value.size() == 10)
            value += QStringLiteral(" 00:00:00.000");
        return fmt(QStringLiteral("TO_TIMESTAMP(%1, 'YYYY-MM-DD HH24:MI:SS.FF3')"), {bound(value)});
    default:
        return fmt(QStringLiteral("CAST(%1 AS TIMESTAMP)"), {bound(value)});
    }
}

SqlFragment RuleSql::regex(const SqlFragment &subject, const QString &pattern)
{
    switch (m_d.family()) {
    case Family::SQLite: // QSQLITE_ENABLE_REGEXP registers REGEXP (QRegularExpression)
        return fmt(QStringLiteral("%1 REGEXP %2"), {subject, bound(pattern)});
    case Family::PostgreSQL:
    case Family::Redshift:
        return fmt(QStringLiteral("%1 ~ %2"), {subject, bound(pattern)});
    case Family::MySQL:
        // REGEXP follows the column's collation, usually case-insensitive: ask for case.
        return fmt(QStringLiteral("%1 REGEXP %2"),
                   {subject, bound(QStringLiteral("(?-i)") + pattern)});
    case Family::Snowflake: // REGEXP_LIKE is anchored there; REGEXP_INSTR searches
        return fmt(QStringLiteral("REGEXP_INSTR(%1, %2) > 0"), {subject, bound(pattern)});
    case Family::Oracle:
        return fmt(QStringLiteral("REGEXP_LIKE(%1, %2)"), {subject, bound(pattern)});
    case Family::DuckDB: // RE2, searching (not anchored)
        return fmt(QStringLiteral("regexp_matches(%1, %2)"), {subject, bound(pattern)});
    default:
        fail(RuleText::tr("%1 needs regular expressions, which %2 does not have.")
                 .arg(m_spec.title, m_d.name()));
        return {};
    }
}

SqlFragment RuleSql::equalsValue(const QString &f, const QJsonValue &v) const
{
    const QString s = v.isString() ? v.toString() : v.toVariant().toString();
    bool isNumber = false;
    const double d = s.toDouble(&isNumber);
    if (isNumeric(f) && isNumber)
        return fmt(QStringLiteral("%1 = %2"), {numeric(f), numParam(d, family(f))});
    if (family(f) == TypeFamily::Boolean) {
        const QString t = s.trimmed().toLower();
        const bool truth = t == QLatin1String("true") || t == QLatin1String("t") ||
                           t == QLatin1String("1") || t == QLatin1String("yes") ||
                           t == QLatin1String("y");
        const bool native = m_d.family() == Family::PostgreSQL ||
                            m_d.family() == Family::Redshift || m_d.family() == Family::Snowflake;
        const QString test = native ? QStringLiteral("%1") : QStringLiteral("%1 = 1");
        return fmt(truth ? test : QStringLiteral("NOT (") + test + QStringLiteral(")"),
                   {column(f)});
    }
    return textEquals(text(f), bound(s));
}

SqlFragment RuleSql::textEquals(const SqlFragment &a, const SqlFragment &b) const
{
    if (m_d.family() == Family::MySQL)
        return fmt(QStringLiteral("CAST(%1 AS BINARY) = CAST(%2 AS BINARY)"), {a, b});
    return fmt(QStringLiteral("%1 = %2"), {a, b});
}

SqlFragment RuleSql::inValues(const QString &f, const QJsonArray &list) const
{
    // IN lists of at most kInChunk values joined by OR: a chain of one OR per value grows an
    // expression tree SQLite refuses past 1,000 terms, where IN lists do not.
    constexpr int kInChunk = 500;
    // A list longer than kMaxBound is written as literals: drivers take at most 32,766 (SQLite)
    // or 65,535 (PostgreSQL, MySQL) parameters per statement, and a scan's one pass holds every
    // check of the table. Values a dialect cannot spell safely stay bound.
    constexpr int kMaxBound = 1000;
    const bool literals = list.size() > kMaxBound;
    QList<SqlFragment> numbers, texts, others;
    for (const QJsonValue &v : list) {
        const QString s = v.isString() ? v.toString() : v.toVariant().toString();
        bool isNumber = false;
        const double d = s.toDouble(&isNumber);
        if (isNumeric(f) && isNumber && std::isfinite(d)) {
            numbers << numParam(d, family(f), literals);
        } else if (family(f) == TypeFamily::Boolean) {
            others << equalsValue(f, v);
        } else {
            const QString literal = literals ? m_d.textLiteral(s) : QString();
            const SqlFragment value = literal.isEmpty() ? bound(s) : raw(literal);
            texts << (m_d.family() == Family::MySQL
                          ? fmt(QStringLiteral("CAST(%1 AS BINARY)"), {value})
                          : value);
        }
    }
    const SqlFragment subject = m_d.family() == Family::MySQL
                                    ? fmt(QStringLiteral("CAST(%1 AS BINARY)"), {text(f)})
                                    : text(f);
    QList<SqlFragment> parts = others;
    const auto addChunks = [&](const SqlFragment &what, const QList<SqlFragment> &values) {
        for (int i = 0; i < values.size(); i += kInChunk)
            parts << fmt(QStringLiteral("%1 IN (%2)"),
                         {what, join(values.mid(i, kInChunk), QStringLiteral(", "))});
    };
    if (!numbers.isEmpty())
        addChunks(numeric(f), numbers);
    addChunks(subject, texts);
    if (parts.isEmpty())
        return raw(QStringLiteral("1=0"));
    return fmt(QStringLiteral("(%1)"), {join(parts, QStringLiteral(" OR "))});
}

SqlFragment RuleSql::userPart(const QString &sql)
{
    if (!m_error.isEmpty())
        return {};
    return userSql(sql, m_c.variables, m_d, &m_error);
}

} // namespace assay
