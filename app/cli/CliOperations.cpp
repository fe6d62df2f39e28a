#include "app/cli/CliSupport.h"
#include "app/engine/OperationEngine.h"
#include "app/engine/OperationRecords.h"
#include "app/engine/profile/ProfileOperation.h"
#include "app/engine/sync/SyncOperation.h"
#include "app/secrets/CredentialStore.h"
#include "models/domain/Clock.h"
#include "models/domain/Json.h"
#include "models/domain/Operation.h"
#include "models/domain/OperationShortfalls.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>

namespace assay::cli {

namespace {

const QString kUsage = QStringLiteral(
    "assay operations run sync --datastore NAME [--prune] [--recreate] [--include table,view]\n"
    "         [--include-partitions] [--wait] [--json]\n"
    "       assay operations run profile --datastore NAME [--containers A,B] [--container-tags "
    "T,U]\n"
    "         [--greater-than-time ISO | --greater-than-batch N] [--record-limit N]\n"
    "         [--inference-threshold 0-5] [--infer-as-draft] [--wait] [--json]\n"
    "       assay operations run scan --datastore NAME [--containers A,B] [--container-tags T,U]\n"
    "         [--incremental] [--greater-than-time ISO | --greater-than-batch N]\n"
    "         [--record-limit N] [--rollup-threshold N] [--source-record-limit N]\n"
    "         [--check-categories metadata,data_integrity] [--remediation none|append|overwrite]\n"
    "         [--check-variable NAME=VALUE ...] [--no-archive-duplicates]\n"
    "         [--reactivate-recurring] [--no-auto-resolve] [--wait] [--json]\n"
    "       assay operations list [--datastore NAME] [--limit N] [--json]\n"
    "       assay operations show ID [--json]\n"
    "       assay operations abort ID\n"
    "       assay operations resume ID [--wait] [--json]");

bool parseId(const QString &text, qint64 *id)
{
    bool ok = false;
    *id = text.toLongLong(&ok);
    return ok && *id > 0;
}

// Waits, with an event loop, until the engine reports `operationId` finished.
void waitFor(OperationEngine &engine, qint64 operationId)
{
    QEventLoop loop;
    QObject::connect(&engine, &OperationEngine::operationFinished, &loop, [&](qint64 id) {
        if (id == operationId)
            loop.quit();
    });
    if (engine.isActive(operationId))
        loop.exec();
}

// What an operation left out, one line each: the containers it could not read, the fields it
// measured for completeness only, the problems in files.
void printShortfalls(Context &ctx, const OperationShortfalls &s)
{
    for (const auto &c : s.failedContainers)
        *ctx.out << QStringLiteral("  failed: %1: %2\n").arg(c.name, c.reason);
    for (const auto &f : s.fallbacks)
        *ctx.out
            << QStringLiteral("  completeness only: %1.%2: %3\n").arg(f.container, f.field, f.note);
    for (const auto &f : s.files)
        *ctx.out << QStringLiteral("  file problems: %1: %2 (first: %3)\n")
                        .arg(f.container)
                        .arg(f.problems)
                        .arg(f.first);
}

// Prints an operation the way `run --wait`, `resume --wait` and `show` do; returns the exit code
// a waiting command gives for it: 0 success, 3 warning, 1 anything else.
int report(Context &ctx, qint64 operationId, bool json)
{
    const auto op = ctx.catalog->operation(operationId);
    if (!op)
        return fail(ctx, QStringLiteral("operation %1 does not exist").arg(operationId));
    const OperationShortfalls shortfalls = OperationShortfalls::of(*op);
    if (json) {
        printJson(ctx, operationJson(*ctx.catalog, *op));
    } else {
        *ctx.out << QStringLiteral("Operation %1 (%2): %3%4\n")
                        .arg(op->id)
                        .arg(op->type, op->status,
                             op->message.isEmpty() ? QString()
                                                   : QStringLiteral(" — ") + op->message);
        printShortfalls(ctx, shortfalls);
    }
    if (op->status == operation_status::kSuccess)
        return Success;
    if (op->status == operation_status::kWarning)
        return Warning;
    if (!json)
        *ctx.err << "assay: operation " << op->id << " ended " << op->status << "\n";
    return Failure;
}

// Without --wait the operation runs in a detached runner process (see startRunner), so this
// command returns at once.
int runDetached(Context &ctx, qint64 operationId, bool json)
{
    QString error;
    if (!startRunner(ctx, operationId, &error))
        return fail(ctx, error);
    if (json)
        printJson(ctx, operationJson(*ctx.catalog, *ctx.catalog->operation(operationId)));
    else
        *ctx.out << QStringLiteral("Operation %1 queued; follow it with 'assay operations show "
                                   "%1'.\n")
                        .arg(operationId);
    return Success;
}

int run(Context &ctx)
{
    QCommandLineParser p;
    p.addOptions({
        {QStringLiteral("datastore"), QStringLiteral("The datastore's name."),
         QStringLiteral("NAME")},
        {QStringLiteral("prune"), QStringLiteral("Sync: remove containers that no longer exist.")},
        {QStringLiteral("recreate"),
         QStringLiteral("Sync: restore removed containers that exist again.")},
        {QStringLiteral("include-partitions"),
         QStringLiteral("Sync: list each partition of a partitioned table as a container too.")},
        {QStringLiteral("include"), QStringLiteral("Sync: table, view or table,view (default)."),
         QStringLiteral("KINDS")},
        {QStringLiteral("containers"), QStringLiteral("Profile: these containers (default all)."),
         QStringLiteral("A,B")},
        {QStringLiteral("container-tags"),
         QStringLiteral("Profile, Scan: also the containers carrying one of these tags."),
         QStringLiteral("T,U")},
        {QStringLiteral("greater-than-time"),
         QStringLiteral("Profile, Scan: only records whose incremental field is later than this "
                        "ISO-8601 time (containers with an incremental strategy)."),
         QStringLiteral("ISO")},
        {QStringLiteral("greater-than-batch"),
         QStringLiteral("Profile, Scan: only records whose batch field is greater than N."),
         QStringLiteral("N")},
        {QStringLiteral("check-variable"),
         QStringLiteral("Scan: a value for {{NAME}} in check filters (repeatable)."),
         QStringLiteral("NAME=VALUE")},
        {QStringLiteral("record-limit"),
         QStringLiteral("Profile, Scan: at most N records per container."), QStringLiteral("N")},
        {QStringLiteral("inference-threshold"),
         QStringLiteral("Profile: 0 (no inference) to 5; default 2."), QStringLiteral("N")},
        {QStringLiteral("infer-as-draft"), QStringLiteral("Profile: inferred checks as drafts.")},
        {QStringLiteral("incremental"), QStringLiteral("Scan: only records past the last scan.")},
        {QStringLiteral("rollup-threshold"),
         QStringLiteral("Scan: record anomalies per check before one rolled-up (1-1000)."),
         QStringLiteral("N")},
        {QStringLiteral("source-record-limit"),
         QStringLiteral("Scan: example records kept per anomaly (1-1000000000)."),
         QStringLiteral("N")},
        {QStringLiteral("check-categories"),
         QStringLiteral("Scan: metadata, data_integrity or both (default)."),
         QStringLiteral("LIST")},
        {QStringLiteral("remediation"),
         QStringLiteral("Scan: none, append or overwrite (default: the datastore's)."),
         QStringLiteral("STRATEGY")},
        {QStringLiteral("no-archive-duplicates"),
         QStringLiteral("Scan: keep earlier open anomalies that this scan finds again open "
                        "(default: archived as Duplicate).")},
        {QStringLiteral("reactivate-recurring"),
         QStringLiteral("Scan: a failure that matches an archived anomaly reopens it.")},
        {QStringLiteral("no-auto-resolve"),
         QStringLiteral("Scan: leave open anomalies that no longer fail open (default: a full "
                        "scan resolves them).")},
        {QStringLiteral("wait"),
         QStringLiteral("Wait for the end; exit 0 on success, 3 on a warning, 1 otherwise.")},
        {QStringLiteral("json"), QStringLiteral("Print the operation as JSON.")},
    });
    // "catalog" is Sync's API name (operations list it so, seed 000's API): accepted as an alias.
    p.addPositionalArgument(QStringLiteral("type"),
                            QStringLiteral("sync (or its API name, catalog), profile or scan"));
    if (!parse(ctx, p, kUsage))
        return ctx.helpShown ? Success : Usage;
    const QString type = p.positionalArguments().value(0);
    const bool scan = type == QLatin1String("scan");
    const bool profile = type == QLatin1String("profile") || scan; // both run detached
    if (type != QLatin1String("sync") && type != QLatin1String("catalog") && !profile)
        return fail(
            ctx,
            type.isEmpty()
                ? QStringLiteral("name the operation to run: sync, profile or scan")
                : QStringLiteral("cannot run '%1' yet; available: sync, profile, scan").arg(type),
            kUsage, Usage);
    const auto datastore = ctx.catalog->datastoreByName(p.value(QStringLiteral("datastore")));
    if (!datastore)
        return fail(ctx,
                    p.isSet(QStringLiteral("datastore"))
                        ? QStringLiteral("no datastore named '%1'")
                              .arg(p.value(QStringLiteral("datastore")))
                        : QStringLiteral("--datastore is required"),
                    QStringLiteral("see 'assay datastores list'"),
                    p.isSet(QStringLiteral("datastore")) ? Failure : Usage);

    SyncOptions options;
    options.prune = p.isSet(QStringLiteral("prune"));
    options.recreate = p.isSet(QStringLiteral("recreate"));
    options.includePartitions = p.isSet(QStringLiteral("include-partitions"));
    if (p.isSet(QStringLiteral("include"))) {
        const QStringList kinds =
            p.value(QStringLiteral("include")).split(QLatin1Char(','), Qt::SkipEmptyParts);
        options.includeTables = options.includeViews = false;
        for (const QString &kind : kinds) {
            const QString k = kind.trimmed().toLower();
            if (k == QLatin1String("table") || k == QLatin1String("tables"))
                options.includeTables = true;
            else if (k == QLatin1String("view") || k == QLatin1String("views"))
                options.includeViews = true;
            else
                return fail(
                    ctx, QStringLiteral("--include takes table, view or both, not '%1'").arg(kind),
                    QString(), Usage);
        }
    }
    OperationRequest request;
    request.datastoreId = datastore->id;
    request.type = operation_type::kSync;
    request.options = options.toJson();
    request.triggeredBy = QStringLiteral("cli");
    if (profile) {
        ProfileOptions po;
        po.containers =
            p.value(QStringLiteral("containers")).split(QLatin1Char(','), Qt::SkipEmptyParts);
        for (QString &name : po.containers)
            name = name.trimmed();
        if (p.isSet(QStringLiteral("record-limit"))) {
            bool ok = false;
            po.recordLimit = p.value(QStringLiteral("record-limit")).toLongLong(&ok);
            if (!ok || po.recordLimit < 1 || po.recordLimit > 1000000000)
                return fail(ctx, QStringLiteral("--record-limit takes 1 to 1000000000"), QString(),
                            Usage);
        }
        if (p.isSet(QStringLiteral("inference-threshold"))) {
            bool ok = false;
            po.inferenceThreshold = p.value(QStringLiteral("inference-threshold")).toInt(&ok);
            if (!ok || po.inferenceThreshold < 0 || po.inferenceThreshold > 5)
                return fail(ctx, QStringLiteral("--inference-threshold takes 0 to 5"), QString(),
                            Usage);
        }
        po.inferAsDraft = p.isSet(QStringLiteral("infer-as-draft"));
        if (p.isSet(QStringLiteral("greater-than-time"))) {
            po.greaterThanTime = p.value(QStringLiteral("greater-than-time")).trimmed();
            if (!QDateTime::fromString(po.greaterThanTime, Qt::ISODate).isValid())
                return fail(ctx,
                            QStringLiteral("--greater-than-time takes an ISO-8601 time, e.g. "
                                           "2026-01-31T00:00:00Z"),
                            QString(), Usage);
        }
        if (p.isSet(QStringLiteral("greater-than-batch"))) {
            bool ok = false;
            const double batch = p.value(QStringLiteral("greater-than-batch")).toDouble(&ok);
            if (!ok)
                return fail(ctx, QStringLiteral("--greater-than-batch takes a number"), QString(),
                            Usage);
            po.greaterThanBatch = batch;
        }
        request.type = operation_type::kProfile;
        request.options = po.toJson();
        QJsonArray tags;
        for (const QString &tag :
             p.value(QStringLiteral("container-tags")).split(QLatin1Char(','), Qt::SkipEmptyParts))
            if (!tag.trimmed().isEmpty())
                tags.append(tag.trimmed());
        if (!tags.isEmpty())
            request.options.insert(QStringLiteral("container_tags"), tags);
    }
    if (scan) {
        // Only what was given: the scan fills the rest from the datastore's settings.
        QJsonObject so;
        so.insert(QStringLiteral("containers"),
                  request.options.value(QStringLiteral("containers")));
        for (const char *key :
             {"record_limit", "container_tags", "greater_than_time", "greater_than_batch"})
            if (request.options.contains(QLatin1String(key)))
                so.insert(QLatin1String(key), request.options.value(QLatin1String(key)));
        QJsonObject variables;
        for (const QString &pair : p.values(QStringLiteral("check-variable"))) {
            const int eq = pair.indexOf(QLatin1Char('='));
            const QString name = pair.left(eq).trimmed();
            if (eq <= 0 || name.isEmpty())
                return fail(ctx,
                            QStringLiteral("--check-variable takes NAME=VALUE, not '%1'").arg(pair),
                            QString(), Usage);
            variables.insert(name, pair.mid(eq + 1));
        }
        if (!variables.isEmpty())
            so.insert(QStringLiteral("check_variables"), variables);
        so.insert(QStringLiteral("incremental"), p.isSet(QStringLiteral("incremental")));
        const auto number = [&](const char *option, const char *key, qint64 high) {
            const QString name = QLatin1String(option);
            if (!p.isSet(name))
                return true;
            bool ok = false;
            const qint64 n = p.value(name).toLongLong(&ok);
            if (!ok || n < 1 || n > high)
                return false;
            so.insert(QLatin1String(key), double(n));
            return true;
        };
        if (!number("rollup-threshold", "high_count_rollup_threshold", 1000))
            return fail(ctx, QStringLiteral("--rollup-threshold takes 1 to 1000"), QString(),
                        Usage);
        if (!number("source-record-limit", "enrichment_source_record_limit", 1000000000))
            return fail(ctx, QStringLiteral("--source-record-limit takes 1 to 1000000000"),
                        QString(), Usage);
        if (p.isSet(QStringLiteral("check-categories"))) {
            QJsonArray categories;
            for (const QString &c : p.value(QStringLiteral("check-categories"))
                                        .split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                const QString k = c.trimmed().toLower();
                if (k != QLatin1String("metadata") && k != QLatin1String("data_integrity"))
                    return fail(ctx,
                                QStringLiteral("--check-categories takes metadata, "
                                               "data_integrity or both, not '%1'")
                                    .arg(c),
                                QString(), Usage);
                categories.append(k);
            }
            so.insert(QStringLiteral("check_categories"), categories);
        }
        if (p.isSet(QStringLiteral("remediation"))) {
            const QString r = p.value(QStringLiteral("remediation")).trimmed().toLower();
            if (r != QLatin1String("none") && r != QLatin1String("append") &&
                r != QLatin1String("overwrite"))
                return fail(ctx, QStringLiteral("--remediation takes none, append or overwrite"),
                            QString(), Usage);
            so.insert(QStringLiteral("remediation"), r);
        }
        so.insert(QStringLiteral("archive_duplicate_anomalies"),
                  !p.isSet(QStringLiteral("no-archive-duplicates")));
        so.insert(QStringLiteral("reactivate_recurring_anomalies"),
                  p.isSet(QStringLiteral("reactivate-recurring")));
        so.insert(QStringLiteral("auto_resolve_passed_anomalies"),
                  !p.isSet(QStringLiteral("no-auto-resolve")));
        request.type = operation_type::kScan;
        request.options = so;
    }
    const bool json = p.isSet(QStringLiteral("json"));

    if (!p.isSet(QStringLiteral("wait"))) {
        QString error;
        qint64 id = 0;
        id = queueDetached(ctx, request, &error);
        if (!id)
            return fail(ctx, error);
        if (json)
            printJson(ctx, operationJson(*ctx.catalog, *ctx.catalog->operation(id)));
        else
            *ctx.out << QStringLiteral("Operation %1 queued; follow it with 'assay operations "
                                       "show %1'.\n")
                            .arg(id);
        return Success;
    }
    CredentialStore credentials;
    OperationEngine engine(ctx.catalog, &credentials, 1);
    const qint64 id = engine.enqueue(request);
    if (!id)
        return fail(ctx, engine.lastError());
    waitFor(engine, id);
    return report(ctx, id, json);
}

// The detached runner behind `run` without --wait (not for people; not in --help).
int execute(Context &ctx)
{
    qint64 id = 0;
    if (!parseId(ctx.arguments.value(1), &id))
        return Usage;
    CredentialStore credentials;
    OperationEngine engine(ctx.catalog, &credentials, 1);
    if (!engine.adopt(id))
        return fail(ctx, engine.lastError());
    waitFor(engine, id);
    return report(ctx, id, false);
}

int list(Context &ctx)
{
    QCommandLineParser p;
    p.addOptions({{QStringLiteral("datastore"), QStringLiteral("Only this datastore's."),
                   QStringLiteral("NAME")},
                  {QStringLiteral("limit"), QStringLiteral("At most N (default 100)."),
                   QStringLiteral("N"), QStringLiteral("100")},
                  {QStringLiteral("json"), QStringLiteral("Print JSON.")}});
    if (!parse(ctx, p, kUsage))
        return ctx.helpShown ? Success : Usage;
    QList<Operation> ops;
    if (p.isSet(QStringLiteral("datastore"))) {
        const auto d = ctx.catalog->datastoreByName(p.value(QStringLiteral("datastore")));
        if (!d)
            return fail(ctx, QStringLiteral("no datastore named '%1'")
                                 .arg(p.value(QStringLiteral("datastore"))));
        ops = ctx.catalog->operations(d->id);
    } else {
        ops = ctx.catalog->allOperations(qMax(1, p.value(QStringLiteral("limit")).toInt()));
    }
    ops = ops.mid(0, qMax(1, p.value(QStringLiteral("limit")).toInt()));
    if (p.isSet(QStringLiteral("json"))) {
        QJsonArray array;
        for (const Operation &op : ops)
            array << operationJson(*ctx.catalog, op);
        printJson(ctx, array);
        return Success;
    }
    QList<QStringList> rows;
    for (const Operation &op : ops) {
        const auto d = ctx.catalog->datastore(op.datastoreId);
        const qint64 ms =
            op.startedAt.isValid()
                ? op.startedAt.msecsTo(op.endedAt.isValid() ? op.endedAt : Clock::utcNow())
                : 0;
        rows << QStringList{
            QString::number(op.id),
            op.type,
            op.status,
            d ? d->name : QString(),
            op.createdAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
            QStringLiteral("%1 s").arg(ms / 1000.0, 0, 'f', 1),
            op.triggeredBy};
    }
    printTable(ctx,
               {QStringLiteral("ID"), QStringLiteral("TYPE"), QStringLiteral("STATUS"),
                QStringLiteral("DATASTORE"), QStringLiteral("CREATED"), QStringLiteral("DURATION"),
                QStringLiteral("BY")},
               rows);
    return Success;
}

int show(Context &ctx)
{
    QCommandLineParser p;
    p.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
    p.addPositionalArgument(QStringLiteral("id"), QStringLiteral("The operation's id."));
    if (!parse(ctx, p, kUsage))
        return ctx.helpShown ? Success : Usage;
    qint64 id = 0;
    if (!parseId(p.positionalArguments().value(0), &id))
        return fail(ctx, QStringLiteral("give the operation's id"), kUsage, Usage);
    const auto op = ctx.catalog->operation(id);
    if (!op)
        return fail(ctx, QStringLiteral("operation %1 does not exist").arg(id));
    if (p.isSet(QStringLiteral("json"))) {
        QJsonObject o = operationJson(*ctx.catalog, *op);
        QJsonArray log;
        for (const OperationLogEntry &e : ctx.catalog->operationLog(id))
            log << QJsonObject{{QStringLiteral("time"), text::fromTime(e.at)},
                               {QStringLiteral("level"), e.level},
                               {QStringLiteral("message"), e.message}};
        o.insert(QStringLiteral("log"), log);
        printJson(ctx, o);
        return Success;
    }
    const QJsonObject o = operationJson(*ctx.catalog, *op);
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (it.value().isArray() || it.value().isObject())
            continue; // details and lists: see --json
        QString value = it.value().toVariant().toString();
        if (it.value().isBool())
            value = it.value().toBool() ? QStringLiteral("true") : QStringLiteral("false");
        if (it.value().isNull())
            value = QStringLiteral("-");
        *ctx.out << (it.key() + QLatin1Char(':')).leftJustified(24) << value << "\n";
    }
    const OperationShortfalls shortfalls = OperationShortfalls::of(*op);
    if (!shortfalls.isEmpty()) {
        *ctx.out << "left out:\n";
        printShortfalls(ctx, shortfalls);
    }
    *ctx.out << "log:\n";
    for (const OperationLogEntry &e : ctx.catalog->operationLog(id))
        *ctx.out << "  " << e.at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                 << "  " << e.level.leftJustified(8) << e.message << "\n";
    return Success;
}

int abort(Context &ctx)
{
    qint64 id = 0;
    if (!parseId(ctx.arguments.value(1), &id))
        return fail(ctx, QStringLiteral("give the operation's id"), kUsage, Usage);
    const auto op = ctx.catalog->operation(id);
    if (!op)
        return fail(ctx, QStringLiteral("operation %1 does not exist").arg(id));
    if (op->status != operation_status::kRunning && op->status != operation_status::kQueued)
        return fail(ctx, QStringLiteral("operation %1 is %2, not running").arg(id).arg(op->status));
    // The process running it polls for the request and cancels the running statement.
    if (!ctx.catalog->requestOperationAbort(id))
        return fail(ctx, ctx.catalog->lastError());
    *ctx.out << QStringLiteral("Abort of operation %1 requested.\n").arg(id);
    return Success;
}

int resume(Context &ctx)
{
    QCommandLineParser p;
    p.addOptions({{QStringLiteral("wait"), QStringLiteral("Wait for the end.")},
                  {QStringLiteral("json"), QStringLiteral("Print JSON.")}});
    p.addPositionalArgument(QStringLiteral("id"), QStringLiteral("The operation's id."));
    if (!parse(ctx, p, kUsage))
        return ctx.helpShown ? Success : Usage;
    qint64 id = 0;
    if (!parseId(p.positionalArguments().value(0), &id))
        return fail(ctx, QStringLiteral("give the operation's id"), kUsage, Usage);
    auto op = ctx.catalog->operation(id);
    if (!op)
        return fail(ctx, QStringLiteral("operation %1 does not exist").arg(id));
    const bool json = p.isSet(QStringLiteral("json"));
    CredentialStore credentials;
    OperationEngine engine(ctx.catalog, &credentials, 1);
    engine.recoverInterrupted(); // a run killed moments ago is still marked running
    if (p.isSet(QStringLiteral("wait"))) {
        if (!engine.resume(id))
            return fail(ctx, engine.lastError());
        waitFor(engine, id);
        return report(ctx, id, json);
    }
    QString error;
    if (!operation_records::requeue(*ctx.catalog, id, QString(), &error))
        return fail(ctx, error);
    return runDetached(ctx, id, json);
}

} // namespace

int runOperations(Context &ctx)
{
    return dispatch(ctx, QStringLiteral("operations"), kUsage,
                    {
                        {"run", run},
                        {"execute", execute},
                        {"list", list},
                        {"show", show},
                        {"abort", abort},
                        {"resume", resume},
                    });
}

} // namespace assay::cli
