#pragma once

#include <QJsonObject>
#include <QString>
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

// The relation kinds PostgreSQL can sample with TABLESAMPLE (tables, partitioned tables,
// materialized views); views and foreign tables are sampled row by row instead.
bool acceptsTableSample(const QJsonObject &sourceSettings, const QString &containerType);

} // namespace assay
