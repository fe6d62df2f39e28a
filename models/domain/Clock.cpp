#include "models/domain/Clock.h"

#include <atomic>

namespace assay {

namespace {

class SystemClock : public Clock
{
public:
    QDateTime nowUtc() const override { return QDateTime::currentDateTimeUtc(); }
};

const SystemClock kSystemClock;
std::atomic<const Clock *> g_current{&kSystemClock};

} // namespace

const Clock &Clock::current()
{
    return *g_current.load(std::memory_order_acquire);
}

const Clock *Clock::install(const Clock *clock)
{
    return g_current.exchange(clock ? clock : &kSystemClock, std::memory_order_acq_rel);
}

ManualClock::ManualClock(const QDateTime &now) : m_now(now.toUTC()), m_previous(install(this)) {}

ManualClock::~ManualClock()
{
    install(m_previous);
}

QDateTime ManualClock::nowUtc() const
{
    QMutexLocker lock(&m_mutex);
    return m_now;
}

void ManualClock::setNowUtc(const QDateTime &now)
{
    QMutexLocker lock(&m_mutex);
    m_now = now.toUTC();
}

void ManualClock::advanceSecs(qint64 seconds)
{
    QMutexLocker lock(&m_mutex);
    m_now = m_now.addSecs(seconds);
}

} // namespace assay
