#include "app/connectors/Discovery.h"

#include "app/connectors/ConnectorSpec.h"
#include "app/connectors/FolderDiscovery.h"
#include "app/connectors/QueryBinding.h"
#include "app/connectors/SourceConstraints.h"
#include "app/connectors/SourceSession.h"
#include "app/connectors/SqlDialect.h"
#include "app/connectors/SqlLog.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <algorithm>

namespace assay {

namespace {

// The columns every discovery query returns, in this order, one row per column (or one row
// with a NULL column for a container without columns), ordered by container and position.
enum Column {
    kContainer,
    kContainerType,
    kOrdinal,
    kField,
    kDeclaredType,
    kNotNull,
    kBaseType,
    kKind,         // the relation kind, in the database's words
    kPartitionKey, // the partitioning column (or expression), else NULL
    kIsPartition,  // 1 for a partition or inheritance child of a table in the same schema
    kCollation
};

struct DiscoveryQuery
{
    QString sql;
    int schemaBinds = 1;     // how many times the schema is bound
    QVariantList after = {}; // bound after the schema
};

DiscoveryQuery postgresQuery(const DiscoveryOptions &options)
{
    QStringList kinds;
    if (options.includeTables)
        kinds << QStringLiteral("'r'") << QStringLiteral("'p'") << QStringLiteral("'f'");
    if (options.includeViews)
        kinds << QStringLiteral("'v'") << QStringLiteral("'m'");
    // Base types: an enum or composite type by its kind, a domain by the type it is over.
    return {QStringLiteral(
                "SELECT c.relname, CASE WHEN c.relkind IN ('v', 'm') THEN 'view' ELSE 'table' "
                "END, a.attnum, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), "
                "a.attnotnull, CASE t.typtype WHEN 'e' THEN 'enum' WHEN 'c' THEN 'composite' "
                "WHEN 'd' THEN CASE bt.typtype WHEN 'e' THEN 'enum' WHEN 'c' THEN 'composite' "
                "ELSE pg_catalog.format_type(t.typbasetype, t.typtypmod) END ELSE '' END, "
                "c.relkind, pa.attname, CASE WHEN ih.inhrelid IS NULL THEN 0 ELSE 1 END, NULL "
                "FROM pg_catalog.pg_class c "
                "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                "LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 "
                "AND NOT a.attisdropped "
                "LEFT JOIN pg_catalog.pg_type t ON t.oid = a.atttypid "
                "LEFT JOIN pg_catalog.pg_type bt ON bt.oid = t.typbasetype "
                "LEFT JOIN pg_catalog.pg_partitioned_table pt ON pt.partrelid = c.oid "
                "LEFT JOIN pg_catalog.pg_attribute pa ON pa.attrelid = c.oid "
                "AND pa.attnum = pt.partattrs[0] "
                "LEFT JOIN (SELECT DISTINCT i.inhrelid FROM pg_catalog.pg_inherits i "
                "JOIN pg_catalog.pg_class p ON p.oid = i.inhparent "
                "JOIN pg_catalog.pg_class ch ON ch.oid = i.inhrelid "
                "WHERE p.relnamespace = ch.relnamespace) ih ON ih.inhrelid = c.oid "
                "WHERE n.nspname = ? AND c.relkind IN (%1)%2 "
                "ORDER BY c.relname, a.attnum")
                .arg(kinds.join(QLatin1Char(',')),
                     options.onlyNames.isEmpty()
                         ? QString()
                         : QStringLiteral(" AND c.relname = ANY (string_to_array(?, chr(31)))")),
            1,
            options.onlyNames.isEmpty() ? QVariantList()
                                        : QVariantList{options.onlyNames.join(QChar(31))}};
}

// PostgreSQL, one row per relation: what the column query says of it beyond its columns, and a
// digest of its columns computed by the server (the same columns, types and nullability the
// column query lists), so that a re-sync lists only the columns of relations that changed.
QString postgresRelationsQuery(const DiscoveryOptions &options)
{
    QStringList kinds;
    if (options.includeTables)
        kinds << QStringLiteral("'r'") << QStringLiteral("'p'") << QStringLiteral("'f'");
    if (options.includeViews)
        kinds << QStringLiteral("'v'") << QStringLiteral("'m'");
    return QStringLiteral(
               "SELECT c.relname, CASE WHEN c.relkind IN ('v', 'm') THEN 'view' ELSE 'table' END, "
               "c.relkind, (SELECT pa.attname FROM pg_catalog.pg_partitioned_table pt JOIN "
               "pg_catalog.pg_attribute pa ON pa.attrelid = pt.partrelid AND pa.attnum = "
               "pt.partattrs[0] WHERE pt.partrelid = c.oid), "
               "CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_inherits i JOIN pg_catalog.pg_class "
               "p ON p.oid = i.inhparent WHERE i.inhrelid = c.oid AND p.relnamespace = "
               "c.relnamespace) THEN 1 ELSE 0 END, "
               "(SELECT md5(string_agg(concat_ws(chr(31), a.attnum, a.attname, "
               "pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull, t.typtype, "
               "t.typbasetype, t.typtypmod, bt.typtype), chr(30) ORDER BY a.attnum)) "
               "FROM pg_catalog.pg_attribute a "
               "LEFT JOIN pg_catalog.pg_type t ON t.oid = a.atttypid "
               "LEFT JOIN pg_catalog.pg_type bt ON bt.oid = t.typbasetype "
               "WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) "
               "FROM pg_catalog.pg_class c "
               "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
               "WHERE n.nspname = ? AND c.relkind IN (%1)")
        .arg(kinds.join(QLatin1Char(',')));
}

// Redshift's catalog is PostgreSQL 8's: no partitioning, no relispartition.
DiscoveryQuery redshiftQuery(const DiscoveryOptions &options)
{
    QStringList kinds;
    if (options.includeTables)
        kinds << QStringLiteral("'r'");
    if (options.includeViews)
        kinds << QStringLiteral("'v'");
    return {QStringLiteral("SELECT c.relname, CASE WHEN c.relkind = 'v' THEN 'view' ELSE 'table' "
                           "END, a.attnum, a.attname, pg_catalog.format_type(a.atttypid, "
                           "a.atttypmod), a.attnotnull, '', c.relkind, NULL, 0, NULL "
                           "FROM pg_catalog.pg_class c "
                           "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                           "LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND "
                           "a.attnum > 0 AND NOT a.attisdropped "
                           "WHERE n.nspname = ? AND c.relkind IN (%1) "
                           "ORDER BY c.relname, a.attnum")
                .arg(kinds.join(QLatin1Char(',')))};
}

// The first column a partitioning expression names: "`created`", "year(`created`)",
// "`a`,`b`" -> the first backquoted name; a bare name as it is.
QString partitionColumn(const QString &expression)
{
    static const QRegularExpression quoted(QStringLiteral("`((?:[^`]|``)+)`"));
    const QRegularExpressionMatch m = quoted.match(expression);
    if (m.hasMatch())
        return m.captured(1).replace(QLatin1String("``"), QLatin1String("`"));
    static const QRegularExpression bare(QStringLiteral("^\\s*([A-Za-z_][A-Za-z0-9_$]*)\\s*$"));
    const QRegularExpressionMatch b = bare.match(expression);
    return b.hasMatch() ? b.captured(1) : QString();
}

DiscoveryQuery mysqlQuery(const DiscoveryOptions &options)
{
    QStringList kinds;
    if (options.includeTables)
        kinds << QStringLiteral("'BASE TABLE'") << QStringLiteral("'SYSTEM VERSIONED'");
    if (options.includeViews)
        kinds << QStringLiteral("'VIEW'");
    // A partitioned table is one table here: its partitions are not tables of their own. Its
    // partitioning expression comes from a query of its own (partitionKeys()).
    return {QStringLiteral(
                "SELECT t.TABLE_NAME, CASE WHEN t.TABLE_TYPE = 'VIEW' THEN 'view' ELSE 'table' "
                "END, c.ORDINAL_POSITION, c.COLUMN_NAME, c.COLUMN_TYPE, "
                "CASE WHEN c.IS_NULLABLE = 'NO' THEN 1 ELSE 0 END, '', t.TABLE_TYPE, NULL, 0, "
                "c.COLLATION_NAME "
                "FROM information_schema.TABLES t "
                "LEFT JOIN information_schema.COLUMNS c ON c.TABLE_SCHEMA = t.TABLE_SCHEMA "
                "AND c.TABLE_NAME = t.TABLE_NAME "
                "WHERE t.TABLE_SCHEMA = ? AND t.TABLE_TYPE IN (%1) "
                "ORDER BY t.TABLE_NAME, c.ORDINAL_POSITION")
                .arg(kinds.join(QLatin1Char(',')))};
}

// MySQL / MariaDB: each partitioned table's first partitioning column.
QHash<QString, QString> partitionKeys(QSqlDatabase db, const QString &schema)
{
    QHash<QString, QString> out;
    const QString sql = QStringLiteral(
        "SELECT TABLE_NAME, MIN(PARTITION_EXPRESSION) FROM information_schema.PARTITIONS WHERE "
        "TABLE_SCHEMA = ? AND PARTITION_EXPRESSION IS NOT NULL GROUP BY TABLE_NAME");
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.prepare(sql))
        return out;
    bindValue(q, schema);
    const bool ran = q.exec();
    sql_log::statement(0, sql, ran);
    while (ran && q.next())
        out.insert(q.value(0).toString(), partitionColumn(q.value(1).toString()));
    return out;
}

DiscoveryQuery sqliteQuery(const DiscoveryOptions &options)
{
    QStringList kinds;
    if (options.includeTables)
        kinds << QStringLiteral("'table'");
    if (options.includeViews)
        kinds << QStringLiteral("'view'");
    // SQLite: the schema is "main"; its own tables (sqlite_*) are skipped.
    return {QStringLiteral("SELECT m.name, m.type, p.cid + 1, p.name, p.type, p.\"notnull\", '', "
                           "m.type, NULL, 0, NULL "
                           "FROM sqlite_master m LEFT JOIN pragma_table_info(m.name) p "
                           "WHERE m.type IN (%1) AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                           "AND ? IS NOT NULL "
                           "ORDER BY m.name, p.cid")
                .arg(kinds.join(QLatin1Char(',')))};
}

DiscoveryQuery queryFor(const ConnectorSpec &spec, const DiscoveryOptions &options)
{
    if (spec.id == QLatin1String("redshift"))
        return redshiftQuery(options);
    if (spec.dialect == QLatin1String("postgresql"))
        return postgresQuery(options);
    if (spec.dialect == QLatin1String("mysql"))
        return mysqlQuery(options);
    return sqliteQuery(options);
}

// What the relation kind says beyond "table" or "view", for settings["source"]["kind"].
QString relationKind(const QString &kind)
{
    if (kind == QLatin1String("p"))
        return QStringLiteral("partitioned table");
    if (kind == QLatin1String("m"))
        return QStringLiteral("materialized view");
    if (kind == QLatin1String("f"))
        return QStringLiteral("foreign table");
    return QString();
}

// Collations that make text compare other than byte by byte are worth saying.
QString notableCollation(const QString &collation)
{
    if (collation.isEmpty() || collation.endsWith(QLatin1String("_bin")) ||
        collation == QLatin1String("binary"))
        return QString();
    return collation;
}

// SQLite: columns without a declared type hold whatever was stored. Their family comes from a
// sample of the values' storage classes: only integers -> integral, integers and reals ->
// fractional, only text that reads as dates or timestamps -> date or timestamp. Anything
// mixed stays untyped (measured as SQLite orders and groups any value).
void inferUntypedSqliteColumns(QSqlDatabase db, const SqlDialect &dialect,
                               DiscoveredContainer &container)
{
    QList<int> untyped;
    for (int i = 0; i < container.fields.size(); ++i)
        if (container.fields.at(i).declaredType.trimmed().isEmpty())
            untyped << i;
    if (untyped.isEmpty())
        return;
    QStringList select, names;
    for (const int i : untyped) {
        const QString c = dialect.quote(container.fields.at(i).name);
        names << c;
        for (const char *kind : {"integer", "real", "text", "blob"})
            select << QStringLiteral("SUM(typeof(%1) = '%2')").arg(c, QLatin1String(kind));
    }
    constexpr int kSample = 1000;
    QSqlQuery q(db);
    const QString sql = QStringLiteral("SELECT %1 FROM (SELECT %2 FROM %3 LIMIT %4)")
                            .arg(select.join(QStringLiteral(", ")),
                                 names.join(QStringLiteral(", ")), dialect.quote(container.name))
                            .arg(kSample);
    const bool ran = q.exec(sql);
    sql_log::statement(0, sql, ran);
    if (!ran || !q.next())
        return;
    for (int k = 0; k < untyped.size(); ++k) {
        const qint64 integers = q.value(4 * k).toLongLong();
        const qint64 reals = q.value(4 * k + 1).toLongLong();
        const qint64 texts = q.value(4 * k + 2).toLongLong();
        const qint64 blobs = q.value(4 * k + 3).toLongLong();
        DiscoveredField &f = container.fields[untyped.at(k)];
        if (blobs > 0 || integers + reals + texts == 0)
            continue;
        if (texts == 0) {
            f.baseType = reals > 0 ? QStringLiteral("fractional") : QStringLiteral("integral");
            continue;
        }
        if (integers + reals > 0)
            continue;
        QSqlQuery t(db);
        QStringList values;
        if (t.exec(QStringLiteral("SELECT DISTINCT %1 FROM %2 WHERE %1 IS NOT NULL LIMIT 200")
                       .arg(dialect.quote(f.name), dialect.quote(container.name))))
            while (t.next())
                values << t.value(0).toString();
        const QString type = inferTextType(values);
        if (type == QLatin1String("date") || type == QLatin1String("timestamp"))
            f.baseType = type;
    }
}

// A container as the column (or relation) query describes it, before its columns: its type,
// the kind of relation where "table" or "view" says too little, its partitioning column.
DiscoveredContainer describedContainer(const ConnectorSpec &spec, const QString &name,
                                       const QString &containerType, const QString &relkind,
                                       const QVariant &partitionKey)
{
    DiscoveredContainer container;
    container.name = name;
    container.containerType = containerType;
    const QString kind = relationKind(relkind);
    if (!kind.isEmpty())
        container.settings.insert(QStringLiteral("kind"), kind);
    if (!partitionKey.isNull()) {
        const QString key = partitionKey.toString();
        container.partitionKey =
            spec.dialect == QLatin1String("mysql") ? partitionColumn(key) : key;
        if (!container.settings.contains(QStringLiteral("kind")))
            container.settings.insert(QStringLiteral("kind"), QStringLiteral("partitioned table"));
    }
    return container;
}

// Keys and checks, kept in settings["source"] for the user (NOT NULL is on the fields). A
// refused read records none: Scan reads a table's constraints again before trusting any.
void attachConstraints(SourceSession &session, const QString &schema,
                       QVector<DiscoveredContainer> &containers)
{
    QHash<QString, QList<SourceConstraint>> constraints;
    QString error;
    if (!readConstraints(session, schema, QString(), &constraints, &error))
        return;
    for (DiscoveredContainer &c : containers)
        if (c.containerType == QLatin1String("table") && constraints.contains(c.name))
            c.settings.insert(QStringLiteral("constraints"),
                              constraintsToJson(constraints.value(c.name)));
}

void sortByName(QVector<DiscoveredContainer> &containers)
{
    std::sort(
        containers.begin(), containers.end(),
        [](const DiscoveredContainer &a, const DiscoveredContainer &b) { return a.name < b.name; });
}

} // namespace

bool acceptsTableSample(const QJsonObject &sourceSettings, const QString &containerType)
{
    const QString kind = sourceSettings.value(QStringLiteral("kind")).toString();
    if (kind == QLatin1String("materialized view") || kind == QLatin1String("partitioned table"))
        return true;
    return containerType == QLatin1String("table") && kind != QLatin1String("foreign table");
}

namespace {

// Every container and its columns, from the one column query (of `options.onlyNames` only when
// set); their keys and checks are the caller's to attach.
bool listColumns(SourceSession &session, const DiscoveryOptions &options, DiscoveredSchema *out,
                 QString *error)
{
    const ConnectorSpec *spec = session.spec();
    const DiscoveryQuery query = queryFor(*spec, options);
    QSqlQuery q(session.database());
    q.setForwardOnly(true);
    if (!q.prepare(query.sql)) {
        *error = q.lastError().text();
        sql_log::statement(0, query.sql, false);
        return false;
    }
    const QString schema = options.schema.isEmpty() ? QStringLiteral("main") : options.schema;
    for (int i = 0; i < query.schemaBinds; ++i)
        bindValue(q, schema);
    for (const QVariant &v : query.after)
        bindValue(q, v);
    QElapsedTimer timer;
    timer.start();
    const bool ran = q.exec();
    sql_log::statement(timer.elapsed(), query.sql, ran);
    if (!ran) {
        *error = q.lastError().text();
        return false;
    }
    // Grouped by name through a hash: a case-insensitive collation (MySQL) may interleave
    // the rows of "Orders" and "orders".
    QHash<QString, int> index;
    QSet<QString> partitions;
    QVector<DiscoveredContainer> &containers = out->containers;
    while (q.next()) {
        const QString name = q.value(kContainer).toString();
        if (q.value(kIsPartition).toInt() != 0 && !options.includePartitions) {
            partitions.insert(name);
            continue;
        }
        auto it = index.constFind(name);
        if (it == index.constEnd()) {
            it = index.insert(name, int(containers.size()));
            containers.append(describedContainer(*spec, name, q.value(kContainerType).toString(),
                                                 q.value(kKind).toString(),
                                                 q.value(kPartitionKey)));
        }
        if (q.value(kField).isNull())
            continue; // a container without columns
        DiscoveredField field;
        field.ordinal = q.value(kOrdinal).toInt();
        field.name = q.value(kField).toString();
        field.declaredType = q.value(kDeclaredType).toString();
        field.baseType = q.value(kBaseType).toString();
        field.collation = notableCollation(q.value(kCollation).toString());
        field.nullable = !q.value(kNotNull).toBool();
        containers[*it].fields.append(field);
    }
    if (q.lastError().isValid()) {
        *error = q.lastError().text();
        return false;
    }
    q.finish();
    if (spec->dialect == QLatin1String("mysql")) {
        const QHash<QString, QString> keys = partitionKeys(session.database(), schema);
        for (DiscoveredContainer &c : containers) {
            const QString key = keys.value(c.name);
            if (key.isEmpty())
                continue;
            c.partitionKey = key;
            c.settings.insert(QStringLiteral("kind"), QStringLiteral("partitioned table"));
        }
    }
    if (spec->isFileBased() || spec->dialect == QLatin1String("sqlite")) {
        const SqlDialect dialect = SqlDialect::forConnector(*spec);
        for (DiscoveredContainer &c : containers)
            inferUntypedSqliteColumns(session.database(), dialect, c);
    }
    sortByName(containers);
    out->partitions = QStringList(partitions.begin(), partitions.end());
    out->partitions.sort();
    return true;
}

// PostgreSQL: one row per relation first, with a digest of its columns computed by the server;
// the columns are listed only for the relations whose digest differs from the catalog's
// (options.knownDigests). A re-sync that changes nothing reads 10,000 rows for 10,000 tables,
// not their 200,000 columns.
bool discoverChangedOnly(SourceSession &session, const DiscoveryOptions &options,
                         DiscoveredSchema *out, QString *error)
{
    const ConnectorSpec *spec = session.spec();
    const QString schema = options.schema.isEmpty() ? QStringLiteral("public") : options.schema;
    const QString sql = postgresRelationsQuery(options);
    QSqlQuery q(session.database());
    q.setForwardOnly(true);
    QElapsedTimer timer;
    timer.start();
    bool ran = q.prepare(sql);
    if (ran) {
        bindValue(q, schema);
        ran = q.exec();
    }
    sql_log::statement(timer.elapsed(), sql, ran);
    if (!ran) {
        *error = q.lastError().text();
        return false;
    }
    QVector<DiscoveredContainer> relations;
    QSet<QString> partitions;
    while (q.next()) {
        const QString name = q.value(0).toString();
        if (q.value(4).toInt() != 0 && !options.includePartitions) {
            partitions.insert(name);
            continue;
        }
        DiscoveredContainer c = describedContainer(*spec, name, q.value(1).toString(),
                                                   q.value(2).toString(), q.value(3));
        c.columnsDigest = q.value(5).toString();
        relations << c;
    }
    if (q.lastError().isValid()) {
        *error = q.lastError().text();
        return false;
    }
    q.finish();
    attachConstraints(session, schema, relations);
    QStringList changed;
    for (DiscoveredContainer &c : relations) {
        const auto known = options.knownDigests.constFind(c.name);
        c.fieldsOmitted = known != options.knownDigests.constEnd() && *known == containerDigest(c);
        if (!c.fieldsOmitted)
            changed << c.name;
    }
    if (!changed.isEmpty()) {
        // Past a thousand names one query for every column costs less than the list.
        DiscoveryOptions columns = options;
        columns.onlyNames = changed.size() <= 1000 ? changed : QStringList();
        DiscoveredSchema listed;
        if (!listColumns(session, columns, &listed, error))
            return false;
        QHash<QString, DiscoveredContainer> byName;
        for (const DiscoveredContainer &c : std::as_const(listed.containers))
            byName.insert(c.name, c);
        QVector<DiscoveredContainer> kept;
        for (const DiscoveredContainer &c : std::as_const(relations)) {
            if (c.fieldsOmitted) {
                kept << c;
                continue;
            }
            const auto it = byName.constFind(c.name);
            if (it == byName.constEnd())
                continue; // dropped between the two queries: missing, as it is now
            DiscoveredContainer whole = *it; // its columns, with what the relation read said
            whole.settings = c.settings;
            whole.columnsDigest = c.columnsDigest;
            kept << whole;
        }
        relations = kept;
    }
    sortByName(relations);
    out->containers = relations;
    out->partitions = QStringList(partitions.begin(), partitions.end());
    out->partitions.sort();
    return true;
}

} // namespace

QString containerDigest(const DiscoveredContainer &d)
{
    QCryptographicHash hash(QCryptographicHash::Md5); // a change detector, not a security measure
    // The text's own UTF-16 bytes: no conversion of 200,000 names per re-sync.
    const auto add = [&hash](const QString &text) {
        hash.addData(QByteArrayView(reinterpret_cast<const char *>(text.utf16()),
                                    text.size() * qsizetype(sizeof(char16_t))));
        hash.addData(QByteArrayView("\x1f"));
    };
    add(d.containerType);
    add(d.partitionKey);
    hash.addData(QJsonDocument(d.settings).toJson(QJsonDocument::Compact));
    if (!d.columnsDigest.isEmpty()) {
        add(d.columnsDigest);
        return QString::fromLatin1(hash.result().toHex());
    }
    for (const DiscoveredField &f : d.fields) {
        hash.addData(QByteArrayView("\x1e"));
        add(f.name);
        hash.addData(QByteArrayView(reinterpret_cast<const char *>(&f.ordinal), sizeof f.ordinal));
        add(f.declaredType);
        add(f.baseType);
        add(f.collation);
        add(f.sourceName);
        hash.addData(QByteArrayView(f.nullable ? "1" : "0"));
    }
    return QString::fromLatin1(hash.result().toHex());
}

bool discoverSchema(SourceSession &session, const DiscoveryOptions &options, DiscoveredSchema *out,
                    QString *error)
{
    out->containers.clear();
    out->partitions.clear();
    const ConnectorSpec *spec = session.spec();
    if (!options.includeTables && !options.includeViews)
        return true;
    if (spec->dialect == QLatin1String("postgresql") && spec->id != QLatin1String("redshift") &&
        spec->qtDriver == QLatin1String("QPSQL") && options.onlyNames.isEmpty())
        return discoverChangedOnly(session, options, out, error);
    if (!listColumns(session, options, out, error))
        return false;
    attachConstraints(session, options.schema.isEmpty() ? QStringLiteral("main") : options.schema,
                      out->containers);
    return true;
}
} // namespace assay
