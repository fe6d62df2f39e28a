#include "models/catalog/Catalog.h"
#include "models/catalog/CatalogRows.h"
#include "models/catalog/ColumnValues.h"
#include "models/domain/Clock.h"
#include "models/domain/Json.h"

#include <QSqlError>
#include <QSqlQuery>

// The schedules half of the Catalog: recurring operations and when they last and next run.
// Cron expressions are opaque text here; app/scheduling parses them and computes next runs.
namespace assay {

namespace {

QString now()
{
    return text::fromTime(Clock::utcNow());
}

QVariant optionalTime(const QDateTime &time)
{
    return time.isValid() ? QVariant(text::fromTime(time))
                          : QVariant(QMetaType::fromType<QString>());
}

// The columns a schedule's edit writes (insert and update alike).
catalog::ColumnValues scheduleColumns(const Schedule &s)
{
    catalog::ColumnValues v;
    v.set("name", s.name)
        .set("datastore_id", s.datastoreId)
        .set("operation_type", s.operationType)
        .set("cron", s.cron)
        .set("options", text::fromObject(s.options))
        .set("enabled", s.enabled ? 1 : 0)
        .set("last_run_at", optionalTime(s.lastRunAt))
        .set("next_run_at", optionalTime(s.nextRunAt));
    return v;
}

QString select(const char *rest)
{
    return QStringLiteral("SELECT %1 %2")
        .arg(QLatin1String(catalog::kScheduleColumns), QLatin1String(rest));
}

} // namespace

QList<Schedule> Catalog::schedules() const
{
    QList<Schedule> out;
    QSqlQuery q(database());
    if (!q.exec(select("FROM schedules ORDER BY name")))
        failQuery(q);
    while (q.next())
        out << catalog::readSchedule(q);
    return out;
}

Lookup<Schedule> Catalog::schedule(qint64 id) const
{
    QSqlQuery q(database());
    q.prepare(select("FROM schedules WHERE id = ?"));
    q.addBindValue(id);
    const bool executed = q.exec();
    return lookupRow<Schedule>(q, executed, catalog::readSchedule);
}

Lookup<Schedule> Catalog::scheduleByName(const QString &name) const
{
    QSqlQuery q(database());
    q.prepare(select("FROM schedules WHERE name = ?"));
    q.addBindValue(name);
    const bool executed = q.exec();
    return lookupRow<Schedule>(q, executed, catalog::readSchedule);
}

qint64 Catalog::addSchedule(const Schedule &s)
{
    if (const QString problem = catalog::nameProblem(s.name, QT_TR_NOOP("schedule"));
        !problem.isEmpty()) {
        fail(problem);
        return 0;
    }
    if (scheduleByName(s.name)) {
        fail(tr("A schedule named “%1” already exists.").arg(s.name));
        return 0;
    }
    if (!datastore(s.datastoreId)) {
        fail(tr("The schedule “%1” refers to a datastore that does not exist.").arg(s.name));
        return 0;
    }
    if (s.operationType.isEmpty() || s.cron.trimmed().isEmpty()) {
        fail(tr("The schedule “%1” needs an operation and a cron expression.").arg(s.name));
        return 0;
    }
    const QString stamp = now();
    QSqlQuery q(database());
    catalog::ColumnValues columns = scheduleColumns(s);
    columns.set("created_at", stamp).set("updated_at", stamp);
    q.prepare(columns.insertInto("schedules", "RETURNING id"));
    columns.bind(q);
    const qint64 id = insertReturningId(q);
    if (id)
        emit schedulesChanged();
    return id;
}

bool Catalog::updateSchedule(const Schedule &s)
{
    if (const QString problem = catalog::nameProblem(s.name, QT_TR_NOOP("schedule"));
        !problem.isEmpty())
        return fail(problem);
    if (auto other = scheduleByName(s.name); other && other->id != s.id)
        return fail(tr("A schedule named “%1” already exists.").arg(s.name));
    QSqlQuery q(database());
    catalog::ColumnValues columns = scheduleColumns(s);
    columns.set("updated_at", now());
    q.prepare(columns.update("schedules", "id = :id"));
    columns.bind(q);
    q.bindValue(QStringLiteral(":id"), s.id);
    if (!q.exec())
        return failQuery(q);
    if (q.numRowsAffected() == 0)
        return fail(tr("The schedule no longer exists."));
    emit schedulesChanged();
    return true;
}

bool Catalog::removeSchedule(qint64 id)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("DELETE FROM schedules WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return failQuery(q);
    emit schedulesChanged();
    return true;
}

bool Catalog::setScheduleEnabled(qint64 id, bool enabled)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("UPDATE schedules SET enabled = ?, updated_at = ? WHERE id = ?"));
    q.addBindValue(enabled ? 1 : 0);
    q.addBindValue(now());
    q.addBindValue(id);
    if (!q.exec())
        return failQuery(q);
    if (q.numRowsAffected() == 0)
        return fail(tr("The schedule no longer exists."));
    emit schedulesChanged();
    return true;
}

bool Catalog::recordScheduleRun(qint64 id, const QDateTime &ranAt, const QDateTime &nextRunAt)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("UPDATE schedules SET last_run_at = COALESCE(?, last_run_at),"
                             " next_run_at = ? WHERE id = ?"));
    q.addBindValue(optionalTime(ranAt));
    q.addBindValue(optionalTime(nextRunAt));
    q.addBindValue(id);
    if (!q.exec())
        return failQuery(q);
    if (q.numRowsAffected() == 0)
        return fail(tr("The schedule no longer exists."));
    emit schedulesChanged();
    return true;
}

bool Catalog::claimScheduleSlot(qint64 id, const QDateTime &dueAt, const QDateTime &nextRunAt)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("UPDATE schedules SET next_run_at = ? WHERE id = ? AND enabled = 1"
                             " AND next_run_at = ?"));
    q.addBindValue(optionalTime(nextRunAt));
    q.addBindValue(id);
    q.addBindValue(text::fromTime(dueAt));
    if (!q.exec())
        return failQuery(q);
    if (q.numRowsAffected() == 0)
        return false; // another process ran this slot, or the schedule changed meanwhile
    emit schedulesChanged();
    return true;
}

} // namespace assay
