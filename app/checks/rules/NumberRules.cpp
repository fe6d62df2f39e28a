// Numbers against bounds: between, greaterThan, lessThan, maxValue, minValue, notNegative,
// positive.
#include "app/checks/AnomalyMessages.h"
#include "app/checks/CheckSqlText.h"
#include "app/checks/Rule.h"
#include "app/checks/RuleSql.h"

namespace assay::rules::make {

using namespace check_sql;
using anomaly_messages::threshold;
namespace key = rule_key;
using P = PropertyType;
using T = RuleText;

namespace {

// The field against a bound: `op` one of >, >=, <, <=.
SqlFragment compare(RuleSql &s, const char *op, const SqlFragment &bound)
{
    return fmt(QStringLiteral("%1 %2 %3"), {s.numeric(s.field()), raw(QLatin1String(op)), bound});
}

const char *strictOr(bool inclusive, const char *strict, const char *loose)
{
    return inclusive ? loose : strict;
}

RuleProperty valueProperty()
{
    return property(key::kValue, P::Number, true, T::tr("Value"));
}

RuleProperty inclusiveProperty()
{
    return property(key::kInclusive, P::Boolean, false, T::tr("Inclusive"), false);
}

QString greaterWording(const Check &c, bool plural, const QString &than)
{
    return (flagOf(c, key::kInclusive, false)
                ? pick(plural, T::tr("is not greater than or equal to %1"),
                       T::tr("are not greater than or equal to %1"))
                : pick(plural, T::tr("is not greater than %1"), T::tr("are not greater than %1")))
        .arg(than);
}

QString lessWording(const Check &c, bool plural, const QString &than)
{
    return (flagOf(c, key::kInclusive, false)
                ? pick(plural, T::tr("is not less than or equal to %1"),
                       T::tr("are not less than or equal to %1"))
                : pick(plural, T::tr("is not less than %1"), T::tr("are not less than %1")))
        .arg(than);
}

class BetweenRule : public Rule
{
public:
    BetweenRule()
        : Rule(single(
              rule_name::kBetween, T::tr("Between"),
              T::tr("Values lie between a minimum and a maximum."), kNumericTypes,
              {property(key::kMin, P::Number, true, T::tr("Minimum")),
               property(key::kMax, P::Number, true, T::tr("Maximum")),
               property(key::kInclusiveMin, P::Boolean, false, T::tr("Inclusive minimum"), true),
               property(key::kInclusiveMax, P::Boolean, false, T::tr("Inclusive maximum"), true)},
              "Precision"))
    {
    }

    SqlFragment passing(RuleSql &s) const override
    {
        return fmt(QStringLiteral("%1 AND %2"),
                   {compare(s, strictOr(s.flag(key::kInclusiveMin), ">", ">="),
                            s.numParam(key::kMin, s.field())),
                    compare(s, strictOr(s.flag(key::kInclusiveMax), "<", "<="),
                            s.numParam(key::kMax, s.field()))});
    }

    QString validate(const Check &c) const override
    {
        if (c.properties.value(key::kMin).toVariant().toDouble() >
            c.properties.value(key::kMax).toVariant().toDouble())
            return T::tr("The minimum is greater than the maximum.");
        return QString();
    }

    QString violation(const Check &c, bool plural) const override
    {
        const auto bound = [&](QLatin1String k, QLatin1String inclusive) {
            const QString t = threshold(numberOf(c, k));
            return flagOf(c, inclusive, true) ? t : T::tr("%1 (excluded)").arg(t);
        };
        return pick(plural, T::tr("is not between %1 and %2"), T::tr("are not between %1 and %2"))
            .arg(bound(key::kMin, key::kInclusiveMin), bound(key::kMax, key::kInclusiveMax));
    }
};

} // namespace

std::unique_ptr<Rule> Between()
{
    return std::make_unique<BetweenRule>();
}

std::unique_ptr<Rule> GreaterThan()
{
    return std::make_unique<RecordRule>(
        single(rule_name::kGreaterThan, T::tr("Greater Than"),
               T::tr("Values are greater than a number."), kNumericTypes,
               {valueProperty(), inclusiveProperty()}, "Precision"),
        [](RuleSql &s) {
            return compare(s, strictOr(s.flag(key::kInclusive), ">", ">="),
                           s.numParam(key::kValue, s.field()));
        },
        [](const Check &c, bool plural) {
            return greaterWording(c, plural, threshold(numberOf(c, key::kValue)));
        });
}

std::unique_ptr<Rule> LessThan()
{
    return std::make_unique<RecordRule>(
        single(rule_name::kLessThan, T::tr("Less Than"), T::tr("Values are less than a number."),
               kNumericTypes, {valueProperty(), inclusiveProperty()}, "Precision"),
        [](RuleSql &s) {
            return compare(s, strictOr(s.flag(key::kInclusive), "<", "<="),
                           s.numParam(key::kValue, s.field()));
        },
        [](const Check &c, bool plural) {
            return lessWording(c, plural, threshold(numberOf(c, key::kValue)));
        });
}

std::unique_ptr<Rule> MaxValue()
{
    return std::make_unique<RecordRule>(
        single(rule_name::kMaxValue, T::tr("Max Value"), T::tr("Values are at most this number."),
               kNumericTypes, {valueProperty()}, "Precision"),
        [](RuleSql &s) { return compare(s, "<=", s.numParam(key::kValue, s.field())); },
        [](const Check &c, bool plural) {
            return pick(plural, T::tr("is greater than the maximum %1"),
                        T::tr("are greater than the maximum %1"))
                .arg(threshold(numberOf(c, key::kValue)));
        });
}

std::unique_ptr<Rule> MinValue()
{
    return std::make_unique<RecordRule>(
        single(rule_name::kMinValue, T::tr("Min Value"), T::tr("Values are at least this number."),
               kNumericTypes, {valueProperty()}, "Precision"),
        [](RuleSql &s) { return compare(s, ">=", s.numParam(key::kValue, s.field())); },
        [](const Check &c, bool plural) {
            return pick(plural, T::tr("is less than the minimum %1"),
                        T::tr("are less than the minimum %1"))
                .arg(threshold(numberOf(c, key::kValue)));
        });
}

std::unique_ptr<Rule> NotNegative()
{
    return std::make_unique<RecordRule>(
        single(rule_name::kNotNegative, T::tr("Not Negative"), T::tr("Values are zero or more."),
               kNumericTypes, {}, "Precision"),
        [](RuleSql &s) { return compare(s, ">=", raw(QStringLiteral("0"))); },
        [](const Check &, bool plural) {
            return pick(plural, T::tr("is negative"), T::tr("are negative"));
        });
}

std::unique_ptr<Rule> Positive()
{
    return std::make_unique<RecordRule>(
        single(rule_name::kPositive, T::tr("Positive"), T::tr("Values are greater than zero."),
               kNumericTypes, {}, "Precision"),
        [](RuleSql &s) { return compare(s, ">", raw(QStringLiteral("0"))); },
        [](const Check &, bool plural) {
            return pick(plural, T::tr("is not positive"), T::tr("are not positive"));
        });
}

} // namespace assay::rules::make

// The wordings of greaterThan / lessThan serve the field comparisons too.
namespace assay::rules {
QString greaterThanWording(const Check &c, bool plural, const QString &than)
{
    return make::greaterWording(c, plural, than);
}
QString lessThanWording(const Check &c, bool plural, const QString &than)
{
    return make::lessWording(c, plural, than);
}
} // namespace assay::rules
