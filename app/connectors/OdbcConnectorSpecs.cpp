#include "app/connectors/OdbcConnectors.h"

#include <QCoreApplication>

// The connectors reached through ODBC: their form fields, ports, driver names and install hints.
namespace assay {

namespace {

// The context of this file's translatable text (as lupdate sees it, too).
struct ConnectorsText
{
    Q_DECLARE_TR_FUNCTIONS(assay::connectors)
};

const QLatin1String kQodbc("QODBC");

// ---- Specs --------------------------------------------------------------------------------------

ConnectorField field(const char *name, const QString &label, bool required = true,
                     const QString &placeholder = QString(),
                     const QString &defaultValue = QString())
{
    return {QLatin1String(name), label,      ConnectorFieldType::Text, required, false,
            defaultValue,        placeholder};
}

ConnectorField portField(int port)
{
    return {QStringLiteral("port"),
            ConnectorsText::tr("Port"),
            ConnectorFieldType::Integer,
            true,
            false,
            QString::number(port),
            QString()};
}

ConnectorField secretField(const char *name, const QString &label, bool required = true,
                           const QString &placeholder = QString())
{
    return {QLatin1String(name), label,      ConnectorFieldType::Password, required, true,
            QString(),           placeholder};
}

ConnectorField hostField(const QString &placeholder = QString())
{
    return field("host", ConnectorsText::tr("Host"), true,
                 placeholder.isEmpty() ? ConnectorsText::tr("db.example.com") : placeholder);
}

ConnectorField userField(bool required = true)
{
    return field("username", ConnectorsText::tr("User"), required);
}

ConnectorField passwordField(bool required = true)
{
    return secretField("password", ConnectorsText::tr("Password"), required);
}

ConnectorField databaseField(bool required = true, const QString &label = QString())
{
    return field("database", label.isEmpty() ? ConnectorsText::tr("Database") : label, required);
}

// Host, port, user, password and database, like the native server connectors.
QVector<ConnectorField> serverFields(int port, bool databaseRequired = true)
{
    return {hostField(), portField(port), userField(), passwordField(),
            databaseField(databaseRequired)};
}

ConnectorSpec odbcSpec(const char *id, const char *name, const char *dialect, int port,
                       bool enrichment, bool multiSchema, QStringList drivers,
                       const QString &installHint, QVector<ConnectorField> fields)
{
    ConnectorSpec spec;
    spec.id = QLatin1String(id);
    spec.displayName = QLatin1String(name);
    spec.kind = ConnectorKind::Jdbc;
    spec.qtDriver = kQodbc;
    spec.driverPackage = QStringLiteral("libqt6sql6-odbc");
    spec.dialect = QLatin1String(dialect);
    spec.defaultPort = port;
    spec.supportsEnrichment = enrichment;
    spec.supportsMultiSchema = multiSchema;
    spec.fields = std::move(fields);
    spec.odbcDrivers = std::move(drivers);
    spec.installHint = installHint;
    return spec;
}

QStringList list(std::initializer_list<const char *> names)
{
    QStringList out;
    for (const char *n : names)
        out << QLatin1String(n);
    return out;
}

QString vendorHint(const QString &what)
{
    return ConnectorsText::tr(
               "Install %1, then restart Assay. `odbcinst -q -d` lists the ODBC drivers "
               "installed.")
        .arg(what);
}

QString debianHint(const char *package, const char *what)
{
    return ConnectorsText::tr(
               "Install the %1 ODBC driver (Debian/Ubuntu: sudo apt install %2), then restart "
               "Assay.")
        .arg(QLatin1String(what), QLatin1String(package));
}

QVector<ConnectorSpec> buildSpecs()
{
    QVector<ConnectorSpec> specs;

    // Snowflake: host is the account URL; role and warehouse travel in Connection::parameters.
    ConnectorSpec snowflake = odbcSpec(
        "snowflake", "Snowflake", "snowflake", 443, true, true, list({"SnowflakeDSIIDriver"}),
        vendorHint(ConnectorsText::tr(
            "Snowflake's ODBC driver (snowflake-odbc) from Snowflake's ODBC download "
            "page")),
        {
            hostField(ConnectorsText::tr("xy12345.snowflakecomputing.com")),
            field("role", ConnectorsText::tr("Role"), true, ConnectorsText::tr("ANALYST")),
            field("warehouse", ConnectorsText::tr("Warehouse"), true,
                  ConnectorsText::tr("COMPUTE_WH")),
            userField(),
            field("authentication", ConnectorsText::tr("Authentication"), true, QString(),
                  QStringLiteral("basic")),
            passwordField(false),
            {QStringLiteral("private_key"), ConnectorsText::tr("Private key"),
             ConnectorFieldType::FilePath, false, true, QString(),
             ConnectorsText::tr("/path/to/rsa_key.p8, or the PEM text")},
            secretField("private_key_password", ConnectorsText::tr("Private key password"), false),
            databaseField(),
        });
    snowflake.fieldChoices.insert(QStringLiteral("authentication"),
                                  {QStringLiteral("basic"), QStringLiteral("keypair")});
    specs << snowflake;

    const QStringList sqlServerDrivers =
        list({"ODBC Driver 18 for SQL Server", "ODBC Driver 17 for SQL Server",
              "ODBC Driver * for SQL Server", "FreeTDS"});
    const QString sqlServerHint = vendorHint(ConnectorsText::tr(
        "Microsoft's ODBC Driver 18 for SQL Server (msodbcsql18, from Microsoft's package "
        "repository), or FreeTDS (Debian/Ubuntu: sudo apt install tdsodbc)"));
    QVector<ConnectorField> sqlServerFields = serverFields(1433);
    sqlServerFields << field("trust_server_certificate",
                             ConnectorsText::tr("Trust the server certificate"), false, QString(),
                             QStringLiteral("no"));
    ConnectorSpec sqlserver = odbcSpec("sqlserver", "Microsoft SQL Server", "sqlserver", 1433, true,
                                       true, sqlServerDrivers, sqlServerHint, sqlServerFields);
    sqlserver.fieldChoices.insert(QStringLiteral("trust_server_certificate"),
                                  {QStringLiteral("no"), QStringLiteral("yes")});
    specs << sqlserver;
    ConnectorSpec synapse =
        odbcSpec("synapse", "Azure Synapse Analytics", "sqlserver", 1433, true, true,
                 sqlServerDrivers, sqlServerHint,
                 {hostField(ConnectorsText::tr("myworkspace.sql.azuresynapse.net")),
                  portField(1433), userField(), passwordField(), databaseField()});
    specs << synapse;

    specs << odbcSpec(
        "oracle", "Oracle", "oracle", 1521, false, true, list({"Oracle*", "*Oracle*"}),
        vendorHint(ConnectorsText::tr("Oracle Instant Client with its ODBC package "
                                      "(instantclient-odbc, from Oracle's Instant Client download "
                                      "page; run its odbc_update_ini.sh)")),
        {hostField(), portField(1521), userField(), passwordField(),
         field("service_name", ConnectorsText::tr("Service name"), false,
               ConnectorsText::tr("ORCLPDB1")),
         field("sid", ConnectorsText::tr("SID"), false, ConnectorsText::tr("ORCL"))});

    specs << odbcSpec(
        "databricks", "Databricks", "databricks", 443, true, true,
        list({"Simba Spark ODBC Driver", "Databricks ODBC Driver", "Simba Spark*", "*Databricks*"}),
        vendorHint(ConnectorsText::tr(
            "the Databricks ODBC driver (Simba Spark ODBC Driver, simbaspark) from "
            "Databricks' ODBC driver download page")),
        {hostField(ConnectorsText::tr("adb-1234567890123456.7.azuredatabricks.net")),
         portField(443),
         field("http_path", ConnectorsText::tr("HTTP path"), true,
               ConnectorsText::tr("/sql/1.0/warehouses/abcdef0123456789")),
         secretField("token", ConnectorsText::tr("Personal access token")),
         field("catalog", ConnectorsText::tr("Catalog")), databaseField(false)});

    const auto trinoFields = [](int port) {
        return QVector<ConnectorField>{hostField(), portField(port), userField(),
                                       passwordField(false),
                                       field("catalog", ConnectorsText::tr("Catalog"))};
    };
    specs << odbcSpec(
        "trino", "Trino", "trino", 8080, true, true,
        list({"Starburst ODBC Driver", "Simba Trino ODBC Driver", "*Trino*"}),
        vendorHint(ConnectorsText::tr("a Trino ODBC driver (the Starburst ODBC driver, or Simba "
                                      "Trino ODBC Driver) from its vendor's download page")),
        trinoFields(8080));
    specs << odbcSpec(
        "presto", "Presto", "trino", 8080, false, false,
        list({"Simba Presto ODBC Driver", "Starburst ODBC Driver", "*Presto*"}),
        vendorHint(ConnectorsText::tr("a Presto ODBC driver (Simba Presto ODBC Driver, or the "
                                      "Starburst ODBC driver) from its vendor's download page")),
        trinoFields(8080));

    specs << odbcSpec(
        "athena", "Amazon Athena", "athena", 443, false, true,
        list({"Simba Athena ODBC Driver", "Amazon Athena ODBC Driver", "*Athena*"}),
        vendorHint(ConnectorsText::tr(
            "the Amazon Athena ODBC driver from AWS's Athena ODBC download page")),
        {field("region", ConnectorsText::tr("Region"), true, ConnectorsText::tr("us-east-1")),
         field("s3_output_location", ConnectorsText::tr("S3 output location"), true,
               ConnectorsText::tr("s3://bucket/athena-results/")),
         field("workgroup", ConnectorsText::tr("Workgroup"), false, QString(),
               QStringLiteral("primary")),
         field("access_key", ConnectorsText::tr("Access key"), true, ConnectorsText::tr("AKIA...")),
         secretField("secret_key", ConnectorsText::tr("Secret key")),
         field("catalog", ConnectorsText::tr("Catalog"), false, QString(),
               QStringLiteral("AwsDataCatalog")),
         databaseField(false)});

    specs << odbcSpec(
        "db2", "IBM DB2", "db2", 50000, true, true,
        list({"IBM DB2 ODBC DRIVER", "DB2", "IBM DB2*", "*DB2*"}),
        vendorHint(ConnectorsText::tr("IBM Data Server Driver for ODBC and CLI (clidriver) from "
                                      "IBM's download page, registered with odbcinst")),
        serverFields(50000));

    specs << odbcSpec(
        "dremio", "Dremio", "dremio", 31010, false, true,
        list({"Dremio Connector", "Arrow Flight SQL ODBC Driver", "*Dremio*"}),
        vendorHint(ConnectorsText::tr("Dremio's ODBC driver (dremio-odbc) from Dremio's download "
                                      "page")),
        {hostField(), portField(31010), userField(), passwordField()});

    specs << odbcSpec(
        "hive", "Apache Hive", "hive", 10000, false, true,
        list({"Cloudera ODBC Driver for Apache Hive", "Simba Hive ODBC Driver", "*Hive*"}),
        vendorHint(
            ConnectorsText::tr("the Cloudera ODBC Driver for Apache Hive (or Simba Hive ODBC "
                               "Driver) from Cloudera's download page")),
        {hostField(), portField(10000), userField(), passwordField(false),
         field("database", ConnectorsText::tr("Database"), false, QString(),
               QStringLiteral("default"))});

    specs << odbcSpec(
        "teradata", "Teradata", "teradata", 1025, false, false,
        list({"Teradata Database ODBC Driver*", "Teradata*"}),
        vendorHint(ConnectorsText::tr("Teradata's ODBC driver (tdodbc) from Teradata's downloads "
                                      "site")),
        serverFields(1025, false));

    ConnectorSpec generic = odbcSpec(
        "odbc", "ODBC (generic)", "odbc", 0, false, true, {},
        ConnectorsText::tr(
            "Install the database's ODBC driver and register it with unixODBC: `odbcinst -q -d` "
            "lists the installed drivers, `odbcinst -q -s` the data sources."),
        {field("dsn", ConnectorsText::tr("Data source name (DSN)"), false,
               ConnectorsText::tr("a name from odbc.ini")),
         field("connection_string", ConnectorsText::tr("Connection string"), false,
               ConnectorsText::tr(
                   "DRIVER={...};SERVER=...;DATABASE=... (credentials go in the fields below)")),
         userField(false), passwordField(false)});
    specs << generic;

    // Hidden: Debian's own ODBC drivers, used to prove the ODBC path against real servers.
    ConnectorSpec pg = odbcSpec("postgresql-odbc", "PostgreSQL (ODBC)", "postgresql", 5432, false,
                                true, list({"PostgreSQL Unicode"}),
                                debianHint("odbc-postgresql", "PostgreSQL"), serverFields(5432));
    pg.hidden = true;
    ConnectorSpec maria = odbcSpec("mariadb-odbc", "MariaDB (ODBC)", "mysql", 3306, false, true,
                                   list({"MariaDB Unicode", "MariaDB*"}),
                                   debianHint("odbc-mariadb", "MariaDB"), serverFields(3306));
    maria.hidden = true;
    ConnectorSpec sqlite =
        odbcSpec("sqlite-odbc", "SQLite (ODBC)", "sqlite", 0, false, false, list({"SQLite3"}),
                 debianHint("libsqliteodbc", "SQLite"),
                 {{QStringLiteral("database"), ConnectorsText::tr("Database file"),
                   ConnectorFieldType::FilePath, true, false, QString(),
                   ConnectorsText::tr("/path/to/database.sqlite")}});
    sqlite.hidden = true;
    specs << pg << maria << sqlite;
    return specs;
}

} // namespace

QVector<ConnectorSpec> odbcConnectorSpecs()
{
    return buildSpecs();
}

} // namespace assay
