#pragma once

#include <QDateTime>
#include <QString>

// How a date-time is shown to a person, in one place: lists, details, the Overview and the
// profile all used to format their own (three formats were on screen at once).
namespace assay::display_time {

// Local time to the minute, in ISO order ("2026-12-07 20:51"): the same in every locale, and it
// sorts as text. Empty for an invalid time.
inline QString local(const QDateTime &time)
{
    return time.isValid() ? time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                          : QString();
}

// Exact and unambiguous, for tooltips and logs ("2026-12-07 19:51:47 UTC").
inline QString utc(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"))
                          : QString();
}

} // namespace assay::display_time
