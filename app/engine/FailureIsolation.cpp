#include "app/engine/FailureIsolation.h"

namespace assay {

namespace {

void bisect(const QList<int> &parts, const QString &error, const PartsProbe &probe,
            const std::function<bool()> &cancelled, QHash<int, QString> &found)
{
    if (parts.isEmpty() || (cancelled && cancelled()))
        return;
    if (parts.size() == 1) {
        found.insert(parts.constFirst(), error);
        return;
    }
    const QList<int> left = parts.mid(0, parts.size() / 2);
    const QList<int> right = parts.mid(parts.size() / 2);
    const QString leftError = probe(left);
    if (!leftError.isEmpty())
        bisect(left, leftError, probe, cancelled, found);
    if (cancelled && cancelled())
        return;
    const QString rightError = probe(right);
    if (!rightError.isEmpty())
        bisect(right, rightError, probe, cancelled, found);
    else if (leftError.isEmpty())
        // Both halves ran alone, yet the whole failed: the parts fail only together (a statement
        // too large, a limit on columns). The right half takes the blame, down to one part.
        bisect(right, error, probe, cancelled, found);
}

} // namespace

QHash<int, QString> isolateFailures(const QList<int> &parts, const QString &failedWithAll,
                                    const PartsProbe &probe, const std::function<bool()> &cancelled)
{
    QHash<int, QString> found;
    bisect(parts, failedWithAll, probe, cancelled, found);
    return found;
}

} // namespace assay
