// maxPartitionSize: the container holds at most this many records; the mirror of
// minPartitionSize (FigureRules.cpp), counted in the same aggregate pass.
#include "app/checks/AnomalyMessages.h"
#include "app/checks/CheckSqlText.h"
#include "app/checks/Rule.h"
#include "app/checks/RuleSql.h"

namespace assay::rules::make {

using namespace check_sql;
using anomaly_messages::value;
namespace key = rule_key;
using P = PropertyType;
using T = RuleText;

namespace {

class MaxPartitionSizeRule : public Rule
{
public:
    MaxPartitionSizeRule() : Rule(makeSpec()) {}
    bool assertsNulls() const override { return true; }
    void compile(RuleSql &, CompiledCheck &out) const override
    {
        out.form = CheckForm::Aggregate;
        out.aggregates << raw(QStringLiteral("COUNT(*)"));
    }
    void readFigure(const Check &c, const QVariantList &, int, CheckCount &out) const override
    {
        out.observed = out.asserted;
        out.passed = out.asserted <= c.properties.value(key::kValue).toVariant().toLongLong();
        out.failing = out.passed ? 0 : out.asserted;
    }
    QString violation(const Check &c, bool plural) const override
    {
        return pick(plural, T::tr("exceeds the maximum of %1 records"),
                    T::tr("exceed the maximum of %1 records"))
            .arg(value(propertyOf(c, key::kValue)));
    }
    QString figureMessage(const Check &c, const CheckCount &count) const override
    {
        return T::tr("The container holds %1 records, more than the maximum %2.")
            .arg(count.observed.toLongLong())
            .arg(value(c.properties.value(key::kValue)));
    }

private:
    static RuleSpec makeSpec()
    {
        RuleSpec spec = table(single(rule_name::kMaxPartitionSize, T::tr("Max Partition Size"),
                                     T::tr("The container holds at most this many records."), {},
                                     {property(key::kValue, P::Integer, true, T::tr("Records"))},
                                     "Volumetrics"),
                              "metadata");
        spec.filterAllowed = false;
        spec.judgesEmpty = true;
        return spec;
    }
};

} // namespace

std::unique_ptr<Rule> MaxPartitionSize()
{
    return std::make_unique<MaxPartitionSizeRule>();
}

} // namespace assay::rules::make
