#pragma once

#include "models/domain/FieldProfile.h"

#include <QCoreApplication>
#include <QString>
#include <optional>

namespace assay::profile_format {

// The mark put before a figure that is not exact, and why.
inline constexpr QChar kApproxMark = QChar(0x2248); // ≈
QString approximateSampleTip();                     // computed from a sample of the records
QString approximateDistinctTip(); // an approximate distinct count (function or sample)

// A figure for a person: "12,345.68", "0.0042", "1.23e+18"; whole numbers without decimals.
QString number(double value);
QString number(const std::optional<double> &value); // "" when absent
QString count(qint64 value);                        // "12,345"
// A statistic computed in floating point (skewness, kurtosis): as number(), with values within
// rounding noise of zero (1.5e-16 for a symmetric distribution) shown as 0.
QString statistic(const std::optional<double> &value);
// A field's min or max as Profile recorded it (text): a number of a numeric field formatted as
// number() formats it ("15,000", not "15000"); any other value as it is.
QString extreme(const FieldProfile &profile, const QString &value);
// A share 0..1 as a percentage: "97.5%", "100%", and "> 99.9%"/"< 0.1%" instead of rounding an
// inexact share to 100% or 0% (1 in 15,000 is "< 0.1%", not "0.1%").
QString percent(double share);
// Prefixes the approximate mark when `approximate` (and the text is not empty).
QString approx(const QString &text, bool approximate);

// Whether Profile's second pass read a sample of the records: then top values and their shares,
// entropy, skewness, kurtosis, quantiles and numeric buckets are estimates.
bool sampled(const FieldProfile &profile);
// Distinct values over non-null values (0..1), absent when there are no values.
std::optional<double> distinctRatio(const FieldProfile &profile);
// The declared type's family name ("integral", "string"...).
QString declaredFamily(const FieldProfile &profile);
// True when the values were inferred to be of another family than the declared type.
bool typeMismatch(const FieldProfile &profile);
// "integral" -> "Integral".
QString familyTitle(const QString &family);

} // namespace assay::profile_format
