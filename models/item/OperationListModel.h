#pragma once

#include "models/catalog/Catalog.h"
#include "models/domain/Operation.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QHash>
#include <QTimer>

namespace assay {

// The Activity list: operations matching an OperationQuery (datastore or all, type, status,
// UTC day, container, id prefix; by created date or duration), read from the Catalog in pages
// as the view scrolls (canFetchMore / fetchMore), so 100,000 operations stay smooth.
//
// Catalog change notices are debounced, then the loaded rows are re-read and diffed: rows
// that changed emit dataChanged, new operations are inserted, deleted ones removed, so a
// running operation's progress does not reset the view or its selection. When more than
// kLiveRows rows are loaded only the first kLiveRows are re-read (new and running operations
// are the recent ones); the rows below are kept as they are.
class OperationListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        IdColumn,
        TypeColumn,
        StatusColumn,
        TimestampColumn,
        DurationColumn,
        TriggeredByColumn,
        ScheduleColumn,
        DatastoreColumn, // useful when every datastore is listed
        ColumnCount
    };
    enum Role {
        OperationIdRole = Qt::UserRole + 1, // qint64
        DatastoreIdRole,                    // qint64
        DatastoreNameRole,                  // QString
        TypeRole,                           // "catalog", "profile", "scan"
        StatusRole,                         // "queued" ... "aborted"
        TriggeredByRole,                    // "user", "schedule", "cli"
        ScheduleIdRole,                     // qint64, 0 when not scheduled
        CreatedAtRole,                      // QDateTime UTC
        StartedAtRole,                      // QDateTime UTC, invalid when not started
        EndedAtRole,                        // QDateTime UTC, invalid when not ended
        DurationMsRole,                     // qint64, -1 when not started
        ProgressRole,                       // double 0..1
        MessageRole,                        // QString
    };
    static constexpr int kPageSize = 500;
    static constexpr int kLiveRows = 5000;
    static constexpr int kDebounceMs = 200;

    explicit OperationListModel(Catalog *catalog, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    // Timestamp/ID sort by created date, Duration by duration; other columns are ignored.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    QHash<int, QByteArray> roleNames() const override;

    // Replaces the whole query (resets the model when it differs).
    void setQuery(const OperationQuery &query);
    OperationQuery query() const { return m_query; }
    // Convenience setters, each a setQuery with one member changed.
    void setDatastore(qint64 datastoreId);
    void setTypeFilter(const QString &type);
    void setStatusFilter(const QString &status);
    void setDayFilter(const QDate &day);
    void setContainerFilter(const QString &container);
    void setIdSearch(const QString &idPrefix);
    void setSort(OperationQuery::Sort sort, bool descending);

    // Operations matching the query (loaded or not).
    int totalCount() const { return m_total; }
    Operation operationAt(int row) const;
    qint64 operationIdAt(int row) const;
    // The row of a loaded operation, -1 when it is not loaded (or not listed).
    int rowOf(qint64 operationId) const;
    // Progress reported live by the engine (workers write the Catalog on their own
    // connection, which this Catalog does not hear): updates a loaded running row in place.
    void setLiveProgress(qint64 operationId, double fraction);

    static QString typeLabel(const QString &type);
    static QString statusLabel(const QString &status);
    static QString triggeredByLabel(const QString &triggeredBy);
    // A colour per status that reads on light and dark backgrounds.
    static QColor statusColor(const QString &status);
    // "850 ms", "42 s", "3 min 05 s", "2 h 10 min", "3 d 4 h".
    static QString formatDuration(qint64 ms);
    static qint64 durationMs(const Operation &operation, const QDateTime &now);

public slots:
    // Forgets the loaded rows and reads the first page again.
    void reload();
    // Re-reads the loaded rows now and applies the differences (the debounced path).
    void refresh();

signals:
    // After reload() or refresh() changed anything (the summary strip re-counts then).
    void contentsChanged();

private:
    enum class Applied { Nothing, Changed, Stale };
    // Re-reads the loaded rows and applies the differences row by row.
    Applied applyFresh();
    void onOperationsChanged(qint64 datastoreId);
    void loadNames();
    bool sameRow(const Operation &a, const Operation &b) const;
    QVariant display(const Operation &op, int column) const;
    QVariant toolTip(const Operation &op, int column) const;

    Catalog *m_catalog;
    OperationQuery m_query;
    QList<Operation> m_rows;
    int m_total = 0;
    QHash<qint64, QString> m_datastoreNames;
    QHash<qint64, QString> m_scheduleNames;
    QTimer m_debounce;
    // Set while this model emits a structural change: a fetchMore() asked for from inside
    // such a notification (a view, the model tester) waits for the next one.
    bool m_changing = false;
};

} // namespace assay
