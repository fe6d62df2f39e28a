#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QMetaType>
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

// What a dialog or the CLI asks the engine to run.
struct OperationRequest
{
    qint64 datastoreId = 0;
    QString type;                                 // operation_type::...
    QJsonObject options;                          // e.g. Sync: prune, recreate, include
    QString triggeredBy = QStringLiteral("user"); // user, schedule, cli
    qint64 scheduleId = 0;
};

// Progress of a running operation, as it crosses to the GUI thread.
struct OperationProgress
{
    qint64 operationId = 0;
    qint64 datastoreId = 0;
    double fraction = 0; // 0..1
    QString step;        // "Reading the catalog of schema public"
    qint64 elapsedMs = 0;
};

} // namespace assay

Q_DECLARE_METATYPE(assay::OperationProgress)
