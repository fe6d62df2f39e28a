#include "DemoSetup.h"

#include "EventWait.h"
#include "app/demo/DemoChecks.h"
#include "app/demo/DemoShop.h"
#include "app/engine/OperationEngine.h"
#include "models/catalog/Catalog.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <cstdio>

namespace assay::screenshots {
namespace {

// Who runs the Demo Shop's operations on a first start; the Activity tab shows it.
const QString kFirstStart = QStringLiteral("first_start");

// Queues `type` for the datastore and waits for its end; false with `error` when it cannot be
// queued, does not finish before `deadline`, or ends in failure or aborted.
bool runToEnd(Catalog &catalog, OperationEngine &engine, qint64 datastoreId, const QString &type,
              const QJsonObject &options, const QDeadlineTimer &deadline, QString *error)
{
    const QString name = operation_type::displayName(type);
    OperationRequest request;
    request.datastoreId = datastoreId;
    request.type = type;
    request.options = options;
    request.triggeredBy = kFirstStart;
    QElapsedTimer clock;
    clock.start();
    const qint64 id = engine.enqueue(request);
    if (!id) {
        *error = QStringLiteral("%1 of the Demo Shop could not be queued: %2")
                     .arg(name, engine.lastError());
        return false;
    }
    if (!waitUntil([&] { return !engine.isActive(id); }, deadline)) {
        *error = QStringLiteral("%1 of the Demo Shop did not finish in time").arg(name);
        return false;
    }
    const auto op = catalog.operation(id);
    const QString status = op ? op->status : QStringLiteral("unknown");
    std::fprintf(stderr, "%s of the Demo Shop: %s (%.1f s)\n", qPrintable(name), qPrintable(status),
                 clock.elapsed() / 1000.0);
    if (status == operation_status::kSuccess || status == operation_status::kWarning)
        return true;
    *error = QStringLiteral("%1 of the Demo Shop ended %2: %3")
                 .arg(name, status, op ? op->message : catalog.lastError());
    return false;
}

qint64 generateAndRegister(Catalog &catalog, QString *error)
{
    const QString path = demo::demoShopPath(catalog.path());
    QString why;
    if (!demo::generateDemoShop(path, &why)) {
        *error = QStringLiteral("the Demo Shop could not be generated: %1").arg(why);
        return 0;
    }
    const qint64 id = demo::registerDemoShop(catalog, path, &why);
    if (!id)
        *error = QStringLiteral("the Demo Shop could not be registered: %1").arg(why);
    return id;
}

} // namespace

qint64 prepareDemoShop(Catalog &catalog, OperationEngine &engine, int timeoutMs, QString *error)
{
    const qint64 id = generateAndRegister(catalog, error);
    if (!id)
        return 0;
    const QDeadlineTimer deadline(timeoutMs);
    if (!runToEnd(catalog, engine, id, operation_type::kSync, {}, deadline, error))
        return 0;
    QString why;
    if (demo::addDemoChecks(catalog, id, &why) < 0) {
        *error = QStringLiteral("the Demo Shop's checks could not be added: %1").arg(why);
        return 0;
    }
    // The same options as the first start's Profile: infer checks up to level 2.
    const QJsonObject profile{{QStringLiteral("inference_threshold"), 2}};
    if (!runToEnd(catalog, engine, id, operation_type::kProfile, profile, deadline, error) ||
        !runToEnd(catalog, engine, id, operation_type::kScan, {}, deadline, error))
        return 0;
    return id;
}

namespace {

bool createEmptySqliteFile(const QString &path)
{
    const QString name = QStringLiteral("assay-screenshots-enrichment");
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        ok = db.open() && QSqlQuery(db).exec(QStringLiteral("PRAGMA user_version = 1"));
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

} // namespace

qint64 addEnrichmentDatastore(Catalog &catalog, QString *error)
{
    const QString name = QStringLiteral("Quality Results");
    const QString path =
        QFileInfo(catalog.path()).dir().filePath(QStringLiteral("quality_results.sqlite"));
    if (!createEmptySqliteFile(path)) {
        *error = QStringLiteral("could not create %1").arg(path);
        return 0;
    }
    Connection connection;
    connection.name = name;
    connection.type = QStringLiteral("sqlite");
    connection.database = path;
    Datastore datastore;
    datastore.name = name;
    datastore.connectionId = catalog.addConnection(connection);
    datastore.database = path;
    datastore.schema = QStringLiteral("main");
    datastore.teams = {QStringLiteral("Data Platform")};
    datastore.enrichOnly = true;
    const qint64 id = datastore.connectionId ? catalog.addDatastore(datastore) : 0;
    if (!id)
        *error =
            QStringLiteral("could not add the enrichment datastore: %1").arg(catalog.lastError());
    return id;
}

} // namespace assay::screenshots
