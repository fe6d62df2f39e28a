#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVector>

namespace assay::catalog {

// The Catalog's SQL is written once for SQLite and PostgreSQL; only the id column differs.
enum class SqlFlavor { SQLite, PostgreSQL };

struct Migration
{
    int version = 0;
    QString description;
    QStringList statements;
};

// Every migration, oldest first. Migrations are forward-only: a released one never changes.
QVector<Migration> migrations(SqlFlavor flavor);
int latestSchemaVersion();

// The version recorded in schema_version, 0 for an empty database, -1 on error.
int currentSchemaVersion(const QSqlDatabase &db);

// Applies each migration newer than the database, each in its own transaction.
// `appliedFrom` receives the version found before migrating.
bool migrate(QSqlDatabase &db, SqlFlavor flavor, int *appliedFrom, QString *error);

} // namespace assay::catalog
