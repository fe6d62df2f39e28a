// Every rule Assay knows, one line each. A new rule is a class in app/checks/rules/ with a
// factory `std::unique_ptr<Rule> rules::make::<Name>()`, and its name in this list.
#include "app/checks/Rule.h"

#define ASSAY_RULES(X)                                                                             \
    X(AfterDateTime)                                                                               \
    X(AggregationComparison)                                                                       \
    X(AnyNotNull)                                                                                  \
    X(BeforeDateTime)                                                                              \
    X(Between)                                                                                     \
    X(BetweenTimes)                                                                                \
    X(ContainsCreditCard)                                                                          \
    X(ContainsEmail)                                                                               \
    X(ContainsSocialSecurityNumber)                                                                \
    X(ContainsUrl)                                                                                 \
    X(DistinctCount)                                                                               \
    X(DistributionShift)                                                                           \
    X(EqualTo)                                                                                     \
    X(EqualToField)                                                                                \
    X(ExistsIn)                                                                                    \
    X(ExpectedSchema)                                                                              \
    X(ExpectedValues)                                                                              \
    X(FieldCount)                                                                                  \
    X(Freshness)                                                                                   \
    X(GreaterThan)                                                                                 \
    X(GreaterThanField)                                                                            \
    X(IsCreditCard)                                                                                \
    X(IsType)                                                                                      \
    X(LessThan)                                                                                    \
    X(LessThanField)                                                                               \
    X(MatchesPattern)                                                                              \
    X(MaxLength)                                                                                   \
    X(MaxPartitionSize)                                                                            \
    X(MaxValue)                                                                                    \
    X(Metric)                                                                                      \
    X(MinLength)                                                                                   \
    X(MinPartitionSize)                                                                            \
    X(MinValue)                                                                                    \
    X(NotExistsIn)                                                                                 \
    X(NotFuture)                                                                                   \
    X(NotNegative)                                                                                 \
    X(NotNull)                                                                                     \
    X(Positive)                                                                                    \
    X(PredictedBy)                                                                                 \
    X(RequiredValues)                                                                              \
    X(SatisfiesExpression)                                                                         \
    X(Sum)                                                                                         \
    X(TimeDistributionSize)                                                                        \
    X(Unique)                                                                                      \
    X(Volumetric)

namespace assay::rules {

namespace make {
#define ASSAY_DECLARE_RULE(Name) std::unique_ptr<Rule> Name();
ASSAY_RULES(ASSAY_DECLARE_RULE)
#undef ASSAY_DECLARE_RULE
} // namespace make

const std::vector<std::unique_ptr<Rule>> &definitions()
{
    static const std::vector<std::unique_ptr<Rule>> all = [] {
        std::vector<std::unique_ptr<Rule>> list;
#define ASSAY_MAKE_RULE(Name) list.push_back(make::Name());
        ASSAY_RULES(ASSAY_MAKE_RULE)
#undef ASSAY_MAKE_RULE
        return list;
    }();
    return all;
}

const Rule *definition(const QString &name)
{
    for (const auto &rule : definitions())
        if (rule->spec().name == name)
            return rule.get();
    return nullptr;
}

} // namespace assay::rules
