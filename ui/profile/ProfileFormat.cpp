#include "ui/profile/ProfileFormat.h"

#include "app/connectors/FieldTypes.h"

#include <QJsonObject>
#include <QLocale>
#include <cmath>

namespace assay::profile_format {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(assay::ProfileFormat)
};

// Drops the zeros a fixed-point rendering leaves after the decimal point ("12.50" -> "12.5").
QString trimZeros(QString text, const QLocale &locale)
{
    const QString point = locale.decimalPoint();
    if (!text.contains(point))
        return text;
    while (text.endsWith(locale.zeroDigit()))
        text.chop(1);
    if (text.endsWith(point))
        text.chop(point.size());
    return text;
}

} // namespace

QString approximateSampleTip()
{
    return Text::tr("Approximate: computed from a sample of the records.");
}

QString approximateDistinctTip()
{
    return Text::tr("Approximate: counted with the database's approximate distinct function or "
                    "over a sample of the records.");
}

QString number(double value)
{
    const QLocale locale;
    if (!std::isfinite(value))
        return locale.toString(value);
    const double magnitude = std::fabs(value);
    if (magnitude != 0 && (magnitude >= 1e15 || magnitude < 1e-4))
        return locale.toString(value, 'g', 4);
    const int decimals = magnitude >= 1000 ? 2 : magnitude >= 1 ? 3 : 4;
    QString text = trimZeros(locale.toString(value, 'f', decimals), locale);
    if (text == QStringLiteral("-0"))
        text = locale.toString(0);
    return text;
}

QString number(const std::optional<double> &value)
{
    return value ? number(*value) : QString();
}

QString count(qint64 value)
{
    return QLocale().toString(value);
}

QString statistic(const std::optional<double> &value)
{
    if (!value)
        return QString();
    constexpr double kNoise = 1e-9;
    return number(std::fabs(*value) < kNoise ? 0.0 : *value);
}

QString extreme(const FieldProfile &profile, const QString &value)
{
    const QString family = declaredFamily(profile);
    if (family != QLatin1String("integral") && family != QLatin1String("fractional"))
        return value;
    bool ok = false;
    const double d = value.trimmed().toDouble(&ok);
    // Integers past 2^53 would lose digits as doubles: those stay as the database gave them.
    if (!ok || (family == QLatin1String("integral") && std::fabs(d) >= 9007199254740992.0))
        return value;
    return number(d);
}

QString percent(double share)
{
    const QLocale locale;
    const double p = share * 100.0;
    // A share that is not whole never reads as 0% or 100%, nor as a figure it is not.
    if (share > 0 && p < 0.05)
        return Text::tr("< %1%").arg(locale.toString(0.1, 'f', 1));
    if (share < 1 && p > 99.95)
        return Text::tr("> %1%").arg(locale.toString(99.9, 'f', 1));
    const bool whole = std::fabs(p - std::round(p)) < 0.05;
    return Text::tr("%1%").arg(locale.toString(p, 'f', whole ? 0 : 1));
}

QString approx(const QString &text, bool approximate)
{
    if (!approximate || text.isEmpty())
        return text;
    return QString(kApproxMark) + QChar(0x2009) + text; // a thin space after the mark
}

bool sampled(const FieldProfile &profile)
{
    // What Profile recorded; approximate quantiles also come only from a sample.
    return profile.sampled || profile.quantilesApproximate;
}

std::optional<double> distinctRatio(const FieldProfile &profile)
{
    const double nonNull = profile.completeness * double(profile.records);
    if (nonNull < 0.5)
        return std::nullopt;
    return qMin(1.0, double(profile.distinctValues) / nonNull);
}

QString declaredFamily(const FieldProfile &profile)
{
    return profile.declaredType.isEmpty() ? QString()
                                          : typeFamilyName(typeFamily(profile.declaredType));
}

bool typeMismatch(const FieldProfile &profile)
{
    if (profile.inferredType.isEmpty() || profile.declaredType.isEmpty())
        return false;
    return declaredFamily(profile).compare(profile.inferredType, Qt::CaseInsensitive) != 0;
}

QString familyTitle(const QString &family)
{
    if (family.isEmpty())
        return family;
    return family.left(1).toUpper() + family.mid(1);
}

} // namespace assay::profile_format
