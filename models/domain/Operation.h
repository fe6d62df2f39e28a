#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace assay {

// One run of Sync ("catalog"), Profile or Scan against a datastore.
struct Operation
{
    qint64 id = 0;
    qint64 datastoreId = 0;
    QString type;        // "catalog", "profile", "scan"
    QString status;      // "queued", "running", "success", "warning", "failure", "aborted"
    QString triggeredBy; // "user", "schedule", "cli"
    qint64 scheduleId = 0;
    QJsonObject options;
    QJsonObject counters; // figures: containers_added, records_profiled, ...
    QJsonObject result;   // details: names added/changed/removed, finished containers (resume)
    QString message;      // one line for the user: why it failed, what it found
    double progress = 0;  // 0..1
    QString runner;       // "<host>:<pid>" of the process running it, for crash recovery
    QDateTime createdAt;
    QDateTime startedAt;
    QDateTime endedAt;

    bool operator==(const Operation &o) const
    {
        return id == o.id && datastoreId == o.datastoreId && type == o.type && status == o.status &&
               triggeredBy == o.triggeredBy && scheduleId == o.scheduleId && options == o.options &&
               counters == o.counters && startedAt == o.startedAt && endedAt == o.endedAt;
    }
    bool operator!=(const Operation &o) const { return !(*this == o); }
};

struct OperationLogEntry
{
    QDateTime at;
    QString level; // "info", "warning", "error"
    QString message;
};

} // namespace assay
