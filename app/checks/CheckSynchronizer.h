#pragma once

#include "models/domain/Check.h"

#include <QList>
#include <QString>

namespace assay {

class Catalog;

// How a Profile run's inferred checks enter the Catalog.
struct CheckSyncSettings
{
    int level = 2;          // the run's inference level
    bool asDraft = false;   // new checks start as Draft (infer as draft)
    qint64 operationId = 0; // the Profile operation that inferred them
};

// What synchronizing did.
struct CheckSyncCounts
{
    int added = 0;
    int updated = 0;
    int archived = 0;  // inferred above the level, never failed
    int kept = 0;      // inferred above the level, kept because they produced anomalies
    int untouched = 0; // proposals matching a check a person edited: left alone
    int synchronized() const { return added + updated; }
};

namespace check_sync {

// What makes two checks of a container the same check: rule, fields, and the other field or
// container they compare with (greaterThanField, existsIn...). Properties learned from the
// data (bounds, lists, patterns) are not part of it, so re-inference updates them.
QString identity(const Check &check);

// Merges a container's proposals into the Catalog: a proposal matching an inferred check
// updates it (properties, coverage, level, description, operation; an archived one comes
// back); one matching a check a person edited (or wrote) leaves it alone; any other is added
// (Draft with asDraft). Then the container's inferred checks above `level` that no person
// edited are archived, unless they ever produced an anomaly. False with `error` when a
// Catalog write fails (the counts say what was done until then).
bool synchronize(Catalog &catalog, qint64 containerId, const QList<Check> &proposals,
                 const CheckSyncSettings &settings, CheckSyncCounts *counts, QString *error);

} // namespace check_sync

} // namespace assay
