#include "models/catalog/Catalog.h"

#include "models/catalog/CatalogRows.h"
#include "models/catalog/ColumnValues.h"
#include "models/catalog/Migrations.h"
#include "models/domain/Clock.h"
#include "models/domain/Json.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <tuple>

Q_LOGGING_CATEGORY(lcCatalog, "assay.catalog")

namespace assay {

namespace {

QAtomicInteger<int> g_catalogCounter;

QString now()
{
    return text::fromTime(Clock::utcNow());
}

// Text columns are NOT NULL with '' defaults; a null QString would bind as NULL.
QVariant str(const QString &value)
{
    return value.isNull() ? QVariant(QStringLiteral("")) : QVariant(value);
}

QString select(const char *columns, const char *rest)
{
    return QStringLiteral("SELECT %1 %2").arg(QLatin1String(columns), QLatin1String(rest));
}

} // namespace

Catalog::Catalog(QObject *parent)
    : QObject(parent),
      m_connectionName(
          QStringLiteral("assay-catalog-%1").arg(g_catalogCounter.fetchAndAddRelaxed(1)))
{
}

Catalog::~Catalog()
{
    close();
}

bool Catalog::open(const QString &path)
{
    close();
    m_path = path;
    m_created = false;
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return fail(tr("Cannot create the folder %1 for the catalog.").arg(info.absolutePath()));

    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
        db.setDatabaseName(path);
        // Another Assay (GUI, CLI, a worker) may hold a write lock for a moment: wait, don't fail.
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        if (!db.open())
            return fail(tr("Cannot open the catalog %1: %2").arg(path, db.lastError().text()));

        // WAL lets the window read while a worker writes; a file system without shared memory
        // (some network shares) refuses it, and the catalog then works in its rollback journal,
        // slower but correct: said, not fatal. Foreign keys are the catalog's integrity: fatal.
        QSqlQuery pragma(db);
        if (!pragma.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !pragma.next() ||
            pragma.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
            qCWarning(lcCatalog) << "the catalog" << path
                                 << "is not in WAL mode (readers wait for writers):"
                                 << pragma.lastError().text();
        if (!pragma.exec(QStringLiteral("PRAGMA foreign_keys=ON")))
            return fail(tr("Cannot enable foreign keys in the catalog %1: %2")
                            .arg(path, pragma.lastError().text()));
        if (!pragma.exec(QStringLiteral("PRAGMA synchronous=NORMAL")) ||
            !pragma.exec(QStringLiteral("PRAGMA busy_timeout=5000")))
            qCWarning(lcCatalog) << "catalog pragma refused:" << pragma.lastError().text();

        int from = 0;
        QString error;
        if (!catalog::migrate(db, catalog::SqlFlavor::SQLite, &from, &error)) {
            const QString message = tr("The catalog %1 cannot be used: %2").arg(path, error);
            close();
            return fail(message);
        }
        m_created = (from == 0);
        qCInfo(lcCatalog) << "catalog" << path << "schema version" << catalog::latestSchemaVersion()
                          << (m_created ? "(created)" : "");
    }
    return true;
}

void Catalog::close()
{
    if (!QSqlDatabase::contains(m_connectionName))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool Catalog::isOpen() const
{
    return QSqlDatabase::contains(m_connectionName) && database().isOpen();
}

QSqlDatabase Catalog::database() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

qint64 Catalog::externalDataVersion() const
{
    QSqlQuery q(database());
    if (q.exec(QStringLiteral("PRAGMA data_version")) && q.next())
        return q.value(0).toLongLong();
    return -1;
}

int Catalog::schemaVersion() const
{
    return catalog::currentSchemaVersion(database());
}

bool Catalog::fail(const QString &message) const
{
    m_lastError = message;
    // The caller reports it (lastError(), or warnUnless() for a write nobody waits on): a
    // warning here as well printed every catalog error twice.
    qCDebug(lcCatalog) << message;
    return false;
}

bool Catalog::warnUnless(bool ok, const char *what) const
{
    if (!ok)
        qCWarning(lcCatalog) << what << "failed:" << m_lastError;
    return ok;
}

bool Catalog::failQuery(const QSqlQuery &query) const
{
    return fail(tr("Catalog error: %1").arg(query.lastError().text()));
}

qint64 Catalog::insertReturningId(QSqlQuery &query) const
{
    if (!query.exec() || !query.next()) {
        failQuery(query);
        return 0;
    }
    return query.value(0).toLongLong();
}

// ---- Connections -------------------------------------------------------------------------

QList<Connection> Catalog::connections() const
{
    QList<Connection> out;
    QSqlQuery q(database());
    if (!q.exec(select(catalog::kConnectionColumns, "FROM connections ORDER BY name")))
        failQuery(q);
    while (q.next())
        out << catalog::readConnection(q);
    return out;
}

Lookup<Connection> Catalog::connection(qint64 id) const
{
    QSqlQuery q(database());
    q.prepare(select(catalog::kConnectionColumns, "FROM connections WHERE id = ?"));
    q.addBindValue(id);
    const bool executed = q.exec();
    return lookupRow<Connection>(q, executed, catalog::readConnection);
}

Lookup<Connection> Catalog::connectionByName(const QString &name) const
{
    QSqlQuery q(database());
    q.prepare(select(catalog::kConnectionColumns, "FROM connections WHERE name = ?"));
    q.addBindValue(name);
    const bool executed = q.exec();
    return lookupRow<Connection>(q, executed, catalog::readConnection);
}

namespace {

// The columns a connection's edit writes (insert and update alike; no secrets).
catalog::ColumnValues connectionColumns(const Connection &c)
{
    catalog::ColumnValues v;
    v.set("name", str(c.name))
        .set("type", str(c.type))
        .set("host", str(c.host))
        .set("port", c.port)
        .set("username", str(c.username))
        .set("database_name", str(c.database))
        .set("parameters", text::fromObject(c.parameters))
        .set("secret_fields", text::fromList(c.secretFields));
    return v;
}

// Why `c` cannot be saved: its name, or a field too long (catalog::lengthProblem).
QString connectionProblem(const Connection &c)
{
    QString problem = catalog::nameProblem(c.name, QT_TR_NOOP("connection"));
    const QString parameters = text::fromObject(c.parameters);
    for (const auto &[value, label, max] :
         {std::tuple{&c.host, QT_TR_NOOP("host"), catalog::kMaxFieldLength},
          std::tuple{&c.username, QT_TR_NOOP("user name"), catalog::kMaxFieldLength},
          std::tuple{&c.database, QT_TR_NOOP("database or file"), catalog::kMaxFieldLength},
          std::tuple{&parameters, QT_TR_NOOP("connection's parameters (as JSON)"),
                     catalog::kMaxParametersLength}})
        if (problem.isEmpty())
            problem = catalog::lengthProblem(*value, label, max);
    return problem;
}

} // namespace

qint64 Catalog::addConnection(Connection c)
{
    if (const QString problem = connectionProblem(c); !problem.isEmpty()) {
        fail(problem);
        return 0;
    }
    if (connectionByName(c.name)) {
        fail(tr("A connection named “%1” already exists.").arg(c.name));
        return 0;
    }
    if (c.uuid.isEmpty())
        c.uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString stamp = now();
    QSqlQuery q(database());
    catalog::ColumnValues columns = connectionColumns(c);
    columns.set("uuid", str(c.uuid)).set("created_at", stamp).set("updated_at", stamp);
    q.prepare(columns.insertInto("connections", "RETURNING id"));
    columns.bind(q);
    const qint64 id = insertReturningId(q);
    if (id)
        emit connectionsChanged();
    return id;
}

bool Catalog::updateConnection(const Connection &c)
{
    if (const QString problem = connectionProblem(c); !problem.isEmpty())
        return fail(problem);
    if (auto other = connectionByName(c.name); other && other->id != c.id)
        return fail(tr("A connection named “%1” already exists.").arg(c.name));
    QSqlQuery q(database());
    catalog::ColumnValues columns = connectionColumns(c);
    columns.set("updated_at", now());
    q.prepare(columns.update("connections", "id = :id"));
    columns.bind(q);
    q.bindValue(QStringLiteral(":id"), c.id);
    if (!q.exec())
        return failQuery(q);
    emit connectionsChanged();
    return true;
}

Result<QStringList> Catalog::datastoresUsingConnection(qint64 connectionId) const
{
    QStringList names;
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT name FROM datastores WHERE connection_id = ? ORDER BY name"));
    q.addBindValue(connectionId);
    if (!q.exec()) {
        failQuery(q);
        return Result<QStringList>::failure(m_lastError);
    }
    while (q.next())
        names << q.value(0).toString();
    return Result<QStringList>::ok(names);
}

bool Catalog::removeConnection(qint64 id)
{
    // A connection whose users cannot be read is kept: it may be in use.
    const Result<QStringList> users = datastoresUsingConnection(id);
    if (users.failed())
        return fail(tr("Cannot tell whether the connection is in use: %1").arg(users.error()));
    if (!users.value().isEmpty())
        return fail(tr("The connection is used by %1; delete those datastores first.")
                        .arg(users.value().join(QStringLiteral(", "))));
    QSqlQuery q(database());
    q.prepare(QStringLiteral("DELETE FROM connections WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return failQuery(q);
    emit connectionsChanged();
    return true;
}

// ---- Datastores --------------------------------------------------------------------------

QList<Datastore> Catalog::datastores() const
{
    QList<Datastore> out;
    QSqlQuery q(database());
    if (!q.exec(select(catalog::kDatastoreColumns, "FROM datastores ORDER BY name")))
        failQuery(q);
    while (q.next())
        out << catalog::readDatastore(q);
    return out;
}

Lookup<Datastore> Catalog::datastore(qint64 id) const
{
    QSqlQuery q(database());
    q.prepare(select(catalog::kDatastoreColumns, "FROM datastores WHERE id = ?"));
    q.addBindValue(id);
    const bool executed = q.exec();
    return lookupRow<Datastore>(q, executed, catalog::readDatastore);
}

Lookup<Datastore> Catalog::datastoreByName(const QString &name) const
{
    QSqlQuery q(database());
    q.prepare(select(catalog::kDatastoreColumns, "FROM datastores WHERE name = ?"));
    q.addBindValue(name);
    const bool executed = q.exec();
    return lookupRow<Datastore>(q, executed, catalog::readDatastore);
}

namespace {

// The columns a datastore's edit writes (insert and update alike).
catalog::ColumnValues datastoreColumns(const Datastore &d)
{
    catalog::ColumnValues v;
    v.set("name", d.name)
        .set("connection_id", d.connectionId)
        .set("database_name", str(d.database))
        .set("schema_name", str(d.schema))
        .set("teams", text::fromList(d.teams))
        .set("enrich_only", d.enrichOnly ? 1 : 0)
        .set("enrichment_datastore_id", d.enrichment.enrichmentDatastoreId
                                            ? QVariant(d.enrichment.enrichmentDatastoreId)
                                            : QVariant(QMetaType::fromType<qint64>()))
        .set("enrich_container_prefix", str(d.enrichment.prefix))
        .set("remediation", remediationToString(d.enrichment.remediation))
        .set("enrich_source_record_limit", d.enrichment.sourceRecordLimit)
        .set("enrich_rollup_threshold", d.enrichment.rollupThreshold);
    return v;
}

// Why `d` cannot be saved: its name, or a field too long (catalog::lengthProblem).
QString datastoreProblem(const Datastore &d)
{
    QString problem = catalog::nameProblem(d.name, QT_TR_NOOP("datastore"));
    if (problem.isEmpty())
        problem = catalog::lengthProblem(d.database, QT_TR_NOOP("database"));
    if (problem.isEmpty())
        problem = catalog::lengthProblem(d.schema, QT_TR_NOOP("schema"));
    for (const QString &team : d.teams)
        if (problem.isEmpty())
            problem =
                catalog::lengthProblem(team, QT_TR_NOOP("team name"), catalog::kMaxNameLength);
    return problem;
}

} // namespace

qint64 Catalog::addDatastore(const Datastore &d)
{
    if (const QString problem = datastoreProblem(d); !problem.isEmpty()) {
        fail(problem);
        return 0;
    }
    if (datastoreByName(d.name)) {
        fail(tr("A datastore named “%1” already exists.").arg(d.name));
        return 0;
    }
    if (!connection(d.connectionId)) {
        fail(tr("The datastore “%1” refers to a connection that does not exist.").arg(d.name));
        return 0;
    }
    const QString stamp = now();
    QSqlQuery q(database());
    catalog::ColumnValues columns = datastoreColumns(d);
    columns.set("created_at", stamp).set("updated_at", stamp);
    q.prepare(columns.insertInto("datastores", "RETURNING id"));
    columns.bind(q);
    const qint64 id = insertReturningId(q);
    if (id)
        emit datastoreAdded(id);
    return id;
}

bool Catalog::updateDatastore(const Datastore &d)
{
    if (const QString problem = datastoreProblem(d); !problem.isEmpty())
        return fail(problem);
    if (auto other = datastoreByName(d.name); other && other->id != d.id)
        return fail(tr("A datastore named “%1” already exists.").arg(d.name));
    QSqlQuery q(database());
    catalog::ColumnValues columns = datastoreColumns(d);
    columns.set("updated_at", now());
    q.prepare(columns.update("datastores", "id = :id"));
    columns.bind(q);
    q.bindValue(QStringLiteral(":id"), d.id);
    if (!q.exec())
        return failQuery(q);
    if (q.numRowsAffected() == 0)
        return fail(tr("The datastore no longer exists."));
    emit datastoreUpdated(d.id);
    return true;
}

bool Catalog::removeDatastore(qint64 id)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("DELETE FROM datastores WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return failQuery(q);
    emit datastoreRemoved(id);
    return true;
}

// ---- Containers and fields ---------------------------------------------------------------

QList<Container> Catalog::containers(qint64 datastoreId) const
{
    QList<Container> out;
    QSqlQuery q(database());
    q.prepare(
        select(catalog::kContainerColumns, "FROM containers WHERE datastore_id = ? ORDER BY name"));
    q.addBindValue(datastoreId);
    if (!q.exec())
        failQuery(q);
    while (q.next())
        out << catalog::readContainer(q);
    return out;
}

QList<ContainerSummary> Catalog::containerPage(qint64 datastoreId, int offset, int limit) const
{
    QList<ContainerSummary> out;
    QSqlQuery q(database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT c.id, c.name, c.container_type,"
                             " (SELECT COUNT(*) FROM fields f WHERE f.container_id = c.id"
                             " AND f.removed = 0)"
                             " FROM containers c WHERE c.datastore_id = ? AND c.removed = 0"
                             " ORDER BY c.name LIMIT ? OFFSET ?"));
    q.addBindValue(datastoreId);
    q.addBindValue(limit);
    q.addBindValue(offset);
    if (!q.exec())
        failQuery(q);
    while (q.next())
        out << ContainerSummary{q.value(0).toLongLong(), q.value(1).toString(),
                                q.value(2).toString(), q.value(3).toInt()};
    return out;
}

QHash<qint64, Operation> Catalog::latestOperations() const
{
    QHash<qint64, Operation> out;
    QSqlQuery q(database());
    if (!q.exec(select(catalog::kOperationColumns,
                       "FROM operations WHERE id IN (SELECT MAX(id) FROM operations GROUP BY "
                       "datastore_id)")))
        failQuery(q);
    while (q.next()) {
        const Operation op = catalog::readOperation(q);
        out.insert(op.datastoreId, op);
    }
    return out;
}

qint64 Catalog::addContainer(const Container &c)
{
    const QString stamp = now();
    QSqlQuery q(database());
    catalog::ColumnValues columns = catalog::containerColumns(c, stamp);
    columns.set("datastore_id", c.datastoreId).set("name", str(c.name)).set("created_at", stamp);
    q.prepare(columns.insertInto("containers", "RETURNING id"));
    columns.bind(q);
    const qint64 id = insertReturningId(q);
    if (id)
        emit containersChanged(c.datastoreId);
    return id;
}

Lookup<Container> Catalog::container(qint64 id) const
{
    QSqlQuery q(database());
    q.prepare(select(catalog::kContainerColumns, "FROM containers WHERE id = ?"));
    q.addBindValue(id);
    const bool executed = q.exec();
    return lookupRow<Container>(q, executed, catalog::readContainer);
}

Result<int> Catalog::containerCount(qint64 datastoreId) const
{
    QSqlQuery q(database());
    q.prepare(
        QStringLiteral("SELECT COUNT(*) FROM containers WHERE datastore_id = ? AND removed = 0"));
    q.addBindValue(datastoreId);
    if (!q.exec() || !q.next()) {
        failQuery(q);
        return Result<int>::failure(m_lastError);
    }
    return Result<int>::ok(q.value(0).toInt());
}

bool Catalog::updateContainerSettings(const Container &c)
{
    QSqlQuery q(database());
    // Identifiers handed back to detection (not overridden, yet not what the last Sync
    // detected): the next Sync must compare the container to detect them, so it forgets what it
    // read of it (source_digest).
    q.prepare(QStringLiteral(
        "UPDATE containers SET source_digest = CASE WHEN ? = 0 AND (identifiers_overridden <> 0 OR"
        " incremental_strategy <> ? OR incremental_field <> ? OR partition_field <> ?) THEN ''"
        " ELSE source_digest END, incremental_strategy = ?, incremental_field = ?,"
        " partition_field = ?, identifiers_overridden = ?, settings = ?, updated_at = ?"
        " WHERE id = ?"));
    const int overridden = c.identifiersOverridden ? 1 : 0;
    for (const QVariant &v :
         {QVariant(overridden), str(c.incrementalStrategy), str(c.incrementalField),
          str(c.partitionField), str(c.incrementalStrategy), str(c.incrementalField),
          str(c.partitionField), QVariant(overridden), QVariant(text::fromObject(c.settings)),
          QVariant(now()), QVariant(c.id)})
        q.addBindValue(v);
    if (!q.exec())
        return failQuery(q);
    emit containersChanged(c.datastoreId);
    return true;
}

QHash<qint64, QList<Field>> Catalog::fieldsOfDatastore(qint64 datastoreId) const
{
    QHash<qint64, QList<Field>> out;
    QSqlQuery q(database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT f.id, f.container_id, f.name, f.ordinal, f.declared_type,"
                             " f.nullable, f.removed, f.base_type, f.collation_name, f.source_name"
                             " FROM fields f"
                             " JOIN containers c ON c.id = f.container_id"
                             " WHERE c.datastore_id = ? ORDER BY f.container_id, f.ordinal"));
    q.addBindValue(datastoreId);
    if (!q.exec())
        failQuery(q);
    while (q.next()) {
        const Field f = catalog::readField(q);
        out[f.containerId].append(f);
    }
    return out;
}

QList<Field> Catalog::fields(qint64 containerId) const
{
    QList<Field> out;
    QSqlQuery q(database());
    q.prepare(
        select(catalog::kFieldColumns, "FROM fields WHERE container_id = ? ORDER BY ordinal"));
    q.addBindValue(containerId);
    if (!q.exec())
        failQuery(q);
    while (q.next())
        out << catalog::readField(q);
    return out;
}

qint64 Catalog::addField(const Field &f)
{
    QSqlQuery q(database());
    catalog::ColumnValues columns = catalog::fieldColumns(f);
    columns.set("container_id", f.containerId).set("name", str(f.name));
    q.prepare(columns.insertInto("fields", "RETURNING id"));
    columns.bind(q);
    return insertReturningId(q);
}

} // namespace assay
