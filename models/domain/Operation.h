#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace assay {

// Operation API type names, as the seeds' API uses them.
namespace operation_type {
inline const QString kSync = QStringLiteral("catalog");
inline const QString kProfile = QStringLiteral("profile");
inline const QString kScan = QStringLiteral("scan");
// What a person calls the operation: Sync, Profile, Scan (the API names otherwise).
inline QString displayName(const QString &type)
{
    if (type == kSync)
        return QCoreApplication::translate("assay::operation_type", "Sync");
    if (type == kProfile)
        return QCoreApplication::translate("assay::operation_type", "Profile");
    if (type == kScan)
        return QCoreApplication::translate("assay::operation_type", "Scan");
    return type;
}
} // namespace operation_type

namespace operation_status {
inline const QString kQueued = QStringLiteral("queued");
inline const QString kRunning = QStringLiteral("running");
inline const QString kSuccess = QStringLiteral("success");
inline const QString kWarning = QStringLiteral("warning");
inline const QString kFailure = QStringLiteral("failure");
inline const QString kAborted = QStringLiteral("aborted");
inline bool isFinished(const QString &status)
{
    return status == kSuccess || status == kWarning || status == kFailure || status == kAborted;
}
} // namespace operation_status

// One run of Sync ("catalog"), Profile or Scan against a datastore.
struct Operation
{
    qint64 id = 0;
    qint64 datastoreId = 0;
    QString type;        // operation_type: "catalog", "profile", "scan"
    QString status;      // operation_status: queued, running, success, warning, failure, aborted
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
