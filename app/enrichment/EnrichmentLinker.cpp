#include "app/enrichment/EnrichmentLinker.h"

#include "app/connectors/ConnectorSpec.h"
#include "app/enrichment/Prefix.h"
#include "models/catalog/Catalog.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>

Q_LOGGING_CATEGORY(lcLink, "assay.enrichment.link")

namespace assay {

namespace {

QString quoted(const QString &name)
{
    return EnrichmentLinker::tr("“%1”").arg(name);
}

QString quotedList(const QStringList &names)
{
    QStringList out;
    for (const QString &name : names)
        out << quoted(name);
    return out.join(QStringLiteral(", "));
}

EnrichmentLinkResult failure(const QString &message)
{
    EnrichmentLinkResult r;
    r.error = message;
    return r;
}

// The source datastore, or the reason it cannot have an enrichment link.
std::optional<Datastore> sourceDatastore(const Catalog &catalog, qint64 sourceId, QString *error)
{
    const auto source = catalog.datastore(sourceId);
    if (source.failed()) {
        *error = source.error();
        return std::nullopt;
    }
    if (!source) {
        *error =
            EnrichmentLinker::tr("The source datastore (id %1) no longer exists.").arg(sourceId);
        return std::nullopt;
    }
    if (source->enrichOnly) {
        *error = EnrichmentLinker::tr("%1 is an enrichment datastore: only source datastores "
                                      "link to one.")
                     .arg(quoted(source->name));
        return std::nullopt;
    }
    return source.optional();
}

// Makes sure the SQLite file `path` exists: creates it empty (a valid, empty database) when
// missing and its folder exists, with its absolute path in `created`. False with `problem`
// when it cannot be.
bool ensureSqliteFile(const QString &path, QString *created, QString *problem)
{
    const QFileInfo info(path);
    if (path.trimmed().isEmpty()) {
        *problem = EnrichmentLinker::tr("The enrichment datastore has no SQLite file: edit it "
                                        "and give one.");
        return false;
    }
    if (info.exists()) {
        if (info.isFile())
            return true;
        *problem = EnrichmentLinker::tr("%1 is not a file: give the enrichment datastore a "
                                        "SQLite file.")
                       .arg(info.absoluteFilePath());
        return false;
    }
    if (!info.absoluteDir().exists()) {
        *problem = EnrichmentLinker::tr("The folder %1 of the enrichment file does not exist: "
                                        "create it, or give the enrichment datastore a file "
                                        "in an existing folder.")
                       .arg(info.absolutePath());
        return false;
    }
    QFile file(info.absoluteFilePath());
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly)) {
        *problem = EnrichmentLinker::tr("The enrichment file %1 cannot be created: %2")
                       .arg(info.absoluteFilePath(), file.errorString());
        return false;
    }
    *created = info.absoluteFilePath();
    return true;
}

// Normalises and checks the prefix and the limits; the first problem, or empty.
QString validateSettings(const EnrichmentSettings &settings, QString *prefix)
{
    *prefix = normalizeEnrichmentPrefix(settings.prefixInput);
    QString problem = validateEnrichmentPrefix(*prefix);
    if (problem.isEmpty())
        problem = EnrichmentLinker::checkSourceRecordLimit(settings.sourceRecordLimit);
    if (problem.isEmpty())
        problem = EnrichmentLinker::checkRollupThreshold(settings.rollupThreshold);
    return problem;
}

void apply(EnrichmentLink &link, const QString &prefix, const EnrichmentSettings &settings)
{
    link.prefix = prefix;
    link.remediation = settings.remediation;
    link.sourceRecordLimit = settings.sourceRecordLimit;
    link.rollupThreshold = int(settings.rollupThreshold);
}

// Saves `updated` and fills the result; `before` is the datastore as it was.
EnrichmentLinkResult save(Catalog &catalog, const Datastore &before, const Datastore &updated,
                          QStringList warnings)
{
    if (updated != before && !catalog.updateDatastore(updated))
        return failure(
            EnrichmentLinker::tr("The change could not be saved: %1").arg(catalog.lastError()));
    EnrichmentLinkResult r;
    r.ok = true;
    r.warnings = warnings;
    r.prefix = updated.enrichment.prefix;
    r.enrichmentDatastoreId = updated.enrichment.enrichmentDatastoreId;
    if (!before.enrichment.prefix.isEmpty() && before.enrichment.prefix != r.prefix)
        r.previousPrefix = before.enrichment.prefix;
    return r;
}

} // namespace

EnrichmentLinkResult EnrichmentLinker::link(Catalog &catalog, qint64 sourceId, qint64 enrichmentId,
                                            const QString &prefixInput,
                                            RemediationStrategy remediation,
                                            qint64 sourceRecordLimit, qint64 rollupThreshold)
{
    EnrichmentSettings settings;
    settings.prefixInput = prefixInput;
    settings.remediation = remediation;
    settings.sourceRecordLimit = sourceRecordLimit;
    settings.rollupThreshold = rollupThreshold;
    return link(catalog, sourceId, enrichmentId, settings);
}

EnrichmentLinkResult EnrichmentLinker::link(Catalog &catalog, qint64 sourceId, qint64 enrichmentId,
                                            const EnrichmentSettings &settings)
{
    QString error;
    const auto source = sourceDatastore(catalog, sourceId, &error);
    if (!source)
        return failure(error);
    const auto target = catalog.datastore(enrichmentId);
    if (!target)
        return failure(tr("There is no enrichment datastore with id %1.").arg(enrichmentId));
    if (!target->enrichOnly)
        return failure(tr("%1 is a source datastore, not an enrichment datastore. Pick a "
                          "datastore created as enrichment-only.")
                           .arg(quoted(target->name)));
    const auto connection = catalog.connection(target->connectionId);
    const ConnectorSpec *spec = connection ? connectors::find(connection->type) : nullptr;
    if (!spec)
        return failure(tr("The connection of %1 no longer exists or has an unknown connector.")
                           .arg(quoted(target->name)));
    if (!spec->supportsEnrichment)
        return failure(tr("%1 uses the %2 connector, which cannot be an enrichment target.")
                           .arg(quoted(target->name), spec->displayName));
    // A SQLite target whose file does not exist yet would be created by the first scan in
    // whatever folder that is; make it now, saying so, or refuse with the reason.
    QString createdFile;
    if (spec->isFileBased()) {
        const QString file = target->database.isEmpty() ? connection->database : target->database;
        QString problem;
        if (!ensureSqliteFile(file, &createdFile, &problem))
            return failure(problem);
    }

    const EnrichmentLink &current = source->enrichment;
    if (current.isLinked() && current.enrichmentDatastoreId != enrichmentId) {
        const auto linked = catalog.datastore(current.enrichmentDatastoreId);
        const QString linkedName =
            linked ? linked->name : tr("datastore %1").arg(current.enrichmentDatastoreId);
        return failure(tr("%1 already writes to the enrichment datastore %2. Unlink %2 first; "
                          "enrichment datastores cannot be swapped directly.")
                           .arg(quoted(source->name), quoted(linkedName)));
    }

    QString prefix;
    const QString problem = validateSettings(settings, &prefix);
    if (!problem.isEmpty())
        return failure(problem);

    QStringList warnings;
    const QString collision = collisionWarning(catalog, sourceId, enrichmentId, prefix);
    if (!collision.isEmpty())
        warnings << collision;

    Datastore updated = *source;
    updated.enrichment.enrichmentDatastoreId = enrichmentId;
    apply(updated.enrichment, prefix, settings);
    EnrichmentLinkResult r = save(catalog, *source, updated, warnings);
    r.relinked = r.ok && current.enrichmentDatastoreId == enrichmentId;
    if (r.ok && !createdFile.isEmpty())
        r.notes << tr("Created the SQLite file %1 for the enrichment tables.").arg(createdFile);
    if (r.ok)
        qCInfo(lcLink) << "linked" << source->name << "to" << target->name << "prefix" << prefix;
    return r;
}

EnrichmentLinkResult EnrichmentLinker::updateSettings(Catalog &catalog, qint64 sourceId,
                                                      const EnrichmentSettings &settings)
{
    QString error;
    const auto source = sourceDatastore(catalog, sourceId, &error);
    if (!source)
        return failure(error);
    QString prefix;
    const QString problem = validateSettings(settings, &prefix);
    if (!problem.isEmpty())
        return failure(problem);
    const qint64 enrichmentId = source->enrichment.enrichmentDatastoreId;
    if (enrichmentId == 0 && settings.remediation != RemediationStrategy::None)
        return failure(tr("The remediation strategy %1 needs a linked enrichment datastore: "
                          "link one, or keep None.")
                           .arg(remediationToString(settings.remediation)));
    QStringList warnings;
    if (enrichmentId != 0) {
        const QString collision = collisionWarning(catalog, sourceId, enrichmentId, prefix);
        if (!collision.isEmpty())
            warnings << collision;
    }
    Datastore updated = *source;
    apply(updated.enrichment, prefix, settings);
    EnrichmentLinkResult r = save(catalog, *source, updated, warnings);
    r.relinked = r.ok && enrichmentId != 0;
    return r;
}

EnrichmentLinkResult EnrichmentLinker::unlink(Catalog &catalog, qint64 sourceId)
{
    QString error;
    const auto source = sourceDatastore(catalog, sourceId, &error);
    if (!source)
        return failure(error);
    if (!source->enrichment.isLinked())
        return failure(
            tr("%1 is not linked to an enrichment datastore.").arg(quoted(source->name)));
    const QStringList schedules = blockingSchedules(catalog, sourceId, &error);
    if (!error.isEmpty())
        return failure(
            tr("The schedules of %1 could not be checked: %2").arg(quoted(source->name), error));
    if (!schedules.isEmpty())
        return failure(tr("%1 cannot be unlinked while schedules export or materialize its data "
                          "(%2). Remove those schedules first, then unlink.")
                           .arg(quoted(source->name), quotedList(schedules)));
    Datastore updated = *source;
    updated.enrichment.enrichmentDatastoreId = 0;
    updated.enrichment.remediation = RemediationStrategy::None;
    EnrichmentLinkResult r = save(catalog, *source, updated, {});
    if (!r.ok)
        return r;
    qCInfo(lcLink) << "unlinked" << source->name;
    // Results the unlinked target never received are not sent to the next one linked.
    if (const int dropped = catalog.discardPendingEnrichmentWrites(sourceId))
        r.warnings << tr("The results of %n container scan(s) that had not reached the "
                         "enrichment datastore yet will not be written there.",
                         nullptr, dropped);
    return r;
}

QString EnrichmentLinker::checkSourceRecordLimit(qint64 limit)
{
    if (limit >= kMinSourceRecordLimit && limit <= kMaxSourceRecordLimit)
        return QString();
    const QLocale locale;
    return tr("The maximum source examples per anomaly must be from %1 to %2 (it is %3).")
        .arg(locale.toString(kMinSourceRecordLimit), locale.toString(kMaxSourceRecordLimit),
             locale.toString(limit));
}

QString EnrichmentLinker::checkRollupThreshold(qint64 threshold)
{
    if (threshold >= kMinRollupThreshold && threshold <= kMaxRollupThreshold)
        return QString();
    const QLocale locale;
    return tr("The maximum record anomalies per check must be from %1 to %2 (it is %3).")
        .arg(locale.toString(kMinRollupThreshold), locale.toString(kMaxRollupThreshold),
             locale.toString(threshold));
}

QStringList EnrichmentLinker::prefixCollisions(const Catalog &catalog, qint64 sourceId,
                                               qint64 enrichmentId, const QString &normalizedPrefix)
{
    QStringList names;
    if (enrichmentId == 0 || normalizedPrefix.isEmpty())
        return names;
    for (const Datastore &d : catalog.datastores())
        if (d.id != sourceId && !d.enrichOnly &&
            d.enrichment.enrichmentDatastoreId == enrichmentId &&
            d.enrichment.prefix.compare(normalizedPrefix, Qt::CaseInsensitive) == 0)
            names << d.name;
    return names;
}

QString EnrichmentLinker::collisionWarning(const Catalog &catalog, qint64 sourceId,
                                           qint64 enrichmentId, const QString &normalizedPrefix)
{
    const QStringList names = prefixCollisions(catalog, sourceId, enrichmentId, normalizedPrefix);
    if (names.isEmpty())
        return QString();
    const auto target = catalog.datastore(enrichmentId);
    const QString targetName = quoted(target ? target->name : QString::number(enrichmentId));
    if (names.size() == 1)
        return tr("%1 already uses the prefix %2 on %3: their enrichment tables would mix or "
                  "overwrite each other. Give each source datastore a prefix of its own.")
            .arg(quoted(names.first()), normalizedPrefix, targetName);
    return tr("%1 already use the prefix %2 on %3: their enrichment tables would mix or "
              "overwrite each other. Give each source datastore a prefix of its own.")
        .arg(quotedList(names), normalizedPrefix, targetName);
}

QStringList EnrichmentLinker::prefixesInUse(const Catalog &catalog, qint64 enrichmentId,
                                            qint64 exceptSourceId)
{
    QStringList prefixes;
    for (const Datastore &d : catalog.datastores())
        if (d.id != exceptSourceId && d.enrichment.enrichmentDatastoreId == enrichmentId &&
            enrichmentId != 0 && !d.enrichment.prefix.isEmpty() &&
            !prefixes.contains(d.enrichment.prefix))
            prefixes << d.enrichment.prefix;
    return prefixes;
}

QStringList EnrichmentLinker::blockingSchedules(const Catalog &catalog, qint64 sourceId,
                                                QString *error)
{
    QStringList names;
    QSqlQuery q(catalog.database());
    q.prepare(QStringLiteral("SELECT name FROM schedules WHERE datastore_id = ?"
                             " AND operation_type IN ('export', 'materialize') ORDER BY name"));
    q.addBindValue(sourceId);
    if (!q.exec()) {
        if (error)
            *error = q.lastError().text();
        return names;
    }
    while (q.next())
        names << q.value(0).toString();
    return names;
}

ConnectionSettings EnrichmentLinker::connectionSettings(const Catalog &catalog, qint64 datastoreId)
{
    ConnectionSettings settings;
    const auto datastore = catalog.datastore(datastoreId);
    if (!datastore)
        return settings;
    if (const auto connection = catalog.connection(datastore->connectionId))
        settings.connection = *connection;
    settings.database = datastore->database;
    settings.schema = datastore->schema;
    return settings;
}

QStringList EnrichmentLinker::findOrphanedTables(const ConnectionSettings &enrichmentSettings,
                                                 const QString &oldPrefix,
                                                 const QStringList &keepPrefixes, QString *error)
{
    QStringList orphans;
    if (oldPrefix.isEmpty())
        return orphans;
    for (const QString &keep : keepPrefixes)
        if (keep.compare(oldPrefix, Qt::CaseInsensitive) == 0)
            return orphans; // another source datastore still writes to these tables

    SourceSession session(enrichmentSettings);
    if (!session.open()) {
        if (error)
            *error = session.diagnosis().message();
        return orphans;
    }
    const ConnectorSpec *spec = session.spec();
    const QString schema = enrichmentSettings.schema;
    const bool postgres = spec && spec->dialect == QLatin1String("postgresql");
    const QString ownPrefix = oldPrefix + QLatin1Char('_');
    const QStringList tables = session.database().tables(QSql::Tables);
    for (const QString &qualified : tables) {
        // Drivers list other schemas' tables as schema.table (PostgreSQL outside public).
        QString name = qualified;
        const int dot = qualified.lastIndexOf(QLatin1Char('.'));
        if (dot > 0) {
            if (!schema.isEmpty() && qualified.left(dot).compare(schema, Qt::CaseInsensitive) != 0)
                continue;
            name = qualified.mid(dot + 1);
        } else if (postgres && !schema.isEmpty() && schema != QLatin1String("public")) {
            continue;
        }
        if (!name.startsWith(ownPrefix, Qt::CaseInsensitive))
            continue;
        // A longer prefix in use claims its own tables (_sales vs _sales_eu).
        bool claimed = false;
        for (const QString &keep : keepPrefixes)
            if (keep.size() > oldPrefix.size() &&
                name.startsWith(keep + QLatin1Char('_'), Qt::CaseInsensitive))
                claimed = true;
        if (!claimed)
            orphans << name;
    }
    orphans.sort(Qt::CaseInsensitive);
    return orphans;
}

} // namespace assay
