#pragma once

#include "app/connectors/ConnectorSpec.h"
#include "app/connectors/Diagnosis.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVector>

namespace assay {

struct ConnectionSettings;

// Connectors reached through Qt's QODBC driver and unixODBC: Snowflake, SQL Server, Synapse,
// Oracle, Databricks, Trino, Presto, Athena, DB2, Dremio, Hive, Teradata and generic ODBC, plus
// three hidden ones over Debian's own ODBC drivers (postgresql-odbc, mariadb-odbc, sqlite-odbc)
// that prove the ODBC path against real servers in the tests.
QVector<ConnectorSpec> odbcConnectorSpecs();

bool isOdbcConnector(const ConnectorSpec &spec);

// The DSN-less connection string for `spec`, using the installed ODBC driver `driverName`
// (from findInstalledOdbcDriver). Values holding ';', '{' or '}' are braced with '}' doubled;
// there is no trailing ';' (MariaDB Connector/ODBC rejects one). Generic ODBC: "DSN=name;UID=..;
// PWD=.." or the user's connection string verbatim (UID/PWD appended when given and missing).
QString buildOdbcConnectionString(const ConnectorSpec &spec, const ConnectionSettings &settings,
                                  const QString &driverName);

// What to give QSqlDatabase::setDatabaseName() so that QODBC connects with exactly
// `connectionString`: QODBC prepends "DSN=" to a string without DRIVER= or SERVER= (and
// "FILEDSN=" to one naming a .dsn file), so that prefix is taken off here.
QString qodbcDatabaseName(const QString &connectionString);

// One connection-string value, braced when the ODBC rules ask for it.
QString odbcQuoteValue(const QString &value);

// The ODBC driver names unixODBC knows (SQLDrivers: /etc/odbcinst.ini and the user's).
QStringList installedOdbcDrivers();
// The first of spec.odbcDrivers (patterns, best first) that matches one of `installed`.
QString matchOdbcDriver(const ConnectorSpec &spec, const QStringList &installed);
// matchOdbcDriver() over installedOdbcDrivers(); empty when none is installed (and always for
// the generic ODBC connector, whose DSN or connection string picks the driver).
QString findInstalledOdbcDriver(const ConnectorSpec &spec);

// DriverMissing: none of the spec's ODBC drivers is installed; the hint is spec.installHint.
Diagnosis diagnoseMissingOdbcDriver(const ConnectorSpec &spec);

// A cheap query that proves the connection works; empty when the dialect has none that is
// portable (generic ODBC: connecting is the proof).
QString odbcProbeQuery(const ConnectorSpec &spec);

// "PostgreSQL 15.0.20": the DBMS name and version the ODBC driver reports (SQLGetInfo) for an
// open QODBC connection; empty when unavailable.
QString odbcDbmsVersion(const QSqlDatabase &db);

// The schemas of an open QODBC connection as the driver lists them (SQLTables with
// SQL_ALL_SCHEMAS), system schemas left out, sorted. Empty when the driver lists none.
QStringList odbcSchemas(const QSqlDatabase &db);

} // namespace assay
