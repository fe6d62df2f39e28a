#pragma once

#include <QString>

namespace assay {

struct Field;

// The family of a declared column type, across dialects ("timestamp with time zone",
// "datetime(6)", "bigint unsigned", "NUMBER(10,0)"...).
enum class TypeFamily { Integral, Fractional, Boolean, Date, Timestamp, Time, String, Other };

TypeFamily typeFamily(const QString &declaredType);
// A field's family: its base type's when it has one (a domain's, an enum's, a family inferred
// from the values), else its declared type's. Without a dialect: ColumnMeasure::family is the
// exact answer where the dialect is known.
TypeFamily fieldFamily(const Field &field);
QString typeFamilyName(TypeFamily family); // "integral", "fractional", ...
bool isDateTimeFamily(TypeFamily family);  // Date or Timestamp

} // namespace assay
