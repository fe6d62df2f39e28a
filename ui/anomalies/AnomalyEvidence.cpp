#include "ui/anomalies/AnomalyEvidence.h"

#include "models/domain/DisplayTime.h"
#include "models/item/AnomalyListModel.h"
#include "ui/checks/CheckPresentation.h"

#include <QApplication>
#include <QCoreApplication>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QPalette>
#include <QScrollBar>
#include <QStandardItemModel>
#include <QTableView>
#include <QTreeView>
#include <QTreeWidget>
#include <cmath>

namespace assay::anomaly_evidence {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("AnomalyEvidence", text);
}

} // namespace

QStringList sourceColumns(const QJsonArray &records, const QList<Field> &fields)
{
    QStringList keys;
    for (const QJsonValue &row : records)
        for (const QString &key : row.toObject().keys())
            if (!keys.contains(key))
                keys << key;
    QList<Field> ordered = fields;
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const Field &a, const Field &b) { return a.ordinal < b.ordinal; });
    QStringList columns;
    for (const Field &f : std::as_const(ordered))
        if (keys.contains(f.name) && !columns.contains(f.name))
            columns << f.name;
    for (const QString &key : std::as_const(keys))
        if (!columns.contains(key))
            columns << key;
    return columns;
}

QString cellText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return QStringLiteral("NULL");
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: {
        const double d = value.toDouble();
        if (std::floor(d) == d && std::abs(d) < 9007199254740992.0)
            return QString::number(qint64(d));
        return QString::number(d, 'g', 15);
    }
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Array:
    case QJsonValue::Object:
        break;
    }
    return QString::fromUtf8(value.isArray()
                                 ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                                 : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
}

void fillFailedChecks(QTreeWidget *view, const QList<AnomalyFailedCheck> &checks)
{
    view->clear();
    for (const AnomalyFailedCheck &c : checks) {
        auto *item = new QTreeWidgetItem(view, {check_presentation::ruleTitle(c.rule),
                                                c.fields.join(QStringLiteral(", ")), c.message});
        item->setToolTip(0, c.checkId ? tr("Check %1").arg(c.checkId) : tr("Check removed"));
        item->setToolTip(2, c.message);
        item->setData(0, Qt::UserRole, c.checkId);
    }
}

void fillSourceRecords(QStandardItemModel *model, const QJsonArray &records,
                       const QStringList &columns, const QStringList &failedFields)
{
    model->clear();
    model->setColumnCount(int(columns.size()));
    const QPalette palette = QApplication::palette();
    QColor tint = AnomalyListModel::statusColor(anomaly_status::kActive);
    tint.setAlpha(40);
    const QColor nullColor = palette.color(QPalette::PlaceholderText);
    for (int c = 0; c < columns.size(); ++c) {
        auto *header = new QStandardItem(columns.at(c));
        if (failedFields.contains(columns.at(c), Qt::CaseInsensitive)) {
            QFont bold = header->font();
            bold.setBold(true);
            header->setFont(bold);
            header->setToolTip(tr("A failed check reads %1").arg(columns.at(c)));
        }
        model->setHorizontalHeaderItem(c, header);
    }
    for (const QJsonValue &value : records) {
        const QJsonObject row = value.toObject();
        QList<QStandardItem *> items;
        for (const QString &column : columns) {
            const QJsonValue cell = row.value(column);
            auto *item = new QStandardItem(cellText(cell));
            item->setEditable(false);
            item->setToolTip(item->text());
            if (cell.isNull() || cell.isUndefined()) {
                item->setForeground(nullColor);
                QFont italic = item->font();
                italic.setItalic(true);
                item->setFont(italic);
            }
            if (cell.isDouble())
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (failedFields.contains(column, Qt::CaseInsensitive))
                item->setBackground(tint);
            items << item;
        }
        model->appendRow(items);
    }
}

void fillHistory(QTreeWidget *view, const Anomaly &anomaly, const QList<AnomalyEvent> &events)
{
    view->clear();
    auto add = [view](const QDateTime &at, const QString &change, const QString &comment) {
        auto *item = new QTreeWidgetItem(view, {display_time::local(at), change, comment});
        item->setToolTip(0, display_time::utc(at));
        item->setToolTip(2, comment);
    };
    add(anomaly.createdAt,
        anomaly.operationId ? tr("Found by Scan #%1 (Active)").arg(anomaly.operationId)
                            : tr("Found (Active)"),
        QString());
    for (const AnomalyEvent &e : events)
        add(e.at,
            tr("%1 → %2").arg(AnomalyListModel::statusLabel(e.fromStatus),
                              AnomalyListModel::statusLabel(e.toStatus)),
            e.comment);
}

void fitToRows(QAbstractItemView *view, int rows, int maxRows)
{
    const int shown = qBound(1, rows, maxRows);
    int rowHeight = view->sizeHintForRow(0);
    int header = 0;
    if (auto *tree = qobject_cast<QTreeView *>(view)) {
        header = tree->header()->isHidden() ? 0 : tree->header()->sizeHint().height();
    } else if (auto *table = qobject_cast<QTableView *>(view)) {
        header = table->horizontalHeader()->sizeHint().height();
        // A table's rows are as tall as its vertical header says, not as their contents.
        rowHeight = qMax(rowHeight, table->verticalHeader()->defaultSectionSize());
    }
    if (rowHeight <= 0)
        rowHeight = view->fontMetrics().height() + 8;
    const int scrollBar = view->horizontalScrollBar()->sizeHint().height();
    view->setFixedHeight(header + shown * rowHeight + 2 * view->frameWidth() + scrollBar);
}

} // namespace assay::anomaly_evidence
