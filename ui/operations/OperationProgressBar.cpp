#include "ui/operations/OperationProgressBar.h"

#include "app/engine/OperationEngine.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

namespace assay {

namespace {

QString formatElapsed(qint64 ms)
{
    const qint64 s = ms / 1000;
    return s >= 3600 ? QStringLiteral("%1:%2:%3")
                           .arg(s / 3600)
                           .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
                           .arg(s % 60, 2, 10, QLatin1Char('0'))
                     : QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

OperationProgressBar::OperationProgressBar(OperationEngine *engine, QWidget *parent)
    : QWidget(parent), m_engine(engine)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 4);
    m_step = new QLabel;
    m_step->setMinimumWidth(180);
    m_bar = new QProgressBar;
    m_bar->setRange(0, 1000);
    m_bar->setTextVisible(false);
    m_bar->setAccessibleName(tr("Operation progress"));
    m_time = new QLabel;
    m_time->setAccessibleName(tr("Elapsed time"));
    m_abort = new QPushButton(tr("Abort"));
    m_abort->setAccessibleName(tr("Abort the running operation"));
    layout->addWidget(m_step);
    layout->addWidget(m_bar, 1);
    layout->addWidget(m_time);
    layout->addWidget(m_abort);
    hide();

    m_ticker.setInterval(500);
    connect(&m_ticker, &QTimer::timeout, this, &OperationProgressBar::tick);
    connect(m_abort, &QPushButton::clicked, this, [this] {
        if (m_operationId && m_engine->abort(m_operationId)) {
            m_abort->setEnabled(false);
            m_step->setText(tr("Aborting…"));
        }
    });
    connect(engine, &OperationEngine::operationQueued, this, &OperationProgressBar::onQueued);
    connect(engine, &OperationEngine::operationStarted, this, &OperationProgressBar::onStarted);
    connect(engine, &OperationEngine::operationProgress, this, &OperationProgressBar::onProgress);
    connect(engine, &OperationEngine::operationFinished, this, &OperationProgressBar::onFinished);
}

void OperationProgressBar::setDatastore(qint64 datastoreId)
{
    if (datastoreId == m_datastoreId)
        return;
    m_datastoreId = datastoreId;
    m_operationId = 0;
    m_percent = -1;
    m_ticker.stop();
    hide();
    // Something may already run for this datastore: pick it up where it is.
    const OperationProgress active = m_engine->activeOperation(datastoreId);
    if (!active.operationId)
        return;
    m_operationId = active.operationId;
    m_abort->setEnabled(true);
    if (active.step.isEmpty() && active.fraction == 0) {
        m_bar->setRange(0, 0);
        m_step->setText(tr("Queued…"));
    } else {
        m_bar->setRange(0, 1000);
        setFraction(active.fraction);
        m_step->setText(active.step);
    }
    m_startedMs = active.elapsedMs;
    m_clock.start();
    m_ticker.start();
    tick();
    show();
}

void OperationProgressBar::onQueued(qint64 operationId, qint64 datastoreId)
{
    if (datastoreId != m_datastoreId || m_operationId)
        return;
    m_operationId = operationId;
    m_bar->setRange(0, 0); // busy until it starts
    m_percent = -1;
    m_step->setText(tr("Queued…"));
    m_time->clear();
    m_abort->setEnabled(true);
    show();
}

void OperationProgressBar::onStarted(qint64 operationId, qint64 datastoreId)
{
    if (datastoreId != m_datastoreId)
        return;
    m_operationId = operationId;
    m_bar->setRange(0, 1000);
    setFraction(0);
    m_step->setText(tr("Starting…"));
    m_abort->setEnabled(true);
    m_startedMs = 0;
    m_clock.start();
    m_ticker.start();
    tick();
    show();
}

void OperationProgressBar::onProgress(const OperationProgress &progress)
{
    if (progress.operationId != m_operationId)
        return;
    setFraction(progress.fraction);
    if (m_abort->isEnabled())
        m_step->setText(progress.step);
}

void OperationProgressBar::onFinished(qint64 operationId, qint64, const QString &, const QString &)
{
    if (operationId != m_operationId)
        return;
    m_operationId = 0;
    m_ticker.stop();
    hide();
}

int OperationProgressBar::percentOf(double fraction)
{
    return qBound(0, qRound(fraction * 100), 100);
}

void OperationProgressBar::setFraction(double fraction)
{
    m_bar->setValue(int(fraction * 1000));
    const int percent = percentOf(fraction);
    if (percent != m_percent) {
        m_percent = percent;
        tick();
        emit percentChanged(m_operationId, percent);
    }
}

void OperationProgressBar::tick()
{
    const QString elapsed = formatElapsed(m_clock.isValid() ? m_startedMs + m_clock.elapsed() : 0);
    // The figure the Overview shows too, beside the elapsed time.
    m_time->setText(m_percent < 0 ? elapsed : tr("%1% · %2").arg(m_percent).arg(elapsed));
}

} // namespace assay
