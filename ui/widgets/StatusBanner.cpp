#include "ui/widgets/StatusBanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QVBoxLayout>

namespace assay {

namespace {

struct Colours
{
    const char *background;
    const char *border;
    const char *text;
};

Colours coloursFor(StatusBanner::Kind kind)
{
    switch (kind) {
    case StatusBanner::Kind::Success:
        return {"#e8f5e9", "#66bb6a", "#1b5e20"};
    case StatusBanner::Kind::Error:
        return {"#fdecea", "#e57373", "#8e1c1c"};
    case StatusBanner::Kind::Info:
        break;
    }
    return {"#eef3fb", "#90a4c8", "#1f3a60"};
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
    const Colours c = coloursFor(kind);
    setStyleSheet(
        QStringLiteral("QFrame#statusBanner { background: %1; border: 1px solid %2;"
                       " border-radius: 6px; }"
                       "QFrame#statusBanner QLabel { color: %3; background: transparent;"
                       " border: none; }")
            .arg(QLatin1String(c.background), QLatin1String(c.border), QLatin1String(c.text)));
    const int side = fontMetrics().height() + 2;
    m_icon->setPixmap(
        badge(kind, QColor(QLatin1String(c.border)).darker(115), side, devicePixelRatioF()));
    m_icon->setFixedSize(side, side);
    m_title->setText(title);
    m_detail->setText(detail);
    m_detail->setVisible(!detail.isEmpty());
    m_hint->setText(hint);
    m_hint->setVisible(!hint.isEmpty());
    setAccessibleName(title);
    setAccessibleDescription(QStringList{detail, hint}.join(QLatin1Char(' ')).trimmed());
    setVisible(true);
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
