#pragma once

#include "app/connectors/DefinitionSecrets.h"
#include "models/domain/Connection.h"
#include "models/domain/Datastore.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace assay {

class Catalog;
struct ConnectorSpec;

// Datastore definitions as JSON, in the shape of the seeds' `POST /api/datastores` payload:
//
//   { "name": "...", "teams": ["Public"], "database": "...", "schema": "...",
//     "enrich_only": false, "trigger_catalog": true,
//     "connection": { "name": "...", "type": "postgresql", "host": "...", "port": 5432,
//                     "username": "...", "password": "${warehouse_password}",
//                     "parameters": {...}, "secrets_manager": {...} },
//     "enrich_container_prefix": "_sales", "enrichment_datastore": "Enrichment", ... }
//
// `connection_id` may replace `connection` (an existing connection of the importing catalog).
// `enrichment_datastore` (the name of the linked enrichment datastore), `remediation`,
// `enrichment_source_record_limit` and `high_count_rollup_threshold` are Assay's additions,
// named as `assay datastores show --json` names them.
//
// Secrets are never exported. Each secret a connection keeps in the keychain is written as a
// ${key} reference instead, key = <connection name in lower snake_case>_<field>, e.g.
// "password": "${warehouse_pg_password}" or, for Vault, "credentials_payload":
// "${warehouse_pg_vault_payload}". Importing resolves the references from KEY=VALUE lines
// (parseSecrets()), so the values travel separately from the definitions. `$${x}` stands for
// the literal text ${x}.

// A connection as a definition holds it: non-secret properties plus the secrets as written.
struct ConnectionDefinition
{
    QString name;
    QString type; // connector id
    QString host;
    int port = 0;
    QString portText; // a ${key} port, kept as text (resolved when the connection opens)
    QString username;
    QString database;                // the connection's default database (SQLite: the file)
    QJsonObject parameters;          // connector-specific, non-secret
    QJsonObject secretsManager;      // Vault settings, without the credentials payload
    QHash<QString, QString> secrets; // field -> value as written: usually a ${key} reference

    bool operator==(const ConnectionDefinition &o) const
    {
        return name == o.name && type == o.type && host == o.host && port == o.port &&
               portText == o.portText && username == o.username && database == o.database &&
               parameters == o.parameters && secretsManager == o.secretsManager &&
               secrets == o.secrets;
    }
    bool operator!=(const ConnectionDefinition &o) const { return !(*this == o); }
};

struct DatastoreDefinition
{
    QString name;
    QStringList teams;
    QString database;
    QString schema;
    bool enrichOnly = false;
    bool triggerCatalog = false;
    bool hasConnection = false;      // `connection {...}`
    ConnectionDefinition connection; // when hasConnection
    qint64 connectionId = 0;         // `connection_id`, otherwise
    QString enrichContainerPrefix;   // normalized
    QString enrichmentDatastore;     // name of the linked enrichment datastore; empty: none
    RemediationStrategy remediation = RemediationStrategy::None;
    qint64 sourceRecordLimit = 10;
    int rollupThreshold = 10;

    bool operator==(const DatastoreDefinition &o) const
    {
        return name == o.name && teams == o.teams && database == o.database && schema == o.schema &&
               enrichOnly == o.enrichOnly && triggerCatalog == o.triggerCatalog &&
               hasConnection == o.hasConnection && connection == o.connection &&
               connectionId == o.connectionId && enrichContainerPrefix == o.enrichContainerPrefix &&
               enrichmentDatastore == o.enrichmentDatastore && remediation == o.remediation &&
               sourceRecordLimit == o.sourceRecordLimit && rollupThreshold == o.rollupThreshold;
    }
    bool operator!=(const DatastoreDefinition &o) const { return !(*this == o); }
};

// A whole file read: the definitions, or the reasons it cannot be used.
struct ParsedDefinitions
{
    QList<DatastoreDefinition> definitions;
    QStringList errors;   // each names the field: "datastores[1].connection.port: ..."
    QStringList warnings; // unknown fields, ignored
    bool isArray = false;
    bool ok() const { return errors.isEmpty(); }
};

namespace definition {

// Keychain field of a Vault credentials payload; Connection::parameters key of the Vault settings.
inline const QString kVaultPayloadField = QStringLiteral("vault_payload");
inline const QString kSecretsManagerKey = QStringLiteral("secrets_manager");

// The definition of a datastore of `catalog`: its connection inline, every stored secret
// replaced by its ${key} reference. `triggerCatalog` is set for source datastores.
DatastoreDefinition fromCatalog(const Catalog &catalog, const Datastore &datastore);

QJsonObject toJson(const DatastoreDefinition &definition);
// Reads one payload object; false with `errors` (prefixed by `path`, e.g. "datastores[2].") when
// a field is missing, of the wrong type or out of range. Unknown fields go to `warnings`.
bool fromJson(const QJsonObject &object, DatastoreDefinition *out, QStringList *errors,
              QStringList *warnings = nullptr, const QString &path = QString());

// A file's text: one object or an array of objects. Two definitions with the same name, or one
// connection name defined with different properties, are errors too.
ParsedDefinitions parse(const QByteArray &json);
// Indented JSON: an object for one definition unless `asArray`, else an array.
QByteArray serialize(const QList<DatastoreDefinition> &definitions, bool asArray);

// The Connection a definition describes (no id, no uuid, no secrets; secretFields lists the
// secrets it carries).
Connection toConnection(const ConnectionDefinition &definition);
// The schema a datastore uses when the definition names none: public (PostgreSQL family),
// the database (MySQL family), main (SQLite); empty for folders.
QString defaultSchema(const ConnectorSpec &spec, const QString &database);

} // namespace definition
} // namespace assay
