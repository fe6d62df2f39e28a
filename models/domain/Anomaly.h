#pragma once

#include <QDateTime>
#include <QJsonArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace assay {

namespace anomaly_status {
// Open.
inline const QString kActive = QStringLiteral("Active");
inline const QString kAcknowledged = QStringLiteral("Acknowledged");
// Archived.
inline const QString kResolved = QStringLiteral("Resolved");
inline const QString kInvalid = QStringLiteral("Invalid");
inline const QString kDuplicate = QStringLiteral("Duplicate");

inline QStringList all()
{
    return {kActive, kAcknowledged, kResolved, kInvalid, kDuplicate};
}
inline bool isOpen(const QString &status)
{
    return status == kActive || status == kAcknowledged;
}
// Open anomalies may be acknowledged, resolved or marked invalid (Duplicate is set by Scan
// only); an archived one may be reopened (Active). Setting the current status is no change.
inline bool canTransition(const QString &from, const QString &to)
{
    if (!all().contains(to) || from == to)
        return false;
    if (isOpen(from))
        return to != kDuplicate && !(from == kAcknowledged && to == kActive);
    return to == kActive;
}
// What a Scan may do besides: archive an open anomaly as the Duplicate of the same fingerprint
// found again by a later scan (Archive Duplicate Anomalies).
inline bool canTransitionByScan(const QString &from, const QString &to)
{
    return canTransition(from, to) || (isOpen(from) && to == kDuplicate);
}
} // namespace anomaly_status

// A check that an anomaly failed, with the violation message.
struct AnomalyFailedCheck
{
    qint64 checkId = 0;
    QString rule;
    QStringList fields;
    QString message;
};

// What Scan found: one failing record (type "record") or a structural / distributional problem
// or a rolled-up count of failing records (type "shape").
struct Anomaly
{
    qint64 id = 0;
    QString uuid;
    qint64 datastoreId = 0;
    qint64 containerId = 0;
    QString containerName; // filled when read from the Catalog
    qint64 operationId = 0;
    QString type = QStringLiteral("record"); // "record" or "shape"
    QString status = anomaly_status::kActive;
    QString message;
    qint64 anomalousRecordCount = 0;
    QString fingerprint; // the same failure on a later scan has the same fingerprint
    QString partition;
    QString comment; // the latest status comment
    QList<AnomalyFailedCheck> failedChecks;
    QJsonArray sourceRecords; // source rows as JSON objects, at most the example limit
    QDateTime createdAt;
    QDateTime updatedAt;
};

// A status change of an anomaly, with the person's comment.
struct AnomalyEvent
{
    QDateTime at;
    QString fromStatus;
    QString toStatus;
    QString comment;
};

} // namespace assay
