#include "MainWindow.h"
#include "app/connectors/ConnectorSpec.h"
#include "app/engine/OperationEngine.h"
#include "models/catalog/Catalog.h"
#include "models/item/DatastoreTreeModel.h"
#include "ui/activity/ActivityView.h"
#include "ui/datastores/DatastoreOverview.h"
#include "ui/enrichment/LinkEnrichmentDialog.h"
#include "ui/operations/OperationActions.h"
#include "ui/operations/OperationProgressBar.h"
#include "ui/schedule/ScheduleListView.h"
#include "ui/wizard/AddDatastoreWizard.h"
#include "ui/wizard/DeleteDatastore.h"
#include "ui/wizard/EditDatastoreDialog.h"
#include "ui/wizard/MultiSchemaDialog.h"

#include <QAction>
#include <QDialog>
#include <QLayout>
#include <QMenu>
#include <QMessageBox>
#include <QMetaMethod>
#include <QStatusBar>
#include <QTabWidget>
#include <QTreeView>
#include <QVBoxLayout>

// What the main window opens: the wizard, Edit, Delete, Link Enrichment, multi-schema onboarding,
// Sync and Container Settings, and the tree's context menu.
namespace assay {

void MainWindow::requestAddDatastore()
{
    if (isSignalConnected(QMetaMethod::fromSignal(&MainWindow::addDatastoreRequested))) {
        emit addDatastoreRequested();
        return;
    }
    auto *box = new QMessageBox(QMessageBox::Information, tr("Add Datastore"),
                                tr("The Add Datastore wizard is not part of this build yet."),
                                QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("addDatastoreInfo"));
    box->setInformativeText(
        tr("Until it arrives, add a datastore from a terminal; it appears here at once:<br><br>"
           "<code>assay connections create --type postgresql --name … --host … "
           "--username … --database … --password-stdin</code><br><br>"
           "<code>assay datastores create --name … --connection-name …</code>"));
    box->setTextFormat(Qt::RichText);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::requestRun()
{
    if (!m_currentId)
        return;
    emit runRequested(m_currentId);
    if (!isSignalConnected(QMetaMethod::fromSignal(&MainWindow::runRequested)))
        statusBar()->showMessage(
            tr("Sync, Profile and Scan arrive with the operation engine; nothing ran yet."), 6000);
}

void MainWindow::requestProfile()
{
    if (m_currentId)
        emit profileRequested(m_currentId, selectedContainerNames());
}

void MainWindow::requestScan()
{
    if (m_currentId)
        emit scanRequested(m_currentId, selectedContainerNames());
}

void MainWindow::showTreeMenu(const QPoint &pos)
{
    QMenu menu(this);
    const QModelIndex index = m_tree->indexAt(pos);
    const QString kind = index.data(DatastoreTreeModel::KindRole).toString();
    if (index.isValid()) {
        m_tree->setCurrentIndex(index);
        menu.addAction(m_runAction);
        menu.addAction(m_profileAction);
        menu.addAction(m_scanAction);
        if (kind == tree_kind::kContainer)
            menu.addAction(m_settingsAction);
        if (kind == tree_kind::kDatastore) {
            menu.addAction(m_editAction);
            menu.addAction(m_linkAction);
            menu.addAction(m_deleteAction);
        }
        menu.addSeparator();
    }
    menu.addAction(m_refreshAction);
    menu.addSeparator();
    menu.addAction(m_addAction);
    menu.exec(m_tree->viewport()->mapToGlobal(pos));
}

qint64 MainWindow::selectedContainerId() const
{
    const QModelIndex index = m_tree->currentIndex();
    if (index.data(DatastoreTreeModel::KindRole).toString() != tree_kind::kContainer)
        return 0;
    return index.data(DatastoreTreeModel::IdRole).toLongLong();
}

void MainWindow::requestContainerSettings()
{
    const qint64 container = selectedContainerId();
    if (container && m_actions)
        m_actions->openContainerSettings(container);
}

void MainWindow::setCredentials(CredentialStore *credentials)
{
    m_credentials = credentials;
    connect(this, &MainWindow::addDatastoreRequested, this, &MainWindow::openAddDatastoreWizard,
            Qt::UniqueConnection);
}

void MainWindow::openAddDatastoreWizard()
{
    if (!m_credentials || !m_actions)
        return;
    auto *wizard = new AddDatastoreWizard(m_catalog, m_credentials, m_actions->engine(), this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    connect(wizard, &AddDatastoreWizard::datastoreCreated, this,
            [this](qint64 id, bool linkEnrichmentNext) {
                selectDatastore(id);
                m_tabs->setCurrentIndex(0);
                if (linkEnrichmentNext) {
                    emit linkEnrichmentRequested(id);
                    openLinkEnrichment(id);
                }
            });
    wizard->open();
}

void MainWindow::editCurrentDatastore()
{
    if (!m_credentials || !m_currentId)
        return;
    auto *dialog = new EditDatastoreDialog(m_catalog, m_credentials, m_currentId, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &EditDatastoreDialog::datastoreSaved, this, [this](qint64 id) {
        selectDatastore(id);
        statusBar()->showMessage(tr("Datastore saved."), 4000);
    });
    dialog->open();
}

void MainWindow::deleteCurrentDatastore()
{
    if (!m_credentials || !m_currentId)
        return;
    if (m_actions && m_actions->engine()->isDatastoreBusy(m_currentId)) {
        statusBar()->showMessage(
            tr("An operation of this datastore is queued or running; abort it first."), 6000);
        return;
    }
    if (DatastoreDeletion *deletion =
            confirmDeleteDatastore(this, m_catalog, m_credentials, m_currentId))
        connect(deletion, &DatastoreDeletion::finished, this,
                [this](bool ok, const QString &message) {
                    if (!message.isEmpty())
                        statusBar()->showMessage(message, 8000);
                    else if (ok)
                        statusBar()->showMessage(tr("Datastore deleted."), 5000);
                });
}

void MainWindow::openLinkEnrichment(qint64 datastoreId)
{
    if (!m_credentials || !datastoreId)
        return;
    auto *dialog = new LinkEnrichmentDialog(m_catalog, m_credentials, datastoreId, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::showAllActivity()
{
    if (!m_actions)
        return;
    // One window across all datastores, kept and raised on later calls.
    auto *window = findChild<QDialog *>(QStringLiteral("allActivityWindow"));
    if (!window) {
        window = new QDialog(this, Qt::Window);
        window->setObjectName(QStringLiteral("allActivityWindow"));
        window->setWindowTitle(tr("Activity — all datastores"));
        window->resize(1100, 720);
        auto *layout = new QVBoxLayout(window);
        auto *view = new ActivityView(m_catalog, m_actions->engine(), window);
        auto *schedules = new ScheduleListView(m_catalog);
        view->setSchedulePage(schedules);
        view->setDatastore(0);
        schedules->setDatastore(0);
        layout->addWidget(view);
    }
    window->show();
    window->raise();
    window->activateWindow();
}

void MainWindow::onboardSchemasOfCurrentConnection()
{
    const auto datastore = m_catalog->datastore(m_currentId);
    if (!datastore || !m_credentials || !m_actions)
        return;
    auto *dialog = new MultiSchemaDialog(m_catalog, m_credentials, m_actions->engine(),
                                         datastore->connectionId, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::setEngine(OperationEngine *engine)
{
    m_actions = new OperationActions(m_catalog, engine, this);
    connect(m_actions, &OperationActions::message, this,
            [this](const QString &text, int timeout) { showStatusMessage(text, timeout); });
    connect(this, &MainWindow::runRequested, m_actions, &OperationActions::runSync);
    connect(this, &MainWindow::profileRequested, m_actions, &OperationActions::runProfile);
    connect(this, &MainWindow::scanRequested, m_actions, &OperationActions::runScan);
    m_progress = new OperationProgressBar(engine, m_progressHolder);
    m_progressHolder->layout()->addWidget(m_progress);
    connect(m_progress, &OperationProgressBar::percentChanged, m_overview,
            &DatastoreOverview::showPercent);
    m_progress->setDatastore(m_currentId);

    // The Activity tab: heatmap, runs and schedules of the shown datastore.
    m_activity = new ActivityView(m_catalog, engine);
    m_activity->setAccessibleName(tr("Activity"));
    if (auto *placeholder = m_tabs->findChild<QWidget *>(QStringLiteral("activityPlaceholder"))) {
        const int at = m_tabs->indexOf(placeholder);
        m_tabs->removeTab(at);
        placeholder->deleteLater();
        m_tabs->insertTab(at, m_activity, tr("Activity"));
    }
    m_schedules = new ScheduleListView(m_catalog);
    m_activity->setSchedulePage(m_schedules);
    m_activity->setDatastore(m_currentId);
    m_schedules->setDatastore(m_currentId);
    // A queued operation shows up in the runs list at once.
    connect(engine, &OperationEngine::operationQueued, this, [this](qint64 id, qint64 datastore) {
        if (datastore == m_currentId && m_tabs->currentWidget() == m_activity)
            m_activity->selectOperation(id);
    });
    // A Sync the user just ran from here: Activity opens on it (seed 003). A Profile or Scan
    // of a selected table keeps its tab, where the results appear.
    connect(m_actions, &OperationActions::queued, this, [this](qint64 id, qint64 datastore) {
        const auto op = m_catalog->operation(id);
        if (datastore != m_currentId || !op || op->type != operation_type::kSync)
            return;
        m_tabs->setCurrentWidget(m_activity);
        m_activity->selectOperationWhenListed(id);
    });
    m_allActivityAction->setEnabled(true);
}

} // namespace assay
