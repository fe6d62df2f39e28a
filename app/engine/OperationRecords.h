#pragma once

#include "app/engine/OperationRequest.h"

#include <QString>

namespace assay {

class Catalog;

// How an operation is recorded before it runs, in one place for every front door: the engine
// (window, scheduler, `--wait`) and the CLI's detached runner.
namespace operation_records {

// Records a queued operation for `request`, owned by `runner` (empty: whichever runner claims
// it). Its id, or 0 with `error`.
qint64 create(Catalog &catalog, const OperationRequest &request, const QString &runner,
              QString *error);

// Queues an aborted or failed operation again, owned by `runner`, with a "Queued to resume."
// line in its log. False with `error` when it does not exist or cannot be resumed.
bool requeue(Catalog &catalog, qint64 operationId, const QString &runner, QString *error);

} // namespace operation_records

} // namespace assay
