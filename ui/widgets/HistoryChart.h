#pragma once

#include <QDateTime>
#include <QString>
#include <QVector>
#include <QWidget>
#include <QtNumeric>

namespace assay {

// One measurement of a container at one time (a Scan's record count, a Profile's freshness...).
struct HistoryPoint
{
    QDateTime at; // UTC
    double value = 0;
    double lower = qQNaN(); // expected band at that time, NaN when none (not learned yet, or one
    double upper = qQNaN(); // side open)
    bool anomaly = false;   // the check failed at this point
    QString note;           // optional, shown in the tooltip ("Scan #12: 5% fewer records...")
};

struct HistorySeries
{
    QString title; // "Records", "Freshness (hours since newest row)", "Sum of amount"
    QString unit;  // "records", "h", "" ...
    QVector<HistoryPoint> points; // any order; the chart sorts by time
};

// A metric across time: the value as a line with its points, the expected band behind it, the
// anomalies as larger dots in the error colour. Painted with QPainter in logical coordinates
// with cosmetic pens, so it is crisp at any device pixel ratio; every colour comes from the
// palette or ui/common/Theme.h, so light and dark palettes both read.
class HistoryChart : public QWidget
{
    Q_OBJECT
public:
    // A labelled tick of an axis: where it is drawn (x for the time axis, y for the value axis,
    // in widget coordinates), the value it stands for and its label.
    struct Tick
    {
        qreal position = 0;
        double value = 0; // the value, or the time's milliseconds since the epoch
        QString label;
    };

    explicit HistoryChart(QWidget *parent = nullptr);

    // Shows `series`; its points are sorted by time and those without a valid time dropped, so
    // series().points (not the argument's) is what point indexes refer to.
    void setSeries(const HistorySeries &series);
    const HistorySeries &series() const { return m_series; }
    // What an empty series shows, centred.
    void setEmptyText(const QString &text);
    QString emptyText() const { return m_emptyText; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    // For tests and the tooltip: the point index nearest to a widget position, -1 when none.
    int pointAt(const QPoint &pos) const;
    // The tooltip's text (rich text) for the point `index`, empty when there is none.
    QString toolTipFor(int index) const;
    int hoveredPoint() const { return m_hovered; }

    // The chart's geometry, in widget coordinates: the area inside the axes, where a value at a
    // time is drawn, and the axes' ticks as drawn.
    QRectF plotRect() const;
    QPointF mapToWidget(const QDateTime &at, double value) const;
    QVector<Tick> xTicks() const;
    QVector<Tick> yTicks() const;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    // The value axis: data-only, so computed once per series.
    struct ValueAxis
    {
        double low = 0;
        double high = 1;
        double step = 1;
    };
    // Where things go for the current size and font.
    struct Layout
    {
        QRectF plot;
        QVector<Tick> yTicks;
        QVector<Tick> xTicks;
    };

    static ValueAxis fitAxis(const QVector<HistoryPoint> &points);
    Layout layout() const;
    QFont tickFont() const;
    qreal yFor(double value, const QRectF &plot) const;
    qreal xFor(const QDateTime &at, const QRectF &plot) const;
    QVector<Tick> valueTicks(const QRectF &plot) const;
    QVector<Tick> timeTicks(const QRectF &plot) const;
    QString titleText() const;
    QString valueText(double value) const;
    void describe();

    void paintTitle(QPainter &painter) const;
    void paintGrid(QPainter &painter, const Layout &layout) const;
    void paintBand(QPainter &painter, const QRectF &plot) const;
    void paintOpenBandSide(QPainter &painter, const QRectF &plot, bool upper) const;
    void paintValueLine(QPainter &painter, const QRectF &plot) const;
    void paintPoints(QPainter &painter, const QRectF &plot) const;
    void paintEmpty(QPainter &painter, const Layout &layout) const;

    HistorySeries m_series;
    ValueAxis m_axis;
    QString m_emptyText;
    int m_hovered = -1;
};

} // namespace assay
