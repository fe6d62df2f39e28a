#pragma once

#include "models/catalog/Catalog.h"
#include "models/domain/Check.h"

#include <QAbstractTableModel>
#include <QHash>
#include <functional>

namespace assay {

// The checks of a container (or a datastore) as a table: rule, fields, key properties,
// coverage, status and origin (inferred / edited / authored), read from Catalog::checks.
//
// It refreshes itself on Catalog::checksChanged for its datastore: the rows are re-read and
// diffed, so changed checks emit dataChanged, new ones are inserted and removed ones taken
// out, and a view keeps its selection across an edit.
//
// The models layer knows nothing of the rule catalogue (app/checks), so how a rule's name and
// properties read is given by the caller (setPresenter); the default shows the API names.
class CheckListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        RuleColumn,
        FieldsColumn,
        PropertiesColumn,
        CoverageColumn,
        StatusColumn,
        LastScanColumn, // the latest scan's outcome: "Passed", "Failed: 12 of 1,000", "Guaranteed"
        OriginColumn,   // "Inferred", "Inferred, edited", "Authored"
        ColumnCount
    };
    enum Role {
        CheckIdRole = Qt::UserRole + 1, // qint64
        RuleRole,                       // QString, API name
        StatusRole,                     // QString: Active, Draft, Archived
        InferredRole,                   // bool
        UserEditedRole,                 // bool
        ContainerIdRole,                // qint64
    };

    // How a check reads in the list: the rule's title and a one-line summary of its properties.
    struct Presenter
    {
        std::function<QString(const QString &rule)> ruleTitle;
        std::function<QString(const Check &check)> properties;
    };

    explicit CheckListModel(Catalog *catalog, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    void setPresenter(const Presenter &presenter);
    // Replaces the query and reads it (a reset when it differs).
    void setQuery(const CheckQuery &query);
    CheckQuery query() const { return m_query; }
    // One member of the query changed: "" shows every status.
    void setStatusFilter(const QString &status);

    Check checkAt(int row) const;
    qint64 checkIdAt(int row) const;
    int rowOf(qint64 checkId) const;
    // Checks of the query per status, the status filter itself ignored (the filter's counts).
    QHash<QString, int> statusCounts() const { return m_counts; }

    static QString statusLabel(const QString &status);
    static QString originLabel(const Check &check);
    // "100%", "95%", "99.5%".
    static QString coverageText(double coverage);
    // A check's latest scan outcome in words ("—" when never scanned).
    static QString lastScanText(const CheckMetric *metric);
    // The properties as "key: value" pairs in key order (the default presenter).
    static QString plainProperties(const Check &check);

public slots:
    // Re-reads the checks and applies the differences row by row.
    void refresh();

signals:
    // After refresh() or setQuery(): the rows or the counts may differ.
    void contentsChanged();

private:
    QList<Check> readRows() const;
    void readCounts();
    // The latest scan of each check (for a container's checks only).
    QHash<qint64, CheckMetric> readLastScans() const;
    QVariant display(const Check &check, int column) const;

    Catalog *m_catalog;
    CheckQuery m_query;
    Presenter m_presenter;
    QList<Check> m_rows;
    QHash<QString, int> m_counts;
    QHash<qint64, CheckMetric> m_lastScan;
};

} // namespace assay
