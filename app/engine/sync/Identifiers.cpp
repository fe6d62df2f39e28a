#include "app/engine/sync/Identifiers.h"

#include "app/connectors/FieldTypes.h"

#include <QRegularExpression>

namespace assay {

namespace {

bool looksLastModified(const QString &name)
{
    static const QRegularExpression pattern(
        QStringLiteral("^(last_?)?(updated|modified|changed|update|modify|modification)"
                       "(_?(at|on|time|date|ts|timestamp|datetime))?$|^(last_?)?(update|change|"
                       "modification)_?(time|date|ts)$|^lastmodified$|^last_?update$"),
        QRegularExpression::CaseInsensitiveOption);
    return pattern.match(name).hasMatch();
}

bool looksLikeKey(const QString &field, const QString &container, bool first)
{
    const QString f = field.toLower();
    const QString c = container.toLower();
    if (f == QLatin1String("id") || f == c + QLatin1String("_id") || f == c + QLatin1String("id"))
        return true;
    // "orders" -> "order_id"
    if (c.endsWith(QLatin1Char('s')) && f == c.chopped(1) + QLatin1String("_id"))
        return true;
    return first && f.endsWith(QLatin1String("_id"));
}

} // namespace

ContainerIdentifiers detectIdentifiers(const DiscoveredContainer &container)
{
    ContainerIdentifiers ids;
    const DiscoveredField *lastModified = nullptr;
    const DiscoveredField *key = nullptr;
    const DiscoveredField *nonNullDateTime = nullptr;
    const DiscoveredField *nonNullIntegral = nullptr;
    for (int i = 0; i < container.fields.size(); ++i) {
        const DiscoveredField &f = container.fields.at(i);
        const TypeFamily family = typeFamily(f.baseType.isEmpty() ? f.declaredType : f.baseType);
        if (isDateTimeFamily(family)) {
            if (!lastModified && looksLastModified(f.name))
                lastModified = &f;
            if (!nonNullDateTime && !f.nullable)
                nonNullDateTime = &f;
        } else if (family == TypeFamily::Integral) {
            if (!key && looksLikeKey(f.name, container.name, i == 0))
                key = &f;
            if (!nonNullIntegral && !f.nullable)
                nonNullIntegral = &f;
        }
    }
    // A file container's records carry their file's modification time (the file engine's
    // _modified column): incremental reads take the files changed since the last one.
    const auto hasField = [&container](const QString &name) {
        for (const DiscoveredField &f : container.fields)
            if (f.name.compare(name, Qt::CaseInsensitive) == 0)
                return true;
        return false;
    };
    if (lastModified) {
        ids.incrementalStrategy = QStringLiteral("last-modified");
        ids.incrementalField = lastModified->name;
    } else if (container.containerType == QLatin1String("file") &&
               !hasField(QStringLiteral("_modified"))) {
        ids.incrementalStrategy = QStringLiteral("last-modified");
        ids.incrementalField = QStringLiteral("_modified");
    } else if (key) {
        ids.incrementalStrategy = QStringLiteral("batch-value");
        ids.incrementalField = key->name;
    }
    if (!container.partitionKey.isEmpty())
        ids.partitionField = container.partitionKey; // what the table is partitioned by
    else if (nonNullDateTime)
        ids.partitionField = nonNullDateTime->name;
    else if (lastModified)
        ids.partitionField = lastModified->name;
    else if (key)
        ids.partitionField = key->name;
    else if (nonNullIntegral)
        ids.partitionField = nonNullIntegral->name;
    return ids;
}

} // namespace assay
