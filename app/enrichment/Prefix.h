#pragma once

#include <QString>
#include <QStringList>

namespace assay {

// The enrichment prefix (the API's `enrich_container_prefix`) starts the name of every table or
// file Assay writes for a source datastore into its enrichment datastore.

// The longest normalized prefix, leading underscore included.
constexpr int kMaxPrefixLength = 60;

// snake_case with exactly one leading underscore, safe as an unquoted SQL identifier start:
//   "Analytics Bronze" -> "_analytics_bronze",  "AnalyticsBronze" -> "_analytics_bronze",
//   "HTTPServer" -> "_http_server",  "  __Sales--2024__ " -> "_sales_2024",
//   "Café Crème" -> "_cafe_creme".
// Letters are lower-cased; accents are folded to ASCII where Unicode decomposition (NFKD)
// allows (plus ß, æ, œ, ø, đ, ł, þ); every run of other characters becomes one '_'; lower-case
// letters or digits followed by a capital start a new word. Already-normalized prefixes come
// back unchanged. Empty when the input has no ASCII letter or digit at all.
QString normalizeEnrichmentPrefix(const QString &input);

// Empty when `normalized` (a result of normalizeEnrichmentPrefix) can be used, else a plain
// message: empty, or longer than kMaxPrefixLength characters.
QString validateEnrichmentPrefix(const QString &normalized);

// The enrichment tables of a prefix: <prefix>_check_metrics, <prefix>_failed_checks,
// <prefix>_source_records, <prefix>_scan_operations. Empty for an empty prefix.
QStringList enrichmentTableNames(const QString &prefix);

} // namespace assay
