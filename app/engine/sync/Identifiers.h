#pragma once

#include "app/connectors/Discovery.h"

namespace assay {

// What Sync proposes for a container: how to read it incrementally and how to partition it.
struct ContainerIdentifiers
{
    QString incrementalStrategy; // "", "last-modified", "batch-value"
    QString incrementalField;
    QString partitionField;
};

// A timestamp like updated_at/modified_at gives "last-modified"; else a non-null integral key
// (id, <table>_id) gives "batch-value". The partition field prefers a non-null datetime, then an
// integral key; a partitioned table's partition key comes first.
ContainerIdentifiers detectIdentifiers(const DiscoveredContainer &container);

} // namespace assay
