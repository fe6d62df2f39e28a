// One figure over the asserted records, computed in the one aggregate pass: distinctCount,
// sum, minPartitionSize, maxPartitionSize. A failed figure fails the asserted records as a whole.
#include "app/checks/AnomalyMessages.h"
#include "app/checks/CheckSqlText.h"
#include "app/checks/Rule.h"
#include "app/checks/RuleSql.h"

#include <cmath>

namespace assay::rules::make {

using namespace check_sql;
using anomaly_messages::threshold;
using anomaly_messages::value;
namespace key = rule_key;
using P = PropertyType;
using T = RuleText;

namespace {

class DistinctCountRule : public Rule
{
public:
    DistinctCountRule()
        : Rule(shapeOnly(single(rule_name::kDistinctCount, T::tr("Distinct Count"),
                                T::tr("The field has exactly this many distinct values."), {},
                                {property(key::kValue, P::Integer, true, T::tr("Distinct values"))},
                                "Accuracy")))
    {
    }
    void compile(RuleSql &s, CompiledCheck &out) const override
    {
        out.form = CheckForm::Aggregate;
        out.aggregates << countAsserted(out)
                       << fmt(QStringLiteral("COUNT(DISTINCT CASE WHEN %1 THEN %2 END)"),
                              {out.asserted, raw(s.groupValue(s.field()))});
    }
    void readFigure(const Check &c, const QVariantList &row, int at, CheckCount &out) const override
    {
        const qint64 distinct = countOf(row.value(at + 1));
        out.observed = distinct;
        out.passed = distinct == c.properties.value(key::kValue).toVariant().toLongLong();
        out.failing = out.passed ? 0 : out.asserted;
    }
    QString figureMessage(const Check &c, const CheckCount &count) const override
    {
        return T::tr("In %1, the number of distinct values is %2, not %3.")
            .arg(c.fields.join(QStringLiteral(", ")))
            .arg(count.observed.toLongLong())
            .arg(value(c.properties.value(key::kValue)));
    }
};

class SumRule : public Rule
{
public:
    SumRule()
        : Rule(shapeOnly(single(
              rule_name::kSum, T::tr("Sum"), T::tr("The values add up to a number."), kNumericTypes,
              {property(key::kValue, P::Number, true, T::tr("Sum")),
               property(key::kTolerance, P::Number, false, T::tr("Tolerance"), 0)},
              "Precision")))
    {
    }
    void compile(RuleSql &s, CompiledCheck &out) const override
    {
        out.form = CheckForm::Aggregate;
        out.aggregates << countAsserted(out)
                       << fmt(QStringLiteral("SUM(CASE WHEN %1 THEN %2 END)"),
                              {out.asserted, s.num(s.numeric(s.field()))});
    }
    void readFigure(const Check &c, const QVariantList &row, int at, CheckCount &out) const override
    {
        const QVariant v = row.value(at + 1);
        const double sum = v.isNull() ? 0.0 : v.toDouble();
        const double expected = c.properties.value(key::kValue).toVariant().toDouble();
        const double tolerance =
            std::abs(c.properties.value(key::kTolerance).toVariant().toDouble());
        out.observed = sum;
        out.passed = std::abs(sum - expected) <= tolerance + 1e-9 * qMax(1.0, std::abs(expected));
        out.failing = out.passed ? 0 : out.asserted;
    }
    QString figureMessage(const Check &c, const CheckCount &count) const override
    {
        return T::tr("In %1, the sum is %2, not %3 (tolerance %4).")
            .arg(c.fields.join(QStringLiteral(", ")), threshold(count.observed.toDouble()),
                 threshold(numberOf(c, key::kValue)), threshold(numberOf(c, key::kTolerance)));
    }
};

// minPartitionSize and maxPartitionSize: the container holds at least (at most) this many
// records, counted in the one aggregate pass.
class PartitionSizeRule : public Rule
{
public:
    explicit PartitionSizeRule(bool atMost) : Rule(makeSpec(atMost)), m_atMost(atMost) {}
    bool assertsNulls() const override { return true; }
    void compile(RuleSql &, CompiledCheck &out) const override
    {
        out.form = CheckForm::Aggregate;
        out.aggregates << raw(QStringLiteral("COUNT(*)"));
    }
    void readFigure(const Check &c, const QVariantList &, int, CheckCount &out) const override
    {
        const qint64 bound = c.properties.value(key::kValue).toVariant().toLongLong();
        out.observed = out.asserted;
        out.passed = m_atMost ? out.asserted <= bound : out.asserted >= bound;
        out.failing = out.passed ? 0 : out.asserted;
    }
    QString violation(const Check &c, bool plural) const override
    {
        const QString bound = value(propertyOf(c, key::kValue));
        return m_atMost ? pick(plural, T::tr("exceeds the maximum of %1 records"),
                               T::tr("exceed the maximum of %1 records"))
                              .arg(bound)
                        : pick(plural, T::tr("falls short of the minimum of %1 records"),
                               T::tr("fall short of the minimum of %1 records"))
                              .arg(bound);
    }
    QString figureMessage(const Check &c, const CheckCount &count) const override
    {
        return (m_atMost ? T::tr("The container holds %1 records, more than the maximum %2.")
                         : T::tr("The container holds %1 records, fewer than the minimum %2."))
            .arg(count.observed.toLongLong())
            .arg(value(c.properties.value(key::kValue)));
    }

private:
    static RuleSpec makeSpec(bool atMost)
    {
        RuleSpec spec = table(
            single(atMost ? rule_name::kMaxPartitionSize : rule_name::kMinPartitionSize,
                   atMost ? T::tr("Max Partition Size") : T::tr("Min Partition Size"),
                   atMost ? T::tr("The container holds at most this many records.")
                          : T::tr("The container holds at least this many records."),
                   {}, {property(key::kValue, P::Integer, true, T::tr("Records"))}, "Volumetrics"),
            "metadata");
        spec.filterAllowed = false;
        spec.judgesEmpty = true;
        return spec;
    }

    bool m_atMost;
};

} // namespace

std::unique_ptr<Rule> DistinctCount()
{
    return std::make_unique<DistinctCountRule>();
}

std::unique_ptr<Rule> Sum()
{
    return std::make_unique<SumRule>();
}

std::unique_ptr<Rule> MinPartitionSize()
{
    return std::make_unique<PartitionSizeRule>(false);
}

std::unique_ptr<Rule> MaxPartitionSize()
{
    return std::make_unique<PartitionSizeRule>(true);
}

} // namespace assay::rules::make
