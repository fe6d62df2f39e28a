// Counting what checks assert and fail: the one aggregate pass, grouped rules, schema rules.
#include "app/checks/CheckCompiler.h"
#include "app/checks/CheckSqlText.h"
#include "app/checks/Rule.h"
#include "app/connectors/QueryBinding.h"
#include "app/connectors/SqlLog.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlRecord>
#include <cmath>

namespace assay {

namespace {

using namespace check_sql;

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(assay::CheckCompiler)
};

// Drivers return aggregates as integers, doubles or (MySQL DECIMAL) strings; NULL for SUM of
// no rows.
qint64 toCount(const QVariant &v)
{
    return rules::countOf(v);
}

} // namespace

bool withinCoverage(const Check &check, qint64 asserted, qint64 failing)
{
    if (asserted <= 0 || failing <= 0)
        return true;
    if (check.coverage >= 1.0)
        return false;
    // A small epsilon: 0.8 coverage of 10 records allows exactly 2 failing.
    return double(failing) / double(asserted) <= 1.0 - check.coverage + 1e-9;
}

CountPass buildCountPass(const QList<Check> &checks, const QList<CompiledCheck> &compiled,
                         const CheckSqlContext &context, const QList<SqlFragment> &extraColumns)
{
    CountPass pass;
    QList<SqlFragment> columns{raw(QStringLiteral("COUNT(*)"))};
    // Checks on the same field usually share their asserted predicate: counted once (and one
    // asserted on every record is COUNT(*)). COUNT over a CASE that yields NULL for the rows it
    // leaves out costs SQLite a fifth less than SUM over 0/1 (no arithmetic per row).
    QHash<QString, int> assertedColumn{{QStringLiteral("1=1"), 0}};
    for (int i = 0; i < checks.size(); ++i) {
        const CompiledCheck &c = compiled.at(i);
        if (!c.ok() || (c.form != CheckForm::Record && c.form != CheckForm::Aggregate)) {
            pass.firstColumn << -1;
            pass.failingColumn << -1;
            continue;
        }
        if (c.form == CheckForm::Record) {
            QString key = c.asserted.sql;
            for (const QVariant &v : c.asserted.values)
                key += QLatin1Char('\x1f') + QString::fromLatin1(v.typeName()) + QLatin1Char(':') +
                       v.toString();
            if (!assertedColumn.contains(key)) {
                assertedColumn.insert(key, int(columns.size()));
                columns << fmt(QStringLiteral("COUNT(CASE WHEN %1 THEN 1 END)"), {c.asserted});
            }
            pass.firstColumn << assertedColumn.value(key);
            if (!c.guarantee.isEmpty()) { // a constraint holds every record to it
                pass.failingColumn << -1;
                continue;
            }
            pass.failingColumn << int(columns.size());
            // A predicate that is NULL on an asserted record fails it.
            columns << fmt(QStringLiteral("COUNT(CASE WHEN %1 THEN CASE WHEN %2 THEN NULL ELSE 1 "
                                          "END END)"),
                           {c.asserted, c.passing});
        } else {
            pass.firstColumn << int(columns.size());
            pass.failingColumn << -1;
            columns << c.aggregates;
        }
    }
    pass.extraColumn = int(columns.size());
    columns << extraColumns;
    pass.columnCount = int(columns.size());
    pass.query = fmt(QStringLiteral("SELECT %1 FROM %2"),
                     {join(columns, QStringLiteral(", ")), sourceRelation(context)});
    return pass;
}

CheckCount readCountRow(const CountPass &pass, int index, const Check &check,
                        const CompiledCheck &compiled, const QVariantList &row)
{
    CheckCount out;
    const int at = pass.firstColumn.value(index, -1);
    if (!compiled.ok()) {
        out.error = compiled.error;
        out.passed = false;
        return out;
    }
    if (at < 0 || at >= row.size())
        return out;
    if (compiled.form == CheckForm::Record) {
        out.asserted = toCount(row.at(at));
        out.failing = toCount(row.value(pass.failingColumn.value(index, -1)));
        out.passed = withinCoverage(check, out.asserted, out.failing);
        return out;
    }
    out.asserted = toCount(row.at(at));
    if (const Rule *rule = rules::definition(check.rule))
        rule->readFigure(check, row, at, out);
    return out;
}

CheckCount evaluateSchema(const Check &check, const QStringList &live)
{
    if (const Rule *rule = rules::definition(check.rule))
        return rule->evaluateSchema(check, live);
    CheckCount out;
    out.passed = false;
    out.error = Text::tr("“%1” is not a rule Assay knows.").arg(check.rule);
    return out;
}

// A period as its bucket reads: a day or month as text, a truncated timestamp without its
// midnight.
QString periodText(const QVariant &value)
{
    if (value.isNull())
        return QString();
    if (value.typeId() == QMetaType::QDateTime) {
        const QDateTime t = value.toDateTime();
        return t.time() == QTime(0, 0) ? t.date().toString(Qt::ISODate)
                                       : t.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    }
    QString text = value.toString();
    if (text.endsWith(QLatin1String(" 00:00:00")) || text.endsWith(QLatin1String("T00:00:00")))
        text.chop(9);
    return text;
}

CheckCount groupedCount(const Check &check, const QSqlQuery &row)
{
    CheckCount out;
    out.asserted = toCount(row.value(0));
    out.failing = toCount(row.value(1));
    out.passed = withinCoverage(check, out.asserted, out.failing);
    if (row.record().count() > 2) // timeDistributionSize: the periods out of bounds
        out.observed = toCount(row.value(2));
    if (row.record().count() > 4) // ... and the first and last of them
        for (int column : {3, 4})
            out.details << periodText(row.value(column));
    return out;
}

SqlFragment noRows(const SqlFragment &scope)
{
    if (scope.isEmpty())
        return {QStringLiteral("1=0"), {}};
    return {QStringLiteral("(%1) AND 1=0").arg(scope.sql), scope.values};
}

bool answers(QSqlDatabase db)
{
    if (!db.isOpen())
        return false;
    QSqlQuery q(db);
    return q.exec(QStringLiteral("SELECT 1")) && q.next();
}

bool execFragment(QSqlQuery &query, const SqlFragment &sql, QString *error)
{
    query.setForwardOnly(true);
    // Without values there is nothing to bind: run the text as it is. (Qt's MySQL driver
    // prepares a buffer of each column's maximum size: 4 GB for a GEOMETRY.)
    if (sql.values.isEmpty()) {
        QElapsedTimer timer;
        timer.start();
        const bool ok = query.exec(sql.sql);
        sql_log::statement(timer.elapsed(), sql.sql, ok);
        if (!ok && error)
            *error = query.lastError().text();
        return ok;
    }
    if (!query.prepare(sql.sql)) {
        if (error)
            *error = query.lastError().text();
        return false;
    }
    for (const QVariant &v : sql.values)
        bindValue(query, v);
    QElapsedTimer timer;
    timer.start();
    const bool ok = query.exec();
    sql_log::statement(timer.elapsed(), sql.sql, ok);
    if (!ok) {
        if (error)
            *error = query.lastError().text();
        return false;
    }
    return true;
}

QStringList liveColumns(QSqlDatabase db, const CheckSqlContext &context, QString *error)
{
    QSqlQuery q(db);
    if (context.dialect.family() == SqlDialect::Family::SQLite) {
        // QSQLITE strips double quotes from result column names; the pragma keeps them.
        const bool attached = !context.schema.isEmpty() && context.schema != QLatin1String("main");
        SqlFragment pragma{attached ? QStringLiteral("SELECT name FROM pragma_table_info(?, ?)")
                                    : QStringLiteral("SELECT name FROM pragma_table_info(?)"),
                           {context.table}};
        if (attached)
            pragma.values << context.schema;
        if (!execFragment(q, pragma, error))
            return {};
        QStringList names;
        while (q.next())
            names << q.value(0).toString();
        if (names.isEmpty() && error)
            *error = Text::tr("no such table: %1").arg(context.table);
        return names;
    }
    const SqlFragment sql = raw(QStringLiteral("SELECT * FROM %1 WHERE 1=0")
                                    .arg(context.dialect.table(context.schema, context.table)));
    if (!execFragment(q, sql, error))
        return {};
    QStringList names;
    const QSqlRecord record = q.record();
    for (int i = 0; i < record.count(); ++i)
        names << record.fieldName(i);
    return names;
}

QList<CheckCount> countFailures(QSqlDatabase db, const QList<Check> &checks,
                                const CheckSqlContext &contextIn, qint64 recordLimit,
                                QString *error)
{
    CheckSqlContext context = contextIn;
    if (recordLimit > 0)
        context.recordLimit = recordLimit;
    QList<CompiledCheck> compiled;
    bool anyPass = false, anySchema = false;
    for (const Check &c : checks) {
        compiled << compileCheck(c, context);
        const CheckForm form = compiled.last().form;
        if (compiled.last().ok()) {
            anyPass = anyPass || form == CheckForm::Record || form == CheckForm::Aggregate;
            anySchema = anySchema || form == CheckForm::Schema;
        }
    }
    QList<CheckCount> out;
    for (int i = 0; i < checks.size(); ++i) {
        CheckCount blank;
        blank.error = compiled.at(i).error;
        blank.passed = compiled.at(i).ok();
        out << blank;
    }
    const auto failed = [&](const QString &message) {
        if (error)
            *error = message;
        return QList<CheckCount>();
    };
    if (anyPass) {
        const CountPass pass = buildCountPass(checks, compiled, context);
        QSqlQuery q(db);
        QString why;
        if (!execFragment(q, pass.query, &why) || !q.next())
            return failed(why.isEmpty() ? Text::tr("The count query returned no row.") : why);
        QVariantList row;
        for (int i = 0; i < pass.columnCount; ++i)
            row << q.value(i);
        for (int i = 0; i < checks.size(); ++i)
            if (pass.firstColumn.at(i) >= 0)
                out[i] = readCountRow(pass, i, checks.at(i), compiled.at(i), row);
    }
    QStringList live;
    if (anySchema) {
        QString why;
        live = liveColumns(db, context, &why);
        if (!why.isEmpty())
            return failed(why);
    }
    for (int i = 0; i < checks.size(); ++i) {
        const CompiledCheck &c = compiled.at(i);
        if (!c.ok())
            continue;
        if (c.form == CheckForm::Schema) {
            out[i] = evaluateSchema(checks.at(i), live);
        } else if (c.form == CheckForm::Grouped) {
            QSqlQuery q(db);
            QString why;
            if (!execFragment(q, c.groupedCount, &why) || !q.next())
                return failed(why);
            out[i] = groupedCount(checks.at(i), q);
        }
    }
    return out;
}

} // namespace assay
