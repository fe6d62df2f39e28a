#pragma once

#include "app/connectors/SourceSession.h"
#include "app/engine/CancelToken.h"
#include "app/engine/OperationRequest.h"
#include "models/catalog/Catalog.h"

#include <QObject>
#include <optional>

namespace assay {

// What the engine hands a worker: the operation to run and what it needs to reach the source.
struct WorkItem
{
    qint64 operationId = 0;
    QString catalogPath;
    ConnectionSettings source; // secrets resolved, in memory only
    // Scan only: the linked enrichment datastore's connection, secrets resolved.
    std::optional<ConnectionSettings> enrichment;
    CancelTokenPtr token;
};

// Runs operations on its own QThread, with its own Catalog connection (opened in that thread)
// and its own source connections. Results reach the engine as queued signals.
class OperationWorker : public QObject
{
    Q_OBJECT
public:
    explicit OperationWorker(QObject *parent = nullptr);

public slots:
    void run(const assay::WorkItem &item);

signals:
    void started(qint64 operationId);
    void progressed(const assay::OperationProgress &progress);
    void finished(qint64 operationId, qint64 datastoreId, const QString &status,
                  const QString &message);

private:
    bool ensureCatalog(const QString &path, QString *error);
    // Waits until no other operation of the datastore runs, in this or any process sharing the
    // catalog, then marks `op` running (Catalog::claimDatastore). False with `error` when the
    // wait was aborted or the catalog failed.
    bool claimDatastore(const Operation &op, const CancelToken &token, QString *error);

    Catalog m_catalog;
};

} // namespace assay

Q_DECLARE_METATYPE(assay::WorkItem)
