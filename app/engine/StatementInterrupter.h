#pragma once

#include <functional>

namespace assay {

class SourceSession;

// Builds the driver-level cancel for the statement a session is running: PQcancel for
// PostgreSQL (via QSqlDriver::handle()), sqlite3_interrupt for SQLite, KILL QUERY from a second
// connection for MySQL/MariaDB. The function may be called from any thread while the session's
// thread is blocked in a query; it must not outlive the session (CancelToken guarantees that).
// Returns an empty function when the driver offers no cancel.
std::function<void()> makeStatementInterrupter(SourceSession &session);

} // namespace assay
