#include "ui/activity/ActivityHeatmap.h"

#include "models/item/ActivityCalendarModel.h"

#include <QAccessible>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

namespace assay {

namespace {

constexpr int kMinStep = 9;  // smallest square + gap, in logical pixels
constexpr int kMaxStep = 17; // largest
constexpr int kDefaultStep = 14;
constexpr int kLabelGap = 6;
constexpr int kWeeksHint = 53;

QColor blend(const QColor &from, const QColor &to, double t)
{
    return QColor::fromRgbF(float(from.redF() + (to.redF() - from.redF()) * t),
                            float(from.greenF() + (to.greenF() - from.greenF()) * t),
                            float(from.blueF() + (to.blueF() - from.blueF()) * t));
}

int gapFor(int step)
{
    return qMax(2, step / 5);
}

} // namespace

ActivityHeatmap::ActivityHeatmap(QWidget *parent) : QWidget(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(false);
    setAccessibleName(tr("Activity heatmap"));
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    setFont(small);
}

void ActivityHeatmap::setModel(ActivityCalendarModel *model)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    if (model) {
        auto repaint = [this] {
            updateGeometry();
            update();
        };
        connect(model, &QAbstractItemModel::modelReset, this, repaint);
        connect(model, &QAbstractItemModel::dataChanged, this, repaint);
    }
    updateGeometry();
    update();
}

ActivityCalendarModel *ActivityHeatmap::model() const
{
    return m_model.data();
}

void ActivityHeatmap::setSelectedDate(const QDate &day)
{
    if (day == m_selected)
        return;
    m_selected = day;
    if (day.isValid())
        m_focused = day;
    announceFocus();
    update();
}

void ActivityHeatmap::setFocusedDate(const QDate &day)
{
    if (!m_model || !m_model->contains(day) || day == m_focused)
        return;
    m_focused = day;
    announceFocus();
    update();
}

void ActivityHeatmap::toggle(const QDate &day)
{
    if (!m_model || !m_model->contains(day))
        return;
    m_focused = day;
    m_selected = (m_selected == day) ? QDate() : day;
    announceFocus();
    update();
    emit daySelected(m_selected);
}

void ActivityHeatmap::announceFocus()
{
    if (!m_model || !m_focused.isValid()) {
        setAccessibleDescription(QString());
        return;
    }
    QString text = toolTipFor(m_focused);
    if (m_focused == m_selected)
        text = tr("%1, selected").arg(text);
    if (text == accessibleDescription())
        return;
    setAccessibleDescription(text);
    QAccessibleEvent changed(this, QAccessible::DescriptionChanged);
    QAccessible::updateAccessibility(&changed);
}

QString ActivityHeatmap::toolTipFor(const QDate &day) const
{
    return m_model ? m_model->describe(day) : QString();
}

QColor ActivityHeatmap::levelColor(int level) const
{
    const QColor background = palette().color(QPalette::Window);
    const QColor text = palette().color(QPalette::WindowText);
    const QColor highlight = palette().color(QPalette::Highlight);
    static const double kAmounts[] = {0.0, 0.32, 0.54, 0.76, 1.0};
    if (level <= 0)
        return blend(background, text, 0.09);
    return blend(background, highlight, kAmounts[qMin(level, 4)]);
}

// ---- Geometry --------------------------------------------------------------------------

ActivityHeatmap::Layout ActivityHeatmap::layout() const
{
    return layoutFor(width());
}

ActivityHeatmap::Layout ActivityHeatmap::layoutFor(int width) const
{
    const QFontMetrics fm(font());
    Layout l;
    const QLocale locale;
    int labelWidth = 0;
    for (int day : {1, 3, 5})
        labelWidth =
            qMax(labelWidth, fm.horizontalAdvance(locale.dayName(day, QLocale::ShortFormat)));
    l.left = labelWidth + kLabelGap;
    l.top = fm.height() + 4;
    const int weeks = m_model && m_model->weekCount() > 0 ? m_model->weekCount() : kWeeksHint;
    l.step = qBound(kMinStep, (width - l.left - 2) / weeks, kMaxStep);
    l.cell = l.step - gapFor(l.step);
    l.legendY = l.top + 7 * l.step + kLabelGap;
    return l;
}

int ActivityHeatmap::heightForWidth(int width) const
{
    const Layout l = layoutFor(width);
    return l.legendY + QFontMetrics(font()).height() + 2;
}

QSize ActivityHeatmap::sizeHint() const
{
    const Layout l = layoutFor(0);
    const int weeks = m_model && m_model->weekCount() > 0 ? m_model->weekCount() : kWeeksHint;
    const int width = l.left + weeks * kDefaultStep + 2;
    return QSize(width, heightForWidth(width));
}

QSize ActivityHeatmap::minimumSizeHint() const
{
    const Layout l = layoutFor(0);
    const int weeks = m_model && m_model->weekCount() > 0 ? m_model->weekCount() : kWeeksHint;
    const int width = l.left + weeks * kMinStep + 2;
    return QSize(width, heightForWidth(width));
}

QRect ActivityHeatmap::cellRect(const QDate &day) const
{
    if (!m_model || !m_model->contains(day))
        return QRect();
    const Layout l = layout();
    const qint64 offset = m_model->gridStart().daysTo(day);
    const int column = int(offset / 7);
    const int row = int(offset % 7);
    return QRect(l.left + column * l.step, l.top + row * l.step, l.cell, l.cell);
}

QDate ActivityHeatmap::dateAt(const QPoint &pos) const
{
    if (!m_model)
        return QDate();
    const Layout l = layout();
    if (pos.x() < l.left || pos.y() < l.top)
        return QDate();
    const int column = (pos.x() - l.left) / l.step;
    const int row = (pos.y() - l.top) / l.step;
    // The gap between squares belongs to no day.
    if ((pos.x() - l.left) % l.step >= l.cell || (pos.y() - l.top) % l.step >= l.cell)
        return QDate();
    return m_model->dateAt(row, column);
}

// ---- Painting --------------------------------------------------------------------------

void ActivityHeatmap::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const Layout l = layout();
    paintMonthLabels(p, l);
    paintWeekdayLabels(p, l);
    paintCells(p, l);
    paintLegend(p, l);
}

void ActivityHeatmap::paintMonthLabels(QPainter &p, const Layout &l) const
{
    if (!m_model)
        return;
    const QFontMetrics fm(font());
    const QLocale locale;
    p.setPen(palette().color(QPalette::WindowText));
    int lastRight = -1;
    const int weeks = m_model->weekCount();
    for (int column = 0; column < weeks; ++column) {
        // A column is labelled when a month starts in it (the first column: when the month
        // it shows has room for its label before the next one starts).
        QDate labelled;
        for (int row = 0; row < 7 && !labelled.isValid(); ++row) {
            const QDate day = m_model->dateAt(row, column);
            if (day.isValid() &&
                (day.day() == 1 || (column == 0 && day.daysInMonth() - day.day() >= 14)))
                labelled = day;
        }
        if (!labelled.isValid())
            continue;
        const QString name = locale.monthName(labelled.month(), QLocale::ShortFormat);
        const int x = l.left + column * l.step;
        if (x <= lastRight + kLabelGap)
            continue;
        p.drawText(x, l.top - 4 - fm.descent(), name);
        lastRight = x + fm.horizontalAdvance(name);
    }
}

void ActivityHeatmap::paintWeekdayLabels(QPainter &p, const Layout &l) const
{
    const QLocale locale;
    p.setPen(palette().color(QPalette::WindowText));
    for (int row : {1, 3, 5}) { // rows are Sunday..Saturday; Qt's Monday is 1
        const QRect band(0, l.top + row * l.step, l.left - kLabelGap, l.cell);
        p.drawText(band, Qt::AlignLeft | Qt::AlignVCenter,
                   locale.dayName(row, QLocale::ShortFormat));
    }
}

void ActivityHeatmap::paintCells(QPainter &p, const Layout &l) const
{
    if (!m_model)
        return;
    const qreal radius = qMax(1.5, l.cell / 5.0);
    std::array<QColor, ActivityCalendarModel::kLevels> colors;
    for (int level = 0; level < ActivityCalendarModel::kLevels; ++level)
        colors[size_t(level)] = levelColor(level);
    p.setPen(Qt::NoPen);
    for (QDate day = m_model->firstDay(); day <= m_model->lastDay(); day = day.addDays(1)) {
        const QRect r = cellRect(day);
        p.setBrush(colors[size_t(m_model->level(day))]);
        p.drawRoundedRect(QRectF(r), radius, radius);
    }
    const QColor ring = palette().color(QPalette::WindowText);
    if (m_selected.isValid() && m_model->contains(m_selected)) {
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(ring, 2));
        p.drawRoundedRect(QRectF(cellRect(m_selected)).adjusted(0.5, 0.5, -0.5, -0.5), radius,
                          radius);
    }
    if (hasFocus() && m_focused.isValid() && m_model->contains(m_focused)) {
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(palette().color(QPalette::Highlight), 1.5));
        const qreal out = qMin(2.0, gapFor(l.step) * 0.75);
        p.drawRoundedRect(QRectF(cellRect(m_focused)).adjusted(-out, -out, out, out), radius + 1,
                          radius + 1);
    }
}

void ActivityHeatmap::paintLegend(QPainter &p, const Layout &l) const
{
    if (!m_model)
        return;
    const QFontMetrics fm(font());
    const int weeks = m_model->weekCount();
    const int gridRight = l.left + weeks * l.step - gapFor(l.step);
    const QRect row(0, l.legendY, width(), fm.height());
    p.setPen(palette().color(QPalette::WindowText));
    const QString total =
        m_model->total() == 1
            ? tr("1 operation in the last year")
            : tr("%1 operations in the last year").arg(QLocale().toString(m_model->total()));
    p.drawText(row.adjusted(l.left, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter, total);

    const QString more = tr("More");
    const QString less = tr("Less");
    const int cell = qMin(l.cell, fm.height() - 2);
    const int step = cell + gapFor(l.step);
    int x = gridRight - fm.horizontalAdvance(more);
    p.drawText(QRect(x, row.top(), fm.horizontalAdvance(more), row.height()),
               Qt::AlignLeft | Qt::AlignVCenter, more);
    x -= kLabelGap / 2 + ActivityCalendarModel::kLevels * step;
    const int y = row.center().y() - cell / 2;
    p.setPen(Qt::NoPen);
    const qreal radius = qMax(1.5, cell / 5.0);
    for (int level = 0; level < ActivityCalendarModel::kLevels; ++level) {
        p.setBrush(levelColor(level));
        p.drawRoundedRect(QRectF(x + level * step, y, cell, cell), radius, radius);
    }
    p.setPen(palette().color(QPalette::WindowText));
    const int lessWidth = fm.horizontalAdvance(less);
    p.drawText(QRect(x - kLabelGap / 2 - lessWidth, row.top(), lessWidth, row.height()),
               Qt::AlignRight | Qt::AlignVCenter, less);
}

// ---- Interaction -----------------------------------------------------------------------

void ActivityHeatmap::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QWidget::mousePressEvent(event);
        return;
    }
    const QDate day = dateAt(event->position().toPoint());
    if (!day.isValid()) {
        QWidget::mousePressEvent(event);
        return;
    }
    setFocus(Qt::MouseFocusReason);
    toggle(day);
    event->accept();
}

void ActivityHeatmap::keyPressEvent(QKeyEvent *event)
{
    if (!m_model || !m_model->firstDay().isValid()) {
        QWidget::keyPressEvent(event);
        return;
    }
    const QDate from = m_focused.isValid() ? m_focused : m_model->lastDay();
    QDate to;
    switch (event->key()) {
    case Qt::Key_Left:
        to = from.addDays(layoutDirection() == Qt::RightToLeft ? 7 : -7);
        break;
    case Qt::Key_Right:
        to = from.addDays(layoutDirection() == Qt::RightToLeft ? -7 : 7);
        break;
    case Qt::Key_Up:
        to = from.addDays(-1);
        break;
    case Qt::Key_Down:
        to = from.addDays(1);
        break;
    case Qt::Key_Home:
        to = m_model->firstDay();
        break;
    case Qt::Key_End:
        to = m_model->lastDay();
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Space:
        toggle(from);
        event->accept();
        return;
    case Qt::Key_Escape:
        if (m_selected.isValid()) {
            toggle(m_selected);
            event->accept();
            return;
        }
        QWidget::keyPressEvent(event);
        return;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    if (to < m_model->firstDay())
        to = m_model->firstDay();
    if (to > m_model->lastDay())
        to = m_model->lastDay();
    m_focused = QDate(); // force the announcement even when clamped to the same day
    setFocusedDate(to);
    event->accept();
}

void ActivityHeatmap::focusInEvent(QFocusEvent *event)
{
    if (m_model && !m_model->contains(m_focused))
        m_focused = m_model->contains(m_selected) ? m_selected : m_model->lastDay();
    announceFocus();
    update();
    QWidget::focusInEvent(event);
}

void ActivityHeatmap::focusOutEvent(QFocusEvent *event)
{
    update();
    QWidget::focusOutEvent(event);
}

void ActivityHeatmap::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange ||
        event->type() == QEvent::LocaleChange)
        update();
    QWidget::changeEvent(event);
}

bool ActivityHeatmap::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QDate day = dateAt(help->pos());
        if (day.isValid()) {
            QToolTip::showText(help->globalPos(), toolTipFor(day), this, cellRect(day));
        } else {
            QToolTip::hideText();
            event->ignore();
        }
        return true;
    }
    return QWidget::event(event);
}

} // namespace assay
