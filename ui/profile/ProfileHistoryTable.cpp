#include "ui/profile/ProfileHistoryTable.h"

#include "models/domain/DisplayTime.h"
#include "ui/profile/ProfileMetrics.h"

#include <QHeaderView>
#include <QLocale>
#include <QScrollBar>

namespace assay {

namespace {

constexpr int kChangedRole = Qt::UserRole + 1;
constexpr int kKeyRole = Qt::UserRole + 2;

QColor blend(const QColor &from, const QColor &to, double t)
{
    return QColor::fromRgbF(float(from.redF() + (to.redF() - from.redF()) * t),
                            float(from.greenF() + (to.greenF() - from.greenF()) * t),
                            float(from.blueF() + (to.blueF() - from.blueF()) * t));
}

} // namespace

ProfileHistoryTable::ProfileHistoryTable(QWidget *parent) : QTableWidget(parent)
{
    setObjectName(QStringLiteral("profileHistory"));
    setAccessibleName(tr("Profile history"));
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionMode(QAbstractItemView::NoSelection);
    setFocusPolicy(Qt::TabFocus);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setWordWrap(false);
    setShowGrid(false);
    setAlternatingRowColors(true);
    verticalHeader()->hide();
    verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    horizontalHeader()->setStretchLastSection(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void ProfileHistoryTable::setHistory(const QList<FieldProfile> &history)
{
    clear();
    const QList<FieldProfile> runs = history.mid(0, kMaxRuns);
    QList<QList<ProfileMetric>> metrics;
    for (const FieldProfile &p : runs)
        metrics << profileMetrics(p);
    const QList<ProfileMetric> rows = metrics.isEmpty() ? QList<ProfileMetric>() : metrics.first();
    setRowCount(int(rows.size()));
    setColumnCount(int(runs.size()) + 1);

    const QLocale locale;
    QStringList headers{tr("Figure")};
    for (int r = 0; r < runs.size(); ++r) {
        const QString when = runs.at(r).profiledAt.isValid()
                                 ? display_time::local(runs.at(r).profiledAt)
                                 : tr("op. %1").arg(runs.at(r).operationId);
        headers << (r == 0 ? tr("Current (%1)").arg(when) : when);
    }
    setHorizontalHeaderLabels(headers);

    const QColor base = palette().color(QPalette::Base);
    const QColor changedBrush = blend(base, QColor(0xf0, 0xa0, 0x20), 0.28);
    for (int row = 0; row < rows.size(); ++row) {
        auto *name = new QTableWidgetItem(rows.at(row).title);
        name->setData(kKeyRole, rows.at(row).key);
        name->setToolTip(rows.at(row).help);
        name->setForeground(palette().color(QPalette::PlaceholderText));
        setItem(row, 0, name);
        for (int r = 0; r < runs.size(); ++r) {
            const ProfileMetric &m = metrics.at(r).at(row);
            auto *cell = new QTableWidgetItem(m.shown());
            QString tip = m.approximate ? m.approximateTip : QString();
            // Compared with the run just before it (the next column), when there is one.
            const bool changed = r + 1 < runs.size() && metrics.at(r + 1).at(row).text != m.text;
            cell->setData(kChangedRole, changed);
            if (changed) {
                cell->setBackground(changedBrush);
                QFont bold = font();
                bold.setWeight(QFont::DemiBold);
                cell->setFont(bold);
                const QString was = metrics.at(r + 1).at(row).shown();
                tip = tip.isEmpty()
                          ? tr("Was %1 in the run before.").arg(was)
                          : tr("Was %1 in the run before.").arg(was) + QLatin1Char('\n') + tip;
            }
            cell->setToolTip(tip);
            if (m.text.isEmpty())
                cell->setForeground(palette().color(QPalette::PlaceholderText));
            setItem(row, r + 1, cell);
        }
    }
    fitHeight();
}

int ProfileHistoryTable::rowOf(const QString &key) const
{
    for (int row = 0; row < rowCount(); ++row)
        if (item(row, 0) && item(row, 0)->data(kKeyRole).toString() == key)
            return row;
    return -1;
}

QString ProfileHistoryTable::valueText(const QString &key, int run) const
{
    const int row = rowOf(key);
    const QTableWidgetItem *cell = row >= 0 ? item(row, run + 1) : nullptr;
    return cell ? cell->text() : QString();
}

bool ProfileHistoryTable::isChanged(const QString &key, int run) const
{
    const int row = rowOf(key);
    const QTableWidgetItem *cell = row >= 0 ? item(row, run + 1) : nullptr;
    return cell && cell->data(kChangedRole).toBool();
}

void ProfileHistoryTable::resizeEvent(QResizeEvent *event)
{
    QTableWidget::resizeEvent(event);
    updateGeometry(); // the scroll bar's room depends on the width
}

void ProfileHistoryTable::fitHeight()
{
    resizeRowsToContents();
    updateGeometry();
}

QSize ProfileHistoryTable::sizeHint() const
{
    int height = horizontalHeader()->sizeHint().height() + 2 * frameWidth();
    for (int row = 0; row < rowCount(); ++row)
        height += rowHeight(row);
    // Room for the horizontal scroll bar when the runs do not fit side by side.
    if (horizontalHeader()->length() > viewport()->width())
        height += horizontalScrollBar()->sizeHint().height();
    return QSize(QTableWidget::sizeHint().width(), height);
}

QSize ProfileHistoryTable::minimumSizeHint() const
{
    return QSize(200, sizeHint().height());
}

} // namespace assay
