#pragma once

#include "ui/common/FitUntilUserSizes.h"

#include <QObject>

class QSplitter;
class QTreeView;

namespace assay {

// Sizes a vertical list-above-detail splitter to its content: the list gets the height of its
// rows (at least kMinRows, at most kMaxShare of the splitter) and the detail the rest, so three
// runs do not leave their log in a 150 px pane. Once the user drags the handle, their sizes
// stay. Call fit() when the list's rows or the splitter's height change.
class ListDetailSplitter : public QObject
{
    Q_OBJECT
public:
    ListDetailSplitter(QSplitter *splitter, QTreeView *list);

    void fit();
    bool userSized() const { return m_sizing.userSized(); }

    static constexpr int kMinRows = 3;
    static constexpr double kMaxShare = 0.5;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QSplitter *m_splitter;
    QTreeView *m_list;
    FitUntilUserSizes m_sizing;
};

} // namespace assay
