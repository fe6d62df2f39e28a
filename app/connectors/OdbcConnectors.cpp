#include "app/connectors/OdbcConnectors.h"

#include "app/connectors/SourceSession.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSet>
#include <QSqlDriver>
#include <QVariant>
#include <sql.h>
#include <sqlext.h>

namespace assay {

namespace {

// The context of this file's translatable text (as lupdate sees it, too).
struct ConnectorsText
{
    Q_DECLARE_TR_FUNCTIONS(assay::connectors)
};

const QLatin1String kQodbc("QODBC");

// ---- Connection strings -------------------------------------------------------------------------

// A field's value: Connection members for the standard fields, the keychain secrets for secret
// ones, Connection::parameters for the rest; the field's default when empty.
QString valueOf(const ConnectorSpec &spec, const ConnectionSettings &settings, const QString &name)
{
    const Connection &c = settings.connection;
    if (name == QLatin1String("host"))
        return c.host.trimmed();
    if (name == QLatin1String("port")) {
        const int port = c.port > 0 ? c.port : spec.defaultPort;
        return port > 0 ? QString::number(port) : QString();
    }
    if (name == QLatin1String("username"))
        return c.username;
    if (name == QLatin1String("database"))
        return settings.effectiveDatabase();
    const ConnectorField *f = spec.field(name);
    QString value;
    if ((f && f->secret) || settings.secrets.contains(name))
        value = settings.secrets.value(name);
    else
        value = c.parameters.value(name).toVariant().toString();
    if (value.isEmpty() && f)
        value = f->defaultValue;
    return value;
}

class Attributes
{
public:
    void driver(const QString &name)
    {
        m_parts << QStringLiteral("DRIVER={%1}")
                       .arg(QString(name).replace(QLatin1Char('}'), QLatin1String("}}")));
    }
    // Skipped when empty: an empty attribute overrides a DSN's or a driver's default.
    void add(const char *key, const QString &value)
    {
        if (!value.isEmpty())
            m_parts << QLatin1String(key) + QLatin1Char('=') + odbcQuoteValue(value);
    }
    QString join() const { return m_parts.join(QLatin1Char(';')); }

private:
    QStringList m_parts;
};

bool isYes(const QString &value)
{
    const QString v = value.trimmed().toLower();
    return v == QLatin1String("yes") || v == QLatin1String("true") || v == QLatin1String("1") ||
           v == QLatin1String("on");
}

// The keys of a connection string (upper case), braces respected.
QSet<QString> connectionStringKeys(const QString &text)
{
    QSet<QString> keys;
    int i = 0;
    const int n = text.size();
    while (i < n) {
        const int eq = text.indexOf(QLatin1Char('='), i);
        const int semi = text.indexOf(QLatin1Char(';'), i);
        if (eq < 0)
            break;
        if (semi >= 0 && semi < eq) { // "key;" without a value
            i = semi + 1;
            continue;
        }
        keys.insert(text.mid(i, eq - i).trimmed().toUpper());
        i = eq + 1;
        while (i < n && text.at(i).isSpace())
            ++i;
        if (i < n && text.at(i) == QLatin1Char('{')) {
            ++i;
            while (i < n) {
                if (text.at(i) == QLatin1Char('}')) {
                    if (i + 1 < n && text.at(i + 1) == QLatin1Char('}')) {
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                ++i;
            }
        }
        const int end = text.indexOf(QLatin1Char(';'), i);
        if (end < 0)
            break;
        i = end + 1;
    }
    return keys;
}

QString genericConnectionString(const ConnectorSpec &spec, const ConnectionSettings &settings)
{
    const QString user = valueOf(spec, settings, QStringLiteral("username"));
    const QString password = valueOf(spec, settings, QStringLiteral("password"));
    QString raw = valueOf(spec, settings, QStringLiteral("connection_string")).trimmed();
    if (raw.isEmpty()) {
        Attributes a;
        a.add("DSN", valueOf(spec, settings, QStringLiteral("dsn")).trimmed());
        a.add("UID", user);
        a.add("PWD", password);
        return a.join();
    }
    const QSet<QString> keys = connectionStringKeys(raw);
    Attributes extra;
    if (!keys.contains(QStringLiteral("UID")) && !keys.contains(QStringLiteral("USER")) &&
        !keys.contains(QStringLiteral("USERNAME")) && !keys.contains(QStringLiteral("USER ID")))
        extra.add("UID", user);
    if (!keys.contains(QStringLiteral("PWD")) && !keys.contains(QStringLiteral("PASSWORD")))
        extra.add("PWD", password);
    const QString more = extra.join();
    if (more.isEmpty())
        return raw;
    while (raw.endsWith(QLatin1Char(';')))
        raw.chop(1);
    return raw + QLatin1Char(';') + more;
}

// An Oracle DBQ: EZConnect for a service name, a TNS descriptor for a SID.
QString oracleDbq(const ConnectorSpec &spec, const ConnectionSettings &settings)
{
    const QString host = valueOf(spec, settings, QStringLiteral("host"));
    const QString port = valueOf(spec, settings, QStringLiteral("port"));
    const QString sid = valueOf(spec, settings, QStringLiteral("sid")).trimmed();
    QString service = valueOf(spec, settings, QStringLiteral("service_name")).trimmed();
    if (service.isEmpty() && sid.isEmpty())
        service = settings.effectiveDatabase().trimmed();
    if (!service.isEmpty() || sid.isEmpty())
        return QStringLiteral("//%1:%2/%3").arg(host, port, service);
    return QStringLiteral("(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=%1)(PORT=%2))"
                          "(CONNECT_DATA=(SID=%3)))")
        .arg(host, port, sid);
}

// Databricks, Hive, Trino and friends call the database a schema.
QString schemaOf(const ConnectionSettings &settings)
{
    return settings.schema.isEmpty() ? settings.effectiveDatabase() : settings.schema;
}

QString globToRegex(const QString &pattern)
{
    QString re;
    for (const QChar ch : pattern) {
        if (ch == QLatin1Char('*'))
            re += QLatin1String(".*");
        else if (ch == QLatin1Char('?'))
            re += QLatin1Char('.');
        else
            re += QRegularExpression::escape(QString(ch));
    }
    return QLatin1String("\\A") + re + QLatin1String("\\z");
}

SQLHANDLE connectionHandle(const QSqlDatabase &db)
{
    if (!db.isOpen() || db.driverName() != kQodbc || !db.driver())
        return SQL_NULL_HANDLE;
    const QVariant handle = db.driver()->handle();
    if (!handle.isValid() || handle.metaType().sizeOf() != qsizetype(sizeof(SQLHANDLE)))
        return SQL_NULL_HANDLE;
    return *static_cast<const SQLHANDLE *>(handle.constData());
}

QString info(SQLHANDLE dbc, SQLUSMALLINT type)
{
    SQLCHAR buffer[256] = {};
    SQLSMALLINT length = 0;
    if (!SQL_SUCCEEDED(SQLGetInfo(dbc, type, buffer, sizeof(buffer), &length)))
        return QString();
    return QString::fromUtf8(reinterpret_cast<const char *>(buffer)).trimmed();
}

bool isSystemSchema(const QString &schema)
{
    static const QSet<QString> system = {
        // SQL standard, PostgreSQL, MySQL/MariaDB
        QStringLiteral("information_schema"), QStringLiteral("pg_catalog"),
        QStringLiteral("pg_toast"), QStringLiteral("mysql"), QStringLiteral("performance_schema"),
        QStringLiteral("sys"),
        // SQL Server's role schemas
        QStringLiteral("guest"), QStringLiteral("db_owner"), QStringLiteral("db_accessadmin"),
        QStringLiteral("db_securityadmin"), QStringLiteral("db_ddladmin"),
        QStringLiteral("db_backupoperator"), QStringLiteral("db_datareader"),
        QStringLiteral("db_datawriter"), QStringLiteral("db_denydatareader"),
        QStringLiteral("db_denydatawriter"),
        // DB2
        QStringLiteral("sysibm"), QStringLiteral("syscat"), QStringLiteral("sysfun"),
        QStringLiteral("sysibmadm"), QStringLiteral("sysproc"), QStringLiteral("sysstat"),
        QStringLiteral("systools"), QStringLiteral("nullid"), QStringLiteral("sqlj"),
        // Oracle
        QStringLiteral("system"), QStringLiteral("outln"), QStringLiteral("dbsnmp"),
        QStringLiteral("appqossys"), QStringLiteral("audsys"), QStringLiteral("ctxsys"),
        QStringLiteral("dvsys"), QStringLiteral("gsmadmin_internal"), QStringLiteral("lbacsys"),
        QStringLiteral("mdsys"), QStringLiteral("ojvmsys"), QStringLiteral("olapsys"),
        QStringLiteral("orddata"), QStringLiteral("ordsys"), QStringLiteral("wmsys"),
        QStringLiteral("xdb"),
        // Teradata
        QStringLiteral("dbc"), QStringLiteral("syslib"), QStringLiteral("sysudtlib"),
        // Databricks / Hive / Trino
        QStringLiteral("$system")};
    const QString lower = schema.toLower();
    return system.contains(lower) || lower.startsWith(QLatin1String("pg_temp_")) ||
           lower.startsWith(QLatin1String("pg_toast_temp_"));
}

} // namespace

// ---- Public API ---------------------------------------------------------------------------------

bool isOdbcConnector(const ConnectorSpec &spec)
{
    return spec.qtDriver == kQodbc;
}

QString odbcQuoteValue(const QString &value)
{
    const bool needsBraces =
        value.contains(QLatin1Char(';')) || value.contains(QLatin1Char('{')) ||
        value.contains(QLatin1Char('}')) ||
        (!value.isEmpty() && (value.front().isSpace() || value.back().isSpace()));
    if (!needsBraces)
        return value;
    return QLatin1Char('{') + QString(value).replace(QLatin1Char('}'), QLatin1String("}}")) +
           QLatin1Char('}');
}

QString qodbcDatabaseName(const QString &connectionString)
{
    const auto contains = [&](const char *text) {
        return connectionString.contains(QLatin1String(text), Qt::CaseInsensitive);
    };
    const auto stripped = [&](const char *prefix) {
        const QLatin1String p(prefix);
        return connectionString.startsWith(p, Qt::CaseInsensitive) ? connectionString.mid(p.size())
                                                                   : connectionString;
    };
    if (contains(".dsn"))
        return stripped("FILEDSN=");
    if (contains("DRIVER=") || contains("SERVER="))
        return connectionString;
    return stripped("DSN=");
}

QString buildOdbcConnectionString(const ConnectorSpec &spec, const ConnectionSettings &settings,
                                  const QString &driverName)
{
    const auto v = [&](const char *name) { return valueOf(spec, settings, QLatin1String(name)); };
    const QString id = spec.id;
    if (id == QLatin1String("odbc"))
        return genericConnectionString(spec, settings);

    Attributes a;
    a.driver(driverName);
    if (id == QLatin1String("postgresql-odbc") || id == QLatin1String("mariadb-odbc")) {
        a.add("SERVER", v("host"));
        a.add("PORT", v("port"));
        a.add("DATABASE", v("database"));
        a.add("UID", v("username"));
        a.add("PWD", v("password"));
        if (id == QLatin1String("postgresql-odbc"))
            a.add("SSLmode", v("sslmode"));
    } else if (id == QLatin1String("sqlite-odbc")) {
        a.add("DATABASE", v("database"));
        a.add("NoCreat", QStringLiteral("1")); // a source must already exist
        a.add("Timeout", QStringLiteral("5000"));
    } else if (id == QLatin1String("snowflake")) {
        a.add("SERVER", v("host"));
        if (settings.connection.port > 0 && settings.connection.port != spec.defaultPort)
            a.add("PORT", v("port"));
        a.add("UID", v("username"));
        if (v("authentication").compare(QLatin1String("keypair"), Qt::CaseInsensitive) == 0) {
            a.add("AUTHENTICATOR", QStringLiteral("SNOWFLAKE_JWT"));
            const QString key = v("private_key").trimmed();
            if (key.startsWith(QLatin1String("-----BEGIN"))) {
                // The PEM text itself (Snowflake ODBC 3.x): base64 keeps it on one line.
                a.add("PRIV_KEY_BASE64", QString::fromLatin1(key.toUtf8().toBase64()));
                a.add("PRIV_KEY_PWD", v("private_key_password"));
            } else {
                a.add("PRIV_KEY_FILE", key);
                a.add("PRIV_KEY_FILE_PWD", v("private_key_password"));
            }
        } else {
            a.add("PWD", v("password"));
        }
        a.add("DATABASE", v("database"));
        a.add("SCHEMA", settings.schema);
        a.add("WAREHOUSE", v("warehouse"));
        a.add("ROLE", v("role"));
    } else if (id == QLatin1String("sqlserver") || id == QLatin1String("synapse")) {
        if (driverName.contains(QLatin1String("FreeTDS"), Qt::CaseInsensitive)) {
            a.add("SERVER", v("host"));
            a.add("PORT", v("port"));
            a.add("TDS_Version", QStringLiteral("7.4"));
        } else {
            a.add("SERVER", QStringLiteral("tcp:%1,%2").arg(v("host"), v("port")));
            a.add("Encrypt", QStringLiteral("yes"));
            if (isYes(v("trust_server_certificate")))
                a.add("TrustServerCertificate", QStringLiteral("yes"));
            a.add("APP", QStringLiteral("Assay"));
        }
        a.add("DATABASE", v("database"));
        a.add("UID", v("username"));
        a.add("PWD", v("password"));
    } else if (id == QLatin1String("oracle")) {
        a.add("DBQ", oracleDbq(spec, settings));
        a.add("UID", v("username"));
        a.add("PWD", v("password"));
    } else if (id == QLatin1String("databricks")) {
        a.add("Host", v("host"));
        a.add("Port", v("port"));
        a.add("HTTPPath", v("http_path"));
        a.add("SSL", QStringLiteral("1"));
        a.add("ThriftTransport", QStringLiteral("2"));
        a.add("AuthMech", QStringLiteral("3"));
        a.add("UID", QStringLiteral("token"));
        a.add("PWD", v("token"));
        a.add("Catalog", v("catalog"));
        a.add("Schema", schemaOf(settings));
    } else if (id == QLatin1String("trino") || id == QLatin1String("presto")) {
        a.add("Host", v("host"));
        a.add("Port", v("port"));
        a.add("Catalog", v("catalog"));
        a.add("Schema", schemaOf(settings));
        a.add("UID", v("username"));
        const QString password = v("password");
        if (!password.isEmpty()) {
            a.add("AuthenticationType", QStringLiteral("LDAP Authentication"));
            a.add("PWD", password);
        }
        if (v("port") == QLatin1String("443") || !password.isEmpty())
            a.add("SSL", QStringLiteral("1"));
    } else if (id == QLatin1String("athena")) {
        a.add("AwsRegion", v("region"));
        a.add("S3OutputLocation", v("s3_output_location"));
        a.add("Workgroup", v("workgroup"));
        a.add("AuthenticationType", QStringLiteral("IAM Credentials"));
        a.add("UID", v("access_key"));
        a.add("PWD", v("secret_key"));
        a.add("Catalog", v("catalog"));
        a.add("Schema", schemaOf(settings));
    } else if (id == QLatin1String("db2")) {
        a.add("DATABASE", v("database"));
        a.add("HOSTNAME", v("host"));
        a.add("PORT", v("port"));
        a.add("PROTOCOL", QStringLiteral("TCPIP"));
        a.add("UID", v("username"));
        a.add("PWD", v("password"));
    } else if (id == QLatin1String("dremio")) {
        a.add("HOST", v("host"));
        a.add("PORT", v("port"));
        a.add("ConnectionType", QStringLiteral("Direct"));
        a.add("AuthenticationType", QStringLiteral("Plain"));
        a.add("UID", v("username"));
        a.add("PWD", v("password"));
        a.add("Schema", settings.schema);
    } else if (id == QLatin1String("hive")) {
        a.add("Host", v("host"));
        a.add("Port", v("port"));
        a.add("HiveServerType", QStringLiteral("2"));
        const QString password = v("password");
        a.add("AuthMech", password.isEmpty() ? QStringLiteral("2") : QStringLiteral("3"));
        a.add("UID", v("username"));
        a.add("PWD", password);
        a.add("Schema", schemaOf(settings));
    } else if (id == QLatin1String("teradata")) {
        a.add("DBCName", v("host"));
        if (v("port") != QLatin1String("1025"))
            a.add("TDMSTPortNumber", v("port"));
        a.add("UID", v("username"));
        a.add("PWD", v("password"));
        a.add("Database", v("database"));
    } else {
        // An ODBC connector without its own rules: the common attribute names.
        a.add("SERVER", v("host"));
        a.add("PORT", v("port"));
        a.add("DATABASE", v("database"));
        a.add("UID", v("username"));
        a.add("PWD", v("password"));
    }
    return a.join();
}

QStringList installedOdbcDrivers()
{
    QStringList drivers;
    SQLHENV env = SQL_NULL_HENV;
    if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env)))
        return drivers;
    SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION,
                  reinterpret_cast<SQLPOINTER>(static_cast<quintptr>(SQL_OV_ODBC3)), 0);
    SQLCHAR name[512];
    SQLCHAR attributes[2048];
    SQLSMALLINT nameLength = 0;
    SQLSMALLINT attributesLength = 0;
    SQLUSMALLINT direction = SQL_FETCH_FIRST;
    for (;;) {
        const SQLRETURN r = SQLDrivers(env, direction, name, sizeof(name), &nameLength, attributes,
                                       sizeof(attributes), &attributesLength);
        if (!SQL_SUCCEEDED(r)) // SQL_NO_DATA at the end
            break;
        const QString driver = QString::fromUtf8(reinterpret_cast<const char *>(name)).trimmed();
        if (!driver.isEmpty() && !drivers.contains(driver))
            drivers << driver;
        direction = SQL_FETCH_NEXT;
    }
    SQLFreeHandle(SQL_HANDLE_ENV, env);
    return drivers;
}

QString matchOdbcDriver(const ConnectorSpec &spec, const QStringList &installed)
{
    for (const QString &pattern : spec.odbcDrivers) {
        const QRegularExpression re(globToRegex(pattern),
                                    QRegularExpression::CaseInsensitiveOption);
        for (const QString &driver : installed)
            if (re.match(driver).hasMatch())
                return driver;
    }
    return QString();
}

QString findInstalledOdbcDriver(const ConnectorSpec &spec)
{
    if (spec.odbcDrivers.isEmpty())
        return QString();
    return matchOdbcDriver(spec, installedOdbcDrivers());
}

Diagnosis diagnoseMissingOdbcDriver(const ConnectorSpec &spec)
{
    QStringList names;
    for (const QString &name : spec.odbcDrivers)
        names << QStringLiteral("“%1”").arg(name);
    return makeDiagnosis(DiagnosisCategory::DriverMissing,
                         ConnectorsText::tr("no ODBC driver for %1 is installed (looked for %2)")
                             .arg(spec.displayName, names.join(QStringLiteral(", "))),
                         spec.installHint);
}

QString odbcProbeQuery(const ConnectorSpec &spec)
{
    const QString d = spec.dialect;
    if (d == QLatin1String("odbc"))
        return QString();
    if (d == QLatin1String("oracle"))
        return QStringLiteral("SELECT 1 FROM DUAL");
    if (d == QLatin1String("db2"))
        return QStringLiteral("SELECT 1 FROM SYSIBM.SYSDUMMY1");
    if (d == QLatin1String("sqlite"))
        return QStringLiteral("SELECT COUNT(*) FROM sqlite_master");
    return QStringLiteral("SELECT 1");
}

QString odbcDbmsVersion(const QSqlDatabase &db)
{
    const SQLHANDLE dbc = connectionHandle(db);
    if (dbc == SQL_NULL_HANDLE)
        return QString();
    const QString name = info(dbc, SQL_DBMS_NAME);
    const QString version = info(dbc, SQL_DBMS_VER);
    return QStringList{name, version}.join(QLatin1Char(' ')).trimmed();
}

QStringList odbcSchemas(const QSqlDatabase &db)
{
    QStringList schemas;
    const SQLHANDLE dbc = connectionHandle(db);
    if (dbc == SQL_NULL_HANDLE)
        return schemas;
    SQLHSTMT stmt = SQL_NULL_HSTMT;
    if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt)))
        return schemas;
    SQLCHAR empty[] = "";
    SQLCHAR all[] = SQL_ALL_SCHEMAS;
    if (SQL_SUCCEEDED(SQLTables(stmt, empty, 0, all, SQL_NTS, empty, 0, empty, 0))) {
        while (SQL_SUCCEEDED(SQLFetch(stmt))) {
            SQLCHAR buffer[512] = {};
            SQLLEN length = 0;
            if (!SQL_SUCCEEDED(SQLGetData(stmt, 2, SQL_C_CHAR, buffer, sizeof(buffer), &length)) ||
                length == SQL_NULL_DATA)
                continue;
            const QString schema = QString::fromUtf8(reinterpret_cast<const char *>(buffer));
            if (!schema.isEmpty() && !isSystemSchema(schema) && !schemas.contains(schema))
                schemas << schema;
        }
    }
    // Close the cursor and free the statement before anything else uses the connection (the
    // SQLite driver refuses to disconnect with an unfinished statement).
    SQLFreeStmt(stmt, SQL_CLOSE);
    SQLFreeHandle(SQL_HANDLE_STMT, stmt);
    schemas.sort(Qt::CaseInsensitive);
    return schemas;
}

} // namespace assay
