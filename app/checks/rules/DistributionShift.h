#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

// The arithmetic of the distributionShift rule (DistributionShiftRule.cpp), shared with the
// inference that learns its baseline (CheckInferenceDistributions.cpp) and with the tests.
//
// A check holds its baseline whole, so it runs the same way every time and a person can read
// and edit it: the `baseline` property is
//   categorical: {"values": [{"value": "paid", "share": 0.6}, ...], "other": 0.02}
//                 (shares of the records holding each value; "other": any value not listed)
//   binned:      {"edges": [12.5, 40, 97.25], "shares": [0.25, 0.25, 0.25, 0.25]}
//                 (numbers, or ISO dates / timestamps for such fields; bin 0 holds the values
//                 below the first edge, bin j those from edge j-1 up to below edge j, the last
//                 those from the last edge up)
// with `baseline_records` (how many records its shares were measured on) and `max_shift`.
//
// The measure is the population stability index (PSI) between the baseline's shares b and the
// scan's shares s over the same bins:  PSI = Σ (s_i − b_i) · ln(s_i / b_i),
// each share floored at kShareFloor first. It is the symmetric Kullback-Leibler divergence: 0
// for the same shares, each bin adding its own move weighted by how surprising it is, so a rare
// value that becomes common counts more than two common ones trading a few points.
namespace assay::distribution_shift {

// Shares below this count as this much: a bin empty on one side would otherwise make the
// index infinite. One record in 10,000 is below anything a distribution check should notice,
// and it bounds a bin that appears or disappears to about s · ln(s / 1e-4): a value new to the
// field must reach some 4% of the records to cross the default threshold on its own.
inline constexpr double kShareFloor = 1e-4;

// The shift a check allows by default: 0.25 is the usual line of the PSI between "some
// change" (0.1 to 0.25) and "a shift" (above 0.25) in the credit-scoring practice the index
// comes from. One category going from 5% to 30% of the records scores about 0.5; a normal
// measure whose mean moves by one standard deviation scores about 0.8 over its quartiles; by
// half a standard deviation about 0.2 (not fired).
inline constexpr double kDefaultMaxShift = 0.25;

// The allowance for chance (chanceAllowance). Two independent draws of the same population,
// of n_b and n_s records over k bins, give a PSI of about (1/n_b + 1/n_s) · χ²(k − 1) (to
// second order it is the chi-square statistic between the two samples): its mean is
// (k − 1)(1/n_b + 1/n_s). The allowance is that distribution's quantile at one in a million
// (Wilson and Hilferty's approximation with z = 4.75: 5% to 15% above the exact quantile for 1
// to 9 degrees of freedom, on the safe side), so chance alone makes a fresh draw of the same
// population exceed max_shift + allowance in about one scan in a million. Large samples need
// almost none (0.013 for 5,000 records against 5,000 in 4 bins); small ones get a threshold
// that grows as 1/n instead of firing (20 records in 4 bins: 0.25 + 1.65). A check fails when
// its index exceeds max_shift + allowance.
inline constexpr double kChanceQuantileZ = 4.75;

// Shares are written with this many decimals: the same data gives the same check, byte for
// byte, and the baseline reads as percentages with two decimals.
inline constexpr int kShareDecimals = 4;

// A check's baseline, read from its `baseline` property.
struct Baseline
{
    QJsonArray values;    // categorical: the listed values (the last bin is "other")
    QJsonArray edges;     // binned: the k - 1 edges, increasing
    QList<double> shares; // per bin, scaled to add up to 1

    bool binned() const { return !edges.isEmpty(); }
    int bins() const { return int(shares.size()); }
    // Bins the baseline holds records in, less one: the degrees of freedom of chance.
    int freedom() const;
};

// The baseline a `baseline` property holds, or nullopt with what is wrong in `error`.
std::optional<Baseline> readBaseline(const QJsonValue &property, QString *error);

// The property for shares measured by inference: `counts` per bin, in the baseline's order
// (categorical: the values, then other). Shares rounded to kShareDecimals.
QJsonObject categoricalBaseline(const QJsonArray &values, const QList<qint64> &counts);
QJsonObject binnedBaseline(const QJsonArray &edges, const QList<qint64> &counts);

// The PSI between two lists of shares of the same bins (see above).
double stabilityIndex(const QList<double> &baseline, const QList<double> &scan);

// What chance adds to the index between samples of `baselineRecords` and `scanRecords`
// (0: exact, no sample) over bins with `freedom` degrees of freedom.
double chanceAllowance(int freedom, qint64 baselineRecords, qint64 scanRecords);

} // namespace assay::distribution_shift
