#include "models/catalog/ColumnValues.h"

#include <QSqlQuery>
#include <QStringList>

namespace assay::catalog {

ColumnValues &ColumnValues::set(const char *column, const QVariant &value)
{
    m_values << qMakePair(QString::fromLatin1(column), value);
    return *this;
}

ColumnValues &ColumnValues::setSql(const char *column, const char *expression)
{
    m_expressions << qMakePair(QString::fromLatin1(column), QString::fromLatin1(expression));
    return *this;
}

QString ColumnValues::insertInto(const char *table, const char *suffix) const
{
    QStringList columns, placeholders;
    for (const auto &[column, value] : m_values) {
        columns << column;
        placeholders << QLatin1Char(':') + column;
    }
    QString sql = QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                      .arg(QLatin1String(table), columns.join(QStringLiteral(", ")),
                           placeholders.join(QStringLiteral(", ")));
    if (*suffix)
        sql += QLatin1Char(' ') + QLatin1String(suffix);
    return sql;
}

QString ColumnValues::update(const char *table, const char *condition) const
{
    QStringList assignments;
    for (const auto &[column, value] : m_values)
        assignments << column + QStringLiteral(" = :") + column;
    for (const auto &[column, expression] : m_expressions)
        assignments << column + QStringLiteral(" = ") + expression;
    return QStringLiteral("UPDATE %1 SET %2 WHERE %3")
        .arg(QLatin1String(table), assignments.join(QStringLiteral(", ")),
             QLatin1String(condition));
}

void ColumnValues::bind(QSqlQuery &query) const
{
    for (const auto &[column, value] : m_values)
        query.bindValue(QLatin1Char(':') + column, value);
}

} // namespace assay::catalog
