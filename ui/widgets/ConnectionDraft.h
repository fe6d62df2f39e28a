#pragma once

#include "app/secrets/ConnectionReferences.h"
#include "app/secrets/VaultConfig.h"
#include "models/domain/Connection.h"

#include <QHash>
#include <QString>
#include <QStringList>

namespace assay {

// What a connection form holds: the connector's field values as typed, its secrets, and the
// Secrets Management (Vault) settings. A value, handed from the form to a controller.
struct ConnectionDraft
{
    QString connectorId;
    QHash<QString, QString> values;  // non-secret fields by spec name (host, port, ...)
    QHash<QString, QString> secrets; // secret fields as typed; in an edit, blank = unchanged
    bool vaultEnabled = false;
    VaultConfig vault; // credentialsPayload as typed; in an edit, blank = unchanged
};

// What the Add Datastore wizard asks DatastoreCreationController to create.
struct NewDatastore
{
    QString name;
    bool newConnection = true;
    qint64 connectionId = 0;    // the existing connection (newConnection == false)
    ConnectionDraft connection; // the new connection (newConnection == true)
    QString database;
    QString schema;
    QStringList teams;
    bool initiateSync = true;
};

namespace draft {

// Keychain field of the Vault credentials payload; Connection::parameters key of the rest.
using assay::kSecretsManagerKey; // secrets/ConnectionReferences.h
using assay::kVaultPayloadField;

// The non-secret Connection described by a draft. `base` supplies id, uuid, name and the
// secretFields already stored; secret fields with a typed value and the Vault payload are
// added to secretFields, and secretFields of a disabled Vault are dropped.
Connection toConnection(const ConnectionDraft &draft, const Connection &base = Connection());
// A draft showing an existing connection (secrets and the Vault payload stay empty).
ConnectionDraft fromConnection(const Connection &connection);
// Whether a connection uses Secrets Management, and its settings (without the payload).
bool hasVault(const Connection &connection);
VaultConfig vaultOf(const Connection &connection);
// Whether `text` holds a ${key} reference.
bool hasReference(const QString &text);

} // namespace draft
} // namespace assay
