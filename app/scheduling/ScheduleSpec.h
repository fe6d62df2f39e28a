#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace assay {

// What the Schedule dialog's tabs describe, as a value, and the cron expression each one
// writes (all times in UTC):
//   Hourly   every N hours on minute M                 M */N * * *    (N = 1: M * * * *)
//   Daily    every N days at HH:MM                     MM HH */N * *  (N = 1: MM HH * * *)
//   Weekly   on the chosen days at HH:MM               MM HH * * 1,3,5
//   Monthly  on day D of every N months at HH:MM       MM HH D */N *  (N = 1: MM HH D * *)
//   Advanced a cron expression as typed
// fromCron() goes back: a stored expression reopens on the tab that wrote it.
struct ScheduleSpec
{
    Q_DECLARE_TR_FUNCTIONS(ScheduleSpec)
public:
    enum class Mode { Hourly, Daily, Weekly, Monthly, Advanced };

    Mode mode = Mode::Daily;
    int every = 1;       // Hourly: hours (1-23); Daily: days (1-30); Monthly: months (1-12)
    int minute = 0;      // 0-59
    int hour = 0;        // 0-23 (Daily, Weekly, Monthly)
    QList<int> weekdays; // Weekly: 0 (Sunday) to 6 (Saturday), ascending, each once
    int dayOfMonth = 1;  // Monthly: 1-31 (29-31 skip the months that lack them)
    QString cron;        // Advanced

    static ScheduleSpec hourly(int everyHours, int minute);
    static ScheduleSpec daily(int everyDays, int hour, int minute);
    // `weekdays`: 0-7 (0 and 7 are Sunday), any order.
    static ScheduleSpec weekly(const QList<int> &weekdays, int hour, int minute);
    static ScheduleSpec monthly(int dayOfMonth, int everyMonths, int hour, int minute);
    static ScheduleSpec advanced(const QString &cron);

    // Empty when the spec can be scheduled, else what to fix, e.g. "Choose at least one day".
    QString validate() const;
    // The cron expression (Advanced: its text with spaces tidied).
    QString toCron() const;
    // The simple mode whose expression `cron` is (names, 7 for Sunday and other spellings
    // allowed), else Advanced with the text as given.
    static ScheduleSpec fromCron(const QString &cron);

    bool operator==(const ScheduleSpec &o) const
    {
        return mode == o.mode && every == o.every && minute == o.minute && hour == o.hour &&
               weekdays == o.weekdays && dayOfMonth == o.dayOfMonth && cron == o.cron;
    }
    bool operator!=(const ScheduleSpec &o) const { return !(*this == o); }
};

} // namespace assay
