#include "ui/profile/ContainerPage.h"

#include "ui/checks/ChecksTab.h"
#include "ui/profile/ContainerHistoryView.h"
#include "ui/profile/ContainerProfileView.h"

#include <QTabWidget>
#include <QVBoxLayout>

namespace assay {

ContainerPage::ContainerPage(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("containerPage"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("containerTabs"));
    m_tabs->setDocumentMode(true);
    m_profile = new ContainerProfileView(m_tabs);
    m_checks = new ChecksTab(m_tabs);
    m_tabs->addTab(m_profile, tr("Profile"));
    m_tabs->addTab(m_checks, tr("Checks"));
    m_history = new ContainerHistoryView(m_tabs);
    m_tabs->addTab(m_history, tr("History"));
    layout->addWidget(m_tabs);
}

void ContainerPage::setContainer(Catalog *catalog, qint64 containerId)
{
    m_containerId = containerId;
    m_profile->setContainer(catalog, containerId);
    m_checks->setContainer(catalog, containerId);
    m_history->setContainer(catalog, containerId);
}

void ContainerPage::showField(qint64 fieldId)
{
    m_tabs->setCurrentWidget(m_profile);
    m_profile->showField(fieldId);
}

void ContainerPage::showChecks()
{
    m_tabs->setCurrentWidget(m_checks);
}

int ContainerPage::addTab(QWidget *page, const QString &label)
{
    return m_tabs->addTab(page, label);
}

} // namespace assay
