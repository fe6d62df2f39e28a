#pragma once

#include "models/domain/Lookup.h"

#include <QCommandLineParser>
#include <QJsonObject>
#include <QList>

namespace assay::cli {

// How `assay operations run TYPE` reads TYPE's options: one parser per operation type, each
// declaring only the options its operation takes (so `run sync --record-limit 5` is refused
// instead of ignored) and turning what was given into that operation's options.
struct RunOptionParser
{
    const char *name;      // the TYPE word on the command line
    QString operationType; // operation_type::...
    void (*declare)(QCommandLineParser &parser);
    // The operation's options, or a usage error naming the option at fault.
    Result<QJsonObject> (*read)(const QCommandLineParser &parser);
};

// Sync, its API alias "catalog", Profile and Scan.
const QList<RunOptionParser> &runOptionParsers();

} // namespace assay::cli
