#include "app/scheduling/ScheduleSpec.h"

#include "app/scheduling/CronExpression.h"

#include <algorithm>

namespace assay {

namespace {

// The values of `*/step` over lo..hi.
QList<int> stepValues(int lo, int hi, int step)
{
    QList<int> out;
    for (int v = lo; v <= hi; v += step)
        out << v;
    return out;
}

// The N (within 1..maxStep) for which `values` is exactly `*/N` over lo..hi; 0 when none.
int everyN(const QList<int> &values, int lo, int hi, int maxStep)
{
    for (int n = 1; n <= maxStep; ++n)
        if (values == stepValues(lo, hi, n))
            return n;
    return 0;
}

QString stepField(int every)
{
    return every <= 1 ? QStringLiteral("*") : QStringLiteral("*/%1").arg(every);
}

} // namespace

ScheduleSpec ScheduleSpec::hourly(int everyHours, int minute)
{
    ScheduleSpec s;
    s.mode = Mode::Hourly;
    s.every = everyHours;
    s.minute = minute;
    return s;
}

ScheduleSpec ScheduleSpec::daily(int everyDays, int hour, int minute)
{
    ScheduleSpec s;
    s.mode = Mode::Daily;
    s.every = everyDays;
    s.hour = hour;
    s.minute = minute;
    return s;
}

ScheduleSpec ScheduleSpec::weekly(const QList<int> &weekdays, int hour, int minute)
{
    ScheduleSpec s;
    s.mode = Mode::Weekly;
    for (int d : weekdays)
        s.weekdays << (d == 7 ? 0 : d);
    std::sort(s.weekdays.begin(), s.weekdays.end());
    s.weekdays.erase(std::unique(s.weekdays.begin(), s.weekdays.end()), s.weekdays.end());
    s.hour = hour;
    s.minute = minute;
    return s;
}

ScheduleSpec ScheduleSpec::monthly(int dayOfMonth, int everyMonths, int hour, int minute)
{
    ScheduleSpec s;
    s.mode = Mode::Monthly;
    s.dayOfMonth = dayOfMonth;
    s.every = everyMonths;
    s.hour = hour;
    s.minute = minute;
    return s;
}

ScheduleSpec ScheduleSpec::advanced(const QString &cron)
{
    ScheduleSpec s;
    s.mode = Mode::Advanced;
    s.cron = cron.simplified();
    return s;
}

QString ScheduleSpec::validate() const
{
    if (mode == Mode::Advanced) {
        QString error;
        if (!CronExpression::parse(cron, &error).isValid())
            return error;
        return QString();
    }
    if (minute < 0 || minute > 59)
        return tr("The minute must be between 0 and 59.");
    if (mode != Mode::Hourly && (hour < 0 || hour > 23))
        return tr("The hour must be between 0 and 23.");
    switch (mode) {
    case Mode::Hourly:
        if (every < 1 || every > 23)
            return tr("Run every 1 to 23 hours.");
        break;
    case Mode::Daily:
        if (every < 1 || every > 30)
            return tr("Run every 1 to 30 days.");
        break;
    case Mode::Weekly:
        if (weekdays.isEmpty())
            return tr("Choose at least one day of the week.");
        for (int d : weekdays)
            if (d < 0 || d > 7)
                return tr("Days of the week are 0 (Sunday) to 6 (Saturday).");
        break;
    case Mode::Monthly:
        if (dayOfMonth < 1 || dayOfMonth > 31)
            return tr("The day of the month must be between 1 and 31.");
        if (every < 1 || every > 12)
            return tr("Run every 1 to 12 months.");
        break;
    case Mode::Advanced:
        break;
    }
    return QString();
}

QString ScheduleSpec::toCron() const
{
    switch (mode) {
    case Mode::Hourly:
        return QStringLiteral("%1 %2 * * *").arg(minute).arg(stepField(every));
    case Mode::Daily:
        return QStringLiteral("%1 %2 %3 * *").arg(minute).arg(hour).arg(stepField(every));
    case Mode::Weekly: {
        QStringList days;
        for (int d : weekdays)
            days << QString::number(d);
        return QStringLiteral("%1 %2 * * %3")
            .arg(minute)
            .arg(hour)
            .arg(days.join(QLatin1Char(',')));
    }
    case Mode::Monthly:
        return QStringLiteral("%1 %2 %3 %4 *")
            .arg(minute)
            .arg(hour)
            .arg(dayOfMonth)
            .arg(stepField(every));
    case Mode::Advanced:
        break;
    }
    return cron.simplified();
}

ScheduleSpec ScheduleSpec::fromCron(const QString &text)
{
    using E = CronExpression;
    const E e = E::parse(text);
    if (!e.isValid())
        return advanced(text);
    const QList<int> minutes = e.values(E::Minute);
    const QList<int> hours = e.values(E::Hour);
    const QList<int> days = e.values(E::DayOfMonth);
    const bool oneTime = minutes.size() == 1 && hours.size() == 1;
    const bool monthAll = e.isAll(E::Month);
    // Every day of the month and of the week, however Vixie's day rule reads them.
    const bool everyDay = e.isAll(E::DayOfMonth) && e.isAll(E::DayOfWeek);
    // The day of week is `*`: the day of month alone decides.
    const bool domDecides = e.isStar(E::DayOfWeek) && e.isAll(E::DayOfWeek);

    if (minutes.size() == 1 && everyDay && monthAll) {
        if (const int n = everyN(hours, 0, 23, 23))
            return hourly(n, minutes.first());
    }
    if (oneTime && domDecides && days.size() == 1) {
        if (const int n = everyN(e.values(E::Month), 1, 12, 12))
            return monthly(days.first(), n, hours.first(), minutes.first());
    }
    if (oneTime && domDecides && monthAll) {
        if (const int n = everyN(days, 1, 31, 30))
            return daily(n, hours.first(), minutes.first());
    }
    if (oneTime && monthAll && e.isStar(E::DayOfMonth) && e.isAll(E::DayOfMonth) &&
        !e.isStar(E::DayOfWeek))
        return weekly(e.values(E::DayOfWeek), hours.first(), minutes.first());
    return advanced(text);
}

} // namespace assay
