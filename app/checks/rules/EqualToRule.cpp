// equalTo: values equal one given value, compared the way the field's type compares.
#include "app/checks/AnomalyMessages.h"
#include "app/checks/CheckSqlText.h"
#include "app/checks/Rule.h"
#include "app/checks/RuleSql.h"

namespace assay::rules::make {

using namespace check_sql;
namespace key = rule_key;
using P = PropertyType;
using T = RuleText;

namespace {

class EqualToRule : public Rule
{
public:
    EqualToRule()
        : Rule(single(rule_name::kEqualTo, T::tr("Equal To"),
                      T::tr("Values equal a given value: numbers compared as numbers, dates and "
                            "times as moments, anything else as text."),
                      {TypeFamily::Integral, TypeFamily::Fractional, TypeFamily::Boolean,
                       TypeFamily::Date, TypeFamily::Timestamp, TypeFamily::String},
                      {property(key::kValue, P::Text, true, T::tr("Value"))}, "Precision"))
    {
    }

    SqlFragment passing(RuleSql &s) const override
    {
        const QString f = s.field();
        if (s.isTime(f))
            return fmt(QStringLiteral("%1 = %2"), {s.time(f), s.timeParam(key::kValue)});
        const QJsonValue value = s.prop(key::kValue);
        // Text would compare a number field's text with it: 1.50 never equals 1.5 that way.
        if (s.isNumeric(f) && !isNumber(value)) {
            s.fail(T::tr("%1 compares %2 as a number, and “%3” is not one.")
                       .arg(spec().title, f, anomaly_messages::value(value)));
            return {};
        }
        return s.equalsValue(f, value);
    }

    QString violation(const Check &c, bool plural) const override
    {
        return pick(plural, T::tr("is not equal to %1"), T::tr("are not equal to %1"))
            .arg(anomaly_messages::value(propertyOf(c, key::kValue)));
    }
};

} // namespace

std::unique_ptr<Rule> EqualTo()
{
    return std::make_unique<EqualToRule>();
}

} // namespace assay::rules::make
