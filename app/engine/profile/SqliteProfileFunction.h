#pragma once

#include "app/engine/profile/ColumnSketch.h"

#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>
#include <QVariant>

namespace assay::sqlite_profile {

// SQL name of the aggregate: assay_profile(value, kind) -> a JSON object (ColumnSketch::toJson),
// kind 0 numeric, 1 text, 2 other.
constexpr const char *kFunction = "assay_profile";

// Registers the aggregate on the SQLite connection behind `db`. Only when that connection runs
// on the very SQLite library Assay links (same version and source): otherwise, or on any other
// database, false, and Profile's first pass uses plain SQL aggregates.
bool install(const QSqlDatabase &db);

// The select-list item for one (quoted, qualified) column.
QString call(const QString &column, ColumnSketch::Kind kind);

// The aggregate's result, parsed.
QJsonObject read(const QVariant &result);

} // namespace assay::sqlite_profile
