#pragma once

#include "models/catalog/Catalog.h"

#include <QDate>
#include <QTimer>
#include <QWidget>

class QComboBox;
class QCompleter;
class QLineEdit;
class QStringListModel;
class QToolButton;

namespace assay {

// The Activity tab's top panel controls for the runs list: search by operation ID, sort by
// Created date or Duration (and direction), filters by operation type, status and table, and
// the chip of the heatmap's selected day (click it to clear). Typing is debounced; every
// change emits changed() once, and applyTo() writes the choices into an OperationQuery.
class ActivityFilterBar : public QWidget
{
    Q_OBJECT
public:
    explicit ActivityFilterBar(QWidget *parent = nullptr);

    // Writes type, status, container, id prefix and sort (not the datastore or the day).
    void applyTo(OperationQuery &query) const;

    // Table names offered by the Table filter's completer.
    void setContainerNames(const QStringList &names);
    // Shows (or hides, for an invalid date) the selected day's chip.
    void setDay(const QDate &day);
    QDate day() const { return m_day; }
    // Selects a status ("" for all) as if the user had.
    void setStatus(const QString &status);
    QString status() const;

    QLineEdit *searchEdit() const { return m_search; }
    QComboBox *sortBox() const { return m_sort; }
    QToolButton *orderButton() const { return m_order; }
    QComboBox *typeBox() const { return m_type; }
    QComboBox *statusBox() const { return m_status; }
    QLineEdit *tableEdit() const { return m_table; }
    QToolButton *dayChip() const { return m_dayChip; }

signals:
    void changed();
    // The day chip was clicked: the owner clears the heatmap's selection.
    void dayCleared();

private:
    void updateOrderButton();

    QLineEdit *m_search;
    QComboBox *m_sort;
    QToolButton *m_order;
    QComboBox *m_type;
    QComboBox *m_status;
    QLineEdit *m_table;
    QStringListModel *m_tableNames;
    QCompleter *m_completer;
    QToolButton *m_dayChip;
    QDate m_day;
    bool m_descending = true; // newest / longest first
    QTimer m_typing;
};

} // namespace assay
