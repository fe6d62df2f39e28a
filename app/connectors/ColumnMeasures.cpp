// One table of measuring strategies: a column's declared type (or base type) and the dialect
// decide how it is counted, ordered, measured as a length and aggregated as a number. A new
// type is one entry in kStrategies.
#include "app/connectors/ColumnMeasures.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QVector>
#include <optional>

namespace assay {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(assay::ColumnMeasures)
};

using Family = SqlDialect::Family;

// How a kind of type is measured; make() turns it into expressions for one dialect.
enum class Kind {
    Integer,     // ordered, summed as it is
    Decimal,     // exact decimal: ordered, summed; deviation from the sampled pass (PostgreSQL)
    Float,       // ordered; NaN and ±Infinity kept out of the moments
    Money,       // PostgreSQL money: ordered and summed as numeric
    Text,        // ordered, length in characters
    Binary,      // length in bytes, grouped as it is, no order
    Boolean,     // grouped, no order
    Date,        // ordered
    Time,        // ordered
    Timestamp,   // ordered
    Interval,    // PostgreSQL interval: ordered, summed as seconds
    TextOrdered, // grouped as it is, ordered through its text (uuid, macaddr)
    Network,     // PostgreSQL inet/cidr: grouped and ordered as they are
    BitString,   // PostgreSQL bit/varbit: grouped as is, ordered as text, length in bits
    MySqlBits,   // MySQL BIT(n > 1): measured as an unsigned integer
    Json,        // no equality: grouped as text, length of the text, no order
    JsonB,       // PostgreSQL jsonb: grouped as it is, length of the text
    Unordered,   // xml, geometric, composite, tsquery: grouped as text, no order, no length
    Equatable,   // tsvector, ranges: grouped as they are, no order
    Array,       // PostgreSQL arrays: grouped and ordered as they are, length = elements
    Enum,        // ordered by the type's own order, grouped, length of the label
    Geometry,    // MySQL spatial types: grouped by their WKT text
    Year,        // MySQL YEAR: a small integer
    Dynamic,     // SQLite: any value; ordered and grouped by SQLite's own rules
    Oid,         // PostgreSQL oid: ordered, summed as a bigint (it has no SUM of its own)
};

enum Dialects : unsigned {
    SQLite = 1u << 0,
    Postgres = 1u << 1, // PostgreSQL, Redshift
    MySql = 1u << 2,
    DuckDb = 1u << 3,
    Others = 1u << 4, // SQL Server, Snowflake, Oracle, generic ODBC
    Everywhere = 0xffu
};

struct Strategy
{
    unsigned dialects;
    const char *pattern; // over the normalised type: lower case, without (modifiers)
    Kind kind;
};

// First match wins. The patterns see "numeric", "character varying", "bigint unsigned",
// "timestamp with time zone", "integer[]" (arrays end in []), "enum", "composite".
const Strategy kStrategies[] = {
    // Family names: file columns (typed by their values), untyped SQLite columns inferred.
    {Everywhere, "^integral$", Kind::Integer},
    {Everywhere, "^fractional$", Kind::Float},
    {Everywhere, "^string$", Kind::Text},
    // PostgreSQL (format_type spellings) and Redshift.
    {Postgres, "\\[\\]$", Kind::Array},
    {Postgres, "^(smallint|integer|bigint|int2|int4|int8|smallserial|serial|bigserial)$",
     Kind::Integer},
    {Postgres, "^(oid|xid8)$", Kind::Oid},
    {Postgres, "^(numeric|decimal)$", Kind::Decimal},
    {Postgres, "^(real|double precision|float4|float8)$", Kind::Float},
    {Postgres, "^money$", Kind::Money},
    {Postgres, "^(text|character varying|varchar|character|char|bpchar|name|citext)$", Kind::Text},
    {Postgres, "^bytea$", Kind::Binary},
    {Postgres, "^boolean$", Kind::Boolean},
    {Postgres, "^interval", Kind::Interval},
    {Postgres, "^(uuid|macaddr|macaddr8)$", Kind::TextOrdered},
    {Postgres, "^(inet|cidr)$", Kind::Network},
    {Postgres, "^(bit|bit varying|varbit)$", Kind::BitString},
    {Postgres, "^json$", Kind::Json},
    {Postgres, "^jsonb$", Kind::JsonB},
    {Postgres, "^(xml|point|line|lseg|box|path|polygon|circle|composite|tsquery|hstore)$",
     Kind::Unordered},
    {Postgres,
     "^(tsvector|int4range|int8range|numrange|tsrange|tstzrange|daterange|"
     "int4multirange|int8multirange|nummultirange|tsmultirange|tstzmultirange|"
     "datemultirange)$",
     Kind::Equatable},
    {Postgres, "^enum$", Kind::Enum},
    // MySQL / MariaDB (COLUMN_TYPE spellings).
    {MySql, "^(tiny|small|medium|big)?int( unsigned)?( zerofill)?$", Kind::Integer},
    {MySql, "^integer( unsigned)?$", Kind::Integer},
    {MySql, "^year$", Kind::Year},
    {MySql, "^(decimal|numeric|dec|fixed)( unsigned)?( zerofill)?$", Kind::Decimal},
    {MySql, "^(float|double|double precision|real)( unsigned)?( zerofill)?$", Kind::Float},
    {MySql, "^bit$", Kind::MySqlBits},
    {MySql, "^(char|varchar|tinytext|text|mediumtext|longtext)$", Kind::Text},
    {MySql, "^(binary|varbinary|tinyblob|blob|mediumblob|longblob)$", Kind::Binary},
    {MySql, "^(enum|set)$", Kind::Enum},
    {MySql, "^json$", Kind::Json},
    {MySql,
     "^(geometry|point|linestring|polygon|multipoint|multilinestring|multipolygon|"
     "geometrycollection)$",
     Kind::Geometry},
    {MySql, "^(inet4|inet6|uuid)$", Kind::Network},
    // DuckDB (the file engine's own types, should a view expose them).
    {DuckDb, "^(tinyint|smallint|integer|bigint|hugeint|utinyint|usmallint|uinteger|ubigint)$",
     Kind::Integer},
    {DuckDb, "^(decimal|numeric)$", Kind::Decimal},
    {DuckDb, "^(float|double|real)$", Kind::Float},
    {DuckDb, "^(varchar|text)$", Kind::Text},
    {DuckDb, "^blob$", Kind::Binary},
    {DuckDb, "^json$", Kind::Json},
    {DuckDb, "^uuid$", Kind::TextOrdered},
    // Spelled alike almost everywhere.
    {Everywhere, "^bool(ean)?$", Kind::Boolean},
    {Everywhere, "^date$", Kind::Date},
    {Everywhere, "^time( with(out)? time zone)?$|^timetz$", Kind::Time},
    {Everywhere, "^(timestamp|datetime)|^timestamptz$", Kind::Timestamp},
};

// kStrategies' patterns, compiled once (thread-safe static initialisation).
const QVector<QRegularExpression> &strategyPatterns()
{
    static const QVector<QRegularExpression> compiled = [] {
        QVector<QRegularExpression> out;
        for (const Strategy &s : kStrategies)
            out << QRegularExpression(QLatin1String(s.pattern));
        return out;
    }();
    return compiled;
}

// Lower case, trimmed, modifiers such as (38,10) or (6) removed: "timestamp(3) with time zone"
// -> "timestamp with time zone", "enum('a','b')" -> "enum".
QString normalised(const QString &type)
{
    static const QRegularExpression modifiers(QStringLiteral("\\s*\\([^)]*\\)"));
    QString t = type.trimmed().toLower();
    t.replace(modifiers, QString());
    return t.simplified();
}

// Length of a MySQL BIT(n) column: BIT(1) is a boolean, wider ones numbers.
int bitWidth(const QString &type)
{
    static const QRegularExpression width(QStringLiteral("^bit\\s*\\((\\d+)\\)"),
                                          QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = width.match(type.trimmed());
    return m.hasMatch() ? m.captured(1).toInt() : 1;
}

unsigned dialectBit(Family family)
{
    switch (family) {
    case Family::SQLite:
        return SQLite;
    case Family::PostgreSQL:
    case Family::Redshift:
        return Postgres;
    case Family::MySQL:
        return MySql;
    case Family::DuckDB:
        return DuckDb;
    default:
        return Others;
    }
}

// The kind a declared type's family implies, where Assay recognises one; nullopt else.
// `fractional` is how fractional numbers are measured (exact decimals, or floats).
std::optional<Kind> familyKind(const QString &type, Kind fractional)
{
    switch (typeFamily(type)) {
    case TypeFamily::Integral:
        return Kind::Integer;
    case TypeFamily::Fractional:
        return fractional;
    case TypeFamily::String:
        return Kind::Text;
    case TypeFamily::Boolean:
        return Kind::Boolean;
    case TypeFamily::Date:
        return Kind::Date;
    case TypeFamily::Timestamp:
        return Kind::Timestamp;
    case TypeFamily::Time:
        return Kind::Time;
    case TypeFamily::Other:
        break;
    }
    return std::nullopt;
}

// SQLite keeps any value in any column and orders and groups them all; its declared types only
// say which it prefers (affinity): REAL is a float, a blob has no order, anything else is
// measured as SQLite compares it.
Kind sqliteKind(const QString &type)
{
    if (type.contains(QLatin1String("blob"), Qt::CaseInsensitive))
        return Kind::Binary;
    return familyKind(type, Kind::Float).value_or(Kind::Dynamic);
}

std::optional<Kind> kindOf(const SqlDialect &dialect, const QString &declared, const QString &base)
{
    const QString type = base.isEmpty() ? declared : base;
    const QString key = normalised(type);
    if (dialect.family() == Family::MySQL) {
        if (key == QLatin1String("tinyint") &&
            type.trimmed().toLower().startsWith(QLatin1String("tinyint(1)")))
            return Kind::Boolean;
        if (key == QLatin1String("bit") && bitWidth(type) == 1)
            return Kind::Boolean;
    }
    const unsigned bit = dialectBit(dialect.family());
    const QVector<QRegularExpression> &patterns = strategyPatterns();
    for (int i = 0; i < patterns.size(); ++i)
        if ((kStrategies[i].dialects & bit) && patterns.at(i).match(key).hasMatch())
            return kStrategies[i].kind;
    if (dialect.family() == Family::SQLite)
        return sqliteKind(type);
    if (dialect.family() == Family::DuckDB || dialect.family() == Family::PostgreSQL ||
        dialect.family() == Family::Redshift || dialect.family() == Family::MySQL) {
        // A family name spelled another way ("int", "numeric(10,0)" ...) still counts.
        if (typeFamily(type) != TypeFamily::Other)
            return familyKind(type, Kind::Decimal);
        return std::nullopt;
    }
    return familyKind(type, Kind::Decimal);
}

ColumnMeasure make(Kind kind, const SqlDialect &d)
{
    const QString x = QStringLiteral("%1");
    const QString asText = d.toText(x);
    const bool pg = d.family() == Family::PostgreSQL || d.family() == Family::Redshift;
    ColumnMeasure m;
    m.value = x;
    m.text = asText;
    switch (kind) {
    case Kind::Integer:
    case Kind::Year:
        m.family = TypeFamily::Integral;
        m.order = m.number = x;
        break;
    case Kind::Decimal:
        m.family = TypeFamily::Fractional;
        m.order = m.number = x;
        m.exactDecimal = true;
        break;
    case Kind::Float:
        m.family = TypeFamily::Fractional;
        m.order = m.number = x;
        if (pg) {
            m.number = QStringLiteral("NULLIF(NULLIF(NULLIF(%1, 'NaN'), 'Infinity'), '-Infinity')");
            m.nonFinite = true;
        } else if (d.family() == Family::DuckDB) {
            m.number = QStringLiteral("CASE WHEN isfinite(%1) THEN %1 END");
            m.nonFinite = true;
        }
        break;
    case Kind::Money:
        m.family = TypeFamily::Fractional;
        m.order = m.number = QStringLiteral("CAST(%1 AS NUMERIC)");
        m.text = QStringLiteral("CAST(CAST(%1 AS NUMERIC) AS TEXT)");
        m.exactDecimal = true;
        m.note = Text::tr("money is measured as a plain number, without its currency symbol");
        break;
    case Kind::Text:
        m.family = TypeFamily::String;
        m.order = x;
        m.length = d.length(x);
        m.text = x;
        break;
    case Kind::Binary:
        m.length = pg ? QStringLiteral("OCTET_LENGTH(%1)") : QStringLiteral("LENGTH(%1)");
        if (!pg) // PostgreSQL's text of bytes is already their hex (\x0102)
            m.text = QStringLiteral("HEX(%1)");
        m.note = Text::tr("binary: length in bytes; binary values have no order");
        break;
    case Kind::Boolean:
        m.family = TypeFamily::Boolean;
        break;
    case Kind::Date:
        m.family = TypeFamily::Date;
        m.order = x;
        break;
    case Kind::Time:
        m.family = TypeFamily::Time;
        m.order = x;
        break;
    case Kind::Timestamp:
        m.family = TypeFamily::Timestamp;
        m.order = x;
        break;
    case Kind::Interval:
        m.order = x;
        m.number = QStringLiteral("EXTRACT(EPOCH FROM %1)");
        m.exactDecimal = true;
        m.note = Text::tr("interval: sum, mean, deviation and quantiles in seconds");
        break;
    case Kind::TextOrdered:
        m.family = TypeFamily::String;
        m.order = asText;
        m.note = Text::tr("ordered as text");
        break;
    case Kind::Network:
        m.family = TypeFamily::String;
        m.order = x;
        break;
    case Kind::BitString:
        m.order = asText;
        m.length = QStringLiteral("LENGTH(%1)");
        m.note = Text::tr("bit string: ordered as text, length in bits");
        break;
    case Kind::MySqlBits:
        m.family = TypeFamily::Integral;
        m.value = m.order = m.number = m.row = QStringLiteral("(%1 + 0)");
        m.text = QStringLiteral("CAST(%1 + 0 AS CHAR)");
        m.note = Text::tr("BIT(n) is measured as an unsigned integer");
        break;
    case Kind::Json:
        m.value = asText;
        m.length = d.length(asText);
        m.note = Text::tr("JSON has no order: distinct values and length are of its text");
        break;
    case Kind::JsonB:
        m.length = d.length(asText);
        m.note = Text::tr("JSON has no order: length is of its text");
        break;
    case Kind::Unordered:
        m.value = asText;
        m.note = Text::tr("this type has no order: completeness and distinct values of its text");
        break;
    case Kind::Equatable:
        m.note = Text::tr("this type has no order: completeness and distinct values");
        break;
    case Kind::Array:
        m.order = x;
        m.length = QStringLiteral("CARDINALITY(%1)");
        m.note = Text::tr("array: length is the number of elements");
        break;
    case Kind::Enum:
        m.family = TypeFamily::String;
        m.order = x;
        m.length = d.length(asText);
        if (pg)
            m.note = Text::tr("an enum is ordered as its type declares its labels");
        break;
    case Kind::Geometry:
        m.value = m.text = m.row = QStringLiteral("ST_AsText(%1)");
        m.note = Text::tr("spatial values have no order: distinct values of their WKT text");
        break;
    case Kind::Dynamic:
        m.order = x;
        m.text = x;
        break;
    case Kind::Oid:
        m.family = TypeFamily::Integral;
        m.order = x;
        m.number = QStringLiteral("CAST(CAST(%1 AS TEXT) AS BIGINT)");
        break;
    }
    return m;
}

} // namespace

ColumnMeasure ColumnMeasure::degraded(const SqlDialect &dialect, const QString &reason) const
{
    ColumnMeasure m;
    m.family = family;
    m.text = text.isEmpty() ? dialect.toText(QStringLiteral("%1")) : text;
    if (!completenessOnly && (value != m.text || hasOrder() || hasLength() || hasNumber())) {
        // First step: the value's text only, for distinct and top values.
        m.value = m.text;
        m.note = Text::tr("measured as text only (%1)").arg(reason);
        return m;
    }
    m.completenessOnly = true;
    m.value.clear();
    m.note = Text::tr("completeness only (%1)").arg(reason);
    return m;
}

ColumnMeasure columnMeasure(const SqlDialect &dialect, const QString &declaredType,
                            const QString &baseType)
{
    const std::optional<Kind> kind = kindOf(dialect, declaredType, baseType);
    if (kind) {
        ColumnMeasure m = make(*kind, dialect);
        // MySQL's BIT(1), a boolean, reaches the client as a byte: read rows as 0 or 1.
        if (dialect.family() == Family::MySQL && normalised(declaredType) == QLatin1String("bit"))
            m.row = QStringLiteral("(%1 + 0)");
        return m;
    }
    ColumnMeasure m;
    m.completenessOnly = true;
    m.note = Text::tr("the type “%1” is not one Assay knows how to measure on %2: completeness "
                      "only")
                 .arg(baseType.isEmpty() ? declaredType : baseType, dialect.name());
    return m;
}

} // namespace assay
