#pragma once

#include "app/checks/CheckCompiler.h"

#include <QHash>
#include <QString>
#include <initializer_list>

// Helpers of the check compiler: composing fragments, substituting {{variables}} in a
// person's SQL (filters, expressions) as bound values, and inlining values for display.
namespace assay::check_sql {

inline SqlFragment raw(const QString &sql)
{
    return SqlFragment{sql, {}};
}
inline SqlFragment bound(const QVariant &value)
{
    return SqlFragment{QStringLiteral("?"), {value}};
}

// `pattern` with %1..%9 replaced by the parts' SQL; the parts' values follow the order in
// which their markers appear, so placeholders and values always line up.
SqlFragment fmt(const QString &pattern, std::initializer_list<SqlFragment> parts);
SqlFragment join(const QList<SqlFragment> &parts, const QString &separator);

// A person's SQL (a filter or an expression) made safe to embed: {{name}} (also inside a
// quoted literal that holds only the marker) becomes a bound value; an unknown variable, a
// bare `?` or a `;` outside literals is an error naming it. Values that read as numbers bind
// as numbers, 'quoted' values as the text inside, DATE '...' / TIMESTAMP '...' as a cast.
SqlFragment userSql(const QString &sql, const QHash<QString, QString> &variables,
                    const SqlDialect &dialect, QString *error);
// Why `sql` (a check's filter or expression) cannot be one SQL condition whatever values its
// {{variables}} get: a ";", a "?" or a "--" comment outside quotes; empty when it can. What the
// compiler would refuse at scan time, said when the check is saved.
QString userSqlProblem(const QString &sql);

// `sql` with each `?` outside literals and quoted identifiers replaced by its value as a
// literal of the dialect (display only: never executed).
QString inlineValues(const QString &sql, const QVariantList &values, const SqlDialect &dialect);
QString literal(const QVariant &value, const SqlDialect &dialect);

// One past the closing `close` of the quoted run opening at `i` of `s` (a doubled quote stands
// for itself; with `backslash`, MySQL's escapes too); -1 when it never closes.
int quotedEnd(const QString &s, int i, QChar close, bool backslash);

} // namespace assay::check_sql
