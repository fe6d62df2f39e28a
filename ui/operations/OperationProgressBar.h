#pragma once

#include "app/engine/OperationRequest.h"

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace assay {

class OperationEngine;

// The running operation of one datastore: a progress bar with its current step, the elapsed
// time and an Abort button. Hidden when nothing runs for that datastore.
class OperationProgressBar : public QWidget
{
    Q_OBJECT
public:
    explicit OperationProgressBar(OperationEngine *engine, QWidget *parent = nullptr);

    void setDatastore(qint64 datastoreId);
    qint64 operationId() const { return m_operationId; }
    QPushButton *abortButton() const { return m_abort; }
    QProgressBar *bar() const { return m_bar; }
    // The percentage shown ("40%"), rounded as the Overview rounds it.
    static int percentOf(double fraction);

signals:
    // The shown operation reached `percent`: the Overview shows the same figure.
    void percentChanged(qint64 operationId, int percent);

private:
    void onQueued(qint64 operationId, qint64 datastoreId);
    void onStarted(qint64 operationId, qint64 datastoreId);
    void onProgress(const assay::OperationProgress &progress);
    void onFinished(qint64 operationId, qint64 datastoreId, const QString &status,
                    const QString &message);
    void tick();
    void setFraction(double fraction);

    OperationEngine *m_engine;
    qint64 m_datastoreId = 0;
    qint64 m_operationId = 0;
    QElapsedTimer m_clock;  // since this bar saw the operation start (or picked it up)
    qint64 m_startedMs = 0; // elapsed before this bar picked it up
    int m_percent = -1;     // shown now; -1 while queued
    QTimer m_ticker;
    QProgressBar *m_bar;
    QLabel *m_step;
    QLabel *m_time;
    QPushButton *m_abort;
};

} // namespace assay
