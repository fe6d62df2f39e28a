#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace assay {

// A recurring operation: a cron expression evaluated in UTC.
struct Schedule
{
    qint64 id = 0;
    QString name;
    qint64 datastoreId = 0;
    QString operationType;
    QString cron;
    QJsonObject options;
    bool enabled = true;
    QDateTime lastRunAt;
    QDateTime nextRunAt;
    QDateTime createdAt;
    QDateTime updatedAt;

    bool operator==(const Schedule &o) const
    {
        return id == o.id && name == o.name && datastoreId == o.datastoreId &&
               operationType == o.operationType && cron == o.cron && options == o.options &&
               enabled == o.enabled;
    }
    bool operator!=(const Schedule &o) const { return !(*this == o); }
};

} // namespace assay
