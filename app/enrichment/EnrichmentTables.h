#pragma once

#include "app/connectors/SqlDialect.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <optional>

namespace assay {

// The enrichment tables' shapes (reference spec 1.2 and 1.3) and the portable DDL that creates
// and migrates them. Column names are upper-case as the spec lists them and always quoted, so
// every database keeps their case; table names are `<prefix>_<suffix>` with the prefix as given.
namespace enrichment {

// The spec's column types. Each dialect spells them (see sqlType()):
//   Integer   NUMBER      SQLite INTEGER, PostgreSQL/MySQL BIGINT
//   Float     FLOAT       REAL / DOUBLE PRECISION / DOUBLE
//   Text      STRING      TEXT / TEXT (Redshift VARCHAR(65535)) / LONGTEXT
//   Boolean   BOOLEAN     INTEGER 0/1 / BOOLEAN / BOOLEAN (TINYINT(1))
//   Timestamp TIMESTAMP   TEXT (ISO 8601, UTC, "Z") / TIMESTAMPTZ / DATETIME(3) holding UTC
enum class ColumnType { Integer, Float, Text, Boolean, Timestamp };

struct Column
{
    QString name;
    ColumnType type = ColumnType::Text;
};

// Table suffixes (after `<prefix>_`).
inline const QString kCheckMetrics = QStringLiteral("check_metrics");
inline const QString kFailedChecks = QStringLiteral("failed_checks");
inline const QString kSourceRecords = QStringLiteral("source_records");
inline const QString kScanOperations = QStringLiteral("scan_operations");

// The metadata columns every remediation table adds to the source container's columns.
inline const QString kPartitionColumn = QStringLiteral("_QUALYTICS_SOURCE_PARTITION");
inline const QString kAnomalyUuidColumn = QStringLiteral("ANOMALY_UUID");

QList<Column> checkMetricsColumns();
QList<Column> failedChecksColumns();
QList<Column> sourceRecordsColumns();
QList<Column> scanOperationsColumns();
// The columns of `suffix` (one of the four above); empty for an unknown suffix.
QList<Column> columnsOf(const QString &suffix);
QStringList columnNames(const QList<Column> &columns);

QString tableName(const QString &prefix, const QString &suffix);
// `<prefix>_remediation_<container_id>`.
QString remediationTableName(const QString &prefix, qint64 containerId);
// The remediation table's columns: every source column as Text (values are written as their
// text, so any source type fits and no cast can fail), then _QUALYTICS_SOURCE_PARTITION and
// ANOMALY_UUID. A source column whose name repeats an earlier one or a metadata column (without
// regard to case, since MySQL and SQLite compare column names so) gets a "_2", "_3"... suffix.
QList<Column> remediationColumns(const QStringList &sourceColumns);

// How `dialect` spells `type` in CREATE TABLE / ALTER TABLE.
QString sqlType(const SqlDialect &dialect, ColumnType type);
// The value to bind for a timestamp column of `dialect` (a null value when `at` is invalid).
QVariant timestampValue(const SqlDialect &dialect, const QDateTime &at);
// A typed NULL for `type`, so drivers that care see the right parameter type.
QVariant nullValue(ColumnType type);

// Whether two column names are the same column in `dialect` (PostgreSQL compares quoted names
// exactly; MySQL and SQLite without regard to case).
bool sameColumn(const SqlDialect &dialect, const QString &a, const QString &b);

// Empty when `identifier` fits the database's limit (PostgreSQL 63 bytes, which it would
// otherwise truncate silently; Redshift 127 bytes; MySQL 64 characters), else a plain message
// with the fix (a shorter prefix for a table; for a `column`, no remediation or another target).
QString checkIdentifierLength(const SqlDialect &dialect, const QString &identifier,
                              bool column = false);

// The first enrichment table name `prefix` would make too long for the target's dialect (the
// four tables, and a remediation table when `remediation`), as checkIdentifierLength words
// it; empty when every name fits. For the Link Enrichment dialog, before anything is written.
QString prefixTooLongFor(const SqlDialect &dialect, const QString &prefix, bool remediation);

// Talks DDL and inserts to one open enrichment database on the calling thread.
class TableWriter
{
    Q_DECLARE_TR_FUNCTIONS(assay::enrichment::TableWriter)
public:
    TableWriter(QSqlDatabase db, SqlDialect dialect, QString schema);

    const SqlDialect &dialect() const { return m_dialect; }
    // The quoted, schema-qualified name of `table`.
    QString qualified(const QString &table) const;

    // The columns `table` has now, in order. False on a query error; `exists` tells whether the
    // table was found (SQLite: pragma_table_info; PostgreSQL: pg_catalog, which shows tables
    // without privileges on them too; MySQL: information_schema; others: SELECT * ... WHERE 1=0).
    bool readColumns(const QString &table, QStringList *columns, bool *exists, QString *error);
    // Creates `table` with `columns` when it is missing and adds the columns it lacks (existing
    // columns and their data are left alone). False with a message naming the database's cause
    // and the fix.
    bool ensureTable(const QString &table, const QList<Column> &columns, QString *error);

    // Inserts `rows` (each in the order of `columns`) with multi-row INSERTs of bound values,
    // at most ~900 values per statement (SQLite's old parameter limit); dialects without
    // multi-row VALUES use one prepared row statement and execBatch().
    bool insertRows(const QString &table, const QStringList &columns,
                    const QList<QVariantList> &rows, QString *error);
    // Runs a statement with `values` bound in order.
    bool exec(const QString &sql, const QVariantList &values, QString *error, const QString &table);

    // One sentence naming the database's own words and what to do: a permission refusal asks
    // for CREATE/INSERT on the schema or another enrichment datastore.
    QString describe(const QSqlError &error, const QString &table) const;

private:
    bool multiRowInserts() const;

    QSqlDatabase m_db;
    SqlDialect m_dialect;
    QString m_schema;
    // The statement that failed, kept until this writer goes: destroying it frees a PostgreSQL
    // prepared statement, which an aborted transaction refuses until it is rolled back.
    std::optional<QSqlQuery> m_failed;
};

} // namespace enrichment
} // namespace assay
