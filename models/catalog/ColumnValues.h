#pragma once

#include <QList>
#include <QPair>
#include <QString>
#include <QVariant>

class QSqlQuery;

namespace assay::catalog {

// The columns of an INSERT or UPDATE written beside their values, one set() per column, with
// placeholders named after the columns (:name). A long row of `?` and a run of addBindValue
// calls drift apart silently when a column is added or two values swap; this cannot.
class ColumnValues
{
public:
    ColumnValues &set(const char *column, const QVariant &value);
    // An update() column given by an SQL expression instead of a value (it may use the other
    // columns' placeholders).
    ColumnValues &setSql(const char *column, const char *expression);

    // "INSERT INTO table (a, b) VALUES (:a, :b) suffix" (a suffix such as "RETURNING id").
    QString insertInto(const char *table, const char *suffix = "") const;
    // "UPDATE table SET a = :a, b = :b WHERE condition" (the condition's own placeholders are
    // bound with bindValue by the caller).
    QString update(const char *table, const char *condition) const;
    // Binds every value to its column's placeholder, for a query prepared from insertInto() or
    // update() of a ColumnValues with the same columns (one statement prepared, many rows).
    void bind(QSqlQuery &query) const;

private:
    QList<QPair<QString, QVariant>> m_values;
    QList<QPair<QString, QString>> m_expressions;
};

} // namespace assay::catalog
