#include "app/engine/OperationRecords.h"

#include "app/engine/ProcessIdentity.h"
#include "models/catalog/Catalog.h"
#include "models/domain/Clock.h"

#include <QCoreApplication>

namespace assay::operation_records {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(assay::OperationEngine)
};

bool failWith(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

} // namespace

qint64 create(Catalog &catalog, const OperationRequest &request, const QString &runner,
              QString *error)
{
    const auto datastore = catalog.datastore(request.datastoreId);
    if (datastore.failed()) {
        failWith(error, datastore.error());
        return 0;
    }
    if (!datastore) {
        failWith(error, Text::tr("The datastore does not exist."));
        return 0;
    }
    if (request.type.isEmpty()) {
        failWith(error, Text::tr("No operation type was given."));
        return 0;
    }
    Operation op;
    op.datastoreId = request.datastoreId;
    op.type = request.type;
    op.status = operation_status::kQueued;
    op.triggeredBy = request.triggeredBy;
    op.scheduleId = request.scheduleId;
    op.options = request.options;
    op.runner = runner;
    op.createdAt = Clock::utcNow();
    const qint64 id = catalog.addOperation(op);
    if (!id)
        failWith(error, catalog.lastError());
    return id;
}

bool requeue(Catalog &catalog, qint64 operationId, const QString &runner, QString *error,
             qint64 *datastoreId)
{
    auto op = catalog.operation(operationId);
    if (op.failed())
        return failWith(error, op.error());
    if (!op)
        return failWith(error, Text::tr("Operation %1 does not exist.").arg(operationId));
    if (op->status != operation_status::kAborted && op->status != operation_status::kFailure)
        return failWith(
            error,
            Text::tr("Only an aborted or failed operation can be resumed; operation %1 is %2.")
                .arg(operationId)
                .arg(op->status));
    op->status = operation_status::kQueued;
    op->runner = runner;
    op->message.clear();
    op->endedAt = QDateTime();
    if (!catalog.updateOperation(*op))
        return failWith(error, catalog.lastError());
    catalog.warnUnless(
        catalog.appendOperationLog(
            operationId, {Clock::utcNow(), QStringLiteral("info"), Text::tr("Queued to resume.")}),
        "appendOperationLog");
    if (datastoreId)
        *datastoreId = op->datastoreId;
    return true;
}

QList<qint64> recoverOrphans(Catalog &catalog, const std::function<bool(qint64)> &activeHere)
{
    QList<qint64> marked;
    const QDateTime now = Clock::utcNow();
    for (const Operation &op : catalog.unfinishedOperations()) {
        if ((activeHere && activeHere(op.id)) || isRunnerAlive(op.runner))
            continue;
        // Unclaimed: created, or re-queued by `operations resume` (its log's last line), for
        // a detached runner that is still starting.
        if (!op.runner.contains(QLatin1Char(':'))) {
            QDateTime queuedAt = op.createdAt;
            const QList<OperationLogEntry> log = catalog.operationLog(op.id);
            if (!log.isEmpty() && log.constLast().at > queuedAt)
                queuedAt = log.constLast().at;
            if (queuedAt.isValid() && queuedAt.secsTo(now) < kClaimGraceSeconds)
                continue;
        }
        const QString reason =
            op.status == operation_status::kRunning
                ? Text::tr("The process running this operation stopped (it was closed or "
                           "killed); resume it to continue.")
                : Text::tr("The process that would run this queued operation stopped before "
                           "it could start; resume it to run it.");
        if (catalog.warnUnless(catalog.markOperationAborted(op.id, reason), "markOperationAborted"))
            marked << op.id;
    }
    return marked;
}

} // namespace assay::operation_records
