#pragma once

#include <QModelIndex>
#include <QString>

class QTreeView;

namespace assay {

// Expands, under `parent` of `tree`'s model, every node with a descendant whose display text
// contains `text` (case-insensitive), so Find shows what it matched; nodes that match only by
// their own name stay as they are. True when anything under `parent` matched.
bool expandMatches(QTreeView *tree, const QModelIndex &parent, const QString &text);

} // namespace assay
