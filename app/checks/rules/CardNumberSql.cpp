#include "app/checks/rules/CardNumberSql.h"

#include "app/checks/CheckSqlText.h"

namespace assay::card_sql {

using namespace check_sql;
using Family = SqlDialect::Family;

namespace {

// SQL Server alone has no SUBSTR; Oracle alone has no SUBSTRING.
QString substr(const SqlDialect &d)
{
    return d.family() == Family::SqlServer ? QStringLiteral("SUBSTRING") : QStringLiteral("SUBSTR");
}

// The value without its separators. MySQL compares its bytes: a Unicode collation would take a
// full-width '１' for the digit '1'.
SqlFragment digitsOf(const SqlDialect &d, const SqlFragment &text)
{
    const SqlFragment digits =
        fmt(QStringLiteral("REPLACE(REPLACE(%1, ' ', ''), '-', '')"), {text});
    if (d.family() == Family::MySQL)
        return fmt(QStringLiteral("CAST(%1 AS BINARY)"), {digits});
    return digits;
}

// Separators only between digits: none leading or trailing, never two in a row.
SqlFragment separatorsBetweenDigits(const SqlFragment &text)
{
    static const char *const kOutOfPlace[] = {" %",   "-%",   "% ",   "%-",
                                              "%  %", "%--%", "% -%", "%- %"};
    QList<SqlFragment> tests;
    for (const char *pattern : kOutOfPlace)
        tests << fmt(QStringLiteral("%1 NOT LIKE %2"),
                     {text, raw(QLatin1Char('\'') + QLatin1String(pattern) + QLatin1Char('\''))});
    return join(tests, QStringLiteral(" AND "));
}

// What the digit `k` places from the right (0: the check digit) adds to the Luhn sum: every
// second digit is doubled, and a doubled digit above 9 counts its two digits' sum. A simple
// CASE maps the digit characters; any other character maps to NULL, which makes the sum NULL and
// the value no card number.
SqlFragment luhnTerm(const SqlDialect &d, const SqlFragment &digits, int k)
{
    const bool doubled = k % 2 == 1;
    QString whens;
    for (int digit = 0; digit <= 9; ++digit) {
        const int value = doubled ? (2 * digit > 9 ? 2 * digit - 9 : 2 * digit) : digit;
        whens += QStringLiteral(" WHEN '%1' THEN %2").arg(digit).arg(value);
    }
    const SqlFragment length = fmt(d.length(QStringLiteral("%1")), {digits});
    const SqlFragment position =
        k == 0 ? length : fmt(QStringLiteral("%1 - %2"), {length, raw(QString::number(k))});
    const SqlFragment character =
        fmt(QStringLiteral("%1(%2, %3, 1)"), {raw(substr(d)), digits, position});
    const SqlFragment term =
        fmt(QStringLiteral("CASE %1") + whens + QStringLiteral(" END"), {character});
    // Every value summed has kMinDigits at least: only digits beyond those may be missing, and
    // must be guarded (a position before the first character reads '' on PostgreSQL, but counts
    // from the end on SQLite and MySQL).
    if (k < kMinDigits)
        return term;
    return fmt(QStringLiteral("CASE WHEN %1 > %2 THEN %3 ELSE 0 END"),
               {length, raw(QString::number(k)), term});
}

} // namespace

SqlFragment isCardNumber(const SqlDialect &d, const SqlFragment &text)
{
    const SqlFragment digits = digitsOf(d, text);
    QList<SqlFragment> terms;
    for (int k = 0; k < kMaxDigits; ++k)
        terms << luhnTerm(d, digits, k);
    // The checksum holds when the sum is a multiple of 10, listed rather than computed: MOD is
    // not in SQLite, % not in Oracle.
    QStringList multiples;
    for (int sum = 0; sum <= 9 * kMaxDigits; sum += 10)
        multiples << QString::number(sum);
    const SqlFragment shape =
        fmt(QStringLiteral("%1 BETWEEN %2 AND %3 AND %4"),
            {fmt(d.length(QStringLiteral("%1")), {digits}), raw(QString::number(kMinDigits)),
             raw(QString::number(kMaxDigits)), separatorsBetweenDigits(text)});
    // The sum is only computed for values of a card's shape; anything else (or a NULL sum) is -1,
    // which no multiple of 10 is.
    return fmt(QStringLiteral("COALESCE(CASE WHEN %1 THEN %2 END, -1) IN (%3)"),
               {shape, fmt(QStringLiteral("(%1)"), {join(terms, QStringLiteral(" + "))}),
                raw(multiples.join(QStringLiteral(", ")))});
}

QString cardLikePattern()
{
    return QStringLiteral("(^|[^0-9])[0-9]([ -]?[0-9]){%1,%2}([^0-9]|$)")
        .arg(kMinDigits - 1)
        .arg(kMaxDigits - 1);
}

} // namespace assay::card_sql
