#pragma once

#include "connectors/SqlDialect.h"
#include "domain/Anomaly.h"
#include "domain/Check.h"
#include "domain/Datastore.h"

#include <QDateTime>
#include <QHash>
#include <QSqlDatabase>
#include <QStringList>

namespace assay {

// What one Scan found in one container (partition), as the enrichment tables record it
// (reference spec 1.2): the scan row, a metric per asserted check, the anomalies with their
// failed checks and source rows.
struct ContainerScanResult
{
    qint64 operationId = 0;
    qint64 datastoreId = 0;
    QString datastoreName;
    qint64 containerId = 0;
    QString containerName;
    QString partition;
    bool incremental = false;
    qint64 recordsProcessed = 0;
    qint64 sourceRecordLimit = 10;
    qint64 maxRecordsAnalyzed = -1; // -1: all
    QDateTime startTime;
    QDateTime endTime;
    QString result; // the container's status: success, failure...
    QString message;
    QList<CheckMetric> metrics;
    QList<Anomaly> anomalies;    // with failedChecks and sourceRecords (<= sourceRecordLimit)
    QHash<qint64, Check> checks; // the checks the metrics and failed checks name, by id
    QStringList sourceColumns;   // the container's columns, for remediation tables
    bool fingerprints = false;   // Reactivate Recurring Anomalies: write FINGERPRINT
};

// Writes Scan results into an enrichment datastore: `<prefix>_check_metrics`,
// `<prefix>_failed_checks`, `<prefix>_source_records`, `<prefix>_scan_operations`, and
// `<prefix>_remediation_<container_id>` when the strategy is not None. Creates missing tables
// and adds missing columns first. Runs on the calling (worker) thread, on `target`, which must
// stay open while the writer lives.
class EnrichmentWriter
{
public:
    EnrichmentWriter(QSqlDatabase target, SqlDialect dialect, QString schema, QString prefix);

    // Creates or migrates the four enrichment tables. False with `error` naming the cause
    // (e.g. the database's "permission denied to create relation" text) and the fix.
    bool prepare(QString *error);
    // Writes one container's results in one transaction (batched inserts); remediation rows
    // append, or replace the container's table, per `remediation`.
    bool write(const ContainerScanResult &result, RemediationStrategy remediation,
               QString *error);

private:
    QSqlDatabase m_db;
    SqlDialect m_dialect;
    QString m_schema;
    QString m_prefix;
};

} // namespace assay
