#include "app/cli/CliSupport.h"
#include "app/enrichment/EnrichmentLinker.h"
#include "app/enrichment/Prefix.h"
#include "app/secrets/CredentialStore.h"

#include <QCoreApplication>

namespace assay::cli {

namespace {

// The context of this file's translatable text (as lupdate sees it, too).
struct CliText
{
    Q_DECLARE_TR_FUNCTIONS(assay::cli)
};

const QString kLinkUsage = QStringLiteral(
    "assay datastores link-enrichment --datastore SOURCE --enrichment ENRICHMENT --prefix PREFIX\n"
    "         [--remediation none|append|overwrite] [--source-record-limit N]\n"
    "         [--rollup-threshold N] [--share-prefix] [--json]");
const QString kUnlinkUsage =
    QStringLiteral("assay datastores unlink-enrichment --datastore SOURCE [--json]");

// The linker speaks in sentences; the CLI's one-line reasons start small and end bare.
QString asReason(QString message)
{
    message = message.trimmed();
    if (!message.isEmpty() && message.at(0).isUpper() &&
        (message.size() == 1 || !message.at(1).isUpper()))
        message[0] = message.at(0).toLower();
    if (message.endsWith(QLatin1Char('.')))
        message.chop(1);
    return message;
}

// Reads an integer option; `ok` false (and an error printed) when it is not a whole number.
bool integerOption(Context &ctx, const QCommandLineParser &p, const QString &name, qint64 fallback,
                   qint64 *value, int *exitCode)
{
    if (!p.isSet(name)) {
        *value = fallback;
        return true;
    }
    bool ok = false;
    *value = p.value(name).trimmed().remove(QLatin1Char(',')).toLongLong(&ok);
    if (!ok)
        *exitCode = fail(
            ctx, CliText::tr("--%1 must be a whole number (got '%2')").arg(name, p.value(name)),
            kLinkUsage, Usage);
    return ok;
}

// Best effort, blocking (the CLI has no GUI to keep responsive): the old prefix's tables still in
// the enrichment datastore. Empty with `error` set when they cannot be listed.
QStringList orphanedTables(const Catalog &catalog, qint64 sourceId, qint64 enrichmentId,
                           const QString &oldPrefix, QString *error)
{
    ConnectionSettings settings = EnrichmentLinker::connectionSettings(catalog, enrichmentId);
    if (!settings.connection.secretFields.isEmpty()) {
        CredentialStore store(nullptr, 10000);
        for (const QString &field : std::as_const(settings.connection.secretFields)) {
            const CredentialResult r = store.readAndWait(settings.connection.uuid, field);
            if (!r.ok()) {
                *error = r.message;
                return {};
            }
            settings.secrets.insert(field, r.secret);
        }
    }
    return EnrichmentLinker::findOrphanedTables(
        settings, oldPrefix, EnrichmentLinker::prefixesInUse(catalog, enrichmentId, sourceId),
        error);
}

} // namespace

int runLinkEnrichment(Context &ctx)
{
    QCommandLineParser p;
    p.addOptions({
        {QStringLiteral("datastore"), CliText::tr("The source datastore (name or id)."),
         QStringLiteral("SOURCE")},
        {QStringLiteral("enrichment"),
         CliText::tr("The enrichment datastore to write to (name or id)."),
         QStringLiteral("ENRICHMENT")},
        {QStringLiteral("prefix"),
         CliText::tr("Starts the name of every enrichment table; normalised to _snake_case "
                     "(at most %1 characters).")
             .arg(kMaxPrefixLength),
         QStringLiteral("PREFIX")},
        {QStringLiteral("remediation"),
         CliText::tr("none (default), append or overwrite: how anomalous source records are "
                     "replicated."),
         QStringLiteral("STRATEGY")},
        {QStringLiteral("source-record-limit"),
         CliText::tr("Maximum source examples per anomaly, %1 to %2 (default %3).")
             .arg(kMinSourceRecordLimit)
             .arg(kMaxSourceRecordLimit)
             .arg(kDefaultSourceRecordLimit),
         QStringLiteral("N")},
        {QStringLiteral("rollup-threshold"),
         CliText::tr("Maximum record anomalies per check, %1 to %2 (default %3).")
             .arg(kMinRollupThreshold)
             .arg(kMaxRollupThreshold)
             .arg(kDefaultRollupThreshold),
         QStringLiteral("N")},
        {QStringLiteral("share-prefix"),
         CliText::tr("Link even when another source datastore already writes to the same "
                     "tables (same prefix on the same enrichment datastore).")},
        {QStringLiteral("json"), CliText::tr("Print JSON.")},
    });
    if (!parse(ctx, p, kLinkUsage))
        return ctx.helpShown ? Success : Usage;
    for (const char *required : {"datastore", "enrichment", "prefix"})
        if (!p.isSet(QLatin1String(required)))
            return fail(ctx, CliText::tr("--%1 is required").arg(QLatin1String(required)),
                        kLinkUsage, Usage);
    const auto source = findDatastore(*ctx.catalog, p.value(QStringLiteral("datastore")));
    if (!source)
        return fail(
            ctx, CliText::tr("no datastore named '%1'").arg(p.value(QStringLiteral("datastore"))),
            CliText::tr("see 'assay datastores list'"));
    const auto target = findDatastore(*ctx.catalog, p.value(QStringLiteral("enrichment")));
    if (!target)
        return fail(ctx,
                    CliText::tr("no enrichment datastore named '%1'")
                        .arg(p.value(QStringLiteral("enrichment"))),
                    CliText::tr("create one with 'assay datastores create ... "
                                "--enrichment-only'"));

    EnrichmentSettings settings;
    settings.prefixInput = p.value(QStringLiteral("prefix"));
    // Unset options keep the source's current values (its defaults on a first link).
    settings.remediation = source->enrichment.remediation;
    if (p.isSet(QStringLiteral("remediation"))) {
        const QString text = p.value(QStringLiteral("remediation")).trimmed().toLower();
        if (text != QLatin1String("none") && text != QLatin1String("append") &&
            text != QLatin1String("overwrite"))
            return fail(ctx,
                        CliText::tr("--remediation must be none, append or overwrite (got "
                                    "'%1')")
                            .arg(p.value(QStringLiteral("remediation"))),
                        kLinkUsage, Usage);
        settings.remediation = remediationFromString(text);
    }
    int code = Success;
    if (!integerOption(ctx, p, QStringLiteral("source-record-limit"),
                       source->enrichment.sourceRecordLimit, &settings.sourceRecordLimit, &code) ||
        !integerOption(ctx, p, QStringLiteral("rollup-threshold"),
                       source->enrichment.rollupThreshold, &settings.rollupThreshold, &code))
        return code;

    // Different inputs can normalise to one prefix ("a.b" and "a b"): a prefix another source
    // already writes with on this target is refused before linking unless asked for.
    const QString normalized = normalizeEnrichmentPrefix(settings.prefixInput);
    const QStringList sharing =
        EnrichmentLinker::prefixCollisions(*ctx.catalog, source->id, target->id, normalized);
    if (!sharing.isEmpty() && !p.isSet(QStringLiteral("share-prefix")))
        return fail(ctx,
                    CliText::tr("the prefix '%1' becomes %2, which '%3' already writes with on "
                                "'%4': their enrichment tables would mix")
                        .arg(settings.prefixInput, normalized, sharing.join(QStringLiteral("', '")),
                             target->name),
                    CliText::tr("choose another prefix, or pass --share-prefix to link anyway"));

    const EnrichmentLinkResult result =
        EnrichmentLinker::link(*ctx.catalog, source->id, target->id, settings);
    if (!result.ok)
        return fail(ctx, asReason(result.error));
    for (const QString &warning : result.warnings)
        *ctx.err << "assay: warning: " << asReason(warning) << "\n";
    ctx.err->flush();
    if (!p.isSet(QStringLiteral("json")))
        for (const QString &note : result.notes)
            *ctx.out << note << "\n";

    QStringList orphans;
    QString orphanError;
    if (!result.previousPrefix.isEmpty())
        orphans = orphanedTables(*ctx.catalog, source->id, target->id, result.previousPrefix,
                                 &orphanError);

    const Datastore linked = *ctx.catalog->datastore(source->id);
    if (p.isSet(QStringLiteral("json"))) {
        QJsonObject o = datastoreJson(*ctx.catalog, linked);
        o.insert(QStringLiteral("warnings"), QJsonArray::fromStringList(result.warnings));
        o.insert(QStringLiteral("notes"), QJsonArray::fromStringList(result.notes));
        if (!result.previousPrefix.isEmpty()) {
            o.insert(QStringLiteral("previous_prefix"), result.previousPrefix);
            o.insert(QStringLiteral("orphaned_tables"), QJsonArray::fromStringList(orphans));
        }
        printJson(ctx, o);
        return Success;
    }
    const QString summary =
        result.relinked
            ? CliText::tr("Updated the link of '%1' to enrichment datastore '%2': prefix %3, "
                          "remediation %4, source record limit %5, rollup threshold %6.\n")
            : CliText::tr("Linked '%1' to enrichment datastore '%2' with prefix %3 (remediation "
                          "%4, source record limit %5, rollup threshold %6).\n");
    *ctx.out << summary
                    .arg(linked.name, target->name, result.prefix,
                         remediationToString(linked.enrichment.remediation))
                    .arg(linked.enrichment.sourceRecordLimit)
                    .arg(linked.enrichment.rollupThreshold);
    if (!result.previousPrefix.isEmpty()) {
        *ctx.out << CliText::tr("The prefix changed from %1: new scans write to %2_* tables. "
                                "Assay does not rename or drop the old tables.\n")
                        .arg(result.previousPrefix, result.prefix);
        const QStringList sharing = EnrichmentLinker::prefixCollisions(
            *ctx.catalog, source->id, target->id, result.previousPrefix);
        if (!sharing.isEmpty())
            *ctx.out << CliText::tr("The %1_* tables are not orphaned: '%2' still writes to "
                                    "them.\n")
                            .arg(result.previousPrefix, sharing.join(QStringLiteral("', '")));
        else if (!orphanError.isEmpty())
            *ctx.out << CliText::tr("The old tables could not be listed: %1\n").arg(orphanError);
        else if (orphans.isEmpty())
            *ctx.out << CliText::tr("No tables of %1 were found in '%2'.\n")
                            .arg(result.previousPrefix, target->name);
        else
            *ctx.out << CliText::tr("Orphaned tables in '%1' (drop them with your database "
                                    "tools if you no longer need them): %2\n")
                            .arg(target->name, orphans.join(QStringLiteral(", ")));
    }
    ctx.out->flush();
    return Success;
}

int runUnlinkEnrichment(Context &ctx)
{
    QCommandLineParser p;
    p.addOptions({
        {QStringLiteral("datastore"), CliText::tr("The source datastore (name or id)."),
         QStringLiteral("SOURCE")},
        {QStringLiteral("json"), CliText::tr("Print JSON.")},
    });
    if (!parse(ctx, p, kUnlinkUsage))
        return ctx.helpShown ? Success : Usage;
    if (!p.isSet(QStringLiteral("datastore")))
        return fail(ctx, CliText::tr("--datastore is required"), kUnlinkUsage, Usage);
    const auto source = findDatastore(*ctx.catalog, p.value(QStringLiteral("datastore")));
    if (!source)
        return fail(
            ctx, CliText::tr("no datastore named '%1'").arg(p.value(QStringLiteral("datastore"))),
            CliText::tr("see 'assay datastores list'"));
    const auto before = source->enrichment.isLinked()
                            ? ctx.catalog->datastore(source->enrichment.enrichmentDatastoreId)
                            : Lookup<Datastore>::notFound();
    const EnrichmentLinkResult result = EnrichmentLinker::unlink(*ctx.catalog, source->id);
    if (!result.ok)
        return fail(ctx, asReason(result.error));
    const Datastore unlinked = *ctx.catalog->datastore(source->id);
    if (p.isSet(QStringLiteral("json"))) {
        printJson(ctx, datastoreJson(*ctx.catalog, unlinked));
        return Success;
    }
    *ctx.out << CliText::tr("Unlinked '%1' from enrichment datastore '%2'. Remediation is now "
                            "none; the %3_* tables stay, and linking '%2' again with prefix %3 "
                            "continues them.\n")
                    .arg(unlinked.name, before ? before->name : QStringLiteral("?"),
                         unlinked.enrichment.prefix);
    ctx.out->flush();
    return Success;
}

} // namespace assay::cli
