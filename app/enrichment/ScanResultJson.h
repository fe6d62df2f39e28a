#pragma once

#include "app/enrichment/EnrichmentWriter.h"

#include <QJsonObject>
#include <optional>

namespace assay::enrichment {

// A container's scan result as JSON and back: what the Catalog keeps as a pending enrichment
// write until the enrichment datastore has it (Catalog::addPendingEnrichmentWrite). Holds exactly
// what EnrichmentWriter::write reads, so a result written from its JSON gives the same rows.
QJsonObject scanResultToJson(const ContainerScanResult &result);
// std::nullopt when `json` is not such a result (no operation or container id).
std::optional<ContainerScanResult> scanResultFromJson(const QJsonObject &json);

} // namespace assay::enrichment
