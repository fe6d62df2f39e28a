#include "app/monitoring/ExpectedBand.h"

#include "app/monitoring/BandFit.h"

#include <QCoreApplication>
#include <QLocale>
#include <QMap>
#include <algorithm>
#include <cmath>
#include <numeric>

// How a band is learned, in short:
//
// 1. Training: the finite measurements strictly before the tested time and within the window
//    (for a change band: the changes between measurements one cadence apart). Nothing is judged
//    until they span minimumDays and number minimumPoints.
// 2. Robust fit: each value is compared with the median of the others in its bucket; one
//    further than 4 robust standard deviations (MAD-based) is not ordinary (a holiday dip, a
//    spike). Centre and spread are the mean and standard deviation of the ordinary values: as
//    blind to outliers as the median, and much steadier on the four values of a weekday.
// 3. Weekly pattern: buckets per weekday (weekday and hour for a sub-daily cadence); buckets that
//    cannot be told apart share one centre (five alike weekdays, two quiet weekend days). The
//    pattern is used only when it predicts held-out values clearly better than one centre.
// 4. Step change: when the values since some point all sit at a new level, the values before
//    it are carried to that level, so a step is one alarm rather than weeks of them.
// 5. Band: centre +- max(sensitivity x spread, relativeFloor x |centre|, absoluteFloor).

namespace assay::monitoring {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(assay::monitoring::ExpectedBand)
};

using namespace band_fit;

// The usable observations strictly before `at` and within the window, oldest first. Of several
// taken at the same time the last one given wins (a re-run replaces the first run's figure).
QVector<Observation> trainingWindow(const QVector<Observation> &history, const QDateTime &at,
                                    const BandOptions &options)
{
    const QDateTime from = at.addSecs(-qint64(options.windowDays) * kSecondsPerDay);
    QVector<Observation> window;
    for (const Observation &o : history)
        if (o.at.isValid() && std::isfinite(o.value) && o.at < at && o.at >= from)
            window.append(o);
    std::stable_sort(window.begin(), window.end(),
                     [](const Observation &a, const Observation &b) { return a.at < b.at; });
    QVector<Observation> unique;
    for (const Observation &o : window) {
        if (!unique.isEmpty() && unique.last().at == o.at)
            unique.last() = o;
        else
            unique.append(o);
    }
    return unique;
}

// The usual interval between measurements (the median, so gaps and an extra run do not move
// it), in seconds; 0 with fewer than two measurements.
qint64 cadenceOf(const QVector<Observation> &sorted)
{
    if (sorted.size() < 2)
        return 0;
    QVector<double> intervals;
    for (int i = 1; i < sorted.size(); ++i)
        intervals.append(double(sorted[i - 1].at.secsTo(sorted[i].at)));
    return qint64(median(intervals));
}

Bucketing bucketingFor(qint64 cadence)
{
    return cadence >= kDailyCadence ? Bucketing::Weekday : Bucketing::WeekdayHour;
}

int bucketOf(const QDateTime &time, Bucketing bucketing)
{
    const QDateTime utc = time.toUTC();
    const int day = utc.date().dayOfWeek();
    return bucketing == Bucketing::Weekday ? day : day * 24 + utc.time().hour();
}

// ---------------------------------------------------------------------------------------------
// Bands

// What the fit predicts for the sum of the values in `slotBuckets` (one slot for a level; n
// consecutive cadences for a change over missed measurements; the last is the tested time).
struct Estimate
{
    double centre = 0;
    double spread = 0;
    bool weekly = false;
};

Estimate estimate(const Model &model, const QVector<int> &slotBuckets)
{
    Estimate e;
    double variance = 0;
    for (int bucket : slotBuckets) {
        // A weekday centre resting on a single value is a guess: the global centre is safer.
        const Group &g = model.groupFor(bucket, 2, &e.weekly);
        e.centre += g.centre;
        variance += g.predictionSpread() * g.predictionSpread();
    }
    e.spread = std::sqrt(variance);
    return e;
}

// Fills the band's centre and bounds from the training samples.
void learnBand(const QVector<Sample> &training, const QVector<int> &slotBuckets,
               const BandOptions &options, ExpectedBand &band)
{
    QVector<QVector<Sample>> readings;
    if (const std::optional<LevelShift> shift = findLevelShift(training, options)) {
        band.shiftedAt = QDateTime::fromSecsSinceEpoch(training[shift->start].secs, Qt::UTC);
        if (const std::optional<double> offset = shift->offset)
            readings.append(
                rebaselined(training, shift->start, [d = *offset](double v) { return v + d; }));
        if (const std::optional<double> factor = shift->factor)
            readings.append(
                rebaselined(training, shift->start, [f = *factor](double v) { return v * f; }));
    } else {
        readings.append(training);
    }
    // Two readings of a fresh step (an offset and a factor): the band covers both until the
    // values since the step tell them apart.
    double lower = kInfinity, upper = -kInfinity, centres = 0;
    for (const QVector<Sample> &reading : readings) {
        const Estimate e = estimate(fitModel(reading, options), slotBuckets);
        const double half = halfWidth(e.centre, e.spread, options);
        lower = std::min(lower, e.centre - half);
        upper = std::max(upper, e.centre + half);
        centres += e.centre;
        band.seasonal = band.seasonal || e.weekly;
    }
    band.ready = true;
    band.expected = centres / readings.size();
    band.lower = options.sides == BandOptions::Sides::UpperOnly ? -kInfinity : lower;
    band.upper = options.sides == BandOptions::Sides::LowerOnly ? kInfinity : upper;
}

// ---------------------------------------------------------------------------------------------
// Readiness and wording

QString figure(double value)
{
    const double magnitude = std::abs(value);
    const int decimals = magnitude >= 100 || value == std::floor(value) ? 0
                         : magnitude >= 1                               ? 1
                                                                        : 3;
    return QLocale().toString(value, 'f', decimals);
}

// Spelled out: a %n plural needs a loaded translation, even for English.
QString daysText(double days)
{
    return days == 1 ? Text::tr("1 day") : Text::tr("%1 days").arg(figure(days));
}

QString measurementsText(int count)
{
    return count == 1 ? Text::tr("1 measurement") : Text::tr("%1 measurements").arg(count);
}

QString changesText(int count)
{
    return count == 1 ? Text::tr("1 change") : Text::tr("%1 changes").arg(count);
}

// A duration as people read it: "40 min", "6 h", "3 days".
QString durationText(qint64 secs)
{
    if (secs < 2 * 3600)
        return Text::tr("%1 min").arg(secs / 60);
    if (secs < 2 * kSecondsPerDay)
        return Text::tr("%1 h").arg(figure(std::round(secs / 360.0) / 10.0));
    return daysText(std::round(secs * 10.0 / kSecondsPerDay) / 10.0);
}

// How long the measurements span, in whole tenths of a day rounded down (13.99 days is not 14).
QString spanText(const QVector<Observation> &window)
{
    const qint64 span = window.size() >= 2 ? window.first().at.secsTo(window.last().at) : 0;
    return daysText(std::floor(double(span) * 10.0 / kSecondsPerDay) / 10.0);
}

int requiredPoints(const BandOptions &options)
{
    return std::max(2, options.minimumPoints);
}

QString startsAfter(const BandOptions &options)
{
    return Text::tr("alarms start after %1 and %2")
        .arg(daysText(std::max(0, options.minimumDays)), measurementsText(requiredPoints(options)));
}

// Whether the training measurements span minimumDays and number minimumPoints; when not, the
// band says so in `reason`.
bool enoughHistory(const QVector<Observation> &window, const BandOptions &options,
                   ExpectedBand &band)
{
    const qint64 span = window.size() >= 2 ? window.first().at.secsTo(window.last().at) : 0;
    if (window.size() >= requiredPoints(options) &&
        span >= qint64(options.minimumDays) * kSecondsPerDay)
        return true;
    if (window.isEmpty()) {
        band.reason = Text::tr("learning: no measurements yet; %1").arg(startsAfter(options));
        return false;
    }
    band.reason = Text::tr("learning: %1 over %2; %3")
                      .arg(measurementsText(window.size()), spanText(window), startsAfter(options));
    return false;
}

void describeTraining(const QVector<Observation> &window, Bucketing bucketing, ExpectedBand &band)
{
    band.trainedFrom = window.first().at;
    band.trainedTo = window.last().at;
    band.hourly = bucketing == Bucketing::WeekdayHour;
}

} // namespace

bool ExpectedBand::contains(double value) const
{
    return !ready || (value >= lower && value <= upper);
}

QString ExpectedBand::describe() const
{
    if (!ready)
        return reason;
    const bool hasLower = std::isfinite(lower), hasUpper = std::isfinite(upper);
    const QString bounds = hasLower && hasUpper
                               ? Text::tr("between %1 and %2").arg(figure(lower), figure(upper))
                           : hasUpper ? Text::tr("at most %1").arg(figure(upper))
                           : hasLower ? Text::tr("at least %1").arg(figure(lower))
                                      : Text::tr("any value");
    QString text = ofChange ? Text::tr("expected a change of %1 (%2)").arg(figure(expected), bounds)
                            : Text::tr("expected %1 (%2)").arg(figure(expected), bounds);
    if (cadences > 1)
        text += Text::tr(" over %1 intervals").arg(cadences);
    if (seasonal)
        text += hourly ? Text::tr(", weekday and hour pattern") : Text::tr(", weekday pattern");
    if (shiftedAt.isValid())
        text += Text::tr(", re-baselined after a step on %1")
                    .arg(QLocale().toString(shiftedAt.date(), QLocale::ShortFormat));
    text += QStringLiteral(", ") +
            (ofChange ? changesText(trainingPoints) : measurementsText(trainingPoints));
    return text;
}

ExpectedBand levelBand(const QVector<Observation> &history, const QDateTime &at,
                       const BandOptions &options)
{
    ExpectedBand band;
    const QVector<Observation> window = trainingWindow(history, at, options);
    if (!enoughHistory(window, options, band))
        return band;
    const Bucketing bucketing = bucketingFor(cadenceOf(window));
    QVector<Sample> samples;
    for (const Observation &o : window)
        samples.append(Sample{o.at.toSecsSinceEpoch(), o.value, bucketOf(o.at, bucketing)});
    describeTraining(window, bucketing, band);
    band.trainingPoints = samples.size();
    learnBand(samples, {bucketOf(at, bucketing)}, options, band);
    return band;
}

ExpectedBand changeBand(const QVector<Observation> &levels, const QDateTime &at,
                        const BandOptions &options)
{
    ExpectedBand band;
    band.ofChange = true;
    const QVector<Observation> window = trainingWindow(levels, at, options);
    if (!enoughHistory(window, options, band))
        return band;
    const qint64 cadence = cadenceOf(window);
    const Bucketing bucketing = bucketingFor(cadence);
    // How many cadences an interval covers: 1 for the usual interval, n after n - 1 missed
    // measurements, 0 for an extra run soon after the last.
    const auto cadencesIn = [cadence](qint64 interval) {
        return int(std::llround(double(interval) / double(cadence)));
    };

    // A change over several cadences is not one per-cadence change: kept out of training.
    QVector<Sample> changes;
    for (int i = 1; i < window.size(); ++i) {
        if (cadencesIn(window[i - 1].at.secsTo(window[i].at)) != 1)
            continue;
        changes.append(Sample{window[i].at.toSecsSinceEpoch(),
                              window[i].value - window[i - 1].value,
                              bucketOf(window[i].at, bucketing)});
    }
    describeTraining(window, bucketing, band);
    band.trainingPoints = changes.size();
    const int requiredChanges = requiredPoints(options) - 1;
    if (changes.size() < std::max(2, requiredChanges)) {
        band.reason =
            Text::tr("learning: %1 over %2, but only %3 between measurements one "
                     "usual interval apart; alarms start after %4")
                .arg(measurementsText(window.size()), spanText(window), changesText(changes.size()),
                     changesText(std::max(2, requiredChanges)));
        return band;
    }

    const int cadences = cadencesIn(window.last().at.secsTo(at));
    if (cadences < 1) {
        band.reason = Text::tr("not judged: measured %1 after the previous measurement, well "
                               "within the usual interval of %2; changes are judged over about "
                               "one interval")
                          .arg(durationText(window.last().at.secsTo(at)), durationText(cadence));
        return band;
    }
    // The expected change over n cadences is the sum of the n per-cadence changes ending at
    // at - (n-1) cadences, ..., at: each with its own weekday.
    QVector<int> slotBuckets;
    for (int k = cadences - 1; k >= 0; --k)
        slotBuckets.append(bucketOf(at.addSecs(-k * cadence), bucketing));
    band.cadences = cadences;
    learnBand(changes, slotBuckets, options, band);
    return band;
}

std::optional<Observation> lastBefore(const QVector<Observation> &history, const QDateTime &at)
{
    std::optional<Observation> last;
    for (const Observation &o : history)
        if (o.at.isValid() && std::isfinite(o.value) && o.at < at && (!last || o.at >= last->at))
            last = o;
    return last;
}

} // namespace assay::monitoring
