#pragma once

#include "app/connectors/SourceSession.h"

#include <QFutureWatcher>
#include <QObject>
#include <QTimer>

namespace assay {

// Test Connection for the GUI: runs testConnection() on a pool thread, never blocking the
// caller, with a watchdog so a server that never answers still ends in a Timeout diagnosis.
// cancel() ends the test at once for the user; the worker finishes quietly in the background.
class ConnectionTester : public QObject
{
    Q_OBJECT
public:
    explicit ConnectionTester(QObject *parent = nullptr);
    ~ConnectionTester() override;

    void start(const ConnectionSettings &settings);
    void cancel();
    bool isRunning() const { return m_running; }

signals:
    void finished(const assay::ConnectionTestResult &result);

private:
    void finish(const ConnectionTestResult &result);

    QFutureWatcher<ConnectionTestResult> *m_watcher = nullptr;
    QTimer m_watchdog;
    bool m_running = false;
    QString m_target;
};

} // namespace assay
