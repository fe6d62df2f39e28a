#pragma once

#include "app/connectors/Discovery.h"
#include "app/engine/OperationContext.h"

#include <QJsonObject>

namespace assay {

class Catalog;

// Sync options (API type "catalog"): prune, recreate, include tables and/or views, and
// partitions as containers of their own.
struct SyncOptions
{
    bool prune = false;
    bool recreate = false;
    bool includeTables = true;
    bool includeViews = true;
    bool includePartitions = false;

    static SyncOptions fromJson(const QJsonObject &options);
    QJsonObject toJson() const;
};

// What a sync changed, as counters and as names (capped) for the operation's result.
struct SyncSummary
{
    QJsonObject counters;
    QJsonObject result;
};

// Compares what the source has with what the Catalog knows and writes only the differences, in
// batches, checking the cancel token between batches. Used by SyncOperation; public for tests
// and the benchmark.
class SyncApplier
{
public:
    SyncApplier(Catalog &catalog, qint64 datastoreId, SyncOptions options);
    // `progress` gets 0..1 while batches commit; returns false with error() on a Catalog error.
    // Containers named in `partitions` (partitions the source now folds into their table) are
    // archived, history kept, whatever the prune option says.
    bool apply(const QVector<DiscoveredContainer> &discovered,
               const std::function<bool()> &cancelled, const std::function<void(double)> &progress,
               const QStringList &partitions = {});
    const SyncSummary &summary() const { return m_summary; }
    QString error() const { return m_error; }

private:
    void note(const char *counter, const QString &name);

    Catalog &m_catalog;
    qint64 m_datastoreId;
    SyncOptions m_options;
    SyncSummary m_summary;
    QString m_error;
};

class SyncOperation : public OperationRunner
{
public:
    OperationOutcome run(OperationContext &context) override;
};

} // namespace assay
