#include "app/enrichment/Prefix.h"

#include <QCoreApplication>
#include <QVector>

namespace assay {

namespace {

// The context of this file's translatable text (as lupdate sees it, too).
struct EnrichmentPrefixText
{
    Q_DECLARE_TR_FUNCTIONS(assay::EnrichmentPrefix)
};

bool isAsciiLower(QChar c)
{
    return c >= QLatin1Char('a') && c <= QLatin1Char('z');
}

bool isAsciiUpper(QChar c)
{
    return c >= QLatin1Char('A') && c <= QLatin1Char('Z');
}

bool isAsciiDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}

// Letters NFKD leaves alone but that have a usual ASCII spelling (lower case).
QString foldSpecial(QChar c)
{
    switch (c.toLower().unicode()) {
    case 0x00DF: // ß (ẞ lower-cases to it)
        return QStringLiteral("ss");
    case 0x00E6: // æ
        return QStringLiteral("ae");
    case 0x0153: // œ
        return QStringLiteral("oe");
    case 0x00F8: // ø
        return QStringLiteral("o");
    case 0x0111: // đ
        return QStringLiteral("d");
    case 0x0142: // ł
        return QStringLiteral("l");
    case 0x00FE: // þ
        return QStringLiteral("th");
    case 0x0131: // ı
        return QStringLiteral("i");
    default:
        break;
    }
    return QString();
}

bool isMark(QChar c)
{
    const QChar::Category category = c.category();
    return category == QChar::Mark_NonSpacing || category == QChar::Mark_SpacingCombining ||
           category == QChar::Mark_Enclosing;
}

// What one input character contributes: lower-case ASCII text, and whether it was written as a
// capital, a small letter or a digit (for word boundaries); or a separator.
struct Unit
{
    enum Kind { Separator, Upper, Lower, Digit };
    Kind kind = Separator;
    QString text;
};

QVector<Unit> foldToUnits(const QString &input)
{
    QVector<Unit> units;
    const auto push = [&units](Unit::Kind kind, const QString &text) {
        if (kind == Unit::Separator && (units.isEmpty() || units.last().kind == Unit::Separator))
            return;
        units.append(Unit{kind, text});
    };
    for (QChar c : input) {
        QString folded = foldSpecial(c);
        if (folded.isEmpty())
            folded = QString(c).normalized(QString::NormalizationForm_KD);
        const Unit::Kind letterKind = (c.isUpper() || c.isTitleCase()) ? Unit::Upper : Unit::Lower;
        QString run;
        const auto flush = [&] {
            if (run.isEmpty())
                return;
            push(isAsciiDigit(run.at(0)) ? Unit::Digit : letterKind, run);
            run.clear();
        };
        for (QChar e : folded) {
            if (isAsciiLower(e) || isAsciiUpper(e) || isAsciiDigit(e)) {
                // A digit inside a letter's decomposition (or the reverse) starts a new unit.
                if (!run.isEmpty() && isAsciiDigit(run.at(0)) != isAsciiDigit(e))
                    flush();
                run += e.toLower();
            } else if (isMark(e)) {
                continue; // the accent of a decomposed letter
            } else {
                flush();
                push(Unit::Separator, QString());
            }
        }
        flush();
    }
    return units;
}

} // namespace

QString normalizeEnrichmentPrefix(const QString &input)
{
    const QVector<Unit> units = foldToUnits(input);
    QStringList words;
    QString word;
    const int n = units.size();
    for (int i = 0; i < n; ++i) {
        const Unit &unit = units.at(i);
        if (unit.kind == Unit::Separator) {
            if (!word.isEmpty())
                words << word;
            word.clear();
            continue;
        }
        if (unit.kind == Unit::Upper && !word.isEmpty()) {
            const Unit::Kind previous = units.at(i - 1).kind;
            const bool afterLowerOrDigit = previous == Unit::Lower || previous == Unit::Digit;
            // The last capital of an acronym starts the next word: "HTTPServer" -> http, server.
            const bool acronymEnd =
                previous == Unit::Upper && i + 1 < n && units.at(i + 1).kind == Unit::Lower;
            if (afterLowerOrDigit || acronymEnd) {
                words << word;
                word.clear();
            }
        }
        word += unit.text;
    }
    if (!word.isEmpty())
        words << word;
    if (words.isEmpty())
        return QString();
    return QLatin1Char('_') + words.join(QLatin1Char('_'));
}

QString validateEnrichmentPrefix(const QString &normalized)
{
    if (normalized.isEmpty() || normalized == QLatin1String("_"))
        return EnrichmentPrefixText::tr(
            "Enter a prefix with at least one letter or digit; it starts the name of every "
            "enrichment table (e.g. _analytics_bronze).");
    if (normalized.size() > kMaxPrefixLength)
        return EnrichmentPrefixText::tr("The prefix is %1 characters long; at most %2 are allowed.")
            .arg(QString::number(normalized.size()), QString::number(kMaxPrefixLength));
    return QString();
}

QStringList enrichmentTableNames(const QString &prefix)
{
    if (prefix.isEmpty())
        return {};
    return {prefix + QStringLiteral("_check_metrics"), prefix + QStringLiteral("_failed_checks"),
            prefix + QStringLiteral("_source_records"),
            prefix + QStringLiteral("_scan_operations")};
}

} // namespace assay
