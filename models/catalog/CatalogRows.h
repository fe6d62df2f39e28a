#pragma once

#include "models/domain/Connection.h"
#include "models/domain/Container.h"
#include "models/domain/Datastore.h"
#include "models/domain/Operation.h"
#include "models/domain/Schedule.h"

class QSqlQuery;

// Reading Catalog rows into domain values. The column lists and the readers stay side by side,
// so a SELECT and its reader cannot drift apart.
namespace assay::catalog {

// For NOT NULL text columns: a null QString would bind as SQL NULL, so it binds as ''.
inline QString notNull(const QString &text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

extern const char *const kConnectionColumns;
Connection readConnection(const QSqlQuery &query);

extern const char *const kDatastoreColumns;
Datastore readDatastore(const QSqlQuery &query);

extern const char *const kContainerColumns;
Container readContainer(const QSqlQuery &query);

extern const char *const kFieldColumns;
Field readField(const QSqlQuery &query);

extern const char *const kOperationColumns;
Operation readOperation(const QSqlQuery &query);

extern const char *const kScheduleColumns;
Schedule readSchedule(const QSqlQuery &query);

} // namespace assay::catalog
