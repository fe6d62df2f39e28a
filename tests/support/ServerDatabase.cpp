#include "ServerDatabase.h"

namespace assay::test {

QSqlDatabase serverDatabase(const QString &driver, const Server &server,
                            const QString &connectionName)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(driver, connectionName);
    db.setHostName(server.host);
    db.setPort(server.port);
    db.setUserName(server.user);
    db.setPassword(server.password);
    db.setDatabaseName(server.database);
    return db;
}

} // namespace assay::test
