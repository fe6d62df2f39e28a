#pragma once

#include "models/domain/Schedule.h"

#include <QDateTime>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QTimer>

namespace assay {

class Catalog;
class OperationEngine;

// Runs the Catalog's schedules on the OperationEngine when they fall due. Lives on the GUI (or
// CLI main) thread with the engine and does only short Catalog work there.
//
// A due schedule (enabled, next_run_at <= now) is run once: its operation is queued with
// triggered_by "schedule" and its schedule id, then next_run_at moves to the first slot after
// now, so a late tick never runs a schedule once per missed slot. A run is skipped (logged,
// scheduleSkipped) when the schedule's previous operation is still queued or running, when its
// operation type cannot run yet, or when the engine refuses it; next_run_at moves on all the
// same. A run more than kCatchUpGraceSecs late (missed while Assay was closed) is a catch-up run:
// its options gain "catch_up": true and its log says so.
//
// Several processes may share a catalog (the window, `assay schedules run-due` from a systemd
// timer): each slot is claimed in the Catalog first, so only one of them runs it.
class Scheduler : public QObject
{
    Q_OBJECT
public:
    // Later than this, a due run counts as a catch-up run.
    static constexpr int kCatchUpGraceSecs = 120;
    // The timer never sleeps longer, so a changed system clock is noticed within a minute.
    static constexpr int kMaxSleepMs = 60 * 1000;
    // recentLog() keeps this many lines.
    static constexpr int kLogSize = 200;

    Scheduler(Catalog *catalog, OperationEngine *engine, QObject *parent = nullptr);

    // Catches up (catchUp()), then arms the timer to the next due time; re-armed after each
    // tick and whenever the Catalog's schedules change.
    void start();
    void stop();
    bool isStarted() const { return m_started; }
    // The timer's current interval (ms), or -1 when it is not armed (tests).
    int sleepMs() const;

    // Runs the schedules that are due now; returns how many operations it queued.
    int tick();
    // At start-up: runs, once each and marked as catch-up, the schedules whose slot passed
    // more than kCatchUpGraceSecs ago (missed while Assay was closed); returns how many ran.
    int catchUp();

    // The latest fire/skip notes, oldest first ("2027-01-01T06:30:00Z nightly: skipped, ...").
    QStringList recentLog() const { return m_log; }
    // Whether this scheduler queued `operationId` as a catch-up run (operation types may rewrite
    // their options, so the "catch_up" mark is not always visible in the operation's record).
    bool isCatchUpRun(qint64 operationId) const { return m_catchUps.contains(operationId); }

    // Checks `schedule.cron`, tidies it, and sets nextRunAt to its first slot after `nowUtc`.
    // False with `error` (the cron field and token at fault) when the expression is invalid.
    static bool prepare(Schedule &schedule, const QDateTime &nowUtc, QString *error);
    // The first slot of `schedule` after `nowUtc`; invalid when its cron is (or never fires).
    static QDateTime nextRun(const Schedule &schedule, const QDateTime &nowUtc);
    // Pauses or resumes a schedule. Resuming sets next_run_at to the first slot after `nowUtc`:
    // slots that passed while it was paused are not caught up.
    static bool setEnabled(Catalog &catalog, qint64 scheduleId, bool enabled,
                           const QDateTime &nowUtc, QString *error);
    // Whether operations of `type` can run in this build (Sync today; Profile and Scan later).
    static bool canRun(const QString &operationType);

signals:
    void scheduleFired(qint64 scheduleId, qint64 operationId);
    void scheduleSkipped(qint64 scheduleId, const QString &reason);

private:
    enum class Pass { Tick, CatchUp };
    int runDue(Pass pass);
    // Runs one due schedule; returns the queued operation's id, 0 when skipped.
    qint64 fire(const Schedule &schedule, bool catchUp, QString *skipReason);
    // The id of a still queued or running operation started by the schedule, else 0.
    qint64 unfinishedRun(const Schedule &schedule) const;
    void note(const Schedule &schedule, const QString &text);
    void arm();

    Catalog *m_catalog;
    OperationEngine *m_engine;
    QTimer m_timer;
    QStringList m_log;
    QSet<qint64> m_catchUps;
    bool m_started = false;
    bool m_running = false; // inside tick()/catchUp(): Catalog notices do not re-arm
};

} // namespace assay
