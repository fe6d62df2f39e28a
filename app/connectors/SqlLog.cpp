#include "app/connectors/SqlLog.h"

Q_LOGGING_CATEGORY(lcSql, "assay.sql", QtInfoMsg)

namespace assay::sql_log {

void statement(qint64 elapsedMs, const QString &sql, bool ok)
{
    qCDebug(lcSql).noquote() << elapsedMs << "ms" << (ok ? "" : "(failed)") << sql;
}

} // namespace assay::sql_log
