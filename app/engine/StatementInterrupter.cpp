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
#ifdef Q_OS_WIN
#include <winsock2.h>
#else
#include <sys/socket.h>
#endif

Q_DECLARE_LOGGING_CATEGORY(lcEngine)

namespace assay {

namespace {

void shutdownSocket(int socket)
{
#ifdef Q_OS_WIN
    ::shutdown(SOCKET(socket), SD_BOTH);
#else
    ::shutdown(socket, SHUT_RDWR);
#endif
}

StatementInterrupter postgresInterrupter(SourceSession &session)
{
    const QVariant handle = session.database().driver()->handle();
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
    const int backend = PQbackendPID(connection);
    const int socket = PQsocket(connection);
    const ConnectionSettings settings = session.settings();
    return [cancel, backend, socket, settings](InterruptLevel level) {
        switch (level) {
        case InterruptLevel::Cancel: {
            char error[256] = {};
            if (!PQcancel(cancel.get(), error, sizeof error))
                qCWarning(lcEngine) << "PQcancel failed:" << error;
            return;
        }
        case InterruptLevel::Terminate: {
            SourceSession killer(settings);
            if (!killer.open()) {
                qCWarning(lcEngine) << "cannot open a connection to end backend" << backend << ":"
                                    << killer.diagnosis().message();
                return;
            }
            QSqlQuery kill(killer.database());
            kill.prepare(QStringLiteral("SELECT pg_terminate_backend(?)"));
            kill.addBindValue(backend);
            if (!kill.exec())
                qCWarning(lcEngine) << "pg_terminate_backend failed for" << backend;
            return;
        }
        case InterruptLevel::Disconnect:
            // The descriptor stays open (libpq closes it with the connection), so it cannot be
            // reused under the worker; its blocked read returns and libpq reports the loss.
            if (socket >= 0)
                shutdownSocket(socket);
            return;
        }
    };
}

StatementInterrupter sqliteInterrupter(const QSqlDatabase &db)
{
    const QVariant handle = db.driver()->handle();
    if (qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return {};
    sqlite3 *connection = *static_cast<sqlite3 *const *>(handle.constData());
    if (!connection)
        return {};
    return [connection](InterruptLevel) { sqlite3_interrupt(connection); };
}

StatementInterrupter mysqlInterrupter(SourceSession &session, const ConnectionSettings &settings)
{
    QSqlQuery q(session.database());
    if (!q.exec(QStringLiteral("SELECT CONNECTION_ID()")) || !q.next())
        return {};
    const qlonglong id = q.value(0).toLongLong();
    return [settings, id](InterruptLevel level) {
        // A second connection on the calling thread: KILL QUERY stops the statement and keeps
        // the worker's connection usable; KILL ends the whole session.
        SourceSession killer(settings);
        if (!killer.open()) {
            qCWarning(lcEngine) << "cannot open a connection for KILL:"
                                << killer.diagnosis().message();
            return;
        }
        QSqlQuery kill(killer.database());
        const QString verb =
            level == InterruptLevel::Cancel ? QStringLiteral("KILL QUERY") : QStringLiteral("KILL");
        if (!kill.exec(QStringLiteral("%1 %2").arg(verb).arg(id)))
            qCWarning(lcEngine) << verb << "failed";
    };
}

} // namespace

StatementInterrupter makeStatementInterrupter(SourceSession &session)
{
    const ConnectorSpec *spec = session.spec();
    if (!spec)
        return {};
    if (spec->qtDriver == QLatin1String("QPSQL"))
        return postgresInterrupter(session);
    if (spec->qtDriver == QLatin1String("QSQLITE"))
        return sqliteInterrupter(session.database());
    if (spec->dialect == QLatin1String("mysql"))
        return mysqlInterrupter(session, session.settings());
    if (spec->isFolder()) {
        std::function<void()> interrupt = duckDbInterrupter(session.database());
        if (!interrupt)
            return {};
        return [interrupt](InterruptLevel) { interrupt(); };
    }
    return {};
}

} // namespace assay
