#pragma once

#include "ui/wizard/MultiSchemaController.h"

#include <QHash>
#include <QIcon>
#include <QStringList>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace assay {

// The schemas of a connection as a searchable checklist: a search line, "N selected", Select
// all / Select none (of the rows the search shows), and per row the schema (with a warning icon
// when it already has a datastore), the name its datastore would get and what is wrong with it.
// Only shows and collects: the dialog fills in the names.
class SchemaChecklist : public QWidget
{
    Q_OBJECT
public:
    enum Column { SchemaColumn, NameColumn, CheckColumn };

    explicit SchemaChecklist(QWidget *parent = nullptr);

    // Lists `schemas`; `onboarded` maps a schema to the datastores it already has. Checked
    // schemas that are still there stay checked.
    void setSchemas(const QStringList &schemas, const QHash<QString, QStringList> &onboarded);
    QStringList schemas() const;
    QStringList checkedSchemas() const;
    void setChecked(const QString &schema, bool checked);
    // Checks or unchecks every row the search shows.
    void setVisibleChecked(bool checked);
    // Names and problems of the checked rows (unchecked rows are cleared). `skipOnboarded`: rows
    // of onboarded schemas say they will be skipped.
    void showPlans(const QList<SchemaPlan> &plans, bool skipOnboarded);
    int visibleCount() const;

    QTreeWidgetItem *item(const QString &schema) const;
    QLineEdit *searchEdit() const { return m_search; }
    QTreeWidget *tree() const { return m_tree; }
    QLabel *countLabel() const { return m_count; }
    QPushButton *selectAllButton() const { return m_all; }
    QPushButton *selectNoneButton() const { return m_none; }
    QLabel *noMatchLabel() const { return m_noMatch; }

    // An amber warning triangle, drawn (no icon theme needed).
    static QIcon warningIcon();

signals:
    void checkedChanged();

private:
    void applyFilter();
    void updateCount();

    QLineEdit *m_search;
    QTreeWidget *m_tree;
    QLabel *m_count;
    QLabel *m_noMatch;
    QPushButton *m_all;
    QPushButton *m_none;
};

} // namespace assay
