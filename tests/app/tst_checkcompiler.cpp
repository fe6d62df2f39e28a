#include "ServerDatabase.h"
#include "TestSupport.h"
#include "app/checks/AnomalyMessages.h"
#include "app/checks/CheckCompiler.h"
#include "app/checks/Rule.h"
#include "app/checks/RuleCatalog.h"
#include "app/files/DuckDbDriver.h"
#include "tst_distributionshift.h"
#include "tst_scan_data.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace assay;
using namespace scan_data;

namespace {

constexpr qint64 kRefContainer = 77;

qint64 countRows(QSqlDatabase db, const SqlFragment &select, QString *error)
{
    QSqlQuery q(db);
    const SqlFragment count{QStringLiteral("SELECT COUNT(*) FROM (%1) assay_count").arg(select.sql),
                            select.values};
    if (!execFragment(q, count, error) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

// equalTo, predictedBy and the personal data rules: what the generic dialect and the file
// engine run here.
bool valueOrPersonalDataRule(const QString &rule)
{
    static const QStringList names{
        QStringLiteral("equalTo"), QStringLiteral("predictedBy"), QStringLiteral("isCreditCard"),
        QStringLiteral("containsCreditCard"), QStringLiteral("containsSocialSecurityNumber")};
    return names.contains(rule);
}

QList<Case> casesOf(const QList<Case> &all, const std::function<bool(const Case &)> &keep)
{
    QList<Case> out;
    for (const Case &c : all)
        if (keep(c))
            out << c;
    return out;
}

} // namespace

// Every rule of the catalogue compiled for SQLite, PostgreSQL and MariaDB and run against the
// crafted table: the counts equal those computed independently from the generated rows.
class TestCheckCompiler : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    const QVector<Row> m_rows = rows();

    CheckSqlContext context(const SqlDialect &d, const QString &schema, const QString &table,
                            const QString &refTable, const QString &qty = QStringLiteral("qty"))
    {
        CheckSqlContext c;
        c.dialect = d;
        c.schema = schema;
        c.table = table;
        c.fieldTypes = fieldTypes(d, qty);
        c.variables = variables();
        c.referenceTable = [refTable](qint64 id) {
            return id == kRefContainer ? refTable : QString();
        };
        return c;
    }

    // Counts of countFailures, of the failing-record query and of the display SQL all equal
    // the independent count.
    void countCases(QSqlDatabase db, const CheckSqlContext &ctx, const QList<Case> &cases)
    {
        QList<Check> checks;
        for (const Case &c : cases)
            checks << c.check;
        QString error;
        const QList<CheckCount> counts = countFailures(db, checks, ctx, 0, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(counts.size(), cases.size());
        for (int i = 0; i < cases.size(); ++i) {
            const auto [asserted, failing] = expected(cases.at(i), m_rows);
            const QString what =
                checks.at(i).rule + QStringLiteral(" #%1 ").arg(i) + counts.at(i).error;
            QVERIFY2(counts.at(i).error.isEmpty(), qPrintable(what));
            QVERIFY2(counts.at(i).asserted == asserted,
                     qPrintable(what + QStringLiteral(" asserted %1, expected %2")
                                           .arg(counts.at(i).asserted)
                                           .arg(asserted)));
            QVERIFY2(counts.at(i).failing == failing,
                     qPrintable(what + QStringLiteral(" failing %1, expected %2")
                                           .arg(counts.at(i).failing)
                                           .arg(failing)));
            QVERIFY(failing > 0 || counts.at(i).passed);
            QCOMPARE(counts.at(i).passed, withinCoverage(checks.at(i), asserted, failing));

            const CompiledCheck compiled = compileCheck(checks.at(i), ctx);
            QCOMPARE(countRows(db, compiled.failingRecords, &error), failing);
            const QString shown = displaySql(checks.at(i), ctx);
            // Executed without bound values: every placeholder was inlined.
            QVERIFY2(countRows(db, SqlFragment{shown, {}}, &error) == failing,
                     qPrintable(shown + QStringLiteral(" ") + error));
        }
    }

    // Record rules: every case counted (countCases), then again over the first rows.
    void recordRules(QSqlDatabase db, const CheckSqlContext &ctx, const QString &qty)
    {
        const QList<Case> cases = recordCases(ctx.dialect, kRefContainer, qty);
        countCases(db, ctx, cases);
        if (QTest::currentTestFailed())
            return;
        QList<Check> checks;
        for (const Case &c : cases)
            checks << c.check;
        QString error;
        // The one pass with a record limit reads the first rows by id.
        CheckSqlContext limited = ctx;
        limited.orderField = QStringLiteral("id");
        const QList<CheckCount> first50 = countFailures(db, checks, limited, 50, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QVector<Row> head = m_rows.mid(0, 50);
        for (int i = 0; i < cases.size(); ++i) {
            const auto [asserted, failing] = expected(cases.at(i), head);
            QCOMPARE(first50.at(i).asserted, asserted);
            QCOMPARE(first50.at(i).failing, failing);
        }
    }

    void tableRules(QSqlDatabase db, const CheckSqlContext &ctx)
    {
        QSet<QString> codes, repeated;
        QHash<QString, int> codeCount;
        qint64 qtySum = 0, codeRows = 0;
        for (const Row &r : m_rows) {
            if (r.code) {
                ++codeRows;
                if (++codeCount[*r.code] > 1)
                    repeated << *r.code;
                codes << *r.code;
            }
            qtySum += r.qty.value_or(0);
        }
        qint64 inRepeats = 0;
        for (auto it = codeCount.cbegin(); it != codeCount.cend(); ++it)
            if (it.value() > 1)
                inRepeats += it.value();
        const QList<Check> checks{
            check("distinctCount", {"code"}, {{"value", codes.size()}}),
            check("distinctCount", {"code"}, {{"value", codes.size() + 1}}),
            check("sum", {"qty"}, {{"value", double(qtySum)}}),
            check("sum", {"qty"}, {{"value", double(qtySum) + 5}, {"tolerance", 2}}),
            check("requiredValues", {"cat"}, {{"list", QJsonArray{"a", "b", "q"}}}),
            check("minPartitionSize", {}, {{"value", 100}}),
            check("minPartitionSize", {}, {{"value", 1000}}),
            check("unique", {"code"}),
            check("unique", {"id"}),
            check("unique", {"code", "cat"}, {}, QStringLiteral("cat = {{cat}}")),
            check("expectedSchema", {"id", "qty", "nope"}),
            check("expectedSchema", {"id", "qty"}, {{"allow_other_fields", false}}),
            check("expectedSchema", {"ID", "qty", "price"}),
            check("fieldCount", {}, {{"value", 13}}),
            check("fieldCount", {}, {{"value", 14}}),
            check("timeDistributionSize", {"ts"},
                  {{"interval_name", "Daily"}, {"min_size", 24}, {"max_size", 24}}),
            check("maxPartitionSize", {}, {{"value", 1000}}),
            check("maxPartitionSize", {}, {{"value", 100}}),
            check("maxPartitionSize", {}, {{"value", kRows}}),
        };
        QString error;
        const QList<CheckCount> c = countFailures(db, checks, ctx, 0, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        for (const CheckCount &one : c)
            QVERIFY2(one.error.isEmpty(), qPrintable(one.error));
        QVERIFY(c.at(0).passed);
        QCOMPARE(c.at(0).observed.toLongLong(), qint64(codes.size()));
        QCOMPARE(c.at(0).asserted, codeRows);
        QVERIFY(!c.at(1).passed);
        QCOMPARE(c.at(1).failing, codeRows);
        QVERIFY(c.at(2).passed);
        QVERIFY(!c.at(3).passed);
        QCOMPARE(c.at(3).observed.toDouble(), double(qtySum));
        QVERIFY(!c.at(4).passed);
        QCOMPARE(c.at(4).details, QStringList{"q"});
        QVERIFY(c.at(5).passed);
        QVERIFY(!c.at(6).passed);
        QCOMPARE(c.at(6).observed.toLongLong(), qint64(kRows));
        QVERIFY(!c.at(7).passed);
        QCOMPARE(c.at(7).asserted, codeRows);
        QCOMPARE(c.at(7).failing, inRepeats);
        QVERIFY(c.at(8).passed);
        QCOMPARE(c.at(8).asserted, qint64(kRows));
        // unique over (code, cat) among cat = 'b' rows.
        QHash<QString, int> pairs;
        qint64 pairRows = 0, pairRepeats = 0;
        for (const Row &r : m_rows)
            if (r.code && r.cat == QStringLiteral("b")) {
                ++pairRows;
                ++pairs[*r.code];
            }
        for (int n : pairs)
            pairRepeats += n > 1 ? n : 0;
        QCOMPARE(c.at(9).asserted, pairRows);
        QCOMPARE(c.at(9).failing, pairRepeats);
        QVERIFY(!c.at(10).passed);
        QCOMPARE(c.at(10).details, QStringList{"nope"});
        QVERIFY(!c.at(11).passed);
        QCOMPARE(c.at(11).observed.toStringList().size(), 11);
        QVERIFY(c.at(12).passed); // names compare case-insensitively
        QVERIFY(c.at(13).passed);
        QVERIFY(!c.at(14).passed);
        // ts: one row an hour, every 23rd missing; days (UTC) of other than 24 rows fail.
        QHash<QDate, qint64> perDay;
        qint64 timed = 0;
        for (const Row &r : m_rows)
            if (r.ts) {
                ++perDay[r.ts->toUTC().date()];
                ++timed;
            }
        qint64 offDays = 0, offRows = 0;
        for (qint64 n : perDay)
            if (n != 24) {
                ++offDays;
                offRows += n;
            }
        QVERIFY(offDays > 0);
        QCOMPARE(c.at(15).asserted, timed);
        QCOMPARE(c.at(15).failing, offRows);
        QCOMPARE(c.at(15).observed.toLongLong(), offDays);
        QVERIFY(!c.at(15).passed);
        // At most 1000 records, 100, and exactly as many as there are (the bound included).
        QVERIFY(c.at(16).passed);
        QCOMPARE(c.at(16).failing, qint64(0));
        QVERIFY(!c.at(17).passed);
        QCOMPARE(c.at(17).observed.toLongLong(), qint64(kRows));
        QCOMPARE(c.at(17).failing, qint64(kRows));
        QVERIFY(c.at(18).passed);

        // Inference's holdout counts single-field unique checks in the aggregate pass: failing
        // are then the records beyond each value's first; a multi-field one stays grouped.
        CheckSqlContext holdout = ctx;
        holdout.uniqueInAggregatePass = true;
        const QList<Check> uniques{checks.at(7), checks.at(8), checks.at(9)};
        QCOMPARE(compileCheck(uniques.at(0), holdout).form, CheckForm::Aggregate);
        QCOMPARE(compileCheck(uniques.at(2), holdout).form, CheckForm::Grouped);
        const QList<CheckCount> h = countFailures(db, uniques, holdout, 0, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(!h.at(0).passed);
        QCOMPARE(h.at(0).asserted, codeRows);
        QCOMPARE(h.at(0).failing, codeRows - qint64(codes.size()));
        QVERIFY(h.at(1).passed);
        QCOMPARE(h.at(1).failing, qint64(0));
        QCOMPARE(h.at(2).failing, pairRepeats);

        // The unique check's failing records are exactly the repeated ones.
        const CompiledCheck unique = compileCheck(checks.at(7), ctx);
        QCOMPARE(countRows(db, unique.failingRecords, &error), inRepeats);
        QCOMPARE(countRows(db, SqlFragment{displaySql(checks.at(7), ctx), {}}, &error), inRepeats);
    }

    void compileErrors(const CheckSqlContext &ctx)
    {
        const CompiledCheck unknown = compileCheck(
            check("notNull", {"qty"}, {}, QStringLiteral("qty > {{missing_one}}")), ctx);
        QVERIFY(unknown.error.contains(QStringLiteral("missing_one")));
        QVERIFY(!compileCheck(
                     check("notNull", {"qty"}, {}, QStringLiteral("qty > 1; DROP TABLE t")), ctx)
                     .ok());
        QVERIFY(!compileCheck(check("notNull", {"qty"}, {}, QStringLiteral("qty > ?")), ctx).ok());
        QVERIFY(!compileCheck(check("notNull", {"nope"}), ctx).ok());
        QVERIFY(
            !compileCheck(
                 check("existsIn", {"qty"}, {{"ref_container_id", 5}, {"field_name", "x"}}), ctx)
                 .ok());
        // A ';' or '?' inside a literal is data, not SQL.
        QVERIFY(compileCheck(check("notNull", {"qty"}, {}, QStringLiteral("name <> 'a;b?'")), ctx)
                    .ok());
        // Values are bound: the filter's variable never appears in the SQL.
        CheckSqlContext hostile = ctx;
        hostile.variables.insert(QStringLiteral("cat"), QStringLiteral("x'; DROP TABLE t; --"));
        const CompiledCheck bound =
            compileCheck(check("notNull", {"qty"}, {}, QStringLiteral("cat = {{cat}}")), hostile);
        QVERIFY(bound.ok());
        QVERIFY(!bound.failing.sql.contains(QStringLiteral("DROP")));
        QVERIFY(bound.failing.values.contains(QStringLiteral("x'; DROP TABLE t; --")));
        // The display inlines values as escaped literals.
        const QString shown = displaySql(
            check("between", {"qty"}, {{"min", 1}, {"max", 9}}, QStringLiteral("cat = {{cat}}")),
            hostile);
        QVERIFY2(shown.contains(QStringLiteral("'x''; DROP TABLE t; --'")), qPrintable(shown));

        // What the compiler refuses at scan time is refused when the check is saved, in a
        // filter and in an expression alike; a ';' inside a literal or a variable is fine.
        const QString stacked = rules::validate(
            check("satisfiesExpression", {}, {{"expression", "qty > 1; DROP TABLE t"}}),
            ctx.fieldTypes);
        QVERIFY2(stacked.contains(QStringLiteral("“;”")), qPrintable(stacked));
        QVERIFY(!rules::validate(check("notNull", {"qty"}, {}, QStringLiteral("qty > 1 -- x")),
                                 ctx.fieldTypes)
                     .isEmpty());
        QCOMPARE(rules::validate(check("satisfiesExpression", {},
                                       {{"expression", "name <> 'a;b' AND qty > {{least}}"}}),
                                 ctx.fieldTypes),
                 QString());

        // equalTo needs a value, and compares a number field as a number: a value that is none
        // is refused rather than compared as text.
        QVERIFY(!rules::validate(check("equalTo", {"qty"}), ctx.fieldTypes).isEmpty());
        const CompiledCheck notANumber =
            compileCheck(check("equalTo", {"qty"}, {{"value", "three"}}), ctx);
        QVERIFY2(notANumber.error.contains(QStringLiteral("“three”")),
                 qPrintable(notANumber.error));
        QVERIFY(!compileCheck(check("equalTo", {"day"}, {{"value", "soon"}}), ctx).ok());
        // predictedBy: a tolerance is a distance; the prediction is checked like any expression
        // a person writes; numbers, dates and times only.
        QVERIFY(rules::validate(
                    check("predictedBy", {"hi"}, {{"expression", "lo + 1"}, {"tolerance", -1}}),
                    ctx.fieldTypes)
                    .contains(QStringLiteral("0 or more")));
        QVERIFY(rules::validate(check("predictedBy", {"hi"}, {{"expression", "lo; DROP TABLE t"}}),
                                ctx.fieldTypes)
                    .contains(QStringLiteral("“;”")));
        QVERIFY(!rules::validate(check("predictedBy", {"name"}, {{"expression", "'x'"}}),
                                 ctx.fieldTypes)
                     .isEmpty());
        QCOMPARE(rules::validate(check("predictedBy", {"ts"}, {{"expression", "{{t0}}"}}),
                                 ctx.fieldTypes),
                 QString());
        const CompiledCheck unknownVariable =
            compileCheck(check("predictedBy", {"ts"}, {{"expression", "{{nope}}"}}), ctx);
        QVERIFY(unknownVariable.error.contains(QStringLiteral("nope")));
        // The personal data rules read text only; maxPartitionSize takes neither fields nor a
        // filter.
        QVERIFY(!rules::validate(check("isCreditCard", {"qty"}), ctx.fieldTypes).isEmpty());
        QVERIFY(!rules::validate(check("containsSocialSecurityNumber", {"day"}), ctx.fieldTypes)
                     .isEmpty());
        QVERIFY(!rules::validate(check("maxPartitionSize", {}, {{"value", 5}}, "qty > 1"),
                                 ctx.fieldTypes)
                     .isEmpty());
        QVERIFY(!rules::validate(check("maxPartitionSize", {}), ctx.fieldTypes).isEmpty());
    }

    // Expected Values lists of 100,000 values, text and numbers: one OR per value would exceed
    // SQLite's expression depth of 1,000, and one parameter per value every driver's limit
    // (32,766 or 65,535); the counts equal an independent count.
    void largeLists(QSqlDatabase db, const CheckSqlContext &ctx)
    {
        constexpr int kValues = 100000;
        QJsonArray cats{"a", "b"}, qtys;
        for (int i = 0; i < kValues; ++i) {
            cats << QStringLiteral("x%1").arg(i);
            qtys << i;
        }
        qint64 catFailing = 0, qtyFailing = 0;
        for (const Row &r : m_rows) {
            catFailing += r.cat && *r.cat != QLatin1String("a") && *r.cat != QLatin1String("b");
            qtyFailing += r.qty && (*r.qty < 0 || *r.qty >= kValues);
        }
        QString error;
        const QList<CheckCount> counts =
            countFailures(db,
                          {check("expectedValues", {"cat"}, {{"list", cats}}),
                           check("expectedValues", {"qty"}, {{"list", qtys}})},
                          ctx, 0, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(counts.size(), 2);
        QVERIFY2(counts.at(0).error.isEmpty(), qPrintable(counts.at(0).error));
        QCOMPARE(counts.at(0).failing, catFailing);
        QCOMPARE(counts.at(1).failing, qtyFailing);
    }

    // A list long enough to be written as literals matches values with quotes, backslashes and
    // accents exactly as bound values would (each dialect spells them its own way).
    void literalListsMatchExactly(QSqlDatabase db, const SqlDialect &d, const QString &schema)
    {
        const QStringList stored{QStringLiteral("a'b"),   QStringLiteral("c\\d"),
                                 QStringLiteral("e\\'f"), QStringLiteral("\u00e9 \u00fc$$"),
                                 QStringLiteral("g''h"),  QStringLiteral("x")};
        exec(db, QStringLiteral("DROP TABLE IF EXISTS %1").arg(d.table(schema, "lit")));
        QVERIFY(exec(db, QStringLiteral("CREATE TABLE %1 (v VARCHAR(40))")
                             .arg(d.table(schema, QStringLiteral("lit")))));
        for (const QString &v : stored) {
            QSqlQuery q(db);
            q.prepare(QStringLiteral("INSERT INTO %1 VALUES (?)")
                          .arg(d.table(schema, QStringLiteral("lit"))));
            q.addBindValue(v);
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        }
        QJsonArray list;
        for (int i = 0; i < 2000; ++i)
            list << QStringLiteral("filler %1 '\\").arg(i);
        for (int i = 0; i < 4; ++i) // all but "g''h" and "x"
            list << stored.at(i);
        CheckSqlContext ctx;
        ctx.dialect = d;
        ctx.schema = schema;
        ctx.table = QStringLiteral("lit");
        ctx.fieldTypes = {{QStringLiteral("v"), TypeFamily::String}};
        QString error;
        const QList<CheckCount> counts =
            countFailures(db, {check("expectedValues", {"v"}, {{"list", list}})}, ctx, 0, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(counts.size(), 1);
        QVERIFY2(counts.first().error.isEmpty(), qPrintable(counts.first().error));
        QCOMPARE(counts.first().failing, qint64(2));
    }

    void runAll(QSqlDatabase db, const SqlDialect &d, const QString &schema)
    {
        distribution_data::distributionShiftCases(db, d, schema);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(create(db, d, schema, QStringLiteral("t"), m_rows));
        QVERIFY(createReference(db, d, schema, QStringLiteral("ref")));
        const CheckSqlContext ctx = context(d, schema, QStringLiteral("t"), QStringLiteral("ref"));
        recordRules(db, ctx, QStringLiteral("qty"));
        tableRules(db, ctx);
        largeLists(db, ctx);
        literalListsMatchExactly(db, d, schema);
        compileErrors(ctx);

        // Hostile table and field names: quoted everywhere, nothing else touched.
        const QString table = QStringLiteral("a\"; drop table b; --");
        const QString qty = QStringLiteral("q`\"; drop table b; --");
        QVERIFY(exec(db, QStringLiteral("CREATE TABLE %1 (x INTEGER)").arg(d.table(schema, "b"))));
        QVERIFY(create(db, d, schema, table, m_rows, qty));
        const QString ref = QStringLiteral("r\"; drop table b; --");
        QVERIFY(createReference(db, d, schema, ref));
        recordRules(db, context(d, schema, table, ref, qty), qty);
        QVERIFY(exec(db, QStringLiteral("SELECT * FROM %1").arg(d.table(schema, "b"))));
    }

private slots:
    // The registry holds each rule once, under the API name its spec gives, and every rule
    // whose failures are records words them itself (not the generic "fails <rule>").
    void registryDefinesEachRuleOnce()
    {
        QSet<QString> names;
        for (const auto &rule : rules::definitions()) {
            const RuleSpec &spec = rule->spec();
            QVERIFY2(!names.contains(spec.name), qPrintable(spec.name));
            names.insert(spec.name);
            QVERIFY(!spec.title.isEmpty());
            QVERIFY(!spec.description.isEmpty());
            QCOMPARE(rules::definition(spec.name), rule.get());
            QCOMPARE(rules::find(spec.name), &spec);
            if (spec.recordAnomalies) {
                Check c;
                c.rule = spec.name;
                c.fields = {QStringLiteral("f")};
                QVERIFY2(!anomaly_messages::violation(c, false).startsWith(QStringLiteral("fails")),
                         qPrintable(spec.name));
            }
        }
        QCOMPARE(names.size(), rules::all().size());
        QVERIFY(names.contains(QString(rule_name::kUnique)));
        QVERIFY(!rules::definition(QStringLiteral("noSuchRule")));
    }

    void sqlite()
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), "lite");
        db.setDatabaseName(m_dir.filePath(QStringLiteral("checks.sqlite")));
        db.setConnectOptions(QStringLiteral("QSQLITE_ENABLE_REGEXP"));
        QVERIFY(db.open());
        runAll(db, SqlDialect::forFamily(SqlDialect::Family::SQLite), QStringLiteral("main"));
    }

    void postgres()
    {
        const test::Server pg = test::postgres();
        QVERIFY2(pg.port, "the Servers fixture is not running");
        QSqlDatabase db = test::serverDatabase(QStringLiteral("QPSQL"), pg, QStringLiteral("pg"));
        QVERIFY2(db.open(), qPrintable(db.lastError().text()));
        QVERIFY(exec(db, QStringLiteral("DROP SCHEMA IF EXISTS checks_pg CASCADE")));
        QVERIFY(exec(db, QStringLiteral("CREATE SCHEMA checks_pg")));
        runAll(db, SqlDialect::forFamily(SqlDialect::Family::PostgreSQL),
               QStringLiteral("checks_pg"));
    }

    void mariadb()
    {
        const test::Server md = test::mariadb();
        QVERIFY2(md.port, "the Servers fixture is not running");
        QSqlDatabase db =
            test::serverDatabase(QStringLiteral("QMARIADB"), md, QStringLiteral("md"));
        QVERIFY2(db.open(), qPrintable(db.lastError().text()));
        QVERIFY(exec(db, QStringLiteral("DROP DATABASE IF EXISTS assay_checks")));
        QVERIFY(exec(db, QStringLiteral("CREATE DATABASE assay_checks")));
        runAll(db, SqlDialect::forFamily(SqlDialect::Family::MySQL),
               QStringLiteral("assay_checks"));
    }

    void messages()
    {
        const Check between = check("between", {"qty"}, {{"min", 1}, {"max", 9}});
        QCOMPARE(anomaly_messages::recordMessage(between, QJsonObject{{"qty", -3}}),
                 QStringLiteral("The value for qty of -3 is not between 1.000 and 9.000."));
        const Check shape = check("between", {"L_QUANTITY"}, {{"min", 5}, {"max", 20}});
        QCOMPARE(anomaly_messages::shareMessage(shape, 3, 2, QStringLiteral("t")),
                 QStringLiteral("In L_QUANTITY, 66.67% of 3 records (2) are not between "
                                "5.000 and 20.000."));
        Check filteredShape = shape;
        filteredShape.filter = QStringLiteral("L_QUANTITY > 0");
        filteredShape.coverage = 0.5;
        QCOMPARE(anomaly_messages::shareMessage(filteredShape, 3, 2, QStringLiteral("t")),
                 QStringLiteral("In L_QUANTITY, 66.67% of 3 filtered records (2) are not between "
                                "5.000 and 20.000. At most 50.00% may; 33.33% pass where 50.00% "
                                "must."));
        QCOMPARE(anomaly_messages::recordMessage(check("notNull", {"name"}), {}),
                 QStringLiteral("The value for name is null."));
        QCOMPARE(anomaly_messages::recordMessage(
                     check("greaterThanField", {"hi"}, {{"field_name", "lo"}}),
                     QJsonObject{{"hi", 2}, {"lo", 3}}),
                 QStringLiteral("The value for hi of 2 is not greater than lo (3)."));
        CheckCount missing;
        missing.details = QStringList{"q"};
        QCOMPARE(anomaly_messages::figureMessage(
                     check("requiredValues", {"cat"}, {{"list", QJsonArray{"a", "q"}}}), missing),
                 QStringLiteral("In cat, required values are missing: q."));
        QCOMPARE(anomaly_messages::recordMessage(check("isCreditCard", {"card"}),
                                                 QJsonObject{{"card", "4111 1111 1111 1112"}}),
                 QStringLiteral("The value for card of 4111 1111 1111 1112 is not a valid credit "
                                "card number."));
        QCOMPARE(anomaly_messages::recordMessage(check("containsSocialSecurityNumber", {"note"}),
                                                 QJsonObject{{"note", "call 555-123-4567"}}),
                 QStringLiteral("The value for note of call 555-123-4567 does not contain a "
                                "social security number."));
        QCOMPARE(anomaly_messages::recordMessage(check("equalTo", {"cat"}, {{"value", "a"}}),
                                                 QJsonObject{{"cat", "b"}}),
                 QStringLiteral("The value for cat of b is not equal to a."));
        QCOMPARE(
            anomaly_messages::recordMessage(
                check("predictedBy", {"price"}, {{"expression", "qty * 1.5"}, {"tolerance", 4.5}}),
                QJsonObject{{"price", 12}}),
            QStringLiteral("The value for price of 12 is not within ±4.500 of its prediction "
                           "qty * 1.5."));
        QCOMPARE(anomaly_messages::shareMessage(
                     check("predictedBy", {"hi"}, {{"expression", "lo + 1"}}), 4, 2, "t"),
                 QStringLiteral("In hi, 50.00% of 4 records (2) do not equal their prediction "
                                "lo + 1."));
        CheckCount tooMany;
        tooMany.observed = 300;
        QCOMPARE(anomaly_messages::figureMessage(check("maxPartitionSize", {}, {{"value", 100}}),
                                                 tooMany),
                 QStringLiteral("The container holds 300 records, more than the maximum 100."));
        // Every rule of the catalogue has its own wording.
        QSet<QString> wordings;
        for (const RuleSpec &r : rules::all())
            wordings << anomaly_messages::violation(check(r.name, {"f"}), false);
        QCOMPARE(wordings.size(), rules::all().size());
    }

    // Rules compile sensibly for the other families too (no database here: shape only).
    void otherDialects()
    {
        for (auto family : {SqlDialect::Family::Redshift, SqlDialect::Family::Snowflake,
                            SqlDialect::Family::SqlServer, SqlDialect::Family::Oracle}) {
            const SqlDialect d = SqlDialect::forFamily(family);
            const CheckSqlContext ctx =
                context(d, QStringLiteral("s"), QStringLiteral("t"), QStringLiteral("ref"));
            for (const Case &c : recordCases(d, kRefContainer)) {
                const CompiledCheck compiled = compileCheck(c.check, ctx);
                const bool regex = c.check.rule == QLatin1String("matchesPattern") ||
                                   c.check.rule == QLatin1String("containsEmail") ||
                                   c.check.rule == QLatin1String("containsCreditCard") ||
                                   c.check.rule == QLatin1String("containsSocialSecurityNumber");
                if (family == SqlDialect::Family::SqlServer && regex) {
                    QVERIFY(compiled.error.contains(QStringLiteral("regular expressions")));
                    continue;
                }
                QVERIFY2(compiled.ok(), qPrintable(d.name() + c.check.rule + compiled.error));
                QCOMPARE(compiled.failingRecords.sql.count(u'?'),
                         qsizetype(compiled.failingRecords.values.size()));
            }
        }
    }

    // The independent references of tst_scan_data.h against numbers whose answer is known, and
    // the crafted rows giving every case of the newer rules both outcomes.
    void personalDataReferences()
    {
        for (const char *card : {"4111111111111111", "4111 1111 1111 1111", "4111-1111-1111-1111",
                                 "4111 1111-1111 1111", "378282246310005", "6011111111111117",
                                 "4222222222222", "6011000990139424"})
            QVERIFY2(isCardNumber(QLatin1String(card)), card);
        for (const char *notCard : {"4111111111111112", " 4111111111111111", "4111111111111111-",
                                    "4111  1111 1111 1111", "4111 - 1111 1111 1111", "411111111111",
                                    "", "41111111111111111111", "4111x111111111111"})
            QVERIFY2(!isCardNumber(QLatin1String(notCard)), notCard);
        QVERIFY(containsCardNumber(QStringLiteral("pay 4111 1111 1111 1111 now")));
        QVERIFY(containsCardNumber(QStringLiteral("x1234-5678-9012-3")));
        QVERIFY(containsCardNumber(QStringLiteral("1234 5678 9012 3456 7890")));
        QVERIFY(!containsCardNumber(QStringLiteral("12345678901234567890123")));
        QVERIFY(!containsCardNumber(QStringLiteral("call 555-123-4567")));
        QVERIFY(containsSocialSecurityNumber(QStringLiteral("ssn 123-45-6789")));
        QVERIFY(containsSocialSecurityNumber(QStringLiteral("001-01-0001")));
        for (const char *notSsn :
             {"000-12-3456", "666-12-3456", "900-12-3456", "999-99-9999", "123-00-4567",
              "123-45-0000", "1123-45-6789", "123-45-67890", "123456789", "123-45-678"})
            QVERIFY2(!containsSocialSecurityNumber(QLatin1String(notSsn)), notSsn);

        const SqlDialect d = SqlDialect::forFamily(SqlDialect::Family::SQLite);
        for (const Case &c : casesOf(recordCases(d, kRefContainer), [](const Case &c) {
                 return valueOrPersonalDataRule(c.check.rule);
             })) {
            const auto [asserted, failing] = expected(c, m_rows);
            QVERIFY2(failing > 0 && failing < asserted, qPrintable(c.check.rule));
        }
    }

    // ODBC sources of no family Assay knows (DB2, Trino, Teradata...) get the generic dialect.
    // Through a real ODBC driver (PostgreSQL's), equalTo, numeric predictions and the Luhn
    // check count as the native drivers do; the rules that need regular expressions or seconds
    // between moments say why they cannot run.
    void genericOdbc()
    {
        const test::Server pg = test::postgres();
        QVERIFY2(pg.port, "the Servers fixture is not running");
        const QString schema = QStringLiteral("checks_odbc");
        {
            QSqlDatabase native =
                test::serverDatabase(QStringLiteral("QPSQL"), pg, QStringLiteral("odbc-native"));
            QVERIFY2(native.open(), qPrintable(native.lastError().text()));
            QVERIFY(exec(native, QStringLiteral("DROP SCHEMA IF EXISTS %1 CASCADE").arg(schema)));
            QVERIFY(exec(native, QStringLiteral("CREATE SCHEMA %1").arg(schema)));
            QVERIFY(create(native, SqlDialect::forFamily(SqlDialect::Family::PostgreSQL), schema,
                           QStringLiteral("t"), m_rows));
        }
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QODBC"), "odbc");
        db.setDatabaseName(
            QStringLiteral(
                "DRIVER={PostgreSQL Unicode};SERVER=%1;PORT=%2;DATABASE=%3;UID=%4;PWD=%5")
                .arg(pg.host)
                .arg(pg.port)
                .arg(pg.database, pg.user, pg.password));
        QVERIFY2(db.open(), qPrintable(db.lastError().text()));

        const SqlDialect generic = SqlDialect::forFamily(SqlDialect::Family::Generic);
        const CheckSqlContext ctx = context(generic, schema, QStringLiteral("t"), QString());
        QList<Case> runnable;
        for (const Case &c : recordCases(generic, kRefContainer)) {
            if (!valueOrPersonalDataRule(c.check.rule))
                continue;
            const CompiledCheck compiled = compileCheck(c.check, ctx);
            if (c.check.rule.startsWith(QLatin1String("contains"))) {
                QVERIFY2(compiled.error.contains(QStringLiteral("regular expressions")),
                         qPrintable(compiled.error));
            } else if (c.check.rule == QLatin1String("predictedBy") &&
                       isDateTimeFamily(ctx.fieldTypes.value(c.check.fields.first()))) {
                QVERIFY2(compiled.error.contains(QStringLiteral("seconds")),
                         qPrintable(compiled.error));
            } else {
                runnable << c;
            }
        }
        QCOMPARE(runnable.size(), 7); // equalTo x4, predictedBy x2, isCreditCard
        countCases(db, ctx, runnable);
    }

    // The file engine (DuckDB) runs these rules' SQL like the databases do.
    void fileEngine()
    {
        if (!hasDuckDb())
            QSKIP("This build has no file engine (DuckDB).");
        QVERIFY(registerDuckDbDriver());
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QDUCKDB"), "duck");
        db.setDatabaseName(QStringLiteral(":memory:"));
        QVERIFY2(db.open(), qPrintable(db.lastError().text()));
        const SqlDialect d = SqlDialect::forFamily(SqlDialect::Family::DuckDB);
        QVERIFY(create(db, d, QString(), QStringLiteral("t"), m_rows));
        countCases(db, context(d, QString(), QStringLiteral("t"), QString()),
                   casesOf(recordCases(d, kRefContainer),
                           [](const Case &c) { return valueOrPersonalDataRule(c.check.rule); }));
    }

    // existsIn / notExistsIn and spec 4.2's ref_datastore_id: absent, or naming the check's own
    // datastore, the reference is looked up there (same counts either way, computed here);
    // naming another datastore neither validates nor compiles, and says why.
    void referenceDatastore()
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), "refs");
        db.setDatabaseName(m_dir.filePath(QStringLiteral("refs.sqlite")));
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE orders (customer INTEGER)")));
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE customers (id INTEGER)")));
        const QList<int> orders{1, 2, 2, 3, 7, 8, 8, 9};
        const QList<int> customers{1, 2, 3, 4, 5};
        for (int v : orders)
            QVERIFY(q.exec(QStringLiteral("INSERT INTO orders VALUES (%1)").arg(v)));
        for (int v : customers)
            QVERIFY(q.exec(QStringLiteral("INSERT INTO customers VALUES (%1)").arg(v)));
        qint64 missing = 0;
        for (int v : orders)
            missing += customers.contains(v) ? 0 : 1;

        CheckSqlContext ctx;
        ctx.table = QStringLiteral("orders");
        ctx.fieldTypes = {{QStringLiteral("customer"), TypeFamily::Integral}};
        ctx.referenceTable = [](qint64 id) {
            return id == kRefContainer ? QStringLiteral("customers") : QString();
        };
        constexpr qint64 kDatastore = 3;
        QList<Check> checks;
        for (const char *rule : {"existsIn", "notExistsIn"})
            for (const QJsonValue &datastore : {QJsonValue(), QJsonValue(double(kDatastore))}) {
                Check k =
                    check(QLatin1String(rule), {QStringLiteral("customer")},
                          {{"ref_container_id", double(kRefContainer)}, {"field_name", "id"}});
                k.datastoreId = kDatastore;
                if (!datastore.isNull())
                    k.properties.insert(QStringLiteral("ref_datastore_id"), datastore);
                QCOMPARE(rules::validate(k, ctx.fieldTypes), QString());
                checks << k;
            }
        QString error;
        const QList<CheckCount> counts = countFailures(db, checks, ctx, 0, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(counts.size(), 4);
        for (int i = 0; i < 4; ++i) {
            QVERIFY2(counts.at(i).error.isEmpty(), qPrintable(counts.at(i).error));
            QCOMPARE(counts.at(i).asserted, qint64(orders.size()));
            QCOMPARE(counts.at(i).failing, i < 2 ? missing : orders.size() - missing);
        }

        Check other = checks.at(1);
        other.properties.insert(QStringLiteral("ref_datastore_id"), double(kDatastore + 1));
        QVERIFY(rules::validate(other, ctx.fieldTypes).contains(QStringLiteral("own datastore")));
        const CompiledCheck compiled = compileCheck(other, ctx);
        QVERIFY(!compiled.ok());
        QVERIFY2(compiled.error.contains(QStringLiteral("own datastore")),
                 qPrintable(compiled.error));
        other.properties.insert(QStringLiteral("ref_datastore_id"), 0);
        QVERIFY(rules::validate(other, ctx.fieldTypes).contains(QStringLiteral("datastore")));
        q.finish();
        db.close();
    }
};

QTEST_GUILESS_MAIN(TestCheckCompiler)
#include "tst_checkcompiler.moc"
