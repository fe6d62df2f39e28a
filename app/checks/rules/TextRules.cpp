// Text values: containsEmail, containsUrl, matchesPattern, maxLength, minLength, isType.
#include "app/checks/AnomalyMessages.h"
#include "app/checks/CheckSqlText.h"
#include "app/checks/Rule.h"
#include "app/checks/RuleSql.h"

namespace assay::rules::make {

using namespace check_sql;
namespace key = rule_key;
using Family = SqlDialect::Family;
using P = PropertyType;
using T = RuleText;

namespace {

// The field's length in characters against `value`.
SqlFragment length(RuleSql &s, const char *op)
{
    return fmt(QStringLiteral("%1 %2 %3"),
               {fmt(s.dialect().length(QStringLiteral("%1")), {s.text(s.field())}),
                raw(QLatin1String(op)), s.numParam(s.number(key::kValue), TypeFamily::Integral)});
}

// isType: whether the text reads as the type, by pattern (or TRY_CAST where the dialect has no
// regular expressions).
SqlFragment readsAsType(RuleSql &s)
{
    const QString type = s.prop(key::kFieldType).toString().toLower();
    const QString f = s.field();
    if (type == QLatin1String("string"))
        return raw(QStringLiteral("1=1"));
    if (type == QLatin1String("boolean"))
        return fmt(QStringLiteral("LOWER(TRIM(%1)) IN ('true', 'false', 't', 'f', 'yes', 'no', "
                                  "'y', 'n', '1', '0')"),
                   {s.text(f)});
    if (s.dialect().family() == Family::SqlServer) {
        const QString target = type == QLatin1String("integral")     ? QStringLiteral("BIGINT")
                               : type == QLatin1String("fractional") ? QStringLiteral("FLOAT")
                               : type == QLatin1String("date")       ? QStringLiteral("DATE")
                                                                     : QStringLiteral("DATETIME2");
        return fmt(QStringLiteral("TRY_CAST(%1 AS %2) IS NOT NULL"), {s.text(f), raw(target)});
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
    return s.regex(s.text(f), pattern);
}

RuleProperty lengthProperty()
{
    return property(key::kValue, P::Integer, true, T::tr("Length"));
}

} // namespace

std::unique_ptr<Rule> ContainsEmail()
{
    return std::make_unique<RecordRule>(
        single(rule_name::kContainsEmail, T::tr("Contains Email"),
               T::tr("Values contain an e-mail address."), kTextTypes, {}, "Conformity"),
        [](RuleSql &s) {
            return s.regex(s.text(s.field()),
                           QStringLiteral("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\."
                                          "[A-Za-z]{2,}"));
        },
        [](const Check &, bool plural) {
            return pick(plural, T::tr("does not contain an e-mail address"),
                        T::tr("do not contain an e-mail address"));
        });
}

std::unique_ptr<Rule> ContainsUrl()
{
    return std::make_unique<RecordRule>(
        single(rule_name::kContainsUrl, T::tr("Contains URL"), T::tr("Values contain a URL."),
               kTextTypes, {}, "Conformity"),
        [](RuleSql &s) {
            return s.regex(s.text(s.field()),
                           QStringLiteral("([Hh][Tt][Tt][Pp][Ss]?|[Ff][Tt][Pp])://[A-Za-z0-9-]"));
        },
        [](const Check &, bool plural) {
            return pick(plural, T::tr("does not contain a URL"), T::tr("do not contain a URL"));
        });
}

std::unique_ptr<Rule> MatchesPattern()
{
    return std::make_unique<RecordRule>(
        single(rule_name::kMatchesPattern, T::tr("Matches Pattern"),
               T::tr("Values match a regular expression."), kTextTypes,
               {property(key::kPattern, P::Pattern, true, T::tr("Pattern"))}, "Conformity"),
        [](RuleSql &s) { return s.regex(s.text(s.field()), s.prop(key::kPattern).toString()); },
        [](const Check &c, bool plural) {
            return pick(plural, T::tr("does not match the pattern %1"),
                        T::tr("do not match the pattern %1"))
                .arg(propertyOf(c, key::kPattern).toString());
        });
}

std::unique_ptr<Rule> MaxLength()
{
    return std::make_unique<RecordRule>(
        single(rule_name::kMaxLength, T::tr("Max Length"),
               T::tr("Values are at most this many characters long."), kTextTypes,
               {lengthProperty()}, "Conformity"),
        [](RuleSql &s) { return length(s, "<="); },
        [](const Check &c, bool plural) {
            return pick(plural, T::tr("is longer than %1 characters"),
                        T::tr("are longer than %1 characters"))
                .arg(anomaly_messages::value(c.properties.value(key::kValue)));
        });
}

std::unique_ptr<Rule> MinLength()
{
    return std::make_unique<RecordRule>(
        single(rule_name::kMinLength, T::tr("Min Length"),
               T::tr("Values are at least this many characters long."), kTextTypes,
               {lengthProperty()}, "Conformity"),
        [](RuleSql &s) { return length(s, ">="); },
        [](const Check &c, bool plural) {
            return pick(plural, T::tr("is shorter than %1 characters"),
                        T::tr("are shorter than %1 characters"))
                .arg(anomaly_messages::value(c.properties.value(key::kValue)));
        });
}

std::unique_ptr<Rule> IsType()
{
    return std::make_unique<RecordRule>(
        single(rule_name::kIsType, T::tr("Is Type"),
               T::tr("Text values can be read as another type (integral, date...)."), kTextTypes,
               {property(key::kFieldType, P::FieldType, true, T::tr("Type"))}, "Conformity"),
        readsAsType, [](const Check &c, bool plural) {
            return pick(plural, T::tr("is not a valid %1 value"), T::tr("are not valid %1 values"))
                .arg(propertyOf(c, key::kFieldType).toString().toLower());
        });
}

} // namespace assay::rules::make
