#include "app/engine/scan/ScanContainer.h"

#include "app/checks/CheckSqlText.h"
#include "app/checks/ConstraintGuarantee.h"
#include "app/checks/RuleNames.h"
#include "app/engine/FailureIsolation.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QSqlError>
#include <QSqlField>
#include <QSqlQuery>
#include <QSqlRecord>
#include <algorithm>

namespace assay {

using namespace check_sql;

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(assay::ScanOperation)
};

bool recordForm(CheckForm form)
{
    return form == CheckForm::Record || form == CheckForm::Grouped;
}

// The same rows, none of them: a statement over it is planned (and refused) like the real one,
// and reads nothing.
CheckSqlContext zeroRows(CheckSqlContext c)
{
    c.rowScope = noRows(c.rowScope);
    c.recordLimit = 0;
    c.sample = RowSample();
    return c;
}

// `compiled` with only the checks at `parts` left in the count pass.
QList<CompiledCheck> onlyChecks(QList<CompiledCheck> compiled, const QList<int> &parts)
{
    for (int i = 0; i < compiled.size(); ++i)
        if (!parts.contains(i) && compiled.at(i).error.isEmpty())
            compiled[i].error = QStringLiteral("(left out)");
    return compiled;
}

// Runs a query for failing records, forward only, counted in `out`; false with out.error set.
bool execExamples(QSqlQuery &q, const SqlFragment &sql, ContainerFindings &out)
{
    q.setForwardOnly(true);
    ++out.queries;
    if (qEnvironmentVariableIsSet("ASSAY_TEST_FAIL_EXAMPLES")) { // fault injection for tests
        out.error = QStringLiteral("injected failure (ASSAY_TEST_FAIL_EXAMPLES)");
        return false;
    }
    return execFragment(q, sql, &out.error);
}

} // namespace

QJsonObject rowToJson(const QSqlRecord &record, const QStringList &names)
{
    const bool rename = names.size() == record.count();
    QJsonObject row;
    for (int i = 0; i < record.count(); ++i) {
        const QVariant v = record.value(i);
        QJsonValue j;
        if (v.isNull()) {
            j = QJsonValue::Null;
        } else {
            switch (v.typeId()) {
            case QMetaType::QDate:
                j = v.toDate().toString(Qt::ISODate);
                break;
            case QMetaType::QDateTime:
                j = v.toDateTime().toString(Qt::ISODateWithMs);
                break;
            case QMetaType::QTime:
                j = v.toTime().toString(Qt::ISODateWithMs);
                break;
            case QMetaType::QByteArray:
                j = QString::fromLatin1(v.toByteArray().toBase64());
                break;
            case QMetaType::Bool:
                j = v.toBool();
                break;
            case QMetaType::Int:
            case QMetaType::UInt:
            case QMetaType::LongLong:
            case QMetaType::ULongLong:
            case QMetaType::Short:
            case QMetaType::UShort:
                j = double(v.toLongLong());
                break;
            case QMetaType::Double:
            case QMetaType::Float:
                j = v.toDouble();
                break;
            default:
                j = v.toString();
                break;
            }
        }
        row.insert(rename ? names.at(i) : record.fieldName(i), j);
    }
    return row;
}

ContainerScanner::ContainerScanner(QSqlDatabase db, CheckSqlContext context, Limits limits,
                                   std::function<bool()> cancelled)
    : m_db(std::move(db)), m_context(std::move(context)), m_limits(limits),
      m_cancelled(std::move(cancelled))
{
}

qint64 ContainerScanner::exampleLimit(const Check &check, const CheckCount &count,
                                      const Limits &limits)
{
    if (check.coverage >= 1.0 && count.failing <= limits.rollupThreshold)
        return qMax<qint64>(1, count.failing);
    return limits.sourceRecordLimit;
}

bool ContainerScanner::examples(CheckOutcome &outcome, const CompiledCheck &compiled,
                                ContainerFindings &out)
{
    const qint64 limit = exampleLimit(outcome.check, outcome.count, m_limits);
    SqlFragment sql = compiled.failingRecords;
    sql.sql = m_context.dialect.limit(sql.sql, limit);
    QSqlQuery q(m_db);
    if (!execExamples(q, sql, out))
        return false;
    // The LIMIT bounds what the database sends: every row it returns is kept.
    while (q.next())
        outcome.examples << rowToJson(q.record(), out.liveColumns);
    // A connection lost while the rows arrive ends next() like the last row does: only the
    // error tells them apart. Nothing read where the count found failures is no evidence either.
    if (q.lastError().isValid()) {
        out.error = q.lastError().text();
        return false;
    }
    if (outcome.examples.isEmpty() && outcome.count.failing > 0) {
        out.error = Text::tr("the database returned none of the %1 failing records its count "
                             "found")
                        .arg(outcome.count.failing);
        return false;
    }
    return true;
}

bool ContainerScanner::examplesTogether(const QList<int> &which,
                                        const QList<CompiledCheck> &compiled,
                                        ContainerFindings &out)
{
    QList<SqlFragment> items{raw(m_context.rowSelect(QStringLiteral("src")))}, any;
    for (const int i : which) {
        items << fmt(QStringLiteral("CASE WHEN %1 THEN 1 ELSE 0 END"), {compiled.at(i).failing});
        any << fmt(QStringLiteral("(%1)"), {compiled.at(i).failing});
    }
    const SqlFragment sql = fmt(QStringLiteral("SELECT %1 FROM %2 WHERE %3"),
                                {join(items, QStringLiteral(", ")), sourceRelation(m_context),
                                 join(any, QStringLiteral(" OR "))});
    QSqlQuery q(m_db);
    if (!execExamples(q, sql, out))
        return false;
    QList<QList<QJsonObject>> found(which.size());
    while (q.next()) {
        QSqlRecord record = q.record();
        const int columns = int(record.count()) - int(which.size());
        QList<bool> fails;
        for (int k = 0; k < which.size(); ++k)
            fails << (record.value(columns + k).toInt() == 1);
        while (record.count() > columns)
            record.remove(record.count() - 1);
        const QJsonObject row = rowToJson(record, out.liveColumns);
        for (int k = 0; k < which.size(); ++k) {
            const CheckOutcome &o = out.outcomes.at(which.at(k));
            if (fails.at(k) && found.at(k).size() < exampleLimit(o.check, o.count, m_limits))
                found[k] << row;
        }
    }
    if (q.lastError().isValid()) { // a connection lost while the rows arrive
        out.error = q.lastError().text();
        return false;
    }
    for (int k = 0; k < which.size(); ++k)
        if (found.at(k).isEmpty()) {
            out.error = Text::tr("the database returned none of the %1 failing records its count "
                                 "found")
                            .arg(out.outcomes.at(which.at(k)).count.failing);
            return false;
        }
    for (int k = 0; k < which.size(); ++k)
        out.outcomes[which.at(k)].examples = found.at(k);
    return true;
}

ContainerFindings ContainerScanner::scan(const QList<Check> &checks,
                                         const QList<SourceConstraint> &constraints)
{
    ContainerFindings out;
    out.partitionColumn = m_context.systemColumns.value(0);
    // The live columns: schema checks read them, and compiling only against fields that still
    // exist turns a dropped column into a check error instead of a failed pass.
    ++out.queries;
    out.liveColumns = liveColumns(m_db, m_context, &out.error);
    if (!out.error.isEmpty())
        return out;
    QHash<QString, TypeFamily> live;
    for (const QString &c : out.liveColumns)
        live.insert(c, m_context.fieldTypes.value(c, TypeFamily::Other));
    m_context.fieldTypes = live;
    m_context.rowColumns = out.liveColumns;

    QList<CompiledCheck> compiled;
    for (const Check &c : checks) {
        compiled << compileCheck(c, m_context);
        const QString guarantee = constraintGuarantee(c, constraints, m_context);
        if (compiled.last().ok() && !guarantee.isEmpty())
            compiled.last().guaranteedBy(guarantee);
        CheckOutcome o;
        o.check = c;
        o.guarantee = compiled.last().guarantee;
        o.form = compiled.last().form;
        o.count.error = compiled.last().error;
        o.count.notApplicable = compiled.last().notApplicable;
        o.count.passed = compiled.last().ok();
        out.outcomes << o;
    }
    QStringList schema;
    for (const QString &c : out.liveColumns)
        if (!m_context.systemColumns.contains(c, Qt::CaseInsensitive))
            schema << c;
    for (int i = 0; i < checks.size(); ++i) {
        if (!compiled.at(i).ok() || compiled.at(i).form != CheckForm::Schema)
            continue;
        out.outcomes[i].count = evaluateSchema(checks.at(i), schema);
        // Only the expected schema guards the rest of the scan (reference spec 3.5); another
        // schema rule (fieldCount) that fails is a shape anomaly like any other.
        if (!out.outcomes[i].count.passed && checks.at(i).rule == rule_name::kExpectedSchema)
            out.schemaAborted = true;
    }
    if (out.schemaAborted) {
        for (CheckOutcome &o : out.outcomes)
            o.evaluated = o.form == CheckForm::Schema && o.count.error.isEmpty();
        return out;
    }
    if (m_cancelled())
        return out;

    // The one aggregate pass.
    QList<SqlFragment> extra;
    if (!m_limits.incrementalField.isEmpty() && live.contains(m_limits.incrementalField))
        extra << SqlFragment{m_context.dialect.toText(QStringLiteral("MAX(%1)").arg(
                                 m_context.dialect.quote(m_limits.incrementalField))),
                             {}};
    CountPass pass = buildCountPass(checks, compiled, m_context, extra);
    QSqlQuery q(m_db);
    ++out.queries;
    ++out.tablePasses;
    if (!execFragment(q, pass.query, &out.error)) {
        // One check the database refuses (a type it cannot compare, an overflow, a list too
        // long) must not fail the others: find it, set it aside with its error, and count the
        // rest.
        if (m_cancelled() || !answers(m_db))
            return out;
        isolateFailingChecks(checks, compiled, pass, extra, out);
        pass = buildCountPass(checks, compiled, m_context, extra);
        q = QSqlQuery(m_db);
        ++out.queries;
        ++out.tablePasses;
        out.error.clear();
        if (!execFragment(q, pass.query, &out.error))
            return out;
    }
    if (!q.next()) {
        out.error = Text::tr("The count query returned no row.");
        return out;
    }
    QVariantList row;
    for (int i = 0; i < pass.columnCount; ++i)
        row << q.value(i);
    q.finish();
    out.records = row.value(0).toLongLong();
    if (!extra.isEmpty() && !row.value(pass.extraColumn).isNull())
        out.highWaterMark = row.value(pass.extraColumn).toString();
    for (int i = 0; i < checks.size(); ++i)
        if (pass.firstColumn.at(i) >= 0)
            out.outcomes[i].count = readCountRow(pass, i, checks.at(i), compiled.at(i), row);

    // Grouped rules, each its own pass; one that fails is that check's error.
    for (int i = 0; i < checks.size(); ++i) {
        if (!compiled.at(i).ok() || compiled.at(i).form != CheckForm::Grouped)
            continue;
        if (m_cancelled())
            return out;
        QSqlQuery g(m_db);
        ++out.queries;
        ++out.tablePasses;
        QString error;
        if (!execFragment(g, compiled.at(i).groupedCount, &error)) {
            if (!answers(m_db)) {
                out.error = error;
                return out;
            }
            out.outcomes[i].count = CheckCount();
            out.outcomes[i].count.error =
                Text::tr("The database refused this check: %1").arg(error);
            out.outcomes[i].count.passed = false;
            compiled[i].error = out.outcomes[i].count.error;
            continue;
        }
        if (g.next())
            out.outcomes[i].count = groupedCount(checks.at(i), g);
    }

    // Examples, for the failing checks that report records. A check that needs every one of
    // its few failing records would read the whole table to find them, one such read per
    // check: they share one read of the rows failing any of them instead. A check with more
    // failing records than it keeps stops at its LIMIT early, on its own.
    QList<int> together, alone;
    for (int i = 0; i < checks.size(); ++i) {
        const CheckOutcome &o = out.outcomes.at(i);
        if (!compiled.at(i).ok() || !recordForm(o.form) ||
            compiled.at(i).failingRecords.isEmpty() || o.count.failing == 0 ||
            (o.count.passed && o.check.coverage < 1.0))
            continue;
        const bool needsAll = o.count.failing <= exampleLimit(o.check, o.count, m_limits);
        (o.form == CheckForm::Record && needsAll ? together : alone) << i;
    }
    if (together.size() > 1) {
        if (m_cancelled())
            return out;
        if (!examplesTogether(together, compiled, out)) {
            if (!answers(m_db))
                return out;
            out.error.clear(); // each check reads its own, and says so if that fails too
            alone << together;
            std::sort(alone.begin(), alone.end());
        }
    } else {
        alone << together;
    }
    for (const int i : std::as_const(alone)) {
        CheckOutcome &o = out.outcomes[i];
        if (m_cancelled())
            return out;
        if (!examples(o, compiled.at(i), out)) {
            if (!answers(m_db))
                return out;
            // The count stands; only its example rows are missing, and the anomaly says why.
            o.examplesError = out.error;
            out.error.clear();
        }
    }
    return out;
}

void ContainerScanner::isolateFailingChecks(const QList<Check> &checks,
                                            QList<CompiledCheck> &compiled, const CountPass &pass,
                                            const QList<SqlFragment> &extra, ContainerFindings &out)
{
    QList<int> inPass;
    for (int i = 0; i < checks.size(); ++i)
        if (pass.firstColumn.at(i) >= 0)
            inPass << i;
    const auto refuse = [&](int i, const QString &error) {
        compiled[i].error = Text::tr("The database refused this check: %1").arg(error.simplified());
        out.outcomes[i].count = CheckCount();
        out.outcomes[i].count.error = compiled.at(i).error;
        out.outcomes[i].count.passed = false;
    };
    // What the planner refuses, check by check, over no rows (cheap).
    const CheckSqlContext none = zeroRows(m_context);
    for (const int i : inPass) {
        if (m_cancelled())
            return;
        QSqlQuery probe(m_db);
        ++out.queries;
        QString error;
        if (!execFragment(probe, buildCountPass(checks, onlyChecks(compiled, {i}), none, {}).query,
                          &error))
            refuse(i, error);
    }
    QSqlQuery whole(m_db);
    ++out.queries;
    ++out.tablePasses;
    QString error;
    if (execFragment(whole, buildCountPass(checks, compiled, m_context, extra).query, &error))
        return;
    // What fails only while rows are read: halve the checks over full passes.
    inPass.clear();
    for (int i = 0; i < checks.size(); ++i)
        if (compiled.at(i).ok() && (compiled.at(i).form == CheckForm::Record ||
                                    compiled.at(i).form == CheckForm::Aggregate))
            inPass << i;
    const QHash<int, QString> failing = isolateFailures(
        inPass, error,
        [&](const QList<int> &parts) {
            QSqlQuery probe(m_db);
            ++out.queries;
            ++out.tablePasses;
            QString e;
            execFragment(probe,
                         buildCountPass(checks, onlyChecks(compiled, parts), m_context, {}).query,
                         &e);
            return e;
        },
        m_cancelled);
    for (auto it = failing.begin(); it != failing.end(); ++it)
        refuse(it.key(), it.value());
}

} // namespace assay
