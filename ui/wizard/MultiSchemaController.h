#pragma once

#include "app/connectors/SourceSession.h"
#include "ui/common/SecretWriter.h"
#include "ui/widgets/ConnectionDraft.h"

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QPointer>
#include <QStringList>

namespace assay {

class Catalog;
class ConnectionTestRunner;
class CredentialStore;
class OperationEngine;
struct ConnectorSpec;

// What multi-schema onboarding starts from: one tested connection, either a connection of the
// Catalog or the new one the Add Datastore wizard holds (recorded once, on the first creation).
struct MultiSchemaSource
{
    qint64 connectionId = 0; // an existing connection; 0: the draft below
    ConnectionDraft draft;   // a new connection, as typed
    QString connectionName;  // its name (made unique when recorded)
    QString database;        // empty: the connection's own
    QStringList teams;       // preselected
    bool initiateSync = true;

    bool isNew() const { return connectionId == 0; }
    // What the Add Datastore wizard collected; the datastore name names the new connection.
    static MultiSchemaSource fromRequest(const NewDatastore &request);
};

// One selected schema as it would be created.
struct SchemaPlan
{
    enum class Problem { None, EmptyName, DuplicateName, NameTaken };
    QString schema;
    QString name; // from the name template
    Problem problem = Problem::None;
    QString problemText;     // a short phrase for the row
    QStringList onboardedAs; // datastores already on this connection, database and schema
    QString prefix;          // the enrichment prefix derived from the name
    // Empty and duplicate names must be fixed first; a taken name is skipped.
    bool blocks() const
    {
        return problem == Problem::EmptyName || problem == Problem::DuplicateName;
    }
};

// What Create all asks for.
struct MultiSchemaRequest
{
    QStringList schemas;
    QString nameTemplate;
    QStringList teams;
    bool initiateSync = true;
    bool skipOnboarded = true;        // schemas that already have a datastore are skipped
    qint64 enrichmentDatastoreId = 0; // 0: no link
};

// The outcome for one schema.
struct SchemaResult
{
    enum class Status { Created, Skipped, Failed };
    QString schema;
    QString name;
    Status status = Status::Failed;
    qint64 datastoreId = 0;
    qint64 syncOperationId = 0;
    QString prefix;  // linked with this enrichment prefix
    QString message; // why skipped or failed; or what did not work out for a created one
};

// Does the work of the multi-schema dialog without blocking the GUI: discovers the schemas of
// the connection (ConnectionTestRunner: keychain, Vault and the driver off the GUI thread),
// computes names from the template, and creates the datastores one at a time on the event loop,
// reusing the one connection (a new one is recorded once, its secrets written to the keychain
// first), linking each to the enrichment datastore with a prefix derived from its name and
// queueing a Sync when asked.
class MultiSchemaController : public QObject
{
    Q_OBJECT
public:
    MultiSchemaController(Catalog *catalog, CredentialStore *credentials, OperationEngine *engine,
                          const MultiSchemaSource &source, QObject *parent = nullptr);
    ~MultiSchemaController() override;

    const MultiSchemaSource &source() const { return m_source; }
    // The connection: the Catalog's, or the draft's (id 0 until recorded).
    Connection connection() const { return m_connection; }
    const ConnectorSpec *spec() const;
    QString database() const;
    QString connectionName() const { return m_connection.name; }

    // Discovery: schemasDiscovered() or discoveryFailed() follows.
    void discover();
    void cancelDiscovery();
    bool isDiscovering() const;
    QStringList schemas() const { return m_schemas; }

    // {{schema}}, {{database}} and {{connection}} replaced (spaces inside braces allowed).
    static QString applyTemplate(const QString &nameTemplate, const QString &schema,
                                 const QString &database, const QString &connection);
    // normalizeEnrichmentPrefix(name), cut to kMaxPrefixLength characters.
    static QString derivedPrefix(const QString &datastoreName);
    // Names of the datastores on the same connection (or one reaching the same server),
    // database and schema.
    QStringList onboardedAs(const QString &schema) const;
    QList<SchemaPlan> plan(const QStringList &schemas, const QString &nameTemplate) const;
    // The database a schema's datastore uses (MySQL: the schema itself).
    QString databaseFor(const QString &schema) const;

    // Starts creating; false while a creation runs or when nothing is asked.
    bool createAll(const MultiSchemaRequest &request);
    // Stops after the datastore being created; the rest are skipped.
    void cancel();
    bool isCreating() const { return m_creating; }
    QList<SchemaResult> results() const { return m_results; }

signals:
    void discoveryProgress(const QString &step);
    void schemasDiscovered(const QStringList &schemas);
    void discoveryFailed(const assay::Diagnosis &diagnosis);
    void creationProgress(int done, int total, const QString &schema);
    void schemaFinished(const assay::SchemaResult &result);
    void creationFinished(const QList<assay::SchemaResult> &results);

private:
    void writeSecrets();
    void recordConnection();
    void createNext();
    SchemaResult createOne(const SchemaPlan &plan);
    void finishAll(const QString &failure = QString());

    Catalog *m_catalog;
    QPointer<CredentialStore> m_credentials;
    QPointer<OperationEngine> m_engine;
    MultiSchemaSource m_source;
    Connection m_connection;
    ConnectionTestRunner *m_runner;
    QStringList m_schemas;

    MultiSchemaRequest m_request;
    QList<SchemaPlan> m_plans;
    QList<SchemaResult> m_results;
    SecretWriter m_secrets;
    bool m_creating = false;
    bool m_cancelled = false;
};

} // namespace assay

Q_DECLARE_METATYPE(assay::SchemaResult)
