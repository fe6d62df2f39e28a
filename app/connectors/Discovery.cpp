#include "connectors/Discovery.h"

#include "connectors/ConnectorSpec.h"
#include "connectors/SourceSession.h"

#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <algorithm>

namespace assay {

namespace {

// One row per column (or one row with a NULL column for a container without columns), ordered
// by container name and column position.
QString queryFor(const ConnectorSpec &spec, const DiscoveryOptions &options)
{
    if (spec.dialect == QLatin1String("postgresql")) {
        QStringList kinds;
        if (options.includeTables)
            kinds << QStringLiteral("'r'") << QStringLiteral("'p'") << QStringLiteral("'f'");
        if (options.includeViews)
            kinds << QStringLiteral("'v'") << QStringLiteral("'m'");
        return QStringLiteral(
                   "SELECT c.relname, CASE WHEN c.relkind IN ('v', 'm') THEN 'view' ELSE 'table' "
                   "END, a.attnum, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), "
                   "a.attnotnull "
                   "FROM pg_catalog.pg_class c "
                   "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                   "LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 "
                   "AND NOT a.attisdropped "
                   "WHERE n.nspname = ? AND c.relkind IN (%1) "
                   "ORDER BY c.relname, a.attnum")
            .arg(kinds.join(QLatin1Char(',')));
    }
    if (spec.dialect == QLatin1String("mysql")) {
        QStringList kinds;
        if (options.includeTables)
            kinds << QStringLiteral("'BASE TABLE'") << QStringLiteral("'SYSTEM VERSIONED'");
        if (options.includeViews)
            kinds << QStringLiteral("'VIEW'");
        return QStringLiteral(
                   "SELECT t.TABLE_NAME, CASE WHEN t.TABLE_TYPE = 'VIEW' THEN 'view' ELSE 'table' "
                   "END, c.ORDINAL_POSITION, c.COLUMN_NAME, c.COLUMN_TYPE, "
                   "CASE WHEN c.IS_NULLABLE = 'NO' THEN 1 ELSE 0 END "
                   "FROM information_schema.TABLES t "
                   "LEFT JOIN information_schema.COLUMNS c ON c.TABLE_SCHEMA = t.TABLE_SCHEMA "
                   "AND c.TABLE_NAME = t.TABLE_NAME "
                   "WHERE t.TABLE_SCHEMA = ? AND t.TABLE_TYPE IN (%1) "
                   "ORDER BY t.TABLE_NAME, c.ORDINAL_POSITION")
            .arg(kinds.join(QLatin1Char(',')));
    }
    QStringList kinds;
    if (options.includeTables)
        kinds << QStringLiteral("'table'");
    if (options.includeViews)
        kinds << QStringLiteral("'view'");
    // SQLite: the schema is "main"; its own tables (sqlite_*) are skipped.
    return QStringLiteral("SELECT m.name, m.type, p.cid + 1, p.name, p.type, p.\"notnull\" "
                          "FROM sqlite_master m LEFT JOIN pragma_table_info(m.name) p "
                          "WHERE m.type IN (%1) AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                          "AND ? IS NOT NULL "
                          "ORDER BY m.name, p.cid")
        .arg(kinds.join(QLatin1Char(',')));
}

} // namespace

bool discoverSchema(SourceSession &session, const DiscoveryOptions &options,
                    QVector<DiscoveredContainer> *out, QString *error)
{
    out->clear();
    const ConnectorSpec *spec = session.spec();
    if (!options.includeTables && !options.includeViews)
        return true;
    QSqlQuery q(session.database());
    q.setForwardOnly(true);
    if (!q.prepare(queryFor(*spec, options))) {
        *error = q.lastError().text();
        return false;
    }
    q.addBindValue(options.schema.isEmpty() ? QStringLiteral("main") : options.schema);
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    // Grouped by name through a hash: a case-insensitive collation (MySQL) may interleave
    // the rows of "Orders" and "orders".
    QHash<QString, int> index;
    while (q.next()) {
        const QString name = q.value(0).toString();
        auto it = index.constFind(name);
        if (it == index.constEnd()) {
            DiscoveredContainer container;
            container.name = name;
            container.containerType = q.value(1).toString();
            it = index.insert(name, int(out->size()));
            out->append(container);
        }
        if (q.value(3).isNull())
            continue; // a container without columns
        DiscoveredField field;
        field.ordinal = q.value(2).toInt();
        field.name = q.value(3).toString();
        field.declaredType = q.value(4).toString();
        field.nullable = !q.value(5).toBool();
        (*out)[*it].fields.append(field);
    }
    if (q.lastError().isValid()) {
        *error = q.lastError().text();
        return false;
    }
    std::sort(
        out->begin(), out->end(),
        [](const DiscoveredContainer &a, const DiscoveredContainer &b) { return a.name < b.name; });
    return true;
}

} // namespace assay
