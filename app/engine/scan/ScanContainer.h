#pragma once

#include "app/checks/CheckCompiler.h"
#include "app/connectors/SourceConstraints.h"
#include "models/domain/Check.h"

#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QSqlRecord>
#include <QStringList>
#include <QtNumeric>
#include <functional>

namespace assay {

// What one check measured on one container, with example failing rows.
struct CheckOutcome
{
    Check check;
    CheckForm form = CheckForm::Record;
    CheckCount count;
    QList<QJsonObject> examples; // failing rows, as many as the example query's LIMIT let through
    QString examplesError;       // the example query failed: the count stands, without rows
    // False when the scan of the container stopped before this check (a failed expected
    // schema): it neither passed nor failed, so it raises nothing and resolves nothing.
    bool evaluated = true;
    // The constraint that guaranteed it ("primary key “orders_pkey”"): passed without its
    // values being read; only its asserted records were counted.
    QString guarantee;
    // A check judged against the container's history (volumetric, freshness, metric): the
    // figure measured, the figure judged (it, or its change) and the band it was held against
    // (NaN when none), and the judge's words (app/monitoring/HistoryJudge.h).
    double measured = qQNaN();
    double judged = qQNaN();
    double expectedLow = qQNaN();
    double expectedHigh = qQNaN();
    QString judgement;
};

// What reading one container found. Reading writes nothing anywhere: the caller records it
// (Catalog, enrichment) only once the container is read whole.
struct ContainerFindings
{
    QString error;              // a statement failed: the database's words
    bool schemaAborted = false; // an expectedSchema check failed: nothing else was evaluated
    QStringList liveColumns;
    // The column that names a row's partition (a file container's file), when the source adds
    // one: record anomalies are of that partition.
    QString partitionColumn;
    qint64 records = 0;    // rows read (after the record limit and incremental scope)
    QString highWaterMark; // MAX(incremental field) as text, "" when none
    int queries = 0;
    int tablePasses = 0;
    QList<CheckOutcome> outcomes; // one per check, in the order given
};

// Reads one container for a set of checks: schema checks against the live columns first (a
// failed expectedSchema stops there; a failed fieldCount is an ordinary shape anomaly), then ONE
// aggregate pass for every record and aggregate check (plus MAX of the incremental field), one
// grouped pass per unique check, then example queries bounded by LIMIT for the failing checks
// only.
class ContainerScanner
{
public:
    struct Limits
    {
        int rollupThreshold = 10;      // record anomalies per check before rolling up
        qint64 sourceRecordLimit = 10; // example rows per rolled-up / shape anomaly
        QString incrementalField;      // "" for none: MAX(field) is read for the mark
    };

    ContainerScanner(QSqlDatabase db, CheckSqlContext context, Limits limits,
                     std::function<bool()> cancelled);

    // `context.fieldTypes` is narrowed to the live columns before compiling. `constraints` are
    // the table's, read from the database just before: a check one of them guarantees is
    // counted as passed without its values being read (constraintGuarantee).
    ContainerFindings scan(const QList<Check> &checks,
                           const QList<SourceConstraint> &constraints = {});

    // How many example rows a failing check needs: all of them up to the rollup threshold,
    // else the source example limit.
    static qint64 exampleLimit(const Check &check, const CheckCount &count, const Limits &limits);

private:
    bool examples(CheckOutcome &outcome, const CompiledCheck &compiled, ContainerFindings &out);
    // The failing records of several Record checks that each need all of theirs, from ONE
    // read of the rows failing any of them (the outcomes at `which`). False, with out.error
    // set and no outcome touched, when that read fails.
    bool examplesTogether(const QList<int> &which, const QList<CompiledCheck> &compiled,
                          ContainerFindings &out);
    // The count pass failed: sets aside (with their errors) the checks that make it fail.
    void isolateFailingChecks(const QList<Check> &checks, QList<CompiledCheck> &compiled,
                              const CountPass &pass, const QList<SqlFragment> &extra,
                              ContainerFindings &out);

    QSqlDatabase m_db;
    CheckSqlContext m_context;
    Limits m_limits;
    std::function<bool()> m_cancelled;
};

// A source row as JSON: numbers, text, booleans, null; dates and times as ISO text; bytes as
// base64.
// `names`, when it has one name per column, replaces the driver's column names (QSQLITE
// strips double quotes from them).
QJsonObject rowToJson(const QSqlRecord &record, const QStringList &names = {});

} // namespace assay
