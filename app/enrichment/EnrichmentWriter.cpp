#include "enrichment/EnrichmentWriter.h"

// Skeleton: the enrichment engineer replaces this with the real writer.
namespace assay {

EnrichmentWriter::EnrichmentWriter(QSqlDatabase target, SqlDialect dialect, QString schema,
                                   QString prefix)
    : m_db(std::move(target)), m_dialect(dialect), m_schema(std::move(schema)),
      m_prefix(std::move(prefix))
{
}

bool EnrichmentWriter::prepare(QString *error)
{
    if (error)
        *error = QStringLiteral("enrichment writing is not implemented yet");
    return false;
}

bool EnrichmentWriter::write(const ContainerScanResult &, RemediationStrategy, QString *error)
{
    if (error)
        *error = QStringLiteral("enrichment writing is not implemented yet");
    return false;
}

} // namespace assay
