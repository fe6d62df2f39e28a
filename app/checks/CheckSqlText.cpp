#include "app/checks/CheckSqlText.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace assay::check_sql {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(assay::CheckCompiler)
};

QChar closingQuote(QChar c, const SqlDialect &dialect)
{
    if (c == u'\'' || c == u'"')
        return c;
    if (c == u'`' && dialect.family() == SqlDialect::Family::MySQL)
        return c;
    if (c == u'[' && dialect.family() == SqlDialect::Family::SqlServer)
        return u']';
    return QChar();
}

SqlFragment variableValue(const QString &value, const SqlDialect &dialect)
{
    static const QRegularExpression typed(QStringLiteral("^\\s*(DATE|TIMESTAMP)\\s*'([^']*)'\\s*$"),
                                          QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression number(
        QStringLiteral("^\\s*[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?\\s*$"));
    static const QRegularExpression quoted(QStringLiteral("^\\s*'(.*)'\\s*$"),
                                           QRegularExpression::DotMatchesEverythingOption);
    const QRegularExpressionMatch t = typed.match(value);
    if (t.hasMatch()) {
        const bool date = t.captured(1).compare(QLatin1String("date"), Qt::CaseInsensitive) == 0;
        const QString v = t.captured(2);
        switch (dialect.family()) {
        case SqlDialect::Family::SQLite:
            return bound(v); // dates are text in SQLite: compare as text
        case SqlDialect::Family::MySQL:
            return fmt(date ? QStringLiteral("CAST(%1 AS DATE)")
                            : QStringLiteral("CAST(%1 AS DATETIME)"),
                       {bound(v)});
        case SqlDialect::Family::SqlServer:
            return fmt(date ? QStringLiteral("CAST(%1 AS DATE)")
                            : QStringLiteral("CAST(%1 AS DATETIME2)"),
                       {bound(v)});
        default:
            return fmt(date ? QStringLiteral("CAST(%1 AS DATE)")
                            : QStringLiteral("CAST(%1 AS TIMESTAMP)"),
                       {bound(v)});
        }
    }
    if (number.match(value).hasMatch()) {
        bool ok = false;
        const qlonglong i = value.trimmed().toLongLong(&ok);
        if (ok)
            return bound(i);
        return bound(value.trimmed().toDouble());
    }
    const QRegularExpressionMatch q = quoted.match(value);
    if (q.hasMatch())
        return bound(q.captured(1).replace(QLatin1String("''"), QLatin1String("'")));
    return bound(value);
}

} // namespace

// The end (one past the closing quote) of the quoted run starting at `i`, where a doubled
// closing quote stands for itself. Backslash escapes are honoured for MySQL strings. -1 when it
// never closes.
int quotedEnd(const QString &s, int i, QChar close, bool backslash)
{
    for (int j = i + 1; j < s.size(); ++j) {
        if (backslash && s.at(j) == u'\\') {
            ++j;
            continue;
        }
        if (s.at(j) == close) {
            if (j + 1 < s.size() && s.at(j + 1) == close) {
                ++j;
                continue;
            }
            return j + 1;
        }
    }
    return -1;
}

SqlFragment fmt(const QString &pattern, std::initializer_list<SqlFragment> parts)
{
    const std::vector<SqlFragment> list(parts);
    SqlFragment out;
    out.sql.reserve(pattern.size() + 64);
    for (int i = 0; i < pattern.size(); ++i) {
        const QChar c = pattern.at(i);
        if (c == u'%' && i + 1 < pattern.size() && pattern.at(i + 1).isDigit()) {
            const int n = pattern.at(i + 1).digitValue();
            if (n >= 1 && n <= int(list.size())) {
                out.sql += list[size_t(n - 1)].sql;
                out.values += list[size_t(n - 1)].values;
                ++i;
                continue;
            }
        }
        out.sql += c;
    }
    return out;
}

SqlFragment join(const QList<SqlFragment> &parts, const QString &separator)
{
    SqlFragment out;
    for (int i = 0; i < parts.size(); ++i) {
        if (i > 0)
            out.sql += separator;
        out.sql += parts.at(i).sql;
        out.values += parts.at(i).values;
    }
    return out;
}

SqlFragment userSql(const QString &sql, const QHash<QString, QString> &variables,
                    const SqlDialect &dialect, QString *error)
{
    static const QRegularExpression marker(
        QStringLiteral("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\}\\}"));
    static const QRegularExpression wholeLiteral(
        QStringLiteral("^'\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\}\\}'$"));
    const bool backslash = dialect.family() == SqlDialect::Family::MySQL;
    SqlFragment out;
    auto substitute = [&](const QString &name) {
        if (!variables.contains(name)) {
            *error = Text::tr("The check uses the variable “%1”, which has no value: set it in "
                              "the scan's check variables.")
                         .arg(name);
            return false;
        }
        const SqlFragment v = variableValue(variables.value(name), dialect);
        out.sql += v.sql;
        out.values += v.values;
        return true;
    };
    for (int i = 0; i < sql.size();) {
        const QChar c = sql.at(i);
        const QChar close = closingQuote(c, dialect);
        if (!close.isNull()) {
            const int closed = quotedEnd(sql, i, close, backslash && c == u'\'');
            const int end = closed < 0 ? int(sql.size()) : closed;
            const QString run = sql.mid(i, end - i);
            const QRegularExpressionMatch m = wholeLiteral.match(run);
            if (c == u'\'' && m.hasMatch()) {
                if (!substitute(m.captured(1)))
                    return {};
            } else {
                out.sql += run;
            }
            i = end;
            continue;
        }
        if (c == u'{') {
            const QRegularExpressionMatch m =
                marker.match(sql, i, QRegularExpression::NormalMatch,
                             QRegularExpression::AnchorAtOffsetMatchOption);
            if (m.hasMatch()) {
                if (!substitute(m.captured(1)))
                    return {};
                i = m.capturedEnd();
                continue;
            }
        }
        if (c == u'?') {
            *error =
                Text::tr("The check's SQL holds a “?”: write values as {{variables}} instead.");
            return {};
        }
        if (c == u';') {
            *error = Text::tr("The check's SQL holds a “;”: a filter or expression is one SQL "
                              "condition, not statements.");
            return {};
        }
        if (c == u'-' && i + 1 < sql.size() && sql.at(i + 1) == u'-') {
            // A line comment would swallow whatever the compiler appends after it.
            *error = Text::tr("The check's SQL holds a “--” comment; remove it.");
            return {};
        }
        out.sql += c;
        ++i;
    }
    return out;
}

QString userSqlProblem(const QString &sql)
{
    static const QRegularExpression marker(
        QStringLiteral("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\}\\}"));
    QHash<QString, QString> variables;
    for (auto it = marker.globalMatch(sql); it.hasNext();)
        variables.insert(it.next().captured(1), QStringLiteral("0"));
    QString error;
    userSql(sql, variables, SqlDialect::forFamily(SqlDialect::Family::PostgreSQL), &error);
    return error;
}

QString literal(const QVariant &value, const SqlDialect &dialect)
{
    if (value.isNull() || !value.isValid())
        return QStringLiteral("NULL");
    switch (value.typeId()) {
    case QMetaType::Bool:
        return value.toBool() ? QStringLiteral("1") : QStringLiteral("0");
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
        return QString::number(value.toLongLong());
    case QMetaType::Double:
    case QMetaType::Float:
        return QString::number(value.toDouble(), 'g', 17);
    default:
        break;
    }
    QString s = value.toString();
    s.replace(QLatin1String("'"), QLatin1String("''"));
    if (dialect.family() == SqlDialect::Family::MySQL)
        s.replace(QLatin1String("\\"), QLatin1String("\\\\"));
    return QLatin1Char('\'') + s + QLatin1Char('\'');
}

QString inlineValues(const QString &sql, const QVariantList &values, const SqlDialect &dialect)
{
    QString out;
    int next = 0;
    const bool backslash = dialect.family() == SqlDialect::Family::MySQL;
    for (int i = 0; i < sql.size();) {
        const QChar c = sql.at(i);
        const QChar close = closingQuote(c, dialect);
        if (!close.isNull()) {
            const int closed = quotedEnd(sql, i, close, backslash && c == u'\'');
            const int end = closed < 0 ? int(sql.size()) : closed;
            out += sql.mid(i, end - i);
            i = end;
            continue;
        }
        if (c == u'?' && next < values.size())
            out += literal(values.at(next++), dialect);
        else
            out += c;
        ++i;
    }
    return out;
}

} // namespace assay::check_sql
