#include "CliRunner.h"

#include "TestSupport.h"

#include <QJsonDocument>
#include <QProcess>

namespace assay::test {

QJsonObject CliResult::json() const
{
    return QJsonDocument::fromJson(out.toUtf8()).object();
}

QJsonArray CliResult::array() const
{
    return QJsonDocument::fromJson(out.toUtf8()).array();
}

CliResult runAssay(const QString &catalogPath, const QStringList &args, int timeoutMs)
{
    QProcess p;
    p.start(assayBinary(), QStringList{QStringLiteral("--catalog"), catalogPath} + args);
    if (!p.waitForStarted(10000))
        return {};
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

} // namespace assay::test
