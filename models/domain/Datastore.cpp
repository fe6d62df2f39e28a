#include "models/domain/Datastore.h"

namespace assay {

QString remediationToString(RemediationStrategy strategy)
{
    switch (strategy) {
    case RemediationStrategy::Append:
        return QStringLiteral("append");
    case RemediationStrategy::Overwrite:
        return QStringLiteral("overwrite");
    case RemediationStrategy::None:
        break;
    }
    return QStringLiteral("none");
}

RemediationStrategy remediationFromString(const QString &text)
{
    const QString lower = text.trimmed().toLower();
    if (lower == QLatin1String("append"))
        return RemediationStrategy::Append;
    if (lower == QLatin1String("overwrite"))
        return RemediationStrategy::Overwrite;
    return RemediationStrategy::None;
}

} // namespace assay
