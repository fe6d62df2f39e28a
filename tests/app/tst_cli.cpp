#include "TestSupport.h"
#include "app/secrets/CredentialStore.h"
#include "models/catalog/Catalog.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace assay;

// The `assay` executable end to end: real catalog file, real keyring, real servers.
class TestCli : public QObject
{
    Q_OBJECT

    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };

private:
    QTemporaryDir m_dir;
    QString m_catalog;
    QString m_settingsDir;

    Run assay(const QStringList &args, const QByteArray &input = QByteArray(),
              const QProcessEnvironment &extra = QProcessEnvironment())
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        // Every log category on: whatever Assay logs is captured and checked for secrets.
        env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("assay.*=true"));
        for (const QString &key : extra.keys())
            env.insert(key, extra.value(key));
        p.setProcessEnvironment(env);
        p.start(test::assayBinary(), QStringList{QStringLiteral("--catalog"), m_catalog} + args);
        if (!p.waitForStarted(10000))
            return {};
        if (!input.isNull())
            p.write(input);
        p.closeWriteChannel();
        if (!p.waitForFinished(60000)) {
            p.kill();
            p.waitForFinished();
        }
        Run r{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
              QString::fromUtf8(p.readAllStandardOutput()),
              QString::fromUtf8(p.readAllStandardError())};
        if (r.exitCode != 0)
            qInfo().noquote() << "assay" << args.join(QLatin1Char(' ')) << "->" << r.exitCode
                              << r.err.trimmed();
        return r;
    }

    QJsonValue json(const Run &r) { return QJsonDocument::fromJson(r.out.toUtf8()).object(); }
    QJsonArray jsonArray(const Run &r) { return QJsonDocument::fromJson(r.out.toUtf8()).array(); }

    // Every byte Assay may have written to disk besides the keychain: the catalog (with its WAL
    // and shared-memory files) and the settings folder.
    QByteArray everythingOnDisk()
    {
        QByteArray all;
        for (const QString &root : {m_dir.path(), m_settingsDir}) {
            QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                QFile f(it.next());
                if (f.open(QIODevice::ReadOnly))
                    all += f.readAll();
            }
        }
        return all;
    }

    QString uuidOf(const QString &connectionName)
    {
        Catalog catalog;
        if (!catalog.open(m_catalog))
            return QString();
        const auto c = catalog.connectionByName(connectionName);
        return c ? c->uuid : QString();
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(test::assayBinary()), "ASSAY_BINARY is not set by ctest");
        QVERIFY2(test::useTestKeyring(), "the Keyring fixture is not running");
        m_catalog = m_dir.filePath(QStringLiteral("catalog.sqlite"));
        m_settingsDir = qEnvironmentVariable("XDG_CONFIG_HOME");
    }

    void versionAndHelp()
    {
        const Run v = assay({QStringLiteral("--version")});
        QCOMPARE(v.exitCode, 0);
        QCOMPARE(v.out.trimmed(), QStringLiteral("assay %1").arg(QLatin1String(ASSAY_VERSION)));
        const Run h = assay(
            {QStringLiteral("connections"), QStringLiteral("create"), QStringLiteral("--help")});
        QCOMPARE(h.exitCode, 0);
        QVERIFY(h.out.contains(QLatin1String("--password-stdin")));
        QCOMPARE(assay({QStringLiteral("frobnicate")}).exitCode, 2);
    }

    void postgresConnectionKeepsItsPasswordInTheKeychainOnly()
    {
        const test::Server pg = test::postgres();
        QVERIFY2(pg.port, "the Servers fixture is not running");
        const Run created = assay(
            {QStringLiteral("connections"), QStringLiteral("create"), QStringLiteral("--type"),
             QStringLiteral("postgresql"), QStringLiteral("--name"), QStringLiteral("pg"),
             QStringLiteral("--host"), pg.host, QStringLiteral("--port"), QString::number(pg.port),
             QStringLiteral("--username"), pg.user, QStringLiteral("--database"), pg.database,
             QStringLiteral("--password-stdin")},
            pg.password.toUtf8() + "\n");
        QCOMPARE(created.exitCode, 0);
        QVERIFY(created.out.contains(QLatin1String("keychain")));

        const Run tested =
            assay({QStringLiteral("connections"), QStringLiteral("test"), QStringLiteral("pg")});
        QCOMPARE(tested.exitCode, 0);
        QVERIFY(tested.out.contains(QLatin1String("OK")));
        QVERIFY(tested.out.contains(QLatin1String("PostgreSQL")));

        const Run listed = assay(
            {QStringLiteral("connections"), QStringLiteral("list"), QStringLiteral("--json")});
        QCOMPARE(listed.exitCode, 0);
        const QJsonObject c = jsonArray(listed).at(0).toObject();
        QCOMPARE(c.value(QStringLiteral("name")).toString(), QStringLiteral("pg"));
        QCOMPARE(c.value(QStringLiteral("type")).toString(), QStringLiteral("postgresql"));
        QCOMPARE(c.value(QStringLiteral("port")).toInt(), pg.port);
        QCOMPARE(c.value(QStringLiteral("username")).toString(), pg.user);
        QVERIFY(!c.contains(QStringLiteral("password")));

        // The password is in the keychain under assay/<uuid>/password ...
        const QString uuid = uuidOf(QStringLiteral("pg"));
        QVERIFY(!uuid.isEmpty());
        CredentialStore store;
        const CredentialResult stored = store.readAndWait(uuid, QStringLiteral("password"));
        QVERIFY2(stored.ok(), qPrintable(stored.message));
        QCOMPARE(stored.secret, pg.password);
        // ... and nowhere else: not in the catalog, its WAL, settings, output or logs.
        QVERIFY(!everythingOnDisk().contains(pg.password.toUtf8()));
        for (const Run &r : {created, tested, listed}) {
            QVERIFY(!r.out.contains(pg.password));
            QVERIFY(!r.err.contains(pg.password));
        }
    }

    void wrongPasswordIsDiagnosedAsAuthentication()
    {
        const test::Server pg = test::postgres();
        QProcessEnvironment env;
        env.insert(QStringLiteral("ASSAY_TEST_PW"), QStringLiteral("definitely-wrong"));
        const Run created = assay(
            {QStringLiteral("connections"), QStringLiteral("create"), QStringLiteral("--type"),
             QStringLiteral("postgresql"), QStringLiteral("--name"), QStringLiteral("pg-wrong"),
             QStringLiteral("--host"), pg.host, QStringLiteral("--port"), QString::number(pg.port),
             QStringLiteral("--username"), pg.user, QStringLiteral("--database"), pg.database,
             QStringLiteral("--password-env"), QStringLiteral("ASSAY_TEST_PW")},
            QByteArray(), env);
        QCOMPARE(created.exitCode, 0);
        const Run tested = assay(
            {QStringLiteral("connections"), QStringLiteral("test"), QStringLiteral("pg-wrong")});
        QCOMPARE(tested.exitCode, 1);
        QVERIFY2(tested.err.contains(QLatin1String("assay: Authentication failed")),
                 qPrintable(tested.err));
        QVERIFY(tested.err.contains(QLatin1String("hint: ")));
        QVERIFY(!tested.err.contains(QLatin1String("definitely-wrong")));

        const Run asJson = assay({QStringLiteral("connections"), QStringLiteral("test"),
                                  QStringLiteral("pg-wrong"), QStringLiteral("--json")});
        QCOMPARE(asJson.exitCode, 1);
        QCOMPARE(json(asJson)[QStringLiteral("diagnosis")].toString(),
                 QStringLiteral("authentication_failed"));
    }

    void passwordOnTheCommandLineWarns()
    {
        const test::Server md = test::mariadb();
        QVERIFY2(md.port, "the Servers fixture is not running");
        const Run created = assay(
            {QStringLiteral("connections"), QStringLiteral("create"), QStringLiteral("--type"),
             QStringLiteral("mariadb"), QStringLiteral("--name"), QStringLiteral("md"),
             QStringLiteral("--host"), md.host, QStringLiteral("--port"), QString::number(md.port),
             QStringLiteral("--username"), md.user, QStringLiteral("--database"), md.database,
             QStringLiteral("--password"), md.password});
        QCOMPARE(created.exitCode, 0);
        QVERIFY(created.err.contains(QLatin1String("warning")));
        QCOMPARE(
            assay({QStringLiteral("connections"), QStringLiteral("test"), QStringLiteral("md")})
                .exitCode,
            0);
    }

    void datastoresRoundTrip()
    {
        const Run created = assay(
            {QStringLiteral("datastores"), QStringLiteral("create"), QStringLiteral("--name"),
             QStringLiteral("Sales"), QStringLiteral("--connection-name"), QStringLiteral("pg"),
             QStringLiteral("--schema"), QStringLiteral("public"), QStringLiteral("--teams"),
             QStringLiteral("Finance, Public"), QStringLiteral("--json")});
        QCOMPARE(created.exitCode, 0);
        const QJsonValue d = json(created);
        QCOMPARE(d[QStringLiteral("name")].toString(), QStringLiteral("Sales"));
        QCOMPARE(d[QStringLiteral("schema")].toString(), QStringLiteral("public"));
        QCOMPARE(d[QStringLiteral("database")].toString(), test::postgres().database);
        QCOMPARE(d[QStringLiteral("teams")].toArray().size(), 2);
        QCOMPARE(d[QStringLiteral("enrich_only")].toBool(), false);
        QVERIFY(d[QStringLiteral("enrich_container_prefix")].isNull());
        QCOMPARE(d[QStringLiteral("connection")][QStringLiteral("type")].toString(),
                 QStringLiteral("postgresql"));

        const Run enrichment = assay(
            {QStringLiteral("datastores"), QStringLiteral("create"), QStringLiteral("--name"),
             QStringLiteral("DQ Results"), QStringLiteral("--connection-name"),
             QStringLiteral("md"), QStringLiteral("--enrichment-only"), QStringLiteral("--json")});
        QCOMPARE(enrichment.exitCode, 0);
        QCOMPARE(json(enrichment)[QStringLiteral("enrich_only")].toBool(), true);
        QCOMPARE(json(enrichment)[QStringLiteral("schema")].toString(), test::mariadb().database);

        QCOMPARE(assay({QStringLiteral("datastores"), QStringLiteral("create"),
                        QStringLiteral("--name"), QStringLiteral("Sales"),
                        QStringLiteral("--connection-name"), QStringLiteral("pg")})
                     .exitCode,
                 1);
        QCOMPARE(assay({QStringLiteral("datastores"), QStringLiteral("create"),
                        QStringLiteral("--name"), QStringLiteral("X"),
                        QStringLiteral("--connection-name"), QStringLiteral("nosuch")})
                     .exitCode,
                 1);

        const Run listed =
            assay({QStringLiteral("datastores"), QStringLiteral("list"), QStringLiteral("--json")});
        QCOMPARE(jsonArray(listed).size(), 2);
        const Run shown =
            assay({QStringLiteral("datastores"), QStringLiteral("show"), QStringLiteral("Sales")});
        QCOMPARE(shown.exitCode, 0);
        QVERIFY(shown.out.contains(QLatin1String("Finance, Public")));
        QVERIFY(shown.out.contains(QLatin1String("not linked")));
    }

    void deletingAConnectionRemovesItsKeychainEntry()
    {
        const QString uuid = uuidOf(QStringLiteral("pg"));
        // In use by "Sales": refused, and the secret stays.
        const Run refused =
            assay({QStringLiteral("connections"), QStringLiteral("delete"), QStringLiteral("pg")});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY(refused.err.contains(QLatin1String("Sales")));
        CredentialStore store;
        QVERIFY(store.readAndWait(uuid, QStringLiteral("password")).ok());

        QCOMPARE(
            assay({QStringLiteral("datastores"), QStringLiteral("delete"), QStringLiteral("Sales")})
                .exitCode,
            0);
        QCOMPARE(
            assay({QStringLiteral("connections"), QStringLiteral("delete"), QStringLiteral("pg")})
                .exitCode,
            0);
        QCOMPARE(store.readAndWait(uuid, QStringLiteral("password")).error,
                 CredentialError::NotFound);
        QVERIFY(uuidOf(QStringLiteral("pg")).isEmpty());
    }

    void noKeychainMeansAPlainErrorAndNothingSaved()
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                   QStringLiteral("unix:path=%1").arg(m_dir.filePath(QStringLiteral("no-bus"))));
        const Run r = assay(
            {QStringLiteral("connections"), QStringLiteral("create"), QStringLiteral("--type"),
             QStringLiteral("postgresql"), QStringLiteral("--name"), QStringLiteral("nokeychain"),
             QStringLiteral("--host"), QStringLiteral("127.0.0.1"), QStringLiteral("--username"),
             QStringLiteral("u"), QStringLiteral("--database"), QStringLiteral("d"),
             QStringLiteral("--password-stdin")},
            "secret-never-on-disk\n", env);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("keychain is not available")), qPrintable(r.err));
        QVERIFY(uuidOf(QStringLiteral("nokeychain")).isEmpty());
        QVERIFY(!everythingOnDisk().contains("secret-never-on-disk"));
    }

    void sqliteAndUsageErrors()
    {
        const QString missing = m_dir.filePath(QStringLiteral("missing.sqlite"));
        QCOMPARE(
            assay({QStringLiteral("connections"), QStringLiteral("create"),
                   QStringLiteral("--type"), QStringLiteral("sqlite"), QStringLiteral("--name"),
                   QStringLiteral("file"), QStringLiteral("--database"), missing})
                .exitCode,
            0);
        const Run tested =
            assay({QStringLiteral("connections"), QStringLiteral("test"), QStringLiteral("file")});
        QCOMPARE(tested.exitCode, 1);
        QVERIFY(tested.err.contains(QLatin1String("Database not found")));

        QCOMPARE(assay({QStringLiteral("connections"), QStringLiteral("create"),
                        QStringLiteral("--type"), QStringLiteral("oracle9"),
                        QStringLiteral("--name"), QStringLiteral("x")})
                     .exitCode,
                 2);
        QCOMPARE(assay({QStringLiteral("connections"), QStringLiteral("create"),
                        QStringLiteral("--type"), QStringLiteral("postgresql")})
                     .exitCode,
                 2);
        const Run noPassword =
            assay({QStringLiteral("connections"), QStringLiteral("create"),
                   QStringLiteral("--type"), QStringLiteral("postgresql"), QStringLiteral("--name"),
                   QStringLiteral("x"), QStringLiteral("--host"), QStringLiteral("h"),
                   QStringLiteral("--username"), QStringLiteral("u")});
        QCOMPARE(noPassword.exitCode, 2);
        QVERIFY(noPassword.err.contains(QLatin1String("password")));

        // A Catalog refusal is said once (the Catalog no longer logs what it returns as a
        // warning too), with the logging a user has (these tests turn every category on).
        QProcessEnvironment userLogging;
        userLogging.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("qt.qpa.*=false"));
        const Run tooLong =
            assay({QStringLiteral("connections"), QStringLiteral("create"),
                   QStringLiteral("--type"), QStringLiteral("sqlite"), QStringLiteral("--name"),
                   QString(201, QLatin1Char('n')), QStringLiteral("--database"), missing},
                  QByteArray(), userLogging);
        QCOMPARE(tooLong.exitCode, 1);

        // A failed operation's reason is in its log once, not once by the runner and again as
        // the outcome.
        QCOMPARE(assay({QStringLiteral("datastores"), QStringLiteral("create"),
                        QStringLiteral("--name"), QStringLiteral("Missing"),
                        QStringLiteral("--connection-name"), QStringLiteral("file")})
                     .exitCode,
                 0);
        const Run failed =
            assay({QStringLiteral("operations"), QStringLiteral("run"), QStringLiteral("sync"),
                   QStringLiteral("--datastore"), QStringLiteral("Missing"),
                   QStringLiteral("--wait"), QStringLiteral("--json")});
        QCOMPARE(failed.exitCode, 1);
        const QString id = QString::number(json(failed)[QStringLiteral("id")].toInteger());
        const QString log = assay({QStringLiteral("operations"), QStringLiteral("show"), id})
                                .out.section(QStringLiteral("log:"), 1);
        QCOMPARE(log.count(QLatin1String("Database not found")), 1);
        QVERIFY2(tooLong.err.count(QLatin1String("at most 200 characters")) == 1,
                 qPrintable(tooLong.err));
    }

    void syncThroughTheCli()
    {
        const QString path = m_dir.filePath(QStringLiteral("shop.sqlite"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), "shop");
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery(db).exec(QStringLiteral(
                "CREATE TABLE items (id INTEGER NOT NULL, updated_at TIMESTAMP, name TEXT)"));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("shop"));
        QCOMPARE(
            assay({QStringLiteral("connections"), QStringLiteral("create"),
                   QStringLiteral("--type"), QStringLiteral("sqlite"), QStringLiteral("--name"),
                   QStringLiteral("shop"), QStringLiteral("--database"), path})
                .exitCode,
            0);
        QCOMPARE(assay({QStringLiteral("datastores"), QStringLiteral("create"),
                        QStringLiteral("--name"), QStringLiteral("Shop"),
                        QStringLiteral("--connection-name"), QStringLiteral("shop")})
                     .exitCode,
                 0);

        const Run synced =
            assay({QStringLiteral("operations"), QStringLiteral("run"), QStringLiteral("sync"),
                   QStringLiteral("--datastore"), QStringLiteral("Shop"), QStringLiteral("--wait"),
                   QStringLiteral("--json")});
        QCOMPARE(synced.exitCode, 0);
        const QJsonValue op = json(synced);
        QCOMPARE(op[QStringLiteral("type")].toString(), QStringLiteral("catalog"));
        QCOMPARE(op[QStringLiteral("result")].toString(), QStringLiteral("success"));
        QVERIFY(!op[QStringLiteral("start_time")].toString().isEmpty());
        QVERIFY(!op[QStringLiteral("end_time")].toString().isEmpty());
        QCOMPARE(op[QStringLiteral("prune")].toBool(true), false);
        QCOMPARE(op[QStringLiteral("recreate")].toBool(true), false);
        QCOMPARE(op[QStringLiteral("include")].toArray().size(), 2);
        QCOMPARE(op[QStringLiteral("containers_added")].toInt(), 1);
        QCOMPARE(op[QStringLiteral("triggered_by")].toString(), QStringLiteral("cli"));

        const Run listed = assay({QStringLiteral("containers"), QStringLiteral("list"),
                                  QStringLiteral("--datastore"), QStringLiteral("Shop"),
                                  QStringLiteral("--json")});
        QCOMPARE(listed.exitCode, 0);
        const QJsonObject items = jsonArray(listed).at(0).toObject();
        QCOMPARE(items.value(QStringLiteral("name")).toString(), QStringLiteral("items"));
        QCOMPARE(items.value(QStringLiteral("container_type")).toString(), QStringLiteral("table"));
        const QJsonObject id = items.value(QStringLiteral("fields")).toArray().at(0).toObject();
        QCOMPARE(id.value(QStringLiteral("name")).toString(), QStringLiteral("id"));
        QCOMPARE(id.value(QStringLiteral("type")).toString(), QStringLiteral("INTEGER"));
        QCOMPARE(id.value(QStringLiteral("nullable")).toBool(true), false);

        // Without --wait it returns at once; a detached runner finishes the work.
        const Run queued =
            assay({QStringLiteral("operations"), QStringLiteral("run"), QStringLiteral("sync"),
                   QStringLiteral("--datastore"), QStringLiteral("Shop"), QStringLiteral("--prune"),
                   QStringLiteral("--include"), QStringLiteral("table"), QStringLiteral("--json")});
        QCOMPARE(queued.exitCode, 0);
        const QString queuedId = QString::number(json(queued)[QStringLiteral("id")].toInt());
        QString result;
        for (int i = 0; i < 100 && result != QLatin1String("success"); ++i) {
            QTest::qWait(100);
            result = json(assay({QStringLiteral("operations"), QStringLiteral("show"), queuedId,
                                 QStringLiteral("--json")}))[QStringLiteral("result")]
                         .toString();
        }
        QCOMPARE(result, QStringLiteral("success"));
        const Run shown = assay({QStringLiteral("operations"), QStringLiteral("show"), queuedId});
        QVERIFY(shown.out.contains(QLatin1String("Started.")));
        QVERIFY(shown.out.contains(QLatin1String("prune:")));
        const Run all = assay({QStringLiteral("operations"), QStringLiteral("list"),
                               QStringLiteral("--datastore"), QStringLiteral("Shop"),
                               QStringLiteral("--json")});
        QCOMPARE(jsonArray(all).size(), 2);

        // Finished operations cannot be aborted or resumed; bad usage exits 2.
        QCOMPARE(assay({QStringLiteral("operations"), QStringLiteral("abort"), queuedId}).exitCode,
                 1);
        QCOMPARE(assay({QStringLiteral("operations"), QStringLiteral("resume"), queuedId}).exitCode,
                 1);
        QCOMPARE(assay({QStringLiteral("operations"), QStringLiteral("run"), QStringLiteral("sync"),
                        QStringLiteral("--datastore"), QStringLiteral("Shop"),
                        QStringLiteral("--include"), QStringLiteral("tables,indexes")})
                     .exitCode,
                 2);
        // Each operation type takes its own options: Profile's record limit is not Sync's.
        const Run foreign =
            assay({QStringLiteral("operations"), QStringLiteral("run"), QStringLiteral("sync"),
                   QStringLiteral("--datastore"), QStringLiteral("Shop"),
                   QStringLiteral("--record-limit"), QStringLiteral("5")});
        QCOMPARE(foreign.exitCode, 2);
        QVERIFY2(foreign.err.contains(QLatin1String("record-limit")), qPrintable(foreign.err));

        // An operation whose runner was killed is shown aborted by the next command, and
        // aborting such an orphan says so instead of waiting for a process that is gone.
        qint64 orphan = 0, orphanToAbort = 0;
        {
            Catalog catalog;
            QVERIFY(catalog.open(m_catalog));
            Operation dead;
            dead.datastoreId = catalog.datastoreByName(QStringLiteral("Shop"))->id;
            dead.type = operation_type::kScan;
            dead.status = operation_status::kRunning;
            dead.runner = QStringLiteral("%1:%2").arg(QSysInfo::machineHostName()).arg(999999);
            dead.startedAt = QDateTime::currentDateTimeUtc();
            orphan = catalog.addOperation(dead);
            orphanToAbort = catalog.addOperation(dead);
            QVERIFY(orphan && orphanToAbort);
        }
        const Run aborted = assay({QStringLiteral("operations"), QStringLiteral("abort"),
                                   QString::number(orphanToAbort)});
        QCOMPARE(aborted.exitCode, 0);
        QVERIFY2(aborted.out.contains(QLatin1String("had stopped")), qPrintable(aborted.out));
        const QJsonValue shownOrphan =
            json(assay({QStringLiteral("operations"), QStringLiteral("show"),
                        QString::number(orphan), QStringLiteral("--json")}));
        QCOMPARE(shownOrphan[QStringLiteral("result")].toString(), QStringLiteral("aborted"));
    }

    // A connector whose secret is not a password (Databricks' token) takes it the same way.
    void secretsOtherThanPasswords()
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("ASSAY_TEST_TOKEN"), QStringLiteral("dapi-not-a-real-token"));
        const Run created = assay(
            {QStringLiteral("connections"), QStringLiteral("create"), QStringLiteral("--type"),
             QStringLiteral("databricks"), QStringLiteral("--name"), QStringLiteral("lakehouse"),
             QStringLiteral("--host"), QStringLiteral("adb-1.azuredatabricks.net"),
             QStringLiteral("--parameters"),
             QStringLiteral("{\"http_path\": \"/sql/1.0/warehouses/abc\", \"catalog\": \"main\"}"),
             QStringLiteral("--password-env"), QStringLiteral("ASSAY_TEST_TOKEN"),
             QStringLiteral("--json")},
            QByteArray(), env);
        QCOMPARE(created.exitCode, 0);
        QCOMPARE(json(created)[QStringLiteral("secrets_in_keychain")].toArray(),
                 QJsonArray{QStringLiteral("token")});
        CredentialStore store;
        QCOMPARE(
            store.readAndWait(uuidOf(QStringLiteral("lakehouse")), QStringLiteral("token")).secret,
            QStringLiteral("dapi-not-a-real-token"));
        QVERIFY(!everythingOnDisk().contains("dapi-not-a-real-token"));
        // No ODBC driver for Databricks here: the test says so, with how to install it.
        const Run tested = assay(
            {QStringLiteral("connections"), QStringLiteral("test"), QStringLiteral("lakehouse")});
        QCOMPARE(tested.exitCode, 1);
        QVERIFY2(tested.err.contains(QLatin1String("Driver missing")), qPrintable(tested.err));
        QCOMPARE(assay({QStringLiteral("connections"), QStringLiteral("delete"),
                        QStringLiteral("lakehouse")})
                     .exitCode,
                 0);
        const Run unknown =
            assay({QStringLiteral("connections"), QStringLiteral("create"),
                   QStringLiteral("--type"), QStringLiteral("databricks"), QStringLiteral("--name"),
                   QStringLiteral("x"), QStringLiteral("--host"), QStringLiteral("h"),
                   QStringLiteral("--secret-env"), QStringLiteral("pin=ASSAY_TEST_TOKEN")},
                  QByteArray(), env);
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY(unknown.err.contains(QLatin1String("no secret 'pin'")));
    }

    void demoCommandRegistersTheDemoShop()
    {
        const Run r = assay({QStringLiteral("demo")});
        QCOMPARE(r.exitCode, 0);
        const Run shown = assay({QStringLiteral("datastores"), QStringLiteral("show"),
                                 QStringLiteral("Demo Shop"), QStringLiteral("--json")});
        QCOMPARE(shown.exitCode, 0);
        QCOMPARE(json(shown)[QStringLiteral("connection")][QStringLiteral("type")].toString(),
                 QStringLiteral("sqlite"));
        QCOMPARE(assay({QStringLiteral("connections"), QStringLiteral("test"),
                        QStringLiteral("Demo Shop")})
                     .exitCode,
                 0);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
