// Values against a list: expectedValues (each value is one of them), requiredValues (each of
// them appears).
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

RuleProperty listProperty()
{
    return property(key::kList, P::List, true, T::tr("Values"));
}

QString listed(const QJsonArray &values)
{
    QStringList out;
    for (const QJsonValue &v : values)
        out << anomaly_messages::value(v);
    return out.join(QStringLiteral(", "));
}

class RequiredValuesRule : public Rule
{
public:
    RequiredValuesRule()
        : Rule(shapeOnly(single(rule_name::kRequiredValues, T::tr("Required Values"),
                                T::tr("Each listed value appears at least once."), {},
                                {listProperty()}, "Accuracy")))
    {
    }

    // One column per listed value: whether an asserted record holds it.
    void compile(RuleSql &s, CompiledCheck &out) const override
    {
        out.form = CheckForm::Aggregate;
        out.aggregates << countAsserted(out);
        for (const QJsonValue &v : s.prop(key::kList).toArray())
            out.aggregates << fmt(QStringLiteral("MAX(CASE WHEN %1 AND %2 THEN 1 ELSE 0 END)"),
                                  {out.asserted, s.equalsValue(s.field(), v)});
    }

    void readFigure(const Check &c, const QVariantList &row, int at, CheckCount &out) const override
    {
        const QJsonArray list = c.properties.value(key::kList).toArray();
        for (int i = 0; i < list.size(); ++i)
            if (countOf(row.value(at + 1 + i)) == 0)
                out.details << (list.at(i).isString() ? list.at(i).toString()
                                                      : list.at(i).toVariant().toString());
        out.observed = qint64(list.size() - out.details.size());
        out.passed = out.details.isEmpty();
        out.failing = out.passed ? 0 : out.asserted;
    }

    QString figureMessage(const Check &c, const CheckCount &count) const override
    {
        return T::tr("In %1, required values are missing: %2.")
            .arg(c.fields.join(QStringLiteral(", ")), count.details.join(QStringLiteral(", ")));
    }
};

} // namespace

std::unique_ptr<Rule> ExpectedValues()
{
    return std::make_unique<RecordRule>(
        single(rule_name::kExpectedValues, T::tr("Expected Values"),
               T::tr("Values are one of a list."), {}, {listProperty()}, "Accuracy"),
        [](RuleSql &s) { return s.inValues(s.field(), s.prop(key::kList).toArray()); },
        [](const Check &c, bool plural) {
            return pick(plural, T::tr("is not one of %1"), T::tr("are not one of %1"))
                .arg(listed(c.properties.value(key::kList).toArray()));
        });
}

std::unique_ptr<Rule> RequiredValues()
{
    return std::make_unique<RequiredValuesRule>();
}

} // namespace assay::rules::make
