#pragma once

#include "connectors/FieldTypes.h"
#include "connectors/SqlDialect.h"

#include <QList>
#include <QString>
#include <QVariantList>

namespace assay {

// What Profile measures of one field: its name and type family decide the aggregates.
struct ProfileColumn
{
    QString name;
    TypeFamily family = TypeFamily::Other;

    bool isNumeric() const
    {
        return family == TypeFamily::Integral || family == TypeFamily::Fractional;
    }
    bool isText() const { return family == TypeFamily::String; }
    // Families whose MIN/MAX every database supports.
    bool hasMinMax() const { return family != TypeFamily::Boolean && family != TypeFamily::Other; }
};

// A SQL statement with its bound values, in placeholder order.
struct BoundSql
{
    QString sql;
    QVariantList values;
};

// The rows a Profile pass reads: a table, optionally filtered on the incremental field
// (`incrementalField > ?`), optionally limited, optionally sampled.
struct ProfileSource
{
    QString schema;
    QString table;
    QString incrementalField; // "" for no filter
    QVariant incrementalAfter;
    qint64 recordLimit = 0;  // 0: all rows
    qint64 tableRecords = 0; // rows pass 1 counted (sizes the sample)
    qint64 sampleTarget = 0; // 0: no sampling; else about this many rows
};

namespace profile_sql {

constexpr int kTopValues = 20;
constexpr qint64 kSampleRows = 100000;

// The FROM expression of the rows to profile (a derived table "src"), its values appended.
QString source(const SqlDialect &dialect, const ProfileSource &source, QVariantList *values);

// Pass 1: one wide aggregate. Columns: COUNT(*), then per field COUNT, MIN, MAX as text,
// then (numeric) SUM, SUM², SUM³, SUM⁴ as doubles, (text) MIN/MAX length, then (when the
// dialect has one) an approximate distinct count. pass1Layout gives the positions.
BoundSql pass1(const SqlDialect &dialect, const ProfileSource &source,
               const QList<ProfileColumn> &columns);

struct Pass1Layout
{
    int count = -1, min = -1, max = -1, sum = -1, minLength = -1, maxLength = -1,
        approxDistinct = -1;
};
QList<Pass1Layout> pass1Layout(const SqlDialect &dialect, const QList<ProfileColumn> &columns);

// Pass 2: one grouped query over the (sampled) rows, the fields unpivoted by a cross join so
// the table is read once. Rows: field index, value as text, count, distinct values of the
// field, rank by count, and (numeric fields) flags 1 where the value is Q1, median, Q3
// (percentile_disc). Only rows ranked ≤ kTopValues or flagged come back.
BoundSql pass2(const SqlDialect &dialect, const ProfileSource &source,
               const QList<ProfileColumn> &columns);

} // namespace profile_sql

} // namespace assay
