#include "ui/common/ColumnPriority.h"

#include <QEvent>
#include <QHeaderView>
#include <QTreeView>

namespace assay {

ColumnPriority::ColumnPriority(QTreeView *view, int minimumStretch)
    : QObject(view), m_view(view), m_minimumStretch(minimumStretch)
{
    view->viewport()->installEventFilter(this);
    connect(view->header(), &QHeaderView::sectionResized, this, [this] {
        if (m_view->header()->underMouse())
            m_sizing.resized();
    });
}

void ColumnPriority::setPreferred(int column, int width, bool yield)
{
    m_preferred.insert(column, width);
    m_yields.insert(column, yield);
}

bool ColumnPriority::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::Resize)
        fit();
    return QObject::eventFilter(watched, event);
}

void ColumnPriority::fit()
{
    if (m_sizing.userSized() || m_preferred.isEmpty())
        return;
    QHeaderView *header = m_view->header();
    const int floor = m_view->fontMetrics().averageCharWidth() * 6;
    int wanted = m_minimumStretch, room = 0;
    for (auto it = m_preferred.cbegin(); it != m_preferred.cend(); ++it) {
        if (header->isSectionHidden(it.key()))
            continue;
        wanted += it.value();
        if (m_yields.value(it.key()))
            room += qMax(0, it.value() - floor);
    }
    const int excess = qMax(0, wanted - m_view->viewport()->width());
    m_sizing.fit([&] {
        for (auto it = m_preferred.cbegin(); it != m_preferred.cend(); ++it) {
            const int give = m_yields.value(it.key()) ? qMax(0, it.value() - floor) : 0;
            const int cut = room > 0 ? qMin(give, int(qint64(excess) * give / room)) : 0;
            header->resizeSection(it.key(), it.value() - cut);
        }
    });
}

} // namespace assay
