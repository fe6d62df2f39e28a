// Dates and timestamps against moments: afterDateTime, beforeDateTime, betweenTimes, notFuture.
#include "app/checks/CheckSqlText.h"
#include "app/checks/Rule.h"
#include "app/checks/RuleSql.h"

namespace assay::rules::make {

using namespace check_sql;
namespace key = rule_key;
using P = PropertyType;
using T = RuleText;

std::unique_ptr<Rule> AfterDateTime()
{
    return std::make_unique<RecordRule>(
        single(rule_name::kAfterDateTime, T::tr("After Date Time"),
               T::tr("Values are later than a date and time."), kTimeTypes,
               {property(key::kDateTime, P::DateTime, true, T::tr("Date and time"))}, "Precision"),
        [](RuleSql &s) {
            return fmt(QStringLiteral("%1 > %2"), {s.time(s.field()), s.timeParam(key::kDateTime)});
        },
        [](const Check &c, bool plural) {
            return pick(plural, T::tr("is not after %1"), T::tr("are not after %1"))
                .arg(propertyOf(c, key::kDateTime).toString());
        });
}

std::unique_ptr<Rule> BeforeDateTime()
{
    return std::make_unique<RecordRule>(
        single(rule_name::kBeforeDateTime, T::tr("Before Date Time"),
               T::tr("Values are earlier than a date and time."), kTimeTypes,
               {property(key::kDateTime, P::DateTime, true, T::tr("Date and time"))}, "Precision"),
        [](RuleSql &s) {
            return fmt(QStringLiteral("%1 < %2"), {s.time(s.field()), s.timeParam(key::kDateTime)});
        },
        [](const Check &c, bool plural) {
            return pick(plural, T::tr("is not before %1"), T::tr("are not before %1"))
                .arg(propertyOf(c, key::kDateTime).toString());
        });
}

std::unique_ptr<Rule> BetweenTimes()
{
    return std::make_unique<RecordRule>(
        single(rule_name::kBetweenTimes, T::tr("Between Times"),
               T::tr("Dates or timestamps lie between two moments."), kTimeTypes,
               {property(key::kMinTime, P::DateTime, true, T::tr("Earliest")),
                property(key::kMaxTime, P::DateTime, true, T::tr("Latest"))},
               "Precision"),
        [](RuleSql &s) {
            return fmt(QStringLiteral("%1 >= %2 AND %1 <= %3"),
                       {s.time(s.field()), s.timeParam(key::kMinTime), s.timeParam(key::kMaxTime)});
        },
        [](const Check &c, bool plural) {
            return pick(plural, T::tr("is not between %1 and %2"),
                        T::tr("are not between %1 and %2"))
                .arg(propertyOf(c, key::kMinTime).toString(),
                     propertyOf(c, key::kMaxTime).toString());
        });
}

std::unique_ptr<Rule> NotFuture()
{
    return std::make_unique<RecordRule>(
        single(rule_name::kNotFuture, T::tr("Not Future"),
               T::tr("Dates and timestamps are not later than now."), kTimeTypes, {}, "Precision"),
        [](RuleSql &s) {
            return fmt(QStringLiteral("%1 <= %2"), {s.time(s.field()), s.now()});
        },
        [](const Check &, bool plural) {
            return pick(plural, T::tr("is in the future"), T::tr("are in the future"));
        });
}

} // namespace assay::rules::make
