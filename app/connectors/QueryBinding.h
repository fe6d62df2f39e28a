#pragma once

#include <QSqlQuery>
#include <QVariant>

namespace assay {

// Binds the next positional value of `query` as its driver needs it. Qt's ODBC driver hands
// MariaDB's ODBC driver a string with its terminating NUL counted ("shop\0": it then equals no
// name), so text goes to MariaDB over ODBC as UTF-8 bytes: on connections marked so.
void bindValue(QSqlQuery &query, const QVariant &value);

// Marks a connection whose driver takes text as UTF-8 bytes (QODBC to MariaDB or MySQL).
void bindTextAsBytes(const QSqlDatabase &db);

} // namespace assay
