#include "ui/common/DialogSizing.h"

#include <QDialog>
#include <QLayout>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QStyle>

namespace assay {

void fitDialogToContent(QDialog *dialog, QScrollArea *scroll, QSize preferred)
{
    const QWidget *content = scroll->widget();
    if (!content)
        return;
    // What the dialog adds around the scroll area (margins, buttons, intro) and what the scroll
    // area adds around its content (frame, a vertical scroll bar).
    const QSize outside = dialog->sizeHint() - scroll->sizeHint();
    const int scrollBar = scroll->style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, scroll);
    const int frame = 2 * scroll->frameWidth();
    QSize size(qMax(preferred.width(),
                    outside.width() + content->minimumSizeHint().width() + scrollBar + frame),
               qMax(preferred.height(), outside.height() + content->sizeHint().height() + frame));
    if (const QScreen *screen = dialog->screen()) {
        const QRect available = screen->availableGeometry();
        size = size.boundedTo(QSize(int(available.width() * 0.95), int(available.height() * 0.9)));
    }
    dialog->resize(size);
}

} // namespace assay
