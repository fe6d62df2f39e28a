#include "app/connectors/ConnectionTester.h"

#include <QtConcurrent/QtConcurrentRun>

namespace assay {

ConnectionTester::ConnectionTester(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<ConnectionTestResult>();
    m_watchdog.setSingleShot(true);
    connect(&m_watchdog, &QTimer::timeout, this, [this] {
        finish({makeDiagnosis(DiagnosisCategory::Timeout,
                              tr("no answer from %1 in time").arg(m_target),
                              tr("Check the host and port, firewall rules, and that the server "
                                 "is running.")),
                {},
                {},
                0});
    });
}

ConnectionTester::~ConnectionTester()
{
    // No signal from a dying object: a running test is simply abandoned.
    m_running = false;
}

void ConnectionTester::start(const ConnectionSettings &settings)
{
    cancel();
    m_running = true;
    m_target = settings.connection.host.isEmpty() ? settings.effectiveDatabase()
                                                  : settings.connection.host;
    // The driver's own connect timeout normally answers first; the watchdog is the backstop
    // for drivers that ignore it.
    m_watchdog.start((settings.connectTimeoutSeconds + 5) * 1000);
    // A new watcher per test: a cancelled test's late result must never reach this object.
    m_watcher = new QFutureWatcher<ConnectionTestResult>(this);
    auto *watcher = m_watcher;
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        if (watcher == m_watcher)
            finish(watcher->result());
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run(testConnection, settings));
}

void ConnectionTester::cancel()
{
    if (!m_running)
        return;
    finish({makeDiagnosis(DiagnosisCategory::Cancelled, tr("the test was cancelled")), {}, {}, 0});
}

void ConnectionTester::finish(const ConnectionTestResult &result)
{
    if (!m_running)
        return;
    m_running = false;
    m_watchdog.stop();
    if (m_watcher) {
        // A watcher of an abandoned test deletes itself when its future ends.
        auto *watcher = m_watcher;
        m_watcher = nullptr;
        if (watcher->isFinished())
            watcher->deleteLater();
        else
            connect(watcher, &QFutureWatcherBase::finished, watcher, &QObject::deleteLater);
    }
    emit finished(result);
}

} // namespace assay
