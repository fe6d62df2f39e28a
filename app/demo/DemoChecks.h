#pragma once

#include <QString>

namespace assay {

class Catalog;

namespace demo {

// The checks a data engineer would write for the Demo Shop, one per deliberate defect family
// (missing and malformed e-mails, duplicated e-mails and payment references, prices at or
// below zero, negative quantities, order dates in the future, missing shipping countries), so
// the first Scan shows real anomalies. Needs the synced containers; adds only the checks not
// there yet (by rule and fields) and returns how many it added, -1 with `error` on failure.
int addDemoChecks(Catalog &catalog, qint64 datastoreId, QString *error = nullptr);

} // namespace demo
} // namespace assay
