#include "ui/profile/ProfileFieldList.h"

#include "ui/common/Theme.h"
#include "ui/profile/ProfileFormat.h"

#include <QHeaderView>
#include <QPainter>
#include <QStyle>
#include <QStyledItemDelegate>

namespace assay {

namespace {

QColor blend(const QColor &from, const QColor &to, double t)
{
    return QColor::fromRgbF(float(from.redF() + (to.redF() - from.redF()) * t),
                            float(from.greenF() + (to.greenF() - from.greenF()) * t),
                            float(from.blueF() + (to.blueF() - from.blueF()) * t));
}

// Paints a thin bar (the share) and the percentage right of it, in logical coordinates.
class CompletenessDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override
    {
        const QVariant share = index.data(ProfileFieldList::CompletenessRole);
        QStyleOptionViewItem opt(option);
        initStyleOption(&opt, index);
        opt.text.clear();
        const QWidget *widget = option.widget;
        QStyle *style = widget ? widget->style() : nullptr;
        if (style)
            style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
        const bool selected = option.state & QStyle::State_Selected;
        const QColor text =
            option.palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
        const QRectF r = QRectF(option.rect).adjusted(6, 0, -6, 0);
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        if (!share.isValid()) {
            painter->setPen(selected ? text : option.palette.color(QPalette::PlaceholderText));
            painter->drawText(r, Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("—"));
            painter->restore();
            return;
        }
        const double value = qBound(0.0, share.toDouble(), 1.0);
        const QString label = profile_format::percent(value);
        const QFontMetricsF fm(option.font);
        // Room for the widest label a share can have ("> 99.9%"), so bars line up.
        const qreal labelWidth =
            qMax(fm.horizontalAdvance(QStringLiteral("> 99.9%")), fm.horizontalAdvance(label)) + 2;
        const qreal barWidth = qMax<qreal>(0, r.width() - labelWidth - 8);
        const qreal barHeight = 6;
        const QRectF track(r.left(), r.center().y() - barHeight / 2, barWidth, barHeight);
        const QColor base = option.palette.color(QPalette::Base);
        painter->setPen(Qt::NoPen);
        painter->setBrush(blend(base, option.palette.color(QPalette::Text), 0.12));
        painter->drawRoundedRect(track, 3, 3);
        // Green when complete, amber when much is missing: the eye finds the gaps.
        const QColor fill = value >= 0.999 ? QColor(0x2e, 0x9d, 0x57)
                            : value >= 0.9 ? QColor(0x5b, 0x9b, 0xd5)
                                           : QColor(0xe0, 0x9a, 0x1e);
        painter->setBrush(fill);
        if (value > 0)
            painter->drawRoundedRect(QRectF(track.left(), track.top(),
                                            qMax<qreal>(barHeight, barWidth * value), barHeight),
                                     3, 3);
        painter->setPen(text);
        painter->setFont(option.font);
        painter->drawText(QRectF(track.right() + 8, r.top(), labelWidth, r.height()),
                          Qt::AlignRight | Qt::AlignVCenter, label);
        painter->restore();
    }

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QSize size = QStyledItemDelegate::sizeHint(option, index);
        // The bar's minimum, and the widest label ("> 99.9%") beside it.
        const QFontMetrics fm(option.font);
        size.setWidth(qMax(size.width(), fm.horizontalAdvance(QStringLiteral("> 99.9%")) + 60));
        return size;
    }
};

} // namespace

ProfileFieldList::ProfileFieldList(QWidget *parent) : QTreeWidget(parent)
{
    setObjectName(QStringLiteral("profileFieldList"));
    setAccessibleName(tr("Fields"));
    setRootIsDecorated(false);
    setUniformRowHeights(true);
    setAlternatingRowColors(true);
    setHeaderLabels({tr("Field"), tr("Type"), tr("Completeness")});
    setItemDelegateForColumn(CompletenessColumn, new CompletenessDelegate(this));
    // Names come first: they take what the type and the bar leave, and a long type ("character
    // varying(255) → string") elides in the middle rather than push the names out.
    setTextElideMode(Qt::ElideMiddle);
    header()->setStretchLastSection(false);
    header()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    header()->setSectionResizeMode(TypeColumn, QHeaderView::Interactive);
    header()->setSectionResizeMode(CompletenessColumn, QHeaderView::Fixed);
    header()->resizeSection(CompletenessColumn, completenessWidth());
    connect(this, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        emit currentFieldChanged(item ? item->data(0, FieldIdRole).toLongLong() : 0);
    });
}

void ProfileFieldList::setFields(const QList<Field> &fields, const QList<FieldProfile> &profiles)
{
    const qint64 current = currentFieldId();
    QHash<qint64, FieldProfile> byField;
    for (const FieldProfile &p : profiles)
        byField.insert(p.fieldId, p);
    {
        const QSignalBlocker quiet(this);
        clear();
        for (const Field &f : fields) {
            if (f.removed)
                continue;
            auto *item = new QTreeWidgetItem(this);
            item->setText(NameColumn, f.name);
            item->setData(0, FieldIdRole, f.id);
            item->setText(TypeColumn, f.declaredType);
            item->setToolTip(NameColumn, f.name);
            const auto p = byField.constFind(f.id);
            if (p == byField.constEnd()) {
                item->setToolTip(CompletenessColumn, tr("Not profiled yet"));
                continue;
            }
            item->setData(CompletenessColumn, CompletenessRole, p->completeness);
            item->setToolTip(
                CompletenessColumn,
                tr("%1 of the records have a value").arg(profile_format::percent(p->completeness)));
            if (profile_format::typeMismatch(*p)) {
                item->setText(TypeColumn,
                              QStringLiteral("%1 → %2").arg(f.declaredType, p->inferredType));
                item->setForeground(TypeColumn, theme::caution(palette()));
                item->setToolTip(TypeColumn, tr("Declared %1, but the values look %2.")
                                                 .arg(f.declaredType, p->inferredType));
            }
        }
    }
    fitTypeColumn();
    if (!selectField(current) && topLevelItemCount() > 0)
        setCurrentItem(topLevelItem(0));
    else if (topLevelItemCount() == 0)
        emit currentFieldChanged(0);
}

int ProfileFieldList::columnContentWidth(int column) const
{
    const QFontMetrics fm(font());
    int widest = fm.horizontalAdvance(headerItem()->text(column)) + 16;
    for (int row = 0; row < topLevelItemCount(); ++row)
        widest = qMax(widest, fm.horizontalAdvance(topLevelItem(row)->text(column)));
    return widest + 2 * style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, this) + 12;
}

void ProfileFieldList::fitTypeColumn()
{
    // Names first: the type gets what the longest name and the bar leave, between a few
    // characters (the rest elides in the middle) and what its longest type needs.
    const int content = qMin(maxTypeWidth(), columnContentWidth(TypeColumn));
    const int room = viewport()->width() - completenessWidth() - columnContentWidth(NameColumn);
    const int minimum = qMin(content, fontMetrics().averageCharWidth() * 8);
    header()->resizeSection(TypeColumn, qBound(minimum, room, content));
}

void ProfileFieldList::resizeEvent(QResizeEvent *event)
{
    QTreeWidget::resizeEvent(event);
    fitTypeColumn();
}

int ProfileFieldList::maxTypeWidth() const
{
    // About seventeen characters ("TEXT → timestamp").
    return fontMetrics().averageCharWidth() * 24;
}

int ProfileFieldList::completenessWidth() const
{
    const QFontMetrics fm(font());
    return qMax(fm.horizontalAdvance(headerItem()->text(CompletenessColumn)) + 24,
                fm.horizontalAdvance(QStringLiteral("> 99.9%")) + 64);
}

int ProfileFieldList::preferredWidth() const
{
    return columnContentWidth(NameColumn) + qMin(maxTypeWidth(), columnContentWidth(TypeColumn)) +
           completenessWidth() + 2 * frameWidth() +
           style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, this);
}

qint64 ProfileFieldList::currentFieldId() const
{
    const QTreeWidgetItem *item = currentItem();
    return item ? item->data(0, FieldIdRole).toLongLong() : 0;
}

int ProfileFieldList::rowOf(qint64 fieldId) const
{
    for (int row = 0; row < topLevelItemCount(); ++row)
        if (topLevelItem(row)->data(0, FieldIdRole).toLongLong() == fieldId)
            return row;
    return -1;
}

bool ProfileFieldList::selectField(qint64 fieldId)
{
    const int row = fieldId ? rowOf(fieldId) : -1;
    if (row < 0)
        return false;
    if (currentItem() == topLevelItem(row)) {
        emit currentFieldChanged(fieldId); // the list was rebuilt: show it again
        return true;
    }
    setCurrentItem(topLevelItem(row));
    scrollToItem(topLevelItem(row));
    return true;
}

} // namespace assay
