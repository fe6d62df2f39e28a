#pragma once

#include <QDateTime>
#include <QJsonArray>
#include <QString>
#include <optional>

namespace assay {

// One field's profile from one Profile operation (the Catalog keeps the history).
struct FieldProfile
{
    qint64 id = 0;
    qint64 operationId = 0;
    qint64 containerId = 0;
    qint64 fieldId = 0;
    QString fieldName;
    QDateTime profiledAt;
    qint64 records = 0;
    double completeness = 0; // non-null / records (0..1)
    qint64 distinctValues = 0;
    bool distinctApproximate = false;
    QString minValue;
    QString maxValue;
    std::optional<double> mean;
    std::optional<double> sum;
    std::optional<double> stdDev;
    std::optional<double> skewness;
    std::optional<double> kurtosis;
    std::optional<qint64> minLength;
    std::optional<qint64> maxLength;
    std::optional<double> q1;
    std::optional<double> median;
    std::optional<double> q3;
    bool quantilesApproximate = false;
    // Profile's second pass read a sample of the records (a container larger than its sample
    // size): top values and their shares, entropy, skewness, kurtosis, quantiles and the numeric
    // buckets are then estimates; the first pass's counts, completeness, min, max, sum, mean,
    // deviation (but see deviationApproximate) and lengths stay exact.
    bool sampled = false;
    // Skewness and kurtosis came from the sample too. Where the first pass measures the moments
    // of every record (SQLite), they stay exact even when the rest was sampled.
    bool momentsApproximate = false;
    // The standard deviation came from the sample: PostgreSQL's exact decimals, whose deviation
    // the second pass measures (exact when it read every record).
    bool deviationApproximate = false;
    std::optional<double> entropy; // Shannon entropy (bits) of the values' distribution
    QString declaredType;
    QString inferredType;
    // How the field was measured when not the plain way, or why some figures are missing: the
    // type's strategy ("ordered as text"), a fallback after the database refused a figure
    // ("completeness only (function min(foo) does not exist)"), a collation. Shown beside the
    // figures.
    QString note;
    QJsonArray histogram; // [{"value": "...", "count": n}, ...], most frequent first
    // Numeric fields: equal-width buckets between min and max, [{"lower", "upper", "count"}],
    // counted in the rows Profile's second pass read (a sample when `sampled`).
    QJsonArray buckets;
};

} // namespace assay
