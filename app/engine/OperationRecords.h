#pragma once

#include "app/engine/OperationRequest.h"

#include <QList>
#include <QString>
#include <functional>

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
// line in its log, and gives its datastore. False with `error` when it does not exist or cannot
// be resumed.
bool requeue(Catalog &catalog, qint64 operationId, const QString &runner, QString *error,
             qint64 *datastoreId = nullptr);

// Marks aborted every operation still queued or running whose runner process is gone (killed,
// crashed, its machine's process list says so), so that no process shows it running forever and
// it can be resumed. Operations `activeHere` says this process runs are left alone, as is one no
// runner has claimed yet for kClaimGraceSeconds after it was queued or re-queued (a detached
// runner is starting to claim it). Returns the ids marked.
constexpr int kClaimGraceSeconds = 60;
QList<qint64> recoverOrphans(Catalog &catalog,
                             const std::function<bool(qint64 operationId)> &activeHere = {});

} // namespace operation_records

} // namespace assay
