#pragma once

#include <QString>

namespace assay {

// "<host>:<pid>" of this process: recorded with each operation it runs.
QString currentRunnerId();

// False when `runnerId` names a process on this host that no longer exists (it crashed or was
// killed), so its operations can be marked aborted. Unknown hosts count as alive: another
// machine may share the catalog.
bool isRunnerAlive(const QString &runnerId);

} // namespace assay
