#pragma once

#include "app/engine/scan/ScanContainer.h"
#include "models/domain/Measurement.h"

namespace assay {

class Catalog;

// Judges the checks of a scanned container that keep a history: volumetric and freshness
// against the container's earlier measurements `history` and this scan's `now`, metric
// against the check's earlier figures (app/monitoring/HistoryJudge.h). A check not judged yet
// (learning, no baseline) is left unasserted with the reason; one judged passes or fails as a
// figure of the container.
void judgeHistoryChecks(const Catalog &catalog, const QList<ContainerMeasurement> &history,
                        const ContainerMeasurement &now, ContainerFindings &found);

} // namespace assay
