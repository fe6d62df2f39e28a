#include "ui/wizard/MultiSchemaController.h"

#include "app/connectors/ConnectorSpec.h"
#include "app/engine/OperationEngine.h"
#include "app/enrichment/EnrichmentLinker.h"
#include "app/enrichment/Prefix.h"
#include "app/secrets/CredentialStore.h"
#include "models/catalog/Catalog.h"
#include "ui/widgets/ConnectionTestRunner.h"
#include "ui/wizard/DatastoreCreationController.h"

#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSet>
#include <QUuid>

Q_LOGGING_CATEGORY(lcMulti, "assay.ui.multischema")

#include <utility>

namespace assay {

namespace {

// Whether two connections reach the same place: the same record, or the same server (type,
// host and port) or file.
bool sameTarget(const Connection &a, const Connection &b)
{
    if (a.id != 0 && a.id == b.id)
        return true;
    if (a.type.compare(b.type, Qt::CaseInsensitive) != 0)
        return false;
    if (!a.host.isEmpty())
        return a.host.compare(b.host, Qt::CaseInsensitive) == 0 && a.port == b.port;
    return a.host.isEmpty() && b.host.isEmpty() && !a.database.isEmpty() &&
           a.database == b.database;
}

} // namespace

MultiSchemaSource MultiSchemaSource::fromRequest(const NewDatastore &request)
{
    MultiSchemaSource s;
    s.connectionId = request.newConnection ? 0 : request.connectionId;
    s.draft = request.connection;
    s.connectionName = request.name.trimmed();
    s.database = request.database.trimmed();
    s.teams = request.teams;
    s.initiateSync = request.initiateSync;
    return s;
}

MultiSchemaController::MultiSchemaController(Catalog *catalog, CredentialStore *credentials,
                                             OperationEngine *engine,
                                             const MultiSchemaSource &source, QObject *parent)
    : QObject(parent), m_catalog(catalog), m_credentials(credentials), m_engine(engine),
      m_source(source), m_runner(new ConnectionTestRunner(credentials, this)),
      m_secrets(credentials)
{
    if (!m_source.isNew() && m_catalog)
        m_connection = m_catalog->connection(m_source.connectionId).value_or(Connection());
    if (m_source.isNew()) {
        Connection base;
        base.name = m_source.connectionName;
        m_connection = draft::toConnection(m_source.draft, base);
    }
    connect(m_runner, &ConnectionTestRunner::progress, this,
            &MultiSchemaController::discoveryProgress);
    connect(m_runner, &ConnectionTestRunner::finished, this,
            [this](const ConnectionTestResult &result) {
                if (!result.ok()) {
                    emit discoveryFailed(result.diagnosis);
                    return;
                }
                m_schemas = result.schemas;
                emit schemasDiscovered(m_schemas);
            });
}

MultiSchemaController::~MultiSchemaController() = default;

const ConnectorSpec *MultiSchemaController::spec() const
{
    return connectors::find(m_connection.type);
}

QString MultiSchemaController::database() const
{
    return m_source.database.isEmpty() ? m_connection.database : m_source.database;
}

QString MultiSchemaController::databaseFor(const QString &schema) const
{
    const ConnectorSpec *s = spec();
    // MySQL and MariaDB call their schemas databases: each one is its own database.
    if (s && s->dialect == QLatin1String("mysql"))
        return schema;
    return database();
}

void MultiSchemaController::discover()
{
    ConnectionTestRequest r;
    if (m_connection.id) {
        r.connection = m_connection;
        r.storedSecrets = m_connection.secretFields;
        r.vaultEnabled = draft::hasVault(m_connection);
        r.vault = draft::vaultOf(m_connection);
        r.vaultPayloadStored = m_connection.secretFields.contains(draft::kVaultPayloadField);
    } else {
        r.connection = m_connection;
        r.secrets = m_source.draft.secrets;
        r.vaultEnabled = m_source.draft.vaultEnabled;
        r.vault = m_source.draft.vault;
    }
    r.database = database();
    m_runner->start(r);
}

void MultiSchemaController::cancelDiscovery()
{
    m_runner->cancel();
}

bool MultiSchemaController::isDiscovering() const
{
    return m_runner->isRunning();
}

QString MultiSchemaController::applyTemplate(const QString &nameTemplate, const QString &schema,
                                             const QString &database, const QString &connection)
{
    static const QRegularExpression placeholder(
        QStringLiteral("\\{\\{\\s*(schema|database|connection)\\s*\\}\\}"),
        QRegularExpression::CaseInsensitiveOption);
    QString out;
    qsizetype last = 0;
    auto it = placeholder.globalMatch(nameTemplate);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        out += nameTemplate.mid(last, m.capturedStart() - last);
        const QString which = m.captured(1).toLower();
        out += which == QLatin1String("schema")     ? schema
               : which == QLatin1String("database") ? database
                                                    : connection;
        last = m.capturedEnd();
    }
    out += nameTemplate.mid(last);
    return out.trimmed();
}

QString MultiSchemaController::derivedPrefix(const QString &datastoreName)
{
    QString prefix = normalizeEnrichmentPrefix(datastoreName).left(kMaxPrefixLength);
    while (prefix.size() > 1 && prefix.endsWith(QLatin1Char('_')))
        prefix.chop(1);
    return prefix;
}

QStringList MultiSchemaController::onboardedAs(const QString &schema) const
{
    QStringList names;
    if (!m_catalog)
        return names;
    const QString db = databaseFor(schema);
    QHash<qint64, bool> sameConnection;
    for (const Datastore &d : m_catalog->datastores()) {
        if (d.enrichOnly || d.schema != schema || d.database != db)
            continue;
        if (!sameConnection.contains(d.connectionId)) {
            const auto c = m_catalog->connection(d.connectionId);
            sameConnection.insert(d.connectionId, c && sameTarget(m_connection, *c));
        }
        if (sameConnection.value(d.connectionId))
            names << d.name;
    }
    return names;
}

QList<SchemaPlan> MultiSchemaController::plan(const QStringList &schemas,
                                              const QString &nameTemplate) const
{
    QSet<QString> taken;
    if (m_catalog)
        for (const Datastore &d : m_catalog->datastores())
            taken.insert(d.name.toLower());
    QHash<QString, int> counts;
    QList<SchemaPlan> plans;
    for (const QString &schema : schemas) {
        SchemaPlan p;
        p.schema = schema;
        p.name = applyTemplate(nameTemplate, schema, databaseFor(schema), m_connection.name);
        p.prefix = derivedPrefix(p.name);
        p.onboardedAs = onboardedAs(schema);
        counts[p.name.toLower()] += 1;
        plans << p;
    }
    for (SchemaPlan &p : plans) {
        if (p.name.isEmpty()) {
            p.problem = SchemaPlan::Problem::EmptyName;
            p.problemText = tr("Name is empty");
        } else if (counts.value(p.name.toLower()) > 1) {
            p.problem = SchemaPlan::Problem::DuplicateName;
            p.problemText = tr("Duplicate name");
        } else if (taken.contains(p.name.toLower())) {
            p.problem = SchemaPlan::Problem::NameTaken;
            p.problemText = tr("Name already exists");
        }
    }
    return plans;
}

bool MultiSchemaController::createAll(const MultiSchemaRequest &request)
{
    if (m_creating || request.schemas.isEmpty() || !m_catalog)
        return false;
    m_request = request;
    if (m_request.teams.isEmpty())
        m_request.teams << QStringLiteral("Public");
    m_plans = plan(request.schemas, request.nameTemplate);
    m_results.clear();
    m_cancelled = false;
    m_creating = true;
    if (m_connection.id) {
        QMetaObject::invokeMethod(this, &MultiSchemaController::createNext, Qt::QueuedConnection);
        return true;
    }
    // A new connection: its secrets go to the keychain first, then it is recorded once.
    m_connection.uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_connection.name = DatastoreCreationController::uniqueConnectionName(
        *m_catalog,
        m_source.connectionName.isEmpty() ? m_connection.type : m_source.connectionName);
    m_secrets.prepare(m_connection.uuid, m_source.draft);
    QMetaObject::invokeMethod(this, &MultiSchemaController::writeSecrets, Qt::QueuedConnection);
    return true;
}

void MultiSchemaController::cancel()
{
    if (m_creating)
        m_cancelled = true;
}

void MultiSchemaController::writeSecrets()
{
    if (m_secrets.lacksKeychain()) {
        finishAll(tr("The system keychain is not available, so the connection's secrets cannot "
                     "be stored."));
        return;
    }
    m_secrets.write(this, [this](const QString &error) {
        if (error.isEmpty())
            recordConnection();
        else
            finishAll(error);
    });
}

void MultiSchemaController::recordConnection()
{
    const qint64 id = m_catalog->addConnection(m_connection);
    if (!id) {
        finishAll(tr("The connection could not be recorded: %1").arg(m_catalog->lastError()));
        return;
    }
    m_connection.id = id;
    m_source.connectionId = id; // from now on (a retry too) the datastores reuse it
    m_secrets.keep();
    qCInfo(lcMulti) << "recorded connection" << m_connection.name << id;
    createNext();
}

void MultiSchemaController::createNext()
{
    const int index = int(m_results.size());
    if (index >= m_plans.size()) {
        finishAll();
        return;
    }
    if (m_cancelled) {
        for (int i = index; i < m_plans.size(); ++i) {
            SchemaResult r;
            r.schema = m_plans.at(i).schema;
            r.name = m_plans.at(i).name;
            r.status = SchemaResult::Status::Skipped;
            r.message = tr("Cancelled before it was created.");
            m_results << r;
            emit schemaFinished(r);
        }
        finishAll();
        return;
    }
    const SchemaResult result = createOne(m_plans.at(index));
    m_results << result;
    emit schemaFinished(result);
    emit creationProgress(index + 1, int(m_plans.size()), result.schema);
    // One datastore per event-loop turn: the window repaints and Cancel is heard in between.
    QMetaObject::invokeMethod(this, &MultiSchemaController::createNext, Qt::QueuedConnection);
}

SchemaResult MultiSchemaController::createOne(const SchemaPlan &plan)
{
    SchemaResult r;
    r.schema = plan.schema;
    r.name = plan.name;
    if (plan.blocks()) {
        r.message = plan.problemText;
        return r;
    }
    QString existing;
    for (const Datastore &d : m_catalog->datastores())
        if (d.name.compare(plan.name, Qt::CaseInsensitive) == 0)
            existing = d.name;
    if (!existing.isEmpty()) {
        r.status = SchemaResult::Status::Skipped;
        r.message = tr("A datastore named “%1” already exists.").arg(existing);
        return r;
    }
    const QStringList onboarded = onboardedAs(plan.schema);
    if (m_request.skipOnboarded && !onboarded.isEmpty()) {
        r.status = SchemaResult::Status::Skipped;
        r.message = tr("Already onboarded as %1.")
                        .arg(QStringLiteral("“%1”").arg(onboarded.join(QStringLiteral("”, “"))));
        return r;
    }
    Datastore d;
    d.name = plan.name;
    d.connectionId = m_connection.id;
    d.database = databaseFor(plan.schema);
    d.schema = plan.schema;
    d.teams = m_request.teams;
    r.datastoreId = m_catalog->addDatastore(d);
    if (!r.datastoreId) {
        r.message = m_catalog->lastError();
        return r;
    }
    r.status = SchemaResult::Status::Created;
    QStringList notes;
    if (m_request.enrichmentDatastoreId) {
        EnrichmentSettings settings;
        settings.prefixInput = plan.prefix;
        const EnrichmentLinkResult link = EnrichmentLinker::link(
            *m_catalog, r.datastoreId, m_request.enrichmentDatastoreId, settings);
        if (link.ok)
            r.prefix = link.prefix;
        else
            notes << tr("Not linked to the enrichment datastore: %1").arg(link.error);
        notes << link.warnings;
    }
    if (m_request.initiateSync) {
        if (!m_engine) {
            notes << tr("Sync could not start: the operation engine is not running.");
        } else {
            OperationRequest sync;
            sync.datastoreId = r.datastoreId;
            sync.type = operation_type::kSync;
            r.syncOperationId = m_engine->enqueue(sync);
            if (!r.syncOperationId)
                notes << tr("Sync could not start: %1").arg(m_engine->lastError());
        }
    }
    r.message = notes.join(QLatin1Char(' '));
    return r;
}

void MultiSchemaController::finishAll(const QString &failure)
{
    if (!failure.isEmpty()) {
        qCWarning(lcMulti) << "multi-schema creation failed:" << failure;
        // Secrets written for a connection that was never recorded are taken back.
        if (!m_connection.id)
            m_secrets.rollback();
        else
            m_secrets.keep();
        for (int i = int(m_results.size()); i < m_plans.size(); ++i) {
            SchemaResult r;
            r.schema = m_plans.at(i).schema;
            r.name = m_plans.at(i).name;
            r.status = SchemaResult::Status::Failed;
            r.message = failure;
            m_results << r;
            emit schemaFinished(r);
        }
    }
    m_creating = false;
    emit creationFinished(m_results);
}

} // namespace assay
