// `assay datastores export` and `assay datastores import`: datastore definitions as JSON in the
// seeds' /api/datastores payload shape (see connectors/DatastoreDefinition.h). Secrets never go
// into the files: they are ${key} references, resolved on import from --secrets-file (KEY=VALUE
// lines) or --password-stdin, and written to the keychain.
#include "app/cli/CliSupport.h"
#include "app/connectors/ConnectorSpec.h"
#include "app/connectors/DatastoreDefinition.h"
#include "app/enrichment/EnrichmentLinker.h"
#include "app/enrichment/Prefix.h"
#include "app/secrets/CredentialStore.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QUuid>

namespace assay::cli {

namespace {

const QString kExportUsage =
    QStringLiteral("assay datastores export NAME... | --all [--output FILE]");
const QString kImportUsage =
    QStringLiteral("assay datastores import FILE [--secrets-file FILE | --password-stdin]\n"
                   "         [--dry-run] [--no-sync] [--json]");

QString quoted(const QString &text)
{
    return QStringLiteral("'%1'").arg(text);
}

std::optional<Datastore> datastoreNamed(const Catalog &catalog, const QString &name)
{
    if (auto exact = catalog.datastoreByName(name))
        return exact.optional();
    for (const Datastore &d : catalog.datastores())
        if (d.name.compare(name, Qt::CaseInsensitive) == 0)
            return d;
    return std::nullopt;
}

// A connection the import records, or one of the catalog it reuses.
struct PlannedConnection
{
    Connection connection;           // to record (existingId == 0)
    qint64 existingId = 0;           // reused
    QHash<QString, QString> secrets; // resolved values, for the keychain
    QString path;                    // where the file first defines it
    bool used = false;               // by a datastore that is not skipped
};

struct PlannedDatastore
{
    DatastoreDefinition def;
    QString path;
    QString connectionName; // key of the planned connection (def.hasConnection)
    bool skip = false;
    QString reason;
    qint64 id = 0;
    qint64 syncOperationId = 0;
    QString linkedPrefix;
};

struct Plan
{
    QList<PlannedDatastore> items;
    QMap<QString, PlannedConnection> connections;
    QStringList errors;
    QStringList warnings;
};

Plan makePlan(const Catalog &catalog, const ParsedDefinitions &parsed)
{
    Plan plan;
    for (int i = 0; i < parsed.definitions.size(); ++i) {
        PlannedDatastore item;
        item.def = parsed.definitions.at(i);
        item.path = parsed.isArray ? QStringLiteral("datastores[%1].").arg(i) : QString();
        if (const auto existing = datastoreNamed(catalog, item.def.name)) {
            item.skip = true;
            item.reason =
                QStringLiteral("a datastore named %1 already exists").arg(quoted(existing->name));
        }
        if (item.def.hasConnection) {
            const ConnectionDefinition &c = item.def.connection;
            item.connectionName = c.name;
            if (!plan.connections.contains(c.name)) {
                PlannedConnection planned;
                planned.path = item.path;
                const auto existing = catalog.connectionByName(c.name);
                if (existing && existing->type.compare(c.type, Qt::CaseInsensitive) != 0)
                    plan.errors << QStringLiteral("%1connection.name: a %2 connection named %3 "
                                                  "already exists; rename the connection in the "
                                                  "file")
                                       .arg(item.path, existing->type, quoted(c.name));
                else if (existing)
                    planned.existingId = existing->id;
                else
                    planned.connection = definition::toConnection(c);
                plan.connections.insert(c.name, planned);
            }
            if (!item.skip)
                plan.connections[c.name].used = true;
        } else if (!item.skip && !catalog.connection(item.def.connectionId)) {
            plan.errors << QStringLiteral("%1connection_id: no connection with id %2 in this "
                                          "catalog; give the connection inline instead")
                               .arg(item.path)
                               .arg(item.def.connectionId);
        }
        plan.items << item;
    }
    // Enrichment targets: created by this import, or already in the catalog.
    for (const PlannedDatastore &item : std::as_const(plan.items)) {
        const QString target = item.def.enrichmentDatastore;
        if (item.skip || target.isEmpty())
            continue;
        bool found = false;
        for (const PlannedDatastore &other : std::as_const(plan.items))
            found = found || (!other.skip && other.def.enrichOnly &&
                              other.def.name.compare(target, Qt::CaseInsensitive) == 0);
        if (found)
            continue;
        const auto existing = datastoreNamed(catalog, target);
        if (!existing)
            plan.errors << QStringLiteral("%1enrichment_datastore: no enrichment datastore named "
                                          "%2 in this catalog or in the file; import it too, or "
                                          "remove the field")
                               .arg(item.path, quoted(target));
        else if (!existing->enrichOnly)
            plan.errors << QStringLiteral("%1enrichment_datastore: %2 is a source datastore, not "
                                          "an enrichment datastore")
                               .arg(item.path, quoted(existing->name));
    }
    return plan;
}

// Resolves the secrets of the connections to create; `stdinValue` answers a single missing key.
void resolveSecrets(Plan &plan, const QList<DatastoreDefinition> &definitions,
                    const QHash<QString, QString> &values, const QString *stdinValue)
{
    QStringList missing;
    QHash<QString, QString> all = values;
    for (auto it = plan.connections.begin(); it != plan.connections.end(); ++it) {
        if (it->existingId || !it->used)
            continue;
        const ConnectionDefinition *def = nullptr;
        for (const DatastoreDefinition &d : definitions)
            if (d.hasConnection && d.connection.name == it.key())
                def = &d.connection;
        const ConnectorSpec *spec = def ? connectors::find(def->type) : nullptr;
        if (!spec)
            continue;
        for (const ConnectorField &field : spec->fields)
            if (field.secret && field.required && !def->secrets.contains(field.name))
                plan.errors << QStringLiteral("%1connection.%2: %3 needs a %2; write \"${%4}\" "
                                              "and give its value with --secrets-file")
                                   .arg(it->path, field.name, spec->displayName,
                                        definition::secretKey(it.key(), field.name));
        for (const QString &field : definition::literalSecretFields(*def))
            plan.warnings << QStringLiteral("%1connection.%2 is written out in the file; prefer "
                                            "a ${key} reference so the file holds no secret")
                                 .arg(it->path, field);
        definition::resolveSecrets(*def, all, &missing);
    }
    if (stdinValue && missing.size() == 1)
        all.insert(missing.takeFirst(), *stdinValue);
    else if (stdinValue && missing.size() > 1)
        plan.errors << QStringLiteral("--password-stdin gives one secret, but the file needs %1: "
                                      "%2; use --secrets-file with KEY=VALUE lines")
                           .arg(missing.size())
                           .arg(missing.join(QStringLiteral(", ")));
    else if (stdinValue)
        plan.warnings << QStringLiteral("--password-stdin was given, but no secret was missing");
    if (!missing.isEmpty() && !stdinValue)
        plan.errors << QStringLiteral("no value for %1; give %2 in --secrets-file (KEY=VALUE "
                                      "lines) or a single one with --password-stdin")
                           .arg(QStringLiteral("${") + missing.join(QStringLiteral("}, ${")) +
                                    QLatin1Char('}'),
                                missing.size() == 1 ? QStringLiteral("it")
                                                    : QStringLiteral("them"));
    for (auto it = plan.connections.begin(); it != plan.connections.end(); ++it) {
        if (it->existingId || !it->used)
            continue;
        for (const DatastoreDefinition &d : definitions)
            if (d.hasConnection && d.connection.name == it.key())
                it->secrets = definition::resolveSecrets(d.connection, all, nullptr);
    }
}

// What was written, so a failure can take it all back.
struct Undo
{
    QList<qint64> datastores;
    QList<qint64> connections;
    QList<QPair<QString, QString>> secrets; // uuid, field
};

void rollback(Catalog &catalog, CredentialStore &store, const Undo &undo)
{
    for (auto it = undo.datastores.crbegin(); it != undo.datastores.crend(); ++it)
        catalog.warnUnless(catalog.removeDatastore(*it), "removeDatastore");
    for (qint64 id : undo.connections)
        catalog.warnUnless(catalog.removeConnection(id), "removeConnection");
    for (const auto &[uuid, field] : undo.secrets)
        store.removeAndWait(uuid, field);
}

Datastore toDatastore(const PlannedDatastore &item, const Connection &connection)
{
    const ConnectorSpec *spec = connectors::find(connection.type);
    Datastore d;
    d.name = item.def.name;
    d.connectionId = connection.id;
    d.database = item.def.database.trimmed().isEmpty() ? connection.database : item.def.database;
    if (spec && (spec->isFileBased() || spec->isFolder()) && !d.database.isEmpty() &&
        !d.database.contains(QLatin1String("${")))
        d.database = QFileInfo(d.database).absoluteFilePath();
    d.schema = item.def.schema;
    if (d.schema.isEmpty() && spec)
        d.schema = definition::defaultSchema(*spec, d.database);
    d.teams = item.def.teams;
    d.enrichOnly = item.def.enrichOnly;
    d.enrichment.prefix = item.def.enrichContainerPrefix;
    d.enrichment.remediation =
        item.def.enrichmentDatastore.isEmpty() ? RemediationStrategy::None : item.def.remediation;
    d.enrichment.sourceRecordLimit = item.def.sourceRecordLimit;
    d.enrichment.rollupThreshold = item.def.rollupThreshold;
    return d;
}

// Records the plan; on any failure takes back what it wrote and returns false with `error`.
bool execute(Context &ctx, Plan &plan, QString *error)
{
    CredentialStore store;
    Undo undo;
    const auto failWith = [&](const QString &message) {
        rollback(*ctx.catalog, store, undo);
        *error = message + QStringLiteral("; nothing was imported");
        return false;
    };
    for (auto it = plan.connections.begin(); it != plan.connections.end(); ++it) {
        if (it->existingId || !it->used)
            continue;
        Connection &c = it->connection;
        c.uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
        for (auto s = it->secrets.cbegin(); s != it->secrets.cend(); ++s) {
            const CredentialResult r = store.writeAndWait(c.uuid, s.key(), s.value());
            if (!r.ok()) {
                if (r.error == CredentialError::Timeout)
                    undo.secrets << qMakePair(c.uuid, s.key());
                return failWith(QStringLiteral("the %1 of connection %2 could not be stored in "
                                               "the keychain: %3")
                                    .arg(s.key(), quoted(c.name), r.message));
            }
            undo.secrets << qMakePair(c.uuid, s.key());
        }
        c.id = ctx.catalog->addConnection(c);
        if (!c.id)
            return failWith(QStringLiteral("connection %1 could not be recorded: %2")
                                .arg(quoted(c.name), ctx.catalog->lastError()));
        undo.connections << c.id;
    }
    // Enrichment datastores first: the others may link to them.
    QList<PlannedDatastore *> order;
    for (PlannedDatastore &item : plan.items)
        if (!item.skip && item.def.enrichOnly)
            order << &item;
    for (PlannedDatastore &item : plan.items)
        if (!item.skip && !item.def.enrichOnly)
            order << &item;
    QHash<QString, qint64> created; // lower name -> id
    for (PlannedDatastore *item : std::as_const(order)) {
        Connection connection;
        if (item->def.hasConnection) {
            const PlannedConnection &pc = plan.connections.value(item->connectionName);
            connection = *ctx.catalog->connection(pc.existingId ? pc.existingId : pc.connection.id);
        } else {
            connection = *ctx.catalog->connection(item->def.connectionId);
        }
        item->id = ctx.catalog->addDatastore(toDatastore(*item, connection));
        if (!item->id)
            return failWith(QStringLiteral("datastore %1 could not be recorded: %2")
                                .arg(quoted(item->def.name), ctx.catalog->lastError()));
        undo.datastores << item->id;
        created.insert(item->def.name.toLower(), item->id);
    }
    for (PlannedDatastore *item : std::as_const(order)) {
        const QString target = item->def.enrichmentDatastore;
        if (target.isEmpty())
            continue;
        const qint64 targetId = created.contains(target.toLower())
                                    ? created.value(target.toLower())
                                    : datastoreNamed(*ctx.catalog, target)->id;
        EnrichmentSettings settings;
        settings.prefixInput =
            item->def.enrichContainerPrefix.isEmpty()
                ? normalizeEnrichmentPrefix(item->def.name).left(kMaxPrefixLength)
                : item->def.enrichContainerPrefix;
        settings.remediation = item->def.remediation;
        settings.sourceRecordLimit = item->def.sourceRecordLimit;
        settings.rollupThreshold = item->def.rollupThreshold;
        const EnrichmentLinkResult r =
            EnrichmentLinker::link(*ctx.catalog, item->id, targetId, settings);
        if (!r.ok)
            return failWith(QStringLiteral("%1 could not be linked to %2: %3")
                                .arg(quoted(item->def.name), quoted(target), r.error));
        item->linkedPrefix = r.prefix;
        plan.warnings << r.warnings;
    }
    return true;
}

QJsonObject itemJson(const PlannedDatastore &item, bool dryRun)
{
    QJsonObject o{{QStringLiteral("name"), item.def.name},
                  {QStringLiteral("action"),
                   item.skip ? (dryRun ? QStringLiteral("skip") : QStringLiteral("skipped"))
                             : (dryRun ? QStringLiteral("create") : QStringLiteral("created"))}};
    if (item.skip)
        o.insert(QStringLiteral("reason"), item.reason);
    if (item.id)
        o.insert(QStringLiteral("id"), item.id);
    if (item.def.hasConnection)
        o.insert(QStringLiteral("connection"), item.def.connection.name);
    if (!item.def.enrichmentDatastore.isEmpty() && !item.skip) {
        o.insert(QStringLiteral("enrichment_datastore"), item.def.enrichmentDatastore);
        if (!item.linkedPrefix.isEmpty())
            o.insert(QStringLiteral("enrich_container_prefix"), item.linkedPrefix);
    }
    if (item.syncOperationId)
        o.insert(QStringLiteral("sync_operation_id"), item.syncOperationId);
    return o;
}

bool readStdin(QString *value)
{
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return false;
    QString text = QString::fromUtf8(in.readAll());
    if (text.endsWith(QLatin1String("\r\n")))
        text.chop(2);
    else if (text.endsWith(QLatin1Char('\n')))
        text.chop(1);
    *value = text;
    return true;
}

} // namespace

int runExportDatastores(Context &ctx)
{
    QCommandLineParser p;
    p.addOptions({
        {QStringLiteral("all"), QStringLiteral("Export every datastore (as an array).")},
        {QStringLiteral("output"), QStringLiteral("Write to FILE instead of standard output."),
         QStringLiteral("FILE")},
    });
    p.addPositionalArgument(QStringLiteral("names"), QStringLiteral("Datastores to export."),
                            QStringLiteral("NAME..."));
    if (!parse(ctx, p, kExportUsage))
        return ctx.helpShown ? Success : Usage;
    const QStringList names = p.positionalArguments();
    const bool all = p.isSet(QStringLiteral("all"));
    if (names.isEmpty() == !all)
        return fail(ctx, QStringLiteral("name the datastores to export, or give --all"),
                    kExportUsage, Usage);
    QList<Datastore> chosen;
    if (all) {
        chosen = ctx.catalog->datastores();
    } else {
        for (const QString &name : names) {
            const auto d = datastoreNamed(*ctx.catalog, name);
            if (!d)
                return fail(ctx, QStringLiteral("no datastore named %1").arg(quoted(name)),
                            QStringLiteral("see 'assay datastores list'"));
            chosen << *d;
        }
    }
    QList<DatastoreDefinition> definitions;
    QStringList exported;
    for (const Datastore &d : std::as_const(chosen)) {
        definitions << definition::fromCatalog(*ctx.catalog, d);
        exported << d.name;
    }
    for (const DatastoreDefinition &d : std::as_const(definitions))
        if (!d.enrichmentDatastore.isEmpty() && !exported.contains(d.enrichmentDatastore))
            *ctx.err << QStringLiteral("assay: warning: %1 is linked to the enrichment datastore "
                                       "%2, which is not in this export; the import needs it "
                                       "in its catalog\n")
                            .arg(quoted(d.name), quoted(d.enrichmentDatastore));
    const QByteArray json = definition::serialize(definitions, all || names.size() > 1);
    if (!p.isSet(QStringLiteral("output"))) {
        ctx.out->flush();
        *ctx.out << QString::fromUtf8(json);
        ctx.out->flush();
        return Success;
    }
    const QString path = p.value(QStringLiteral("output"));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() || !file.commit())
        return fail(ctx, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    *ctx.out << QStringLiteral("Exported %1 datastore definition%2 to %3.\n")
                    .arg(definitions.size())
                    .arg(definitions.size() == 1 ? QString() : QStringLiteral("s"), path);
    const QStringList keys = definition::referencedSecretKeys(definitions);
    if (!keys.isEmpty())
        *ctx.out << QStringLiteral("Secrets are not exported. To import, give the values of %1 "
                                   "with --secrets-file (KEY=VALUE lines).\n")
                        .arg(keys.join(QStringLiteral(", ")));
    ctx.out->flush();
    return Success;
}

int runImportDatastores(Context &ctx)
{
    QCommandLineParser p;
    p.addOptions({
        {QStringLiteral("secrets-file"),
         QStringLiteral("KEY=VALUE lines giving the values of the file's ${KEY} references."),
         QStringLiteral("FILE")},
        {QStringLiteral("password-stdin"),
         QStringLiteral("Read the one secret the file references from standard input.")},
        {QStringLiteral("dry-run"), QStringLiteral("Check and show what would happen; change "
                                                   "nothing.")},
        {QStringLiteral("no-sync"), QStringLiteral("Do not sync, whatever trigger_catalog says.")},
        {QStringLiteral("json"), QStringLiteral("Print JSON.")},
    });
    p.addPositionalArgument(QStringLiteral("file"), QStringLiteral("The definitions (JSON)."));
    if (!parse(ctx, p, kImportUsage))
        return ctx.helpShown ? Success : Usage;
    if (p.positionalArguments().size() != 1)
        return fail(ctx, QStringLiteral("name one file to import"), kImportUsage, Usage);
    if (p.isSet(QStringLiteral("secrets-file")) && p.isSet(QStringLiteral("password-stdin")))
        return fail(ctx,
                    QStringLiteral("give secrets one way only: --secrets-file or "
                                   "--password-stdin"),
                    QString(), Usage);
    const bool dryRun = p.isSet(QStringLiteral("dry-run"));
    const bool json = p.isSet(QStringLiteral("json"));

    const QString path = p.positionalArguments().constFirst();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ctx, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    const ParsedDefinitions parsed = definition::parse(file.readAll());
    if (!parsed.ok()) {
        for (int i = 0; i + 1 < parsed.errors.size(); ++i)
            *ctx.err << "assay: " << path << ": " << parsed.errors.at(i) << "\n";
        return fail(ctx, QStringLiteral("%1: %2").arg(path, parsed.errors.last()),
                    QStringLiteral("nothing was imported; correct the file and try again"));
    }

    QHash<QString, QString> values;
    if (p.isSet(QStringLiteral("secrets-file"))) {
        const QString secretsPath = p.value(QStringLiteral("secrets-file"));
        QFile secrets(secretsPath);
        if (!secrets.open(QIODevice::ReadOnly))
            return fail(ctx, QStringLiteral("cannot read the secrets file %1: %2")
                                 .arg(secretsPath, secrets.errorString()));
        QStringList errors;
        values = definition::parseSecrets(secrets.readAll(), &errors);
        if (!errors.isEmpty())
            return fail(
                ctx, QStringLiteral("%1: %2").arg(secretsPath, errors.join(QStringLiteral("; "))));
    }
    QString stdinValue;
    if (p.isSet(QStringLiteral("password-stdin")) && !readStdin(&stdinValue))
        return fail(ctx, QStringLiteral("cannot read the secret from standard input"));

    Plan plan = makePlan(*ctx.catalog, parsed);
    plan.warnings = parsed.warnings + plan.warnings;
    resolveSecrets(plan, parsed.definitions, values,
                   p.isSet(QStringLiteral("password-stdin")) ? &stdinValue : nullptr);
    if (!plan.errors.isEmpty()) {
        for (int i = 0; i + 1 < plan.errors.size(); ++i)
            *ctx.err << "assay: " << plan.errors.at(i) << "\n";
        return fail(ctx, plan.errors.last(), QStringLiteral("nothing was imported"));
    }
    QString error;
    if (!dryRun && !execute(ctx, plan, &error))
        return fail(ctx, error);
    if (!dryRun && !p.isSet(QStringLiteral("no-sync"))) {
        for (PlannedDatastore &item : plan.items) {
            if (item.skip || item.def.enrichOnly || !item.def.triggerCatalog)
                continue;
            QString syncError;
            item.syncOperationId = queueSync(ctx, item.id, QJsonObject(), &syncError);
            if (!item.syncOperationId)
                plan.warnings << QStringLiteral("%1 was imported, but its sync could not start: "
                                                "%2")
                                     .arg(quoted(item.def.name), syncError);
        }
    }

    for (const QString &warning : std::as_const(plan.warnings))
        *ctx.err << "assay: warning: " << warning << "\n";
    ctx.err->flush();
    int createdCount = 0;
    int skippedCount = 0;
    for (const PlannedDatastore &item : std::as_const(plan.items))
        (item.skip ? skippedCount : createdCount) += 1;
    if (json) {
        QJsonArray connections;
        for (auto it = plan.connections.cbegin(); it != plan.connections.cend(); ++it) {
            if (!it->used)
                continue;
            QJsonObject c{{QStringLiteral("name"), it.key()},
                          {QStringLiteral("action"),
                           it->existingId
                               ? (dryRun ? QStringLiteral("reuse") : QStringLiteral("reused"))
                               : (dryRun ? QStringLiteral("create") : QStringLiteral("created"))}};
            if (it->existingId || it->connection.id)
                c.insert(QStringLiteral("id"), it->existingId ? it->existingId : it->connection.id);
            c.insert(QStringLiteral("secrets_in_keychain"),
                     QJsonArray::fromStringList(it->secrets.keys()));
            connections << c;
        }
        QJsonArray datastores;
        for (const PlannedDatastore &item : std::as_const(plan.items))
            datastores << itemJson(item, dryRun);
        printJson(ctx, QJsonObject{{QStringLiteral("dry_run"), dryRun},
                                   {QStringLiteral("connections"), connections},
                                   {QStringLiteral("datastores"), datastores},
                                   {QStringLiteral("created"), dryRun ? 0 : createdCount},
                                   {QStringLiteral("skipped"), skippedCount},
                                   {QStringLiteral("warnings"),
                                    QJsonArray::fromStringList(plan.warnings)}});
        return Success;
    }
    const QString would = dryRun ? QStringLiteral("Would create") : QStringLiteral("Created");
    for (auto it = plan.connections.cbegin(); it != plan.connections.cend(); ++it) {
        if (!it->used)
            continue;
        if (it->existingId) {
            *ctx.out << QStringLiteral("Reusing connection %1.\n").arg(quoted(it.key()));
            continue;
        }
        QStringList fields = it->secrets.keys();
        fields.sort();
        const ConnectorSpec *spec = connectors::find(it->connection.type);
        *ctx.out << QStringLiteral("%1 connection %2 (%3)%4.\n")
                        .arg(would, quoted(it.key()),
                             spec ? spec->displayName : it->connection.type,
                             fields.isEmpty() ? QString()
                                              : QStringLiteral("; its %1 %2 in the keychain")
                                                    .arg(fields.join(QStringLiteral(", ")),
                                                         dryRun ? QStringLiteral("would go")
                                                                : QStringLiteral("are")));
    }
    for (const PlannedDatastore &item : std::as_const(plan.items)) {
        if (item.skip) {
            *ctx.out << QStringLiteral("Skipped datastore %1: %2.\n")
                            .arg(quoted(item.def.name), item.reason);
            continue;
        }
        QString more;
        if (!item.def.enrichmentDatastore.isEmpty())
            more += QStringLiteral(", linked to %1%2")
                        .arg(quoted(item.def.enrichmentDatastore),
                             item.linkedPrefix.isEmpty()
                                 ? QString()
                                 : QStringLiteral(" with prefix %1").arg(item.linkedPrefix));
        if (item.syncOperationId)
            more += QStringLiteral("; sync queued as operation %1").arg(item.syncOperationId);
        *ctx.out << QStringLiteral("%1 %2datastore %3%4.\n")
                        .arg(would, item.def.enrichOnly ? QStringLiteral("enrichment ") : QString(),
                             quoted(item.def.name), more);
    }
    *ctx.out << (dryRun ? QStringLiteral("Dry run: %1 to import, %2 to skip; nothing was "
                                         "changed.\n")
                        : QStringLiteral("Imported %1 datastore(s), skipped %2.\n"))
                    .arg(createdCount)
                    .arg(skippedCount);
    ctx.out->flush();
    return Success;
}

} // namespace assay::cli
