#pragma once

#include <QLoggingCategory>
#include <QString>

Q_DECLARE_LOGGING_CATEGORY(lcSql)

namespace assay::sql_log {

// Logs a statement Assay ran on a source, whole, with what it cost: QT_LOGGING_RULES=
// "assay.sql.debug=true" shows every statement of every operation (Sync, Profile, Scan, the
// file engine). Bound values stay out of the log: they may be a user's data.
void statement(qint64 elapsedMs, const QString &sql, bool ok);

} // namespace assay::sql_log
