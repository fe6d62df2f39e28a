#pragma once

#include <QString>

namespace assay {

struct ConnectorSpec;

// What went wrong when reaching a datastore, in words a user can act on.
enum class DiagnosisCategory {
    None, // connected
    AuthenticationFailed,
    PermissionDenied,
    ConnectionRefused,
    HostUnreachable,
    UnknownHost,
    Timeout,
    DatabaseNotFound,
    DriverMissing,
    KeychainUnavailable,
    Cancelled,
    Other,
};

struct Diagnosis
{
    DiagnosisCategory category = DiagnosisCategory::None;
    QString detail; // the driver's or server's own words
    QString hint;   // one line: what to do about it

    bool ok() const { return category == DiagnosisCategory::None; }
    // A short title: "Authentication failed".
    QString summary() const;
    // A stable machine name: "authentication_failed" (CLI --json, logs, tests).
    QString code() const;
    // "Authentication failed: <detail>" — the one line shown for a failure.
    QString message() const;
};

// Classifies a driver error message for a connector. `host`/`port` make hints concrete.
Diagnosis diagnose(const ConnectorSpec &spec, const QString &driverMessage, const QString &host,
                   int port);
Diagnosis diagnoseMissingDriver(const ConnectorSpec &spec);
Diagnosis makeDiagnosis(DiagnosisCategory category, const QString &detail,
                        const QString &hint = QString());

} // namespace assay
