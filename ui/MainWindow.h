#pragma once

#include <QMainWindow>

class QAction;
class QLabel;
class QLineEdit;
class QModelIndex;
class QSortFilterProxyModel;
class QSplitter;
class QStackedWidget;
class QTabWidget;
class QToolBar;
class QTimer;
class QTreeView;

namespace assay {

class Catalog;
class DatastoreOverview;
class DatastoreTreeModel;
class ActivityView;
class AnomaliesView;
class ContainerPage;
class CredentialStore;
class OperationActions;
class OperationEngine;
class OperationProgressBar;
class ScheduleListView;
class TreeState;

// The main window: the datastore tree on the left (with a filter), the selected datastore's
// details on the right (header + Overview / Activity tabs), or a friendly empty state.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(Catalog *catalog, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Connects the window to the operation engine: Run opens Sync, progress shows under the
    // header, container settings open from the tree. Without it Run only emits runRequested.
    void setEngine(OperationEngine *engine);
    // Opens the Add Datastore wizard, Edit and Delete with these (without them Add Datastore
    // only emits addDatastoreRequested).
    void setCredentials(CredentialStore *credentials);
    OperationActions *operationActions() const { return m_actions; }
    OperationProgressBar *progressBar() const { return m_progress; }
    ActivityView *activityView() const { return m_activity; }

    DatastoreTreeModel *treeModel() const { return m_model; }
    QTreeView *datastoreTree() const { return m_tree; }
    // Selects a datastore in the tree (clearing a filter that hides it) and shows its details.
    void selectDatastore(qint64 id);
    // The datastore shown on the right (the selected one, or the one owning the selected
    // container or field); 0 when none.
    qint64 currentDatastoreId() const { return m_currentId; }

    // For tests and for the parts that plug in later (wizard, engine).
    QAction *addDatastoreAction() const { return m_addAction; }
    QAction *runAction() const { return m_runAction; }
    QAction *profileAction() const { return m_profileAction; }
    QAction *scanAction() const { return m_scanAction; }
    ContainerPage *containerPage() const { return m_containerPage; }
    AnomaliesView *anomaliesView() const { return m_anomalies; }
    QAction *refreshAction() const { return m_refreshAction; }
    QAction *containerSettingsAction() const { return m_settingsAction; }
    QAction *editDatastoreAction() const { return m_editAction; }
    QAction *deleteDatastoreAction() const { return m_deleteAction; }
    QAction *onboardSchemasAction() const { return m_onboardAction; }
    QAction *linkEnrichmentAction() const { return m_linkAction; }
    QAction *findAction() const { return m_findAction; }
    QLineEdit *filterEdit() const { return m_filter; }
    bool isShowingNoMatches() const;
    QTabWidget *detailsTabs() const { return m_tabs; }
    DatastoreOverview *overview() const { return m_overview; }
    QString headerTitle() const;
    // Picks up what other processes (the CLI, a detached runner, another window) wrote to the
    // Catalog; runs every few seconds. Public for tests.
    void checkExternalChanges();

    // True while the right side shows "Select a datastore…".
    bool isShowingEmptyState() const;

signals:
    void addDatastoreRequested();
    // The wizard's "Next: Link Enrichment" for a datastore it just created.
    void linkEnrichmentRequested(qint64 datastoreId);
    void runRequested(qint64 datastoreId);
    // Run Profile… / Run Scan…, with the container selected in the tree (if any) preselected.
    void profileRequested(qint64 datastoreId, const QStringList &containers);
    void scanRequested(qint64 datastoreId, const QStringList &containers);

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void createActions();
    void createMenus();
    void createToolBar();
    QWidget *createTreePane();
    QWidget *createDetailsPane();
    QWidget *createEmptyState();
    void createStatusBar();
    // Shows `text` for `timeout` ms, elided to the room the permanent labels leave (the status
    // bar would clip it mid-word against them); the whole text is the status bar's tooltip.
    void showStatusMessage(const QString &text, int timeout);
    void applySelectionColours();
    void restoreSettings();
    void saveSettings() const;

    void requestAddDatastore();
    void requestRun();
    void requestProfile();
    void requestScan();
    // MainWindowViews.cpp: the container tab (profile, checks) and the anomalies tab.
    void createContainerViews();
    void showContainer(qint64 datastoreId, qint64 containerId, qint64 fieldId);
    // The selected container's names for the Profile and Scan dialogs ({} for the datastore).
    QStringList selectedContainerNames() const;
    void requestContainerSettings();
    void openAddDatastoreWizard();
    void editCurrentDatastore();
    void deleteCurrentDatastore();
    void onboardSchemasOfCurrentConnection();
    void openLinkEnrichment(qint64 datastoreId);
    void showAllActivity();
    void showTreeMenu(const QPoint &pos);
    qint64 selectedContainerId() const;
    void focusFilter();
    // Find: loads the containers and fields that match (children load lazily), filters the
    // tree, expands it to show them, and says "No matches" when nothing does.
    void applyFilter(const QString &text);
    void showAbout();
    void onSelectionChanged();
    void showDetails(qint64 datastoreId);
    void clearDetails();
    void refreshDetails();
    void updateDatastoreCount();
    qint64 datastoreIdAt(const QModelIndex &proxyIndex) const;

    Catalog *m_catalog;
    DatastoreTreeModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    qint64 m_currentId = 0;

    QAction *m_addAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_runAction = nullptr;
    QAction *m_profileAction = nullptr;
    QAction *m_scanAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_settingsAction = nullptr;
    QAction *m_editAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_onboardAction = nullptr;
    QAction *m_linkAction = nullptr;
    CredentialStore *m_credentials = nullptr;
    QAction *m_togglePaneAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QToolBar *m_toolBar = nullptr;

    QSplitter *m_splitter = nullptr;
    QWidget *m_treePane = nullptr;
    QLineEdit *m_filter = nullptr;
    QLabel *m_noMatches = nullptr;
    QTreeView *m_tree = nullptr;
    TreeState *m_treeState = nullptr; // expansion and selection, kept across reloads

    QStackedWidget *m_detailsStack = nullptr;
    QWidget *m_emptyState = nullptr;
    QLabel *m_emptyTitle = nullptr;
    QLabel *m_emptyHint = nullptr;
    QWidget *m_detailsPage = nullptr;
    QLabel *m_headerIcon = nullptr;
    QLabel *m_headerTitle = nullptr;
    QLabel *m_headerSubtitle = nullptr;
    QTabWidget *m_tabs = nullptr;
    DatastoreOverview *m_overview = nullptr;
    ContainerPage *m_containerPage = nullptr;
    QWidget *m_containerHint = nullptr;
    int m_containerTab = -1;
    AnomaliesView *m_anomalies = nullptr;
    QWidget *m_progressHolder = nullptr;
    OperationProgressBar *m_progress = nullptr;
    OperationActions *m_actions = nullptr;
    ActivityView *m_activity = nullptr;
    ScheduleListView *m_schedules = nullptr;
    QAction *m_allActivityAction = nullptr;

    QTimer *m_externalChanges = nullptr;
    QTimer *m_findDelay = nullptr; // one catalog search per pause in typing, not per key
    qint64 m_dataVersion = -1;
    QLabel *m_countLabel = nullptr;
    QLabel *m_catalogLabel = nullptr;
};

} // namespace assay
