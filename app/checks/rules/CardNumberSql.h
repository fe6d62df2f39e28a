#pragma once

#include "app/checks/CheckCompiler.h"

// Payment card numbers in SQL, for the rules about them (PersonalDataRules.cpp).
namespace assay::card_sql {

// The fewest and most digits of a card number (ISO/IEC 7812).
inline constexpr int kMinDigits = 13;
inline constexpr int kMaxDigits = 19;

// Whether the text expression `text` is, as a whole, a card number: 13 to 19 digits, single
// spaces or dashes allowed between them, whose Luhn checksum holds. One spelling for every
// dialect (SUBSTR, LENGTH, REPLACE, LIKE and CASE: no regular expression, no modulo, no
// concatenation), so it runs on SQLite, PostgreSQL, MySQL, SQL Server, Oracle, the file engine
// and ODBC sources alike.
SqlFragment isCardNumber(const SqlDialect &dialect, const SqlFragment &text);

// A regular expression finding a card-like number inside text: 13 to 19 digits, single spaces
// or dashes allowed between them, neither preceded nor followed by another digit. Written in
// the subset every dialect's regular expressions share (no \d, \b or lookaround).
QString cardLikePattern();

} // namespace assay::card_sql
