#include "app/checks/CheckInference.h"
#include "app/checks/RuleNames.h"

#include <QCoreApplication>
#include <cmath>

// Testing proposals against the data they were learned from: a check that would fire on it is
// dropped, or (level 5) kept as a shape the data meets.
namespace assay::inference {

namespace {

// Each record check takes two columns of the count query: PostgreSQL allows 1664 result
// columns and SQLite 2000, so a wide container's proposals are counted in several queries.
constexpr int kMaxChecksPerQuery = 300;

// Keeps, per candidate, the first alternative no record fails, or a shape (see
// InferenceCandidate); `counts` follow the candidates' alternatives in order.
void choose(const QList<InferenceCandidate> &candidates, const QList<CheckCount> &counts,
            HoldoutResult &result)
{
    int at = 0;
    for (const InferenceCandidate &c : candidates) {
        std::optional<Check> kept;
        const Check *best = nullptr;
        double bestRatio = -1;
        for (const Check &alternative : c.alternatives) {
            const CheckCount &count = counts.at(at++);
            // No record asserted: nothing learned either way.
            if (!count.error.isEmpty() || count.asserted <= 0)
                continue;
            if (count.failing == 0 && !kept)
                kept = alternative;
            const double ratio = 1.0 - double(count.failing) / double(count.asserted);
            if (ratio > bestRatio) {
                bestRatio = ratio;
                best = &alternative;
            }
        }
        if (!kept && c.shapeable && best) {
            const double coverage = shapeCoverage(bestRatio);
            if (coverage > 0) {
                kept = *best;
                kept->coverage = coverage;
                kept->inferenceLevel = 5;
            }
        }
        if (kept)
            result.checks << *kept;
        else
            ++result.dropped;
    }
}

} // namespace

int countQueries(const QList<Check> &checks, const CheckSqlContext &context)
{
    bool pass = false, schema = false;
    int grouped = 0;
    for (const Check &c : checks) {
        const CompiledCheck compiled = compileCheck(c, context);
        if (!compiled.ok())
            continue;
        pass = pass || compiled.form == CheckForm::Record || compiled.form == CheckForm::Aggregate;
        schema = schema || compiled.form == CheckForm::Schema;
        if (compiled.form == CheckForm::Grouped)
            ++grouped;
    }
    return (pass ? 1 : 0) + (schema ? 1 : 0) + grouped;
}

HoldoutResult testCandidates(QSqlDatabase db, const QList<InferenceCandidate> &candidates,
                             const CheckSqlContext &context)
{
    HoldoutResult result;
    for (int first = 0; first < candidates.size();) {
        // A batch of whole candidates (their alternatives are compared with each other).
        QList<InferenceCandidate> batch;
        QList<Check> checks;
        for (; first < candidates.size(); ++first) {
            const InferenceCandidate &c = candidates.at(first);
            if (c.measured) { // holds on every row by construction
                result.checks << c.alternatives.first();
                continue;
            }
            if (!batch.isEmpty() && checks.size() + c.alternatives.size() > kMaxChecksPerQuery)
                break;
            batch << c;
            checks << c.alternatives;
        }
        if (checks.isEmpty())
            continue;
        result.queries += countQueries(checks, context);
        QString error;
        const QList<CheckCount> counts =
            countFailures(db, checks, context, context.recordLimit, &error);
        if (!error.isEmpty() || counts.size() != checks.size()) {
            result.error = error.isEmpty() ? QStringLiteral("no counts") : error;
            result.checks.clear();
            return result;
        }
        choose(batch, counts, result);
    }
    return result;
}

int measureTimeDistributions(QSqlDatabase db, QList<InferenceCandidate> &candidates,
                             const CheckSqlContext &everyRow, QString *error)
{
    int queries = 0;
    for (int i = candidates.size() - 1; i >= 0; --i) {
        InferenceCandidate &c = candidates[i];
        Check &check = c.alternatives.first();
        if (check.rule != rule_name::kTimeDistributionSize || c.measured)
            continue;
        const QString bucket =
            everyRow.dialect.timeBucket(everyRow.dialect.quote(check.fields.value(0)),
                                        check.properties.value(rule_key::kIntervalName).toString());
        if (bucket.isEmpty()) {
            candidates.removeAt(i);
            continue;
        }
        const SqlFragment rows = sourceRelation(everyRow);
        const SqlFragment sql{
            QStringLiteral("SELECT MIN(n), MAX(n), COUNT(*) FROM (SELECT "
                           "COUNT(*) AS n FROM %1 WHERE %2 IS NOT NULL GROUP "
                           "BY %3) assay_periods")
                .arg(rows.sql, everyRow.dialect.quote(check.fields.value(0)), bucket),
            rows.values};
        QSqlQuery q(db);
        ++queries;
        if (!execFragment(q, sql, error) || !q.next())
            return queries;
        const qint64 most = q.value(1).toLongLong(), periods = q.value(2).toLongLong();
        if (periods < 3 || most < kMinEvidence) {
            candidates.removeAt(i);
            continue;
        }
        // No fewest: the latest period is still filling (a table that grows by a few records
        // has a small last period), and a drop in volume is what volume monitoring watches.
        // Half as many again, and room for chance in small counts (a fresh draw of a period of
        // about n records varies by some sqrt(n)).
        const qint64 bound = (most * 3 + 1) / 2 + 2 * qint64(std::ceil(std::sqrt(double(most))));
        check.properties.insert(rule_key::kMaxSize, double(bound));
        check.description =
            QCoreApplication::translate("assay::CheckInference",
                                        "Each %1 period of %2 holds at most %3 records: half as "
                                        "many again as the fullest period read (%4), with room "
                                        "for chance.")
                .arg(check.properties.value(rule_key::kIntervalName).toString().toLower(),
                     check.fields.value(0))
                .arg(bound)
                .arg(most);
        c.measured = true;
    }
    return queries;
}

} // namespace assay::inference
