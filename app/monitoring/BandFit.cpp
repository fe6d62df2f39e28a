#include "app/monitoring/BandFit.h"

#include <numeric>

namespace assay::monitoring::band_fit {

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

Model fitModel(const QVector<Sample> &samples, const BandOptions &options)
{
    Model model;
    model.global = fitGroups(samples, false, options);
    model.weekly = fitGroups(samples, true, options);
    model.preferWeekly = weeklyPredictsBetter(model.weekly);
    return model;
}

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

} // namespace assay::monitoring::band_fit
