#include "app/engine/scan/ScanEnrichment.h"

#include "app/connectors/ConnectorSpec.h"
#include "app/engine/OperationContext.h"
#include "app/enrichment/ScanResultJson.h"
#include "models/catalog/Catalog.h"

#include <QCoreApplication>
#include <QThread>

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
                 "schema “%3”, or unlink it. The scan's results are kept in Assay and are "
                 "written there when this operation is resumed or at the next scan of %4.")
            .arg(target, cause, settings ? settings->schema : QString(),
                 m_context.datastore().name));
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

bool ScanEnrichmentSink::recordOwed(const ContainerScanResult &result, qint64 *pendingId)
{
    *pendingId = 0;
    if (!isLinked())
        return true;
    PendingEnrichmentWrite owed;
    owed.operationId = result.operationId;
    owed.datastoreId = result.datastoreId;
    owed.containerId = result.containerId;
    owed.result = enrichment::scanResultToJson(result);
    owed.remediation = remediationToString(m_remediation);
    *pendingId = m_context.catalog().addPendingEnrichmentWrite(owed);
    return *pendingId != 0;
}

bool ScanEnrichmentSink::send(const ContainerScanResult &result, RemediationStrategy remediation,
                              EnrichmentWriter::Attempt attempt, qint64 pendingId)
{
    if (m_failed || !open())
        return false;
    // A test pauses here to kill the process between the Catalog's commit and the write.
    static const int pause = qEnvironmentVariableIntValue("ASSAY_TEST_PAUSE_BEFORE_ENRICHMENT");
    if (pause > 0 && attempt == EnrichmentWriter::Attempt::First) {
        m_context.info(QStringLiteral("Test hook: pausing before the enrichment write."));
        QThread::sleep(pause);
    }
    Catalog &catalog = m_context.catalog();
    QString error;
    if (!m_writer->write(result, remediation, &error, attempt)) {
        error = error.isEmpty() ? Text::tr("the write failed.") : error;
        if (pendingId)
            catalog.warnUnless(catalog.notePendingEnrichmentWriteFailure(pendingId, error),
                               "notePendingEnrichmentWriteFailure");
        fail(error);
        return false;
    }
    ++m_written;
    if (pendingId)
        catalog.warnUnless(catalog.removePendingEnrichmentWrite(pendingId),
                           "removePendingEnrichmentWrite");
    return true;
}

void ScanEnrichmentSink::write(const ContainerScanResult &result, qint64 pendingId)
{
    if (isLinked())
        send(result, m_remediation, EnrichmentWriter::Attempt::First, pendingId);
}

void ScanEnrichmentSink::writeOwed()
{
    if (!isLinked())
        return;
    Catalog &catalog = m_context.catalog();
    const qint64 self = m_context.operation().id;
    for (const PendingEnrichmentWrite &owed :
         catalog.pendingEnrichmentWrites(m_context.datastore().id)) {
        const std::optional<ContainerScanResult> result =
            enrichment::scanResultFromJson(owed.result);
        if (!result) {
            m_context.warning(Text::tr("The enrichment rows that operation %1 owed for container "
                                       "%2 are unreadable and were dropped.")
                                  .arg(owed.operationId)
                                  .arg(owed.containerId));
            catalog.warnUnless(catalog.removePendingEnrichmentWrite(owed.id),
                               "removePendingEnrichmentWrite");
            continue;
        }
        if (!send(*result, remediationFromString(owed.remediation),
                  EnrichmentWriter::Attempt::Retry, owed.id))
            return;
        m_context.info(owed.operationId == self
                           ? Text::tr("Wrote the enrichment rows of %1 that the earlier run of "
                                      "this operation had not written.")
                                 .arg(result->containerName)
                           : Text::tr("Wrote the enrichment rows of %1 that operation %2 had not "
                                      "written.")
                                 .arg(result->containerName)
                                 .arg(owed.operationId));
    }
}

} // namespace assay
