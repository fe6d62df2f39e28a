#include "TestSupport.h"
#include "app/engine/OperationContext.h"
#include "app/engine/OperationEngine.h"
#include "app/scheduling/Scheduler.h"
#include "app/secrets/CredentialStore.h"
#include "models/catalog/Catalog.h"
#include "models/domain/Clock.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <atomic>

using namespace assay;

namespace {

const QString kQuick = QStringLiteral("test-quick");
const QString kSlow = QStringLiteral("test-slow");
const QString kMissing = QStringLiteral("test-missing"); // no runner registered

std::atomic<bool> g_releaseSlow{false};

class QuickRunner : public OperationRunner
{
public:
    OperationOutcome run(OperationContext &) override
    {
        return {operation_status::kSuccess, QStringLiteral("quick")};
    }
};

// Holds its datastore busy until released (or aborted).
class SlowRunner : public OperationRunner
{
public:
    OperationOutcome run(OperationContext &context) override
    {
        while (!g_releaseSlow && !context.isCancelled())
            QThread::msleep(10);
        return {context.isCancelled() ? operation_status::kAborted : operation_status::kSuccess,
                QString()};
    }
};

QDateTime utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s), Qt::UTC);
}

struct CliResult
{
    int code = -1;
    QByteArray out;
    QString err;
};

} // namespace

class TestScheduler : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_catalogPath;
    Catalog m_catalog;
    CredentialStore m_credentials;
    std::unique_ptr<OperationEngine> m_engine;
    ManualClock m_clock{utc(2027, 1, 1)};
    qint64 m_datastore = 0;

    qint64 addSchedule(const QString &name, const QString &type, const QString &cron)
    {
        Schedule s;
        s.name = name;
        s.datastoreId = m_datastore;
        s.operationType = type;
        s.cron = cron;
        QString error;
        if (!Scheduler::prepare(s, m_clock.nowUtc(), &error)) {
            qWarning() << error;
            return 0;
        }
        return m_catalog.addSchedule(s);
    }

    QList<Operation> operationsOf(qint64 scheduleId)
    {
        QList<Operation> out;
        for (const Operation &op : m_catalog.operations(m_datastore))
            if (op.scheduleId == scheduleId)
                out << op;
        return out;
    }

    bool waitIdle()
    {
        return QTest::qWaitFor([this] { return m_engine->isIdle(); }, 20000);
    }

    CliResult cli(const QStringList &args)
    {
        QProcess process;
        process.setProgram(test::assayBinary());
        process.setArguments(QStringList{QStringLiteral("--catalog"), m_catalogPath} + args);
        process.start();
        CliResult r;
        if (!process.waitForFinished(60000)) {
            process.kill();
            process.waitForFinished();
            r.err = QStringLiteral("timed out");
            return r;
        }
        r.code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        r.out = process.readAllStandardOutput();
        r.err = QString::fromUtf8(process.readAllStandardError());
        return r;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        registerOperationRunner(kQuick, [] { return std::make_unique<QuickRunner>(); });
        registerOperationRunner(kSlow, [] { return std::make_unique<SlowRunner>(); });
        m_catalogPath = m_dir.filePath(QStringLiteral("catalog.sqlite"));
        QVERIFY(m_catalog.open(m_catalogPath));

        // A small SQLite source: Sync needs no secrets for it.
        const QString source = m_dir.filePath(QStringLiteral("source.sqlite"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), "mk");
            db.setDatabaseName(source);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)"));
            QVERIFY(q.exec("INSERT INTO customers (name) VALUES ('Ada'), ('Grace')"));
            QVERIFY(q.exec("CREATE VIEW customer_names AS SELECT name FROM customers"));
            db.close();
        }
        QSqlDatabase::removeDatabase("mk");
        Connection c;
        c.name = QStringLiteral("source");
        c.type = QStringLiteral("sqlite");
        c.database = source;
        Datastore d;
        d.name = QStringLiteral("src");
        d.connectionId = m_catalog.addConnection(c);
        QVERIFY(d.connectionId);
        d.database = source;
        d.schema = QStringLiteral("main");
        m_datastore = m_catalog.addDatastore(d);
        QVERIFY(m_datastore);
        m_engine = std::make_unique<OperationEngine>(&m_catalog, &m_credentials, 2);
    }

    void init()
    {
        g_releaseSlow = false;
        m_clock.setNowUtc(utc(2027, 1, 1));
        for (const Schedule &s : m_catalog.schedules())
            QVERIFY(m_catalog.removeSchedule(s.id));
    }

    void cleanup()
    {
        g_releaseSlow = true;
        QVERIFY(waitIdle());
    }

    void cleanupTestCase()
    {
        g_releaseSlow = true;
        waitIdle();
        m_engine.reset();
    }

    void catalogStoresSchedules()
    {
        QSignalSpy changed(&m_catalog, &Catalog::schedulesChanged);
        Schedule s;
        s.name = QStringLiteral("nightly");
        s.datastoreId = m_datastore;
        s.operationType = operation_type::kSync;
        s.cron = QStringLiteral("0 2 * * *");
        s.options = QJsonObject{{QStringLiteral("prune"), true}};
        s.nextRunAt = utc(2027, 1, 1, 2);
        const qint64 id = m_catalog.addSchedule(s);
        QVERIFY2(id, qPrintable(m_catalog.lastError()));
        QCOMPARE(changed.size(), 1);
        auto stored = m_catalog.schedule(id);
        QVERIFY(stored);
        s.id = id;
        QCOMPARE(*stored, s);
        QCOMPARE(stored->nextRunAt, s.nextRunAt);
        QVERIFY(!stored->lastRunAt.isValid());
        QVERIFY(stored->createdAt.isValid());
        QVERIFY(stored->updatedAt.isValid());
        QCOMPARE(m_catalog.scheduleByName(QStringLiteral("nightly"))->id, id);
        QVERIFY(!m_catalog.scheduleByName(QStringLiteral("nope")));

        // Unique names, with a plain message.
        QCOMPARE(m_catalog.addSchedule(s), 0);
        QCOMPARE(m_catalog.lastError(),
                 QStringLiteral("A schedule named “nightly” already exists."));
        Schedule orphan = s;
        orphan.name = QStringLiteral("orphan");
        orphan.datastoreId = 999999;
        QCOMPARE(m_catalog.addSchedule(orphan), 0);

        s.cron = QStringLiteral("0 3 * * *");
        s.name = QStringLiteral("nightly-3");
        QVERIFY(m_catalog.updateSchedule(s));
        QCOMPARE(m_catalog.schedule(id)->cron, QStringLiteral("0 3 * * *"));
        QVERIFY(m_catalog.setScheduleEnabled(id, false));
        QVERIFY(!m_catalog.schedule(id)->enabled);
        QVERIFY(m_catalog.setScheduleEnabled(id, true));

        QVERIFY(m_catalog.recordScheduleRun(id, utc(2027, 1, 1, 3), utc(2027, 1, 2, 3)));
        QCOMPARE(m_catalog.schedule(id)->lastRunAt, utc(2027, 1, 1, 3));
        QCOMPARE(m_catalog.schedule(id)->nextRunAt, utc(2027, 1, 2, 3));
        // A skipped run keeps the last run.
        QVERIFY(m_catalog.recordScheduleRun(id, QDateTime(), utc(2027, 1, 3, 3)));
        QCOMPARE(m_catalog.schedule(id)->lastRunAt, utc(2027, 1, 1, 3));

        // Claiming a slot: only the first claimant of a given next_run_at wins.
        Catalog other;
        QVERIFY(other.open(m_catalogPath));
        QVERIFY(m_catalog.claimScheduleSlot(id, utc(2027, 1, 3, 3), utc(2027, 1, 4, 3)));
        QVERIFY(!other.claimScheduleSlot(id, utc(2027, 1, 3, 3), utc(2027, 1, 4, 3)));
        QCOMPARE(other.schedule(id)->nextRunAt, utc(2027, 1, 4, 3));

        QVERIFY(m_catalog.removeSchedule(id));
        QVERIFY(!m_catalog.schedule(id));
        QVERIFY(m_catalog.schedules().isEmpty());
    }

    void prepareComputesNextRun()
    {
        Schedule s;
        s.cron = QStringLiteral("  30  6 * * MON-FRI ");
        QString error;
        QVERIFY(Scheduler::prepare(s, utc(2027, 1, 1, 12), &error)); // a Friday afternoon
        QCOMPARE(s.cron, QStringLiteral("30 6 * * MON-FRI"));
        QCOMPARE(s.nextRunAt, utc(2027, 1, 4, 6, 30));
        s.cron = QStringLiteral("61 * * * *");
        QVERIFY(!Scheduler::prepare(s, utc(2027, 1, 1), &error));
        QCOMPARE(error, QStringLiteral("minute: 61 is out of range 0-59"));
        s.cron = QStringLiteral("0 0 30 2 *");
        QVERIFY(!Scheduler::prepare(s, utc(2027, 1, 1), &error));
        QVERIFY2(error.contains(QStringLiteral("never runs")), qPrintable(error));
    }

    void dueSchedulesFire()
    {
        Scheduler scheduler(&m_catalog, m_engine.get());
        QSignalSpy fired(&scheduler, &Scheduler::scheduleFired);
        const qint64 due =
            addSchedule(QStringLiteral("five"), kQuick, QStringLiteral("*/5 * * * *"));
        const qint64 later =
            addSchedule(QStringLiteral("half-past"), kQuick, QStringLiteral("30 * * * *"));
        QVERIFY(due && later);
        QCOMPARE(m_catalog.schedule(due)->nextRunAt, utc(2027, 1, 1, 0, 5));

        QCOMPARE(scheduler.tick(), 0); // nothing due at 00:00
        m_clock.setNowUtc(utc(2027, 1, 1, 0, 5));
        QCOMPARE(scheduler.tick(), 1);
        QCOMPARE(fired.size(), 1);
        QCOMPARE(fired.at(0).at(0).toLongLong(), due);
        const qint64 operationId = fired.at(0).at(1).toLongLong();
        const auto op = m_catalog.operation(operationId);
        QVERIFY(op);
        QCOMPARE(op->triggeredBy, QStringLiteral("schedule"));
        QCOMPARE(op->scheduleId, due);
        QCOMPARE(op->type, kQuick);
        QVERIFY(!op->options.contains(QStringLiteral("catch_up")));
        QCOMPARE(m_catalog.schedule(due)->lastRunAt, utc(2027, 1, 1, 0, 5));
        QCOMPARE(m_catalog.schedule(due)->nextRunAt, utc(2027, 1, 1, 0, 10));
        QCOMPARE(m_catalog.schedule(later)->nextRunAt, utc(2027, 1, 1, 0, 30));
        QVERIFY(!m_catalog.schedule(later)->lastRunAt.isValid());

        QCOMPARE(scheduler.tick(), 0); // the same minute again: already run
        QVERIFY(waitIdle());
        QCOMPARE(m_catalog.operation(operationId)->status, operation_status::kSuccess);

        // At 00:30 both are due; each runs once.
        m_clock.setNowUtc(utc(2027, 1, 1, 0, 30, 20));
        QCOMPARE(scheduler.tick(), 2);
        QCOMPARE(operationsOf(due).size(), 2);
        QCOMPARE(operationsOf(later).size(), 1);
        QVERIFY(scheduler.recentLog().last().contains(QStringLiteral("queued operation")));
    }

    void busyScheduleIsSkipped()
    {
        Scheduler scheduler(&m_catalog, m_engine.get());
        QSignalSpy fired(&scheduler, &Scheduler::scheduleFired);
        QSignalSpy skipped(&scheduler, &Scheduler::scheduleSkipped);
        const qint64 id = addSchedule(QStringLiteral("slow"), kSlow, QStringLiteral("* * * * *"));
        QVERIFY(id);
        m_clock.advanceSecs(60);
        QCOMPARE(scheduler.tick(), 1);
        const qint64 first = fired.at(0).at(1).toLongLong();
        QVERIFY(m_engine->isDatastoreBusy(m_datastore));

        m_clock.advanceSecs(60);
        QCOMPARE(scheduler.tick(), 0);
        QCOMPARE(skipped.size(), 1);
        QCOMPARE(skipped.at(0).at(0).toLongLong(), id);
        const QString reason = skipped.at(0).at(1).toString();
        QVERIFY2(reason.contains(QStringLiteral("operation %1").arg(first)), qPrintable(reason));
        QVERIFY2(reason.contains(QStringLiteral("still queued or running")), qPrintable(reason));
        QVERIFY(scheduler.recentLog().last().contains(QStringLiteral("slow: skipped")));
        QCOMPARE(operationsOf(id).size(), 1);
        // Skipped: the next slot moves on, the last run stays.
        QCOMPARE(m_catalog.schedule(id)->nextRunAt, utc(2027, 1, 1, 0, 3));
        QCOMPARE(m_catalog.schedule(id)->lastRunAt, utc(2027, 1, 1, 0, 1));

        g_releaseSlow = true;
        QVERIFY(waitIdle());
        m_clock.advanceSecs(60);
        QCOMPARE(scheduler.tick(), 1);
        QCOMPARE(operationsOf(id).size(), 2);
    }

    void catchUpRunsOnceAndIsMarked()
    {
        Scheduler scheduler(&m_catalog, m_engine.get());
        QSignalSpy fired(&scheduler, &Scheduler::scheduleFired);
        const qint64 id =
            addSchedule(QStringLiteral("hourly"), kQuick, QStringLiteral("0 * * * *"));
        QVERIFY(id);
        QCOMPARE(m_catalog.schedule(id)->nextRunAt, utc(2027, 1, 1, 1));

        // Assay was closed for three days: 81 slots passed.
        m_clock.setNowUtc(utc(2027, 1, 4, 10, 30));
        QCOMPARE(scheduler.catchUp(), 1);
        QCOMPARE(scheduler.catchUp(), 0);
        QCOMPARE(scheduler.tick(), 0);
        QCOMPARE(operationsOf(id).size(), 1);
        const qint64 operationId = fired.at(0).at(1).toLongLong();
        QVERIFY(waitIdle());
        const auto op = m_catalog.operation(operationId);
        QCOMPARE(op->options.value(QStringLiteral("catch_up")).toBool(), true);
        QVERIFY(scheduler.isCatchUpRun(operationId));
        bool logged = false;
        for (const OperationLogEntry &e : m_catalog.operationLog(operationId))
            logged = logged || e.message.contains(QStringLiteral("Catch-up run"));
        QVERIFY(logged);
        QCOMPARE(m_catalog.schedule(id)->nextRunAt, utc(2027, 1, 4, 11));
        QCOMPARE(m_catalog.schedule(id)->lastRunAt, utc(2027, 1, 4, 10, 30));

        // A run a few seconds late is on time: catchUp() leaves it to tick(), unmarked.
        m_clock.setNowUtc(utc(2027, 1, 4, 11, 0, 30));
        QCOMPARE(scheduler.catchUp(), 0);
        QCOMPARE(scheduler.tick(), 1);
        const auto onTime = m_catalog.operation(fired.last().at(1).toLongLong());
        QVERIFY(!onTime->options.contains(QStringLiteral("catch_up")));

        QVERIFY(waitIdle());
        // A tick after a long sleep (laptop lid closed) also runs once, marked.
        m_clock.setNowUtc(utc(2027, 1, 4, 18, 10));
        QCOMPARE(scheduler.tick(), 1);
        QCOMPARE(scheduler.tick(), 0);
        QVERIFY(m_catalog.operation(fired.last().at(1).toLongLong())
                    ->options.value(QStringLiteral("catch_up"))
                    .toBool());
        QCOMPARE(m_catalog.schedule(id)->nextRunAt, utc(2027, 1, 4, 19));
    }

    void startCatchesUpAndArmsTheTimer()
    {
        const qint64 missed =
            addSchedule(QStringLiteral("missed"), kQuick, QStringLiteral("0 0 * * *"));
        QVERIFY(missed);
        m_clock.setNowUtc(utc(2027, 1, 4, 23, 59, 30));
        Scheduler scheduler(&m_catalog, m_engine.get());
        QSignalSpy fired(&scheduler, &Scheduler::scheduleFired);
        scheduler.start();
        QCOMPARE(fired.size(), 1); // the 2nd's run, once, for the 2nd, 3rd and 4th
        QVERIFY(scheduler.isStarted());
        // Next: the 5th at 00:00, 30 s away.
        QVERIFY2(scheduler.sleepMs() > 25000 && scheduler.sleepMs() <= 30000,
                 qPrintable(QString::number(scheduler.sleepMs())));

        QVERIFY(waitIdle());
        // Far away: capped at a minute, so clock changes are noticed.
        m_clock.setNowUtc(utc(2027, 1, 5, 0, 0, 30));
        QCOMPARE(scheduler.tick(), 1);
        QCOMPARE(scheduler.sleepMs(), Scheduler::kMaxSleepMs);

        // A new schedule re-arms it.
        addSchedule(QStringLiteral("soon"), kQuick, QStringLiteral("1 0 * * *"));
        QVERIFY2(scheduler.sleepMs() > 25000 && scheduler.sleepMs() <= 30000,
                 qPrintable(QString::number(scheduler.sleepMs())));
        scheduler.stop();
        QCOMPARE(scheduler.sleepMs(), -1);
    }

    void pauseStopsFiring()
    {
        Scheduler scheduler(&m_catalog, m_engine.get());
        const qint64 id =
            addSchedule(QStringLiteral("paused"), kQuick, QStringLiteral("0 * * * *"));
        QVERIFY(Scheduler::setEnabled(m_catalog, id, false, m_clock.nowUtc(), nullptr));
        m_clock.setNowUtc(utc(2027, 1, 1, 5, 0, 10));
        QCOMPARE(scheduler.catchUp(), 0);
        QCOMPARE(scheduler.tick(), 0);
        QVERIFY(operationsOf(id).isEmpty());
        // Resuming starts from now: the slots missed while paused are not caught up.
        QVERIFY(Scheduler::setEnabled(m_catalog, id, true, m_clock.nowUtc(), nullptr));
        QCOMPARE(m_catalog.schedule(id)->nextRunAt, utc(2027, 1, 1, 6));
        QCOMPARE(scheduler.tick(), 0);
        m_clock.setNowUtc(utc(2027, 1, 1, 6));
        QCOMPARE(scheduler.tick(), 1);
    }

    void unavailableOperationIsSkipped()
    {
        Scheduler scheduler(&m_catalog, m_engine.get());
        QSignalSpy skipped(&scheduler, &Scheduler::scheduleSkipped);
        const qint64 id =
            addSchedule(QStringLiteral("missing"), kMissing, QStringLiteral("*/10 * * * *"));
        QVERIFY(!Scheduler::canRun(kMissing));
        QVERIFY(Scheduler::canRun(operation_type::kSync));
        m_clock.setNowUtc(utc(2027, 1, 1, 0, 10));
        QCOMPARE(scheduler.tick(), 0);
        QCOMPARE(skipped.size(), 1);
        QVERIFY2(skipped.at(0).at(1).toString().contains(QStringLiteral("not available yet")),
                 qPrintable(skipped.at(0).at(1).toString()));
        QCOMPARE(m_catalog.schedule(id)->nextRunAt, utc(2027, 1, 1, 0, 20));
        QVERIFY(operationsOf(id).isEmpty());
    }

    void scheduledSyncRuns()
    {
        Scheduler scheduler(&m_catalog, m_engine.get());
        QSignalSpy fired(&scheduler, &Scheduler::scheduleFired);
        const qint64 id =
            addSchedule(QStringLiteral("sync"), operation_type::kSync, QStringLiteral("@daily"));
        m_clock.setNowUtc(utc(2027, 1, 2));
        QCOMPARE(scheduler.tick(), 1);
        QVERIFY(waitIdle());
        const auto op = m_catalog.operation(fired.at(0).at(1).toLongLong());
        QCOMPARE(op->status, operation_status::kSuccess);
        QCOMPARE(op->scheduleId, id);
        QCOMPARE(m_catalog.containerCount(m_datastore).value(), 2);
    }

    // The `assay schedules` commands, on the real binary.
    void cliRoundTrip()
    {
        const QString binary = test::assayBinary();
        QVERIFY2(QFileInfo::exists(binary), qPrintable(binary + QStringLiteral(" is missing")));

        CliResult r = cli({"schedules", "create", "--datastore", "src", "--operation", "sync",
                           "--name", "nightly", "--cron", "0 2 * * *", "--prune", "--json"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject created = QJsonDocument::fromJson(r.out).object();
        for (const char *key : {"id", "name", "datastore", "operation", "crontab", "description",
                                "enabled", "next_run"})
            QVERIFY2(created.contains(QLatin1String(key)), key);
        QCOMPARE(created.value("name").toString(), QStringLiteral("nightly"));
        QCOMPARE(created.value("datastore").toString(), QStringLiteral("src"));
        QCOMPARE(created.value("operation").toString(), QStringLiteral("sync"));
        QCOMPARE(created.value("crontab").toString(), QStringLiteral("0 2 * * *"));
        QCOMPARE(created.value("description").toString(),
                 QStringLiteral("At 02:00 UTC, every day"));
        QCOMPARE(created.value("enabled").toBool(), true);
        QVERIFY2(QRegularExpression(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT02:00:00Z$"))
                     .match(created.value("next_run").toString())
                     .hasMatch(),
                 qPrintable(created.value("next_run").toString()));
        QCOMPARE(created.value("options").toObject().value("prune").toBool(), true);
        const qint64 nightly = created.value("id").toInteger();
        QVERIFY(nightly > 0);

        r = cli({"schedules", "create", "--datastore", "src", "--operation", "sync", "--name",
                 "bad", "--cron", "61 * * * *"});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("minute: 61 is out of range 0-59")),
                 qPrintable(r.err));
        r = cli({"schedules", "create", "--datastore", "src", "--operation", "sync", "--name",
                 "bad", "--cron", "* * * *"});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("expected 5 fields, got 4")), qPrintable(r.err));
        r = cli({"schedules", "create", "--datastore", "src", "--operation", "sync", "--name",
                 "nightly", "--cron", "0 3 * * *"});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QStringLiteral("already exists")), qPrintable(r.err));
        // A scan schedule next to it.
        r = cli({"schedules", "create", "--datastore", "src", "--operation", "scan", "--name",
                 "profiler", "--cron", "0 4 * * *"});
        QVERIFY2(r.code == 0, qPrintable(r.err));

        r = cli({"schedules", "list", "--json"});
        QCOMPARE(r.code, 0);
        QJsonArray list = QJsonDocument::fromJson(r.out).array();
        QCOMPARE(list.size(), 2);
        r = cli({"schedules", "list"});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("nightly"));
        QVERIFY(r.out.contains("At 02:00 UTC, every day"));

        r = cli({"schedules", "pause", "nightly"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(!m_catalog.schedule(nightly)->enabled);
        r = cli({"schedules", "resume", "nightly", "--json"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(QJsonDocument::fromJson(r.out).object().value("enabled").toBool(), true);
        QVERIFY(m_catalog.schedule(nightly)->enabled);
        r = cli({"schedules", "pause", "nobody"});
        QCOMPARE(r.code, 1);

        // Due now: run-due runs both, one after the other, and waits for them.
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QVERIFY(m_catalog.recordScheduleRun(nightly, QDateTime(), now.addSecs(-30)));
        const qint64 profiler = m_catalog.scheduleByName(QStringLiteral("profiler"))->id;
        QVERIFY(m_catalog.recordScheduleRun(profiler, QDateTime(), now.addSecs(-30)));
        r = cli({"schedules", "run-due", "--json"});
        QVERIFY2(r.code == 0, qPrintable(r.err + QString::fromUtf8(r.out)));
        const QJsonObject report = QJsonDocument::fromJson(r.out).object();
        const QJsonArray ran = report.value("ran").toArray();
        QCOMPARE(ran.size(), 2);
        QHash<QString, QJsonObject> bySchedule;
        for (const QJsonValue &v : ran)
            bySchedule.insert(v.toObject().value("schedule").toString(), v.toObject());
        QCOMPARE(bySchedule.value("nightly").value("result").toString(), QStringLiteral("success"));
        QCOMPARE(bySchedule.value("nightly").value("triggered_by").toString(),
                 QStringLiteral("schedule"));
        QCOMPARE(bySchedule.value("profiler").value("result").toString(),
                 QStringLiteral("success")); // a scan without checks finds nothing wrong
        QVERIFY(report.value("skipped").toArray().isEmpty());
        const auto afterRun = m_catalog.schedule(nightly);
        QVERIFY(afterRun->nextRunAt > now);
        QVERIFY(afterRun->lastRunAt.isValid());
        QCOMPARE(operationsOf(nightly).size(), 1);
        QCOMPARE(operationsOf(nightly).first().status, operation_status::kSuccess);
        QCOMPARE(operationsOf(nightly).first().triggeredBy, QStringLiteral("schedule"));

        r = cli({"schedules", "run-due"});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains("Nothing is due."), r.out.constData());

        r = cli({"schedules", "delete", "nightly"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(!m_catalog.scheduleByName(QStringLiteral("nightly")));
        r = cli({"schedules", "delete", "nightly"});
        QCOMPARE(r.code, 1);
        r = cli({"schedules", "frobnicate"});
        QCOMPARE(r.code, 2);

        // A scheduled operation that fails makes run-due exit 1.
        Datastore broken = *m_catalog.datastore(m_datastore);
        broken.id = 0;
        broken.name = QStringLiteral("broken");
        broken.database = m_dir.filePath(QStringLiteral("no-such-folder/source.sqlite"));
        const qint64 brokenId = m_catalog.addDatastore(broken);
        QVERIFY(brokenId);
        Schedule failing;
        failing.name = QStringLiteral("failing");
        failing.datastoreId = brokenId;
        failing.operationType = operation_type::kSync;
        failing.cron = QStringLiteral("* * * * *");
        failing.nextRunAt = QDateTime::currentDateTimeUtc().addSecs(-10);
        QVERIFY(m_catalog.addSchedule(failing));
        r = cli({"schedules", "run-due"});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QStringLiteral("did not succeed")), qPrintable(r.err));
        QVERIFY2(r.out.contains("failure"), r.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestScheduler)
#include "tst_scheduler.moc"
