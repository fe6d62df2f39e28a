#include "app/engine/scan/ScanEnrichment.h"

#include "app/connectors/ConnectorSpec.h"
#include "app/engine/OperationContext.h"

#include <QCoreApplication>

namespace assay {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(assay::ScanOperation)
};

} // namespace

ScanEnrichmentSink::ScanEnrichmentSink(OperationContext &context, RemediationStrategy remediation)
    : m_context(context), m_remediation(remediation)
{
}

ScanEnrichmentSink::~ScanEnrichmentSink()
{
    m_writer.reset(); // its QSqlDatabase handle goes before the session removes the connection
    m_session.reset();
}

bool ScanEnrichmentSink::isLinked() const
{
    return m_context.enrichmentSettings().has_value();
}

void ScanEnrichmentSink::fail(const QString &cause)
{
    m_failed = true;
    const auto &settings = m_context.enrichmentSettings();
    const QString target = settings ? settings->connection.name : QString();
    m_context.warning(
        Text::tr("The results were not written to the enrichment datastore (connection %1): %2 "
                 "Make sure it is reachable and that its user may create and write tables in "
                 "schema “%3”, or unlink it; the scan's results are kept in Assay.")
            .arg(target, cause, settings ? settings->schema : QString()));
}

bool ScanEnrichmentSink::open()
{
    if (m_writer)
        return true;
    ConnectionSettings settings = *m_context.enrichmentSettings();
    // Large batched inserts may take a while on a MySQL target.
    settings.statementTimeoutSeconds = kOperationStatementTimeoutSeconds;
    const ConnectorSpec *spec = connectors::find(settings.connection.type);
    if (!spec) {
        fail(Text::tr("its connector type is unknown."));
        return false;
    }
    m_session = std::make_unique<SourceSession>(settings);
    if (!m_session->open()) {
        fail(m_session->diagnosis().message() + QLatin1Char('.'));
        return false;
    }
    m_writer.emplace(m_session->database(), SqlDialect::forConnector(*spec), settings.schema,
                     m_context.datastore().enrichment.prefix);
    QString error;
    if (!m_writer->prepare(&error)) {
        fail(error.isEmpty() ? Text::tr("its tables could not be prepared.") : error);
        return false;
    }
    return true;
}

void ScanEnrichmentSink::write(const ContainerScanResult &result)
{
    if (!isLinked() || m_failed || !open())
        return;
    QString error;
    if (!m_writer->write(result, m_remediation, &error)) {
        fail(error.isEmpty() ? Text::tr("the write failed.") : error);
        return;
    }
    ++m_written;
}

} // namespace assay
