#include "app/checks/CheckInference.h"

#include "app/checks/CheckInferenceFormats.h"
#include "app/checks/CheckInferenceSupport.h"
#include "app/checks/RuleNames.h"
#include "app/checks/rules/DistributionShift.h"
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
// Two ranges that share less than this part of the narrower one order the fields by
// themselves: a relation between such fields says nothing about the records.
constexpr double kMinPairOverlap = 0.25;
// Beyond this many distinct values an integral field is a measure whose tails a fresh draw
// reaches further along (its bounds widen to the mean's distance); below, a small set such as
// quantities or ratings whose extremes are already seen.
constexpr qint64 kManyValues = 100;

// What inference knows of one field: its family (from the declared type, as the compiler
// reads it) and its profile's figures.
struct Facts
{
    QString name;
    QString declaredType;
    TypeFamily family = TypeFamily::Other;
    const FieldProfile *profile = nullptr;
    qint64 records = 0;
    qint64 nonNull = 0;
    std::optional<double> min, max; // numeric fields
    QDateTime minTime, maxTime;     // date and timestamp fields
    bool keyOrCode = false;         // names a record or a code (keyLikeName), or a sequence
    bool sequence = false;          // unique whole numbers filling their range: a key that grows

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

// Whether the profile says no two non-null values repeat.
bool looksUnique(const Facts &x)
{
    const FieldProfile &p = *x.profile;
    if (!p.distinctApproximate)
        return p.distinctValues == x.nonNull;
    // From a sample: nearly every sampled value distinct; the grouped holdout decides.
    return double(p.distinctValues) >= 0.95 * double(qMin(x.nonNull, profile_sql::kSampleRows));
}

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
        x.declaredType = f.declaredType.trimmed().toLower();
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
        // Whole numbers, each once, filling most of their range: a sequence's keys.
        x.sequence = x.family == TypeFamily::Integral && x.hasRange() && x.nonNull > 0 &&
                     looksUnique(x) && *x.max - *x.min + 1 <= 2.0 * double(x.nonNull);
        x.keyOrCode = x.sequence || keyLikeName(f.name);
        out << x;
    }
    return out;
}

QJsonValue numberJson(double v)
{
    return QJsonValue(v);
}

QString numberText(double v)
{
    return QString::number(v, 'g', 15);
}

// Whether the profile saw every one of a few distinct values: a category, for which a pattern
// or a length says nothing its list does not.
bool smallKnownSet(const FieldProfile &p)
{
    const int seen = int(p.histogram.size());
    return seen > 0 && seen < profile_sql::kTopValues && p.distinctValues <= seen;
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
        monitoring();
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
        valueList(x);
        if (x.numeric() && x.min)
            sign(x);
        if (x.temporal() && x.maxTime.isValid() && x.maxTime <= m_now)
            add({make(rule_name::kNotFuture, {x.name}, {}, 1,
                      Tx::tr("%1 is never in the future.").arg(x.name))});
        if (m_level < 2)
            return;

        // Level 2.
        if (x.temporal() && x.hasRange())
            timeBounds(x);
        if (x.numeric() && x.hasRange() && !x.keyOrCode)
            numberBounds(x);
        // Text that holds numbers or dates: its type says more than its length or shape.
        const QString textType =
            x.family == TypeFamily::String ? textTypeOf(p.histogram) : QString();
        if (!textType.isEmpty())
            add({make(rule_name::kIsType, {x.name}, {{rule_key::kFieldType, textType}}, 2,
                      Tx::tr("%1 holds %2 values written as text.").arg(x.name, textType))},
                true);
        else if (x.family == TypeFamily::String && !smallKnownSet(p)) {
            lengths(x);
            pattern(x);
        }
        // Dates, timestamps and decimals repeat in a fresh draw even when they did not in this
        // one, written as text or not.
        const bool measureAsText = textType == QLatin1String("date") ||
                                   textType == QLatin1String("timestamp") ||
                                   textType == QLatin1String("fractional");
        if (x.family != TypeFamily::Boolean && x.family != TypeFamily::Fractional &&
            x.family != TypeFamily::Other && !x.temporal() && !measureAsText && looksUnique(x))
            add({make(rule_name::kUnique, {x.name}, {}, 2,
                      Tx::tr("No two records share a value of %1.").arg(x.name))});
        if (m_level < 3)
            return;

        // Level 3: coarse one-sided bounds (the leading digit of the level-2 range's ends).
        if (x.temporal() && x.hasRange())
            timeDistribution(x);
        if (x.numeric() && x.hasRange())
            coarseBounds(x);
        if (m_level < 5)
            return;

        // Level 5: the shares of its values, or of its ranges between quartiles, stay as they are.
        distribution(x);
    }

    // Level 1: never negative, or (whole numbers, or values far from zero) always positive.
    void sign(const Facts &x)
    {
        if (*x.min < 0)
            return;
        // The mean, exact from Profile's first pass (a sample's median would vary run to run).
        const std::optional<double> mean = x.profile->mean;
        const bool positive =
            *x.min > 0 && (x.family == TypeFamily::Integral || (mean && *x.min * 20 >= *mean));
        if (positive)
            add({make(rule_name::kPositive, {x.name}, {}, 1,
                      Tx::tr("%1 is always more than 0.").arg(x.name))});
        else
            add({make(rule_name::kNotNegative, {x.name}, {}, 1,
                      Tx::tr("%1 is never negative.").arg(x.name))});
    }

    // Level 1 or 2: the values of a category (its list measured on every row in scope, see
    // measureValueLists). Keys and growing codes are no categories.
    void valueList(const Facts &x)
    {
        const FieldProfile &p = *x.profile;
        if (x.family != TypeFamily::String && x.family != TypeFamily::Integral)
            return;
        if (x.sequence || identifierName(x.name) || looksUnique(x))
            return;
        if (p.distinctValues > 2 * kMaxExpectedValues ||
            x.nonNull < kRecordsPerListedValue * qMin<qint64>(p.distinctValues, kMaxExpectedValues))
            return;
        InferenceCandidate c{{make(rule_name::kExpectedValues, {x.name}, {}, 1,
                                   Tx::tr("%1 takes one of the values it has taken.").arg(x.name))},
                             m_level >= 5};
        c.listsValues = true;
        c.nonNull = x.nonNull;
        c.distinctValues = p.distinctValues;
        m_out << c;
    }

    // Level 5: a distribution to keep (distributionShift). A category whose every value the
    // profile saw gets the shares of its values; a measure with quartiles the shares of its
    // quartile ranges. These shares are provisional (a large table's histogram is a sample's, and
    // ties at a quartile break its quarters): measureDistributions measures them on the rows in
    // scope. Keys, codes and values that do not repeat have no distribution to keep. Dates and
    // timestamps get none: Profile measures no quartiles of them, and the moments of a growing
    // table move by design (a new month is no shift; freshness and Time Distribution Size watch
    // time).
    void distribution(const Facts &x)
    {
        const FieldProfile &p = *x.profile;
        if (x.sequence || x.temporal() || identifierName(x.name))
            return;
        const bool categorical =
            (x.family == TypeFamily::String || x.family == TypeFamily::Integral ||
             x.family == TypeFamily::Boolean) &&
            smallKnownSet(p) && p.histogram.size() >= 2 && !looksUnique(x);
        QJsonObject baseline;
        if (categorical) {
            QList<std::pair<QString, qint64>> seen;
            for (const QJsonValue &v : p.histogram)
                seen.append({v.toObject().value(QLatin1String("value")).toString(),
                             qRound64(v.toObject().value(QLatin1String("count")).toDouble())});
            // The same values in the same order whatever order the histogram's ties came in.
            const bool numeric = x.family == TypeFamily::Integral;
            std::sort(seen.begin(), seen.end(), [numeric](const auto &a, const auto &b) {
                if (numeric && a.first.toDouble() != b.first.toDouble())
                    return a.first.toDouble() < b.first.toDouble();
                return a.first < b.first;
            });
            QJsonArray values;
            QList<qint64> counts;
            for (const auto &[value, count] : seen) {
                values << value;
                counts << count;
            }
            counts << 0; // other
            baseline = distribution_shift::categoricalBaseline(values, counts);
        } else if (x.numeric() && !x.keyOrCode && p.q1 && p.median && p.q3) {
            QList<double> quartiles{*p.q1, *p.median, *p.q3};
            std::sort(quartiles.begin(), quartiles.end()); // estimates: kept in order, once each
            quartiles.erase(std::unique(quartiles.begin(), quartiles.end()), quartiles.end());
            QJsonArray edges;
            for (double q : quartiles)
                edges << q;
            baseline = distribution_shift::binnedBaseline(
                edges, QList<qint64>(quartiles.size() + 1, 1)); // a quarter each, by definition
        } else {
            return;
        }
        add({make(rule_name::kDistributionShift, {x.name},
                  {{rule_key::kBaseline, baseline},
                   {rule_key::kMaxShift, distribution_shift::kDefaultMaxShift}},
                  5, Tx::tr("%1 keeps its distribution.").arg(x.name))});
    }

    // Level 2: dates and timestamps. One that holds no future moment gets notFuture (level 1) for
    // its upper end and an earliest moment with a margin here: a bound at the latest moment seen
    // would fail on the next record. One that holds future moments (due dates, expiries) gets
    // both ends, the upper one its whole span beyond the latest.
    void timeBounds(const Facts &x)
    {
        const bool date = x.family == TypeFamily::Date;
        const TimeRange r = widenedTimeRange(x.minTime, x.maxTime);
        const QString seenMin = momentText(x.minTime, date), seenMax = momentText(x.maxTime, date);
        const QString lo = momentText(r.min, date);
        if (x.maxTime <= m_now) {
            add({make(rule_name::kAfterDateTime, {x.name}, {{rule_key::kDateTime, lo}}, 2,
                      Tx::tr("%1 is after %2: the earliest value read (%3) less a tenth of the "
                             "span read, for values not yet seen.")
                          .arg(x.name, lo, seenMin))});
            return;
        }
        const QString hi = momentText(futureCeiling(x.minTime, x.maxTime), date);
        add({make(rule_name::kBetweenTimes, {x.name},
                  {{rule_key::kMinTime, lo}, {rule_key::kMaxTime, hi}}, 2,
                  Tx::tr("%1 lies between %2 and %3: the values read (%4 to %5) with a margin "
                         "for values not yet seen (later ones: the span read again).")
                      .arg(x.name, lo, hi, seenMin, seenMax))});
    }

    // The centre a measure's tails are measured from (widenedRange): the mean, exact from
    // Profile's first pass, so the bounds do not move with the sample.
    std::optional<double> tailCentre(const Facts &x) const
    {
        const bool manyValues =
            x.family == TypeFamily::Fractional || x.profile->distinctValues > kManyValues;
        if (!manyValues)
            return std::nullopt;
        return x.profile->mean;
    }

    // Level 2: a measure's range with margins (widenedRange). Keys and codes get none: new
    // records bring new ones.
    void numberBounds(const Facts &x)
    {
        const Range r =
            widenedRange(*x.min, *x.max, x.family == TypeFamily::Integral, tailCentre(x));
        add({make(rule_name::kBetween, {x.name},
                  {{rule_key::kMin, numberJson(r.min)},
                   {rule_key::kMax, numberJson(r.max)},
                   {rule_key::kInclusiveMin, true},
                   {rule_key::kInclusiveMax, true}},
                  2,
                  Tx::tr("%1 lies between %2 and %3: the values read (%4 to %5) with a margin for "
                         "values not yet seen.")
                      .arg(x.name, numberText(r.min), numberText(r.max), numberText(*x.min),
                           numberText(*x.max)))});
    }

    // Level 3: the level-2 range's ends rounded out at their leading digit; a key gets its lower
    // end only (a sequence grows upward).
    void coarseBounds(const Facts &x)
    {
        const Range r =
            widenedRange(*x.min, *x.max, x.family == TypeFamily::Integral, tailCentre(x));
        const double low = leadingDigitFloor(x.keyOrCode ? *x.min : r.min);
        // Zero or more is notNegative's job; a positive minimum gives "more than 0".
        if (low != 0 || *x.min > 0) {
            const bool strict = low == 0;
            add({make(rule_name::kGreaterThan, {x.name},
                      {{rule_key::kValue, numberJson(low)}, {rule_key::kInclusive, !strict}}, 3,
                      (strict ? Tx::tr("%1 is more than %2 (the least value read: %3).")
                              : Tx::tr("%1 is at least %2 (the least value read: %3)."))
                          .arg(x.name, numberText(low), numberText(*x.min)))});
        }
        if (x.keyOrCode)
            return;
        const double high = leadingDigitCeil(r.max);
        add({make(rule_name::kLessThan, {x.name},
                  {{rule_key::kValue, numberJson(high)}, {rule_key::kInclusive, true}}, 3,
                  Tx::tr("%1 is at most %2 (the greatest value read: %3, with a margin).")
                      .arg(x.name, numberText(high), numberText(*x.max)))});
    }

    // Level 2: lengths with margins: at most half as long again as the longest read (a string
    // far longer than any seen is a defect), at least half the shortest.
    void lengths(const Facts &x)
    {
        const FieldProfile &p = *x.profile;
        if (p.maxLength && *p.maxLength > 0) {
            const qint64 longest = *p.maxLength;
            const qint64 limit = longest + qMax<qint64>(5, (longest + 1) / 2);
            add({make(rule_name::kMaxLength, {x.name}, {{rule_key::kValue, double(limit)}}, 2,
                      Tx::tr("%1 is at most %2 characters long (the longest read: %3, with a "
                             "margin).")
                          .arg(x.name)
                          .arg(limit)
                          .arg(longest))});
        }
        if (p.minLength && *p.minLength >= 2) {
            const qint64 shortest = *p.minLength;
            const qint64 limit = shortest / 2;
            add({make(rule_name::kMinLength, {x.name}, {{rule_key::kValue, double(limit)}}, 2,
                      Tx::tr("%1 is at least %2 characters long (the shortest read: %3, with a "
                             "margin).")
                          .arg(x.name)
                          .arg(limit)
                          .arg(shortest))});
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

    // Level 2 (5: the shape most values share): the shape learned from the values, or a format
    // they have (e-mail, URL, UUID, phone, postcode).
    void pattern(const Facts &x)
    {
        const QJsonArray &values = x.profile->histogram;
        QList<Check> alternatives;
        const auto derived = derivePattern(values);
        const bool all = derived && derived->distinct >= 5 && derived->share >= 1.0 - 1e-9;
        const bool most = derived && derived->distinct >= 5 && m_level >= 5 &&
                          derived->share >= kMinShapeCoverage;
        if (all || most)
            for (const QString &regex : {derived->strict, derived->loose})
                alternatives << make(
                    rule_name::kMatchesPattern, {x.name}, {{rule_key::kPattern, regex}},
                    all ? 2 : 5,
                    Tx::tr("%1 matches %2, the shape of the values read.").arg(x.name, regex));
        if (const auto format = knownFormatOf(values, x.name))
            alternatives << make(
                rule_name::kMatchesPattern, {x.name}, {{rule_key::kPattern, format->pattern}}, 2,
                Tx::tr("%1 holds %2 values: every value read is one.").arg(x.name, format->name));
        if (!alternatives.isEmpty())
            add(alternatives, true);
    }

    // Level 1: the container's volume and (when an incremental time field says how fresh it
    // is) its freshness, with thresholds learned from its history: silent until enough of it
    // exists (app/monitoring/ExpectedBand.h), so they cost nothing and never guess.
    void monitoring()
    {
        const auto kept = [this](Check c) {
            InferenceCandidate candidate{{std::move(c)}, false};
            candidate.measured = true; // judged against the history, not the holdout rows
            m_out << candidate;
        };
        kept(make(rule_name::kVolumetric, {},
                  {{rule_key::kMeasure, QString(rule_choice::kRecords)},
                   {rule_key::kComparison, QString(rule_choice::kAbsoluteChange)},
                   {rule_key::kThresholds, QString(rule_choice::kAutomatic)}},
                  1,
                  Tx::tr("The number of records changes as its history says it does (weekly "
                         "pattern, learned from earlier scans).")));
        const Container &c = m_subject.container;
        if (c.incrementalField.isEmpty() || c.incrementalStrategy == QLatin1String("batch-value"))
            return;
        kept(make(rule_name::kFreshness, {},
                  {{rule_key::kUnit, QString(rule_choice::kHours)},
                   {rule_key::kThresholds, QString(rule_choice::kAutomatic)}},
                  1,
                  Tx::tr("New data arrives as often as its history says it does (%1, learned "
                         "from earlier scans).")
                      .arg(c.incrementalField)));
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

    // Level 3: per record relations between two fields of one family and unit: two dates, two
    // timestamps, or two decimal amounts of the same declared type; never keys or codes (an
    // order between two ids or an id and a price is a coincidence), and only when their ranges
    // overlap well (else the ranges alone order them).
    void pairs(const QList<Facts> &facts)
    {
        QHash<QString, QList<const Facts *>> groups; // by family and declared type
        QStringList order;
        for (const Facts &x : facts) {
            if (!x.enoughValues() || !x.hasRange() || x.profile->distinctValues < 2 || x.keyOrCode)
                continue;
            QString unit;
            if (x.temporal())
                unit = typeFamilyName(x.family);
            else if (x.family == TypeFamily::Fractional)
                unit = QStringLiteral("fractional:") + x.declaredType;
            else
                continue;
            if (!groups.contains(unit))
                order << unit;
            if (groups[unit].size() < kMaxPairFields)
                groups[unit] << &x;
        }
        int proposed = 0; // each pair costs five alternatives in the holdout
        for (const QString &unit : order) {
            const auto &group = groups.value(unit);
            for (int i = 0; i < group.size(); ++i)
                for (int j = i + 1; j < group.size() && proposed < kMaxPairs; ++j)
                    proposed += pair(*group.at(i), *group.at(j)) ? 1 : 0;
        }
    }

    // The share of the narrower range that the two ranges have in common (0..1).
    static double overlap(double aMin, double aMax, double bMin, double bMax)
    {
        const double common = qMin(aMax, bMax) - qMax(aMin, bMin);
        const double narrower = qMin(aMax - aMin, bMax - bMin);
        if (common < 0)
            return 0;
        return narrower <= 0 ? 1 : common / narrower;
    }

    bool pair(const Facts &a, const Facts &b)
    {
        const double shared = a.numeric() ? overlap(*a.min, *a.max, *b.min, *b.max)
                                          : overlap(double(a.minTime.toSecsSinceEpoch()),
                                                    double(a.maxTime.toSecsSinceEpoch()),
                                                    double(b.minTime.toSecsSinceEpoch()),
                                                    double(b.maxTime.toSecsSinceEpoch()));
        if (shared < kMinPairOverlap)
            return false;
        const QString why =
            Tx::tr("Held on every record read; both are %1 fields whose ranges overlap.")
                .arg(a.numeric() ? a.declaredType : typeFamilyName(a.family));
        const QString f = rule_key::kFieldName, inc = rule_key::kInclusive;
        const QString greater = rule_name::kGreaterThanField, less = rule_name::kLessThanField;
        const auto says = [&](const QString &relation) {
            return relation.arg(a.name, b.name) + QLatin1Char(' ') + why;
        };
        add({make(rule_name::kEqualToField, {a.name}, {{f, b.name}}, 3,
                  says(Tx::tr("%1 equals %2."))),
             make(greater, {a.name}, {{f, b.name}, {inc, false}}, 3,
                  says(Tx::tr("%1 is greater than %2."))),
             make(greater, {a.name}, {{f, b.name}, {inc, true}}, 3,
                  says(Tx::tr("%1 is at least %2."))),
             make(less, {a.name}, {{f, b.name}, {inc, false}}, 3,
                  says(Tx::tr("%1 is less than %2."))),
             make(less, {a.name}, {{f, b.name}, {inc, true}}, 3,
                  says(Tx::tr("%1 is at most %2.")))});
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
