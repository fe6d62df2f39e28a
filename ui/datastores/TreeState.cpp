#include "ui/datastores/TreeState.h"

#include "models/item/DatastoreTreeModel.h"

#include <QTimer>
#include <QTreeView>
#include <functional>

namespace assay {

TreeState::TreeState(QTreeView *tree) : QObject(tree), m_tree(tree)
{
    connect(tree, &QTreeView::expanded, this,
            [this](const QModelIndex &index) { m_expanded.insert(keyOf(index)); });
    connect(tree, &QTreeView::collapsed, this, [this](const QModelIndex &index) {
        if (!m_applying)
            m_expanded.remove(keyOf(index));
    });
    QAbstractItemModel *model = tree->model();
    connect(model, &QAbstractItemModel::rowsInserted, this, &TreeState::onRowsInserted);
    connect(model, &QAbstractItemModel::rowsAboutToBeRemoved, this, &TreeState::onRowsRemoving);
    connect(model, &QAbstractItemModel::rowsRemoved, this, [this] { m_removing = false; });
    connect(tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                if (!current.isValid() || m_removing || m_applying)
                    return;
                // A reload moves the selection off the rows it removes before this object
                // hears of the removal: a move counts as the user's once the event loop turns
                // without a removal (see onRowsRemoving).
                m_moved = keyOf(current);
                const quint64 serial = ++m_moveSerial;
                QTimer::singleShot(0, this, [this, serial] {
                    if (serial != m_moveSerial || m_moved.isEmpty())
                        return;
                    m_selected = m_moved;
                    m_moved.clear();
                    m_selectionPending = false;
                });
            });
}

void TreeState::onRowsRemoving(const QModelIndex &parent, int first, int last)
{
    m_removing = true;
    // The selected row is going (a reload, a Sync): not the user's choice, so it is selected
    // again when it comes back, and the move the removal made is forgotten.
    const QAbstractItemModel *model = m_tree->model();
    const std::function<bool(const QModelIndex &)> holdsSelected = [&](const QModelIndex &i) {
        if (keyOf(i) == m_selected)
            return true;
        for (int row = 0; row < model->rowCount(i); ++row)
            if (holdsSelected(model->index(row, 0, i)))
                return true;
        return false;
    };
    for (int row = first; row <= last && !m_selected.isEmpty(); ++row) {
        if (holdsSelected(model->index(row, 0, parent))) {
            m_selectionPending = true;
            m_moved.clear();
            ++m_moveSerial;
        }
    }
}

QString TreeState::keyOf(const QModelIndex &index)
{
    return index.data(DatastoreTreeModel::KindRole).toString() + QLatin1Char(':') +
           QString::number(index.data(DatastoreTreeModel::IdRole).toLongLong());
}

QStringList TreeState::expandedKeys() const
{
    QStringList keys(m_expanded.cbegin(), m_expanded.cend());
    keys.sort();
    return keys;
}

void TreeState::restore(const QStringList &expanded, const QString &selected)
{
    for (const QString &key : expanded)
        m_expanded.insert(key);
    if (!selected.isEmpty() && !m_tree->selectionModel()->currentIndex().isValid()) {
        m_selected = selected;
        m_selectionPending = true;
    }
    apply(QModelIndex(), 0, m_tree->model()->rowCount() - 1);
}

void TreeState::onRowsInserted(const QModelIndex &parent, int first, int last)
{
    apply(parent, first, last);
}

void TreeState::apply(const QModelIndex &parent, int first, int last)
{
    const QAbstractItemModel *model = m_tree->model();
    m_applying = true;
    for (int row = first; row <= last; ++row) {
        const QModelIndex index = model->index(row, 0, parent);
        const QString key = keyOf(index);
        if (m_selectionPending && key == m_selected) {
            m_selectionPending = false;
            m_tree->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                                 QItemSelectionModel::Rows);
            m_tree->scrollTo(index);
        }
        if (m_expanded.contains(key) && !m_tree->isExpanded(index))
            m_tree->expand(index); // its children load and arrive here in turn
    }
    m_applying = false;
}

} // namespace assay
