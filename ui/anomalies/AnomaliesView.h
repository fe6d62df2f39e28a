#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QSplitter;
class QTreeView;

namespace assay {

class ColumnPriority;
class ListDetailSplitter;

class AnomalyDetailWidget;
class AnomalyFilterBar;
class AnomalyListModel;
class AnomalyStatusStrip;
class Catalog;

// The Anomalies tab of a datastore, laid out like the Activity tab: the status groups with
// their counts (Open, Active, Acknowledged | Archived, Resolved, Invalid, Duplicate | All), the
// filters (type, table, check), the anomaly list over AnomalyListModel, and the selected
// anomaly's detail (AnomalyDetailWidget) below it, with its status actions.
//
// Embed it with `new AnomaliesView(parent)`, then call setDatastore(catalog, id) whenever the
// shown datastore changes; setContainerFilter() narrows the list to one table (e.g. from the
// tree). Everything it shows follows Catalog::anomaliesChanged.
class AnomaliesView : public QWidget
{
    Q_OBJECT
public:
    explicit AnomaliesView(QWidget *parent = nullptr);

    // 0: every datastore. The catalog may change (another file opened).
    void setDatastore(Catalog *catalog, qint64 datastoreId);
    qint64 datastore() const { return m_datastoreId; }
    // 0: every table of the datastore.
    void setContainerFilter(qint64 containerId);
    // "open", "archived", a status, or "" for all.
    void setStatusGroup(const QString &group);

    // Selects (and shows the detail of) an anomaly when the list holds it.
    bool selectAnomaly(qint64 anomalyId);
    qint64 selectedAnomaly() const { return m_selectedId; }

    AnomalyListModel *listModel() const { return m_list; }
    QTreeView *listView() const { return m_view; }
    AnomalyDetailWidget *detail() const { return m_detail; }
    AnomalyFilterBar *filterBar() const { return m_filters; }
    AnomalyStatusStrip *statusStrip() const { return m_strip; }
    QLabel *listedLabel() const { return m_listed; }

private:
    void applyFilters();
    void updateCounts();
    void loadFilterChoices();
    void selectRow(int row);
    void onCurrentChanged();
    void onListChanged();
    void sizeColumns();

    QPointer<Catalog> m_catalog;
    qint64 m_datastoreId = 0;
    qint64 m_selectedId = 0;  // kept across list changes
    bool m_filtering = false; // the list resets for new filters

    AnomalyStatusStrip *m_strip;
    AnomalyFilterBar *m_filters;
    QLabel *m_listed;
    AnomalyListModel *m_list = nullptr;
    QTreeView *m_view;
    ListDetailSplitter *m_paneSizes = nullptr;
    ColumnPriority *m_columns = nullptr; // the description keeps its room
    QSplitter *m_splitter;
    AnomalyDetailWidget *m_detail;
};

} // namespace assay
