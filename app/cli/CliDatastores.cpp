#include "app/cli/CliSupport.h"
#include "app/connectors/ConnectorSpec.h"
#include "app/connectors/DatastoreDefinition.h"

#include <QFileInfo>

namespace assay::cli {

namespace {

const QString kUsage = QStringLiteral(
    "assay datastores create --name NAME --connection-name CONNECTION [--database D]\n"
    "         [--schema S] [--teams T1,T2] [--enrichment-only] [--trigger-sync] [--json]\n"
    "       assay datastores list [--json]\n"
    "       assay datastores show NAME [--json]\n"
    "       assay datastores delete NAME\n"
    "       assay datastores link-enrichment --datastore SOURCE --enrichment ENRICHMENT\n"
    "         --prefix PREFIX [--remediation none|append|overwrite] [--source-record-limit N]\n"
    "         [--rollup-threshold N] [--json]\n"
    "       assay datastores unlink-enrichment --datastore SOURCE [--json]\n"
    "       assay datastores export NAME... | --all [--output FILE]\n"
    "       assay datastores import FILE [--secrets-file FILE | --password-stdin] [--dry-run]\n"
    "         [--no-sync] [--json]");

int create(Context &ctx)
{
    QCommandLineParser p;
    p.addOptions({
        {QStringLiteral("name"), QStringLiteral("Datastore name (unique)."),
         QStringLiteral("NAME")},
        {QStringLiteral("connection-name"), QStringLiteral("The connection to use."),
         QStringLiteral("CONNECTION")},
        {QStringLiteral("database"), QStringLiteral("Database (default: the connection's)."),
         QStringLiteral("DATABASE")},
        {QStringLiteral("schema"), QStringLiteral("Schema (default: public / main / database)."),
         QStringLiteral("SCHEMA")},
        {QStringLiteral("teams"), QStringLiteral("Comma-separated teams (default: Public)."),
         QStringLiteral("TEAMS")},
        {QStringLiteral("enrichment-only"),
         QStringLiteral("Create an enrichment datastore (a target for scan results).")},
        {QStringLiteral("trigger-sync"), QStringLiteral("Sync the datastore after creating it.")},
        {QStringLiteral("json"), QStringLiteral("Print JSON.")},
    });
    if (!parse(ctx, p, kUsage))
        return ctx.helpShown ? Success : Usage;
    const QString name = p.value(QStringLiteral("name")).trimmed();
    if (name.isEmpty())
        return fail(ctx, QStringLiteral("--name is required"), QString(), Usage);
    const QString connectionName = p.value(QStringLiteral("connection-name"));
    if (connectionName.isEmpty())
        return fail(ctx, QStringLiteral("--connection-name is required"),
                    QStringLiteral("create one with 'assay connections create'"), Usage);
    const auto connection = ctx.catalog->connectionByName(connectionName);
    if (!connection)
        return fail(ctx, QStringLiteral("no connection named '%1'").arg(connectionName),
                    QStringLiteral("see 'assay connections list'"));
    const ConnectorSpec *spec = connectors::find(connection->type);
    if (!spec)
        return fail(ctx, QStringLiteral("connection '%1' has an unknown type '%2'")
                             .arg(connectionName, connection->type));

    Datastore d;
    d.name = name;
    d.connectionId = connection->id;
    d.database = p.isSet(QStringLiteral("database")) ? p.value(QStringLiteral("database"))
                                                     : connection->database;
    if (spec->isFileBased() && !d.database.isEmpty())
        d.database = QFileInfo(d.database).absoluteFilePath();
    if (d.database.isEmpty())
        return fail(ctx, QStringLiteral("--database is required (the connection has none)"),
                    QString(), Usage);
    d.schema = p.isSet(QStringLiteral("schema")) ? p.value(QStringLiteral("schema"))
                                                 : definition::defaultSchema(*spec, d.database);
    d.teams = p.value(QStringLiteral("teams")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (QString &team : d.teams)
        team = team.trimmed();
    d.teams.removeAll(QString());
    if (d.teams.isEmpty())
        d.teams << QStringLiteral("Public");
    d.enrichOnly = p.isSet(QStringLiteral("enrichment-only"));
    if (d.enrichOnly && !spec->supportsEnrichment)
        return fail(ctx,
                    QStringLiteral("%1 cannot be an enrichment datastore").arg(spec->displayName));

    const qint64 id = ctx.catalog->addDatastore(d);
    if (!id)
        return fail(ctx, ctx.catalog->lastError());
    const Datastore created = *ctx.catalog->datastore(id);
    if (p.isSet(QStringLiteral("json")))
        printJson(ctx, datastoreJson(*ctx.catalog, created));
    else
        *ctx.out << QStringLiteral("Created %1datastore '%2' on connection '%3'.\n")
                        .arg(d.enrichOnly ? QStringLiteral("enrichment ") : QString(), name,
                             connectionName);
    if (p.isSet(QStringLiteral("trigger-sync"))) {
        QString error;
        const qint64 operationId = queueSync(ctx, id, QJsonObject(), &error);
        if (!operationId)
            return fail(ctx, QStringLiteral("the datastore is saved, but its sync could not "
                                            "start: %1")
                                 .arg(error));
        if (!p.isSet(QStringLiteral("json")))
            *ctx.out << QStringLiteral("Sync queued as operation %1.\n").arg(operationId);
    }
    return Success;
}

int list(Context &ctx)
{
    QCommandLineParser p;
    p.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
    if (!parse(ctx, p, kUsage))
        return ctx.helpShown ? Success : Usage;
    const QList<Datastore> all = ctx.catalog->datastores();
    if (p.isSet(QStringLiteral("json"))) {
        QJsonArray array;
        for (const Datastore &d : all)
            array << datastoreJson(*ctx.catalog, d);
        printJson(ctx, array);
        return Success;
    }
    QList<QStringList> rows;
    for (const Datastore &d : all) {
        const auto connection = ctx.catalog->connection(d.connectionId);
        rows << QStringList{QString::number(d.id),
                            d.name,
                            connection ? connection->type : QString(),
                            d.database,
                            d.schema,
                            d.enrichOnly ? QStringLiteral("enrichment") : QStringLiteral("source"),
                            d.teams.join(QLatin1Char(','))};
    }
    printTable(ctx,
               {QStringLiteral("ID"), QStringLiteral("NAME"), QStringLiteral("TYPE"),
                QStringLiteral("DATABASE"), QStringLiteral("SCHEMA"), QStringLiteral("ROLE"),
                QStringLiteral("TEAMS")},
               rows);
    return Success;
}

int show(Context &ctx)
{
    QCommandLineParser p;
    p.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
    p.addPositionalArgument(QStringLiteral("name"), QStringLiteral("The datastore's name."));
    if (!parse(ctx, p, kUsage))
        return ctx.helpShown ? Success : Usage;
    if (p.positionalArguments().size() != 1)
        return fail(ctx, QStringLiteral("name one datastore to show"), kUsage, Usage);
    const QString name = p.positionalArguments().constFirst();
    const auto d = findDatastore(*ctx.catalog, name);
    if (!d)
        return fail(ctx, QStringLiteral("no datastore named '%1'").arg(name),
                    QStringLiteral("see 'assay datastores list'"));
    const QJsonObject o = datastoreJson(*ctx.catalog, *d);
    if (p.isSet(QStringLiteral("json"))) {
        printJson(ctx, o);
        return Success;
    }
    const QJsonObject c = o.value(QStringLiteral("connection")).toObject();
    QList<QStringList> rows = {
        {QStringLiteral("Name"), d->name},
        {QStringLiteral("Id"), QString::number(d->id)},
        {QStringLiteral("Connection"),
         QStringLiteral("%1 (%2)").arg(c.value(QStringLiteral("name")).toString(),
                                       c.value(QStringLiteral("type")).toString())},
        {QStringLiteral("Database"), d->database},
        {QStringLiteral("Schema"), d->schema},
        {QStringLiteral("Teams"), d->teams.join(QStringLiteral(", "))},
        {QStringLiteral("Enrichment only"),
         d->enrichOnly ? QStringLiteral("yes") : QStringLiteral("no")},
        {QStringLiteral("Enrichment"),
         d->enrichment.isLinked() ? QStringLiteral("%1, prefix %2")
                                        .arg(o.value(QStringLiteral("enrichment_datastore"))
                                                 .toObject()
                                                 .value(QStringLiteral("name"))
                                                 .toString(),
                                             d->enrichment.prefix)
                                  : QStringLiteral("not linked")},
        {QStringLiteral("Containers"), QString::number(ctx.catalog->containers(d->id).size())},
        {QStringLiteral("Created"), o.value(QStringLiteral("created")).toString()},
    };
    if (c.contains(QStringLiteral("host")))
        rows.insert(3, {QStringLiteral("Host"), QStringLiteral("%1:%2")
                                                    .arg(c.value(QStringLiteral("host")).toString())
                                                    .arg(c.value(QStringLiteral("port")).toInt())});
    for (const QStringList &row : rows)
        *ctx.out << (row.at(0) + QLatin1Char(':')).leftJustified(17) << row.at(1) << "\n";
    return Success;
}

int remove(Context &ctx)
{
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("name"), QStringLiteral("The datastore's name."));
    if (!parse(ctx, p, kUsage))
        return ctx.helpShown ? Success : Usage;
    if (p.positionalArguments().size() != 1)
        return fail(ctx, QStringLiteral("name one datastore to delete"), kUsage, Usage);
    const QString name = p.positionalArguments().constFirst();
    const auto d = findDatastore(*ctx.catalog, name);
    if (!d)
        return fail(ctx, QStringLiteral("no datastore named '%1'").arg(name));
    if (!ctx.catalog->removeDatastore(d->id))
        return fail(ctx, ctx.catalog->lastError());
    *ctx.out << QStringLiteral("Deleted datastore '%1' from the catalog (its source data is "
                               "untouched; its connection remains).\n")
                    .arg(name);
    return Success;
}

} // namespace

int runDatastores(Context &ctx)
{
    return dispatch(ctx, QStringLiteral("datastores"), kUsage,
                    {
                        {"create", create},
                        {"list", list},
                        {"show", show},
                        {"delete", remove},
                        {"link-enrichment", runLinkEnrichment},
                        {"unlink-enrichment", runUnlinkEnrichment},
                        {"export", runExportDatastores},
                        {"import", runImportDatastores},
                    });
}

} // namespace assay::cli
