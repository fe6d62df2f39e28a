// predictedBy: values lie within a tolerance of what a SQL expression over the same record
// predicts. The expression is a person's SQL, bound like satisfiesExpression's ({{variables}}
// as values, never spliced); a record whose prediction is NULL fails, as a NULL expression does
// there.
#include "app/checks/AnomalyMessages.h"
#include "app/checks/CheckSqlText.h"
#include "app/checks/Rule.h"
#include "app/checks/RuleSql.h"

namespace assay::rules::make {

using namespace check_sql;
using anomaly_messages::threshold;
namespace key = rule_key;
using Family = SqlDialect::Family;
using P = PropertyType;
using T = RuleText;

namespace {

class PredictedByRule : public Rule
{
public:
    PredictedByRule() : Rule(makeSpec()) {}

    SqlFragment passing(RuleSql &s) const override
    {
        const QString f = s.field();
        const SqlFragment prediction =
            fmt(QStringLiteral("(%1)"), {s.userPart(s.prop(key::kExpression).toString())});
        const SqlFragment tolerance = s.num(bound(s.number(key::kTolerance)));
        if (s.isTime(f)) {
            const SqlFragment seconds = secondsBetween(s, prediction);
            if (seconds.isEmpty())
                return {};
            return fmt(QStringLiteral("ABS(%1) <= %2"), {seconds, tolerance});
        }
        // Compared as doubles, with room for their rounding (0.1 + 0.2 is not 0.3 there).
        const SqlFragment actual = s.num(s.numeric(f));
        return fmt(QStringLiteral("ABS(%1 - %2) <= %3 + 0.000000001 * (1 + ABS(%1))"),
                   {actual, s.num(prediction), tolerance});
    }

    QString validate(const Check &c) const override
    {
        if (numberOf(c, key::kTolerance) < 0)
            return T::tr("The tolerance of %1 is a distance: 0 or more.").arg(spec().title);
        return QString();
    }

    QString violation(const Check &c, bool plural) const override
    {
        const QString expression = propertyOf(c, key::kExpression).toString();
        const double tolerance = numberOf(c, key::kTolerance);
        if (tolerance == 0)
            return pick(plural, T::tr("does not equal its prediction %1"),
                        T::tr("do not equal their prediction %1"))
                .arg(expression);
        return pick(plural, T::tr("is not within ±%1 of its prediction %2"),
                    T::tr("are not within ±%1 of their prediction %2"))
            .arg(threshold(tolerance), expression);
    }

private:
    // The field minus the prediction, in seconds, as each dialect subtracts moments (exactly
    // where it can: to the microsecond on MySQL, the millisecond on SQL Server and Snowflake).
    SqlFragment secondsBetween(RuleSql &s, const SqlFragment &prediction) const
    {
        const QString f = s.field();
        const SqlFragment field = s.column(f);
        switch (s.dialect().family()) {
        case Family::SQLite: // julianday() is a double: rounded to the millisecond
            return fmt(QStringLiteral("ROUND((%1 - julianday(%2)) * 86400, 3)"),
                       {s.time(f), prediction});
        case Family::PostgreSQL: {
            // date - date is a number of days, not an interval: a date field is read as a
            // timestamp (timestamptz - timestamptz stays exact across changes of the clock).
            // 'infinity' cannot be subtracted: it is NULL here, so it fails instead of the pass.
            const SqlFragment moment = s.family(f) == TypeFamily::Date
                                           ? fmt(QStringLiteral("CAST(%1 AS TIMESTAMP)"), {field})
                                           : field;
            return fmt(QStringLiteral("EXTRACT(EPOCH FROM (CASE WHEN isfinite(%1) THEN %2 END - "
                                      "%3))"),
                       {field, moment, prediction});
        }
        case Family::MySQL:
            return fmt(QStringLiteral("TIMESTAMPDIFF(MICROSECOND, %1, %2) * 0.000001"),
                       {prediction, field});
        case Family::SqlServer:
            return fmt(QStringLiteral("DATEDIFF_BIG(MILLISECOND, %1, %2) * 0.001"),
                       {prediction, field});
        case Family::Redshift:
        case Family::Snowflake:
            return fmt(QStringLiteral("DATEDIFF(millisecond, %1, %2) * 0.001"),
                       {prediction, field});
        case Family::DuckDB:
            return fmt(QStringLiteral("date_diff('millisecond', CAST(%1 AS TIMESTAMP), CAST(%2 "
                                      "AS TIMESTAMP)) * 0.001"),
                       {prediction, field});
        case Family::Oracle: // DATE arithmetic: days, to the second
            return fmt(QStringLiteral("(CAST(%1 AS DATE) - CAST(%2 AS DATE)) * 86400"),
                       {field, prediction});
        case Family::Generic:
            break;
        }
        s.fail(T::tr("%1 measures dates and times in seconds, which Assay cannot spell on %2 "
                     "sources; predict a number, or use Satisfies Expression.")
                   .arg(spec().title, s.dialect().name()));
        return {};
    }

    static RuleSpec makeSpec()
    {
        return single(
            rule_name::kPredictedBy, T::tr("Predicted By"),
            T::tr("Values lie within a tolerance of what a SQL expression over the record "
                  "predicts (dates and times: a tolerance in seconds)."),
            {TypeFamily::Integral, TypeFamily::Fractional, TypeFamily::Date, TypeFamily::Timestamp},
            {property(key::kExpression, P::Expression, true, T::tr("Prediction")),
             property(key::kTolerance, P::Number, false, T::tr("Tolerance (±; seconds for times)"),
                      0)},
            "Precision");
    }
};

} // namespace

std::unique_ptr<Rule> PredictedBy()
{
    return std::make_unique<PredictedByRule>();
}

} // namespace assay::rules::make
