#include "models/item/AnomalyListModel.h"

#include "models/domain/DisplayTime.h"

#include <QLocale>

namespace assay {

namespace {

struct Changing
{
    explicit Changing(bool &flag) : flag(flag), was(flag) { flag = true; }
    ~Changing() { flag = was; }
    bool &flag;
    bool was;
};

} // namespace

AnomalyListModel::AnomalyListModel(Catalog *catalog, QObject *parent)
    : QAbstractTableModel(parent), m_catalog(catalog)
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kDebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &AnomalyListModel::refresh);
    connect(catalog, &Catalog::anomaliesChanged, this, &AnomalyListModel::onAnomaliesChanged);
    // A removed datastore takes its anomalies along; container renames come with Sync.
    connect(catalog, &Catalog::datastoreRemoved, this, [this] { m_debounce.start(); });
    connect(catalog, &Catalog::containersChanged, this, &AnomalyListModel::onAnomaliesChanged);
    reload();
}

bool AnomalyListModel::sameQuery(const AnomalyQuery &a, const AnomalyQuery &b)
{
    return a.datastoreId == b.datastoreId && a.containerId == b.containerId &&
           a.checkId == b.checkId && a.operationId == b.operationId && a.status == b.status &&
           a.type == b.type;
}

int AnomalyListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AnomalyListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool AnomalyListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_changing && m_rows.size() < m_total;
}

void AnomalyListModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || m_changing)
        return;
    const Changing changing(m_changing);
    QList<Anomaly> page = m_catalog->anomalies(m_query, int(m_rows.size()), kPageSize);
    // New anomalies may have shifted the pages since the last read: the order is by id,
    // descending, so only ids below the last loaded one are new to this list.
    if (!m_rows.isEmpty()) {
        const qint64 last = m_rows.constLast().id;
        page.erase(std::remove_if(page.begin(), page.end(),
                                  [last](const Anomaly &a) { return a.id >= last; }),
                   page.end());
    }
    if (page.isEmpty()) {
        m_total = int(m_rows.size()); // nothing more to read after all
        return;
    }
    const int first = int(m_rows.size());
    beginInsertRows(QModelIndex(), first, first + int(page.size()) - 1);
    m_rows.append(page);
    endInsertRows();
}

void AnomalyListModel::reload()
{
    m_debounce.stop();
    {
        const Changing changing(m_changing);
        beginResetModel();
        m_total = m_catalog->anomalyCount(m_query);
        m_rows = m_catalog->anomalies(m_query, 0, kPageSize);
        endResetModel();
    }
    emit contentsChanged();
}

void AnomalyListModel::onAnomaliesChanged(qint64 datastoreId)
{
    if (m_query.datastoreId == 0 || datastoreId == m_query.datastoreId)
        m_debounce.start();
}

void AnomalyListModel::refresh()
{
    m_debounce.stop();
    if (m_changing) {
        m_debounce.start(); // not from inside another change
        return;
    }
    if (applyFresh())
        emit contentsChanged();
}

bool AnomalyListModel::sameRow(const Anomaly &a, const Anomaly &b)
{
    if (a.failedChecks.size() != b.failedChecks.size())
        return false;
    for (int i = 0; i < a.failedChecks.size(); ++i)
        if (a.failedChecks.at(i).rule != b.failedChecks.at(i).rule ||
            a.failedChecks.at(i).message != b.failedChecks.at(i).message)
            return false;
    return a.status == b.status && a.message == b.message && a.comment == b.comment &&
           a.type == b.type && a.anomalousRecordCount == b.anomalousRecordCount &&
           a.containerName == b.containerName && a.updatedAt == b.updatedAt;
}

bool AnomalyListModel::applyFresh()
{
    const Changing changing(m_changing);
    // The list becomes exactly the first `window` matching anomalies: rows pushed below it are
    // dropped and read again by fetchMore when the view scrolls there.
    const int window = qMax(int(m_rows.size()), kPageSize);
    const QList<Anomaly> fresh = m_catalog->anomalies(m_query, 0, window);
    const int newTotal = m_catalog->anomalyCount(m_query);
    bool changed = newTotal != m_total;

    int row = 0, j = 0;
    const int m = int(fresh.size());
    while (row < m_rows.size() || j < m) {
        if (row < m_rows.size() && j < m && m_rows.at(row).id == fresh.at(j).id) {
            if (!sameRow(m_rows.at(row), fresh.at(j))) {
                m_rows[row] = fresh.at(j);
                emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
                changed = true;
            }
            ++row, ++j;
        } else if (row < m_rows.size() && (j >= m || m_rows.at(row).id > fresh.at(j).id)) {
            // Gone (deleted, or no longer matching): remove the whole run at once.
            int last = row;
            while (last + 1 < m_rows.size() && (j >= m || m_rows.at(last + 1).id > fresh.at(j).id))
                ++last;
            beginRemoveRows(QModelIndex(), row, last);
            m_rows.remove(row, last - row + 1);
            endRemoveRows();
            changed = true;
        } else {
            // New here: insert the run of fresh rows above the next kept one.
            int last = j;
            while (last + 1 < m &&
                   (row >= m_rows.size() || fresh.at(last + 1).id > m_rows.at(row).id))
                ++last;
            const int count = last - j + 1;
            beginInsertRows(QModelIndex(), row, row + count - 1);
            for (int k = 0; k < count; ++k)
                m_rows.insert(row + k, fresh.at(j + k));
            endInsertRows();
            row += count, j += count;
            changed = true;
        }
    }
    m_total = newTotal;
    return changed;
}

QVariant AnomalyListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QVariant();
    if (role == Qt::TextAlignmentRole)
        return (section == IdColumn || section == RecordsColumn)
                   ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                   : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case IdColumn:
        return tr("ID");
    case TypeColumn:
        return tr("Type");
    case StatusColumn:
        return tr("Status");
    case ContainerColumn:
        return tr("Table/File");
    case RulesColumn:
        return tr("Rule");
    case MessageColumn:
        return tr("Description");
    case RecordsColumn:
        return tr("Records");
    case CreatedColumn:
        return tr("Created");
    default:
        return QVariant();
    }
}

void AnomalyListModel::setRuleTitle(std::function<QString(const QString &)> title)
{
    m_ruleTitle = std::move(title);
    if (rowCount() > 0)
        emit dataChanged(index(0, RulesColumn), index(rowCount() - 1, RulesColumn));
}

QStringList AnomalyListModel::rulesOf(const Anomaly &anomaly)
{
    QStringList rules;
    for (const AnomalyFailedCheck &f : anomaly.failedChecks)
        if (!rules.contains(f.rule))
            rules << f.rule;
    return rules;
}

QVariant AnomalyListModel::display(const Anomaly &a, int column) const
{
    switch (column) {
    case IdColumn:
        return QString::number(a.id);
    case TypeColumn:
        return typeLabel(a.type);
    case StatusColumn:
        return statusLabel(a.status);
    case ContainerColumn:
        return a.containerName;
    case RulesColumn: {
        QStringList titles = rulesOf(a);
        if (m_ruleTitle)
            for (QString &rule : titles)
                rule = m_ruleTitle(rule);
        return titles.join(QStringLiteral(", "));
    }
    case MessageColumn:
        return a.message;
    case RecordsColumn:
        return a.anomalousRecordCount > 0 ? QLocale().toString(a.anomalousRecordCount)
                                          : QStringLiteral("—");
    case CreatedColumn:
        return display_time::local(a.createdAt);
    default:
        return QVariant();
    }
}

QVariant AnomalyListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const Anomaly &a = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return display(a, index.column());
    case Qt::ToolTipRole:
        if (index.column() == CreatedColumn)
            return tr("Created: %1").arg(display_time::utc(a.createdAt));
        if (index.column() == StatusColumn && !a.comment.isEmpty())
            return tr("%1: %2").arg(statusLabel(a.status), a.comment);
        return display(a, index.column());
    case Qt::TextAlignmentRole:
        return headerData(index.column(), Qt::Horizontal, role);
    case Qt::DecorationRole:
        return index.column() == StatusColumn ? QVariant(statusColor(a.status)) : QVariant();
    case AnomalyIdRole:
        return a.id;
    case UuidRole:
        return a.uuid;
    case TypeRole:
        return a.type;
    case StatusRole:
        return a.status;
    case ContainerIdRole:
        return a.containerId;
    case ContainerNameRole:
        return a.containerName;
    case RulesRole:
        return rulesOf(a);
    case MessageRole:
        return a.message;
    case RecordCountRole:
        return a.anomalousRecordCount;
    case CreatedAtRole:
        return a.createdAt;
    default:
        return QVariant();
    }
}

QHash<int, QByteArray> AnomalyListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(AnomalyIdRole, "anomalyId");
    names.insert(UuidRole, "uuid");
    names.insert(TypeRole, "type");
    names.insert(StatusRole, "status");
    names.insert(ContainerIdRole, "containerId");
    names.insert(ContainerNameRole, "containerName");
    names.insert(RulesRole, "rules");
    names.insert(MessageRole, "message");
    names.insert(RecordCountRole, "recordCount");
    names.insert(CreatedAtRole, "createdAt");
    return names;
}

void AnomalyListModel::setQuery(const AnomalyQuery &query)
{
    if (sameQuery(query, m_query))
        return;
    m_query = query;
    reload();
}

Anomaly AnomalyListModel::anomalyAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : Anomaly();
}

qint64 AnomalyListModel::anomalyIdAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : 0;
}

int AnomalyListModel::rowOf(qint64 anomalyId) const
{
    for (int row = 0; row < m_rows.size(); ++row)
        if (m_rows.at(row).id == anomalyId)
            return row;
    return -1;
}

QString AnomalyListModel::statusLabel(const QString &status)
{
    if (status == anomaly_status::kActive)
        return tr("Active");
    if (status == anomaly_status::kAcknowledged)
        return tr("Acknowledged");
    if (status == anomaly_status::kResolved)
        return tr("Resolved");
    if (status == anomaly_status::kInvalid)
        return tr("Invalid");
    if (status == anomaly_status::kDuplicate)
        return tr("Duplicate");
    return status;
}

QString AnomalyListModel::typeLabel(const QString &type)
{
    if (type == QLatin1String("record"))
        return tr("Record");
    if (type == QLatin1String("shape"))
        return tr("Shape");
    return type;
}

QColor AnomalyListModel::statusColor(const QString &status)
{
    if (status == anomaly_status::kActive)
        return QColor(0xd1, 0x36, 0x2f);
    if (status == anomaly_status::kAcknowledged)
        return QColor(0xd9, 0x9a, 0x00);
    if (status == anomaly_status::kResolved)
        return QColor(0x2e, 0x9d, 0x4f);
    return QColor(0x8a, 0x8f, 0x98); // Invalid, Duplicate
}

} // namespace assay
