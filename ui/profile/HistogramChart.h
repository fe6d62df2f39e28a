#pragma once

#include "models/domain/FieldProfile.h"

#include <QList>
#include <QWidget>
#include <optional>

namespace assay {

// A field's most frequent values as horizontal bars: the value on the left (elided when long,
// whole in the tooltip), a bar proportional to its count, then the count and its share of the
// non-null values. Painted in logical coordinates, so it is crisp at any device pixel ratio;
// colours come from the palette (light and dark both read).
class HistogramChart : public QWidget
{
    Q_OBJECT
public:
    struct Bucket
    {
        QString value;
        qint64 count = 0;
        std::optional<double> ratio; // share of the non-null values, when known
    };

    explicit HistogramChart(QWidget *parent = nullptr);

    // The profile's top values (most frequent first). Counted in a sample when `sampled`:
    // shares are then estimates, marked approximate, and the tooltip says so.
    void setProfile(const FieldProfile &profile);
    void setBuckets(const QList<Bucket> &buckets, bool sampled = false);
    QList<Bucket> buckets() const { return m_buckets; }
    bool isSampled() const { return m_sampled; }

    // Geometry, for tests and tooltips.
    int bucketAt(const QPoint &pos) const;
    QRectF barRect(int i) const;     // the bar itself
    QRectF labelRect(int i) const;   // where the value's label is drawn
    QString labelText(int i) const;  // the label as drawn (elided)
    QString figureText(int i) const; // "1,234 · 12.3%"
    QString toolTipFor(int i) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;
    void mouseMoveEvent(class QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct Layout
    {
        qreal labelWidth = 0;  // the value column
        qreal barLeft = 0;     // x where bars start
        qreal barMax = 0;      // the longest bar's length
        qreal figureWidth = 0; // room kept right of the longest bar for its figures
        qreal rowHeight = 0;
        qreal barHeight = 0;
    };
    Layout layout() const;
    QString valueText(int i) const;
    qint64 maxCount() const;
    void describe();

    QList<Bucket> m_buckets;
    bool m_sampled = false;
    int m_hovered = -1;
};

} // namespace assay
