#pragma once

#include "app/connectors/FieldTypes.h"
#include "app/connectors/SqlDialect.h"

#include <QString>

namespace assay {

// How Profile measures, and Scan compares, a column of one declared type in one dialect. Each
// figure is an SQL expression over the column (`%1` stands for it), or empty where the type has
// no such figure. Every column is counted (records, nulls); the rest depends on the type:
//   value   grouped and compared for equality: distinct counts and top values. The column as it
//           is where the type has equality, else its text (json, xml, geometric types).
//   order   MIN/MAX: the column where the type has an order, else its text where that order
//           means something (uuid, macaddr, bit strings), else empty.
//   length  characters of text, bytes of binary, elements of an array, characters of JSON text.
//   number  sum, mean, deviation and quantiles: numbers, money as numeric, intervals as seconds.
//   text    the value as text, for display, patterns and lengths in checks.
// A type a dialect does not know is counted only (completeness), with `note` saying why.
struct ColumnMeasure
{
    TypeFamily family = TypeFamily::Other;
    QString value;
    QString order;
    QString length;
    QString number;
    QString text;
    // How the value is fetched when a whole row is read (an anomaly's source record): the
    // column itself, or a form the client can take (MySQL spatial values as WKT, BIT(n) as an
    // integer: Qt's MySQL driver would allocate a GEOMETRY column's 4 GB maximum per row).
    QString row = QStringLiteral("%1");
    // numeric/decimal: exact decimals (see ProfileColumn::exactDecimal).
    bool exactDecimal = false;
    // Floating-point columns where NaN and ±Infinity exist: they are counted and ordered, but
    // kept out of the sum, mean and deviation (which they would make NaN or infinite).
    bool nonFinite = false;
    bool completenessOnly = false;
    // How this type is measured where that is not the plain way, for the user (shown beside
    // the field's figures): "ordered as text", "length is the number of elements"...
    QString note;

    bool hasValue() const { return !value.isEmpty(); }
    bool hasOrder() const { return !order.isEmpty(); }
    bool hasLength() const { return !length.isEmpty(); }
    bool hasNumber() const { return !number.isEmpty(); }

    // The expressions applied to a column expression `x`.
    QString valueOf(const QString &x) const { return value.arg(x); }
    QString orderOf(const QString &x) const { return order.arg(x); }
    QString lengthOf(const QString &x) const { return length.arg(x); }
    QString numberOf(const QString &x) const { return number.arg(x); }
    QString textOf(const QString &x) const { return text.arg(x); }
    QString rowOf(const QString &x) const { return row.arg(x); }

    // The same column measured one step more cautiously, after the database refused this
    // measure: value and order through text, then completeness only. `reason` is the
    // database's words, kept in the note.
    ColumnMeasure degraded(const SqlDialect &dialect, const QString &reason) const;
};

// The measure of a column of `declaredType` in `dialect`. `baseType`, when not empty, is the
// type the values are stored as (a PostgreSQL domain's base type, "enum", "composite", or a
// family inferred from the values of an untyped SQLite column) and decides instead.
ColumnMeasure columnMeasure(const SqlDialect &dialect, const QString &declaredType,
                            const QString &baseType = QString());

} // namespace assay
