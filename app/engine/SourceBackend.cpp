#include "app/engine/SourceBackend.h"

#include "app/connectors/ConnectorSpec.h"
#include "app/connectors/SourceSession.h"

#include <QSqlError>
#include <QSqlQuery>

namespace assay {

namespace {

const QString kPostgres = QStringLiteral("postgresql");
const QString kMySql = QStringLiteral("mysql");

// Which kind of server session `session` has: PostgreSQL proper (not Redshift, which has no
// pg_terminate_backend on pg_stat_activity), MySQL/MariaDB, or none.
QString kindOf(SourceSession &session)
{
    const ConnectorSpec *spec = session.spec();
    if (!spec)
        return {};
    if (spec->qtDriver == QLatin1String("QPSQL") && spec->dialect == kPostgres)
        return kPostgres;
    if (spec->dialect == kMySql)
        return kMySql;
    return {};
}

// PostgreSQL's backend_start as fixed text, the same whatever the session's DateStyle.
const char *const kBackendStart =
    "to_char(backend_start AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')";

} // namespace

QJsonObject SourceBackend::toJson() const
{
    return {{QStringLiteral("kind"), kind},
            {QStringLiteral("id"), QString::number(id)},
            {QStringLiteral("started_at"), startedAt}};
}

std::optional<SourceBackend> SourceBackend::fromJson(const QJsonObject &json)
{
    SourceBackend b;
    b.kind = json.value(QStringLiteral("kind")).toString();
    b.id = json.value(QStringLiteral("id")).toString().toLongLong();
    b.startedAt = json.value(QStringLiteral("started_at")).toString();
    if ((b.kind != kPostgres && b.kind != kMySql) || b.id <= 0)
        return std::nullopt;
    return b;
}

std::optional<SourceBackend> currentBackend(SourceSession &session)
{
    const QString kind = kindOf(session);
    QSqlQuery q(session.database());
    if (kind == kPostgres) {
        if (!q.exec(QStringLiteral("SELECT pid, %1 FROM pg_stat_activity WHERE pid = "
                                   "pg_backend_pid()")
                        .arg(QLatin1String(kBackendStart))) ||
            !q.next())
            return std::nullopt;
        return SourceBackend{kind, q.value(0).toLongLong(), q.value(1).toString()};
    }
    if (kind == kMySql) {
        if (!q.exec(QStringLiteral("SELECT CONNECTION_ID()")) || !q.next())
            return std::nullopt;
        return SourceBackend{kind, q.value(0).toLongLong(), QString()};
    }
    return std::nullopt;
}

bool endLeftoverBackend(SourceSession &session, const SourceBackend &leftover, QString *error)
{
    if (kindOf(session) != leftover.kind)
        return false;
    QSqlQuery q(session.database());
    if (leftover.kind == kPostgres) {
        q.prepare(QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
                                 "pid = ? AND %1 = ? AND pid <> pg_backend_pid()")
                      .arg(QLatin1String(kBackendStart)));
        q.addBindValue(leftover.id);
        q.addBindValue(leftover.startedAt);
        if (!q.exec()) {
            *error = q.lastError().text();
            return false;
        }
        return q.next() && q.value(0).toBool();
    }
    // Only a session of this same account, still there.
    q.prepare(QStringLiteral("SELECT ID FROM information_schema.PROCESSLIST WHERE ID = ? AND "
                             "USER = SUBSTRING_INDEX(CURRENT_USER(), '@', 1) AND ID <> "
                             "CONNECTION_ID()"));
    q.addBindValue(leftover.id);
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    if (!q.next())
        return false;
    QSqlQuery kill(session.database());
    if (!kill.exec(QStringLiteral("KILL %1").arg(leftover.id))) {
        *error = kill.lastError().text();
        return false;
    }
    return true;
}

} // namespace assay
