// Monitoring across time: container measurements and check judgements as time series.
#include "models/catalog/Catalog.h"
#include "models/catalog/CatalogRows.h"
#include "models/catalog/ColumnValues.h"
#include "models/domain/Json.h"

#include <QSqlQuery>
#include <QtNumeric>
#include <algorithm>

namespace assay {

namespace {

QVariant nullUnlessKnown(qint64 value)
{
    return value >= 0 ? QVariant(value) : QVariant(QMetaType::fromType<qint64>());
}

QVariant nullUnlessValid(const QDateTime &time)
{
    return time.isValid() ? QVariant(text::fromTime(time))
                          : QVariant(QMetaType::fromType<QString>());
}

qint64 knownOrMinusOne(const QVariant &value)
{
    return value.isNull() ? -1 : value.toLongLong();
}

const char *const kMeasurementColumns =
    "id, container_id, operation_id, operation_type, measured_at, record_count, volume_source, "
    "size_bytes, newest_value, newest_at, freshness_source, change_counter";

ContainerMeasurement readMeasurement(const QSqlQuery &q)
{
    ContainerMeasurement m;
    m.id = q.value(0).toLongLong();
    m.containerId = q.value(1).toLongLong();
    m.operationId = q.value(2).toLongLong();
    m.operationType = q.value(3).toString();
    m.measuredAt = text::toTime(q.value(4).toString());
    m.recordCount = knownOrMinusOne(q.value(5));
    m.volumeSource = q.value(6).toString();
    m.sizeBytes = knownOrMinusOne(q.value(7));
    m.newestValue = q.value(8).toString();
    if (!q.value(9).isNull())
        m.newestAt = text::toTime(q.value(9).toString());
    m.freshnessSource = q.value(10).toString();
    m.changeCounter = knownOrMinusOne(q.value(11));
    return m;
}

} // namespace

qint64 Catalog::addContainerMeasurement(const ContainerMeasurement &m)
{
    QSqlQuery q(database());
    catalog::ColumnValues columns;
    columns.set("container_id", m.containerId)
        .set("operation_id",
             m.operationId > 0 ? QVariant(m.operationId) : QVariant(QMetaType::fromType<qint64>()))
        .set("operation_type", catalog::notNull(m.operationType))
        .set("measured_at", text::fromTime(m.measuredAt))
        .set("record_count", nullUnlessKnown(m.recordCount))
        .set("volume_source", catalog::notNull(m.volumeSource))
        .set("size_bytes", nullUnlessKnown(m.sizeBytes))
        .set("newest_value", catalog::notNull(m.newestValue))
        .set("newest_at", nullUnlessValid(m.newestAt))
        .set("freshness_source", catalog::notNull(m.freshnessSource))
        .set("change_counter", nullUnlessKnown(m.changeCounter));
    q.prepare(columns.insertInto("container_measurements", "RETURNING id"));
    columns.bind(q);
    return insertReturningId(q);
}

QList<ContainerMeasurement> Catalog::containerMeasurements(qint64 containerId,
                                                           const QDateTime &since, int limit) const
{
    QSqlQuery q(database());
    q.setForwardOnly(true);
    // The newest `limit`, turned oldest first below: a long history is cut at its old end.
    q.prepare(QStringLiteral("SELECT %1 FROM container_measurements WHERE container_id = ? AND "
                             "measured_at >= ? ORDER BY measured_at DESC, id DESC LIMIT ?")
                  .arg(QLatin1String(kMeasurementColumns)));
    q.addBindValue(containerId);
    q.addBindValue(since.isValid() ? text::fromTime(since) : QStringLiteral(""));
    q.addBindValue(limit);
    QList<ContainerMeasurement> out;
    if (!q.exec())
        failQuery(q);
    while (q.next())
        out << readMeasurement(q);
    std::reverse(out.begin(), out.end());
    return out;
}

QList<CheckHistoryPoint> Catalog::checkHistory(qint64 checkId, int limit) const
{
    QSqlQuery q(database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
        "SELECT m.operation_id, COALESCE(o.ended_at, o.started_at, o.created_at), m.result, "
        "m.details, m.asserted_records, m.anomalous_records, m.measured, m.observed, "
        "m.expected_low, m.expected_high FROM check_metrics m JOIN operations o ON o.id = "
        "m.operation_id "
        "WHERE m.check_id = ? ORDER BY m.id DESC LIMIT ?"));
    q.addBindValue(checkId);
    q.addBindValue(limit);
    QList<CheckHistoryPoint> out;
    if (!q.exec())
        failQuery(q);
    while (q.next()) {
        CheckHistoryPoint p;
        p.operationId = q.value(0).toLongLong();
        p.at = text::toTime(q.value(1).toString());
        p.result = q.value(2).toString();
        p.details = q.value(3).toString();
        const qint64 asserted = q.value(4).toLongLong();
        p.failureRatio = asserted > 0 ? double(q.value(5).toLongLong()) / double(asserted) : 0.0;
        p.measured = catalog::finiteOrNaN(q.value(6));
        p.observed = catalog::finiteOrNaN(q.value(7));
        p.expectedLow = catalog::finiteOrNaN(q.value(8));
        p.expectedHigh = catalog::finiteOrNaN(q.value(9));
        out << p;
    }
    std::reverse(out.begin(), out.end());
    return out;
}

} // namespace assay
