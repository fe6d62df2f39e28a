#include "models/item/DatastoreTreeModel.h"

#include "models/catalog/Catalog.h"

#include <QIcon>
#include <QSqlQuery>

namespace assay {

struct DatastoreTreeModel::Node
{
    QString kind; // "root", "datastore", "container", "field"
    qint64 id = 0;
    QString name;
    QString detail; // connector type, container type or declared field type
    bool enrichOnly = false;
    bool nullable = true;
    int count = 0;         // datastores: containers; containers: fields
    QString lastOperation; // datastores: "<type> <status>"
    bool fetched = false;  // every child read from the Catalog
    int loaded = 0;        // children read so far (containers come in pages)
    Node *parent = nullptr;
    std::vector<std::unique_ptr<Node>> children;

    int row() const
    {
        if (!parent)
            return 0;
        for (size_t i = 0; i < parent->children.size(); ++i)
            if (parent->children[i].get() == this)
                return int(i);
        return 0;
    }
};

DatastoreTreeModel::DatastoreTreeModel(Catalog *catalog, QObject *parent)
    : QAbstractItemModel(parent), m_catalog(catalog), m_root(std::make_unique<Node>())
{
    m_root->kind = QStringLiteral("root");
    connect(catalog, &Catalog::datastoreAdded, this, &DatastoreTreeModel::onDatastoreAdded);
    connect(catalog, &Catalog::datastoreUpdated, this, &DatastoreTreeModel::onDatastoreUpdated);
    connect(catalog, &Catalog::datastoreRemoved, this, &DatastoreTreeModel::onDatastoreRemoved);
    connect(catalog, &Catalog::containersChanged, this, &DatastoreTreeModel::onContainersChanged);
    connect(catalog, &Catalog::operationsChanged, this, &DatastoreTreeModel::onOperationsChanged);
    // Connector types shown beside datastores come from connections: refresh them all.
    connect(catalog, &Catalog::connectionsChanged, this, [this] {
        for (auto &child : m_root->children)
            onDatastoreUpdated(child->id);
    });
    reload();
}

DatastoreTreeModel::~DatastoreTreeModel() = default;

void DatastoreTreeModel::fillDatastoreNode(Node &node, qint64 id) const
{
    node.kind = tree_kind::kDatastore;
    node.id = id;
    if (const auto datastore = m_catalog->datastore(id)) {
        node.name = datastore->name;
        node.enrichOnly = datastore->enrichOnly;
        if (const auto connection = m_catalog->connection(datastore->connectionId))
            node.detail = connection->type;
    }
    node.count = m_catalog->containerCount(id).value();
}

void DatastoreTreeModel::reload()
{
    beginResetModel();
    m_root->children.clear();
    const QHash<qint64, Operation> latest = m_catalog->latestOperations();
    for (const Datastore &datastore : m_catalog->datastores()) {
        auto node = std::make_unique<Node>();
        fillDatastoreNode(*node, datastore.id);
        const auto op = latest.constFind(datastore.id);
        if (op != latest.constEnd())
            node->lastOperation = op->type + QLatin1Char(' ') + op->status;
        node->parent = m_root.get();
        m_root->children.push_back(std::move(node));
    }
    m_root->fetched = true;
    endResetModel();
}

DatastoreTreeModel::Node *DatastoreTreeModel::nodeFor(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex DatastoreTreeModel::indexFor(Node *node) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row(), 0, node);
}

QModelIndex DatastoreTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    Node *parentNode = nodeFor(parent);
    return createIndex(row, column, parentNode->children[size_t(row)].get());
}

QModelIndex DatastoreTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexFor(nodeFor(child)->parent);
}

int DatastoreTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return int(nodeFor(parent)->children.size());
}

int DatastoreTreeModel::columnCount(const QModelIndex &) const
{
    return 1;
}

bool DatastoreTreeModel::hasChildren(const QModelIndex &parent) const
{
    const Node *node = nodeFor(parent);
    if (node->kind == tree_kind::kField)
        return false;
    if (node->kind == QLatin1String("root"))
        return !node->children.empty();
    return node->count > 0 || !node->children.empty();
}

bool DatastoreTreeModel::canFetchMore(const QModelIndex &parent) const
{
    const Node *node = nodeFor(parent);
    return node->kind != tree_kind::kField && !node->fetched;
}

void DatastoreTreeModel::fetchMore(const QModelIndex &parent)
{
    Node *node = nodeFor(parent);
    if (node->fetched)
        return;
    std::vector<std::unique_ptr<Node>> children;
    if (node->kind == tree_kind::kDatastore) {
        const QList<ContainerSummary> page =
            m_catalog->containerPage(node->id, node->loaded, kPageSize);
        for (const ContainerSummary &container : page) {
            auto child = std::make_unique<Node>();
            child->kind = tree_kind::kContainer;
            child->id = container.id;
            child->name = container.name;
            child->detail = container.containerType;
            child->count = container.fieldCount;
            children.push_back(std::move(child));
        }
        node->fetched = page.size() < kPageSize;
    } else if (node->kind == tree_kind::kContainer) {
        for (const Field &field : m_catalog->fields(node->id)) {
            if (field.removed)
                continue;
            auto child = std::make_unique<Node>();
            child->kind = tree_kind::kField;
            child->id = field.id;
            child->name = field.name;
            child->detail = field.declaredType;
            child->nullable = field.nullable;
            child->fetched = true;
            children.push_back(std::move(child));
        }
        node->fetched = true;
        node->count = int(children.size());
    } else {
        node->fetched = true;
    }
    if (children.empty())
        return;
    const int first = int(node->children.size());
    beginInsertRows(parent, first, first + int(children.size()) - 1);
    for (auto &child : children) {
        child->parent = node;
        node->children.push_back(std::move(child));
    }
    node->loaded = int(node->children.size());
    endInsertRows();
}

QString DatastoreTreeModel::detailText(const Node &node) const
{
    // Plural by hand: without a loaded translation, Qt's %n leaves "container(s)".
    if (node.kind == tree_kind::kDatastore)
        return node.count == 1 ? tr("%1 · 1 container").arg(node.detail)
                               : tr("%1 · %2 containers").arg(node.detail).arg(node.count);
    if (node.kind == tree_kind::kContainer)
        return node.count == 1 ? tr("%1 · 1 field").arg(node.detail)
                               : tr("%1 · %2 fields").arg(node.detail).arg(node.count);
    if (node.kind == tree_kind::kField)
        return node.nullable ? node.detail : tr("%1 · not null").arg(node.detail);
    return QString();
}

QVariant DatastoreTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node *node = nodeFor(index);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return node->name;
    case Qt::ToolTipRole:
        if (node->kind == tree_kind::kDatastore)
            return tr("%1 (%2)%3")
                .arg(node->name, node->detail,
                     node->enrichOnly ? tr(", enrichment datastore") : QString());
        return node->detail.isEmpty() ? node->name : tr("%1 (%2)").arg(node->name, node->detail);
    case Qt::AccessibleTextRole:
        return tr("%1 %2").arg(node->kind, node->name);
    case Qt::DecorationRole: {
        if (node->kind == tree_kind::kDatastore)
            return QIcon(node->enrichOnly ? QStringLiteral(":/icons/enrichment.svg")
                                          : QStringLiteral(":/icons/datastore.svg"));
        if (node->kind == tree_kind::kContainer) {
            if (node->detail == QLatin1String("view"))
                return QIcon(QStringLiteral(":/icons/view.svg"));
            if (node->detail == QLatin1String("file"))
                return QIcon(QStringLiteral(":/icons/file.svg"));
            return QIcon(QStringLiteral(":/icons/table.svg"));
        }
        return QIcon(QStringLiteral(":/icons/field.svg"));
    }
    case KindRole:
        return node->kind;
    case IdRole:
        return node->id;
    case ConnectorTypeRole:
        return node->kind == tree_kind::kDatastore ? node->detail : QString();
    case EnrichOnlyRole:
        return node->enrichOnly;
    case DetailRole:
        return detailText(*node);
    case CountRole:
        return node->count;
    case ContainerTypeRole:
        return node->kind == tree_kind::kContainer ? node->detail : QString();
    case DeclaredTypeRole:
        return node->kind == tree_kind::kField ? node->detail : QString();
    case NullableRole:
        return node->nullable;
    case LastOperationRole:
        return node->lastOperation;
    default:
        return {};
    }
}

QHash<int, QByteArray> DatastoreTreeModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert(KindRole, "kind");
    names.insert(IdRole, "id");
    names.insert(ConnectorTypeRole, "connectorType");
    names.insert(EnrichOnlyRole, "enrichOnly");
    names.insert(DetailRole, "detail");
    names.insert(CountRole, "count");
    names.insert(ContainerTypeRole, "containerType");
    names.insert(DeclaredTypeRole, "declaredType");
    names.insert(NullableRole, "nullable");
    names.insert(LastOperationRole, "lastOperation");
    return names;
}

int DatastoreTreeModel::datastoreRow(qint64 id) const
{
    for (size_t i = 0; i < m_root->children.size(); ++i)
        if (m_root->children[i]->id == id)
            return int(i);
    return -1;
}

int DatastoreTreeModel::loadMatches(const QString &text, int limit)
{
    if (text.trimmed().isEmpty())
        return 0;
    // One query over the Catalog (LIKE is case-insensitive for ASCII in SQLite, as the proxy's
    // filter is); '\' escapes the user's own % and _.
    QString pattern = text;
    pattern.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
        .replace(QLatin1Char('%'), QLatin1String("\\%"))
        .replace(QLatin1Char('_'), QLatin1String("\\_"));
    pattern = QLatin1Char('%') + pattern + QLatin1Char('%');
    QSqlQuery q(m_catalog->database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
        "SELECT c.datastore_id, c.id, c.name LIKE ? ESCAPE '\\' FROM containers c WHERE "
        "c.removed = 0 AND (c.name LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM fields f WHERE "
        "f.container_id = c.id AND f.removed = 0 AND f.name LIKE ? ESCAPE '\\')) "
        "ORDER BY c.datastore_id, c.name LIMIT ?"));
    for (int i = 0; i < 3; ++i)
        q.addBindValue(pattern);
    q.addBindValue(limit);
    if (!q.exec())
        return 0;
    QHash<qint64, QList<QPair<qint64, bool>>> byDatastore; // containers, and whether by name
    int found = 0;
    while (q.next()) {
        byDatastore[q.value(0).toLongLong()]
            << qMakePair(q.value(1).toLongLong(), q.value(2).toBool());
        ++found;
    }
    for (auto it = byDatastore.cbegin(); it != byDatastore.cend(); ++it) {
        const QModelIndex datastore = indexForDatastore(it.key());
        if (!datastore.isValid())
            continue;
        Node *node = nodeFor(datastore);
        for (const auto &[containerId, byName] : it.value()) {
            const auto loaded = [&] {
                for (const auto &child : node->children)
                    if (child->id == containerId)
                        return child.get();
                return static_cast<Node *>(nullptr);
            };
            // Containers come in pages: read on until this one is in.
            while (!loaded() && canFetchMore(datastore))
                fetchMore(datastore);
            Node *container = loaded();
            if (container && !byName && canFetchMore(indexFor(container)))
                fetchMore(indexFor(container)); // a field of it matched
        }
    }
    return found;
}

QModelIndex DatastoreTreeModel::indexForDatastore(qint64 datastoreId) const
{
    const int row = datastoreRow(datastoreId);
    return row < 0 ? QModelIndex() : index(row, 0);
}

void DatastoreTreeModel::onDatastoreAdded(qint64 id)
{
    if (datastoreRow(id) >= 0)
        return;
    auto node = std::make_unique<Node>();
    fillDatastoreNode(*node, id);
    node->parent = m_root.get();
    // Keep the alphabetical order of Catalog::datastores().
    int row = 0;
    while (row < int(m_root->children.size()) &&
           QString::compare(m_root->children[size_t(row)]->name, node->name) < 0)
        ++row;
    beginInsertRows({}, row, row);
    m_root->children.insert(m_root->children.begin() + row, std::move(node));
    endInsertRows();
}

void DatastoreTreeModel::onDatastoreUpdated(qint64 id)
{
    const int row = datastoreRow(id);
    if (row < 0)
        return onDatastoreAdded(id);
    Node *node = m_root->children[size_t(row)].get();
    const QString oldName = node->name;
    fillDatastoreNode(*node, id);
    if (oldName != node->name) {
        // A rename may change the order: remove and insert again.
        onDatastoreRemoved(id);
        onDatastoreAdded(id);
        return;
    }
    const QModelIndex changed = index(row, 0);
    emit dataChanged(changed, changed);
}

void DatastoreTreeModel::onDatastoreRemoved(qint64 id)
{
    const int row = datastoreRow(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_root->children.erase(m_root->children.begin() + row);
    endRemoveRows();
}

void DatastoreTreeModel::onContainersChanged(qint64 datastoreId)
{
    const int row = datastoreRow(datastoreId);
    if (row < 0)
        return;
    Node *node = m_root->children[size_t(row)].get();
    const QModelIndex parentIndex = index(row, 0);
    if (!node->children.empty()) {
        beginRemoveRows(parentIndex, 0, int(node->children.size()) - 1);
        node->children.clear();
        endRemoveRows();
    }
    // Unfetched again: the view re-reads when the datastore is expanded (or already is).
    node->fetched = false;
    node->loaded = 0;
    node->count = m_catalog->containerCount(datastoreId).value();
    emit dataChanged(parentIndex, parentIndex);
}

void DatastoreTreeModel::onOperationsChanged(qint64 datastoreId)
{
    const int row = datastoreRow(datastoreId);
    if (row < 0)
        return;
    const auto latest = m_catalog->latestOperation(datastoreId);
    Node *node = m_root->children[size_t(row)].get();
    node->lastOperation = latest ? latest->type + QLatin1Char(' ') + latest->status : QString();
    const QModelIndex changed = index(row, 0);
    emit dataChanged(changed, changed);
}

} // namespace assay
