#pragma once

#include "app/connectors/Discovery.h"

#include <functional>

namespace assay {

// What Sync of a folder can report beside the containers it found.
struct FolderSyncNotes
{
    QStringList warnings; // files skipped or read in part, with the reason
    std::function<bool()> cancelled;
    std::function<void(double)> progress; // 0..1 over the files
};

// Sync for a local folder (connector "local"): every CSV/TSV (with a header), NDJSON/JSON-lines
// file and JSON array of objects under `root`, each optionally gzip-compressed (.gz), is a
// container; files in one folder with the same extension and the same name pattern (digits
// varying: sales_2024-01.csv, sales_2024-02.csv) form one globbed container ("sales_*.csv")
// whose files are its partitions. Each container is read by the file engine's own readers:
// its encoding and (CSV) delimiter detected, its fields from the header or the first records,
// typed from a bounded sample. Repeated, empty or case-colliding names get distinct names
// (the original kept as the field's source name); at most 10,000 columns are read. A file that
// cannot be read is skipped with a warning; the others are synced.
bool discoverFolder(const QString &root, QVector<DiscoveredContainer> *out, QString *error,
                    FolderSyncNotes *notes = nullptr);

// "sales_2024-01.csv" -> "sales_*.csv": runs of digits (with separators) become one "*".
QString fileNamePattern(const QString &fileName);

// The type a column of text values looks like: integral, fractional, boolean, date, timestamp
// or string ("" values are ignored).
QString inferTextType(const QStringList &values);

} // namespace assay
