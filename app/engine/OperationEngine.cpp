#include "app/engine/OperationEngine.h"

#include "app/connectors/ConnectorSpec.h"
#include "app/engine/OperationRecords.h"
#include "app/engine/ProcessIdentity.h"
#include "app/secrets/ConnectionReferences.h"
#include "app/secrets/CredentialStore.h"
#include "app/secrets/VaultClient.h"
#include "app/secrets/VaultConfig.h"
#include "models/catalog/Catalog.h"
#include "models/domain/Clock.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QSet>
#include <QThreadPool>

Q_LOGGING_CATEGORY(lcEngine, "assay.engine")

namespace assay {

namespace {

// An abort's escalation (InterruptLevel): the statement cancel at once and every 200 ms for two
// seconds (the worker may be between two statements when one arrives), the server session
// ended after kTerminateAfterMs, the connection dropped after kDisconnectAfterMs.
constexpr int kTerminateAfterMs = 5000;
constexpr int kDisconnectAfterMs = 10000;

void escalateUntilFinished(CancelToken &token)
{
    QElapsedTimer elapsed;
    elapsed.start();
    bool terminated = false;
    while (!token.isFinished()) {
        if (elapsed.elapsed() >= kDisconnectAfterMs) {
            qCWarning(lcEngine) << "the server did not answer the abort: dropping the connection";
            token.interruptRunningStatement(InterruptLevel::Disconnect);
            return;
        }
        if (elapsed.elapsed() >= kTerminateAfterMs && !terminated) {
            qCWarning(lcEngine) << "the statement did not stop: ending its server session";
            token.interruptRunningStatement(InterruptLevel::Terminate);
            terminated = true;
        } else if (elapsed.elapsed() < 2000) {
            token.interruptRunningStatement(InterruptLevel::Cancel);
        }
        QThread::msleep(200);
    }
}

} // namespace

OperationEngine::OperationEngine(Catalog *catalog, CredentialStore *credentials, int workerCount,
                                 QObject *parent)
    : QObject(parent), m_catalog(catalog), m_credentials(credentials)
{
    qRegisterMetaType<WorkItem>();
    qRegisterMetaType<OperationProgress>();
    for (int i = 0; i < qMax(1, workerCount); ++i) {
        WorkerSlot slot;
        slot.thread = new QThread(this);
        slot.thread->setObjectName(QStringLiteral("assay-worker-%1").arg(i));
        slot.worker = new OperationWorker;
        slot.worker->moveToThread(slot.thread);
        connect(slot.thread, &QThread::finished, slot.worker, &QObject::deleteLater);
        connect(slot.worker, &OperationWorker::started, this, &OperationEngine::onWorkerStarted);
        connect(slot.worker, &OperationWorker::progressed, this,
                [this](const OperationProgress &progress) {
                    const auto it = m_running.find(progress.operationId);
                    if (it != m_running.end())
                        it->last = progress;
                    emit operationProgress(progress);
                });
        connect(slot.worker, &OperationWorker::finished, this, &OperationEngine::onWorkerFinished);
        slot.thread->start();
        m_workers.push_back(slot);
    }
    m_abortPoll.setInterval(500);
    connect(&m_abortPoll, &QTimer::timeout, this, &OperationEngine::pollAbortRequests);
}

void OperationEngine::pollAbortRequests()
{
    if (isIdle()) {
        m_abortPoll.stop();
        return;
    }
    QList<qint64> ids = m_running.keys();
    for (const Pending &p : m_pending)
        ids << p.operationId;
    for (qint64 id : m_catalog->abortRequested(ids))
        abort(id);
}

void OperationEngine::queue(qint64 operationId, qint64 datastoreId)
{
    Pending pending;
    pending.operationId = operationId;
    pending.datastoreId = datastoreId;
    m_pending.push_back(pending);
    emit operationQueued(operationId, datastoreId);
    m_abortPoll.start();
    resolveSecrets(operationId);
    dispatch();
}

bool OperationEngine::adopt(qint64 operationId)
{
    auto op = m_catalog->operation(operationId);
    if (!op)
        return fail(tr("Operation %1 does not exist.").arg(operationId));
    if (op->status != operation_status::kQueued || isActive(operationId))
        return fail(tr("Operation %1 is not waiting to run.").arg(operationId));
    op->runner = currentRunnerId();
    if (!m_catalog->updateOperation(*op))
        return fail(m_catalog->lastError());
    queue(operationId, op->datastoreId);
    return true;
}

OperationEngine::~OperationEngine()
{
    // Stop what runs (its statement too), then let each worker record the abort and end. A
    // worker stuck on a server that ignores the cancel gets the next levels (see
    // escalateUntilFinished), so closing the window never hangs on a frozen server.
    const auto interruptAll = [this](InterruptLevel level) {
        for (const Running &running : std::as_const(m_running))
            running.token->interruptRunningStatement(level);
    };
    for (const Running &running : std::as_const(m_running))
        running.token->cancel();
    interruptAll(InterruptLevel::Cancel);
    for (WorkerSlot &slot : m_workers) {
        slot.thread->quit();
        if (slot.thread->wait(kTerminateAfterMs))
            continue;
        interruptAll(InterruptLevel::Terminate);
        if (slot.thread->wait(kDisconnectAfterMs - kTerminateAfterMs))
            continue;
        interruptAll(InterruptLevel::Disconnect);
        slot.thread->wait();
    }
    for (const Pending &pending : m_pending)
        m_catalog->warnUnless(
            m_catalog->markOperationAborted(pending.operationId,
                                            tr("Assay closed before this operation started.")),
            "markOperationAborted");
}

bool OperationEngine::fail(const QString &message)
{
    m_lastError = message;
    return false;
}

int OperationEngine::recoverInterrupted()
{
    return int(operation_records::recoverOrphans(*m_catalog, [this](qint64 id) {
                   return isActive(id);
               }).size());
}

qint64 OperationEngine::enqueue(const OperationRequest &request)
{
    QString error;
    const qint64 id = operation_records::create(*m_catalog, request, currentRunnerId(), &error);
    if (!id) {
        fail(error);
        return 0;
    }
    queue(id, request.datastoreId);
    return id;
}

OperationEngine::Pending *OperationEngine::pendingFor(qint64 operationId)
{
    for (Pending &p : m_pending)
        if (p.operationId == operationId)
            return &p;
    return nullptr;
}

// Builds the source settings (and, for a scan of a datastore linked to an enrichment datastore,
// the enrichment target's) from the Catalog, and reads each secret from the keychain without
// waiting: the operation becomes ready when the last answer arrives.
void OperationEngine::resolveSecrets(qint64 operationId)
{
    Pending *pending = pendingFor(operationId);
    const auto datastore = m_catalog->datastore(pending->datastoreId);
    const auto connection =
        datastore ? m_catalog->connection(datastore->connectionId) : Lookup<Connection>::notFound();
    if (datastore.failed() || connection.failed()) {
        pending->failure = tr("The catalog could not be read: %1")
                               .arg(datastore.failed() ? datastore.error() : connection.error());
        return;
    }
    if (!connection) {
        pending->failure = tr("The datastore's connection no longer exists.");
        return;
    }
    pending->source.connection = *connection;
    pending->source.database = datastore->database;
    pending->source.schema = datastore->schema;
    const auto operation = m_catalog->operation(operationId);
    if (operation && operation->type == operation_type::kScan && datastore->enrichment.isLinked()) {
        const auto target = m_catalog->datastore(datastore->enrichment.enrichmentDatastoreId);
        const auto targetConnection =
            target ? m_catalog->connection(target->connectionId) : Lookup<Connection>::notFound();
        // A missing target is the scan's to report (as a warning), not a reason not to run.
        if (targetConnection) {
            ConnectionSettings settings;
            settings.connection = *targetConnection;
            settings.database = target->database;
            settings.schema = target->schema;
            settings.writable = true;
            pending->enrichment = settings;
        }
    }
    readSecrets(operationId, false);
    if (pending->enrichment)
        readSecrets(operationId, true);
}

void OperationEngine::readSecrets(qint64 operationId, bool enrichment)
{
    Pending *pending = pendingFor(operationId);
    const ConnectionSettings &settings = enrichment ? *pending->enrichment : pending->source;
    int &outstanding =
        enrichment ? pending->enrichmentSecretsOutstanding : pending->sourceSecretsOutstanding;
    outstanding = int(settings.connection.secretFields.size());
    if (outstanding == 0 && usesVault(settings.connection))
        fetchVaultSecrets(operationId, enrichment);
    const Connection connection = settings.connection;
    for (const QString &field : connection.secretFields) {
        m_credentials->read(connection.uuid, field,
                            [this, operationId, field, enrichment](const CredentialResult &result) {
                                Pending *p = pendingFor(operationId);
                                if (!p)
                                    return; // aborted meanwhile
                                ConnectionSettings &s = enrichment ? *p->enrichment : p->source;
                                int &left = enrichment ? p->enrichmentSecretsOutstanding
                                                       : p->sourceSecretsOutstanding;
                                --left;
                                if (result.ok())
                                    s.secrets.insert(field, result.secret);
                                else if (p->failure.isEmpty())
                                    p->failure = result.message;
                                if (left == 0 && p->failure.isEmpty() && usesVault(s.connection))
                                    fetchVaultSecrets(operationId, enrichment);
                                dispatch();
                            });
    }
}

// With Secrets Management on, ${key} references are resolved from Vault each time an operation
// opens the connection; the values live in memory only.
void OperationEngine::fetchVaultSecrets(qint64 operationId, bool enrichment)
{
    Pending *pending = pendingFor(operationId);
    ConnectionSettings &settings = enrichment ? *pending->enrichment : pending->source;
    VaultConfig config =
        VaultConfig::fromJson(settings.connection.parameters.value(kSecretsManagerKey).toObject());
    config.credentialsPayload = settings.secrets.take(kVaultPayloadField);
    // The Vault answer is one more secret to wait for.
    ++(enrichment ? pending->enrichmentSecretsOutstanding : pending->sourceSecretsOutstanding);
    auto *client = new VaultClient(this);
    connect(client, &VaultClient::finished, this,
            [this, operationId, client, enrichment](const QHash<QString, QString> &secrets,
                                                    const QString &error) {
                client->deleteLater();
                Pending *p = pendingFor(operationId);
                if (!p)
                    return;
                ConnectionSettings &s = enrichment ? *p->enrichment : p->source;
                --(enrichment ? p->enrichmentSecretsOutstanding : p->sourceSecretsOutstanding);
                QStringList missing;
                if (!error.isEmpty())
                    p->failure = tr("Vault: %1").arg(error);
                else
                    s = resolveConnectionReferences(s, secrets, &missing);
                if (p->failure.isEmpty() && !missing.isEmpty())
                    p->failure =
                        tr("The Vault secret has no %1.").arg(missing.join(QStringLiteral(", ")));
                dispatch();
            });
    client->fetch(config);
}

bool OperationEngine::isActive(qint64 operationId) const
{
    if (m_running.contains(operationId))
        return true;
    for (const Pending &p : m_pending)
        if (p.operationId == operationId)
            return true;
    return false;
}

OperationProgress OperationEngine::activeOperation(qint64 datastoreId) const
{
    for (auto it = m_running.constBegin(); it != m_running.constEnd(); ++it)
        if (it->datastoreId == datastoreId) {
            OperationProgress p = it->last;
            p.operationId = it.key();
            p.datastoreId = datastoreId;
            return p;
        }
    for (const Pending &p : m_pending)
        if (p.datastoreId == datastoreId)
            return {p.operationId, datastoreId, 0, QString(), 0};
    return {};
}

bool OperationEngine::isDatastoreBusy(qint64 datastoreId) const
{
    for (const Running &r : m_running)
        if (r.datastoreId == datastoreId)
            return true;
    for (const Pending &p : m_pending)
        if (p.datastoreId == datastoreId)
            return true;
    return false;
}

void OperationEngine::dispatch()
{
    QSet<qint64> blocked; // datastores with an operation running or ahead in the queue
    for (const Running &r : std::as_const(m_running))
        blocked.insert(r.datastoreId);
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        if (blocked.contains(it->datastoreId)) {
            ++it;
            continue;
        }
        blocked.insert(it->datastoreId);
        if (!it->failure.isEmpty() && it->secretsOutstanding() <= 0) {
            const Pending failed = *it;
            it = m_pending.erase(it);
            finishWithoutRunning(failed.operationId, operation_status::kFailure, failed.failure);
            blocked.remove(failed.datastoreId);
            it = m_pending.begin(); // the datastore is free again: rescan in order
            continue;
        }
        if (it->secretsOutstanding() > 0) {
            ++it;
            continue;
        }
        auto idle = std::find_if(m_workers.begin(), m_workers.end(),
                                 [](const WorkerSlot &s) { return s.operationId == 0; });
        if (idle == m_workers.end())
            return;
        WorkItem item;
        item.operationId = it->operationId;
        item.catalogPath = m_catalog->path();
        item.source = it->source;
        item.enrichment = it->enrichment;
        item.token = std::make_shared<CancelToken>();
        idle->operationId = it->operationId;
        m_running.insert(it->operationId, {it->datastoreId, int(idle - m_workers.begin()),
                                           item.token, OperationProgress()});
        it = m_pending.erase(it);
        // Queued onto the worker's thread; a member call (not a method name in a string) so a
        // rename fails to compile.
        OperationWorker *worker = idle->worker;
        QMetaObject::invokeMethod(
            worker, [worker, item] { worker->run(item); }, Qt::QueuedConnection);
    }
}

void OperationEngine::onWorkerStarted(qint64 operationId)
{
    const auto it = m_running.constFind(operationId);
    if (it == m_running.constEnd())
        return;
    m_catalog->notifyOperationsChanged(it->datastoreId);
    emit operationStarted(operationId, it->datastoreId);
}

void OperationEngine::onWorkerFinished(qint64 operationId, qint64 datastoreId,
                                       const QString &status, const QString &message)
{
    const Running running = m_running.take(operationId);
    if (running.worker >= 0)
        m_workers[size_t(running.worker)].operationId = 0;
    if (running.token) {
        running.token->markFinished();
        running.token->clearInterrupter();
    }
    // The worker wrote through its own connection: tell this Catalog's listeners what it may
    // have changed. Only Sync changes containers (the tree re-reads them, which would lose a
    // selected table after every Profile or Scan).
    const auto finished = m_catalog->operation(operationId);
    const QString type = finished ? finished->type : QString();
    if (type != operation_type::kProfile && type != operation_type::kScan)
        m_catalog->notifyContainersChanged(datastoreId);
    if (type == operation_type::kProfile || type == operation_type::kScan) {
        m_catalog->notifyChecksChanged(datastoreId);
        m_catalog->notifyAnomaliesChanged(datastoreId);
    }
    m_catalog->notifyOperationsChanged(datastoreId);
    qCInfo(lcEngine) << "operation" << operationId << status << message;
    emit operationFinished(operationId, datastoreId, status, message);
    dispatch();
    if (isIdle())
        emit idle();
}

void OperationEngine::finishWithoutRunning(qint64 operationId, const QString &status,
                                           const QString &message)
{
    auto op = m_catalog->operation(operationId);
    if (!op)
        return;
    if (status == operation_status::kAborted) {
        m_catalog->warnUnless(m_catalog->markOperationAborted(operationId, message),
                              "markOperationAborted");
    } else {
        op->status = status;
        op->message = message;
        op->endedAt = Clock::utcNow();
        m_catalog->warnUnless(m_catalog->appendOperationLog(
                                  operationId, {op->endedAt, QStringLiteral("error"), message}),
                              "appendOperationLog");
        m_catalog->warnUnless(m_catalog->updateOperation(*op), "updateOperation");
    }
    emit operationFinished(operationId, op->datastoreId, status, message);
    if (isIdle())
        emit idle();
}

bool OperationEngine::abort(qint64 operationId)
{
    for (auto it = m_pending.begin(); it != m_pending.end(); ++it) {
        if (it->operationId != operationId)
            continue;
        m_pending.erase(it);
        finishWithoutRunning(operationId, operation_status::kAborted,
                             tr("Aborted by the user before it started."));
        dispatch();
        return true;
    }
    const auto it = m_running.constFind(operationId);
    if (it == m_running.constEnd())
        return fail(tr("Operation %1 is not queued or running here.").arg(operationId));
    CancelTokenPtr token = it->token;
    token->cancel();
    // The driver's cancel talks to the server: never on this thread.
    QThreadPool::globalInstance()->start([token] { escalateUntilFinished(*token); });
    return true;
}

bool OperationEngine::resume(qint64 operationId)
{
    if (isActive(operationId))
        return fail(tr("Operation %1 is already queued or running.").arg(operationId));
    QString error;
    qint64 datastoreId = 0;
    if (!operation_records::requeue(*m_catalog, operationId, currentRunnerId(), &error,
                                    &datastoreId))
        return fail(error);
    queue(operationId, datastoreId);
    return true;
}

qint64 OperationEngine::rerun(qint64 operationId)
{
    const auto op = m_catalog->operation(operationId);
    if (!op) {
        fail(tr("Operation %1 does not exist.").arg(operationId));
        return 0;
    }
    OperationRequest request;
    request.datastoreId = op->datastoreId;
    request.type = op->type;
    request.options = op->options;
    request.triggeredBy = QStringLiteral("user");
    return enqueue(request);
}

bool OperationEngine::remove(qint64 operationId)
{
    if (isActive(operationId))
        return fail(
            tr("Operation %1 is still queued or running; abort it first.").arg(operationId));
    const auto op = m_catalog->operation(operationId);
    if (!op)
        return fail(tr("Operation %1 does not exist.").arg(operationId));
    if (!operation_status::isFinished(op->status) && isRunnerAlive(op->runner))
        return fail(tr("Operation %1 is running in another Assay process.").arg(operationId));
    return m_catalog->removeOperation(operationId) || fail(m_catalog->lastError());
}

} // namespace assay
