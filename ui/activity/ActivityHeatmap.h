#pragma once

#include <QColor>
#include <QDate>
#include <QPointer>
#include <QWidget>
#include <array>

namespace assay {

class ActivityCalendarModel;

// The activity heatmap: one square per day over the last 12 months, weeks as columns and
// Sunday..Saturday as rows, month labels on top, Mon/Wed/Fri on the left, a "Less ... More"
// legend below. Painted in logical coordinates (crisp at any device pixel ratio); its five
// colours are blended from the palette's Base and Highlight, so light and dark palettes work.
//
// Clicking a day selects it (daySelected(day)); clicking it again clears the selection
// (daySelected(QDate())). Keyboard: arrows move the focused day (left/right a week, up/down a
// day), Home/End jump to the first/last day, Enter/Space select, Escape clears. The focused
// day is announced through the accessible description.
class ActivityHeatmap : public QWidget
{
    Q_OBJECT
public:
    explicit ActivityHeatmap(QWidget *parent = nullptr);

    void setModel(ActivityCalendarModel *model);
    ActivityCalendarModel *model() const;

    QDate selectedDate() const { return m_selected; }
    // Selects without emitting daySelected (an invalid date clears).
    void setSelectedDate(const QDate &day);
    QDate focusedDate() const { return m_focused; }
    void setFocusedDate(const QDate &day);

    // Geometry, for tests and tooltips: the day under a point (invalid when none) and a
    // day's square.
    QDate dateAt(const QPoint &pos) const;
    QRect cellRect(const QDate &day) const;
    QString toolTipFor(const QDate &day) const;
    // The colour of intensity level 0..4 in the current palette.
    QColor levelColor(int level) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;

signals:
    // A day was chosen (invalid: the selection was cleared).
    void daySelected(const QDate &day);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool event(QEvent *event) override;

private:
    struct Layout
    {
        int cell = 11;   // square side
        int step = 14;   // cell + gap
        int left = 0;    // x of the first column
        int top = 0;     // y of the first row
        int legendY = 0; // baseline area of the legend row
    };
    Layout layout() const;
    Layout layoutFor(int width) const;
    void toggle(const QDate &day);
    void announceFocus();
    void paintMonthLabels(class QPainter &p, const Layout &l) const;
    void paintWeekdayLabels(QPainter &p, const Layout &l) const;
    void paintCells(QPainter &p, const Layout &l) const;
    void paintLegend(QPainter &p, const Layout &l) const;

    QPointer<ActivityCalendarModel> m_model;
    QDate m_selected;
    QDate m_focused;
};

} // namespace assay
