#pragma once

#include "app/checks/CheckCompiler.h"
#include "app/connectors/ColumnMeasures.h"
#include "app/connectors/FieldTypes.h"
#include "app/connectors/SqlDialect.h"
#include "models/domain/FieldProfile.h"

#include <QJsonArray>
#include <QList>
#include <QString>
#include <QVariantList>
#include <QVector>

class QSqlDatabase;
class QSqlQuery;

namespace assay {

// What Profile measures of one field: its name, and its type's measure (ColumnMeasures.h),
// which decides the aggregates: what is counted, ordered, measured as a length, summed.
struct ProfileColumn
{
    QString name;
    ColumnMeasure measure;
    // Floating-point columns holding NaN or ±Infinity: the range of their finite values
    // (pass 1), which pass 2's equal-width value ranges span.
    std::optional<double> finiteMin, finiteMax;

    static ProfileColumn of(const SqlDialect &dialect, const QString &name,
                            const QString &declaredType, const QString &baseType = QString())
    {
        return {name, columnMeasure(dialect, declaredType, baseType), {}, {}};
    }

    TypeFamily family() const { return measure.family; }
    // numeric/decimal: exact decimals. PostgreSQL's VAR_POP over them is arbitrary-precision
    // arithmetic per row (a sixth of the whole first pass for five such columns of twenty), and
    // converting them to doubles costs more still: their deviation comes from the second pass
    // (every record up to its sample size, else the sample, marked approximate).
    bool exactDecimal() const { return measure.exactDecimal; }
    bool isNumeric() const { return measure.hasNumber(); }
    // Text whose values are read as they are: lengths, and the type its values look like.
    bool isText() const { return measure.family == TypeFamily::String; }
    // Text compared as text in the database (PostgreSQL may then order ties by bytes).
    bool isNativeText() const
    {
        return isText() && measure.text == QLatin1String("%1") &&
               measure.value == QLatin1String("%1");
    }
    bool hasMinMax() const { return measure.hasOrder(); }
    // Whether pass 2 groups its values (not for columns measured for completeness only).
    bool inPass2() const { return measure.hasValue(); }
};

// A SQL statement with its bound values, in placeholder order.
using BoundSql = SqlFragment;

// The rows a Profile pass reads: a table, optionally filtered on the incremental field
// (`rowScope`), optionally limited, and (pass 2) sampled among those rows.
struct ProfileSource
{
    QString schema;
    QString table;
    SqlFragment rowScope;   // e.g. `"updated" > ?`; empty for every row
    qint64 recordLimit = 0; // 0: all rows
    RowSample sample;       // pass 2: about kSampleRows of the rows pass 1 counted
    bool logarithm = true;  // the database has LN() (entropy); SQLite builds may lack it
};

namespace profile_sql {

constexpr int kTopValues = 20;
// Pass 2 reads about this many rows of a larger table. Top values, quantiles, skewness,
// kurtosis, entropy and (without an approximate function) distinct counts come from it and
// are marked approximate; pass 1's figures are exact.
constexpr qint64 kSampleRows = 10000;
// Numeric fields: equal-width buckets between min and max.
constexpr int kBuckets = 10;

// Whether the database computes LN() (for entropy): SQLite builds without its math functions
// (Qt's bundled SQLite) do not. Asks SQLite once; every other family has it.
bool hasLogarithm(const QSqlDatabase &db, const SqlDialect &dialect);

// The rows a pass reads, as the check compiler's row context (scope, limit, sample).
CheckSqlContext rowsOf(const SqlDialect &dialect, const ProfileSource &source);

// The FROM expression of the rows to profile (a derived table "src"), its values appended.
QString source(const SqlDialect &dialect, const ProfileSource &source, QVariantList *values);

// Pass 1: one wide aggregate. Columns: COUNT(*), then per field COUNT, MIN and MAX as text,
// (numeric) SUM and the population variance (or, where the database has no VAR_POP, the sum of
// squares), (text) MIN/MAX length, then (when the dialect has one) an approximate distinct
// count, and (numeric fields, where it has one) approximate quartiles. With `sketches` (SQLite,
// sqlite_profile::install succeeded) one assay_profile() per field instead, which also gives exact
// skewness and kurtosis and a distinct estimate. pass1Layout gives the positions.
BoundSql pass1(const SqlDialect &dialect, const ProfileSource &source,
               const QList<ProfileColumn> &columns, bool sketches = false);

struct Pass1Layout
{
    int count = -1, min = -1, max = -1, sum = -1, spread = -1, minLength = -1, maxLength = -1,
        approxDistinct = -1, sketch = -1;
    // Columns whose number differs from their value (NaN and ±Infinity kept out): how many
    // values are numbers, and the least and greatest of them.
    int numberCount = -1, numberMin = -1, numberMax = -1;
    int quartiles = -1; // Q1, median, Q3 from the database's approximate percentile, in a row
    bool spreadIsVariance = true; // false: `spread` is the sum of squares
};
QList<Pass1Layout> pass1Layout(const SqlDialect &dialect, const QList<ProfileColumn> &columns,
                               bool sketches = false);

// Fills completeness, min, max, sum, mean, standard deviation, lengths and approximate distinct
// counts (and, from sketches, skewness and kurtosis) of `profiles` (one per column, in order)
// from pass 1's row. Returns COUNT(*).
qint64 readPass1(const QSqlQuery &row, const SqlDialect &dialect, QList<ProfileColumn> &columns,
                 QList<FieldProfile> &profiles, bool sketches = false);

// Pass 2 (ProfileSampledPass.cpp): one grouped query over the (sampled) rows, read once. Rows:
// field index, value as text, count, distinct values in the rows read, rank by count, flags 1
// where the value is Q1, median, Q3; per field: values seen once, the non-null count read,
// Σc·z, Σc·z², Σc·z³, Σc·z⁴ (numeric fields, z standardised by pass 1's mean and deviation) and
// Σc·ln c (entropy); then an equal-width bucket index and that bucket's count. Value rows come
// back when ranked ≤ kTopValues or flagged; rows of rank -1 carry only a bucket, a row of rank
// 0 only the field's figures (else the first value row carries them).
// `profiles` carries pass 1's exact mean, deviation, min and max of each field.
BoundSql pass2(const SqlDialect &dialect, const ProfileSource &source,
               const QList<ProfileColumn> &columns, const QList<FieldProfile> &profiles);

// About how many records the table holds, without reading it: the database's own statistics
// (PostgreSQL's reltuples, MySQL's TABLE_ROWS) or, on SQLite, the span of `keys`' rowids.
// For a record-limited profile, which counted only the records it read. nullopt when the
// database keeps no such figure.
std::optional<qint64> tableRecordsEstimate(const QSqlDatabase &db, const SqlDialect &dialect,
                                           const QString &schema, const QString &table,
                                           const RowSample &keys);

// Whether pass 1 measures the column's deviation (else pass 2 does: see exactDecimal).
bool deviationInPass1(const SqlDialect &dialect, const ProfileColumn &column);

// The unit pass 2 standardises a numeric field's values by (z = (x - mean) / unit): pass 1's
// deviation, else its range, else 1; `p` carries pass 1's figures.
double zUnit(const FieldProfile *p);

// Below 1e-9 a skewness or kurtosis is rounding noise of a symmetric (or flat) distribution: 0.
double cleanMoment(double x);

// Reads pass 2's rows into the profiles: histogram (with ratios), quantiles, skewness and
// kurtosis (unless pass 1 measured them), entropy, distinct counts (estimated from the sample
// when it is one) and the inferred type of text fields.
class Pass2Reader
{
public:
    Pass2Reader(const QList<ProfileColumn> &columns, QList<FieldProfile> &profiles, bool sampled);
    void add(const QSqlQuery &row);
    void finish();

private:
    struct FieldSums
    {
        qint64 distinct = 0, once = 0, total = 0;
        double s1 = 0, s2 = 0, s3 = 0, s4 = 0, cLogC = 0;
        bool seen = false, hasLog = false;
        QStringList topValues;
        QVector<qint64> buckets; // kBuckets counts, numeric fields
    };
    const QList<ProfileColumn> &m_columns;
    QList<FieldProfile> &m_profiles;
    bool m_sampled;
    QVector<FieldSums> m_sums;
    QVector<bool> m_quartilesFromPass1;
};

} // namespace profile_sql

} // namespace assay
