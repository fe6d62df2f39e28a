#include "ui/widgets/HistoryChart.h"

#include "ui/common/Theme.h"

#include <QHelpEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPaintEngine>
#include <QPainter>
#include <QPainterPath>
#include <QRegularExpression>
#include <QToolTip>
#include <algorithm>
#include <cmath>

namespace assay {

namespace {

// Sizes in logical pixels (the painter scales them with the device pixel ratio).
constexpr qreal kGap = 6;                      // between the axis labels and the plot
constexpr qreal kTickLength = 4;               // the time axis's tick marks
constexpr qreal kPointRadius = 2.5;            // an ordinary point
constexpr qreal kAnomalyRadius = 4.5;          // an anomaly, large enough to stand out of the line
constexpr qreal kHoverRadius = 5.5;            // the ring around the hovered point
constexpr qreal kLineWidth = 2;                // the value line
constexpr qreal kPlotInset = kHoverRadius + 2; // keeps the first and last points inside the plot
constexpr qreal kMinPointSpacing = 6; // closer than this, points are left to the line alone
constexpr int kMaxValueTicks = 6;

// Alphas of the translucent parts, so they tint whatever background the palette has.
constexpr qreal kBandAlpha = 0.18;
constexpr qreal kDarkBandAlpha = 0.3; // a tint of blue on near-black needs more to show
constexpr qreal kOpenSideAlpha = 0.75;
constexpr qreal kGridAlpha = 0.5;

QColor withAlpha(QColor colour, qreal alpha)
{
    colour.setAlphaF(float(alpha));
    return colour;
}

QColor blend(const QColor &from, const QColor &to, double t)
{
    return QColor::fromRgbF(float(from.redF() + (to.redF() - from.redF()) * t),
                            float(from.greenF() + (to.greenF() - from.greenF()) * t),
                            float(from.blueF() + (to.blueF() - from.blueF()) * t));
}

// A cosmetic pen `width` logical pixels wide. A cosmetic pen's width is in device pixels (so
// no transform blurs or fattens it): scaled by the ratio of the device really painted on (an
// image of twice the size when render() redirects the widget there), it keeps its logical width,
// and at 200% it is as sharp as the rest, only finer.
QPen cosmeticPen(const QPainter &painter, const QColor &colour, qreal width,
                 Qt::PenStyle style = Qt::SolidLine)
{
    const qreal ratio = painter.paintEngine()->paintDevice()->devicePixelRatioF();
    QPen pen(colour, width * ratio, style, Qt::RoundCap, Qt::RoundJoin);
    pen.setCosmetic(true);
    return pen;
}

// --- The value axis -------------------------------------------------------------------------

// The fewest decimals that show `step` exactly (0.25 needs 2, 2.5 needs 1, 20 needs 0).
int decimalsFor(double step)
{
    for (int decimals = 0; decimals < 6; ++decimals) {
        const double scaled = step * std::pow(10.0, decimals);
        if (std::abs(scaled - std::round(scaled)) < 1e-6 * scaled)
            return decimals;
    }
    return 6;
}

// Axis labels "0", "20k", "57.5k", "3.4M", "0.25": one suffix and as many decimals for every
// label of the axis, so they read as a column.
QStringList compactLabels(const QVector<double> &values, double step)
{
    struct Scale
    {
        double factor;
        const char *format;
    };
    static const Scale kScales[] = {
        {1e12, QT_TRANSLATE_NOOP("assay::HistoryChart", "%1T")},
        {1e9, QT_TRANSLATE_NOOP("assay::HistoryChart", "%1B")},
        {1e6, QT_TRANSLATE_NOOP("assay::HistoryChart", "%1M")},
        {1e3, QT_TRANSLATE_NOOP("assay::HistoryChart", "%1k")},
    };
    double largest = 0;
    for (double v : values)
        largest = qMax(largest, std::abs(v));
    double factor = 1;
    const char *format = "%1";
    for (const Scale &scale : kScales)
        if (largest >= scale.factor) {
            factor = scale.factor;
            format = scale.format;
            break;
        }
    const int decimals = decimalsFor(step / factor);
    const QLocale locale;
    QStringList labels;
    for (double v : values)
        labels << (v == 0
                       ? locale.toString(0)
                       : HistoryChart::tr(format).arg(locale.toString(v / factor, 'f', decimals)));
    return labels;
}

// A value for a person, as precise as it was measured: "61,234", "12.5", "0.0042".
QString preciseNumber(double value)
{
    const QLocale locale;
    if (std::abs(value) < 1e15 && value == std::round(value))
        return locale.toString(qint64(value));
    const double magnitude = std::abs(value);
    const int decimals = magnitude >= 100 ? 1 : magnitude >= 1 ? 2 : 4;
    QString text = locale.toString(value, 'f', decimals);
    while (text.endsWith(locale.zeroDigit()))
        text.chop(1);
    if (text.endsWith(locale.decimalPoint()))
        text.chop(locale.decimalPoint().size());
    return text;
}

// --- The time axis --------------------------------------------------------------------------

enum class TimeUnit { Minute, Hour, Day, Week, Month, Year };

struct TimeStep
{
    TimeUnit unit;
    int count;

    qint64 roughSeconds() const
    {
        static const qint64 kUnitSeconds[] = {60, 3600, 86400, 7 * 86400, 30 * 86400, 365 * 86400};
        return kUnitSeconds[int(unit)] * count;
    }
};

// From the finest to the coarsest: the chart takes the finest whose labels do not collide.
const TimeStep kTimeSteps[] = {
    {TimeUnit::Minute, 5}, {TimeUnit::Minute, 10}, {TimeUnit::Minute, 15}, {TimeUnit::Minute, 30},
    {TimeUnit::Hour, 1},   {TimeUnit::Hour, 2},    {TimeUnit::Hour, 3},    {TimeUnit::Hour, 6},
    {TimeUnit::Hour, 12},  {TimeUnit::Day, 1},     {TimeUnit::Day, 2},     {TimeUnit::Week, 1},
    {TimeUnit::Week, 2},   {TimeUnit::Month, 1},   {TimeUnit::Month, 2},   {TimeUnit::Month, 3},
    {TimeUnit::Month, 6},  {TimeUnit::Year, 1},    {TimeUnit::Year, 2},    {TimeUnit::Year, 5},
    {TimeUnit::Year, 10},  {TimeUnit::Year, 25},   {TimeUnit::Year, 50},   {TimeUnit::Year, 100},
};

// The last boundary of `step` at or before `local` (local midnight, the week's first day...), so
// ticks fall on round times.
QDateTime alignDown(const QDateTime &local, TimeStep step)
{
    const QDate date = local.date();
    const QTime time = local.time();
    switch (step.unit) {
    case TimeUnit::Minute:
        return QDateTime(date, QTime(time.hour(), time.minute() - time.minute() % step.count));
    case TimeUnit::Hour:
        return QDateTime(date, QTime(time.hour() - time.hour() % step.count, 0));
    case TimeUnit::Day:
        return QDateTime(date.addDays(-(date.toJulianDay() % step.count)), QTime(0, 0));
    case TimeUnit::Week: {
        const int back = (date.dayOfWeek() - int(QLocale().firstDayOfWeek()) + 7) % 7;
        const QDate weekStart = date.addDays(-back);
        const qint64 week = weekStart.toJulianDay() / 7;
        return QDateTime(weekStart.addDays(-7 * (week % step.count)), QTime(0, 0));
    }
    case TimeUnit::Month:
        return QDateTime(QDate(date.year(), date.month() - (date.month() - 1) % step.count, 1),
                         QTime(0, 0));
    case TimeUnit::Year:
        return QDateTime(QDate(date.year() - date.year() % step.count, 1, 1), QTime(0, 0));
    }
    return local;
}

QDateTime advance(const QDateTime &local, TimeStep step)
{
    switch (step.unit) {
    case TimeUnit::Minute:
        return local.addSecs(60 * step.count);
    case TimeUnit::Hour:
        return local.addSecs(3600 * step.count);
    case TimeUnit::Day:
        return local.addDays(step.count);
    case TimeUnit::Week:
        return local.addDays(7 * step.count);
    case TimeUnit::Month:
        return local.addMonths(step.count);
    case TimeUnit::Year:
        return local.addYears(step.count);
    }
    return local;
}

// The locale's short date without its year ("M/d", "dd.MM", "d MMM"): a time axis spans weeks,
// and the year would only crowd its labels.
QString dayMonth(const QDate &date)
{
    static const QRegularExpression year(QStringLiteral("^y+\\W*|\\W*y+"));
    const QString format = QLocale().dateFormat(QLocale::ShortFormat).remove(year);
    return QLocale().toString(date, format.isEmpty() ? QStringLiteral("d MMM") : format);
}

// The locale's short time without seconds ("HH:mm", "h:mm AP"): ticks fall on whole minutes.
QString hourMinute(const QTime &time)
{
    static const QRegularExpression seconds(QStringLiteral("\\W*s+"));
    return QLocale().toString(time, QLocale().timeFormat(QLocale::ShortFormat).remove(seconds));
}

QString timeLabel(const QDateTime &local, TimeStep step, bool first)
{
    const QLocale locale;
    switch (step.unit) {
    case TimeUnit::Minute:
    case TimeUnit::Hour: // midnight names the new day; the first label says which day it is
        if (local.time() == QTime(0, 0))
            return dayMonth(local.date());
        return first ? HistoryChart::tr("%1 %2", "a day and a time on a chart's time axis")
                           .arg(dayMonth(local.date()), hourMinute(local.time()))
                     : hourMinute(local.time());
    case TimeUnit::Day:
    case TimeUnit::Week:
        return dayMonth(local.date());
    case TimeUnit::Month: // the year where it starts, and on the first label
        return locale.toString(local.date(), first || local.date().month() == 1
                                                 ? QStringLiteral("MMM yyyy")
                                                 : QStringLiteral("MMM"));
    case TimeUnit::Year:
        return locale.toString(local.date(), QStringLiteral("yyyy"));
    }
    return QString();
}

} // namespace

HistoryChart::HistoryChart(QWidget *parent)
    : QWidget(parent), m_emptyText(tr("No history yet: each Scan and Profile adds a point."))
{
    setObjectName(QStringLiteral("historyChart"));
    setMouseTracking(true);
    setBackgroundRole(QPalette::Base);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    setSeries(HistorySeries());
}

void HistoryChart::setSeries(const HistorySeries &series)
{
    m_series = series;
    auto &points = m_series.points;
    points.erase(std::remove_if(points.begin(), points.end(),
                                [](const HistoryPoint &p) { return !p.at.isValid(); }),
                 points.end());
    std::stable_sort(points.begin(), points.end(),
                     [](const HistoryPoint &a, const HistoryPoint &b) { return a.at < b.at; });
    m_axis = fitAxis(points);
    m_hovered = -1;
    describe();
    update();
}

void HistoryChart::setEmptyText(const QString &text)
{
    m_emptyText = text;
    describe();
    update();
}

void HistoryChart::describe()
{
    setAccessibleName(m_series.title.isEmpty() ? tr("History chart") : m_series.title);
    const auto &points = m_series.points;
    if (points.isEmpty()) {
        setAccessibleDescription(m_emptyText);
        return;
    }
    const int anomalies = int(std::count_if(points.begin(), points.end(),
                                            [](const HistoryPoint &p) { return p.anomaly; }));
    const int n = int(points.size());
    const QString count = n == 1 ? tr("1 point") : tr("%1 points").arg(n);
    const QString first = dayMonth(points.first().at.toLocalTime().date());
    const QString last = dayMonth(points.last().at.toLocalTime().date());
    const QString when = first == last ? tr("%1 on %2").arg(count, first)
                                       : tr("%1 from %2 to %3").arg(count, first, last);
    const QString flagged = anomalies == 0   ? tr("no anomalies")
                            : anomalies == 1 ? tr("1 anomaly")
                                             : tr("%1 anomalies").arg(anomalies);
    setAccessibleDescription(tr("%1; %2").arg(when, flagged));
}

// Ticks at multiples of 1, 2, 2.5 or 5 x 10^k, at most six, covering the data with a little
// headroom. A flat series gets a range around its value; data that never goes below zero (a
// count, a duration) never gets a negative axis.
HistoryChart::ValueAxis HistoryChart::fitAxis(const QVector<HistoryPoint> &points)
{
    double low = qInf(); // the finite values' and band edges' range
    double high = -qInf();
    for (const HistoryPoint &p : points)
        for (double v : {p.value, p.lower, p.upper})
            if (std::isfinite(v)) {
                low = qMin(low, v);
                high = qMax(high, v);
            }
    if (low > high) { // nothing to show: any range will do
        low = 0;
        high = 1;
    }
    const bool nonNegative = low >= 0;
    const double span = high - low;
    const double pad = span > 0 ? span * 0.05 : (low == 0 ? 1 : std::abs(low) * 0.1);
    low -= pad;
    high += pad;
    if (nonNegative)
        low = qMax(0.0, low);

    constexpr double kFactors[] = {1, 2, 2.5, 5};
    constexpr double kEpsilon = 1e-9; // keeps 4.9999999 / 1 from becoming a tick of its own
    for (double magnitude = std::pow(10.0, std::floor(std::log10(high - low)) - 1);;
         magnitude *= 10)
        for (double factor : kFactors) {
            ValueAxis axis;
            axis.step = factor * magnitude;
            axis.low = std::floor(low / axis.step + kEpsilon) * axis.step;
            axis.high = std::ceil(high / axis.step - kEpsilon) * axis.step;
            if (std::lround((axis.high - axis.low) / axis.step) + 1 <= kMaxValueTicks)
                return axis;
        }
}

QSize HistoryChart::sizeHint() const
{
    const qreal line = fontMetrics().height();
    return QSize(qRound(line * 30), qRound(line * 13));
}

QSize HistoryChart::minimumSizeHint() const
{
    const qreal line = fontMetrics().height();
    return QSize(qRound(line * 14), qRound(line * 8));
}

// --- Geometry -------------------------------------------------------------------------------

QFont HistoryChart::tickFont() const
{
    QFont small = font();
    if (small.pointSizeF() > 0)
        small.setPointSizeF(small.pointSizeF() * 0.9);
    else if (small.pixelSize() > 0)
        small.setPixelSize(qMax(8, qRound(small.pixelSize() * 0.9)));
    return small;
}

QRectF HistoryChart::plotRect() const
{
    const QFontMetricsF ticks(tickFont());
    const QFontMetricsF title(font());
    // Room above for the title and half a label (the top value's label is centred on the top
    // gridline), and below for the time labels, which sit clear of the lowest value's label.
    const qreal titleHeight = m_series.title.isEmpty() ? 0 : title.height() + kGap;
    const qreal top = titleHeight + ticks.height() / 2;
    const qreal bottom = ticks.height() * 1.5 + kTickLength;
    qreal labelWidth = 0;
    if (!m_series.points.isEmpty())
        for (const Tick &tick : valueTicks(QRectF()))
            labelWidth = qMax(labelWidth, ticks.horizontalAdvance(tick.label));
    const qreal left = labelWidth > 0 ? std::ceil(labelWidth + kGap) : 0;
    const qreal right = ticks.averageCharWidth() * 2; // the last time label's overhang
    return QRectF(left, top, qMax<qreal>(0, width() - left - right),
                  qMax<qreal>(0, height() - top - bottom));
}

qreal HistoryChart::yFor(double value, const QRectF &plot) const
{
    const double share = (value - m_axis.low) / (m_axis.high - m_axis.low);
    return plot.bottom() - share * plot.height();
}

qreal HistoryChart::xFor(const QDateTime &at, const QRectF &plot) const
{
    const auto &points = m_series.points;
    if (points.isEmpty())
        return plot.center().x();
    const qint64 first = points.first().at.toMSecsSinceEpoch();
    const qint64 span = points.last().at.toMSecsSinceEpoch() - first;
    if (span <= 0) // one point in time: the middle
        return plot.center().x();
    const double share = double(at.toMSecsSinceEpoch() - first) / double(span);
    return plot.left() + kPlotInset + share * (plot.width() - 2 * kPlotInset);
}

QPointF HistoryChart::mapToWidget(const QDateTime &at, double value) const
{
    const QRectF plot = plotRect();
    return QPointF(xFor(at, plot), yFor(value, plot));
}

QVector<HistoryChart::Tick> HistoryChart::valueTicks(const QRectF &plot) const
{
    QVector<double> values;
    const int count = int(std::lround((m_axis.high - m_axis.low) / m_axis.step)) + 1;
    for (int i = 0; i < count; ++i) {
        const double v = m_axis.low + i * m_axis.step;
        values << (std::abs(v) < m_axis.step * 1e-9 ? 0.0 : v); // no "-0"
    }
    const QStringList labels = compactLabels(values, m_axis.step);
    QVector<Tick> ticks;
    for (int i = 0; i < count; ++i)
        ticks << Tick{yFor(values.at(i), plot), values.at(i), labels.at(i)};
    return ticks;
}

QVector<HistoryChart::Tick> HistoryChart::timeTicks(const QRectF &plot) const
{
    const auto &points = m_series.points;
    if (points.isEmpty())
        return {};
    const QDateTime first = points.first().at.toLocalTime();
    const QDateTime last = points.last().at.toLocalTime();
    const QFontMetricsF fm(tickFont());
    if (first == last) {
        const QString label = timeLabel(first, TimeStep{TimeUnit::Minute, 1}, true);
        return {Tick{xFor(first, plot), double(first.toMSecsSinceEpoch()), label}};
    }
    const qreal spacing = fm.height(); // at least an em between two labels
    const qint64 span = first.secsTo(last);
    QVector<Tick> ticks;
    for (const TimeStep &step : kTimeSteps) {
        if (span / step.roughSeconds() > plot.width() / (2 * spacing))
            continue; // far too many to try
        ticks.clear();
        qreal previousRight = -qInf();
        bool collides = false;
        for (QDateTime t = alignDown(first, step); t <= last && !collides; t = advance(t, step)) {
            if (t < first)
                continue;
            const qreal x = xFor(t, plot);
            const QString label = timeLabel(t, step, ticks.isEmpty());
            const qreal w = fm.horizontalAdvance(label);
            const qreal left = qBound<qreal>(0, x - w / 2, width() - w); // kept in the widget
            collides = left < previousRight + spacing;
            previousRight = left + w;
            ticks << Tick{x, double(t.toMSecsSinceEpoch()), label};
        }
        if (!collides)
            return ticks;
    }
    return {};
}

HistoryChart::Layout HistoryChart::layout() const
{
    Layout l;
    l.plot = plotRect();
    if (!m_series.points.isEmpty()) {
        l.yTicks = valueTicks(l.plot);
        l.xTicks = timeTicks(l.plot);
    }
    return l;
}

QVector<HistoryChart::Tick> HistoryChart::xTicks() const
{
    return m_series.points.isEmpty() ? QVector<Tick>() : timeTicks(plotRect());
}

QVector<HistoryChart::Tick> HistoryChart::yTicks() const
{
    return m_series.points.isEmpty() ? QVector<Tick>() : valueTicks(plotRect());
}

int HistoryChart::pointAt(const QPoint &pos) const
{
    if (!rect().contains(pos))
        return -1;
    const QRectF plot = plotRect();
    // Near enough to point at comfortably with a mouse, whatever the font.
    const qreal reach = qMax<qreal>(kAnomalyRadius * 2, fontMetrics().height() * 0.75);
    int nearest = -1;
    qreal nearestDistance = reach;
    for (int i = 0; i < m_series.points.size(); ++i) {
        const HistoryPoint &p = m_series.points.at(i);
        if (!std::isfinite(p.value))
            continue;
        const QPointF at(xFor(p.at, plot), yFor(p.value, plot));
        const qreal distance = QLineF(at, QPointF(pos)).length();
        if (distance <= nearestDistance) {
            nearest = i;
            nearestDistance = distance;
        }
    }
    return nearest;
}

// --- Text -----------------------------------------------------------------------------------

QString HistoryChart::titleText() const
{
    // The unit joins the title unless the title already names it ("Records" in records).
    const QString &unit = m_series.unit;
    const QRegularExpression word(QStringLiteral("\\b%1\\b").arg(QRegularExpression::escape(unit)),
                                  QRegularExpression::CaseInsensitiveOption);
    if (unit.isEmpty() || m_series.title.contains(word))
        return m_series.title;
    return tr("%1 (%2)", "a chart's title and its unit").arg(m_series.title, unit);
}

QString HistoryChart::valueText(double value) const
{
    const QString number = preciseNumber(value);
    return m_series.unit.isEmpty() ? number
                                   : tr("%1 %2", "a value and its unit").arg(number, m_series.unit);
}

QString HistoryChart::toolTipFor(int index) const
{
    if (index < 0 || index >= m_series.points.size())
        return QString();
    const HistoryPoint &p = m_series.points.at(index);
    QStringList lines;
    lines << QStringLiteral("<b>%1</b>")
                 .arg(QLocale().toString(p.at.toLocalTime(), QLocale::ShortFormat).toHtmlEscaped());
    lines << valueText(p.value).toHtmlEscaped();
    if (std::isfinite(p.lower) && std::isfinite(p.upper))
        lines << tr("expected between %1 and %2")
                     .arg(valueText(p.lower), valueText(p.upper))
                     .toHtmlEscaped();
    else if (std::isfinite(p.lower))
        lines << tr("expected at least %1").arg(valueText(p.lower)).toHtmlEscaped();
    else if (std::isfinite(p.upper))
        lines << tr("expected at most %1").arg(valueText(p.upper)).toHtmlEscaped();
    if (p.anomaly)
        lines << QStringLiteral("<b style=\"color:%1\">%2</b>")
                     .arg(theme::error(palette()).name(), tr("Anomaly").toHtmlEscaped());
    if (!p.note.isEmpty())
        lines << p.note.toHtmlEscaped();
    return lines.join(QStringLiteral("<br>"));
}

// --- Painting -------------------------------------------------------------------------------

void HistoryChart::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(backgroundRole()));
    const Layout l = layout();
    paintTitle(painter);
    if (m_series.points.isEmpty()) {
        paintEmpty(painter, l);
        return;
    }
    paintGrid(painter, l);
    painter.setRenderHint(QPainter::Antialiasing);
    paintBand(painter, l.plot);
    paintOpenBandSide(painter, l.plot, false);
    paintOpenBandSide(painter, l.plot, true);
    paintValueLine(painter, l.plot);
    paintPoints(painter, l.plot);
}

void HistoryChart::paintTitle(QPainter &painter) const
{
    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    painter.setPen(palette().color(QPalette::Text));
    const QFontMetrics fm(bold);
    const QRect line(0, 0, width(), fm.height());
    painter.drawText(line, Qt::AlignLeft | Qt::AlignVCenter,
                     fm.elidedText(titleText(), Qt::ElideRight, line.width()));
}

void HistoryChart::paintEmpty(QPainter &painter, const Layout &layout) const
{
    painter.setFont(font());
    painter.setPen(palette().color(QPalette::PlaceholderText));
    const QRectF area = layout.plot.isEmpty() ? QRectF(rect()) : layout.plot;
    painter.drawText(area, Qt::AlignCenter | Qt::TextWordWrap, m_emptyText);
}

void HistoryChart::paintGrid(QPainter &painter, const Layout &layout) const
{
    // Without antialiasing: one-pixel horizontal and vertical lines stay sharp at any ratio.
    const QRectF &plot = layout.plot;
    const QPalette &pal = palette();
    const QColor quiet = blend(pal.color(QPalette::Base), pal.color(QPalette::Text), 0.65);
    painter.setFont(tickFont());
    const qreal labelHeight = QFontMetricsF(tickFont()).height();
    for (const Tick &tick : layout.yTicks) {
        painter.setPen(cosmeticPen(painter, withAlpha(pal.color(QPalette::Mid), kGridAlpha), 1));
        const qreal y = std::round(tick.position);
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        painter.setPen(quiet);
        const QRectF label(0, y - labelHeight / 2, plot.left() - kGap, labelHeight);
        painter.drawText(label, Qt::AlignRight | Qt::AlignVCenter, tick.label);
    }
    painter.setPen(cosmeticPen(painter, pal.color(QPalette::Mid), 1));
    const qreal baseline = std::round(plot.bottom());
    painter.drawLine(QPointF(plot.left(), baseline), QPointF(plot.right(), baseline));

    const QFontMetricsF fm(tickFont());
    for (const Tick &tick : layout.xTicks) {
        const qreal x = std::round(tick.position);
        painter.setPen(cosmeticPen(painter, pal.color(QPalette::Mid), 1));
        painter.drawLine(QPointF(x, baseline), QPointF(x, baseline + kTickLength));
        const qreal w = fm.horizontalAdvance(tick.label);
        const QRectF label(qBound<qreal>(0, x - w / 2, width() - w),
                           plot.bottom() + labelHeight / 2 + kTickLength, w, labelHeight);
        painter.setPen(quiet);
        painter.drawText(label, Qt::AlignCenter, tick.label);
    }

    if (m_hovered >= 0) { // a guide down to the time axis
        const qreal x = std::round(xFor(m_series.points.at(m_hovered).at, plot));
        painter.setPen(cosmeticPen(painter, pal.color(QPalette::Mid), 1, Qt::DashLine));
        painter.drawLine(QPointF(x, plot.top()), QPointF(x, baseline));
    }
}

void HistoryChart::paintBand(QPainter &painter, const QRectF &plot) const
{
    // One filled polygon per run of points whose band is known on both sides: the band is not
    // drawn across points where it was not learned yet.
    const auto &points = m_series.points;
    const auto closed = [](const HistoryPoint &p) {
        return std::isfinite(p.lower) && std::isfinite(p.upper);
    };
    painter.setPen(Qt::NoPen);
    const qreal alpha = theme::isDark(palette()) ? kDarkBandAlpha : kBandAlpha;
    painter.setBrush(withAlpha(palette().color(QPalette::Highlight), alpha));
    for (int start = 0; start < points.size();) {
        if (!closed(points.at(start))) {
            ++start;
            continue;
        }
        int end = start;
        while (end + 1 < points.size() && closed(points.at(end + 1)))
            ++end;
        if (start == end) { // a lone point's band: a short bar, not an invisible sliver
            const HistoryPoint &p = points.at(start);
            const qreal x = xFor(p.at, plot);
            painter.drawRect(QRectF(QPointF(x - kAnomalyRadius, yFor(p.upper, plot)),
                                    QPointF(x + kAnomalyRadius, yFor(p.lower, plot))));
        } else {
            QPolygonF area;
            for (int i = start; i <= end; ++i)
                area << QPointF(xFor(points.at(i).at, plot), yFor(points.at(i).upper, plot));
            for (int i = end; i >= start; --i)
                area << QPointF(xFor(points.at(i).at, plot), yFor(points.at(i).lower, plot));
            painter.drawPolygon(area);
        }
        start = end + 1;
    }
}

void HistoryChart::paintOpenBandSide(QPainter &painter, const QRectF &plot, bool upper) const
{
    // Where only one side of the band is known ("at least", "at most"), that side as a dashed
    // line: there is no area to fill.
    const auto &points = m_series.points;
    const auto edge = [upper](const HistoryPoint &p) { return upper ? p.upper : p.lower; };
    const auto other = [upper](const HistoryPoint &p) { return upper ? p.lower : p.upper; };
    const auto open = [&](const HistoryPoint &p) {
        return std::isfinite(edge(p)) && !std::isfinite(other(p));
    };
    painter.setPen(cosmeticPen(painter,
                               withAlpha(palette().color(QPalette::Highlight), kOpenSideAlpha), 1.5,
                               Qt::DashLine));
    painter.setBrush(Qt::NoBrush);
    QPainterPath path;
    for (int i = 0; i < points.size(); ++i) {
        if (!open(points.at(i)))
            continue;
        const qreal y = yFor(edge(points.at(i)), plot);
        const qreal x = xFor(points.at(i).at, plot);
        if (i > 0 && open(points.at(i - 1)))
            path.lineTo(x, y);
        else if (i + 1 < points.size() && open(points.at(i + 1)))
            path.moveTo(x, y);
        else { // alone: a short dash across the point
            path.moveTo(x - kAnomalyRadius * 2, y);
            path.lineTo(x + kAnomalyRadius * 2, y);
        }
    }
    painter.drawPath(path);
}

void HistoryChart::paintValueLine(QPainter &painter, const QRectF &plot) const
{
    painter.setPen(cosmeticPen(painter, palette().color(QPalette::Highlight), kLineWidth));
    painter.setBrush(Qt::NoBrush);
    QPainterPath path;
    bool drawing = false; // a value that is not a number breaks the line
    for (const HistoryPoint &p : m_series.points) {
        if (!std::isfinite(p.value)) {
            drawing = false;
            continue;
        }
        const QPointF at(xFor(p.at, plot), yFor(p.value, plot));
        if (drawing)
            path.lineTo(at);
        else
            path.moveTo(at);
        drawing = true;
    }
    painter.drawPath(path);
}

void HistoryChart::paintPoints(QPainter &painter, const QRectF &plot) const
{
    const QPalette &pal = palette();
    const QColor base = pal.color(backgroundRole());
    const QColor line = pal.color(QPalette::Highlight);
    const auto &points = m_series.points;
    // Dense series show only the line; anomalies and the hovered point always show.
    const bool everyPoint = points.size() < 2 || plot.width() / points.size() >= kMinPointSpacing;
    const auto draw = [&](int i, qreal radius, const QColor &fill, const QColor &outline,
                          qreal outlineWidth) {
        const HistoryPoint &p = points.at(i);
        if (!std::isfinite(p.value))
            return;
        painter.setPen(cosmeticPen(painter, outline, outlineWidth));
        painter.setBrush(fill);
        painter.drawEllipse(QPointF(xFor(p.at, plot), yFor(p.value, plot)), radius, radius);
    };
    if (everyPoint)
        for (int i = 0; i < points.size(); ++i)
            if (!points.at(i).anomaly && i != m_hovered)
                draw(i, kPointRadius, line, base, 1);
    if (m_hovered >= 0 && !points.at(m_hovered).anomaly)
        draw(m_hovered, kHoverRadius, base, line, kLineWidth);
    // Last, so no line crosses them; the outline in the background colour keeps the error colour
    // clear of the line and the band on light and dark palettes alike.
    const QColor error = theme::error(pal);
    for (int i = 0; i < points.size(); ++i)
        if (points.at(i).anomaly)
            draw(i, i == m_hovered ? kHoverRadius : kAnomalyRadius, error, base, 1.5);
}

// --- Interaction ----------------------------------------------------------------------------

bool HistoryChart::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int i = pointAt(help->pos());
        if (i >= 0) {
            const QPoint at =
                mapToWidget(m_series.points.at(i).at, m_series.points.at(i).value).toPoint();
            const int reach = fontMetrics().height();
            QToolTip::showText(help->globalPos(), toolTipFor(i), this,
                               QRect(at - QPoint(reach, reach), QSize(2 * reach, 2 * reach)));
        } else {
            QToolTip::hideText();
            event->ignore();
        }
        return true;
    }
    return QWidget::event(event);
}

void HistoryChart::mouseMoveEvent(QMouseEvent *event)
{
    const int i = pointAt(event->position().toPoint());
    if (i != m_hovered) {
        m_hovered = i;
        update();
    }
    QWidget::mouseMoveEvent(event);
}

void HistoryChart::leaveEvent(QEvent *event)
{
    if (m_hovered != -1) {
        m_hovered = -1;
        update();
    }
    QWidget::leaveEvent(event);
}

void HistoryChart::changeEvent(QEvent *event)
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
