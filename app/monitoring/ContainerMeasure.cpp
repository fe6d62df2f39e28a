#include "app/monitoring/ContainerMeasure.h"

#include "app/monitoring/TableStatistics.h"

#include <QCoreApplication>

namespace assay::monitoring {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(assay::monitoring::ContainerMeasure)
};

void measureVolume(const MeasureTarget &t, const PassFigures &pass, const TableStatistics &stats,
                   ContainerMeasurement &m, QStringList *notes)
{
    m.sizeBytes = stats.sizeBytes;
    if (pass.records >= 0) {
        m.recordCount = pass.records;
        m.volumeSource = measurement_source::kPass;
    } else if (stats.records >= 0) {
        m.recordCount = stats.records;
        m.volumeSource = measurement_source::kStatistics;
    } else if (t.countIfNeeded) {
        QString error;
        m.recordCount = countRecords(t.db, t.dialect, t.schema, t.container.name, &error);
        if (m.recordCount >= 0)
            m.volumeSource = measurement_source::kQuery;
        else
            *notes << Text::tr("The records of %1 could not be counted: %2")
                          .arg(t.container.name, error.simplified());
    }
}

// The newest value of a time field says when the newest data is from; a batch number does not.
bool newestFromField(const MeasureTarget &t, const PassFigures &pass,
                     const ContainerMeasurement &previous, ContainerMeasurement &m,
                     QStringList *notes)
{
    if (t.container.incrementalField.isEmpty() ||
        t.container.incrementalStrategy == QLatin1String("batch-value"))
        return false;
    QString newest = pass.newestValue;
    bool read = pass.newestRead;
    if (!read && t.newestIfNeeded) {
        QString error;
        read = newestValue(t.db, t.dialect, t.schema, t.container.name,
                           t.container.incrementalField, &newest, &error);
        if (!read)
            *notes << Text::tr("The newest %1 of %2 could not be read: %3")
                          .arg(t.container.incrementalField, t.container.name, error.simplified());
        m.freshnessSource = measurement_source::kQuery;
    } else {
        m.freshnessSource = measurement_source::kPass;
    }
    if (!read)
        return false;
    // An incremental read that found no new row leaves the newest data where it was.
    if (newest.isEmpty() && previous.id > 0 && !previous.newestValue.isEmpty())
        newest = previous.newestValue;
    m.newestValue = newest;
    m.newestAt = parseSourceTime(newest);
    return true;
}

// Without a time field, the database's own record of changes: the last update time where it
// keeps one, else its modification counter (unchanged since the previous measurement: the
// data is as old as it was then; changed: it changed since then, so it is at most one
// measurement interval old, and now is the nearest bound that raises no false alarm).
void newestFromStatistics(const TableStatistics &stats, const ContainerMeasurement &previous,
                          ContainerMeasurement &m)
{
    if (stats.updatedAt.isValid()) {
        m.newestAt = stats.updatedAt;
        m.freshnessSource = measurement_source::kStatistics;
        return;
    }
    if (stats.changeCounter < 0)
        return;
    m.changeCounter = stats.changeCounter;
    m.freshnessSource = measurement_source::kStatistics;
    if (previous.id <= 0 || previous.changeCounter < 0)
        return; // the first sight of the counter says nothing of when it last moved
    if (previous.changeCounter == stats.changeCounter && previous.newestAt.isValid())
        m.newestAt = previous.newestAt;
    else if (previous.changeCounter != stats.changeCounter)
        m.newestAt = m.measuredAt;
}

} // namespace

ContainerMeasurement measureContainer(const MeasureTarget &target, const PassFigures &pass,
                                      const ContainerMeasurement &previous, const QDateTime &now,
                                      QStringList *notes)
{
    ContainerMeasurement m;
    m.containerId = target.container.id;
    m.measuredAt = now;
    TableStatistics stats;
    QString error;
    if (!readStatistics(target.db, target.dialect, target.schema, target.container.name, &stats,
                        &error)) {
        *notes << Text::tr("The statistics of %1 could not be read: %2")
                      .arg(target.container.name, error.simplified());
        stats = TableStatistics{};
    }
    measureVolume(target, pass, stats, m, notes);
    if (!newestFromField(target, pass, previous, m, notes) ||
        (!m.newestAt.isValid() && m.newestValue.isEmpty()))
        newestFromStatistics(stats, previous, m);
    else if (stats.changeCounter >= 0)
        m.changeCounter = stats.changeCounter;
    return m;
}

} // namespace assay::monitoring
