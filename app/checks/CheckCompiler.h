#pragma once

#include "app/connectors/ColumnMeasures.h"
#include "app/connectors/FieldTypes.h"
#include "app/connectors/SqlDialect.h"
#include "models/domain/Check.h"
#include "models/domain/Container.h"

#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <QVariantList>
#include <functional>

namespace assay {

// A piece of SQL and the values bound to its `?` placeholders, in order. Values are never
// spliced into `sql` (displaySql() inlines them for reading only).
struct SqlFragment
{
    QString sql;
    QVariantList values;

    bool isEmpty() const { return sql.isEmpty(); }
};

// A random sample of the rows in scope: Profile's sampled pass and the inference holdout read
// one instead of every row. Applied after the scope and the record limit, so it samples the
// rows the operation reads.
struct RowSample
{
    qint64 rows = 0;       // about this many rows; 0: no sampling
    qint64 population = 0; // rows in scope (pass 1's count), which sizes the fraction
    // SQLite rowid tables: the rowid range and an unshadowed name for the rowid ("rowid",
    // "_rowid_" or "oid"), to sample by key lookups instead of reading the whole table.
    QString rowidName;
    qint64 firstRowid = 0;
    qint64 lastRowid = -1;
    // PostgreSQL: whole pages (TABLESAMPLE SYSTEM) instead of rows (BERNOULLI). It reads only
    // the pages drawn, but their rows are neighbours: good enough to test checks on, too
    // clustered for quartiles of ordered data.
    bool pages = false;
    // Whether the relation accepts TABLESAMPLE (PostgreSQL tables, partitioned tables and
    // materialized views do; views and foreign tables do not, and are sampled row by row with
    // a random predicate instead).
    bool tableSample = true;
    // A relation that already holds a uniform sample of the rows in scope, whose first rows are
    // a sample of their own (the file engine keeps one while it reads every record): read
    // instead of the container when the rows in scope are all of them.
    QString relation;

    bool active() const { return rows > 0 && population > rows; }
};

// Everything the compiler needs to know about the container a check runs on.
struct CheckSqlContext
{
    SqlDialect dialect = SqlDialect::forFamily(SqlDialect::Family::SQLite);
    QString schema;
    QString table;
    QHash<QString, TypeFamily> fieldTypes; // the container's fields and their families
    // How each field's values read in this dialect (as text, as a number: a money column's
    // number is its numeric value); a field without one is used as it is.
    QHash<QString, ColumnMeasure> fieldMeasures;
    // Columns the source adds to each row that are not fields (a file's name and line): part
    // of the rows a check reads and shows, never of the container's schema.
    QStringList systemColumns;
    // The container's live columns, in order, when known: rows read whole (failing records)
    // name them one by one wherever a column needs a form of its own (ColumnMeasure::row);
    // else `*`.
    QStringList rowColumns;

    // The select list of a whole row of `alias`: "alias.*", or each live column in the form
    // the client can read.
    QString rowSelect(const QString &alias) const
    {
        QStringList items;
        bool plain = true;
        for (const QString &c : rowColumns) {
            const auto it = fieldMeasures.constFind(c);
            const QString column = alias + QLatin1Char('.') + dialect.quote(c);
            if (it != fieldMeasures.constEnd() && it->row != QLatin1String("%1")) {
                plain = false;
                items << QStringLiteral("%1 AS %2").arg(it->rowOf(column), dialect.quote(c));
            } else {
                items << column;
            }
        }
        return plain ? alias + QStringLiteral(".*") : items.join(QStringLiteral(", "));
    }
    QHash<QString, QString> variables; // check variables, for {{name}} in filters
    // The table name of another container of the same datastore (same schema), for
    // existsIn / notExistsIn; empty when unknown.
    std::function<QString(qint64 containerId)> referenceTable;

    // Which rows are read (Scan: incremental, record limit). Empty / 0: every row.
    SqlFragment rowScope;   // a boolean over the table, e.g. "inc" > ?
    QString orderField;     // with recordLimit: read the first rows by this field
    qint64 recordLimit = 0; // 0: all
    RowSample sample;       // inactive: every row in scope
    // Inference's holdout only asks whether a check fails at all: a single-field `unique` is
    // then counted in the one aggregate pass (COUNT(DISTINCT) against the count) instead of a
    // grouped pass of its own. Its `failing` is then the records beyond each value's first.
    bool uniqueInAggregatePass = false;

    // The container's fields that are not removed: their families and measures, in `dialect`
    // (set the dialect first).
    void setFields(const QList<Field> &fields)
    {
        fieldTypes.clear();
        fieldMeasures.clear();
        for (const Field &f : fields) {
            if (f.removed)
                continue;
            const ColumnMeasure m = columnMeasure(dialect, f.declaredType, f.baseType);
            fieldTypes.insert(f.name, m.family);
            fieldMeasures.insert(f.name, m);
        }
    }
};

// How a check is evaluated.
enum class CheckForm {
    Record,    // a per-record predicate counted in the one aggregate pass (most rules)
    Aggregate, // one figure over the asserted records, in the same pass (distinctCount, sum,
               // requiredValues, minPartitionSize)
    Grouped,   // its own grouped pass (unique): records whose value repeats fail
    Schema,    // evaluated from the live column list (expectedSchema, fieldCount)
    History    // judged against the container's own history after the pass (volumetric,
               // freshness: app/monitoring); no SQL of its own in the pass
};

// A check compiled for one dialect and container.
//
// Nulls: a record is asserted when it matches the filter and (for every rule but notNull and
// anyNotNull) its checked fields are not null; a null value is therefore never a failure
// except for notNull / anyNotNull. An asserted record whose predicate evaluates to NULL
// (e.g. a SQLite date that does not parse) counts as failing.
struct CompiledCheck
{
    QString error; // non-empty: the check cannot run here, and why (unknown variable...)
    // The error is that a field is of a type the rule does not take (its type changed since the
    // check was made): the check does not apply, which is not a failure of the container.
    bool notApplicable = false;
    CheckForm form = CheckForm::Record;
    SqlFragment asserted; // boolean: the record is asserted
    SqlFragment passing;  // boolean: an asserted record passes (Record and Grouped forms)
    SqlFragment failing;  // boolean: asserted and not passing (null-safe), for WHERE clauses
    // Aggregate form: select-list items computed in the one pass; read by countFailures /
    // readCountRow. Grouped form: the full statement returning (asserted, failing).
    QList<SqlFragment> aggregates;
    SqlFragment groupedCount;
    // Failing records, whole rows (`SELECT * ...`, no limit): what record anomalies show.
    // Empty for rules whose anomalies are shapes only.
    SqlFragment failingRecords;
    // The constraint that guarantees the check (see constraintGuarantee): then only its
    // asserted records are counted, in the one pass, and none can fail.
    QString guarantee;

    bool ok() const { return error.isEmpty(); }
    // Turns the check into a guaranteed one: a Record form with nothing to fail.
    void guaranteedBy(const QString &constraint)
    {
        form = CheckForm::Record;
        guarantee = constraint;
        passing = SqlFragment{QStringLiteral("1=1"), {}};
        failing = SqlFragment{QStringLiteral("1=0"), {}};
        aggregates.clear();
        groupedCount = SqlFragment();
        failingRecords = SqlFragment();
    }
};

CompiledCheck compileCheck(const Check &check, const CheckSqlContext &context);

// Readable SQL with the values inlined, for a "Show SQL" view: the failing-record query of a
// record rule, the aggregate of an aggregate rule, the column query of a schema rule; or a
// comment with the compile error.
QString displaySql(const Check &check, const CheckSqlContext &context);

// The FROM item of the rows read, named `alias`: the quoted table, or a derived table applying
// context.rowScope / orderField / recordLimit, then context.sample (RowSampling.cpp).
SqlFragment sourceRelation(const CheckSqlContext &context,
                           const QString &alias = QStringLiteral("src"));

// Whether reading sourceRelation(context) visits every row in scope (a table pass): false only
// for a sample read by rowid or by pages.
bool readsEveryRow(const CheckSqlContext &context);

// How sourceRelation(context) samples, in words a user reads beside the figures ("TABLESAMPLE
// BERNOULLI", "rowid draws", "random predicate", "reservoir", "first rows"); empty when it
// reads every row in scope.
QString samplingMethod(const CheckSqlContext &context);

// A SQLite rowid table's rowid range (an indexed MIN/MAX), so that a RowSample of it reads
// rows by key instead of the whole table. Without one (other databases, views, WITHOUT ROWID
// tables, every rowid alias shadowed by a column in `columns`) rowidName stays empty.
RowSample rowidRange(QSqlDatabase db, const CheckSqlContext &context, const QStringList &columns);

// What one check measured.
struct CheckCount
{
    qint64 asserted = 0;        // records asserted
    qint64 failing = 0;         // of those, records failing (aggregate rules: all asserted when the
                                // figure fails, 0 otherwise)
    QString error;              // the check could not be evaluated
    bool notApplicable = false; // ... because a field's type no longer suits the rule
    bool passed = true;         // coverage applied: failing / asserted <= 1 - coverage; aggregate
                                // and schema rules: the figure holds
    QVariant observed;   // aggregate rules: the measured figure (distinct count, sum, records)
    QStringList details; // requiredValues: missing values; schema: missing / unexpected fields
};

// The one aggregate pass over a container for several checks (Record and Aggregate forms):
// COUNT(*), then per check its columns, then `extraColumns` (e.g. MAX of the incremental
// field). Checks of the other forms, or with errors, take no column.
struct CountPass
{
    SqlFragment query;
    QList<int> firstColumn;   // per check, -1 when not in this pass (Record: its asserted count,
                              // shared by checks with the same asserted predicate)
    QList<int> failingColumn; // per check, Record form: its failing count; else -1
    int extraColumn = -1;     // index of the first extra column
    int columnCount = 0;
};
CountPass buildCountPass(const QList<Check> &checks, const QList<CompiledCheck> &compiled,
                         const CheckSqlContext &context,
                         const QList<SqlFragment> &extraColumns = {});
// Reads one check's figures from the pass's result row (all columns, in order).
CheckCount readCountRow(const CountPass &pass, int checkIndex, const Check &check,
                        const CompiledCheck &compiled, const QVariantList &row);
// The outcome of a schema rule against the live columns.
CheckCount evaluateSchema(const Check &check, const QStringList &liveColumns);
// The outcome of a grouped rule from its row: asserted, failing (and, for
// timeDistributionSize, the periods out of bounds, as `observed`).
CheckCount groupedCount(const Check &check, const QSqlQuery &row);
// Whether `failing` of `asserted` records is within the check's coverage.
bool withinCoverage(const Check &check, qint64 asserted, qint64 failing);

// The container's live column names (`SELECT * ... WHERE 1=0`).
QStringList liveColumns(QSqlDatabase db, const CheckSqlContext &context, QString *error);

// `scope` (a row filter, maybe empty) that keeps no row: a statement over it is planned, and
// refused, like the real one, and reads nothing.
SqlFragment noRows(const SqlFragment &scope);

// Whether the connection still answers a trivial query: when it does not, a failed statement
// is no check's or column's fault.
bool answers(QSqlDatabase db);

// Runs `sql` with its values bound. False with `error` (the database's text) on failure.
bool execFragment(QSqlQuery &query, const SqlFragment &sql, QString *error);

// Counts asserted and failing records of every check in ONE aggregate query (plus one grouped
// query per unique check, and one column query when schema rules are present). `recordLimit`
// (0 = all) overrides context.recordLimit. A check that does not compile gets its error in its
// CheckCount; `error` is set when the query itself fails (then the list is empty).
QList<CheckCount> countFailures(QSqlDatabase db, const QList<Check> &checks,
                                const CheckSqlContext &context, qint64 recordLimit, QString *error);

} // namespace assay
