#pragma once

#include "models/domain/FieldProfile.h"

#include <QList>
#include <QString>

namespace assay {

// One figure of a field profile as the panel and the history show it.
struct ProfileMetric
{
    QString key;   // "completeness", "distinct", "distinctRatio", "entropy", "min", "max",
                   // "minLength", "maxLength", "mean", "sum", "stdDev", "skewness", "kurtosis",
                   // "q1", "median", "q3", "records"
    QString group; // the section it belongs to
    QString title;
    QString text; // formatted, without the approximate mark; empty: not measured
    bool approximate = false;
    QString approximateTip; // why it is approximate
    QString help;           // what the figure means
    QString shown() const;  // the text with its approximate mark, "—" when not measured
};

// Every figure of `profile`, in display order (groups in order, each group's figures together).
QList<ProfileMetric> profileMetrics(const FieldProfile &profile);
// The section titles, in order.
QStringList profileMetricGroups();

} // namespace assay
