#pragma once

#include "app/scheduling/ScheduleSpec.h"

#include <QTabWidget>

class QLabel;
class QLineEdit;
class QSpinBox;
class QTimeEdit;
class QToolButton;

namespace assay {

// The Schedule dialog's mode tabs, one per ScheduleSpec::Mode, in that order: Hourly (every N
// hours on minute M), Daily (every N days at HH:MM UTC), Weekly (day toggles Mon..Sun and
// HH:MM UTC), Monthly (day D of every N months at HH:MM UTC) and Advanced (a cron line).
// They only collect: spec() is what the current tab says, changed() fires on every edit.
// Switching to Advanced before typing there starts it from the expression of the tab left.
class ScheduleModeTabs : public QTabWidget
{
    Q_OBJECT
public:
    explicit ScheduleModeTabs(QWidget *parent = nullptr);

    ScheduleSpec::Mode mode() const { return ScheduleSpec::Mode(currentIndex()); }
    void setMode(ScheduleSpec::Mode mode) { setCurrentIndex(int(mode)); }
    // The current tab's spec.
    ScheduleSpec spec() const;
    // Fills the tab of `spec.mode` with it and shows that tab.
    void setSpec(const ScheduleSpec &spec);

    QSpinBox *hourlyEvery() const { return m_hourlyEvery; }
    QSpinBox *hourlyMinute() const { return m_hourlyMinute; }
    QSpinBox *dailyEvery() const { return m_dailyEvery; }
    QTimeEdit *dailyTime() const { return m_dailyTime; }
    // `day`: 0 (Sunday) to 6 (Saturday), as cron counts.
    QToolButton *weekdayButton(int day) const { return m_weekdays[day % 7]; }
    QTimeEdit *weeklyTime() const { return m_weeklyTime; }
    QSpinBox *monthlyDay() const { return m_monthlyDay; }
    QSpinBox *monthlyEvery() const { return m_monthlyEvery; }
    QTimeEdit *monthlyTime() const { return m_monthlyTime; }
    QLineEdit *cronEdit() const { return m_cron; }

signals:
    void changed();

private:
    QWidget *createHourly();
    QWidget *createDaily();
    QWidget *createWeekly();
    QWidget *createMonthly();
    QWidget *createAdvanced();
    QSpinBox *spin(int min, int max, const QString &accessibleName);
    QTimeEdit *timeEdit(const QString &accessibleName);
    ScheduleSpec specOf(ScheduleSpec::Mode mode) const;
    void onTabChanged(int index);
    void updateMonthlyHint();

    QSpinBox *m_hourlyEvery = nullptr;
    QSpinBox *m_hourlyMinute = nullptr;
    QLabel *m_hourlyHint = nullptr;
    QSpinBox *m_dailyEvery = nullptr;
    QTimeEdit *m_dailyTime = nullptr;
    QToolButton *m_weekdays[7] = {};
    QTimeEdit *m_weeklyTime = nullptr;
    QSpinBox *m_monthlyDay = nullptr;
    QSpinBox *m_monthlyEvery = nullptr;
    QTimeEdit *m_monthlyTime = nullptr;
    QLabel *m_monthlyHint = nullptr;
    QLineEdit *m_cron = nullptr;
    int m_previous = 0;         // the tab shown before the current one
    bool m_cronTyped = false;   // the user edited the Advanced line
    bool m_settingCron = false; // the dialog, not the user, is writing the Advanced line
};

} // namespace assay
