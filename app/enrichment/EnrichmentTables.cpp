#include "app/enrichment/EnrichmentTables.h"

#include <QLocale>
#include <QSet>
#include <QSqlQuery>
#include <QSqlRecord>

namespace assay::enrichment {

namespace {

using Family = SqlDialect::Family;

Column col(const char *name, ColumnType type)
{
    return {QString::fromLatin1(name), type};
}

// A statement holds at most this many bound values (SQLite before 3.32 allows 999), and about
// this many bytes of them (MySQL's max_allowed_packet defaults to 16 MB; 4 MB leaves room).
constexpr int kMaxValuesPerStatement = 900;
constexpr qint64 kMaxBytesPerStatement = 4 * 1024 * 1024;

qint64 approximateSize(const QVariant &value)
{
    if (value.typeId() == QMetaType::QString)
        return 16 + 3 * qint64(value.toString().size()); // UTF-8, at worst
    return 16;
}

} // namespace

QList<Column> checkMetricsColumns()
{
    using T = ColumnType;
    return {col("OPERATION_ID", T::Integer),
            col("CONTAINER_ID", T::Integer),
            col("SOURCE_DATASTORE", T::Text),
            col("SOURCE_CONTAINER", T::Text),
            col("SOURCE_PARTITION", T::Text),
            col("ASSERTION_RESULT", T::Text),
            col("ASSERTION_DETAILS", T::Text),
            col("QUALITY_CHECK_ID", T::Integer),
            col("ASSERTED_RECORDS_COUNT", T::Integer),
            col("ANOMALOUS_RECORDS_COUNT", T::Integer),
            col("_QUALYTICS_SOURCE_PARTITION", T::Text)};
}

QList<Column> failedChecksColumns()
{
    using T = ColumnType;
    return {col("QUALITY_CHECK_ID", T::Integer),
            col("ANOMALY_UUID", T::Text),
            col("QUALITY_CHECK_MESSAGE", T::Text),
            col("SUGGESTED_REMEDIATION_FIELD", T::Text),
            col("SUGGESTED_REMEDIATION_VALUE", T::Text),
            col("SUGGESTED_REMEDIATION_SCORE", T::Float),
            col("QUALITY_CHECK_RULE_TYPE", T::Text),
            col("QUALITY_CHECK_TAGS", T::Text),
            col("QUALITY_CHECK_PARAMETERS", T::Text),
            col("QUALITY_CHECK_DESCRIPTION", T::Text),
            col("QUALITY_CHECK_METADATA", T::Text),
            col("QUALITY_CHECK_FIELDS", T::Text),
            col("ANOMALOUS_RECORDS_COUNT", T::Integer),
            col("OPERATION_ID", T::Integer),
            col("DETECTED_TIME", T::Timestamp),
            col("SOURCE_CONTAINER", T::Text),
            col("SOURCE_PARTITION", T::Text),
            col("SOURCE_DATASTORE", T::Text),
            col("FINGERPRINT", T::Integer)};
}

QList<Column> sourceRecordsColumns()
{
    using T = ColumnType;
    return {col("SOURCE_CONTAINER", T::Text), col("SOURCE_PARTITION", T::Text),
            col("ANOMALY_UUID", T::Text), col("CONTEXT", T::Text), col("RECORD", T::Text)};
}

QList<Column> scanOperationsColumns()
{
    using T = ColumnType;
    // CONTAINER_SCAN_ID was removed in Dec 2024 (use CONTAINER_ID): not created.
    return {col("OPERATION_ID", T::Integer),
            col("DATASTORE_ID", T::Integer),
            col("CONTAINER_ID", T::Integer),
            col("PARTITION_NAME", T::Text),
            col("INCREMENTAL", T::Boolean),
            col("RECORDS_PROCESSED", T::Integer),
            col("ENRICHMENT_SOURCE_RECORD_LIMIT", T::Integer),
            col("MAX_RECORDS_ANALYZED", T::Integer),
            col("ANOMALY_COUNT", T::Integer),
            col("START_TIME", T::Timestamp),
            col("END_TIME", T::Timestamp),
            col("RESULT", T::Text),
            col("MESSAGE", T::Text)};
}

QList<Column> columnsOf(const QString &suffix)
{
    if (suffix == kCheckMetrics)
        return checkMetricsColumns();
    if (suffix == kFailedChecks)
        return failedChecksColumns();
    if (suffix == kSourceRecords)
        return sourceRecordsColumns();
    if (suffix == kScanOperations)
        return scanOperationsColumns();
    return {};
}

QStringList columnNames(const QList<Column> &columns)
{
    QStringList names;
    names.reserve(columns.size());
    for (const Column &c : columns)
        names << c.name;
    return names;
}

QString tableName(const QString &prefix, const QString &suffix)
{
    return prefix + QLatin1Char('_') + suffix;
}

QString remediationTableName(const QString &prefix, qint64 containerId)
{
    return tableName(prefix, QStringLiteral("remediation_%1").arg(containerId));
}

QList<Column> remediationColumns(const QStringList &sourceColumns)
{
    QSet<QString> taken{kPartitionColumn.toLower(), kAnomalyUuidColumn.toLower()};
    QList<Column> out;
    for (const QString &source : sourceColumns) {
        QString name = source;
        for (int n = 2; taken.contains(name.toLower()); ++n)
            name = source + QStringLiteral("_%1").arg(n);
        taken.insert(name.toLower());
        out.append({name, ColumnType::Text});
    }
    out.append({kPartitionColumn, ColumnType::Text});
    out.append({kAnomalyUuidColumn, ColumnType::Text});
    return out;
}

QString sqlType(const SqlDialect &dialect, ColumnType type)
{
    const Family f = dialect.family();
    switch (type) {
    case ColumnType::Integer:
        if (f == Family::SQLite)
            return QStringLiteral("INTEGER");
        if (f == Family::Oracle)
            return QStringLiteral("NUMBER(19)");
        return QStringLiteral("BIGINT");
    case ColumnType::Float:
        if (f == Family::SQLite)
            return QStringLiteral("REAL");
        if (f == Family::MySQL)
            return QStringLiteral("DOUBLE");
        if (f == Family::SqlServer)
            return QStringLiteral("FLOAT");
        if (f == Family::Oracle)
            return QStringLiteral("BINARY_DOUBLE");
        return QStringLiteral("DOUBLE PRECISION");
    case ColumnType::Text:
        switch (f) {
        case Family::MySQL:
            return QStringLiteral("LONGTEXT"); // TEXT stops at 64 KB, too short for RECORD
        case Family::Redshift:
            return QStringLiteral("VARCHAR(65535)"); // Redshift's TEXT is VARCHAR(256)
        case Family::SqlServer:
            return QStringLiteral("NVARCHAR(MAX)");
        case Family::Oracle:
            return QStringLiteral("CLOB");
        case Family::Snowflake:
            return QStringLiteral("VARCHAR");
        case Family::Generic:
            return QStringLiteral("VARCHAR(4000)");
        default:
            return QStringLiteral("TEXT");
        }
    case ColumnType::Boolean:
        if (f == Family::SQLite || f == Family::Oracle)
            return QStringLiteral("INTEGER");
        if (f == Family::SqlServer)
            return QStringLiteral("BIT");
        return QStringLiteral("BOOLEAN");
    case ColumnType::Timestamp:
        switch (f) {
        case Family::SQLite:
            return QStringLiteral("TEXT");
        case Family::MySQL:
            return QStringLiteral("DATETIME(3)"); // holds UTC (MySQL has no zoned type)
        case Family::PostgreSQL:
        case Family::Redshift:
            return QStringLiteral("TIMESTAMPTZ");
        case Family::SqlServer:
            return QStringLiteral("DATETIME2");
        default:
            return QStringLiteral("TIMESTAMP");
        }
    }
    return QStringLiteral("TEXT");
}

QVariant timestampValue(const SqlDialect &dialect, const QDateTime &at)
{
    if (!at.isValid())
        return QVariant(QMetaType(QMetaType::QString));
    const QDateTime utc = at.toUTC();
    switch (dialect.family()) {
    case Family::SQLite:
    case Family::PostgreSQL:
    case Family::Redshift:
        // Text, so every driver sends the same thing; PostgreSQL reads the "Z" as UTC.
        return QLocale::c().toString(utc, QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")) +
               QLatin1Char('Z');
    case Family::MySQL:
        return QLocale::c().toString(utc, QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
    default:
        return utc;
    }
}

QVariant nullValue(ColumnType type)
{
    switch (type) {
    case ColumnType::Integer:
        return QVariant(QMetaType(QMetaType::LongLong));
    case ColumnType::Float:
        return QVariant(QMetaType(QMetaType::Double));
    case ColumnType::Boolean:
        return QVariant(QMetaType(QMetaType::Int));
    default:
        return QVariant(QMetaType(QMetaType::QString));
    }
}

bool sameColumn(const SqlDialect &dialect, const QString &a, const QString &b)
{
    const bool exact = dialect.family() == Family::PostgreSQL || dialect.family() == Family::Oracle;
    return a.compare(b, exact ? Qt::CaseSensitive : Qt::CaseInsensitive) == 0;
}

QString prefixTooLongFor(const SqlDialect &dialect, const QString &prefix, bool remediation)
{
    QStringList names;
    for (const char *suffix :
         {"check_metrics", "failed_checks", "source_records", "scan_operations"})
        names << tableName(prefix, QLatin1String(suffix));
    if (remediation) // container ids of up to seven digits
        names << remediationTableName(prefix, 9999999);
    for (const QString &name : names) {
        const QString problem = checkIdentifierLength(dialect, name);
        if (!problem.isEmpty())
            return problem;
    }
    return QString();
}

QString checkIdentifierLength(const SqlDialect &dialect, const QString &identifier, bool column)
{
    int limit = 0;
    qint64 length = 0;
    QString unit, database;
    switch (dialect.family()) {
    case Family::PostgreSQL:
    case Family::Redshift:
        // Counted in bytes; PostgreSQL would silently cut a longer name (and two long names
        // could then meet in the same table).
        limit = dialect.family() == Family::Redshift ? 127 : 63;
        length = identifier.toUtf8().size();
        unit = TableWriter::tr("bytes");
        database = dialect.family() == Family::Redshift ? QStringLiteral("Redshift")
                                                        : QStringLiteral("PostgreSQL");
        break;
    case Family::MySQL:
        limit = 64;
        length = identifier.size();
        unit = TableWriter::tr("characters");
        database = QStringLiteral("MySQL");
        break;
    default:
        return QString();
    }
    if (length <= limit)
        return QString();
    if (column)
        return TableWriter::tr("The source column %1 is longer than the %2 %3 a %4 column name "
                               "may have: set remediation to None, or link an enrichment "
                               "datastore on another database.")
            .arg(identifier)
            .arg(limit)
            .arg(unit, database);
    return TableWriter::tr("The name %1 is longer than the %2 %3 %4 allows: link the enrichment "
                           "datastore with a shorter prefix.")
        .arg(identifier)
        .arg(limit)
        .arg(unit, database);
}

TableWriter::TableWriter(QSqlDatabase db, SqlDialect dialect, QString schema)
    : m_db(std::move(db)), m_dialect(dialect), m_schema(std::move(schema))
{
}

QString TableWriter::qualified(const QString &table) const
{
    return m_dialect.table(m_schema, table);
}

bool TableWriter::readColumns(const QString &table, QStringList *columns, bool *exists,
                              QString *error)
{
    columns->clear();
    *exists = false;
    QSqlQuery q(m_db);
    QVariantList values;
    switch (m_dialect.family()) {
    case Family::SQLite:
        q.prepare(QStringLiteral("SELECT name FROM pragma_table_info(?, ?) ORDER BY cid"));
        values = {table, m_schema.isEmpty() ? QStringLiteral("main") : m_schema};
        break;
    case Family::PostgreSQL:
    case Family::Redshift:
        // pg_catalog lists tables the login has no privilege on too (information_schema hides
        // them), so such a table is reported as a refused insert, not a failed CREATE.
        q.prepare(QStringLiteral(
            "SELECT a.attname FROM pg_catalog.pg_attribute a "
            "JOIN pg_catalog.pg_class c ON c.oid = a.attrelid "
            "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = COALESCE(NULLIF(?, ''), current_schema()) AND c.relname = ? "
            "AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum"));
        values = {m_schema, table};
        break;
    case Family::MySQL:
        q.prepare(QStringLiteral(
            "SELECT COLUMN_NAME FROM information_schema.COLUMNS "
            "WHERE TABLE_SCHEMA = COALESCE(NULLIF(?, ''), DATABASE()) AND TABLE_NAME = ? "
            "ORDER BY ORDINAL_POSITION"));
        values = {m_schema, table};
        break;
    default: {
        // Any driver: the columns of an empty result. A failure means "missing" here; creating
        // the table then reports the database's own reason if it was something else.
        if (q.exec(QStringLiteral("SELECT * FROM %1 WHERE 1 = 0").arg(qualified(table)))) {
            const QSqlRecord record = q.record();
            for (int i = 0; i < record.count(); ++i)
                *columns << record.fieldName(i);
            *exists = true;
        }
        return true;
    }
    }
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec()) {
        if (error)
            *error = describe(q.lastError(), table);
        return false;
    }
    while (q.next())
        *columns << q.value(0).toString();
    *exists = !columns->isEmpty();
    return true;
}

bool TableWriter::ensureTable(const QString &table, const QList<Column> &columns, QString *error)
{
    for (const QString &name : QStringList{table} + columnNames(columns)) {
        const QString tooLong = checkIdentifierLength(m_dialect, name, name != table);
        if (!tooLong.isEmpty()) {
            if (error)
                *error = tooLong;
            return false;
        }
    }
    QStringList existing;
    bool exists = false;
    if (!readColumns(table, &existing, &exists, error))
        return false;
    if (!exists) {
        QStringList defs;
        for (const Column &c : columns)
            defs << m_dialect.quote(c.name) + QLatin1Char(' ') + sqlType(m_dialect, c.type);
        const Family f = m_dialect.family();
        const bool ifNotExists = f == Family::SQLite || f == Family::PostgreSQL ||
                                 f == Family::Redshift || f == Family::MySQL ||
                                 f == Family::Snowflake;
        QString sql = QStringLiteral("CREATE TABLE %1%2 (%3)")
                          .arg(ifNotExists ? QStringLiteral("IF NOT EXISTS ") : QString(),
                               qualified(table), defs.join(QStringLiteral(", ")));
        // InnoDB so the writes roll back; utf8mb4 so any source text fits.
        if (f == Family::MySQL)
            sql += QStringLiteral(" ENGINE=InnoDB DEFAULT CHARACTER SET utf8mb4");
        if (!exec(sql, {}, error, table))
            return false;
        // PostgreSQL: IF NOT EXISTS also passes over a table without columns (which it
        // allows and which the query above cannot tell from a missing one), so look again.
        if (f != Family::PostgreSQL && f != Family::Redshift)
            return true;
        if (!readColumns(table, &existing, &exists, error))
            return false;
    }
    for (const Column &c : columns) {
        bool present = false;
        for (const QString &e : std::as_const(existing))
            present = present || sameColumn(m_dialect, e, c.name);
        if (present)
            continue;
        QString sql;
        const QString def = m_dialect.quote(c.name) + QLatin1Char(' ') + sqlType(m_dialect, c.type);
        if (m_dialect.family() == Family::SqlServer)
            sql = QStringLiteral("ALTER TABLE %1 ADD %2").arg(qualified(table), def);
        else if (m_dialect.family() == Family::Oracle)
            sql = QStringLiteral("ALTER TABLE %1 ADD (%2)").arg(qualified(table), def);
        else
            sql = QStringLiteral("ALTER TABLE %1 ADD COLUMN %2").arg(qualified(table), def);
        if (!exec(sql, {}, error, table))
            return false;
        existing << c.name;
    }
    return true;
}

bool TableWriter::multiRowInserts() const
{
    switch (m_dialect.family()) {
    case Family::Oracle:
    case Family::Generic:
        return false;
    default:
        return true;
    }
}

bool TableWriter::insertRows(const QString &table, const QStringList &columns,
                             const QList<QVariantList> &rows, QString *error)
{
    if (rows.isEmpty())
        return true;
    QStringList quoted;
    for (const QString &c : columns)
        quoted << m_dialect.quote(c);
    const QString head = QStringLiteral("INSERT INTO %1 (%2) VALUES ")
                             .arg(qualified(table), quoted.join(QStringLiteral(", ")));
    const QString tuple = QLatin1Char('(') +
                          QStringList(columns.size(), QStringLiteral("?")).join(QLatin1Char(',')) +
                          QLatin1Char(')');

    if (!multiRowInserts()) {
        QSqlQuery q(m_db);
        if (!q.prepare(head + tuple)) {
            if (error)
                *error = describe(q.lastError(), table);
            return false;
        }
        for (int c = 0; c < columns.size(); ++c) {
            QVariantList values;
            values.reserve(rows.size());
            for (const QVariantList &row : rows)
                values << row.value(c);
            q.addBindValue(values);
        }
        if (!q.execBatch()) {
            if (error)
                *error = describe(q.lastError(), table);
            m_failed.emplace(std::move(q));
            return false;
        }
        return true;
    }

    const int maxRows = qMax(1, kMaxValuesPerStatement / qMax(1, int(columns.size())));
    int start = 0;
    while (start < rows.size()) {
        int end = start;
        qint64 bytes = 0;
        while (end < rows.size() && end - start < maxRows) {
            qint64 rowBytes = 0;
            for (const QVariant &v : rows.at(end))
                rowBytes += approximateSize(v);
            if (end > start && bytes + rowBytes > kMaxBytesPerStatement)
                break;
            bytes += rowBytes;
            ++end;
        }
        QVariantList values;
        values.reserve((end - start) * columns.size());
        for (int r = start; r < end; ++r)
            for (int c = 0; c < columns.size(); ++c)
                values << rows.at(r).value(c);
        const QString sql = head + QStringList(end - start, tuple).join(QStringLiteral(", "));
        if (!exec(sql, values, error, table))
            return false;
        start = end;
    }
    return true;
}

bool TableWriter::exec(const QString &sql, const QVariantList &values, QString *error,
                       const QString &table)
{
    QSqlQuery q(m_db);
    bool ok = false;
    if (values.isEmpty()) {
        ok = q.exec(sql);
    } else {
        ok = q.prepare(sql);
        if (ok) {
            for (const QVariant &v : values)
                q.addBindValue(v);
            ok = q.exec();
        }
    }
    if (!ok && error)
        *error = describe(q.lastError(), table);
    if (!ok)
        m_failed.emplace(std::move(q));
    return ok;
}

QString TableWriter::describe(const QSqlError &error, const QString &table) const
{
    // The database's own first line, without PostgreSQL's "ERROR:" or a trailing "(code)".
    QString cause = error.databaseText().trimmed();
    if (cause.isEmpty())
        cause = error.text().trimmed();
    cause = cause.section(QLatin1Char('\n'), 0, 0).trimmed();
    for (const QLatin1String head : {QLatin1String("ERROR:"), QLatin1String("FATAL:")})
        if (cause.startsWith(head))
            cause = cause.mid(head.size()).trimmed();
    while (cause.endsWith(QLatin1Char('.')))
        cause.chop(1);

    const QString code = error.nativeErrorCode();
    const QString lower = cause.toLower();
    // 42501: PostgreSQL insufficient_privilege; 1142/1044/1227/1370: MySQL command, database,
    // privilege and routine denials; SQLite: a read-only file or folder.
    const bool refused = code == QLatin1String("42501") || code == QLatin1String("1142") ||
                         code == QLatin1String("1044") || code == QLatin1String("1227") ||
                         code == QLatin1String("1370") || lower.contains(QLatin1String("denied")) ||
                         lower.contains(QLatin1String("readonly")) ||
                         lower.contains(QLatin1String("read-only"));
    if (refused) {
        if (m_dialect.family() == Family::SQLite)
            return tr("The enrichment datastore refused to write %1 (%2): make the file %3 and "
                      "its folder writable for this account, or link another enrichment "
                      "datastore.")
                .arg(table, cause, m_db.databaseName());
        const QString where =
            m_dialect.family() == Family::MySQL
                ? tr("database %1").arg(m_schema.isEmpty() ? m_db.databaseName() : m_schema)
                : tr("schema %1").arg(m_schema.isEmpty() ? QStringLiteral("public") : m_schema);
        return tr("The enrichment datastore refused to write %1 (%2): grant this login CREATE "
                  "and INSERT on %3, or link another enrichment datastore.")
            .arg(table, cause, where);
    }
    return tr("Writing the enrichment table %1 failed: %2.").arg(table, cause);
}

} // namespace assay::enrichment
