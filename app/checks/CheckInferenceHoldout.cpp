#include "checks/CheckInference.h"

// Testing proposals against the data they were learned from: a check that would fire on it is
// dropped, or (level 5) kept as a shape the data meets.
namespace assay::inference {

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
                             const CheckSqlContext &context, qint64 recordLimit)
{
    HoldoutResult result;
    QList<Check> all;
    for (const InferenceCandidate &c : candidates)
        all << c.alternatives;
    if (all.isEmpty())
        return result;
    result.queries = countQueries(all, context);
    QString error;
    const QList<CheckCount> counts = countFailures(db, all, context, recordLimit, &error);
    if (!error.isEmpty() || counts.size() != all.size()) {
        result.error = error.isEmpty() ? QStringLiteral("no counts") : error;
        return result;
    }
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
    return result;
}

} // namespace assay::inference
