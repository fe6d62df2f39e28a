#pragma once

#include <QString>

namespace assay {

// The family of a declared column type, across dialects ("timestamp with time zone",
// "datetime(6)", "bigint unsigned", "NUMBER(10,0)"...).
enum class TypeFamily { Integral, Fractional, Boolean, Date, Timestamp, Time, String, Other };

TypeFamily typeFamily(const QString &declaredType);
QString typeFamilyName(TypeFamily family); // "integral", "fractional", ...
bool isDateTimeFamily(TypeFamily family);  // Date or Timestamp

} // namespace assay
