#include "ui/common/ListDetailSplitter.h"

#include <QEvent>
#include <QHeaderView>
#include <QScrollBar>
#include <QSplitter>
#include <QTreeView>

namespace assay {

ListDetailSplitter::ListDetailSplitter(QSplitter *splitter, QTreeView *list)
    : QObject(splitter), m_splitter(splitter), m_list(list)
{
    connect(splitter, &QSplitter::splitterMoved, this, [this] { m_sizing.resized(); });
    splitter->installEventFilter(this);
}

bool ListDetailSplitter::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_splitter && event->type() == QEvent::Resize)
        fit();
    return QObject::eventFilter(watched, event);
}

void ListDetailSplitter::fit()
{
    const int total = m_splitter->height() - m_splitter->handleWidth();
    if (m_sizing.userSized() || total <= 0 || m_splitter->count() != 2)
        return;
    const QAbstractItemModel *model = m_list->model();
    const int rows = model ? qMax(kMinRows, model->rowCount()) : kMinRows;
    int rowHeight = model && model->rowCount() > 0 ? m_list->sizeHintForRow(0) : 0;
    if (rowHeight <= 0)
        rowHeight = m_list->fontMetrics().height() + 8;
    const int frame = 2 * m_list->frameWidth();
    const int header = m_list->header()->isHidden() ? 0 : m_list->header()->sizeHint().height();
    const int scrollBar = m_list->horizontalScrollBar()->isVisible()
                              ? m_list->horizontalScrollBar()->sizeHint().height()
                              : 0;
    const int wanted = header + rows * rowHeight + frame + scrollBar;
    const int list = qMin(wanted, int(total * kMaxShare));
    m_sizing.fit([&] { m_splitter->setSizes({list, total - list}); });
}

} // namespace assay
