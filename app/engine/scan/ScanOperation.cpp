#include "app/engine/scan/ScanOperation.h"

#include "app/checks/RuleCatalog.h"
#include "app/connectors/ConnectorSpec.h"
#include "app/connectors/FieldTypes.h"
#include "app/engine/ContainerMonitoring.h"
#include "app/engine/FileFindings.h"
#include "app/engine/OperationRequest.h"
#include "app/engine/scan/ScanConstraints.h"
#include "app/engine/scan/ScanContainer.h"
#include "app/engine/scan/ScanEnrichment.h"
#include "app/engine/scan/ScanMonitoring.h"
#include "app/engine/scan/ScanRecorder.h"
#include "models/catalog/Catalog.h"
#include "models/catalog/CatalogTransaction.h"
#include "models/domain/Clock.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QSqlQuery>

namespace assay {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(assay::ScanOperation)
};

const char *const kCounters[] = {"tables_requested", "tables_scanned",       "partitions_scanned",
                                 "records_scanned",  "anomalies_identified", "queries",
                                 "table_passes",     "checks_guaranteed"};

void bump(QJsonObject &counters, const char *name, qint64 by = 1)
{
    const QString key = QLatin1String(name);
    counters.insert(key, double(qint64(counters.value(key).toDouble()) + by));
}

QList<Check> checksToRun(Catalog &catalog, const Container &container, const ScanOptions &options)
{
    CheckQuery query;
    query.datastoreId = container.datastoreId;
    query.containerId = container.id;
    query.status = check_status::kActive;
    QList<Check> out;
    for (const Check &c : catalog.checks(query)) {
        const RuleSpec *rule = rules::find(c.rule);
        // An unknown rule still runs, to be reported as such.
        if (!rule || options.includes(rule->category))
            out << c;
    }
    return out;
}

// Which rows of a container are read: past the starting threshold (greater_than_time for a
// timestamp field, greater_than_batch for a batch field) on full and incremental scans alike,
// as Profile reads them; on an incremental scan also past the saved high-water mark
// `highWaterMark`. With both, the rows past the larger of the two are read. A container
// without an incremental field is read whole.
SqlFragment rowScopeOf(const SqlDialect &dialect, const Container &container,
                       const ScanOptions &options, const QString &highWaterMark)
{
    if (container.incrementalField.isEmpty())
        return {};
    const bool time = container.incrementalStrategy != QLatin1String("batch-value");
    const QString field = dialect.quote(container.incrementalField);
    QStringList conditions;
    QVariantList values;
    const auto after = [&](const QVariant &bound) {
        if (!bound.isValid() || bound.isNull() || bound.toString().isEmpty())
            return;
        conditions << QLatin1Char('(') + dialect.greaterThan(field, time) + QLatin1Char(')');
        values << dialect.thresholdValue(bound, time);
    };
    after(time ? QVariant(options.greaterThanTime) : options.greaterThanBatch);
    after(highWaterMark);
    return {conditions.join(QStringLiteral(" AND ")), values};
}

// What the scan's pass already knows of the container as a whole: its exact record count when it
// read every record, the incremental field's newest value when it read the newest records.
monitoring::PassFigures passFigures(const Container &container, const ContainerFindings &found,
                                    const SqlFragment &rowScope, bool incremental,
                                    qint64 recordLimit)
{
    const bool unlimited = recordLimit <= 0 || found.records < recordLimit;
    const bool wholeTable = rowScope.isEmpty() && unlimited;
    monitoring::PassFigures pass;
    pass.records = wholeTable ? found.records : -1;
    pass.newestRead =
        !container.incrementalField.isEmpty() && unlimited && (wholeTable || incremental);
    pass.newestValue = found.highWaterMark;
    return pass;
}

// Everything the scan of one container records in the Catalog, in ONE transaction (DESIGN.md):
// its anomalies, check metrics, its measurement (the point of its history), the status changes
// of earlier anomalies, the high-water mark
// ("" keeps the saved one), what it owes the enrichment datastore (`pendingId`), and the
// operation's figures with the container marked finished. A failure anywhere leaves none of it,
// so a resume scans the container again from scratch.
bool recordContainer(Catalog &catalog, ScanRecorder &recorder, ContainerScanRecord &record,
                     qint64 containerId, const QString &highWaterMark,
                     const ContainerMeasurement &measurement, const Operation &operation,
                     ScanEnrichmentSink &enrichment, qint64 *pendingId, QString *error)
{
    CatalogTransaction transaction(catalog);
    if (!transaction.isOpen() || !recorder.write(record, error) ||
        (measurement.containerId > 0 && catalog.addContainerMeasurement(measurement) <= 0) ||
        (!highWaterMark.isEmpty() && !catalog.setScanHighWaterMark(containerId, highWaterMark)) ||
        !enrichment.recordOwed(record.result, pendingId) || !catalog.updateOperation(operation) ||
        !transaction.commit()) {
        if (error->isEmpty())
            *error = catalog.lastError();
        return false;
    }
    return true;
}

} // namespace

OperationOutcome ScanOperation::run(OperationContext &context)
{
    const ScanOptions options =
        ScanOptions::fromJson(context.operation().options, context.datastore());
    context.recordEffectiveOptions(options.toJson());
    const ConnectorSpec *spec = connectors::find(context.sourceSettings().connection.type);
    if (!spec)
        return {operation_status::kFailure, Text::tr("Unknown connector type.")};
    // Remediation writes into the enrichment datastore: without one, stop before reading.
    if (options.remediation != RemediationStrategy::None && !context.enrichmentSettings()) {
        const QString message =
            Text::tr("Remediation is set to %1, but no enrichment datastore is linked to %2: "
                     "link one (Link Enrichment) or set the remediation strategy to None.")
                .arg(remediationToString(options.remediation), context.datastore().name);
        context.error(message);
        return {operation_status::kFailure, message};
    }
    const SqlDialect dialect = SqlDialect::forConnector(*spec);
    Catalog &catalog = context.catalog();
    QHash<qint64, QString> containerNames;
    const QList<Container> chosen = context.chosenContainers(options.containers, &containerNames);

    QJsonObject &counters = context.operation().counters;
    for (const char *counter : kCounters)
        if (!counters.contains(QLatin1String(counter)))
            counters.insert(QLatin1String(counter), 0);
    counters.insert(QStringLiteral("tables_requested"), int(chosen.size()));

    ScanEnrichmentSink enrichment(context, options.remediation);
    // What an earlier run left unwritten goes first (a resume may have nothing else to do).
    enrichment.writeOwed();

    context.progress(0.02, Text::tr("Connecting"));
    auto session = context.openSource();
    if (!session->diagnosis().ok()) {
        const QString message = session->diagnosis().message();
        context.error(message);
        context.closeSource(session);
        return {operation_status::kFailure, message};
    }
    ScanRecorder recorder(catalog, options, context.datastore(), context.operation().id);
    QJsonObject figures = context.operation().result.value(QStringLiteral("containers")).toObject();
    int failed = 0;
    int reactivated = 0, resolved = 0, archived = 0; // earlier anomalies the scan changed
    bool aborted = false;
    QString failure; // the first container failure, for the operation's message
    QString fatal;   // the source went away: the scan ends
    // A container that cannot be scanned: named with its reason in the log, the operation's
    // result and its message; the others are scanned.
    const auto failContainer = [&](const QString &name, const QString &reason) {
        const QString message = Text::tr("Cannot scan %1: %2").arg(name, reason);
        context.error(message);
        if (failure.isEmpty())
            failure = message;
        ++failed;
        figures.insert(name, QJsonObject{{QStringLiteral("result"), operation_status::kFailure},
                                         {QStringLiteral("message"), reason}});
        context.operation().result.insert(QStringLiteral("containers"), figures);
    };

    for (int ci = 0; ci < chosen.size(); ++ci) {
        const Container &container = chosen.at(ci);
        if (context.isContainerFinished(container.name))
            continue;
        if (context.isCancelled()) {
            aborted = true;
            break;
        }
        context.progress(0.05 + 0.9 * ci / qMax(1, int(chosen.size())),
                         Text::tr("Scanning %1").arg(container.name));
        const QDateTime started = Clock::utcNow();
        CheckSqlContext sql;
        sql.dialect = dialect;
        sql.schema = context.datastore().schema;
        sql.table = container.name;
        sql.setFields(catalog.fields(container.id));
        sql.variables = options.checkVariables;
        sql.referenceTable = [&containerNames](qint64 id) { return containerNames.value(id); };
        sql.recordLimit = options.recordLimit;

        const bool incremental = options.incremental && !container.incrementalField.isEmpty();
        // The incremental field's MAX rides along in the pass on every scan: the newest data is
        // what freshness is measured from.
        ContainerScanner::Limits limits{options.rollupThreshold, options.sourceRecordLimit,
                                        container.incrementalField};
        if (incremental)
            sql.orderField = container.incrementalField;
        sql.rowScope =
            rowScopeOf(dialect, container, options,
                       incremental ? catalog.scanHighWaterMark(container.id) : QString());
        // Auto-resolution concludes that a record no longer fails from not seeing it fail, so
        // only a scan that saw every record may do it: never an incremental scan (reference 3.2:
        // "silently disabled for incremental scans"; even its first, complete run, and for a
        // container that falls back to a full read), nor one limited by a record limit or a
        // starting threshold.
        const ScanRecorder::Reading reading{incremental && !sql.rowScope.isEmpty(),
                                            !options.incremental && options.recordLimit <= 0 &&
                                                sql.rowScope.isEmpty()};

        // Make the container readable (a file container: its files; an incremental read on
        // their modification time only those changed since the last scan).
        const QList<Field> fields = catalog.fields(container.id);
        QString unreadable;
        const ReadScope scope{incremental ? container.incrementalField : QString(),
                              incremental ? catalog.scanHighWaterMark(container.id) : QString()};
        if (!session->prepareContainer(container, fields, scope, &unreadable)) {
            failContainer(container.name, unreadable);
            continue;
        }
        sql.systemColumns = session->systemColumns(container.name);

        const QList<Check> checks = checksToRun(catalog, container, options);
        const QList<SourceConstraint> constraints =
            liveConstraints(*session, context, container, checks);
        ContainerScanner scanner(session->database(), sql, limits,
                                 [&context] { return context.isCancelled(); });
        ContainerFindings found = scanner.scan(checks, constraints);
        logGuarantees(context, container, found);
        for (const CheckOutcome &o : found.outcomes)
            bump(counters, "checks_guaranteed", o.guarantee.isEmpty() ? 0 : 1);
        bump(counters, "queries", found.queries);
        bump(counters, "table_passes", found.tablePasses);
        const FileFindings files{session->fileReports(container.name)};
        files.log(context, container.name);
        if (context.isCancelled()) {
            aborted = true;
            break;
        }
        if (!found.error.isEmpty()) {
            if (!answers(session->database())) {
                fatal = Text::tr("The connection to the source was lost while scanning %1 (%2). "
                                 "Nothing of %1 was recorded; check that the server is running, "
                                 "then resume the operation.")
                            .arg(container.name, found.error);
                context.error(fatal);
                break;
            }
            failContainer(container.name, found.error);
            continue;
        }
        for (const CheckOutcome &o : found.outcomes) {
            const RuleSpec *rule = rules::find(o.check.rule);
            const QString title = rule ? rule->title : o.check.rule;
            if (o.count.notApplicable)
                context.info(Text::tr("Check %1 (%2) of %3 does not apply: %4 It was not run; "
                                      "edit or archive it.")
                                 .arg(o.check.id)
                                 .arg(title, container.name, o.count.error));
            else if (!o.count.error.isEmpty())
                context.warning(Text::tr("Check %1 (%2) of %3 cannot run: %4")
                                    .arg(o.check.id)
                                    .arg(title, container.name, o.count.error));
            if (!o.examplesError.isEmpty())
                context.warning(Text::tr("The failing records of check %1 (%2) of %3 could not "
                                         "be read: %4")
                                    .arg(o.check.id)
                                    .arg(title, container.name, o.examplesError));
        }

        ContainerMeasurement measurement;
        if (!found.schemaAborted) {
            const QList<ContainerMeasurement> history = containerHistory(context, container.id);
            measurement = measureForHistory(
                context, *session, container,
                passFigures(container, found, sql.rowScope, incremental, options.recordLimit),
                checks, history);
            judgeHistoryChecks(catalog, history, measurement, found);
        }
        ContainerScanRecord record = recorder.build(container, found, reading);
        ContainerScanResult &result = record.result;
        result.startTime = started;
        result.result = operation_status::kSuccess;
        if (found.schemaAborted) {
            result.result = operation_status::kFailure;
            result.message = Text::tr("%1: Aborted because schema check anomalies were identified")
                                 .arg(container.name);
        }
        result.endTime = Clock::utcNow();

        // The operation's figures with the container marked finished are written in the same
        // transaction as its results; on failure the operation in memory goes back too.
        const Operation before = context.operation();
        int failedChecks = 0;
        for (const CheckMetric &m : result.metrics)
            failedChecks += m.result == QLatin1String("failed") ? 1 : 0;
        figures.insert(
            container.name,
            QJsonObject{{QStringLiteral("records_processed"), double(found.records)},
                        {QStringLiteral("anomaly_count"), int(result.anomalies.size())},
                        {QStringLiteral("checks"), int(result.metrics.size())},
                        {QStringLiteral("checks_failed"), failedChecks},
                        {QStringLiteral("incremental"), reading.incremental},
                        {QStringLiteral("result"), result.result},
                        {QStringLiteral("message"), result.message},
                        {QStringLiteral("start_time"), started.toString(Qt::ISODateWithMs)},
                        {QStringLiteral("end_time"), result.endTime.toString(Qt::ISODateWithMs)}});
        if (!files.isEmpty()) {
            QJsonObject figure = figures.value(container.name).toObject();
            figure.insert(QStringLiteral("files"), files.toJson());
            figures.insert(container.name, figure);
        }
        context.operation().result.insert(QStringLiteral("containers"), figures);
        if (!found.schemaAborted) {
            bump(counters, "tables_scanned");
            bump(counters, "partitions_scanned");
            bump(counters, "records_scanned", found.records);
        }
        bump(counters, "anomalies_identified", result.anomalies.size());
        context.markContainerFinished(container.name);
        const QString mark = incremental && !found.schemaAborted ? found.highWaterMark : QString();
        QString error;
        qint64 pendingWrite = 0;
        if (!recordContainer(catalog, recorder, record, container.id, mark, measurement,
                             context.operation(), enrichment, &pendingWrite, &error)) {
            context.operation() = before;
            figures = before.result.value(QStringLiteral("containers")).toObject();
            fatal = Text::tr("Cannot record the scan of %1 in the Catalog (%2). Nothing of %1 was "
                             "recorded; make sure the Catalog file can be written, then resume "
                             "the operation.")
                        .arg(container.name, error);
            context.error(fatal);
            break;
        }
        reactivated += record.applied(anomaly_status::kActive);
        resolved += record.applied(anomaly_status::kResolved);
        archived += record.applied(anomaly_status::kDuplicate);
        if (found.schemaAborted) {
            context.error(result.message);
            failure = failure.isEmpty() ? result.message : failure;
            ++failed;
        }
        enrichment.write(result, pendingWrite);
    }
    context.closeSource(session);
    if (!chosen.isEmpty())
        catalog.notifyAnomaliesChanged(context.datastore().id);
    if (!fatal.isEmpty())
        return {operation_status::kFailure, fatal};
    if (aborted || context.isCancelled())
        return {operation_status::kAborted, QString()};

    QString message =
        Text::tr("%1 of %2 containers scanned, %L3 records, %L4 anomalies identified.")
            .arg(counters.value(QStringLiteral("tables_scanned")).toInt())
            .arg(chosen.size())
            .arg(qint64(counters.value(QStringLiteral("records_scanned")).toDouble()))
            .arg(qint64(counters.value(QStringLiteral("anomalies_identified")).toDouble()));
    if (reactivated || resolved || archived)
        message += QLatin1Char(' ') + Text::tr("Earlier anomalies: %1 reactivated, %2 resolved, "
                                               "%3 archived as duplicates.")
                                          .arg(reactivated)
                                          .arg(resolved)
                                          .arg(archived);
    if (!failure.isEmpty())
        message = failure + QStringLiteral(" — ") + message;
    if (failed > 0 && failed == chosen.size())
        return {operation_status::kFailure, message};
    return {failed || context.warningCount() ? operation_status::kWarning
                                             : operation_status::kSuccess,
            message};
}

} // namespace assay
