#include "app/connectors/DatastoreDefinition.h"

#include "app/connectors/ConnectorSpec.h"
#include "app/enrichment/Prefix.h"
#include "app/secrets/SecretReferences.h"
#include "models/catalog/Catalog.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <algorithm>
#include <cmath>
#include <limits>

namespace assay::definition {

namespace {

// The context of this file's translatable text (as lupdate sees it, too).
struct DatastoreDefinitionText
{
    Q_DECLARE_TR_FUNCTIONS(assay::DatastoreDefinition)
};

const QString kPort = QStringLiteral("port");
const QString kCredentialsPayload = QStringLiteral("credentials_payload");

// Fields read (or knowingly ignored, as `datastores show --json` prints them) per object.
const QStringList &datastoreKeys()
{
    static const QStringList keys =
        QStringLiteral("name teams database schema enrich_only trigger_catalog connection "
                       "connection_id root_path enrich_container_prefix enrichment_datastore "
                       "remediation enrichment_source_record_limit high_count_rollup_threshold "
                       "id created tags")
            .split(QLatin1Char(' '));
    return keys;
}

const QStringList &connectionKeys()
{
    static const QStringList keys =
        QStringLiteral("name type host port username database parameters secrets_manager id "
                       "created secrets_in_keychain")
            .split(QLatin1Char(' '));
    return keys;
}

// Collects the problems of one object, each prefixed with the path of its field.
struct Reader
{
    QJsonObject object;
    QString path;
    QStringList *errors;

    void error(const QString &field, const QString &message) const
    {
        *errors << QStringLiteral("%1%2: %3").arg(path, field, message);
    }
    bool has(const QString &field) const
    {
        return object.contains(field) && !object.value(field).isNull();
    }
    QString string(const QString &field, bool required = false) const
    {
        const QJsonValue v = object.value(field);
        if (v.isUndefined() || v.isNull()) {
            if (required)
                error(field, DatastoreDefinitionText::tr("is required"));
            return QString();
        }
        if (!v.isString()) {
            error(field, DatastoreDefinitionText::tr("must be a string"));
            return QString();
        }
        if (required && v.toString().trimmed().isEmpty())
            error(field, DatastoreDefinitionText::tr("must not be empty"));
        return v.toString();
    }
    bool boolean(const QString &field, bool fallback) const
    {
        const QJsonValue v = object.value(field);
        if (v.isUndefined() || v.isNull())
            return fallback;
        if (!v.isBool()) {
            error(field, DatastoreDefinitionText::tr("must be true or false"));
            return fallback;
        }
        return v.toBool();
    }
    qint64 integer(const QString &field, qint64 fallback, qint64 min, qint64 max) const
    {
        const QJsonValue v = object.value(field);
        if (v.isUndefined() || v.isNull())
            return fallback;
        bool ok = v.isDouble() && std::floor(v.toDouble()) == v.toDouble();
        qint64 n = ok ? qint64(v.toDouble()) : 0;
        if (v.isString())
            n = v.toString().trimmed().toLongLong(&ok);
        if (!ok || n < min || n > max) {
            error(field, DatastoreDefinitionText::tr("must be a whole number from %1 to %2")
                             .arg(min)
                             .arg(max));
            return fallback;
        }
        return n;
    }
};

QString quoteValue(const QString &text)
{
    return QStringLiteral("'%1'").arg(text);
}

bool readConnection(const Reader &r, ConnectionDefinition *c, QStringList *warnings,
                    const ConnectorSpec **specOut)
{
    const int before = int(r.errors->size());
    c->name = r.string(QStringLiteral("name"), true).trimmed();
    const QString type = r.string(QStringLiteral("type"), true);
    const ConnectorSpec *spec = connectors::find(type);
    if (!type.trimmed().isEmpty() && !spec)
        r.error(QStringLiteral("type"),
                DatastoreDefinitionText::tr("unknown connector %1 (known: %2)")
                    .arg(quoteValue(type), connectors::knownIds()));
    *specOut = spec;
    c->type = spec ? spec->id : type;
    c->host = r.string(QStringLiteral("host")).trimmed();
    c->username = r.string(QStringLiteral("username"));
    c->database = r.string(QStringLiteral("database"));

    const QJsonValue port = r.object.value(kPort);
    if (port.isDouble()) {
        const double n = port.toDouble();
        if (std::floor(n) != n || n < 1 || n > 65535)
            r.error(kPort, DatastoreDefinitionText::tr("must be a number from 1 to 65535"));
        else
            c->port = int(n);
    } else if (port.isString() && !port.toString().trimmed().isEmpty()) {
        bool ok = false;
        const int n = port.toString().trimmed().toInt(&ok);
        if (ok && n >= 1 && n <= 65535)
            c->port = n;
        else if (!referencedKeys(port.toString()).isEmpty())
            c->portText = port.toString().trimmed();
        else
            r.error(kPort, DatastoreDefinitionText::tr(
                               "must be a number from 1 to 65535 or a ${key} reference"));
    } else if (!port.isUndefined() && !port.isNull() && !port.isString()) {
        r.error(kPort, DatastoreDefinitionText::tr("must be a number from 1 to 65535"));
    }

    const QJsonValue parameters = r.object.value(QStringLiteral("parameters"));
    if (parameters.isObject())
        c->parameters = parameters.toObject();
    else if (!parameters.isUndefined() && !parameters.isNull())
        r.error(QStringLiteral("parameters"), DatastoreDefinitionText::tr("must be an object"));

    const QJsonValue vault = r.object.value(kSecretsManagerKey);
    if (vault.isObject()) {
        QJsonObject v = vault.toObject();
        if (v.value(QStringLiteral("secret_url")).toString().trimmed().isEmpty())
            r.error(kSecretsManagerKey + QStringLiteral(".secret_url"),
                    DatastoreDefinitionText::tr("is required"));
        const QJsonValue payload = v.take(kCredentialsPayload);
        if (payload.isObject())
            c->secrets.insert(
                kVaultPayloadField,
                QString::fromUtf8(
                    QJsonDocument(payload.toObject()).toJson(QJsonDocument::Compact)));
        else if (payload.isString() && !payload.toString().isEmpty())
            c->secrets.insert(kVaultPayloadField, payload.toString());
        c->secretsManager = v;
    } else if (!vault.isUndefined() && !vault.isNull()) {
        r.error(kSecretsManagerKey, DatastoreDefinitionText::tr("must be an object"));
    }

    for (auto it = r.object.begin(); it != r.object.end(); ++it) {
        const QString &key = it.key();
        if (connectionKeys().contains(key))
            continue;
        const ConnectorField *field = spec ? spec->field(key) : nullptr;
        if (field && field->secret) {
            if (!it.value().isString())
                r.error(key, DatastoreDefinitionText::tr("must be a string (a ${key} reference)"));
            else if (!it.value().toString().isEmpty())
                c->secrets.insert(key, it.value().toString());
        } else if (field) {
            // A connector-specific field written at the top, as the connection form shows it.
            c->parameters.insert(key, it.value());
        } else if (spec && warnings) {
            *warnings << QStringLiteral("%1%2: %3")
                             .arg(r.path, key,
                                  DatastoreDefinitionText::tr(
                                      "not a field of %1 connections; ignored")
                                      .arg(spec->displayName));
        }
    }
    if (spec) {
        for (const ConnectorField &field : spec->fields) {
            if (!field.required || field.secret)
                continue;
            if ((field.name == QLatin1String("host") && c->host.isEmpty()) ||
                (field.name == QLatin1String("username") && c->username.trimmed().isEmpty()))
                r.error(field.name, DatastoreDefinitionText::tr("is required for %1 connections")
                                        .arg(spec->displayName));
        }
    }
    return int(r.errors->size()) == before;
}

QJsonValue nullable(const QString &text)
{
    return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}

int lineOf(const QByteArray &json, int offset)
{
    return int(json.left(offset).count('\n')) + 1;
}

// Whether two connection definitions describe the same connection; secrets count only where
// both give them.
bool sameConnection(const ConnectionDefinition &a, const ConnectionDefinition &b)
{
    ConnectionDefinition x = a;
    ConnectionDefinition y = b;
    x.secrets.clear();
    y.secrets.clear();
    if (x != y)
        return false;
    for (auto it = a.secrets.cbegin(); it != a.secrets.cend(); ++it)
        if (b.secrets.contains(it.key()) && b.secrets.value(it.key()) != it.value())
            return false;
    return true;
}

} // namespace

DatastoreDefinition fromCatalog(const Catalog &catalog, const Datastore &ds)
{
    DatastoreDefinition d;
    d.name = ds.name;
    d.teams = ds.teams;
    d.database = ds.database;
    d.schema = ds.schema;
    d.enrichOnly = ds.enrichOnly;
    d.triggerCatalog = !ds.enrichOnly;
    if (const auto c = catalog.connection(ds.connectionId)) {
        d.hasConnection = true;
        ConnectionDefinition &cd = d.connection;
        cd.name = c->name;
        cd.type = c->type;
        cd.host = c->host;
        cd.port = c->port;
        cd.username = c->username;
        cd.database = c->database;
        cd.parameters = c->parameters;
        const QJsonValue port = cd.parameters.take(kPort);
        if (port.isString())
            cd.portText = port.toString();
        cd.secretsManager = cd.parameters.take(kSecretsManagerKey).toObject();
        for (const QString &field : c->secretFields)
            cd.secrets.insert(field, QStringLiteral("${%1}").arg(secretKey(c->name, field)));
    } else {
        d.connectionId = ds.connectionId;
    }
    d.enrichContainerPrefix = ds.enrichment.prefix;
    if (ds.enrichment.isLinked())
        if (const auto target = catalog.datastore(ds.enrichment.enrichmentDatastoreId))
            d.enrichmentDatastore = target->name;
    d.remediation = ds.enrichment.remediation;
    d.sourceRecordLimit = ds.enrichment.sourceRecordLimit;
    d.rollupThreshold = ds.enrichment.rollupThreshold;
    return d;
}

QJsonObject toJson(const DatastoreDefinition &d)
{
    QJsonObject o{
        {QStringLiteral("name"), d.name},
        {QStringLiteral("teams"), QJsonArray::fromStringList(d.teams)},
        {QStringLiteral("database"), d.database},
        {QStringLiteral("schema"), d.schema},
        {QStringLiteral("enrich_only"), d.enrichOnly},
    };
    if (!d.enrichOnly)
        o.insert(QStringLiteral("trigger_catalog"), d.triggerCatalog);
    if (d.hasConnection) {
        const ConnectionDefinition &c = d.connection;
        QJsonObject co{{QStringLiteral("name"), c.name}, {QStringLiteral("type"), c.type}};
        if (!c.host.isEmpty())
            co.insert(QStringLiteral("host"), c.host);
        if (!c.portText.isEmpty())
            co.insert(kPort, c.portText);
        else if (c.port > 0)
            co.insert(kPort, c.port);
        if (!c.username.isEmpty())
            co.insert(QStringLiteral("username"), c.username);
        if (!c.database.isEmpty())
            co.insert(QStringLiteral("database"), c.database);
        if (!c.parameters.isEmpty())
            co.insert(QStringLiteral("parameters"), c.parameters);
        for (auto it = c.secrets.cbegin(); it != c.secrets.cend(); ++it)
            if (it.key() != kVaultPayloadField)
                co.insert(it.key(), it.value());
        if (!c.secretsManager.isEmpty()) {
            QJsonObject vault = c.secretsManager;
            if (c.secrets.contains(kVaultPayloadField))
                vault.insert(kCredentialsPayload, c.secrets.value(kVaultPayloadField));
            co.insert(kSecretsManagerKey, vault);
        }
        o.insert(QStringLiteral("connection"), co);
    } else {
        o.insert(QStringLiteral("connection_id"), d.connectionId);
    }
    if (!d.enrichOnly) {
        o.insert(QStringLiteral("enrich_container_prefix"), nullable(d.enrichContainerPrefix));
        o.insert(QStringLiteral("enrichment_datastore"), nullable(d.enrichmentDatastore));
        o.insert(QStringLiteral("remediation"), remediationToString(d.remediation));
        o.insert(QStringLiteral("enrichment_source_record_limit"), d.sourceRecordLimit);
        o.insert(QStringLiteral("high_count_rollup_threshold"), d.rollupThreshold);
    }
    return o;
}

bool fromJson(const QJsonObject &object, DatastoreDefinition *out, QStringList *errors,
              QStringList *warnings, const QString &path)
{
    const int before = int(errors->size());
    const Reader r{object, path, errors};
    DatastoreDefinition d;
    d.name = r.string(QStringLiteral("name"), true).trimmed();

    const QJsonValue teams = object.value(QStringLiteral("teams"));
    if (teams.isArray()) {
        for (const QJsonValue &t : teams.toArray()) {
            if (!t.isString() || t.toString().trimmed().isEmpty()) {
                r.error(QStringLiteral("teams"),
                        DatastoreDefinitionText::tr("must be a list of team names"));
                break;
            }
            if (!d.teams.contains(t.toString().trimmed(), Qt::CaseInsensitive))
                d.teams << t.toString().trimmed();
        }
    } else if (!teams.isUndefined() && !teams.isNull()) {
        r.error(QStringLiteral("teams"),
                DatastoreDefinitionText::tr("must be a list of team names, e.g. [\"Public\"]"));
    }
    if (d.teams.isEmpty())
        d.teams << QStringLiteral("Public");

    d.database = r.string(QStringLiteral("database"));
    if (d.database.isEmpty())
        d.database = r.string(QStringLiteral("root_path"));
    d.schema = r.string(QStringLiteral("schema"));
    d.enrichOnly = r.boolean(QStringLiteral("enrich_only"), false);
    d.triggerCatalog = r.boolean(QStringLiteral("trigger_catalog"), false);

    const bool hasConnection = r.has(QStringLiteral("connection"));
    const bool hasId = r.has(QStringLiteral("connection_id"));
    const ConnectorSpec *spec = nullptr;
    if (hasConnection && hasId) {
        r.error(QStringLiteral("connection"),
                DatastoreDefinitionText::tr("give either connection or connection_id, not "
                                            "both"));
    } else if (hasConnection) {
        const QJsonValue c = object.value(QStringLiteral("connection"));
        if (!c.isObject()) {
            r.error(QStringLiteral("connection"), DatastoreDefinitionText::tr("must be an object"));
        } else {
            d.hasConnection = true;
            readConnection(Reader{c.toObject(), path + QStringLiteral("connection."), errors},
                           &d.connection, warnings, &spec);
        }
    } else if (hasId) {
        d.connectionId =
            r.integer(QStringLiteral("connection_id"), 0, 1, std::numeric_limits<qint64>::max());
    } else {
        r.error(
            QStringLiteral("connection"),
            DatastoreDefinitionText::tr("is required (or connection_id, an existing connection)"));
    }
    if (spec && d.enrichOnly && !spec->supportsEnrichment)
        r.error(QStringLiteral("enrich_only"),
                DatastoreDefinitionText::tr("%1 cannot be an enrichment datastore")
                    .arg(spec->displayName));
    if (spec && (spec->isFileBased() || spec->isFolder()) && d.database.trimmed().isEmpty() &&
        d.connection.database.trimmed().isEmpty())
        r.error(QStringLiteral("database"),
                DatastoreDefinitionText::tr("is required for %1 (the file or folder)")
                    .arg(spec->displayName));

    const QString prefix = r.string(QStringLiteral("enrich_container_prefix"));
    if (!prefix.trimmed().isEmpty()) {
        d.enrichContainerPrefix = normalizeEnrichmentPrefix(prefix);
        const QString problem = validateEnrichmentPrefix(d.enrichContainerPrefix);
        if (!problem.isEmpty())
            r.error(QStringLiteral("enrich_container_prefix"), problem);
    }
    const QJsonValue target = object.value(QStringLiteral("enrichment_datastore"));
    if (target.isObject())
        d.enrichmentDatastore =
            target.toObject().value(QStringLiteral("name")).toString().trimmed();
    else if (target.isString())
        d.enrichmentDatastore = target.toString().trimmed();
    else if (!target.isUndefined() && !target.isNull())
        r.error(QStringLiteral("enrichment_datastore"),
                DatastoreDefinitionText::tr("must be a datastore name"));
    if (d.enrichOnly && !d.enrichmentDatastore.isEmpty())
        r.error(
            QStringLiteral("enrichment_datastore"),
            DatastoreDefinitionText::tr("an enrichment datastore cannot itself be linked to one"));

    const QString remediation = r.string(QStringLiteral("remediation")).trimmed().toLower();
    if (!remediation.isEmpty() && remediation != QLatin1String("none") &&
        remediation != QLatin1String("append") && remediation != QLatin1String("overwrite"))
        r.error(QStringLiteral("remediation"),
                DatastoreDefinitionText::tr("must be none, append or overwrite"));
    else if (!remediation.isEmpty())
        d.remediation = remediationFromString(remediation);
    d.sourceRecordLimit =
        r.integer(QStringLiteral("enrichment_source_record_limit"), 10, 1, 1000000000);
    d.rollupThreshold = int(r.integer(QStringLiteral("high_count_rollup_threshold"), 10, 1, 1000));

    if (warnings)
        for (auto it = object.begin(); it != object.end(); ++it)
            if (!datastoreKeys().contains(it.key()))
                *warnings << QStringLiteral("%1%2: %3")
                                 .arg(path, it.key(),
                                      DatastoreDefinitionText::tr("unknown field; ignored"));
    if (int(errors->size()) != before)
        return false;
    *out = d;
    return true;
}

ParsedDefinitions parse(const QByteArray &json)
{
    ParsedDefinitions result;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        result.errors << DatastoreDefinitionText::tr("line %1: not valid JSON (%2)")
                             .arg(lineOf(json, parseError.offset))
                             .arg(parseError.errorString());
        return result;
    }
    QList<QPair<QJsonValue, QString>> items;
    if (doc.isArray()) {
        result.isArray = true;
        const QJsonArray array = doc.array();
        for (int i = 0; i < array.size(); ++i)
            items << qMakePair(array.at(i), QStringLiteral("datastores[%1].").arg(i));
        if (array.isEmpty())
            result.errors << DatastoreDefinitionText::tr(
                "the file holds an empty list: there is nothing to import");
    } else {
        items << qMakePair(QJsonValue(doc.object()), QString());
    }
    QHash<QString, QString> names;                                    // lower name -> path
    QHash<QString, QPair<ConnectionDefinition, QString>> connections; // name -> first, path
    for (const auto &[value, path] : std::as_const(items)) {
        if (!value.isObject()) {
            result.errors << QStringLiteral("%1 %2").arg(
                path.chopped(1), DatastoreDefinitionText::tr("must be an object"));
            continue;
        }
        DatastoreDefinition d;
        if (!fromJson(value.toObject(), &d, &result.errors, &result.warnings, path))
            continue;
        const QString key = d.name.toLower();
        if (names.contains(key)) {
            result.errors << QStringLiteral("%1name: %2")
                                 .arg(path, DatastoreDefinitionText::tr(
                                                "%1 is defined twice (also at %2name)")
                                                .arg(quoteValue(d.name), names.value(key)));
            continue;
        }
        names.insert(key, path);
        if (d.hasConnection) {
            const auto seen = connections.constFind(d.connection.name);
            if (seen != connections.cend() && !sameConnection(seen->first, d.connection)) {
                result.errors << QStringLiteral("%1connection: %2")
                                     .arg(
                                         path,
                                         DatastoreDefinitionText::tr(
                                             "connection %1 is defined differently at %2connection")
                                             .arg(quoteValue(d.connection.name), seen->second));
                continue;
            }
            if (seen == connections.cend())
                connections.insert(d.connection.name, qMakePair(d.connection, path));
        }
        result.definitions << d;
    }
    return result;
}

QByteArray serialize(const QList<DatastoreDefinition> &definitions, bool asArray)
{
    if (!asArray && definitions.size() == 1)
        return QJsonDocument(toJson(definitions.first())).toJson(QJsonDocument::Indented);
    QJsonArray array;
    for (const DatastoreDefinition &d : definitions)
        array << toJson(d);
    return QJsonDocument(array).toJson(QJsonDocument::Indented);
}

Connection toConnection(const ConnectionDefinition &d)
{
    Connection c;
    const ConnectorSpec *spec = connectors::find(d.type);
    c.name = d.name;
    c.type = spec ? spec->id : d.type;
    c.host = d.host;
    c.port = d.port;
    c.username = d.username;
    c.database = d.database;
    // A relative file is relative to where the import runs.
    if (spec && (spec->isFileBased() || spec->isFolder()) && !c.database.isEmpty() &&
        referencedKeys(c.database).isEmpty())
        c.database = QFileInfo(c.database).absoluteFilePath();
    c.parameters = d.parameters;
    if (!d.portText.isEmpty())
        c.parameters.insert(kPort, d.portText);
    else if (c.port == 0 && spec && spec->defaultPort > 0 && spec->field(kPort))
        c.port = spec->defaultPort;
    if (!d.secretsManager.isEmpty())
        c.parameters.insert(kSecretsManagerKey, d.secretsManager);
    QStringList fields = d.secrets.keys();
    fields.sort();
    c.secretFields = fields;
    return c;
}

QString defaultSchema(const ConnectorSpec &spec, const QString &database)
{
    if (spec.isFolder())
        return QString();
    if (spec.dialect == QLatin1String("postgresql"))
        return QStringLiteral("public");
    if (spec.dialect == QLatin1String("mysql"))
        return database;
    if (spec.isFileBased())
        return QStringLiteral("main");
    return QString(); // ODBC sources: their driver's default (or the database, where it is one)
}

} // namespace assay::definition
