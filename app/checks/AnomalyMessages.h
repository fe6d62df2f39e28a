#pragma once

#include "app/checks/CheckCompiler.h"
#include "models/domain/Check.h"

#include <QJsonObject>
#include <QString>

// The violation messages of anomalies, one wording per rule (reference spec 3.3):
//   record: "The value for qty of -3 is not between 1.000 and 9.000."
//   shape:  "In L_QUANTITY, 66.67% of 3 filtered records (2) are not between 5.000 and 20.000."
namespace assay::anomaly_messages {

// What a failing value does, for one value ("is not between 1.000 and 9.000") or several
// ("are not between 1.000 and 9.000").
QString violation(const Check &check, bool plural);

// One failing record, `row` its values by column name.
QString recordMessage(const Check &check, const QJsonObject &row);

// A share of failing records (coverage, or a rolled-up count of record anomalies).
// `where`: the fields, or the container name when the check has none.
QString shareMessage(const Check &check, qint64 asserted, qint64 failing, const QString &where);

// A table-level figure that failed (distinctCount, sum, requiredValues, minPartitionSize,
// expectedSchema, fieldCount), from what was measured.
QString figureMessage(const Check &check, const CheckCount &count);

// Three decimals, as thresholds read in messages: 1.000.
QString threshold(double value);
// A value of a row as messages show it: integers without decimals, text as is, "null".
QString value(const QJsonValue &value);

} // namespace assay::anomaly_messages
