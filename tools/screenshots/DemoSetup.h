#pragma once

#include <QString>

namespace assay {
class Catalog;
class OperationEngine;
} // namespace assay

namespace assay::screenshots {

// Leaves the Demo Shop as Assay's first start does (ui/GuiMain.cpp): generated next to the
// catalog, registered, synced, given its checks (one per deliberate defect), profiled and
// scanned, so every surface has content: containers, profiles, inferred checks, anomalies and
// activity. Each operation is waited for, all within `timeoutMs`. Returns the datastore id, or 0
// with `error` when a step fails.
qint64 prepareDemoShop(Catalog &catalog, OperationEngine &engine, int timeoutMs, QString *error);

// Adds an enrichment-only SQLite datastore ("Quality Results") beside the catalog, so the Link
// Enrichment dialog has one to offer; returns its id, or 0 with `error`.
qint64 addEnrichmentDatastore(Catalog &catalog, QString *error);

} // namespace assay::screenshots
