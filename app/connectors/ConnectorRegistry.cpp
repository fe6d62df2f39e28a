#include "app/connectors/ConnectorSpec.h"
#include "app/connectors/OdbcConnectors.h"

#include <QCoreApplication>

namespace assay::connectors {

namespace {

// The context of this file's translatable text (as lupdate sees it, too).
struct ConnectorsText
{
    Q_DECLARE_TR_FUNCTIONS(assay::connectors)
};

// Host, port, user, password and database: the form every network database shares.
QVector<ConnectorField> serverFields(int defaultPort)
{
    return {
        {QStringLiteral("host"), ConnectorsText::tr("Host"), ConnectorFieldType::Text, true, false,
         QString(), ConnectorsText::tr("db.example.com")},
        {QStringLiteral("port"), ConnectorsText::tr("Port"), ConnectorFieldType::Integer, true,
         false, QString::number(defaultPort), QString()},
        {QStringLiteral("username"), ConnectorsText::tr("User"), ConnectorFieldType::Text, true,
         false, QString(), QString()},
        {QStringLiteral("password"), ConnectorsText::tr("Password"), ConnectorFieldType::Password,
         true, true, QString(), QString()},
        {QStringLiteral("database"), ConnectorsText::tr("Database"), ConnectorFieldType::Text, true,
         false, QString(), QString()},
    };
}

ConnectorSpec server(const char *id, const char *name, const char *driver, const char *package,
                     const char *dialect, int port, bool enrichment)
{
    ConnectorSpec spec;
    spec.id = QLatin1String(id);
    spec.displayName = QLatin1String(name);
    spec.kind = ConnectorKind::Jdbc;
    spec.qtDriver = QLatin1String(driver);
    spec.driverPackage = QLatin1String(package);
    spec.dialect = QLatin1String(dialect);
    spec.defaultPort = port;
    spec.supportsEnrichment = enrichment;
    spec.supportsMultiSchema = true;
    spec.fields = serverFields(port);
    return spec;
}

QVector<ConnectorSpec> build()
{
    ConnectorSpec sqlite;
    sqlite.id = QStringLiteral("sqlite");
    sqlite.displayName = QStringLiteral("SQLite");
    sqlite.kind = ConnectorKind::Jdbc;
    sqlite.qtDriver = QStringLiteral("QSQLITE");
    sqlite.driverPackage = QStringLiteral("libqt6sql6-sqlite");
    sqlite.dialect = QStringLiteral("sqlite");
    sqlite.supportsEnrichment = true;
    sqlite.fields = {{QStringLiteral("database"), ConnectorsText::tr("Database file"),
                      ConnectorFieldType::FilePath, true, false, QString(),
                      ConnectorsText::tr("/path/to/database.sqlite")}};

    ConnectorSpec local;
    local.id = QStringLiteral("local");
    local.displayName = QStringLiteral("Local folder");
    local.kind = ConnectorKind::Dfs;
    local.dialect = QStringLiteral("files");
    local.supportsEnrichment = false;
    local.fields = {{QStringLiteral("database"), ConnectorsText::tr("Root folder"),
                     ConnectorFieldType::FilePath, true, false, QString(),
                     ConnectorsText::tr("/path/to/data")}};

    QVector<ConnectorSpec> specs = {
        server("postgresql", "PostgreSQL", "QPSQL", "libqt6sql6-psql", "postgresql", 5432, true),
        server("redshift", "Amazon Redshift", "QPSQL", "libqt6sql6-psql", "postgresql", 5439, true),
        // The reference platform refuses TimescaleDB as an enrichment target; Assay accepts it:
        // it is PostgreSQL with an extension, and the enrichment tables are plain tables there.
        server("timescale", "TimescaleDB", "QPSQL", "libqt6sql6-psql", "postgresql", 5432, true),
        server("mysql", "MySQL", "QMYSQL", "libqt6sql6-mysql", "mysql", 3306, true),
        server("mariadb", "MariaDB", "QMARIADB", "libqt6sql6-mysql", "mysql", 3306, true),
        sqlite,
        local,
    };
    // Connectors reached through QODBC and unixODBC (some hidden: they exist for the tests).
    specs += odbcConnectorSpecs();
    return specs;
}

} // namespace

const QVector<ConnectorSpec> &all()
{
    static const QVector<ConnectorSpec> specs = build();
    return specs;
}

const ConnectorSpec *find(const QString &id)
{
    for (const ConnectorSpec &spec : all())
        if (spec.id.compare(id.trimmed(), Qt::CaseInsensitive) == 0)
            return &spec;
    return nullptr;
}

QString knownIds()
{
    QStringList ids;
    for (const ConnectorSpec &spec : all())
        ids << spec.id;
    return ids.join(QStringLiteral(", "));
}

} // namespace assay::connectors
