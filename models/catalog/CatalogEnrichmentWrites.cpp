#include "models/catalog/Catalog.h"
#include "models/catalog/ColumnValues.h"
#include "models/domain/Clock.h"
#include "models/domain/Json.h"

#include <QSqlQuery>

// The enrichment writes scans still owe their enrichment datastores (PendingEnrichmentWrite).
namespace assay {

qint64 Catalog::addPendingEnrichmentWrite(const PendingEnrichmentWrite &w)
{
    catalog::ColumnValues columns;
    columns.set("operation_id", w.operationId)
        .set("datastore_id", w.datastoreId)
        .set("container_id", w.containerId)
        .set("result", text::fromObject(w.result))
        .set("remediation", w.remediation.isEmpty() ? QStringLiteral("None") : w.remediation)
        .set("attempts", w.attempts)
        .set("last_error", w.lastError.isNull() ? QStringLiteral("") : w.lastError)
        .set("created_at", text::fromTime(w.createdAt.isValid() ? w.createdAt : Clock::utcNow()));
    QSqlQuery q(database());
    q.prepare(columns.insertInto("pending_enrichment_writes", "RETURNING id"));
    columns.bind(q);
    return insertReturningId(q);
}

QList<PendingEnrichmentWrite> Catalog::pendingEnrichmentWrites(qint64 datastoreId) const
{
    QList<PendingEnrichmentWrite> out;
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT id, operation_id, datastore_id, container_id, result, "
                             "remediation, attempts, last_error, created_at FROM "
                             "pending_enrichment_writes WHERE datastore_id = ? ORDER BY id"));
    q.addBindValue(datastoreId);
    if (!q.exec()) {
        failQuery(q);
        return out;
    }
    while (q.next()) {
        PendingEnrichmentWrite w;
        w.id = q.value(0).toLongLong();
        w.operationId = q.value(1).toLongLong();
        w.datastoreId = q.value(2).toLongLong();
        w.containerId = q.value(3).toLongLong();
        w.result = text::toObject(q.value(4).toString());
        w.remediation = q.value(5).toString();
        w.attempts = q.value(6).toInt();
        w.lastError = q.value(7).toString();
        w.createdAt = text::toTime(q.value(8).toString());
        out << w;
    }
    return out;
}

int Catalog::pendingEnrichmentWriteCount(qint64 operationId) const
{
    QSqlQuery q(database());
    q.prepare(
        QStringLiteral("SELECT COUNT(*) FROM pending_enrichment_writes WHERE operation_id = ?"));
    q.addBindValue(operationId);
    if (!q.exec() || !q.next()) {
        failQuery(q);
        return 0;
    }
    return q.value(0).toInt();
}

OperationShortfalls Catalog::operationShortfalls(const Operation &operation) const
{
    OperationShortfalls s = OperationShortfalls::of(operation);
    s.unwrittenEnrichment = pendingEnrichmentWriteCount(operation.id);
    return s;
}

bool Catalog::removePendingEnrichmentWrite(qint64 id)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("DELETE FROM pending_enrichment_writes WHERE id = ?"));
    q.addBindValue(id);
    return q.exec() || failQuery(q);
}

int Catalog::discardPendingEnrichmentWrites(qint64 datastoreId)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("DELETE FROM pending_enrichment_writes WHERE datastore_id = ?"));
    q.addBindValue(datastoreId);
    if (!q.exec()) {
        failQuery(q);
        return 0;
    }
    return q.numRowsAffected();
}

bool Catalog::notePendingEnrichmentWriteFailure(qint64 id, const QString &error)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("UPDATE pending_enrichment_writes SET attempts = attempts + 1, "
                             "last_error = ? WHERE id = ?"));
    q.addBindValue(error);
    q.addBindValue(id);
    return q.exec() || failQuery(q);
}

} // namespace assay
