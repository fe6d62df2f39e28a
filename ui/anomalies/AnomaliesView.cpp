#include "ui/anomalies/AnomaliesView.h"

#include "models/catalog/Catalog.h"
#include "models/domain/DisplayTime.h"
#include "models/item/AnomalyListModel.h"
#include "ui/activity/ActivitySummaryStrip.h"
#include "ui/anomalies/AnomalyDetailWidget.h"
#include "ui/anomalies/AnomalyFilterBar.h"
#include "ui/anomalies/AnomalyStatusStrip.h"
#include "ui/checks/CheckPresentation.h"
#include "ui/common/ColumnPriority.h"
#include "ui/common/ListDetailSplitter.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTreeView>
#include <QVBoxLayout>

namespace assay {

namespace {

// Tables offered by the table filter; a datastore with more is filtered from its tree instead.
constexpr int kContainersOffered = 5000;

// Paints the status column's colour (the model's DecorationRole) as a small dot.
class StatusDotDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        const QVariant decoration = index.data(Qt::DecorationRole);
        if (decoration.typeId() != QMetaType::QColor)
            return;
        const QRgb rgb = decoration.value<QColor>().rgb();
        auto it = m_icons.find(rgb);
        if (it == m_icons.end())
            it = m_icons.insert(rgb, ActivitySummaryStrip::dotIcon(QColor(rgb)));
        option->icon = *it;
        option->decorationSize = QSize(10, 10);
        option->features |= QStyleOptionViewItem::HasDecoration;
    }

private:
    mutable QHash<QRgb, QIcon> m_icons;
};

} // namespace

AnomaliesView::AnomaliesView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("anomaliesView"));
    setAccessibleName(tr("Anomalies"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);

    m_strip = new AnomalyStatusStrip(this);
    layout->addWidget(m_strip);

    auto *filterRow = new QHBoxLayout;
    m_filters = new AnomalyFilterBar(this);
    filterRow->addWidget(m_filters, 1);
    m_listed = new QLabel(this);
    m_listed->setObjectName(QStringLiteral("listedCount"));
    QFont bold = m_listed->font();
    bold.setBold(true);
    m_listed->setFont(bold);
    filterRow->addWidget(m_listed);
    layout->addSpacing(4);
    layout->addLayout(filterRow);

    m_view = new QTreeView(this);
    m_view->setObjectName(QStringLiteral("anomalyList"));
    m_view->setAccessibleName(tr("Anomalies"));
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAllColumnsShowFocus(true);
    m_view->setItemDelegateForColumn(AnomalyListModel::StatusColumn, new StatusDotDelegate(m_view));
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(QHeaderView::Interactive);

    m_detail = new AnomalyDetailWidget(this);
    auto *detailScroll = new QScrollArea(this);
    detailScroll->setWidget(m_detail);
    detailScroll->setWidgetResizable(true);
    detailScroll->setFrameShape(QFrame::NoFrame);
    detailScroll->setAccessibleName(tr("Anomaly detail"));

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_view);
    m_splitter->addWidget(detailScroll);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setSizes({360, 540}); // until anomalies are read: then sized to them
    m_paneSizes = new ListDetailSplitter(m_splitter, m_view);
    layout->addWidget(m_splitter, 1);

    connect(m_strip, &AnomalyStatusStrip::groupChanged, this, &AnomaliesView::applyFilters);
    connect(m_filters, &AnomalyFilterBar::changed, this, &AnomaliesView::applyFilters);
    updateCounts();
}

void AnomaliesView::setDatastore(Catalog *catalog, qint64 datastoreId)
{
    const bool newCatalog = catalog != m_catalog || !m_list;
    if (!newCatalog && datastoreId == m_datastoreId)
        return;
    m_datastoreId = datastoreId;
    m_selectedId = 0;
    if (newCatalog) {
        if (m_catalog)
            disconnect(m_catalog, nullptr, this, nullptr);
        m_catalog = catalog;
        delete m_list;
        m_list = nullptr;
        m_detail->setCatalog(catalog);
        if (!catalog) {
            updateCounts(); // no datastore: empty chips and no total
            return;
        }
        m_list = new AnomalyListModel(catalog, this);
        m_list->setRuleTitle(check_presentation::ruleTitle);
        QItemSelectionModel *oldSelection = m_view->selectionModel();
        m_view->setModel(m_list);
        delete oldSelection; // setModel() leaves the old one to its owner
        sizeColumns();
        connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
                &AnomaliesView::onCurrentChanged);
        connect(m_list, &AnomalyListModel::contentsChanged, this, &AnomaliesView::onListChanged);
        auto choices = [this](qint64 id) {
            if (id == m_datastoreId)
                loadFilterChoices();
        };
        connect(catalog, &Catalog::containersChanged, this, choices);
        connect(catalog, &Catalog::checksChanged, this, choices);
    }
    m_detail->setAnomaly(0);
    loadFilterChoices();
    applyFilters();
}

void AnomaliesView::setContainerFilter(qint64 containerId)
{
    m_filters->setContainer(containerId); // emits changed() when it differs
}

void AnomaliesView::setStatusGroup(const QString &group)
{
    if (group == m_strip->group())
        return;
    m_strip->setGroup(group);
    applyFilters();
}

void AnomaliesView::loadFilterChoices()
{
    if (!m_catalog)
        return;
    m_filters->setContainers(m_datastoreId
                                 ? m_catalog->containerPage(m_datastoreId, 0, kContainersOffered)
                                 : QList<ContainerSummary>());
    CheckQuery checks;
    checks.datastoreId = m_datastoreId;
    m_filters->setChecks(m_datastoreId ? m_catalog->checks(checks) : QList<Check>());
}

void AnomaliesView::applyFilters()
{
    if (!m_list)
        return;
    AnomalyQuery query;
    query.datastoreId = m_datastoreId;
    query.status = m_strip->group();
    m_filters->applyTo(query);
    if (AnomalyListModel::sameQuery(query, m_list->query())) {
        updateCounts();
        return;
    }
    m_filtering = true;
    m_list->setQuery(query); // resets: onListChanged re-selects and re-counts
    m_filtering = false;
}

void AnomaliesView::updateCounts()
{
    if (!m_list || !m_catalog) {
        m_strip->setCounts({});
        m_listed->setText(QString());
        return;
    }
    QHash<QString, int> counts;
    AnomalyQuery query = m_list->query();
    for (const QString &group : AnomalyStatusStrip::groups()) {
        query.status = group;
        counts.insert(group, m_catalog->anomalyCount(query));
    }
    m_strip->setCounts(counts);
    const int listed = m_list->totalCount();
    m_listed->setText(listed == 1 ? tr("1 anomaly")
                                  : tr("%1 anomalies").arg(QLocale().toString(listed)));
}

bool AnomaliesView::selectAnomaly(qint64 anomalyId)
{
    if (!m_list)
        return false;
    int row = m_list->rowOf(anomalyId);
    // It may sit beyond the loaded pages: read on a little, not the whole list.
    for (int pages = 0; row < 0 && pages < 4 && m_list->canFetchMore(QModelIndex()); ++pages) {
        m_list->fetchMore(QModelIndex());
        row = m_list->rowOf(anomalyId);
    }
    if (row < 0)
        return false;
    selectRow(row);
    return true;
}

void AnomaliesView::selectRow(int row)
{
    const qint64 anomalyId = m_list->anomalyIdAt(row);
    const QModelIndex index = m_list->index(row, 0);
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                         QItemSelectionModel::Rows);
    m_view->scrollTo(index);
    m_selectedId = anomalyId;
    if (m_detail->anomalyId() != anomalyId)
        m_detail->setAnomaly(anomalyId);
}

void AnomaliesView::onCurrentChanged()
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    if (!current.isValid())
        return; // a reset: the detail keeps what it shows
    if (m_list->isChanging())
        return; // the shown row left the list: onListChanged decides what stays shown
    const qint64 id = m_list->anomalyIdAt(current.row());
    if (id == m_selectedId && m_detail->anomalyId() == id)
        return;
    m_selectedId = id;
    m_detail->setAnomaly(id);
}

void AnomaliesView::onListChanged()
{
    m_paneSizes->fit();
    // After a reset the selection is gone: select the shown anomaly again when still listed.
    // One that left the list (resolved while the Open group is shown) keeps its detail, so
    // the person sees what they just did and can undo it.
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    // Only the loaded rows: a refresh never reads on to find it.
    const int row = m_selectedId ? m_list->rowOf(m_selectedId) : -1;
    if (row >= 0 && (!current.isValid() || current.row() != row)) {
        selectRow(row);
    } else if (m_selectedId && row < 0) {
        if (m_filtering) {
            m_selectedId = 0; // new filters leave it out
            m_detail->setAnomaly(0);
        } else {
            m_view->selectionModel()->clear(); // no other row looks chosen
        }
    }
    updateCounts();
}

void AnomaliesView::sizeColumns()
{
    QHeaderView *header = m_view->header();
    const QFontMetrics fm(m_view->font());
    const int pad = 3 * fm.averageCharWidth();
    const QDateTime sample(QDate(2026, 12, 30), QTime(23, 59, 59));
    const std::pair<int, int> widths[] = {
        {AnomalyListModel::IdColumn, fm.horizontalAdvance(QStringLiteral("000000"))},
        {AnomalyListModel::TypeColumn, fm.horizontalAdvance(tr("Record"))},
        {AnomalyListModel::StatusColumn, fm.horizontalAdvance(tr("Acknowledged")) + 18},
        {AnomalyListModel::ContainerColumn, fm.horizontalAdvance(QStringLiteral("order_items_x"))},
        {AnomalyListModel::RulesColumn, fm.horizontalAdvance(QStringLiteral("isReplicaOf"))},
        {AnomalyListModel::MessageColumn, fm.averageCharWidth() * 60},
        {AnomalyListModel::RecordsColumn, fm.horizontalAdvance(QStringLiteral("000,000"))},
        {AnomalyListModel::CreatedColumn, fm.horizontalAdvance(display_time::local(sample))},
    };
    // The description takes what is left, and at least ~32 characters: the other columns give
    // way first on a narrow window or with a large font.
    if (!m_columns)
        m_columns = new ColumnPriority(m_view, 0);
    m_columns->setMinimumStretch(fm.averageCharWidth() * 32);
    for (const auto &[column, width] : widths) {
        header->resizeSection(column, width + pad);
        // Every column gives way down to a few characters but the date, which cut says nothing.
        const bool yields = column != AnomalyListModel::CreatedColumn;
        if (column != AnomalyListModel::MessageColumn)
            m_columns->setPreferred(column, width + pad, yields);
    }
    header->setSectionResizeMode(AnomalyListModel::MessageColumn, QHeaderView::Stretch);
    m_columns->fit();
}

} // namespace assay
