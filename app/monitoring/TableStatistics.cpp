#include "app/monitoring/TableStatistics.h"

#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

namespace assay::monitoring {

namespace {

bool run(QSqlQuery &q, const QString &sql, const QVariantList &values, QString *error)
{
    if (!q.prepare(sql)) {
        *error = q.lastError().text();
        return false;
    }
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    return true;
}

qint64 knownOrMinusOne(const QVariant &value)
{
    return value.isNull() ? -1 : value.toLongLong();
}

// A partitioned table's figures are its partitions' (pg_partition_tree, which lists nothing for a
// plain table: the table itself is added); views have no statistics and fall back to counting.
bool readPostgres(QSqlDatabase db, const QString &schema, const QString &table,
                  TableStatistics *out, QString *error)
{
    QSqlQuery q(db);
    const QString sql = QStringLiteral(
        "SELECT SUM(s.n_live_tup), SUM(pg_total_relation_size(t.relid)), "
        "SUM(s.n_tup_ins + s.n_tup_upd + s.n_tup_del), COUNT(s.relid), "
        "BOOL_OR(c.relkind = 'r' AND c.relhassubclass) "
        "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "CROSS JOIN LATERAL (SELECT relid FROM pg_partition_tree(c.oid) UNION SELECT c.oid) t "
        "LEFT JOIN pg_stat_user_tables s ON s.relid = t.relid "
        "WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p', 'm')");
    if (!run(q, sql, {schema, table}, error))
        return false;
    if (!q.next() || q.value(3).toLongLong() == 0)
        return true; // a view, or no statistics yet
    const qint64 live = knownOrMinusOne(q.value(0));
    // Zero is not trusted: after a statistics reset (a crash, pg_stat_reset) n_live_tup reads 0
    // whatever the table holds, and a TimescaleDB hypertable keeps its rows in chunks outside
    // its partition tree; counting an empty table costs nothing. Nor is a table with
    // inheritance children, whose rows a SELECT reads but its own statistics do not count.
    if (live > 0 && !q.value(4).toBool())
        out->records = live;
    out->sizeBytes = knownOrMinusOne(q.value(1));
    out->changeCounter = knownOrMinusOne(q.value(2));
    return true;
}

bool readMysql(QSqlDatabase db, const QString &schema, const QString &table, TableStatistics *out,
               QString *error)
{
    QSqlQuery q(db);
    // UNIX_TIMESTAMP reads UPDATE_TIME in the session's time zone, as it was written.
    const QString sql = QStringLiteral(
        "SELECT TABLE_ROWS, DATA_LENGTH + INDEX_LENGTH, UNIX_TIMESTAMP(UPDATE_TIME), ENGINE "
        "FROM information_schema.TABLES WHERE TABLE_SCHEMA = COALESCE(NULLIF(?, ''), DATABASE()) "
        "AND TABLE_NAME = ? AND TABLE_TYPE = 'BASE TABLE'");
    if (!run(q, sql, {schema, table}, error))
        return false;
    if (!q.next())
        return true;
    const QString engine = q.value(3).toString().toLower();
    if (engine == QLatin1String("myisam") || engine == QLatin1String("aria"))
        out->records = knownOrMinusOne(q.value(0));
    out->sizeBytes = knownOrMinusOne(q.value(1));
    if (!q.value(2).isNull())
        out->updatedAt = QDateTime::fromSecsSinceEpoch(q.value(2).toLongLong(), Qt::UTC);
    return true;
}

} // namespace

bool readStatistics(QSqlDatabase db, const SqlDialect &dialect, const QString &schema,
                    const QString &table, TableStatistics *out, QString *error)
{
    *out = TableStatistics{};
    switch (dialect.family()) {
    case SqlDialect::Family::PostgreSQL:
        return readPostgres(db, schema.isEmpty() ? QStringLiteral("public") : schema, table, out,
                            error);
    case SqlDialect::Family::MySQL:
        return readMysql(db, schema, table, out, error);
    default:
        return true;
    }
}

qint64 countRecords(QSqlDatabase db, const SqlDialect &dialect, const QString &schema,
                    const QString &table, QString *error)
{
    QSqlQuery q(db);
    if (!run(q, QStringLiteral("SELECT COUNT(*) FROM %1").arg(dialect.table(schema, table)), {},
             error))
        return -1;
    return q.next() ? q.value(0).toLongLong() : -1;
}

bool newestValue(QSqlDatabase db, const SqlDialect &dialect, const QString &schema,
                 const QString &table, const QString &field, QString *value, QString *error)
{
    QSqlQuery q(db);
    const QString max = dialect.toText(QStringLiteral("MAX(%1)").arg(dialect.quote(field)));
    if (!run(q, QStringLiteral("SELECT %1 FROM %2").arg(max, dialect.table(schema, table)), {},
             error))
        return false;
    *value = q.next() && !q.value(0).isNull() ? q.value(0).toString() : QString();
    return true;
}

QDateTime parseSourceTime(const QString &text)
{
    static const QRegularExpression shape(QStringLiteral(
        R"(^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$)"));
    const QRegularExpressionMatch m = shape.match(text.trimmed());
    if (!m.hasMatch())
        return {};
    QString clock = m.captured(2).isEmpty() ? QStringLiteral("00:00:00") : m.captured(2);
    if (clock.size() == 5)
        clock += QStringLiteral(":00");
    const int dot = clock.indexOf(QLatin1Char('.'));
    if (dot > 0)
        clock = clock.left(dot + 4); // microseconds and finer: milliseconds are enough here
    const QString iso = m.captured(1) + QLatin1Char('T') + clock;
    QString zone = m.captured(3);
    if (zone.isEmpty() || zone == QLatin1String("Z"))
        zone = QStringLiteral("Z");
    else if (zone.size() == 3) // "+05"
        zone += QStringLiteral(":00");
    else if (!zone.contains(QLatin1Char(':'))) // "+0530"
        zone.insert(3, QLatin1Char(':'));
    const QDateTime parsed = QDateTime::fromString(iso + zone, Qt::ISODateWithMs);
    return parsed.isValid() ? parsed.toUTC() : QDateTime();
}

} // namespace assay::monitoring
