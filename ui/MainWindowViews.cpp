#include "MainWindow.h"
#include "models/catalog/Catalog.h"
#include "models/item/DatastoreTreeModel.h"
#include "ui/anomalies/AnomaliesView.h"
#include "ui/profile/ContainerPage.h"

#include <QLabel>
#include <QTabWidget>
#include <QTreeView>
#include <QVBoxLayout>

// The main window's container tab (the selected table's profile and checks) and its anomalies
// tab. The container tab shows when a table, view, file or field is selected in the tree.
namespace assay {

void MainWindow::createContainerViews()
{
    m_containerPage = new ContainerPage;
    m_containerPage->setObjectName(QStringLiteral("containerPage"));
    m_containerPage->setAccessibleName(tr("Table"));
    m_containerTab = m_tabs->addTab(m_containerPage, tr("Table"));
    m_tabs->setTabVisible(m_containerTab, false);

    m_anomalies = new AnomaliesView;
    m_anomalies->setObjectName(QStringLiteral("anomaliesView"));
    m_anomalies->setAccessibleName(tr("Anomalies"));
    m_tabs->addTab(m_anomalies, tr("Anomalies"));
}

void MainWindow::showContainer(qint64 datastoreId, qint64 containerId, qint64 fieldId)
{
    if (m_anomalies->datastore() != datastoreId)
        m_anomalies->setDatastore(datastoreId ? m_catalog : nullptr, datastoreId);
    m_anomalies->setContainerFilter(containerId);

    const bool wasShown = m_tabs->isTabVisible(m_containerTab);
    const qint64 shown = m_containerPage->containerId();
    if (!containerId) {
        if (wasShown && m_tabs->currentIndex() == m_containerTab)
            m_tabs->setCurrentIndex(0);
        m_tabs->setTabVisible(m_containerTab, false);
        if (shown)
            m_containerPage->setContainer(m_catalog, 0);
        return;
    }
    const auto container = m_catalog->container(containerId);
    if (!container)
        return;
    if (shown != containerId)
        m_containerPage->setContainer(m_catalog, containerId);
    m_tabs->setTabText(m_containerTab, container->name);
    m_tabs->setTabToolTip(
        m_containerTab,
        tr("Profile and checks of %1 “%2”").arg(container->containerType, container->name));
    m_tabs->setTabVisible(m_containerTab, true);
    // Choosing a table in the tree is asking to see it; a field, to see its profile.
    if (fieldId)
        m_containerPage->showField(fieldId);
    if (!wasShown || shown != containerId || fieldId)
        m_tabs->setCurrentIndex(m_containerTab);
}

QStringList MainWindow::selectedContainerNames() const
{
    QModelIndex index = m_tree->currentIndex();
    const QString kind = index.data(DatastoreTreeModel::KindRole).toString();
    if (kind == tree_kind::kField)
        index = index.parent();
    else if (kind != tree_kind::kContainer)
        return {};
    const auto container =
        m_catalog->container(index.data(DatastoreTreeModel::IdRole).toLongLong());
    return container ? QStringList{container->name} : QStringList{};
}

} // namespace assay
