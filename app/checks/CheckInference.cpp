#include "app/checks/CheckInference.h"

#include "app/checks/CheckInferenceSupport.h"
#include "app/checks/RuleNames.h"
#include "app/connectors/FieldTypes.h"
#include "app/engine/profile/ProfileQueries.h"
#include "models/domain/Clock.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <algorithm>
#include <cmath>

// Levels 1, 2, 3 and 5: what one container's own profiles say about its fields.
namespace assay::inference {

namespace {

struct InferenceText
{
    Q_DECLARE_TR_FUNCTIONS(assay::CheckInference)
};
using Tx = InferenceText;

// Field pairs (level 3): the first fields of each kind, and at most this many pairs.
constexpr int kMaxPairFields = 8;
constexpr int kMaxPairs = 40;

// What inference knows of one field: its family (from the declared type, as the compiler
// reads it) and its profile's figures.
struct Facts
{
    QString name;
    TypeFamily family = TypeFamily::Other;
    const FieldProfile *profile = nullptr;
    qint64 records = 0;
    qint64 nonNull = 0;
    std::optional<double> min, max; // numeric fields
    QDateTime minTime, maxTime;     // date and timestamp fields

    bool numeric() const
    {
        return family == TypeFamily::Integral || family == TypeFamily::Fractional;
    }
    bool temporal() const { return isDateTimeFamily(family); }
    bool enoughValues() const { return nonNull >= kMinEvidence; }
    bool hasRange() const
    {
        return numeric() ? min && max : minTime.isValid() && maxTime.isValid();
    }
};

QList<Facts> factsOf(const InferenceSubject &subject)
{
    QList<Facts> out;
    for (const Field &f : subject.fields) {
        const FieldProfile *profile = nullptr;
        for (const FieldProfile &p : subject.profiles)
            if ((p.fieldId && p.fieldId == f.id) || (!p.fieldId && p.fieldName == f.name))
                profile = &p;
        if (!profile || profile->records <= 0)
            continue;
        Facts x;
        x.name = f.name;
        x.family = fieldFamily(f);
        x.profile = profile;
        x.records = profile->records;
        x.nonNull = qRound64(profile->completeness * double(profile->records));
        if (x.numeric()) {
            x.min = number(profile->minValue);
            x.max = number(profile->maxValue);
        } else if (x.temporal()) {
            x.minTime = moment(profile->minValue);
            x.maxTime = moment(profile->maxValue);
        }
        out << x;
    }
    return out;
}

QJsonValue numberJson(double v)
{
    return QJsonValue(v);
}

// Whether the profile saw every distinct value (or, from a sample, few enough to list).
bool distinctSetKnown(const FieldProfile &p)
{
    const int seen = int(p.histogram.size());
    if (seen == 0 || seen > kMaxExpectedValues)
        return false;
    if (!p.distinctApproximate)
        return p.distinctValues == seen;
    // From a sample: it held fewer values than the top list, and the distinct estimate (over
    // every record where the database measured it, else from the sample's singletons) finds
    // no value the sample missed.
    return seen < profile_sql::kTopValues && p.distinctValues <= seen;
}

// Whether the profile says no two non-null values repeat.
bool looksUnique(const Facts &x)
{
    const FieldProfile &p = *x.profile;
    if (!p.distinctApproximate)
        return p.distinctValues == x.nonNull;
    // From a sample: nearly every sampled value distinct; the grouped holdout decides.
    return double(p.distinctValues) >= 0.95 * double(qMin(x.nonNull, profile_sql::kSampleRows));
}

QStringList sortedValues(const QJsonArray &histogram, int count, bool numeric)
{
    QStringList values;
    for (int i = 0; i < count && i < histogram.size(); ++i)
        values << histogram.at(i).toObject().value(QStringLiteral("value")).toString();
    std::sort(values.begin(), values.end(), [numeric](const QString &a, const QString &b) {
        if (numeric)
            return a.toDouble() < b.toDouble();
        return a < b;
    });
    return values;
}

class Proposer
{
public:
    Proposer(const InferenceSubject &subject, const InferenceSettings &settings)
        : m_subject(subject), m_level(settings.level), m_now(Clock::utcNow())
    {
    }

    QList<InferenceCandidate> run()
    {
        if (m_level <= 0)
            return {};
        const QList<Facts> facts = factsOf(m_subject);
        for (const Facts &x : facts)
            single(x);
        anyNotNull(facts);
        if (m_level >= 3)
            pairs(facts);
        return m_out;
    }

private:
    Check make(const QString &rule, const QStringList &fields, const QJsonObject &properties,
               int level, const QString &description) const
    {
        Check c;
        c.datastoreId = m_subject.container.datastoreId;
        c.containerId = m_subject.container.id;
        c.containerName = m_subject.container.name;
        c.rule = rule;
        c.fields = fields;
        c.properties = properties;
        c.description = description;
        c.inferred = true;
        c.inferenceLevel = level;
        return c;
    }

    void add(QList<Check> alternatives, bool shapeable = false)
    {
        m_out << InferenceCandidate{std::move(alternatives), shapeable && m_level >= 5};
    }

    void single(const Facts &x)
    {
        const FieldProfile &p = *x.profile;
        // Level 1 (5: shape when nearly complete).
        if (p.completeness >= 1.0 || (m_level >= 5 && p.completeness >= 0.9))
            add({make(rule_name::kNotNull, {x.name}, {}, 1,
                      Tx::tr("%1 always has a value.").arg(x.name))},
                true);
        if (!x.enoughValues())
            return;
        const bool listable =
            (x.family == TypeFamily::String || x.family == TypeFamily::Integral) &&
            distinctSetKnown(p) && x.nonNull >= 2 * qint64(p.histogram.size());
        if (listable) {
            const QStringList values = sortedValues(p.histogram, int(p.histogram.size()),
                                                    x.family == TypeFamily::Integral);
            add({make(rule_name::kExpectedValues, {x.name},
                      {{rule_key::kList, QJsonArray::fromStringList(values)}}, 1,
                      Tx::tr("%1 takes one of %n known value(s).", nullptr, int(values.size()))
                          .arg(x.name))},
                true);
        } else if (m_level >= 5 &&
                   (x.family == TypeFamily::String || x.family == TypeFamily::Integral)) {
            expectedValuesShape(x);
        }
        if (x.numeric() && x.min && *x.min >= 0)
            add({make(rule_name::kNotNegative, {x.name}, {}, 1,
                      Tx::tr("%1 is never negative.").arg(x.name))});
        if (x.temporal() && x.maxTime.isValid() && x.maxTime <= m_now)
            add({make(rule_name::kNotFuture, {x.name}, {}, 1,
                      Tx::tr("%1 is never in the future.").arg(x.name))});
        if (m_level < 2)
            return;

        // Level 2.
        if (x.temporal() && x.hasRange()) {
            const TimeRange r = widenedTimeRange(x.minTime, x.maxTime);
            const bool date = x.family == TypeFamily::Date;
            const QString lo = momentText(r.min, date), hi = momentText(r.max, date);
            add({make(rule_name::kBetweenTimes, {x.name},
                      {{rule_key::kMinTime, lo}, {rule_key::kMaxTime, hi}}, 2,
                      Tx::tr("%1 lies between %2 and %3.").arg(x.name, lo, hi))});
        }
        if (x.numeric() && x.hasRange()) {
            const Range r = widenedRange(*x.min, *x.max, x.family == TypeFamily::Integral);
            add({make(rule_name::kBetween, {x.name},
                      {{rule_key::kMin, numberJson(r.min)},
                       {rule_key::kMax, numberJson(r.max)},
                       {rule_key::kInclusiveMin, true},
                       {rule_key::kInclusiveMax, true}},
                      2,
                      Tx::tr("%1 lies between %2 and %3.")
                          .arg(x.name, QString::number(r.min), QString::number(r.max)))});
        }
        if (x.family == TypeFamily::String && !listable)
            pattern(x);
        if (x.family != TypeFamily::Boolean && x.family != TypeFamily::Fractional &&
            x.family != TypeFamily::Other && looksUnique(x))
            add({make(rule_name::kUnique, {x.name}, {}, 2,
                      Tx::tr("No two records share a value of %1.").arg(x.name))});
        if (m_level < 3)
            return;

        // Level 3: coarse one-sided bounds (the year, the leading digit).
        if (x.temporal() && x.hasRange()) {
            const bool date = x.family == TypeFamily::Date;
            QDateTime floor(QDate(x.minTime.date().year(), 1, 1), QTime(0, 0), Qt::UTC);
            if (floor >= x.minTime)
                floor = floor.addYears(-1);
            const QDateTime ceiling(QDate(x.maxTime.date().year() + 1, 1, 1), QTime(0, 0), Qt::UTC);
            add({make(rule_name::kAfterDateTime, {x.name},
                      {{rule_key::kDateTime, momentText(floor, date)}}, 3,
                      Tx::tr("%1 is after %2.").arg(x.name, momentText(floor, date)))});
            add({make(rule_name::kBeforeDateTime, {x.name},
                      {{rule_key::kDateTime, momentText(ceiling, date)}}, 3,
                      Tx::tr("%1 is before %2.").arg(x.name, momentText(ceiling, date)))});
        }
        if (x.temporal() && x.hasRange())
            timeDistribution(x);
        if (x.numeric() && x.hasRange()) {
            const double low = leadingDigitFloor(*x.min);
            // Zero or more is notNegative's job; a positive minimum gives "more than 0".
            if (low != 0 || *x.min > 0) {
                const bool strict = low == 0;
                add({make(rule_name::kGreaterThan, {x.name},
                          {{rule_key::kValue, numberJson(low)}, {rule_key::kInclusive, !strict}}, 3,
                          (strict ? Tx::tr("%1 is more than %2.") : Tx::tr("%1 is at least %2."))
                              .arg(x.name, QString::number(low)))});
            }
            const double high = leadingDigitCeil(*x.max);
            add({make(rule_name::kLessThan, {x.name},
                      {{rule_key::kValue, numberJson(high)}, {rule_key::kInclusive, true}}, 3,
                      Tx::tr("%1 is at most %2.").arg(x.name, QString::number(high)))});
        }
    }

    // Level 3: records per period, with the coarsest period that still gives several of them
    // (its bounds are measured on the data: measureTimeDistributions).
    void timeDistribution(const Facts &x)
    {
        const qint64 hours = x.minTime.secsTo(x.maxTime) / 3600;
        const QString period = hours >= 180 * 24  ? QStringLiteral("Monthly")
                               : hours >= 42 * 24 ? QStringLiteral("Weekly")
                               : hours >= 6 * 24  ? QStringLiteral("Daily")
                               : hours >= 6       ? QStringLiteral("Hourly")
                                                  : QString();
        if (period.isEmpty())
            return;
        add({make(rule_name::kTimeDistributionSize, {x.name}, {{rule_key::kIntervalName, period}},
                  3,
                  Tx::tr("Each %1 period of %2 holds a usual number of records.")
                      .arg(period.toLower(), x.name))});
    }

    // Level 5: the few values that make up most of a field's records.
    void expectedValuesShape(const Facts &x)
    {
        const QJsonArray &h = x.profile->histogram;
        double share = 0;
        int n = 0;
        for (; n < h.size() && share < 0.9; ++n) {
            const QJsonValue ratio = h.at(n).toObject().value(QStringLiteral("ratio"));
            if (!ratio.isDouble())
                return; // counted from a sample: no share to go by
            share += ratio.toDouble();
        }
        if (share < 0.9 || n == 0 || 2 * qint64(n) > x.nonNull)
            return;
        const QStringList values = sortedValues(h, n, x.family == TypeFamily::Integral);
        add({make(rule_name::kExpectedValues, {x.name},
                  {{rule_key::kList, QJsonArray::fromStringList(values)}}, 5,
                  Tx::tr("%1 mostly takes one of %n value(s).", nullptr, n).arg(x.name))},
            true);
    }

    // Level 2 (5: the shape most values share).
    void pattern(const Facts &x)
    {
        const auto derived = derivePattern(x.profile->histogram);
        if (!derived || derived->distinct < 5)
            return;
        const bool all = derived->share >= 1.0 - 1e-9;
        if (!all && (m_level < 5 || derived->share < kMinShapeCoverage))
            return;
        const int level = all ? 2 : 5;
        QList<Check> alternatives;
        for (const QString &regex : {derived->strict, derived->loose})
            alternatives << make(rule_name::kMatchesPattern, {x.name},
                                 {{rule_key::kPattern, regex}}, level,
                                 Tx::tr("%1 matches %2.").arg(x.name, regex));
        add(alternatives, true);
    }

    // Level 1: the fields that are each sometimes empty but never all at once.
    void anyNotNull(const QList<Facts> &facts)
    {
        QStringList group;
        double filled = 0;
        for (const Facts &x : facts)
            if (x.profile->completeness > 0 && x.profile->completeness < 1 && group.size() < 8) {
                group << x.name;
                filled += x.profile->completeness;
            }
        // Every record needs one value among them: together they must fill at least 100%.
        if (group.size() < 2 || filled < 1.0 - 1e-9)
            return;
        add({make(
            rule_name::kAnyNotNull, group, {}, 1,
            Tx::tr("At least one of %1 has a value.").arg(group.join(QStringLiteral(", "))))});
    }

    // Level 3: per record relations between two fields of the same kind whose ranges overlap
    // (when they do not, the relation follows from their bounds and says nothing new).
    void pairs(const QList<Facts> &facts)
    {
        QList<QList<const Facts *>> groups(3);
        for (const Facts &x : facts) {
            if (!x.enoughValues() || !x.hasRange() || x.profile->distinctValues < 2)
                continue;
            const int g = x.numeric() ? 0 : x.family == TypeFamily::Date ? 1 : 2;
            if ((x.numeric() || x.temporal()) && groups[g].size() < kMaxPairFields)
                groups[g] << &x;
        }
        int proposed = 0; // each pair costs five alternatives in the holdout
        for (const auto &group : groups)
            for (int i = 0; i < group.size(); ++i)
                for (int j = i + 1; j < group.size() && proposed < kMaxPairs; ++j)
                    proposed += pair(*group.at(i), *group.at(j)) ? 1 : 0;
    }

    bool pair(const Facts &a, const Facts &b)
    {
        const bool overlap = a.numeric() ? qMax(*a.min, *b.min) <= qMin(*a.max, *b.max)
                                         : qMax(a.minTime, b.minTime) <= qMin(a.maxTime, b.maxTime);
        if (!overlap)
            return false;
        const QString f = rule_key::kFieldName, inc = rule_key::kInclusive;
        const QString greater = rule_name::kGreaterThanField, less = rule_name::kLessThanField;
        add({make(rule_name::kEqualToField, {a.name}, {{f, b.name}}, 3,
                  Tx::tr("%1 equals %2.").arg(a.name, b.name)),
             make(greater, {a.name}, {{f, b.name}, {inc, false}}, 3,
                  Tx::tr("%1 is greater than %2.").arg(a.name, b.name)),
             make(greater, {a.name}, {{f, b.name}, {inc, true}}, 3,
                  Tx::tr("%1 is at least %2.").arg(a.name, b.name)),
             make(less, {a.name}, {{f, b.name}, {inc, false}}, 3,
                  Tx::tr("%1 is less than %2.").arg(a.name, b.name)),
             make(less, {a.name}, {{f, b.name}, {inc, true}}, 3,
                  Tx::tr("%1 is at most %2.").arg(a.name, b.name))});
        return true;
    }

    const InferenceSubject &m_subject;
    int m_level;
    QDateTime m_now;
    QList<InferenceCandidate> m_out;
};

} // namespace

QList<InferenceCandidate> proposeChecks(const InferenceSubject &subject,
                                        const InferenceSettings &settings)
{
    return Proposer(subject, settings).run();
}

double shapeCoverage(double passRatio)
{
    const double coverage = std::floor((passRatio - 0.01) * 20.0 + 1e-9) / 20.0;
    return coverage >= kMinShapeCoverage && coverage < 1.0 ? coverage : 0.0;
}

} // namespace assay::inference
