#pragma once

#include "app/checks/CheckCompiler.h"
#include "models/domain/Check.h"
#include "models/domain/Container.h"
#include "models/domain/FieldProfile.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>

// Check inference (reference spec 2.5): from a container's field profiles, propose the checks
// its data satisfies, then test every proposal against the data before it is kept.
namespace assay {

// What inference reads of one container.
struct InferenceSubject
{
    Container container;
    QList<Field> fields;          // not removed, by ordinal
    QList<FieldProfile> profiles; // the latest profile of (some of) those fields
};

// One proposal. Its alternatives are tried in order against the data and the first one no
// record fails is kept (pairs of fields: equal, greater, greater or equal...; patterns: exact
// lengths, then any length). When none holds and the candidate is shapeable (inference level
// 5), the alternative the data satisfies best becomes a shape check: coverage a little below
// the share of records that pass it.
struct InferenceCandidate
{
    QList<Check> alternatives;
    bool shapeable = false;
    // Measured on every row in scope (measureTimeDistributions, measureValueLists,
    // measureDistributions): kept as it is, not tested again on the holdout sample (whose counts
    // are a fraction of the real ones).
    bool measured = false;
    // An Expected Values proposal whose list measureValueLists reads from every row in scope:
    // a sample's top values miss rare ones and change from run to run.
    bool listsValues = false;
    qint64 nonNull = 0;        // the field's non-null records, for the list's share (listsValues)
    qint64 distinctValues = 0; // the profile's count of them (listsValues)
};

struct InferenceSettings
{
    int level = 2; // 0..5; each level includes the rules of the levels below it
};

namespace inference {

// A shape check is kept only when at least this share of the records passes it.
constexpr double kMinShapeCoverage = 0.8;
// Fields with more distinct values than this never get an Expected Values list; up to
// kMaxLevel1Values the list is a level-1 check, beyond it level 2.
constexpr int kMaxExpectedValues = 300;
constexpr int kMaxLevel1Values = 20;
// A list is learned only when each value has this many records on average: a category, not a
// name.
constexpr int kRecordsPerListedValue = 4;
// Too few values to learn from: below this many non-null values a field gets only the
// completeness rules (notNull, anyNotNull).
constexpr qint64 kMinEvidence = 10;

// Levels 1, 2, 3 and 5: rules over one container's own fields, from its profiles alone.
QList<InferenceCandidate> proposeChecks(const InferenceSubject &subject,
                                        const InferenceSettings &settings);

// The spellings a container's name takes inside a field name: "customers" -> customers,
// customer; "categories" -> categories, category (lower case, schema prefix dropped).
QStringList containerStems(const QString &containerName);

// Whether `other` may be the container a field of `subject` refers to (by name: customer_id
// -> customers.id, order_id -> orders.order_id; or the same key in live and archived
// containers), so its profiles are worth reading for level 4.
bool mayReference(const InferenceSubject &subject, const Container &other,
                  const QList<Field> &otherFields);

// Level 4: existsIn (a field whose values all appear in another container's key) and
// notExistsIn (two containers of the same kind keyed by the same field that never share a
// key), within the datastore. `others` carry their latest profiles.
QList<InferenceCandidate> proposeReferences(const InferenceSubject &subject,
                                            const QList<InferenceSubject> &others,
                                            const InferenceSettings &settings);

// Level 3's Time Distribution Size proposals come without bounds: one grouped query per field
// over the rows `everyRow` reads counts the records of each period, and the bound is one and a
// half times the most (no fewest: the latest period of a growing table is still filling). A
// field with fewer than three periods, or fewer than kMinEvidence records a period, is
// dropped. Returns the statements run; `error` is set when one fails.
int measureTimeDistributions(QSqlDatabase db, QList<InferenceCandidate> &candidates,
                             const CheckSqlContext &everyRow, QString *error);

// Reads the list of every Expected Values proposal (InferenceCandidate::listsValues): one grouped
// query per field over the rows `rows` reads (every row in scope, or a seeded sample of a large
// table), the values ordered by count then value so the same data always gives the same list.
// A field is listed only when it has at most kMaxExpectedValues values, kRecordsPerListedValue
// records per value, and no value seen once (by Good and Turing's estimate, the share of records
// a fresh draw gives a value not yet seen is the share of values seen once); from a sample, also
// only when the profile's distinct count finds no value the sample missed. More than
// kMaxLevel1Values values holding digits are codes that grow (products, postcodes), not
// categories. Otherwise, at level 5, the most frequent values that make up 90% of the records
// become a shape; else the proposal is dropped. Returns the statements run; `error` is set when
// one fails.
int measureValueLists(QSqlDatabase db, QList<InferenceCandidate> &candidates,
                      const CheckSqlContext &rows, QString *error);

// Measures the baseline of every Distribution Shift proposal (level 5) in one aggregate pass over
// the rows `rows` reads (every row in scope, or the holdout's seeded sample of a large table):
// the check itself counts the records of its bins, whose shares (rounded, so the same data gives
// the same check) and number become its baseline. Empty quartile ranges merge with a
// neighbour. A proposal is dropped when fewer than two bins hold records, or when its records
// are too few for a scan as large to tell the shift it watches for from chance (its allowance
// for chance would exceed its maximum shift). Returns the statements run; `error` is set when
// the pass fails.
int measureDistributions(QSqlDatabase db, QList<InferenceCandidate> &candidates,
                         const CheckSqlContext &rows, QString *error);

// What testing the candidates against the data kept.
struct HoldoutResult
{
    QList<Check> checks; // coverage 1 unless a shape was allowed
    int dropped = 0;     // candidates the data did not satisfy well enough
    int queries = 0;     // statements run
    QString error;       // the test query failed: nothing was kept
};

// Runs every alternative of every candidate through countFailures (one aggregate query, plus
// one grouped query per multi-field unique check, or per unique check unless the context has
// uniqueInAggregatePass) over the rows `context` reads (the profile's rows, or a holdout sample
// of them), and keeps per candidate the first alternative no record fails (or a shape, see
// InferenceCandidate).
HoldoutResult testCandidates(QSqlDatabase db, const QList<InferenceCandidate> &candidates,
                             const CheckSqlContext &context);

// The statements countFailures runs for these checks.
int countQueries(const QList<Check> &checks, const CheckSqlContext &context);

// The coverage of a shape check the data passes at `passRatio` (0..1): a step of 5% below it
// (0.97 -> 0.95), or 0 when that falls under kMinShapeCoverage.
double shapeCoverage(double passRatio);

} // namespace inference

} // namespace assay
