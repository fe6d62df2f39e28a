#pragma once

// The crafted table of the check compiler and scan tests: kRows rows with defects injected per
// rule family, written through bound values into SQLite, PostgreSQL or MariaDB, and the
// independent counts of what each check should find, computed here in C++.

#include "app/checks/CheckCompiler.h"
#include "app/connectors/FieldTypes.h"
#include "models/domain/Check.h"

#include <QDate>
#include <QDateTime>
#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QTest>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <optional>

namespace scan_data {

using namespace assay;

constexpr int kRows = 300;

struct Row
{
    int id = 0;
    std::optional<qint64> qty;    // -1..10; nulls
    std::optional<double> price;  // negatives and zero
    std::optional<QString> name;  // lengths 4..8
    std::optional<QString> email; // some without an address
    std::optional<QString> code;  // numbers as text, some not numbers, repeats
    std::optional<QString> cat;   // a, b, c, some unexpected, one upper case
    std::optional<QDate> day;     // 2019-12-02 onwards, some in 2099
    std::optional<QDateTime> ts;  // hourly from 2021-01-01
    std::optional<qint64> lo, hi; // hi > lo except every 6th
    std::optional<QString> card;  // card numbers, Luhn-valid or not, grouped or malformed
    std::optional<QString> note;  // free text holding card numbers, SSNs, both or neither
};

// The Luhn sum of `digits`: every second digit from the right doubled, a doubled digit above
// 9 counting its two digits' sum. A number passes when the sum is a multiple of 10.
inline int luhnSum(const QString &digits)
{
    int sum = 0;
    for (int k = 0; k < digits.size(); ++k) {
        int d = digits.at(digits.size() - 1 - k).digitValue();
        if (k % 2 == 1)
            d = 2 * d > 9 ? 2 * d - 9 : 2 * d;
        sum += d;
    }
    return sum;
}

inline bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

// isCreditCard, independently: 13 to 19 digits, single spaces or dashes between them only,
// and the Luhn sum a multiple of 10.
inline bool isCardNumber(const QString &v)
{
    QString digits;
    bool afterSeparator = true; // so a leading separator is out of place
    for (const QChar c : v) {
        if (isAsciiDigit(c)) {
            digits += c;
            afterSeparator = false;
        } else if ((c == u' ' || c == u'-') && !afterSeparator) {
            afterSeparator = true;
        } else {
            return false;
        }
    }
    return !afterSeparator && digits.size() >= 13 && digits.size() <= 19 &&
           luhnSum(digits) % 10 == 0;
}

// containsCreditCard, independently: from a digit not preceded by one, 13 to 19 digits with
// single spaces or dashes between them, not followed by a digit.
inline bool containsCardNumber(const QString &v)
{
    const auto digitAt = [&v](qsizetype i) {
        return i >= 0 && i < v.size() && isAsciiDigit(v.at(i));
    };
    for (qsizetype start = 0; start < v.size(); ++start) {
        if (!digitAt(start) || digitAt(start - 1))
            continue;
        int digits = 0;
        for (qsizetype i = start; digits < 19;) { // v[i] is a digit
            ++digits;
            if (digits >= 13 && !digitAt(i + 1))
                return true;
            if (digitAt(i + 1))
                i += 1;
            else if (digitAt(i + 2) && (v.at(i + 1) == u' ' || v.at(i + 1) == u'-'))
                i += 2;
            else
                break;
        }
    }
    return false;
}

// containsSocialSecurityNumber, independently: AAA-GG-SSSS not touching another digit, never
// area 000, 666 or 900-999, group 00 or serial 0000.
inline bool containsSocialSecurityNumber(const QString &v)
{
    for (qsizetype start = 0; start + 11 <= v.size(); ++start) {
        if (start > 0 && isAsciiDigit(v.at(start - 1)))
            continue;
        if (start + 11 < v.size() && isAsciiDigit(v.at(start + 11)))
            continue;
        bool shaped = true;
        for (int j = 0; j < 11; ++j)
            shaped = shaped &&
                     (j == 3 || j == 6 ? v.at(start + j) == u'-' : isAsciiDigit(v.at(start + j)));
        if (!shaped)
            continue;
        const int area = v.mid(start, 3).toInt();
        const int group = v.mid(start + 4, 2).toInt();
        const int serial = v.mid(start + 7, 4).toInt();
        if (area != 0 && area != 666 && area < 900 && group != 0 && serial != 0)
            return true;
    }
    return false;
}

// Row i's card: digits from i completed by their Luhn check digit (every third one wrong), of
// card lengths and two that are not (12, 20), written plain, grouped by spaces, dashes or both,
// or malformed (a separator leading, trailing or doubled, a letter, nothing at all).
inline std::optional<QString> cardFor(int i)
{
    if (i % 31 == 0)
        return std::nullopt;
    static const int lengths[] = {16, 13, 15, 19, 16, 12, 20, 18};
    const int length = lengths[i % 8];
    QString digits;
    for (int j = 0; j < length - 1; ++j)
        digits += QChar(u'0' + (i * 7 + j * 3 + (i * j) % 5) % 10);
    digits += QChar(u'0' + (10 - luhnSum(digits + QLatin1Char('0')) % 10) % 10);
    if (i % 3 == 0)
        digits.back() = QChar(u'0' + (digits.back().digitValue() + 1 + i % 5) % 10);
    const auto grouped = [&digits](const QString &separators) {
        QString out;
        for (int j = 0; j < digits.size(); ++j) {
            if (j > 0 && j % 4 == 0)
                out += separators.at((j / 4) % separators.size());
            out += digits.at(j);
        }
        return out;
    };
    switch ((i / 8) % 7) {
    case 0:
        return digits;
    case 1:
        return grouped(QStringLiteral(" "));
    case 2:
        return grouped(QStringLiteral("-"));
    case 3:
        return grouped(QStringLiteral(" -"));
    case 4:
        return QLatin1Char(' ') + digits;
    case 5: {
        static const char *const kBroken[] = {"%1-", "%1  %2", "%1 - %2", "%1x"};
        const QString broken = QLatin1String(kBroken[(i / 56) % 4]);
        return broken.arg(digits.left(8), digits.mid(8));
    }
    default:
        return i % 5 == 0 ? QStringLiteral("")
                          : digits.left(4) + QLatin1Char(' ') + digits.mid(4, 6) +
                                QLatin1Char(' ') + digits.mid(10);
    }
}

// Row i's note: free text with an SSN (areas and groups never issued among them, or touching
// another digit), a card from cardFor(), both, or numbers that are neither.
inline std::optional<QString> noteFor(int i)
{
    if (i % 43 == 0)
        return std::nullopt;
    static const int areas[] = {123, 0, 666, 901, 1, 665, 667, 899, 999, 78};
    const int group = i % 7 == 0 ? 0 : i % 99 + 1;
    const int serial = i % 11 == 0 ? 0 : (i * 37) % 9999 + 1;
    const QString ssn = QStringLiteral("%1-%2-%3")
                            .arg(areas[(i / 8) % 10], 3, 10, QLatin1Char('0'))
                            .arg(group, 2, 10, QLatin1Char('0'))
                            .arg(serial, 4, 10, QLatin1Char('0'));
    const QString card = cardFor(i + 1).value_or(QStringLiteral("4111 1111 1111 1111"));
    switch (i % 8) {
    case 0:
        return QStringLiteral("no numbers here");
    case 1:
        return QStringLiteral("card %1 on file").arg(card);
    case 2:
        return QStringLiteral("ssn %1").arg(ssn);
    case 3:
        return QStringLiteral("%1 and %2").arg(ssn, card);
    case 4:
        return QStringLiteral("order 12345678901234567890123");
    case 5:
        return QStringLiteral("call 555-123-4567");
    case 6:
        return QStringLiteral("ref ") + ssn + QLatin1Char('0');
    default:
        return QStringLiteral("9%1 or 1234-5678-9012-3").arg(ssn);
    }
}

inline Row makeRow(int i)
{
    Row r;
    r.id = i;
    if (i % 13 != 0)
        r.qty = i % 12 - 1;
    if (i % 17 != 0)
        r.price = (i % 20) * 1.5 - 3.0;
    if (i % 11 != 0)
        r.name = QStringLiteral("n%1").arg(i % 100, 3, 10, QLatin1Char('0')) +
                 QString(i % 5, QLatin1Char('x'));
    if (i % 9 != 0)
        r.email = i % 5 == 0 ? QStringLiteral("bad%1").arg(i) : QStringLiteral("u%1@ex.com").arg(i);
    if (i % 19 != 0)
        r.code = i % 8 == 0 ? QStringLiteral("c%1").arg(i) : QString::number(i % 50 + 100);
    const int m = i % 10;
    if (i % 37 == 0)
        r.cat = QStringLiteral("zz");
    else if (i % 41 == 0)
        r.cat = QStringLiteral("A");
    else if (m < 5)
        r.cat = QStringLiteral("a");
    else if (m < 8)
        r.cat = QStringLiteral("b");
    else if (m == 8)
        r.cat = QStringLiteral("c");
    if (i % 15 != 0)
        r.day = i % 50 == 0 ? QDate(2099, 1, 1) : QDate(2019, 12, 1).addDays(i);
    if (i % 23 != 0)
        r.ts = QDateTime(QDate(2021, 1, 1), QTime(0, 0), Qt::UTC).addSecs(3600LL * i);
    r.lo = i % 10;
    if (i % 29 != 0)
        r.hi = i % 10 + (i % 6 == 0 ? -1 : 1);
    r.card = cardFor(i);
    r.note = noteFor(i);
    return r;
}

inline QVector<Row> rows()
{
    QVector<Row> out;
    for (int i = 1; i <= kRows; ++i)
        out << makeRow(i);
    return out;
}

// Column names and declared types per dialect.
struct Column
{
    QString name;
    QString sqlite, postgres, mysql;
};

inline QList<Column> columns(const QString &qtyName = QStringLiteral("qty"))
{
    return {{QStringLiteral("id"), "INTEGER", "INTEGER", "INTEGER"},
            {qtyName, "INTEGER", "INTEGER", "INTEGER"},
            {QStringLiteral("price"), "REAL", "DOUBLE PRECISION", "DOUBLE"},
            {QStringLiteral("name"), "VARCHAR(40)", "VARCHAR(40)", "VARCHAR(40)"},
            {QStringLiteral("email"), "VARCHAR(40)", "VARCHAR(40)", "VARCHAR(40)"},
            {QStringLiteral("code"), "VARCHAR(10)", "VARCHAR(10)", "VARCHAR(10)"},
            {QStringLiteral("cat"), "VARCHAR(10)", "VARCHAR(10)", "VARCHAR(10)"},
            {QStringLiteral("day"), "DATE", "DATE", "DATE"},
            {QStringLiteral("ts"), "TIMESTAMP", "TIMESTAMP", "DATETIME"},
            {QStringLiteral("lo"), "INTEGER", "INTEGER", "INTEGER"},
            {QStringLiteral("hi"), "INTEGER", "INTEGER", "INTEGER"},
            {QStringLiteral("card"), "VARCHAR(40)", "VARCHAR(40)", "VARCHAR(40)"},
            {QStringLiteral("note"), "VARCHAR(80)", "VARCHAR(80)", "VARCHAR(80)"}};
}

inline QString declared(const Column &c, const SqlDialect &d)
{
    switch (d.family()) {
    case SqlDialect::Family::SQLite:
        return c.sqlite;
    case SqlDialect::Family::MySQL:
        return c.mysql;
    default:
        return c.postgres;
    }
}

inline QHash<QString, TypeFamily> fieldTypes(const SqlDialect &d,
                                             const QString &qtyName = QStringLiteral("qty"))
{
    QHash<QString, TypeFamily> out;
    for (const Column &c : columns(qtyName))
        out.insert(c.name, typeFamily(declared(c, d)));
    return out;
}

template <typename T> QVariant opt(const std::optional<T> &v)
{
    return v ? QVariant::fromValue(*v) : QVariant();
}

inline bool exec(QSqlDatabase db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql)) {
        qWarning("%s: %s", qPrintable(sql.left(200)), qPrintable(q.lastError().text()));
        return false;
    }
    return true;
}

// Creates `table` (quoted through the dialect, so hostile names work) and inserts `rows`.
inline bool create(QSqlDatabase db, const SqlDialect &d, const QString &schema,
                   const QString &table, const QVector<Row> &rows,
                   const QString &qtyName = QStringLiteral("qty"))
{
    QStringList defs, marks;
    for (const Column &c : columns(qtyName)) {
        defs << d.quote(c.name) + QLatin1Char(' ') + declared(c, d);
        marks << QStringLiteral("?");
    }
    const QString t = d.table(schema, table);
    if (!exec(db, QStringLiteral("CREATE TABLE %1 (%2)").arg(t, defs.join(QStringLiteral(", ")))))
        return false;
    db.transaction();
    QSqlQuery q(db);
    if (!q.prepare(QStringLiteral("INSERT INTO %1 VALUES (%2)")
                       .arg(t, marks.join(QStringLiteral(", "))))) {
        qWarning("%s", qPrintable(q.lastError().text()));
        return false;
    }
    for (const Row &r : rows) {
        q.addBindValue(r.id);
        q.addBindValue(opt(r.qty));
        q.addBindValue(opt(r.price));
        q.addBindValue(opt(r.name));
        q.addBindValue(opt(r.email));
        q.addBindValue(opt(r.code));
        q.addBindValue(opt(r.cat));
        q.addBindValue(r.day ? QVariant(r.day->toString(Qt::ISODate)) : QVariant());
        q.addBindValue(r.ts ? QVariant(r.ts->toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")))
                            : QVariant());
        q.addBindValue(opt(r.lo));
        q.addBindValue(opt(r.hi));
        q.addBindValue(opt(r.card));
        q.addBindValue(opt(r.note));
        if (!q.exec()) {
            qWarning("insert: %s", qPrintable(q.lastError().text()));
            return false;
        }
    }
    return db.commit();
}

// One check of the crafted table and its independent outcome over a set of rows.
struct Case
{
    Check check;
    // Per row: std::nullopt when not asserted, else whether it fails.
    std::function<std::optional<bool>(const Row &)> fails;
};

inline Check check(const QString &rule, const QStringList &fields, const QJsonObject &props = {},
                   const QString &filter = {}, double coverage = 1.0)
{
    Check c;
    c.rule = rule;
    c.fields = fields;
    c.properties = props;
    c.filter = filter;
    c.coverage = coverage;
    return c;
}

template <typename T>
std::optional<bool> when(const std::optional<T> &v, const std::function<bool(const T &)> &fail)
{
    if (!v)
        return std::nullopt;
    return fail(*v);
}

// The record-level cases (rules with a per-record outcome). `refNums`: values of the
// reference table's "num" field, for existsIn / notExistsIn (`refContainer`).
inline QList<Case> recordCases(const SqlDialect &d, qint64 refContainer,
                               const QString &qty = QStringLiteral("qty"))
{
    using R = Row;
    const QDate today = QDate::currentDate();
    QList<Case> out;
    out << Case{check("notNull", {QStringLiteral("name")}),
                [](const R &r) { return std::optional<bool>(!r.name); }};
    out << Case{check("between", {qty}, {{"min", 1}, {"max", 9}}), [](const R &r) {
                    return when<qint64>(r.qty, [](auto v) { return v < 1 || v > 9; });
                }};
    out << Case{
        check("between", {qty},
              {{"min", 1}, {"max", 9}, {"inclusive_min", false}, {"inclusive_max", false}}),
        [](const R &r) { return when<qint64>(r.qty, [](auto v) { return v <= 1 || v >= 9; }); }};
    out << Case{check("greaterThan", {QStringLiteral("price")}, {{"value", 0}}),
                [](const R &r) { return when<double>(r.price, [](auto v) { return v <= 0; }); }};
    out << Case{
        check("lessThan", {QStringLiteral("price")}, {{"value", 20.5}, {"inclusive", true}}),
        [](const R &r) { return when<double>(r.price, [](auto v) { return v > 20.5; }); }};
    out << Case{check("maxValue", {QStringLiteral("price")}, {{"value", 12}}),
                [](const R &r) { return when<double>(r.price, [](auto v) { return v > 12; }); }};
    out << Case{check("minValue", {qty}, {{"value", 2}}),
                [](const R &r) { return when<qint64>(r.qty, [](auto v) { return v < 2; }); }};
    out << Case{check("notNegative", {QStringLiteral("price")}),
                [](const R &r) { return when<double>(r.price, [](auto v) { return v < 0; }); }};
    out << Case{check("positive", {qty}),
                [](const R &r) { return when<qint64>(r.qty, [](auto v) { return v <= 0; }); }};
    out << Case{check("matchesPattern", {QStringLiteral("code")}, {{"pattern", "^[0-9]{3}$"}}),
                [](const R &r) {
                    return when<QString>(r.code, [](auto v) { return v.startsWith(u'c'); });
                }};
    // Case matters: "A" fails on every database (MariaDB compares case-insensitively by default).
    out << Case{check("matchesPattern", {QStringLiteral("cat")}, {{"pattern", "^[a-c]$"}}),
                [](const R &r) {
                    return when<QString>(r.cat, [](auto v) {
                        return !(v == QLatin1String("a") || v == QLatin1String("b") ||
                                 v == QLatin1String("c"));
                    });
                }};
    out << Case{check("containsEmail", {QStringLiteral("email")}), [](const R &r) {
                    return when<QString>(r.email, [](auto v) { return !v.contains(u'@'); });
                }};
    out << Case{check("maxLength", {QStringLiteral("name")}, {{"value", 6}}), [](const R &r) {
                    return when<QString>(r.name, [](auto v) { return v.size() > 6; });
                }};
    out << Case{check("minLength", {QStringLiteral("name")}, {{"value", 5}}), [](const R &r) {
                    return when<QString>(r.name, [](auto v) { return v.size() < 5; });
                }};
    out << Case{
        check("expectedValues", {QStringLiteral("cat")}, {{"list", QJsonArray{"a", "b", "c"}}}),
        [](const R &r) {
            return when<QString>(r.cat, [](auto v) {
                return !(v == QLatin1String("a") || v == QLatin1String("b") ||
                         v == QLatin1String("c"));
            });
        }};
    out << Case{check("expectedValues", {qty}, {{"list", QJsonArray{1, 2, "3"}}}), [](const R &r) {
                    return when<qint64>(r.qty, [](auto v) { return v < 1 || v > 3; });
                }};
    out << Case{check("isType", {QStringLiteral("code")}, {{"field_type", "integral"}}),
                [](const R &r) {
                    return when<QString>(r.code, [](auto v) { return v.startsWith(u'c'); });
                }};
    out << Case{check("afterDateTime", {QStringLiteral("day")}, {{"datetime", "2020-03-01"}}),
                [](const R &r) {
                    return when<QDate>(r.day, [](auto v) { return v <= QDate(2020, 3, 1); });
                }};
    out << Case{
        check("beforeDateTime", {QStringLiteral("ts")}, {{"datetime", "2021-01-05T12:00:00Z"}}),
        [](const R &r) {
            return when<QDateTime>(r.ts, [](auto v) {
                return v >= QDateTime(QDate(2021, 1, 5), QTime(12, 0), Qt::UTC);
            });
        }};
    out << Case{check("betweenTimes", {QStringLiteral("ts")},
                      {{"min_time", "2021-01-02T00:00:00Z"}, {"max_time", "2021-01-08T00:00:00Z"}}),
                [](const R &r) {
                    return when<QDateTime>(r.ts, [](auto v) {
                        return v < QDateTime(QDate(2021, 1, 2), QTime(0, 0), Qt::UTC) ||
                               v > QDateTime(QDate(2021, 1, 8), QTime(0, 0), Qt::UTC);
                    });
                }};
    out << Case{check("notFuture", {QStringLiteral("day")}), [today](const R &r) {
                    return when<QDate>(r.day, [today](auto v) { return v > today; });
                }};
    out << Case{check("greaterThanField", {QStringLiteral("hi")}, {{"field_name", "lo"}}),
                [](const R &r) -> std::optional<bool> {
                    if (!r.hi || !r.lo)
                        return std::nullopt;
                    return *r.hi <= *r.lo;
                }};
    out << Case{
        check("lessThanField", {QStringLiteral("lo")}, {{"field_name", "hi"}, {"inclusive", true}}),
        [](const R &r) -> std::optional<bool> {
            if (!r.hi || !r.lo)
                return std::nullopt;
            return *r.lo > *r.hi;
        }};
    out << Case{check("equalToField", {QStringLiteral("lo")}, {{"field_name", "hi"}}),
                [](const R &r) -> std::optional<bool> {
                    if (!r.hi || !r.lo)
                        return std::nullopt;
                    return *r.lo != *r.hi;
                }};
    out << Case{check("anyNotNull", {QStringLiteral("name"), QStringLiteral("email")}),
                [](const R &r) { return std::optional<bool>(!r.name && !r.email); }};
    // A null result of the expression (qty null) is a failure; {{lim}} is a bound variable.
    Check expr = check("satisfiesExpression", {},
                       {{"expression", QStringLiteral("%1 * 2 < {{lim}}").arg(d.quote(qty))}});
    out << Case{expr, [](const R &r) { return std::optional<bool>(!r.qty || *r.qty * 2 >= 10); }};
    // A filter with a variable inside a quoted literal, and coverage.
    out << Case{
        check("between", {qty}, {{"min", 0}, {"max", 8}}, QStringLiteral("cat = '{{cat}}'"), 0.5),
        [](const R &r) -> std::optional<bool> {
            if (!r.qty || r.cat != QStringLiteral("b"))
                return std::nullopt;
            return *r.qty < 0 || *r.qty > 8;
        }};
    out << Case{
        check("existsIn", {qty}, {{"ref_container_id", refContainer}, {"field_name", "num"}}),
        [](const R &r) { return when<qint64>(r.qty, [](auto v) { return v < 1 || v > 5; }); }};
    out << Case{
        check("notExistsIn", {qty}, {{"ref_container_id", refContainer}, {"field_name", "num"}}),
        [](const R &r) { return when<qint64>(r.qty, [](auto v) { return v >= 1 && v <= 5; }); }};
    // Values against one given value, compared by type: numbers, text (case matters on
    // MariaDB too), a number given as text, a moment.
    out << Case{check("equalTo", {qty}, {{"value", 3}}),
                [](const R &r) { return when<qint64>(r.qty, [](auto v) { return v != 3; }); }};
    out << Case{check("equalTo", {QStringLiteral("cat")}, {{"value", "a"}}), [](const R &r) {
                    return when<QString>(r.cat, [](auto v) { return v != QLatin1String("a"); });
                }};
    out << Case{check("equalTo", {QStringLiteral("price")}, {{"value", "4.5"}}),
                [](const R &r) { return when<double>(r.price, [](auto v) { return v != 4.5; }); }};
    out << Case{check("equalTo", {QStringLiteral("ts")}, {{"value", "2021-01-02T00:00:00Z"}}),
                [](const R &r) {
                    return when<QDateTime>(r.ts, [](auto v) {
                        return v != QDateTime(QDate(2021, 1, 2), QTime(0, 0), Qt::UTC);
                    });
                }};
    // Predictions: exact integers, a tolerance reached exactly (and a NULL prediction, which
    // fails), and moments within a day or ten days of a {{variable}}, bounds included.
    out << Case{check("predictedBy", {QStringLiteral("hi")}, {{"expression", "lo + 1"}}),
                [](const R &r) -> std::optional<bool> {
                    if (!r.hi)
                        return std::nullopt;
                    return *r.hi != *r.lo + 1;
                }};
    out << Case{
        check("predictedBy", {QStringLiteral("price")},
              {{"expression", QStringLiteral("%1 * 1.5").arg(d.quote(qty))}, {"tolerance", 4.5}}),
        [](const R &r) -> std::optional<bool> {
            if (!r.price)
                return std::nullopt;
            return !r.qty || std::abs(*r.price - double(*r.qty) * 1.5) > 4.5;
        }};
    out << Case{check("predictedBy", {QStringLiteral("ts")},
                      {{"expression", "{{t0}}"}, {"tolerance", 86400}}),
                [](const R &r) {
                    return when<QDateTime>(r.ts, [](auto v) {
                        const QDateTime t0(QDate(2021, 1, 5), QTime(0, 0), Qt::UTC);
                        return std::abs(v.secsTo(t0)) > 86400;
                    });
                }};
    out << Case{check("predictedBy", {QStringLiteral("day")},
                      {{"expression", "{{d0}}"}, {"tolerance", 864000}}),
                [](const R &r) {
                    return when<QDate>(
                        r.day, [](auto v) { return std::abs(v.daysTo(QDate(2020, 3, 1))) > 10; });
                }};
    // Personal data: asserted present, so the records without it fail.
    out << Case{check("isCreditCard", {QStringLiteral("card")}), [](const R &r) {
                    return when<QString>(r.card, [](auto v) { return !isCardNumber(v); });
                }};
    out << Case{check("containsCreditCard", {QStringLiteral("note")}), [](const R &r) {
                    return when<QString>(r.note, [](auto v) { return !containsCardNumber(v); });
                }};
    out << Case{check("containsSocialSecurityNumber", {QStringLiteral("note")}), [](const R &r) {
                    return when<QString>(r.note,
                                         [](auto v) { return !containsSocialSecurityNumber(v); });
                }};
    return out;
}

// The reference table: "num" 1..5 and a null.
inline bool createReference(QSqlDatabase db, const SqlDialect &d, const QString &schema,
                            const QString &table)
{
    const QString t = d.table(schema, table);
    return exec(db, QStringLiteral("CREATE TABLE %1 (num INTEGER)").arg(t)) &&
           exec(db, QStringLiteral("INSERT INTO %1 VALUES (1), (2), (3), (4), (5), (NULL)").arg(t));
}

inline QHash<QString, QString> variables()
{
    return {{QStringLiteral("lim"), QStringLiteral("10")},
            {QStringLiteral("cat"), QStringLiteral("b")},
            {QStringLiteral("t0"), QStringLiteral("TIMESTAMP '2021-01-05 00:00:00'")},
            {QStringLiteral("d0"), QStringLiteral("DATE '2020-03-01'")}};
}

// Asserted and failing of a case over `rows`.
inline QPair<qint64, qint64> expected(const Case &c, const QVector<Row> &rows)
{
    qint64 asserted = 0, failing = 0;
    for (const Row &r : rows) {
        const std::optional<bool> f = c.fails(r);
        if (!f)
            continue;
        ++asserted;
        failing += *f ? 1 : 0;
    }
    return {asserted, failing};
}

} // namespace scan_data
