#pragma once

#include <QDialog>
#include <QJsonObject>

class QCheckBox;
class QLabel;
class QPushButton;

namespace assay {

// Sync options before Run Now: prune, recreate, include tables and/or views. The dialog only
// collects; the caller queues the operation with options().
class SyncDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SyncDialog(const QString &datastoreName, QWidget *parent = nullptr);

    QJsonObject options() const;
    QCheckBox *pruneBox() const { return m_prune; }
    QCheckBox *recreateBox() const { return m_recreate; }
    QCheckBox *tablesBox() const { return m_tables; }
    QCheckBox *viewsBox() const { return m_views; }
    QPushButton *runButton() const { return m_run; }
    QPushButton *scheduleButton() const { return m_schedule; }
    // Shows "Schedule…" (off until a caller can schedule).
    void setSchedulingAvailable(bool available);

signals:
    // Asks for the Schedule dialog instead of running now (wired once schedules exist).
    void scheduleRequested(const QJsonObject &options);

private:
    void updateState();

    QCheckBox *m_prune;
    QCheckBox *m_recreate;
    QCheckBox *m_tables;
    QCheckBox *m_partitions;
    QCheckBox *m_views;
    QLabel *m_hint;
    QPushButton *m_run;
    QPushButton *m_schedule;
};

} // namespace assay
