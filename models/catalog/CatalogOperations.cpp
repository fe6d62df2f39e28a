#include "models/catalog/Catalog.h"
#include "models/catalog/CatalogRows.h"
#include "models/catalog/ColumnValues.h"
#include "models/domain/Clock.h"
#include "models/domain/Json.h"
#include "models/domain/Operation.h"

#include <QSqlError>
#include <QSqlQuery>

// The operations half of the Catalog: runs of Sync/Profile/Scan and their logs.
namespace assay {

namespace {

QString now()
{
    return text::fromTime(Clock::utcNow());
}

QVariant str(const QString &value)
{
    return value.isNull() ? QVariant(QStringLiteral("")) : QVariant(value);
}

QVariant optionalTime(const QDateTime &time)
{
    return time.isValid() ? QVariant(text::fromTime(time))
                          : QVariant(QMetaType::fromType<QString>());
}

// The columns an operation's progress writes (insert and update alike).
catalog::ColumnValues progressColumns(const Operation &o)
{
    catalog::ColumnValues v;
    v.set("status", str(o.status))
        .set("options", text::fromObject(o.options))
        .set("counters", text::fromObject(o.counters))
        .set("result", text::fromObject(o.result))
        .set("message", o.message.isNull() ? QStringLiteral("") : o.message)
        .set("progress", o.progress)
        .set("runner", o.runner.isNull() ? QStringLiteral("") : o.runner)
        .set("started_at", optionalTime(o.startedAt))
        .set("ended_at", optionalTime(o.endedAt));
    return v;
}

QString select(const char *columns, const char *rest)
{
    return QStringLiteral("SELECT %1 %2").arg(QLatin1String(columns), QLatin1String(rest));
}

} // namespace

// ---- Operations --------------------------------------------------------------------------

QList<Operation> Catalog::operations(qint64 datastoreId) const
{
    QList<Operation> out;
    QSqlQuery q(database());
    q.prepare(select(catalog::kOperationColumns,
                     "FROM operations WHERE datastore_id = ? ORDER BY created_at DESC, id DESC"));
    q.addBindValue(datastoreId);
    if (!q.exec())
        failQuery(q);
    while (q.next())
        out << catalog::readOperation(q);
    return out;
}

qint64 Catalog::addOperation(const Operation &o)
{
    QSqlQuery q(database());
    catalog::ColumnValues columns = progressColumns(o);
    columns.set("datastore_id", o.datastoreId)
        .set("type", str(o.type))
        .set("triggered_by", o.triggeredBy.isEmpty() ? QStringLiteral("user") : o.triggeredBy)
        .set("schedule_id",
             o.scheduleId ? QVariant(o.scheduleId) : QVariant(QMetaType::fromType<qint64>()))
        .set("created_at", o.createdAt.isValid() ? text::fromTime(o.createdAt) : now());
    q.prepare(columns.insertInto("operations", "RETURNING id"));
    columns.bind(q);
    const qint64 id = insertReturningId(q);
    if (id)
        emit operationsChanged(o.datastoreId);
    return id;
}

bool Catalog::appendOperationLog(qint64 operationId, const OperationLogEntry &entry)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("INSERT INTO operation_log (operation_id, logged_at, level, message)"
                             " VALUES (?, ?, ?, ?)"));
    q.addBindValue(operationId);
    q.addBindValue(entry.at.isValid() ? text::fromTime(entry.at) : now());
    q.addBindValue(entry.level);
    q.addBindValue(entry.message);
    return q.exec() || failQuery(q);
}

QList<OperationLogEntry> Catalog::operationLog(qint64 operationId) const
{
    QList<OperationLogEntry> out;
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT logged_at, level, message FROM operation_log"
                             " WHERE operation_id = ? ORDER BY id"));
    q.addBindValue(operationId);
    if (!q.exec())
        failQuery(q);
    while (q.next())
        out << OperationLogEntry{text::toTime(q.value(0).toString()), q.value(1).toString(),
                                 q.value(2).toString()};
    return out;
}

Lookup<Operation> Catalog::latestOperation(qint64 datastoreId) const
{
    QSqlQuery q(database());
    q.prepare(select(catalog::kOperationColumns,
                     "FROM operations WHERE datastore_id = ? ORDER BY id DESC LIMIT 1"));
    q.addBindValue(datastoreId);
    const bool executed = q.exec();
    return lookupRow<Operation>(q, executed, catalog::readOperation);
}

Lookup<Operation> Catalog::latestOperation(qint64 datastoreId, const QString &type) const
{
    QSqlQuery q(database());
    q.prepare(select(catalog::kOperationColumns,
                     "FROM operations WHERE datastore_id = ? AND type = ? ORDER BY id DESC "
                     "LIMIT 1"));
    q.addBindValue(datastoreId);
    q.addBindValue(type);
    const bool executed = q.exec();
    return lookupRow<Operation>(q, executed, catalog::readOperation);
}

Lookup<Operation> Catalog::operation(qint64 id) const
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT %1 FROM operations WHERE id = ?")
                  .arg(QLatin1String(catalog::kOperationColumns)));
    q.addBindValue(id);
    const bool executed = q.exec();
    return lookupRow<Operation>(q, executed, catalog::readOperation);
}

QList<Operation> Catalog::allOperations(int limit) const
{
    QList<Operation> out;
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT %1 FROM operations ORDER BY created_at DESC, id DESC LIMIT ?")
                  .arg(QLatin1String(catalog::kOperationColumns)));
    q.addBindValue(limit);
    if (!q.exec())
        failQuery(q);
    while (q.next())
        out << catalog::readOperation(q);
    return out;
}

bool Catalog::updateOperation(const Operation &o)
{
    QSqlQuery q(database());
    catalog::ColumnValues columns = progressColumns(o);
    // A re-queued operation (status queued) starts without the abort its last run was asked.
    columns.setSql("abort_requested",
                   "CASE WHEN :status = 'queued' THEN 0 ELSE abort_requested END");
    q.prepare(columns.update("operations", "id = :id"));
    columns.bind(q);
    q.bindValue(QStringLiteral(":id"), o.id);
    if (!q.exec())
        return failQuery(q);
    emit operationsChanged(o.datastoreId);
    return true;
}

bool Catalog::removeOperation(qint64 id)
{
    const auto existing = operation(id);
    QSqlQuery q(database());
    q.prepare(QStringLiteral("DELETE FROM operations WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return failQuery(q);
    if (existing)
        emit operationsChanged(existing->datastoreId);
    return true;
}

QList<Operation> Catalog::unfinishedOperations() const
{
    QList<Operation> out;
    QSqlQuery q(database());
    if (!q.exec(select(catalog::kOperationColumns,
                       "FROM operations WHERE status IN ('running', 'queued') ORDER BY id")))
        failQuery(q);
    while (q.next())
        out << catalog::readOperation(q);
    return out;
}

bool Catalog::markOperationAborted(qint64 id, const QString &reason)
{
    const auto op = operation(id);
    if (!op)
        return fail(tr("Operation %1 does not exist.").arg(id));
    Operation aborted = *op;
    aborted.status = operation_status::kAborted;
    aborted.message = reason;
    aborted.endedAt = Clock::utcNow();
    return appendOperationLog(id, {aborted.endedAt, QStringLiteral("error"), reason}) &&
           updateOperation(aborted);
}

Result<qint64> Catalog::claimDatastore(qint64 id, qint64 datastoreId, const QString &runner)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral(
        "UPDATE operations SET status = :running, runner = :runner WHERE id = :id AND NOT EXISTS "
        "(SELECT 1 FROM operations o WHERE o.datastore_id = :datastore AND o.status = :running "
        "AND o.id <> :id)"));
    q.bindValue(QStringLiteral(":running"), operation_status::kRunning);
    q.bindValue(QStringLiteral(":runner"), runner);
    q.bindValue(QStringLiteral(":id"), id);
    q.bindValue(QStringLiteral(":datastore"), datastoreId);
    if (!q.exec()) {
        failQuery(q);
        return Result<qint64>::failure(m_lastError);
    }
    if (q.numRowsAffected() > 0)
        return Result<qint64>::ok(0);
    QSqlQuery holder(database());
    holder.prepare(QStringLiteral("SELECT MIN(id) FROM operations WHERE datastore_id = ? AND "
                                  "status = ? AND id <> ?"));
    holder.addBindValue(datastoreId);
    holder.addBindValue(operation_status::kRunning);
    holder.addBindValue(id);
    if (!holder.exec() || !holder.next()) {
        failQuery(holder);
        return Result<qint64>::failure(m_lastError);
    }
    // Finished between the two statements: the caller tries again.
    return Result<qint64>::ok(holder.isNull(0) ? -1 : holder.value(0).toLongLong());
}

bool Catalog::requestOperationAbort(qint64 id)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("UPDATE operations SET abort_requested = 1 WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return failQuery(q);
    if (q.numRowsAffected() == 0)
        return fail(tr("Operation %1 does not exist.").arg(id));
    return appendOperationLog(id,
                              {Clock::utcNow(), QStringLiteral("info"), tr("Abort requested.")});
}

QList<qint64> Catalog::abortRequested(const QList<qint64> &ids) const
{
    QList<qint64> out;
    if (ids.isEmpty())
        return out;
    QStringList placeholders;
    for (int i = 0; i < ids.size(); ++i)
        placeholders << QStringLiteral("?");
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT id FROM operations WHERE abort_requested = 1 AND id IN (%1)")
                  .arg(placeholders.join(QLatin1Char(','))));
    for (qint64 id : ids)
        q.addBindValue(id);
    if (q.exec())
        while (q.next())
            out << q.value(0).toLongLong();
    return out;
}

} // namespace assay
