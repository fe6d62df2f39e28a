#pragma once

#include "ui/checks/CheckEditDialog.h"
#include "ui/checks/CheckSqlDialog.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

class QAbstractButton;
class QButtonGroup;
class QLabel;
class QPushButton;
class QTableView;

namespace assay {

class Catalog;
class CheckListModel;

// The checks of one container: a status filter (Active, Draft, Archived, each with its count),
// the list (rule, fields, key properties, coverage, status, inferred / edited), and New…,
// Edit…, Activate (a draft or archived check), Archive and Show SQL. Double-click edits.
class ChecksTab : public QWidget
{
    Q_OBJECT
public:
    explicit ChecksTab(QWidget *parent = nullptr);

    void setContainer(Catalog *catalog, qint64 containerId);
    qint64 containerId() const { return m_containerId; }

    // Shows the checks with this status (Active, Draft or Archived).
    void setStatusFilter(const QString &status);
    QString statusFilter() const;
    // The filter button of a status ("Active (3)").
    QAbstractButton *filterButton(const QString &status) const;
    CheckListModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    qint64 selectedCheckId() const;
    bool selectCheck(qint64 checkId);

    QPushButton *newButton() const { return m_new; }
    QPushButton *editButton() const { return m_edit; }
    QPushButton *activateButton() const { return m_activate; }
    QPushButton *archiveButton() const { return m_archive; }
    QPushButton *sqlButton() const { return m_sql; }
    // The check dialog while it is open, else nullptr.
    CheckEditDialog *editDialog() const { return m_dialog; }
    CheckSqlDialog *sqlDialog() const { return m_sqlDialog; }

public slots:
    void newCheck();
    void editSelected();
    void activateSelected();
    void archiveSelected();
    void showSql();

private:
    void openDialog(CheckEditDialog *dialog);
    void updateCounts();
    void updateActions();

    Catalog *m_catalog = nullptr;
    qint64 m_containerId = 0;
    CheckListModel *m_model = nullptr;
    QButtonGroup *m_filter;
    QHash<QString, QAbstractButton *> m_filterButtons;
    QTableView *m_view;
    QLabel *m_empty;
    QPushButton *m_new;
    QPushButton *m_edit;
    QPushButton *m_activate;
    QPushButton *m_archive;
    QPushButton *m_sql;
    QPointer<CheckEditDialog> m_dialog;
    QPointer<CheckSqlDialog> m_sqlDialog;
};

} // namespace assay
