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
    bool nullable = true;
};

// A container as the source describes it now.
struct DiscoveredContainer
{
    QString name;
    QString containerType; // table, view, file
    QVector<DiscoveredField> fields;
    QJsonObject settings; // DFS: files, pattern, format
};

struct DiscoveryOptions
{
    QString schema;
    bool includeTables = true;
    bool includeViews = true;
};

// Reads every container and field of one schema in a single catalog query (pg_catalog,
// information_schema, sqlite_master + pragma_table_info). System schemas are never read.
// Sorted by container name. False with `error` set when the query fails.
bool discoverSchema(SourceSession &session, const DiscoveryOptions &options,
                    QVector<DiscoveredContainer> *out, QString *error);

} // namespace assay
