#pragma once

#include "ui/common/FitUntilUserSizes.h"

#include <QHash>
#include <QObject>

class QTreeView;

namespace assay {

// Keeps the column that carries a list's meaning (its stretch column: an anomaly's description)
// readable: when the view is too narrow for every other column's preferred width, those give
// way first, in proportion, down to a few characters each, so the stretch column keeps at least
// `minimumStretch` pixels. Once the user resizes a column, the widths are theirs.
class ColumnPriority : public QObject
{
    Q_OBJECT
public:
    ColumnPriority(QTreeView *view, int minimumStretch);

    // The width `column` takes when there is room; fit() applies them. A column that does not
    // `yield` (a date, a count: cut, they say nothing) keeps it.
    void setPreferred(int column, int width, bool yield = true);
    void setMinimumStretch(int pixels) { m_minimumStretch = pixels; }
    void fit();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QTreeView *m_view;
    QHash<int, int> m_preferred;
    QHash<int, bool> m_yields;
    int m_minimumStretch;
    FitUntilUserSizes m_sizing;
};

} // namespace assay
