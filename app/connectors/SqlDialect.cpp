#include "app/connectors/SqlDialect.h"

#include "app/connectors/ConnectorSpec.h"

#include <QDateTime>
#include <QStringList>

namespace assay {

SqlDialect SqlDialect::forFamily(Family family)
{
    return SqlDialect(family);
}

SqlDialect SqlDialect::forConnector(const ConnectorSpec &spec)
{
    const QString d = spec.dialect;
    if (d == QLatin1String("sqlite"))
        return SqlDialect(Family::SQLite);
    if (spec.id == QLatin1String("redshift"))
        return SqlDialect(Family::Redshift);
    if (d == QLatin1String("postgresql"))
        return SqlDialect(Family::PostgreSQL);
    if (d == QLatin1String("mysql"))
        return SqlDialect(Family::MySQL);
    if (d == QLatin1String("sqlserver"))
        return SqlDialect(Family::SqlServer);
    if (d == QLatin1String("snowflake"))
        return SqlDialect(Family::Snowflake);
    if (d == QLatin1String("oracle"))
        return SqlDialect(Family::Oracle);
    if (d == QLatin1String("duckdb") || d == QLatin1String("files"))
        return SqlDialect(Family::DuckDB);
    return SqlDialect(Family::Generic);
}

QString SqlDialect::name() const
{
    switch (m_family) {
    case Family::SQLite:
        return QStringLiteral("sqlite");
    case Family::PostgreSQL:
        return QStringLiteral("postgresql");
    case Family::Redshift:
        return QStringLiteral("redshift");
    case Family::MySQL:
        return QStringLiteral("mysql");
    case Family::SqlServer:
        return QStringLiteral("sqlserver");
    case Family::Snowflake:
        return QStringLiteral("snowflake");
    case Family::Oracle:
        return QStringLiteral("oracle");
    case Family::DuckDB:
        return QStringLiteral("duckdb");
    case Family::Generic:
        break;
    }
    return QStringLiteral("generic");
}

QString SqlDialect::textLiteral(const QString &value) const
{
    if (value.contains(QChar(0)))
        return {};
    const auto quoted = [](QString body, const QString &lead = QString()) {
        return lead + QLatin1Char('\'') + body.replace(QLatin1Char('\''), QLatin1String("''")) +
               QLatin1Char('\'');
    };
    const bool backslash = value.contains(QLatin1Char('\\'));
    switch (m_family) {
    case Family::SQLite:
    case Family::DuckDB:
    case Family::Oracle:
        return quoted(value); // no backslash escapes
    case Family::SqlServer:
        return quoted(value, QStringLiteral("N"));
    case Family::MySQL:
        // Whatever sql_mode says of backslashes; Assay's MySQL checks compare bytes anyway.
        return QStringLiteral("X'") + QString::fromLatin1(value.toUtf8().toHex()) +
               QLatin1Char('\'');
    case Family::PostgreSQL:
        if (!backslash)
            return quoted(value);
        return quoted(QString(value).replace(QLatin1Char('\\'), QLatin1String("\\\\")),
                      QStringLiteral("E"));
    case Family::Snowflake:
        if (!backslash)
            return quoted(value);
        return value.contains(QLatin1String("$$")) || value.endsWith(QLatin1Char('$'))
                   ? QString()
                   : QStringLiteral("$$") + value + QStringLiteral("$$");
    case Family::Redshift:
    case Family::Generic:
        // Without a backslash, doubling quotes reads the same under either convention.
        return backslash ? QString() : quoted(value);
    }
    return {};
}

QString SqlDialect::quote(const QString &identifier) const
{
    QString escaped = identifier;
    switch (m_family) {
    case Family::MySQL:
        return QLatin1Char('`') + escaped.replace(QLatin1Char('`'), QLatin1String("``")) +
               QLatin1Char('`');
    case Family::SqlServer:
        return QLatin1Char('[') + escaped.replace(QLatin1Char(']'), QLatin1String("]]")) +
               QLatin1Char(']');
    default:
        return QLatin1Char('"') + escaped.replace(QLatin1Char('"'), QLatin1String("\"\"")) +
               QLatin1Char('"');
    }
}

QString SqlDialect::table(const QString &schema, const QString &name) const
{
    if (schema.isEmpty() || (m_family == Family::SQLite && schema == QLatin1String("main")))
        return quote(name);
    return quote(schema) + QLatin1Char('.') + quote(name);
}

QString SqlDialect::limit(const QString &select, qint64 n) const
{
    switch (m_family) {
    case Family::SqlServer: {
        QString s = select;
        const int at = s.indexOf(QLatin1String("SELECT "), 0, Qt::CaseInsensitive);
        return s.insert(at + 7, QStringLiteral("TOP %1 ").arg(n));
    }
    case Family::Oracle:
        return select + QStringLiteral(" FETCH FIRST %1 ROWS ONLY").arg(n);
    default:
        return select + QStringLiteral(" LIMIT %1").arg(n);
    }
}

QString SqlDialect::toDouble(const QString &e) const
{
    switch (m_family) {
    case Family::SQLite:
        return QStringLiteral("(%1 * 1.0)").arg(e);
    case Family::MySQL:
    case Family::DuckDB:
        return QStringLiteral("CAST(%1 AS DOUBLE)").arg(e);
    case Family::SqlServer:
        return QStringLiteral("CAST(%1 AS FLOAT)").arg(e);
    case Family::Oracle:
        return QStringLiteral("CAST(%1 AS BINARY_DOUBLE)").arg(e);
    default:
        return QStringLiteral("CAST(%1 AS DOUBLE PRECISION)").arg(e);
    }
}

QString SqlDialect::toText(const QString &e) const
{
    switch (m_family) {
    case Family::MySQL:
        return QStringLiteral("CAST(%1 AS CHAR)").arg(e);
    case Family::SqlServer:
        return QStringLiteral("CAST(%1 AS NVARCHAR(MAX))").arg(e);
    case Family::Oracle:
        return QStringLiteral("TO_CHAR(%1)").arg(e);
    case Family::Snowflake:
        return QStringLiteral("TO_VARCHAR(%1)").arg(e);
    default:
        return QStringLiteral("CAST(%1 AS TEXT)").arg(e);
    }
}

QString SqlDialect::length(const QString &e) const
{
    switch (m_family) {
    case Family::MySQL:
        return QStringLiteral("CHAR_LENGTH(%1)").arg(e);
    case Family::SqlServer:
        return QStringLiteral("LEN(%1)").arg(e);
    default:
        return QStringLiteral("LENGTH(%1)").arg(e);
    }
}

QString SqlDialect::approximateCountDistinct(const QString &e) const
{
    switch (m_family) {
    case Family::Redshift:
        return QStringLiteral("APPROXIMATE COUNT(DISTINCT %1)").arg(e);
    case Family::Snowflake:
    case Family::SqlServer:
    case Family::DuckDB: // HyperLogLog
        return QStringLiteral("APPROX_COUNT_DISTINCT(%1)").arg(e);
    default:
        return QString();
    }
}

QString SqlDialect::approximatePercentile(const QString &e, double fraction) const
{
    const QString f = QString::number(fraction);
    switch (m_family) {
    case Family::Snowflake:
        return QStringLiteral("APPROX_PERCENTILE(%1, %2)").arg(e, f);
    case Family::Redshift:
        return QStringLiteral("APPROXIMATE PERCENTILE_DISC(%1) WITHIN GROUP (ORDER BY %2)")
            .arg(f, e);
    case Family::SqlServer:
        return QStringLiteral("APPROX_PERCENTILE_CONT(%1) WITHIN GROUP (ORDER BY %2)").arg(f, e);
    default:
        return QString();
    }
}

QString SqlDialect::timeBucket(const QString &e, const QString &interval) const
{
    const int i = QStringList{QStringLiteral("Hourly"), QStringLiteral("Daily"),
                              QStringLiteral("Weekly"), QStringLiteral("Monthly")}
                      .indexOf(interval);
    if (i < 0)
        return QString();
    switch (m_family) {
    case Family::SQLite: {
        // Times are text in SQLite; strftime() reads every ISO-8601 spelling. Weeks from Monday.
        static const char *const formats[] = {"%Y-%m-%d %H", "%Y-%m-%d", "%Y-%W", "%Y-%m"};
        return QStringLiteral("strftime('%1', %2)").arg(QLatin1String(formats[i]), e);
    }
    case Family::MySQL: {
        if (i == 2)
            return QStringLiteral("YEARWEEK(%1, 3)").arg(e); // ISO weeks, from Monday
        static const char *const formats[] = {"%Y-%m-%d %H", "%Y-%m-%d", "", "%Y-%m"};
        return QStringLiteral("DATE_FORMAT(%1, '%2')").arg(e, QLatin1String(formats[i]));
    }
    case Family::SqlServer: {
        static const char *const parts[] = {"hour", "day", "week", "month"};
        return QStringLiteral("DATEADD(%1, DATEDIFF(%1, 0, %2), 0)")
            .arg(QLatin1String(parts[i]), e);
    }
    case Family::Oracle: {
        static const char *const parts[] = {"HH", "DD", "IW", "MM"};
        return QStringLiteral("TRUNC(%1, '%2')").arg(e, QLatin1String(parts[i]));
    }
    case Family::Generic:
        return QString();
    default: { // PostgreSQL, Redshift, Snowflake
        static const char *const parts[] = {"hour", "day", "week", "month"};
        return QStringLiteral("DATE_TRUNC('%1', %2)").arg(QLatin1String(parts[i]), e);
    }
    }
}

QString SqlDialect::greaterThan(const QString &quotedField, bool time) const
{
    if (time && m_family == Family::SQLite)
        return QStringLiteral("julianday(%1) > julianday(?)").arg(quotedField);
    return QStringLiteral("%1 > ?").arg(quotedField);
}

QVariant SqlDialect::thresholdValue(const QVariant &after, bool time) const
{
    if (!time || m_family != Family::MySQL)
        return after;
    const QDateTime t = QDateTime::fromString(after.toString(), Qt::ISODate);
    if (!t.isValid())
        return after;
    return t.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
}

} // namespace assay
