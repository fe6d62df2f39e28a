#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace assay::test {

// What one run of the `assay` executable left: its exit code (-1 when it did not start, crashed
// or was killed), and its standard output and error.
struct CliResult
{
    int exitCode = -1;
    QString out;
    QString err;
    QJsonObject json() const; // stdout as a JSON object
    QJsonArray array() const; // stdout as a JSON array
};

// Runs the built `assay` (test::assayBinary()) with `--catalog catalogPath` before `args`, its
// stdin closed; killed after `timeoutMs`.
CliResult runAssay(const QString &catalogPath, const QStringList &args, int timeoutMs = 60000);

} // namespace assay::test
