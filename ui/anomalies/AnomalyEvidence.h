#pragma once

#include "models/domain/Anomaly.h"
#include "models/domain/Container.h"

#include <QJsonArray>
#include <QStringList>

class QAbstractItemView;
class QStandardItemModel;
class QTreeWidget;

namespace assay {

// The tables of an anomaly's detail: what failed, the example rows Scan kept, and who changed
// the status. Plain functions over plain values, so the detail widget only lays them out.
namespace anomaly_evidence {

// The source rows' columns: the container's fields in their order (as the Catalog knows them)
// when a row holds them, then any other key the rows hold, in first-seen order.
QStringList sourceColumns(const QJsonArray &records, const QList<Field> &fields);

// A JSON value as a cell shows it ("NULL" for null, integers without a decimal point).
QString cellText(const QJsonValue &value);

// Rule, Fields, Message; one row per failed check.
void fillFailedChecks(QTreeWidget *view, const QList<AnomalyFailedCheck> &checks);

// One row per record, one column per `columns`; the columns a failed check reads
// (`failedFields`) get a bold header and a tinted background.
void fillSourceRecords(QStandardItemModel *model, const QJsonArray &records,
                       const QStringList &columns, const QStringList &failedFields);

// When (local time, UTC in the tooltip), Change ("Active → Acknowledged"), Comment; the first
// row is the anomaly's creation by Scan.
void fillHistory(QTreeWidget *view, const Anomaly &anomaly, const QList<AnomalyEvent> &events);

// Makes a view exactly as tall as `rows` rows (at most `maxRows`, then it scrolls), so tables
// in a scrolling detail pane do not each take a screenful.
void fitToRows(QAbstractItemView *view, int rows, int maxRows);

} // namespace anomaly_evidence

} // namespace assay
