#include "app/engine/StatementInterrupter.h"

#include "app/connectors/ConnectorSpec.h"
#include "app/connectors/SourceSession.h"
#include "app/files/DuckDbDriver.h"

#include <QLoggingCategory>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QUuid>
#include <libpq-fe.h>
#include <memory>
#include <sqlite3.h>

Q_DECLARE_LOGGING_CATEGORY(lcEngine)

namespace assay {

namespace {

std::function<void()> postgresInterrupter(const QSqlDatabase &db)
{
    const QVariant handle = db.driver()->handle();
    // Qt names the type after libpq's struct: "pg_conn*" (older builds say "PGconn*").
    if (qstrcmp(handle.typeName(), "pg_conn*") != 0 && qstrcmp(handle.typeName(), "PGconn*") != 0)
        return {};
    PGconn *connection = *static_cast<PGconn *const *>(handle.constData());
    if (!connection)
        return {};
    // PQgetCancel copies what PQcancel needs, so it stays valid even if the connection closes.
    std::shared_ptr<PGcancel> cancel(PQgetCancel(connection), PQfreeCancel);
    if (!cancel)
        return {};
    return [cancel] {
        char error[256] = {};
        if (!PQcancel(cancel.get(), error, sizeof error))
            qCWarning(lcEngine) << "PQcancel failed:" << error;
    };
}

std::function<void()> sqliteInterrupter(const QSqlDatabase &db)
{
    const QVariant handle = db.driver()->handle();
    if (qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return {};
    sqlite3 *connection = *static_cast<sqlite3 *const *>(handle.constData());
    if (!connection)
        return {};
    return [connection] { sqlite3_interrupt(connection); };
}

std::function<void()> mysqlInterrupter(SourceSession &session, const ConnectionSettings &settings)
{
    QSqlQuery q(session.database());
    if (!q.exec(QStringLiteral("SELECT CONNECTION_ID()")) || !q.next())
        return {};
    const qlonglong id = q.value(0).toLongLong();
    return [settings, id] {
        // A second connection on the calling thread: KILL QUERY stops the statement and keeps
        // the worker's connection usable.
        SourceSession killer(settings);
        if (!killer.open()) {
            qCWarning(lcEngine) << "cannot open a connection for KILL QUERY:"
                                << killer.diagnosis().message();
            return;
        }
        QSqlQuery kill(killer.database());
        if (!kill.exec(QStringLiteral("KILL QUERY %1").arg(id)))
            qCWarning(lcEngine) << "KILL QUERY failed";
    };
}

} // namespace

std::function<void()> makeStatementInterrupter(SourceSession &session)
{
    const ConnectorSpec *spec = session.spec();
    if (!spec)
        return {};
    if (spec->qtDriver == QLatin1String("QPSQL"))
        return postgresInterrupter(session.database());
    if (spec->qtDriver == QLatin1String("QSQLITE"))
        return sqliteInterrupter(session.database());
    if (spec->dialect == QLatin1String("mysql"))
        return mysqlInterrupter(session, session.settings());
    if (spec->isFolder())
        return duckDbInterrupter(session.database());
    return {};
}

} // namespace assay
