#include "ui/datastores/TreeFind.h"

#include <QTreeView>

namespace assay {

bool expandMatches(QTreeView *tree, const QModelIndex &parent, const QString &text)
{
    const QAbstractItemModel *model = tree->model();
    bool any = false;
    for (int row = 0; row < model->rowCount(parent); ++row) {
        const QModelIndex child = model->index(row, 0, parent);
        const bool below = expandMatches(tree, child, text);
        if (below)
            tree->expand(child);
        any = any || below || child.data().toString().contains(text, Qt::CaseInsensitive);
    }
    return any;
}

} // namespace assay
