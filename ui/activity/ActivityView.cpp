#include "ui/activity/ActivityView.h"

#include "app/engine/OperationEngine.h"
#include "models/catalog/Catalog.h"
#include "models/domain/DisplayTime.h"
#include "models/item/ActivityCalendarModel.h"
#include "models/item/OperationListModel.h"
#include "ui/activity/ActivityFilterBar.h"
#include "ui/activity/ActivityHeatmap.h"
#include "ui/activity/ActivitySummaryStrip.h"
#include "ui/activity/OperationDetailWidget.h"
#include "ui/common/ListDetailSplitter.h"

#include <QButtonGroup>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyledItemDelegate>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace assay {

namespace {

constexpr int kContainerNamesOffered = 5000;

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

ActivityView::ActivityView(Catalog *catalog, OperationEngine *engine, QWidget *parent)
    : QWidget(parent), m_catalog(catalog), m_engine(engine)
{
    setAccessibleName(tr("Activity"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->addWidget(createSwitch());

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(createRunsPage());
    auto *placeholder = new QLabel(tr("Schedules appear here"), m_stack);
    placeholder->setObjectName(QStringLiteral("schedulePlaceholder"));
    placeholder->setAlignment(Qt::AlignCenter);
    placeholder->setForegroundRole(QPalette::PlaceholderText);
    placeholder->setAccessibleName(tr("Schedules"));
    m_schedulePage = placeholder;
    m_stack->addWidget(m_schedulePage);
    layout->addWidget(m_stack, 1);

    connect(
        engine, &OperationEngine::operationProgress, m_list,
        [this](const OperationProgress &p) { m_list->setLiveProgress(p.operationId, p.fraction); });
    applyFilters();
    updateColumns();
}

QWidget *ActivityView::createSwitch()
{
    auto *bar = new QWidget(this);
    auto *row = new QHBoxLayout(bar);
    row->setContentsMargins(0, 0, 0, 4);
    row->setSpacing(0);
    auto *group = new QButtonGroup(bar);
    group->setExclusive(true);
    auto segment = [&](const QString &text, const QString &name, const QString &accessible) {
        auto *b = new QToolButton(bar);
        b->setText(text);
        b->setObjectName(name);
        b->setAccessibleName(accessible);
        b->setCheckable(true);
        b->setToolButtonStyle(Qt::ToolButtonTextOnly);
        b->setMinimumWidth(90);
        group->addButton(b);
        row->addWidget(b);
        return b;
    };
    m_runsButton = segment(tr("Runs"), QStringLiteral("runsSegment"), tr("Show operation runs"));
    m_scheduleButton =
        segment(tr("Schedule"), QStringLiteral("scheduleSegment"), tr("Show schedules"));
    m_runsButton->setChecked(true);
    row->addStretch(1);
    connect(m_runsButton, &QAbstractButton::clicked, this, &ActivityView::showRuns);
    connect(m_scheduleButton, &QAbstractButton::clicked, this, &ActivityView::showSchedule);
    return bar;
}

QWidget *ActivityView::createRunsPage()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);

    m_filters = new ActivityFilterBar(page);
    layout->addWidget(m_filters);

    m_calendar = new ActivityCalendarModel(m_catalog, this);
    m_heatmap = new ActivityHeatmap(page);
    m_heatmap->setObjectName(QStringLiteral("activityHeatmap"));
    m_heatmap->setModel(m_calendar);
    layout->addSpacing(4);
    layout->addWidget(m_heatmap);

    m_summary = new ActivitySummaryStrip(page);
    layout->addWidget(m_summary);

    m_list = new OperationListModel(m_catalog, this);
    m_runs = new QTreeView(page);
    m_runs->setObjectName(QStringLiteral("runsList"));
    m_runs->setAccessibleName(tr("Operation runs"));
    m_runs->setModel(m_list);
    m_runs->setRootIsDecorated(false);
    m_runs->setUniformRowHeights(true); // 100,000 rows scroll without measuring each
    m_runs->setAlternatingRowColors(true);
    m_runs->setSelectionMode(QAbstractItemView::SingleSelection);
    m_runs->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_runs->setAllColumnsShowFocus(true);
    m_runs->setItemDelegateForColumn(OperationListModel::StatusColumn,
                                     new StatusDotDelegate(m_runs));
    QHeaderView *header = m_runs->header();
    header->setStretchLastSection(true);
    header->setSectionResizeMode(QHeaderView::Interactive);
    // Widths from the font, never from the rows (100,000 rows are not measured).
    const QFontMetrics fm(m_runs->font());
    const QDateTime sample(QDate(2026, 12, 30), QTime(23, 59, 59));
    const int pad = 3 * fm.averageCharWidth();
    const std::pair<int, int> widths[] = {
        {OperationListModel::IdColumn, fm.horizontalAdvance(QStringLiteral("00000000"))},
        {OperationListModel::TypeColumn, fm.horizontalAdvance(tr("Profile"))},
        {OperationListModel::StatusColumn, fm.horizontalAdvance(tr("Running 100%")) + 18},
        {OperationListModel::TimestampColumn, fm.horizontalAdvance(display_time::local(sample))},
        {OperationListModel::DurationColumn, fm.horizontalAdvance(tr("59 min 59 s"))},
        // The longest label the column shows ("Assay (first start)").
        {OperationListModel::TriggeredByColumn,
         fm.horizontalAdvance(OperationListModel::triggeredByLabel(QStringLiteral("first_start")))},
        {OperationListModel::ScheduleColumn,
         fm.horizontalAdvance(QStringLiteral("nightly-profile"))},
    };
    for (const auto &[column, width] : widths)
        header->resizeSection(column, width + pad);

    m_detail = new OperationDetailWidget(m_catalog, m_engine, page);
    auto *detailScroll = new QScrollArea(page);
    detailScroll->setWidget(m_detail);
    detailScroll->setWidgetResizable(true);
    detailScroll->setFrameShape(QFrame::NoFrame);
    detailScroll->setAccessibleName(tr("Operation detail"));

    m_splitter = new QSplitter(Qt::Vertical, page);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_runs);
    m_splitter->addWidget(detailScroll);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({500, 420}); // until the runs are read: then sized to them
    m_paneSizes = new ListDetailSplitter(m_splitter, m_runs);
    layout->addWidget(m_splitter, 1);

    connect(m_filters, &ActivityFilterBar::changed, this, &ActivityView::applyFilters);
    connect(m_filters, &ActivityFilterBar::dayCleared, this, [this] {
        m_heatmap->setSelectedDate(QDate());
        onDaySelected(QDate());
    });
    connect(m_heatmap, &ActivityHeatmap::daySelected, this, &ActivityView::onDaySelected);
    connect(m_summary, &ActivitySummaryStrip::statusClicked, m_filters,
            &ActivityFilterBar::setStatus);
    connect(m_runs->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ActivityView::onCurrentChanged);
    connect(m_list, &OperationListModel::contentsChanged, this, &ActivityView::onListChanged);
    connect(m_detail, &OperationDetailWidget::rerunQueued, this,
            &ActivityView::selectOperationWhenListed);
    connect(m_detail, &OperationDetailWidget::operationRemoved, this, [this](qint64 id) {
        if (id == m_selectedId) {
            m_selectedId = 0;
            m_detail->setOperation(0);
        }
    });
    return page;
}

void ActivityView::setDatastore(qint64 datastoreId)
{
    if (datastoreId == m_datastoreId && m_list->query().datastoreId == datastoreId)
        return;
    m_datastoreId = datastoreId;
    m_selectedId = 0;
    m_pendingSelect = 0;
    m_detail->setOperation(0);
    m_calendar->setDatastore(datastoreId);
    loadContainerNames();
    updateColumns();
    applyFilters();
}

void ActivityView::setSchedulePage(QWidget *page)
{
    if (!page || page == m_schedulePage)
        return;
    const bool shown = m_stack->currentWidget() == m_schedulePage;
    m_stack->removeWidget(m_schedulePage);
    m_schedulePage->deleteLater();
    m_schedulePage = page;
    m_stack->addWidget(page);
    if (shown)
        m_stack->setCurrentWidget(page);
}

void ActivityView::showRuns()
{
    m_runsButton->setChecked(true);
    m_stack->setCurrentIndex(0);
}

void ActivityView::showSchedule()
{
    m_scheduleButton->setChecked(true);
    m_stack->setCurrentWidget(m_schedulePage);
}

void ActivityView::applyFilters()
{
    OperationQuery query = m_list->query();
    m_filters->applyTo(query);
    query.day = m_filters->day();
    query.datastoreId = m_datastoreId;
    if (query == m_list->query()) {
        updateSummary();
        return;
    }
    m_list->setQuery(query); // resets: onListChanged re-selects and re-counts
}

void ActivityView::onDaySelected(const QDate &day)
{
    m_filters->setDay(day);
    applyFilters();
}

bool ActivityView::selectOperation(qint64 operationId)
{
    int row = m_list->rowOf(operationId);
    // It may sit beyond the loaded pages: read on a little, not the whole list.
    for (int pages = 0; row < 0 && pages < 4 && m_list->canFetchMore(QModelIndex()); ++pages) {
        m_list->fetchMore(QModelIndex());
        row = m_list->rowOf(operationId);
    }
    if (row < 0)
        return false;
    const QModelIndex index = m_list->index(row, 0);
    m_runs->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                         QItemSelectionModel::Rows);
    m_runs->scrollTo(index);
    m_selectedId = operationId;
    if (m_detail->operationId() != operationId)
        m_detail->setOperation(operationId);
    return true;
}

void ActivityView::selectOperationWhenListed(qint64 operationId)
{
    m_pendingSelect = selectOperation(operationId) ? 0 : operationId;
}

qint64 ActivityView::selectedOperation() const
{
    return m_selectedId;
}

void ActivityView::onCurrentChanged()
{
    const QModelIndex current = m_runs->selectionModel()->currentIndex();
    if (!current.isValid())
        return; // a reset: the detail keeps what it shows
    const qint64 id = m_list->operationIdAt(current.row());
    if (id == m_selectedId && m_detail->operationId() == id)
        return;
    m_selectedId = id;
    m_detail->setOperation(id);
}

void ActivityView::onListChanged()
{
    m_paneSizes->fit();
    if (m_pendingSelect && selectOperation(m_pendingSelect))
        m_pendingSelect = 0;
    else if (m_selectedId && !m_runs->selectionModel()->currentIndex().isValid() &&
             !selectOperation(m_selectedId)) {
        // After a reset (new filters) the selected operation is no longer listed.
        m_selectedId = 0;
        m_detail->setOperation(0);
    }
    updateSummary();
}

void ActivityView::updateSummary()
{
    m_summary->setCounts(m_list->totalCount(), m_catalog->operationStatusCounts(m_list->query()),
                         m_list->query().status);
}

void ActivityView::loadContainerNames()
{
    QStringList names;
    if (m_datastoreId)
        for (const ContainerSummary &c :
             m_catalog->containerPage(m_datastoreId, 0, kContainerNamesOffered))
            names << c.name;
    m_filters->setContainerNames(names);
}

void ActivityView::updateColumns()
{
    m_runs->setColumnHidden(OperationListModel::DatastoreColumn, m_datastoreId != 0);
}

} // namespace assay
