#pragma once

#include "models/domain/Operation.h"

#include <QList>
#include <QString>

namespace assay {

// What an operation left out, read from its result: the containers it could not read (with the
// reason), the fields it measured for completeness only (with why), and the problems found in
// files. What `operations run --wait`, `operations show` and the operation's detail in the
// window list, so a warning never hides behind the log.
struct OperationShortfalls
{
    struct FailedContainer
    {
        QString name;
        QString reason;
    };
    struct FieldFallback
    {
        QString container;
        QString field;
        QString note;
    };
    struct FileProblems
    {
        QString container;
        qint64 problems = 0;
        QString first; // "file, line N: what"
    };
    QList<FailedContainer> failedContainers;
    QList<FieldFallback> fallbacks;
    QList<FileProblems> files;
    // Scanned containers whose results have not reached the enrichment datastore yet (the
    // Catalog's pending enrichment writes; Catalog::operationShortfalls fills it).
    int unwrittenEnrichment = 0;

    bool isEmpty() const
    {
        return failedContainers.isEmpty() && fallbacks.isEmpty() && files.isEmpty() &&
               unwrittenEnrichment == 0;
    }
    // What the operation's result says (unwrittenEnrichment stays 0).
    static OperationShortfalls of(const Operation &operation);
};

} // namespace assay
