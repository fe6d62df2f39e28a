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

QString percent(double share)
{
    const QLocale locale;
    double p = share * 100.0;
    if (share > 0 && share < 1) {
        // A share that is not whole never reads as 0% or 100%.
        p = qBound(0.1, p, 99.9);
    }
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
