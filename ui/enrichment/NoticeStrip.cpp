#include "ui/enrichment/NoticeStrip.h"

#include "ui/common/Theme.h"

#include <QEvent>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>

namespace assay {

namespace {

// An amber triangle with an exclamation mark, painted at the screen's pixel ratio.
QPixmap warningBadge(int side, qreal ratio)
{
    QPixmap pixmap(QSize(side, side) * ratio);
    pixmap.setDevicePixelRatio(ratio);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const qreal s = side;
    QPainterPath triangle;
    triangle.moveTo(s * 0.5, s * 0.06);
    triangle.lineTo(s * 0.97, s * 0.92);
    triangle.lineTo(s * 0.03, s * 0.92);
    triangle.closeSubpath();
    p.setPen(QPen(QColor(0xf5, 0x9e, 0x0b), 1.2, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.setBrush(QColor(0xf5, 0x9e, 0x0b));
    p.drawPath(triangle);
    p.setPen(QPen(Qt::white, s / 9.0, Qt::SolidLine, Qt::RoundCap));
    p.drawLine(QPointF(s * 0.5, s * 0.36), QPointF(s * 0.5, s * 0.62));
    p.drawPoint(QPointF(s * 0.5, s * 0.78));
    return pixmap;
}

} // namespace

NoticeStrip::NoticeStrip(QWidget *parent) : QFrame(parent), m_icon(new QLabel), m_text(new QLabel)
{
    setObjectName(QStringLiteral("noticeStrip"));
    applyColours();
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 8, 10, 8);
    layout->setSpacing(8);
    m_icon->setPixmap(warningBadge(16, devicePixelRatioF()));
    m_icon->setAlignment(Qt::AlignTop);
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_icon);
    layout->addWidget(m_text, 1);
    setVisible(false);
}

void NoticeStrip::applyColours()
{
    // Amber in the application palette's light or dark variant.
    const QPalette pal = QGuiApplication::palette();
    const theme::Tone background{"#fff8e1", "#3a301c"}, border{"#ffcc80", "#b8893a"},
        text{"#5d4300", "#f3dfb0"};
    setStyleSheet(QStringLiteral("assay--NoticeStrip { background: %1; border: 1px solid %2; "
                                 "border-radius: 4px; } QLabel { color: %3; }")
                      .arg(background.in(pal).name(), border.in(pal).name(), text.in(pal).name()));
}

void NoticeStrip::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::ApplicationPaletteChange && !m_restyling) {
        m_restyling = true;
        applyColours();
        m_restyling = false;
    }
}

void NoticeStrip::setText(const QString &text)
{
    m_text->setText(text);
    setAccessibleName(text);
    setVisible(!text.isEmpty());
}

QString NoticeStrip::text() const
{
    return m_text->text();
}

} // namespace assay
