#include "app/checks/CheckInferenceFormats.h"

#include <QJsonObject>
#include <QList>
#include <QRegularExpression>

namespace assay::inference {

namespace {

// Fewer distinct values than this say nothing about a format.
constexpr int kMinValues = 5;
// The share of the values read that must have a format for it to be proposed.
constexpr double kMinFormatShare = 0.8;

struct FormatRule
{
    const char *name;
    const char *pattern;
    // When set, the field's name must say so too: a postcode's shape is shared by many codes.
    const char *nameHint = nullptr;
};

// Most specific first: a UUID also reads as a postcode-like run of characters.
const QList<FormatRule> &formatRules()
{
    static const QList<FormatRule> rules{
        {"UUID", "^[0-9A-Fa-f]{8}-?[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{4}-?"
                 "[0-9A-Fa-f]{12}$"},
        {"e-mail address", "^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}$"},
        {"URL", "^([Hh][Tt][Tt][Pp][Ss]?|[Ff][Tt][Pp])://[A-Za-z0-9.-]+(:[0-9]+)?([/?#][^ ]*)?$"},
        // International or national numbers: an optional +, digits in groups separated by a
        // space, dot, dash or brackets, 7 to 20 characters.
        {"phone number", "^[+]?[(]?[0-9]{1,4}[)]?([ .-]?[(]?[0-9]{1,5}[)]?){1,5}$",
         "phone|tel|mobile|fax|cell"},
        // US ZIP (+4), Canadian, British and the digit-and-letter codes of most countries.
        {"postcode", "^[A-Za-z0-9]{2,5}([ -]?[A-Za-z0-9]{2,4})?$", "zip|post|postal|plz|cep"},
    };
    return rules;
}

QStringList valuesOf(const QJsonArray &histogram)
{
    QStringList values;
    for (const QJsonValue &v : histogram) {
        const QString value = v.toObject().value(QStringLiteral("value")).toString();
        if (!value.isEmpty())
            values << value;
    }
    return values;
}

bool allMatch(const QStringList &values, const QRegularExpression &re)
{
    for (const QString &value : values)
        if (!re.match(value).hasMatch())
            return false;
    return true;
}

// The values of `values` that `re` matches.
QStringList matching(const QStringList &values, const QRegularExpression &re)
{
    QStringList out;
    for (const QString &value : values)
        if (re.match(value).hasMatch())
            out << value;
    return out;
}

int digitCount(const QString &value)
{
    int n = 0;
    for (const QChar c : value)
        n += c.isDigit() ? 1 : 0;
    return n;
}

} // namespace

std::optional<KnownFormat> knownFormatOf(const QJsonArray &histogram, const QString &fieldName)
{
    const QStringList values = valuesOf(histogram);
    if (values.size() < kMinValues)
        return std::nullopt;
    for (const FormatRule &rule : formatRules()) {
        if (rule.nameHint && !QRegularExpression(QLatin1String(rule.nameHint),
                                                 QRegularExpression::CaseInsensitiveOption)
                                  .match(fieldName)
                                  .hasMatch())
            continue;
        const QString pattern = QLatin1String(rule.pattern);
        // Most of the values read, not all: the values a check is learned from may hold the
        // very defects it should catch. The holdout then keeps the format only where every
        // record has it, or (level 5) as a shape.
        const QStringList formatted = matching(values, QRegularExpression(pattern));
        if (formatted.size() < kMinValues ||
            double(formatted.size()) < kMinFormatShare * double(values.size()))
            continue;
        const QString name = QLatin1String(rule.name);
        if (name == QLatin1String("phone number")) {
            // Seven to fifteen digits (E.164 allows at most fifteen).
            bool phoneLike = true;
            for (const QString &v : formatted)
                phoneLike = phoneLike && digitCount(v) >= 7 && digitCount(v) <= 15;
            if (!phoneLike)
                continue;
        }
        return KnownFormat{name, pattern};
    }
    return std::nullopt;
}

QString textTypeOf(const QJsonArray &histogram)
{
    const QStringList values = valuesOf(histogram);
    if (values.size() < kMinValues)
        return QString();
    static const QRegularExpression integral(QStringLiteral("^\\s*[+-]?[0-9]+\\s*$"));
    static const QRegularExpression fractional(
        QStringLiteral("^\\s*[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?\\s*$"));
    static const QRegularExpression date(
        QStringLiteral("^\\s*[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}\\s*$"));
    static const QRegularExpression timestamp(QStringLiteral(
        "^\\s*[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([ T][0-9]{1,2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?)?\\s*"
        "(Z|[+-][0-9]{2}(:?[0-9]{2})?)?\\s*$"));
    // Zero-padded digit strings ("00123") are codes, not numbers: their zeros matter.
    bool padded = false;
    for (const QString &v : values)
        padded = padded || (v.trimmed().size() > 1 && v.trimmed().startsWith(QLatin1Char('0')) &&
                            v.trimmed().at(1).isDigit());
    if (!padded && allMatch(values, integral))
        return QStringLiteral("integral");
    if (!padded && allMatch(values, fractional))
        return QStringLiteral("fractional");
    if (allMatch(values, date))
        return QStringLiteral("date");
    if (allMatch(values, timestamp))
        return QStringLiteral("timestamp");
    return QString();
}

bool keyLikeName(const QString &fieldName)
{
    static const QRegularExpression snake(
        QStringLiteral("(^|[_ .-])(id|key|no|nr|num|number|code|sku|uuid|guid|ref)$"),
        QRegularExpression::CaseInsensitiveOption);
    // camelCase and PascalCase: AlbumId, customerID, orderNo, productCode.
    static const QRegularExpression camel(
        QStringLiteral("[a-z0-9](Id|ID|Key|No|Nr|Num|Number|Code|Uuid|UUID|Guid|GUID|Ref)$"));
    static const QRegularExpression whole(QStringLiteral("^(id|uuid|guid|sku|key|code)$"),
                                          QRegularExpression::CaseInsensitiveOption);
    return whole.match(fieldName).hasMatch() || snake.match(fieldName).hasMatch() ||
           camel.match(fieldName).hasMatch();
}

bool identifierName(const QString &fieldName)
{
    static const QRegularExpression code(QStringLiteral("(^|[_ .-]|[a-z0-9])(code|Code|CODE)$"));
    return keyLikeName(fieldName) && !code.match(fieldName).hasMatch();
}

} // namespace assay::inference
