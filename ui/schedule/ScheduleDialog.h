#pragma once

#include "app/scheduling/ScheduleSpec.h"
#include "models/domain/Schedule.h"

#include <QDialog>
#include <QJsonObject>
#include <QMessageBox>
#include <QPointer>

class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;

namespace assay {

class Catalog;
class ScheduleModeTabs;
class SchedulePreview;

// Schedules an operation (Sync today) to run on a cron schedule, or edits a schedule.
//
// The mode tabs (Hourly, Daily, Weekly, Monthly, Advanced) collect when; under them the
// equivalent cron expression, its reading in words and the next five runs (UTC and local) are
// always shown; then the schedule's name, required and unique in the Catalog (checked as it
// is typed). Schedule (Save when editing) writes the Schedule, with the operation type and
// options the caller gave and its next run, to the Catalog, then confirms with an
// "Operation Scheduled" message naming it and its next run; closing that accepts the dialog.
//
//   auto *d = new ScheduleDialog(catalog, datastoreId, operation_type::kSync, options, this);
//   d->setAttribute(Qt::WA_DeleteOnClose);
//   d->open();
class ScheduleDialog : public QDialog
{
    Q_OBJECT
public:
    ScheduleDialog(Catalog *catalog, qint64 datastoreId, const QString &operationType,
                   const QJsonObject &options, QWidget *parent = nullptr);
    // Edits `schedule` (as read from the Catalog): reopens on the tab that wrote its cron.
    ScheduleDialog(Catalog *catalog, const Schedule &schedule, QWidget *parent = nullptr);
    // Edits the schedule with id `scheduleId`; nullptr when the Catalog no longer has it.
    static ScheduleDialog *editSchedule(Catalog *catalog, qint64 scheduleId,
                                        QWidget *parent = nullptr);

    bool isEditing() const { return m_editing; }
    // The schedule as saved (id set) or as it would be saved now.
    Schedule schedule() const;
    ScheduleSpec spec() const;
    // Empty when Save is allowed, else the first thing to fix.
    QString problem() const;

    // The parts, for tests and keyboard users.
    QLineEdit *nameEdit() const { return m_name; }
    QLabel *nameError() const { return m_nameError; }
    ScheduleModeTabs *modeTabs() const { return m_tabs; }
    SchedulePreview *preview() const { return m_preview; }
    QLabel *cronLabel() const;
    QLabel *descriptionLabel() const;
    QLabel *errorLabel() const;
    QTreeWidget *nextRunsView() const;
    QPushButton *saveButton() const { return m_save; }
    // The "Operation Scheduled" box while it is open, else nullptr.
    QMessageBox *confirmation() const;

public slots:
    // Writes the schedule (when allowed) and opens the confirmation; false on failure.
    bool save();

signals:
    // The schedule was written to the Catalog (before the confirmation shows).
    void scheduleSaved(qint64 scheduleId);

private:
    void build();
    void updatePreview();
    void updateState();
    void fitHeight();
    QString nameProblem() const;
    void showConfirmation(const Schedule &saved);

    Catalog *m_catalog;
    Schedule m_schedule; // id 0 until saved, or the schedule being edited
    ScheduleModeTabs *m_tabs = nullptr;
    SchedulePreview *m_preview = nullptr;
    QLineEdit *m_name = nullptr;
    QLabel *m_nameError = nullptr;
    QLabel *m_saveError = nullptr;
    QPushButton *m_save = nullptr;
    QPointer<QMessageBox> m_confirmation;
    bool m_editing = false;
    bool m_nameTouched = false;
    bool m_saved = false;
};

} // namespace assay
