#pragma once

#include "app/connectors/SourceSession.h"
#include "ui/widgets/ConnectionTestRunner.h"

#include <QWidget>

class QLabel;
class QPushButton;

namespace assay {

class BusySpinner;
class CredentialStore;
class StatusBanner;

// Test Connection: the button, a spinner with what is happening and a Cancel button while the
// test runs, and the outcome as a green or red banner. The owner answers testRequested() by
// calling start() with the form's values. Also shows the progress and errors of saving.
class ConnectionTestPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ConnectionTestPanel(CredentialStore *credentials, QWidget *parent = nullptr);

    void start(const ConnectionTestRequest &request);
    void cancel();
    bool isRunning() const;
    void setTestEnabled(bool enabled);

    // Saving: a spinner and a line of text, no Cancel.
    void showBusy(const QString &text);
    void stopBusy();
    void showError(const QString &title, const QString &detail, const QString &hint = QString());
    void clearBanner();

    QPushButton *testButton() const { return m_test; }
    QPushButton *cancelButton() const { return m_cancel; }
    StatusBanner *banner() const { return m_banner; }
    BusySpinner *spinner() const { return m_spinner; }
    QLabel *statusLabel() const { return m_status; }

signals:
    void testRequested();
    void finished(const assay::ConnectionTestResult &result);

private:
    void onFinished(const ConnectionTestResult &result);
    void setRunning(bool running, const QString &text = QString());

    ConnectionTestRunner *m_runner;
    QPushButton *m_test;
    BusySpinner *m_spinner;
    QLabel *m_status;
    QPushButton *m_cancel;
    StatusBanner *m_banner;
    bool m_testEnabled = true;
};

} // namespace assay
