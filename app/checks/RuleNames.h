#pragma once

#include <QLatin1String>

// The API names of the rules and of their properties (reference spec 4), spelled once: a typo
// is a compile error, not a check that silently never matches.
namespace assay {

namespace rule_name {
inline constexpr QLatin1String kAfterDateTime{"afterDateTime"};
inline constexpr QLatin1String kAggregationComparison{"aggregationComparison"};
inline constexpr QLatin1String kAnyNotNull{"anyNotNull"};
inline constexpr QLatin1String kBeforeDateTime{"beforeDateTime"};
inline constexpr QLatin1String kBetween{"between"};
inline constexpr QLatin1String kBetweenTimes{"betweenTimes"};
inline constexpr QLatin1String kContainsCreditCard{"containsCreditCard"};
inline constexpr QLatin1String kContainsEmail{"containsEmail"};
inline constexpr QLatin1String kContainsSocialSecurityNumber{"containsSocialSecurityNumber"};
inline constexpr QLatin1String kContainsUrl{"containsUrl"};
inline constexpr QLatin1String kDistinctCount{"distinctCount"};
inline constexpr QLatin1String kDistributionShift{"distributionShift"};
inline constexpr QLatin1String kEqualTo{"equalTo"};
inline constexpr QLatin1String kEqualToField{"equalToField"};
inline constexpr QLatin1String kExistsIn{"existsIn"};
inline constexpr QLatin1String kExpectedSchema{"expectedSchema"};
inline constexpr QLatin1String kExpectedValues{"expectedValues"};
inline constexpr QLatin1String kFieldCount{"fieldCount"};
inline constexpr QLatin1String kGreaterThan{"greaterThan"};
inline constexpr QLatin1String kGreaterThanField{"greaterThanField"};
inline constexpr QLatin1String kIsCreditCard{"isCreditCard"};
inline constexpr QLatin1String kIsType{"isType"};
inline constexpr QLatin1String kLessThan{"lessThan"};
inline constexpr QLatin1String kLessThanField{"lessThanField"};
inline constexpr QLatin1String kMatchesPattern{"matchesPattern"};
inline constexpr QLatin1String kMaxLength{"maxLength"};
inline constexpr QLatin1String kMaxPartitionSize{"maxPartitionSize"};
inline constexpr QLatin1String kMaxValue{"maxValue"};
inline constexpr QLatin1String kMinLength{"minLength"};
inline constexpr QLatin1String kMinPartitionSize{"minPartitionSize"};
inline constexpr QLatin1String kMinValue{"minValue"};
inline constexpr QLatin1String kNotExistsIn{"notExistsIn"};
inline constexpr QLatin1String kNotFuture{"notFuture"};
inline constexpr QLatin1String kNotNegative{"notNegative"};
inline constexpr QLatin1String kNotNull{"notNull"};
inline constexpr QLatin1String kPositive{"positive"};
inline constexpr QLatin1String kPredictedBy{"predictedBy"};
inline constexpr QLatin1String kRequiredValues{"requiredValues"};
inline constexpr QLatin1String kSatisfiesExpression{"satisfiesExpression"};
inline constexpr QLatin1String kSum{"sum"};
inline constexpr QLatin1String kTimeDistributionSize{"timeDistributionSize"};
inline constexpr QLatin1String kUnique{"unique"};
} // namespace rule_name

namespace rule_key {
inline constexpr QLatin1String kAllowOtherFields{"allow_other_fields"};
inline constexpr QLatin1String kBaseline{"baseline"};
inline constexpr QLatin1String kBaselineRecords{"baseline_records"};
inline constexpr QLatin1String kDateTime{"datetime"};
inline constexpr QLatin1String kExpression{"expression"};
inline constexpr QLatin1String kFieldName{"field_name"};
inline constexpr QLatin1String kFieldType{"field_type"};
inline constexpr QLatin1String kInclusive{"inclusive"};
inline constexpr QLatin1String kInclusiveMax{"inclusive_max"};
inline constexpr QLatin1String kInclusiveMin{"inclusive_min"};
inline constexpr QLatin1String kIntervalName{"interval_name"};
inline constexpr QLatin1String kList{"list"};
inline constexpr QLatin1String kMax{"max"};
inline constexpr QLatin1String kMaxShift{"max_shift"};
inline constexpr QLatin1String kMaxSize{"max_size"};
inline constexpr QLatin1String kMaxTime{"max_time"};
inline constexpr QLatin1String kMin{"min"};
inline constexpr QLatin1String kMinSize{"min_size"};
inline constexpr QLatin1String kMinTime{"min_time"};
inline constexpr QLatin1String kPattern{"pattern"};
inline constexpr QLatin1String kRefContainerId{"ref_container_id"};
// Not stored: the reference container's name, which a scan adds to the copy of a check its
// anomaly messages read, so those of existsIn, notExistsIn and aggregationComparison name the
// table.
inline constexpr QLatin1String kRefContainerName{"ref_container_name"};
inline constexpr QLatin1String kRefDatastoreId{"ref_datastore_id"};
inline constexpr QLatin1String kRefExpression{"ref_expression"};
inline constexpr QLatin1String kRefFilter{"ref_filter"};
inline constexpr QLatin1String kTolerance{"tolerance"};
inline constexpr QLatin1String kValue{"value"};
} // namespace rule_key

// The rules that judge a container against its own history (app/monitoring), their
// properties and the values their choices take (stored data, the same in every language).
namespace rule_name {
inline constexpr QLatin1String kFreshness{"freshness"};
inline constexpr QLatin1String kMetric{"metric"};
inline constexpr QLatin1String kVolumetric{"volumetric"};
} // namespace rule_name

namespace rule_key {
inline constexpr QLatin1String kAggregate{"aggregate"};
inline constexpr QLatin1String kComparison{"comparison"};
inline constexpr QLatin1String kMaximumAge{"maximum_age"};
inline constexpr QLatin1String kMeasure{"measure"};
inline constexpr QLatin1String kPeriodDays{"period_days"};
inline constexpr QLatin1String kThresholds{"thresholds"};
inline constexpr QLatin1String kUnit{"unit"};
} // namespace rule_key

namespace rule_choice {
// thresholds: learned from the history, or the check's own min / max (maximum age).
inline constexpr QLatin1String kAutomatic{"Automatic"};
inline constexpr QLatin1String kFixed{"Fixed"};
// comparison: what is compared with the thresholds.
inline constexpr QLatin1String kAbsoluteValue{"Absolute Value"};
inline constexpr QLatin1String kAbsoluteChange{"Absolute Change"};
inline constexpr QLatin1String kPercentageChange{"Percentage Change"};
// measure (volumetric)
inline constexpr QLatin1String kRecords{"Records"};
inline constexpr QLatin1String kBytes{"Bytes"};
// unit (freshness)
inline constexpr QLatin1String kMinutes{"Minutes"};
inline constexpr QLatin1String kHours{"Hours"};
inline constexpr QLatin1String kDays{"Days"};
// aggregate (metric)
inline constexpr QLatin1String kSum{"Sum"};
inline constexpr QLatin1String kAverage{"Average"};
inline constexpr QLatin1String kMinimum{"Minimum"};
inline constexpr QLatin1String kMaximum{"Maximum"};
inline constexpr QLatin1String kDistinctCount{"Distinct Count"};
} // namespace rule_choice

} // namespace assay
