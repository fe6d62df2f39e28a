#pragma once

#include "app/engine/OperationRequest.h"
#include "models/domain/Operation.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>
#include <optional>

class QGridLayout;
class QLabel;
class QMessageBox;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace assay {

class Catalog;
class OperationCountersPanel;
class OperationEngine;

// The expanded detail of one operation, laid out by its status (seeds: "Operation Detail"):
// header (ID & type, timestamp, duration, triggered by, schedule, options such as Sync's
// Prune / Recreate / Tables / Views), then
//   queued   : Abort
//   running  : progress bar, current step, elapsed time; Abort
//   aborted  : Resume, Rerun, Delete
//   failure  : the message; Logs, Rerun, Delete
//   warning  : the message and the summary; Logs, Rerun, Delete
//   success  : the summary counters (abbreviated, full value on hover); Rerun, Delete
// Actions go through the OperationEngine; Delete asks first (a window-modal box, no nested
// event loop). It follows the Catalog and the engine, so a running operation updates live.
class OperationDetailWidget : public QWidget
{
    Q_OBJECT
public:
    OperationDetailWidget(Catalog *catalog, OperationEngine *engine, QWidget *parent = nullptr);

    // 0 shows the empty state.
    void setOperation(qint64 operationId);
    qint64 operationId() const { return m_operationId; }
    std::optional<Operation> operation() const { return m_operation; }

    QPushButton *abortButton() const { return m_abort; }
    QPushButton *resumeButton() const { return m_resume; }
    QPushButton *rerunButton() const { return m_rerun; }
    QPushButton *deleteButton() const { return m_delete; }
    QPushButton *logsButton() const { return m_logs; }
    QProgressBar *progressBar() const { return m_bar; }
    QPlainTextEdit *logView() const { return m_logView; }
    QLabel *messageLabel() const { return m_message; }
    OperationCountersPanel *countersPanel() const { return m_counters; }
    // The Delete confirmation while it is open (for tests), else nullptr.
    QMessageBox *deleteConfirmation() const;

signals:
    void rerunQueued(qint64 newOperationId);
    void operationRemoved(qint64 operationId);

private:
    void reload();
    void fill();
    void fillHeader();
    void fillOptions();
    void fillShortfalls();
    void updateButtons();
    void updateElapsed();
    void showLogs(bool shown);
    void onProgress(const assay::OperationProgress &progress);
    void onAbort();
    void onResume();
    void onRerun();
    void onDelete();
    void showError(const QString &message);

    Catalog *m_catalog;
    OperationEngine *m_engine;
    qint64 m_operationId = 0;
    std::optional<Operation> m_operation;
    QTimer m_reload; // debounces the Catalog's change notices
    QTimer m_ticker; // elapsed time while running
    QString m_step;

    QLabel *m_empty;
    QWidget *m_body;
    QLabel *m_title;
    QLabel *m_status;
    QLabel *m_datastore;
    QGridLayout *m_facts;
    QWidget *m_progressRow;
    QProgressBar *m_bar;
    QLabel *m_stepLabel;
    QLabel *m_elapsed;
    QLabel *m_message;
    QLabel *m_shortfalls;
    OperationCountersPanel *m_counters;
    QPushButton *m_abort;
    QPushButton *m_resume;
    QPushButton *m_rerun;
    QPushButton *m_logs;
    QPushButton *m_delete;
    QLabel *m_error;
    QPlainTextEdit *m_logView;
    QPointer<QMessageBox> m_confirm;
};

} // namespace assay
