#include "models/catalog/CatalogRows.h"

#include "models/domain/Json.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QVariant>
#include <QtNumeric>

namespace assay::catalog {

const char *const kConnectionColumns = "id, uuid, name, type, host, port, username, database_name,"
                                       " parameters, secret_fields, created_at, updated_at";

Connection readConnection(const QSqlQuery &q)
{
    Connection c;
    c.id = q.value(0).toLongLong();
    c.uuid = q.value(1).toString();
    c.name = q.value(2).toString();
    c.type = q.value(3).toString();
    c.host = q.value(4).toString();
    c.port = q.value(5).toInt();
    c.username = q.value(6).toString();
    c.database = q.value(7).toString();
    c.parameters = text::toObject(q.value(8).toString());
    c.secretFields = text::toList(q.value(9).toString());
    c.createdAt = text::toTime(q.value(10).toString());
    c.updatedAt = text::toTime(q.value(11).toString());
    return c;
}

const char *const kDatastoreColumns =
    "id, name, connection_id, database_name, schema_name, teams, enrich_only,"
    " enrichment_datastore_id, enrich_container_prefix, remediation, enrich_source_record_limit,"
    " enrich_rollup_threshold, created_at, updated_at";

Datastore readDatastore(const QSqlQuery &q)
{
    Datastore d;
    d.id = q.value(0).toLongLong();
    d.name = q.value(1).toString();
    d.connectionId = q.value(2).toLongLong();
    d.database = q.value(3).toString();
    d.schema = q.value(4).toString();
    d.teams = text::toList(q.value(5).toString());
    d.enrichOnly = q.value(6).toInt() != 0;
    d.enrichment.enrichmentDatastoreId = q.value(7).toLongLong();
    d.enrichment.prefix = q.value(8).toString();
    d.enrichment.remediation = remediationFromString(q.value(9).toString());
    d.enrichment.sourceRecordLimit = q.value(10).toLongLong();
    d.enrichment.rollupThreshold = q.value(11).toInt();
    d.createdAt = text::toTime(q.value(12).toString());
    d.updatedAt = text::toTime(q.value(13).toString());
    return d;
}

const char *const kContainerColumns =
    "id, datastore_id, name, container_type, incremental_strategy, incremental_field,"
    " partition_field, identifiers_overridden, settings, removed, created_at, updated_at,"
    " source_digest";

Container readContainer(const QSqlQuery &q)
{
    Container c;
    c.id = q.value(0).toLongLong();
    c.datastoreId = q.value(1).toLongLong();
    c.name = q.value(2).toString();
    c.containerType = q.value(3).toString();
    c.incrementalStrategy = q.value(4).toString();
    c.incrementalField = q.value(5).toString();
    c.partitionField = q.value(6).toString();
    c.identifiersOverridden = q.value(7).toInt() != 0;
    c.settings = text::toObject(q.value(8).toString());
    c.removed = q.value(9).toInt() != 0;
    c.createdAt = text::toTime(q.value(10).toString());
    c.updatedAt = text::toTime(q.value(11).toString());
    c.sourceDigest = q.value(12).toString();
    return c;
}

const char *const kFieldColumns =
    "id, container_id, name, ordinal, declared_type, nullable, removed, base_type, collation_name, "
    "source_name";

Field readField(const QSqlQuery &q)
{
    Field f;
    f.id = q.value(0).toLongLong();
    f.containerId = q.value(1).toLongLong();
    f.name = q.value(2).toString();
    f.ordinal = q.value(3).toInt();
    f.declaredType = q.value(4).toString();
    f.nullable = q.value(5).toInt() != 0;
    f.removed = q.value(6).toInt() != 0;
    f.baseType = q.value(7).toString();
    f.collation = q.value(8).toString();
    f.sourceName = q.value(9).toString();
    return f;
}

const char *const kOperationColumns =
    "id, datastore_id, type, status, triggered_by, schedule_id, options, counters, result, message,"
    " progress, runner, created_at, started_at, ended_at";

Operation readOperation(const QSqlQuery &q)
{
    Operation o;
    o.id = q.value(0).toLongLong();
    o.datastoreId = q.value(1).toLongLong();
    o.type = q.value(2).toString();
    o.status = q.value(3).toString();
    o.triggeredBy = q.value(4).toString();
    o.scheduleId = q.value(5).toLongLong();
    o.options = text::toObject(q.value(6).toString());
    o.counters = text::toObject(q.value(7).toString());
    o.result = text::toObject(q.value(8).toString());
    o.message = q.value(9).toString();
    o.progress = q.value(10).toDouble();
    o.runner = q.value(11).toString();
    o.createdAt = text::toTime(q.value(12).toString());
    o.startedAt = text::toTime(q.value(13).toString());
    o.endedAt = text::toTime(q.value(14).toString());
    return o;
}

const char *const kScheduleColumns =
    "id, name, datastore_id, operation_type, cron, options, enabled, last_run_at, next_run_at,"
    " created_at, updated_at";

Schedule readSchedule(const QSqlQuery &q)
{
    Schedule s;
    s.id = q.value(0).toLongLong();
    s.name = q.value(1).toString();
    s.datastoreId = q.value(2).toLongLong();
    s.operationType = q.value(3).toString();
    s.cron = q.value(4).toString();
    s.options = text::toObject(q.value(5).toString());
    s.enabled = q.value(6).toInt() != 0;
    s.lastRunAt = text::toTime(q.value(7).toString());
    s.nextRunAt = text::toTime(q.value(8).toString());
    s.createdAt = text::toTime(q.value(9).toString());
    s.updatedAt = text::toTime(q.value(10).toString());
    return s;
}

QString nameProblem(const QString &name, const char *kind)
{
    const QString what = QCoreApplication::translate("assay::Catalog", kind);
    if (name.trimmed().isEmpty())
        return QCoreApplication::translate("assay::Catalog", "A %1 needs a name.").arg(what);
    if (name.size() > kMaxNameLength)
        return QCoreApplication::translate("assay::Catalog",
                                           "A %1 name has at most %2 characters; this one has %3.")
            .arg(what)
            .arg(kMaxNameLength)
            .arg(name.size());
    return QString();
}

QString lengthProblem(const QString &value, const char *label, int max)
{
    if (value.size() <= max)
        return QString();
    return QCoreApplication::translate("assay::Catalog",
                                       "The %1 has at most %2 characters; this one has %3.")
        .arg(QCoreApplication::translate("assay::Catalog", label))
        .arg(max)
        .arg(value.size());
}

QVariant nullUnlessFinite(double value)
{
    return qIsFinite(value) ? QVariant(value) : QVariant(QMetaType::fromType<double>());
}

double finiteOrNaN(const QVariant &value)
{
    return value.isNull() ? qQNaN() : value.toDouble();
}

ColumnValues containerColumns(const Container &c, const QString &updatedAt)
{
    ColumnValues v;
    v.set("container_type", notNull(c.containerType))
        .set("incremental_strategy", notNull(c.incrementalStrategy))
        .set("incremental_field", notNull(c.incrementalField))
        .set("partition_field", notNull(c.partitionField))
        .set("identifiers_overridden", c.identifiersOverridden ? 1 : 0)
        .set("settings", text::fromObject(c.settings))
        .set("removed", c.removed ? 1 : 0)
        .set("source_digest", notNull(c.sourceDigest))
        .set("updated_at", updatedAt);
    return v;
}

ColumnValues fieldColumns(const Field &f)
{
    ColumnValues v;
    v.set("ordinal", f.ordinal)
        .set("declared_type", notNull(f.declaredType))
        .set("nullable", f.nullable ? 1 : 0)
        .set("removed", f.removed ? 1 : 0)
        .set("base_type", notNull(f.baseType))
        .set("collation_name", notNull(f.collation))
        .set("source_name", notNull(f.sourceName));
    return v;
}

} // namespace assay::catalog
