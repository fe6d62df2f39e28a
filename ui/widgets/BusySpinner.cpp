#include "ui/widgets/BusySpinner.h"

#include <QPainter>

namespace assay {

BusySpinner::BusySpinner(QWidget *parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    setAccessibleName(tr("Working"));
    m_timer.setInterval(60);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        m_angle = (m_angle + 30) % 360;
        update();
    });
    setVisible(false);
}

QSize BusySpinner::sizeHint() const
{
    const int side = qMax(18, fontMetrics().height());
    return {side, side};
}

void BusySpinner::start()
{
    m_angle = 0;
    setVisible(true);
    m_timer.start();
}

void BusySpinner::stop()
{
    m_timer.stop();
    setVisible(false);
}

void BusySpinner::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const qreal pen = qMax(2.0, width() / 8.0);
    const QRectF r = QRectF(rect()).adjusted(pen, pen, -pen, -pen);
    QColor track = palette().color(QPalette::Mid);
    track.setAlphaF(0.35);
    p.setPen(QPen(track, pen));
    p.drawEllipse(r);
    p.setPen(QPen(palette().color(QPalette::Highlight), pen, Qt::SolidLine, Qt::RoundCap));
    // Qt angles are in 1/16th of a degree, counter-clockwise: turn clockwise.
    p.drawArc(r, -m_angle * 16, 100 * 16);
}

} // namespace assay
