#pragma once

#include <QDateTime>

namespace assay {

// Where "now" comes from, so schedules (and anything else that waits for a time) can be tested
// without sleeping: production code takes a Clock*, tests hand it a ManualClock.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime nowUtc() const = 0;
};

// The system's wall clock.
class SystemClock : public Clock
{
public:
    QDateTime nowUtc() const override { return QDateTime::currentDateTimeUtc(); }

    // A shared instance for code that has no clock of its own to use.
    static SystemClock *instance()
    {
        static SystemClock clock;
        return &clock;
    }
};

// A clock that stands still until told otherwise (tests).
class ManualClock : public Clock
{
public:
    explicit ManualClock(const QDateTime &now = QDateTime::currentDateTimeUtc())
        : m_now(now.toUTC())
    {
    }

    QDateTime nowUtc() const override { return m_now; }
    void setNowUtc(const QDateTime &now) { m_now = now.toUTC(); }
    void advanceSecs(qint64 seconds) { m_now = m_now.addSecs(seconds); }

private:
    QDateTime m_now;
};

} // namespace assay
