#include "app/monitoring/ExpectedBand.h"

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

constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr double kPi = 3.14159265358979323846;
constexpr qint64 kSecondsPerDay = 24 * 3600;
// 1.4826 x MAD estimates the standard deviation of normally distributed values.
constexpr double kMadToSd = 1.4826;
// The upper quartile of |x - mean| of normally distributed values, in standard deviations.
constexpr double kUpperQuartileOfNormalDistance = 1.1503;
// A value further than this many robust standard deviations from the median of the others in its
// bucket is not ordinary: it stays out of the centre and the spread (a holiday dip among the
// Wednesdays of a window). Only the gross ones: cutting ordinary values makes the spread too small.
constexpr double kRejectionSds = 4.0;
// The screening is repeated with the spread it found while that grows by more than a percent,
// at most this many times (see fitGroups).
constexpr int kScreeningRounds = 8;
constexpr double kScreeningGrowth = 1.01;
// In a bucket of more values than this, one value cannot sway the spread of the others.
constexpr int kSmallBucket = 8;
// Buckets whose centres are less than this many standard errors apart share one centre.
constexpr double kMergeSeparation = 5.0;
// The weekly pattern is used when it predicts held-out values clearly better than one global
// centre: its leave-one-out prediction error (root mean square) is below this share of the
// global one.
constexpr double kWeeklyErrorRatio = 0.8;
// A cadence of half a day or more is daily (or slower): the weekly pattern is per weekday.
// Faster cadences get a pattern per weekday and hour (a nightly batch).
constexpr qint64 kDailyCadence = 12 * 3600;
// A step change: at least this many values since the step lie outside the band learned before
// it, on the same side ...
constexpr int kShiftOutsidePoints = 3;
// ... and at least this many values before the step say what "before" was.
constexpr int kMinPointsBeforeShift = 5;
// Step starts are first tried every 1/kShiftSearchStride of the training (see findLevelShift).
constexpr int kShiftSearchStride = 48;

// One training value, with the weekly bucket of its time.
struct Sample
{
    qint64 secs = 0; // since the epoch
    double value = 0;
    int bucket = 0;
};

enum class Bucketing { Weekday, WeekdayHour };

double median(QVector<double> values)
{
    Q_ASSERT(!values.isEmpty());
    const auto middle = values.begin() + values.size() / 2;
    std::nth_element(values.begin(), middle, values.end());
    if (values.size() % 2 == 1)
        return *middle;
    return (*std::max_element(values.begin(), middle) + *middle) / 2.0;
}

// The median of the values' distances from `centre`.
double medianDistance(const QVector<double> &values, double centre)
{
    QVector<double> distances;
    distances.reserve(values.size());
    for (double v : values)
        distances.append(std::abs(v - centre));
    return median(distances);
}

// The median of the ascending `sorted` without its element at `index`.
double medianWithout(const QVector<double> &sorted, int index)
{
    const auto remaining = [&](int i) { return sorted[i < index ? i : i + 1]; };
    const int m = int(sorted.size()) - 1;
    return m % 2 == 1 ? remaining(m / 2) : (remaining(m / 2 - 1) + remaining(m / 2)) / 2.0;
}

// Each value's distance from the median of the OTHER values of its group (leave one out),
// scaled to estimate the standard deviation. A residual from the group's own median would be
// exactly zero for the median itself and tiny for its neighbours: in groups of three or four
// values that drags any spread learned from them far below the truth. The median of m values
// misses the true centre by about sqrt(pi / 2m) standard deviations (sqrt(1 / m) for m <= 2,
// where it is the mean), so a held-out residual spreads by sqrt(1 + that^2) of them.
QVector<double> heldOutResiduals(QVector<double> values)
{
    const int n = int(values.size());
    if (n < 2)
        return {};
    std::sort(values.begin(), values.end());
    const double m = n - 1;
    const double inflation = std::sqrt(1.0 + (m <= 2 ? 1.0 / m : kPi / (2.0 * m)));
    QVector<double> residuals;
    for (int i = 0; i < n; ++i)
        residuals.append((values[i] - medianWithout(values, i)) / inflation);
    return residuals;
}

// The part of the half-width that does not depend on the spread.
double floorHalfWidth(double centre, const BandOptions &options)
{
    return std::max(options.relativeFloor * std::abs(centre), options.absoluteFloor);
}

double halfWidth(double centre, double spread, const BandOptions &options)
{
    return std::max(options.sensitivity * spread, floorHalfWidth(centre, options));
}

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
// Robust fits

// What predicts a value in one bucket: the centre and spread of the bucket's cluster (the
// buckets whose values cannot be told apart; all of them in a global fit).
struct Group
{
    double centre = 0; // the mean of the cluster's ordinary values
    double sd = 0;     // standard deviation of a value around the centre
    int size = 0;      // ordinary values in the bucket itself
    int support = 0;   // ordinary values the centre rests on

    // The spread of a new value around this centre: its own, plus the centre's uncertainty
    // (a mean of `support` values), which matters for the four values of a weekday.
    double predictionSpread() const { return sd * std::sqrt(1.0 + 1.0 / std::max(1, support)); }
};

struct Fit
{
    QMap<int, Group> groups;             // by bucket; one group (key 0) for a global fit
    QMap<int, QVector<double>> ordinary; // the screened values of each bucket
    double pooledSd = 0;                 // within-cluster spread, pooled over the clusters
};

// Values with one centre: a bucket's ordinary values, or several buckets' merged.
struct Cluster
{
    QVector<int> buckets;
    QVector<double> values; // a bucket's ordinary values (not kept once merged)
    int count = 0;          // values
    double mean = 0;
    double sumSquares = 0;   // of the deviations from the mean
    bool discordant = false; // a bucket whose values all disagree: it is never merged

    void describeValues()
    {
        count = int(values.size());
        mean = std::accumulate(values.cbegin(), values.cend(), 0.0) / count;
        sumSquares = 0;
        for (double v : values)
            sumSquares += (v - mean) * (v - mean);
    }
    // Takes in another cluster's values by their count, mean and sum of squares (Chan et al.'s
    // pairwise update: no need to revisit the values).
    void absorb(const Cluster &other)
    {
        const int total = count + other.count;
        const double delta = other.mean - mean;
        sumSquares += other.sumSquares + delta * delta * count * other.count / total;
        mean += delta * other.count / total;
        count = total;
        buckets += other.buckets;
        values.clear();
    }
    int degrees() const { return count - 1; }
    double ownSd() const { return degrees() > 0 ? std::sqrt(sumSquares / degrees()) : 0.0; }
};

// The first guess of the spread, for screening, from the held-out residuals of all buckets
// together: their upper quartile (a quarter of them may be wild), scaled to a standard
// deviation. Not their median (the MAD): quiet weekends, whose residuals are near zero, would
// make it the median of the weekdays' smallest residuals, and the screening would cut ordinary
// weekday values off.
double pooledScreeningSd(const QMap<int, QVector<double>> &buckets)
{
    QVector<double> distances;
    for (const QVector<double> &values : buckets)
        for (double r : heldOutResiduals(values))
            distances.append(std::abs(r));
    if (distances.isEmpty())
        return 0.0; // only lone values: no evidence of spread
    std::sort(distances.begin(), distances.end());
    const double position = 0.75 * double(distances.size() - 1);
    const int below = int(position);
    const double upperQuartile =
        below + 1 < distances.size()
            ? distances[below] + (position - below) * (distances[below + 1] - distances[below])
            : distances[below];
    return upperQuartile / kUpperQuartileOfNormalDistance;
}

// The robust spread of some values: 1.4826 x the MAD of their held-out residuals.
double ownSpread(const QVector<double> &values)
{
    const QVector<double> residuals = heldOutResiduals(values);
    return residuals.isEmpty() ? 0.0 : kMadToSd * medianDistance(residuals, 0.0);
}

// The ordinary values of one bucket. Each value is held out and compared with the others: it is
// ordinary within kRejectionSds of their median, in units of the larger of the pooled spread and
// the others' own spread (or within the band's floor, for a bucket that barely varies). The
// pooled spread alone assumes every bucket varies alike, and a nightly batch beside quiet hours
// does not; the others' spread tells a batch's ordinary ups and downs (no value stands out)
// from a holiday among busy weekdays (two agree, one is far off). In a big bucket one value
// cannot sway the others' spread, so the whole bucket's is used. When no value is ordinary
// (one normal Wednesday and one holiday), nothing tells which is right: the bucket keeps all of
// them and a wide band, and stays out of any cluster.
Cluster screenBucket(int key, const QVector<double> &sorted, double pooledSpread,
                     const BandOptions &options)
{
    const int n = int(sorted.size());
    Cluster c;
    c.buckets.append(key);
    if (n == 1) {
        c.values = sorted; // nothing to compare a lone value with
        c.describeValues();
        return c;
    }
    const double wholeSpread = n > kSmallBucket ? ownSpread(sorted) : 0.0;
    for (int i = 0; i < n; ++i) {
        double othersSpread = wholeSpread;
        if (n <= kSmallBucket) {
            QVector<double> others = sorted;
            others.removeAt(i);
            othersSpread = ownSpread(others);
        }
        const double anchor = medianWithout(sorted, i);
        const double limit = std::max(kRejectionSds * std::max(pooledSpread, othersSpread),
                                      floorHalfWidth(anchor, options));
        if (std::abs(sorted[i] - anchor) <= limit)
            c.values.append(sorted[i]);
    }
    if (c.values.isEmpty()) {
        c.values = sorted;
        c.discordant = true;
    }
    c.describeValues();
    return c;
}

// How many standard errors apart the centres of two clusters are, by their pooled spread.
double separation(const Cluster &a, const Cluster &b)
{
    const double difference = std::abs(a.mean - b.mean);
    const int degrees = a.degrees() + b.degrees();
    const double sd = degrees > 0 ? std::sqrt((a.sumSquares + b.sumSquares) / degrees) : 0.0;
    const double error = sd * std::sqrt(1.0 / a.count + 1.0 / b.count);
    if (error == 0)
        return difference == 0 ? 0.0 : kInfinity;
    return difference / error;
}

// Merges the buckets whose centres cannot be told apart (less than kMergeSeparation standard
// errors apart), closest first. Five weekdays with the same load are one cluster of twenty
// values, not five of four: a weekday's centre stops chasing its own noise, and the spread is
// learned from values of the same kind (quiet weekends form their own cluster).
QVector<Cluster> mergeIndistinguishable(const QVector<Cluster> &screened)
{
    QVector<Cluster> clusters, discordant;
    for (const Cluster &c : screened)
        (c.discordant ? discordant : clusters).append(c);
    std::sort(clusters.begin(), clusters.end(),
              [](const Cluster &a, const Cluster &b) { return a.mean < b.mean; });
    // separations[i]: between clusters i and i + 1. A merge changes only its neighbours'.
    QVector<double> separations;
    for (int i = 0; i + 1 < clusters.size(); ++i)
        separations.append(separation(clusters[i], clusters[i + 1]));
    while (!separations.isEmpty()) {
        const int closest =
            int(std::min_element(separations.cbegin(), separations.cend()) - separations.cbegin());
        if (separations[closest] > kMergeSeparation)
            break;
        const Cluster next = clusters.takeAt(closest + 1);
        clusters[closest].absorb(next);
        separations.removeAt(closest);
        // The merged centre lies between its neighbours' centres: the order holds.
        if (closest > 0)
            separations[closest - 1] = separation(clusters[closest - 1], clusters[closest]);
        if (closest < separations.size())
            separations[closest] = separation(clusters[closest], clusters[closest + 1]);
    }
    return clusters + discordant;
}

// The fit the clusters give: each bucket predicted by its cluster. A cluster's spread is at
// least the spread pooled over all clusters: a cluster of a few values may look tight by chance.
Fit describeClusters(const QVector<Cluster> &clusters)
{
    Fit fit;
    double sumSquares = 0;
    int degrees = 0;
    for (const Cluster &c : clusters) {
        sumSquares += c.sumSquares;
        degrees += c.degrees();
    }
    fit.pooledSd = degrees > 0 ? std::sqrt(sumSquares / degrees) : 0.0;
    for (const Cluster &c : clusters) {
        Group group;
        group.centre = c.mean;
        group.sd = std::max(fit.pooledSd, c.ownSd());
        group.support = c.count;
        for (int bucket : c.buckets)
            fit.groups.insert(bucket, group);
    }
    return fit;
}

// Fits a centre per bucket (weekly) or one for all (global), robustly: held-out medians and
// robust spreads screen out what is not ordinary (a holiday dip, a spike), then the mean and
// standard deviation of the ordinary values describe the bucket's cluster; they are far
// steadier than a median and MAD of four values. The screening is repeated with the spread the
// clusters show while that grows: a first guess that was too tight must not cut ordinary values
// off.
Fit fitGroups(const QVector<Sample> &samples, bool weekly, const BandOptions &options)
{
    QMap<int, QVector<double>> buckets; // each ascending
    for (const Sample &s : samples)
        buckets[weekly ? s.bucket : 0].append(s.value);
    for (QVector<double> &values : buckets)
        std::sort(values.begin(), values.end());

    QMap<int, double> spreads; // the pooled part of each bucket's screening spread
    const double firstGuess = pooledScreeningSd(buckets);
    for (auto it = buckets.cbegin(); it != buckets.cend(); ++it)
        spreads.insert(it.key(), firstGuess);
    Fit fit;
    for (int round = 0; round < kScreeningRounds; ++round) {
        QVector<Cluster> screened;
        for (auto it = buckets.cbegin(); it != buckets.cend(); ++it)
            screened.append(screenBucket(it.key(), it.value(), spreads.value(it.key()), options));
        fit = describeClusters(mergeIndistinguishable(screened));
        for (const Cluster &c : screened) {
            fit.ordinary.insert(c.buckets.first(), c.values);
            fit.groups[c.buckets.first()].size = int(c.values.size());
        }
        bool widened = false;
        for (auto it = spreads.begin(); it != spreads.end(); ++it) {
            const double found = fit.groups.value(it.key()).sd;
            if (found > it.value() * kScreeningGrowth) {
                it.value() = found;
                widened = true;
            }
        }
        if (!widened)
            break;
    }
    return fit;
}

// Whether the weekly pattern predicts the training values clearly better than one centre,
// each value predicted from the others (leave one out): a pattern fitted to noise looks good on
// the values it was fitted to, but not on held-out ones. The two compete on the same values:
// the ordinary values of the buckets that hold two or more (a lone value cannot be held out).
// A value's held-out error is its residual from the mean, scaled by n / (n - 1).
bool weeklyPredictsBetter(const Fit &weekly)
{
    QVector<double> values;
    double weeklyError = 0;
    for (const QVector<double> &bucket : weekly.ordinary) {
        const int n = int(bucket.size());
        if (n < 2)
            continue;
        const double mean = std::accumulate(bucket.cbegin(), bucket.cend(), 0.0) / n;
        for (double v : bucket) {
            const double heldOut = (v - mean) * n / (n - 1);
            weeklyError += heldOut * heldOut;
        }
        values += bucket;
    }
    const int n = int(values.size());
    if (n < 3)
        return false;
    const double mean = std::accumulate(values.cbegin(), values.cend(), 0.0) / n;
    double globalError = 0;
    for (double v : values) {
        const double heldOut = (v - mean) * n / (n - 1);
        globalError += heldOut * heldOut;
    }
    return weeklyError < kWeeklyErrorRatio * kWeeklyErrorRatio * globalError;
}

// The series described with one global centre and with a weekly pattern, and which of the two
// to believe.
struct Model
{
    Fit global;
    Fit weekly;
    bool preferWeekly = false;

    // The group that predicts a value in `bucket`: its weekly group when the weekly pattern is
    // believed and the group holds at least `minimumSize` values; else the global one.
    const Group &groupFor(int bucket, int minimumSize, bool *usedWeekly = nullptr) const
    {
        const auto it = weekly.groups.constFind(bucket);
        const bool useWeekly =
            preferWeekly && it != weekly.groups.cend() && it->size >= minimumSize;
        if (usedWeekly)
            *usedWeekly = useWeekly;
        return useWeekly ? *it : *global.groups.cbegin();
    }
};

Model fitModel(const QVector<Sample> &samples, const BandOptions &options)
{
    Model model;
    model.global = fitGroups(samples, false, options);
    model.weekly = fitGroups(samples, true, options);
    model.preferWeekly = weeklyPredictsBetter(model.weekly);
    return model;
}

// ---------------------------------------------------------------------------------------------
// Step changes

// A step in the training series: the values from `start` on sit at a new level. The step is
// an added amount (a load moved two hours earlier: every freshness age +2 h), a factor (loads
// doubled: weekdays 1000 -> 2000 while quiet weekends stay at 0), or, while the values since
// the step cannot tell the two apart (three weekdays), both.
struct LevelShift
{
    int start = 0;
    std::optional<double> offset;
    std::optional<double> factor;
};

// How one value since a candidate step stands against the band learned before it.
struct Standing
{
    double value = 0;
    double centre = 0;
    double spread = 0;
    int side = 0; // -1 below the band, +1 above, 0 inside
};

// Whether every value since the step fits the earlier centres moved by `move` (the spread
// scaled by `spreadScale`).
template <typename Move>
bool explainedBy(const QVector<Standing> &since, Move move, double spreadScale,
                 const BandOptions &options)
{
    for (const Standing &s : since) {
        const double centre = move(s.centre);
        if (std::abs(s.value - centre) > halfWidth(centre, s.spread * spreadScale, options))
            return false;
    }
    return true;
}

std::optional<LevelShift> shiftStartingAt(const QVector<Sample> &samples, int start,
                                          const BandOptions &options)
{
    const Model before = fitModel(samples.mid(0, start), options);
    QVector<Standing> since;
    for (int i = start; i < samples.size(); ++i) {
        const Group &g = before.groupFor(samples[i].bucket, 1);
        Standing s{samples[i].value, g.centre, g.predictionSpread(), 0};
        const double half = halfWidth(s.centre, s.spread, options);
        s.side = s.value > s.centre + half ? 1 : s.value < s.centre - half ? -1 : 0;
        since.append(s);
    }
    // The step starts with a value outside; since then, at least kShiftOutsidePoints values
    // are outside on that side and none on the other.
    const int side = since.first().side;
    if (side == 0)
        return std::nullopt;
    QVector<double> offsets, factors;
    for (const Standing &s : since) {
        if (s.side == -side)
            return std::nullopt;
        if (s.side != side)
            continue;
        offsets.append(s.value - s.centre);
        if (s.centre != 0)
            factors.append(s.value / s.centre);
    }
    if (offsets.size() < kShiftOutsidePoints)
        return std::nullopt;

    LevelShift shift;
    shift.start = start;
    const double offset = median(offsets);
    const auto added = [offset](double centre) { return centre + offset; };
    if (explainedBy(since, added, 1.0, options))
        shift.offset = offset;
    if (factors.size() >= kShiftOutsidePoints) {
        const double factor = median(factors);
        const auto multiplied = [factor](double centre) { return centre * factor; };
        // A bigger level is usually a noisier one: the spread grows with the factor.
        if (factor >= 0 && std::isfinite(factor) &&
            explainedBy(since, multiplied, std::max(1.0, factor), options))
            shift.factor = factor;
    }
    if (!shift.offset && !shift.factor)
        return std::nullopt;
    return shift;
}

// The earliest step that explains the latest values. A step older than three quarters of the
// training is left alone: the values since then are the majority of every weekday, and the
// robust fit already follows them. Each candidate costs a fit of the values before it, so a long
// training (hourly measurements) is searched in strides of kShiftSearchStride-ths of it; the
// first stride holding a step is then searched value by value for its earliest start.
std::optional<LevelShift> findLevelShift(const QVector<Sample> &samples, const BandOptions &options)
{
    const int n = int(samples.size());
    const int first = std::max(kMinPointsBeforeShift, n / 4);
    const int last = n - kShiftOutsidePoints;
    const int stride = std::max(1, n / kShiftSearchStride);
    for (int start = first; start <= last; start += stride) {
        std::optional<LevelShift> shift = shiftStartingAt(samples, start, options);
        if (!shift)
            continue;
        for (int earlier = std::max(first, start - stride + 1); earlier < start; ++earlier)
            if (auto earliest = shiftStartingAt(samples, earlier, options))
                return earliest;
        return shift;
    }
    return std::nullopt;
}

// The training with the values before the step carried to the new level: they still teach the
// weekly pattern and the spread, and the history stays long enough to judge.
template <typename Move> QVector<Sample> rebaselined(QVector<Sample> samples, int start, Move move)
{
    for (int i = 0; i < start; ++i)
        samples[i].value = move(samples[i].value);
    return samples;
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
