#pragma once

#include <QDateTime>
#include <QMutex>

namespace assay {

// Where "now" comes from, everywhere: the process has one clock, the system's, unless a test has
// put a ManualClock in its place. Code asks Clock::utcNow() and never QDateTime::currentDateTime*,
// so schedules, timestamps and "today" can all be tested without sleeping.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime nowUtc() const = 0;

    // The process's clock and its time (thread-safe: workers stamp operations with it).
    static const Clock &current();
    static QDateTime utcNow() { return current().nowUtc(); }

protected:
    // Puts a clock in place of the current one and returns the one it replaced (ManualClock).
    static const Clock *install(const Clock *clock);
};

// A clock that stands still until told otherwise: the one test clock. While it exists it is the
// process's clock; the clock it replaced comes back when it is destroyed.
class ManualClock : public Clock
{
public:
    explicit ManualClock(const QDateTime &now);
    ~ManualClock() override;
    ManualClock(const ManualClock &) = delete;
    ManualClock &operator=(const ManualClock &) = delete;

    QDateTime nowUtc() const override;
    void setNowUtc(const QDateTime &now);
    void advanceSecs(qint64 seconds);

private:
    mutable QMutex m_mutex; // set by the test's thread, read by workers'
    QDateTime m_now;
    const Clock *m_previous;
};

} // namespace assay
