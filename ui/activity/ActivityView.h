#pragma once

#include <QWidget>

class QAbstractButton;
class QSplitter;
class QStackedWidget;
class QTreeView;

namespace assay {

class ActivityCalendarModel;
class ActivityFilterBar;
class ActivityHeatmap;
class ActivitySummaryStrip;
class ListDetailSplitter;
class Catalog;
class OperationDetailWidget;
class OperationEngine;
class OperationListModel;

// The Activity tab: a "Runs | Schedule" switch; on Runs, the top panel (search by ID, sort,
// type / status / table filters), the activity heatmap (click a day to list only that UTC
// day; click it again for every day), a summary strip (counts per status), and the runs list
// over OperationListModel with the selected operation's detail below it.
//
// Embed it with `new ActivityView(catalog, engine, parent)` and call setDatastore() when the
// selected datastore changes (0 lists every datastore). The Schedule page is a placeholder
// until setSchedulePage() gives it a real one.
class ActivityView : public QWidget
{
    Q_OBJECT
public:
    ActivityView(Catalog *catalog, OperationEngine *engine, QWidget *parent = nullptr);

    // 0: every datastore (the list then shows a Datastore column).
    void setDatastore(qint64 datastoreId);
    qint64 datastore() const { return m_datastoreId; }

    // The Schedule page ("Schedules appear here" until replaced).
    QWidget *schedulePage() const { return m_schedulePage; }
    // Replaces the Schedule page (the old one is deleted).
    void setSchedulePage(QWidget *page);
    void showRuns();
    void showSchedule();

    // Selects (and shows the detail of) an operation when the list holds it.
    bool selectOperation(qint64 operationId);
    // The same, or as soon as the list holds it (an operation just queued: the list reads the
    // Catalog a moment later).
    void selectOperationWhenListed(qint64 operationId);
    qint64 selectedOperation() const;

    // The parts, for tests and for the owner's wiring.
    ActivityHeatmap *heatmap() const { return m_heatmap; }
    ActivityCalendarModel *calendarModel() const { return m_calendar; }
    OperationListModel *listModel() const { return m_list; }
    QTreeView *runsView() const { return m_runs; }
    OperationDetailWidget *detail() const { return m_detail; }
    ActivityFilterBar *filterBar() const { return m_filters; }
    ActivitySummaryStrip *summaryStrip() const { return m_summary; }
    QAbstractButton *runsButton() const { return m_runsButton; }
    QAbstractButton *scheduleButton() const { return m_scheduleButton; }

private:
    QWidget *createSwitch();
    QWidget *createRunsPage();
    void applyFilters();
    void onDaySelected(const QDate &day);
    void onCurrentChanged();
    void onListChanged();
    void updateSummary();
    void loadContainerNames();
    void updateColumns();

    Catalog *m_catalog;
    OperationEngine *m_engine;
    qint64 m_datastoreId = 0;
    qint64 m_selectedId = 0;    // kept across list resets
    qint64 m_pendingSelect = 0; // an operation (a rerun, a run) to select once listed

    QAbstractButton *m_runsButton = nullptr;
    QAbstractButton *m_scheduleButton = nullptr;
    QStackedWidget *m_stack = nullptr;
    QWidget *m_schedulePage = nullptr;
    ActivityFilterBar *m_filters = nullptr;
    ActivityCalendarModel *m_calendar = nullptr;
    ActivityHeatmap *m_heatmap = nullptr;
    ActivitySummaryStrip *m_summary = nullptr;
    OperationListModel *m_list = nullptr;
    QTreeView *m_runs = nullptr;
    ListDetailSplitter *m_paneSizes = nullptr;
    QSplitter *m_splitter = nullptr;
    OperationDetailWidget *m_detail = nullptr;
};

} // namespace assay
