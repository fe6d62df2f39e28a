#include "models/item/ActivityCalendarModel.h"

#include "models/catalog/Catalog.h"
#include "models/domain/Clock.h"

#include <QLocale>
#include <algorithm>
#include <cmath>
#include <vector>

namespace assay {

ActivityCalendarModel::ActivityCalendarModel(Catalog *catalog, QObject *parent)
    : QAbstractTableModel(parent), m_catalog(catalog)
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kDebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &ActivityCalendarModel::refresh);
    connect(catalog, &Catalog::operationsChanged, this,
            &ActivityCalendarModel::onOperationsChanged);
    connect(catalog, &Catalog::datastoreRemoved, this, [this] { m_debounce.start(); });
    m_midnight.setSingleShot(true);
    m_midnight.setTimerType(Qt::VeryCoarseTimer);
    connect(&m_midnight, &QTimer::timeout, this, &ActivityCalendarModel::refresh);
    refresh();
}

int ActivityCalendarModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : 7;
}

int ActivityCalendarModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_weeks;
}

QDate ActivityCalendarModel::dateAt(int row, int column) const
{
    if (row < 0 || row >= 7 || column < 0 || column >= m_weeks)
        return QDate();
    const QDate day = m_gridStart.addDays(qint64(column) * 7 + row);
    return contains(day) ? day : QDate();
}

QModelIndex ActivityCalendarModel::indexForDate(const QDate &day) const
{
    if (!contains(day))
        return QModelIndex();
    const qint64 offset = m_gridStart.daysTo(day);
    return index(int(offset % 7), int(offset / 7));
}

QVariant ActivityCalendarModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const QDate day = dateAt(index.row(), index.column());
    if (!day.isValid())
        return QVariant();
    switch (role) {
    case Qt::DisplayRole:
    case CountRole:
        return count(day);
    case DateRole:
        return day;
    case LevelRole:
        return level(day);
    case Qt::ToolTipRole:
    case Qt::AccessibleTextRole:
        return describe(day);
    default:
        return QVariant();
    }
}

QVariant ActivityCalendarModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return QVariant();
    if (orientation == Qt::Vertical) {
        if (section < 0 || section >= 7)
            return QVariant();
        // Row 0 is Sunday (Qt's day 7).
        return QLocale().dayName(section == 0 ? 7 : section, QLocale::ShortFormat);
    }
    if (section < 0 || section >= m_weeks)
        return QVariant();
    return m_gridStart.addDays(qint64(section) * 7);
}

QHash<int, QByteArray> ActivityCalendarModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(DateRole, "date");
    names.insert(CountRole, "count");
    names.insert(LevelRole, "level");
    return names;
}

void ActivityCalendarModel::setDatastore(qint64 datastoreId)
{
    if (datastoreId == m_datastoreId)
        return;
    m_datastoreId = datastoreId;
    refresh();
}

QDate ActivityCalendarModel::today() const
{
    return Clock::utcNow().date();
}

void ActivityCalendarModel::onOperationsChanged(qint64 datastoreId)
{
    if (m_datastoreId == 0 || datastoreId == m_datastoreId)
        m_debounce.start();
}

void ActivityCalendarModel::computeRange()
{
    m_last = today();
    m_first = m_last.addYears(-1).addDays(1);                  // 12 months, today included
    m_gridStart = m_first.addDays(-(m_first.dayOfWeek() % 7)); // back to Sunday
    m_weeks = int(m_gridStart.daysTo(m_last) / 7) + 1;
}

void ActivityCalendarModel::refresh()
{
    m_debounce.stop();
    const QDate oldFirst = m_first;
    const QDate oldLast = m_last;
    const int oldWeeks = m_weeks;
    computeRange();
    const QHash<QDate, int> counts =
        m_catalog->operationCountsByDay(m_datastoreId, m_first, m_last);
    const bool rangeChanged = oldFirst != m_first || oldLast != m_last || oldWeeks != m_weeks;
    if (rangeChanged) {
        // Columns move with today: a reset is simpler and as cheap (at most 371 cells).
        beginResetModel();
        m_counts = counts;
        computeLevels();
        endResetModel();
    } else if (counts != m_counts) {
        m_counts = counts;
        computeLevels(); // levels can move everywhere: every cell may change
        if (m_weeks > 0)
            emit dataChanged(index(0, 0), index(6, m_weeks - 1));
    }
    const QDateTime now = Clock::utcNow();
    const QDateTime next(now.date().addDays(1), QTime(0, 0, 1), Qt::UTC);
    m_midnight.start(int(qBound(qint64(1000), now.msecsTo(next), qint64(24 * 3600 * 1000))));
    emit refreshed();
}

void ActivityCalendarModel::computeLevels()
{
    std::vector<int> values;
    values.reserve(size_t(m_counts.size()));
    m_total = 0;
    for (auto it = m_counts.cbegin(); it != m_counts.cend(); ++it) {
        if (it.value() > 0) {
            values.push_back(it.value());
            m_total += it.value();
        }
    }
    std::sort(values.begin(), values.end());
    m_max = values.empty() ? 0 : values.back();
    if (values.empty()) {
        m_thresholds = {{0, 0, 0}};
        m_linear = false;
        return;
    }
    // Nearest-rank quartiles of the active days.
    auto quantile = [&values](double q) {
        const size_t rank = size_t(std::ceil(q * double(values.size())));
        return values[std::min(values.size() - 1, rank == 0 ? 0 : rank - 1)];
    };
    m_thresholds = {{quantile(0.25), quantile(0.5), quantile(0.75)}};
    m_linear = m_thresholds[0] == m_thresholds[2];
    if (m_linear)
        for (int i = 0; i < 3; ++i)
            m_thresholds[size_t(i)] = int(std::floor(double(m_max) * (i + 1) / 4.0));
}

int ActivityCalendarModel::levelFor(int count) const
{
    if (count <= 0 || m_max <= 0)
        return 0;
    if (m_linear)
        return qBound(1, int(std::ceil(4.0 * count / m_max)), 4);
    if (count <= m_thresholds[0])
        return 1;
    if (count <= m_thresholds[1])
        return 2;
    if (count <= m_thresholds[2])
        return 3;
    return 4;
}

QString ActivityCalendarModel::describe(const QDate &day) const
{
    return describe(day, count(day));
}

QString ActivityCalendarModel::describe(const QDate &day, int count)
{
    const QString date = QLocale().toString(day, QStringLiteral("ddd d MMM yyyy"));
    if (count == 0)
        return tr("No operations on %1").arg(date);
    if (count == 1)
        return tr("1 operation on %1").arg(date);
    return tr("%1 operations on %2").arg(QLocale().toString(count), date);
}

} // namespace assay
