#include "app/engine/sync/SyncOperation.h"

#include "app/connectors/ConnectorSpec.h"
#include "app/connectors/FolderDiscovery.h"
#include "app/engine/OperationRequest.h"
#include "app/engine/sync/Identifiers.h"
#include "models/catalog/Catalog.h"
#include "models/catalog/CatalogBatch.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace assay {

namespace {

// The context of this file's translatable text (as lupdate sees it, too).
struct SyncOperationText
{
    Q_DECLARE_TR_FUNCTIONS(assay::SyncOperation)
};

constexpr int kBatchContainers = 1000; // containers per transaction: bounded, cancellable
constexpr int kNamesKept = 500;        // names listed per change kind in the result
const QString kSourceSettings = QStringLiteral("source");

const char *const kCounters[] = {
    "containers_added",    "containers_changed", "containers_removed",
    "containers_restored", "containers_missing", "fields_added",
    "fields_changed",      "fields_removed",     "partitions_archived"};

// A discovered field as the Catalog keeps it.
Field fieldOf(qint64 containerId, const DiscoveredField &df)
{
    Field f;
    f.containerId = containerId;
    f.name = df.name;
    f.ordinal = df.ordinal;
    f.declaredType = df.declaredType;
    f.baseType = df.baseType;
    f.collation = df.collation;
    f.sourceName = df.sourceName;
    f.nullable = df.nullable;
    return f;
}

// Whether the source describes a known field differently now.
bool differs(const Field &f, const DiscoveredField &df)
{
    return f.declaredType != df.declaredType || f.nullable != df.nullable ||
           f.baseType != df.baseType || f.collation != df.collation ||
           f.sourceName != df.sourceName;
}

// Whether `known` is what Sync recorded from a read that gave `digest` and `ids`.
bool unchanged(const Container &known, const QString &digest, const ContainerIdentifiers &ids)
{
    return !known.removed && !known.sourceDigest.isEmpty() && known.sourceDigest == digest &&
           (known.identifiersOverridden || (known.incrementalStrategy == ids.incrementalStrategy &&
                                            known.incrementalField == ids.incrementalField &&
                                            known.partitionField == ids.partitionField));
}

// More containers to compare than this and their fields are read in one catalog query rather
// than one query each.
constexpr int kFieldsReadOneByOne = 200;

} // namespace

SyncOptions SyncOptions::fromJson(const QJsonObject &o)
{
    SyncOptions options;
    options.prune = o.value(QStringLiteral("prune")).toBool(false);
    options.recreate = o.value(QStringLiteral("recreate")).toBool(false);
    if (o.contains(QStringLiteral("include"))) {
        const QJsonArray include = o.value(QStringLiteral("include")).toArray();
        options.includeTables = include.contains(QStringLiteral("table"));
        options.includeViews = include.contains(QStringLiteral("view"));
    }
    options.includePartitions = o.value(QStringLiteral("include_partitions")).toBool(false);
    return options;
}

QJsonObject SyncOptions::toJson() const
{
    QJsonArray include;
    if (includeTables)
        include << QStringLiteral("table");
    if (includeViews)
        include << QStringLiteral("view");
    return {{QStringLiteral("prune"), prune},
            {QStringLiteral("recreate"), recreate},
            {QStringLiteral("include"), include},
            {QStringLiteral("include_partitions"), includePartitions}};
}

SyncApplier::SyncApplier(Catalog &catalog, qint64 datastoreId, SyncOptions options)
    : m_catalog(catalog), m_datastoreId(datastoreId), m_options(options)
{
    for (const char *counter : kCounters)
        m_summary.counters.insert(QLatin1String(counter), 0);
}

void SyncApplier::note(const char *counter, const QString &name)
{
    const QString key = QLatin1String(counter);
    m_summary.counters.insert(key, m_summary.counters.value(key).toInt() + 1);
    QJsonArray names = m_summary.result.value(key).toArray();
    if (names.size() < kNamesKept) {
        names.append(name);
        m_summary.result.insert(key, names);
    }
}

bool SyncApplier::apply(const QVector<DiscoveredContainer> &discovered,
                        const std::function<bool()> &cancelled,
                        const std::function<void(double)> &progress, const QStringList &partitions)
{
    QHash<QString, Container> known;
    for (const Container &c : m_catalog.containers(m_datastoreId))
        known.insert(c.name, c);
    // A container read as Sync last recorded it (same digest, identifiers as detected or the
    // user's own) is not compared field by field: a re-sync that changes nothing costs one
    // read of the containers. The fields of the others are read only when compared.
    QList<QString> digests;
    QList<ContainerIdentifiers> identifiers;
    int toCompare = 0;
    for (const DiscoveredContainer &d : discovered) {
        digests << containerDigest(d);
        identifiers << detectIdentifiers(d);
        const auto it = known.constFind(d.name);
        if (it != known.constEnd() && !d.fieldsOmitted &&
            !unchanged(*it, digests.last(), identifiers.last()))
            ++toCompare;
    }
    QHash<qint64, QList<Field>> knownFields;
    if (toCompare > kFieldsReadOneByOne)
        knownFields = m_catalog.fieldsOfDatastore(m_datastoreId);
    const auto fieldsOf = [&](qint64 containerId) {
        return toCompare > kFieldsReadOneByOne ? knownFields.value(containerId)
                                               : m_catalog.fields(containerId);
    };

    QSet<QString> seen;
    std::unique_ptr<CatalogBatch> batch;
    int inBatch = 0;
    auto commit = [&]() -> bool {
        if (batch && !batch->commit()) {
            m_error = batch->lastError();
            return false;
        }
        batch.reset();
        inBatch = 0;
        return true;
    };
    auto writer = [&]() -> CatalogBatch & {
        if (!batch)
            batch = std::make_unique<CatalogBatch>(m_catalog);
        ++inBatch;
        return *batch;
    };

    const int total = int(discovered.size()) + 1;
    for (int i = 0; i < discovered.size(); ++i) {
        const DiscoveredContainer &d = discovered.at(i);
        seen.insert(d.name);
        if (inBatch >= kBatchContainers) {
            if (!commit())
                return false;
            progress(double(i) / total);
            if (cancelled())
                return true;
        }
        const ContainerIdentifiers &ids = identifiers.at(i);
        auto it = known.find(d.name);
        if (it == known.end()) {
            Container c;
            c.datastoreId = m_datastoreId;
            c.name = d.name;
            c.containerType = d.containerType;
            c.incrementalStrategy = ids.incrementalStrategy;
            c.incrementalField = ids.incrementalField;
            c.partitionField = ids.partitionField;
            c.sourceDigest = digests.at(i);
            if (!d.settings.isEmpty())
                c.settings.insert(kSourceSettings, d.settings);
            CatalogBatch &w = writer();
            c.id = w.insertContainer(c);
            if (!c.id)
                return m_error = w.lastError(), false;
            for (const DiscoveredField &df : d.fields) {
                if (!w.insertField(fieldOf(c.id, df)))
                    return m_error = w.lastError(), false;
                note("fields_added", d.name + QLatin1Char('.') + df.name);
            }
            note("containers_added", d.name);
            continue;
        }

        Container c = *it;
        if (c.removed && !m_options.recreate)
            continue; // removed in Assay; it exists again, but recreate is off
        // Fields not even read (the source digested them as the catalog holds them), or read
        // and found as recorded.
        if (d.fieldsOmitted || unchanged(c, digests.at(i), ids))
            continue;
        const bool restoring = c.removed;
        bool changed = false;
        // Sync owns only settings["source"] (files, format); the rest is the user's.
        if (c.containerType != d.containerType ||
            c.settings.value(kSourceSettings).toObject() != d.settings) {
            c.containerType = d.containerType;
            if (d.settings.isEmpty())
                c.settings.remove(kSourceSettings);
            else
                c.settings.insert(kSourceSettings, d.settings);
            changed = true;
        }
        if (!c.identifiersOverridden && (c.incrementalStrategy != ids.incrementalStrategy ||
                                         c.incrementalField != ids.incrementalField ||
                                         c.partitionField != ids.partitionField)) {
            c.incrementalStrategy = ids.incrementalStrategy;
            c.incrementalField = ids.incrementalField;
            c.partitionField = ids.partitionField;
            changed = true;
        }
        c.removed = false;

        // Fields: added, changed (type, nullability), removed, restored.
        QHash<QString, Field> fieldsByName;
        for (const Field &f : fieldsOf(c.id))
            fieldsByName.insert(f.name, f);
        QSet<QString> fieldSeen;
        for (const DiscoveredField &df : d.fields) {
            fieldSeen.insert(df.name);
            const QString qualified = d.name + QLatin1Char('.') + df.name;
            auto f = fieldsByName.find(df.name);
            if (f == fieldsByName.end()) {
                CatalogBatch &w = writer();
                if (!w.insertField(fieldOf(c.id, df)))
                    return m_error = w.lastError(), false;
                note("fields_added", qualified);
                changed = true;
                continue;
            }
            const bool typeChanged = differs(*f, df);
            if (!typeChanged && f->ordinal == df.ordinal && !f->removed)
                continue;
            if (f->removed)
                note("fields_added", qualified);
            else if (typeChanged)
                note("fields_changed", qualified);
            const qint64 id = f->id;
            *f = fieldOf(c.id, df);
            f->id = id;
            CatalogBatch &w = writer();
            if (!w.updateField(*f))
                return m_error = w.lastError(), false;
            changed = true;
        }
        for (Field &f : fieldsByName) {
            if (f.removed || fieldSeen.contains(f.name))
                continue;
            f.removed = true;
            CatalogBatch &w = writer();
            if (!w.updateField(f))
                return m_error = w.lastError(), false;
            note("fields_removed", d.name + QLatin1Char('.') + f.name);
            changed = true;
        }
        // A container compared only because no digest was recorded yet (a catalog from before
        // digests) gets one, without counting as changed.
        const bool digestOnly = c.sourceDigest != digests.at(i) && !changed && !restoring;
        c.sourceDigest = digests.at(i);
        if (changed || restoring || digestOnly) {
            CatalogBatch &w = writer();
            if (!w.updateContainer(c))
                return m_error = w.lastError(), false;
            if (!digestOnly)
                note(restoring ? "containers_restored" : "containers_changed", d.name);
        }
    }

    // What the Catalog knows but the source no longer has (only kinds this sync looked at).
    const QSet<QString> folded(partitions.begin(), partitions.end());
    for (Container &c : known) {
        if (c.removed || seen.contains(c.name))
            continue;
        if (folded.contains(c.name)) {
            // A partition an earlier version listed as a container of its own: its table now
            // covers its rows. Archived (removed, history kept), never deleted.
            c.removed = true;
            CatalogBatch &w = writer();
            if (!w.updateContainer(c))
                return m_error = w.lastError(), false;
            note("partitions_archived", c.name);
            continue;
        }
        const bool looked = (c.containerType == QLatin1String("view") && m_options.includeViews) ||
                            (c.containerType != QLatin1String("view") && m_options.includeTables);
        if (!looked)
            continue;
        if (!m_options.prune) {
            note("containers_missing", c.name);
            continue;
        }
        c.removed = true;
        CatalogBatch &w = writer();
        if (!w.updateContainer(c))
            return m_error = w.lastError(), false;
        note("containers_removed", c.name);
    }
    if (!commit())
        return false;
    progress(1.0);
    return true;
}

OperationOutcome SyncOperation::run(OperationContext &context)
{
    const SyncOptions options = SyncOptions::fromJson(context.operation().options);
    // Record the effective options, defaults included, as the API shows them; keep any other
    // keys (a schedule's catch_up mark...).
    const QJsonObject effective = options.toJson();
    for (auto it = effective.begin(); it != effective.end(); ++it)
        context.operation().options.insert(it.key(), it.value());
    const ConnectorSpec *spec = connectors::find(context.sourceSettings().connection.type);
    if (!spec)
        return {operation_status::kFailure, SyncOperationText::tr("Unknown connector type.")};

    DiscoveredSchema schema;
    QVector<DiscoveredContainer> &discovered = schema.containers;
    QString error;
    context.progress(0.02, SyncOperationText::tr("Connecting"));
    if (spec->kind == ConnectorKind::Dfs) {
        context.progress(0.05, SyncOperationText::tr("Reading the folder"));
        FolderSyncNotes notes;
        notes.cancelled = [&] { return context.isCancelled(); };
        notes.progress = [&](double f) {
            context.progress(0.05 + 0.25 * f, SyncOperationText::tr("Reading the folder's files"));
        };
        if (!discoverFolder(context.sourceSettings().effectiveDatabase(), &discovered, &error,
                            &notes))
            return {operation_status::kFailure, error};
        for (const QString &warning : std::as_const(notes.warnings))
            context.warning(warning);
    } else {
        auto session = context.openSource();
        if (!session->diagnosis().ok()) {
            const QString message = session->diagnosis().message();
            context.error(message);
            context.closeSource(session);
            return {operation_status::kFailure, message};
        }
        DiscoveryOptions discovery;
        discovery.schema = context.datastore().schema;
        // The containers Sync recorded as it read them: the source may skip listing their
        // columns when they are unchanged.
        for (const Container &c : context.catalog().containers(context.datastore().id))
            if (!c.removed && !c.sourceDigest.isEmpty())
                discovery.knownDigests.insert(c.name, c.sourceDigest);
        discovery.includeTables = options.includeTables;
        discovery.includeViews = options.includeViews;
        discovery.includePartitions = options.includePartitions;
        context.progress(0.05,
                         SyncOperationText::tr("Reading the catalog of %1").arg(discovery.schema));
        const bool ok = discoverSchema(*session, discovery, &schema, &error);
        context.closeSource(session);
        if (!ok) {
            context.error(error);
            return {operation_status::kFailure,
                    SyncOperationText::tr("Cannot read the source's catalog: %1").arg(error)};
        }
    }
    if (context.isCancelled())
        return {operation_status::kAborted, QString()};

    context.progress(0.3, SyncOperationText::tr("Recording %1 containers").arg(discovered.size()));
    SyncApplier applier(context.catalog(), context.datastore().id, options);
    const bool applied = applier.apply(
        discovered, [&] { return context.isCancelled(); },
        [&](double f) {
            context.progress(0.3 + 0.7 * f, SyncOperationText::tr("Recording containers"));
        },
        schema.partitions);
    context.operation().counters = applier.summary().counters;
    QJsonObject result = applier.summary().result;
    result.insert(QStringLiteral("containers_discovered"), int(discovered.size()));
    context.operation().result = result;
    if (!applied) {
        context.error(applier.error());
        return {operation_status::kFailure,
                SyncOperationText::tr("Cannot record the sync: %1").arg(applier.error())};
    }
    if (context.isCancelled())
        return {operation_status::kAborted, QString()};

    const QJsonObject &c = applier.summary().counters;
    const QString message =
        SyncOperationText::tr(
            "%1 containers: %2 added, %3 changed, %4 removed, %5 restored; fields: %6 added, %7 "
            "changed, %8 removed.")
            .arg(discovered.size())
            .arg(c.value(QStringLiteral("containers_added")).toInt())
            .arg(c.value(QStringLiteral("containers_changed")).toInt())
            .arg(c.value(QStringLiteral("containers_removed")).toInt())
            .arg(c.value(QStringLiteral("containers_restored")).toInt())
            .arg(c.value(QStringLiteral("fields_added")).toInt())
            .arg(c.value(QStringLiteral("fields_changed")).toInt())
            .arg(c.value(QStringLiteral("fields_removed")).toInt());
    const int folded = c.value(QStringLiteral("partitions_archived")).toInt();
    if (folded > 0)
        context.info(SyncOperationText::tr(
                         "%1 partitions are now measured as part of their partitioned table; "
                         "their containers were archived with their history (Sync option "
                         "“Partitions as containers” lists them again).")
                         .arg(folded));
    const int missing = c.value(QStringLiteral("containers_missing")).toInt();
    if (missing > 0)
        context.info(SyncOperationText::tr(
                         "%1 containers no longer exist in the source; run Sync with Prune to "
                         "remove them.")
                         .arg(missing));
    return {context.warningCount() ? operation_status::kWarning : operation_status::kSuccess,
            message};
}

} // namespace assay
