#include "models/item/OperationListModel.h"

#include "models/domain/Clock.h"
#include "models/domain/DisplayTime.h"
#include "models/domain/Operation.h"

#include <QLocale>
#include <QSet>

namespace assay {

namespace {

// Rows re-read beyond the loaded window, so operations pushed down by new ones stay listed.
constexpr int kSlack = 200;

struct Changing
{
    explicit Changing(bool &flag) : flag(flag), was(flag) { flag = true; }
    ~Changing() { flag = was; }
    bool &flag;
    bool was;
};

} // namespace

OperationListModel::OperationListModel(Catalog *catalog, QObject *parent)
    : QAbstractTableModel(parent), m_catalog(catalog)
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kDebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &OperationListModel::refresh);
    connect(catalog, &Catalog::operationsChanged, this, &OperationListModel::onOperationsChanged);
    auto names = [this] {
        loadNames();
        if (!m_rows.isEmpty())
            emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
    };
    connect(catalog, &Catalog::datastoreAdded, this, names);
    connect(catalog, &Catalog::datastoreUpdated, this, names);
    connect(catalog, &Catalog::schedulesChanged, this, names);
    connect(catalog, &Catalog::datastoreRemoved, this, [this, names] {
        names();
        m_debounce.start();
    });
    loadNames();
    reload();
}

void OperationListModel::loadNames()
{
    m_datastoreNames.clear();
    for (const Datastore &d : m_catalog->datastores())
        m_datastoreNames.insert(d.id, d.name);
    m_scheduleNames.clear();
    for (const Schedule &s : m_catalog->schedules())
        m_scheduleNames.insert(s.id, s.name);
}

int OperationListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int OperationListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool OperationListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_changing && m_rows.size() < m_total;
}

void OperationListModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || m_changing)
        return;
    const Changing changing(m_changing);
    QList<Operation> page = m_catalog->operationPage(m_query, int(m_rows.size()), kPageSize);
    // Rows may have shifted since the last read: never list one operation twice.
    QSet<qint64> loaded;
    loaded.reserve(m_rows.size());
    for (const Operation &op : std::as_const(m_rows))
        loaded.insert(op.id);
    page.erase(std::remove_if(page.begin(), page.end(),
                              [&loaded](const Operation &op) { return loaded.contains(op.id); }),
               page.end());
    if (page.isEmpty()) {
        m_total = int(m_rows.size()); // nothing more to read after all
        return;
    }
    const int first = int(m_rows.size());
    beginInsertRows(QModelIndex(), first, first + int(page.size()) - 1);
    m_rows.append(page);
    endInsertRows();
}

void OperationListModel::reload()
{
    m_debounce.stop();
    {
        const Changing changing(m_changing);
        beginResetModel();
        m_total = m_catalog->operationCount(m_query);
        m_rows = m_catalog->operationPage(m_query, 0, kPageSize);
        endResetModel();
    }
    emit contentsChanged();
}

void OperationListModel::onOperationsChanged(qint64 datastoreId)
{
    if (m_query.datastoreId == 0 || datastoreId == m_query.datastoreId)
        m_debounce.start();
}

bool OperationListModel::sameRow(const Operation &a, const Operation &b) const
{
    return a.status == b.status && a.progress == b.progress && a.message == b.message &&
           a.startedAt == b.startedAt && a.endedAt == b.endedAt && a.scheduleId == b.scheduleId &&
           a.triggeredBy == b.triggeredBy && a.type == b.type && a.createdAt == b.createdAt;
}

void OperationListModel::refresh()
{
    m_debounce.stop();
    if (m_changing) {
        m_debounce.start(); // not from inside another change
        return;
    }
    switch (applyFresh()) {
    case Applied::Stale:
        reload();
        break;
    case Applied::Changed:
        emit contentsChanged();
        break;
    case Applied::Nothing:
        break;
    }
}

OperationListModel::Applied OperationListModel::applyFresh()
{
    const Changing changing(m_changing);
    const int oldTotal = m_total;
    const int loaded = int(m_rows.size());
    const bool tailKept = loaded > kLiveRows;
    const int window = qMin(loaded, kLiveRows);
    const QList<Operation> fresh = m_catalog->operationPage(m_query, 0, window + kSlack);
    const int newTotal = m_catalog->operationCount(m_query);

    QSet<qint64> oldIds, newIds;
    oldIds.reserve(loaded);
    for (const Operation &op : std::as_const(m_rows))
        oldIds.insert(op.id);
    newIds.reserve(fresh.size());
    for (const Operation &op : fresh)
        newIds.insert(op.id);

    bool changed = newTotal != oldTotal;
    int inserted = 0, removed = 0;
    int row = 0, i = 0, j = 0;
    const int n = window, m = int(fresh.size());
    while (i < n || j < m) {
        if (i < n && j < m && m_rows.at(row).id == fresh.at(j).id) {
            if (!sameRow(m_rows.at(row), fresh.at(j))) {
                m_rows[row] = fresh.at(j);
                emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
                changed = true;
            }
            ++row, ++i, ++j;
        } else if (i < n && !newIds.contains(m_rows.at(row).id)) {
            // Deleted, filtered out, or pushed below the re-read rows: one run at a time.
            int last = row;
            while (i + (last - row) + 1 < n && !newIds.contains(m_rows.at(last + 1).id))
                ++last;
            const int count = last - row + 1;
            beginRemoveRows(QModelIndex(), row, last);
            m_rows.remove(row, count);
            endRemoveRows();
            i += count, removed += count, changed = true;
        } else if (j < m && !oldIds.contains(fresh.at(j).id)) {
            if (i >= n && !tailKept && row >= kPageSize)
                break; // beyond what was loaded: fetchMore reads it when the view asks
            int last = j;
            while (last + 1 < m && !oldIds.contains(fresh.at(last + 1).id) &&
                   (i < n || tailKept || row + (last + 1 - j) < kPageSize))
                ++last;
            const int count = last - j + 1;
            beginInsertRows(QModelIndex(), row, row + count - 1);
            for (int k = 0; k < count; ++k)
                m_rows.insert(row + k, fresh.at(j + k));
            endInsertRows();
            row += count, j += count, inserted += count, changed = true;
        } else if (i >= n) {
            break; // the rest of `fresh` is the kept tail
        } else {
            return Applied::Stale; // the order changed (a duration sort while one runs)
        }
    }
    m_total = newTotal;
    if (tailKept && inserted - removed != newTotal - oldTotal)
        return Applied::Stale; // changes below the re-read rows: the kept tail is stale
    return changed ? Applied::Changed : Applied::Nothing;
}

QVariant OperationListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QVariant();
    if (role == Qt::TextAlignmentRole)
        return (section == IdColumn || section == DurationColumn)
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
    case TimestampColumn:
        return tr("Timestamp");
    case DurationColumn:
        return tr("Duration");
    case TriggeredByColumn:
        return tr("Triggered by");
    case ScheduleColumn:
        return tr("Schedule");
    case DatastoreColumn:
        return tr("Datastore");
    default:
        return QVariant();
    }
}

QVariant OperationListModel::display(const Operation &op, int column) const
{
    switch (column) {
    case IdColumn:
        return QString::number(op.id);
    case TypeColumn:
        return typeLabel(op.type);
    case StatusColumn:
        if (op.status == operation_status::kRunning)
            return tr("Running %1%").arg(qRound(op.progress * 100));
        return statusLabel(op.status);
    case TimestampColumn: {
        const QDateTime at = op.startedAt.isValid() ? op.startedAt : op.createdAt;
        return display_time::local(at);
    }
    case DurationColumn: {
        const qint64 ms = durationMs(op, Clock::utcNow());
        return ms < 0 ? QStringLiteral("—") : formatDuration(ms);
    }
    case TriggeredByColumn:
        return triggeredByLabel(op.triggeredBy);
    case ScheduleColumn:
        if (!op.scheduleId)
            return QStringLiteral("—");
        return m_scheduleNames.value(op.scheduleId, tr("Schedule %1").arg(op.scheduleId));
    case DatastoreColumn:
        return m_datastoreNames.value(op.datastoreId, tr("Datastore %1").arg(op.datastoreId));
    default:
        return QVariant();
    }
}

QVariant OperationListModel::toolTip(const Operation &op, int column) const
{
    switch (column) {
    case TimestampColumn: {
        QStringList lines{tr("Created: %1").arg(display_time::utc(op.createdAt))};
        if (op.startedAt.isValid())
            lines << tr("Started: %1").arg(display_time::utc(op.startedAt));
        if (op.endedAt.isValid())
            lines << tr("Ended: %1").arg(display_time::utc(op.endedAt));
        return lines.join(QLatin1Char('\n'));
    }
    case StatusColumn:
        return op.message.isEmpty() ? statusLabel(op.status) : op.message;
    case ScheduleColumn:
        return op.scheduleId ? display(op, column) : tr("Not scheduled");
    default:
        return display(op, column);
    }
}

QVariant OperationListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const Operation &op = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return display(op, index.column());
    case Qt::ToolTipRole:
        return toolTip(op, index.column());
    case Qt::TextAlignmentRole:
        return headerData(index.column(), Qt::Horizontal, role);
    case Qt::DecorationRole:
        if (index.column() != StatusColumn)
            return QVariant();
        return statusColor(op.status);
    case OperationIdRole:
        return op.id;
    case DatastoreIdRole:
        return op.datastoreId;
    case DatastoreNameRole:
        return m_datastoreNames.value(op.datastoreId);
    case TypeRole:
        return op.type;
    case StatusRole:
        return op.status;
    case TriggeredByRole:
        return op.triggeredBy;
    case ScheduleIdRole:
        return op.scheduleId;
    case CreatedAtRole:
        return op.createdAt;
    case StartedAtRole:
        return op.startedAt;
    case EndedAtRole:
        return op.endedAt;
    case DurationMsRole:
        return durationMs(op, Clock::utcNow());
    case ProgressRole:
        return op.progress;
    case MessageRole:
        return op.message;
    default:
        return QVariant();
    }
}

QHash<int, QByteArray> OperationListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(OperationIdRole, "operationId");
    names.insert(DatastoreIdRole, "datastoreId");
    names.insert(DatastoreNameRole, "datastoreName");
    names.insert(TypeRole, "type");
    names.insert(StatusRole, "status");
    names.insert(TriggeredByRole, "triggeredBy");
    names.insert(ScheduleIdRole, "scheduleId");
    names.insert(CreatedAtRole, "createdAt");
    names.insert(StartedAtRole, "startedAt");
    names.insert(EndedAtRole, "endedAt");
    names.insert(DurationMsRole, "durationMs");
    names.insert(ProgressRole, "progress");
    names.insert(MessageRole, "message");
    return names;
}

void OperationListModel::sort(int column, Qt::SortOrder order)
{
    if (column == DurationColumn)
        setSort(OperationQuery::Sort::Duration, order == Qt::DescendingOrder);
    else if (column == IdColumn || column == TimestampColumn)
        setSort(OperationQuery::Sort::CreatedAt, order == Qt::DescendingOrder);
}

void OperationListModel::setQuery(const OperationQuery &query)
{
    if (query == m_query)
        return;
    m_query = query;
    reload();
}

void OperationListModel::setDatastore(qint64 datastoreId)
{
    OperationQuery q = m_query;
    q.datastoreId = datastoreId;
    setQuery(q);
}

void OperationListModel::setTypeFilter(const QString &type)
{
    OperationQuery q = m_query;
    q.type = type;
    setQuery(q);
}

void OperationListModel::setStatusFilter(const QString &status)
{
    OperationQuery q = m_query;
    q.status = status;
    setQuery(q);
}

void OperationListModel::setDayFilter(const QDate &day)
{
    OperationQuery q = m_query;
    q.day = day;
    setQuery(q);
}

void OperationListModel::setContainerFilter(const QString &container)
{
    OperationQuery q = m_query;
    q.container = container.trimmed();
    setQuery(q);
}

void OperationListModel::setIdSearch(const QString &idPrefix)
{
    OperationQuery q = m_query;
    q.idPrefix = idPrefix.trimmed();
    setQuery(q);
}

void OperationListModel::setSort(OperationQuery::Sort sort, bool descending)
{
    OperationQuery q = m_query;
    q.sort = sort;
    q.descending = descending;
    setQuery(q);
}

Operation OperationListModel::operationAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : Operation();
}

qint64 OperationListModel::operationIdAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : 0;
}

int OperationListModel::rowOf(qint64 operationId) const
{
    for (int row = 0; row < m_rows.size(); ++row)
        if (m_rows.at(row).id == operationId)
            return row;
    return -1;
}

void OperationListModel::setLiveProgress(qint64 operationId, double fraction)
{
    const int row = rowOf(operationId);
    if (row < 0 || m_rows.at(row).status != operation_status::kRunning ||
        m_rows.at(row).progress == fraction)
        return;
    m_rows[row].progress = fraction;
    emit dataChanged(index(row, StatusColumn), index(row, DurationColumn));
}

QString OperationListModel::typeLabel(const QString &type)
{
    if (type == QLatin1String("catalog"))
        return tr("Sync");
    if (type == QLatin1String("profile"))
        return tr("Profile");
    if (type == QLatin1String("scan"))
        return tr("Scan");
    if (type.isEmpty())
        return QString();
    return type.at(0).toUpper() + type.mid(1);
}

QString OperationListModel::statusLabel(const QString &status)
{
    if (status == operation_status::kQueued)
        return tr("Queued");
    if (status == operation_status::kRunning)
        return tr("Running");
    if (status == operation_status::kSuccess)
        return tr("Success");
    if (status == operation_status::kWarning)
        return tr("Warning");
    if (status == operation_status::kFailure)
        return tr("Failure");
    if (status == operation_status::kAborted)
        return tr("Aborted");
    return status;
}

QString OperationListModel::triggeredByLabel(const QString &triggeredBy)
{
    if (triggeredBy == QLatin1String("user"))
        return tr("User");
    if (triggeredBy == QLatin1String("schedule"))
        return tr("Schedule");
    if (triggeredBy == QLatin1String("cli"))
        return tr("Command line");
    if (triggeredBy == QLatin1String("first_start"))
        return tr("Assay (first start)");
    return triggeredBy;
}

QColor OperationListModel::statusColor(const QString &status)
{
    if (status == operation_status::kSuccess)
        return QColor(0x2e, 0x9d, 0x4f);
    if (status == operation_status::kWarning)
        return QColor(0xd9, 0x9a, 0x00);
    if (status == operation_status::kFailure)
        return QColor(0xd1, 0x36, 0x2f);
    if (status == operation_status::kRunning)
        return QColor(0x2f, 0x7f, 0xd8);
    return QColor(0x8a, 0x8f, 0x98); // queued, aborted
}

QString OperationListModel::formatDuration(qint64 ms)
{
    if (ms < 0)
        return QString();
    if (ms < 1000)
        return tr("%1 ms").arg(ms);
    const qint64 s = ms / 1000;
    if (s < 60)
        return tr("%1 s").arg(s);
    if (s < 3600)
        return tr("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    if (s < 86400)
        return tr("%1 h %2 min").arg(s / 3600).arg((s / 60) % 60, 2, 10, QLatin1Char('0'));
    return tr("%1 d %2 h").arg(s / 86400).arg((s / 3600) % 24);
}

qint64 OperationListModel::durationMs(const Operation &operation, const QDateTime &now)
{
    if (!operation.startedAt.isValid())
        return -1;
    const QDateTime end = operation.endedAt.isValid() ? operation.endedAt : now;
    return qMax<qint64>(0, operation.startedAt.msecsTo(end));
}

} // namespace assay
