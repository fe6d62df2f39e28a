#pragma once

#include <QDateTime>
#include <QString>
#include <QVector>
#include <limits>
#include <optional>

// Automatic thresholds learned from a history of measurements (volumetric and freshness checks,
// metric values): what a measurement is expected to be, and how far from that it may stray
// before it is an anomaly. Pure computation over values and times; the caller reads the history
// from the catalog and decides what to do with the verdict.

namespace assay::monitoring {

// One measurement of a series: when it was taken (UTC) and what it measured.
struct Observation
{
    QDateTime at;
    double value = 0;
};

struct BandOptions
{
    int minimumDays = 14;   // the training history must span this many days before any alarm
    int minimumPoints = 10; // ... and hold this many measurements
    int windowDays = 28; // training window: the measurements in the N days before the tested time
    // Half-width in standard deviations of the ordinary training values (those a median and
    // 1.4826 * MAD screening keeps: a holiday dip or a spike does not widen the band).
    double sensitivity = 4.0;
    double relativeFloor = 0.01; // half-width at least this share of |expected| ...
    double absoluteFloor = 0.0;  // ... and at least this, in the value's unit
    // Which side can alarm; the other side of the band stays infinite.
    enum class Sides { Both, LowerOnly, UpperOnly } sides = Sides::Both;
};

// What a measurement at one time is expected to be.
struct ExpectedBand
{
    // Enough history to judge; when false, nothing is an alarm (contains() is always true).
    bool ready = false;
    // When not ready, for people: "learning: 5 measurements over 4 days; alarms start after
    // 14 days and 10 measurements".
    QString reason;
    double expected = 0;
    double lower = -std::numeric_limits<double>::infinity();
    double upper = std::numeric_limits<double>::infinity();
    // A weekly pattern (weekday, or weekday and hour for a sub-daily cadence) set `expected`.
    bool seasonal = false;
    bool hourly = false; // the weekly pattern is per weekday and hour
    // A change band: the values are changes between consecutive measurements, and the tested
    // interval covers this many cadences (more than 1 after missed measurements).
    bool ofChange = false;
    int cadences = 1;
    // The training: how many measurements (changes, for a change band) and over which times.
    int trainingPoints = 0;
    QDateTime trainedFrom, trainedTo;
    // Valid when the training history held a step change (a level shift): the first
    // measurement after the step. The band was re-baselined on the measurements since (the
    // earlier ones carried to the new level); while it is unclear whether the step added an
    // amount or multiplied, the band covers both readings and `expected` is their midpoint.
    QDateTime shiftedAt;

    // Whether `value` is no anomaly: always when not ready; a NaN is outside a ready band.
    bool contains(double value) const;
    // For people: "expected 1,200 (between 1,100 and 1,300), weekday pattern, 28 measurements";
    // the reason when not ready.
    QString describe() const;
};

// Band for a LEVEL measured at `at` (a freshness age in hours, a metric value): trained on the
// `history` points strictly before `at` and within options.windowDays of it. The value under
// test never trains itself: points at or after `at` are ignored. `history` may be in any order,
// with gaps and irregular times; non-finite values and invalid times are skipped. A level that
// grows steadily (a table's record count) wants changeBand() instead.
ExpectedBand levelBand(const QVector<Observation> &history, const QDateTime &at,
                       const BandOptions &options);

// Band for the CHANGE of a level (a record count) between the last measurement before `at` and
// `at`. The cadence is the median interval of the training measurements. Training uses the
// changes between consecutive measurements about one cadence apart; an interval that covers n
// cadences (missed measurements) is kept out of training, and a tested interval covering n
// cadences is compared with the sum of the n expected per-cadence changes (spread scaled by
// sqrt(n)). Points at or after `at` are ignored, as in levelBand().
ExpectedBand changeBand(const QVector<Observation> &levels, const QDateTime &at,
                        const BandOptions &options);

// The last observation strictly before `at` (the base a change is measured from), if any.
std::optional<Observation> lastBefore(const QVector<Observation> &history, const QDateTime &at);

} // namespace assay::monitoring
