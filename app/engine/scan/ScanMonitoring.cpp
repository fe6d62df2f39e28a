#include "app/engine/scan/ScanMonitoring.h"

#include "app/checks/RuleNames.h"
#include "app/monitoring/HistoryJudge.h"
#include "models/catalog/Catalog.h"

namespace assay {

namespace {

void apply(const monitoring::Judgement &j, qint64 records, CheckOutcome &o)
{
    o.count.asserted = j.asserted ? records : 0;
    o.count.passed = !j.asserted || j.passed;
    o.count.failing = o.count.passed ? 0 : o.count.asserted;
    o.count.observed = qIsFinite(j.observed) ? QVariant(j.observed) : QVariant();
    o.count.details = QStringList{j.text};
    o.measured = j.measured;
    o.judged = j.observed;
    o.expectedLow = j.expectedLow;
    o.expectedHigh = j.expectedHigh;
    o.judgement = j.text;
}

} // namespace

void judgeHistoryChecks(const Catalog &catalog, const QList<ContainerMeasurement> &history,
                        const ContainerMeasurement &now, ContainerFindings &found)
{
    for (CheckOutcome &o : found.outcomes) {
        if (!o.evaluated || !o.count.error.isEmpty() || o.count.notApplicable)
            continue;
        const QString &rule = o.check.rule;
        // A table-level figure: one measurement, asserted as one.
        if (rule == rule_name::kVolumetric)
            apply(monitoring::judgeVolumetric(o.check, history, now), 1, o);
        else if (rule == rule_name::kFreshness)
            apply(monitoring::judgeFreshness(o.check, history, now), 1, o);
        else if (rule == rule_name::kMetric) {
            if (o.count.observed.isNull())
                continue; // no asserted record, no value: unasserted
            apply(monitoring::judgeMetric(o.check, catalog.checkHistory(o.check.id),
                                          o.count.observed.toDouble(), now.measuredAt),
                  o.count.asserted, o);
        }
    }
}

} // namespace assay
