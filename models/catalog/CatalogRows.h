#pragma once

#include "models/catalog/ColumnValues.h"
#include "models/domain/Connection.h"
#include "models/domain/Container.h"
#include "models/domain/Datastore.h"
#include "models/domain/Operation.h"
#include "models/domain/Schedule.h"

class QSqlQuery;

// Reading Catalog rows into domain values, and the columns their writes share. The column lists
// and the readers stay side by side, so a SELECT and its reader cannot drift apart.
namespace assay::catalog {

// The longest name a connection, datastore or schedule may have: names are shown in lists and
// typed on command lines, and a name of megabytes makes every list that shows it slow.
inline constexpr int kMaxNameLength = 200;

// Why `name` cannot name a `kind` ("datastore", "connection", "schedule"): empty, or longer than
// kMaxNameLength; empty when it can.
QString nameProblem(const QString &name, const char *kind);

// The longest value of a connection's or datastore's other text fields (host, user, database
// or file path, schema, team), and of a connection's parameters as JSON: generous for any real
// value, and far from the megabytes that would make every list slow.
inline constexpr int kMaxFieldLength = 4096;
inline constexpr int kMaxParametersLength = 65536;

// Why `value` cannot be the `label` ("host", "schema"...) of a connection or datastore: longer
// than `max` characters; empty when it can.
QString lengthProblem(const QString &value, const char *label, int max = kMaxFieldLength);

// For NOT NULL text columns: a null QString would bind as SQL NULL, so it binds as ''.
inline QString notNull(const QString &text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

// Numbers that may be unknown (NaN in memory, NULL in the catalog).
QVariant nullUnlessFinite(double value);
double finiteOrNaN(const QVariant &value);

extern const char *const kConnectionColumns;
Connection readConnection(const QSqlQuery &query);

extern const char *const kDatastoreColumns;
Datastore readDatastore(const QSqlQuery &query);

extern const char *const kContainerColumns;
Container readContainer(const QSqlQuery &query);

extern const char *const kFieldColumns;
Field readField(const QSqlQuery &query);

// What Sync writes of a container and a field, inserted or updated: an insert adds the parent
// (datastore_id, container_id), the name and, for a container, created_at.
ColumnValues containerColumns(const Container &container, const QString &updatedAt);
ColumnValues fieldColumns(const Field &field);

extern const char *const kOperationColumns;
Operation readOperation(const QSqlQuery &query);

extern const char *const kScheduleColumns;
Schedule readSchedule(const QSqlQuery &query);

} // namespace assay::catalog
