#pragma once

#include "ui/common/SecretWriter.h"
#include "ui/widgets/ConnectionDraft.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

namespace assay {

class Catalog;
class CredentialStore;
class OperationEngine;

// Does what the Add Datastore wizard asks, without blocking the GUI: writes each secret of a new
// connection (and the Vault credentials payload, as `vault_payload`) to the keychain, records
// the connection (Vault settings without the payload under parameters.secrets_manager) and the
// datastore in the Catalog, and queues a Sync when asked. All or nothing: on any failure what
// was written is removed again and failed() says why, plainly.
class DatastoreCreationController : public QObject
{
    Q_OBJECT
public:
    DatastoreCreationController(Catalog *catalog, CredentialStore *credentials,
                                OperationEngine *engine, QObject *parent = nullptr);

    // Starts creating; false (and nothing happens) while a creation runs.
    bool create(const NewDatastore &request, bool linkEnrichmentNext = false);
    bool isRunning() const { return m_running; }
    // Set after created(): the Sync could not be queued (the datastore exists nonetheless).
    QString syncWarning() const { return m_syncWarning; }
    qint64 syncOperationId() const { return m_syncOperationId; }

    // A connection name based on `base` that no connection uses yet.
    static QString uniqueConnectionName(const Catalog &catalog, const QString &base);

signals:
    void created(qint64 datastoreId, bool linkEnrichmentNext);
    void failed(const QString &message);

private:
    void writeSecrets();
    void record();
    void rollback(const QString &message);

    Catalog *m_catalog;
    QPointer<CredentialStore> m_credentials;
    QPointer<OperationEngine> m_engine;
    NewDatastore m_request;
    bool m_linkNext = false;
    bool m_running = false;
    Connection m_connection;
    SecretWriter m_secrets;
    QString m_syncWarning;
    qint64 m_syncOperationId = 0;
};

} // namespace assay
