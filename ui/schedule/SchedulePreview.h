#pragma once

#include "app/scheduling/ScheduleSpec.h"

#include <QDateTime>
#include <QList>
#include <QWidget>

class QLabel;
class QTreeWidget;

namespace assay {

// What a schedule means, always in view under the mode tabs: the equivalent cron expression
// (monospace, selectable), its reading in plain words, the next five runs in UTC and local
// time, and, when the spec cannot be scheduled, why (in red, naming the cron field at fault).
class SchedulePreview : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kRunCount = 5;

    explicit SchedulePreview(QWidget *parent = nullptr);

    // Shows `spec` as of `nowUtc`.
    void setSpec(const ScheduleSpec &spec, const QDateTime &nowUtc);

    // Whether the last spec can be scheduled (valid, and runs at least once).
    bool isValid() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }
    // The tidy cron text of the last spec ("" when invalid).
    QString cron() const { return m_cron; }
    QList<QDateTime> nextRuns() const { return m_runs; }

    QLabel *cronLabel() const { return m_cronLabel; }
    QLabel *descriptionLabel() const { return m_description; }
    QLabel *errorLabel() const { return m_errorLabel; }
    QTreeWidget *nextRunsView() const { return m_list; }

private:
    QLabel *m_cronLabel;
    QLabel *m_description;
    QLabel *m_errorLabel;
    QTreeWidget *m_list;
    QString m_error;
    QString m_cron;
    QList<QDateTime> m_runs;
};

} // namespace assay
