#pragma once

#include "models/domain/Check.h"
#include "models/domain/Measurement.h"

#include <QList>
#include <QString>
#include <QtNumeric>

namespace assay::monitoring {

// What judging one check against its container's history found.
struct Judgement
{
    // False: not judged this time (still learning, no baseline yet, nothing measured); `text`
    // says why. Such a check neither passes nor fails ("unasserted").
    bool asserted = false;
    bool passed = true;
    double measured = qQNaN();    // the figure measured now (kept as the check's history)
    double observed = qQNaN();    // the figure judged: the measured one, or its change
    double expectedLow = qQNaN(); // the band it was judged against; NaN on an open side
    double expectedHigh = qQNaN();
    QString text; // for people: the figure, what was expected and on what grounds
};

// volumetric: the record count (or size) of `now` against the container's earlier
// measurements `history` (oldest first; `now` is not among them, so the value under test never
// trains its own thresholds).
Judgement judgeVolumetric(const Check &check, const QList<ContainerMeasurement> &history,
                          const ContainerMeasurement &now);
// freshness: the age of the newest data at `now`.
Judgement judgeFreshness(const Check &check, const QList<ContainerMeasurement> &history,
                         const ContainerMeasurement &now);
// metric: `value`, measured at `at`, against the check's earlier judgements.
Judgement judgeMetric(const Check &check, const QList<CheckHistoryPoint> &history, double value,
                      const QDateTime &at);

// A figure as people read it: 1,204,551 records, 3.5 h, 0.25.
QString formatFigure(double value);

} // namespace assay::monitoring
