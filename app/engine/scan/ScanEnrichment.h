#pragma once

#include "app/connectors/SourceSession.h"
#include "app/enrichment/EnrichmentWriter.h"

#include <memory>
#include <optional>

namespace assay {

class OperationContext;

// Sends each container's scan results to the linked enrichment datastore, on the worker
// thread. The connection opens on the first write. A target that cannot be reached, created
// in or written to never loses the scan: the first failure is logged as a warning naming the
// cause and the fix, and later containers are not attempted.
class ScanEnrichmentSink
{
public:
    ScanEnrichmentSink(OperationContext &context, RemediationStrategy remediation);
    ~ScanEnrichmentSink();
    ScanEnrichmentSink(const ScanEnrichmentSink &) = delete;
    ScanEnrichmentSink &operator=(const ScanEnrichmentSink &) = delete;

    bool isLinked() const;
    void write(const ContainerScanResult &result);
    bool failed() const { return m_failed; }
    int written() const { return m_written; }

private:
    bool open();
    void fail(const QString &cause);

    OperationContext &m_context;
    RemediationStrategy m_remediation;
    std::unique_ptr<SourceSession> m_session;
    std::optional<EnrichmentWriter> m_writer;
    bool m_failed = false;
    int m_written = 0;
};

} // namespace assay
