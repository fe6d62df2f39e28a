#pragma once

#include <QAbstractItemModel>
#include <memory>
#include <vector>

namespace assay {

class Catalog;

// What a row of the tree is (KindRole).
namespace tree_kind {
inline const QString kDatastore = QStringLiteral("datastore");
inline const QString kContainer = QStringLiteral("container");
inline const QString kField = QStringLiteral("field");
} // namespace tree_kind

// The datastore tree: datastores at the top, their containers below, fields below those.
// Children are read from the Catalog lazily (fetchMore) and refreshed from its change notices,
// one datastore at a time, so a large catalog stays cheap to show.
class DatastoreTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Role {
        KindRole = Qt::UserRole + 1, // tree_kind
        IdRole,
        ConnectorTypeRole, // datastores: the connector id (postgresql, sqlite...)
        EnrichOnlyRole,
        DetailRole,        // one line under the name: "table · 8 fields", "integer · not null"
        CountRole,         // datastores: containers; containers: fields
        ContainerTypeRole, // containers: table, view, file
        DeclaredTypeRole,  // fields: the source's type
        NullableRole,      // fields
        LastOperationRole, // datastores: "catalog success", "" when none ran
    };

    // Containers are read in pages of this size as the view scrolls.
    static constexpr int kPageSize = 2000;

    explicit DatastoreTreeModel(Catalog *catalog, QObject *parent = nullptr);
    ~DatastoreTreeModel() override;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    QHash<int, QByteArray> roleNames() const override;

    QModelIndex indexForDatastore(qint64 datastoreId) const;

    // Reads into the tree the containers whose name, or one of whose fields' names, contains
    // `text` (case-insensitive), with their fields: children load lazily, so a filter over
    // this model would otherwise find only what was already expanded. At most `limit`
    // containers; how many the Catalog holds (up to `limit`).
    int loadMatches(const QString &text, int limit = 500);

public slots:
    void reload();

private:
    struct Node;
    Node *nodeFor(const QModelIndex &index) const;
    QModelIndex indexFor(Node *node) const;
    void onDatastoreAdded(qint64 id);
    void onDatastoreUpdated(qint64 id);
    void onDatastoreRemoved(qint64 id);
    void onContainersChanged(qint64 datastoreId);
    void onOperationsChanged(qint64 datastoreId);
    int datastoreRow(qint64 id) const;
    QString detailText(const Node &node) const;
    void fillDatastoreNode(Node &node, qint64 id) const;

    Catalog *m_catalog;
    std::unique_ptr<Node> m_root;
};

} // namespace assay
