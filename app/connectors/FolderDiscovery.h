#pragma once

#include "connectors/Discovery.h"

#include <functional>

namespace assay {

// Sync for a local folder (connector "local"): every CSV/TSV (with a header) and NDJSON/JSON-lines
// file under `root` is a container; files in one folder with the same extension and the same
// name pattern (digits varying: sales_2024-01.csv, sales_2024-02.csv) form one globbed container
// ("sales_*.csv") whose files are its partitions. Fields come from the header or the first
// records, with types inferred from a bounded sample.
bool discoverFolder(const QString &root, QVector<DiscoveredContainer> *out, QString *error,
                    const std::function<bool()> &cancelled = {});

// "sales_2024-01.csv" -> "sales_*.csv": runs of digits (with separators) become one "*".
QString fileNamePattern(const QString &fileName);

// The type a column of text values looks like: integral, fractional, boolean, date, timestamp
// or string ("" values are ignored).
QString inferTextType(const QStringList &values);

} // namespace assay
