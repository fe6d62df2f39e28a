#pragma once

#include "app/files/FileReadSpec.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

namespace assay {

class OperationContext;

// What reading a container's files found, gathered for the operation that read them: the
// problems each file had, by file and line, and the values that were not of their column's
// type. Nothing to report for a database's table (no reports).
struct FileFindings
{
    QList<QPair<QString, FileReport>> reports;

    bool isEmpty() const { return reports.isEmpty(); }
    qint64 problemCount() const;
    // Per column, across files: how many values were not of its type, and the first one.
    QHash<QString, FileMismatches> mismatches() const;
    // The note a field's profile carries when some of its values were not of its type.
    QString mismatchNote(const QString &column) const;
    // For the operation's result: files read, problems, the first problems (file, line, what).
    QJsonObject toJson() const;
    // Logs each problem (up to a bound, then a count) as a warning of `context`.
    void log(OperationContext &context, const QString &container) const;
};

} // namespace assay
