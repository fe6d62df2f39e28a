#pragma once

#include "app/engine/OperationRequest.h"
#include "app/engine/OperationWorker.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QThread>
#include <QTimer>
#include <deque>
#include <optional>
#include <vector>

namespace assay {

class Catalog;
class CredentialStore;

// Runs Sync, Profile and Scan operations on a small pool of worker QThreads. Lives on the GUI
// (or CLI main) thread and never blocks it: requests queue FIFO, their secrets are read from
// the keychain asynchronously, and operations on one datastore run one at a time while other
// datastores run in parallel. Every state change is recorded in the Catalog.
class OperationEngine : public QObject
{
    Q_OBJECT
public:
    OperationEngine(Catalog *catalog, CredentialStore *credentials, int workerCount = 2,
                    QObject *parent = nullptr);
    ~OperationEngine() override;

    // Marks operations whose process died (crash, kill) as aborted, resumable. Call at start-up.
    int recoverInterrupted();

    // Queues an operation; returns its id (0 with lastError() when the request is invalid).
    qint64 enqueue(const OperationRequest &request);
    // Queued: dropped. Running: cancelled, and its running statement interrupted.
    bool abort(qint64 operationId);
    // Continues an aborted or failed operation from its first unfinished container.
    bool resume(qint64 operationId);
    // A new operation with the same datastore, type and options.
    qint64 rerun(qint64 operationId);
    // Runs an operation that another process queued (the CLI's detached runner).
    bool adopt(qint64 operationId);
    // Deletes a finished operation's record.
    bool remove(qint64 operationId);

    bool isActive(qint64 operationId) const;
    // The operation running (or else first queued) for a datastore, with its latest progress;
    // operationId 0 when the datastore is idle.
    OperationProgress activeOperation(qint64 datastoreId) const;
    bool isDatastoreBusy(qint64 datastoreId) const;
    bool isIdle() const { return m_pending.empty() && m_running.isEmpty(); }
    int workerCount() const { return int(m_workers.size()); }
    QString lastError() const { return m_lastError; }

signals:
    void operationQueued(qint64 operationId, qint64 datastoreId);
    void operationStarted(qint64 operationId, qint64 datastoreId);
    void operationProgress(const assay::OperationProgress &progress);
    void operationFinished(qint64 operationId, qint64 datastoreId, const QString &status,
                           const QString &message);
    void idle();

private:
    struct Pending
    {
        qint64 operationId = 0;
        qint64 datastoreId = 0;
        QString failure; // set when the request cannot run (keychain...)
        ConnectionSettings source;
        int sourceSecretsOutstanding = 0;
        // Scan writes to the linked enrichment datastore: its connection, secrets resolved too.
        std::optional<ConnectionSettings> enrichment;
        int enrichmentSecretsOutstanding = 0;

        int secretsOutstanding() const
        {
            return sourceSecretsOutstanding + enrichmentSecretsOutstanding;
        }
    };
    struct Running
    {
        qint64 datastoreId = 0;
        int worker = -1;
        CancelTokenPtr token;
        OperationProgress last;
    };
    struct WorkerSlot
    {
        QThread *thread = nullptr;
        OperationWorker *worker = nullptr;
        qint64 operationId = 0;
    };

    bool fail(const QString &message);
    bool prepare(Pending &pending);
    void resolveSecrets(qint64 operationId);
    // `enrichment` picks which settings of the pending operation: the source's or the
    // enrichment target's.
    void readSecrets(qint64 operationId, bool enrichment);
    void fetchVaultSecrets(qint64 operationId, bool enrichment);
    void dispatch();
    void onWorkerStarted(qint64 operationId);
    void onWorkerFinished(qint64 operationId, qint64 datastoreId, const QString &status,
                          const QString &message);
    void finishWithoutRunning(qint64 operationId, const QString &status, const QString &message);
    Pending *pendingFor(qint64 operationId);
    void queue(qint64 operationId, qint64 datastoreId);
    void pollAbortRequests();

    Catalog *m_catalog;
    CredentialStore *m_credentials;
    std::vector<WorkerSlot> m_workers;
    std::deque<Pending> m_pending;
    QHash<qint64, Running> m_running;
    QTimer m_abortPoll; // aborts asked for by other processes (CLI, another window)
    QString m_lastError;
};

} // namespace assay
