#include "models/item/CheckListModel.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QSet>

namespace assay {

namespace {

QString jsonText(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Bool:
        return v.toBool() ? CheckListModel::tr("yes") : CheckListModel::tr("no");
    case QJsonValue::Double:
        return QLocale().toString(v.toDouble(), 'g', 15);
    case QJsonValue::String:
        return v.toString();
    case QJsonValue::Array: {
        QStringList parts;
        for (const QJsonValue &item : v.toArray())
            parts << jsonText(item);
        return parts.join(QStringLiteral(", "));
    }
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return QString();
}

// Whether two readings of the latest scans say the same of every check.
bool sameScans(const QHash<qint64, CheckMetric> &a, const QHash<qint64, CheckMetric> &b)
{
    if (a.size() != b.size())
        return false;
    for (auto it = a.cbegin(); it != a.cend(); ++it) {
        const auto other = b.constFind(it.key());
        if (other == b.cend() || other->operationId != it->operationId ||
            other->result != it->result || other->details != it->details ||
            other->anomalousRecords != it->anomalousRecords ||
            other->assertedRecords != it->assertedRecords)
            return false;
    }
    return true;
}

} // namespace

CheckListModel::CheckListModel(Catalog *catalog, QObject *parent)
    : QAbstractTableModel(parent), m_catalog(catalog)
{
    connect(m_catalog, &Catalog::checksChanged, this, [this](qint64 datastoreId) {
        if (!m_query.datastoreId || !datastoreId || datastoreId == m_query.datastoreId)
            refresh();
    });
}

int CheckListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CheckListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

void CheckListModel::setPresenter(const Presenter &presenter)
{
    m_presenter = presenter;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void CheckListModel::setQuery(const CheckQuery &query)
{
    CheckQuery q = query;
    // checksChanged names a datastore: find the container's to hear only its own.
    if (!q.datastoreId && q.containerId) {
        if (const auto c = m_catalog->container(q.containerId))
            q.datastoreId = c->datastoreId;
    }
    m_query = q;
    beginResetModel();
    m_rows = readRows();
    m_lastScan = readLastScans();
    endResetModel();
    readCounts();
    emit contentsChanged();
}

void CheckListModel::setStatusFilter(const QString &status)
{
    if (status == m_query.status)
        return;
    CheckQuery q = m_query;
    q.status = status;
    setQuery(q);
}

QList<Check> CheckListModel::readRows() const
{
    if (!m_query.datastoreId && !m_query.containerId)
        return {};
    return m_catalog->checks(m_query);
}

void CheckListModel::readCounts()
{
    m_counts.clear();
    if (!m_query.datastoreId && !m_query.containerId)
        return;
    CheckQuery all = m_query;
    all.status.clear();
    for (const Check &k : m_catalog->checks(all))
        m_counts[k.status] += 1;
}

QHash<qint64, CheckMetric> CheckListModel::readLastScans() const
{
    return m_query.containerId ? m_catalog->latestCheckMetrics(m_query.containerId)
                               : QHash<qint64, CheckMetric>();
}

void CheckListModel::refresh()
{
    const QList<Check> fresh = readRows();
    const QHash<qint64, CheckMetric> lastScan = readLastScans();
    const bool scansChanged = !sameScans(lastScan, m_lastScan);
    m_lastScan = lastScan;
    QSet<qint64> freshIds;
    for (const Check &k : fresh)
        freshIds.insert(k.id);
    // Removed checks go first, bottom up, so the remaining rows keep their order.
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        if (freshIds.contains(m_rows.at(row).id))
            continue;
        beginRemoveRows({}, row, row);
        m_rows.removeAt(row);
        endRemoveRows();
    }
    // What is left is a subsequence of the fresh list (the Catalog's order is stable); if it is
    // not (a container was renamed), start again.
    int matched = 0;
    for (const Check &k : fresh)
        if (matched < m_rows.size() && m_rows.at(matched).id == k.id)
            ++matched;
    if (matched != m_rows.size()) {
        beginResetModel();
        m_rows = fresh;
        endResetModel();
    } else {
        for (int row = 0; row < fresh.size(); ++row) {
            const Check &k = fresh.at(row);
            if (row < m_rows.size() && m_rows.at(row).id == k.id) {
                if (m_rows.at(row) != k || m_rows.at(row).updatedAt != k.updatedAt) {
                    m_rows[row] = k;
                    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
                }
                continue;
            }
            beginInsertRows({}, row, row);
            m_rows.insert(row, k);
            endInsertRows();
        }
    }
    // A scan changes no check, only what its latest scan says.
    if (scansChanged && !m_rows.isEmpty())
        emit dataChanged(index(0, LastScanColumn), index(int(m_rows.size()) - 1, LastScanColumn));
    readCounts();
    emit contentsChanged();
}

Check CheckListModel::checkAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : Check();
}

qint64 CheckListModel::checkIdAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : 0;
}

int CheckListModel::rowOf(qint64 checkId) const
{
    for (int row = 0; row < m_rows.size(); ++row)
        if (m_rows.at(row).id == checkId)
            return row;
    return -1;
}

QString CheckListModel::statusLabel(const QString &status)
{
    if (status == check_status::kActive)
        return tr("Active");
    if (status == check_status::kDraft)
        return tr("Draft");
    if (status == check_status::kArchived)
        return tr("Archived");
    return status;
}

QString CheckListModel::originLabel(const Check &check)
{
    if (check.inferred)
        return check.userEdited ? tr("Inferred, edited") : tr("Inferred");
    return tr("Authored");
}

QString CheckListModel::coverageText(double coverage)
{
    const double percent = coverage * 100.0;
    const int decimals = qFuzzyCompare(percent, double(qRound(percent))) ? 0 : 1;
    return tr("%1%").arg(QLocale().toString(percent, 'f', decimals));
}

QString CheckListModel::lastScanText(const CheckMetric *metric)
{
    if (!metric)
        return QStringLiteral("—");
    if (metric->result == QLatin1String("passed"))
        return metric->guaranteed() ? tr("Guaranteed") : tr("Passed");
    if (metric->result == QLatin1String("failed"))
        return tr("Failed: %L1 of %L2").arg(metric->anomalousRecords).arg(metric->assertedRecords);
    if (metric->result == QLatin1String("not_applicable"))
        return tr("Does not apply");
    return tr("No records");
}

QString CheckListModel::plainProperties(const Check &check)
{
    QStringList parts;
    QStringList keys = check.properties.keys();
    keys.sort();
    for (const QString &key : keys)
        parts << QStringLiteral("%1: %2").arg(key, jsonText(check.properties.value(key)));
    return parts.join(QStringLiteral(" · "));
}

QVariant CheckListModel::display(const Check &check, int column) const
{
    switch (column) {
    case RuleColumn:
        return m_presenter.ruleTitle ? m_presenter.ruleTitle(check.rule) : check.rule;
    case FieldsColumn:
        return check.fields.join(QStringLiteral(", "));
    case PropertiesColumn:
        return m_presenter.properties ? m_presenter.properties(check) : plainProperties(check);
    case CoverageColumn:
        return coverageText(check.coverage);
    case StatusColumn:
        return statusLabel(check.status);
    case LastScanColumn: {
        const auto it = m_lastScan.constFind(check.id);
        return lastScanText(it == m_lastScan.constEnd() ? nullptr : &*it);
    }
    case OriginColumn:
        return originLabel(check);
    default:
        return {};
    }
}

QVariant CheckListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Check &k = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(k, index.column());
    case Qt::ToolTipRole:
        if (index.column() == RuleColumn && !k.description.isEmpty())
            return k.description;
        if (index.column() == OriginColumn && k.inferred)
            return k.userEdited ? tr("Inferred by Profile (level %1), then edited: later "
                                     "profiles leave it as it is.")
                                      .arg(k.inferenceLevel)
                                : tr("Inferred by Profile (level %1).").arg(k.inferenceLevel);
        if (index.column() == PropertiesColumn || index.column() == FieldsColumn)
            return display(k, index.column());
        if (index.column() == LastScanColumn) {
            const auto it = m_lastScan.constFind(k.id);
            if (it == m_lastScan.constEnd())
                return tr("Not scanned yet");
            const QString scan =
                tr("%1 (scan operation %2)").arg(lastScanText(&*it)).arg(it->operationId);
            return it->details.isEmpty() ? scan : scan + QStringLiteral(". ") + it->details;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == CoverageColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case CheckIdRole:
        return k.id;
    case RuleRole:
        return k.rule;
    case StatusRole:
        return k.status;
    case InferredRole:
        return k.inferred;
    case UserEditedRole:
        return k.userEdited;
    case ContainerIdRole:
        return k.containerId;
    default:
        return {};
    }
}

QVariant CheckListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::TextAlignmentRole && section == CoverageColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case RuleColumn:
        return tr("Rule");
    case FieldsColumn:
        return tr("Fields");
    case PropertiesColumn:
        return tr("Properties");
    case CoverageColumn:
        return tr("Coverage");
    case StatusColumn:
        return tr("Status");
    case LastScanColumn:
        return tr("Last scan");
    case OriginColumn:
        return tr("Origin");
    default:
        return {};
    }
}

} // namespace assay
