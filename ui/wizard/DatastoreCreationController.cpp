#include "ui/wizard/DatastoreCreationController.h"

#include "app/connectors/ConnectorSpec.h"
#include "app/engine/OperationEngine.h"
#include "app/secrets/CredentialStore.h"
#include "models/catalog/Catalog.h"
#include "ui/widgets/WizardUi.h"

#include <QFileInfo>
#include <QLoggingCategory>
#include <QUuid>
#include <utility>

Q_LOGGING_CATEGORY(lcCreate, "assay.ui.wizard")

namespace assay {

DatastoreCreationController::DatastoreCreationController(Catalog *catalog,
                                                         CredentialStore *credentials,
                                                         OperationEngine *engine, QObject *parent)
    : QObject(parent), m_catalog(catalog), m_credentials(credentials), m_engine(engine),
      m_secrets(credentials)
{
}

QString DatastoreCreationController::uniqueConnectionName(const Catalog &catalog,
                                                          const QString &base)
{
    const QString name = base.trimmed();
    if (!catalog.connectionByName(name))
        return name;
    for (int i = 2;; ++i) {
        const QString candidate = QStringLiteral("%1 (%2)").arg(name).arg(i);
        if (!catalog.connectionByName(candidate))
            return candidate;
    }
}

bool DatastoreCreationController::create(const NewDatastore &request, bool linkEnrichmentNext)
{
    if (m_running)
        return false;
    m_request = request;
    m_request.name = request.name.trimmed();
    m_linkNext = linkEnrichmentNext;
    m_secrets.keep();
    m_syncWarning.clear();
    m_syncOperationId = 0;
    m_connection = Connection();
    m_running = true;

    // Checked before anything is written, so a refusal leaves nothing behind.
    const auto refuse = [this](const QString &message) {
        // Asynchronous like every other outcome: callers connect after create().
        QMetaObject::invokeMethod(
            this,
            [this, message] {
                m_running = false;
                emit failed(message);
            },
            Qt::QueuedConnection);
        return true;
    };
    if (!m_catalog || !m_catalog->isOpen())
        return refuse(tr("The catalog is not open, so nothing can be added."));
    if (m_request.name.isEmpty())
        return refuse(tr("The datastore needs a name."));
    if (m_catalog->datastoreByName(m_request.name))
        return refuse(tr("A datastore named “%1” already exists.").arg(m_request.name));
    if (m_request.teams.isEmpty())
        m_request.teams << QStringLiteral("Public");

    if (!m_request.newConnection) {
        const auto existing = m_catalog->connection(m_request.connectionId);
        if (!existing)
            return refuse(tr("The chosen connection no longer exists."));
        m_connection = *existing;
        QMetaObject::invokeMethod(this, &DatastoreCreationController::record, Qt::QueuedConnection);
        return true;
    }

    const ConnectionDraft &d = m_request.connection;
    if (!connectors::find(d.connectorId))
        return refuse(tr("Unknown connector “%1”.").arg(d.connectorId));
    if (d.vaultEnabled) {
        const QString problem = d.vault.validate();
        if (!problem.isEmpty())
            return refuse(problem);
    }
    Connection base;
    base.uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    base.name = uniqueConnectionName(*m_catalog, m_request.name);
    m_connection = draft::toConnection(d, base);
    m_secrets.prepare(m_connection.uuid, d);
    if (m_secrets.lacksKeychain())
        return refuse(tr("The system keychain is not available, so the secrets cannot be "
                         "stored. Nothing was added."));
    QMetaObject::invokeMethod(this, &DatastoreCreationController::writeSecrets,
                              Qt::QueuedConnection);
    return true;
}

void DatastoreCreationController::writeSecrets()
{
    m_secrets.write(this, [this](const QString &error) {
        if (error.isEmpty())
            record();
        else
            rollback(error);
    });
}

void DatastoreCreationController::record()
{
    qint64 connectionId = m_connection.id;
    if (m_request.newConnection) {
        connectionId = m_catalog->addConnection(m_connection);
        if (!connectionId) {
            rollback(tr("The connection could not be recorded: %1").arg(m_catalog->lastError()));
            return;
        }
        m_connection.id = connectionId;
    }
    const ConnectorSpec *spec = connectors::find(m_connection.type);
    Datastore d;
    d.name = m_request.name;
    d.connectionId = connectionId;
    d.database = m_request.database.trimmed().isEmpty() ? m_connection.database
                                                        : m_request.database.trimmed();
    if (spec && (spec->isFileBased() || spec->isFolder()) && !d.database.isEmpty() &&
        !draft::hasReference(d.database))
        d.database = QFileInfo(d.database).absoluteFilePath();
    d.schema = m_request.schema.trimmed();
    if (d.schema.isEmpty() && spec)
        d.schema = wizardui::defaultSchema(*spec, d.database);
    d.teams = m_request.teams;
    const qint64 id = m_catalog->addDatastore(d);
    if (!id) {
        const QString error = m_catalog->lastError();
        if (m_request.newConnection)
            m_catalog->warnUnless(m_catalog->removeConnection(connectionId), "removeConnection");
        rollback(tr("The datastore could not be recorded: %1").arg(error));
        return;
    }
    if (m_request.initiateSync) {
        if (!m_engine) {
            m_syncWarning = tr("Sync could not start: the operation engine is not running.");
        } else {
            OperationRequest sync;
            sync.datastoreId = id;
            sync.type = operation_type::kSync;
            m_syncOperationId = m_engine->enqueue(sync);
            if (!m_syncOperationId)
                m_syncWarning = tr("Sync could not start: %1").arg(m_engine->lastError());
        }
        if (!m_syncWarning.isEmpty())
            qCWarning(lcCreate) << "datastore" << id << "added; sync not queued:" << m_syncWarning;
    }
    m_running = false;
    emit created(id, m_linkNext);
}

void DatastoreCreationController::rollback(const QString &message)
{
    qCWarning(lcCreate) << "adding the datastore failed:" << message;
    // Remove what reached the keychain; the result of each removal only matters for the log.
    m_secrets.rollback();
    m_running = false;
    emit failed(message);
}

} // namespace assay
