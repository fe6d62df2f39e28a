#pragma once

#include "app/checks/CheckCompiler.h"
#include "app/connectors/SourceConstraints.h"
#include "models/domain/Check.h"

#include <QList>
#include <QString>

namespace assay {

// The constraint that makes `check` hold on every record of its table, as a user reads it
// ("primary key “orders_pkey”"), or empty when none does:
//   notNull      NOT NULL on its field (or a SQLite rowid alias);
//   anyNotNull   NOT NULL on one of its fields;
//   unique       an enforced primary key or unique constraint over some of its fields (the
//                fields' values are unique, so any wider combination is; the check asserts
//                only records holding every field, and the constraint allows repeated nulls
//                alike).
// Only enforced constraints count (see readsConstraints), and only over fields the check reads
// as they are stored (a field compared through its text, a composite, is not the column the
// constraint holds). A filter, an incremental read or a record limit only narrow the records:
// what holds for all holds for them.
QString constraintGuarantee(const Check &check, const QList<SourceConstraint> &constraints,
                            const CheckSqlContext &context);

// Whether any of `checks` is of a rule a constraint can guarantee (worth reading them for).
bool mayBeGuaranteed(const QList<Check> &checks);

} // namespace assay
