#include "ui/schedule/ScheduleFormat.h"

#include "models/item/OperationListModel.h"

#include <QLocale>

namespace assay {

namespace {

const QString kFormat = QStringLiteral("ddd d MMM yyyy HH:mm");

} // namespace

QString ScheduleFormat::utc(const QDateTime &time)
{
    if (!time.isValid())
        return QStringLiteral("—");
    return tr("%1 UTC").arg(QLocale().toString(time.toUTC(), kFormat));
}

QString ScheduleFormat::local(const QDateTime &time)
{
    if (!time.isValid())
        return QStringLiteral("—");
    const QDateTime local = time.toLocalTime();
    const QString zone = local.timeZoneAbbreviation();
    const QString text = QLocale().toString(local, kFormat);
    return zone.isEmpty() ? text : tr("%1 %2", "local time, zone").arg(text, zone);
}

QString ScheduleFormat::operationLabel(const QString &type)
{
    return OperationListModel::typeLabel(type);
}

} // namespace assay
