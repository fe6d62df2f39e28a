// timeDistributionSize: records per period of a date or timestamp (reference spec 4:
// interval_name, min_size, max_size). Periods without records are not seen: a gap is not a
// period of 0.
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

bool absent(const QJsonValue &v)
{
    return v.isUndefined() || v.isNull();
}

class TimeDistributionSizeRule : public Rule
{
public:
    TimeDistributionSizeRule() : Rule(makeSpec()) {}

    // Records per period; the periods whose count is out of bounds fail with their records.
    void compile(RuleSql &s, CompiledCheck &out) const override
    {
        out.form = CheckForm::Grouped;
        const QString period = s.prop(key::kIntervalName).toString();
        const QString bucket = s.dialect().timeBucket(s.dialect().quote(s.field()), period);
        if (bucket.isEmpty())
            s.fail(T::tr("Time Distribution Size by %1 periods is not available on %2.")
                       .arg(period, s.dialect().name()));
        QList<SqlFragment> outside;
        if (!s.prop(key::kMinSize).isNull())
            outside << fmt(QStringLiteral("n < %1"), {bound(qint64(s.number(key::kMinSize)))});
        if (!s.prop(key::kMaxSize).isNull())
            outside << fmt(QStringLiteral("n > %1"), {bound(qint64(s.number(key::kMaxSize)))});
        if (outside.isEmpty())
            outside << raw(QStringLiteral("1=0"));
        const SqlFragment g = sourceRelation(s.context(), QStringLiteral("assay_g"));
        // Then the first and the last period out of bounds, so the message names them.
        out.groupedCount = fmt(
            QStringLiteral("SELECT COALESCE(SUM(n), 0), COALESCE(SUM(CASE WHEN %1 THEN n ELSE 0 "
                           "END), 0), COALESCE(SUM(CASE WHEN %1 THEN 1 ELSE 0 END), 0), "
                           "MIN(CASE WHEN %1 THEN p END), MAX(CASE WHEN %1 THEN p END) FROM "
                           "(SELECT COUNT(*) AS n, %4 AS p FROM %2 WHERE %3 GROUP BY %4) "
                           "assay_periods"),
            {join(outside, QStringLiteral(" OR ")), g, out.asserted, raw(bucket)});
        // The records of the failing periods are the anomaly's source rows, oldest first.
        out.failingRecords =
            fmt(QStringLiteral("SELECT {row} FROM %1 WHERE %2 AND %3 IN (SELECT p FROM (SELECT "
                               "COUNT(*) AS n, %3 AS p FROM %4 WHERE %2 GROUP BY %3) assay_periods "
                               "WHERE %5) ORDER BY %6"),
                {sourceRelation(s.context()), out.asserted, raw(bucket), g,
                 join(outside, QStringLiteral(" OR ")), raw(s.dialect().quote(s.field()))});
    }

    QString validate(const Check &check) const override
    {
        const QJsonValue min = check.properties.value(key::kMinSize);
        const QJsonValue max = check.properties.value(key::kMaxSize);
        if (!isNumber(min) && !isNumber(max))
            return T::tr("%1 needs a fewest or a most number of records.").arg(spec().title);
        if (isNumber(min) && isNumber(max) &&
            min.toVariant().toDouble() > max.toVariant().toDouble())
            return T::tr("The fewest records are more than the most.");
        return QString();
    }

    QString figureMessage(const Check &c, const CheckCount &count) const override
    {
        const QJsonValue min = c.properties.value(key::kMinSize);
        const QJsonValue max = c.properties.value(key::kMaxSize);
        const QString bounds =
            absent(min)   ? T::tr("more than %1").arg(value(max))
            : absent(max) ? T::tr("fewer than %1").arg(value(min))
                          : T::tr("fewer than %1 or more than %2").arg(value(min), value(max));
        const qint64 periods = count.observed.toLongLong();
        // Spelled out: a %n plural needs a loaded translation, even for English.
        QString message =
            (periods == 1 ? T::tr("In %1, %2 %3 period holds %4 records (%5 records).")
                          : T::tr("In %1, %2 %3 periods hold %4 records (%5 records "
                                  "in them)."))
                .arg(c.fields.join(QStringLiteral(", ")))
                .arg(periods)
                .arg(c.properties.value(key::kIntervalName).toString().toLower(), bounds)
                .arg(count.failing);
        // The periods themselves: the first and the last out of bounds.
        const QString first = count.details.value(0), last = count.details.value(1);
        if (!first.isEmpty())
            message += QLatin1Char(' ') + (first == last || last.isEmpty()
                                               ? T::tr("The period: %1.").arg(first)
                                               : T::tr("From %1 to %2.").arg(first, last));
        return message;
    }

private:
    static RuleSpec makeSpec()
    {
        RuleSpec spec = shapeOnly(single(
            rule_name::kTimeDistributionSize, T::tr("Time Distribution Size"),
            T::tr("Each period (hour, day, week or month) holds between a minimum and a maximum "
                  "number of records."),
            kTimeTypes,
            {property(key::kIntervalName, P::Interval, true, T::tr("Period"),
                      QStringLiteral("Daily")),
             property(key::kMinSize, P::Integer, false, T::tr("Fewest records")),
             property(key::kMaxSize, P::Integer, false, T::tr("Most records"))},
            "Timeliness"));
        spec.category = QStringLiteral("metadata");
        return spec;
    }
};

} // namespace

std::unique_ptr<Rule> TimeDistributionSize()
{
    return std::make_unique<TimeDistributionSizeRule>();
}

} // namespace assay::rules::make
