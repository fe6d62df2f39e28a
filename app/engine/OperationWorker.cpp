#include "app/engine/OperationWorker.h"

#include "app/engine/OperationContext.h"
#include "app/engine/OperationRecords.h"
#include "app/engine/ProcessIdentity.h"
#include "models/domain/Clock.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QThread>

Q_DECLARE_LOGGING_CATEGORY(lcEngine)

namespace assay {

namespace {

// How often a worker waiting for its datastore looks again.
constexpr int kClaimPollMs = 500;

} // namespace

OperationWorker::OperationWorker(QObject *parent) : QObject(parent) {}

bool OperationWorker::claimDatastore(const Operation &op, const CancelToken &token, QString *error)
{
    bool told = false;
    for (;;) {
        const Result<qint64> claim =
            m_catalog.claimDatastore(op.id, op.datastoreId, currentRunnerId());
        if (claim.failed()) {
            *error = claim.error();
            return false;
        }
        if (claim.value() == 0)
            return true;
        if (claim.value() > 0 && !told) {
            told = true;
            m_catalog.warnUnless(
                m_catalog.appendOperationLog(
                    op.id, {Clock::utcNow(), QStringLiteral("info"),
                            tr("Waiting: operation %1 of this datastore is running in another "
                               "process; operations on one datastore run one at a time.")
                                .arg(claim.value())}),
                "appendOperationLog");
        }
        // A holder whose process died is released instead of being waited for forever.
        operation_records::recoverOrphans(m_catalog);
        if (token.isCancelled()) {
            *error = tr("Aborted by the user while it waited for its datastore.");
            return false;
        }
        QThread::msleep(kClaimPollMs);
    }
}

bool OperationWorker::ensureCatalog(const QString &path, QString *error)
{
    if (m_catalog.isOpen() && m_catalog.path() == path)
        return true;
    if (m_catalog.open(path))
        return true;
    *error = m_catalog.lastError();
    return false;
}

void OperationWorker::run(const WorkItem &item)
{
    QString error;
    if (!ensureCatalog(item.catalogPath, &error)) {
        emit finished(item.operationId, 0, operation_status::kFailure, error);
        return;
    }
    auto stored = m_catalog.operation(item.operationId);
    const auto datastore =
        stored ? m_catalog.datastore(stored->datastoreId) : Lookup<Datastore>::notFound();
    if (stored.failed() || datastore.failed()) {
        emit finished(item.operationId, stored ? stored->datastoreId : 0,
                      operation_status::kFailure,
                      tr("The catalog could not be read: %1")
                          .arg(stored.failed() ? stored.error() : datastore.error()));
        return;
    }
    if (!stored || !datastore) {
        emit finished(item.operationId, stored ? stored->datastoreId : 0,
                      operation_status::kFailure,
                      tr("The operation or its datastore no longer exists."));
        return;
    }
    Operation op = *stored;
    QString waitError;
    if (!claimDatastore(op, *item.token, &waitError)) {
        const QString status =
            item.token->isCancelled() ? operation_status::kAborted : operation_status::kFailure;
        if (status == operation_status::kAborted) {
            m_catalog.warnUnless(m_catalog.markOperationAborted(op.id, waitError),
                                 "markOperationAborted");
        } else {
            op.status = status;
            op.message = waitError;
            op.endedAt = Clock::utcNow();
            m_catalog.warnUnless(m_catalog.updateOperation(op), "updateOperation");
        }
        emit finished(op.id, op.datastoreId, status, waitError);
        return;
    }
    const bool resuming = op.startedAt.isValid();
    op.status = operation_status::kRunning;
    op.runner = currentRunnerId();
    op.endedAt = QDateTime();
    op.message.clear();
    if (!resuming)
        op.startedAt = Clock::utcNow();
    m_catalog.warnUnless(m_catalog.updateOperation(op), "updateOperation");
    m_catalog.warnUnless(
        m_catalog.appendOperationLog(op.id, {Clock::utcNow(), QStringLiteral("info"),
                                             resuming ? tr("Resumed.") : tr("Started.")}),
        "appendOperationLog");
    emit started(op.id);

    QElapsedTimer clock;
    clock.start();
    OperationContext context(
        m_catalog, op, *datastore, item.source, item.token,
        [&](double fraction, const QString &step) {
            emit progressed({op.id, op.datastoreId, fraction, step, clock.elapsed()});
        });
    context.setEnrichmentSettings(item.enrichment);
    OperationOutcome outcome;
    if (auto runner = createOperationRunner(op.type)) {
        outcome = runner->run(context);
    } else {
        outcome = {operation_status::kFailure,
                   tr("Assay cannot run operations of type “%1” yet.").arg(op.type)};
    }
    if (item.token->isCancelled() && outcome.status != operation_status::kSuccess)
        outcome = {operation_status::kAborted, tr("Aborted by the user; it can be resumed.")};

    op.status = outcome.status;
    op.message = outcome.message;
    op.endedAt = Clock::utcNow();
    if (outcome.status == operation_status::kSuccess ||
        outcome.status == operation_status::kWarning)
        op.progress = 1.0;
    const QString level =
        outcome.status == operation_status::kFailure || outcome.status == operation_status::kAborted
            ? QStringLiteral("error")
            : QStringLiteral("info");
    // The outcome's line, unless the runner's last line already said it.
    const QString line = outcome.message.isEmpty() ? outcome.status : outcome.message;
    if (!context.justLogged(level, line))
        m_catalog.warnUnless(m_catalog.appendOperationLog(op.id, {op.endedAt, level, line}),
                             "appendOperationLog");
    if (!m_catalog.updateOperation(op))
        qCWarning(lcEngine) << "cannot record the end of operation" << op.id
                            << m_catalog.lastError();
    emit finished(op.id, op.datastoreId, op.status, op.message);
}

} // namespace assay
