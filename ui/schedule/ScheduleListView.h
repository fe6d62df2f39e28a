#pragma once

#include <QMessageBox>
#include <QPointer>
#include <QWidget>

class QAbstractButton;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QToolButton;

namespace assay {

class Catalog;
class ScheduleDialog;
class ScheduleTableModel;

// The Activity tab's Schedule page: a search box, a sort (Created date or Operations count,
// and direction), an operation type filter, and the schedules table (name, datastore, type,
// cron and its reading, next run in UTC and local time, last run, operations, status) with
// Edit, Pause/Resume and Delete on each row (also on the context menu; double-click edits,
// the Delete key deletes). It follows the Catalog's schedulesChanged.
//
//   auto *schedules = new ScheduleListView(catalog);
//   activityView->setSchedulePage(schedules);
//   // and alongside activityView->setDatastore(id): schedules->setDatastore(id);
class ScheduleListView : public QWidget
{
    Q_OBJECT
public:
    enum class RowAction { Edit, PauseResume, Delete };

    explicit ScheduleListView(Catalog *catalog, QWidget *parent = nullptr);

    // 0: every datastore (the table then shows a Datastore column).
    void setDatastore(qint64 datastoreId);
    qint64 datastore() const;

    QLineEdit *searchEdit() const { return m_search; }
    QComboBox *sortBox() const { return m_sort; }
    QToolButton *orderButton() const { return m_order; }
    QComboBox *typeBox() const { return m_type; }
    QTableView *tableView() const { return m_table; }
    ScheduleTableModel *model() const { return m_model; }
    QLabel *emptyLabel() const { return m_empty; }
    // The button of `action` on `row`, or nullptr.
    QAbstractButton *rowButton(int row, RowAction action) const;
    // The Delete confirmation while it is open, else nullptr.
    QMessageBox *deleteConfirmation() const;

public slots:
    // Opens the Schedule dialog on the schedule; returns it (nullptr when the schedule is gone).
    ScheduleDialog *editSchedule(qint64 scheduleId);
    // Pauses or resumes (next run recomputed from now); false with a message on failure.
    bool setScheduleEnabled(qint64 scheduleId, bool enabled);
    // Asks to confirm, then deletes (operations it ran stay in the Runs list).
    void deleteSchedule(qint64 scheduleId);

private:
    QWidget *createBar();
    void applyFilters();
    void updateOrderButton();
    void onModelReset();
    void addRowButtons(int row);
    void showContextMenu(const QPoint &pos);
    qint64 currentId() const;
    void showError(const QString &text);

    Catalog *m_catalog;
    ScheduleTableModel *m_model;
    QLineEdit *m_search = nullptr;
    QComboBox *m_sort = nullptr;
    QToolButton *m_order = nullptr;
    QComboBox *m_type = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_empty = nullptr;
    QPointer<QMessageBox> m_confirm;
    qint64 m_selectedId = 0; // kept across model resets
    bool m_descending = true;
};

} // namespace assay
