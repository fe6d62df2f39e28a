#pragma once

#include <QString>
#include <cstdint>
#include <string_view>

namespace assay {

// How a file column's text is read: the families Sync infers for file columns.
enum class FileValueType { Integral, Fractional, Boolean, Date, Timestamp, Text };

// The value type of a file column declared as `type` ("integral", "fractional", "boolean",
// "date", "timestamp"; anything else is text).
FileValueType fileValueType(const QString &type);
// The family name of a value type ("integral"...): what the column's type says it is.
QString fileValueTypeName(FileValueType type);

// Text to typed values, as the file engine reads cells. Leading and trailing spaces are
// ignored; false when the text is not a value of the type.
namespace value_parsing {

bool integral(std::string_view text, int64_t *out);
bool fractional(std::string_view text, double *out); // "NaN" and "Infinity" included
// true/false, t/f, yes/no, y/n, 1/0, any case.
bool boolean(std::string_view text, bool *out);
// YYYY-MM-DD: days since 1970-01-01.
bool date(std::string_view text, int32_t *days);
// YYYY-MM-DD, then optionally [T or space]HH:MM[:SS[.fraction]], then optionally Z or
// ±HH[:MM]: microseconds since 1970-01-01T00:00:00Z (a time without a zone is read as UTC).
bool timestamp(std::string_view text, int64_t *micros);

} // namespace value_parsing

} // namespace assay
