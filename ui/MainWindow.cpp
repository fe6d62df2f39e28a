#include "MainWindow.h"

#include "app/connectors/ConnectorSpec.h"
#include "app/engine/OperationEngine.h"
#include "models/catalog/Catalog.h"
#include "models/item/DatastoreTreeModel.h"
#include "ui/activity/ActivityView.h"
#include "ui/common/AboutDialog.h"
#include "ui/common/Theme.h"
#include "ui/datastores/DatastoreOverview.h"
#include "ui/datastores/DatastoreTreeDelegate.h"
#include "ui/datastores/TreeFind.h"
#include "ui/datastores/TreeState.h"
#include "ui/enrichment/LinkEnrichmentDialog.h"
#include "ui/operations/OperationActions.h"
#include "ui/operations/OperationProgressBar.h"
#include "ui/schedule/ScheduleListView.h"
#include "ui/wizard/AddDatastoreWizard.h"
#include "ui/wizard/DeleteDatastore.h"
#include "ui/wizard/EditDatastoreDialog.h"
#include "ui/wizard/MultiSchemaDialog.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMetaMethod>
#include <QPainter>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

namespace assay {
namespace {

constexpr char kGeometryKey[] = "mainWindow/geometry";
constexpr char kStateKey[] = "mainWindow/windowState";
constexpr char kSplitterKey[] = "mainWindow/splitter";
constexpr char kTreeVisibleKey[] = "mainWindow/datastoresPaneVisible";
constexpr char kExpandedKey[] = "mainWindow/expandedRows";
constexpr char kSelectedKey[] = "mainWindow/selectedRow";

constexpr QSize kDefaultSize(1200, 760);
constexpr int kDefaultTreeWidth = 300; // at the default font; larger fonts widen it

QString connectorName(const QString &type)
{
    const ConnectorSpec *spec = connectors::find(type);
    return spec ? spec->displayName : type;
}

QFont scaledFont(QFont font, qreal factor, QFont::Weight weight)
{
    font.setPointSizeF(font.pointSizeF() * factor);
    font.setWeight(weight);
    return font;
}

QColor blend(const QColor &base, const QColor &tint, qreal amount)
{
    return QColor::fromRgbF(base.redF() + (tint.redF() - base.redF()) * amount,
                            base.greenF() + (tint.greenF() - base.greenF()) * amount,
                            base.blueF() + (tint.blueF() - base.blueF()) * amount);
}

QLabel *mutedLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

} // namespace
MainWindow::MainWindow(Catalog *catalog, QWidget *parent) : QMainWindow(parent), m_catalog(catalog)
{
    setWindowTitle(tr("Assay"));
    setObjectName(QStringLiteral("MainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/assay.svg")));
    setUnifiedTitleAndToolBarOnMac(true);

    m_model = new DatastoreTreeModel(catalog, this);
    // Connected before the proxy and the view hear of it: when the shown datastore goes, the
    // details empty instead of the view jumping to its neighbour.
    connect(m_model, &QAbstractItemModel::rowsAboutToBeRemoved, this,
            [this](const QModelIndex &parent, int first, int last) {
                if (parent.isValid() || !m_currentId)
                    return;
                for (int row = first; row <= last; ++row) {
                    const QModelIndex index = m_model->index(row, 0);
                    if (index.data(DatastoreTreeModel::IdRole).toLongLong() == m_currentId) {
                        m_tree->selectionModel()->clear();
                        clearDetails();
                        statusBar()->showMessage(tr("The datastore was removed."), 5000);
                        return;
                    }
                }
            });
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setRecursiveFilteringEnabled(true);
    m_proxy->setAutoAcceptChildRows(true);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(0);

    createActions();
    createMenus();
    createToolBar();

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setHandleWidth(1);
    m_treePane = createTreePane();
    m_splitter->addWidget(m_treePane);
    m_splitter->addWidget(createDetailsPane());
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    setCentralWidget(m_splitter);
    createStatusBar();

    connect(m_tree->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::onSelectionChanged);
    m_treeState = new TreeState(m_tree);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateDatastoreCount);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateDatastoreCount);
    connect(m_model, &QAbstractItemModel::modelReset, this, &MainWindow::updateDatastoreCount);

    // The tree follows the Catalog by itself (the model listens); the details follow here.
    connect(catalog, &Catalog::datastoreUpdated, this, &MainWindow::refreshDetails);
    connect(catalog, &Catalog::connectionsChanged, this, &MainWindow::refreshDetails);
    connect(catalog, &Catalog::containersChanged, this, [this](qint64 id) {
        if (id == m_currentId)
            refreshDetails();
    });
    // Another datastore's removal may change the shown one's enrichment link.
    connect(catalog, &Catalog::datastoreRemoved, this, &MainWindow::refreshDetails);

    m_dataVersion = catalog->externalDataVersion();
    m_externalChanges = new QTimer(this);
    m_externalChanges->setInterval(2000);
    connect(m_externalChanges, &QTimer::timeout, this, &MainWindow::checkExternalChanges);
    m_externalChanges->start();

    applySelectionColours();
    updateDatastoreCount();
    clearDetails();
    restoreSettings();
}

MainWindow::~MainWindow() = default;

QWidget *MainWindow::createTreePane()
{
    auto *pane = new QWidget(this);
    pane->setObjectName(QStringLiteral("datastoresPane"));
    pane->setMinimumWidth(220);
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(8, 8, 4, 0);
    layout->setSpacing(6);

    auto *heading = mutedLabel(tr("DATASTORES"), pane);
    heading->setFont(scaledFont(heading->font(), 0.85, QFont::DemiBold));
    heading->setContentsMargins(2, 0, 0, 0);
    layout->addWidget(heading);

    m_filter = new QLineEdit(pane);
    m_filter->setObjectName(QStringLiteral("datastoreFilter"));
    m_filter->setPlaceholderText(
        tr("Find datastores, tables, fields (%1)")
            .arg(m_findAction->shortcut().toString(QKeySequence::NativeText)));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("Filter datastores"));
    m_filter->setToolTip(tr("Shows the datastores, tables and fields whose name contains this "
                            "text. Esc clears it."));
    // Find searches the catalog for tables and fields: once the typing pauses, so a name typed
    // quickly costs one query; clearing the field shows everything at once.
    m_findDelay = new QTimer(this);
    m_findDelay->setSingleShot(true);
    m_findDelay->setInterval(150);
    connect(m_findDelay, &QTimer::timeout, this, [this] { applyFilter(m_filter->text()); });
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.trimmed().isEmpty()) {
            m_findDelay->stop();
            applyFilter(text);
        } else {
            m_findDelay->start();
        }
    });
    auto *clearFilter = new QAction(m_filter);
    clearFilter->setShortcut(QKeySequence(Qt::Key_Escape));
    clearFilter->setShortcutContext(Qt::WidgetShortcut);
    connect(clearFilter, &QAction::triggered, m_filter, &QLineEdit::clear);
    m_filter->addAction(clearFilter);
    layout->addWidget(m_filter);
    m_noMatches = mutedLabel(tr("No matches"), pane);
    m_noMatches->setObjectName(QStringLiteral("noMatches"));
    m_noMatches->setContentsMargins(4, 4, 0, 0);
    m_noMatches->hide();
    layout->addWidget(m_noMatches);

    m_tree = new QTreeView(pane);
    m_tree->setObjectName(QStringLiteral("datastoreTree"));
    m_tree->setAccessibleName(tr("Datastores"));
    m_tree->setHeaderHidden(true);
    m_tree->setModel(m_proxy);
    m_tree->setItemDelegate(new DatastoreTreeDelegate(m_tree));
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setAnimated(true);
    m_tree->setFrameShape(QFrame::NoFrame);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->addAction(m_deleteAction); // Del deletes only while the tree has the focus
    connect(m_tree, &QWidget::customContextMenuRequested, this, &MainWindow::showTreeMenu);
    connect(m_tree, &QTreeView::doubleClicked, this, [this](const QModelIndex &index) {
        if (index.data(DatastoreTreeModel::KindRole).toString() == tree_kind::kContainer)
            requestContainerSettings();
    });
    layout->addWidget(m_tree, 1);
    return pane;
}

QWidget *MainWindow::createDetailsPane()
{
    m_detailsStack = new QStackedWidget(this);
    m_detailsStack->setObjectName(QStringLiteral("detailsStack"));
    m_emptyState = createEmptyState();
    m_detailsStack->addWidget(m_emptyState);

    m_detailsPage = new QWidget(m_detailsStack);
    m_detailsPage->setObjectName(QStringLiteral("detailsPage"));
    auto *page = new QVBoxLayout(m_detailsPage);
    page->setContentsMargins(0, 0, 0, 0);
    page->setSpacing(0);

    auto *header = new QWidget(m_detailsPage);
    header->setObjectName(QStringLiteral("detailsHeader"));
    auto *headerLayout = new QHBoxLayout(header);
    headerLayout->setContentsMargins(20, 16, 20, 12);
    headerLayout->setSpacing(12);
    m_headerIcon = new QLabel(header);
    m_headerIcon->setFixedSize(36, 36);
    headerLayout->addWidget(m_headerIcon, 0, Qt::AlignTop);
    auto *titles = new QVBoxLayout;
    titles->setSpacing(2);
    m_headerTitle = new QLabel(header);
    m_headerTitle->setObjectName(QStringLiteral("datastoreTitle"));
    m_headerTitle->setFont(scaledFont(m_headerTitle->font(), 1.6, QFont::DemiBold));
    m_headerTitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_headerTitle->setAccessibleName(tr("Datastore name"));
    m_headerSubtitle = mutedLabel(QString(), header);
    m_headerSubtitle->setObjectName(QStringLiteral("datastoreSubtitle"));
    m_headerSubtitle->setAccessibleName(tr("Connector"));
    titles->addWidget(m_headerTitle);
    titles->addWidget(m_headerSubtitle);
    headerLayout->addLayout(titles, 1);
    // The running operation of the shown datastore appears here (see setEngine): in the
    // header, beside the name, so the tabs below never move when it comes and goes.
    m_progressHolder = new QWidget(header);
    auto *progressLayout = new QVBoxLayout(m_progressHolder);
    progressLayout->setContentsMargins(0, 0, 0, 0);
    headerLayout->addWidget(m_progressHolder, 1, Qt::AlignVCenter);
    page->addWidget(header);

    m_tabs = new QTabWidget(m_detailsPage);
    m_tabs->setObjectName(QStringLiteral("detailsTabs"));
    m_tabs->setAccessibleName(tr("Datastore details"));
    m_tabs->setDocumentMode(true);

    m_overview = new DatastoreOverview(m_catalog);
    m_overview->setAccessibleName(tr("Overview"));
    connect(m_overview, &DatastoreOverview::editRequested, this, [this](qint64 id) {
        if (id == m_currentId && m_editAction->isEnabled())
            m_editAction->trigger();
    });
    auto *scroll = new QScrollArea;
    scroll->setWidget(m_overview);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_tabs->addTab(scroll, tr("Overview"));
    createContainerViews();

    auto *activity = mutedLabel(
        tr("Operations for this datastore appear here once Sync, Profile and Scan run."), nullptr);
    activity->setObjectName(QStringLiteral("activityPlaceholder"));
    activity->setAlignment(Qt::AlignCenter);
    activity->setWordWrap(true);
    activity->setMargin(24);
    activity->setAccessibleName(tr("Activity"));
    m_tabs->addTab(activity, tr("Activity"));
    page->addWidget(m_tabs, 1);

    m_detailsStack->addWidget(m_detailsPage);
    return m_detailsStack;
}

QWidget *MainWindow::createEmptyState()
{
    auto *empty = new QWidget(this);
    empty->setObjectName(QStringLiteral("emptyState"));
    auto *outer = new QVBoxLayout(empty);
    outer->addStretch(2);

    auto *icon = new QLabel(empty);
    icon->setPixmap(QIcon(QStringLiteral(":/icons/datastore.svg")).pixmap(QSize(56, 56)));
    icon->setAlignment(Qt::AlignCenter);
    outer->addWidget(icon);
    outer->addSpacing(8);

    m_emptyTitle = new QLabel(empty);
    m_emptyTitle->setFont(scaledFont(m_emptyTitle->font(), 1.3, QFont::DemiBold));
    m_emptyTitle->setAlignment(Qt::AlignCenter);
    outer->addWidget(m_emptyTitle);

    m_emptyHint = mutedLabel(QString(), empty);
    m_emptyHint->setObjectName(QStringLiteral("emptyStateHint"));
    m_emptyHint->setAlignment(Qt::AlignCenter);
    m_emptyHint->setWordWrap(true);
    outer->addWidget(m_emptyHint);
    outer->addSpacing(12);

    auto *button = new QPushButton(m_addAction->icon(), tr("Add Datastore"), empty);
    button->setObjectName(QStringLiteral("emptyStateAddButton"));
    button->setAccessibleName(tr("Add Datastore"));
    connect(button, &QPushButton::clicked, m_addAction, &QAction::trigger);
    auto *buttonRow = new QHBoxLayout;
    buttonRow->addStretch();
    buttonRow->addWidget(button);
    buttonRow->addStretch();
    outer->addLayout(buttonRow);
    outer->addStretch(3);
    return empty;
}

void MainWindow::createStatusBar()
{
    m_countLabel = new QLabel(statusBar());
    m_countLabel->setObjectName(QStringLiteral("datastoreCount"));
    m_countLabel->setContentsMargins(6, 0, 6, 0);
    statusBar()->addPermanentWidget(m_countLabel);

    const QString path = QDir::toNativeSeparators(m_catalog->path());
    m_catalogLabel = mutedLabel(QString(), statusBar());
    m_catalogLabel->setObjectName(QStringLiteral("catalogPath"));
    m_catalogLabel->setContentsMargins(6, 0, 6, 0);
    m_catalogLabel->setText(
        tr("Catalog: %1")
            .arg(m_catalogLabel->fontMetrics().elidedText(path, Qt::ElideMiddle, 420)));
    m_catalogLabel->setToolTip(tr("Catalog file: %1").arg(path));
    m_catalogLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_catalogLabel->setAccessibleName(tr("Catalog file"));
    statusBar()->addPermanentWidget(m_catalogLabel);
    connect(statusBar(), &QStatusBar::messageChanged, this, [this](const QString &message) {
        if (message.isEmpty())
            statusBar()->setToolTip(QString());
    });
}

void MainWindow::showStatusMessage(const QString &text, int timeout)
{
    QStatusBar *bar = statusBar();
    int room = bar->contentsRect().width() - 24; // the size grip and the spacing
    for (const QWidget *permanent :
         {static_cast<QWidget *>(m_countLabel), static_cast<QWidget *>(m_catalogLabel)})
        if (permanent && permanent->isVisible())
            room -= permanent->width() + bar->layout()->spacing();
    bar->setToolTip(text);
    bar->showMessage(bar->fontMetrics().elidedText(text, Qt::ElideRight, qMax(room, 80)), timeout);
}

// A soft selection (the highlight blended into the base colour, text unchanged) keeps the
// coloured icons readable on the selected row, in light and dark palettes alike.
void MainWindow::applySelectionColours()
{
    const QPalette window = palette();
    QPalette tree = m_tree->palette();
    for (const auto group : {QPalette::Active, QPalette::Inactive}) {
        const qreal amount = group == QPalette::Active ? 0.28 : 0.16;
        tree.setColor(group, QPalette::Highlight,
                      blend(window.color(group, QPalette::Base),
                            window.color(QPalette::Active, QPalette::Highlight), amount));
        tree.setColor(group, QPalette::HighlightedText, window.color(group, QPalette::Text));
    }
    m_tree->setPalette(tree);
}

void MainWindow::changeEvent(QEvent *event)
{
    QMainWindow::changeEvent(event);
    if (m_tree && (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange))
        applySelectionColours();
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(QLatin1String(kGeometryKey)).toByteArray()))
        resize(kDefaultSize);
    restoreState(settings.value(QLatin1String(kStateKey)).toByteArray());
    if (!m_splitter->restoreState(settings.value(QLatin1String(kSplitterKey)).toByteArray()))
        m_splitter->setSizes({qRound(kDefaultTreeWidth * theme::fontScale()),
                              width() - qRound(kDefaultTreeWidth * theme::fontScale())});
    m_togglePaneAction->setChecked(settings.value(QLatin1String(kTreeVisibleKey), true).toBool());
    m_treeState->restore(settings.value(QLatin1String(kExpandedKey)).toStringList(),
                         settings.value(QLatin1String(kSelectedKey)).toString());
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(QLatin1String(kGeometryKey), saveGeometry());
    settings.setValue(QLatin1String(kStateKey), saveState());
    settings.setValue(QLatin1String(kSplitterKey), m_splitter->saveState());
    settings.setValue(QLatin1String(kTreeVisibleKey), m_togglePaneAction->isChecked());
    settings.setValue(QLatin1String(kExpandedKey), m_treeState->expandedKeys());
    settings.setValue(QLatin1String(kSelectedKey), m_treeState->selectedKey());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    QMainWindow::closeEvent(event);
}

void MainWindow::focusFilter()
{
    m_togglePaneAction->setChecked(true);
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

void MainWindow::applyFilter(const QString &text)
{
    const QString needle = text.trimmed();
    if (!needle.isEmpty())
        m_model->loadMatches(needle);
    m_proxy->setFilterFixedString(needle);
    if (!needle.isEmpty())
        expandMatches(m_tree, QModelIndex(), needle);
    m_noMatches->setVisible(!needle.isEmpty() && m_proxy->rowCount() == 0);
}

bool MainWindow::isShowingNoMatches() const
{
    return !m_noMatches->isHidden();
}

void MainWindow::showAbout()
{
    auto *dialog = new AboutDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

qint64 MainWindow::datastoreIdAt(const QModelIndex &proxyIndex) const
{
    QModelIndex index = proxyIndex;
    while (index.parent().isValid())
        index = index.parent();
    return index.isValid() ? index.data(DatastoreTreeModel::IdRole).toLongLong() : 0;
}

void MainWindow::onSelectionChanged()
{
    const QModelIndexList selected = m_tree->selectionModel()->selectedRows();
    if (selected.isEmpty())
        return clearDetails();
    m_settingsAction->setEnabled(selectedContainerId() != 0);
    const qint64 datastoreId = datastoreIdAt(selected.first());
    showDetails(datastoreId);
    // A container, or a field (whose parent is its container), opens the container tab.
    const QModelIndex index = selected.first();
    const QString kind = index.data(DatastoreTreeModel::KindRole).toString();
    qint64 containerId = 0, fieldId = 0;
    if (kind == tree_kind::kContainer) {
        containerId = index.data(DatastoreTreeModel::IdRole).toLongLong();
    } else if (kind == tree_kind::kField) {
        fieldId = index.data(DatastoreTreeModel::IdRole).toLongLong();
        containerId = index.parent().data(DatastoreTreeModel::IdRole).toLongLong();
    }
    showContainer(datastoreId, containerId, fieldId);
}

void MainWindow::selectDatastore(qint64 id)
{
    QModelIndex index = m_proxy->mapFromSource(m_model->indexForDatastore(id));
    if (!index.isValid() && !m_filter->text().isEmpty()) {
        m_filter->clear(); // the filter hides it
        index = m_proxy->mapFromSource(m_model->indexForDatastore(id));
    }
    if (!index.isValid())
        return;
    m_tree->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                         QItemSelectionModel::Rows);
    m_tree->scrollTo(index);
}

QString MainWindow::headerTitle() const
{
    return m_headerTitle->text();
}

bool MainWindow::isShowingEmptyState() const
{
    return m_detailsStack->currentWidget() == m_emptyState;
}

void MainWindow::showDetails(qint64 datastoreId)
{
    const auto datastore = m_catalog->datastore(datastoreId);
    if (!datastore)
        return clearDetails();
    m_currentId = datastoreId;
    const auto connection = m_catalog->connection(datastore->connectionId);

    m_headerIcon->setPixmap(QIcon(datastore->enrichOnly ? QStringLiteral(":/icons/enrichment.svg")
                                                        : QStringLiteral(":/icons/datastore.svg"))
                                .pixmap(m_headerIcon->size()));
    m_headerTitle->setText(datastore->name);
    QStringList subtitle;
    subtitle << (connection ? connectorName(connection->type) : tr("Unknown connector"));
    if (datastore->enrichOnly)
        subtitle << tr("Enrichment datastore");
    if (connection)
        subtitle << tr("Connection “%1”").arg(connection->name);
    m_headerSubtitle->setText(subtitle.join(QStringLiteral("  ·  ")));

    m_overview->showDatastore(datastoreId);
    m_runAction->setEnabled(true);
    m_profileAction->setEnabled(!datastore->enrichOnly);
    m_scanAction->setEnabled(!datastore->enrichOnly);
    m_editAction->setEnabled(m_credentials != nullptr);
    m_deleteAction->setEnabled(m_credentials != nullptr);
    {
        const ConnectorSpec *spec = connection ? connectors::find(connection->type) : nullptr;
        m_onboardAction->setEnabled(m_credentials && spec && spec->supportsMultiSchema);
        // Enrichment datastores receive results; only sources link to one.
        m_linkAction->setEnabled(m_credentials && !datastore->enrichOnly);
    }
    if (m_progress)
        m_progress->setDatastore(datastoreId);
    if (m_activity)
        m_activity->setDatastore(datastoreId);
    if (m_schedules)
        m_schedules->setDatastore(datastoreId);
    m_detailsStack->setCurrentWidget(m_detailsPage);
}

void MainWindow::clearDetails()
{
    m_currentId = 0;
    if (m_progress)
        m_progress->setDatastore(0);
    m_settingsAction->setEnabled(false);
    m_editAction->setEnabled(false);
    m_deleteAction->setEnabled(false);
    m_onboardAction->setEnabled(false);
    m_linkAction->setEnabled(false);
    m_overview->clear();
    m_headerTitle->clear();
    m_headerSubtitle->clear();
    m_runAction->setEnabled(false);
    m_profileAction->setEnabled(false);
    m_scanAction->setEnabled(false);
    showContainer(0, 0, 0);
    m_detailsStack->setCurrentWidget(m_emptyState);
}

void MainWindow::refreshDetails()
{
    if (m_currentId)
        showDetails(m_currentId);
}

void MainWindow::checkExternalChanges()
{
    const qint64 version = m_catalog->externalDataVersion();
    if (version == m_dataVersion)
        return;
    m_dataVersion = version;
    // Our own workers' writes are announced by the engine; this also covers the rest. Datastores
    // added or removed elsewhere: read the list again; otherwise refresh each one's figures.
    const QList<Datastore> datastores = m_catalog->datastores();
    if (datastores.size() != m_model->rowCount()) {
        const qint64 current = m_currentId;
        m_model->reload();
        if (current)
            selectDatastore(current);
        return;
    }
    for (const Datastore &d : datastores) {
        const QModelIndex index = m_model->indexForDatastore(d.id);
        if (index.data(DatastoreTreeModel::CountRole).toInt() !=
            m_catalog->containerCount(d.id).value())
            m_catalog->notifyContainersChanged(d.id);
        m_catalog->notifyOperationsChanged(d.id);
    }
}

void MainWindow::updateDatastoreCount()
{
    const int count = m_model->rowCount();
    m_countLabel->setText(count == 0   ? tr("No datastores")
                          : count == 1 ? tr("1 datastore")
                                       : tr("%1 datastores").arg(count));
    m_emptyTitle->setText(count == 0 ? tr("No datastores yet") : tr("No datastore selected"));
    m_emptyHint->setText(count == 0 ? tr("Add a database or a folder of files to discover, "
                                         "profile and check its data.")
                                    : tr("Select a datastore on the left, or add one with Add "
                                         "Datastore"));
}

} // namespace assay
