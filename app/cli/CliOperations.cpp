#include "app/cli/CliRunOptions.h"
#include "app/cli/CliSupport.h"
#include "app/engine/OperationEngine.h"
#include "app/engine/OperationRecords.h"
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
    if (s.unwrittenEnrichment > 0)
        *ctx.out << QStringLiteral("  not yet in the enrichment datastore: the results of %1 "
                                   "container(s); resume this operation or run the next scan "
                                   "to write them\n")
                        .arg(s.unwrittenEnrichment);
}

// Prints an operation the way `run --wait`, `resume --wait` and `show` do; returns the exit code
// a waiting command gives for it: 0 success, 3 warning, 1 anything else.
int report(Context &ctx, qint64 operationId, bool json)
{
    const auto op = ctx.catalog->operation(operationId);
    if (!op)
        return fail(ctx, QStringLiteral("operation %1 does not exist").arg(operationId));
    const OperationShortfalls shortfalls = ctx.catalog->operationShortfalls(*op);
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

// Says a detached runner has the operation (see startRunner), so this command returns at once.
int announceQueued(Context &ctx, qint64 operationId, bool json)
{
    if (json)
        printJson(ctx, operationJson(*ctx.catalog, *ctx.catalog->operation(operationId)));
    else
        *ctx.out << QStringLiteral("Operation %1 queued; follow it with 'assay operations show "
                                   "%1'.\n")
                        .arg(operationId);
    return Success;
}

// Without --wait the operation runs in a detached runner process, so this command returns at once.
int runDetached(Context &ctx, qint64 operationId, bool json)
{
    QString error;
    if (!startRunner(ctx, operationId, &error))
        return fail(ctx, error);
    return announceQueued(ctx, operationId, json);
}

// Queues `request` and either hands it to a detached runner (returns at once) or, with `wait`,
// runs it here and reports its end.
int submit(Context &ctx, const OperationRequest &request, bool wait, bool json)
{
    if (!wait) {
        QString error;
        const qint64 id = queueDetached(ctx, request, &error);
        return id ? announceQueued(ctx, id, json) : fail(ctx, error);
    }
    CredentialStore credentials;
    OperationEngine engine(ctx.catalog, &credentials, 1);
    const qint64 id = engine.enqueue(request);
    if (!id)
        return fail(ctx, engine.lastError());
    waitFor(engine, id);
    return report(ctx, id, json);
}

// `run TYPE`: TYPE's own options (CliRunOptions) beside the datastore, --wait and --json.
int runOperation(Context &ctx, const RunOptionParser &type)
{
    QCommandLineParser p;
    p.addOptions({
        {QStringLiteral("datastore"), QStringLiteral("The datastore's name."),
         QStringLiteral("NAME")},
        {QStringLiteral("wait"),
         QStringLiteral("Wait for the end; exit 0 on success, 3 on a warning, 1 otherwise.")},
        {QStringLiteral("json"), QStringLiteral("Print the operation as JSON.")},
    });
    type.declare(p);
    if (!parse(ctx, p, kUsage))
        return ctx.helpShown ? Success : Usage;
    const QString name = p.value(QStringLiteral("datastore"));
    if (!p.isSet(QStringLiteral("datastore")))
        return fail(ctx, QStringLiteral("--datastore is required"),
                    QStringLiteral("see 'assay datastores list'"), Usage);
    const auto datastore = findDatastore(*ctx.catalog, name);
    if (!datastore)
        return fail(ctx,
                    datastore.failed() ? datastore.error()
                                       : QStringLiteral("no datastore named '%1'").arg(name),
                    QStringLiteral("see 'assay datastores list'"));
    const Result<QJsonObject> options = type.read(p);
    if (options.failed())
        return fail(ctx, options.error(), QString(), Usage);
    OperationRequest request;
    request.datastoreId = datastore->id;
    request.type = type.operationType;
    request.options = options.value();
    request.triggeredBy = QStringLiteral("cli");
    return submit(ctx, request, p.isSet(QStringLiteral("wait")), p.isSet(QStringLiteral("json")));
}

int run(Context &ctx)
{
    const QString type = ctx.arguments.value(1);
    for (const RunOptionParser &parser : runOptionParsers()) {
        if (type != QLatin1String(parser.name))
            continue;
        ctx.arguments.removeAt(1);
        ctx.arguments[0] += QLatin1Char(' ') + type;
        return runOperation(ctx, parser);
    }
    if (type == QLatin1String("--help") || type == QLatin1String("-h")) {
        *ctx.out << "Usage: " << kUsage << "\n";
        return Success;
    }
    return fail(
        ctx,
        type.isEmpty()
            ? QStringLiteral("name the operation to run: sync, profile or scan")
            : QStringLiteral("cannot run '%1' yet; available: sync, profile, scan").arg(type),
        kUsage, Usage);
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
        const auto d = findDatastore(*ctx.catalog, p.value(QStringLiteral("datastore")));
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
    const OperationShortfalls shortfalls = ctx.catalog->operationShortfalls(*op);
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
    if (ctx.recoveredOperations.contains(id)) {
        *ctx.out << QStringLiteral("Operation %1's process had stopped; it is now marked aborted "
                                   "(resume it with 'assay operations resume %1').\n")
                        .arg(id);
        return Success;
    }
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
    // Whatever this command reads or changes, an operation whose runner was killed is shown
    // aborted (and resumable), not running forever. The detached runner itself (`execute`) is
    // about to claim its operation and recovers nothing.
    if (ctx.arguments.value(1) != QLatin1String("execute"))
        ctx.recoveredOperations = operation_records::recoverOrphans(*ctx.catalog);
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
