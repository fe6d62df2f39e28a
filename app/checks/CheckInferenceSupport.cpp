#include "app/checks/CheckInferenceSupport.h"

#include <QHash>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTimeZone>
#include <cmath>

namespace assay::inference {

namespace {

// Rounds away the binary noise of decimal arithmetic (0.30000000000000004 -> 0.3).
double clean(double v)
{
    return QString::number(v, 'g', 12).toDouble();
}

double magnitude(double value)
{
    return std::pow(10.0, std::floor(std::log10(std::abs(value))));
}

// One run of a value's shape: a character class ('A' upper, 'a' lower, 'L' any letter, '9'
// digit) or one literal character, repeated `length` times.
struct Run
{
    QChar kind;
    bool literal = false;
    int length = 0;
};

QList<Run> runs(const QString &value, bool caseBlind, bool *ok)
{
    QList<Run> out;
    for (const QChar c : value) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f) {
            *ok = false; // control characters: no pattern worth writing
            return {};
        }
        Run r;
        const ushort u = c.unicode();
        if (u >= 'A' && u <= 'Z')
            r.kind = caseBlind ? QLatin1Char('L') : QLatin1Char('A');
        else if (u >= 'a' && u <= 'z')
            r.kind = caseBlind ? QLatin1Char('L') : QLatin1Char('a');
        else if (u >= '0' && u <= '9')
            r.kind = QLatin1Char('9');
        else {
            r.kind = c;
            r.literal = true;
        }
        if (!out.isEmpty() && out.last().kind == r.kind && out.last().literal == r.literal)
            ++out.last().length;
        else {
            r.length = 1;
            out << r;
        }
    }
    *ok = !out.isEmpty();
    return out;
}

QString signature(const QList<Run> &rs)
{
    QString s;
    for (const Run &r : rs)
        s += (r.literal ? QLatin1Char('\\') : QLatin1Char('.')) + r.kind;
    return s;
}

QString quantifier(int min, int max)
{
    if (min == 1 && max == 1)
        return QString();
    if (min == max)
        return QStringLiteral("{%1}").arg(min);
    return QStringLiteral("{%1,%2}").arg(min).arg(max);
}

QString classOf(QChar kind)
{
    switch (kind.unicode()) {
    case 'A':
        return QStringLiteral("[A-Z]");
    case 'a':
        return QStringLiteral("[a-z]");
    case 'L':
        return QStringLiteral("[A-Za-z]");
    default:
        return QStringLiteral("[0-9]");
    }
}

// A literal character in a pattern every regex flavour reads alike (POSIX ERE, PCRE, Qt).
QString escaped(QChar c)
{
    static const QString meta = QStringLiteral("\\.^$|?*+()[]{}");
    return meta.contains(c) ? QStringLiteral("\\") + c : QString(c);
}

struct Group
{
    QList<Run> shape;
    QList<int> minLength, maxLength;
    double weight = 0;
    int distinct = 0;
};

std::optional<DerivedPattern> derive(const QJsonArray &histogram, bool caseBlind)
{
    QHash<QString, Group> groups;
    double total = 0;
    for (const QJsonValue &v : histogram) {
        const QJsonObject bucket = v.toObject();
        const QString value = bucket.value(QStringLiteral("value")).toString();
        const double count = qMax(1.0, bucket.value(QStringLiteral("count")).toDouble());
        total += count;
        bool ok = false;
        const QList<Run> rs = runs(value, caseBlind, &ok);
        if (!ok)
            continue;
        Group &g = groups[signature(rs)];
        if (g.shape.isEmpty()) {
            g.shape = rs;
            for (const Run &r : rs) {
                g.minLength << r.length;
                g.maxLength << r.length;
            }
        }
        for (int i = 0; i < rs.size(); ++i) {
            g.minLength[i] = qMin(g.minLength.at(i), rs.at(i).length);
            g.maxLength[i] = qMax(g.maxLength.at(i), rs.at(i).length);
        }
        g.weight += count;
        ++g.distinct;
    }
    const Group *best = nullptr;
    for (auto it = groups.cbegin(); it != groups.cend(); ++it)
        if (!best || it->weight > best->weight ||
            (it->weight == best->weight && signature(it->shape) < signature(best->shape)))
            best = &it.value();
    if (!best || total <= 0)
        return std::nullopt;
    DerivedPattern p;
    p.share = best->weight / total;
    p.distinct = best->distinct;
    int classRuns = 0;
    QString strict, loose;
    for (int i = 0; i < best->shape.size(); ++i) {
        const Run &r = best->shape.at(i);
        const QString q = quantifier(best->minLength.at(i), best->maxLength.at(i));
        if (r.literal) {
            const QString text = escaped(r.kind);
            strict += text + q;
            loose += text + q;
        } else {
            ++classRuns;
            // A run whose length varies may grow past the longest seen (a name, a counter):
            // only a fixed length is kept.
            const bool fixed = best->minLength.at(i) == best->maxLength.at(i);
            strict += classOf(r.kind) + (fixed ? q : QStringLiteral("+"));
            loose += classOf(r.kind) + QLatin1Char('+');
        }
    }
    if (classRuns == 0)
        return std::nullopt; // punctuation only: nothing learned
    p.strict = QLatin1Char('^') + strict + QLatin1Char('$');
    p.loose = QLatin1Char('^') + loose + QLatin1Char('$');
    return p;
}

} // namespace

std::optional<double> number(const QString &text)
{
    bool ok = false;
    const double v = text.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(v))
        return std::nullopt;
    return v;
}

QDateTime moment(const QString &text)
{
    static const QRegularExpression re(QStringLiteral(
        "^(\\d{4})-(\\d{2})-(\\d{2})(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d+))?)?)?"
        "\\s*(Z|[+-]\\d{2}(?::?\\d{2})?)?$"));
    const QRegularExpressionMatch m = re.match(text.trimmed());
    if (!m.hasMatch())
        return QDateTime();
    const QDate date(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
    int ms = 0;
    if (!m.captured(7).isEmpty())
        ms = (m.captured(7) + QStringLiteral("00")).left(3).toInt();
    const QTime time(m.captured(4).toInt(), m.captured(5).toInt(), m.captured(6).toInt(), ms);
    if (!date.isValid() || !time.isValid())
        return QDateTime();
    QDateTime out(date, time, Qt::UTC);
    const QString zone = m.captured(8);
    if (!zone.isEmpty() && zone != QLatin1String("Z")) {
        QString digits = zone.mid(1);
        digits.remove(QLatin1Char(':'));
        const int seconds = digits.left(2).toInt() * 3600 + digits.mid(2).toInt() * 60;
        out = out.addSecs(zone.startsWith(QLatin1Char('+')) ? -seconds : seconds);
    }
    return out;
}

QString momentText(const QDateTime &moment, bool dateOnly)
{
    const QDateTime utc = moment.toUTC();
    if (dateOnly)
        return utc.date().toString(Qt::ISODate);
    return utc.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ"));
}

double leadingDigitFloor(double value)
{
    if (value == 0 || !std::isfinite(value))
        return value;
    if (value < 0)
        return -leadingDigitCeil(-value);
    const double m = magnitude(value);
    return clean(std::floor(clean(value / m)) * m);
}

double leadingDigitCeil(double value)
{
    if (value == 0 || !std::isfinite(value))
        return value;
    if (value < 0)
        return -leadingDigitFloor(-value);
    const double m = magnitude(value);
    return clean(std::ceil(clean(value / m)) * m);
}

Margins rangeMargins(double min, double max, std::optional<double> centre)
{
    const double span = max - min;
    double margin = span > 0 ? span * 0.1 : std::abs(min) * 0.1;
    if (margin <= 0)
        margin = 1;
    Margins m{margin, margin};
    if (centre && *centre >= min && *centre <= max) {
        m.below = qMax(margin, *centre - min);
        m.above = qMax(margin, max - *centre);
    }
    return m;
}

Range widenedRange(double min, double max, bool integral, std::optional<double> centre)
{
    const Margins margins = rangeMargins(min, max, centre);
    const auto stepOf = [integral](double margin) {
        const double step = magnitude(margin);
        return integral ? qMax(step, 1.0) : step;
    };
    const double below = stepOf(margins.below), above = stepOf(margins.above);
    Range r;
    r.min = clean(std::floor(clean((min - margins.below) / below)) * below);
    r.max = clean(std::ceil(clean((max + margins.above) / above)) * above);
    if (min >= 0 && r.min < 0)
        r.min = 0;
    if (max <= 0 && r.max > 0)
        r.max = 0;
    return r;
}

TimeRange widenedTimeRange(const QDateTime &min, const QDateTime &max)
{
    const qint64 span = min.secsTo(max);
    const qint64 margin = qMax<qint64>(86400, span / 10);
    TimeRange r;
    r.min = QDateTime(min.toUTC().addSecs(-margin).date(), QTime(0, 0), Qt::UTC);
    r.max = QDateTime(max.toUTC().addSecs(margin).date().addDays(1), QTime(0, 0), Qt::UTC);
    return r;
}

QDateTime futureCeiling(const QDateTime &min, const QDateTime &max)
{
    const qint64 margin = qMax<qint64>(365 * 86400, min.secsTo(max));
    return QDateTime(max.toUTC().addSecs(margin).date().addDays(1), QTime(0, 0), Qt::UTC);
}

std::optional<DerivedPattern> derivePattern(const QJsonArray &histogram)
{
    const auto exact = derive(histogram, false);
    const auto blind = derive(histogram, true);
    if (!exact)
        return blind;
    if (!blind || exact->share >= blind->share - 1e-9)
        return exact;
    return blind;
}

} // namespace assay::inference
