#pragma once

#include "app/connectors/SourceSession.h"
#include "app/engine/CancelToken.h"
#include "models/domain/Container.h"
#include "models/domain/Datastore.h"
#include "models/domain/Operation.h"

#include <QElapsedTimer>
#include <QPair>
#include <QSet>
#include <functional>
#include <optional>

namespace assay {

class Catalog;

// How long one statement of an operation may run (6 hours): MySQL/MariaDB's read timeout,
// PostgreSQL's statement_timeout.
inline constexpr int kOperationStatementTimeoutSeconds = 6 * 3600;

// What an operation runner sees while it runs on a worker thread: its record, the datastore,
// the source connection settings (secrets resolved), the worker's own Catalog, the cancel
// token, and ways to report progress and log lines.
class OperationContext
{
public:
    using ProgressSink = std::function<void(double fraction, const QString &step)>;

    OperationContext(Catalog &catalog, Operation &operation, Datastore datastore,
                     ConnectionSettings source, CancelTokenPtr token, ProgressSink progress);

    Catalog &catalog() { return m_catalog; }
    Operation &operation() { return m_operation; }
    const Datastore &datastore() const { return m_datastore; }
    const ConnectionSettings &sourceSettings() const { return m_source; }
    // Scan: the linked enrichment datastore's connection (secrets resolved, writable), when the
    // datastore is linked and the target still exists.
    const std::optional<ConnectionSettings> &enrichmentSettings() const { return m_enrichment; }
    void setEnrichmentSettings(std::optional<ConnectionSettings> settings)
    {
        m_enrichment = std::move(settings);
    }
    CancelToken &token() { return *m_token; }
    bool isCancelled() const { return m_token->isCancelled(); }

    // Reports progress; written to the Catalog at most once a second.
    void progress(double fraction, const QString &step);
    void info(const QString &message);
    void warning(const QString &message);
    void error(const QString &message);
    int warningCount() const { return m_warnings; }
    // Whether the latest line this run logged is `message` at `level` (the runner often logs its
    // failure before returning it as the outcome: the worker then does not log it again).
    bool justLogged(const QString &level, const QString &message) const
    {
        return m_lastLogged.first == level && m_lastLogged.second == message;
    }

    // Writes the options as the runner understood them (defaults filled in) back into the
    // operation, so its detail shows what really ran.
    void recordEffectiveOptions(const QJsonObject &effective);
    // The datastore's containers named in `names` (each unknown name is a warning) and those
    // carrying one of the operation's `container_tags` option; every container not removed, by
    // name, when neither is given. `namesById` (optional) receives every present container's
    // name.
    QList<Container> chosenContainers(const QStringList &names,
                                      QHash<qint64, QString> *namesById = nullptr);

    // Resume support: containers finished by an earlier, aborted run of this operation.
    bool isContainerFinished(const QString &container) const;
    void markContainerFinished(const QString &container);

    // Opens a source session on this thread and arms the cancel token with the driver's
    // statement cancel. The session must be closed with closeSource() before it is destroyed.
    std::unique_ptr<SourceSession> openSource();
    void closeSource(std::unique_ptr<SourceSession> &session);

private:
    // Session settings that suit one-shot analytical statements (PostgreSQL: no JIT).
    static void tuneForOneShotAggregates(SourceSession &session);
    // Notes the server session the source runs on in the operation (SourceBackend), first
    // ending those that earlier, killed runs left behind (this operation's, and those of the
    // datastore's kLeftoverLookback latest aborted operations).
    void recordBackend(SourceSession &session);
    static constexpr int kLeftoverLookback = 5;
    void log(const QString &level, const QString &message);

    Catalog &m_catalog;
    Operation &m_operation;
    Datastore m_datastore;
    ConnectionSettings m_source;
    std::optional<ConnectionSettings> m_enrichment;
    CancelTokenPtr m_token;
    ProgressSink m_progress;
    QElapsedTimer m_lastWrite;
    int m_warnings = 0;
    QPair<QString, QString> m_lastLogged; // level, message
};

// The outcome of a run: status (success, warning, failure, aborted) and one line for the user.
struct OperationOutcome
{
    QString status;
    QString message;
};

// One kind of operation (Sync, Profile, Scan). Runs on a worker thread.
class OperationRunner
{
public:
    virtual ~OperationRunner() = default;
    virtual OperationOutcome run(OperationContext &context) = 0;
};

// The runner for an operation type, or nullptr for an unknown type.
std::unique_ptr<OperationRunner> createOperationRunner(const QString &type);

// Adds (or replaces) the runner of an operation type: how Profile and Scan plug in, and how
// tests add operations of their own. Call before the engine runs anything.
using OperationRunnerFactory = std::function<std::unique_ptr<OperationRunner>()>;
void registerOperationRunner(const QString &type, OperationRunnerFactory factory);

} // namespace assay
