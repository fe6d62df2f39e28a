#pragma once

#include "app/engine/OperationContext.h"
#include "app/engine/scan/ScanOptions.h"

namespace assay {

// Runs the active checks of the chosen containers inside the source database (API type
// "scan"). Per container: schema checks against the live columns (a failure ends that
// container), one aggregate pass counting asserted and failing records for every check,
// bounded example queries for failing checks only; anomalies and check metrics to the Catalog,
// then to the linked enrichment datastore. Incremental scans read the rows past each
// container's high-water mark.
class ScanOperation : public OperationRunner
{
public:
    OperationOutcome run(OperationContext &context) override;
};

} // namespace assay
