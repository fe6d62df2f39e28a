#include "ui/enrichment/EnrichmentLinkController.h"

#include "app/connectors/ConnectorSpec.h"
#include "app/enrichment/Prefix.h"
#include "app/secrets/CredentialStore.h"
#include "models/catalog/Catalog.h"
#include "ui/widgets/WizardUi.h"

#include <QFileInfo>
#include <QFutureWatcher>
#include <QLoggingCategory>
#include <QUuid>
#include <QtConcurrent/QtConcurrentRun>
#include <memory>

Q_LOGGING_CATEGORY(lcLinkUi, "assay.ui.enrichment")

#include <utility>

namespace assay {

namespace {

// A connection name based on `base` that no connection uses yet.
QString uniqueConnectionName(const Catalog &catalog, const QString &base)
{
    if (!catalog.connectionByName(base))
        return base;
    for (int i = 2;; ++i) {
        const QString candidate = QStringLiteral("%1 (%2)").arg(base).arg(i);
        if (!catalog.connectionByName(candidate))
            return candidate;
    }
}

using OrphanAnswer = QPair<QStringList, QString>; // tables, error

} // namespace

EnrichmentLinkController::EnrichmentLinkController(Catalog *catalog, CredentialStore *credentials,
                                                   QObject *parent)
    : QObject(parent), m_catalog(catalog), m_credentials(credentials), m_secrets(credentials)
{
}

EnrichmentLinkController::~EnrichmentLinkController() = default;

void EnrichmentLinkController::refuse(const QString &message)
{
    // Asynchronous like every other outcome: callers connect after link().
    QMetaObject::invokeMethod(
        this,
        [this, message] {
            m_running = false;
            emit failed(message);
        },
        Qt::QueuedConnection);
}

QString EnrichmentLinkController::precheck(const LinkEnrichmentRequest &request) const
{
    if (!m_catalog || !m_catalog->isOpen())
        return tr("The catalog is not open, so nothing can be linked.");
    const auto source = m_catalog->datastore(request.sourceDatastoreId);
    if (!source)
        return tr("The source datastore no longer exists.");
    const QString prefixProblem =
        validateEnrichmentPrefix(normalizeEnrichmentPrefix(request.settings.prefixInput));
    if (!prefixProblem.isEmpty())
        return prefixProblem;
    QString problem = EnrichmentLinker::checkSourceRecordLimit(request.settings.sourceRecordLimit);
    if (problem.isEmpty())
        problem = EnrichmentLinker::checkRollupThreshold(request.settings.rollupThreshold);
    if (!problem.isEmpty() || !request.addNew)
        return problem; // the linker checks the rest of an existing target

    if (source->enrichOnly)
        return tr("“%1” is an enrichment datastore: only source datastores link to one.")
            .arg(source->name);
    if (source->enrichment.isLinked()) {
        const auto linked = m_catalog->datastore(source->enrichment.enrichmentDatastoreId);
        const QString name =
            linked ? linked->name : QString::number(source->enrichment.enrichmentDatastoreId);
        return tr("“%1” already writes to the enrichment datastore “%2”. Unlink “%2” first; "
                  "enrichment datastores cannot be swapped directly.")
            .arg(source->name, name);
    }
    const NewEnrichmentDatastore &n = request.newDatastore;
    const QString name = n.name.trimmed();
    if (name.isEmpty())
        return tr("The new enrichment datastore needs a name.");
    if (m_catalog->datastoreByName(name))
        return tr("A datastore named “%1” already exists.").arg(name);
    QString connectorId = n.connection.connectorId;
    if (!n.newConnection) {
        const auto connection = m_catalog->connection(n.connectionId);
        if (!connection)
            return tr("The chosen connection no longer exists.");
        connectorId = connection->type;
    }
    const ConnectorSpec *spec = connectors::find(connectorId);
    if (!spec)
        return tr("Unknown connector “%1”.").arg(connectorId);
    if (!spec->supportsEnrichment)
        return tr("%1 cannot be an enrichment datastore.").arg(spec->displayName);
    if (n.newConnection && n.connection.vaultEnabled)
        return n.connection.vault.validate();
    return QString();
}

bool EnrichmentLinkController::link(const LinkEnrichmentRequest &request)
{
    if (m_running)
        return false;
    m_running = true;
    m_request = request;
    m_result = EnrichmentLinkResult();
    m_connection = Connection();
    m_secrets.keep();
    m_createdConnectionId = 0;
    m_createdDatastoreId = 0;

    const QString problem = precheck(request);
    if (!problem.isEmpty()) {
        refuse(problem);
        return true;
    }
    if (!request.addNew) {
        QMetaObject::invokeMethod(
            this, [this] { finishLink(m_request.enrichmentDatastoreId); }, Qt::QueuedConnection);
        return true;
    }

    const NewEnrichmentDatastore &n = m_request.newDatastore;
    if (!n.newConnection) {
        m_connection = *m_catalog->connection(n.connectionId);
        QMetaObject::invokeMethod(this, &EnrichmentLinkController::recordNew, Qt::QueuedConnection);
        return true;
    }
    Connection base;
    base.uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    base.name = uniqueConnectionName(*m_catalog, n.name.trimmed());
    m_connection = draft::toConnection(n.connection, base);
    m_secrets.prepare(m_connection.uuid, n.connection);
    if (m_secrets.lacksKeychain()) {
        refuse(tr("The system keychain is not available, so the secrets cannot be stored. "
                  "Nothing was added."));
        return true;
    }
    QMetaObject::invokeMethod(this, &EnrichmentLinkController::writeSecrets, Qt::QueuedConnection);
    return true;
}

void EnrichmentLinkController::writeSecrets()
{
    m_secrets.write(this, [this](const QString &error) {
        if (error.isEmpty())
            recordNew();
        else
            rollback(error);
    });
}

void EnrichmentLinkController::recordNew()
{
    const NewEnrichmentDatastore &n = m_request.newDatastore;
    if (n.newConnection) {
        m_createdConnectionId = m_catalog->addConnection(m_connection);
        if (!m_createdConnectionId) {
            rollback(tr("The connection could not be recorded: %1").arg(m_catalog->lastError()));
            return;
        }
        m_connection.id = m_createdConnectionId;
    }
    const ConnectorSpec *spec = connectors::find(m_connection.type);
    Datastore d;
    d.name = n.name.trimmed();
    d.connectionId = m_connection.id;
    d.enrichOnly = true;
    d.database = n.database.trimmed().isEmpty() ? m_connection.database : n.database.trimmed();
    if (spec && spec->isFileBased() && !d.database.isEmpty() && !draft::hasReference(d.database))
        d.database = QFileInfo(d.database).absoluteFilePath();
    d.schema = n.schema.trimmed();
    if (d.schema.isEmpty() && spec)
        d.schema = wizardui::defaultSchema(*spec, d.database);
    d.teams = n.teams.isEmpty() ? QStringList{QStringLiteral("Public")} : n.teams;
    m_createdDatastoreId = m_catalog->addDatastore(d);
    if (!m_createdDatastoreId) {
        rollback(
            tr("The enrichment datastore could not be recorded: %1").arg(m_catalog->lastError()));
        return;
    }
    finishLink(m_createdDatastoreId);
}

void EnrichmentLinkController::finishLink(qint64 enrichmentId)
{
    const EnrichmentLinkResult result = EnrichmentLinker::link(
        *m_catalog, m_request.sourceDatastoreId, enrichmentId, m_request.settings);
    if (!result.ok) {
        if (m_request.addNew) {
            rollback(result.error);
        } else {
            m_running = false;
            emit failed(result.error);
        }
        return;
    }
    m_result = result;
    m_running = false;
    emit linked(enrichmentId, m_request.addNew);
}

void EnrichmentLinkController::rollback(const QString &message)
{
    qCWarning(lcLinkUi) << "linking the enrichment datastore failed:" << message;
    if (m_createdDatastoreId)
        m_catalog->warnUnless(m_catalog->removeDatastore(m_createdDatastoreId), "removeDatastore");
    if (m_createdConnectionId)
        m_catalog->warnUnless(m_catalog->removeConnection(m_createdConnectionId),
                              "removeConnection");
    m_createdDatastoreId = 0;
    m_createdConnectionId = 0;
    // Remove what reached the keychain (best effort; failures are logged).
    m_secrets.rollback();
    m_running = false;
    emit failed(message);
}

bool EnrichmentLinkController::unlink(qint64 sourceDatastoreId)
{
    if (m_running)
        return false;
    m_running = true;
    QMetaObject::invokeMethod(
        this,
        [this, sourceDatastoreId] {
            const EnrichmentLinkResult result =
                m_catalog ? EnrichmentLinker::unlink(*m_catalog, sourceDatastoreId)
                          : EnrichmentLinkResult();
            m_running = false;
            if (!result.ok) {
                emit failed(result.error.isEmpty() ? tr("The catalog is not open.") : result.error);
                return;
            }
            m_result = result;
            emit unlinked(sourceDatastoreId);
        },
        Qt::QueuedConnection);
    return true;
}

void EnrichmentLinkController::findOrphanedTables(qint64 enrichmentDatastoreId,
                                                  qint64 sourceDatastoreId,
                                                  const QString &oldPrefix)
{
    const quint64 generation = ++m_orphanGeneration;
    ++m_orphanSearches;
    struct State
    {
        ConnectionSettings settings;
        QStringList keep;
        int outstanding = 0;
        QString error;
    };
    auto state = std::make_shared<State>();
    if (m_catalog) {
        state->settings = EnrichmentLinker::connectionSettings(*m_catalog, enrichmentDatastoreId);
        state->keep =
            EnrichmentLinker::prefixesInUse(*m_catalog, enrichmentDatastoreId, sourceDatastoreId);
    }
    const auto answer = [this, generation, oldPrefix](const QStringList &tables,
                                                      const QString &error) {
        --m_orphanSearches;
        if (generation == m_orphanGeneration)
            emit orphanedTablesFound(oldPrefix, tables, error);
    };
    if (state->settings.connection.id == 0) {
        QMetaObject::invokeMethod(
            this, [answer] { answer({}, tr("The enrichment datastore no longer exists.")); },
            Qt::QueuedConnection);
        return;
    }
    const QStringList fields = state->settings.connection.secretFields;
    if (fields.isEmpty() || !m_credentials) {
        QMetaObject::invokeMethod(
            this,
            [this, generation, state, oldPrefix] {
                searchOrphans(generation, state->settings, oldPrefix, state->keep);
            },
            Qt::QueuedConnection);
        return;
    }
    state->outstanding = int(fields.size());
    QPointer<EnrichmentLinkController> self(this);
    for (const QString &field : fields) {
        m_credentials->read(
            state->settings.connection.uuid, field,
            [self, state, field, generation, oldPrefix, answer](const CredentialResult &result) {
                if (!self)
                    return;
                if (result.ok())
                    state->settings.secrets.insert(field, result.secret);
                else if (state->error.isEmpty())
                    state->error = result.message;
                if (--state->outstanding > 0)
                    return;
                if (!state->error.isEmpty())
                    answer({}, state->error);
                else
                    self->searchOrphans(generation, state->settings, oldPrefix, state->keep);
            });
    }
}

void EnrichmentLinkController::searchOrphans(quint64 generation, ConnectionSettings settings,
                                             const QString &oldPrefix, const QStringList &keep)
{
    auto *watcher = new QFutureWatcher<OrphanAnswer>(this);
    connect(watcher, &QFutureWatcher<OrphanAnswer>::finished, this,
            [this, watcher, generation, oldPrefix] {
                const OrphanAnswer result = watcher->result();
                watcher->deleteLater();
                --m_orphanSearches;
                if (generation == m_orphanGeneration)
                    emit orphanedTablesFound(oldPrefix, result.first, result.second);
            });
    watcher->setFuture(QtConcurrent::run([settings, oldPrefix, keep] {
        QString error;
        const QStringList tables =
            EnrichmentLinker::findOrphanedTables(settings, oldPrefix, keep, &error);
        return OrphanAnswer(tables, error);
    }));
}

} // namespace assay
