// Distribution Shift baselines measured on the rows in scope (measureDistributions): the
// profile names the bins (a category's values, a measure's quartiles), the data gives their
// shares, so the check passes on the rows it was learned from and the same data gives the same
// check.
#include "app/checks/CheckInference.h"
#include "app/checks/RuleNames.h"
#include "app/checks/rules/DistributionShift.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <numeric>

namespace assay::inference {

namespace {

struct InferenceDistributionsText
{
    Q_DECLARE_TR_FUNCTIONS(assay::CheckInference)
};
using Tx = InferenceDistributionsText;
namespace shift = distribution_shift;

// Writes the measured baseline into `check`; false when it is not worth keeping.
bool learn(Check &check, const CheckCount &count)
{
    if (!count.error.isEmpty())
        return false;
    const std::optional<shift::Baseline> proposed =
        shift::readBaseline(check.properties.value(rule_key::kBaseline), nullptr);
    if (!proposed || count.details.size() != proposed->bins())
        return false;
    QList<qint64> counts;
    for (const QString &d : count.details)
        counts << d.toLongLong();
    QJsonObject baseline;
    if (proposed->binned()) {
        // A quartile range no record falls in (a quartile that is the least value) merges with
        // its neighbour: its edge says nothing.
        QJsonArray edges = proposed->edges;
        for (int i = 0; i < counts.size() && counts.size() > 1;) {
            if (counts.at(i) > 0) {
                ++i;
                continue;
            }
            edges.removeAt(i < counts.size() - 1 ? i : i - 1);
            counts.removeAt(i);
        }
        if (counts.size() < 2)
            return false;
        baseline = shift::binnedBaseline(edges, counts);
    } else {
        baseline = shift::categoricalBaseline(proposed->values, counts);
    }
    const auto held = std::count_if(counts.cbegin(), counts.cend(), [](qint64 k) { return k > 0; });
    const qint64 n = std::accumulate(counts.cbegin(), counts.cend(), qint64(0));
    if (held < 2)
        return false;
    // A scan of as many records must be able to tell a shift of the maximum from chance.
    const double maxShift =
        check.properties.value(rule_key::kMaxShift).toDouble(shift::kDefaultMaxShift);
    if (shift::chanceAllowance(int(held) - 1, n, n) > maxShift)
        return false;
    check.properties.insert(rule_key::kBaseline, baseline);
    check.properties.insert(rule_key::kBaselineRecords, double(n));
    const QString field = check.fields.value(0);
    check.description =
        (proposed->binned()
             ? Tx::tr("The shares of %1's quartile ranges stay near those of the %2 records "
                      "read: a shift (population stability index) above %3, plus what chance "
                      "allows, is an anomaly.")
             : Tx::tr("The shares of %1's values stay near those of the %2 records read: a "
                      "shift (population stability index) above %3, plus what chance allows, is "
                      "an anomaly."))
            .arg(field)
            .arg(n)
            .arg(maxShift);
    return true;
}

} // namespace

int measureDistributions(QSqlDatabase db, QList<InferenceCandidate> &candidates,
                         const CheckSqlContext &rows, QString *error)
{
    QList<int> at;
    QList<Check> checks;
    for (int i = 0; i < candidates.size(); ++i) {
        const InferenceCandidate &c = candidates.at(i);
        if (c.measured || c.alternatives.first().rule != rule_name::kDistributionShift)
            continue;
        at << i;
        checks << c.alternatives.first();
    }
    if (checks.isEmpty())
        return 0;
    QString failed;
    const QList<CheckCount> counts = countFailures(db, checks, rows, rows.recordLimit, &failed);
    if (!failed.isEmpty() || counts.size() != checks.size()) {
        if (error)
            *error = failed.isEmpty() ? QStringLiteral("no counts") : failed;
        return 1;
    }
    for (int j = int(at.size()) - 1; j >= 0; --j) {
        InferenceCandidate &c = candidates[at.at(j)];
        if (learn(c.alternatives.first(), counts.at(j)))
            c.measured = true;
        else
            candidates.removeAt(at.at(j));
    }
    return 1;
}

} // namespace assay::inference
