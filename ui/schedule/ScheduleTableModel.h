#pragma once

#include "models/domain/Schedule.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QTimer>

namespace assay {

class Catalog;

// The Catalog's schedules as the Activity → Schedule list shows them: one row per schedule of
// the chosen datastore (or of all), matching the search text and operation type, ordered by
// created date or by how many operations each has run. Rereads the Catalog when its schedules
// change (and the counts when operations come and go); the rows are few, so a reread is a
// reset and views keep their selection by schedule id.
class ScheduleTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        DatastoreColumn,
        TypeColumn,
        CronColumn,
        DescriptionColumn,
        NextRunUtcColumn,
        NextRunLocalColumn,
        LastRunColumn,
        OperationsColumn,
        EnabledColumn,
        ActionsColumn, // empty: the view puts the row's buttons here
        ColumnCount
    };
    enum class Sort { CreatedAt, OperationCount };
    static constexpr int IdRole = Qt::UserRole + 1;

    explicit ScheduleTableModel(Catalog *catalog, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // 0: every datastore.
    void setDatastore(qint64 datastoreId);
    qint64 datastore() const { return m_datastoreId; }
    // Case-insensitive text found in the name, datastore, cron or its description.
    void setSearchText(const QString &text);
    // "" or an operation type ("catalog", "profile", "scan").
    void setOperationType(const QString &type);
    void setSort(Sort sort, bool descending);
    Sort sort() const { return m_sort; }
    bool isDescending() const { return m_descending; }

    Schedule scheduleAt(int row) const;
    // The row showing `scheduleId`, or -1.
    int rowOf(qint64 scheduleId) const;
    // Operations run by the schedule (any status).
    int operationCount(qint64 scheduleId) const { return m_counts.value(scheduleId); }
    // Every schedule read, before the search and type filters (for the view's empty state).
    int totalCount() const { return m_totalCount; }

public slots:
    // Rereads schedules and operation counts (datastore names come from a cache kept by the
    // datastore signals: a schedule claim every minute must not reread every datastore).
    void reload();

private:
    struct Row
    {
        Schedule schedule;
        QString datastoreName;
        QString description;
    };
    QHash<qint64, int> readCounts() const;
    void rebuild();
    void datastoreRenamed(qint64 id);
    void datastoreGone(qint64 id);
    void reloadCounts();

    Catalog *m_catalog;
    QList<Row> m_all;  // every schedule of the datastore
    QList<Row> m_rows; // filtered and sorted
    QHash<qint64, int> m_counts;
    QHash<qint64, QString> m_datastoreNames;
    qint64 m_datastoreId = 0;
    QString m_search;
    QString m_type;
    Sort m_sort = Sort::CreatedAt;
    bool m_descending = true;
    int m_totalCount = 0;
    QTimer m_countsTimer;
};

} // namespace assay
