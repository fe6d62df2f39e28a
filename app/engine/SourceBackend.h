#pragma once

#include <QJsonObject>
#include <QString>
#include <optional>

namespace assay {

class SourceSession;

// The server session an operation's source connection runs on, recorded with the operation so
// that a later run (a resume after the runner was killed) can stop a statement the dead runner
// left running on the server instead of competing with it. PostgreSQL: the backend's pid and
// start time (a pid alone may be reused); MySQL/MariaDB: the connection id (not reused until it
// wraps). Embedded engines (SQLite, DuckDB) die with the process and have none.
struct SourceBackend
{
    QString kind; // "postgresql" or "mysql"
    qint64 id = 0;
    QString startedAt; // PostgreSQL: backend_start, UTC, microseconds

    QJsonObject toJson() const;
    static std::optional<SourceBackend> fromJson(const QJsonObject &json);
    bool operator==(const SourceBackend &o) const
    {
        return kind == o.kind && id == o.id && startedAt == o.startedAt;
    }
};

// The session `session` runs on; std::nullopt for an engine without one or when it cannot be
// read.
std::optional<SourceBackend> currentBackend(SourceSession &session);

// Ends `leftover` through `session` (same server and role) when it still runs: true when it
// did, false when it had ended already or could not be ended (`error` says why then).
bool endLeftoverBackend(SourceSession &session, const SourceBackend &leftover, QString *error);

} // namespace assay
