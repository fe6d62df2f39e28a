#pragma once

#include "app/connectors/SqlDialect.h"
#include "models/domain/Container.h"
#include "models/domain/Measurement.h"

#include <QSqlDatabase>
#include <QStringList>

namespace assay::monitoring {

// What an operation's own pass already knows of a container, at no extra cost.
struct PassFigures
{
    // The pass read every record: their exact number; -1 when it read part of them.
    qint64 records = -1;
    // The pass read the incremental field's newest value (a full read, or an incremental read
    // past the last mark): `newestValue` is it ("" when the pass saw no row).
    bool newestRead = false;
    QString newestValue;
};

// Where to measure, and what is worth a query of its own when the pass and the statistics do not
// tell: a COUNT(*) is run only for a volumetric check, a MAX() only for a freshness check.
struct MeasureTarget
{
    QSqlDatabase db;
    SqlDialect dialect = SqlDialect::forFamily(SqlDialect::Family::Generic);
    QString schema;
    Container container;
    bool countIfNeeded = false;
    bool newestIfNeeded = false;
};

// One point of the container's history: records and size (the pass's count, else the
// database's statistics, else a COUNT(*)), the newest data (the incremental field's newest
// value when it is a time, else the table's last update time, else the first measurement that
// saw its modification counter at its current value). `previous` is the container's latest
// earlier measurement (id 0 when none). Problems go to `notes`; what was measured is kept.
ContainerMeasurement measureContainer(const MeasureTarget &target, const PassFigures &pass,
                                      const ContainerMeasurement &previous, const QDateTime &now,
                                      QStringList *notes);

} // namespace assay::monitoring
