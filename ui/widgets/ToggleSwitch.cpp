#include "ui/widgets/ToggleSwitch.h"

#include <QPainter>
#include <QPainterPath>
#include <QStyleOptionButton>

namespace assay {

namespace {
constexpr int kTextGap = 8;
} // namespace

ToggleSwitch::ToggleSwitch(const QString &text, QWidget *parent) : QCheckBox(text, parent)
{
    setCursor(Qt::PointingHandCursor);
    setAccessibleName(text);
}

QSize ToggleSwitch::trackSize() const
{
    const int h = qMax(16, fontMetrics().height());
    return {int(h * 1.9), h};
}

QSize ToggleSwitch::sizeHint() const
{
    const QSize track = trackSize();
    const int textWidth = text().isEmpty() ? 0 : kTextGap + fontMetrics().horizontalAdvance(text());
    return {track.width() + textWidth + 4, qMax(track.height(), fontMetrics().height()) + 6};
}

bool ToggleSwitch::hitButton(const QPoint &pos) const
{
    return rect().contains(pos);
}

void ToggleSwitch::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QSize track = trackSize();
    const QRectF trackRect(2, (height() - track.height()) / 2.0, track.width(), track.height());
    const bool on = isChecked();
    const bool enabled = isEnabled();

    QColor trackColor = on ? palette().color(QPalette::Highlight) : palette().color(QPalette::Mid);
    if (!enabled)
        trackColor.setAlphaF(0.4);
    p.setPen(Qt::NoPen);
    p.setBrush(trackColor);
    const qreal radius = trackRect.height() / 2.0;
    p.drawRoundedRect(trackRect, radius, radius);

    const qreal knob = trackRect.height() - 4;
    const qreal x = on ? trackRect.right() - 2 - knob : trackRect.left() + 2;
    p.setBrush(enabled ? QColor(Qt::white) : palette().color(QPalette::Window));
    p.drawEllipse(QRectF(x, trackRect.top() + 2, knob, knob));

    if (hasFocus()) {
        QPen focus(palette().color(QPalette::Highlight), 1.5);
        p.setPen(focus);
        p.setBrush(Qt::NoBrush);
        p.drawRoundedRect(trackRect.adjusted(-1.5, -1.5, 1.5, 1.5), radius + 1.5, radius + 1.5);
    }

    if (!text().isEmpty()) {
        p.setPen(
            palette().color(enabled ? QPalette::Active : QPalette::Disabled, QPalette::WindowText));
        const QRect textRect(int(trackRect.right()) + kTextGap, 0,
                             width() - int(trackRect.right()) - kTextGap, height());
        p.drawText(textRect, Qt::AlignVCenter | Qt::AlignLeft, text());
    }
}

} // namespace assay
