#pragma once

#include "app/connectors/SourceSession.h"
#include "app/enrichment/EnrichmentWriter.h"

#include <memory>
#include <optional>

namespace assay {

class OperationContext;

// Sends each container's scan results to the linked enrichment datastore, on the worker
// thread. Nothing a scan owes the enrichment datastore is lost: recordOwed() notes the results
// in the scan's own Catalog transaction, write() sends them once that commits and then clears
// the note. A process killed in between, or a target that cannot be reached, created in or
// written to, leaves the note; the operation says so, and writeOwed() (at the start of a resume
// or of the datastore's next scan) sends it. The first failure is logged as a warning naming
// the cause and the fix, and later containers are only noted.
class ScanEnrichmentSink
{
public:
    ScanEnrichmentSink(OperationContext &context, RemediationStrategy remediation);
    ~ScanEnrichmentSink();
    ScanEnrichmentSink(const ScanEnrichmentSink &) = delete;
    ScanEnrichmentSink &operator=(const ScanEnrichmentSink &) = delete;

    bool isLinked() const;
    // Inside the Catalog transaction that records `result`: notes that it is owed (nothing when
    // no enrichment datastore is linked; `pendingId` 0 then). False on a Catalog error.
    bool recordOwed(const ContainerScanResult &result, qint64 *pendingId);
    // After that transaction: writes `result` and clears its note `pendingId`.
    void write(const ContainerScanResult &result, qint64 pendingId);
    // Writes what earlier runs of this datastore's scans still owe, oldest first.
    void writeOwed();
    bool failed() const { return m_failed; }
    int written() const { return m_written; }

private:
    bool open();
    void fail(const QString &cause);
    // Writes `result` (`attempt` as EnrichmentWriter::write), then clears note `pendingId`.
    bool send(const ContainerScanResult &result, RemediationStrategy remediation,
              EnrichmentWriter::Attempt attempt, qint64 pendingId);

    OperationContext &m_context;
    RemediationStrategy m_remediation;
    std::unique_ptr<SourceSession> m_session;
    std::optional<EnrichmentWriter> m_writer;
    bool m_failed = false;
    int m_written = 0;
};

} // namespace assay
