#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <functional>

namespace assay {

// Runs a statement built from some of its parts: the database's error, or "" when it ran.
using PartsProbe = std::function<QString(const QList<int> &parts)>;

// Which of `parts` make a statement fail, and with what error: the failing set is halved until
// single parts remain (about 2·k·log2(n) runs for k failing parts of n), so one part's failure
// never hides another's and never takes the working parts down with it. `failedWithAll` is the
// error of the run with every part (already known to the caller). Stops early, with what it
// found, when `cancelled` says so.
QHash<int, QString> isolateFailures(const QList<int> &parts, const QString &failedWithAll,
                                    const PartsProbe &probe,
                                    const std::function<bool()> &cancelled = {});

} // namespace assay
