#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace assay {

// A table, view or file discovered in a datastore by Sync.
struct Container
{
    qint64 id = 0;
    qint64 datastoreId = 0;
    QString name;
    QString containerType;       // "table", "view", "file"
    QString incrementalStrategy; // "", "last-modified", "batch-value"
    QString incrementalField;
    QString partitionField;
    // Set once a user edits the identifiers: Sync then keeps them instead of re-detecting.
    bool identifiersOverridden = false;
    // Container settings: grouping, excluded fields, infer data type, DFS file pattern...
    QJsonObject settings;
    bool removed = false; // gone from the source (pruned) but kept in the Catalog
    // A digest of what Sync last read of it (fields, kind, constraints): a re-sync that reads
    // the same skips it. Empty until a Sync records one.
    QString sourceDigest;
    QDateTime createdAt;
    QDateTime updatedAt;

    // Tags from settings["tags"] (a JSON array, or "a, b" written by hand), trimmed, without
    // duplicates (case-insensitive). Operations can choose containers by tag.
    QStringList tags() const
    {
        const QJsonValue value = settings.value(QStringLiteral("tags"));
        const QStringList parts = value.isString()
                                      ? value.toString().split(u',', Qt::SkipEmptyParts)
                                      : value.toVariant().toStringList();
        QStringList out;
        for (const QString &part : parts) {
            const QString tag = part.trimmed();
            if (!tag.isEmpty() && !out.contains(tag, Qt::CaseInsensitive))
                out << tag;
        }
        return out;
    }

    bool operator==(const Container &o) const
    {
        return id == o.id && datastoreId == o.datastoreId && name == o.name &&
               containerType == o.containerType && incrementalStrategy == o.incrementalStrategy &&
               incrementalField == o.incrementalField && partitionField == o.partitionField &&
               identifiersOverridden == o.identifiersOverridden && settings == o.settings &&
               removed == o.removed && sourceDigest == o.sourceDigest;
    }
    bool operator!=(const Container &o) const { return !(*this == o); }
};

// A column of a container.
struct Field
{
    qint64 id = 0;
    qint64 containerId = 0;
    QString name;
    int ordinal = 0;
    QString declaredType;
    // The type the values are stored as, when it differs from the declared one and decides how
    // they are measured: a PostgreSQL domain's base type, "enum", "composite", or the family
    // ("integral", "fractional"...) inferred from the values of an untyped SQLite column.
    QString baseType;
    // The column's collation where the database reports one that changes comparisons (MySQL
    // and MariaDB text: "utf8mb4_unicode_ci"); distinct counts and order follow it.
    QString collation;
    // The name in the source when Assay had to change it (a file header with a repeated, empty
    // or case-colliding name); empty when `name` is the source's own.
    QString sourceName;
    bool nullable = true;
    bool removed = false;

    bool operator==(const Field &o) const
    {
        return id == o.id && containerId == o.containerId && name == o.name &&
               ordinal == o.ordinal && declaredType == o.declaredType && baseType == o.baseType &&
               collation == o.collation && sourceName == o.sourceName && nullable == o.nullable &&
               removed == o.removed;
    }
    bool operator!=(const Field &o) const { return !(*this == o); }
};

} // namespace assay
