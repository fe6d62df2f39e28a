#pragma once

#include "app/connectors/SourceSession.h"

#include <QHash>
#include <QStringList>

namespace assay {

// Where a connection keeps its Vault settings (Connection::parameters) and the Vault credentials
// payload (a keychain field).
inline const QString kSecretsManagerKey = QStringLiteral("secrets_manager");
inline const QString kVaultPayloadField = QStringLiteral("vault_payload");

bool usesVault(const Connection &connection);

// Replaces every ${key} in the settings (host, user, database, port, parameters, secrets,
// database and schema overrides) by the Vault secret's value. `missing` collects the keys the
// secret lacks (their references stay as they are).
ConnectionSettings resolveConnectionReferences(ConnectionSettings settings,
                                               const QHash<QString, QString> &vaultSecrets,
                                               QStringList *missing);

} // namespace assay
