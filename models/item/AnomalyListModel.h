#pragma once

#include "models/catalog/Catalog.h"
#include "models/domain/Anomaly.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QTimer>
#include <functional>

namespace assay {

// The Anomalies list: anomalies matching an AnomalyQuery (datastore, container, check, status or
// status group, type), newest first, read from the Catalog in pages as the view scrolls
// (canFetchMore / fetchMore).
//
// Catalog::anomaliesChanged notices are debounced, then the loaded rows are read again and
// merged by id (the order is by id, so the merge is one pass): changed rows emit dataChanged,
// new anomalies are inserted, ones that left the filter (a status change) are removed, so a
// status action does not reset the view or lose its selection.
class AnomalyListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        IdColumn,
        TypeColumn,
        StatusColumn,
        ContainerColumn,
        RulesColumn,
        MessageColumn,
        RecordsColumn,
        CreatedColumn,
        ColumnCount
    };
    enum Role {
        AnomalyIdRole = Qt::UserRole + 1, // qint64
        UuidRole,                         // QString
        TypeRole,                         // "record" or "shape"
        StatusRole,                       // Active ... Duplicate
        ContainerIdRole,                  // qint64
        ContainerNameRole,                // QString
        RulesRole,                        // QStringList, one per failed check
        MessageRole,                      // QString
        RecordCountRole,                  // qint64
        CreatedAtRole,                    // QDateTime UTC
    };
    static constexpr int kPageSize = 200;
    static constexpr int kDebounceMs = 150;

    explicit AnomalyListModel(Catalog *catalog, QObject *parent = nullptr);

    // How the Rule column names a rule ("notNull" -> "Not Null"): the rule catalogue lives
    // above this layer, so the view gives it. Without one the API name is shown.
    void setRuleTitle(std::function<QString(const QString &rule)> title);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    QHash<int, QByteArray> roleNames() const override;

    // Replaces the query (reloads when it differs).
    void setQuery(const AnomalyQuery &query);
    AnomalyQuery query() const { return m_query; }

    // Anomalies matching the query (loaded or not).
    int totalCount() const { return m_total; }
    Anomaly anomalyAt(int row) const;
    qint64 anomalyIdAt(int row) const;
    // The row of a loaded anomaly, -1 when it is not loaded.
    int rowOf(qint64 anomalyId) const;
    // True while the model itself inserts, removes or resets rows (a view's current row may
    // move then without the person choosing it).
    bool isChanging() const { return m_changing; }

    static bool sameQuery(const AnomalyQuery &a, const AnomalyQuery &b);
    static QString statusLabel(const QString &status);
    static QString typeLabel(const QString &type);
    // A colour per status that reads on light and dark backgrounds.
    static QColor statusColor(const QString &status);
    // The failed checks' rules, each once, in order.
    static QStringList rulesOf(const Anomaly &anomaly);

public slots:
    // Forgets the loaded rows and reads the first page again.
    void reload();
    // Re-reads the loaded rows now and applies the differences (the debounced path).
    void refresh();

signals:
    // After reload() or a refresh() that changed anything.
    void contentsChanged();

private:
    bool applyFresh();
    void onAnomaliesChanged(qint64 datastoreId);
    static bool sameRow(const Anomaly &a, const Anomaly &b);
    QVariant display(const Anomaly &a, int column) const;

    Catalog *m_catalog;
    std::function<QString(const QString &)> m_ruleTitle;
    AnomalyQuery m_query;
    QList<Anomaly> m_rows;
    int m_total = 0;
    QTimer m_debounce;
    // Set while this model emits a structural change: a fetchMore() asked for from inside such
    // a notification waits for the next one.
    bool m_changing = false;
};

} // namespace assay
