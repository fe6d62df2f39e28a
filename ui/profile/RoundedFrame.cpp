#include "ui/profile/RoundedFrame.h"

#include <QPainter>

namespace assay {

namespace {

QColor blend(const QColor &from, const QColor &to, double t)
{
    return QColor::fromRgbF(float(from.redF() + (to.redF() - from.redF()) * t),
                            float(from.greenF() + (to.greenF() - from.greenF()) * t),
                            float(from.blueF() + (to.blueF() - from.blueF()) * t));
}

} // namespace

RoundedFrame::RoundedFrame(QWidget *parent) : QFrame(parent)
{
    setFrameShape(QFrame::NoFrame);
}

void RoundedFrame::setTint(const QColor &tint, double amount)
{
    m_tint = tint;
    m_amount = amount;
    update();
}

void RoundedFrame::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette &pal = palette();
    const QColor window = pal.color(QPalette::Window);
    QColor fill;
    QColor border;
    if (m_tint.isValid()) {
        fill = blend(window, m_tint, m_amount);
        border = blend(window, m_tint, qMin(1.0, m_amount * 3.5));
    } else {
        fill = blend(window, pal.color(QPalette::WindowText), 0.035);
        border = blend(window, pal.color(QPalette::WindowText), 0.16);
    }
    p.setPen(QPen(border, 1));
    p.setBrush(fill);
    // Half a pixel in, so the 1-pixel border lands on whole device pixels at scale 1.
    p.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
}

} // namespace assay
