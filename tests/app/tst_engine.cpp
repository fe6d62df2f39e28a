#include "EngineHarness.h"
#include "app/engine/OperationContext.h"
#include "app/engine/ProcessIdentity.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace assay;

namespace {

// Runs one statement that takes far longer than any test waits; only an abort ends it early.
class SleepRunner : public OperationRunner
{
public:
    OperationOutcome run(OperationContext &context) override
    {
        auto session = context.openSource();
        if (!session->diagnosis().ok())
            return {QStringLiteral("failure"), session->diagnosis().message()};
        const QString dialect = context.sourceSettings().connection.type;
        QString sql = QStringLiteral("SELECT pg_sleep(60)");
        if (dialect == QLatin1String("mariadb"))
            sql = QStringLiteral("SELECT SLEEP(60)");
        else if (dialect == QLatin1String("sqlite"))
            sql = QStringLiteral("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
                                 "WHERE x < 5000000000) SELECT COUNT(*) FROM c");
        context.progress(0.5, QStringLiteral("sleeping"));
        QSqlQuery q(session->database());
        const bool ok = q.exec(sql);
        const QString error = q.lastError().text();
        q.finish();
        context.closeSource(session);
        if (context.isCancelled())
            return {QStringLiteral("aborted"), QString()};
        return {ok ? QStringLiteral("success") : QStringLiteral("failure"), error};
    }
};

// Works through five containers, remembering which are done, so resume can be observed.
class StepsRunner : public OperationRunner
{
public:
    OperationOutcome run(OperationContext &context) override
    {
        const QStringList containers = {QStringLiteral("c1"), QStringLiteral("c2"),
                                        QStringLiteral("c3"), QStringLiteral("c4"),
                                        QStringLiteral("c5")};
        for (int i = 0; i < containers.size(); ++i) {
            if (context.isContainerFinished(containers.at(i)))
                continue;
            if (context.isCancelled())
                return {QStringLiteral("aborted"), QString()};
            QThread::msleep(150);
            QJsonArray processed = context.operation().counters.value("processed").toArray();
            processed.append(containers.at(i));
            context.operation().counters.insert(QStringLiteral("processed"), processed);
            context.markContainerFinished(containers.at(i));
            context.progress(double(i + 1) / containers.size(), containers.at(i));
        }
        return {QStringLiteral("success"), QStringLiteral("five containers")};
    }
};

} // namespace

class TestEngine : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    test::EngineHarness m_harness;
    Catalog &m_catalog = m_harness.catalog;
    std::unique_ptr<OperationEngine> &m_engine = m_harness.engine;
    QString m_sqlitePath;

    qint64 run(qint64 datastoreId, const QString &type)
    {
        OperationRequest r;
        r.datastoreId = datastoreId;
        r.type = type;
        r.options = QJsonObject{{QStringLiteral("marker"), type}};
        return m_engine->enqueue(r);
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(test::useTestKeyring(), "the Keyring fixture is not running");
        registerOperationRunner(QStringLiteral("test-sleep"),
                                [] { return std::make_unique<SleepRunner>(); });
        registerOperationRunner(QStringLiteral("test-steps"),
                                [] { return std::make_unique<StepsRunner>(); });
        QVERIFY(m_harness.start(m_dir.filePath(QStringLiteral("catalog.sqlite"))));
        m_sqlitePath = m_dir.filePath(QStringLiteral("source.sqlite"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), "mk");
            db.setDatabaseName(m_sqlitePath);
            QVERIFY(db.open());
            QSqlQuery(db).exec(QStringLiteral("CREATE TABLE t (x INTEGER)"));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("mk"));
    }

    void cleanupTestCase() { m_harness.stop(); }

    void abortInterruptsTheRunningStatement_data()
    {
        QTest::addColumn<QString>("type");
        QTest::newRow("postgresql") << QStringLiteral("postgresql");
        QTest::newRow("mariadb") << QStringLiteral("mariadb");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
    }

    void abortInterruptsTheRunningStatement()
    {
        QFETCH(QString, type);
        test::Server server;
        QString database = m_sqlitePath;
        if (type == QLatin1String("postgresql"))
            server = test::postgres();
        else if (type == QLatin1String("mariadb"))
            server = test::mariadb();
        if (type != QLatin1String("sqlite")) {
            QVERIFY2(server.port, "the Servers fixture is not running");
            database = server.database;
        }
        const qint64 ds = m_harness.datastoreFor(QStringLiteral("sleep-") + type, type, server,
                                                 database, QString());
        QSignalSpy progress(m_engine.get(), &OperationEngine::operationProgress);
        QSignalSpy finished(m_engine.get(), &OperationEngine::operationFinished);
        const qint64 id = run(ds, QStringLiteral("test-sleep"));
        QVERIFY(id);
        QVERIFY(progress.wait(10000)); // the statement is about to run
        QTest::qWait(500);             // and now it runs
        QCOMPARE(m_catalog.operation(id)->status, QStringLiteral("running"));
        QElapsedTimer clock;
        clock.start();
        QVERIFY(m_engine->abort(id));
        QVERIFY(test::waitForOperation(finished, id, 20000));
        const qint64 ms = clock.elapsed();
        qInfo() << type << "abort took" << ms << "ms";
        QVERIFY2(ms < 10000, "the statement was not interrupted (it sleeps 60 s)");
        const Operation op = *m_catalog.operation(id);
        QCOMPARE(op.status, QStringLiteral("aborted"));
        QVERIFY(op.endedAt.isValid());
        QVERIFY(op.message.contains(QLatin1String("resumed")));
    }

    void resumeContinuesFromTheFirstUnfinishedContainer()
    {
        const qint64 ds = m_harness.datastoreFor(QStringLiteral("steps"), QStringLiteral("sqlite"),
                                                 test::Server{}, m_sqlitePath, QString());
        QSignalSpy progress(m_engine.get(), &OperationEngine::operationProgress);
        QSignalSpy finished(m_engine.get(), &OperationEngine::operationFinished);
        const qint64 id = run(ds, QStringLiteral("test-steps"));
        // Abort once two containers are done.
        QTRY_VERIFY_WITH_TIMEOUT(!progress.isEmpty() &&
                                     progress.constLast().at(0).value<OperationProgress>().step ==
                                         QLatin1String("c2"),
                                 10000);
        QVERIFY(m_engine->abort(id));
        QVERIFY(test::waitForOperation(finished, id, 10000));
        Operation op = *m_catalog.operation(id);
        QCOMPARE(op.status, QStringLiteral("aborted"));
        const int doneBefore = op.counters.value("processed").toArray().size();
        QVERIFY(doneBefore >= 2 && doneBefore < 5);

        finished.clear();
        QVERIFY2(m_engine->resume(id), qPrintable(m_engine->lastError()));
        QVERIFY(!m_engine->resume(id)); // already queued
        QVERIFY(test::waitForOperation(finished, id, 10000));
        op = *m_catalog.operation(id);
        QCOMPARE(op.status, QStringLiteral("success"));
        QCOMPARE(op.counters.value("processed").toArray(),
                 QJsonArray({QStringLiteral("c1"), QStringLiteral("c2"), QStringLiteral("c3"),
                             QStringLiteral("c4"), QStringLiteral("c5")}));
        QStringList log;
        for (const OperationLogEntry &e : m_catalog.operationLog(id))
            log << e.message;
        QVERIFY(log.contains(QStringLiteral("Resumed.")));

        // Rerun: a new operation, same options. Delete: only finished ones.
        finished.clear();
        const qint64 again = m_engine->rerun(id);
        QVERIFY(again && again != id);
        QCOMPARE(m_catalog.operation(again)->options, m_catalog.operation(id)->options);
        QVERIFY(!m_engine->remove(again));
        QVERIFY(test::waitForOperation(finished, again, 10000));
        QVERIFY(m_engine->remove(again));
        QVERIFY(!m_catalog.operation(again));
    }

    void oneDatastoreAtATimeOthersInParallel()
    {
        const qint64 a = m_harness.datastoreFor(QStringLiteral("A"), QStringLiteral("sqlite"),
                                                test::Server{}, m_sqlitePath, QString());
        const qint64 b = m_harness.datastoreFor(QStringLiteral("B"), QStringLiteral("sqlite"),
                                                test::Server{}, m_sqlitePath, QString());
        QStringList events;
        auto started = connect(m_engine.get(), &OperationEngine::operationStarted, this,
                               [&](qint64 id) { events << QStringLiteral("start %1").arg(id); });
        auto ended = connect(m_engine.get(), &OperationEngine::operationFinished, this,
                             [&](qint64 id) { events << QStringLiteral("end %1").arg(id); });
        const qint64 a1 = run(a, QStringLiteral("test-steps"));
        const qint64 a2 = run(a, QStringLiteral("test-steps"));
        const qint64 b1 = run(b, QStringLiteral("test-steps"));
        QTRY_VERIFY_WITH_TIMEOUT(m_engine->isIdle(), 20000);
        disconnect(started);
        disconnect(ended);
        const auto at = [&](const QString &e) { return events.indexOf(e); };
        QVERIFY(at(QStringLiteral("end %1").arg(a1)) < at(QStringLiteral("start %1").arg(a2)));
        QVERIFY(at(QStringLiteral("start %1").arg(b1)) < at(QStringLiteral("end %1").arg(a1)));
        for (qint64 id : {a1, a2, b1})
            QCOMPARE(m_catalog.operation(id)->status, QStringLiteral("success"));
    }

    void anotherProcessCanAskForAnAbort()
    {
        const qint64 ds =
            m_harness.datastoreFor(QStringLiteral("remote-abort"), QStringLiteral("sqlite"),
                                   test::Server{}, m_sqlitePath, QString());
        QSignalSpy progress(m_engine.get(), &OperationEngine::operationProgress);
        QSignalSpy finished(m_engine.get(), &OperationEngine::operationFinished);
        const qint64 id = run(ds, QStringLiteral("test-sleep"));
        QVERIFY(progress.wait(10000));
        // What `assay operations abort ID` does, through its own Catalog connection.
        Catalog other;
        QVERIFY(other.open(m_catalog.path()));
        QVERIFY(other.requestOperationAbort(id));
        QVERIFY(test::waitForOperation(finished, id, 10000));
        QCOMPARE(m_catalog.operation(id)->status, QStringLiteral("aborted"));
    }

    // One operation at a time per datastore holds across processes: while another process
    // (here, a record of an operation running under a live process) holds the datastore, this
    // engine's operation waits, says so, and runs once the other ends.
    void anotherProcessHoldsTheDatastore()
    {
        const qint64 ds = m_harness.datastoreFor(QStringLiteral("shared"), QStringLiteral("sqlite"),
                                                 test::Server{}, m_sqlitePath, QString());
        Operation other;
        other.datastoreId = ds;
        other.type = operation_type::kScan;
        other.status = operation_status::kRunning;
        other.runner = currentRunnerId(); // alive: this very process
        other.startedAt = QDateTime::currentDateTimeUtc();
        other.id = m_catalog.addOperation(other);
        QVERIFY(other.id);

        QSignalSpy finished(m_engine.get(), &OperationEngine::operationFinished);
        OperationRequest request;
        request.datastoreId = ds;
        request.type = operation_type::kSync;
        const qint64 id = m_engine->enqueue(request);
        QVERIFY(id);
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const OperationLogEntry &e : m_catalog.operationLog(id))
                    if (e.message.contains(QStringLiteral("Waiting: operation %1").arg(other.id)))
                        return true;
                return false;
            }(),
            10000);
        QTest::qWait(700);
        QCOMPARE(m_catalog.operation(id)->status, operation_status::kQueued);

        other.status = operation_status::kSuccess;
        other.endedAt = QDateTime::currentDateTimeUtc();
        QVERIFY(m_catalog.updateOperation(other));
        QVERIFY(test::waitForOperation(finished, id, 15000));
        QCOMPARE(m_catalog.operation(id)->status, operation_status::kSuccess);
    }

    void crashedRunnersAreRecovered()
    {
        const qint64 ds =
            m_harness.datastoreFor(QStringLiteral("crashed"), QStringLiteral("sqlite"),
                                   test::Server{}, m_sqlitePath, QString());
        // A process that existed and is gone.
        QProcess gone;
        gone.start(QStringLiteral("true"));
        QVERIFY(gone.waitForFinished());
        const qint64 deadPid = gone.processId() ? gone.processId() : 999999;
        Operation dead;
        dead.datastoreId = ds;
        dead.type = QStringLiteral("catalog");
        dead.status = QStringLiteral("running");
        dead.runner = QStringLiteral("%1:%2").arg(QSysInfo::machineHostName()).arg(999999);
        dead.startedAt = QDateTime::currentDateTimeUtc();
        dead.id = m_catalog.addOperation(dead);
        Operation alive = dead;
        alive.runner = currentRunnerId();
        alive.id = m_catalog.addOperation(alive);
        Q_UNUSED(deadPid);

        QCOMPARE(m_engine->recoverInterrupted(), 1);
        const Operation recovered = *m_catalog.operation(dead.id);
        QCOMPARE(recovered.status, QStringLiteral("aborted"));
        QVERIFY(recovered.message.contains(QLatin1String("closed or killed")));
        QCOMPARE(m_catalog.operationLog(dead.id).constLast().level, QStringLiteral("error"));
        QCOMPARE(m_catalog.operation(alive.id)->status, QStringLiteral("running"));
        QVERIFY(m_catalog.removeOperation(alive.id));
    }

    // The whole path: `assay operations execute` is killed mid-sync, the next start marks its
    // operation aborted, and resume completes it.
    void killedCliRunnerIsRecoveredAndResumed()
    {
        QVERIFY2(QFile::exists(test::assayBinary()), "ASSAY_BINARY is not set");
        const QString path = m_dir.filePath(QStringLiteral("locked.sqlite"));
        QSqlDatabase lock = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), "lock");
        lock.setDatabaseName(path);
        QVERIFY(lock.open());
        QSqlQuery(lock).exec(QStringLiteral("CREATE TABLE t (id INTEGER NOT NULL, v TEXT)"));
        // An exclusive lock makes the runner wait (busy timeout) inside its sync.
        QVERIFY(QSqlQuery(lock).exec(QStringLiteral("BEGIN EXCLUSIVE")));
        const qint64 ds = m_harness.datastoreFor(QStringLiteral("killed"), QStringLiteral("sqlite"),
                                                 test::Server{}, path, QString());
        Operation queued;
        queued.datastoreId = ds;
        queued.type = QStringLiteral("catalog");
        queued.status = QStringLiteral("queued");
        queued.id = m_catalog.addOperation(queued);

        QProcess runner;
        runner.start(test::assayBinary(),
                     {QStringLiteral("--catalog"), m_catalog.path(), QStringLiteral("operations"),
                      QStringLiteral("execute"), QString::number(queued.id)});
        QVERIFY(runner.waitForStarted());
        QTRY_COMPARE_WITH_TIMEOUT(m_catalog.operation(queued.id)->status, QStringLiteral("running"),
                                  10000);
        runner.kill();
        QVERIFY(runner.waitForFinished());
        QSqlQuery(lock).exec(QStringLiteral("ROLLBACK"));
        lock.close();
        lock = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("lock"));

        QCOMPARE(m_catalog.operation(queued.id)->status, QStringLiteral("running"));
        QVERIFY(m_engine->recoverInterrupted() >= 1);
        QCOMPARE(m_catalog.operation(queued.id)->status, QStringLiteral("aborted"));
        QSignalSpy finished(m_engine.get(), &OperationEngine::operationFinished);
        QVERIFY2(m_engine->resume(queued.id), qPrintable(m_engine->lastError()));
        QVERIFY(test::waitForOperation(finished, queued.id, 15000));
        QCOMPARE(m_catalog.operation(queued.id)->status, QStringLiteral("success"));
        QCOMPARE(m_catalog.containers(ds).size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestEngine)
#include "tst_engine.moc"
