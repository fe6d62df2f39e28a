#pragma once

#include <QDateTime>
#include <QJsonArray>
#include <QString>
#include <optional>

// The arithmetic of check inference: reading profile figures back (numbers, moments), widening
// bounds outward to round figures, and deriving a regular expression from sample values.
namespace assay::inference {

// A profile's MIN/MAX text as a number; nullopt when empty or not a number.
std::optional<double> number(const QString &text);

// A profile's MIN/MAX text of a date or timestamp as a UTC moment: "2024-01-05",
// "2024-01-05 10:00:00[.123456]", "...T...", with "Z", "+00", "+01:00" or "+0100". A moment
// without an offset is taken as UTC. Invalid when it does not read as one.
QDateTime moment(const QString &text);

// ISO-8601 text of a moment for a check property: "2024-01-05" for a date field,
// "2024-01-05T10:00:00Z" for a timestamp.
QString momentText(const QDateTime &moment, bool dateOnly);

// A number rounded down (up) at its leading digit: 1234 -> 1000 (2000), 97 -> 90 (100),
// -15 -> -20 (-10), 0.35 -> 0.3 (0.4), 0 -> 0.
double leadingDigitFloor(double value);
double leadingDigitCeil(double value);

// [min, max] widened by a tenth of its span (or of its magnitude when min == max) and rounded
// outward to the margin's power of ten; whole numbers for integral fields; never across zero
// when the data does not cross it. With the field's centre (its mean), each side widens instead
// by the distance from the centre to that end when that is larger: a fresh draw of a skewed
// population reaches further along its long tail than the draw it was learned from.
struct Range
{
    double min = 0;
    double max = 0;
};
Range widenedRange(double min, double max, bool integral,
                   std::optional<double> centre = std::nullopt);

// The margin widenedRange puts below `min` and above `max`, before rounding.
struct Margins
{
    double below = 0;
    double above = 0;
};
Margins rangeMargins(double min, double max, std::optional<double> centre);

// [min, max] widened by a tenth of its span (at least a day) and rounded outward to whole UTC
// days.
struct TimeRange
{
    QDateTime min;
    QDateTime max;
};
TimeRange widenedTimeRange(const QDateTime &min, const QDateTime &max);

// The upper bound of a date field that holds future moments (due dates, expiries): the
// latest seen plus its whole span (at least a year), so more records of the same kind stay
// inside; rounded up to a whole UTC day.
QDateTime futureCeiling(const QDateTime &min, const QDateTime &max);

// A regular expression learned from a histogram's values ([{"value", "count"}...]): the shape
// (runs of upper-case letters, lower-case letters or digits, and literal punctuation) most of
// the values share.
struct DerivedPattern
{
    QString strict;   // fixed run lengths kept: ^[A-Z]{3}-[0-9]+$ (the digits vary)
    QString loose;    // any run length: ^[A-Z]+-[0-9]+$
    double share = 0; // of the histogram's counted values, those of this shape
    int distinct = 0; // distinct values of this shape
};
std::optional<DerivedPattern> derivePattern(const QJsonArray &histogram);

} // namespace assay::inference
