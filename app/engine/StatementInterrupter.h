#pragma once

#include "app/engine/CancelToken.h"

namespace assay {

class SourceSession;

// Builds the driver-level interrupter for the statement a session is running, per
// InterruptLevel: PostgreSQL PQcancel (via QSqlDriver::handle()), then pg_terminate_backend
// from a second connection, then shutdown() of the connection's socket; MySQL/MariaDB KILL QUERY
// then KILL from a second connection; SQLite and DuckDB their interrupt call at every level.
// The function may be called from any thread while the session's thread is blocked in a query;
// it must not outlive the session (CancelToken guarantees that). Returns an empty function when
// the driver offers no cancel.
StatementInterrupter makeStatementInterrupter(SourceSession &session);

} // namespace assay
