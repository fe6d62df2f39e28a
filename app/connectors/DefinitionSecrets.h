#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace assay {

struct ConnectionDefinition;
struct DatastoreDefinition;

// How datastore definitions carry secrets (see DatastoreDefinition.h): never the values, but
// ${key} references, resolved on import from KEY=VALUE lines that travel apart.
namespace definition {

// The reference key an export writes for a secret: "Warehouse PG", "password" ->
// "warehouse_pg_password".
QString secretKey(const QString &connectionName, const QString &field);

// The ${key} references the secrets of these definitions use, each once, in order.
QStringList referencedSecretKeys(const QList<DatastoreDefinition> &definitions);

// KEY=VALUE lines (an env file): blank lines and lines starting with '#' are skipped, an
// `export ` prefix is allowed, the value is taken as written up to the line end except that a
// value in matching single or double quotes (spaces around them allowed) loses them; nothing
// else is interpreted. Lines without '=' or with an empty or badly formed key are errors
// ("line 3: ..."), never echoed with their value.
QHash<QString, QString> parseSecrets(const QByteArray &text, QStringList *errors);

// The secret values of a definition with every ${key} replaced from `values`; keys `values`
// lacks are listed in `missing` (each once).
QHash<QString, QString> resolveSecrets(const ConnectionDefinition &definition,
                                       const QHash<QString, QString> &values, QStringList *missing);
// Secret fields whose value is written out in full, not as a reference (a plaintext secret
// in a file: allowed, but worth a warning).
QStringList literalSecretFields(const ConnectionDefinition &definition);

} // namespace definition
} // namespace assay
