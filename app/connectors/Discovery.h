#pragma once

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>

namespace assay {

class SourceSession;

struct DiscoveredField
{
    QString name;
    int ordinal = 0;
    QString declaredType;
    QString baseType;   // see Field::baseType
    QString collation;  // see Field::collation
    QString sourceName; // see Field::sourceName
    bool nullable = true;
};

// A container as the source describes it now.
struct DiscoveredContainer
{
    QString name;
    QString containerType; // table, view, file
    QVector<DiscoveredField> fields;
    // Sync keeps these as the container's settings["source"]: files, pattern and format of a
    // file container; the kind of relation where "table" or "view" says too little
    // ("partitioned table", "materialized view", "foreign table"), which decides how it can be
    // sampled.
    QJsonObject settings;
    QString partitionKey; // the column a partitioned table is partitioned by, when one
    // PostgreSQL: a digest of the columns the server computed (names, types, nullability):
    // what containerDigest() uses instead of `fields` when set.
    QString columnsDigest;
    // The fields were not read: the container's digest equals the one the catalog gave
    // (DiscoveryOptions::knownDigests), so they are what the catalog holds.
    bool fieldsOmitted = false;
};

struct DiscoveryOptions
{
    QString schema;
    bool includeTables = true;
    bool includeViews = true;
    // A partitioned table (PostgreSQL declarative partitioning or inheritance, MariaDB
    // PARTITION BY) is one container; its partitions become containers of their own only
    // when this is set.
    bool includePartitions = false;
    // What the catalog holds, by container name: the digest of each container as Sync last
    // recorded it. Where the database can digest its own columns (PostgreSQL), the containers
    // whose digest is unchanged are returned with fieldsOmitted, their columns never listed.
    QHash<QString, QString> knownDigests;
    // Only these containers' columns are listed (empty: every container's).
    QStringList onlyNames;
};

// What a schema holds, as Sync sees it.
struct DiscoveredSchema
{
    QVector<DiscoveredContainer> containers;
    // Partitions (and inheritance children) left out because includePartitions is off: a
    // catalog that still lists them as containers (from an earlier version) archives them.
    QStringList partitions;
};

// Reads every container and field of one schema in a single catalog query (pg_catalog,
// information_schema, sqlite_master + pragma_table_info). System schemas are never read.
// Sorted by container name. False with `error` set when the query fails. On SQLite, columns
// without a declared type get the family of their values (a sample of each container) as
// their base type.
bool discoverSchema(SourceSession &session, const DiscoveryOptions &options, DiscoveredSchema *out,
                    QString *error);

// A digest of what Sync reads of `container` (kind, settings, partition key, and its columns:
// the server's columnsDigest where there is one, else every field): equal digests, nothing to
// compare.
QString containerDigest(const DiscoveredContainer &container);

// The relation kinds PostgreSQL can sample with TABLESAMPLE (tables, partitioned tables,
// materialized views); views and foreign tables are sampled row by row instead.
bool acceptsTableSample(const QJsonObject &sourceSettings, const QString &containerType);

} // namespace assay
