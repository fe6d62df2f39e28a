#pragma once

#include "TestSupport.h"

#include <QSqlDatabase>

namespace assay::test {

// A Qt SQL connection named `connectionName` to a fixture server's default database, with its
// credentials set; not yet opened (the caller opens it and reports the error its own way).
QSqlDatabase serverDatabase(const QString &driver, const Server &server,
                            const QString &connectionName);

} // namespace assay::test
