#include "EngineHarness.h"
#include "ServerDatabase.h"
#include "app/checks/CheckCompiler.h"
#include "app/checks/CheckInference.h"
#include "app/checks/CheckInferenceFormats.h"
#include "app/checks/CheckInferenceSupport.h"
#include "app/connectors/ConnectorSpec.h"
#include "app/connectors/FieldTypes.h"
#include "tst_distribution_data.h"
#include "tst_inference_data.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using namespace assay;

// Check inference end to end: crafted tables on SQLite, PostgreSQL and MariaDB, profiled by the
// engine at levels 1 to 5; the checks it keeps, their synchronisation across runs, and a
// holdout that proves none of them fires on the data it was learned from.
class TestInference : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    test::EngineHarness m_harness;
    Catalog &m_catalog = m_harness.catalog;

    static void exec(QSqlDatabase &db, const QString &sql)
    {
        QSqlQuery q(db);
        if (!q.exec(sql))
            QFAIL(qPrintable(sql.left(200) + QStringLiteral(": ") + q.lastError().text()));
    }

    // `prefix` is "" (SQLite), "schema." or "database.".
    static void fill(QSqlDatabase &db, const QString &prefix, const QString &doubleType,
                     const QString &timestampType)
    {
        exec(db, QStringLiteral("CREATE TABLE %1orders (id INTEGER NOT NULL PRIMARY KEY, "
                                "customer_id INTEGER, status VARCHAR(10), code VARCHAR(12), price "
                                "%2, paid %2, discount %2, note VARCHAR(20), ordered_at %3, "
                                "shipped_at %3)")
                     .arg(prefix, doubleType, timestampType));
        exec(db, QStringLiteral("INSERT INTO %1orders VALUES %2")
                     .arg(prefix, ordersRows().join(QStringLiteral(", "))));
        exec(db, QStringLiteral("CREATE TABLE %1customers (id INTEGER NOT NULL PRIMARY KEY, "
                                "region VARCHAR(10))")
                     .arg(prefix));
        exec(db, QStringLiteral("INSERT INTO %1customers VALUES %2")
                     .arg(prefix, customersRows().join(QStringLiteral(", "))));
        exec(db, QStringLiteral("CREATE TABLE %1orders_archive (id INTEGER NOT NULL PRIMARY KEY, "
                                "customer_id INTEGER)")
                     .arg(prefix));
        exec(db, QStringLiteral("INSERT INTO %1orders_archive VALUES %2")
                     .arg(prefix, archiveRows().join(QStringLiteral(", "))));
        exec(db, QStringLiteral("CREATE TABLE %1shapes (email VARCHAR(40), grade VARCHAR(8), ref "
                                "VARCHAR(12))")
                     .arg(prefix));
        exec(db, QStringLiteral("INSERT INTO %1shapes VALUES %2")
                     .arg(prefix, shapesRows().join(QStringLiteral(", "))));
    }

    Operation profile(qint64 ds, const QStringList &containers, int level, bool draft = false)
    {
        return m_harness.run(
            ds, operation_type::kProfile,
            {{QStringLiteral("containers"), QJsonArray::fromStringList(containers)},
             {QStringLiteral("inference_threshold"), level},
             {QStringLiteral("infer_as_draft"), draft}});
    }

    QString signature(const Check &k)
    {
        QString s = k.rule + QLatin1Char(':') + k.fields.join(QLatin1Char(','));
        const QString other = k.properties.value(QStringLiteral("field_name")).toString();
        const qint64 ref =
            k.properties.value(QStringLiteral("ref_container_id")).toVariant().toLongLong();
        if (ref)
            s += QLatin1Char('>') + m_catalog.container(ref)->name + QLatin1Char('.') + other;
        else if (!other.isEmpty())
            s += QLatin1Char('>') + other;
        if (k.coverage < 1)
            s += QLatin1Char('~') + QString::number(k.coverage);
        return s;
    }

    // The container's inferred checks that are not archived.
    QList<Check> live(qint64 containerId)
    {
        CheckQuery q;
        q.containerId = containerId;
        return m_harness.liveInferredChecks(q);
    }

    void compareRules(qint64 ds, const QString &name, int level)
    {
        QSet<QString> actual;
        const QList<Check> checks = live(m_harness.container(ds, name).id);
        for (const Check &k : checks)
            actual.insert(signature(k));
        const QSet<QString> want = expected(name, level);
        QStringList extra = (actual - want).values(), missing = (want - actual).values();
        extra.sort();
        missing.sort();
        QVERIFY2(extra.isEmpty() && missing.isEmpty(),
                 qPrintable(
                     QStringLiteral("%1 level %2: unexpected [%3], missing [%4]")
                         .arg(name)
                         .arg(level)
                         .arg(extra.join(QStringLiteral(" ")), missing.join(QStringLiteral(" ")))));
        QCOMPARE(checks.size(), actual.size()); // no duplicates
        for (const Check &k : checks) {
            QVERIFY(k.inferred);
            QVERIFY2(k.inferenceLevel >= 1 && k.inferenceLevel <= level, qPrintable(signature(k)));
        }
    }

    // Runs every live inferred check of the container through the compiler's count: none
    // fires on the data it was learned from.
    void holdout(QSqlDatabase db, qint64 ds, const QString &name, const SqlDialect &dialect,
                 const QString &schema)
    {
        const Container c = m_harness.container(ds, name);
        CheckSqlContext ctx;
        ctx.dialect = dialect;
        ctx.schema = schema;
        ctx.table = name;
        for (const Field &f : m_catalog.fields(c.id))
            ctx.fieldTypes.insert(f.name, typeFamily(f.declaredType));
        QHash<qint64, QString> tables;
        for (const Container &o : m_catalog.containers(ds))
            tables.insert(o.id, o.name);
        ctx.referenceTable = [tables](qint64 id) { return tables.value(id); };
        const QList<Check> checks = live(c.id);
        QString error;
        const QList<CheckCount> counts = countFailures(db, checks, ctx, 0, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(counts.size(), checks.size());
        for (int i = 0; i < checks.size(); ++i) {
            // Volume and freshness are judged against the container's history, not its rows.
            if (checks.at(i).rule == QLatin1String("volumetric") ||
                checks.at(i).rule == QLatin1String("freshness"))
                continue;
            const CheckCount &n = counts.at(i);
            QVERIFY2(n.error.isEmpty(), qPrintable(signature(checks.at(i)) + n.error));
            QVERIFY2(n.asserted > 0, qPrintable(signature(checks.at(i))));
            QVERIFY2(n.passed, qPrintable(signature(checks.at(i))));
            if (checks.at(i).coverage >= 1)
                QVERIFY2(n.failing == 0, qPrintable(signature(checks.at(i))));
        }
    }

    Check find(qint64 ds, const QString &name, const QString &sig)
    {
        for (const Check &k : live(m_harness.container(ds, name).id))
            if (signature(k) == sig)
                return k;
        return {};
    }

    // Levels 1 to 5 on one datastore; `source` is an open connection to it for the holdout.
    void levels(qint64 ds, QSqlDatabase source, const SqlDialect &dialect, const QString &schema)
    {
        QVERIFY(ds);
        QCOMPARE(m_harness.run(ds, operation_type::kSync, {}).status, QStringLiteral("success"));
        for (int level = 1; level <= 3; ++level) {
            const Operation op = profile(ds, {QStringLiteral("orders")}, level);
            QVERIFY2(op.status == QLatin1String("success"), qPrintable(op.message));
            QVERIFY(op.message.contains(QLatin1String("checks synchronized")));
            compareRules(ds, QStringLiteral("orders"), level);
            QCOMPARE(op.counters.value(QStringLiteral("checks_synchronized")).toInt(),
                     int(expected(QStringLiteral("orders"), level).size()));
            QCOMPARE(op.counters.value(QStringLiteral("checks_added")).toInt(),
                     int(expected(QStringLiteral("orders"), level).size() -
                         (level > 1 ? expected(QStringLiteral("orders"), level - 1).size() : 0)));
            // Two passes to profile (SQLite also asks for the rowid range of its sample), level
            // 3's records per month of the two timestamps, status's values, then the holdout:
            // one aggregate query, unique checks included.
            const int keyRange = dialect.family() == SqlDialect::Family::SQLite ? 1 : 0;
            const int periods = level >= 3 ? 2 : 0;
            const int valueLists = 1;
            QCOMPARE(op.counters.value(QStringLiteral("queries")).toInt(),
                     2 + keyRange + periods + valueLists + 1);
            holdout(source, ds, QStringLiteral("orders"), dialect, schema);
        }
        // ordered_at: one order a day over 200 days, counted per month here; the bound is one
        // and a half times the most with room for chance (2 sqrt(most)), and no fewest (the
        // last period of a growing table is still filling).
        QMap<QString, int> perMonth;
        for (int i = 1; i <= 200; ++i)
            ++perMonth[QDate(2023, 1, 1).addDays(i).toString(QStringLiteral("yyyy-MM"))];
        const int most = *std::max_element(perMonth.cbegin(), perMonth.cend());
        const Check periods =
            find(ds, QStringLiteral("orders"), QStringLiteral("timeDistributionSize:ordered_at"));
        QCOMPARE(periods.properties.value(QStringLiteral("interval_name")).toString(),
                 QStringLiteral("Monthly"));
        QVERIFY(!periods.properties.contains(QStringLiteral("min_size")));
        QCOMPARE(periods.properties.value(QStringLiteral("max_size")).toInt(),
                 (most * 3 + 1) / 2 + 2 * int(std::ceil(std::sqrt(double(most)))));
        QCOMPARE(periods.inferenceLevel, 3);
        // price: 1000 to 1514.5, mean 1257.25: each side widens by the mean's distance
        // (a skewed population's tail), rounded out to hundreds.
        const Check between = find(ds, QStringLiteral("orders"), QStringLiteral("between:price"));
        QCOMPARE(between.properties.value(QStringLiteral("min")).toDouble(), 700.0);
        QCOMPARE(between.properties.value(QStringLiteral("max")).toDouble(), 1800.0);
        QCOMPARE(between.inferenceLevel, 2);
        QVERIFY2(between.description.contains(QLatin1String("1000 to 1514.5")),
                 qPrintable(between.description));
        // Dates in the past: notFuture above, a margin below (a tenth of the 200-day span).
        QCOMPARE(find(ds, QStringLiteral("orders"), QStringLiteral("afterDateTime:ordered_at"))
                     .properties.value(QStringLiteral("datetime"))
                     .toString(),
                 QStringLiteral("2022-12-13T00:00:00Z"));
        QCOMPARE(find(ds, QStringLiteral("orders"), QStringLiteral("matchesPattern:code"))
                     .properties.value(QStringLiteral("pattern"))
                     .toString(),
                 QStringLiteral("^[A-Z]{3}-[0-9]{5}$"));
        QCOMPARE(find(ds, QStringLiteral("orders"), QStringLiteral("expectedValues:status"))
                     .properties.value(QStringLiteral("list"))
                     .toArray(),
                 (QJsonArray{"new", "paid", "shipped"}));
        const Check later = find(ds, QStringLiteral("orders"),
                                 QStringLiteral("lessThanField:ordered_at>shipped_at"));
        QCOMPARE(later.properties.value(QStringLiteral("inclusive")).toBool(true), false);
        QCOMPARE(later.inferenceLevel, 3);

        // Level 4 across the three containers, the reference sorting before and after.
        const QStringList all{QStringLiteral("customers"), QStringLiteral("orders"),
                              QStringLiteral("orders_archive")};
        const Operation four = profile(ds, all, 4, true);
        QVERIFY2(four.status == QLatin1String("success"), qPrintable(four.message));
        for (const QString &name : all) {
            compareRules(ds, name, 4);
            holdout(source, ds, name, dialect, schema);
        }
        // Infer as draft: checks new in this run are Draft; re-inferred ones keep their status.
        for (const Check &k : live(m_harness.container(ds, QStringLiteral("customers")).id))
            QCOMPARE(k.status, check_status::kDraft);
        QCOMPARE(find(ds, QStringLiteral("orders"), QStringLiteral("notNull:id")).status,
                 check_status::kActive);
        const Check exists =
            find(ds, QStringLiteral("orders"), QStringLiteral("existsIn:customer_id>customers.id"));
        QCOMPARE(exists.status, check_status::kDraft);
        QCOMPARE(exists.inferenceLevel, 4);

        // Level 5: shapes with coverage below 1.
        const Operation five = profile(ds, {QStringLiteral("shapes")}, 5);
        QVERIFY2(five.status == QLatin1String("success"), qPrintable(five.message));
        compareRules(ds, QStringLiteral("shapes"), 5);
        holdout(source, ds, QStringLiteral("shapes"), dialect, schema);
        QCOMPARE(
            find(ds, QStringLiteral("shapes"), QStringLiteral("notNull:email~0.95")).inferenceLevel,
            5);
        QCOMPARE(find(ds, QStringLiteral("shapes"), QStringLiteral("matchesPattern:ref~0.85"))
                     .properties.value(QStringLiteral("pattern"))
                     .toString(),
                 QStringLiteral("^[A-Z]-[0-9]{4}$"));
        QCOMPARE(find(ds, QStringLiteral("shapes"), QStringLiteral("expectedValues:grade~0.9"))
                     .properties.value(QStringLiteral("list"))
                     .toArray(),
                 (QJsonArray{"A", "B", "C"}));
    }

    // Level 5's distributions on a seeded draw of 3,000 records: status's shares and amount's
    // shares between the profile's quartiles, measured on every row (the same shares computed
    // here); the same data profiled again gives the same checks, byte for byte; and none fires
    // on the rows it was learned from. Dates get none (no quartiles; a growing table's moments
    // move), nor does the id (a key).
    void distributions(qint64 ds, QSqlDatabase source, const SqlDialect &dialect,
                       const QString &schema)
    {
        namespace dd = distribution_data;
        const QVector<dd::Row> rows = dd::draw(21, 3000, 0.05, 100);
        QVERIFY(dd::create(source, dialect, schema, QStringLiteral("spread"), rows));
        QCOMPARE(m_harness.run(ds, operation_type::kSync, {}).status, QStringLiteral("success"));
        const qint64 spread = m_harness.container(ds, QStringLiteral("spread")).id;
        const auto learned = [&] {
            QMap<QString, Check> out;
            for (const Check &k : live(spread))
                if (k.rule == QLatin1String("distributionShift"))
                    out.insert(k.fields.join(QLatin1Char(',')), k);
            return out;
        };
        const Operation first = profile(ds, {QStringLiteral("spread")}, 5);
        QVERIFY2(first.status == QLatin1String("success"), qPrintable(first.message));
        const QMap<QString, Check> once = learned();
        QCOMPARE(once.keys(), (QStringList{"amount", "status"}));

        const auto share = [](qint64 count, qint64 n) {
            return std::round(double(count) / double(n) * 1e4) / 1e4;
        };
        const QList<qint64> statuses = dd::statusCounts(rows);
        QJsonArray values;
        for (int i = 0; i < dd::statuses().size(); ++i)
            values << QJsonObject{{"value", dd::statuses().at(i)},
                                  {"share", share(statuses.at(i), rows.size())}};
        const Check status = once.value(QStringLiteral("status"));
        QCOMPARE(status.properties.value(QStringLiteral("baseline")).toObject(),
                 (QJsonObject{{"values", values}, {"other", 0}}));
        QCOMPARE(status.properties.value(QStringLiteral("baseline_records")).toInt(), 3000);
        QCOMPARE(status.properties.value(QStringLiteral("max_shift")).toDouble(), 0.25);
        QCOMPARE(status.inferenceLevel, 5);
        QCOMPARE(status.coverage, 1.0);

        // amount's edges are the profile's quartiles, its shares those of the rows between them.
        std::optional<FieldProfile> profiled;
        for (const FieldProfile &p : m_catalog.latestFieldProfiles(spread))
            if (p.fieldName == QLatin1String("amount"))
                profiled = p;
        QVERIFY(profiled && profiled->q1 && profiled->median && profiled->q3);
        const QList<double> quartiles{*profiled->q1, *profiled->median, *profiled->q3};
        QJsonArray edges, shares;
        for (double q : quartiles)
            edges << q;
        for (qint64 c : dd::binCounts(rows, quartiles, [](const dd::Row &r) { return r.amount; }))
            shares << share(c, rows.size());
        QCOMPARE(once.value(QStringLiteral("amount")).properties.value(QStringLiteral("baseline")),
                 QJsonValue(QJsonObject{{"edges", edges}, {"shares", shares}}));

        const Operation second = profile(ds, {QStringLiteral("spread")}, 5);
        QVERIFY2(second.status == QLatin1String("success"), qPrintable(second.message));
        const QMap<QString, Check> twice = learned();
        QCOMPARE(twice.keys(), once.keys());
        for (const QString &field : once.keys()) {
            const Check &a = once.value(field), &b = twice.value(field);
            QCOMPARE(QJsonDocument(b.properties).toJson(QJsonDocument::Compact),
                     QJsonDocument(a.properties).toJson(QJsonDocument::Compact));
            QCOMPARE(b.description, a.description);
            QCOMPARE(b.id, a.id); // the same check, updated in place
        }
        holdout(source, ds, QStringLiteral("spread"), dialect, schema);
    }

    // Re-profiling updates, a person's edit survives, a lower level archives what never failed.
    void synchronisation(qint64 ds)
    {
        const qint64 orders = m_harness.container(ds, QStringLiteral("orders")).id;
        const int before = int(live(orders).size());
        Check edited = find(ds, QStringLiteral("orders"), QStringLiteral("between:price"));
        edited.properties.insert(QStringLiteral("min"), -5);
        edited.userEdited = true;
        QVERIFY(m_catalog.updateCheck(edited));
        edited = *m_catalog.check(edited.id);

        const Operation again = profile(ds, {QStringLiteral("orders")}, 4);
        QCOMPARE(again.status, QStringLiteral("success"));
        QCOMPARE(again.counters.value(QStringLiteral("checks_added")).toInt(), 0);
        QCOMPARE(again.counters.value(QStringLiteral("checks_updated")).toInt(), before - 1);
        QCOMPARE(int(live(orders).size()), before);
        const Check kept = *m_catalog.check(edited.id);
        QCOMPARE(kept, edited);
        QCOMPARE(kept.properties.value(QStringLiteral("min")).toInt(), -5);
        QVERIFY(kept.operationId != again.id);
        for (const Check &k : live(orders))
            if (!k.userEdited)
                QCOMPARE(k.operationId, again.id);

        // An anomaly names a level-3 check: lowering to level 1 keeps it, archives the rest
        // above level 1 (the edited level-2 check stays too: a person owns it).
        const Check caught = find(ds, QStringLiteral("orders"), QStringLiteral("lessThan:price"));
        QVERIFY(caught.id);
        Anomaly a;
        a.datastoreId = ds;
        a.containerId = orders;
        a.operationId = again.id;
        a.type = QStringLiteral("shape");
        a.message = QStringLiteral("price above 2000");
        a.fingerprint = QStringLiteral("lessThan:price");
        a.partition = a.comment = QLatin1String("");
        a.failedChecks << AnomalyFailedCheck{caught.id, caught.rule, caught.fields, a.message};
        QList<Anomaly> anomalies{a};
        QVERIFY2(m_catalog.addAnomalies(anomalies), qPrintable(m_catalog.lastError()));

        const Operation lower = profile(ds, {QStringLiteral("orders")}, 1);
        QCOMPARE(lower.status, QStringLiteral("success"));
        QSet<QString> remaining;
        for (const Check &k : live(orders))
            remaining.insert(signature(k));
        QSet<QString> want = expected(QStringLiteral("orders"), 1);
        want << QStringLiteral("lessThan:price") << QStringLiteral("between:price");
        QCOMPARE(remaining, want);
        const int archived = int(expected(QStringLiteral("orders"), 4).size() -
                                 expected(QStringLiteral("orders"), 1).size()) -
                             2;
        QCOMPARE(lower.counters.value(QStringLiteral("checks_archived")).toInt(), archived);
        QCOMPARE(m_catalog.check(caught.id)->status, check_status::kActive);

        // Raising the level again brings the archived checks back instead of duplicating them.
        const Operation higher = profile(ds, {QStringLiteral("orders")}, 4);
        QCOMPARE(higher.status, QStringLiteral("success"));
        QCOMPARE(higher.counters.value(QStringLiteral("checks_added")).toInt(), 0);
        QCOMPARE(int(live(orders).size()), before);
        CheckQuery all;
        all.containerId = orders;
        QCOMPARE(int(m_catalog.checks(all).size()), before);
    }

    // A wide table: its proposals do not fit one count query (PostgreSQL takes 1664 result
    // columns), so the holdout counts them in batches, and still nothing fires.
    static void fillWide(QSqlDatabase &db, const QString &prefix)
    {
        QStringList columns, rows;
        for (int k = 0; k < 80; ++k)
            columns << QStringLiteral("c%1 INTEGER").arg(k);
        exec(db, QStringLiteral("CREATE TABLE %1wide (%2)")
                     .arg(prefix, columns.join(QStringLiteral(", "))));
        for (int i = 1; i <= 30; ++i) {
            QStringList values;
            for (int k = 0; k < 80; ++k)
                values << QString::number((i * (k + 1)) % 97 + 1);
            rows << QLatin1Char('(') + values.join(QStringLiteral(", ")) + QLatin1Char(')');
        }
        exec(db, QStringLiteral("INSERT INTO %1wide VALUES %2")
                     .arg(prefix, rows.join(QStringLiteral(", "))));
    }

    void wide(qint64 ds, QSqlDatabase source, const SqlDialect &dialect, const QString &schema)
    {
        const Operation op = profile(ds, {QStringLiteral("wide")}, 3);
        QVERIFY2(op.status == QLatin1String("success"), qPrintable(op.message));
        int notNull = 0;
        for (const Check &k : live(m_harness.container(ds, QStringLiteral("wide")).id))
            notNull += k.rule == QLatin1String("notNull") ? 1 : 0;
        QCOMPARE(notNull, 80);
        QVERIFY(op.counters.value(QStringLiteral("checks_added")).toInt() > 400);
        // Two profile passes, at least two count batches, one grouped query per unique check.
        QVERIFY(op.counters.value(QStringLiteral("queries")).toInt() >= 4);
        holdout(source, ds, QStringLiteral("wide"), dialect, schema);
    }

private slots:
    void initTestCase()
    {
        m_harness.startOnFixtures(m_dir.filePath(QStringLiteral("catalog.sqlite")));
    }

    void cleanupTestCase() { m_harness.stop(); }

    void support()
    {
        using namespace inference;
        QCOMPARE(leadingDigitFloor(1234), 1000.0);
        QCOMPARE(leadingDigitCeil(1234), 2000.0);
        QCOMPARE(leadingDigitFloor(-15), -20.0);
        QCOMPARE(leadingDigitCeil(0.35), 0.4);
        const Range r = widenedRange(3, 97, true);
        QCOMPARE(r.min, 0.0);
        QCOMPARE(r.max, 107.0);
        QCOMPARE(shapeCoverage(0.97), 0.95);
        QCOMPARE(shapeCoverage(0.7), 0.0);
        QCOMPARE(moment(QStringLiteral("2024-01-05 10:00:00+01")),
                 QDateTime(QDate(2024, 1, 5), QTime(9, 0), Qt::UTC));
        QCOMPARE(moment(QStringLiteral("2024-01-05")),
                 QDateTime(QDate(2024, 1, 5), QTime(0, 0), Qt::UTC));
        QVERIFY(!moment(QStringLiteral("soon")).isValid());
        QJsonArray h;
        for (const char *v : {"AB-12", "CD-345", "EF-6"})
            h << QJsonObject{{"value", v}, {"count", 2}};
        h << QJsonObject{{"value", "x"}, {"count", 1}};
        const auto p = derivePattern(h);
        QVERIFY(p);
        QCOMPARE(p->strict, QStringLiteral("^[A-Z]{2}-[0-9]+$"));
        QCOMPARE(p->loose, QStringLiteral("^[A-Z]+-[0-9]+$"));
        QCOMPARE(p->share, 6.0 / 7.0);

        // A skewed measure widens toward its long tail: by the distance from its mean.
        const Range skewed = widenedRange(1, 100, false, 10.0);
        QCOMPARE(skewed.min, 0.0);
        QCOMPARE(skewed.max, 190.0);
        QCOMPARE(futureCeiling(QDateTime(QDate(2030, 1, 1), QTime(0, 0), Qt::UTC),
                               QDateTime(QDate(2030, 3, 1), QTime(12, 0), Qt::UTC)),
                 QDateTime(QDate(2031, 3, 2), QTime(0, 0), Qt::UTC));
    }

    void formats()
    {
        using namespace inference;
        const auto histogram = [](const QStringList &values) {
            QJsonArray h;
            for (const QString &v : values)
                h << QJsonObject{{"value", v}, {"count", 1}};
            return h;
        };
        const QJsonArray emails =
            histogram({"ada@example.com", "b.o'neil@mail.example.org", "c+tag@example.co.uk",
                       "d_e@corp-x.example.net", "ZOE99@EXAMPLE.COM"});
        QCOMPARE(knownFormatOf(emails, QStringLiteral("contact"))->name,
                 QStringLiteral("e-mail address"));
        // The values a check is learned from may hold the defect it should catch.
        QJsonArray withDefect = emails;
        withDefect << QJsonObject{{"value", "ada at example.com"}, {"count", 1}};
        QCOMPARE(knownFormatOf(withDefect, QStringLiteral("contact"))->name,
                 QStringLiteral("e-mail address"));
        const QRegularExpression email(knownFormatOf(emails, QStringLiteral("x"))->pattern);
        for (const char *bad : {"ada at example.com", "a@@example.com", "a@example", "a b@x.org"})
            QVERIFY2(!email.match(QLatin1String(bad)).hasMatch(), bad);
        const QJsonArray phones = histogram({"+1 555 123 4567", "(555) 123-4567", "555.123.4567",
                                             "+44 20 7946 0958", "0301234567"});
        QCOMPARE(knownFormatOf(phones, QStringLiteral("phone"))->name,
                 QStringLiteral("phone number"));
        QVERIFY(!knownFormatOf(phones, QStringLiteral("reference"))); // phones only by name
        QCOMPARE(knownFormatOf(histogram({"10115", "SW1A 1AA", "K1A 0B1", "75008", "1010"}),
                               QStringLiteral("postcode"))
                     ->name,
                 QStringLiteral("postcode"));
        QCOMPARE(knownFormatOf(histogram({"3f2504e0-4f89-11d3-9a0c-0305e82c3301",
                                          "6ba7b810-9dad-11d1-80b4-00c04fd430c8",
                                          "6ba7b811-9dad-11d1-80b4-00c04fd430c8",
                                          "6ba7b812-9dad-11d1-80b4-00c04fd430c8",
                                          "6ba7b814-9dad-11d1-80b4-00c04fd430c8"}),
                               QStringLiteral("token"))
                     ->name,
                 QStringLiteral("UUID"));
        QCOMPARE(knownFormatOf(histogram({"https://example.com/a", "http://x.org",
                                          "https://example.com:8080/p?q=1", "ftp://files.example",
                                          "HTTPS://EXAMPLE.COM/#top"}),
                               QStringLiteral("link"))
                     ->name,
                 QStringLiteral("URL"));
        QVERIFY(!knownFormatOf(histogram({"red", "green", "blue", "cyan", "black"}),
                               QStringLiteral("colour")));

        QCOMPARE(textTypeOf(histogram({"1", "22", "-333", "4", "55"})), QStringLiteral("integral"));
        QCOMPARE(textTypeOf(histogram({"1.5", "22", "-3e2", ".4", "55"})),
                 QStringLiteral("fractional"));
        QCOMPARE(textTypeOf(histogram(
                     {"2024-01-05", "2024-1-6", "2023-12-31", "2020-02-29", "1999-07-01"})),
                 QStringLiteral("date"));
        QVERIFY(textTypeOf(histogram({"01", "02", "10", "11", "12"})).isEmpty()); // codes
        QVERIFY(textTypeOf(histogram({"1", "2", "three", "4", "5"})).isEmpty());

        for (const char *key : {"id", "ID", "customer_id", "AlbumId", "customerID", "order_no",
                                "sku", "productCode", "country_code", "uuid", "invoice_number"})
            QVERIFY2(keyLikeName(QLatin1String(key)), key);
        for (const char *measure : {"paid", "valid", "video", "width", "price", "quantity",
                                    "identity_score", "kid_count", "barcode_scans"})
            QVERIFY2(!keyLikeName(QLatin1String(measure)), measure);
        QVERIFY(identifierName(QStringLiteral("customer_id")));
        QVERIFY(!identifierName(QStringLiteral("country_code"))); // a category
        QVERIFY(!identifierName(QStringLiteral("currencyCode")));
    }

    void sqlite()
    {
        const QString path = m_dir.filePath(QStringLiteral("infer.sqlite"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), "src");
            db.setDatabaseName(path);
            db.setConnectOptions(QStringLiteral("QSQLITE_ENABLE_REGEXP"));
            QVERIFY(db.open());
            fill(db, QString(), QStringLiteral("REAL"), QStringLiteral("TIMESTAMP"));
            fillWide(db, QString());
            // Larger than both samples: Profile's second pass and the holdout each read a random
            // sample by rowid, so the whole profile reads the table once.
            exec(db, QStringLiteral("CREATE TABLE big (id INTEGER NOT NULL, grp INTEGER)"));
            exec(db, QStringLiteral("WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM "
                                    "s WHERE n < 150000) INSERT INTO big SELECT n, n % 5 FROM s"));
            const qint64 ds =
                m_harness.datastoreFor(QStringLiteral("lite"), QStringLiteral("sqlite"),
                                       test::Server{}, path, QStringLiteral("main"));
            const SqlDialect dialect = SqlDialect::forFamily(SqlDialect::Family::SQLite);
            levels(ds, db, dialect, QStringLiteral("main"));
            distributions(ds, db, dialect, QStringLiteral("main"));
            synchronisation(ds);
            wide(ds, db, dialect, QStringLiteral("main"));

            // One value in 30,000 besides five common ones. The sampled pass reads a random
            // third of the table, so it may or may not see it; either way no Expected Values
            // list may leave it out (a table this size is tested on every record).
            exec(db, QStringLiteral("CREATE TABLE rare (id INTEGER NOT NULL, grp INTEGER)"));
            exec(db, QStringLiteral("WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM "
                                    "s WHERE n < 30000) INSERT INTO rare SELECT n, CASE WHEN n = "
                                    "17077 THEN 99 ELSE n % 5 END FROM s"));
            QCOMPARE(m_harness.run(ds, operation_type::kSync, {}).status,
                     QStringLiteral("success"));
            QVERIFY(profile(ds, {QStringLiteral("rare")}, 1).status == QLatin1String("success"));
            for (const Check &k : live(m_harness.container(ds, QStringLiteral("rare")).id)) {
                if (k.rule != QLatin1String("expectedValues"))
                    continue;
                const QJsonArray list = k.properties.value(QStringLiteral("list")).toArray();
                QVERIFY2(list.contains(QJsonValue(QStringLiteral("99"))),
                         qPrintable(signature(k) + QJsonDocument(list).toJson()));
            }

            const Operation big = profile(ds, {QStringLiteral("big")}, 2);
            QVERIFY2(big.status == QLatin1String("success"), qPrintable(big.message));
            QCOMPARE(big.counters.value(QStringLiteral("table_passes")).toInt(), 1);
            // Pass 1, the rowid range, pass 2, grp's values in the holdout sample and the
            // holdout's aggregate (unique:id included).
            QCOMPARE(big.counters.value(QStringLiteral("queries")).toInt(), 5);
            QSet<QString> rules;
            for (const Check &k : live(m_harness.container(ds, QStringLiteral("big")).id))
                rules.insert(signature(k));
            QCOMPARE(rules, (QSet<QString>{"notNull:id", "notNull:grp", "expectedValues:grp",
                                           "positive:id", "notNegative:grp", "between:grp",
                                           "unique:id", "volumetric:"}));
            holdout(db, ds, QStringLiteral("big"), dialect, QStringLiteral("main"));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("src"));
    }

    void postgres()
    {
        const test::Server pg = test::postgres();
        {
            QSqlDatabase db =
                test::serverDatabase(QStringLiteral("QPSQL"), pg, QStringLiteral("pgsrc"));
            QVERIFY2(db.open(), qPrintable(db.lastError().text()));
            exec(db, QStringLiteral("DROP SCHEMA IF EXISTS infer_pg CASCADE"));
            exec(db, QStringLiteral("CREATE SCHEMA infer_pg"));
            fill(db, QStringLiteral("infer_pg."), QStringLiteral("DOUBLE PRECISION"),
                 QStringLiteral("TIMESTAMP"));
            fillWide(db, QStringLiteral("infer_pg."));
            const qint64 ds =
                m_harness.datastoreFor(QStringLiteral("pg"), QStringLiteral("postgresql"), pg,
                                       pg.database, QStringLiteral("infer_pg"));
            levels(ds, db, SqlDialect::forFamily(SqlDialect::Family::PostgreSQL),
                   QStringLiteral("infer_pg"));
            distributions(ds, db, SqlDialect::forFamily(SqlDialect::Family::PostgreSQL),
                          QStringLiteral("infer_pg"));
            wide(ds, db, SqlDialect::forFamily(SqlDialect::Family::PostgreSQL),
                 QStringLiteral("infer_pg"));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("pgsrc"));
    }

    void mariadb()
    {
        const test::Server md = test::mariadb();
        QVERIFY(md.port);
        {
            QSqlDatabase db =
                test::serverDatabase(QStringLiteral("QMARIADB"), md, QStringLiteral("mdsrc"));
            QVERIFY2(db.open(), qPrintable(db.lastError().text()));
            exec(db, QStringLiteral("DROP DATABASE IF EXISTS assay_infer"));
            exec(db, QStringLiteral("CREATE DATABASE assay_infer"));
            fill(db, QStringLiteral("assay_infer."), QStringLiteral("DOUBLE"),
                 QStringLiteral("DATETIME"));
            const qint64 ds = m_harness.datastoreFor(
                QStringLiteral("md"), QStringLiteral("mariadb"), md, QStringLiteral("assay_infer"),
                QStringLiteral("assay_infer"));
            levels(ds, db, SqlDialect::forFamily(SqlDialect::Family::MySQL),
                   QStringLiteral("assay_infer"));
            distributions(ds, db, SqlDialect::forFamily(SqlDialect::Family::MySQL),
                          QStringLiteral("assay_infer"));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("mdsrc"));
    }
};

QTEST_GUILESS_MAIN(TestInference)
#include "tst_inference.moc"
