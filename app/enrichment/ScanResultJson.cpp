#include "app/enrichment/ScanResultJson.h"

#include "models/domain/Json.h"

#include <QJsonArray>

namespace assay::enrichment {

namespace {

// 64-bit ids and counts as decimal text: a JSON number is a double, exact only to 2^53.
QJsonValue number(qint64 value)
{
    return QString::number(value);
}

qint64 numberOf(const QJsonValue &value)
{
    return value.isString() ? value.toString().toLongLong() : qint64(value.toDouble());
}

QJsonValue time(const QDateTime &at)
{
    return at.isValid() ? QJsonValue(text::fromTime(at)) : QJsonValue();
}

QDateTime timeOf(const QJsonValue &value)
{
    return value.isString() ? text::toTime(value.toString()) : QDateTime();
}

QStringList stringsOf(const QJsonValue &value)
{
    QStringList out;
    for (const QJsonValue &v : value.toArray())
        out << v.toString();
    return out;
}

QJsonObject anomalyToJson(const Anomaly &a)
{
    QJsonArray failed;
    for (const AnomalyFailedCheck &fc : a.failedChecks)
        failed << QJsonObject{{"check_id", number(fc.checkId)},
                              {"rule", fc.rule},
                              {"fields", QJsonArray::fromStringList(fc.fields)},
                              {"message", fc.message}};
    return {{"uuid", a.uuid},
            {"operation_id", number(a.operationId)},
            {"message", a.message},
            {"anomalous_records", number(a.anomalousRecordCount)},
            {"fingerprint", a.fingerprint},
            {"partition", a.partition},
            {"created_at", time(a.createdAt)},
            {"failed_checks", failed},
            {"source_records", a.sourceRecords}};
}

Anomaly anomalyFromJson(const QJsonObject &o)
{
    Anomaly a;
    a.uuid = o.value("uuid").toString();
    a.operationId = numberOf(o.value("operation_id"));
    a.message = o.value("message").toString();
    a.anomalousRecordCount = numberOf(o.value("anomalous_records"));
    a.fingerprint = o.value("fingerprint").toString();
    a.partition = o.value("partition").toString();
    a.createdAt = timeOf(o.value("created_at"));
    for (const QJsonValue &v : o.value("failed_checks").toArray()) {
        const QJsonObject f = v.toObject();
        a.failedChecks << AnomalyFailedCheck{
            numberOf(f.value("check_id")), f.value("rule").toString(), stringsOf(f.value("fields")),
            f.value("message").toString()};
    }
    a.sourceRecords = o.value("source_records").toArray();
    return a;
}

} // namespace

QJsonObject scanResultToJson(const ContainerScanResult &r)
{
    QJsonArray metrics;
    for (const CheckMetric &m : r.metrics)
        metrics << QJsonObject{{"operation_id", number(m.operationId)},
                               {"check_id", number(m.checkId)},
                               {"container_id", number(m.containerId)},
                               {"asserted", number(m.assertedRecords)},
                               {"anomalous", number(m.anomalousRecords)},
                               {"result", m.result},
                               {"details", m.details}};
    QJsonArray anomalies;
    for (const Anomaly &a : r.anomalies)
        anomalies << anomalyToJson(a);
    // Only what the enrichment rows name of each check.
    QJsonArray checks;
    for (auto it = r.checks.cbegin(); it != r.checks.cend(); ++it)
        checks << QJsonObject{{"id", number(it.key())},
                              {"rule", it->rule},
                              {"fields", QJsonArray::fromStringList(it->fields)},
                              {"tags", QJsonArray::fromStringList(it->tags)},
                              {"properties", it->properties},
                              {"description", it->description}};
    return {{"operation_id", number(r.operationId)},
            {"datastore_id", number(r.datastoreId)},
            {"datastore_name", r.datastoreName},
            {"container_id", number(r.containerId)},
            {"container_name", r.containerName},
            {"partition", r.partition},
            {"incremental", r.incremental},
            {"records_processed", number(r.recordsProcessed)},
            {"source_record_limit", number(r.sourceRecordLimit)},
            {"max_records_analyzed", number(r.maxRecordsAnalyzed)},
            {"start_time", time(r.startTime)},
            {"end_time", time(r.endTime)},
            {"result", r.result},
            {"message", r.message},
            {"metrics", metrics},
            {"anomalies", anomalies},
            {"checks", checks},
            {"source_columns", QJsonArray::fromStringList(r.sourceColumns)}};
}

std::optional<ContainerScanResult> scanResultFromJson(const QJsonObject &o)
{
    ContainerScanResult r;
    r.operationId = numberOf(o.value("operation_id"));
    r.containerId = numberOf(o.value("container_id"));
    if (r.operationId <= 0 || r.containerId <= 0)
        return std::nullopt;
    r.datastoreId = numberOf(o.value("datastore_id"));
    r.datastoreName = o.value("datastore_name").toString();
    r.containerName = o.value("container_name").toString();
    r.partition = o.value("partition").toString();
    r.incremental = o.value("incremental").toBool();
    r.recordsProcessed = numberOf(o.value("records_processed"));
    r.sourceRecordLimit = numberOf(o.value("source_record_limit"));
    r.maxRecordsAnalyzed = numberOf(o.value("max_records_analyzed"));
    r.startTime = timeOf(o.value("start_time"));
    r.endTime = timeOf(o.value("end_time"));
    r.result = o.value("result").toString();
    r.message = o.value("message").toString();
    for (const QJsonValue &v : o.value("metrics").toArray()) {
        const QJsonObject m = v.toObject();
        CheckMetric metric;
        metric.operationId = numberOf(m.value("operation_id"));
        metric.checkId = numberOf(m.value("check_id"));
        metric.containerId = numberOf(m.value("container_id"));
        metric.assertedRecords = numberOf(m.value("asserted"));
        metric.anomalousRecords = numberOf(m.value("anomalous"));
        metric.result = m.value("result").toString();
        metric.details = m.value("details").toString();
        r.metrics << metric;
    }
    for (const QJsonValue &v : o.value("anomalies").toArray())
        r.anomalies << anomalyFromJson(v.toObject());
    for (const QJsonValue &v : o.value("checks").toArray()) {
        const QJsonObject c = v.toObject();
        Check check;
        check.id = numberOf(c.value("id"));
        check.rule = c.value("rule").toString();
        check.fields = stringsOf(c.value("fields"));
        check.tags = stringsOf(c.value("tags"));
        check.properties = c.value("properties").toObject();
        check.description = c.value("description").toString();
        r.checks.insert(check.id, check);
    }
    r.sourceColumns = stringsOf(o.value("source_columns"));
    return r;
}

} // namespace assay::enrichment
