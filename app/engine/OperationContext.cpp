#include "app/engine/OperationContext.h"

#include "app/connectors/ConnectorSpec.h"
#include "app/engine/OperationRequest.h"
#include "app/engine/SourceBackend.h"
#include "app/engine/StatementInterrupter.h"
#include "app/engine/profile/ProfileOperation.h"
#include "app/engine/scan/ScanOperation.h"
#include "app/engine/sync/SyncOperation.h"
#include "models/catalog/Catalog.h"
#include "models/domain/Clock.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QSet>
#include <QSqlQuery>
#include <algorithm>
#include <mutex>

namespace assay {

namespace {
const QString kFinishedContainers = QStringLiteral("finished_containers");
}

OperationContext::OperationContext(Catalog &catalog, Operation &operation, Datastore datastore,
                                   ConnectionSettings source, CancelTokenPtr token,
                                   ProgressSink progress)
    : m_catalog(catalog), m_operation(operation), m_datastore(std::move(datastore)),
      m_source(std::move(source)), m_token(std::move(token)), m_progress(std::move(progress))
{
}

void OperationContext::progress(double fraction, const QString &step)
{
    m_operation.progress = qBound(0.0, fraction, 1.0);
    if (m_progress)
        m_progress(m_operation.progress, step);
    if (!m_lastWrite.isValid() || m_lastWrite.elapsed() > 1000) {
        m_lastWrite.start();
        m_catalog.warnUnless(m_catalog.updateOperation(m_operation), "updateOperation");
    }
}

void OperationContext::log(const QString &level, const QString &message)
{
    m_lastLogged = {level, message};
    m_catalog.warnUnless(
        m_catalog.appendOperationLog(m_operation.id, {Clock::utcNow(), level, message}),
        "appendOperationLog");
}

void OperationContext::info(const QString &message)
{
    log(QStringLiteral("info"), message);
}

void OperationContext::warning(const QString &message)
{
    ++m_warnings;
    log(QStringLiteral("warning"), message);
}

void OperationContext::error(const QString &message)
{
    log(QStringLiteral("error"), message);
}

bool OperationContext::isContainerFinished(const QString &container) const
{
    return m_operation.result.value(kFinishedContainers).toArray().contains(container);
}

void OperationContext::markContainerFinished(const QString &container)
{
    QJsonArray finished = m_operation.result.value(kFinishedContainers).toArray();
    if (!finished.contains(container))
        finished.append(container);
    m_operation.result.insert(kFinishedContainers, finished);
}

void OperationContext::recordEffectiveOptions(const QJsonObject &effective)
{
    for (auto it = effective.begin(); it != effective.end(); ++it)
        m_operation.options.insert(it.key(), it.value());
}

QList<Container> OperationContext::chosenContainers(const QStringList &names,
                                                    QHash<qint64, QString> *namesById)
{
    QHash<QString, Container> byName;
    for (const Container &c : m_catalog.containers(m_datastore.id)) {
        if (c.removed)
            continue;
        byName.insert(c.name, c);
        if (namesById)
            namesById->insert(c.id, c.name);
    }
    QStringList tags;
    for (const QJsonValue &v :
         m_operation.options.value(QStringLiteral("container_tags")).toArray())
        if (!v.toString().trimmed().isEmpty())
            tags << v.toString().trimmed();
    QList<Container> chosen;
    if (names.isEmpty() && tags.isEmpty()) {
        chosen = byName.values();
        std::sort(chosen.begin(), chosen.end(),
                  [](const Container &a, const Container &b) { return a.name < b.name; });
        return chosen;
    }
    QSet<QString> taken;
    for (const QString &name : names) {
        if (byName.contains(name)) {
            if (!taken.contains(name))
                chosen << byName.value(name);
            taken.insert(name);
        } else {
            warning(QCoreApplication::translate("assay::OperationContext", "No container named %1.")
                        .arg(name));
        }
    }
    if (!tags.isEmpty()) {
        QList<Container> tagged;
        for (const Container &c : std::as_const(byName))
            if (!taken.contains(c.name))
                for (const QString &tag : c.tags())
                    if (tags.contains(tag, Qt::CaseInsensitive)) {
                        tagged << c;
                        break;
                    }
        std::sort(tagged.begin(), tagged.end(),
                  [](const Container &a, const Container &b) { return a.name < b.name; });
        chosen << tagged;
        if (chosen.isEmpty())
            warning(QCoreApplication::translate("assay::OperationContext",
                                                "No container carries the tags %1.")
                        .arg(tags.join(QStringLiteral(", "))));
    }
    return chosen;
}

std::unique_ptr<SourceSession> OperationContext::openSource()
{
    ConnectionSettings settings = m_source;
    // A profile or scan statement may run for a long time; Abort stops it (KILL QUERY).
    settings.statementTimeoutSeconds = kOperationStatementTimeoutSeconds;
    auto session = std::make_unique<SourceSession>(settings);
    if (session->open()) {
        m_token->setInterrupter(makeStatementInterrupter(*session));
        tuneForOneShotAggregates(*session);
        recordBackend(*session);
    }
    return session;
}

void OperationContext::recordBackend(SourceSession &session)
{
    const QString key = QStringLiteral("source_backend");
    // A runner killed mid-statement leaves that statement running on the server, holding its
    // locks and competing with whatever runs next: this operation's earlier run (a resume) or
    // the datastore's latest aborted operations (a new run after a kill).
    QList<QPair<qint64, QJsonObject>> candidates{{m_operation.id, m_operation.result}};
    OperationQuery aborted;
    aborted.datastoreId = m_datastore.id;
    aborted.status = operation_status::kAborted;
    for (const Operation &row : m_catalog.operationPage(aborted, 0, kLeftoverLookback))
        if (row.id != m_operation.id)
            if (const auto op = m_catalog.operation(row.id))
                candidates << qMakePair(op->id, op->result);
    for (const auto &[operationId, result] : std::as_const(candidates)) {
        const auto leftover = SourceBackend::fromJson(result.value(key).toObject());
        if (!leftover)
            continue;
        QString why;
        if (endLeftoverBackend(session, *leftover, &why))
            info(QCoreApplication::translate("assay::OperationContext",
                                             "Stopped the statement an earlier run (operation "
                                             "%1) had left running on the server (session %2).")
                     .arg(operationId)
                     .arg(leftover->id));
        else if (!why.isEmpty())
            warning(QCoreApplication::translate("assay::OperationContext",
                                                "An earlier run (operation %1) may have left a "
                                                "statement running on the server (session %2), "
                                                "and it could not be stopped: %3")
                        .arg(operationId)
                        .arg(leftover->id)
                        .arg(why));
    }
    const auto backend = currentBackend(session);
    if (backend)
        m_operation.result.insert(key, backend->toJson());
    else
        m_operation.result.remove(key);
    m_catalog.warnUnless(m_catalog.updateOperation(m_operation), "updateOperation");
}

void OperationContext::tuneForOneShotAggregates(SourceSession &session)
{
    const ConnectorSpec *spec = session.spec();
    if (!spec || spec->qtDriver != QLatin1String("QPSQL") ||
        spec->dialect != QLatin1String("postgresql"))
        return;
    // PostgreSQL compiles a wide aggregate with LLVM before running it once: on Profile's and
    // Scan's statements that costs more than it saves (a 20-column profile spends about a
    // quarter of its time compiling). Servers without JIT reject the setting, which is harmless.
    QSqlQuery(session.database()).exec(QStringLiteral("SET jit = off"));
    // Profile's sampled pass sorts some 65,000 grouped values twice; the default 4 MB spills
    // them to disk. This session's sorts may use more (one session, a few sorts at a time).
    QSqlQuery(session.database()).exec(QStringLiteral("SET work_mem = '64MB'"));
    // A statement bound, as MySQL's read timeout is there: no one statement of an operation
    // runs on the server for more than kOperationStatementTimeoutSeconds, even when nobody is
    // left to cancel it (a runner killed mid-statement).
    QSqlQuery(session.database())
        .exec(QStringLiteral("SET statement_timeout = %1")
                  .arg(kOperationStatementTimeoutSeconds * qint64(1000)));
}

void OperationContext::closeSource(std::unique_ptr<SourceSession> &session)
{
    m_token->clearInterrupter();
    session.reset();
}

namespace {

struct RunnerRegistry
{
    std::mutex mutex;
    QHash<QString, OperationRunnerFactory> factories{
        {operation_type::kSync, [] { return std::make_unique<SyncOperation>(); }},
        {operation_type::kProfile, [] { return std::make_unique<ProfileOperation>(); }},
        {operation_type::kScan, [] { return std::make_unique<ScanOperation>(); }},
    };
};

RunnerRegistry &registry()
{
    static RunnerRegistry instance;
    return instance;
}

} // namespace

std::unique_ptr<OperationRunner> createOperationRunner(const QString &type)
{
    RunnerRegistry &r = registry();
    std::lock_guard<std::mutex> lock(r.mutex);
    const auto factory = r.factories.value(type);
    return factory ? factory() : nullptr;
}

void registerOperationRunner(const QString &type, OperationRunnerFactory factory)
{
    RunnerRegistry &r = registry();
    std::lock_guard<std::mutex> lock(r.mutex);
    r.factories.insert(type, std::move(factory));
}

} // namespace assay
