#include "app/engine/ProcessIdentity.h"

#include <QCoreApplication>
#include <QSysInfo>

#ifdef Q_OS_WIN
#include <windows.h>
#else
#include <cerrno>
#include <csignal>
#include <sys/types.h>
#endif

namespace assay {

namespace {

bool processExists(qint64 pid)
{
    if (pid <= 0)
        return false;
#ifdef Q_OS_WIN
    HANDLE process = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, DWORD(pid));
    if (!process)
        return false;
    DWORD code = 0;
    const bool running = GetExitCodeProcess(process, &code) && code == STILL_ACTIVE;
    CloseHandle(process);
    return running;
#else
    return ::kill(pid_t(pid), 0) == 0 || errno == EPERM;
#endif
}

} // namespace

QString currentRunnerId()
{
    return QStringLiteral("%1:%2")
        .arg(QSysInfo::machineHostName())
        .arg(QCoreApplication::applicationPid());
}

bool isRunnerAlive(const QString &runnerId)
{
    const int colon = runnerId.lastIndexOf(QLatin1Char(':'));
    if (colon < 0)
        return false; // never claimed by a process: nothing will ever run it
    if (runnerId.left(colon) != QSysInfo::machineHostName())
        return true;
    return processExists(runnerId.mid(colon + 1).toLongLong());
}

} // namespace assay
