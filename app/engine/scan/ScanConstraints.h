#pragma once

#include "app/connectors/SourceConstraints.h"
#include "models/domain/Check.h"
#include "models/domain/Container.h"

#include <QList>

namespace assay {

class OperationContext;
class SourceSession;
struct ContainerFindings;

// The constraints `container` has in the source now, read just before it is scanned (one
// metadata query, no rows) so that a constraint dropped since the last Sync is never trusted.
// Read only for a table of a connector whose constraints Assay trusts, and only when one of
// `checks` could be guaranteed by one; a refused read is logged and guarantees nothing.
QList<SourceConstraint> liveConstraints(SourceSession &session, OperationContext &context,
                                        const Container &container, const QList<Check> &checks);

// Logs, once per container, which checks a constraint answered without reading their values.
void logGuarantees(OperationContext &context, const Container &container,
                   const ContainerFindings &found);

} // namespace assay
