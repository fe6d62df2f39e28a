#pragma once

#include "domain/Container.h"
#include "domain/Datastore.h"
#include "engine/scan/ScanContainer.h"
#include "engine/scan/ScanOptions.h"
#include "enrichment/EnrichmentWriter.h"

#include <QSet>

namespace assay {

class Catalog;

// Turns what a container scan found into check metrics and anomalies, and records them:
// record anomalies up to the rollup threshold, beyond it one rolled-up shape anomaly; shape
// anomalies for coverage and table-level rules; fingerprints, so that a recurring anomaly is
// recognised (archive duplicates, reactivate recurring), and auto-resolution of the open
// anomalies of checks that now pass.
class ScanRecorder
{
public:
    ScanRecorder(Catalog &catalog, const ScanOptions &options, const Datastore &datastore,
                 qint64 operationId);

    // Builds the container's results (nothing written yet). `fullScan`: every record was
    // read (no incremental scope, no record limit), so passing checks may resolve anomalies.
    ContainerScanResult build(const Container &container, const ContainerFindings &findings,
                              bool fullScan);
    // Writes the results to the Catalog: anomalies, then metrics, then status changes. Fills
    // anomaly ids. False with `error`.
    bool write(ContainerScanResult &result, QString *error);

    int skippedDuplicates() const { return m_skipped; }
    int reactivated() const { return m_reactivated; }
    int resolved() const { return m_resolved; }

    // A stable hash of a check and what failed (a row, or the kind of shape).
    static QString fingerprint(qint64 checkId, const QString &kind, const QJsonObject &payload);

private:
    QList<Anomaly> anomaliesOf(const Container &container, const CheckOutcome &outcome) const;
    void reconcile(QList<Anomaly> &fresh, qint64 containerId, qint64 checkId);

    Catalog &m_catalog;
    ScanOptions m_options;
    Datastore m_datastore;
    qint64 m_operationId = 0;
    QList<qint64> m_toReactivate, m_toResolve;
    int m_skipped = 0, m_reactivated = 0, m_resolved = 0;
};

} // namespace assay
