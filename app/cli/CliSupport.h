#pragma once

#include "app/engine/OperationRequest.h"
#include "models/catalog/Catalog.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QStringList>
#include <QTextStream>
#include <functional>

namespace assay::cli {

// 0 success, 1 failure (an operation that failed or was aborted), 2 wrong usage, 3 an operation
// that ended with a warning (it ran, and left something out: see what it prints).
enum ExitCode { Success = 0, Failure = 1, Usage = 2, Warning = 3 };

// What every command gets: its own arguments, the output streams and the opened Catalog.
struct Context
{
    QStringList arguments; // the command's arguments, starting with the program name
    QString catalogPath;
    Catalog *catalog = nullptr;
    QTextStream *out = nullptr;
    QTextStream *err = nullptr;
    bool helpShown = false; // parse() printed --help: the command ends successfully
    // Operations this command found orphaned (their runner gone) and marked aborted.
    QList<qint64> recoveredOperations;
};

// One subcommand of a command group ("create" of `assay connections`).
struct Subcommand
{
    const char *name;
    std::function<int(Context &)> run;
};
// Runs the subcommand named by ctx.arguments[1] (the group's usage when none or --help is given;
// an error for an unknown one). `group` is "connections", "datastores"...
int dispatch(Context &ctx, const QString &group, const QString &usage,
             const QList<Subcommand> &subcommands);

// Prints "assay: <message>" (and "hint: <hint>") on stderr and returns `code`.
int fail(Context &ctx, const QString &message, const QString &hint = QString(), int code = Failure);
// Parses `ctx.arguments` for a subcommand; on error prints usage and returns false.
bool parse(Context &ctx, QCommandLineParser &parser, const QString &usage);
void printJson(Context &ctx, const QJsonValue &value);
// Prints rows as aligned columns under a header.
void printTable(Context &ctx, const QStringList &header, const QList<QStringList> &rows);

// The datastore a command names, by name or by id.
Lookup<Datastore> findDatastore(const Catalog &catalog, const QString &nameOrId);

QJsonObject connectionJson(const Connection &connection);
QJsonObject datastoreJson(const Catalog &catalog, const Datastore &datastore);
// An operation in the shape of the API's /api/operations/{id} item.
QJsonObject operationJson(const Catalog &catalog, const Operation &operation);

// Starts `assay operations execute ID` detached, so a queued operation runs to its end even after
// this command returns. On failure the operation is marked aborted and `error` says why.
bool startRunner(Context &ctx, qint64 operationId, QString *error);
// Records a queued Sync with default options and starts its runner; returns its id or 0.
qint64 queueSync(Context &ctx, qint64 datastoreId, const QJsonObject &options, QString *error);
// Records `request` as a queued operation and starts a detached runner for it (the engine's
// records, operation_records); its id, or 0 with `error`.
qint64 queueDetached(Context &ctx, const OperationRequest &request, QString *error);

int runConnections(Context &ctx);
int runDatastores(Context &ctx);
int runOperations(Context &ctx);
int runContainers(Context &ctx);
// `assay profiles show` (CliProfiles.cpp).
int runProfiles(Context &ctx);
// `assay schedules create|list|delete|pause|resume|run-due` (CliSchedules.cpp).
int runSchedules(Context &ctx);
// `assay datastores link-enrichment` and `unlink-enrichment` (CliEnrichment.cpp).
int runLinkEnrichment(Context &ctx);
int runUnlinkEnrichment(Context &ctx);
int runExportDatastores(Context &ctx); // `assay datastores export` (CliImportExport.cpp)
int runImportDatastores(Context &ctx); // `assay datastores import` (CliImportExport.cpp)

} // namespace assay::cli
