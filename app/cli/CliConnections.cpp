#include "app/cli/CliSupport.h"
#include "app/connectors/ConnectorSpec.h"
#include "app/connectors/SourceSession.h"
#include "app/secrets/ConnectionReferences.h"
#include "app/secrets/CredentialStore.h"
#include "app/secrets/VaultClient.h"
#include "app/secrets/VaultConfig.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QUuid>

namespace assay::cli {

namespace {

const QString kUsage = QStringLiteral(
    "assay connections create --type TYPE --name NAME [--host H] [--port P] [--username U]\n"
    "         [--database D] [--password-stdin | --password-env VAR | --password P]\n"
    "         [--secret-env FIELD=VAR]... [--parameters JSON] [--json]\n"
    "       assay connections list [--json]\n"
    "       assay connections test NAME [--timeout SECONDS] [--json]\n"
    "       assay connections delete NAME");

// The secret from exactly one of --password-stdin, --password-env or --password.
bool readPassword(Context &ctx, const QCommandLineParser &p, QString *password, bool *given)
{
    const int sources = int(p.isSet(QStringLiteral("password-stdin"))) +
                        int(p.isSet(QStringLiteral("password-env"))) +
                        int(p.isSet(QStringLiteral("password")));
    *given = sources > 0;
    if (sources > 1) {
        fail(ctx,
             QStringLiteral("give the password one way only: --password-stdin, "
                            "--password-env or --password"),
             QString(), Usage);
        return false;
    }
    if (p.isSet(QStringLiteral("password-stdin"))) {
        QFile in;
        if (!in.open(stdin, QIODevice::ReadOnly)) {
            fail(ctx, QStringLiteral("cannot read the password from standard input"));
            return false;
        }
        QString text = QString::fromUtf8(in.readAll());
        // One trailing newline is how `echo` and here-strings end a line, not part of it.
        if (text.endsWith(QLatin1String("\r\n")))
            text.chop(2);
        else if (text.endsWith(QLatin1Char('\n')))
            text.chop(1);
        *password = text;
    } else if (p.isSet(QStringLiteral("password-env"))) {
        const QString var = p.value(QStringLiteral("password-env"));
        if (!qEnvironmentVariableIsSet(var.toLocal8Bit().constData())) {
            fail(ctx, QStringLiteral("the environment variable %1 is not set").arg(var));
            return false;
        }
        *password = qEnvironmentVariable(var.toLocal8Bit().constData());
    } else if (p.isSet(QStringLiteral("password"))) {
        *ctx.err << "assay: warning: --password shows the password to other users in the "
                    "process list; prefer --password-stdin or --password-env\n";
        *password = p.value(QStringLiteral("password"));
    }
    return true;
}

int create(Context &ctx)
{
    QCommandLineParser p;
    p.addOptions({
        {QStringLiteral("type"), QStringLiteral("Connector: %1.").arg(connectors::knownIds()),
         QStringLiteral("TYPE")},
        {QStringLiteral("name"), QStringLiteral("Connection name (unique)."),
         QStringLiteral("NAME")},
        {QStringLiteral("host"), QStringLiteral("Server host."), QStringLiteral("HOST")},
        {QStringLiteral("port"), QStringLiteral("Server port (default: the vendor's)."),
         QStringLiteral("PORT")},
        {QStringLiteral("username"), QStringLiteral("User name."), QStringLiteral("USER")},
        {QStringLiteral("database"), QStringLiteral("Database (SQLite: the file path)."),
         QStringLiteral("DATABASE")},
        {QStringLiteral("password-stdin"), QStringLiteral("Read the password from stdin.")},
        {QStringLiteral("password-env"), QStringLiteral("Read the password from variable VAR."),
         QStringLiteral("VAR")},
        {QStringLiteral("password"), QStringLiteral("The password (visible in `ps`)."),
         QStringLiteral("PASSWORD")},
        {QStringLiteral("secret-env"),
         QStringLiteral("Another secret of the connector from variable VAR (repeatable)."),
         QStringLiteral("FIELD=VAR")},
        {QStringLiteral("parameters"), QStringLiteral("Extra non-secret properties as JSON."),
         QStringLiteral("JSON")},
        {QStringLiteral("json"), QStringLiteral("Print JSON.")},
    });
    if (!parse(ctx, p, kUsage))
        return ctx.helpShown ? Success : Usage;

    const ConnectorSpec *spec = connectors::find(p.value(QStringLiteral("type")));
    if (!spec)
        return fail(
            ctx,
            p.isSet(QStringLiteral("type"))
                ? QStringLiteral("unknown connector type '%1'").arg(p.value(QStringLiteral("type")))
                : QStringLiteral("--type is required"),
            QStringLiteral("known types: %1").arg(connectors::knownIds()), Usage);
    const QString name = p.value(QStringLiteral("name")).trimmed();
    if (name.isEmpty())
        return fail(ctx, QStringLiteral("--name is required"), QString(), Usage);

    Connection c;
    c.name = name;
    c.type = spec->id;
    c.host = p.value(QStringLiteral("host")).trimmed();
    c.username = p.value(QStringLiteral("username"));
    c.database = p.value(QStringLiteral("database"));
    if (spec->isFileBased() && !c.database.isEmpty())
        c.database = QFileInfo(c.database).absoluteFilePath();
    c.port = spec->defaultPort;
    if (p.isSet(QStringLiteral("port"))) {
        bool ok = false;
        c.port = p.value(QStringLiteral("port")).toInt(&ok);
        if (!ok || c.port < 1 || c.port > 65535)
            return fail(ctx, QStringLiteral("--port must be a number from 1 to 65535"), QString(),
                        Usage);
    }
    if (p.isSet(QStringLiteral("parameters"))) {
        QJsonParseError error;
        const QJsonDocument doc =
            QJsonDocument::fromJson(p.value(QStringLiteral("parameters")).toUtf8(), &error);
        if (!doc.isObject())
            return fail(
                ctx,
                QStringLiteral("--parameters is not a JSON object: %1").arg(error.errorString()),
                QString(), Usage);
        c.parameters = doc.object();
    }
    // Required non-secret fields of the connector.
    for (const ConnectorField &field : spec->fields) {
        if (!field.required || field.secret)
            continue;
        const bool missing = (field.name == QLatin1String("host") && c.host.isEmpty()) ||
                             (field.name == QLatin1String("username") && c.username.isEmpty()) ||
                             (field.name == QLatin1String("database") && spec->isFileBased() &&
                              c.database.isEmpty());
        if (missing)
            return fail(ctx, QStringLiteral("%1 needs --%2").arg(spec->displayName, field.name),
                        QString(), Usage);
    }

    // --password-* gives the connector's main secret: its password, or else its first secret
    // field (a Databricks token...). Other secrets come from --secret-env FIELD=VAR.
    QString password;
    bool passwordGiven = false;
    if (!readPassword(ctx, p, &password, &passwordGiven))
        return Failure;
    const QStringList secretFields = spec->secretFieldNames();
    const QString mainSecret = secretFields.contains(QStringLiteral("password"))
                                   ? QStringLiteral("password")
                                   : secretFields.value(0);
    QHash<QString, QString> secrets;
    if (passwordGiven) {
        if (mainSecret.isEmpty())
            return fail(ctx,
                        QStringLiteral("%1 connections take no password").arg(spec->displayName),
                        QString(), Usage);
        secrets.insert(mainSecret, password);
    }
    for (const QString &pair : p.values(QStringLiteral("secret-env"))) {
        const QString field = pair.section(QLatin1Char('='), 0, 0).trimmed();
        const QString var = pair.section(QLatin1Char('='), 1).trimmed();
        if (!secretFields.contains(field))
            return fail(
                ctx, QStringLiteral("%1 has no secret '%2'").arg(spec->displayName, field),
                QStringLiteral("its secrets: %1").arg(secretFields.join(QStringLiteral(", "))),
                Usage);
        if (var.isEmpty() || !qEnvironmentVariableIsSet(var.toLocal8Bit().constData()))
            return fail(
                ctx,
                QStringLiteral("--secret-env %1: the variable '%2' is not set").arg(field, var));
        secrets.insert(field, qEnvironmentVariable(var.toLocal8Bit().constData()));
    }
    const ConnectorField *mainField = mainSecret.isEmpty() ? nullptr : spec->field(mainSecret);
    if (mainField && mainField->required && !secrets.contains(mainSecret))
        return fail(ctx, QStringLiteral("%1 needs its %2").arg(spec->displayName, mainField->label),
                    QStringLiteral("use --password-stdin or --password-env VAR"), Usage);

    if (ctx.catalog->connectionByName(name))
        return fail(ctx, QStringLiteral("a connection named '%1' already exists").arg(name));

    // Secrets go to the keychain first: a connection is never recorded without them, and
    // nothing is left behind when a step fails.
    c.uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    CredentialStore store;
    auto forgetSecrets = [&] {
        for (const QString &field : std::as_const(c.secretFields))
            store.removeAndWait(c.uuid, field);
    };
    for (auto it = secrets.cbegin(); it != secrets.cend(); ++it) {
        const CredentialResult written = store.writeAndWait(c.uuid, it.key(), it.value());
        if (!written.ok()) {
            forgetSecrets();
            return fail(ctx, written.message);
        }
        c.secretFields << it.key();
    }
    const bool secretsStored = !c.secretFields.isEmpty();
    const qint64 id = ctx.catalog->addConnection(c);
    if (!id) {
        forgetSecrets();
        return fail(ctx, ctx.catalog->lastError());
    }
    const Connection created = *ctx.catalog->connection(id);
    if (p.isSet(QStringLiteral("json")))
        printJson(ctx, connectionJson(created));
    else
        *ctx.out << QStringLiteral("Created connection '%1' (%2)%3.\n")
                        .arg(created.name, spec->displayName,
                             secretsStored ? QStringLiteral("; its secrets are in the keychain")
                                           : QString());
    return Success;
}

int list(Context &ctx)
{
    QCommandLineParser p;
    p.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
    if (!parse(ctx, p, kUsage))
        return ctx.helpShown ? Success : Usage;
    const QList<Connection> all = ctx.catalog->connections();
    if (p.isSet(QStringLiteral("json"))) {
        QJsonArray array;
        for (const Connection &c : all)
            array << connectionJson(c);
        printJson(ctx, array);
        return Success;
    }
    QList<QStringList> rows;
    for (const Connection &c : all) {
        const ConnectorSpec *spec = connectors::find(c.type);
        const QString where = spec && spec->isFileBased()
                                  ? c.database
                                  : QStringLiteral("%1:%2").arg(c.host).arg(c.port);
        rows << QStringList{c.name, c.type, where, c.username};
    }
    printTable(ctx,
               {QStringLiteral("NAME"), QStringLiteral("TYPE"), QStringLiteral("WHERE"),
                QStringLiteral("USER")},
               rows);
    return Success;
}

// Resolves a connection's secrets from the keychain into settings for one use.
bool loadSecrets(const Connection &c, ConnectionSettings *settings, CredentialResult *failure)
{
    CredentialStore store;
    for (const QString &field : c.secretFields) {
        const CredentialResult r = store.readAndWait(c.uuid, field);
        if (!r.ok()) {
            *failure = r;
            return false;
        }
        settings->secrets.insert(field, r.secret);
    }
    return true;
}

// With Secrets Management on, ${key} references come from Vault, as they do for operations.
bool resolveVault(ConnectionSettings *settings, QString *error)
{
    if (!usesVault(settings->connection))
        return true;
    VaultConfig config =
        VaultConfig::fromJson(settings->connection.parameters.value(kSecretsManagerKey).toObject());
    config.credentialsPayload = settings->secrets.take(kVaultPayloadField);
    const VaultResult vault = VaultClient::fetchAndWait(config);
    if (!vault.error.isEmpty()) {
        *error = QStringLiteral("Vault: %1").arg(vault.error);
        return false;
    }
    QStringList missing;
    *settings = resolveConnectionReferences(*settings, vault.secrets, &missing);
    if (!missing.isEmpty()) {
        *error =
            QStringLiteral("the Vault secret has no %1").arg(missing.join(QStringLiteral(", ")));
        return false;
    }
    return true;
}

int test(Context &ctx)
{
    QCommandLineParser p;
    p.addOptions({{QStringLiteral("timeout"), QStringLiteral("Seconds to wait (default 10)."),
                   QStringLiteral("SECONDS"), QStringLiteral("10")},
                  {QStringLiteral("json"), QStringLiteral("Print JSON.")}});
    p.addPositionalArgument(QStringLiteral("name"), QStringLiteral("The connection's name."));
    if (!parse(ctx, p, kUsage))
        return ctx.helpShown ? Success : Usage;
    if (p.positionalArguments().size() != 1)
        return fail(ctx, QStringLiteral("name one connection to test"), kUsage, Usage);
    const QString name = p.positionalArguments().constFirst();
    const auto connection = ctx.catalog->connectionByName(name);
    if (!connection)
        return fail(ctx, QStringLiteral("no connection named '%1'").arg(name),
                    QStringLiteral("see 'assay connections list'"));

    ConnectionSettings settings;
    settings.connection = *connection;
    settings.connectTimeoutSeconds = qMax(1, p.value(QStringLiteral("timeout")).toInt());
    ConnectionTestResult result;
    CredentialResult keychainFailure;
    QString vaultError;
    if (!loadSecrets(*connection, &settings, &keychainFailure))
        result.diagnosis = makeDiagnosis(keychainFailure.error == CredentialError::NotFound
                                             ? DiagnosisCategory::AuthenticationFailed
                                             : DiagnosisCategory::KeychainUnavailable,
                                         keychainFailure.message);
    else if (!resolveVault(&settings, &vaultError))
        result.diagnosis = makeDiagnosis(DiagnosisCategory::Other, vaultError,
                                         QStringLiteral("Check the Secrets Management settings "
                                                        "of the connection."));
    else
        result = testConnection(settings);

    if (p.isSet(QStringLiteral("json"))) {
        QJsonObject o{{QStringLiteral("ok"), result.ok()},
                      {QStringLiteral("connection"), name},
                      {QStringLiteral("diagnosis"), result.diagnosis.code()},
                      {QStringLiteral("elapsed_ms"), result.elapsedMs}};
        if (result.ok()) {
            o.insert(QStringLiteral("server_version"), result.serverVersion);
            o.insert(QStringLiteral("schemas"), QJsonArray::fromStringList(result.schemas));
        } else {
            o.insert(QStringLiteral("message"), result.diagnosis.message());
            o.insert(QStringLiteral("hint"), result.diagnosis.hint);
        }
        printJson(ctx, o);
        return result.ok() ? Success : Failure;
    }
    if (!result.ok())
        return fail(ctx, result.diagnosis.message(), result.diagnosis.hint);
    *ctx.out << QStringLiteral("Connection '%1' OK: %2 (%3 ms)\n")
                    .arg(name, result.serverVersion)
                    .arg(result.elapsedMs);
    return Success;
}

int remove(Context &ctx)
{
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("name"), QStringLiteral("The connection's name."));
    if (!parse(ctx, p, kUsage))
        return ctx.helpShown ? Success : Usage;
    if (p.positionalArguments().size() != 1)
        return fail(ctx, QStringLiteral("name one connection to delete"), kUsage, Usage);
    const QString name = p.positionalArguments().constFirst();
    const auto connection = ctx.catalog->connectionByName(name);
    if (!connection)
        return fail(ctx, QStringLiteral("no connection named '%1'").arg(name));
    const Result<QStringList> users = ctx.catalog->datastoresUsingConnection(connection->id);
    if (users.failed())
        return fail(ctx, QStringLiteral("cannot tell whether connection '%1' is in use: %2")
                             .arg(name, users.error()));
    if (!users.value().isEmpty())
        return fail(ctx,
                    QStringLiteral("connection '%1' is used by %2")
                        .arg(name, users.value().join(QStringLiteral(", "))),
                    QStringLiteral("delete those datastores first"));
    // Secrets first: if the keychain cannot be reached, keep the record so nothing is orphaned.
    CredentialStore store;
    for (const QString &field : connection->secretFields) {
        const CredentialResult r = store.removeAndWait(connection->uuid, field);
        if (!r.ok() && r.error != CredentialError::NotFound)
            return fail(ctx, r.message);
    }
    if (!ctx.catalog->removeConnection(connection->id))
        return fail(ctx, ctx.catalog->lastError());
    *ctx.out << QStringLiteral("Deleted connection '%1' and its keychain entries.\n").arg(name);
    return Success;
}

} // namespace

int runConnections(Context &ctx)
{
    return dispatch(ctx, QStringLiteral("connections"), kUsage,
                    {
                        {"create", create},
                        {"list", list},
                        {"test", test},
                        {"delete", remove},
                    });
}

} // namespace assay::cli
