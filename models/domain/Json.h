#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

// Conversions between the Catalog's portable text columns and Qt value types.
namespace assay::text {

QString fromObject(const QJsonObject &object);
QJsonObject toObject(const QString &text);
QString fromList(const QStringList &list);
QStringList toList(const QString &text);
// Timestamps are stored as ISO-8601 UTC text with milliseconds: sortable and portable.
QString fromTime(const QDateTime &time);
QDateTime toTime(const QString &text);

} // namespace assay::text
