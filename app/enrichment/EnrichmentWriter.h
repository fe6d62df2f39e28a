#pragma once

#include "app/connectors/SqlDialect.h"
#include "models/domain/Anomaly.h"
#include "models/domain/Check.h"
#include "models/domain/Datastore.h"

#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QSqlDatabase>
#include <QStringList>

namespace assay {

namespace enrichment {
class TableWriter;
}

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
    // append, or replace the container's table, per `remediation`. Calls prepare() first when
    // it has not succeeded yet. On failure the transaction is rolled back: none of the rows of
    // this result remain (a remediation table created or widened just before may, empty of
    // them, since MySQL cannot roll DDL back).
    //
    // What is written (see EnrichmentTables.h for the columns and their types):
    // - one _scan_operations row; one _check_metrics row per metric;
    // - one _failed_checks row per anomaly x failed check: QUALITY_CHECK_FIELDS and
    //   QUALITY_CHECK_TAGS as JSON arrays of names, QUALITY_CHECK_PARAMETERS as the check's
    //   properties in JSON, ANOMALOUS_RECORDS_COUNT the anomaly's count, FINGERPRINT the
    //   anomaly's fingerprint as an integer (a decimal or <= 16-digit hex fingerprint as is, any
    //   other text as the first 63 bits of its SHA-256; NULL when it has none);
    //   SUGGESTED_REMEDIATION_* and QUALITY_CHECK_METADATA stay NULL;
    // - _source_records: at most result.sourceRecordLimit rows per anomaly (none when it is
    //   <= 0), RECORD the row as compact JSON, CONTEXT the anomaly's message;
    // - remediation (not None): the same source rows, each source column's value as text,
    //   in `<prefix>_remediation_<container_id>` (columns: result.sourceColumns, or when that
    //   is empty the keys the rows hold; no table when there are neither). Append keeps every
    //   scan's rows. Overwrite empties the table at the first write of that container by this
    //   writer (one writer per scan operation), so a scan's partitions all stay and only the last
    //   scan remains.
    //
    // A Retry writes a result that an earlier attempt may have written in part or whole (the
    // process was killed between the write and recording that it was done): the rows of that
    // container, partition and operation, and of its anomalies, are deleted first in the same
    // transaction, so a result is never in the tables twice.
    enum class Attempt { First, Retry };
    bool write(const ContainerScanResult &result, RemediationStrategy remediation, QString *error,
               Attempt attempt = Attempt::First);

    const QString &prefix() const { return m_prefix; }
    // `<prefix>_remediation_<container_id>`.
    QString remediationTable(qint64 containerId) const;

private:
    // Attempt::Retry: deletes what an earlier attempt at `result` left, inside the transaction.
    bool deleteEarlierAttempt(enrichment::TableWriter &tables, const ContainerScanResult &result,
                              const QString &remediationName, bool remediate, QString *error);

    QSqlDatabase m_db;
    SqlDialect m_dialect;
    QString m_schema;
    QString m_prefix;
    bool m_prepared = false;
    QSet<qint64> m_replacedRemediation; // containers whose table this writer has replaced
};

} // namespace assay
