#pragma once

#include <QHash>
#include <QJsonArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace assay {

class SourceSession;
struct ConnectorSpec;

// A constraint the source declares on a table: a primary key, a unique constraint or unique
// index, a NOT NULL column, or a CHECK. `enforced` says whether Assay trusts the database to
// hold every row to it; `note` says why not when it does not.
struct SourceConstraint
{
    QString table;
    QString name; // the database's name ("orders_pkey", "PRIMARY"); NOT NULL: the column
    QString type; // kPrimaryKey, kUnique, kNotNull, kCheck
    QStringList fields;
    bool enforced = true;
    QString note;
    QString definition; // a CHECK's condition, as the database prints it

    static constexpr const char *kPrimaryKey = "primary key";
    static constexpr const char *kUnique = "unique";
    static constexpr const char *kNotNull = "not null";
    static constexpr const char *kCheck = "check";

    bool is(const char *t) const { return type == QLatin1String(t); }
    // "primary key “orders_pkey”", "NOT NULL on “id”": what a guaranteed check is guaranteed by.
    QString describe() const;

    bool operator==(const SourceConstraint &o) const
    {
        return table == o.table && name == o.name && type == o.type && fields == o.fields &&
               enforced == o.enforced;
    }
};

// Which constraints Assay trusts, per connector (README "Checks the schema guarantees"):
// PostgreSQL primary keys, unique constraints, valid unique indexes without a predicate or an
// expression, validated CHECKs and NOT NULL; MySQL/MariaDB primary keys, unique indexes over
// whole columns and NOT NULL (their CHECK constraints are recorded, not trusted); SQLite primary
// keys (a rowid alias too), unique indexes that are not partial, NOT NULL. Redshift (which
// does not enforce keys), ODBC sources and files are not read: nothing is guaranteed there.
bool readsConstraints(const ConnectorSpec &spec);

// The constraints of `table` in `schema` (every table's when `table` is empty), by table,
// each table's in a stable order (type, name). One metadata query per kind; no row of a table
// is read. False with `error` set when the database refuses a query.
bool readConstraints(SourceSession &session, const QString &schema, const QString &table,
                     QHash<QString, QList<SourceConstraint>> *out, QString *error);

// The JSON Sync keeps in a container's settings["source"]["constraints"] (NOT NULL is kept on
// the fields, not here), and back.
QJsonArray constraintsToJson(const QList<SourceConstraint> &constraints);
QList<SourceConstraint> constraintsFromJson(const QString &table, const QJsonArray &array);

} // namespace assay
