#include "ui/datastores/DatastoreTreeDelegate.h"

#include "app/connectors/ConnectorSpec.h"
#include "models/domain/Operation.h"
#include "models/item/DatastoreTreeModel.h"
#include "ui/common/Theme.h"

#include <QApplication>
#include <QPainter>

namespace assay {

namespace {

QFont scaledFont(QFont font, qreal factor, QFont::Weight weight)
{
    font.setPointSizeF(font.pointSizeF() * factor);
    font.setWeight(weight);
    return font;
}

QFont detailFont(const QFont &base)
{
    return scaledFont(base, 0.9, QFont::Normal);
}

bool isDatastore(const QModelIndex &index)
{
    return !index.parent().isValid();
}

QString datastoreDetail(const QModelIndex &index)
{
    const QString id = index.data(DatastoreTreeModel::ConnectorTypeRole).toString();
    const ConnectorSpec *spec = connectors::find(id);
    const QString type = spec ? spec->displayName : id;
    const int count = index.data(DatastoreTreeModel::CountRole).toInt();
    QString text = count == 1
                       ? DatastoreTreeDelegate::tr("%1 · 1 container").arg(type)
                       : DatastoreTreeDelegate::tr("%1 · %2 containers").arg(type).arg(count);
    if (index.data(DatastoreTreeModel::EnrichOnlyRole).toBool())
        text += DatastoreTreeDelegate::tr(" · enrichment");
    return text;
}

} // namespace

QColor DatastoreTreeDelegate::statusColor(const QString &lastOperation)
{
    const QString status = lastOperation.section(QLatin1Char(' '), -1);
    if (status == operation_status::kSuccess)
        return theme::success();
    if (status == operation_status::kWarning)
        return QColor(0xef, 0x8f, 0x00);
    if (status == operation_status::kFailure || status == operation_status::kAborted)
        return theme::error();
    if (status == operation_status::kRunning || status == operation_status::kQueued)
        return theme::Tone{"#1565c0", "#64b5f6"}.in(QGuiApplication::palette());
    return QColor();
}

QSize DatastoreTreeDelegate::sizeHint(const QStyleOptionViewItem &option,
                                      const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    if (isDatastore(index)) {
        const QFontMetrics name(option.font);
        const QFontMetrics detail(detailFont(option.font));
        size.setHeight(qMax(size.height(), name.height() + detail.height() + 10));
    } else {
        size.setHeight(qMax(size.height(), QFontMetrics(option.font).height() + 6));
    }
    return size;
}

void DatastoreTreeDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                  const QModelIndex &index) const
{
    QStyleOptionViewItem opt(option);
    initStyleOption(&opt, index);
    const QString name = opt.text;
    const bool datastore = isDatastore(index);
    opt.text.clear();
    // 22 and 16 px at the default font, growing with a larger one (the icons are SVG).
    const int line = QFontMetrics(opt.font).height();
    const int side = datastore ? qMax(22, line + 5) : qMax(16, line - 1);
    opt.decorationSize = QSize(side, side);
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    QRect textRect =
        style->subElementRect(QStyle::SE_ItemViewItemText, &opt, widget).adjusted(2, 0, -4, 0);
    const bool selected = opt.state & QStyle::State_Selected;
    const QPalette::ColorGroup group =
        (opt.state & QStyle::State_Active) ? QPalette::Active : QPalette::Inactive;
    const QColor textColor =
        opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
    const QColor mutedColor = opt.palette.color(group, QPalette::PlaceholderText);

    painter->save();
    if (datastore) {
        const QColor dot =
            statusColor(index.data(DatastoreTreeModel::LastOperationRole).toString());
        if (dot.isValid()) {
            const int d = 8;
            const QRect dotRect(textRect.right() - d, textRect.center().y() - d / 2, d, d);
            painter->setRenderHint(QPainter::Antialiasing);
            painter->setPen(Qt::NoPen);
            painter->setBrush(dot);
            painter->drawEllipse(dotRect);
            textRect.setRight(dotRect.left() - 6);
        }
        const QFont nameFont = scaledFont(opt.font, 1.0, QFont::DemiBold);
        const QFont smallFont = detailFont(opt.font);
        const QFontMetrics nameMetrics(nameFont);
        const QFontMetrics smallMetrics(smallFont);
        const int top =
            textRect.top() + (textRect.height() - nameMetrics.height() - smallMetrics.height()) / 2;
        painter->setFont(nameFont);
        painter->setPen(textColor);
        painter->drawText(QRect(textRect.left(), top, textRect.width(), nameMetrics.height()),
                          Qt::AlignLeft | Qt::AlignVCenter,
                          nameMetrics.elidedText(name, Qt::ElideRight, textRect.width()));
        painter->setFont(smallFont);
        painter->setPen(mutedColor);
        painter->drawText(
            QRect(textRect.left(), top + nameMetrics.height(), textRect.width(),
                  smallMetrics.height()),
            Qt::AlignLeft | Qt::AlignVCenter,
            smallMetrics.elidedText(datastoreDetail(index), Qt::ElideRight, textRect.width()));
    } else {
        const QFontMetrics metrics(opt.font);
        const QString shownName = metrics.elidedText(name, Qt::ElideRight, textRect.width());
        painter->setPen(textColor);
        painter->drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter, shownName);
        const int used = metrics.horizontalAdvance(shownName) + metrics.averageCharWidth() * 2;
        const QString detail = index.data(DatastoreTreeModel::DetailRole).toString();
        if (used < textRect.width() && !detail.isEmpty()) {
            const QRect detailRect = textRect.adjusted(used, 0, 0, 0);
            painter->setPen(mutedColor);
            painter->drawText(detailRect, Qt::AlignLeft | Qt::AlignVCenter,
                              metrics.elidedText(detail, Qt::ElideRight, detailRect.width()));
        }
    }
    painter->restore();
}

} // namespace assay
