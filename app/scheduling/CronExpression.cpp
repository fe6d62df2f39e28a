#include "app/scheduling/CronExpression.h"

#include <QStringList>
#include <QtAlgorithms>

namespace assay {

namespace {

constexpr int kMin[CronExpression::kFieldCount] = {0, 0, 1, 1, 0};
constexpr int kMax[CronExpression::kFieldCount] = {59, 23, 31, 12, 6};
// What may be written: day of week accepts 7 (Sunday again).
constexpr int kWrittenMax[CronExpression::kFieldCount] = {59, 23, 31, 12, 7};

const char *const kMonthNames[] = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                   "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
const char *const kDayNames[] = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

quint64 rangeBits(int from, int to, int step = 1)
{
    quint64 bits = 0;
    for (int v = from; v <= to; v += step)
        bits |= quint64(1) << v;
    return bits;
}

quint64 fullBits(CronExpression::Field f)
{
    return rangeBits(kMin[f], kMax[f]);
}

int popCount(quint64 bits)
{
    return qPopulationCount(bits);
}

// The first set bit at or after `from` and at most `max`; -1 when there is none.
int nextBit(quint64 bits, int from, int max)
{
    if (from > max)
        return -1;
    const quint64 masked = bits & (~quint64(0) << from);
    if (!masked)
        return -1;
    const int bit = int(qCountTrailingZeroBits(masked));
    return bit <= max ? bit : -1;
}

QList<int> bitList(quint64 bits, int lo, int hi)
{
    QList<int> out;
    for (int v = lo; v <= hi; ++v)
        if (bits & (quint64(1) << v))
            out << v;
    return out;
}

// The step s when `bits` is exactly {lo, lo+s, lo+2s, ...} up to hi (s >= 2), written `*/s`.
// Two values only count when s divides the range evenly ({0, 30} is */30, {0, 45} is not).
int starStep(quint64 bits, int lo, int hi)
{
    const int count = popCount(bits);
    if (count < 2)
        return 0;
    const QList<int> v = bitList(bits, lo, hi);
    if (v.first() != lo)
        return 0;
    const int step = v.at(1) - v.at(0);
    if (step < 2 || bits != rangeBits(lo, hi, step))
        return 0;
    if (count == 2 && (hi - lo + 1) % step != 0)
        return 0;
    return step;
}

// The bounds of `bits` when it is one run of consecutive values.
bool singleRun(quint64 bits, int lo, int hi, int *first, int *last)
{
    const QList<int> v = bitList(bits, lo, hi);
    if (v.isEmpty() || v.last() - v.first() + 1 != v.size())
        return false;
    *first = v.first();
    *last = v.last();
    return true;
}

// "1-5,7,9": runs of three or more as ranges.
QString runsText(quint64 bits, int lo, int hi)
{
    const QList<int> v = bitList(bits, lo, hi);
    QStringList parts;
    for (int i = 0; i < v.size();) {
        int j = i;
        while (j + 1 < v.size() && v.at(j + 1) == v.at(j) + 1)
            ++j;
        if (j - i >= 2) {
            parts << QStringLiteral("%1-%2").arg(v.at(i)).arg(v.at(j));
        } else {
            for (int k = i; k <= j; ++k)
                parts << QString::number(v.at(k));
        }
        i = j + 1;
    }
    return parts.join(QLatin1Char(','));
}

bool isDigits(const QString &text)
{
    if (text.isEmpty())
        return false;
    for (QChar c : text)
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return false;
    return true;
}

QString ordinal(int n)
{
    const int tens = n % 100;
    const int units = n % 10;
    if (tens < 11 || tens > 13) {
        if (units == 1)
            return CronExpression::tr("%1st").arg(n);
        if (units == 2)
            return CronExpression::tr("%1nd").arg(n);
        if (units == 3)
            return CronExpression::tr("%1rd").arg(n);
    }
    return CronExpression::tr("%1th").arg(n);
}

QString joinWith(const QStringList &items, const QString &lastSeparator)
{
    if (items.size() <= 1)
        return items.value(0);
    return QStringList(items.mid(0, items.size() - 1)).join(QStringLiteral(", ")) + lastSeparator +
           items.last();
}

QString joinAnd(const QStringList &items)
{
    return joinWith(items, CronExpression::tr(" and "));
}

QString joinOr(const QStringList &items)
{
    return joinWith(items, CronExpression::tr(" or "));
}

QStringList numbers(const QList<int> &values)
{
    QStringList out;
    for (int v : values)
        out << QString::number(v);
    return out;
}

QString dayName(int day)
{
    switch (day) {
    case 0:
        return CronExpression::tr("Sunday");
    case 1:
        return CronExpression::tr("Monday");
    case 2:
        return CronExpression::tr("Tuesday");
    case 3:
        return CronExpression::tr("Wednesday");
    case 4:
        return CronExpression::tr("Thursday");
    case 5:
        return CronExpression::tr("Friday");
    default:
        return CronExpression::tr("Saturday");
    }
}

QString monthName(int month)
{
    static const char *const names[] = {
        QT_TRANSLATE_NOOP("CronExpression", "January"),
        QT_TRANSLATE_NOOP("CronExpression", "February"),
        QT_TRANSLATE_NOOP("CronExpression", "March"),
        QT_TRANSLATE_NOOP("CronExpression", "April"),
        QT_TRANSLATE_NOOP("CronExpression", "May"),
        QT_TRANSLATE_NOOP("CronExpression", "June"),
        QT_TRANSLATE_NOOP("CronExpression", "July"),
        QT_TRANSLATE_NOOP("CronExpression", "August"),
        QT_TRANSLATE_NOOP("CronExpression", "September"),
        QT_TRANSLATE_NOOP("CronExpression", "October"),
        QT_TRANSLATE_NOOP("CronExpression", "November"),
        QT_TRANSLATE_NOOP("CronExpression", "December"),
    };
    return CronExpression::tr(names[qBound(1, month, 12) - 1]);
}

QString clockTime(int hour, int minute)
{
    return QStringLiteral("%1:%2")
        .arg(hour, 2, 10, QLatin1Char('0'))
        .arg(minute, 2, 10, QLatin1Char('0'));
}

// One value of a field: a number or (month, day of week) a three-letter name.
bool parseValue(CronExpression::Field f, const QString &token, int *value, QString *error)
{
    const QString name = CronExpression::fieldName(f);
    if (isDigits(token)) {
        bool ok = false;
        const int v = token.size() <= 9 ? token.toInt(&ok) : -1;
        if (!ok || v < kMin[f] || v > kWrittenMax[f]) {
            *error = CronExpression::tr("%1: %2 is out of range %3-%4")
                         .arg(name, token)
                         .arg(kMin[f])
                         .arg(kWrittenMax[f]);
            return false;
        }
        *value = v;
        return true;
    }
    const bool letters = !token.isEmpty() && token.at(0).isLetter();
    if (letters && (f == CronExpression::Month || f == CronExpression::DayOfWeek)) {
        const bool month = f == CronExpression::Month;
        const int count = month ? 12 : 7;
        for (int i = 0; i < count; ++i) {
            if (token.compare(QLatin1String(month ? kMonthNames[i] : kDayNames[i]),
                              Qt::CaseInsensitive) == 0) {
                *value = month ? i + 1 : i;
                return true;
            }
        }
        *error = month ? CronExpression::tr("%1: \"%2\" is not a month name").arg(name, token)
                       : CronExpression::tr("%1: \"%2\" is not a day name").arg(name, token);
        return false;
    }
    *error = CronExpression::tr("%1: \"%2\" is not a number").arg(name, token);
    return false;
}

bool parseField(CronExpression::Field f, const QString &text, quint64 *bits, QString *error)
{
    const QString name = CronExpression::fieldName(f);
    *bits = 0;
    const QStringList items = text.split(QLatin1Char(','));
    for (const QString &item : items) {
        if (item.isEmpty()) {
            *error = CronExpression::tr("%1: empty value in \"%2\"").arg(name, text);
            return false;
        }
        QString base = item;
        int step = 1;
        const qsizetype slash = item.indexOf(QLatin1Char('/'));
        if (slash >= 0) {
            base = item.left(slash);
            const QString stepText = item.mid(slash + 1);
            bool ok = false;
            step = isDigits(stepText) && stepText.size() <= 9 ? stepText.toInt(&ok) : 0;
            if (!ok) {
                *error = CronExpression::tr("%1: \"%2\" is not a valid step").arg(name, stepText);
                return false;
            }
            if (step < 1) {
                *error = CronExpression::tr("%1: step %2 must be at least 1").arg(name, stepText);
                return false;
            }
            // A step as long as the field's range or longer would silently mean "once" (*/61
            // minutes is every hour): refused, with the range.
            if (step > kWrittenMax[f] - kMin[f]) {
                *error = CronExpression::tr("%1: step %2 is larger than the field's range "
                                            "(%3-%4)")
                             .arg(name, stepText)
                             .arg(kMin[f])
                             .arg(kWrittenMax[f]);
                return false;
            }
        }
        int from = kMin[f];
        int to = kMax[f];
        if (base == QLatin1String("*")) {
            // the whole range (day of week: 0-6, Sunday once)
        } else if (const qsizetype dash = base.indexOf(QLatin1Char('-')); dash > 0) {
            if (!parseValue(f, base.left(dash), &from, error) ||
                !parseValue(f, base.mid(dash + 1), &to, error))
                return false;
            if (from > to) {
                *error = CronExpression::tr("%1: range \"%2\" runs backwards").arg(name, base);
                return false;
            }
        } else {
            if (!parseValue(f, base, &from, error))
                return false;
            to = slash >= 0 ? kWrittenMax[f] : from; // "a/n": from a to the end, every n
        }
        *bits |= rangeBits(from, to, step);
    }
    if (f == CronExpression::DayOfWeek && (*bits & (quint64(1) << 7))) {
        *bits &= ~(quint64(1) << 7);
        *bits |= 1; // 7 is Sunday
    }
    return true;
}

QString expandMacro(const QString &text, bool *unknown)
{
    *unknown = false;
    if (!text.startsWith(QLatin1Char('@')))
        return text;
    const QString macro = text.toLower();
    if (macro == QLatin1String("@yearly") || macro == QLatin1String("@annually"))
        return QStringLiteral("0 0 1 1 *");
    if (macro == QLatin1String("@monthly"))
        return QStringLiteral("0 0 1 * *");
    if (macro == QLatin1String("@weekly"))
        return QStringLiteral("0 0 * * 0");
    if (macro == QLatin1String("@daily") || macro == QLatin1String("@midnight"))
        return QStringLiteral("0 0 * * *");
    if (macro == QLatin1String("@hourly"))
        return QStringLiteral("0 * * * *");
    *unknown = true;
    return text;
}

} // namespace

int CronExpression::minimum(Field field)
{
    return kMin[field];
}

int CronExpression::maximum(Field field)
{
    return kMax[field];
}

QString CronExpression::fieldName(Field field)
{
    switch (field) {
    case Minute:
        return tr("minute");
    case Hour:
        return tr("hour");
    case DayOfMonth:
        return tr("day of month");
    case Month:
        return tr("month");
    case DayOfWeek:
        break;
    }
    return tr("day of week");
}

CronExpression CronExpression::parse(const QString &input, QString *error)
{
    QString scratch;
    QString &message = error ? *error : scratch;
    message.clear();
    const QString trimmed = input.simplified();
    bool unknownMacro = false;
    const QString text = expandMacro(trimmed, &unknownMacro);
    if (unknownMacro) {
        message = tr("\"%1\" is not a known shorthand (use @hourly, @daily, @weekly, @monthly or "
                     "@yearly)")
                      .arg(trimmed);
        return {};
    }
    const QStringList fields = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (fields.size() != kFieldCount) {
        message = tr("expected 5 fields, got %1").arg(fields.size());
        return {};
    }
    CronExpression e;
    for (int i = 0; i < kFieldCount; ++i) {
        const Field f = Field(i);
        if (!parseField(f, fields.at(i), &e.m_bits[f], &message))
            return {};
        e.m_text[f] = fields.at(i).toUpper();
        // Only the day fields' star matters (Vixie's day rule); the others are "unrestricted"
        // when they match every value, however written.
        e.m_star[f] = (f == DayOfMonth || f == DayOfWeek)
                          ? fields.at(i).startsWith(QLatin1Char('*'))
                          : e.m_bits[f] == fullBits(f);
    }
    e.m_valid = true;
    return e;
}

bool CronExpression::isAll(Field field) const
{
    return m_bits[field] == fullBits(field);
}

QList<int> CronExpression::values(Field field) const
{
    return bitList(m_bits[field], kMin[field], kMax[field]);
}

bool CronExpression::dayMatches(int /*year*/, int /*month*/, int day, int dayOfWeek) const
{
    const bool dom = m_bits[DayOfMonth] & (quint64(1) << day);
    const bool dow = m_bits[DayOfWeek] & (quint64(1) << dayOfWeek);
    if (m_star[DayOfMonth] || m_star[DayOfWeek])
        return dom && dow;
    return dom || dow;
}

bool CronExpression::matches(const QDateTime &time) const
{
    if (!m_valid || !time.isValid())
        return false;
    const QDateTime utc = time.toUTC();
    const QDate d = utc.date();
    const QTime t = utc.time();
    return (m_bits[Minute] & (quint64(1) << t.minute())) &&
           (m_bits[Hour] & (quint64(1) << t.hour())) &&
           (m_bits[Month] & (quint64(1) << d.month())) &&
           dayMatches(d.year(), d.month(), d.day(), d.dayOfWeek() % 7);
}

QDateTime CronExpression::nextAfter(const QDateTime &time) const
{
    if (!m_valid || !time.isValid())
        return {};
    const QDateTime utc = time.toUTC();
    QDate date = utc.date();
    int hour = utc.time().hour();
    int minute = utc.time().minute() + 1; // strictly after: the next whole minute
    if (minute == 60) {
        minute = 0;
        if (++hour == 24) {
            hour = 0;
            date = date.addDays(1);
        }
    }
    const QDate limit = utc.date().addYears(kSearchYears);
    // Skips whole months, days and hours that cannot match: at most a few thousand steps.
    while (date <= limit) {
        if (!(m_bits[Month] & (quint64(1) << date.month()))) {
            date = QDate(date.year(), date.month(), 1).addMonths(1);
            hour = minute = 0;
            continue;
        }
        if (!dayMatches(date.year(), date.month(), date.day(), date.dayOfWeek() % 7)) {
            date = date.addDays(1);
            hour = minute = 0;
            continue;
        }
        const int h = nextBit(m_bits[Hour], hour, 23);
        if (h < 0) {
            date = date.addDays(1);
            hour = minute = 0;
            continue;
        }
        if (h != hour) {
            hour = h;
            minute = 0;
        }
        const int m = nextBit(m_bits[Minute], minute, 59);
        if (m < 0) {
            minute = 0;
            if (++hour == 24) {
                hour = 0;
                date = date.addDays(1);
            }
            continue;
        }
        return QDateTime(date, QTime(hour, m), Qt::UTC);
    }
    return {};
}

QList<QDateTime> CronExpression::next(const QDateTime &from, int count) const
{
    QList<QDateTime> out;
    QDateTime t = from;
    for (int i = 0; i < count; ++i) {
        t = nextAfter(t);
        if (!t.isValid())
            break;
        out << t;
    }
    return out;
}

QString CronExpression::fieldText(Field f) const
{
    const int lo = kMin[f];
    const int hi = kMax[f];
    const quint64 bits = m_bits[f];
    const bool dayField = f == DayOfMonth || f == DayOfWeek;
    // A day field's star changes Vixie's day rule: `*` and `*/n` stay stars, and only they.
    if (dayField && m_star[f]) {
        if (bits == fullBits(f))
            return QStringLiteral("*");
        if (const int step = starStep(bits, lo, hi))
            return QStringLiteral("*/%1").arg(step);
        return m_text[f]; // an odd list such as "*/3,1": kept as written
    }
    if (!dayField) {
        if (bits == fullBits(f))
            return QStringLiteral("*");
        if (const int step = starStep(bits, lo, hi))
            return QStringLiteral("*/%1").arg(step);
    }
    const QList<int> v = bitList(bits, lo, hi);
    if (v.size() >= 3) {
        const int step = v.at(1) - v.at(0);
        if (step >= 2 && bits == rangeBits(v.first(), v.last(), step))
            return QStringLiteral("%1-%2/%3").arg(v.first()).arg(v.last()).arg(step);
    }
    return runsText(bits, lo, hi);
}

QString CronExpression::toString() const
{
    if (!m_valid)
        return QString();
    QStringList fields;
    for (int i = 0; i < kFieldCount; ++i)
        fields << fieldText(Field(i));
    return fields.join(QLatin1Char(' '));
}

QString CronExpression::describeTime(bool *clock) const
{
    *clock = false;
    const quint64 mBits = m_bits[Minute];
    const quint64 hBits = m_bits[Hour];
    const QList<int> minutes = values(Minute);
    const QList<int> hours = values(Hour);
    const bool mAll = isAll(Minute);
    const bool hAll = isAll(Hour);
    const int mStep = starStep(mBits, 0, 59);
    const int hStep = starStep(hBits, 0, 23);
    int firstHour = 0;
    int lastHour = 0;
    const bool hRun = singleRun(hBits, 0, 23, &firstHour, &lastHour);

    if (mAll && hAll)
        return tr("Every minute");
    if (mAll && hRun)
        return tr("Every minute between %1 and %2 UTC")
            .arg(clockTime(firstHour, 0), clockTime(lastHour, 59));
    if (mStep && hAll)
        return tr("Every %1 minutes").arg(mStep);
    if (mStep && hRun)
        return tr("Every %1 minutes between %2 and %3 UTC")
            .arg(mStep)
            .arg(clockTime(firstHour, 0), clockTime(lastHour, 59));
    if (minutes.size() == 1 && hAll)
        return minutes.first() == 0 ? tr("Every hour")
                                    : tr("At minute %1 past every hour").arg(minutes.first());
    if (minutes.size() * hours.size() <= 6) {
        *clock = true;
        QStringList times;
        for (int h : hours)
            for (int m : minutes)
                times << clockTime(h, m);
        return tr("At %1 UTC").arg(joinAnd(times));
    }
    if (minutes.size() == 1 && hStep)
        return tr("At minute %1 past every %2 hour").arg(minutes.first()).arg(ordinal(hStep));
    if (minutes.size() <= 6 && hAll)
        return tr("At minutes %1 past every hour").arg(joinAnd(numbers(minutes)));
    if (minutes.size() == 1 && hRun)
        return tr("At minute %1 past every hour between %2 and %3 UTC")
            .arg(minutes.first())
            .arg(clockTime(firstHour, 0), clockTime(lastHour, 59));
    return tr("At minute %1 past hour %2 UTC").arg(fieldText(Minute), fieldText(Hour));
}

QString CronExpression::describe() const
{
    if (!m_valid)
        return QString();
    bool clock = false; // a list of clock times, "At 06:30 UTC"
    const QString time = describeTime(&clock);

    // Vixie's rule: with neither day field starred, either may match, so one that matches
    // every day makes every day match.
    const bool either = !m_star[DayOfMonth] && !m_star[DayOfWeek];
    bool domAll = isAll(DayOfMonth);
    bool dowAll = isAll(DayOfWeek);
    if (either && (domAll || dowAll))
        domAll = dowAll = true;

    // Months, after "of" ("of every month") and on their own ("in March", "every 3rd month").
    const QList<int> months = values(Month);
    QStringList monthNames;
    for (int m : months)
        monthNames << monthName(m);
    const int monthStep = starStep(m_bits[Month], 1, 12);
    const bool monthAll = isAll(Month);
    const QString monthOf = monthAll    ? tr("of every month")
                            : monthStep ? tr("of every %1 month").arg(ordinal(monthStep))
                                        : tr("of %1").arg(joinAnd(monthNames));
    const QString monthIn = monthStep ? tr("every %1 month").arg(ordinal(monthStep))
                                      : tr("in %1").arg(joinAnd(monthNames));

    const QList<int> days = values(DayOfMonth);
    const int domStep = starStep(m_bits[DayOfMonth], 1, 31);
    const QString domPhrase = days.size() == 1   ? tr("day %1").arg(days.first())
                              : domStep          ? tr("every %1 day").arg(ordinal(domStep))
                              : days.size() <= 6 ? tr("days %1").arg(joinAnd(numbers(days)))
                                                 : tr("days %1").arg(fieldText(DayOfMonth));

    const QList<int> weekdays = values(DayOfWeek);
    QStringList weekdayNames;
    for (int d : weekdays)
        weekdayNames << dayName(d);
    int firstDay = 0;
    int lastDay = 0;
    const bool dayRun = singleRun(m_bits[DayOfWeek], 0, 6, &firstDay, &lastDay);
    const QString dowPhrase = weekdays.size() == 1 ? tr("only on %1").arg(weekdayNames.first())
                              : dayRun && weekdays.size() >= 3
                                  ? tr("%1 through %2").arg(dayName(firstDay), dayName(lastDay))
                                  : tr("on %1").arg(joinAnd(weekdayNames));

    if (domAll && dowAll) {
        if (monthAll)
            return clock ? tr("%1, every day").arg(time) : time;
        return clock ? tr("%1, every day %2").arg(time, monthIn) : tr("%1, %2").arg(time, monthIn);
    }
    if (dowAll)
        return tr("%1 on %2 %3").arg(time, domPhrase, monthOf);
    if (domAll)
        return monthAll ? tr("%1, %2").arg(time, dowPhrase)
                        : tr("%1, %2, %3").arg(time, dowPhrase, monthIn);
    if (either)
        return tr("%1 on %2 %3, and every %4").arg(time, domPhrase, monthOf, joinAnd(weekdayNames));
    return tr("%1 on %2 %3, if it is a %4").arg(time, domPhrase, monthOf, joinOr(weekdayNames));
}

} // namespace assay
