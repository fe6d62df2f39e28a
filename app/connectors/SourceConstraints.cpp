#include "app/connectors/SourceConstraints.h"

#include "app/connectors/ConnectorSpec.h"
#include "app/connectors/QueryBinding.h"
#include "app/connectors/SourceSession.h"
#include "app/connectors/SqlLog.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <algorithm>
#include <tuple>

namespace assay {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(assay::SourceConstraints)
};

// Every query returns one row per constraint and column, ordered by table, constraint and
// position: table, name, kind (p primary key, u unique, r SQLite rowid alias, c check, n not
// null), enforced (1/0), column (NULL for a check or an expression), position, and a check's
// definition or a MySQL index's prefix length.
enum Column { kTable, kName, kKind, kEnforced, kField, kPosition, kExtra };

struct ConstraintQuery
{
    QString sql;
    QVariantList values;
};

// The `AND <column> = ?` of one table, and its value, when `table` is given.
QString oneTable(const QString &column, const QString &table, QVariantList &values)
{
    if (table.isEmpty())
        return QString();
    values << table;
    return QStringLiteral(" AND %1 = ?").arg(column);
}

ConstraintQuery postgresQuery(const QString &schema, const QString &table)
{
    ConstraintQuery q;
    QString sql;
    // Declared keys and checks; a check is trusted once validated (NOT VALID ones are not).
    q.values << schema;
    sql += QStringLiteral(
               "SELECT c.relname, con.conname, con.contype::text, "
               "CASE WHEN con.convalidated THEN 1 ELSE 0 END, a.attname, k.ord, "
               "CASE WHEN con.contype = 'c' THEN pg_catalog.pg_get_constraintdef(con.oid) END "
               "FROM pg_catalog.pg_constraint con "
               "JOIN pg_catalog.pg_class c ON c.oid = con.conrelid "
               "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
               "LEFT JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord) "
               "ON con.contype <> 'c' "
               "LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid "
               "AND a.attnum = k.attnum "
               "WHERE n.nspname = ? AND con.contype IN ('p', 'u', 'c')") +
           oneTable(QStringLiteral("c.relname"), table, q.values);
    // Unique indexes no constraint owns, by their key columns (not INCLUDE ones): trusted only
    // over plain columns (an expression's or a partial index's uniqueness is not the column's)
    // and when valid (a failed CREATE INDEX CONCURRENTLY leaves an invalid one).
    q.values << schema;
    sql += QStringLiteral(
               " UNION ALL SELECT c.relname, i.relname, 'u', CASE WHEN x.indisvalid AND "
               "x.indislive AND x.indpred IS NULL AND x.indexprs IS NULL THEN 1 ELSE 0 END, "
               "a.attname, k.ord, CASE WHEN x.indpred IS NOT NULL THEN 'partial' WHEN "
               "x.indexprs IS NOT NULL THEN 'expression' ELSE 'invalid' END "
               "FROM pg_catalog.pg_index x "
               "JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid "
               "JOIN pg_catalog.pg_class c ON c.oid = x.indrelid "
               "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
               "CROSS JOIN LATERAL unnest(x.indkey::pg_catalog.int2[]) WITH ORDINALITY AS "
               "k(attnum, ord) "
               "LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = x.indrelid "
               "AND a.attnum = k.attnum "
               "WHERE n.nspname = ? AND x.indisunique AND k.ord <= x.indnkeyatts AND NOT "
               "EXISTS (SELECT 1 FROM "
               "pg_catalog.pg_constraint y WHERE y.conindid = x.indexrelid AND y.contype IN "
               "('p', 'u'))") +
           oneTable(QStringLiteral("c.relname"), table, q.values);
    if (!table.isEmpty()) {
        q.values << schema;
        sql += QStringLiteral(" UNION ALL SELECT c.relname, a.attname, 'n', 1, a.attname, 1, "
                              "NULL FROM pg_catalog.pg_attribute a "
                              "JOIN pg_catalog.pg_class c ON c.oid = a.attrelid "
                              "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                              "WHERE n.nspname = ? AND a.attnum > 0 AND NOT a.attisdropped "
                              "AND a.attnotnull AND c.relkind IN ('r', 'p')") +
               oneTable(QStringLiteral("c.relname"), table, q.values);
    }
    q.sql = sql + QStringLiteral(" ORDER BY 1, 2, 6");
    return q;
}

ConstraintQuery mysqlQuery(const QString &schema, const QString &table)
{
    ConstraintQuery q;
    QString sql;
    // Unique indexes (PRIMARY among them): trusted over whole columns only; a prefix index
    // (SUB_PART) makes only the first characters unique, an expression (no column) not the
    // column at all.
    q.values << schema;
    sql += QStringLiteral("SELECT TABLE_NAME, INDEX_NAME, CASE WHEN INDEX_NAME = 'PRIMARY' THEN "
                          "'p' ELSE 'u' END, CASE WHEN SUB_PART IS NULL AND COLUMN_NAME IS NOT "
                          "NULL THEN 1 ELSE 0 END, COLUMN_NAME, SEQ_IN_INDEX, SUB_PART "
                          "FROM information_schema.STATISTICS "
                          "WHERE TABLE_SCHEMA = ? AND NON_UNIQUE = 0") +
           oneTable(QStringLiteral("TABLE_NAME"), table, q.values);
    // CHECK constraints: recorded, never trusted (MySQL before 8.0.16 parses and ignores them,
    // and either can be switched off per session).
    q.values << schema;
    sql += QStringLiteral(" UNION ALL SELECT TABLE_NAME, CONSTRAINT_NAME, 'c', 0, NULL, 1, NULL "
                          "FROM information_schema.TABLE_CONSTRAINTS "
                          "WHERE TABLE_SCHEMA = ? AND CONSTRAINT_TYPE = 'CHECK'") +
           oneTable(QStringLiteral("TABLE_NAME"), table, q.values);
    if (!table.isEmpty()) {
        q.values << schema;
        sql += QStringLiteral(" UNION ALL SELECT TABLE_NAME, COLUMN_NAME, 'n', 1, COLUMN_NAME, "
                              "1, NULL FROM information_schema.COLUMNS "
                              "WHERE TABLE_SCHEMA = ? AND IS_NULLABLE = 'NO'") +
               oneTable(QStringLiteral("TABLE_NAME"), table, q.values);
    }
    q.sql = sql + QStringLiteral(" ORDER BY 1, 2, 6");
    return q;
}

ConstraintQuery sqliteQuery(const QString &table)
{
    ConstraintQuery q;
    // A table's sole INTEGER PRIMARY KEY is its rowid: unique and never null, though no index
    // lists it and pragma_table_info says nullable.
    const QString rowidAlias =
        QStringLiteral("p.pk = 1 AND upper(p.type) = 'INTEGER' AND (SELECT COUNT(*) FROM "
                       "pragma_table_info(m.name) o WHERE o.pk > 0) = 1 AND upper(m.sql) NOT "
                       "LIKE '%WITHOUT ROWID%'");
    QString sql =
        QStringLiteral("SELECT m.name, il.name, CASE il.origin WHEN 'pk' THEN 'p' ELSE 'u' END, "
                       "CASE WHEN il.partial = 0 AND ii.name IS NOT NULL THEN 1 ELSE 0 END, "
                       "ii.name, ii.seqno + 1, NULL "
                       "FROM sqlite_master m JOIN pragma_index_list(m.name) il "
                       "JOIN pragma_index_info(il.name) ii "
                       "WHERE m.type = 'table' AND il.\"unique\" = 1 AND m.name NOT LIKE "
                       "'sqlite\\_%' ESCAPE '\\'") +
        oneTable(QStringLiteral("m.name"), table, q.values);
    sql += QStringLiteral(" UNION ALL SELECT m.name, 'PRIMARY KEY', 'r', 1, p.name, 1, NULL "
                          "FROM sqlite_master m JOIN pragma_table_info(m.name) p "
                          "WHERE m.type = 'table' AND ") +
           rowidAlias + oneTable(QStringLiteral("m.name"), table, q.values);
    if (!table.isEmpty())
        sql += QStringLiteral(" UNION ALL SELECT m.name, p.name, 'n', 1, p.name, 1, NULL "
                              "FROM sqlite_master m JOIN pragma_table_info(m.name) p "
                              "WHERE m.type = 'table' AND (p.\"notnull\" = 1 OR ") +
               rowidAlias + QLatin1Char(')') + oneTable(QStringLiteral("m.name"), table, q.values);
    q.sql = sql + QStringLiteral(" ORDER BY 1, 2, 6");
    return q;
}

QString typeOf(const QString &kind)
{
    if (kind == QLatin1String("p") || kind == QLatin1String("r"))
        return QLatin1String(SourceConstraint::kPrimaryKey);
    if (kind == QLatin1String("u"))
        return QLatin1String(SourceConstraint::kUnique);
    if (kind == QLatin1String("n"))
        return QLatin1String(SourceConstraint::kNotNull);
    return QLatin1String(SourceConstraint::kCheck);
}

// The database's name for a constraint when a person gave it one; empty for the names a
// database makes up (SQLite's "sqlite_autoindex_t_1", MySQL's "PRIMARY").
QString userName(const QString &name)
{
    if (name.startsWith(QLatin1String("sqlite_autoindex_")) ||
        name == QLatin1String("PRIMARY KEY") || name == QLatin1String("PRIMARY"))
        return QString();
    return name;
}

// Why a constraint read from a row is not trusted, in the user's words.
QString distrust(const ConnectorSpec &spec, const SourceConstraint &c, const QString &extra)
{
    if (c.is(SourceConstraint::kCheck))
        return spec.dialect == QLatin1String("mysql")
                   ? Text::tr("MySQL and MariaDB CHECK constraints are not trusted")
                   : Text::tr("NOT VALID: rows from before it was added were never checked");
    if (spec.dialect == QLatin1String("mysql"))
        return extra.isEmpty() ? Text::tr("an index over an expression")
                               : Text::tr("a prefix index: only the first %1 characters are "
                                          "unique")
                                     .arg(extra);
    if (spec.dialect == QLatin1String("sqlite"))
        return Text::tr("a partial or expression index");
    if (extra == QLatin1String("partial"))
        return Text::tr("a partial index: only the rows its WHERE clause selects are unique");
    if (extra == QLatin1String("expression"))
        return Text::tr("an index over an expression");
    return Text::tr("the index is not valid (an interrupted concurrent build)");
}

} // namespace

QString SourceConstraint::describe() const
{
    if (is(kNotNull))
        return Text::tr("NOT NULL on “%1”").arg(fields.value(0));
    const QString columns = fields.join(QStringLiteral(", "));
    const QString what = is(kPrimaryKey) ? Text::tr("primary key")
                         : is(kUnique)   ? Text::tr("unique constraint")
                                         : Text::tr("check constraint");
    if (name.isEmpty())
        return columns.isEmpty() ? what : QStringLiteral("%1 (%2)").arg(what, columns);
    return columns.isEmpty() ? QStringLiteral("%1 “%2”").arg(what, name)
                             : QStringLiteral("%1 “%2” (%3)").arg(what, name, columns);
}

bool readsConstraints(const ConnectorSpec &spec)
{
    if (spec.kind != ConnectorKind::Jdbc || spec.id == QLatin1String("redshift"))
        return false;
    return spec.qtDriver == QLatin1String("QPSQL") || spec.qtDriver == QLatin1String("QMYSQL") ||
           spec.qtDriver == QLatin1String("QMARIADB") || spec.qtDriver == QLatin1String("QSQLITE");
}

bool readConstraints(SourceSession &session, const QString &schema, const QString &table,
                     QHash<QString, QList<SourceConstraint>> *out, QString *error)
{
    out->clear();
    const ConnectorSpec *spec = session.spec();
    if (!spec || !readsConstraints(*spec))
        return true;
    const ConstraintQuery query =
        spec->dialect == QLatin1String("postgresql") ? postgresQuery(schema, table)
        : spec->dialect == QLatin1String("mysql")    ? mysqlQuery(schema, table)
                                                     : sqliteQuery(table);
    QSqlQuery q(session.database());
    q.setForwardOnly(true);
    QElapsedTimer timer;
    timer.start();
    bool ran = q.prepare(query.sql);
    if (ran) {
        for (const QVariant &v : query.values)
            bindValue(q, v);
        ran = q.exec();
    }
    sql_log::statement(timer.elapsed(), query.sql, ran);
    if (!ran) {
        *error = q.lastError().text();
        return false;
    }
    // Consecutive rows of one constraint (same table, name and kind) are its columns.
    QString lastTable, lastName, lastType;
    while (q.next()) {
        const QString tableName = q.value(kTable).toString();
        const QString name = q.value(kName).toString(); // as the database knows it
        const QString type = typeOf(q.value(kKind).toString());
        QList<SourceConstraint> &list = (*out)[tableName];
        if (list.isEmpty() || tableName != lastTable || name != lastName || type != lastType) {
            SourceConstraint c;
            c.table = tableName;
            c.name = userName(name);
            c.type = type;
            if (c.is(SourceConstraint::kCheck))
                c.definition = q.value(kExtra).toString();
            list.append(c);
            lastTable = tableName;
            lastName = name;
            lastType = type;
        }
        SourceConstraint &current = list.last();
        const bool expression = q.value(kField).isNull() && !current.is(SourceConstraint::kCheck);
        if ((q.value(kEnforced).toInt() == 0 || expression) && current.enforced) {
            current.enforced = false;
            current.note = distrust(*spec, current, q.value(kExtra).toString());
        }
        if (!q.value(kField).isNull())
            current.fields << q.value(kField).toString();
    }
    if (q.lastError().isValid()) {
        *error = q.lastError().text();
        return false;
    }
    for (QList<SourceConstraint> &list : *out)
        std::stable_sort(list.begin(), list.end(),
                         [](const SourceConstraint &a, const SourceConstraint &b) {
                             return std::tie(a.type, a.name) < std::tie(b.type, b.name);
                         });
    return true;
}

QJsonArray constraintsToJson(const QList<SourceConstraint> &constraints)
{
    QJsonArray out;
    for (const SourceConstraint &c : constraints) {
        if (c.is(SourceConstraint::kNotNull))
            continue;
        QJsonObject o{{QStringLiteral("name"), c.name},
                      {QStringLiteral("type"), c.type},
                      {QStringLiteral("fields"), QJsonArray::fromStringList(c.fields)},
                      {QStringLiteral("enforced"), c.enforced}};
        if (!c.note.isEmpty())
            o.insert(QStringLiteral("note"), c.note);
        if (!c.definition.isEmpty())
            o.insert(QStringLiteral("definition"), c.definition);
        out << o;
    }
    return out;
}

QList<SourceConstraint> constraintsFromJson(const QString &table, const QJsonArray &array)
{
    QList<SourceConstraint> out;
    for (const QJsonValue &v : array) {
        const QJsonObject o = v.toObject();
        SourceConstraint c;
        c.table = table;
        c.name = o.value(QStringLiteral("name")).toString();
        c.type = o.value(QStringLiteral("type")).toString();
        for (const QJsonValue &f : o.value(QStringLiteral("fields")).toArray())
            c.fields << f.toString();
        c.enforced = o.value(QStringLiteral("enforced")).toBool();
        c.note = o.value(QStringLiteral("note")).toString();
        c.definition = o.value(QStringLiteral("definition")).toString();
        out << c;
    }
    return out;
}

} // namespace assay
