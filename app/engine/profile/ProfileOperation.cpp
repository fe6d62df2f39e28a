#include "app/engine/profile/ProfileOperation.h"

#include "app/connectors/ConnectorSpec.h"
#include "app/connectors/Discovery.h"
#include "app/connectors/FieldTypes.h"
#include "app/connectors/FolderDiscovery.h"
#include "app/engine/ContainerMonitoring.h"
#include "app/engine/FileFindings.h"
#include "app/engine/OperationRequest.h"
#include "app/engine/profile/ProfileInference.h"
#include "app/engine/profile/ProfilePasses.h"
#include "app/engine/profile/ProfileQueries.h"
#include "app/engine/profile/SqliteProfileFunction.h"
#include "models/catalog/Catalog.h"
#include "models/domain/Clock.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>
#include <cmath>

namespace assay {

namespace {

struct ProfileOperationText
{
    Q_DECLARE_TR_FUNCTIONS(assay::ProfileOperation)
};

const char *const kCounters[] = {"tables_requested",       "tables_profiled", "records_profiled",
                                 "field_profiles_updated", "queries",         "table_passes"};
const char *const kCheckCounters[] = {"checks_synchronized", "checks_added", "checks_updated",
                                      "checks_archived"};

void bump(QJsonObject &counters, const char *name, qint64 by = 1)
{
    const QString key = QLatin1String(name);
    counters.insert(key, double(qint64(counters.value(key).toDouble()) + by));
}

// Adds what inferring one container's checks did to the run's counters; its synchronized
// count, or -1 (with a warning) when inference failed.
int recordInference(OperationContext &context, const Container &container,
                    const InferenceStep &step)
{
    QJsonObject &counters = context.operation().counters;
    bump(counters, "queries", step.queries);
    bump(counters, "table_passes", step.tablePasses);
    bump(counters, "checks_synchronized", step.counts.synchronized());
    bump(counters, "checks_added", step.counts.added);
    bump(counters, "checks_updated", step.counts.updated);
    bump(counters, "checks_archived", step.counts.archived);
    if (!step.error.isEmpty()) {
        context.warning(ProfileOperationText::tr("Checks of %1 could not be inferred: %2")
                            .arg(container.name, step.error));
        return -1;
    }
    return step.counts.synchronized();
}

// The starting threshold as a filter on the container's incremental field (empty for every
// row): `field > ?`, compared as a time or as a batch number.
SqlFragment startingThreshold(const SqlDialect &dialect, const Container &container,
                              const ProfileOptions &options)
{
    if (container.incrementalField.isEmpty())
        return {};
    QVariant after;
    bool time = true;
    if (container.incrementalStrategy == QLatin1String("batch-value") &&
        options.greaterThanBatch.isValid()) {
        after = options.greaterThanBatch;
        time = false;
    } else if (!options.greaterThanTime.isEmpty()) {
        after = options.greaterThanTime;
    }
    if (!after.isValid())
        return {};
    return SqlFragment{dialect.greaterThan(dialect.quote(container.incrementalField), time),
                       {dialect.thresholdValue(after, time)}};
}

// What a field's figures should be read with, when they are not the plain ones: how its type
// is measured or why it fell back, the collation that decides its distinct values and order,
// and numbers kept as text (their min and max are in text order: "99" after "100").
QString profileNote(const ProfileColumn &c, const Field &f, const FieldProfile &p)
{
    QStringList parts;
    if (!c.measure.note.isEmpty())
        parts << c.measure.note;
    if (!f.collation.isEmpty() && c.isText())
        parts << (f.collation.endsWith(QLatin1String("_ci"))
                      ? ProfileOperationText::tr(
                            "distinct values and order follow the collation %1, which ignores "
                            "case")
                            .arg(f.collation)
                      : ProfileOperationText::tr(
                            "distinct values and order follow the collation %1")
                            .arg(f.collation));
    if (c.isText() && c.hasMinMax() &&
        (p.inferredType == QLatin1String("integral") ||
         p.inferredType == QLatin1String("fractional")))
        parts << ProfileOperationText::tr("numbers kept as text: min and max are in text order");
    return parts.join(QStringLiteral("; "));
}

// The point of the container's history this profile adds (ContainerMonitoring.h): its records
// when pass 1 read them all, and the incremental field's newest value from its profile.
void recordMeasurement(OperationContext &context, SourceSession &session,
                       const Container &container, const QList<FieldProfile> &profiles,
                       bool wholeTable, qint64 records)
{
    monitoring::PassFigures pass;
    pass.records = wholeTable ? records : -1;
    for (const FieldProfile &p : profiles)
        if (wholeTable && !container.incrementalField.isEmpty() &&
            p.fieldName == container.incrementalField) {
            pass.newestRead = true;
            pass.newestValue = p.maxValue;
        }
    const ContainerMeasurement m = measureForHistory(context, session, container, pass, {},
                                                     containerHistory(context, container.id));
    context.catalog().warnUnless(context.catalog().addContainerMeasurement(m) > 0,
                                 "record a container measurement");
}

} // namespace

ProfileOptions ProfileOptions::fromJson(const QJsonObject &o)
{
    ProfileOptions options;
    for (const QJsonValue &v : o.value(QStringLiteral("containers")).toArray())
        if (!v.toString().isEmpty())
            options.containers << v.toString();
    const double limit = o.value(QStringLiteral("record_limit")).toDouble(0);
    options.recordLimit = limit >= 1 ? qint64(qMin(limit, 1e9)) : 0;
    options.greaterThanTime = o.value(QStringLiteral("greater_than_time")).toString();
    if (o.contains(QStringLiteral("greater_than_batch")))
        options.greaterThanBatch = o.value(QStringLiteral("greater_than_batch")).toVariant();
    options.inferenceThreshold = qBound(
        0, o.value(QStringLiteral("inference_threshold")).toInt(kDefaultInferenceThreshold), 5);
    options.inferAsDraft = o.value(QStringLiteral("infer_as_draft")).toBool(false);
    return options;
}

QJsonObject ProfileOptions::toJson() const
{
    QJsonObject o{{QStringLiteral("containers"), QJsonArray::fromStringList(containers)},
                  {QStringLiteral("inference_threshold"), inferenceThreshold},
                  {QStringLiteral("infer_as_draft"), inferAsDraft}};
    if (recordLimit > 0)
        o.insert(QStringLiteral("record_limit"), double(recordLimit));
    if (!greaterThanTime.isEmpty())
        o.insert(QStringLiteral("greater_than_time"), greaterThanTime);
    if (greaterThanBatch.isValid())
        o.insert(QStringLiteral("greater_than_batch"), QJsonValue::fromVariant(greaterThanBatch));
    return o;
}

OperationOutcome ProfileOperation::run(OperationContext &context)
{
    const ProfileOptions options = ProfileOptions::fromJson(context.operation().options);
    context.recordEffectiveOptions(options.toJson());
    const ConnectorSpec *spec = connectors::find(context.sourceSettings().connection.type);
    if (!spec)
        return {operation_status::kFailure, ProfileOperationText::tr("Unknown connector type.")};
    const SqlDialect dialect = SqlDialect::forConnector(*spec);

    Catalog &catalog = context.catalog();
    const QList<Container> chosen = context.chosenContainers(options.containers);

    QJsonObject &counters = context.operation().counters;
    for (const char *counter : kCounters)
        if (!counters.contains(QLatin1String(counter)))
            counters.insert(QLatin1String(counter), 0);
    std::optional<ProfileInference> inference;
    if (options.inferenceThreshold > 0) {
        for (const char *counter : kCheckCounters)
            if (!counters.contains(QLatin1String(counter)))
                counters.insert(QLatin1String(counter), 0);
        inference.emplace(catalog, context.datastore(), dialect,
                          ProfileInference::Settings{options.inferenceThreshold,
                                                     options.inferAsDraft, context.operation().id,
                                                     options.recordLimit});
    }
    // Containers this run profiled, with the rows read: level 4 looks across them at the end.
    QList<QPair<Container, HoldoutRows>> profiled;
    counters.insert(QStringLiteral("tables_requested"), int(chosen.size()));

    context.progress(0.02, ProfileOperationText::tr("Connecting"));
    auto session = context.openSource();
    if (!session->diagnosis().ok()) {
        const QString message = session->diagnosis().message();
        context.error(message);
        context.closeSource(session);
        return {operation_status::kFailure, message};
    }
    QJsonObject containerFigures =
        context.operation().result.value(QStringLiteral("containers")).toObject();
    int failed = 0;
    int fallbacks = 0; // fields measured for completeness only
    // A container that cannot be profiled: named with its reason in the log, the operation's
    // result and its message.
    QString firstFailure;
    const auto failContainer = [&](const QString &name, const QString &reason) {
        const QString message = ProfileOperationText::tr("Cannot profile %1: %2").arg(name, reason);
        context.error(message);
        if (firstFailure.isEmpty())
            firstFailure = message;
        ++failed;
        containerFigures.insert(name,
                                QJsonObject{{QStringLiteral("result"), operation_status::kFailure},
                                            {QStringLiteral("message"), reason}});
        context.operation().result.insert(QStringLiteral("containers"), containerFigures);
    };
    bool aborted = false;
    const bool logarithm = profile_sql::hasLogarithm(session->database(), dialect);
    const bool sketches = sqlite_profile::install(session->database());

    // The handle (and every query) must be gone before closeSource() removes the connection.
    for (int ci = 0; ci < chosen.size(); ++ci) {
        QSqlDatabase db = session->database();
        const Container &container = chosen.at(ci);
        if (context.isContainerFinished(container.name))
            continue;
        if (context.isCancelled()) {
            aborted = true;
            break;
        }
        context.progress(0.05 + 0.95 * ci / qMax(1, int(chosen.size())),
                         ProfileOperationText::tr("Profiling %1").arg(container.name));
        QList<Field> fields;
        for (const Field &f : catalog.fields(container.id))
            if (!f.removed)
                fields << f;
        if (fields.isEmpty()) {
            context.markContainerFinished(container.name);
            continue;
        }
        QList<ProfileColumn> columns;
        for (const Field &f : fields)
            columns << ProfileColumn::of(dialect, f.name, f.declaredType, f.baseType);
        QString unreadable;
        if (!session->prepareContainer(container, fields, {}, &unreadable)) {
            failContainer(container.name, unreadable);
            continue;
        }

        ProfileSource source;
        source.schema = context.datastore().schema;
        source.table = container.name;
        source.recordLimit = options.recordLimit;
        source.logarithm = logarithm;
        source.rowScope = startingThreshold(dialect, container, options);

        // Pass 1: the wide aggregate.
        const auto cancelled = [&context] { return context.isCancelled(); };
        QSqlQuery q1(db);
        const profile_sql::PassRun run1 =
            profile_sql::runPass1(db, q1, dialect, source, columns, sketches, cancelled);
        bump(counters, "queries", run1.queries);
        bump(counters, "table_passes", run1.tablePasses);
        if (!run1.error.isEmpty()) {
            if (context.isCancelled()) {
                aborted = true;
                break;
            }
            failContainer(container.name, run1.error);
            continue;
        }
        const QDateTime now = Clock::utcNow();
        QList<FieldProfile> profiles;
        for (int i = 0; i < fields.size(); ++i) {
            FieldProfile p;
            p.operationId = context.operation().id;
            p.containerId = container.id;
            p.fieldId = fields.at(i).id;
            p.fieldName = columns.at(i).name;
            p.profiledAt = now;
            p.declaredType = fields.at(i).declaredType;
            p.inferredType = typeFamilyName(columns.at(i).family());
            profiles << p;
        }
        const qint64 records = profile_sql::readPass1(q1, dialect, columns, profiles, sketches);
        for (const ProfileColumn &c : columns)
            fallbacks += c.measure.completenessOnly && !c.measure.note.isEmpty() ? 1 : 0;
        q1.finish();
        if (context.isCancelled()) {
            aborted = true;
            break;
        }

        // Pass 2: top values, distinct counts and quantiles over a bounded sample of the rows
        // pass 1 read; on a SQLite rowid table the sample is read by key.
        QStringList names;
        for (const ProfileColumn &c : columns)
            names << c.name;
        CheckSqlContext rows = profile_sql::rowsOf(dialect, source);
        RowSample keys = rowidRange(db, rows, names);
        if (!keys.rowidName.isEmpty())
            bump(counters, "queries");
        // Views and foreign tables take no TABLESAMPLE: their samples are drawn row by row.
        keys.tableSample = acceptsTableSample(
            container.settings.value(QStringLiteral("source")).toObject(), container.containerType);
        keys.relation = session->sampleRelation(container.name); // kept by pass 1's read
        source.sample = keys;
        source.sample.rows = profile_sql::kSampleRows;
        source.sample.population = records;
        rows.sample = source.sample;
        const bool sampled = source.sample.active();
        QSqlQuery q2(db);
        const profile_sql::PassRun run2 =
            profile_sql::runPass2(db, q2, dialect, source, columns, profiles, cancelled);
        bump(counters, "queries", run2.queries);
        if (readsEveryRow(rows))
            bump(counters, "table_passes", qMax(1, run2.queries));
        if (!run2.error.isEmpty()) {
            if (context.isCancelled()) {
                aborted = true;
                break;
            }
            failContainer(container.name, run2.error);
            continue;
        }
        profile_sql::Pass2Reader reader(columns, profiles, sampled);
        while (q2.isActive() && q2.next())
            reader.add(q2);
        q2.finish();
        reader.finish();
        // A file container: what reading its files found (pass 1 read them all).
        const FileFindings files{session->fileReports(container.name)};
        for (int i = 0; i < profiles.size(); ++i) {
            profiles[i].sampled = sampled; // what the field panel marks as approximate
            QStringList note{profileNote(columns.at(i), fields.at(i), profiles.at(i)),
                             files.mismatchNote(fields.at(i).name)};
            note.removeAll(QString());
            profiles[i].note = note.join(QStringLiteral("; "));
        }
        files.log(context, container.name);
        if (context.isCancelled()) {
            aborted = true;
            break;
        }
        if (!catalog.addFieldProfiles(profiles)) {
            failContainer(container.name, catalog.lastError());
            continue;
        }
        recordMeasurement(context, *session, container, profiles,
                          source.rowScope.isEmpty() &&
                              (options.recordLimit <= 0 || records < options.recordLimit),
                          records);
        QJsonObject figures{{QStringLiteral("records"), double(records)},
                            {QStringLiteral("records_profiled"), double(records)},
                            {QStringLiteral("fields"), int(fields.size())},
                            {QStringLiteral("sampled"), sampled}};
        if (sampled)
            figures.insert(QStringLiteral("sampling_method"), samplingMethod(rows));
        if (!files.isEmpty())
            figures.insert(QStringLiteral("files"), files.toJson());
        // Fields measured for completeness only, and why: listed wherever the outcome shows.
        QJsonArray fallbackFields;
        for (int i = 0; i < columns.size(); ++i)
            if (columns.at(i).measure.completenessOnly)
                fallbackFields << QJsonObject{{QStringLiteral("field"), columns.at(i).name},
                                              {QStringLiteral("note"), columns.at(i).measure.note}};
        if (!fallbackFields.isEmpty())
            figures.insert(QStringLiteral("fallbacks"), fallbackFields);
        // A record limit that was reached read part of the table: how large is all of it? The
        // database's statistics tell, roughly (a starting threshold makes the table's size
        // beside the point: the records past it are not known without reading them).
        if (options.recordLimit > 0 && records >= options.recordLimit &&
            source.rowScope.isEmpty()) {
            const std::optional<qint64> all =
                profile_sql::tableRecordsEstimate(db, dialect, source.schema, source.table, keys);
            if (dialect.family() != SqlDialect::Family::SQLite) // SQLite's is the rowid span
                bump(counters, "queries");
            if (all) {
                figures.insert(QStringLiteral("records"), double(qMax(*all, records)));
                figures.insert(QStringLiteral("records_approximate"), true);
            }
        }
        if (inference) {
            context.progress(
                0.05 + 0.95 * (ci + 0.5) / qMax(1, int(chosen.size())),
                ProfileOperationText::tr("Inferring checks of %1").arg(container.name));
            HoldoutRows holdout{source.rowScope, keys};
            holdout.sample.rows = HoldoutRows::rowsFor(records);
            holdout.sample.population = records;
            holdout.sample.pages = true;
            const int synced = recordInference(
                context, container,
                inference->inferContainer(db, container, fields, profiles, holdout));
            if (synced >= 0)
                figures.insert(QStringLiteral("checks_synchronized"), synced);
            profiled << qMakePair(container, holdout);
        }
        containerFigures.insert(container.name, figures);
        context.operation().result.insert(QStringLiteral("containers"), containerFigures);
        bump(counters, "tables_profiled");
        bump(counters, "records_profiled", records);
        bump(counters, "field_profiles_updated", profiles.size());
        context.markContainerFinished(container.name);
    }
    // Level 4: references between the containers, now that each has its profiles.
    if (inference && options.inferenceThreshold >= 4 && !aborted) {
        for (const auto &[container, holdout] : profiled) {
            if (context.isCancelled())
                break;
            context.progress(0.98, ProfileOperationText::tr("Relating %1").arg(container.name));
            const int synced = recordInference(
                context, container,
                inference->inferReferences(session->database(), container, holdout));
            QJsonObject figures = containerFigures.value(container.name).toObject();
            if (synced > 0)
                figures.insert(QStringLiteral("checks_synchronized"),
                               figures.value(QStringLiteral("checks_synchronized")).toInt() +
                                   synced);
            containerFigures.insert(container.name, figures);
        }
        context.operation().result.insert(QStringLiteral("containers"), containerFigures);
    }
    context.closeSource(session);
    if (aborted || context.isCancelled())
        return {operation_status::kAborted, QString()};
    if (!chosen.isEmpty())
        catalog.notifyContainersChanged(context.datastore().id);

    QString message =
        ProfileOperationText::tr("%1 of %2 containers profiled, %L3 records, %L4 field profiles.")
            .arg(counters.value(QStringLiteral("tables_profiled")).toInt())
            .arg(chosen.size())
            .arg(qint64(counters.value(QStringLiteral("records_profiled")).toDouble()))
            .arg(counters.value(QStringLiteral("field_profiles_updated")).toInt());
    if (inference)
        message += QLatin1Char(' ') +
                   ProfileOperationText::tr("%1 checks synchronized (%2 added, %3 updated).")
                       .arg(counters.value(QStringLiteral("checks_synchronized")).toInt())
                       .arg(counters.value(QStringLiteral("checks_added")).toInt())
                       .arg(counters.value(QStringLiteral("checks_updated")).toInt());
    if (fallbacks > 0)
        message += QLatin1Char(' ') +
                   ProfileOperationText::tr("%1 fields measured for completeness only (see each "
                                            "field's note).")
                       .arg(fallbacks);
    if (!firstFailure.isEmpty())
        message = firstFailure + QStringLiteral(" — ") + message;
    if (failed > 0 && failed == chosen.size())
        return {operation_status::kFailure, message};
    return {failed || context.warningCount() ? operation_status::kWarning
                                             : operation_status::kSuccess,
            message};
}

} // namespace assay
