#pragma once

#include "models/domain/Operation.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QMetaType>
#include <QString>

namespace assay {

// What a dialog or the CLI asks the engine to run.
struct OperationRequest
{
    qint64 datastoreId = 0;
    QString type;        // operation_type::...
    QJsonObject options; // e.g. Sync: prune, recreate, include
    // user, schedule, cli, or first_start (the Demo Shop's operations on a first run)
    QString triggeredBy = QStringLiteral("user");
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
