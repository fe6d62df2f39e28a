#include "app/cli/CliSupport.h"
#include "app/engine/OperationEngine.h"
#include "app/engine/sync/SyncOperation.h"
#include "app/scheduling/CronExpression.h"
#include "app/scheduling/Scheduler.h"
#include "app/secrets/CredentialStore.h"
#include "models/domain/Clock.h"
#include "models/domain/Json.h"
#include "models/domain/Operation.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QSet>

namespace assay::cli {

namespace {

// The context of this file's translatable text.
class CliSchedules
{
    Q_DECLARE_TR_FUNCTIONS(CliSchedules)
};

const QString kUsage = QStringLiteral(
    "assay schedules create --datastore NAME --operation sync|profile|scan --name NAME\n"
    "         --cron EXPR [--prune] [--recreate] [--include table,view] [--paused] [--json]\n"
    "       assay schedules list [--json]\n"
    "       assay schedules delete NAME\n"
    "       assay schedules pause NAME\n"
    "       assay schedules resume NAME\n"
    "       assay schedules run-due [--json]");

QString iso(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODate) : QString();
}

QJsonValue isoOrNull(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(iso(time)) : QJsonValue();
}

// The CLI's operation names (the API's type for Sync is "catalog").
QString cliOperation(const QString &type)
{
    return type == operation_type::kSync ? QStringLiteral("sync") : type;
}

QString operationType(const QString &cliName)
{
    const QString name = cliName.trimmed().toLower();
    if (name == QLatin1String("sync") || name == operation_type::kSync)
        return operation_type::kSync;
    if (name == operation_type::kProfile || name == operation_type::kScan)
        return name;
    return QString();
}

QJsonObject scheduleJson(const Catalog &catalog, const Schedule &s)
{
    const CronExpression cron = CronExpression::parse(s.cron);
    const auto datastore = catalog.datastore(s.datastoreId);
    return QJsonObject{
        {QStringLiteral("id"), s.id},
        {QStringLiteral("name"), s.name},
        {QStringLiteral("datastore"), datastore ? datastore->name : QString()},
        {QStringLiteral("datastore_id"), s.datastoreId},
        {QStringLiteral("operation"), cliOperation(s.operationType)},
        {QStringLiteral("type"), s.operationType},
        {QStringLiteral("crontab"), s.cron},
        {QStringLiteral("description"), cron.describe()},
        {QStringLiteral("enabled"), s.enabled},
        {QStringLiteral("next_run"), isoOrNull(s.nextRunAt)},
        {QStringLiteral("last_run"), isoOrNull(s.lastRunAt)},
        {QStringLiteral("options"), s.options},
        {QStringLiteral("created"), iso(s.createdAt)},
    };
}

// Sync's options from --prune, --recreate and --include; false with `error` on a bad --include.
bool syncOptions(const QCommandLineParser &p, QJsonObject *options, QString *error)
{
    SyncOptions sync;
    sync.prune = p.isSet(QStringLiteral("prune"));
    sync.recreate = p.isSet(QStringLiteral("recreate"));
    if (p.isSet(QStringLiteral("include"))) {
        sync.includeTables = sync.includeViews = false;
        const QStringList kinds =
            p.value(QStringLiteral("include")).split(QLatin1Char(','), Qt::SkipEmptyParts);
        for (const QString &kind : kinds) {
            const QString k = kind.trimmed().toLower();
            if (k == QLatin1String("table") || k == QLatin1String("tables")) {
                sync.includeTables = true;
            } else if (k == QLatin1String("view") || k == QLatin1String("views")) {
                sync.includeViews = true;
            } else {
                *error =
                    CliSchedules::tr("--include takes table, view or both, not '%1'").arg(kind);
                return false;
            }
        }
        if (kinds.isEmpty()) {
            *error = CliSchedules::tr("--include takes table, view or both");
            return false;
        }
    }
    *options = sync.toJson();
    return true;
}

std::optional<Schedule> named(Context &ctx, QCommandLineParser &p, const QString &verb, int *code)
{
    p.addPositionalArgument(QStringLiteral("name"), CliSchedules::tr("The schedule's name."));
    if (!parse(ctx, p, kUsage)) {
        *code = ctx.helpShown ? Success : Usage;
        return std::nullopt;
    }
    if (p.positionalArguments().size() != 1) {
        *code = fail(ctx, CliSchedules::tr("name one schedule to %1").arg(verb), kUsage, Usage);
        return std::nullopt;
    }
    const QString name = p.positionalArguments().constFirst();
    auto s = ctx.catalog->scheduleByName(name);
    if (s.failed())
        *code = fail(ctx, s.error());
    else if (!s)
        *code = fail(ctx, CliSchedules::tr("no schedule named '%1'").arg(name),
                     CliSchedules::tr("see 'assay schedules list'"));
    return s.optional();
}

int create(Context &ctx)
{
    QCommandLineParser p;
    p.addOptions({
        {QStringLiteral("datastore"), CliSchedules::tr("The datastore to run on (name or id)."),
         QStringLiteral("NAME")},
        {QStringLiteral("operation"), CliSchedules::tr("sync, profile or scan."),
         QStringLiteral("OPERATION")},
        {QStringLiteral("name"), CliSchedules::tr("Schedule name (unique)."),
         QStringLiteral("NAME")},
        {QStringLiteral("cron"),
         CliSchedules::tr("When to run, in UTC: minute hour day-of-month month day-of-week."),
         QStringLiteral("EXPR")},
        {QStringLiteral("prune"),
         CliSchedules::tr("Sync: remove containers that no longer exist.")},
        {QStringLiteral("recreate"),
         CliSchedules::tr("Sync: restore removed containers that exist again.")},
        {QStringLiteral("include"), CliSchedules::tr("Sync: table, view or table,view (default)."),
         QStringLiteral("KINDS")},
        {QStringLiteral("paused"), CliSchedules::tr("Create the schedule paused.")},
        {QStringLiteral("json"), CliSchedules::tr("Print JSON.")},
    });
    if (!parse(ctx, p, kUsage))
        return ctx.helpShown ? Success : Usage;
    const QString name = p.value(QStringLiteral("name")).trimmed();
    if (name.isEmpty())
        return fail(ctx, CliSchedules::tr("--name is required"), QString(), Usage);
    const QString type = operationType(p.value(QStringLiteral("operation")));
    if (type.isEmpty())
        return fail(ctx,
                    p.isSet(QStringLiteral("operation"))
                        ? CliSchedules::tr("--operation takes sync, profile or scan, not '%1'")
                              .arg(p.value(QStringLiteral("operation")))
                        : CliSchedules::tr("--operation is required (sync, profile or scan)"),
                    QString(), Usage);
    if (!p.isSet(QStringLiteral("cron")))
        return fail(
            ctx, CliSchedules::tr("--cron is required"),
            CliSchedules::tr("five fields in UTC, e.g. --cron '0 2 * * *' for 02:00 every day"),
            Usage);
    const QString datastoreName = p.value(QStringLiteral("datastore"));
    if (datastoreName.isEmpty())
        return fail(ctx, CliSchedules::tr("--datastore is required"),
                    CliSchedules::tr("see 'assay datastores list'"), Usage);
    auto datastore = findDatastore(*ctx.catalog, datastoreName);
    bool numeric = false;
    const qint64 datastoreId = datastoreName.toLongLong(&numeric);
    if (!datastore && numeric)
        datastore = ctx.catalog->datastore(datastoreId);
    if (!datastore)
        return fail(ctx, CliSchedules::tr("no datastore named '%1'").arg(datastoreName),
                    CliSchedules::tr("see 'assay datastores list'"));

    Schedule s;
    s.name = name;
    s.datastoreId = datastore->id;
    s.operationType = type;
    s.cron = p.value(QStringLiteral("cron"));
    s.enabled = !p.isSet(QStringLiteral("paused"));
    const bool syncFlags = p.isSet(QStringLiteral("prune")) ||
                           p.isSet(QStringLiteral("recreate")) ||
                           p.isSet(QStringLiteral("include"));
    if (type == operation_type::kSync) {
        QString error;
        if (!syncOptions(p, &s.options, &error))
            return fail(ctx, error, QString(), Usage);
    } else if (syncFlags) {
        return fail(
            ctx, CliSchedules::tr("--prune, --recreate and --include apply to sync schedules only"),
            QString(), Usage);
    }
    QString error;
    if (!Scheduler::prepare(s, Clock::utcNow(), &error))
        return fail(
            ctx, CliSchedules::tr("invalid cron expression: %1").arg(error),
            CliSchedules::tr("five fields in UTC: minute (0-59) hour (0-23) day-of-month (1-31) "
                             "month (1-12) day-of-week (0-7, 0 and 7 are Sunday)"),
            Usage);
    s.id = ctx.catalog->addSchedule(s);
    if (!s.id)
        return fail(ctx, ctx.catalog->lastError());
    const Schedule created = *ctx.catalog->schedule(s.id);
    if (p.isSet(QStringLiteral("json"))) {
        printJson(ctx, scheduleJson(*ctx.catalog, created));
    } else {
        *ctx.out << CliSchedules::tr("Created schedule '%1': %2 of '%3', %4. Next run: %5.\n")
                        .arg(name, cliOperation(type), datastore->name,
                             CronExpression::parse(created.cron).describe(),
                             created.enabled ? iso(created.nextRunAt)
                                             : CliSchedules::tr("none (paused)"));
        if (!Scheduler::canRun(type))
            *ctx.out << CliSchedules::tr(
                            "Note: %1 operations are not available yet; runs will be skipped until "
                            "they are.\n")
                            .arg(cliOperation(type));
    }
    return Success;
}

int list(Context &ctx)
{
    QCommandLineParser p;
    p.addOption({QStringLiteral("json"), CliSchedules::tr("Print JSON.")});
    if (!parse(ctx, p, kUsage))
        return ctx.helpShown ? Success : Usage;
    const QList<Schedule> all = ctx.catalog->schedules();
    if (p.isSet(QStringLiteral("json"))) {
        QJsonArray array;
        for (const Schedule &s : all)
            array << scheduleJson(*ctx.catalog, s);
        printJson(ctx, array);
        return Success;
    }
    QList<QStringList> rows;
    for (const Schedule &s : all) {
        const auto d = ctx.catalog->datastore(s.datastoreId);
        rows << QStringList{QString::number(s.id),
                            s.name,
                            d ? d->name : QString(),
                            cliOperation(s.operationType),
                            s.cron,
                            s.enabled ? CliSchedules::tr("enabled") : CliSchedules::tr("paused"),
                            s.enabled && s.nextRunAt.isValid() ? iso(s.nextRunAt)
                                                               : QStringLiteral("-"),
                            CronExpression::parse(s.cron).describe()};
    }
    printTable(ctx,
               {CliSchedules::tr("ID"), CliSchedules::tr("NAME"), CliSchedules::tr("DATASTORE"),
                CliSchedules::tr("OPERATION"), CliSchedules::tr("CRONTAB"),
                CliSchedules::tr("STATE"), CliSchedules::tr("NEXT RUN (UTC)"),
                CliSchedules::tr("WHEN")},
               rows);
    return Success;
}

int remove(Context &ctx)
{
    QCommandLineParser p;
    int code = Success;
    const auto s = named(ctx, p, CliSchedules::tr("delete"), &code);
    if (!s)
        return code;
    if (!ctx.catalog->removeSchedule(s->id))
        return fail(ctx, ctx.catalog->lastError());
    *ctx.out
        << CliSchedules::tr("Deleted schedule '%1' (its past operations remain).\n").arg(s->name);
    return Success;
}

int setEnabled(Context &ctx, bool enabled)
{
    QCommandLineParser p;
    p.addOption({QStringLiteral("json"), CliSchedules::tr("Print JSON.")});
    int code = Success;
    const auto s =
        named(ctx, p, enabled ? CliSchedules::tr("resume") : CliSchedules::tr("pause"), &code);
    if (!s)
        return code;
    QString error;
    if (!Scheduler::setEnabled(*ctx.catalog, s->id, enabled, Clock::utcNow(), &error))
        return fail(ctx, error);
    const Schedule updated = *ctx.catalog->schedule(s->id);
    if (p.isSet(QStringLiteral("json")))
        printJson(ctx, scheduleJson(*ctx.catalog, updated));
    else if (enabled)
        *ctx.out << CliSchedules::tr("Resumed schedule '%1'. Next run: %2.\n")
                        .arg(updated.name, updated.nextRunAt.isValid() ? iso(updated.nextRunAt)
                                                                       : CliSchedules::tr("none"));
    else
        *ctx.out << CliSchedules::tr("Paused schedule '%1'.\n").arg(updated.name);
    return Success;
}

// Runs what is due (catch-up first), headless, and waits for the operations it started.
int runDue(Context &ctx)
{
    QCommandLineParser p;
    p.addOption({QStringLiteral("json"), CliSchedules::tr("Print JSON.")});
    if (!parse(ctx, p, kUsage))
        return ctx.helpShown ? Success : Usage;
    const bool json = p.isSet(QStringLiteral("json"));

    CredentialStore credentials;
    OperationEngine engine(ctx.catalog, &credentials, 2);
    Scheduler scheduler(ctx.catalog, &engine);

    struct Fired
    {
        qint64 scheduleId = 0;
        qint64 operationId = 0;
    };
    QList<Fired> fired;
    QList<QPair<qint64, QString>> skipped;
    QSet<qint64> waiting;
    QObject::connect(&scheduler, &Scheduler::scheduleFired, &scheduler,
                     [&](qint64 scheduleId, qint64 operationId) {
                         fired << Fired{scheduleId, operationId};
                         waiting.insert(operationId);
                     });
    QObject::connect(&scheduler, &Scheduler::scheduleSkipped, &scheduler,
                     [&](qint64 scheduleId, const QString &reason) {
                         skipped << qMakePair(scheduleId, reason);
                     });
    QEventLoop loop;
    QObject::connect(&engine, &OperationEngine::operationFinished, &loop, [&](qint64 id) {
        waiting.remove(id);
        if (waiting.isEmpty())
            loop.quit();
    });
    scheduler.catchUp();
    scheduler.tick();
    // Operations that end before the loop starts (a failure found while queueing) are gone
    // from the engine already.
    for (auto it = waiting.begin(); it != waiting.end();)
        it = engine.isActive(*it) ? std::next(it) : waiting.erase(it);
    if (!waiting.isEmpty())
        loop.exec();

    auto scheduleName = [&](qint64 id) {
        const auto s = ctx.catalog->schedule(id);
        return s ? s->name : QString::number(id);
    };
    bool failed = false;
    QJsonArray ran;
    QJsonArray skips;
    for (const Fired &f : fired) {
        const auto op = ctx.catalog->operation(f.operationId);
        const QString status = op ? op->status : operation_status::kFailure;
        const bool good =
            status == operation_status::kSuccess || status == operation_status::kWarning;
        failed = failed || !good;
        const bool catchUp = scheduler.isCatchUpRun(f.operationId);
        if (json) {
            QJsonObject o = op ? operationJson(*ctx.catalog, *op) : QJsonObject();
            o.insert(QStringLiteral("schedule"), scheduleName(f.scheduleId));
            o.insert(QStringLiteral("schedule_id"), f.scheduleId);
            o.insert(QStringLiteral("catch_up"), catchUp);
            ran << o;
        } else {
            *ctx.out << CliSchedules::tr("Schedule '%1': operation %2 %3%4%5\n")
                            .arg(scheduleName(f.scheduleId))
                            .arg(f.operationId)
                            .arg(status, catchUp ? CliSchedules::tr(" (catch-up)") : QString(),
                                 op && !op->message.isEmpty() ? QStringLiteral(" — ") + op->message
                                                              : QString());
        }
    }
    for (const auto &[scheduleId, reason] : std::as_const(skipped)) {
        if (json)
            skips << QJsonObject{{QStringLiteral("schedule"), scheduleName(scheduleId)},
                                 {QStringLiteral("schedule_id"), scheduleId},
                                 {QStringLiteral("reason"), reason}};
        else
            *ctx.out << CliSchedules::tr("Schedule '%1': skipped, %2\n")
                            .arg(scheduleName(scheduleId), reason);
    }
    if (json)
        printJson(ctx,
                  QJsonObject{{QStringLiteral("ran"), ran}, {QStringLiteral("skipped"), skips}});
    else if (fired.isEmpty() && skipped.isEmpty())
        *ctx.out << CliSchedules::tr("Nothing is due.\n");
    ctx.out->flush();
    if (failed)
        return fail(ctx, CliSchedules::tr("a scheduled operation did not succeed"),
                    CliSchedules::tr("see 'assay operations list'"));
    return Success;
}

} // namespace

int runSchedules(Context &ctx)
{
    return dispatch(ctx, QStringLiteral("schedules"), kUsage,
                    {
                        {"create", create},
                        {"list", list},
                        {"delete", remove},
                        {"pause", [](Context &c) { return setEnabled(c, false); }},
                        {"resume", [](Context &c) { return setEnabled(c, true); }},
                        {"run-due", runDue},
                    });
}

} // namespace assay::cli
