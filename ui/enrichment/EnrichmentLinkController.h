#pragma once

#include "app/enrichment/EnrichmentLinker.h"
#include "ui/common/SecretWriter.h"
#include "ui/widgets/ConnectionDraft.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

namespace assay {

class Catalog;
class CredentialStore;

// A new enrichment datastore, as "Add Enrichment Datastore" collects it.
struct NewEnrichmentDatastore
{
    QString name;
    bool newConnection = true;
    qint64 connectionId = 0;    // the existing connection (newConnection == false)
    ConnectionDraft connection; // the new connection (newConnection == true)
    QString database;
    QString schema;
    QStringList teams;
};

// What the Link Enrichment dialog asks for when Finish is pressed.
struct LinkEnrichmentRequest
{
    qint64 sourceDatastoreId = 0;
    bool addNew = false;
    qint64 enrichmentDatastoreId = 0; // the existing enrichment datastore (addNew == false)
    NewEnrichmentDatastore newDatastore;
    EnrichmentSettings settings;
};

// Does what the Link Enrichment dialog asks, without blocking the GUI. Linking an existing
// enrichment datastore is one Catalog change (EnrichmentLinker). Adding one first writes the new
// connection's secrets to the keychain one by one, then records the connection and the
// enrichment-only datastore and links it; all or nothing: on failure what was written is removed
// again. Orphaned tables of an old prefix are looked for on a pool thread. Every outcome arrives
// as a signal, after the call returns.
class EnrichmentLinkController : public QObject
{
    Q_OBJECT
public:
    EnrichmentLinkController(Catalog *catalog, CredentialStore *credentials,
                             QObject *parent = nullptr);
    ~EnrichmentLinkController() override;

    // False (and nothing happens) while another link or unlink runs.
    bool link(const LinkEnrichmentRequest &request);
    bool unlink(qint64 sourceDatastoreId);
    bool isRunning() const { return m_running; }
    // The outcome of the last link() or unlink() that succeeded.
    const EnrichmentLinkResult &lastResult() const { return m_result; }

    // Lists, in the background, the tables of `oldPrefix` left in the enrichment datastore
    // (prefixes other source datastores use there are kept out). A newer call supersedes an
    // older one: only its answer arrives.
    void findOrphanedTables(qint64 enrichmentDatastoreId, qint64 sourceDatastoreId,
                            const QString &oldPrefix);
    bool isSearchingOrphans() const { return m_orphanSearches > 0; }

signals:
    void linked(qint64 enrichmentDatastoreId, bool createdNew);
    void unlinked(qint64 sourceDatastoreId);
    void failed(const QString &message);
    // `error` is set (and `tables` empty) when the enrichment datastore could not be read.
    void orphanedTablesFound(const QString &oldPrefix, const QStringList &tables,
                             const QString &error);

private:
    void refuse(const QString &message);
    QString precheck(const LinkEnrichmentRequest &request) const;
    void writeSecrets();
    void recordNew();
    void finishLink(qint64 enrichmentId);
    void rollback(const QString &message);
    void searchOrphans(quint64 generation, ConnectionSettings settings, const QString &oldPrefix,
                       const QStringList &keep);

    Catalog *m_catalog;
    QPointer<CredentialStore> m_credentials;
    LinkEnrichmentRequest m_request;
    EnrichmentLinkResult m_result;
    bool m_running = false;
    // Adding a new enrichment datastore: what was written so far, for the rollback.
    Connection m_connection;
    SecretWriter m_secrets;
    qint64 m_createdConnectionId = 0;
    qint64 m_createdDatastoreId = 0;
    quint64 m_orphanGeneration = 0;
    int m_orphanSearches = 0;
};

} // namespace assay
