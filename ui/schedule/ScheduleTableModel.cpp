#include "ui/schedule/ScheduleTableModel.h"

#include "app/scheduling/CronExpression.h"
#include "models/catalog/Catalog.h"
#include "ui/common/Theme.h"
#include "ui/schedule/ScheduleFormat.h"

#include <QGuiApplication>
#include <QLoggingCategory>
#include <QPalette>
#include <QSqlError>
#include <QSqlQuery>
#include <algorithm>

Q_LOGGING_CATEGORY(lcScheduleList, "assay.ui.schedules")

namespace assay {

namespace {

constexpr int kCountsDelayMs = 200;

} // namespace

ScheduleTableModel::ScheduleTableModel(Catalog *catalog, QObject *parent)
    : QAbstractTableModel(parent), m_catalog(catalog)
{
    m_countsTimer.setSingleShot(true);
    m_countsTimer.setInterval(kCountsDelayMs);
    connect(&m_countsTimer, &QTimer::timeout, this, &ScheduleTableModel::reloadCounts);
    connect(m_catalog, &Catalog::schedulesChanged, this, &ScheduleTableModel::reload);
    connect(m_catalog, &Catalog::datastoreAdded, this, &ScheduleTableModel::datastoreRenamed);
    connect(m_catalog, &Catalog::datastoreUpdated, this, &ScheduleTableModel::datastoreRenamed);
    connect(m_catalog, &Catalog::datastoreRemoved, this, &ScheduleTableModel::datastoreGone);
    connect(m_catalog, &Catalog::operationsChanged, &m_countsTimer, qOverload<>(&QTimer::start));
    for (const Datastore &d : m_catalog->datastores())
        m_datastoreNames.insert(d.id, d.name);
    reload();
}

int ScheduleTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ScheduleTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ScheduleTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const Row &row = m_rows.at(index.row());
    const Schedule &s = row.schedule;
    if (role == IdRole)
        return s.id;
    if (role == Qt::DisplayRole || role == Qt::AccessibleTextRole) {
        switch (index.column()) {
        case NameColumn:
            return s.name;
        case DatastoreColumn:
            return row.datastoreName;
        case TypeColumn:
            return ScheduleFormat::operationLabel(s.operationType);
        case CronColumn:
            return s.cron;
        case DescriptionColumn:
            return row.description;
        case NextRunUtcColumn:
            return s.enabled ? ScheduleFormat::utc(s.nextRunAt) : tr("Paused");
        case NextRunLocalColumn:
            return s.enabled ? ScheduleFormat::local(s.nextRunAt) : tr("Paused");
        case LastRunColumn:
            return s.lastRunAt.isValid() ? ScheduleFormat::utc(s.lastRunAt) : tr("Never");
        case OperationsColumn:
            return m_counts.value(s.id);
        case EnabledColumn:
            return s.enabled ? tr("Active") : tr("Paused");
        default:
            return role == Qt::AccessibleTextRole ? tr("Actions for %1").arg(s.name) : QVariant();
        }
    }
    switch (role) {
    case Qt::FontRole:
        if (index.column() == CronColumn)
            return theme::monospaceFont();
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == OperationsColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case Qt::ForegroundRole:
        if (!s.enabled && (index.column() == EnabledColumn || index.column() == NextRunUtcColumn ||
                           index.column() == NextRunLocalColumn))
            return QGuiApplication::palette().brush(QPalette::PlaceholderText);
        break;
    case Qt::ToolTipRole:
        switch (index.column()) {
        case CronColumn:
        case DescriptionColumn:
            return tr("%1 (cron: %2)").arg(row.description, s.cron);
        case NextRunUtcColumn:
        case NextRunLocalColumn:
            return s.enabled ? tr("%1\n%2").arg(ScheduleFormat::utc(s.nextRunAt),
                                                ScheduleFormat::local(s.nextRunAt))
                             : tr("Paused: resume the schedule to run it again.");
        case LastRunColumn:
            return s.lastRunAt.isValid() ? ScheduleFormat::local(s.lastRunAt) : QVariant();
        case OperationsColumn:
            return tr("%n operation(s) run by this schedule", nullptr, m_counts.value(s.id));
        default:
            break;
        }
        break;
    default:
        break;
    }
    return QVariant();
}

QVariant ScheduleTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case DatastoreColumn:
        return tr("Datastore");
    case TypeColumn:
        return tr("Type");
    case CronColumn:
        return tr("Cron");
    case DescriptionColumn:
        return tr("Schedule");
    case NextRunUtcColumn:
        return tr("Next run (UTC)");
    case NextRunLocalColumn:
        return tr("Next run (local)");
    case LastRunColumn:
        return tr("Last run");
    case OperationsColumn:
        return tr("Operations");
    case EnabledColumn:
        return tr("Status");
    case ActionsColumn:
        return tr("Actions");
    default:
        return QVariant();
    }
}

void ScheduleTableModel::setDatastore(qint64 datastoreId)
{
    if (datastoreId == m_datastoreId)
        return;
    m_datastoreId = datastoreId;
    reload();
}

void ScheduleTableModel::setSearchText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_search)
        return;
    m_search = trimmed;
    rebuild();
}

void ScheduleTableModel::setOperationType(const QString &type)
{
    if (type == m_type)
        return;
    m_type = type;
    rebuild();
}

void ScheduleTableModel::setSort(Sort sort, bool descending)
{
    if (sort == m_sort && descending == m_descending)
        return;
    m_sort = sort;
    m_descending = descending;
    rebuild();
}

Schedule ScheduleTableModel::scheduleAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).schedule : Schedule();
}

int ScheduleTableModel::rowOf(qint64 scheduleId) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).schedule.id == scheduleId)
            return i;
    return -1;
}

void ScheduleTableModel::datastoreRenamed(qint64 id)
{
    const auto d = m_catalog->datastore(id);
    if (!d || m_datastoreNames.value(id) == d->name)
        return;
    m_datastoreNames.insert(id, d->name);
    reload();
}

void ScheduleTableModel::datastoreGone(qint64 id)
{
    m_datastoreNames.remove(id);
    reload(); // its schedules went with it
}

void ScheduleTableModel::reload()
{
    m_all.clear();
    for (const Schedule &s : m_catalog->schedules()) {
        if (m_datastoreId && s.datastoreId != m_datastoreId)
            continue;
        QString error;
        const CronExpression cron = CronExpression::parse(s.cron, &error);
        const QString description =
            cron.isValid() ? cron.describe() : tr("Invalid cron expression: %1").arg(error);
        m_all.append({s, m_datastoreNames.value(s.datastoreId), description});
    }
    m_counts = readCounts();
    rebuild();
}

QHash<qint64, int> ScheduleTableModel::readCounts() const
{
    // One grouped query for every schedule's count, rather than one query per row.
    QHash<qint64, int> counts;
    QSqlQuery q(m_catalog->database());
    q.setForwardOnly(true);
    if (!q.prepare(QStringLiteral("SELECT schedule_id, COUNT(*) FROM operations"
                                  " WHERE schedule_id IS NOT NULL GROUP BY schedule_id")) ||
        !q.exec()) {
        qCWarning(lcScheduleList) << "cannot count operations per schedule:"
                                  << q.lastError().text();
        return counts;
    }
    while (q.next())
        counts.insert(q.value(0).toLongLong(), q.value(1).toInt());
    return counts;
}

void ScheduleTableModel::reloadCounts()
{
    QHash<qint64, int> counts = readCounts();
    if (counts == m_counts)
        return;
    m_counts = std::move(counts);
    if (m_sort == Sort::OperationCount) {
        rebuild();
    } else if (!m_rows.isEmpty()) {
        emit dataChanged(index(0, OperationsColumn), index(rowCount() - 1, OperationsColumn));
    }
}

void ScheduleTableModel::rebuild()
{
    beginResetModel();
    m_totalCount = int(m_all.size());
    m_rows.clear();
    for (const Row &row : std::as_const(m_all)) {
        if (!m_type.isEmpty() && row.schedule.operationType != m_type)
            continue;
        if (!m_search.isEmpty() && !row.schedule.name.contains(m_search, Qt::CaseInsensitive) &&
            !row.datastoreName.contains(m_search, Qt::CaseInsensitive) &&
            !row.schedule.cron.contains(m_search, Qt::CaseInsensitive) &&
            !row.description.contains(m_search, Qt::CaseInsensitive))
            continue;
        m_rows.append(row);
    }
    const auto key = [this](const Row &r) {
        return m_sort == Sort::OperationCount ? qint64(m_counts.value(r.schedule.id))
                                              : r.schedule.createdAt.toMSecsSinceEpoch();
    };
    std::stable_sort(m_rows.begin(), m_rows.end(), [&](const Row &a, const Row &b) {
        const qint64 ka = key(a);
        const qint64 kb = key(b);
        if (ka != kb)
            return m_descending ? ka > kb : ka < kb;
        // Same date or count: the newer schedule first when descending.
        return m_descending ? a.schedule.id > b.schedule.id : a.schedule.id < b.schedule.id;
    });
    endResetModel();
}

} // namespace assay
