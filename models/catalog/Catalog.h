#pragma once

#include "models/domain/Anomaly.h"
#include "models/domain/Check.h"
#include "models/domain/Connection.h"
#include "models/domain/Container.h"
#include "models/domain/Datastore.h"
#include "models/domain/FieldProfile.h"
#include "models/domain/Lookup.h"
#include "models/domain/Measurement.h"
#include "models/domain/Operation.h"
#include "models/domain/OperationShortfalls.h"
#include "models/domain/Schedule.h"

#include <QDate>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <optional>

namespace assay {

// A container as the tree lists it.
struct ContainerSummary
{
    qint64 id = 0;
    QString name;
    QString containerType;
    int fieldCount = 0;
};

// Which operations the Activity list shows, and in which order (Catalog::operationPage).
struct OperationQuery
{
    enum class Sort { CreatedAt, Duration };

    qint64 datastoreId = 0; // 0: every datastore
    QString type;           // "" or an operation type
    QString status;         // "" or an operation status
    QDate day;              // invalid, or the UTC day the operation was created
    QString container;      // "" or a container name found in the options or the result
    QString idPrefix;       // "" or the first digits of the operation id
    Sort sort = Sort::CreatedAt;
    bool descending = true;

    bool operator==(const OperationQuery &o) const
    {
        return datastoreId == o.datastoreId && type == o.type && status == o.status &&
               day == o.day && container == o.container && idPrefix == o.idPrefix &&
               sort == o.sort && descending == o.descending;
    }
    bool operator!=(const OperationQuery &o) const { return !(*this == o); }
};

// Which checks a list shows (Catalog::checks).
struct CheckQuery
{
    qint64 datastoreId = 0;
    qint64 containerId = 0; // 0: every container of the datastore
    QString status;         // "" or Active, Draft, Archived
    bool inferredOnly = false;
};

// Which anomalies a list shows (Catalog::anomalies), newest first.
struct AnomalyQuery
{
    qint64 datastoreId = 0; // 0: every datastore
    qint64 containerId = 0;
    qint64 checkId = 0;     // anomalies that failed this check
    qint64 operationId = 0; // anomalies found by this scan
    QString status;         // "" , a status, or "open" / "archived"
    QString type;           // "", "record" or "shape"
};

// A container's scan results that the enrichment datastore has not received yet: recorded in
// the scan's own Catalog transaction, removed once the enrichment write is done, written by a
// resume or the datastore's next scan when the process stopped before that or the target failed.
struct PendingEnrichmentWrite
{
    qint64 id = 0;
    qint64 operationId = 0;
    qint64 datastoreId = 0;
    qint64 containerId = 0;
    QJsonObject result;  // the container's results (app/enrichment/ScanResultJson.h)
    QString remediation; // the scan's remediation strategy
    int attempts = 0;    // failed attempts so far
    QString lastError;   // why the latest attempt failed
    QDateTime createdAt;
};

// The metadata database: what Assay knows about connections, datastores, containers, fields,
// operations and schedules. A Catalog object owns one database connection and must be used only
// from the thread that opened it; worker threads open their own Catalog on the same file.
// Writes emit change notices so item models refresh only what changed.
class Catalog : public QObject
{
    Q_OBJECT
public:
    explicit Catalog(QObject *parent = nullptr);
    ~Catalog() override;

    // Opens (creating if missing) the SQLite file at `path`, enables WAL and foreign keys, and
    // migrates the schema to the latest version. Returns false with lastError() set on failure.
    [[nodiscard]] bool open(const QString &path);
    void close();
    [[nodiscard]] bool isOpen() const;
    QString path() const { return m_path; }
    QString lastError() const { return m_lastError; }
    // For a write whose failure must not stop its caller (a log line, a progress update, a
    // rollback's best effort): a failure is logged (category assay.catalog) with lastError(),
    // never dropped. Returns `ok`.
    bool warnUnless(bool ok, const char *what) const;
    int schemaVersion() const;
    // True when open() created the schema in an empty file (a first run).
    [[nodiscard]] bool wasCreated() const { return m_created; }
    QSqlDatabase database() const;

    // Connections (no secrets: those live in the keychain).
    QList<Connection> connections() const;
    Lookup<Connection> connection(qint64 id) const;
    Lookup<Connection> connectionByName(const QString &name) const;
    // Inserts and returns the new id (0 on failure). A missing uuid is generated.
    [[nodiscard]] qint64 addConnection(Connection connection);
    [[nodiscard]] bool updateConnection(const Connection &connection);
    [[nodiscard]] bool removeConnection(qint64 id);
    // Names of the datastores using a connection (a connection in use cannot be removed).
    Result<QStringList> datastoresUsingConnection(qint64 connectionId) const;

    // Datastores.
    QList<Datastore> datastores() const;
    Lookup<Datastore> datastore(qint64 id) const;
    Lookup<Datastore> datastoreByName(const QString &name) const;
    [[nodiscard]] qint64 addDatastore(const Datastore &datastore);
    [[nodiscard]] bool updateDatastore(const Datastore &datastore);
    [[nodiscard]] bool removeDatastore(qint64 id);

    // Containers and fields (written by Sync).
    QList<Container> containers(qint64 datastoreId) const;
    // One page of a datastore's containers (not removed), by name, with their field counts:
    // what the tree reads as it expands, so 100,000 containers stay instant.
    QList<ContainerSummary> containerPage(qint64 datastoreId, int offset, int limit) const;
    Lookup<Container> container(qint64 id) const;
    [[nodiscard]] qint64 addContainer(const Container &container);
    // Saves a container's identifiers and settings (Container Settings); emits containersChanged.
    [[nodiscard]] bool updateContainerSettings(const Container &container);
    Result<int> containerCount(qint64 datastoreId) const;
    QList<Field> fields(qint64 containerId) const;
    // Every field of a datastore's containers in one query, keyed by container id.
    QHash<qint64, QList<Field>> fieldsOfDatastore(qint64 datastoreId) const;
    [[nodiscard]] qint64 addField(const Field &field);

    // Lets a writer on another connection (a worker thread's Catalog) announce its changes to
    // this Catalog's listeners.
    void notifyContainersChanged(qint64 datastoreId) { emit containersChanged(datastoreId); }
    void notifyOperationsChanged(qint64 datastoreId) { emit operationsChanged(datastoreId); }
    void notifyDatastoreRemoved(qint64 datastoreId) { emit datastoreRemoved(datastoreId); }
    // Changes whenever another connection (another thread's Catalog, the CLI, another window)
    // commits to the file: SQLite's PRAGMA data_version. -1 when it cannot be read.
    qint64 externalDataVersion() const;
    void notifyConnectionsChanged() { emit connectionsChanged(); }
    void notifyChecksChanged(qint64 datastoreId) { emit checksChanged(datastoreId); }
    void notifyAnomaliesChanged(qint64 datastoreId) { emit anomaliesChanged(datastoreId); }

    // Operations and their logs (CatalogOperations.cpp).
    QList<Operation> operations(qint64 datastoreId) const;
    QList<Operation> allOperations(int limit = 1000) const;
    // The most recent operation of each datastore, keyed by datastore id.
    QHash<qint64, Operation> latestOperations() const;
    Lookup<Operation> latestOperation(qint64 datastoreId) const;
    // The datastore's latest operation of one type (profile, scan...), finished or not.
    Lookup<Operation> latestOperation(qint64 datastoreId, const QString &type) const;
    Lookup<Operation> operation(qint64 id) const;
    [[nodiscard]] qint64 addOperation(const Operation &operation);
    // Writes status, options, counters, result, message, progress and times.
    [[nodiscard]] bool updateOperation(const Operation &operation);
    [[nodiscard]] bool removeOperation(qint64 id);
    // Operations still queued or running, as the Catalog records them (crash recovery checks
    // whether their runner process is still alive).
    QList<Operation> unfinishedOperations() const;
    // Ends an operation as aborted, with `reason` as its message and in its log.
    [[nodiscard]] bool markOperationAborted(qint64 id, const QString &reason);
    // Marks operation `id` running under `runner` unless another operation of its datastore is
    // running (in this or any other process sharing the catalog): one atomic statement, so of
    // two processes starting on one datastore only one gets it. Its value: 0 when claimed, the
    // id of the operation that holds the datastore, or -1 when that one ended meanwhile (try
    // again).
    Result<qint64> claimDatastore(qint64 id, qint64 datastoreId, const QString &runner);
    // Asks whichever process runs an operation to abort it (it polls for the request).
    [[nodiscard]] bool requestOperationAbort(qint64 id);
    // Of `ids`, those whose abort was requested.
    QList<qint64> abortRequested(const QList<qint64> &ids) const;
    [[nodiscard]] bool appendOperationLog(qint64 operationId, const OperationLogEntry &entry);
    QList<OperationLogEntry> operationLog(qint64 operationId) const;

    // Activity (CatalogActivity.cpp): what the heatmap and the operation list read.
    // Operations created per UTC day in [from, to], one aggregate query; days without any are
    // absent. datastoreId 0 counts every datastore.
    QHash<QDate, int> operationCountsByDay(qint64 datastoreId, const QDate &from,
                                           const QDate &to) const;
    // One page of the operations matching `query`, in its order. The rows leave options,
    // counters and result empty (the list does not show them): read one with operation(id).
    QList<Operation> operationPage(const OperationQuery &query, int offset, int limit) const;
    int operationCount(const OperationQuery &query) const;
    // Operations matching `query` per status, the status filter itself ignored.
    QHash<QString, int> operationStatusCounts(const OperationQuery &query) const;

    // Schedules (CatalogSchedules.cpp). The Catalog stores them; cron parsing and computing
    // next_run_at belong to the Scheduler (app/scheduling), which callers use to fill nextRunAt.
    QList<Schedule> schedules() const;
    Lookup<Schedule> schedule(qint64 id) const;
    Lookup<Schedule> scheduleByName(const QString &name) const;
    // Inserts and returns the new id (0 with lastError() on failure: empty or taken name...).
    [[nodiscard]] qint64 addSchedule(const Schedule &schedule);
    // Writes every column but created_at (last and next run included).
    [[nodiscard]] bool updateSchedule(const Schedule &schedule);
    [[nodiscard]] bool removeSchedule(qint64 id);
    [[nodiscard]] bool setScheduleEnabled(qint64 id, bool enabled);
    // Records a run: last_run_at = ranAt (kept when ranAt is invalid, e.g. a skipped run) and
    // next_run_at = nextRunAt.
    [[nodiscard]] bool recordScheduleRun(qint64 id, const QDateTime &ranAt,
                                         const QDateTime &nextRunAt);
    // Moves next_run_at from `dueAt` to `nextRunAt` only if it still is `dueAt`: of several
    // processes sharing the catalog (the window, `assay schedules run-due`), only the one that
    // gets true runs the slot.
    [[nodiscard]] bool claimScheduleSlot(qint64 id, const QDateTime &dueAt,
                                         const QDateTime &nextRunAt);

    // Profiles (CatalogProfiles.cpp): one row per (Profile operation, field), kept as history.
    // Writes the batch in one transaction; false with lastError() on failure.
    [[nodiscard]] bool addFieldProfiles(const QList<FieldProfile> &profiles);
    // The latest profile of each field of a container, by field ordinal.
    QList<FieldProfile> latestFieldProfiles(qint64 containerId) const;
    // Records counted by each container's latest profile (containers not removed, profiled at
    // least once), keyed by container id: one query, for the datastore's totals.
    QHash<qint64, qint64> latestRecordCounts(qint64 datastoreId) const;
    // A field's profiles, newest first, at most `limit`.
    QList<FieldProfile> fieldProfileHistory(qint64 fieldId, int limit = 100) const;

    // Checks (CatalogChecks.cpp).
    QList<Check> checks(const CheckQuery &query) const;
    Lookup<Check> check(qint64 id) const;
    // Inserts and returns the new id (0 with lastError() on failure). Emits checksChanged.
    [[nodiscard]] qint64 addCheck(const Check &check);
    // Writes every column but created_at; emits checksChanged.
    [[nodiscard]] bool updateCheck(const Check &check);
    [[nodiscard]] bool setCheckStatus(qint64 id, const QString &status);
    // Of a container's checks, those that ever failed a scan (have an anomaly), by id.
    QSet<qint64> checksWithAnomalies(qint64 containerId) const;
    // Active checks per container of a datastore (the overview and the profile header).
    QHash<qint64, int> activeCheckCounts(qint64 datastoreId) const;

    // Anomalies and scan metrics (CatalogAnomalies.cpp).
    // Writes the anomalies with their failed checks and source records in one transaction,
    // filling in ids (and uuids where missing). Emits anomaliesChanged.
    [[nodiscard]] bool addAnomalies(QList<Anomaly> &anomalies);
    // A page of matching anomalies, newest first; failed checks are filled, source records not.
    QList<Anomaly> anomalies(const AnomalyQuery &query, int offset = 0, int limit = 1000) const;
    int anomalyCount(const AnomalyQuery &query) const;
    // One anomaly, whole: failed checks and source records.
    Lookup<Anomaly> anomaly(qint64 id) const;
    Lookup<Anomaly> anomalyByUuid(const QString &uuid) const;
    // Changes the status when the transition is allowed (anomaly_status::canTransition), logs
    // it with the comment. False with lastError() otherwise.
    [[nodiscard]] bool setAnomalyStatus(qint64 id, const QString &status,
                                        const QString &comment = {});
    // The same for a Scan's changes (anomaly_status::canTransitionByScan): it may also archive
    // an open anomaly as Duplicate.
    [[nodiscard]] bool setAnomalyStatusByScan(qint64 id, const QString &status,
                                              const QString &comment);
    QList<AnomalyEvent> anomalyEvents(qint64 anomalyId) const;
    // Open anomalies per container of a datastore.
    QHash<qint64, int> openAnomalyCounts(qint64 datastoreId) const;
    [[nodiscard]] bool addCheckMetrics(const QList<CheckMetric> &metrics);
    QList<CheckMetric> checkMetrics(qint64 operationId) const;
    // The latest scan's figures of each check of a container, by check id.
    QHash<qint64, CheckMetric> latestCheckMetrics(qint64 containerId) const;
    // Enrichment writes still owed (CatalogEnrichmentWrites.cpp). Oldest first.
    [[nodiscard]] qint64 addPendingEnrichmentWrite(const PendingEnrichmentWrite &write);
    QList<PendingEnrichmentWrite> pendingEnrichmentWrites(qint64 datastoreId) const;
    // How many containers' results operation `operationId` still owes the enrichment datastore.
    int pendingEnrichmentWriteCount(qint64 operationId) const;
    // What `operation` left out: its result's shortfalls and its unwritten enrichment rows.
    OperationShortfalls operationShortfalls(const Operation &operation) const;
    [[nodiscard]] bool removePendingEnrichmentWrite(qint64 id);
    // Drops every write a datastore owes (its enrichment datastore was unlinked); how many.
    int discardPendingEnrichmentWrites(qint64 datastoreId);
    [[nodiscard]] bool notePendingEnrichmentWriteFailure(qint64 id, const QString &error);
    // Monitoring across time (CatalogMonitoring.cpp): a container's measurements and each
    // check's judgements, oldest first. Inserts and returns the new id (0 on failure).
    [[nodiscard]] qint64 addContainerMeasurement(const ContainerMeasurement &measurement);
    // The container's measurements at or after `since` (all when invalid), the newest `limit`.
    QList<ContainerMeasurement>
    containerMeasurements(qint64 containerId, const QDateTime &since = {}, int limit = 1000) const;
    // A check's judgements by the scans that ran it, the newest `limit`.
    QList<CheckHistoryPoint> checkHistory(qint64 checkId, int limit = 400) const;
    // The incremental field's highest value a scan has read (null when none yet).
    QString scanHighWaterMark(qint64 containerId) const;
    [[nodiscard]] bool setScanHighWaterMark(qint64 containerId, const QString &value);

signals:
    void connectionsChanged();
    void datastoreAdded(qint64 id);
    void datastoreUpdated(qint64 id);
    void datastoreRemoved(qint64 id);
    void containersChanged(qint64 datastoreId);
    void operationsChanged(qint64 datastoreId);
    void schedulesChanged();
    void checksChanged(qint64 datastoreId);
    void anomaliesChanged(qint64 datastoreId);

private:
    friend class CatalogTransaction;

    bool fail(const QString &message) const;
    bool failQuery(const class QSqlQuery &query) const;
    // The first row of an executed `query` read by `read`: found, not found, or the query's
    // failure (also kept in lastError()).
    template <typename T, typename Read>
    Lookup<T> lookupRow(class QSqlQuery &query, bool executed, Read read) const;
    qint64 insertReturningId(class QSqlQuery &query) const;
    [[nodiscard]] bool writeAnomalyStatus(const Anomaly &existing, const QString &status,
                                          const QString &comment);
    // A write's own transaction, or a savepoint when a CatalogTransaction is open, so that a
    // multi-statement write stays all-or-nothing either way (CatalogTransaction.cpp).
    [[nodiscard]] bool beginWrite();
    [[nodiscard]] bool commitWrite();
    void rollbackWrite();

    QString m_connectionName;
    QString m_path;
    mutable QString m_lastError;
    bool m_created = false;
    int m_writeDepth = 0; // open beginWrite() levels
};

template <typename T, typename Read>
Lookup<T> Catalog::lookupRow(QSqlQuery &query, bool executed, Read read) const
{
    if (!executed) {
        failQuery(query);
        return Lookup<T>::failure(m_lastError);
    }
    if (!query.next())
        return Lookup<T>::notFound();
    return Lookup<T>::found(read(query));
}

} // namespace assay
