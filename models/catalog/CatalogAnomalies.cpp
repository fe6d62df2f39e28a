#include "models/catalog/Catalog.h"
#include "models/catalog/CatalogRows.h"
#include "models/catalog/ColumnValues.h"
#include "models/domain/Clock.h"
#include "models/domain/Json.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

// The anomalies half of the Catalog: what Scan found, its evidence, and what people decided.
namespace assay {

namespace {

constexpr const char *kColumns =
    "a.id, a.uuid, a.datastore_id, a.container_id, c.name, a.operation_id, a.type, a.status, "
    "a.message, a.anomalous_record_count, a.fingerprint, a.partition_name, a.comment, "
    "a.created_at, a.updated_at";

Anomaly readAnomaly(const QSqlQuery &q)
{
    Anomaly a;
    a.id = q.value(0).toLongLong();
    a.uuid = q.value(1).toString();
    a.datastoreId = q.value(2).toLongLong();
    a.containerId = q.value(3).toLongLong();
    a.containerName = q.value(4).toString();
    a.operationId = q.value(5).toLongLong();
    a.type = q.value(6).toString();
    a.status = q.value(7).toString();
    a.message = q.value(8).toString();
    a.anomalousRecordCount = q.value(9).toLongLong();
    a.fingerprint = q.value(10).toString();
    a.partition = q.value(11).toString();
    a.comment = q.value(12).toString();
    a.createdAt = text::toTime(q.value(13).toString());
    a.updatedAt = text::toTime(q.value(14).toString());
    return a;
}

QString whereOf(const AnomalyQuery &query, QVariantList *values)
{
    QStringList where;
    if (query.datastoreId) {
        where << QStringLiteral("a.datastore_id = ?");
        *values << query.datastoreId;
    }
    if (query.containerId) {
        where << QStringLiteral("a.container_id = ?");
        *values << query.containerId;
    }
    if (query.operationId) {
        where << QStringLiteral("a.operation_id = ?");
        *values << query.operationId;
    }
    if (query.checkId) {
        where << QStringLiteral(
            "a.id IN (SELECT ac.anomaly_id FROM anomaly_checks ac WHERE ac.check_id = ?)");
        *values << query.checkId;
    }
    if (query.status == QLatin1String("open")) {
        where << QStringLiteral("a.status IN (?, ?)");
        *values << anomaly_status::kActive << anomaly_status::kAcknowledged;
    } else if (query.status == QLatin1String("archived")) {
        where << QStringLiteral("a.status IN (?, ?, ?)");
        *values << anomaly_status::kResolved << anomaly_status::kInvalid
                << anomaly_status::kDuplicate;
    } else if (!query.status.isEmpty()) {
        where << QStringLiteral("a.status = ?");
        *values << query.status;
    }
    if (!query.type.isEmpty()) {
        where << QStringLiteral("a.type = ?");
        *values << query.type;
    }
    return where.isEmpty() ? QString()
                           : QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
}

void bindAll(QSqlQuery &q, const QVariantList &values)
{
    for (const QVariant &v : values)
        q.addBindValue(v);
}

} // namespace

bool Catalog::addAnomalies(QList<Anomaly> &anomalies)
{
    if (anomalies.isEmpty())
        return true;
    QSqlDatabase db = database();
    if (!beginWrite())
        return false;
    QSqlQuery insert(db), check(db), record(db);
    const auto columns = [](const Anomaly &a) {
        catalog::ColumnValues v;
        v.set("uuid", a.uuid)
            .set("datastore_id", a.datastoreId)
            .set("container_id", a.containerId)
            .set("operation_id",
                 a.operationId ? QVariant(a.operationId) : QVariant(QMetaType::fromType<qint64>()))
            .set("type", catalog::notNull(a.type))
            .set("status", catalog::notNull(a.status))
            .set("message", catalog::notNull(a.message))
            .set("anomalous_record_count", a.anomalousRecordCount)
            .set("fingerprint", catalog::notNull(a.fingerprint))
            .set("partition_name", catalog::notNull(a.partition))
            .set("comment", catalog::notNull(a.comment))
            .set("created_at", text::fromTime(a.createdAt))
            .set("updated_at", text::fromTime(a.updatedAt));
        return v;
    };
    insert.prepare(columns(Anomaly()).insertInto("anomalies", "RETURNING id"));
    check.prepare(QStringLiteral("INSERT INTO anomaly_checks (anomaly_id, check_id, rule, fields, "
                                 "message) VALUES (?, ?, ?, ?, ?)"));
    record.prepare(
        QStringLiteral("INSERT INTO anomaly_source_records (anomaly_id, record) VALUES (?, ?)"));
    const QDateTime now = Clock::utcNow();
    QSet<qint64> datastores;
    auto abandon = [&](const QSqlQuery &failed) {
        failQuery(failed);
        rollbackWrite();
        return false;
    };
    for (Anomaly &a : anomalies) {
        if (a.uuid.isEmpty())
            a.uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
        if (!a.createdAt.isValid())
            a.createdAt = now;
        a.updatedAt = a.createdAt;
        columns(a).bind(insert);
        if (!insert.exec() || !insert.next())
            return abandon(insert);
        a.id = insert.value(0).toLongLong();
        insert.finish();
        datastores.insert(a.datastoreId);
        for (const AnomalyFailedCheck &f : a.failedChecks) {
            check.addBindValue(a.id);
            check.addBindValue(f.checkId ? QVariant(f.checkId)
                                         : QVariant(QMetaType::fromType<qint64>()));
            check.addBindValue(catalog::notNull(f.rule));
            check.addBindValue(text::fromList(f.fields));
            check.addBindValue(catalog::notNull(f.message));
            if (!check.exec())
                return abandon(check);
        }
        for (const QJsonValue &row : a.sourceRecords) {
            record.addBindValue(a.id);
            record.addBindValue(
                QString::fromUtf8(QJsonDocument(row.toObject()).toJson(QJsonDocument::Compact)));
            if (!record.exec())
                return abandon(record);
        }
    }
    if (!commitWrite())
        return false;
    for (qint64 id : datastores)
        emit anomaliesChanged(id);
    return true;
}

QList<Anomaly> Catalog::anomalies(const AnomalyQuery &query, int offset, int limit) const
{
    QList<Anomaly> out;
    QVariantList values;
    const QString where = whereOf(query, &values);
    QSqlQuery q(database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM anomalies a JOIN containers c ON c.id = a.container_id"
                             "%2 ORDER BY a.id DESC LIMIT ? OFFSET ?")
                  .arg(QLatin1String(kColumns), where));
    bindAll(q, values);
    q.addBindValue(limit);
    q.addBindValue(offset);
    if (!q.exec()) {
        failQuery(q);
        return out;
    }
    QHash<qint64, int> position;
    while (q.next()) {
        position.insert(q.value(0).toLongLong(), out.size());
        out << readAnomaly(q);
    }
    if (out.isEmpty())
        return out;
    // The failed checks of the page, in one query.
    QSqlQuery f(database());
    f.setForwardOnly(true);
    QStringList marks;
    for (int i = 0; i < out.size(); ++i)
        marks << QStringLiteral("?");
    f.prepare(QStringLiteral("SELECT anomaly_id, check_id, rule, fields, message FROM "
                             "anomaly_checks WHERE anomaly_id IN (%1) ORDER BY id")
                  .arg(marks.join(QLatin1Char(','))));
    for (const Anomaly &a : out)
        f.addBindValue(a.id);
    if (!f.exec())
        failQuery(f);
    while (f.next()) {
        const int at = position.value(f.value(0).toLongLong(), -1);
        if (at >= 0)
            out[at].failedChecks << AnomalyFailedCheck{
                f.value(1).toLongLong(), f.value(2).toString(), text::toList(f.value(3).toString()),
                f.value(4).toString()};
    }
    return out;
}

int Catalog::anomalyCount(const AnomalyQuery &query) const
{
    QVariantList values;
    const QString where = whereOf(query, &values);
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM anomalies a%1").arg(where));
    bindAll(q, values);
    if (!q.exec() || !q.next()) {
        failQuery(q);
        return 0;
    }
    return q.value(0).toInt();
}

Lookup<Anomaly> Catalog::anomaly(qint64 id) const
{
    QSqlQuery one(database());
    one.prepare(QStringLiteral("SELECT %1 FROM anomalies a JOIN containers c ON c.id = "
                               "a.container_id WHERE a.id = ?")
                    .arg(QLatin1String(kColumns)));
    one.addBindValue(id);
    if (!one.exec()) {
        failQuery(one);
        return Lookup<Anomaly>::failure(m_lastError);
    }
    if (!one.next())
        return Lookup<Anomaly>::notFound();
    Anomaly a = readAnomaly(one);
    QSqlQuery f(database());
    f.prepare(QStringLiteral("SELECT check_id, rule, fields, message FROM anomaly_checks WHERE "
                             "anomaly_id = ? ORDER BY id"));
    f.addBindValue(id);
    if (!f.exec()) {
        failQuery(f);
        return Lookup<Anomaly>::failure(m_lastError);
    }
    while (f.next())
        a.failedChecks << AnomalyFailedCheck{f.value(0).toLongLong(), f.value(1).toString(),
                                             text::toList(f.value(2).toString()),
                                             f.value(3).toString()};
    QSqlQuery r(database());
    r.prepare(QStringLiteral(
        "SELECT record FROM anomaly_source_records WHERE anomaly_id = ? ORDER BY id"));
    r.addBindValue(id);
    if (!r.exec()) {
        failQuery(r);
        return Lookup<Anomaly>::failure(m_lastError);
    }
    while (r.next())
        a.sourceRecords.append(QJsonDocument::fromJson(r.value(0).toString().toUtf8()).object());
    return Lookup<Anomaly>::found(std::move(a));
}

Lookup<Anomaly> Catalog::anomalyByUuid(const QString &uuid) const
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT id FROM anomalies WHERE uuid = ?"));
    q.addBindValue(uuid);
    if (!q.exec()) {
        failQuery(q);
        return Lookup<Anomaly>::failure(m_lastError);
    }
    if (!q.next())
        return Lookup<Anomaly>::notFound();
    return anomaly(q.value(0).toLongLong());
}

bool Catalog::setAnomalyStatus(qint64 id, const QString &status, const QString &comment)
{
    const auto existing = anomaly(id);
    if (!existing)
        return fail(tr("No anomaly with id %1.").arg(id));
    if (!anomaly_status::canTransition(existing->status, status))
        return fail(tr("An anomaly that is %1 cannot become %2.").arg(existing->status, status));
    return writeAnomalyStatus(*existing, status, comment);
}

bool Catalog::setAnomalyStatusByScan(qint64 id, const QString &status, const QString &comment)
{
    const auto existing = anomaly(id);
    if (!existing)
        return fail(tr("No anomaly with id %1.").arg(id));
    if (!anomaly_status::canTransitionByScan(existing->status, status))
        return fail(tr("An anomaly that is %1 cannot become %2.").arg(existing->status, status));
    return writeAnomalyStatus(*existing, status, comment);
}

bool Catalog::writeAnomalyStatus(const Anomaly &existing, const QString &status,
                                 const QString &comment)
{
    const qint64 id = existing.id;
    QSqlDatabase db = database();
    if (!beginWrite())
        return false;
    const QString now = text::fromTime(Clock::utcNow());
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "UPDATE anomalies SET status = ?, comment = ?, updated_at = ? WHERE id = ?"));
    q.addBindValue(catalog::notNull(status));
    q.addBindValue(catalog::notNull(comment));
    q.addBindValue(now);
    q.addBindValue(id);
    QSqlQuery e(db);
    e.prepare(QStringLiteral("INSERT INTO anomaly_events (anomaly_id, at, from_status, to_status, "
                             "comment) VALUES (?, ?, ?, ?, ?)"));
    e.addBindValue(id);
    e.addBindValue(now);
    e.addBindValue(existing.status);
    e.addBindValue(catalog::notNull(status));
    e.addBindValue(catalog::notNull(comment));
    if (!q.exec() || !e.exec()) {
        failQuery(q.lastError().isValid() ? q : e);
        rollbackWrite();
        return false;
    }
    if (!commitWrite())
        return false;
    emit anomaliesChanged(existing.datastoreId);
    return true;
}

QList<AnomalyEvent> Catalog::anomalyEvents(qint64 anomalyId) const
{
    QList<AnomalyEvent> out;
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT at, from_status, to_status, comment FROM anomaly_events WHERE "
                             "anomaly_id = ? ORDER BY id"));
    q.addBindValue(anomalyId);
    if (!q.exec())
        failQuery(q);
    while (q.next())
        out << AnomalyEvent{text::toTime(q.value(0).toString()), q.value(1).toString(),
                            q.value(2).toString(), q.value(3).toString()};
    return out;
}

QHash<qint64, int> Catalog::openAnomalyCounts(qint64 datastoreId) const
{
    QHash<qint64, int> out;
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT container_id, COUNT(*) FROM anomalies WHERE datastore_id = ? "
                             "AND status IN (?, ?) GROUP BY container_id"));
    q.addBindValue(datastoreId);
    q.addBindValue(anomaly_status::kActive);
    q.addBindValue(anomaly_status::kAcknowledged);
    if (!q.exec())
        failQuery(q);
    while (q.next())
        out.insert(q.value(0).toLongLong(), q.value(1).toInt());
    return out;
}

bool Catalog::addCheckMetrics(const QList<CheckMetric> &metrics)
{
    if (metrics.isEmpty())
        return true;
    QSqlDatabase db = database();
    if (!beginWrite())
        return false;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO check_metrics (operation_id, check_id, container_id, "
                             "asserted_records, anomalous_records, result, details, measured, "
                             "observed, expected_low, expected_high) VALUES (?, ?, ?, ?, ?, ?, ?, "
                             "?, ?, ?, ?)"));
    for (const CheckMetric &m : metrics) {
        q.addBindValue(m.operationId);
        q.addBindValue(m.checkId);
        q.addBindValue(m.containerId);
        q.addBindValue(m.assertedRecords);
        q.addBindValue(m.anomalousRecords);
        q.addBindValue(catalog::notNull(m.result));
        q.addBindValue(catalog::notNull(m.details));
        q.addBindValue(catalog::nullUnlessFinite(m.measured));
        q.addBindValue(catalog::nullUnlessFinite(m.observed));
        q.addBindValue(catalog::nullUnlessFinite(m.expectedLow));
        q.addBindValue(catalog::nullUnlessFinite(m.expectedHigh));
        if (!q.exec()) {
            failQuery(q);
            rollbackWrite();
            return false;
        }
    }
    return commitWrite();
}

namespace {

const char *const kCheckMetricColumns = "m.operation_id, m.check_id, m.container_id, "
                                        "m.asserted_records, m.anomalous_records, m.result, "
                                        "m.details, m.measured, m.observed, "
                                        "m.expected_low, m.expected_high";

CheckMetric readCheckMetric(const QSqlQuery &q)
{
    return CheckMetric{q.value(0).toLongLong(),
                       q.value(1).toLongLong(),
                       q.value(2).toLongLong(),
                       q.value(3).toLongLong(),
                       q.value(4).toLongLong(),
                       q.value(5).toString(),
                       q.value(6).toString(),
                       catalog::finiteOrNaN(q.value(7)),
                       catalog::finiteOrNaN(q.value(8)),
                       catalog::finiteOrNaN(q.value(9)),
                       catalog::finiteOrNaN(q.value(10))};
}

} // namespace

QList<CheckMetric> Catalog::checkMetrics(qint64 operationId) const
{
    QList<CheckMetric> out;
    QSqlQuery q(database());
    q.prepare(
        QStringLiteral("SELECT %1 FROM check_metrics m WHERE m.operation_id = ? ORDER BY m.id")
            .arg(QLatin1String(kCheckMetricColumns)));
    q.addBindValue(operationId);
    if (!q.exec())
        failQuery(q);
    while (q.next())
        out << readCheckMetric(q);
    return out;
}

QHash<qint64, CheckMetric> Catalog::latestCheckMetrics(qint64 containerId) const
{
    QHash<qint64, CheckMetric> out;
    QSqlQuery q(database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM check_metrics m WHERE m.container_id = ? AND m.id = "
                             "(SELECT MAX(x.id) FROM check_metrics x WHERE x.check_id = "
                             "m.check_id)")
                  .arg(QLatin1String(kCheckMetricColumns)));
    q.addBindValue(containerId);
    if (!q.exec())
        failQuery(q);
    while (q.next()) {
        const CheckMetric m = readCheckMetric(q);
        out.insert(m.checkId, m);
    }
    return out;
}

QString Catalog::scanHighWaterMark(qint64 containerId) const
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT scan_high_water_mark FROM containers WHERE id = ?"));
    q.addBindValue(containerId);
    if (!q.exec() || !q.next() || q.isNull(0))
        return QString();
    return q.value(0).toString();
}

bool Catalog::setScanHighWaterMark(qint64 containerId, const QString &value)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("UPDATE containers SET scan_high_water_mark = ? WHERE id = ?"));
    q.addBindValue(value.isNull() ? QVariant(QMetaType::fromType<QString>()) : QVariant(value));
    q.addBindValue(containerId);
    return q.exec() || failQuery(q);
}

} // namespace assay
