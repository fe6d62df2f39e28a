#include "ui/widgets/ConnectionTestPanel.h"

#include "ui/widgets/BusySpinner.h"
#include "ui/widgets/StatusBanner.h"
#include "ui/widgets/WizardUi.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace assay {

ConnectionTestPanel::ConnectionTestPanel(CredentialStore *credentials, QWidget *parent)
    : QWidget(parent), m_runner(new ConnectionTestRunner(credentials, this)),
      m_test(new QPushButton(tr("Test Connection"))), m_spinner(new BusySpinner),
      m_status(new QLabel), m_cancel(new QPushButton(tr("Cancel Test"))), m_banner(new StatusBanner)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    auto *row = new QHBoxLayout;
    row->setSpacing(8);
    m_test->setObjectName(QStringLiteral("testConnectionButton"));
    m_test->setAccessibleName(tr("Test Connection"));
    m_test->setAutoDefault(false);
    m_spinner->setObjectName(QStringLiteral("testSpinner"));
    m_status->setObjectName(QStringLiteral("testStatus"));
    m_status->setTextFormat(Qt::PlainText);
    m_cancel->setObjectName(QStringLiteral("cancelTestButton"));
    m_cancel->setAccessibleName(tr("Cancel the connection test"));
    m_cancel->setAutoDefault(false);
    m_cancel->setVisible(false);
    m_banner->setObjectName(QStringLiteral("statusBanner"));
    wizardui::padButton(m_test);
    wizardui::padButton(m_cancel);
    row->addWidget(m_test);
    row->addWidget(m_spinner);
    row->addWidget(m_status, 1);
    row->addWidget(m_cancel);
    layout->addLayout(row);
    layout->addWidget(m_banner);

    connect(m_test, &QPushButton::clicked, this, &ConnectionTestPanel::testRequested);
    connect(m_cancel, &QPushButton::clicked, this, &ConnectionTestPanel::cancel);
    connect(m_runner, &ConnectionTestRunner::progress, m_status, &QLabel::setText);
    connect(m_runner, &ConnectionTestRunner::finished, this, &ConnectionTestPanel::onFinished);
}

void ConnectionTestPanel::start(const ConnectionTestRequest &request)
{
    m_banner->clear();
    setRunning(true, tr("Testing…"));
    m_runner->start(request);
}

void ConnectionTestPanel::cancel()
{
    m_runner->cancel();
}

bool ConnectionTestPanel::isRunning() const
{
    return m_runner->isRunning();
}

void ConnectionTestPanel::setTestEnabled(bool enabled)
{
    m_testEnabled = enabled;
    m_test->setEnabled(enabled && !m_runner->isRunning() && !m_spinner->isSpinning());
}

void ConnectionTestPanel::setRunning(bool running, const QString &text)
{
    if (running)
        m_spinner->start();
    else
        m_spinner->stop();
    m_status->setText(text);
    // The focus was on Cancel while the test ran: hiding it would hand the focus to whatever
    // comes next in the window (a wizard's Back), so it goes back to Test Connection.
    const bool hadFocus = m_cancel->hasFocus();
    m_test->setEnabled(!running && m_testEnabled);
    if (!running && hadFocus && m_test->isEnabled())
        m_test->setFocus(Qt::OtherFocusReason);
    m_cancel->setVisible(running);
    if (running)
        m_cancel->setFocus(Qt::OtherFocusReason);
}

void ConnectionTestPanel::onFinished(const ConnectionTestResult &result)
{
    setRunning(false);
    if (result.ok()) {
        QString hint;
        if (!result.schemas.isEmpty())
            hint = result.schemas.size() == 1
                       ? tr("One schema found: %1.").arg(result.schemas.first())
                       : tr("%1 schemas found; pick one in the Schema list.")
                             .arg(result.schemas.size());
        m_banner->showMessage(StatusBanner::Kind::Success, tr("Connection verified"),
                              result.serverVersion.isEmpty()
                                  ? tr("The server answered.")
                                  : tr("Server: %1").arg(result.serverVersion),
                              hint);
    } else if (result.diagnosis.category == DiagnosisCategory::Cancelled) {
        m_banner->showMessage(StatusBanner::Kind::Info, tr("Test cancelled"),
                              tr("Nothing was changed."));
    } else {
        m_banner->showMessage(StatusBanner::Kind::Error, result.diagnosis.summary(),
                              result.diagnosis.detail, result.diagnosis.hint);
    }
    emit finished(result);
}

void ConnectionTestPanel::showBusy(const QString &text)
{
    m_banner->clear();
    m_spinner->start();
    m_status->setText(text);
    m_cancel->setVisible(false);
    m_test->setEnabled(false);
}

void ConnectionTestPanel::stopBusy()
{
    m_spinner->stop();
    m_status->clear();
    m_test->setEnabled(m_testEnabled);
}

void ConnectionTestPanel::showError(const QString &title, const QString &detail,
                                    const QString &hint)
{
    m_banner->showMessage(StatusBanner::Kind::Error, title, detail, hint);
}

void ConnectionTestPanel::clearBanner()
{
    m_banner->clear();
}

} // namespace assay
