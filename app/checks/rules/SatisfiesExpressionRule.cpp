// satisfiesExpression: records satisfy a SQL boolean expression a user wrote (bound variables,
// never spliced values).
#include "app/checks/Rule.h"
#include "app/checks/RuleSql.h"

namespace assay::rules::make {

namespace key = rule_key;
using P = PropertyType;
using T = RuleText;

namespace {

class SatisfiesExpressionRule : public Rule
{
public:
    SatisfiesExpressionRule() : Rule(makeSpec()) {}
    SqlFragment passing(RuleSql &s) const override
    {
        return s.userPart(s.prop(key::kExpression).toString());
    }
    QString violation(const Check &c, bool plural) const override
    {
        return pick(plural, T::tr("does not satisfy %1"), T::tr("do not satisfy %1"))
            .arg(c.properties.value(key::kExpression).toString());
    }
    QString recordMessage(const Check &c, const QJsonObject &) const override
    {
        return T::tr("The record does not satisfy %1.")
            .arg(c.properties.value(key::kExpression).toString());
    }

private:
    static RuleSpec makeSpec()
    {
        RuleSpec spec = single(
            rule_name::kSatisfiesExpression, T::tr("Satisfies Expression"),
            T::tr("Records satisfy a SQL boolean expression."), {},
            {property(key::kExpression, P::Expression, true, T::tr("Expression"))}, "Accuracy");
        spec.scope = RuleScope::Calculated;
        spec.minFields = 0;
        spec.maxFields = -1;
        return spec;
    }
};

} // namespace

std::unique_ptr<Rule> SatisfiesExpression()
{
    return std::make_unique<SatisfiesExpressionRule>();
}

} // namespace assay::rules::make
