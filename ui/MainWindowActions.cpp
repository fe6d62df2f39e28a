#include "MainWindow.h"
#include "models/item/DatastoreTreeModel.h"

#include <QAction>
#include <QApplication>
#include <QIcon>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>
#include <QToolBar>
#include <QToolButton>

// The main window's actions, menus and toolbar.
namespace assay {

void MainWindow::createActions()
{
    m_addAction =
        new QAction(QIcon(QStringLiteral(":/icons/add.svg")), tr("&Add Datastore…"), this);
    m_addAction->setIconText(tr("Add Datastore"));
    m_addAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_N));
    m_addAction->setStatusTip(tr("Connect a database or folder as a new datastore"));
    connect(m_addAction, &QAction::triggered, this, &MainWindow::requestAddDatastore);

    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    m_quitAction->setMenuRole(QAction::QuitRole);
    m_quitAction->setStatusTip(tr("Close Assay"));
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_findAction = new QAction(tr("&Find…"), this);
    m_findAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_F));
    m_findAction->setStatusTip(tr("Find datastores, tables and fields by name"));
    connect(m_findAction, &QAction::triggered, this, &MainWindow::focusFilter);

    m_runAction = new QAction(QIcon(QStringLiteral(":/icons/run.svg")), tr("&Run Sync…"), this);
    m_runAction->setIconText(tr("Run"));
    m_runAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_runAction->setStatusTip(tr("Sync the selected datastore: discover its tables, views and "
                                 "fields"));
    connect(m_runAction, &QAction::triggered, this, &MainWindow::requestRun);

    m_profileAction = new QAction(tr("Run &Profile…"), this);
    m_profileAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    m_profileAction->setStatusTip(tr("Profile the selected datastore or table: measure every "
                                     "field and infer checks"));
    m_profileAction->setEnabled(false);
    connect(m_profileAction, &QAction::triggered, this, &MainWindow::requestProfile);
    m_scanAction = new QAction(tr("Run S&can…"), this);
    m_scanAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    m_scanAction->setStatusTip(tr("Scan the selected datastore or table: run its checks and "
                                  "record anomalies"));
    m_scanAction->setEnabled(false);
    connect(m_scanAction, &QAction::triggered, this, &MainWindow::requestScan);

    m_refreshAction =
        new QAction(QIcon(QStringLiteral(":/icons/refresh.svg")), tr("Re&fresh"), this);
    m_refreshAction->setShortcut(QKeySequence(Qt::Key_F5));
    m_refreshAction->setStatusTip(tr("Read the datastores from the Catalog again"));
    connect(m_refreshAction, &QAction::triggered, this, [this] {
        const qint64 current = m_currentId;
        m_model->reload();
        if (current)
            selectDatastore(current);
        statusBar()->showMessage(tr("Datastores refreshed."), 3000);
    });

    m_settingsAction = new QAction(tr("Container &Settings…"), this);
    m_settingsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    m_settingsAction->setStatusTip(tr("Identifiers, grouping and general settings of the "
                                      "selected table, view or file"));
    m_settingsAction->setEnabled(false);
    connect(m_settingsAction, &QAction::triggered, this, &MainWindow::requestContainerSettings);

    m_editAction = new QAction(tr("&Edit Datastore…"), this);
    m_editAction->setStatusTip(tr("Change the selected datastore's name, connection details, "
                                  "database, schema and teams"));
    m_editAction->setEnabled(false);
    connect(m_editAction, &QAction::triggered, this, &MainWindow::editCurrentDatastore);
    m_deleteAction = new QAction(tr("&Delete Datastore…"), this);
    m_deleteAction->setShortcut(QKeySequence::Delete);
    m_deleteAction->setShortcutContext(Qt::WidgetShortcut); // only while the tree has focus
    m_deleteAction->setStatusTip(tr("Remove the selected datastore from Assay (its data is not "
                                    "touched)"));
    m_deleteAction->setEnabled(false);
    connect(m_deleteAction, &QAction::triggered, this, &MainWindow::deleteCurrentDatastore);

    m_linkAction = new QAction(tr("&Link Enrichment…"), this);
    m_linkAction->setStatusTip(tr("Choose the datastore that receives this datastore's scan "
                                  "results, and how"));
    m_linkAction->setEnabled(false);
    connect(m_linkAction, &QAction::triggered, this, [this] { openLinkEnrichment(m_currentId); });

    m_allActivityAction = new QAction(tr("All &Activity…"), this);
    m_allActivityAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    m_allActivityAction->setStatusTip(tr("Operations and schedules of every datastore"));
    m_allActivityAction->setEnabled(false);
    connect(m_allActivityAction, &QAction::triggered, this, &MainWindow::showAllActivity);

    m_onboardAction = new QAction(tr("Onboard More &Schemas…"), this);
    m_onboardAction->setStatusTip(tr("Create datastores for other schemas of the selected "
                                     "datastore's connection"));
    m_onboardAction->setEnabled(false);
    connect(m_onboardAction, &QAction::triggered, this,
            &MainWindow::onboardSchemasOfCurrentConnection);

    m_togglePaneAction = new QAction(tr("&Datastores Pane"), this);
    m_togglePaneAction->setCheckable(true);
    m_togglePaneAction->setChecked(true);
    m_togglePaneAction->setStatusTip(tr("Show or hide the datastore tree"));
    connect(m_togglePaneAction, &QAction::toggled, this,
            [this](bool visible) { m_treePane->setVisible(visible); });

    m_aboutAction = new QAction(tr("&About Assay…"), this);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_addAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_findAction);

    QMenu *datastore = menuBar()->addMenu(tr("&Datastore"));
    datastore->addAction(m_runAction);
    datastore->addAction(m_profileAction);
    datastore->addAction(m_scanAction);
    datastore->addAction(m_settingsAction);
    datastore->addSeparator();
    datastore->addAction(m_editAction);
    datastore->addAction(m_linkAction);
    datastore->addAction(m_onboardAction);
    datastore->addAction(m_deleteAction);
    datastore->addSeparator();
    datastore->addAction(m_refreshAction);

    // Filled in createToolBar(), once the toolbar's toggle action exists.
    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("viewMenu"));
    view->addAction(m_togglePaneAction);
    view->addAction(m_allActivityAction);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_aboutAction);
    QAction *aboutQt = help->addAction(tr("About &Qt…"), qApp, &QApplication::aboutQt);
    aboutQt->setMenuRole(QAction::AboutQtRole);
}

void MainWindow::createToolBar()
{
    m_toolBar = addToolBar(tr("Main Toolbar"));
    m_toolBar->setObjectName(QStringLiteral("mainToolBar"));
    m_toolBar->setMovable(false);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    // 20 px at the default font, growing with a larger one (icons are SVG: crisp at any size).
    const int icon = qMax(20, fontMetrics().height() + 3);
    m_toolBar->setIconSize(QSize(icon, icon));
    m_toolBar->addAction(m_addAction);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_runAction);
    m_toolBar->addAction(m_refreshAction);

    QAction *toggle = m_toolBar->toggleViewAction();
    toggle->setText(tr("&Toolbar"));
    if (auto *view = menuBar()->findChild<QMenu *>(QStringLiteral("viewMenu")))
        view->addAction(toggle);
}

} // namespace assay
