#include "MainWindowShots.h"

#include "EventWait.h"
#include "ShotWriter.h"
#include "models/catalog/Catalog.h"
#include "models/item/AnomalyListModel.h"
#include "models/item/DatastoreTreeModel.h"
#include "ui/MainWindow.h"
#include "ui/activity/ActivityView.h"
#include "ui/anomalies/AnomaliesView.h"
#include "ui/profile/ContainerPage.h"

#include <QAbstractItemModel>
#include <QTabWidget>
#include <QTreeView>
#include <algorithm>

namespace assay::screenshots {
namespace {

QModelIndex datastoreRow(const QAbstractItemModel &model, qint64 datastoreId)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row, 0);
        if (index.data(DatastoreTreeModel::IdRole).toLongLong() == datastoreId)
            return index;
    }
    return {};
}

QModelIndex childNamed(const QAbstractItemModel &model, const QModelIndex &parent,
                       const QString &name)
{
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, 0, parent);
        if (index.data().toString() == name)
            return index;
    }
    return {};
}

bool shootOverview(MainWindow &window, qint64 datastoreId, ShotWriter &shots, QString *error)
{
    window.selectDatastore(datastoreId);
    window.detailsTabs()->setCurrentIndex(0);
    if (window.currentDatastoreId() != datastoreId) {
        *error = QStringLiteral("the main window did not show the Demo Shop");
        return false;
    }
    return shots.save(window, QStringLiteral("main-overview"), error);
}

bool shootTable(MainWindow &window, qint64 datastoreId, ShotWriter &shots, QString *error)
{
    if (!selectTable(window, datastoreId, kTableShown)) {
        *error =
            QStringLiteral("the tree does not list the Demo Shop's table “%1”").arg(kTableShown);
        return false;
    }
    ContainerPage *page = window.containerPage();
    if (window.detailsTabs()->currentWidget() != page || !page->containerId()) {
        *error = QStringLiteral("selecting “%1” did not open its tab").arg(kTableShown);
        return false;
    }
    page->tabs()->setCurrentIndex(0); // Profile
    if (!shots.save(window, QStringLiteral("main-table-profile"), error))
        return false;
    page->showChecks();
    return shots.save(window, QStringLiteral("main-table-checks"), error);
}

bool shootAnomalies(MainWindow &window, qint64 datastoreId, ShotWriter &shots, QString *error)
{
    // The datastore, not the table: the list then holds every table's anomalies.
    window.selectDatastore(datastoreId);
    AnomaliesView *view = window.anomaliesView();
    window.detailsTabs()->setCurrentWidget(view);
    settle(100);
    if (view->listModel()->rowCount() == 0 ||
        !view->selectAnomaly(view->listModel()->anomalyIdAt(0))) {
        *error = QStringLiteral("the Anomalies tab lists no anomaly to show (did the Scan find "
                                "the Demo Shop's defects?)");
        return false;
    }
    return shots.save(window, QStringLiteral("main-anomalies-detail"), error);
}

bool shootActivity(MainWindow &window, Catalog &catalog, qint64 datastoreId, ShotWriter &shots,
                   QString *error)
{
    ActivityView *view = window.activityView();
    const QList<Operation> operations = catalog.operations(datastoreId);
    if (!view || operations.isEmpty()) {
        *error = QStringLiteral("the Activity tab has no operation to show");
        return false;
    }
    const auto latest =
        std::max_element(operations.cbegin(), operations.cend(),
                         [](const Operation &a, const Operation &b) { return a.id < b.id; });
    window.detailsTabs()->setCurrentWidget(view);
    settle(100);
    if (!view->selectOperation(latest->id)) {
        *error = QStringLiteral("the Activity tab does not list operation %1").arg(latest->id);
        return false;
    }
    return shots.save(window, QStringLiteral("main-activity"), error);
}

} // namespace

bool selectTable(MainWindow &window, qint64 datastoreId, const QString &name)
{
    QTreeView *tree = window.datastoreTree();
    const QModelIndex datastore = datastoreRow(*tree->model(), datastoreId);
    if (!datastore.isValid())
        return false;
    // Containers load lazily, on expanding. Without the animation: a picture taken while the
    // rows slide in would show them half drawn.
    const bool animated = tree->isAnimated();
    tree->setAnimated(false);
    tree->expand(datastore);
    tree->setAnimated(animated);
    const QDeadlineTimer deadline(5000);
    QModelIndex table;
    waitUntil(
        [&] {
            table = childNamed(*tree->model(), datastore, name);
            return table.isValid();
        },
        deadline);
    if (!table.isValid())
        return false;
    tree->setCurrentIndex(table);
    tree->scrollTo(table);
    return true;
}

bool shootMainWindow(MainWindow &window, Catalog &catalog, qint64 datastoreId, ShotWriter &shots,
                     QString *error)
{
    return shootOverview(window, datastoreId, shots, error) &&
           shootTable(window, datastoreId, shots, error) &&
           shootAnomalies(window, datastoreId, shots, error) &&
           shootActivity(window, catalog, datastoreId, shots, error);
}

} // namespace assay::screenshots
