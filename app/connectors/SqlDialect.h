#pragma once

#include <QString>
#include <QVariant>

namespace assay {

struct ConnectorSpec;

// How one SQL family spells what Assay generates: identifier quoting, qualified names, row
// limits, casts, lengths, approximate functions. Identifiers are always quoted through here;
// values are always bound, never spliced into SQL.
class SqlDialect
{
public:
    enum class Family {
        SQLite,
        PostgreSQL,
        Redshift,
        MySQL,
        SqlServer,
        Snowflake,
        Oracle,
        DuckDB, // the embedded engine that reads files
        Generic
    };

    static SqlDialect forConnector(const ConnectorSpec &spec);
    static SqlDialect forFamily(Family family);

    Family family() const { return m_family; }
    QString name() const;

    // "a""b" (ANSI), `a``b` (MySQL), [a]]b] (SQL Server).
    QString quote(const QString &identifier) const;
    // `value` as a string literal, for statements that would otherwise need more parameters
    // than a driver takes (an Expected Values list of 100,000 values). Quotes are doubled; a
    // backslash, which some databases read as an escape, is spelled per dialect (PostgreSQL
    // E'..', MySQL a hex literal, which is a binary string, Snowflake $$..$$). Empty when the
    // dialect cannot spell `value` safely (a NUL character; a backslash on a generic source):
    // bind it instead.
    QString textLiteral(const QString &value) const;
    // schema.table, quoted; SQLite ignores the schema unless it is an attached database.
    QString table(const QString &schema, const QString &name) const;
    // `select` limited to n rows (LIMIT n, TOP n, FETCH FIRST n ROWS ONLY).
    QString limit(const QString &select, qint64 n) const;
    QString toDouble(const QString &expression) const;
    QString toText(const QString &expression) const;
    QString length(const QString &expression) const;
    // An approximate COUNT(DISTINCT) where the database has one (Redshift, Snowflake, SQL
    // Server); empty otherwise.
    QString approximateCountDistinct(const QString &expression) const;
    // An approximate percentile (0..1) of an expression over every row, where the database has
    // a sketch for it (Snowflake, Redshift, SQL Server 2022); empty otherwise. (DuckDB's
    // t-digest costs more than the sampled pass's quartiles: the file engine has none here.) An
    // exact PERCENTILE_CONT sorts every value of every column, so elsewhere Profile computes
    // quartiles in its sampled pass instead.
    QString approximatePercentile(const QString &expression, double fraction) const;
    // The period (Hourly, Daily, Weekly, Monthly) a date or timestamp expression falls in, as a
    // value that is equal for every moment of the period; empty where Assay does not know how.
    QString timeBucket(const QString &expression, const QString &interval) const;
    // `field > ?` for an incremental read past `after`. A time threshold compares as a time:
    // SQLite keeps times as text in several spellings ('T' or ' ', with or without 'Z'), so
    // both sides go through julianday(). thresholdValue() is the value to bind for it.
    QString greaterThan(const QString &quotedField, bool time) const;
    // An ISO-8601 threshold as this database compares it: MySQL gets 'yyyy-MM-dd HH:mm:ss'
    // (it rejects the 'T' and zone in a DATETIME comparison); others the text as given.
    QVariant thresholdValue(const QVariant &after, bool time) const;
    bool hasWindowFunctions() const { return true; }

private:
    explicit SqlDialect(Family family) : m_family(family) {}
    Family m_family;
};

} // namespace assay
