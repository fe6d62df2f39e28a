#pragma once

#include <QStyledItemDelegate>

namespace assay {

// Paints a datastore-tree row. Datastores take two lines (name, then "PostgreSQL · 12
// containers") with a dot in the colour of their last operation's outcome (blue running or
// queued, green success, amber warning, red failure or aborted); containers and fields take one
// line with their detail ("table · 8 fields", "integer · not null") muted after the name.
class DatastoreTreeDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // The colour of an operation's outcome ("catalog success" -> green); invalid when none.
    static QColor statusColor(const QString &lastOperation);
};

} // namespace assay
