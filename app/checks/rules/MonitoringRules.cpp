// The rules that judge a container against its own history: volumetric (its record count or
// size), freshness (the age of its newest data) and metric (an aggregate of a field). The scan
// measures; app/monitoring judges them, with fixed thresholds or thresholds learned from the
// history; these say what the rules take and how their anomalies read.
#include "app/checks/CheckSqlText.h"
#include "app/checks/Rule.h"
#include "app/checks/RuleSql.h"

namespace assay::rules::make {

using namespace check_sql;
namespace key = rule_key;
namespace option = rule_choice;
using P = PropertyType;
using T = RuleText;

namespace {

// What the monitoring judge wrote, as the anomaly's message; the rule adds what it measures.
QString judged(const CheckCount &count)
{
    return count.details.value(0);
}

bool hasNumber(const Check &c, QLatin1String k)
{
    return isNumber(c.properties.value(k));
}

QString thresholdsProblem(const Check &c, QLatin1String maxKey)
{
    const bool fixed = c.properties.value(key::kThresholds).toString() == option::kFixed;
    if (fixed && !hasNumber(c, key::kMin) && !hasNumber(c, maxKey))
        return T::tr("Fixed thresholds need a minimum or a maximum.");
    if (hasNumber(c, key::kMin) && hasNumber(c, maxKey) &&
        numberOf(c, key::kMin) > numberOf(c, maxKey))
        return T::tr("The minimum is greater than the maximum.");
    return QString();
}

QList<RuleProperty> thresholdProperties()
{
    return {choice(key::kThresholds, T::tr("Thresholds"), {option::kAutomatic, option::kFixed}),
            property(key::kMin, P::Number, false, T::tr("Minimum (fixed)")),
            property(key::kMax, P::Number, false, T::tr("Maximum (fixed)"))};
}

class VolumetricRule : public Rule
{
public:
    VolumetricRule() : Rule(makeSpec()) {}
    void compile(RuleSql &, CompiledCheck &out) const override
    {
        out.form = CheckForm::History;
        out.aggregates << raw(QStringLiteral("COUNT(*)"));
    }
    QString validate(const Check &c) const override
    {
        if (hasNumber(c, key::kPeriodDays) && numberOf(c, key::kPeriodDays) < 1)
            return T::tr("The measurement period is at least one day.");
        return thresholdsProblem(c, key::kMax);
    }
    QString figureMessage(const Check &c, const CheckCount &count) const override
    {
        const bool bytes = c.properties.value(key::kMeasure).toString() == option::kBytes;
        return (bytes ? T::tr("The size of the container is out of its expected range: %1")
                      : T::tr("The number of records is out of its expected range: %1"))
            .arg(judged(count));
    }

private:
    static RuleSpec makeSpec()
    {
        QList<RuleProperty> properties{
            choice(key::kMeasure, T::tr("Measure"), {option::kRecords, option::kBytes}),
            choice(key::kComparison, T::tr("Comparison"),
                   {option::kAbsoluteChange, option::kPercentageChange, option::kAbsoluteValue})};
        properties << thresholdProperties();
        properties << property(key::kPeriodDays, P::Integer, false,
                               T::tr("Measurement period (days, fixed changes)"), 1);
        RuleSpec spec =
            table(single(rule_name::kVolumetric, T::tr("Volumetric"),
                         T::tr("The records (or size) stay within fixed thresholds, or a band "
                               "learned from the container's history."),
                         {}, properties, "Volumetrics"),
                  "metadata");
        spec.filterAllowed = false;
        spec.coverageAllowed = false;
        return spec;
    }
};

class FreshnessRule : public Rule
{
public:
    FreshnessRule() : Rule(makeSpec()) {}
    void compile(RuleSql &, CompiledCheck &out) const override
    {
        out.form = CheckForm::History;
        out.aggregates << raw(QStringLiteral("COUNT(*)"));
    }
    QString validate(const Check &c) const override
    {
        const bool fixed = c.properties.value(key::kThresholds).toString() == option::kFixed;
        if (fixed && !hasNumber(c, key::kMaximumAge))
            return T::tr("Fixed thresholds need a maximum age.");
        if (hasNumber(c, key::kMaximumAge) && numberOf(c, key::kMaximumAge) <= 0)
            return T::tr("The maximum age is greater than 0.");
        return QString();
    }
    QString figureMessage(const Check &, const CheckCount &count) const override
    {
        return T::tr("The data is older than expected: %1").arg(judged(count));
    }

private:
    static RuleSpec makeSpec()
    {
        RuleSpec spec = table(
            single(rule_name::kFreshness, T::tr("Freshness"),
                   T::tr("The newest data (incremental field, or the table's last change) is "
                         "no older than a fixed or learned maximum age."),
                   {},
                   {choice(key::kUnit, T::tr("Unit"),
                           {option::kHours, option::kMinutes, option::kDays}),
                    choice(key::kThresholds, T::tr("Thresholds"),
                           {option::kAutomatic, option::kFixed}),
                    property(key::kMaximumAge, P::Number, false, T::tr("Maximum age (fixed)"))},
                   "Timeliness"),
            "metadata");
        spec.filterAllowed = false;
        spec.coverageAllowed = false;
        return spec;
    }
};

class MetricRule : public Rule
{
public:
    MetricRule() : Rule(makeSpec()) {}
    void compile(RuleSql &s, CompiledCheck &out) const override
    {
        out.form = CheckForm::Aggregate;
        const QString aggregate = s.prop(key::kAggregate).toString();
        const SqlFragment value = s.num(s.numeric(s.field()));
        const auto over = [&](const char *function, const SqlFragment &x) {
            return fmt(QLatin1String(function) + QStringLiteral("(CASE WHEN %1 THEN %2 END)"),
                       {out.asserted, x});
        };
        SqlFragment figure;
        if (aggregate == option::kSum)
            figure = over("SUM", value);
        else if (aggregate == option::kMinimum)
            figure = over("MIN", value);
        else if (aggregate == option::kMaximum)
            figure = over("MAX", value);
        else if (aggregate == option::kDistinctCount)
            figure = fmt(QStringLiteral("COUNT(DISTINCT CASE WHEN %1 THEN %2 END)"),
                         {out.asserted, raw(s.groupValue(s.field()))});
        else
            figure = over("AVG", value);
        out.aggregates << countAsserted(out) << figure;
    }
    // The figure only: app/monitoring judges it against the thresholds and the history.
    void readFigure(const Check &, const QVariantList &row, int at, CheckCount &out) const override
    {
        const QVariant v = row.value(at + 1);
        out.observed = v.isNull() ? QVariant() : QVariant(v.toDouble());
        out.passed = true;
        out.failing = 0;
    }
    QString validate(const Check &c) const override { return thresholdsProblem(c, key::kMax); }
    QString figureMessage(const Check &c, const CheckCount &count) const override
    {
        const QString aggregate = c.properties.value(key::kAggregate).toString();
        return T::tr("The %1 of %2 is out of its expected range: %3")
            .arg(QCoreApplication::translate(
                     "assay::RuleCatalog",
                     (aggregate.isEmpty() ? QString(option::kAverage) : aggregate).toUtf8()),
                 c.fields.join(QStringLiteral(", ")), judged(count));
    }

private:
    static RuleSpec makeSpec()
    {
        QList<RuleProperty> properties{
            choice(key::kAggregate, T::tr("Aggregate"),
                   {option::kAverage, option::kSum, option::kMinimum, option::kMaximum,
                    option::kDistinctCount}),
            choice(key::kComparison, T::tr("Comparison"),
                   {option::kAbsoluteValue, option::kAbsoluteChange, option::kPercentageChange}),
            choice(key::kThresholds, T::tr("Thresholds"), {option::kFixed, option::kAutomatic}),
            property(key::kMin, P::Number, false, T::tr("Minimum (fixed)")),
            property(key::kMax, P::Number, false, T::tr("Maximum (fixed)"))};
        RuleSpec spec = shapeOnly(
            single(rule_name::kMetric, T::tr("Metric"),
                   T::tr("An aggregate of the field, recorded by every scan, stays within fixed "
                         "thresholds or a band learned from its history."),
                   kNumericTypes, properties, "Precision"));
        return spec;
    }
};

} // namespace

std::unique_ptr<Rule> Volumetric()
{
    return std::make_unique<VolumetricRule>();
}

std::unique_ptr<Rule> Freshness()
{
    return std::make_unique<FreshnessRule>();
}

std::unique_ptr<Rule> Metric()
{
    return std::make_unique<MetricRule>();
}

} // namespace assay::rules::make
