#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>
#include <array>

namespace assay {

// A standard five-field cron expression, evaluated in UTC:
//
//   minute (0-59)  hour (0-23)  day of month (1-31)  month (1-12, JAN-DEC)  day of week (0-7,
//   SUN-SAT)
//
// Each field is `*` or a comma list of values, ranges `a-b` and steps `*/n`, `a-b/n`, `a/n`
// (from a to the field's end); names are case-insensitive and day of week 7 is Sunday too. The
// shorthands @yearly (@annually), @monthly, @weekly, @daily (@midnight) and @hourly are
// accepted. Day matching follows Vixie cron: when both day of month and day of week are
// restricted (neither starts with `*`), a day matches if EITHER matches; otherwise both must.
class CronExpression
{
    Q_DECLARE_TR_FUNCTIONS(CronExpression)
public:
    enum Field { Minute, Hour, DayOfMonth, Month, DayOfWeek };
    static constexpr int kFieldCount = 5;
    // nextAfter() looks this many years ahead before it gives up.
    static constexpr int kSearchYears = 5;

    CronExpression() = default; // invalid

    // Parses `text`; on failure returns an invalid expression and sets `error` to a message
    // naming the field and the bad token, e.g. "minute: 61 is out of range 0-59".
    static CronExpression parse(const QString &text, QString *error = nullptr);

    bool isValid() const { return m_valid; }

    // The first matching minute strictly after `time` (converted to UTC), as a UTC QDateTime;
    // invalid when nothing matches within kSearchYears (e.g. "0 0 30 2 *").
    QDateTime nextAfter(const QDateTime &time) const;
    // Up to `count` consecutive matches after `from`.
    QList<QDateTime> next(const QDateTime &from, int count) const;
    // Whether the minute of `time` (in UTC) matches.
    bool matches(const QDateTime &time) const;

    // The normalised five fields: numbers rather than names, ranges and steps folded,
    // e.g. "0 9 * * mon-fri" -> "0 9 * * 1-5". Parsing it gives an equal expression.
    QString toString() const;
    // Plain English: "Every 15 minutes", "At 06:30 UTC, Monday through Friday",
    // "At minute 5 past every 2nd hour", "At 02:00 UTC on day 1 of every 3rd month"...
    QString describe() const;

    // The values a field matches, ascending (day of week: 0-6, Sunday = 0).
    QList<int> values(Field field) const;
    // Bit n set when the field matches value n.
    quint64 bits(Field field) const { return m_bits[field]; }
    // Whether the field was written starting with `*` (unrestricted in Vixie's day rule).
    bool isStar(Field field) const { return m_star[field]; }
    // Whether the field matches every value of its range.
    bool isAll(Field field) const;

    static int minimum(Field field);
    static int maximum(Field field);
    // The field's name as errors show it: "minute", "day of week"...
    static QString fieldName(Field field);

    bool operator==(const CronExpression &o) const
    {
        return m_valid == o.m_valid && m_bits == o.m_bits && m_star == o.m_star;
    }
    bool operator!=(const CronExpression &o) const { return !(*this == o); }

private:
    bool dayMatches(int year, int month, int day, int dayOfWeek) const;
    QString fieldText(Field field) const;
    QString describeTime(bool *clock) const;

    std::array<quint64, kFieldCount> m_bits{};
    std::array<bool, kFieldCount> m_star{};
    std::array<QString, kFieldCount> m_text{}; // as written (upper case), for odd star lists
    bool m_valid = false;
};

} // namespace assay
