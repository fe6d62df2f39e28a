#include "app/secrets/ConnectionReferences.h"

#include "app/secrets/SecretReferences.h"

namespace assay {

namespace {

QString resolve(const QString &text, const QHash<QString, QString> &secrets, QStringList *missing)
{
    QStringList lacking;
    const QString out = resolveReferences(text, secrets, &lacking);
    for (const QString &key : std::as_const(lacking))
        if (!missing->contains(key))
            *missing << key;
    return out;
}

} // namespace

bool usesVault(const Connection &connection)
{
    return connection.parameters.value(kSecretsManagerKey).isObject();
}

ConnectionSettings resolveConnectionReferences(ConnectionSettings settings,
                                               const QHash<QString, QString> &vaultSecrets,
                                               QStringList *missing)
{
    Connection &c = settings.connection;
    c.host = resolve(c.host, vaultSecrets, missing);
    c.username = resolve(c.username, vaultSecrets, missing);
    c.database = resolve(c.database, vaultSecrets, missing);
    QJsonObject parameters = c.parameters;
    for (auto it = parameters.begin(); it != parameters.end(); ++it)
        if (it.value().isString())
            it.value() = resolve(it.value().toString(), vaultSecrets, missing);
    // A ${key} port is kept as text in the parameters until it is resolved here.
    const QString port = parameters.value(QStringLiteral("port")).toString();
    if (!port.isEmpty()) {
        c.port = port.toInt();
        parameters.remove(QStringLiteral("port"));
    }
    c.parameters = parameters;
    for (auto it = settings.secrets.begin(); it != settings.secrets.end(); ++it)
        it.value() = resolve(it.value(), vaultSecrets, missing);
    settings.database = resolve(settings.database, vaultSecrets, missing);
    settings.schema = resolve(settings.schema, vaultSecrets, missing);
    return settings;
}

} // namespace assay
