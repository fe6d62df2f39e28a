#include "app/engine/scan/ScanOptions.h"

#include <QJsonArray>

namespace assay {

namespace {

const QString kMetadata = QStringLiteral("metadata");
const QString kIntegrity = QStringLiteral("data_integrity");

// A JSON number or numeric string, clamped to [low, high]; `fallback` when absent or invalid.
qint64 bounded(const QJsonValue &v, qint64 low, qint64 high, qint64 fallback)
{
    bool ok = v.isDouble();
    double d = v.toDouble();
    if (v.isString())
        d = v.toString().toDouble(&ok);
    if (!ok || d < 1)
        return fallback;
    return qBound(low, qint64(d), high);
}

} // namespace

ScanOptions ScanOptions::fromJson(const QJsonObject &o, const Datastore &datastore)
{
    ScanOptions s;
    for (const QJsonValue &v : o.value(QStringLiteral("containers")).toArray())
        if (!v.toString().isEmpty())
            s.containers << v.toString();
    QJsonValue categories = o.value(QStringLiteral("check_categories"));
    if (categories.isString()) // "metadata,data_integrity" from a command line
        categories = QJsonArray::fromStringList(categories.toString().split(u','));
    for (const QJsonValue &v : categories.toArray()) {
        const QString c = v.toString().trimmed().toLower();
        if ((c == kMetadata || c == kIntegrity) && !s.checkCategories.contains(c))
            s.checkCategories << c;
    }
    if (s.checkCategories.isEmpty())
        s.checkCategories = {kMetadata, kIntegrity};
    s.incremental = o.value(QStringLiteral("incremental")).toBool(false);
    s.greaterThanTime = o.value(QStringLiteral("greater_than_time")).toString();
    if (o.contains(QStringLiteral("greater_than_batch")) &&
        !o.value(QStringLiteral("greater_than_batch")).isNull())
        s.greaterThanBatch = o.value(QStringLiteral("greater_than_batch")).toVariant();
    s.recordLimit = bounded(o.value(QStringLiteral("record_limit")), 1, 1000000000, 0);
    s.archiveDuplicateAnomalies =
        o.value(QStringLiteral("archive_duplicate_anomalies")).toBool(true);
    s.reactivateRecurringAnomalies =
        o.value(QStringLiteral("reactivate_recurring_anomalies")).toBool(false);
    s.autoResolvePassedAnomalies =
        o.value(QStringLiteral("auto_resolve_passed_anomalies")).toBool(true);
    const EnrichmentLink &link = datastore.enrichment;
    s.rollupThreshold = int(bounded(o.value(QStringLiteral("high_count_rollup_threshold")), 1, 1000,
                                    link.rollupThreshold > 0 ? link.rollupThreshold : 10));
    s.sourceRecordLimit =
        bounded(o.value(QStringLiteral("enrichment_source_record_limit")), 1, 1000000000,
                link.sourceRecordLimit > 0 ? link.sourceRecordLimit : 10);
    const QJsonObject variables = o.value(QStringLiteral("check_variables")).toObject();
    for (auto it = variables.begin(); it != variables.end(); ++it)
        s.checkVariables.insert(it.key(), it.value().isString()
                                              ? it.value().toString()
                                              : it.value().toVariant().toString());
    const QJsonValue remediation = o.value(QStringLiteral("remediation"));
    s.remediation =
        remediation.isString() ? remediationFromString(remediation.toString()) : link.remediation;
    return s;
}

QJsonObject ScanOptions::toJson() const
{
    QJsonObject variables;
    for (auto it = checkVariables.begin(); it != checkVariables.end(); ++it)
        variables.insert(it.key(), it.value());
    QJsonObject o{{QStringLiteral("containers"), QJsonArray::fromStringList(containers)},
                  {QStringLiteral("check_categories"), QJsonArray::fromStringList(checkCategories)},
                  {QStringLiteral("incremental"), incremental},
                  {QStringLiteral("archive_duplicate_anomalies"), archiveDuplicateAnomalies},
                  {QStringLiteral("reactivate_recurring_anomalies"), reactivateRecurringAnomalies},
                  {QStringLiteral("auto_resolve_passed_anomalies"), autoResolvePassedAnomalies},
                  {QStringLiteral("high_count_rollup_threshold"), rollupThreshold},
                  {QStringLiteral("enrichment_source_record_limit"), double(sourceRecordLimit)},
                  {QStringLiteral("check_variables"), variables},
                  {QStringLiteral("remediation"), remediationToString(remediation)}};
    if (recordLimit > 0)
        o.insert(QStringLiteral("record_limit"), double(recordLimit));
    if (!greaterThanTime.isEmpty())
        o.insert(QStringLiteral("greater_than_time"), greaterThanTime);
    if (greaterThanBatch.isValid())
        o.insert(QStringLiteral("greater_than_batch"), QJsonValue::fromVariant(greaterThanBatch));
    return o;
}

} // namespace assay
