#include "ui/common/WheelPassThrough.h"

#include <QAbstractScrollArea>
#include <QCoreApplication>
#include <QScrollBar>
#include <QWheelEvent>

namespace assay {

namespace {

class WheelPassThrough : public QObject
{
public:
    explicit WheelPassThrough(QAbstractScrollArea *view) : QObject(view), m_view(view) {}

    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() != QEvent::Wheel)
            return false;
        const auto *wheel = static_cast<QWheelEvent *>(event);
        const bool vertical = qAbs(wheel->angleDelta().y()) > qAbs(wheel->angleDelta().x());
        if (!vertical || m_view->verticalScrollBar()->maximum() > 0)
            return false;
        // Handed to the page's own scroll area: Qt does not pass a wheel event on to the
        // parents itself unless it came from the window system.
        for (QWidget *w = m_view->parentWidget(); w; w = w->parentWidget())
            if (auto *page = qobject_cast<QAbstractScrollArea *>(w)) {
                QCoreApplication::sendEvent(page->viewport(), event);
                return true;
            }
        return false;
    }

private:
    QAbstractScrollArea *m_view;
};

} // namespace

void passVerticalWheelToPage(QAbstractScrollArea *view)
{
    view->viewport()->installEventFilter(new WheelPassThrough(view));
}

} // namespace assay
