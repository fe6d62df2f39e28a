#include "ui/profile/ProfileMetrics.h"

#include "ui/profile/ProfileFormat.h"

#include <QCoreApplication>

namespace assay {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(assay::ProfileMetrics)
};

QString groupCardinality()
{
    return Text::tr("Completeness and cardinality");
}
QString groupRange()
{
    return Text::tr("Range");
}
QString groupDistribution()
{
    return Text::tr("Distribution");
}
QString groupQuantiles()
{
    return Text::tr("Quantiles");
}

QString lengthText(const std::optional<qint64> &length)
{
    if (!length)
        return QString();
    return *length == 1 ? Text::tr("1 character")
                        : Text::tr("%1 characters").arg(profile_format::count(*length));
}

} // namespace

QString ProfileMetric::shown() const
{
    return text.isEmpty() ? QStringLiteral("—") : profile_format::approx(text, approximate);
}

QStringList profileMetricGroups()
{
    return {groupCardinality(), groupRange(), groupDistribution(), groupQuantiles()};
}

QList<ProfileMetric> profileMetrics(const FieldProfile &p)
{
    namespace f = profile_format;
    const bool sampled = f::sampled(p);
    const QString sampleTip = f::approximateSampleTip();
    const QString distinctTip = f::approximateDistinctTip();
    QList<ProfileMetric> m;
    auto add = [&m](const char *key, const QString &group, const QString &title,
                    const QString &text, const QString &help, bool approximate = false,
                    const QString &tip = QString()) {
        m << ProfileMetric{QLatin1String(key), group, title, text, approximate, tip, help};
    };

    const QString card = groupCardinality();
    add("records", card, Text::tr("Records"), f::count(p.records),
        Text::tr("Records in the container when it was profiled."));
    add("completeness", card, Text::tr("Completeness"), f::percent(p.completeness),
        Text::tr("Share of the records where the field has a value (is not null)."));
    add("distinct", card, Text::tr("Distinct values"), f::count(p.distinctValues),
        Text::tr("How many different values the field holds."), p.distinctApproximate, distinctTip);
    const auto ratio = f::distinctRatio(p);
    add("distinctRatio", card, Text::tr("Unique / distinct ratio"),
        ratio ? f::number(*ratio) : QString(),
        Text::tr("Distinct values over non-null values: 1 when every value is different."),
        p.distinctApproximate, distinctTip);
    add("entropy", card, Text::tr("Entropy"),
        p.entropy ? Text::tr("%1 bits").arg(f::number(*p.entropy)) : QString(),
        Text::tr("Shannon entropy of the values: 0 when one value fills the field, higher as "
                 "values spread out."),
        sampled, sampleTip);

    const QString range = groupRange();
    add("min", range, Text::tr("Min"), f::extreme(p, p.minValue), Text::tr("The lowest value."));
    add("max", range, Text::tr("Max"), f::extreme(p, p.maxValue), Text::tr("The highest value."));
    add("minLength", range, Text::tr("Min length"), lengthText(p.minLength),
        Text::tr("The shortest value, in characters."));
    add("maxLength", range, Text::tr("Max length"), lengthText(p.maxLength),
        Text::tr("The longest value, in characters."));

    const QString dist = groupDistribution();
    add("mean", dist, Text::tr("Mean"), f::number(p.mean), Text::tr("The average value."));
    add("sum", dist, Text::tr("Sum"), f::number(p.sum), Text::tr("The values added up."));
    add("stdDev", dist, Text::tr("Std deviation"), f::number(p.stdDev),
        Text::tr("Sample standard deviation: how far values typically lie from the mean."),
        p.deviationApproximate, sampleTip);
    // Skewness and kurtosis come from every record where the first pass measures the moments
    // (SQLite), else from the rows the second pass read.
    add("skewness", dist, Text::tr("Skewness"), f::statistic(p.skewness),
        Text::tr("Asymmetry of the distribution: positive when the tail is on the right."),
        p.momentsApproximate, sampleTip);
    add("kurtosis", dist, Text::tr("Kurtosis"), f::statistic(p.kurtosis),
        Text::tr("Excess kurtosis: positive when the tails are heavier than a normal "
                 "distribution's."),
        p.momentsApproximate, sampleTip);

    const QString quant = groupQuantiles();
    add("q1", quant, Text::tr("Q1"), f::number(p.q1),
        Text::tr("First quartile: a quarter of the values are at most this."), sampled, sampleTip);
    add("median", quant, Text::tr("Median"), f::number(p.median),
        Text::tr("Half of the values are at most this."), sampled, sampleTip);
    add("q3", quant, Text::tr("Q3"), f::number(p.q3),
        Text::tr("Third quartile: three quarters of the values are at most this."), sampled,
        sampleTip);
    return m;
}

} // namespace assay
