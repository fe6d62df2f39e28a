#include "EventWait.h"

#include <QEventLoop>
#include <QTimer>

namespace assay::screenshots {

void settle(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

bool waitUntil(const std::function<bool()> &done, const QDeadlineTimer &deadline)
{
    if (done())
        return true;
    // Polled, not signalled: the engine reports through several signals, and polling cannot
    // miss one that fired before the loop started.
    QEventLoop loop;
    QTimer tick;
    tick.setInterval(50);
    QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
        if (done() || deadline.hasExpired())
            loop.quit();
    });
    tick.start();
    loop.exec();
    return done();
}

} // namespace assay::screenshots
