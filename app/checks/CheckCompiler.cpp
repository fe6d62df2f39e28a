#include "app/checks/CheckCompiler.h"

#include "app/checks/CheckSqlText.h"
#include "app/checks/RuleCatalog.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <cmath>

namespace assay {

namespace {

using namespace check_sql;
using Family = SqlDialect::Family;

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(assay::CheckCompiler)
};

bool hasRegex(const SqlDialect &d)
{
    return d.family() != Family::SqlServer && d.family() != Family::Generic;
}

// Compiles one check: the rule's pieces, built against one dialect and container.
class Compiler
{
public:
    Compiler(const Check &check, const RuleSpec &rule, const CheckSqlContext &c)
        : m_check(check), m_rule(rule), m_c(c), m_d(c.dialect)
    {
    }

    CompiledCheck run();

private:
    QJsonValue prop(const QString &key) const
    {
        const QJsonValue v = m_check.properties.value(key);
        if (!v.isUndefined() && !v.isNull())
            return v;
        const RuleProperty *p = m_rule.property(key);
        return p ? p->defaultValue : QJsonValue();
    }
    double number(const QString &key) const { return prop(key).toVariant().toDouble(); }
    bool flag(const QString &key) const { return prop(key).toBool(); }
    QString field(int i = 0) const { return m_check.fields.value(i); }
    TypeFamily family(const QString &f) const { return m_c.fieldTypes.value(f, TypeFamily::Other); }
    SqlFragment column(const QString &f) const { return raw(m_d.quote(f)); }
    bool isTime(const QString &f) const { return isDateTimeFamily(family(f)); }
    bool isNumeric(const QString &f) const
    {
        return family(f) == TypeFamily::Integral || family(f) == TypeFamily::Fractional;
    }

    SqlFragment num(const SqlFragment &x) const
    {
        return fmt(m_d.toDouble(QStringLiteral("%1")), {x});
    }
    // A number value compared with something of the family `against`: SQLite and MySQL bind it
    // as a double as it is; others infer a parameter's type from the column (1.5 against an
    // integer would be rounded), so it is cast. PostgreSQL gets the cast that spares a
    // conversion of every row: an integer value against integers as BIGINT, a value against an
    // exact or floating column as NUMERIC (folded once; a NUMERIC column compared with a
    // DOUBLE PRECISION would be converted row by row, through text).
    SqlFragment numParam(double v, TypeFamily against) const
    {
        if (m_d.family() == Family::SQLite || m_d.family() == Family::MySQL)
            return bound(v);
        if (m_d.family() == Family::PostgreSQL) {
            if (against == TypeFamily::Integral && v == std::floor(v) && std::abs(v) < 9.2e18)
                return fmt(QStringLiteral("CAST(%1 AS BIGINT)"), {bound(qint64(v))});
            if (against == TypeFamily::Fractional)
                return fmt(QStringLiteral("CAST(%1 AS NUMERIC)"), {bound(v)});
        }
        return num(bound(v));
    }
    SqlFragment numParam(const QString &key, const QString &f) const
    {
        return numParam(number(key), family(f));
    }
    const ColumnMeasure *measure(const QString &f) const
    {
        const auto it = m_c.fieldMeasures.constFind(f);
        return it == m_c.fieldMeasures.constEnd() ? nullptr : &*it;
    }
    // The field as text: text fields as they are, others cast (an enum, a uuid: their text).
    SqlFragment text(const QString &f) const
    {
        if (const ColumnMeasure *m = measure(f); m && !m->text.isEmpty())
            return raw(m->textOf(m_d.quote(f)));
        if (family(f) == TypeFamily::String)
            return column(f);
        return raw(m_d.toText(m_d.quote(f)));
    }
    // The field as its type compares for equality (grouped, counted distinct): the column, or
    // its text where the type has no equality (json, xml, geometric types). `qualifier` prefixes
    // the column ("src.").
    QString groupValue(const QString &f, const QString &qualifier = QString()) const
    {
        const QString c = qualifier + m_d.quote(f);
        if (const ColumnMeasure *m = measure(f); m && m->hasValue())
            return m->valueOf(c);
        return c;
    }
    // The field holds a value: tested on what the type compares (a composite's text: in SQL a
    // row whose members are null is "null" to IS NULL, though it is a value COUNT counts).
    SqlFragment present(const QString &f) const
    {
        return raw(QStringLiteral("%1 IS NOT NULL").arg(groupValue(f)));
    }
    // The field as a number, for numeric comparisons: the column itself, or what its type
    // measures as a number (money as numeric, NaN and ±Infinity as NULL, MySQL BIT(n) as an
    // integer).
    SqlFragment numeric(const QString &f) const
    {
        if (const ColumnMeasure *m = measure(f); m && m->hasNumber())
            return raw(m->numberOf(m_d.quote(f)));
        return column(f);
    }
    // A date / timestamp field, comparable: SQLite keeps them as text, julianday() reads it.
    SqlFragment time(const QString &f) const
    {
        if (m_d.family() == Family::SQLite)
            return fmt(QStringLiteral("julianday(%1)"), {column(f)});
        return column(f);
    }
    SqlFragment timeParam(const QString &key);
    SqlFragment now() const
    {
        if (m_d.family() == Family::SQLite)
            return raw(QStringLiteral("julianday('now')"));
        return raw(QStringLiteral("CURRENT_TIMESTAMP"));
    }
    SqlFragment regex(const SqlFragment &subject, const QString &pattern);
    SqlFragment compareFields(const QString &op) const
    {
        const QString other = prop(QStringLiteral("field_name")).toString();
        if (isTime(field()) && isTime(other))
            return fmt(QStringLiteral("%1 %2 %3"), {time(field()), raw(op), time(other)});
        if (op == QLatin1String("=") && family(field()) == TypeFamily::String)
            return textEquals(column(field()), column(other));
        return fmt(QStringLiteral("%1 %2 %3"), {column(field()), raw(op), column(other)});
    }
    // The field compared with one listed value: numbers as numbers, booleans by truth,
    // everything else as text.
    SqlFragment equalsValue(const QString &f, const QJsonValue &v) const;
    SqlFragment inValues(const QString &f, const QJsonArray &list) const;
    SqlFragment textEquals(const SqlFragment &a, const SqlFragment &b) const;
    SqlFragment isType();
    SqlFragment reference();
    SqlFragment userPart(const QString &sql)
    {
        if (!m_error.isEmpty())
            return {};
        return userSql(sql, m_c.variables, m_d, &m_error);
    }
    SqlFragment passing();
    void fail(const QString &message)
    {
        if (m_error.isEmpty())
            m_error = message;
    }

    const Check &m_check;
    const RuleSpec &m_rule;
    const CheckSqlContext &m_c;
    const SqlDialect &m_d;
    QString m_error;
};

SqlFragment Compiler::timeParam(const QString &key)
{
    const QString iso = prop(key).toString();
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
        fail(Text::tr("“%1” is not an ISO-8601 date or timestamp.").arg(iso));
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

SqlFragment Compiler::regex(const SqlFragment &subject, const QString &pattern)
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
        fail(Text::tr("%1 needs regular expressions, which %2 does not have.")
                 .arg(m_rule.title, m_d.name()));
        return {};
    }
}

SqlFragment Compiler::equalsValue(const QString &f, const QJsonValue &v) const
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

// MySQL compares text through the column's collation, usually case- and trailing-space-
// insensitive; a check compares exact values.
SqlFragment Compiler::textEquals(const SqlFragment &a, const SqlFragment &b) const
{
    if (m_d.family() == Family::MySQL)
        return fmt(QStringLiteral("CAST(%1 AS BINARY) = CAST(%2 AS BINARY)"), {a, b});
    return fmt(QStringLiteral("%1 = %2"), {a, b});
}

SqlFragment Compiler::inValues(const QString &f, const QJsonArray &list) const
{
    QList<SqlFragment> parts;
    for (const QJsonValue &v : list)
        parts << equalsValue(f, v);
    return fmt(QStringLiteral("(%1)"), {join(parts, QStringLiteral(" OR "))});
}

SqlFragment Compiler::isType()
{
    const QString type = prop(QStringLiteral("field_type")).toString().toLower();
    const QString f = field();
    if (type == QLatin1String("string"))
        return raw(QStringLiteral("1=1"));
    if (type == QLatin1String("boolean"))
        return fmt(QStringLiteral("LOWER(TRIM(%1)) IN ('true', 'false', 't', 'f', 'yes', 'no', "
                                  "'y', 'n', '1', '0')"),
                   {text(f)});
    if (!hasRegex(m_d) && m_d.family() == Family::SqlServer) {
        const QString target = type == QLatin1String("integral")     ? QStringLiteral("BIGINT")
                               : type == QLatin1String("fractional") ? QStringLiteral("FLOAT")
                               : type == QLatin1String("date")       ? QStringLiteral("DATE")
                                                                     : QStringLiteral("DATETIME2");
        return fmt(QStringLiteral("TRY_CAST(%1 AS %2) IS NOT NULL"), {text(f), raw(target)});
    }
    QString pattern;
    if (type == QLatin1String("integral"))
        pattern = QStringLiteral("^\\s*[+-]?[0-9]+\\s*$");
    else if (type == QLatin1String("fractional"))
        pattern = QStringLiteral("^\\s*[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?\\s*$");
    else if (type == QLatin1String("date"))
        pattern = QStringLiteral("^\\s*[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}\\s*$");
    else
        pattern = QStringLiteral("^\\s*[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([ T][0-9]{1,2}:[0-9]{2}(:[0-"
                                 "9]{2}(\\.[0-9]+)?)?)?\\s*(Z|[+-][0-9]{2}(:?[0-9]{2})?)?\\s*$");
    return regex(text(f), pattern);
}

// existsIn / notExistsIn: membership in the reference field, as an uncorrelated IN so every
// database hashes (or indexes) the reference once: an anti-join pushed down.
SqlFragment Compiler::reference()
{
    // ref_datastore_id names this datastore or is absent: rules::validate (run before
    // compiling) refuses another one, which this connection cannot reach.
    const qint64 refId = prop(QStringLiteral("ref_container_id")).toVariant().toLongLong();
    const QString refTable = m_c.referenceTable ? m_c.referenceTable(refId) : QString();
    if (refTable.isEmpty()) {
        fail(Text::tr("The reference container (id %1) of this check is not in the datastore: "
                      "sync the datastore or edit the check.")
                 .arg(refId));
        return {};
    }
    const QString refField = m_d.quote(prop(QStringLiteral("field_name")).toString());
    return fmt(QStringLiteral("%1 IN (SELECT assay_ref.%2 FROM %3 assay_ref WHERE assay_ref.%2 IS "
                              "NOT NULL)"),
               {column(field()), raw(refField), raw(m_d.table(m_c.schema, refTable))});
}

SqlFragment Compiler::passing()
{
    const QString r = m_check.rule;
    const QString f = field();
    const auto cmp = [&](const QString &op, const SqlFragment &rhs) {
        return fmt(QStringLiteral("%1 %2 %3"), {numeric(f), raw(op), rhs});
    };
    const auto incl = [&](bool inclusive, const char *strict, const char *loose) {
        return QLatin1String(inclusive ? loose : strict);
    };
    if (r == QLatin1String("afterDateTime"))
        return fmt(QStringLiteral("%1 > %2"), {time(f), timeParam(QStringLiteral("datetime"))});
    if (r == QLatin1String("beforeDateTime"))
        return fmt(QStringLiteral("%1 < %2"), {time(f), timeParam(QStringLiteral("datetime"))});
    if (r == QLatin1String("betweenTimes"))
        return fmt(QStringLiteral("%1 >= %2 AND %1 <= %3"),
                   {time(f), timeParam(QStringLiteral("min_time")),
                    timeParam(QStringLiteral("max_time"))});
    if (r == QLatin1String("notFuture"))
        return fmt(QStringLiteral("%1 <= %2"), {time(f), now()});
    if (r == QLatin1String("between"))
        return fmt(QStringLiteral("%1 AND %2"),
                   {cmp(incl(flag(QStringLiteral("inclusive_min")), ">", ">="),
                        numParam(QStringLiteral("min"), f)),
                    cmp(incl(flag(QStringLiteral("inclusive_max")), "<", "<="),
                        numParam(QStringLiteral("max"), f))});
    if (r == QLatin1String("greaterThan"))
        return cmp(incl(flag(QStringLiteral("inclusive")), ">", ">="),
                   numParam(QStringLiteral("value"), f));
    if (r == QLatin1String("lessThan"))
        return cmp(incl(flag(QStringLiteral("inclusive")), "<", "<="),
                   numParam(QStringLiteral("value"), f));
    if (r == QLatin1String("maxValue"))
        return cmp(QStringLiteral("<="), numParam(QStringLiteral("value"), f));
    if (r == QLatin1String("minValue"))
        return cmp(QStringLiteral(">="), numParam(QStringLiteral("value"), f));
    if (r == QLatin1String("notNegative"))
        return cmp(QStringLiteral(">="), raw(QStringLiteral("0")));
    if (r == QLatin1String("positive"))
        return cmp(QStringLiteral(">"), raw(QStringLiteral("0")));
    if (r == QLatin1String("maxLength") || r == QLatin1String("minLength"))
        return fmt(
            QStringLiteral("%1 %2 %3"),
            {fmt(m_d.length(QStringLiteral("%1")), {text(f)}),
             raw(r == QLatin1String("maxLength") ? QStringLiteral("<=") : QStringLiteral(">=")),
             numParam(number(QStringLiteral("value")), TypeFamily::Integral)});
    if (r == QLatin1String("equalToField"))
        return compareFields(QStringLiteral("="));
    if (r == QLatin1String("greaterThanField"))
        return compareFields(flag(QStringLiteral("inclusive")) ? QStringLiteral(">=")
                                                               : QStringLiteral(">"));
    if (r == QLatin1String("lessThanField"))
        return compareFields(flag(QStringLiteral("inclusive")) ? QStringLiteral("<=")
                                                               : QStringLiteral("<"));
    if (r == QLatin1String("containsEmail"))
        return regex(text(f),
                     QStringLiteral("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-"
                                    "z]{2,}"));
    if (r == QLatin1String("containsUrl"))
        return regex(text(f),
                     QStringLiteral("([Hh][Tt][Tt][Pp][Ss]?|[Ff][Tt][Pp])://[A-Za-z0-9-]"));
    if (r == QLatin1String("matchesPattern"))
        return regex(text(f), prop(QStringLiteral("pattern")).toString());
    if (r == QLatin1String("isType"))
        return isType();
    if (r == QLatin1String("expectedValues"))
        return inValues(f, prop(QStringLiteral("list")).toArray());
    if (r == QLatin1String("existsIn"))
        return reference();
    if (r == QLatin1String("notExistsIn"))
        return fmt(QStringLiteral("NOT (%1)"), {reference()});
    if (r == QLatin1String("notNull"))
        return present(f);
    if (r == QLatin1String("anyNotNull")) {
        QList<SqlFragment> parts;
        for (const QString &name : m_check.fields)
            parts << present(name);
        return join(parts, QStringLiteral(" OR "));
    }
    if (r == QLatin1String("satisfiesExpression"))
        return userPart(prop(QStringLiteral("expression")).toString());
    fail(Text::tr("Assay cannot run %1 checks yet.").arg(m_rule.title));
    return {};
}

CompiledCheck Compiler::run()
{
    CompiledCheck out;
    const QString r = m_check.rule;
    if (r == QLatin1String("expectedSchema") || r == QLatin1String("fieldCount")) {
        out.form = CheckForm::Schema;
        return out;
    }
    // Asserted: the filter, and the checked fields hold values (nulls are not asserted,
    // except by the rules about nulls).
    QList<SqlFragment> asserted;
    if (!m_check.filter.trimmed().isEmpty())
        asserted << fmt(QStringLiteral("(%1)"), {userPart(m_check.filter)});
    const bool aboutNulls = r == QLatin1String("notNull") || r == QLatin1String("anyNotNull") ||
                            r == QLatin1String("minPartitionSize");
    if (!aboutNulls) {
        QStringList checked = m_check.fields;
        const QString other = prop(QStringLiteral("field_name")).toString();
        if (r.endsWith(QLatin1String("Field")) && !other.isEmpty())
            checked << other;
        for (const QString &name : checked)
            asserted << present(name);
    }
    out.asserted =
        asserted.isEmpty() ? raw(QStringLiteral("1=1")) : join(asserted, QStringLiteral(" AND "));
    const SqlFragment countAsserted =
        fmt(QStringLiteral("COUNT(CASE WHEN %1 THEN 1 END)"), {out.asserted});
    const SqlFragment source = sourceRelation(m_c);

    if (r == QLatin1String("unique") && m_c.uniqueInAggregatePass && m_check.fields.size() == 1) {
        out.form = CheckForm::Aggregate;
        out.aggregates << countAsserted
                       << fmt(QStringLiteral("COUNT(DISTINCT CASE WHEN %1 THEN %2 END)"),
                              {out.asserted, raw(groupValue(field()))});
    } else if (r == QLatin1String("unique")) {
        out.form = CheckForm::Grouped;
        QStringList keys, keyAs, on;
        QStringList order;
        for (int i = 0; i < m_check.fields.size(); ++i) {
            const QString q = groupValue(m_check.fields.at(i));
            const QString k = QStringLiteral("assay_k%1").arg(i);
            keys << q;
            keyAs << QStringLiteral("%1 AS %2").arg(q, k);
            on << QStringLiteral("%1 = assay_dup.%2")
                      .arg(groupValue(m_check.fields.at(i), QStringLiteral("src.")), k);
            order << groupValue(m_check.fields.at(i), QStringLiteral("src."));
        }
        const SqlFragment g = sourceRelation(m_c, QStringLiteral("assay_g"));
        out.groupedCount = fmt(
            QStringLiteral("SELECT COALESCE(SUM(n), 0), COALESCE(SUM(CASE WHEN n > 1 THEN n ELSE 0 "
                           "END), 0) FROM (SELECT COUNT(*) AS n FROM %1 WHERE %2 GROUP BY %3) "
                           "assay_groups"),
            {g, out.asserted, raw(keys.join(QStringLiteral(", ")))});
        out.failingRecords =
            fmt(QStringLiteral("SELECT {row} FROM %1 JOIN (SELECT %2 FROM %3 WHERE %4 GROUP BY %5 "
                               "HAVING COUNT(*) > 1) assay_dup ON %6 WHERE %7 ORDER BY %8"),
                {source, raw(keyAs.join(QStringLiteral(", "))), g, out.asserted,
                 raw(keys.join(QStringLiteral(", "))), raw(on.join(QStringLiteral(" AND "))),
                 out.asserted, raw(order.join(QStringLiteral(", ")))});
    } else if (r == QLatin1String("timeDistributionSize")) {
        // Records per period; the periods whose count is out of bounds fail with their records.
        out.form = CheckForm::Grouped;
        const QString period = prop(QStringLiteral("interval_name")).toString();
        const QString bucket = m_d.timeBucket(m_d.quote(field()), period);
        if (bucket.isEmpty())
            fail(Text::tr("Time Distribution Size by %1 periods is not available on %2.")
                     .arg(period, m_d.name()));
        QList<SqlFragment> outside;
        if (!prop(QStringLiteral("min_size")).isNull())
            outside << fmt(QStringLiteral("n < %1"),
                           {bound(qint64(number(QStringLiteral("min_size"))))});
        if (!prop(QStringLiteral("max_size")).isNull())
            outside << fmt(QStringLiteral("n > %1"),
                           {bound(qint64(number(QStringLiteral("max_size"))))});
        if (outside.isEmpty())
            outside << raw(QStringLiteral("1=0"));
        const SqlFragment g = sourceRelation(m_c, QStringLiteral("assay_g"));
        out.groupedCount = fmt(
            QStringLiteral("SELECT COALESCE(SUM(n), 0), COALESCE(SUM(CASE WHEN %1 THEN n ELSE 0 "
                           "END), 0), COALESCE(SUM(CASE WHEN %1 THEN 1 ELSE 0 END), 0) FROM "
                           "(SELECT COUNT(*) AS n FROM %2 WHERE %3 GROUP BY %4) assay_periods"),
            {join(outside, QStringLiteral(" OR ")), g, out.asserted, raw(bucket)});
    } else if (r == QLatin1String("distinctCount")) {
        out.form = CheckForm::Aggregate;
        out.aggregates << countAsserted
                       << fmt(QStringLiteral("COUNT(DISTINCT CASE WHEN %1 THEN %2 END)"),
                              {out.asserted, raw(groupValue(field()))});
    } else if (r == QLatin1String("sum")) {
        out.form = CheckForm::Aggregate;
        out.aggregates << countAsserted
                       << fmt(QStringLiteral("SUM(CASE WHEN %1 THEN %2 END)"),
                              {out.asserted, num(numeric(field()))});
    } else if (r == QLatin1String("requiredValues")) {
        out.form = CheckForm::Aggregate;
        out.aggregates << countAsserted;
        for (const QJsonValue &v : prop(QStringLiteral("list")).toArray())
            out.aggregates << fmt(QStringLiteral("MAX(CASE WHEN %1 AND %2 THEN 1 ELSE 0 END)"),
                                  {out.asserted, equalsValue(field(), v)});
    } else if (r == QLatin1String("minPartitionSize")) {
        out.form = CheckForm::Aggregate;
        out.aggregates << raw(QStringLiteral("COUNT(*)"));
    } else {
        out.form = CheckForm::Record;
        out.passing = passing();
        out.failing = fmt(QStringLiteral("%1 AND (CASE WHEN %2 THEN 0 ELSE 1 END) = 1"),
                          {out.asserted, out.passing});
        out.failingRecords =
            fmt(QStringLiteral("SELECT {row} FROM %1 WHERE %2"), {source, out.failing});
    }
    // A whole failing row, each column in a form the client reads (the select list leads the
    // statement: nothing a user wrote is touched).
    const QString rowPlaceholder = QStringLiteral("SELECT {row} ");
    if (out.failingRecords.sql.startsWith(rowPlaceholder))
        out.failingRecords.sql.replace(
            0, rowPlaceholder.size(),
            QStringLiteral("SELECT %1 ").arg(m_c.rowSelect(QStringLiteral("src"))));
    out.error = m_error;
    return out;
}

} // namespace

CompiledCheck compileCheck(const Check &check, const CheckSqlContext &context)
{
    CompiledCheck out;
    const RuleSpec *rule = rules::find(check.rule);
    QHash<QString, TypeFamily> types = context.fieldTypes;
    // Schema rules name fields the live table should have, whatever the Catalog last saw.
    if (rule && rule->scope == RuleScope::Table)
        for (const QString &f : check.fields)
            if (!types.contains(f))
                types.insert(f, TypeFamily::Other);
    const QString invalid = rules::validate(check, types);
    if (!invalid.isEmpty()) {
        out.error = invalid;
        // A field that exists but is of a type the rule does not take: its type changed since
        // the check was made (or the check was imported from elsewhere).
        if (rule && rule->scope != RuleScope::Table)
            for (const QString &f : check.fields)
                if (types.contains(f) && !rule->acceptsType(types.value(f)))
                    out.notApplicable = true;
        return out;
    }
    if (context.table.isEmpty()) {
        out.error = Text::tr("The check has no container to run on.");
        return out;
    }
    return Compiler(check, *rule, context).run();
}

QString displaySql(const Check &check, const CheckSqlContext &context)
{
    const CompiledCheck c = compileCheck(check, context);
    if (!c.ok())
        return QStringLiteral("-- ") + c.error;
    SqlFragment shown;
    switch (c.form) {
    case CheckForm::Record:
    case CheckForm::Grouped:
        // A grouped shape rule has no failing records: its count shows what it measures.
        shown = c.failingRecords.isEmpty() ? c.groupedCount : c.failingRecords;
        break;
    case CheckForm::Aggregate:
        shown = fmt(QStringLiteral("SELECT %1 FROM %2"),
                    {join(c.aggregates, QStringLiteral(", ")), sourceRelation(context)});
        break;
    case CheckForm::Schema:
        shown = raw(QStringLiteral("SELECT * FROM %1 WHERE 1=0")
                        .arg(context.dialect.table(context.schema, context.table)));
        break;
    }
    return inlineValues(shown.sql, shown.values, context.dialect);
}

} // namespace assay
