#pragma once

#include <QHash>
#include <QString>
#include <QStringList>
#include <QVector>

namespace assay {

enum class ConnectorKind { Jdbc, Dfs };

enum class ConnectorFieldType { Text, Integer, Password, FilePath, Json };

// One field of a connector's connection form; the wizard and the CLI are generated from these.
struct ConnectorField
{
    QString name;  // API name: host, port, username, password, database, ...
    QString label; // form label
    ConnectorFieldType type = ConnectorFieldType::Text;
    bool required = false;
    bool secret = false; // kept only in the keychain, masked in forms
    QString defaultValue;
    QString placeholder;
};

// What a connector is and how Assay reaches it. Data, not code: adding a connector means adding
// an entry to the registry.
struct ConnectorSpec
{
    QString id;          // API type name: sqlite, postgresql, redshift, mysql, mariadb, ...
    QString displayName; // "PostgreSQL"
    ConnectorKind kind = ConnectorKind::Jdbc;
    QString qtDriver;      // QSQLITE, QPSQL, QMYSQL, QMARIADB, QODBC
    QString driverPackage; // the Debian/Ubuntu package that provides qtDriver
    QString dialect;       // SQL dialect family: sqlite, postgresql, mysql
    int defaultPort = 0;
    bool supportsEnrichment = false;
    bool supportsMultiSchema = false;
    QVector<ConnectorField> fields;

    const ConnectorField *field(const QString &name) const
    {
        for (const ConnectorField &f : fields)
            if (f.name == name)
                return &f;
        return nullptr;
    }
    QStringList secretFieldNames() const
    {
        QStringList names;
        for (const ConnectorField &f : fields)
            if (f.secret)
                names << f.name;
        return names;
    }
    // SQLite: the "database" is a file path.
    bool isFileBased() const { return qtDriver == QLatin1String("QSQLITE"); }
    // A folder of files (DFS): the "database" is the root folder; no SQL driver.
    bool isFolder() const { return kind == ConnectorKind::Dfs; }

    // ODBC connectors (qtDriver "QODBC"), see OdbcConnectors.h. The ODBC driver names looked
    // for among the installed drivers (odbcinst), best first; case-insensitive, '*' and '?' are
    // wildcards. Empty for the generic ODBC connector (its DSN or connection string names one).
    QStringList odbcDrivers;
    // What to install when none of odbcDrivers is there: one sentence, shown as the hint.
    QString installHint;
    // Not offered in pickers (wizards, connector lists): connectors that exist for tests.
    bool hidden = false;
    // The allowed values of a choice field (field name -> values, the first is the default).
    QHash<QString, QStringList> fieldChoices;
};

namespace connectors {

// Every connector Assay knows, in display order.
const QVector<ConnectorSpec> &all();
// The connector with this API type name (case-insensitive), or nullptr.
const ConnectorSpec *find(const QString &id);
// Comma-separated ids, for error messages and --help.
QString knownIds();

} // namespace connectors
} // namespace assay
