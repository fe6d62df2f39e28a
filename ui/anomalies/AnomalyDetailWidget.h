#pragma once

#include "models/domain/Anomaly.h"

#include <QHash>
#include <QPointer>
#include <QTimer>
#include <QWidget>
#include <optional>

class QGridLayout;
class QLabel;
class QPushButton;
class QStandardItemModel;
class QTableView;
class QTreeWidget;

namespace assay {

class AnomalyStatusDialog;
class Catalog;

// The detail of one anomaly: header (ID, status, type, table, created, anomalous records, the
// scan that found it, the latest comment), the violation message, the status actions, the
// failed checks (rule, fields, message), the example source rows Scan kept (a table whose
// columns follow the container's fields), and the status history.
//
// Acknowledge / Resolve / Mark invalid / Reopen are enabled as anomaly_status::canTransition
// allows from the current status. Each opens an AnomalyStatusDialog (window-modal, opened with
// open(): no nested event loop) asking for an optional comment; accepting it writes the change
// through Catalog::setAnomalyStatus. It follows Catalog::anomaliesChanged, so a change made
// elsewhere (the CLI, another window) shows too.
class AnomalyDetailWidget : public QWidget
{
    Q_OBJECT
public:
    explicit AnomalyDetailWidget(QWidget *parent = nullptr);

    void setCatalog(Catalog *catalog);
    // 0 shows the empty state.
    void setAnomaly(qint64 anomalyId);
    qint64 anomalyId() const { return m_anomalyId; }
    std::optional<Anomaly> anomaly() const { return m_anomaly; }

    // The action button that moves to `toStatus` (Acknowledged, Resolved, Invalid, Active).
    QPushButton *actionButton(const QString &toStatus) const { return m_actions.value(toStatus); }
    // The comment dialog while it is open (for tests), else nullptr.
    AnomalyStatusDialog *statusDialog() const;
    // Opens the comment dialog for a change (what the action buttons do).
    void requestStatus(const QString &toStatus);

    QLabel *messageLabel() const { return m_message; }
    QLabel *errorLabel() const { return m_error; }
    QTreeWidget *failedChecksView() const { return m_checks; }
    QTableView *sourceRecordsView() const { return m_records; }
    QStandardItemModel *sourceRecordsModel() const { return m_recordsModel; }
    QTreeWidget *historyView() const { return m_history; }

    // The target statuses of the actions, in button order.
    static QStringList actionStatuses();

signals:
    void statusChanged(qint64 anomalyId, const QString &status);

private:
    void reload();
    void fill();
    void fillHeader(const Anomaly &a);
    void fillEvidence(const Anomaly &a);
    void updateActions();
    void apply(qint64 anomalyId, const QString &toStatus, const QString &comment);
    void showError(const QString &message);
    QLabel *sectionTitle(const QString &text);

    Catalog *m_catalog = nullptr;
    qint64 m_anomalyId = 0;
    std::optional<Anomaly> m_anomaly;
    QTimer m_reload; // debounces the Catalog's change notices

    QLabel *m_empty;
    QWidget *m_body;
    QLabel *m_title;
    QLabel *m_status;
    QLabel *m_type;
    QLabel *m_container;
    QGridLayout *m_facts;
    QLabel *m_message;
    QHash<QString, QPushButton *> m_actions;
    QLabel *m_error;
    QTreeWidget *m_checks;
    QLabel *m_recordsNote;
    QTableView *m_records;
    QStandardItemModel *m_recordsModel;
    QTreeWidget *m_history;
    QPointer<AnomalyStatusDialog> m_dialog;
};

} // namespace assay
