#pragma once

#include "models/domain/Datastore.h"

#include <QHash>
#include <QJsonObject>
#include <QStringList>
#include <QVariant>

namespace assay {

// Scan options (API type "scan", reference spec 3.2). Defaults that the datastore's enrichment
// link sets (rollup threshold, source example limit, remediation) come from it.
struct ScanOptions
{
    QStringList containers;      // empty: every container not removed
    QStringList checkCategories; // "metadata", "data_integrity"; default both
    bool incremental = false;    // rows past each container's high-water mark
    QString greaterThanTime;     // starting threshold (last-modified strategy)
    QVariant greaterThanBatch;   // starting threshold (batch-value strategy)
    qint64 recordLimit = 0;      // records read per container, 0: all (1..1e9)
    bool archiveDuplicateAnomalies = true;
    bool reactivateRecurringAnomalies = false;
    bool autoResolvePassedAnomalies = true; // full scans only
    int rollupThreshold = 10;               // 1..1000
    qint64 sourceRecordLimit = 10;          // 1..1e9
    QHash<QString, QString> checkVariables; // {{name}} in filters and expressions
    RemediationStrategy remediation = RemediationStrategy::None;

    static ScanOptions fromJson(const QJsonObject &options, const Datastore &datastore);
    QJsonObject toJson() const;
    bool includes(const QString &category) const { return checkCategories.contains(category); }
};

} // namespace assay
