#include "EngineHarness.h"

#include "app/engine/OperationRequest.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTest>
#include <QUuid>

namespace assay::test {

bool waitForOperation(QSignalSpy &finished, qint64 operationId, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < timeoutMs) {
        for (const auto &args : finished)
            if (args.at(0).toLongLong() == operationId)
                return true;
        // Not finished.wait(): once a test function has failed, QSignalSpy::wait() returns at
        // once without delivering events, and every later wait would run into its timeout.
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 100);
    }
    return false;
}

bool EngineHarness::start(const QString &catalogPath, int workers)
{
    if (!catalog.open(catalogPath))
        return false;
    engine = std::make_unique<OperationEngine>(&catalog, &credentials, workers);
    return true;
}

void EngineHarness::startOnFixtures(const QString &catalogPath, int workers)
{
    QVERIFY2(useTestKeyring(), "the Keyring fixture is not running");
    QVERIFY2(postgres().port, "the Servers fixture is not running");
    QVERIFY(start(catalogPath, workers));
}

qint64 EngineHarness::datastoreFor(const QString &name, const QString &type, const Server &server,
                                   const QString &database, const QString &schema)
{
    Connection c;
    c.name = name;
    c.type = type;
    c.host = server.host;
    c.port = server.port;
    c.username = server.user;
    c.database = database;
    c.uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (!server.password.isEmpty()) {
        if (!credentials.writeAndWait(c.uuid, QStringLiteral("password"), server.password).ok())
            return 0;
        c.secretFields << QStringLiteral("password");
    }
    Datastore d;
    d.name = name;
    d.connectionId = catalog.addConnection(c);
    d.database = database;
    d.schema = schema;
    return catalog.addDatastore(d);
}

Operation EngineHarness::run(qint64 datastoreId, const QString &type, const QJsonObject &options,
                             int timeoutMs)
{
    // The spy exists before the operation is queued, so a quick finish is not missed.
    QSignalSpy finished(engine.get(), &OperationEngine::operationFinished);
    OperationRequest request;
    request.datastoreId = datastoreId;
    request.type = type;
    request.options = options;
    const qint64 id = engine->enqueue(request);
    if (!id)
        return {};
    waitForOperation(finished, id, timeoutMs);
    return *catalog.operation(id);
}

Operation EngineHarness::resume(qint64 operationId, int timeoutMs)
{
    QSignalSpy finished(engine.get(), &OperationEngine::operationFinished);
    if (!engine->resume(operationId))
        return {};
    waitForOperation(finished, operationId, timeoutMs);
    return *catalog.operation(operationId);
}

Container EngineHarness::container(qint64 datastoreId, const QString &name)
{
    for (const Container &c : catalog.containers(datastoreId))
        if (c.name == name)
            return c;
    return {};
}

qint64 EngineHarness::addCheck(Check check, const Container &on)
{
    check.datastoreId = on.datastoreId;
    check.containerId = on.id;
    // The Catalog binds a null QString as NULL into NOT NULL columns.
    check.filter = check.filter.isNull() ? QStringLiteral("") : check.filter;
    check.description = check.description.isNull() ? QStringLiteral("") : check.description;
    return catalog.addCheck(check);
}

QString EngineHarness::describe(const Operation &op)
{
    QString text = op.status + QStringLiteral(": ") + op.message;
    for (const OperationLogEntry &e : catalog.operationLog(op.id))
        text += QStringLiteral("\n  ") + e.level + QStringLiteral(" ") + e.message;
    return text;
}

QList<Check> EngineHarness::liveInferredChecks(CheckQuery query)
{
    query.inferredOnly = true;
    QList<Check> out;
    for (const Check &k : catalog.checks(query))
        if (k.status != check_status::kArchived)
            out << k;
    return out;
}

} // namespace assay::test
