#pragma once

// The robust fit behind ExpectedBand (ExpectedBand.cpp says how a band is learned, in short):
// its tuning, one training value, the fits of the values per weekly bucket with and without the
// weekly pattern, and step changes. Internal to app/monitoring.
#include "app/monitoring/ExpectedBand.h"

#include <QMap>
#include <QVector>
#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

namespace assay::monitoring::band_fit {

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

double median(QVector<double> values);
double halfWidth(double centre, double spread, const BandOptions &options);

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

Model fitModel(const QVector<Sample> &samples, const BandOptions &options);

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

// The earliest step that explains the latest values (BandFit.cpp says which are looked for).
std::optional<LevelShift> findLevelShift(const QVector<Sample> &samples,
                                         const BandOptions &options);

// The training with the values before the step carried to the new level: they still teach the
// weekly pattern and the spread, and the history stays long enough to judge.
template <typename Move> QVector<Sample> rebaselined(QVector<Sample> samples, int start, Move move)
{
    for (int i = 0; i < start; ++i)
        samples[i].value = move(samples[i].value);
    return samples;
}

} // namespace assay::monitoring::band_fit
