#include "ui/profile/HistogramChart.h"

#include "ui/profile/ProfileFormat.h"

#include <QHelpEvent>
#include <QJsonArray>
#include <QJsonObject>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

namespace assay {

namespace {

constexpr qreal kGap = 8;        // between the label, the bar and the figures
constexpr qreal kMinBar = 60;    // the longest bar never gets shorter than this
constexpr qreal kMinLabel = 48;  // nor the label column narrower
constexpr qreal kRowPadding = 6; // vertical room around a bar

QColor blend(const QColor &from, const QColor &to, double t)
{
    return QColor::fromRgbF(float(from.redF() + (to.redF() - from.redF()) * t),
                            float(from.greenF() + (to.greenF() - from.greenF()) * t),
                            float(from.blueF() + (to.blueF() - from.blueF()) * t));
}

} // namespace

HistogramChart::HistogramChart(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("histogramChart"));
    setAccessibleName(tr("Most frequent values"));
    setMouseTracking(true);
    QSizePolicy policy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
}

void HistogramChart::setProfile(const FieldProfile &profile)
{
    QList<Bucket> buckets;
    for (const QJsonValue &v : profile.histogram) {
        const QJsonObject o = v.toObject();
        Bucket b;
        b.value = o.value(QStringLiteral("value")).toString();
        b.count = qint64(o.value(QStringLiteral("count")).toDouble());
        if (o.contains(QStringLiteral("ratio")))
            b.ratio = o.value(QStringLiteral("ratio")).toDouble();
        buckets << b;
    }
    setBuckets(buckets, profile_format::sampled(profile));
}

void HistogramChart::setBuckets(const QList<Bucket> &buckets, bool sampled)
{
    m_buckets = buckets;
    m_sampled = sampled;
    m_hovered = -1;
    describe();
    updateGeometry();
    update();
}

void HistogramChart::describe()
{
    QStringList parts;
    for (int i = 0; i < m_buckets.size() && i < 5; ++i)
        parts << QStringLiteral("%1: %2").arg(valueText(i), figureText(i));
    setAccessibleDescription(m_buckets.isEmpty() ? tr("No values")
                                                 : parts.join(QStringLiteral("; ")));
}

qint64 HistogramChart::maxCount() const
{
    qint64 most = 0;
    for (const Bucket &b : m_buckets)
        most = qMax(most, b.count);
    return most;
}

QString HistogramChart::valueText(int i) const
{
    const QString &v = m_buckets.at(i).value;
    return v.isEmpty() ? tr("(empty)") : v;
}

QString HistogramChart::figureText(int i) const
{
    if (i < 0 || i >= m_buckets.size())
        return QString();
    const Bucket &b = m_buckets.at(i);
    QString text = profile_format::count(b.count);
    if (b.ratio) // a share of a sample only estimates the whole container's
        text += QStringLiteral(" · ") +
                profile_format::approx(profile_format::percent(*b.ratio), m_sampled);
    return text;
}

QString HistogramChart::toolTipFor(int i) const
{
    if (i < 0 || i >= m_buckets.size())
        return QString();
    const Bucket &b = m_buckets.at(i);
    QString tip = QStringLiteral("<b>%1</b><br>").arg(valueText(i).toHtmlEscaped());
    if (b.ratio && m_sampled)
        tip += tr("%1 records of the sample, about %2 of the non-null values")
                   .arg(profile_format::count(b.count), profile_format::percent(*b.ratio));
    else if (b.ratio)
        tip += tr("%1 records, %2 of the non-null values")
                   .arg(profile_format::count(b.count), profile_format::percent(*b.ratio));
    else
        tip += b.count == 1 ? tr("1 record") : tr("%1 records").arg(profile_format::count(b.count));
    if (m_sampled)
        tip += QStringLiteral("<br><i>%1</i>")
                   .arg(tr("Counted in a sample of the records: the share is an estimate."));
    return tip;
}

HistogramChart::Layout HistogramChart::layout() const
{
    const QFontMetricsF fm(font());
    Layout l;
    l.rowHeight = std::ceil(fm.height() + kRowPadding);
    l.barHeight = std::round(fm.height() * 0.8);
    qreal widestLabel = 0;
    qreal widestFigure = 0;
    for (int i = 0; i < m_buckets.size(); ++i) {
        widestLabel = qMax(widestLabel, fm.horizontalAdvance(valueText(i)));
        widestFigure = qMax(widestFigure, fm.horizontalAdvance(figureText(i)));
    }
    l.figureWidth = std::ceil(widestFigure) + kGap;
    // Labels take what they need, up to 40% of the width; the bars get the rest.
    const qreal available = qMax<qreal>(0, width() - l.figureWidth - kGap);
    l.labelWidth = std::ceil(qBound(kMinLabel, widestLabel, qMax(kMinLabel, available * 0.4)));
    l.barLeft = l.labelWidth + kGap;
    l.barMax = qMax(kMinBar, width() - l.barLeft - l.figureWidth);
    return l;
}

QRectF HistogramChart::labelRect(int i) const
{
    if (i < 0 || i >= m_buckets.size())
        return QRectF();
    const Layout l = layout();
    return QRectF(0, i * l.rowHeight, l.labelWidth, l.rowHeight);
}

QRectF HistogramChart::barRect(int i) const
{
    if (i < 0 || i >= m_buckets.size())
        return QRectF();
    const Layout l = layout();
    const qint64 most = maxCount();
    const qreal length = most > 0 ? l.barMax * double(m_buckets.at(i).count) / double(most) : 0;
    const qreal top = i * l.rowHeight + (l.rowHeight - l.barHeight) / 2;
    // A bucket with any records stays visible as at least a sliver.
    return QRectF(l.barLeft, top, m_buckets.at(i).count > 0 ? qMax<qreal>(2, length) : 0,
                  l.barHeight);
}

QString HistogramChart::labelText(int i) const
{
    if (i < 0 || i >= m_buckets.size())
        return QString();
    return fontMetrics().elidedText(valueText(i), Qt::ElideRight, int(labelRect(i).width()));
}

int HistogramChart::bucketAt(const QPoint &pos) const
{
    if (m_buckets.isEmpty() || pos.y() < 0 || pos.x() < 0 || pos.x() >= width())
        return -1;
    const int row = int(pos.y() / layout().rowHeight);
    return row < m_buckets.size() ? row : -1;
}

int HistogramChart::heightForWidth(int) const
{
    const QFontMetricsF fm(font());
    const qreal row = std::ceil(fm.height() + kRowPadding);
    return int(std::ceil(row * qMax<qsizetype>(1, m_buckets.size())));
}

QSize HistogramChart::sizeHint() const
{
    return QSize(420, heightForWidth(420));
}

QSize HistogramChart::minimumSizeHint() const
{
    return QSize(int(kMinLabel + kMinBar + 3 * kGap + 40), heightForWidth(0));
}

void HistogramChart::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    if (m_buckets.isEmpty()) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignLeft | Qt::AlignVCenter, tr("No values to show"));
        return;
    }
    const Layout l = layout();
    const QColor window = pal.color(QPalette::Window);
    const QColor bar = blend(window, pal.color(QPalette::Highlight), 0.72);
    const QColor hovered = pal.color(QPalette::Highlight);
    const QColor track = blend(window, pal.color(QPalette::WindowText), 0.06);
    const QColor text = pal.color(QPalette::WindowText);
    const QColor quiet = blend(window, text, 0.7);
    for (int i = 0; i < m_buckets.size(); ++i) {
        const QRectF label = labelRect(i);
        QFont f = font();
        f.setItalic(m_buckets.at(i).value.isEmpty());
        p.setFont(f);
        p.setPen(text);
        p.drawText(label, Qt::AlignRight | Qt::AlignVCenter,
                   QFontMetrics(f).elidedText(valueText(i), Qt::ElideRight, int(label.width())));
        p.setFont(font());

        const QRectF b = barRect(i);
        const qreal radius = qMin<qreal>(3, l.barHeight / 4);
        p.setPen(Qt::NoPen);
        p.setBrush(track);
        p.drawRoundedRect(QRectF(l.barLeft, b.top(), l.barMax, b.height()), radius, radius);
        p.setBrush(i == m_hovered ? hovered : bar);
        if (b.width() > 0)
            p.drawRoundedRect(b, radius, radius);

        p.setPen(quiet);
        const QRectF figures(b.right() + kGap, i * l.rowHeight, l.figureWidth, l.rowHeight);
        p.drawText(figures, Qt::AlignLeft | Qt::AlignVCenter, figureText(i));
    }
}

bool HistogramChart::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int i = bucketAt(help->pos());
        if (i >= 0) {
            const Layout l = layout();
            const QRect row(0, int(i * l.rowHeight), width(), int(l.rowHeight));
            QToolTip::showText(help->globalPos(), toolTipFor(i), this, row);
        } else {
            QToolTip::hideText();
            event->ignore();
        }
        return true;
    }
    return QWidget::event(event);
}

void HistogramChart::mouseMoveEvent(QMouseEvent *event)
{
    const int i = bucketAt(event->position().toPoint());
    if (i != m_hovered) {
        m_hovered = i;
        update();
    }
    QWidget::mouseMoveEvent(event);
}

void HistogramChart::leaveEvent(QEvent *event)
{
    m_hovered = -1;
    update();
    QWidget::leaveEvent(event);
}

void HistogramChart::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange) {
        updateGeometry();
        update();
    } else if (event->type() == QEvent::PaletteChange) {
        update();
    }
    QWidget::changeEvent(event);
}

} // namespace assay
