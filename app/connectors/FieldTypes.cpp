#include "app/connectors/FieldTypes.h"

#include "models/domain/Container.h"

#include <QRegularExpression>

namespace assay {

TypeFamily typeFamily(const QString &declaredType)
{
    const QString t = declaredType.trimmed().toLower();
    if (t.isEmpty() || t.endsWith(QLatin1Char(']'))) // arrays are no scalar family
        return TypeFamily::Other;
    // The family names themselves: file columns and untyped columns are typed by their values.
    if (t == QLatin1String("integral") || t == QLatin1String("year") ||
        t.startsWith(QLatin1String("year(")))
        return TypeFamily::Integral;
    if (t == QLatin1String("fractional"))
        return TypeFamily::Fractional;
    if (t.startsWith(QLatin1String("timestamp")) || t.startsWith(QLatin1String("datetime")) ||
        t == QLatin1String("timestamptz"))
        return TypeFamily::Timestamp;
    if (t == QLatin1String("date"))
        return TypeFamily::Date;
    if (t.startsWith(QLatin1String("time")))
        return TypeFamily::Time;
    if (t == QLatin1String("boolean") || t == QLatin1String("bool") ||
        t == QLatin1String("tinyint(1)") || t == QLatin1String("bit") ||
        t == QLatin1String("bit(1)"))
        return TypeFamily::Boolean;
    static const QRegularExpression integral(QStringLiteral(
        "^(tiny|small|medium|big)?int(eger)?\\d?(\\(\\d+\\))?( unsigned)?( zerofill)?$|"
        "^(small|big)?serial\\d?$|^int[248]$|^(number|numeric|decimal)\\(\\d+(,\\s*0)?\\)$"));
    if (integral.match(t).hasMatch())
        return TypeFamily::Integral;
    if (t.startsWith(QLatin1String("numeric")) || t.startsWith(QLatin1String("decimal")) ||
        t.startsWith(QLatin1String("real")) || t.startsWith(QLatin1String("double")) ||
        t.startsWith(QLatin1String("float")) || t.startsWith(QLatin1String("number")) ||
        t == QLatin1String("money"))
        return TypeFamily::Fractional;
    if (t.contains(QLatin1String("char")) || t.contains(QLatin1String("text")) ||
        t.contains(QLatin1String("string")) || t.contains(QLatin1String("clob")) ||
        t == QLatin1String("uuid") || t.startsWith(QLatin1String("enum")) ||
        t == QLatin1String("citext") || t == QLatin1String("name"))
        return TypeFamily::String;
    return TypeFamily::Other;
}

TypeFamily fieldFamily(const Field &field)
{
    return typeFamily(field.baseType.isEmpty() ? field.declaredType : field.baseType);
}

QString typeFamilyName(TypeFamily family)
{
    switch (family) {
    case TypeFamily::Integral:
        return QStringLiteral("integral");
    case TypeFamily::Fractional:
        return QStringLiteral("fractional");
    case TypeFamily::Boolean:
        return QStringLiteral("boolean");
    case TypeFamily::Date:
        return QStringLiteral("date");
    case TypeFamily::Timestamp:
        return QStringLiteral("timestamp");
    case TypeFamily::Time:
        return QStringLiteral("time");
    case TypeFamily::String:
        return QStringLiteral("string");
    case TypeFamily::Other:
        break;
    }
    return QStringLiteral("other");
}

bool isDateTimeFamily(TypeFamily family)
{
    return family == TypeFamily::Date || family == TypeFamily::Timestamp;
}

} // namespace assay
