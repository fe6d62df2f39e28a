#include "ui/widgets/StatusBanner.h"

#include "ui/common/Theme.h"

#include <QEvent>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QVBoxLayout>

namespace assay {

namespace {

struct Colours
{
    theme::Tone background;
    theme::Tone border;
    theme::Tone text;
};

// Each kind in a light and a dark variant: tinted backgrounds with dark text on a light
// palette, deep tints with light text on a dark one.
Colours coloursFor(StatusBanner::Kind kind)
{
    switch (kind) {
    case StatusBanner::Kind::Success:
        return {{"#e8f5e9", "#1d3a23"}, {"#66bb6a", "#4caf50"}, {"#1b5e20", "#c8e6c9"}};
    case StatusBanner::Kind::Error:
        return {{"#fdecea", "#40201f"}, {"#e57373", "#e57373"}, {"#8e1c1c", "#ffcdd2"}};
    case StatusBanner::Kind::Info:
        break;
    }
    return {{"#eef3fb", "#1c2a3d"}, {"#90a4c8", "#6f93c8"}, {"#1f3a60", "#d6e4f7"}};
}

// A filled circle with a tick, a cross or an "i", drawn at the screen's pixel ratio.
QPixmap badge(StatusBanner::Kind kind, const QColor &colour, int side, qreal ratio)
{
    QPixmap pixmap(QSize(side, side) * ratio);
    pixmap.setDevicePixelRatio(ratio);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(colour);
    p.drawEllipse(QRectF(0.5, 0.5, side - 1, side - 1));
    QPen pen(Qt::white, side / 9.0, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    p.setPen(pen);
    const qreal s = side;
    switch (kind) {
    case StatusBanner::Kind::Success: {
        QPainterPath tick;
        tick.moveTo(s * 0.28, s * 0.52);
        tick.lineTo(s * 0.44, s * 0.68);
        tick.lineTo(s * 0.73, s * 0.36);
        p.setBrush(Qt::NoBrush);
        p.drawPath(tick);
        break;
    }
    case StatusBanner::Kind::Error:
        p.drawLine(QPointF(s * 0.34, s * 0.34), QPointF(s * 0.66, s * 0.66));
        p.drawLine(QPointF(s * 0.66, s * 0.34), QPointF(s * 0.34, s * 0.66));
        break;
    case StatusBanner::Kind::Info:
        p.drawLine(QPointF(s * 0.5, s * 0.46), QPointF(s * 0.5, s * 0.72));
        p.drawPoint(QPointF(s * 0.5, s * 0.3));
        break;
    }
    return pixmap;
}

} // namespace

StatusBanner::StatusBanner(QWidget *parent)
    : QFrame(parent), m_icon(new QLabel), m_title(new QLabel), m_detail(new QLabel),
      m_hint(new QLabel)
{
    setObjectName(QStringLiteral("statusBanner"));
    setFrameShape(QFrame::NoFrame);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 10);
    layout->setSpacing(10);
    m_icon->setAlignment(Qt::AlignTop);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    auto *texts = new QVBoxLayout;
    texts->setSpacing(3);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    for (QLabel *label : {m_title, m_detail, m_hint}) {
        label->setWordWrap(true);
        label->setTextFormat(Qt::PlainText);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        label->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
        texts->addWidget(label);
    }
    m_title->setObjectName(QStringLiteral("bannerTitle"));
    m_detail->setObjectName(QStringLiteral("bannerDetail"));
    m_hint->setObjectName(QStringLiteral("bannerHint"));
    layout->addLayout(texts, 1);
    setVisible(false);
}

void StatusBanner::showMessage(Kind kind, const QString &title, const QString &detail,
                               const QString &hint)
{
    m_kind = kind;
    applyColours();
    m_title->setText(title);
    m_detail->setText(detail);
    m_detail->setVisible(!detail.isEmpty());
    m_hint->setText(hint);
    m_hint->setVisible(!hint.isEmpty());
    setAccessibleName(title);
    setAccessibleDescription(QStringList{detail, hint}.join(QLatin1Char(' ')).trimmed());
    setVisible(true);
}

void StatusBanner::applyColours()
{
    const Colours c = coloursFor(m_kind);
    // The application's palette: this widget's own follows the style sheet set here.
    const QPalette pal = QGuiApplication::palette();
    setStyleSheet(
        QStringLiteral("QFrame#statusBanner { background: %1; border: 1px solid %2;"
                       " border-radius: 6px; }"
                       "QFrame#statusBanner QLabel { color: %3; background: "
                       "transparent; border: none; }")
            .arg(c.background.in(pal).name(), c.border.in(pal).name(), c.text.in(pal).name()));
    const int side = fontMetrics().height() + 2;
    m_icon->setPixmap(badge(m_kind, c.border.in(pal).darker(theme::isDark(pal) ? 100 : 115), side,
                            devicePixelRatioF()));
    m_icon->setFixedSize(side, side);
}

void StatusBanner::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    // A theme switched while the banner shows: its colours follow.
    if ((event->type() == QEvent::PaletteChange ||
         event->type() == QEvent::ApplicationPaletteChange) &&
        !m_title->text().isEmpty() && !m_restyling) {
        m_restyling = true;
        applyColours();
        m_restyling = false;
    }
}

void StatusBanner::clear()
{
    m_title->clear();
    m_detail->clear();
    m_hint->clear();
    setVisible(false);
}

QString StatusBanner::title() const
{
    return m_title->text();
}

QString StatusBanner::detail() const
{
    return m_detail->text();
}

QString StatusBanner::hint() const
{
    return m_hint->text();
}

QString StatusBanner::text() const
{
    QStringList lines{m_title->text()};
    if (!m_detail->text().isEmpty())
        lines << m_detail->text();
    if (!m_hint->text().isEmpty())
        lines << m_hint->text();
    return lines.join(QLatin1Char('\n'));
}

} // namespace assay
