#pragma once

#include "app/engine/scan/ScanContainer.h"
#include "app/engine/scan/ScanOptions.h"
#include "app/enrichment/EnrichmentWriter.h"
#include "models/domain/Container.h"
#include "models/domain/Datastore.h"

#include <QSet>

namespace assay {

class Catalog;

// A change a scan makes to an earlier anomaly of the container.
struct AnomalyStatusChange
{
    qint64 anomalyId = 0;
    QString status; // Active (reactivated), Duplicate (archived), Resolved (auto-resolved)
    QString comment;
    bool applied = false; // set by ScanRecorder::write
};

// What the scan of one container records in the Catalog.
struct ContainerScanRecord
{
    ContainerScanResult result; // metrics and new anomalies: what the enrichment tables get too
    QList<AnomalyStatusChange> statusChanges;

    // Applied changes to `status`.
    int applied(const QString &status) const;
};

// Turns what a container scan found into check metrics and anomalies, and records them:
// record anomalies up to the rollup threshold, beyond it one rolled-up shape anomaly; shape
// anomalies for coverage and table-level rules. Every anomaly carries a fingerprint (the check
// and what failed: the row, or the kind of shape), by which the anomalies of earlier scans are
// reconciled with the new ones (see build()).
class ScanRecorder
{
public:
    // What the scan of a container read: it decides what the scan may conclude.
    struct Reading
    {
        bool incremental = false;    // only the rows past the high-water mark / threshold
        bool sawEveryRecord = false; // auto-resolution allowed (see ScanOperation)
    };

    ScanRecorder(Catalog &catalog, const ScanOptions &options, const Datastore &datastore,
                 qint64 operationId);

    // Builds the container's results (nothing written yet). Per evaluated check, with the open
    // anomalies of that check on the container:
    // - Reactivate Recurring Anomalies: a new anomaly whose fingerprint has no open anomaly but
    //   an archived original (Resolved or Invalid) is created as that original's Duplicate, and
    //   the original is reactivated: one open anomaly per fingerprint.
    // - Archive Duplicate Anomalies: otherwise the new anomaly is created Active, and the open
    //   anomalies of earlier scans with its fingerprint are archived as Duplicate.
    // - Auto-resolve (`reading.sawEveryRecord` and the option): an open anomaly whose
    //   fingerprint no longer fails is Resolved. A check that passes resolves all of its open
    //   anomalies; one that fails resolves the shapes it no longer has (another figure, a
    //   rollup now below the threshold), and the records that no longer fail when the scan
    //   lists every failing record (record anomalies); when it rolls up, which records still
    //   fail is unknown, so their anomalies stay open.
    // A check that was not evaluated (schema abort) or could not run gets an "unasserted"
    // metric and changes nothing.
    ContainerScanRecord build(const Container &container, const ContainerFindings &findings,
                              const Reading &reading);
    // Writes the anomalies, the metrics, then the status changes to the Catalog, filling the
    // anomaly ids. A status someone changed meanwhile so that the scan's change no longer
    // applies is left as they set it. Meant to run inside the container's CatalogTransaction.
    // False with `error`.
    bool write(ContainerScanRecord &record, QString *error);

    // A stable hash of a check and what failed (a row, or the kind of shape).
    static QString fingerprint(qint64 checkId, const QString &kind, const QJsonObject &payload);

private:
    QList<Anomaly> anomaliesOf(const Container &container, const CheckOutcome &outcome,
                               const QString &partitionColumn) const;
    void reconcile(const Container &container, const CheckOutcome &outcome, QList<Anomaly> &fresh,
                   bool autoResolve, QList<AnomalyStatusChange> &changes) const;

    Catalog &m_catalog;
    ScanOptions m_options;
    Datastore m_datastore;
    qint64 m_operationId = 0;
};

} // namespace assay
