#include "models/domain/OperationShortfalls.h"

#include <QJsonArray>

namespace assay {

OperationShortfalls OperationShortfalls::of(const Operation &operation)
{
    OperationShortfalls out;
    const QJsonObject containers = operation.result.value(QStringLiteral("containers")).toObject();
    for (auto it = containers.begin(); it != containers.end(); ++it) {
        const QJsonObject c = it.value().toObject();
        if (c.value(QStringLiteral("result")).toString() == QLatin1String("failure"))
            out.failedContainers << FailedContainer{it.key(),
                                                    c.value(QStringLiteral("message")).toString()};
        for (const QJsonValue &v : c.value(QStringLiteral("fallbacks")).toArray()) {
            const QJsonObject f = v.toObject();
            out.fallbacks << FieldFallback{it.key(), f.value(QStringLiteral("field")).toString(),
                                           f.value(QStringLiteral("note")).toString()};
        }
        const QJsonObject files = c.value(QStringLiteral("files")).toObject();
        const qint64 problems = qint64(files.value(QStringLiteral("problems")).toDouble());
        if (problems > 0) {
            const QJsonObject first =
                files.value(QStringLiteral("first_problems")).toArray().at(0).toObject();
            QString where = first.value(QStringLiteral("file")).toString();
            if (first.contains(QStringLiteral("line")))
                where += QStringLiteral(", line %1")
                             .arg(qint64(first.value(QStringLiteral("line")).toDouble()));
            out.files << FileProblems{
                it.key(), problems,
                QStringLiteral("%1: %2").arg(where,
                                             first.value(QStringLiteral("message")).toString())};
        }
    }
    return out;
}

} // namespace assay
