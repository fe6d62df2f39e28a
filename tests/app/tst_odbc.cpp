#include "TestSupport.h"
#include "app/connectors/ConnectorSpec.h"
#include "app/connectors/Diagnosis.h"
#include "app/connectors/Discovery.h"
#include "app/connectors/OdbcConnectors.h"
#include "app/connectors/SourceSession.h"

#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace assay;

// Connectors through QODBC and unixODBC: connection strings, driver lookup, and the real path
// through Debian's ODBC drivers to the PostgreSQL and MariaDB of the Servers fixture and SQLite.
class TestOdbc : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    static const ConnectorSpec &spec(const char *id)
    {
        const ConnectorSpec *s = connectors::find(QLatin1String(id));
        if (!s)
            qFatal("no connector %s", id);
        return *s;
    }

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

    QString makeSqliteFile(const QString &name)
    {
        const QString path = m_dir.filePath(name);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(path);
            if (!db.open())
                return QString();
            QSqlQuery q(db);
            q.exec(QStringLiteral("CREATE TABLE orders (id INTEGER PRIMARY KEY, total REAL)"));
            q.exec(QStringLiteral("INSERT INTO orders (total) VALUES (9.5), (12.25)"));
        }
        QSqlDatabase::removeDatabase(name);
        return path;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // A private user odbc.ini with one DSN for the generic connector (never the user's own).
        const test::Server pg = test::postgres();
        const QString ini = m_dir.filePath(QStringLiteral("odbc.ini"));
        QFile file(ini);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Text));
        file.write(QStringLiteral("[AssayPg]\nDriver=PostgreSQL Unicode\nServername=%1\nPort=%2\n"
                                  "Database=%3\n")
                       .arg(pg.host)
                       .arg(pg.port)
                       .arg(pg.database)
                       .toUtf8());
        file.close();
        qputenv("ODBCINI", ini.toUtf8());
    }

    void connectionStringsEscapeValues()
    {
        ConnectionSettings s;
        s.connection.type = QStringLiteral("postgresql-odbc");
        s.connection.host = QStringLiteral("db.example.com");
        s.connection.port = 5433;
        s.connection.username = QStringLiteral("ana");
        s.connection.database = QStringLiteral("shop");
        s.secrets.insert(QStringLiteral("password"), QStringLiteral("p;a}s{s"));
        const QString cs = buildOdbcConnectionString(spec("postgresql-odbc"), s,
                                                     QStringLiteral("PostgreSQL Unicode"));
        QCOMPARE(cs, QStringLiteral("DRIVER={PostgreSQL Unicode};SERVER=db.example.com;PORT=5433;"
                                    "DATABASE=shop;UID=ana;PWD={p;a}}s{s}"));
        QVERIFY(!cs.endsWith(QLatin1Char(';')));

        QCOMPARE(odbcQuoteValue(QStringLiteral("plain")), QStringLiteral("plain"));
        QCOMPARE(odbcQuoteValue(QStringLiteral("a;b")), QStringLiteral("{a;b}"));
        QCOMPARE(odbcQuoteValue(QStringLiteral("}")), QStringLiteral("{}}}"));
        QCOMPARE(odbcQuoteValue(QStringLiteral("{x}")), QStringLiteral("{{x}}}"));

        // The default port when none is set; empty values are left out, not sent empty.
        s.connection.port = 0;
        s.secrets.clear();
        const QString noPassword =
            buildOdbcConnectionString(spec("mariadb-odbc"), s, QStringLiteral("MariaDB Unicode"));
        QCOMPARE(noPassword, QStringLiteral("DRIVER={MariaDB Unicode};SERVER=db.example.com;"
                                            "PORT=3306;DATABASE=shop;UID=ana"));

        ConnectionSettings file;
        file.connection.type = QStringLiteral("sqlite-odbc");
        file.connection.database = QStringLiteral("/data/a;b.sqlite");
        QCOMPARE(buildOdbcConnectionString(spec("sqlite-odbc"), file, QStringLiteral("SQLite3")),
                 QStringLiteral("DRIVER={SQLite3};DATABASE={/data/a;b.sqlite};NoCreat=1;"
                                "Timeout=5000"));
    }

    void connectionStringsPerVendor()
    {
        ConnectionSettings sf;
        sf.connection.type = QStringLiteral("snowflake");
        sf.connection.host = QStringLiteral("xy12345.snowflakecomputing.com");
        sf.connection.username = QStringLiteral("ANA");
        sf.connection.database = QStringLiteral("SALES");
        sf.connection.parameters.insert(QStringLiteral("role"), QStringLiteral("ANALYST"));
        sf.connection.parameters.insert(QStringLiteral("warehouse"), QStringLiteral("WH"));
        sf.secrets.insert(QStringLiteral("password"), QStringLiteral("pw"));
        const QString basic =
            buildOdbcConnectionString(spec("snowflake"), sf, QStringLiteral("SnowflakeDSIIDriver"));
        QCOMPARE(basic, QStringLiteral("DRIVER={SnowflakeDSIIDriver};"
                                       "SERVER=xy12345.snowflakecomputing.com;UID=ANA;PWD=pw;"
                                       "DATABASE=SALES;WAREHOUSE=WH;ROLE=ANALYST"));
        sf.connection.parameters.insert(QStringLiteral("authentication"),
                                        QStringLiteral("keypair"));
        sf.secrets.insert(QStringLiteral("private_key"), QStringLiteral("/keys/rsa_key.p8"));
        sf.secrets.insert(QStringLiteral("private_key_password"), QStringLiteral("k;p"));
        const QString keypair =
            buildOdbcConnectionString(spec("snowflake"), sf, QStringLiteral("SnowflakeDSIIDriver"));
        QVERIFY2(keypair.contains(QLatin1String(";AUTHENTICATOR=SNOWFLAKE_JWT;PRIV_KEY_FILE=/keys/"
                                                "rsa_key.p8;PRIV_KEY_FILE_PWD={k;p};")),
                 qPrintable(keypair));
        QVERIFY(!keypair.contains(QLatin1String("PWD=pw")));

        ConnectionSettings ms;
        ms.connection.type = QStringLiteral("sqlserver");
        ms.connection.host = QStringLiteral("sql.example.com");
        ms.connection.username = QStringLiteral("sa");
        ms.connection.database = QStringLiteral("shop");
        ms.secrets.insert(QStringLiteral("password"), QStringLiteral("pw"));
        const QString mssql = buildOdbcConnectionString(
            spec("sqlserver"), ms, QStringLiteral("ODBC Driver 18 for SQL Server"));
        QVERIFY2(mssql.startsWith(QLatin1String("DRIVER={ODBC Driver 18 for SQL Server};"
                                                "SERVER=tcp:sql.example.com,1433;Encrypt=yes")),
                 qPrintable(mssql));
        QVERIFY(mssql.endsWith(QLatin1String("DATABASE=shop;UID=sa;PWD=pw")));
        const QString tds =
            buildOdbcConnectionString(spec("sqlserver"), ms, QStringLiteral("FreeTDS"));
        QVERIFY2(tds.contains(QLatin1String("SERVER=sql.example.com;PORT=1433;TDS_Version=")),
                 qPrintable(tds));

        ConnectionSettings dbx;
        dbx.connection.type = QStringLiteral("databricks");
        dbx.connection.host = QStringLiteral("adb-1.azuredatabricks.net");
        dbx.connection.parameters.insert(QStringLiteral("http_path"),
                                         QStringLiteral("/sql/1.0/warehouses/abc"));
        dbx.connection.parameters.insert(QStringLiteral("catalog"), QStringLiteral("main"));
        dbx.secrets.insert(QStringLiteral("token"), QStringLiteral("dapi123"));
        const QString databricks = buildOdbcConnectionString(
            spec("databricks"), dbx, QStringLiteral("Simba Spark ODBC Driver"));
        for (const char *part :
             {"Host=adb-1.azuredatabricks.net", "Port=443", "HTTPPath=/sql/1.0/warehouses/abc",
              "AuthMech=3", "UID=token", "PWD=dapi123", "Catalog=main"})
            QVERIFY2(databricks.split(QLatin1Char(';')).contains(QLatin1String(part)),
                     qPrintable(databricks + QStringLiteral(" lacks ") + QLatin1String(part)));

        ConnectionSettings ora;
        ora.connection.type = QStringLiteral("oracle");
        ora.connection.host = QStringLiteral("ora.example.com");
        ora.connection.username = QStringLiteral("scott");
        ora.connection.parameters.insert(QStringLiteral("service_name"), QStringLiteral("PDB1"));
        QVERIFY(buildOdbcConnectionString(spec("oracle"), ora, QStringLiteral("Oracle 21"))
                    .contains(QLatin1String("DBQ=//ora.example.com:1521/PDB1")));
        ora.connection.parameters.remove(QStringLiteral("service_name"));
        ora.connection.parameters.insert(QStringLiteral("sid"), QStringLiteral("ORCL"));
        QVERIFY(buildOdbcConnectionString(spec("oracle"), ora, QStringLiteral("Oracle 21"))
                    .contains(QLatin1String("(CONNECT_DATA=(SID=ORCL))")));

        ConnectionSettings athena;
        athena.connection.type = QStringLiteral("athena");
        athena.connection.parameters.insert(QStringLiteral("region"), QStringLiteral("eu-west-1"));
        athena.connection.parameters.insert(QStringLiteral("s3_output_location"),
                                            QStringLiteral("s3://bucket/out/"));
        athena.connection.parameters.insert(QStringLiteral("access_key"), QStringLiteral("AKIA1"));
        athena.secrets.insert(QStringLiteral("secret_key"), QStringLiteral("sk"));
        const QString aws = buildOdbcConnectionString(spec("athena"), athena,
                                                      QStringLiteral("Simba Athena ODBC Driver"));
        for (const char *part : {"AwsRegion=eu-west-1", "S3OutputLocation=s3://bucket/out/",
                                 "Workgroup=primary", "UID=AKIA1", "PWD=sk"})
            QVERIFY2(aws.split(QLatin1Char(';')).contains(QLatin1String(part)), qPrintable(aws));

        // Every vendor's string is well formed: DRIVER first, no empty attribute, no trailing ';'.
        for (const ConnectorSpec &s : odbcConnectorSpecs()) {
            if (s.id == QLatin1String("odbc"))
                continue;
            ConnectionSettings any;
            any.connection.type = s.id;
            any.connection.host = QStringLiteral("h");
            any.connection.username = QStringLiteral("u");
            any.connection.database = QStringLiteral("d");
            const QString text = buildOdbcConnectionString(s, any, QStringLiteral("Some Driver"));
            QVERIFY2(text.startsWith(QLatin1String("DRIVER={Some Driver}")), qPrintable(s.id));
            QVERIFY2(!text.endsWith(QLatin1Char(';')), qPrintable(s.id));
            QVERIFY2(!text.contains(QLatin1String("=;")), qPrintable(text));
        }
    }

    void genericConnectionStrings()
    {
        const ConnectorSpec &odbc = spec("odbc");
        ConnectionSettings s;
        s.connection.type = QStringLiteral("odbc");
        s.connection.parameters.insert(QStringLiteral("dsn"), QStringLiteral("Warehouse"));
        s.connection.username = QStringLiteral("ana");
        s.secrets.insert(QStringLiteral("password"), QStringLiteral("se;cret"));
        QCOMPARE(buildOdbcConnectionString(odbc, s, QString()),
                 QStringLiteral("DSN=Warehouse;UID=ana;PWD={se;cret}"));

        // A full connection string wins over the DSN and is kept verbatim...
        s.connection.parameters.insert(QStringLiteral("connection_string"),
                                       QStringLiteral("DRIVER={X};SERVER=h;UID=bob;"));
        QCOMPARE(buildOdbcConnectionString(odbc, s, QString()),
                 QStringLiteral("DRIVER={X};SERVER=h;UID=bob;PWD={se;cret}"));
        // ...with UID/PWD added only where missing.
        s.connection.parameters.insert(QStringLiteral("connection_string"),
                                       QStringLiteral("Driver={X};Uid=bob;Pwd={a;b}"));
        QCOMPARE(buildOdbcConnectionString(odbc, s, QString()),
                 QStringLiteral("Driver={X};Uid=bob;Pwd={a;b}"));
        // QODBC puts "DSN=" before a string without DRIVER= or SERVER=: not twice.
        QCOMPARE(qodbcDatabaseName(QStringLiteral("DSN=Warehouse;UID=ana")),
                 QStringLiteral("Warehouse;UID=ana"));
        QCOMPARE(qodbcDatabaseName(QStringLiteral("DRIVER={X};UID=ana")),
                 QStringLiteral("DRIVER={X};UID=ana"));
        QCOMPARE(qodbcDatabaseName(QStringLiteral("FILEDSN=/etc/x.dsn")),
                 QStringLiteral("/etc/x.dsn"));

        s.connection.username.clear();
        s.secrets.clear();
        s.connection.parameters.insert(QStringLiteral("connection_string"),
                                       QStringLiteral("DRIVER={X};SERVER=h;"));
        QCOMPARE(buildOdbcConnectionString(odbc, s, QString()),
                 QStringLiteral("DRIVER={X};SERVER=h;"));
    }

    void driverLookup()
    {
        const QStringList installed = installedOdbcDrivers();
        for (const char *name : {"PostgreSQL Unicode", "MariaDB Unicode", "SQLite3"})
            QVERIFY2(installed.contains(QLatin1String(name)), name);
        QCOMPARE(findInstalledOdbcDriver(spec("postgresql-odbc")),
                 QStringLiteral("PostgreSQL Unicode"));
        QCOMPARE(findInstalledOdbcDriver(spec("sqlite-odbc")), QStringLiteral("SQLite3"));
        QVERIFY(findInstalledOdbcDriver(spec("odbc")).isEmpty()); // the DSN picks the driver

        // Preference order, wildcards, case.
        const QStringList some = {QStringLiteral("FreeTDS"),
                                  QStringLiteral("ODBC Driver 17 for SQL Server"),
                                  QStringLiteral("ODBC Driver 18 for SQL Server"),
                                  QStringLiteral("Oracle 21 ODBC driver")};
        QCOMPARE(matchOdbcDriver(spec("sqlserver"), some),
                 QStringLiteral("ODBC Driver 18 for SQL Server"));
        QCOMPARE(matchOdbcDriver(spec("sqlserver"), {QStringLiteral("FreeTDS")}),
                 QStringLiteral("FreeTDS"));
        QCOMPARE(matchOdbcDriver(spec("oracle"), some), QStringLiteral("Oracle 21 ODBC driver"));
        QCOMPARE(matchOdbcDriver(spec("snowflake"), {QStringLiteral("snowflakedsiidriver")}),
                 QStringLiteral("snowflakedsiidriver"));
        QVERIFY(matchOdbcDriver(spec("snowflake"), some).isEmpty());
        QVERIFY(matchOdbcDriver(spec("databricks"), {}).isEmpty());
    }

    void specsDescribeVendors()
    {
        struct Expected
        {
            const char *id;
            int port;
            bool enrichment;
            bool multiSchema;
        };
        const Expected expected[] = {
            {"snowflake", 443, true, true},  {"sqlserver", 1433, true, true},
            {"synapse", 1433, true, true},   {"oracle", 1521, false, true},
            {"databricks", 443, true, true}, {"trino", 8080, true, true},
            {"presto", 8080, false, false},  {"athena", 443, false, true},
            {"db2", 50000, true, true},      {"dremio", 31010, false, true},
            {"hive", 10000, false, true},    {"teradata", 1025, false, false},
            {"odbc", 0, false, true},
        };
        for (const Expected &e : expected) {
            const ConnectorSpec &s = spec(e.id);
            QCOMPARE(s.qtDriver, QStringLiteral("QODBC"));
            QCOMPARE(s.defaultPort, e.port);
            QVERIFY2(s.supportsEnrichment == e.enrichment, e.id);
            QVERIFY2(s.supportsMultiSchema == e.multiSchema, e.id);
            QVERIFY2(!s.hidden, e.id);
            QVERIFY2(!s.installHint.isEmpty(), e.id);
            QVERIFY2(s.id == QLatin1String("odbc") || !s.odbcDrivers.isEmpty(), e.id);
            QVERIFY2(!s.dialect.isEmpty(), e.id);
            QVERIFY2(QSqlDatabase::isDriverAvailable(s.qtDriver), e.id);
            for (const ConnectorField &f : s.fields) {
                QVERIFY2(!f.label.isEmpty(), qPrintable(f.name));
                // Secrets are masked; nothing that names a secret is stored in the clear.
                if (f.type == ConnectorFieldType::Password)
                    QVERIFY2(f.secret, qPrintable(s.id + QLatin1Char('.') + f.name));
            }
        }
        const auto has = [](const char *id, const char *field, bool secret, bool required) {
            const ConnectorField *f = spec(id).field(QLatin1String(field));
            if (!f)
                return false;
            return f->secret == secret && f->required == required;
        };
        QVERIFY(has("snowflake", "host", false, true));
        QVERIFY(has("snowflake", "role", false, true));
        QVERIFY(has("snowflake", "warehouse", false, true));
        QVERIFY(has("snowflake", "username", false, true));
        QVERIFY(has("snowflake", "authentication", false, true));
        QVERIFY(has("snowflake", "password", true, false));
        QVERIFY(has("snowflake", "private_key", true, false));
        QVERIFY(has("snowflake", "private_key_password", true, false));
        QVERIFY(has("snowflake", "database", false, true));
        QCOMPARE(spec("snowflake").fieldChoices.value(QStringLiteral("authentication")),
                 (QStringList{QStringLiteral("basic"), QStringLiteral("keypair")}));
        QCOMPARE(spec("snowflake").odbcDrivers, QStringList{QStringLiteral("SnowflakeDSIIDriver")});
        QVERIFY(has("databricks", "http_path", false, true));
        QVERIFY(has("databricks", "token", true, true));
        QVERIFY(has("databricks", "catalog", false, true));
        QVERIFY(!spec("databricks").field(QStringLiteral("password")));
        QVERIFY(has("oracle", "sid", false, false));
        QVERIFY(has("oracle", "service_name", false, false));
        QVERIFY(has("trino", "catalog", false, true));
        QVERIFY(has("athena", "region", false, true));
        QVERIFY(has("athena", "s3_output_location", false, true));
        QVERIFY(has("athena", "workgroup", false, false));
        QVERIFY(has("athena", "access_key", false, true));
        QVERIFY(has("athena", "secret_key", true, true));
        QVERIFY(has("odbc", "dsn", false, false));
        QVERIFY(has("odbc", "connection_string", false, false));
        QVERIFY(has("odbc", "password", true, false));
        QVERIFY(spec("sqlserver")
                    .odbcDrivers.startsWith(QStringLiteral("ODBC Driver 18 for SQL Server")));
        QCOMPARE(spec("sqlserver").odbcDrivers.value(1),
                 QStringLiteral("ODBC Driver 17 for SQL Server"));

        for (const char *id : {"postgresql-odbc", "mariadb-odbc", "sqlite-odbc"}) {
            QVERIFY2(spec(id).hidden, id);
            QCOMPARE(spec(id).qtDriver, QStringLiteral("QODBC"));
        }
        QCOMPARE(spec("sqlite-odbc").field(QStringLiteral("database"))->type,
                 ConnectorFieldType::FilePath);
        // The native connectors are unchanged and still visible.
        QVERIFY(!spec("postgresql").hidden);
        QCOMPARE(spec("postgresql").qtDriver, QStringLiteral("QPSQL"));
    }

    void postgresThroughOdbc()
    {
        const test::Server pg = test::postgres();
        QVERIFY2(pg.port, "the Servers fixture is not running");
        const ConnectionSettings good = settingsFor(QStringLiteral("postgresql-odbc"), pg);
        const ConnectionTestResult ok = testConnection(good);
        expect(ok, DiagnosisCategory::None);
        QVERIFY2(ok.serverVersion.startsWith(QLatin1String("PostgreSQL")),
                 qPrintable(ok.serverVersion));
        QVERIFY(ok.schemas.contains(QStringLiteral("public")));
        QVERIFY(!ok.schemas.contains(QStringLiteral("pg_catalog")));

        ConnectionSettings wrongPassword = good;
        wrongPassword.secrets[QStringLiteral("password")] = QStringLiteral("not;the{password}");
        const ConnectionTestResult auth = testConnection(wrongPassword);
        expect(auth, DiagnosisCategory::AuthenticationFailed);
        QVERIFY(!auth.diagnosis.detail.contains(QLatin1String("not;the")));

        ConnectionSettings closed = good;
        closed.connection.port = test::closedLoopbackPort();
        expect(testConnection(closed), DiagnosisCategory::ConnectionRefused);

        ConnectionSettings missing = good;
        missing.database = QStringLiteral("no_such_database");
        expect(testConnection(missing), DiagnosisCategory::DatabaseNotFound);
    }

    void postgresThroughOdbcTimesOut()
    {
        QTcpServer silent; // accepts (the kernel does) but never speaks
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        test::Server s{QStringLiteral("127.0.0.1"), silent.serverPort(), QStringLiteral("u"),
                       QStringLiteral("p"),         QStringLiteral("d"), {}};
        ConnectionSettings settings = settingsFor(QStringLiteral("postgresql-odbc"), s);
        settings.connectTimeoutSeconds = 1;
        QElapsedTimer timer;
        timer.start();
        expect(testConnection(settings), DiagnosisCategory::Timeout);
        QVERIFY(timer.elapsed() < 15000);
    }

    void mariadbThroughOdbc()
    {
        const test::Server md = test::mariadb();
        QVERIFY2(md.port, "the Servers fixture is not running");
        const ConnectionSettings good = settingsFor(QStringLiteral("mariadb-odbc"), md);
        const ConnectionTestResult ok = testConnection(good);
        expect(ok, DiagnosisCategory::None);
        QVERIFY2(ok.serverVersion.contains(QLatin1String("MariaDB")), qPrintable(ok.serverVersion));
        QVERIFY(ok.schemas.contains(md.database));
        QVERIFY(!ok.schemas.contains(QStringLiteral("mysql")));

        ConnectionSettings wrongPassword = good;
        wrongPassword.secrets[QStringLiteral("password")] = QStringLiteral("wrong}pass;word");
        expect(testConnection(wrongPassword), DiagnosisCategory::AuthenticationFailed);

        ConnectionSettings closed = good;
        closed.connection.port = test::closedLoopbackPort();
        expect(testConnection(closed), DiagnosisCategory::ConnectionRefused);
    }

    void sqliteThroughOdbc()
    {
        // Closing with a statement still open makes the SQLite driver complain; none may be left.
        QTest::failOnWarning(QRegularExpression(QStringLiteral("Unable to disconnect|unfinished")));
        const QString path = makeSqliteFile(QStringLiteral("shop.sqlite"));
        QVERIFY(!path.isEmpty());
        ConnectionSettings s;
        s.connection.type = QStringLiteral("sqlite-odbc");
        s.connection.database = path;
        const ConnectionTestResult ok = testConnection(s);
        expect(ok, DiagnosisCategory::None);
        QVERIFY2(ok.serverVersion.startsWith(QLatin1String("SQLite 3.")),
                 qPrintable(ok.serverVersion));
        QCOMPARE(ok.schemas, QStringList{QStringLiteral("main")});

        // The discovery the Sync operation runs works through the ODBC driver too.
        {
            SourceSession session(s);
            QVERIFY(session.open());
            DiscoveredSchema schema;
            const QVector<DiscoveredContainer> &containers = schema.containers;
            QString error;
            DiscoveryOptions options;
            options.schema = QStringLiteral("main");
            QVERIFY2(discoverSchema(session, options, &schema, &error), qPrintable(error));
            QCOMPARE(containers.size(), 1);
            QCOMPARE(containers.first().name, QStringLiteral("orders"));
            QCOMPARE(containers.first().fields.size(), 2);
        }

        // A missing file is reported, and not created.
        s.connection.database = m_dir.filePath(QStringLiteral("missing.sqlite"));
        const ConnectionTestResult missing = testConnection(s);
        expect(missing, DiagnosisCategory::DatabaseNotFound);
        QVERIFY(missing.diagnosis.hint.contains(QLatin1String("file path")));
        QVERIFY(!QFile::exists(s.connection.database));
    }

    void genericOdbc()
    {
        const test::Server pg = test::postgres();
        QVERIFY2(pg.port, "the Servers fixture is not running");
        ConnectionSettings s;
        s.connection.type = QStringLiteral("odbc");
        s.connection.username = pg.user;
        s.secrets.insert(QStringLiteral("password"), pg.password);
        s.connectTimeoutSeconds = 3;

        // A full connection string, credentials added from the fields.
        s.connection.parameters.insert(
            QStringLiteral("connection_string"),
            QStringLiteral("DRIVER={PostgreSQL Unicode};SERVER=%1;PORT=%2;DATABASE=%3")
                .arg(pg.host)
                .arg(pg.port)
                .arg(pg.database));
        const ConnectionTestResult viaString = testConnection(s);
        expect(viaString, DiagnosisCategory::None);
        // Generic: the DBMS as the driver reports it, the schemas as SQLTables lists them.
        QVERIFY2(viaString.serverVersion.startsWith(QLatin1String("PostgreSQL")),
                 qPrintable(viaString.serverVersion));
        QVERIFY2(viaString.schemas.contains(QStringLiteral("public")),
                 qPrintable(viaString.schemas.join(QLatin1Char(','))));
        QVERIFY(!viaString.schemas.contains(QStringLiteral("information_schema")));
        QVERIFY(!viaString.schemas.contains(QStringLiteral("pg_catalog")));

        // A DSN from the (private) odbc.ini.
        s.connection.parameters.remove(QStringLiteral("connection_string"));
        s.connection.parameters.insert(QStringLiteral("dsn"), QStringLiteral("AssayPg"));
        expect(testConnection(s), DiagnosisCategory::None);
        s.secrets[QStringLiteral("password")] = QStringLiteral("wrong");
        expect(testConnection(s), DiagnosisCategory::AuthenticationFailed);

        // An unknown DSN, an unknown driver, and neither given.
        s.connection.parameters.insert(QStringLiteral("dsn"), QStringLiteral("NoSuchDsn"));
        const ConnectionTestResult noDsn = testConnection(s);
        expect(noDsn, DiagnosisCategory::DriverMissing);
        QVERIFY(noDsn.diagnosis.hint.contains(QLatin1String("odbcinst")));
        s.connection.parameters.insert(QStringLiteral("connection_string"),
                                       QStringLiteral("DRIVER={No Such Driver};SERVER=x"));
        expect(testConnection(s), DiagnosisCategory::DriverMissing);
        s.connection.parameters = {};
        expect(testConnection(s), DiagnosisCategory::Other);
    }

    void vendorDriverMissing()
    {
        int checked = 0;
        for (const char *id : {"snowflake", "sqlserver", "databricks"}) {
            if (!findInstalledOdbcDriver(spec(id)).isEmpty())
                continue; // installed on this machine: nothing to prove here
            ConnectionSettings s;
            s.connection.type = QLatin1String(id);
            s.connection.host = QStringLiteral("example.invalid");
            s.connection.username = QStringLiteral("ana");
            s.connection.database = QStringLiteral("db");
            s.secrets.insert(QStringLiteral("password"), QStringLiteral("pw"));
            QElapsedTimer timer;
            timer.start();
            const ConnectionTestResult r = testConnection(s);
            expect(r, DiagnosisCategory::DriverMissing);
            QCOMPARE(r.diagnosis.hint, spec(id).installHint);
            QVERIFY(r.diagnosis.hint.contains(QLatin1String("restart Assay")));
            // The detail names what was looked for.
            QVERIFY2(r.diagnosis.detail.contains(spec(id).odbcDrivers.first()),
                     qPrintable(r.diagnosis.detail));
            QVERIFY(timer.elapsed() < 5000); // no network attempt
            if (qstrcmp(id, "snowflake") == 0)
                QVERIFY(r.diagnosis.hint.contains(QLatin1String("snowflake-odbc")));
            ++checked;
        }
        if (!checked)
            QSKIP("every vendor driver probed here is installed");
    }

    void odbcMessagesAreClassified()
    {
        struct Case
        {
            const char *id;
            const char *message;
            DiagnosisCategory category;
        };
        const Case cases[] = {
            {"snowflake",
             "[unixODBC][Driver Manager]Can't open lib 'SnowflakeDSIIDriver' : file "
             "not found",
             DiagnosisCategory::DriverMissing},
            {"odbc",
             "[unixODBC][Driver Manager]Data source name not found and no default driver "
             "specified",
             DiagnosisCategory::DriverMissing},
            {"sqlserver",
             "[Microsoft][ODBC Driver 18 for SQL Server][SQL Server]Login failed for "
             "user 'sa'.",
             DiagnosisCategory::AuthenticationFailed},
            {"sqlserver",
             "[Microsoft][ODBC Driver 18 for SQL Server][SQL Server]Cannot open "
             "database \"nope\" requested by the login. The login failed.",
             DiagnosisCategory::DatabaseNotFound},
            {"sqlserver", "[Microsoft][ODBC Driver 18 for SQL Server]Login timeout expired",
             DiagnosisCategory::Timeout},
            {"snowflake", "Incorrect username or password was specified.",
             DiagnosisCategory::AuthenticationFailed},
            {"oracle", "[Oracle][ODBC][Ora]ORA-01017: invalid username/password; logon denied",
             DiagnosisCategory::AuthenticationFailed},
            {"oracle", "[Oracle][ODBC][Ora]ORA-12541: TNS:no listener",
             DiagnosisCategory::ConnectionRefused},
            {"oracle",
             "[Oracle][ODBC][Ora]ORA-12514: TNS:listener does not currently know of "
             "service requested",
             DiagnosisCategory::DatabaseNotFound},
            {"db2", "[IBM][CLI Driver] SQL30082N Security processing failed with reason \"24\"",
             DiagnosisCategory::AuthenticationFailed},
            {"odbc", "SQLSTATE=28000 something went wrong",
             DiagnosisCategory::AuthenticationFailed},
            {"odbc", "[HYT00] the query ran out of time", DiagnosisCategory::Timeout},
            {"odbc", "08001: Connection refused by peer", DiagnosisCategory::ConnectionRefused},
            {"odbc", "08001: could not resolve host name", DiagnosisCategory::UnknownHost},
            {"odbc", "SQLSTATE IM002 no driver", DiagnosisCategory::DriverMissing},
            {"postgresql-odbc",
             "connection to server at \"127.0.0.1\", port 5432 failed: FATAL: "
             "password authentication failed for user \"x\"",
             DiagnosisCategory::AuthenticationFailed},
            {"mariadb-odbc",
             "[ma-3.1.15]Access denied for user 'x'@'localhost' (using password: "
             "YES)",
             DiagnosisCategory::AuthenticationFailed},
            {"mariadb-odbc", "[ma-3.1.15]Can't connect to server on '127.0.0.1' (115)",
             DiagnosisCategory::ConnectionRefused},
            {"sqlite-odbc", "[SQLite]connect failed", DiagnosisCategory::PermissionDenied},
            {"odbc", "something nobody expected", DiagnosisCategory::Other},
        };
        for (const Case &c : cases) {
            const Diagnosis d = diagnose(spec(c.id), QLatin1String(c.message),
                                         QStringLiteral("db.example.com"), 1433);
            QVERIFY2(d.category == c.category,
                     qPrintable(QStringLiteral("%1: %2 -> %3")
                                    .arg(QLatin1String(c.id), QLatin1String(c.message), d.code())));
            QVERIFY2(!d.hint.isEmpty(), c.message);
        }
        // An ODBC driver missing points at the vendor's driver, not at a Qt package.
        const Diagnosis missing = diagnose(
            spec("databricks"),
            QStringLiteral("[unixODBC][Driver Manager]Can't open lib 'Simba Spark ODBC Driver'"),
            QString(), 0);
        QCOMPARE(missing.hint, spec("databricks").installHint);
    }
};

QTEST_GUILESS_MAIN(TestOdbc)
#include "tst_odbc.moc"
