#pragma once

#include <QDateTime>
#include <QString>

namespace assay {

// Where a measurement's figure came from (stored data, the same in every language).
namespace measurement_source {
// The database's own statistics (PostgreSQL pg_stat_user_tables, MariaDB
// information_schema.TABLES): no row of the table was read.
inline const QString kStatistics = QStringLiteral("statistics");
// The operation's own pass over the whole table counted it, at no extra cost.
inline const QString kPass = QStringLiteral("pass");
// A COUNT(*) or MAX() of its own.
inline const QString kQuery = QStringLiteral("query");
} // namespace measurement_source

// What one Scan or Profile measured of a container as a whole: one point of its history, the
// series volumetric and freshness checks learn from (app/monitoring). A figure that was not
// measured is -1 (numbers) or invalid / empty.
struct ContainerMeasurement
{
    qint64 id = 0;
    qint64 containerId = 0;
    qint64 operationId = 0; // 0 once the operation is deleted: the history stays
    QString operationType;  // "scan" or "profile"
    QDateTime measuredAt;   // UTC

    qint64 recordCount = -1;
    QString volumeSource; // measurement_source::...
    qint64 sizeBytes = -1;

    // The incremental field's newest value as the source wrote it ("" when none).
    QString newestValue;
    // When the newest data arrived, as far as it can be known: the newest value of a time field,
    // the table's last update time, or the measurement that first saw the table's modification
    // counter at its current value. Invalid when unknown.
    QDateTime newestAt;
    QString freshnessSource;
    // The database's running count of inserted, updated and deleted rows (PostgreSQL), to tell
    // at the next measurement whether anything changed; -1 when the database keeps none.
    qint64 changeCounter = -1;

    bool hasRecordCount() const { return recordCount >= 0; }
    // Hours from the newest data to the measurement; negative when unknown.
    double ageHours() const
    {
        if (!newestAt.isValid() || !measuredAt.isValid())
            return -1.0;
        return qMax(0.0, newestAt.secsTo(measuredAt) / 3600.0);
    }
};

} // namespace assay

namespace assay {

// One scan's judgement of one check, on the time line: the check's history.
struct CheckHistoryPoint
{
    qint64 operationId = 0;
    QDateTime at; // when the scan ended (UTC)
    QString result;
    QString details;
    double failureRatio = 0.0; // anomalous / asserted records
    double measured = 0.0;     // the figure measured; NaN when the check keeps none
    double observed = 0.0;     // the figure judged (the measured one or its change)
    double expectedLow = 0.0;  // NaN when no band
    double expectedHigh = 0.0;
};

} // namespace assay
