#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace assay {

// How the Schedule dialog and the schedule list write times: UTC (what cron means) and the
// user's local time, side by side.
class ScheduleFormat
{
    Q_DECLARE_TR_FUNCTIONS(ScheduleFormat)
public:
    // "Tue 10 Mar 2026 06:30 UTC"; "—" when invalid.
    static QString utc(const QDateTime &time);
    // "Tue 10 Mar 2026 07:30 CET" in the local time zone; "—" when invalid.
    static QString local(const QDateTime &time);
    // The operation type as people say it: "catalog" -> "Sync".
    static QString operationLabel(const QString &type);
};

} // namespace assay
