#pragma once

#include <QWidget>

class QTabWidget;

namespace assay {

class Catalog;
class ChecksTab;
class ContainerHistoryView;
class ContainerProfileView;

// A container's page, for the main window to embed: tabs "Profile" (header figures, fields,
// the chosen field's profile), "Checks" (the container's checks) and "History" (its
// measurements over time). More tabs may be added
// with addTab (e.g. "Anomalies").
class ContainerPage : public QWidget
{
    Q_OBJECT
public:
    explicit ContainerPage(QWidget *parent = nullptr);

    // Shows `containerId` (0 clears); reads the Catalog only.
    void setContainer(Catalog *catalog, qint64 containerId);
    qint64 containerId() const { return m_containerId; }
    // Switches to the Profile tab and shows that field's profile.
    void showField(qint64 fieldId);
    // Switches to the Checks tab.
    void showChecks();

    int addTab(QWidget *page, const QString &label);
    QTabWidget *tabs() const { return m_tabs; }
    ContainerProfileView *profileView() const { return m_profile; }
    ChecksTab *checksTab() const { return m_checks; }
    ContainerHistoryView *historyView() const { return m_history; }

private:
    QTabWidget *m_tabs;
    ContainerProfileView *m_profile;
    ChecksTab *m_checks;
    ContainerHistoryView *m_history;
    qint64 m_containerId = 0;
};

} // namespace assay
