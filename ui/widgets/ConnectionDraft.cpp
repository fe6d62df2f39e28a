#include "ui/widgets/ConnectionDraft.h"

#include "app/connectors/ConnectorSpec.h"
#include "app/secrets/SecretReferences.h"

#include <QFileInfo>

namespace assay::draft {

namespace {

const QString kHost = QStringLiteral("host");
const QString kPort = QStringLiteral("port");
const QString kUser = QStringLiteral("username");
const QString kDatabase = QStringLiteral("database");

} // namespace

bool hasReference(const QString &text)
{
    return !referencedKeys(text).isEmpty();
}

Connection toConnection(const ConnectionDraft &d, const Connection &base)
{
    Connection c = base;
    const ConnectorSpec *spec = connectors::find(d.connectorId);
    c.type = spec ? spec->id : d.connectorId;
    QJsonObject parameters = base.parameters;
    for (auto it = d.values.cbegin(); it != d.values.cend(); ++it) {
        const QString &name = it.key();
        const QString value = it.value().trimmed();
        if (name == kHost) {
            c.host = value;
        } else if (name == kUser) {
            c.username = it.value(); // user names may carry meaningful spaces
        } else if (name == kDatabase) {
            c.database = value;
            if (spec && (spec->isFileBased() || spec->isFolder()) && !value.isEmpty() &&
                !hasReference(value))
                c.database = QFileInfo(value).absoluteFilePath();
        } else if (name == kPort) {
            bool ok = false;
            const int port = value.toInt(&ok);
            // A ${key} port is kept as text and resolved when the connection opens.
            c.port = ok ? port : 0;
            if (ok || value.isEmpty())
                parameters.remove(kPort);
            else
                parameters.insert(kPort, value);
        } else if (value.isEmpty()) {
            parameters.remove(name);
        } else {
            parameters.insert(name, value);
        }
    }
    if (spec && c.port == 0 && !parameters.contains(kPort) && spec->defaultPort > 0 &&
        spec->field(kPort))
        c.port = spec->defaultPort;

    QStringList secrets = base.secretFields;
    for (auto it = d.secrets.cbegin(); it != d.secrets.cend(); ++it)
        if (!it.value().isEmpty() && !secrets.contains(it.key()))
            secrets << it.key();
    if (d.vaultEnabled) {
        parameters.insert(kSecretsManagerKey, d.vault.toJson(false));
        if (!d.vault.credentialsPayload.trimmed().isEmpty() &&
            !secrets.contains(kVaultPayloadField))
            secrets << kVaultPayloadField;
        if (d.vault.credentialsPayload.trimmed().isEmpty() && !d.vault.usesLogin())
            secrets.removeAll(kVaultPayloadField);
    } else {
        parameters.remove(kSecretsManagerKey);
        secrets.removeAll(kVaultPayloadField);
    }
    c.parameters = parameters;
    c.secretFields = secrets;
    return c;
}

ConnectionDraft fromConnection(const Connection &c)
{
    ConnectionDraft d;
    d.connectorId = c.type;
    const ConnectorSpec *spec = connectors::find(c.type);
    if (spec) {
        for (const ConnectorField &field : spec->fields) {
            if (field.secret)
                continue;
            if (field.name == kHost)
                d.values.insert(field.name, c.host);
            else if (field.name == kUser)
                d.values.insert(field.name, c.username);
            else if (field.name == kDatabase)
                d.values.insert(field.name, c.database);
            else if (field.name == kPort)
                d.values.insert(field.name,
                                c.parameters.contains(kPort)
                                    ? c.parameters.value(kPort).toString()
                                    : (c.port > 0 ? QString::number(c.port) : QString()));
            else
                d.values.insert(field.name, c.parameters.value(field.name).toVariant().toString());
        }
    }
    d.vaultEnabled = hasVault(c);
    if (d.vaultEnabled)
        d.vault = vaultOf(c);
    return d;
}

bool hasVault(const Connection &c)
{
    return c.parameters.value(kSecretsManagerKey).isObject();
}

VaultConfig vaultOf(const Connection &c)
{
    return VaultConfig::fromJson(c.parameters.value(kSecretsManagerKey).toObject());
}

} // namespace assay::draft
