#pragma once

#include "app/checks/CheckCompiler.h"
#include "app/checks/RuleCatalog.h"

#include <QJsonArray>
#include <QJsonValue>

namespace assay {

class Rule;

// One check being compiled against one dialect and container: the pieces of SQL rules build
// their predicates and figures from (a field as a number, as text, as a comparable moment; a
// bound parameter of the right type; a regular expression in the dialect's syntax). The first
// problem met is kept in error() and ends the compilation.
class RuleSql
{
public:
    RuleSql(const Check &check, const Rule &rule, const CheckSqlContext &context);

    const Check &check() const { return m_check; }
    const RuleSpec &spec() const { return m_spec; }
    const CheckSqlContext &context() const { return m_c; }
    const SqlDialect &dialect() const { return m_d; }
    QString error() const { return m_error; }
    void fail(const QString &message)
    {
        if (m_error.isEmpty())
            m_error = message;
    }

    // The check's property, or the rule's default.
    QJsonValue prop(QLatin1String key) const;
    double number(QLatin1String key) const { return prop(key).toVariant().toDouble(); }
    bool flag(QLatin1String key) const { return prop(key).toBool(); }
    QString field(int i = 0) const { return m_check.fields.value(i); }
    TypeFamily family(const QString &f) const { return m_c.fieldTypes.value(f, TypeFamily::Other); }
    bool isTime(const QString &f) const { return isDateTimeFamily(family(f)); }
    bool isNumeric(const QString &f) const
    {
        return family(f) == TypeFamily::Integral || family(f) == TypeFamily::Fractional;
    }

    // The quoted column.
    SqlFragment column(const QString &f) const;
    // An expression as a floating-point number.
    SqlFragment num(const SqlFragment &x) const;
    // A number value compared with something of the family `against`, cast where the dialect
    // would otherwise round or convert row by row.
    // `v` compared with a field of family `against`; as a literal rather than a parameter when
    // `literal` (lists too long to bind, see inValues).
    SqlFragment numParam(double v, TypeFamily against, bool literal = false) const;
    SqlFragment numParam(QLatin1String key, const QString &f) const
    {
        return numParam(number(key), family(f));
    }
    // The field as text: text fields as they are, others cast (an enum, a uuid: their text).
    SqlFragment text(const QString &f) const;
    // The field as its type compares for equality (grouped, counted distinct): the column, or
    // its text where the type has no equality (json, xml, geometric types). `qualifier`
    // prefixes the column ("src.").
    QString groupValue(const QString &f, const QString &qualifier = QString()) const;
    // The field holds a value, tested on what the type compares.
    SqlFragment present(const QString &f) const;
    // The field as a number for numeric comparisons (money as numeric, NaN as NULL...).
    SqlFragment numeric(const QString &f) const;
    // A date / timestamp field, comparable (SQLite: julianday of its text).
    SqlFragment time(const QString &f) const;
    // A date / timestamp property as a comparable value of the dialect.
    SqlFragment timeParam(QLatin1String key);
    // An ISO-8601 date or timestamp (a property's, or one inside a property) likewise.
    SqlFragment timeValue(const QString &iso);
    SqlFragment now() const;
    // `subject` matches `pattern` (searching, not anchored), in the dialect's syntax.
    SqlFragment regex(const SqlFragment &subject, const QString &pattern);
    // The field compared with one listed value: numbers as numbers, booleans by truth,
    // everything else as text.
    SqlFragment equalsValue(const QString &f, const QJsonValue &v) const;
    SqlFragment inValues(const QString &f, const QJsonArray &list) const;
    // Exact text equality (MySQL's collations would ignore case and trailing spaces).
    SqlFragment textEquals(const SqlFragment &a, const SqlFragment &b) const;
    // SQL a user wrote (a filter, an expression), with its {{variables}} bound.
    SqlFragment userPart(const QString &sql);

private:
    const ColumnMeasure *measure(const QString &f) const;

    const Check &m_check;
    const RuleSpec &m_spec;
    const CheckSqlContext &m_c;
    const SqlDialect &m_d;
    QString m_error;
};

} // namespace assay
