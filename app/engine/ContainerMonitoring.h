#pragma once

#include "app/monitoring/ContainerMeasure.h"
#include "models/domain/Check.h"

#include <QList>

namespace assay {

class OperationContext;
class SourceSession;

// How far back a container's history is read to judge it: the longest training window and
// its weekly pattern, with room to spare.
inline constexpr int kHistoryDays = 120;

// The container's measurements the judges learn from (oldest first), as the catalog holds them
// before this operation adds its own.
QList<ContainerMeasurement> containerHistory(OperationContext &context, qint64 containerId);

// Measures `container` for its history on the operation's source connection
// (monitoring::measureContainer): the pass's figures first, the statistics next, and a query of
// its own only for what an active check of `checks` needs. Problems are logged as warnings.
ContainerMeasurement measureForHistory(OperationContext &context, SourceSession &session,
                                       const Container &container,
                                       const monitoring::PassFigures &pass,
                                       const QList<Check> &checks,
                                       const QList<ContainerMeasurement> &history);

} // namespace assay
