#include "ScanTestSupport.h"
#include "app/checks/AnomalyMessages.h"
#include "app/checks/CheckCompiler.h"
#include "app/checks/RuleCatalog.h"
#include "app/checks/RuleNames.h"

#include <QSqlRecord>
#include <cmath>

using namespace assay;
using namespace scan_test;

namespace {

// The rows of the two tables, generated here; every figure the tests expect is computed from
// them in C++, independently of the SQL under test.
struct Order
{
    int id = 0;
    std::optional<double> amount; // quarters: sums of them are exact in doubles
    QString status;               // paid, open, void
};

struct Invoice
{
    int id = 0;
    double total = 0;
    int paid = 0;
};

QList<Order> makeOrders()
{
    QList<Order> out;
    for (int i = 1; i <= 40; ++i) {
        Order o;
        o.id = i;
        if (i % 7 != 0)
            o.amount = i * 12.5 + (i % 6) * 0.25;
        o.status = i % 3 == 0   ? QStringLiteral("paid")
                   : i % 3 == 1 ? QStringLiteral("open")
                                : QStringLiteral("void");
        out << o;
    }
    return out;
}

// A paid invoice for each paid order with an amount, and five unpaid ones.
QList<Invoice> makeInvoices(const QList<Order> &orders)
{
    QList<Invoice> out;
    for (const Order &o : orders)
        if (o.status == QLatin1String("paid") && o.amount)
            out << Invoice{int(out.size()) + 1, *o.amount, 1};
    for (int i = 0; i < 5; ++i)
        out << Invoice{int(out.size()) + 1, 99.75 + i, 0};
    return out;
}

Check comparison(const QString &expression, const QString &op, const QString &refExpression,
                 qint64 refContainer, const QString &filter = {}, const QString &refFilter = {},
                 double tolerance = 0)
{
    Check c = check(QStringLiteral("aggregationComparison"), {},
                    {{"expression", expression},
                     {"comparison", op},
                     {"ref_container_id", double(refContainer)},
                     {"ref_expression", refExpression}});
    if (!refFilter.isEmpty())
        c.properties.insert(QStringLiteral("ref_filter"), refFilter);
    if (tolerance != 0)
        c.properties.insert(QStringLiteral("tolerance"), tolerance);
    c.filter = filter;
    return c;
}

// What a comparison should find: its asserted records, both figures (NaN: NULL), its outcome.
struct Expected
{
    qint64 asserted = 0;
    double own = qQNaN();
    double ref = qQNaN();
    bool passed = false;
};

bool near(double a, double b)
{
    return std::abs(a - b) <= 1e-6 * std::max(1.0, std::abs(b));
}

} // namespace

// aggregationComparison on real SQLite, PostgreSQL and MariaDB: an aggregate over `orders`
// compared with one over `invoices` (or an empty table) in the one aggregate pass, every figure
// and outcome equal to those computed here; the reference read once, as an uncorrelated
// subquery; Show SQL runnable; the anomaly a scan records; what validation refuses.
class TestAggregationComparison : public QObject, public ScanFixture
{
    Q_OBJECT

private:
    const QList<Order> m_orders = makeOrders();
    const QList<Invoice> m_invoices = makeInvoices(m_orders);
    Container m_own, m_ref, m_empty;

    // orders, invoices and an empty table on the running backend, synced.
    void createTables()
    {
        const Column amount{QStringLiteral("amount"), QStringLiteral("DECIMAL(10,2)"),
                            QStringLiteral("DECIMAL(10,2)"), QStringLiteral("DECIMAL(10,2)")};
        const Column total{QStringLiteral("total"), QStringLiteral("DECIMAL(10,2)"),
                           QStringLiteral("DECIMAL(10,2)"), QStringLiteral("DECIMAL(10,2)")};
        QVERIFY(createTable(QStringLiteral("orders"), {integerColumn(QStringLiteral("id")), amount,
                                                       textColumn(QStringLiteral("status"))}));
        QVERIFY(createTable(QStringLiteral("invoices"), {integerColumn(QStringLiteral("id")), total,
                                                         integerColumn(QStringLiteral("paid"))}));
        QVERIFY(createTable(QStringLiteral("nothing"), {total}));
        QList<QVariantList> rows;
        for (const Order &o : m_orders)
            rows << QVariantList{o.id, o.amount ? QVariant(*o.amount) : QVariant(), o.status};
        QVERIFY(insertRows(QStringLiteral("orders"), rows));
        rows.clear();
        for (const Invoice &i : m_invoices)
            rows << QVariantList{i.id, i.total, i.paid};
        QVERIFY(insertRows(QStringLiteral("invoices"), rows));
        m_own = synced(QStringLiteral("orders"));
        m_ref = m_harness.container(m_ds, QStringLiteral("invoices"));
        m_empty = m_harness.container(m_ds, QStringLiteral("nothing"));
        QVERIFY(m_own.id && m_ref.id && m_empty.id);
    }

    // What a scan of `orders` would compile the checks with.
    CheckSqlContext context() const
    {
        CheckSqlContext c;
        c.dialect = m_dialect;
        c.schema = m_schema;
        c.table = m_own.name;
        c.setFields(m_catalog.fields(m_own.id));
        c.variables = {{QStringLiteral("st"), QStringLiteral("'paid'")},
                       {QStringLiteral("flag"), QStringLiteral("1")}};
        const QHash<qint64, QString> names{{m_ref.id, m_ref.name}, {m_empty.id, m_empty.name}};
        c.referenceTable = [names](qint64 id) { return names.value(id); };
        return c;
    }

    // Figures over the generated rows.
    double orderSum(const std::function<bool(const Order &)> &keep) const
    {
        double sum = 0;
        for (const Order &o : m_orders)
            if (keep(o) && o.amount)
                sum += *o.amount;
        return sum;
    }
    qint64 orderCount(const std::function<bool(const Order &)> &keep) const
    {
        qint64 n = 0;
        for (const Order &o : m_orders)
            n += keep(o) ? 1 : 0;
        return n;
    }
    double invoiceSum(const std::function<bool(const Invoice &)> &keep) const
    {
        double sum = 0;
        for (const Invoice &i : m_invoices)
            sum += keep(i) ? i.total : 0;
        return sum;
    }
    qint64 invoiceCount(const std::function<bool(const Invoice &)> &keep) const
    {
        qint64 n = 0;
        for (const Invoice &i : m_invoices)
            n += keep(i) ? 1 : 0;
        return n;
    }

    static bool isPaid(const Order &o) { return o.status == QLatin1String("paid"); }

private slots:
    void initTestCase() { startFixture(); }
    void cleanupTestCase() { m_harness.stop(); }

    // Each operator holding and failing, the tolerance, the check's filter and the reference
    // filter (with variables), nulls, in one pass with other checks: every figure and outcome
    // as computed here.
    void figuresAndOutcomes_data() { backends(); }
    void figuresAndOutcomes()
    {
        QFETCH(QString, type);
        newSource(type);
        createTables();
        if (QTest::currentTestFailed())
            return;
        const auto all = [](const auto &) { return true; };
        const auto paidInvoice = [](const Invoice &i) { return i.paid == 1; };
        const qint64 orders = m_orders.size();
        const double ownSum = orderSum(all), refSum = invoiceSum(all);
        const double paidSum = orderSum(isPaid);
        const qint64 paidWithAmount =
            orderCount([](const Order &o) { return isPaid(o) && o.amount; });
        const qint64 paidOrders = orderCount(isPaid);
        const qint64 invoices = m_invoices.size(), paidInvoices = invoiceCount(paidInvoice);
        QCOMPARE(paidSum, invoiceSum(paidInvoice)); // the data agree where they should
        QVERIFY(ownSum != refSum);
        QVERIFY(orders > invoices);
        const double gap = std::abs(ownSum - refSum);
        // The smallest amount is below the smallest invoice, the largest above the largest.
        double ownMin = 1e9, ownMax = 0, refMin = 1e9, refMax = 0;
        for (const Order &o : m_orders)
            if (o.amount) {
                ownMin = std::min(ownMin, *o.amount);
                ownMax = std::max(ownMax, *o.amount);
            }
        for (const Invoice &i : m_invoices) {
            refMin = std::min(refMin, i.total);
            refMax = std::max(refMax, i.total);
        }
        QVERIFY(ownMin < refMin && ownMax > refMax);

        const qint64 ref = m_ref.id, none = m_empty.id;
        const QString sum = QStringLiteral("SUM(amount)"), total = QStringLiteral("SUM(total)");
        const QString count = QStringLiteral("COUNT(*)");
        const QString paid = QStringLiteral("status = 'paid'");
        QList<QPair<Check, Expected>> cases{
            // eq: filtered on both sides, equal; unfiltered, apart; a tolerance as wide as the
            // gap holds, a narrower one fails.
            {comparison(sum, "eq", total, ref, paid, "paid = 1"),
             {paidOrders, paidSum, paidSum, true}},
            {comparison(sum, "eq", total, ref), {orders, ownSum, refSum, false}},
            {comparison(sum, "eq", total, ref, {}, {}, gap), {orders, ownSum, refSum, true}},
            {comparison(sum, "eq", total, ref, {}, {}, gap - 0.25),
             {orders, ownSum, refSum, false}},
            // Counts: more orders than invoices.
            {comparison(count, "gt", count, ref), {orders, double(orders), double(invoices), true}},
            {comparison(count, "gte", count, ref),
             {orders, double(orders), double(invoices), true}},
            {comparison(count, "lt", count, ref),
             {orders, double(orders), double(invoices), false}},
            {comparison(count, "lte", count, ref),
             {orders, double(orders), double(invoices), false}},
            // Equal counts (the check's filter inside COUNT(*), a variable in each filter).
            {comparison(count, "lt", count, ref, "status = {{st}} AND amount IS NOT NULL",
                        "paid = {{flag}}"),
             {paidWithAmount, double(paidWithAmount), double(paidInvoices), false}},
            {comparison(count, "lte", count, ref, "status = {{st}} AND amount IS NOT NULL",
                        "paid = {{flag}}"),
             {paidWithAmount, double(paidWithAmount), double(paidInvoices), true}},
            {comparison(count, "gt", count, ref, "status = {{st}} AND amount IS NOT NULL",
                        "paid = {{flag}}"),
             {paidWithAmount, double(paidWithAmount), double(paidInvoices), false}},
            {comparison(count, "gte", count, ref, "status = {{st}} AND amount IS NOT NULL",
                        "paid = {{flag}}"),
             {paidWithAmount, double(paidWithAmount), double(paidInvoices), true}},
            {comparison("MIN(amount)", "lt", "MIN(total)", ref), {orders, ownMin, refMin, true}},
            {comparison("MIN(amount)", "gte", "MIN(total)", ref), {orders, ownMin, refMin, false}},
            {comparison("MAX(amount)", "gt", "MAX(total)", ref), {orders, ownMax, refMax, true}},
            // CASE inside the aggregates, keywords and all; a cast in the reference.
            {comparison("SUM(CASE WHEN status = 'paid' THEN amount ELSE 0 END)", "eq",
                        "CAST(SUM(CASE WHEN paid = 1 THEN total ELSE 0 END) AS DECIMAL(12,2))",
                        ref),
             {orders, paidSum, paidSum, true}},
            // COUNT(DISTINCT) under a filter: open and paid; paid 0 and 1.
            {comparison("COUNT(DISTINCT status)", "eq", "COUNT(DISTINCT paid)", ref,
                        "status <> 'void'"),
             {orders - orderCount([](const Order &o) { return o.status == "void"; }), 2, 2, true}},
            // An empty reference: NULL, which fails; COALESCE makes it 0 on both sides.
            {comparison(sum, "eq", total, none), {orders, ownSum, qQNaN(), false}},
            {comparison("COALESCE(SUM(amount), 0)", "eq", "COALESCE(SUM(total), 0)", none,
                        "status = 'none'"),
             {0, 0, 0, true}},
            // No record of this container in the filter: its SUM is NULL and fails.
            {comparison(sum, "lte", total, ref, "status = 'none'"), {0, qQNaN(), refSum, false}},
        };
        // Other checks share the pass: their columns come before and after the comparisons'.
        QList<Check> checks{check("notNull", {"amount"})};
        for (const auto &c : cases)
            checks << c.first;
        checks << check("sum", {"amount"}, {{"value", ownSum}});

        const CheckSqlContext ctx = context();
        for (Check &c : checks) {
            c.datastoreId = m_ds;
            QCOMPARE(rules::validate(c, ctx.fieldTypes), QString());
        }
        QString error;
        const QList<CheckCount> counts = countFailures(source(), checks, ctx, 0, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(counts.size(), checks.size());
        QCOMPARE(counts.first().failing,
                 orders - orderCount([](const Order &o) { return o.amount.has_value(); }));
        QVERIFY(counts.last().passed);
        for (int i = 0; i < cases.size(); ++i) {
            const CheckCount &got = counts.at(i + 1);
            const Expected &want = cases.at(i).second;
            const QString what =
                QStringLiteral("#%1 %2 %3 %4: ")
                    .arg(i)
                    .arg(cases.at(i).first.properties.value("expression").toString(),
                         cases.at(i).first.properties.value("comparison").toString(),
                         cases.at(i).first.filter) +
                got.error;
            QVERIFY2(got.error.isEmpty(), qPrintable(what));
            QVERIFY2(got.asserted == want.asserted,
                     qPrintable(what + QStringLiteral("asserted %1").arg(got.asserted)));
            QVERIFY2(got.passed == want.passed, qPrintable(what + QStringLiteral("passed")));
            QCOMPARE(got.failing, want.passed ? 0 : want.asserted);
            if (std::isnan(want.own))
                QVERIFY2(got.observed.isNull(), qPrintable(what));
            else
                QVERIFY2(near(got.observed.toDouble(), want.own),
                         qPrintable(what + got.observed.toString()));
            QCOMPARE(got.details.size(), 1);
            if (std::isnan(want.ref))
                QVERIFY2(got.details.first().isEmpty(), qPrintable(what));
            else
                QVERIFY2(near(got.details.first().toDouble(), want.ref),
                         qPrintable(what + got.details.first()));
        }
    }

    // Show SQL runs as it is shown and gives the pass's figures; the reference subquery is
    // planned once, not per record, on each database.
    void showSqlAndOnePlan_data() { backends(); }
    void showSqlAndOnePlan()
    {
        QFETCH(QString, type);
        newSource(type);
        createTables();
        if (QTest::currentTestFailed())
            return;
        const CheckSqlContext ctx = context();
        const Check c = comparison("SUM(amount)", "eq", "SUM(total)", m_ref.id, "status = {{st}}",
                                   "paid = {{flag}}");
        const QString shown = displaySql(c, ctx);
        QVERIFY2(!shown.startsWith(QStringLiteral("--")), qPrintable(shown));
        QVERIFY2(!shown.contains(u'?'), qPrintable(shown));
        QSqlQuery q(source());
        QVERIFY2(q.exec(shown) && q.next(), qPrintable(shown + q.lastError().text()));
        const double paidSum = orderSum(isPaid);
        QCOMPARE(q.value(0).toLongLong(), orderCount(isPaid));
        QVERIFY2(near(q.value(1).toDouble(), paidSum), qPrintable(q.value(1).toString()));
        QVERIFY2(near(q.value(2).toDouble(), paidSum), qPrintable(q.value(2).toString()));
        q.finish();

        // The plan: an uncorrelated scalar subquery, run once.
        QStringList plan;
        const QString explain = (m_dialect.family() == SqlDialect::Family::SQLite
                                     ? QStringLiteral("EXPLAIN QUERY PLAN ")
                                     : QStringLiteral("EXPLAIN ")) +
                                shown;
        QVERIFY2(q.exec(explain), qPrintable(q.lastError().text()));
        while (q.next()) {
            QStringList cells;
            for (int i = 0; i < q.record().count(); ++i)
                cells << q.value(i).toString();
            plan << cells.join(u' ');
        }
        const QString text = plan.join(u'\n');
        switch (m_dialect.family()) {
        case SqlDialect::Family::SQLite:
            QVERIFY2(text.contains(QStringLiteral("SCALAR SUBQUERY")), qPrintable(text));
            QVERIFY2(!text.contains(QStringLiteral("CORRELATED")), qPrintable(text));
            break;
        case SqlDialect::Family::PostgreSQL:
            QVERIFY2(text.contains(QStringLiteral("InitPlan")), qPrintable(text));
            QVERIFY2(!text.contains(QStringLiteral("SubPlan")), qPrintable(text));
            break;
        default:
            QVERIFY2(text.contains(QStringLiteral("SUBQUERY")), qPrintable(text));
            QVERIFY2(!text.contains(QStringLiteral("DEPENDENT")), qPrintable(text));
            break;
        }
    }

    // A figure that is no number (the largest status, as text) cannot be compared: the check
    // says so as its error, and the others in the pass count.
    void textFiguresAreNotCompared_data() { backends(); }
    void textFiguresAreNotCompared()
    {
        QFETCH(QString, type);
        newSource(type);
        createTables();
        if (QTest::currentTestFailed())
            return;
        QString error;
        const QList<CheckCount> counts =
            countFailures(source(),
                          {comparison("MAX(status)", "eq", "MAX(total)", m_ref.id),
                           comparison("COUNT(*)", "gt", "COUNT(*)", m_ref.id)},
                          context(), 0, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(counts.size(), 2);
        QVERIFY2(counts.first().error.contains(QStringLiteral("MAX(status) gave “void”, which is "
                                                              "not a number")),
                 qPrintable(counts.first().error));
        QVERIFY(!counts.first().passed);
        QVERIFY2(counts.last().error.isEmpty(), qPrintable(counts.last().error));
        QVERIFY(counts.last().passed);
    }

    // A scan records a failed comparison as one shape anomaly saying both figures, a null as
    // such; a passing one as passed; a reference column that exists only in this container is
    // refused by the database (never read from this container's record), and the rest counts.
    void scanRecordsTheFigures_data() { backends(); }
    void scanRecordsTheFigures()
    {
        QFETCH(QString, type);
        newSource(type);
        createTables();
        if (QTest::currentTestFailed())
            return;
        const double ownSum = orderSum([](const Order &) { return true; });
        const double refSum = invoiceSum([](const Invoice &) { return true; });
        // Figures with cents, so that the message shows two decimals.
        QVERIFY(std::floor(ownSum) != ownSum && std::floor(refSum) != refSum);
        const qint64 apart = add(comparison("SUM(amount)", "eq", "SUM(total)", m_ref.id), m_own);
        const qint64 agree = add(comparison("SUM(amount)", "eq", "SUM(total)", m_ref.id,
                                            QStringLiteral("status = 'paid'"), "paid = 1"),
                                 m_own);
        const qint64 empty = add(comparison("COUNT(*)", "gte", "SUM(total)", m_empty.id), m_own);
        const qint64 refused = add(comparison("COUNT(*)", "gte", "COUNT(status)", m_ref.id), m_own);
        const Operation op = scan();
        // The refused check is the operation's one warning; the rest was scanned.
        QVERIFY2(op.status == operation_status::kWarning, qPrintable(m_harness.describe(op)));
        QVERIFY2(m_harness.describe(op).contains(QStringLiteral("assay_ref")),
                 qPrintable(m_harness.describe(op)));

        const QList<Anomaly> a = ofOperation(op.id, apart);
        QCOMPARE(a.size(), 1);
        QCOMPARE(a.first().type, QStringLiteral("shape"));
        QLocale grouped = QLocale::c();
        grouped.setNumberOptions(QLocale::DefaultNumberOptions);
        QCOMPARE(a.first().message,
                 QStringLiteral("SUM(amount) over orders is %1; SUM(total) over invoices is %2: "
                                "expected equal (tolerance 0).")
                     .arg(grouped.toString(ownSum, 'f', 2), grouped.toString(refSum, 'f', 2)));
        QCOMPARE(metric(op.id, apart).result, QStringLiteral("failed"));
        QCOMPARE(metric(op.id, apart).assertedRecords, qint64(m_orders.size()));

        QCOMPARE(metric(op.id, agree).result, QStringLiteral("passed"));
        QVERIFY(ofOperation(op.id, agree).isEmpty());

        const QList<Anomaly> e = ofOperation(op.id, empty);
        QCOMPARE(e.size(), 1);
        QCOMPARE(e.first().message,
                 QStringLiteral("COUNT(*) over orders is 40; SUM(total) over nothing is null (no "
                                "records, or only nulls): expected the first at least the second. "
                                "A null compares with nothing; COALESCE(…, 0) counts it as 0."));

        const CheckMetric m = metric(op.id, refused);
        QCOMPARE(m.result, QStringLiteral("unasserted"));
        QVERIFY2(m.details.contains(QStringLiteral("refused")), qPrintable(m.details));
        QVERIFY(ofOperation(op.id, refused).isEmpty());
    }

    // What validation and the compiler refuse, with the reason.
    void refusals()
    {
        CheckSqlContext ctx;
        ctx.table = QStringLiteral("orders");
        ctx.fieldTypes = {{QStringLiteral("amount"), TypeFamily::Fractional},
                          {QStringLiteral("status"), TypeFamily::String}};
        ctx.referenceTable = [](qint64 id) {
            return id == 7 ? QStringLiteral("invoices") : QString();
        };
        const auto refusal = [&](const Check &c) {
            const QString v = rules::validate(c, ctx.fieldTypes);
            // What is refused when saved is refused when compiled, for the same reason.
            const CompiledCheck compiled = compileCheck(c, ctx);
            return v.isEmpty() ? compiled.error : v;
        };
        const auto expectRefusal = [&](const Check &c, const QString &words) {
            const QString why = refusal(c);
            QVERIFY2(why.contains(words), qPrintable(why + QStringLiteral(" / ") + words));
        };
        QCOMPARE(refusal(comparison("SUM(amount)", "eq", "SUM(total)", 7)), QString());
        // Not one value: a column outside an aggregate (SQLite and MariaDB would return some
        // record's value), no aggregate at all, two values.
        expectRefusal(comparison("amount", "eq", "SUM(total)", 7),
                      QStringLiteral("amount is outside any aggregate function"));
        expectRefusal(comparison("amount + SUM(amount)", "eq", "SUM(total)", 7),
                      QStringLiteral("amount is outside any aggregate function"));
        expectRefusal(comparison("SUM(amount)", "eq", "total", 7),
                      QStringLiteral("total is outside any aggregate function"));
        expectRefusal(comparison("1", "eq", "SUM(total)", 7),
                      QStringLiteral("holds no aggregate function"));
        expectRefusal(comparison("SUM(amount), COUNT(*)", "eq", "SUM(total)", 7),
                      QStringLiteral("several values"));
        expectRefusal(comparison("SUM(amount) OVER ()", "eq", "SUM(total)", 7),
                      QStringLiteral("OVER"));
        expectRefusal(comparison("SUM(amount)", "eq", "(SELECT SUM(total) FROM invoices)", 7),
                      QStringLiteral("subquery"));
        // Bad SQL.
        expectRefusal(comparison("SUM(amount", "eq", "SUM(total)", 7),
                      QStringLiteral("do not balance"));
        expectRefusal(comparison("SUM(amount); DROP TABLE orders", "eq", "SUM(total)", 7),
                      QStringLiteral("“;”"));
        expectRefusal(comparison("SUM(amount) /* x", "eq", "SUM(total)", 7),
                      QStringLiteral("comment"));
        expectRefusal(comparison("SUM(amount)", "eq", "SUM(total)", 7, {}, "paid = 'x"),
                      QStringLiteral("quote"));
        // The reference's columns are its own: no table names there.
        expectRefusal(comparison("SUM(amount)", "eq", "SUM(src.amount)", 7),
                      QStringLiteral("without a table"));
        expectRefusal(comparison("SUM(amount)", "eq", "SUM(total)", 7, {}, "orders.status = 'x'"),
                      QStringLiteral("without a table"));
        // The reference container must be known; only this datastore's.
        expectRefusal(comparison("SUM(amount)", "eq", "SUM(total)", 999),
                      QStringLiteral("reference container (id 999)"));
        Check elsewhere = comparison("SUM(amount)", "eq", "SUM(total)", 7);
        elsewhere.datastoreId = 3;
        elsewhere.properties.insert(QStringLiteral("ref_datastore_id"), 4);
        expectRefusal(elsewhere, QStringLiteral("own datastore"));
        elsewhere.properties.insert(QStringLiteral("ref_datastore_id"), 3);
        QCOMPARE(refusal(elsewhere), QString());
        // Operators, tolerances, fields, coverage.
        expectRefusal(comparison("SUM(amount)", "ne", "SUM(total)", 7), QStringLiteral("one of"));
        expectRefusal(comparison("SUM(amount)", "eq", "SUM(total)", 7, {}, {}, -1),
                      QStringLiteral("0 or more"));
        expectRefusal(comparison("SUM(amount)", "lt", "SUM(total)", 7, {}, {}, 2),
                      QStringLiteral("“eq” only"));
        Check withFields = comparison("SUM(amount)", "eq", "SUM(total)", 7);
        withFields.fields = {QStringLiteral("amount")};
        QVERIFY(!refusal(withFields).isEmpty());
        Check withCoverage = comparison("SUM(amount)", "eq", "SUM(total)", 7);
        withCoverage.coverage = 0.5;
        QVERIFY(!refusal(withCoverage).isEmpty());
        // Keywords, functions, casts and quoted names are not columns outside aggregates.
        QCOMPARE(refusal(comparison(
                     "CASE WHEN COUNT(*) = 0 THEN NULL ELSE ROUND(SUM(amount) / COUNT(*), 2) END",
                     "eq", "CAST(COALESCE(SUM(\"total\"), 0) AS DOUBLE PRECISION)", 7)),
                 QString());
        QCOMPARE(refusal(comparison("SUM(amount)::numeric", "eq", "SUM(total)", 7)), QString());
    }

    // The filter reaches inside each aggregate; the reference's columns are qualified.
    void compiledShape()
    {
        CheckSqlContext ctx;
        ctx.table = QStringLiteral("orders");
        ctx.fieldTypes = {{QStringLiteral("amount"), TypeFamily::Fractional},
                          {QStringLiteral("status"), TypeFamily::String}};
        ctx.referenceTable = [](qint64) { return QStringLiteral("invoices"); };
        const CompiledCheck c = compileCheck(
            comparison("COUNT(*) + SUM(DISTINCT amount)", "eq", "SUM(total) + COUNT(\"paid\")", 7,
                       "status = 'paid'", "paid = 1 AND total > 0"),
            ctx);
        QVERIFY2(c.ok(), qPrintable(c.error));
        QCOMPARE(c.form, CheckForm::Aggregate);
        QCOMPARE(c.aggregates.size(), 3);
        QCOMPARE(c.aggregates.at(1).sql,
                 QStringLiteral("(COUNT(CASE WHEN (status = 'paid') THEN 1 END) + "
                                "SUM(DISTINCT CASE WHEN (status = 'paid') THEN amount END))"));
        QCOMPARE(c.aggregates.at(2).sql,
                 QStringLiteral("(SELECT SUM(assay_ref.total) + COUNT(assay_ref.\"paid\") FROM "
                                "\"invoices\" assay_ref WHERE (assay_ref.paid = 1 AND "
                                "assay_ref.total > 0))"));
    }

    // The anomaly's words: both figures, what was expected, the filters, a null said as such.
    void messages()
    {
        Check c = comparison("SUM(amount)", "eq", "SUM(total)", 7);
        c.containerName = QStringLiteral("orders");
        c.properties.insert(QString(rule_key::kRefContainerName), QStringLiteral("invoices"));
        CheckCount count;
        count.observed = 1250.0;
        count.details = QStringList{QStringLiteral("1300")};
        QCOMPARE(anomaly_messages::figureMessage(c, count),
                 QStringLiteral("SUM(amount) over orders is 1,250; SUM(total) over invoices is "
                                "1,300: expected equal (tolerance 0)."));
        count.observed = 1250.5;
        QCOMPARE(anomaly_messages::figureMessage(c, count),
                 QStringLiteral("SUM(amount) over orders is 1,250.50; SUM(total) over invoices "
                                "is 1,300.00: expected equal (tolerance 0)."));
        // Figures that differ past two decimals show enough of them to differ.
        count.observed = 0.1234;
        count.details = QStringList{QStringLiteral("0.1235")};
        c.properties.insert(QStringLiteral("tolerance"), 0.00001);
        c.filter = QStringLiteral("status = 'paid'");
        c.properties.insert(QStringLiteral("ref_filter"), QStringLiteral("paid = 1"));
        QCOMPARE(anomaly_messages::figureMessage(c, count),
                 QStringLiteral("SUM(amount) over orders where status = 'paid' is 0.1234; "
                                "SUM(total) over invoices where paid = 1 is 0.1235: expected "
                                "equal (tolerance 0.00001)."));
        Check lt = comparison("COUNT(*)", "lt", "COUNT(*)", 7);
        count.observed = 3;
        count.details = QStringList{QString()};
        QCOMPARE(anomaly_messages::figureMessage(lt, count),
                 QStringLiteral("COUNT(*) is 3; COUNT(*) over the reference container (id 7) is "
                                "null (no records, or only nulls): expected the first less than "
                                "the second. A null compares with nothing; COALESCE(…, 0) counts "
                                "it as 0."));
    }
};

QTEST_GUILESS_MAIN(TestAggregationComparison)
#include "tst_aggregationcomparison.moc"
