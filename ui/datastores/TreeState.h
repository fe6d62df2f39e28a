#pragma once

#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>

class QTreeView;
class QModelIndex;

namespace assay {

// Keeps what the user opened and chose in the datastore tree: the expanded datastores and
// containers and the selected row. Children load lazily and a Sync reloads a datastore's
// containers (their rows go and come back), so the state is kept by kind and id and applied
// again as rows arrive: a background sync does not collapse what was open or lose the
// selection, and save()/restore() carry it across restarts.
class TreeState : public QObject
{
    Q_OBJECT
public:
    // `tree`'s model must give DatastoreTreeModel's KindRole and IdRole.
    explicit TreeState(QTreeView *tree);

    // "datastore:3", "container:12"... for the rows expanded, and the selected row's key.
    QStringList expandedKeys() const;
    QString selectedKey() const { return m_moved.isEmpty() ? m_selected : m_moved; }

    // Applies saved state: expands the rows present now (the rest as they load) and selects
    // the saved row once it is there, unless the user selects something first.
    void restore(const QStringList &expanded, const QString &selected);

    static QString keyOf(const QModelIndex &index);

private:
    void onRowsInserted(const QModelIndex &parent, int first, int last);
    void onRowsRemoving(const QModelIndex &parent, int first, int last);
    void apply(const QModelIndex &parent, int first, int last);

    QTreeView *m_tree;
    QSet<QString> m_expanded;
    QString m_selected;
    bool m_selectionPending = false; // the saved or lost selection waits for its row
    bool m_applying = false;
    bool m_removing = false; // rows are being removed: the selection moves on its own
    QString m_moved;         // the current row's key, until the move counts (see the ctor)
    quint64 m_moveSerial = 0;
};

} // namespace assay
