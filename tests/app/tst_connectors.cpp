#include "TestSupport.h"
#include "app/connectors/ConnectionTester.h"
#include "app/connectors/ConnectorSpec.h"
#include "app/connectors/SourceSession.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace assay;

// Connector diagnosis against the real PostgreSQL and MariaDB of the Servers fixture.
class TestConnectors : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    static ConnectionSettings settingsFor(const QString &type, const test::Server &server)
    {
        ConnectionSettings s;
        s.connection.name = type + QStringLiteral("-test");
        s.connection.type = type;
        s.connection.host = server.host;
        s.connection.port = server.port;
        s.connection.username = server.user;
        s.connection.database = server.database;
        s.secrets.insert(QStringLiteral("password"), server.password);
        s.connectTimeoutSeconds = 3;
        return s;
    }

    static void expect(const ConnectionTestResult &r, DiagnosisCategory category)
    {
        if (r.diagnosis.category != category)
            qWarning() << "got" << r.diagnosis.code() << r.diagnosis.detail;
        QCOMPARE(r.diagnosis.category, category);
        if (category != DiagnosisCategory::None) {
            QVERIFY(!r.diagnosis.hint.isEmpty());
            QVERIFY(!r.diagnosis.detail.isEmpty());
        }
    }

private slots:
    void registryDescribesConnectors()
    {
        for (const char *id : {"sqlite", "postgresql", "redshift", "mysql", "mariadb"})
            QVERIFY2(connectors::find(QLatin1String(id)), id);
        QCOMPARE(connectors::find(QStringLiteral("PostgreSQL"))->defaultPort, 5432);
        QCOMPARE(connectors::find(QStringLiteral("redshift"))->defaultPort, 5439);
        QCOMPARE(connectors::find(QStringLiteral("redshift"))->qtDriver, QStringLiteral("QPSQL"));
        QCOMPARE(connectors::find(QStringLiteral("mysql"))->defaultPort, 3306);
        QCOMPARE(connectors::find(QStringLiteral("mariadb"))->defaultPort, 3306);
        const ConnectorSpec *pg = connectors::find(QStringLiteral("postgresql"));
        QCOMPARE(pg->secretFieldNames(), QStringList{QStringLiteral("password")});
        QVERIFY(pg->field(QStringLiteral("host"))->required);
        QCOMPARE(pg->field(QStringLiteral("port"))->defaultValue, QStringLiteral("5432"));
        QVERIFY(pg->supportsEnrichment);
        QVERIFY(connectors::find(QStringLiteral("timescale"))->supportsEnrichment);
        QVERIFY(!connectors::find(QStringLiteral("local"))->supportsEnrichment);
        QVERIFY(connectors::find(QStringLiteral("sqlite"))->secretFieldNames().isEmpty());
        QVERIFY(!connectors::find(QStringLiteral("nosuch")));
        // Every connector's Qt driver is installed on a machine that passed `make deps`.
        for (const ConnectorSpec &spec : connectors::all())
            if (!spec.isFolder())
                QVERIFY2(QSqlDatabase::isDriverAvailable(spec.qtDriver), qPrintable(spec.id));
    }

    void postgresDiagnosis()
    {
        const test::Server pg = test::postgres();
        QVERIFY2(pg.port, "the Servers fixture is not running");
        const ConnectionSettings good = settingsFor(QStringLiteral("postgresql"), pg);

        const ConnectionTestResult ok = testConnection(good);
        expect(ok, DiagnosisCategory::None);
        QVERIFY(ok.serverVersion.contains(QLatin1String("PostgreSQL")));
        QVERIFY(ok.schemas.contains(QStringLiteral("public")));
        QVERIFY(!ok.schemas.contains(QStringLiteral("pg_catalog")));
        QVERIFY(!ok.schemas.contains(QStringLiteral("information_schema")));

        ConnectionSettings wrongPassword = good;
        wrongPassword.secrets[QStringLiteral("password")] = QStringLiteral("not-the-password");
        const ConnectionTestResult auth = testConnection(wrongPassword);
        expect(auth, DiagnosisCategory::AuthenticationFailed);
        QVERIFY(auth.diagnosis.message().startsWith(QLatin1String("Authentication failed")));
        QVERIFY(!auth.diagnosis.detail.contains(QLatin1String("not-the-password")));

        ConnectionSettings closed = good;
        closed.connection.port = test::closedLoopbackPort();
        expect(testConnection(closed), DiagnosisCategory::ConnectionRefused);

        ConnectionSettings missing = good;
        missing.database = QStringLiteral("no_such_database");
        expect(testConnection(missing), DiagnosisCategory::DatabaseNotFound);

        ConnectionSettings noAccess = good;
        noAccess.connection.username = pg.extra.value(QStringLiteral("PG_NOACCESS_USER"));
        expect(testConnection(noAccess), DiagnosisCategory::PermissionDenied);

        ConnectionSettings unknownHost = good;
        unknownHost.connection.host = QStringLiteral("no-such-host.invalid");
        expect(testConnection(unknownHost), DiagnosisCategory::UnknownHost);
    }

    void redshiftUsesThePostgresProtocol()
    {
        const test::Server pg = test::postgres();
        QVERIFY(pg.port);
        expect(testConnection(settingsFor(QStringLiteral("redshift"), pg)),
               DiagnosisCategory::None);
    }

    void aServerThatNeverAnswersTimesOut()
    {
        // Accepts TCP connections (the kernel does) but never speaks: the handshake stalls.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        for (const char *type : {"postgresql", "mariadb"}) {
            test::Server s{QStringLiteral("127.0.0.1"), silent.serverPort(), QStringLiteral("u"),
                           QStringLiteral("p"),         QStringLiteral("d"), {}};
            ConnectionSettings settings = settingsFor(QLatin1String(type), s);
            settings.connectTimeoutSeconds = 1;
            QElapsedTimer timer;
            timer.start();
            expect(testConnection(settings), DiagnosisCategory::Timeout);
            QVERIFY2(timer.elapsed() < 15000, type);
        }
    }

    void mariadbDiagnosis()
    {
        const test::Server md = test::mariadb();
        QVERIFY2(md.port, "the Servers fixture is not running");
        for (const char *type : {"mariadb", "mysql"}) {
            const ConnectionSettings good = settingsFor(QLatin1String(type), md);
            const ConnectionTestResult ok = testConnection(good);
            expect(ok, DiagnosisCategory::None);
            QVERIFY(ok.serverVersion.contains(QLatin1String("MariaDB")));
            QVERIFY(ok.schemas.contains(QStringLiteral("assay_test")));
            QVERIFY(!ok.schemas.contains(QStringLiteral("mysql")));

            ConnectionSettings wrongPassword = good;
            wrongPassword.secrets[QStringLiteral("password")] = QStringLiteral("wrong");
            expect(testConnection(wrongPassword), DiagnosisCategory::AuthenticationFailed);

            ConnectionSettings closed = good;
            closed.connection.port = test::closedLoopbackPort();
            expect(testConnection(closed), DiagnosisCategory::ConnectionRefused);

            ConnectionSettings missing = good;
            // Inside the user's grants (assay\_%), MariaDB admits the database is missing.
            missing.database = QStringLiteral("assay_no_such_database");
            expect(testConnection(missing), DiagnosisCategory::DatabaseNotFound);

            ConnectionSettings forbidden = good;
            forbidden.database = md.extra.value(QStringLiteral("MARIADB_PRIVATE_DATABASE"));
            expect(testConnection(forbidden), DiagnosisCategory::PermissionDenied);
        }
    }

    void sqliteDiagnosis()
    {
        const QString path = m_dir.filePath(QStringLiteral("shop.sqlite"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), "create");
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery(db).exec(QStringLiteral("CREATE TABLE t (x INTEGER)"));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("create"));

        ConnectionSettings s;
        s.connection.type = QStringLiteral("sqlite");
        s.connection.database = path;
        const ConnectionTestResult ok = testConnection(s);
        expect(ok, DiagnosisCategory::None);
        QVERIFY(ok.serverVersion.startsWith(QLatin1String("SQLite 3.")));
        QCOMPARE(ok.schemas, QStringList{QStringLiteral("main")});

        // A missing file is reported, and not silently created.
        s.connection.database = m_dir.filePath(QStringLiteral("missing.sqlite"));
        expect(testConnection(s), DiagnosisCategory::DatabaseNotFound);
        QVERIFY(!QFile::exists(s.connection.database));

        const QString junk = m_dir.filePath(QStringLiteral("junk.sqlite"));
        QFile file(junk);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(8192, 'j'));
        file.close();
        s.connection.database = junk;
        const ConnectionTestResult notDb = testConnection(s);
        expect(notDb, DiagnosisCategory::Other);
        QVERIFY(notDb.diagnosis.hint.contains(QLatin1String("not an SQLite database")));
    }

    void unknownConnectorAndMissingDriver()
    {
        ConnectionSettings s;
        s.connection.type = QStringLiteral("nosuch");
        expect(testConnection(s), DiagnosisCategory::Other);

        ConnectorSpec spec = *connectors::find(QStringLiteral("postgresql"));
        spec.qtDriver = QStringLiteral("QNOSUCH");
        const Diagnosis d = diagnoseMissingDriver(spec);
        QCOMPARE(d.category, DiagnosisCategory::DriverMissing);
        QCOMPARE(d.code(), QStringLiteral("driver_missing"));
        QVERIFY(d.hint.contains(QLatin1String("libqt6sql6-psql")));
    }

    void testerRunsOffTheCallingThreadAndCancels()
    {
        const test::Server pg = test::postgres();
        QVERIFY(pg.port);
        ConnectionTester tester;
        QSignalSpy finished(&tester, &ConnectionTester::finished);
        tester.start(settingsFor(QStringLiteral("postgresql"), pg));
        QVERIFY(tester.isRunning());
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.count(), 1);
        QVERIFY(finished.at(0).at(0).value<ConnectionTestResult>().ok());

        // Cancel answers at once, even while the server stalls, and the late result is dropped.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        test::Server s{QStringLiteral("127.0.0.1"), silent.serverPort(), QStringLiteral("u"),
                       QStringLiteral("p"),         QStringLiteral("d"), {}};
        ConnectionSettings stalled = settingsFor(QStringLiteral("postgresql"), s);
        stalled.connectTimeoutSeconds = 2;
        finished.clear();
        tester.start(stalled);
        tester.cancel();
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(0).value<ConnectionTestResult>().diagnosis.category,
                 DiagnosisCategory::Cancelled);
        QTest::qWait(3000);
        QCOMPARE(finished.count(), 1);
    }
};

QTEST_GUILESS_MAIN(TestConnectors)
#include "tst_connectors.moc"
