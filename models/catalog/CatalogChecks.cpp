#include "models/catalog/Catalog.h"
#include "models/catalog/CatalogRows.h"
#include "models/catalog/ColumnValues.h"
#include "models/domain/Clock.h"
#include "models/domain/Json.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

// The checks half of the Catalog: checks inferred by Profile or written by people.
namespace assay {

namespace {

constexpr const char *kColumns =
    "k.id, k.datastore_id, k.container_id, c.name, k.rule, k.fields, k.properties, k.coverage, "
    "k.filter, k.description, k.tags, k.status, k.inferred, k.inference_level, k.user_edited, "
    "k.operation_id, k.created_at, k.updated_at";

Check readCheck(const QSqlQuery &q)
{
    Check k;
    k.id = q.value(0).toLongLong();
    k.datastoreId = q.value(1).toLongLong();
    k.containerId = q.value(2).toLongLong();
    k.containerName = q.value(3).toString();
    k.rule = q.value(4).toString();
    k.fields = text::toList(q.value(5).toString());
    k.properties = text::toObject(q.value(6).toString());
    k.coverage = q.value(7).toDouble();
    k.filter = q.value(8).toString();
    k.description = q.value(9).toString();
    k.tags = text::toList(q.value(10).toString());
    k.status = q.value(11).toString();
    k.inferred = q.value(12).toInt() != 0;
    k.inferenceLevel = q.value(13).toInt();
    k.userEdited = q.value(14).toInt() != 0;
    k.operationId = q.value(15).toLongLong();
    k.createdAt = text::toTime(q.value(16).toString());
    k.updatedAt = text::toTime(q.value(17).toString());
    return k;
}

QVariant nullableId(qint64 id)
{
    return id ? QVariant(id) : QVariant(QMetaType::fromType<qint64>());
}

// The columns every write sets, in this order, after which the caller binds its own.
// The columns a check's edit writes (insert and update alike).
catalog::ColumnValues checkColumns(const Check &k)
{
    catalog::ColumnValues v;
    v.set("rule", catalog::notNull(k.rule))
        .set("fields", text::fromList(k.fields))
        .set("properties", text::fromObject(k.properties))
        .set("coverage", k.coverage)
        .set("filter", catalog::notNull(k.filter))
        .set("description", catalog::notNull(k.description))
        .set("tags", text::fromList(k.tags))
        .set("status", catalog::notNull(k.status))
        .set("inferred", k.inferred ? 1 : 0)
        .set("inference_level", k.inferenceLevel)
        .set("user_edited", k.userEdited ? 1 : 0)
        .set("operation_id", nullableId(k.operationId));
    return v;
}

bool validStatus(const QString &status)
{
    return status == check_status::kActive || status == check_status::kDraft ||
           status == check_status::kArchived;
}

} // namespace

QList<Check> Catalog::checks(const CheckQuery &query) const
{
    QStringList where;
    QVariantList values;
    if (query.datastoreId) {
        where << QStringLiteral("k.datastore_id = ?");
        values << query.datastoreId;
    }
    if (query.containerId) {
        where << QStringLiteral("k.container_id = ?");
        values << query.containerId;
    }
    if (!query.status.isEmpty()) {
        where << QStringLiteral("k.status = ?");
        values << query.status;
    }
    if (query.inferredOnly)
        where << QStringLiteral("k.inferred = 1");
    QSqlQuery q(database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM checks k JOIN containers c ON c.id = k.container_id"
                             "%2 ORDER BY c.name, k.id")
                  .arg(QLatin1String(kColumns),
                       where.isEmpty()
                           ? QString()
                           : QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "))));
    for (const QVariant &v : values)
        q.addBindValue(v);
    QList<Check> out;
    if (!q.exec()) {
        failQuery(q);
        return out;
    }
    while (q.next())
        out << readCheck(q);
    return out;
}

Lookup<Check> Catalog::check(qint64 id) const
{
    QSqlQuery q(database());
    q.prepare(
        QStringLiteral("SELECT %1 FROM checks k JOIN containers c ON c.id = k.container_id WHERE "
                       "k.id = ?")
            .arg(QLatin1String(kColumns)));
    q.addBindValue(id);
    const bool executed = q.exec();
    return lookupRow<Check>(q, executed, readCheck);
}

qint64 Catalog::addCheck(const Check &check)
{
    if (check.rule.isEmpty()) {
        fail(tr("A check needs a rule."));
        return 0;
    }
    if (!validStatus(check.status)) {
        fail(tr("“%1” is not a check status (Active, Draft, Archived).").arg(check.status));
        return 0;
    }
    qint64 datastoreId = check.datastoreId;
    if (!datastoreId) {
        const auto c = container(check.containerId);
        if (!c) {
            fail(tr("No container with id %1.").arg(check.containerId));
            return 0;
        }
        datastoreId = c->datastoreId;
    }
    const QString now = text::fromTime(Clock::utcNow());
    QSqlQuery q(database());
    catalog::ColumnValues columns = checkColumns(check);
    columns.set("datastore_id", datastoreId)
        .set("container_id", check.containerId)
        .set("created_at", now)
        .set("updated_at", now);
    q.prepare(columns.insertInto("checks", "RETURNING id"));
    columns.bind(q);
    const qint64 id = insertReturningId(q);
    if (id)
        emit checksChanged(datastoreId);
    return id;
}

bool Catalog::updateCheck(const Check &check)
{
    if (!validStatus(check.status))
        return fail(tr("“%1” is not a check status (Active, Draft, Archived).").arg(check.status));
    const auto existing = this->check(check.id);
    if (!existing)
        return fail(tr("No check with id %1.").arg(check.id));
    QSqlQuery q(database());
    catalog::ColumnValues columns = checkColumns(check);
    columns.set("updated_at", text::fromTime(Clock::utcNow()));
    q.prepare(columns.update("checks", "id = :id"));
    columns.bind(q);
    q.bindValue(QStringLiteral(":id"), check.id);
    if (!q.exec())
        return failQuery(q);
    emit checksChanged(existing->datastoreId);
    return true;
}

bool Catalog::setCheckStatus(qint64 id, const QString &status)
{
    auto existing = check(id);
    if (!existing)
        return fail(tr("No check with id %1.").arg(id));
    existing->status = status;
    return updateCheck(*existing);
}

QSet<qint64> Catalog::checksWithAnomalies(qint64 containerId) const
{
    QSet<qint64> out;
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT DISTINCT ac.check_id FROM anomaly_checks ac JOIN anomalies a "
                             "ON a.id = ac.anomaly_id WHERE a.container_id = ? AND ac.check_id IS "
                             "NOT NULL"));
    q.addBindValue(containerId);
    if (!q.exec())
        failQuery(q);
    while (q.next())
        out.insert(q.value(0).toLongLong());
    return out;
}

QHash<qint64, int> Catalog::activeCheckCounts(qint64 datastoreId) const
{
    QHash<qint64, int> out;
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT container_id, COUNT(*) FROM checks WHERE datastore_id = ? AND "
                             "status = ? GROUP BY container_id"));
    q.addBindValue(datastoreId);
    q.addBindValue(check_status::kActive);
    if (!q.exec())
        failQuery(q);
    while (q.next())
        out.insert(q.value(0).toLongLong(), q.value(1).toInt());
    return out;
}

} // namespace assay
