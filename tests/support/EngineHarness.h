#pragma once

#include "TestSupport.h"
#include "app/engine/OperationEngine.h"
#include "app/secrets/CredentialStore.h"
#include "models/catalog/Catalog.h"

#include <QJsonObject>
#include <QSignalSpy>
#include <memory>

// What the engine tests share: one catalog, one credential store (the Keyring fixture's) and
// one engine over them, datastores on the fixture servers, and running an operation to its end.
namespace assay::test {

// Waits until `finished` (a spy on OperationEngine::operationFinished) has seen `operationId`,
// or `timeoutMs` has passed. Returns whether it was seen.
bool waitForOperation(QSignalSpy &finished, qint64 operationId, int timeoutMs);

class EngineHarness
{
public:
    // Opens the catalog file and starts an engine with `workers` workers over it.
    bool start(const QString &catalogPath, int workers = 2);
    // start() for the tests that need the Keyring and Servers fixtures: fails the running test
    // function (call it last in initTestCase) when one of them is missing.
    void startOnFixtures(const QString &catalogPath, int workers = 2);
    // Stops the engine (its workers end before the catalog does).
    void stop() { engine.reset(); }

    // A connection and datastore reaching `server` (SQLite: an empty Server, the file path as
    // `database`); a password goes to the keychain, as the app keeps it. 0 on failure.
    qint64 datastoreFor(const QString &name, const QString &type, const Server &server,
                        const QString &database, const QString &schema);

    // Queues an operation and waits up to `timeoutMs` for it to finish; returns its record as
    // the catalog holds it then (an empty Operation when the request was refused).
    Operation run(qint64 datastoreId, const QString &type, const QJsonObject &options,
                  int timeoutMs = 60000);
    // Resumes an aborted or failed operation and waits for it as run() does (an empty
    // Operation when the engine refuses).
    Operation resume(qint64 operationId, int timeoutMs = 60000);

    // The container of that name in a datastore, or an empty one.
    Container container(qint64 datastoreId, const QString &name);

    // Adds a check on a container (its datastore and container set from `on`); the check's id.
    qint64 addCheck(Check check, const Container &on);

    // The inferred checks `query` selects that are not archived (what inference keeps live).
    QList<Check> liveInferredChecks(CheckQuery query);

    // Status, message and log of an operation, for failure messages.
    QString describe(const Operation &op);

    Catalog catalog;
    CredentialStore credentials;
    std::unique_ptr<OperationEngine> engine;
};

} // namespace assay::test
