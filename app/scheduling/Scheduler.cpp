#include "app/scheduling/Scheduler.h"

#include "app/engine/OperationContext.h"
#include "app/engine/OperationEngine.h"
#include "app/engine/ProcessIdentity.h"
#include "app/scheduling/CronExpression.h"
#include "models/catalog/Catalog.h"
#include "models/domain/Clock.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcScheduler, "assay.scheduler")

namespace assay {

namespace {

QString iso(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODate);
}

} // namespace

Scheduler::Scheduler(Catalog *catalog, OperationEngine *engine, QObject *parent)
    : QObject(parent), m_catalog(catalog), m_engine(engine)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &Scheduler::tick);
    // A schedule added, edited, paused or removed (a datastore removal takes its schedules).
    connect(m_catalog, &Catalog::schedulesChanged, this, [this] {
        if (!m_running)
            arm();
    });
    connect(m_catalog, &Catalog::datastoreRemoved, this, [this] {
        if (!m_running)
            arm();
    });
}

void Scheduler::start()
{
    m_started = true;
    catchUp();
    arm();
}

void Scheduler::stop()
{
    m_started = false;
    m_timer.stop();
}

int Scheduler::sleepMs() const
{
    return m_timer.isActive() ? m_timer.interval() : -1;
}

int Scheduler::tick()
{
    return runDue(Pass::Tick);
}

int Scheduler::catchUp()
{
    return runDue(Pass::CatchUp);
}

int Scheduler::runDue(Pass pass)
{
    m_running = true;
    const QDateTime now = Clock::utcNow();
    int fired = 0;
    for (const Schedule &s : m_catalog->schedules()) {
        if (!s.enabled)
            continue;
        if (!s.nextRunAt.isValid()) {
            // Saved without a next run (or its cron never fires): find it, run nothing yet.
            const QDateTime next = nextRun(s, now);
            if (next.isValid())
                m_catalog->warnUnless(m_catalog->recordScheduleRun(s.id, QDateTime(), next),
                                      "recordScheduleRun");
            continue;
        }
        if (s.nextRunAt > now)
            continue;
        const bool late = s.nextRunAt.secsTo(now) > kCatchUpGraceSecs;
        if (pass == Pass::CatchUp && !late)
            continue;
        // Missed slots collapse into this one run: the next is the first slot after now.
        const QDateTime next = nextRun(s, now);
        if (!m_catalog->claimScheduleSlot(s.id, s.nextRunAt, next)) {
            qCDebug(lcScheduler) << "schedule" << s.name << "was run by another process";
            continue;
        }
        QString reason;
        const qint64 operationId = fire(s, late, &reason);
        if (operationId) {
            m_catalog->warnUnless(m_catalog->recordScheduleRun(s.id, now, next),
                                  "recordScheduleRun");
            ++fired;
            emit scheduleFired(s.id, operationId);
        } else {
            note(s, tr("skipped: %1").arg(reason));
            emit scheduleSkipped(s.id, reason);
        }
    }
    m_running = false;
    arm();
    return fired;
}

qint64 Scheduler::fire(const Schedule &s, bool catchUp, QString *skipReason)
{
    QString error;
    if (!CronExpression::parse(s.cron, &error).isValid()) {
        *skipReason = tr("its cron expression “%1” is invalid (%2)").arg(s.cron, error);
        return 0;
    }
    if (!canRun(s.operationType)) {
        *skipReason = tr("%1 operations are not available yet")
                          .arg(operation_type::displayName(s.operationType));
        return 0;
    }
    if (const qint64 previous = unfinishedRun(s)) {
        *skipReason =
            tr("its previous run (operation %1) is still queued or running").arg(previous);
        return 0;
    }
    if (!m_engine) {
        *skipReason = tr("no operation engine is available");
        return 0;
    }
    OperationRequest request;
    request.datastoreId = s.datastoreId;
    request.type = s.operationType;
    request.options = s.options;
    request.triggeredBy = QStringLiteral("schedule");
    request.scheduleId = s.id;
    if (catchUp)
        request.options.insert(QStringLiteral("catch_up"), true);
    const qint64 id = m_engine->enqueue(request);
    if (!id) {
        *skipReason = m_engine->lastError();
        return 0;
    }
    if (catchUp) {
        m_catchUps.insert(id);
        m_catalog->warnUnless(
            m_catalog->appendOperationLog(
                id,
                {QDateTime(), QStringLiteral("info"),
                 tr("Catch-up run of schedule “%1”: its run at %2 was missed while Assay was not "
                    "running.")
                     .arg(s.name, iso(s.nextRunAt))}),
            "appendOperationLog");
    }
    note(s, catchUp ? tr("queued operation %1 (catch-up of %2)").arg(id).arg(iso(s.nextRunAt))
                    : tr("queued operation %1").arg(id));
    return id;
}

qint64 Scheduler::unfinishedRun(const Schedule &s) const
{
    const QString self = currentRunnerId();
    for (const Operation &op : m_catalog->unfinishedOperations()) {
        if (op.scheduleId != s.id)
            continue;
        // Queued or running in this process's engine (the datastore is busy with it)...
        if (m_engine && m_engine->isDatastoreBusy(op.datastoreId) && m_engine->isActive(op.id))
            return op.id;
        // ...or in another live process (the window, a CLI runner). A record whose process died
        // blocks nothing: the engine's crash recovery marks it aborted.
        if (op.runner != self && isRunnerAlive(op.runner))
            return op.id;
    }
    return 0;
}

void Scheduler::note(const Schedule &s, const QString &text)
{
    const QString line = QStringLiteral("%1 %2: %3").arg(iso(Clock::utcNow()), s.name, text);
    m_log << line;
    while (m_log.size() > kLogSize)
        m_log.removeFirst();
    qCInfo(lcScheduler).noquote() << line;
}

void Scheduler::arm()
{
    if (!m_started)
        return;
    const QDateTime now = Clock::utcNow();
    qint64 sleep = kMaxSleepMs;
    for (const Schedule &s : m_catalog->schedules()) {
        if (!s.enabled || !s.nextRunAt.isValid())
            continue;
        const qint64 until = now.msecsTo(s.nextRunAt);
        // Already due but not run (another process holds it, or the Catalog is busy): look
        // again in a second rather than spin.
        sleep = qMin(sleep, until > 0 ? until : qint64(1000));
    }
    m_timer.start(int(sleep));
}

bool Scheduler::prepare(Schedule &schedule, const QDateTime &nowUtc, QString *error)
{
    const CronExpression cron = CronExpression::parse(schedule.cron, error);
    if (!cron.isValid())
        return false;
    schedule.cron = schedule.cron.simplified();
    schedule.nextRunAt = cron.nextAfter(nowUtc);
    if (!schedule.nextRunAt.isValid()) {
        if (error)
            *error = tr("“%1” never runs: no date in the next %2 years matches it")
                         .arg(schedule.cron)
                         .arg(CronExpression::kSearchYears);
        return false;
    }
    return true;
}

QDateTime Scheduler::nextRun(const Schedule &schedule, const QDateTime &nowUtc)
{
    return CronExpression::parse(schedule.cron).nextAfter(nowUtc);
}

bool Scheduler::setEnabled(Catalog &catalog, qint64 scheduleId, bool enabled,
                           const QDateTime &nowUtc, QString *error)
{
    auto s = catalog.schedule(scheduleId);
    if (!s) {
        if (error)
            *error = tr("The schedule no longer exists.");
        return false;
    }
    s->enabled = enabled;
    if (enabled)
        s->nextRunAt = nextRun(*s, nowUtc);
    if (catalog.updateSchedule(*s))
        return true;
    if (error)
        *error = catalog.lastError();
    return false;
}

bool Scheduler::canRun(const QString &operationType)
{
    return createOperationRunner(operationType) != nullptr;
}

} // namespace assay
