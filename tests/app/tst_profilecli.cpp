// `assay operations run profile` and `assay profiles show` through the real executable, on a
// real SQLite datastore of known data: the default inference threshold (2), every option of
// a profile run reaching the operation (containers, record limit, threshold, infer as draft),
// the field figures checked against values computed here, and a person's status decisions on
// inferred checks surviving later profiles.
#include "CliRunner.h"
#include "TestSupport.h"
#include "models/catalog/Catalog.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <optional>

using namespace assay;

namespace {

constexpr int kOrders = 500;
constexpr int kCustomers = 400;
constexpr int kEvents = 360;
constexpr int kRecordLimit = 300;

// events.score: a spread of halves with a null every ninth row.
std::optional<double> score(int i)
{
    if (i % 9 == 0)
        return std::nullopt;
    return double((i * 13) % 97) / 2.0;
}

// events.kind: four values of different frequencies, null every eleventh row.
std::optional<QString> kind(int i)
{
    if (i % 11 == 0)
        return std::nullopt;
    static const char *const kinds[] = {"click", "click",    "click",         "view",
                                        "view",  "purchase", "refund-request"};
    return QLatin1String(kinds[i % 7]);
}

bool near(double a, double b)
{
    return std::abs(a - b) <= 1e-9 * qMax(1.0, std::abs(b));
}

} // namespace

class TestProfileCli : public QObject
{
    Q_OBJECT

    using Run = test::CliResult;

private:
    QTemporaryDir m_dir;
    QString m_catalog;
    QString m_source;

    Run assay(const QStringList &args) { return test::runAssay(m_catalog, args, 120000); }

    static QString describe(const Run &r)
    {
        return QStringLiteral("exit %1\n%2\n%3").arg(r.exitCode).arg(r.out.left(2000), r.err);
    }

    QJsonArray checks(const QString &container)
    {
        const Run r =
            assay({"checks", "list", "--datastore", "shop", "--container", container, "--json"});
        return r.exitCode == 0 ? r.array() : QJsonArray();
    }

    QJsonObject check(qint64 id)
    {
        for (const char *container : {"orders", "customers", "events"})
            for (const QJsonValue &v : checks(container))
                if (v.toObject().value(QStringLiteral("id")).toInteger() == id)
                    return v.toObject();
        return {};
    }

    static void exec(QSqlDatabase &db, const QString &sql)
    {
        QSqlQuery q(db);
        if (!q.exec(sql))
            QFAIL(qPrintable(sql.left(200) + QStringLiteral(": ") + q.lastError().text()));
    }

    void writeSource()
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), "source");
        db.setDatabaseName(m_source);
        QVERIFY(db.open());
        exec(db, QStringLiteral("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT "
                                "NULL, country TEXT, joined DATE NOT NULL)"));
        exec(db, QStringLiteral("CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id "
                                "INTEGER NOT NULL, amount REAL NOT NULL, status TEXT NOT NULL, "
                                "ordered DATE NOT NULL, shipped DATE)"));
        exec(db, QStringLiteral("CREATE TABLE events (id INTEGER PRIMARY KEY, score REAL, kind "
                                "TEXT)"));
        QStringList rows;
        for (int i = 1; i <= kCustomers; ++i)
            rows << QStringLiteral("(%1, 'customer %1', %2, '%3')")
                        .arg(i)
                        .arg(i % 6 == 0 ? QStringLiteral("NULL")
                                        : QStringLiteral("'%1'").arg(i % 2 ? "DE" : "FR"))
                        .arg(QDate(2024, 1, 1).addDays(i).toString(Qt::ISODate));
        exec(db, QStringLiteral("INSERT INTO customers VALUES %1").arg(rows.join(u',')));
        rows.clear();
        for (int i = 1; i <= kOrders; ++i) {
            const QDate ordered = QDate(2025, 1, 1).addDays(i % 200);
            rows << QStringLiteral("(%1, %2, %3, '%4', '%5', %6)")
                        .arg(i)
                        .arg(i % kCustomers + 1)
                        .arg(10 + (i * 7) % 90)
                        .arg(i % 4 ? QStringLiteral("shipped") : QStringLiteral("open"))
                        .arg(ordered.toString(Qt::ISODate))
                        .arg(i % 4 ? QStringLiteral("'%1'").arg(
                                         ordered.addDays(1 + i % 5).toString(Qt::ISODate))
                                   : QStringLiteral("NULL"));
        }
        exec(db, QStringLiteral("INSERT INTO orders VALUES %1").arg(rows.join(u',')));
        rows.clear();
        for (int i = 1; i <= kEvents; ++i) {
            const auto s = score(i);
            const auto k = kind(i);
            rows << QStringLiteral("(%1, %2, %3)")
                        .arg(i)
                        .arg(s ? QString::number(*s, 'g', 17) : QStringLiteral("NULL"),
                             k ? QStringLiteral("'%1'").arg(*k) : QStringLiteral("NULL"));
        }
        exec(db, QStringLiteral("INSERT INTO events VALUES %1").arg(rows.join(u',')));
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(test::assayBinary()), "ASSAY_BINARY is not set by ctest");
        m_catalog = m_dir.filePath(QStringLiteral("catalog.sqlite"));
        m_source = m_dir.filePath(QStringLiteral("shop.sqlite"));
        writeSource();
        QSqlDatabase::removeDatabase(QStringLiteral("source"));
        {
            Catalog catalog;
            QVERIFY(catalog.open(m_catalog));
            Connection c;
            c.name = QStringLiteral("lite");
            c.type = QStringLiteral("sqlite");
            c.database = m_source;
            Datastore d;
            d.name = QStringLiteral("shop");
            d.connectionId = catalog.addConnection(c);
            d.database = m_source;
            QVERIFY(catalog.addDatastore(d));
        }
        const Run synced = assay({"operations", "run", "sync", "--datastore", "shop", "--wait"});
        QVERIFY2(synced.exitCode == 0, qPrintable(describe(synced)));
    }

    // Every option of a profile run, as the issue spells the command.
    void profileWithEveryOption()
    {
        const Run r = assay({"operations", "run", "profile", "--datastore", "shop", "--containers",
                             "orders,customers", "--record-limit", QString::number(kRecordLimit),
                             "--inference-threshold", "3", "--infer-as-draft", "--wait", "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        const QJsonObject op = r.json();
        QCOMPARE(op.value(QStringLiteral("type")).toString(), QStringLiteral("profile"));
        QCOMPARE(op.value(QStringLiteral("result")).toString(), QStringLiteral("success"));
        // The options as the operation recorded them.
        QCOMPARE(op.value(QStringLiteral("containers")).toArray(),
                 (QJsonArray{"orders", "customers"}));
        QCOMPARE(op.value(QStringLiteral("record_limit")).toInteger(), kRecordLimit);
        QCOMPARE(op.value(QStringLiteral("inference_threshold")).toInt(), 3);
        QCOMPARE(op.value(QStringLiteral("infer_as_draft")).toBool(), true);
        // The summary: both tables, each read up to the limit, one profile per field.
        QCOMPARE(op.value(QStringLiteral("tables_requested")).toInt(), 2);
        QCOMPARE(op.value(QStringLiteral("tables_profiled")).toInt(), 2);
        QCOMPARE(op.value(QStringLiteral("records_profiled")).toInteger(), 2 * kRecordLimit);
        QCOMPARE(op.value(QStringLiteral("field_profiles_updated")).toInt(), 6 + 4);
        const int added = op.value(QStringLiteral("checks_added")).toInt();
        QVERIFY2(added > 0, qPrintable(r.out));
        QCOMPARE(op.value(QStringLiteral("checks_updated")).toInt(), 0);
        QCOMPARE(op.value(QStringLiteral("checks_synchronized")).toInt(), added);
        QVERIFY(op.value(QStringLiteral("queries")).toInt() >= 4); // two passes per table
        QVERIFY(op.value(QStringLiteral("table_passes")).toInt() >= 4);
        const QJsonObject details = op.value(QStringLiteral("details"))
                                        .toObject()
                                        .value(QStringLiteral("containers"))
                                        .toObject();
        QCOMPARE(details.keys(), (QStringList{"customers", "orders"}));
        for (const QString &name : details.keys()) {
            const QJsonObject figures = details.value(name).toObject();
            QCOMPARE(figures.value(QStringLiteral("records_profiled")).toInteger(), kRecordLimit);
            // The table's size: SQLite's rowid span, an estimate of a table read in part.
            QCOMPARE(figures.value(QStringLiteral("records")).toInteger(),
                     name == QLatin1String("orders") ? kOrders : kCustomers);
            QVERIFY(figures.value(QStringLiteral("records_approximate")).toBool());
        }

        // Only the named containers were profiled, each over the first kRecordLimit records.
        for (const char *name : {"orders", "customers"}) {
            const Run shown =
                assay({"profiles", "show", "--datastore", "shop", "--container", name, "--json"});
            QCOMPARE(shown.exitCode, 0);
            const QJsonArray fields = shown.json().value(QStringLiteral("fields")).toArray();
            QCOMPARE(fields.size(), QLatin1String(name) == QLatin1String("orders") ? 6 : 4);
            for (const QJsonValue &f : fields)
                QCOMPARE(f.toObject().value(QStringLiteral("records")).toInteger(), kRecordLimit);
        }
        const Run events =
            assay({"profiles", "show", "--datastore", "shop", "--container", "events", "--json"});
        QCOMPARE(events.exitCode, 0);
        QVERIFY(events.json().value(QStringLiteral("fields")).toArray().isEmpty());

        // Inferred as drafts, at level 3 or below, on the two tables only; some above level 1.
        int total = 0, aboveOne = 0;
        for (const char *name : {"orders", "customers"})
            for (const QJsonValue &v : checks(name)) {
                const QJsonObject k = v.toObject();
                QCOMPARE(k.value(QStringLiteral("status")).toString(), QStringLiteral("Draft"));
                QVERIFY(k.value(QStringLiteral("inferred")).toBool());
                QVERIFY(!k.value(QStringLiteral("user_edited")).toBool());
                const int level = k.value(QStringLiteral("inference_level")).toInt();
                QVERIFY2(level >= 1 && level <= 3, qPrintable(k.value("rule").toString()));
                aboveOne += level > 1;
                ++total;
            }
        QCOMPARE(total, added);
        QVERIFY(aboveOne > 0);
        QVERIFY(checks(QStringLiteral("events")).isEmpty());
    }

    // Without --inference-threshold the profile infers at the spec's default level, 2.
    void defaultThresholdIsTwo()
    {
        const Run r = assay({"operations", "run", "profile", "--datastore", "shop", "--containers",
                             "events", "--wait", "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        const QJsonObject op = r.json();
        QCOMPARE(op.value(QStringLiteral("inference_threshold")).toInt(), 2);
        QCOMPARE(op.value(QStringLiteral("infer_as_draft")).toBool(), false);
        QVERIFY2(op.value(QStringLiteral("checks_added")).toInt() > 0, qPrintable(r.out));
        QSet<int> levels;
        for (const QJsonValue &v : checks(QStringLiteral("events"))) {
            const QJsonObject k = v.toObject();
            QCOMPARE(k.value(QStringLiteral("status")).toString(), QStringLiteral("Active"));
            levels.insert(k.value(QStringLiteral("inference_level")).toInt());
        }
        // id is unique and score lies in a range: level-2 rules, not only level 1's.
        QVERIFY2(levels.contains(2), qPrintable(r.out));
        QVERIFY(!levels.contains(3));

        // An explicit 0 infers nothing.
        const Run none =
            assay({"operations", "run", "profile", "--datastore", "shop", "--containers", "events",
                   "--inference-threshold", "0", "--wait", "--json"});
        QVERIFY2(none.exitCode == 0, qPrintable(describe(none)));
        QCOMPARE(none.json().value(QStringLiteral("inference_threshold")).toInt(), 0);
        QVERIFY(!none.json().contains(QStringLiteral("checks_synchronized")));
    }

    // `profiles show --json`: every figure the issue names, for a numeric and a text field of
    // events (read whole), against values computed here from the generated rows.
    void profilesShowFigures()
    {
        const Run r =
            assay({"profiles", "show", "--datastore", "shop", "--container", "events", "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QHash<QString, QJsonObject> byName;
        for (const QJsonValue &v : r.json().value(QStringLiteral("fields")).toArray())
            byName.insert(v.toObject().value(QStringLiteral("name")).toString(), v.toObject());
        QCOMPARE(byName.size(), 3);
        const QStringList keys{"name",
                               "field_type",
                               "type_declared",
                               "completeness",
                               "approximate_distinct_values",
                               "min",
                               "max",
                               "mean",
                               "sum",
                               "std_dev",
                               "min_length",
                               "max_length",
                               "q1",
                               "median",
                               "q3",
                               "histogram_buckets",
                               "skewness",
                               "kurtosis",
                               "entropy",
                               "unique_distinct_ratio"};
        for (const QJsonObject &f : byName)
            for (const QString &key : keys)
                QVERIFY2(f.contains(key), qPrintable(f.value("name").toString() + ' ' + key));

        // score: REAL, a null every ninth row.
        QVector<double> values;
        for (int i = 1; i <= kEvents; ++i)
            if (const auto s = score(i))
                values << *s;
        std::sort(values.begin(), values.end());
        const double n = values.size();
        double sum = 0;
        for (double v : values)
            sum += v;
        const double mean = sum / n;
        double m2 = 0, m3 = 0, m4 = 0;
        for (double v : values) {
            const double d = v - mean;
            m2 += d * d;
            m3 += d * d * d;
            m4 += d * d * d * d;
        }
        const double stdDev = std::sqrt(m2 / (n - 1));
        const double skewness = (m3 / n) / std::pow(m2 / n, 1.5);
        const double kurtosis = (m4 / n) / ((m2 / n) * (m2 / n)) - 3.0;
        // percentile_disc: the smallest value whose cumulative share reaches p.
        const auto disc = [&](double p) { return values.at(int(std::ceil(p * n)) - 1); };
        QVector<double> distinct = values;
        distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());

        const QJsonObject s = byName.value(QStringLiteral("score"));
        QCOMPARE(s.value(QStringLiteral("field_type")).toString(), QStringLiteral("fractional"));
        QCOMPARE(s.value(QStringLiteral("type_declared")).toString(), QStringLiteral("REAL"));
        QVERIFY(near(s.value(QStringLiteral("completeness")).toDouble(), n / kEvents));
        QCOMPARE(s.value(QStringLiteral("approximate_distinct_values")).toInteger(),
                 qint64(distinct.size()));
        QVERIFY(
            near(s.value(QStringLiteral("unique_distinct_ratio")).toDouble(), distinct.size() / n));
        QCOMPARE(s.value(QStringLiteral("min")).toString().toDouble(), values.first());
        QCOMPARE(s.value(QStringLiteral("max")).toString().toDouble(), values.last());
        QVERIFY(near(s.value(QStringLiteral("sum")).toDouble(), sum));
        QVERIFY(near(s.value(QStringLiteral("mean")).toDouble(), mean));
        QVERIFY(near(s.value(QStringLiteral("std_dev")).toDouble(), stdDev));
        QVERIFY(std::abs(s.value(QStringLiteral("skewness")).toDouble() - skewness) < 1e-6);
        QVERIFY(std::abs(s.value(QStringLiteral("kurtosis")).toDouble() - kurtosis) < 1e-6);
        QCOMPARE(s.value(QStringLiteral("q1")).toDouble(), disc(0.25));
        QCOMPARE(s.value(QStringLiteral("median")).toDouble(), disc(0.5));
        QCOMPARE(s.value(QStringLiteral("q3")).toDouble(), disc(0.75));
        QVERIFY(s.value(QStringLiteral("min_length")).isNull()); // not measured for numbers
        QVERIFY(s.value(QStringLiteral("max_length")).isNull());
        QCOMPARE(s.value(QStringLiteral("sampled")).toBool(), false);
        QVERIFY(!s.value(QStringLiteral("histogram_buckets")).toArray().isEmpty());

        // kind: TEXT, four values, a null every eleventh row.
        QHash<QString, int> counts;
        int nonNull = 0;
        for (int i = 1; i <= kEvents; ++i)
            if (const auto k = kind(i)) {
                ++counts[*k];
                ++nonNull;
            }
        const QJsonObject k = byName.value(QStringLiteral("kind"));
        QCOMPARE(k.value(QStringLiteral("field_type")).toString(), QStringLiteral("string"));
        QCOMPARE(k.value(QStringLiteral("type_declared")).toString(), QStringLiteral("TEXT"));
        QVERIFY(
            near(k.value(QStringLiteral("completeness")).toDouble(), double(nonNull) / kEvents));
        QCOMPARE(k.value(QStringLiteral("approximate_distinct_values")).toInt(), 4);
        QCOMPARE(k.value(QStringLiteral("min")).toString(), QStringLiteral("click"));
        QCOMPARE(k.value(QStringLiteral("max")).toString(), QStringLiteral("view"));
        QCOMPARE(k.value(QStringLiteral("min_length")).toInt(), 4);  // "view"
        QCOMPARE(k.value(QStringLiteral("max_length")).toInt(), 14); // "refund-request"
        for (const char *key : {"mean", "sum", "std_dev", "q1", "median", "q3"})
            QVERIFY2(k.value(QLatin1String(key)).isNull(), key);
        double entropy = 0;
        for (const int c : std::as_const(counts))
            entropy -= double(c) / nonNull * std::log2(double(c) / nonNull);
        QVERIFY(std::abs(k.value(QStringLiteral("entropy")).toDouble() - entropy) < 1e-9);
        const QJsonArray histogram = k.value(QStringLiteral("histogram_buckets")).toArray();
        QCOMPARE(histogram.size(), 4);
        int previous = INT_MAX;
        for (const QJsonValue &v : histogram) {
            const QJsonObject b = v.toObject();
            const QString value = b.value(QStringLiteral("value")).toString();
            QVERIFY2(counts.contains(value), qPrintable(value));
            QCOMPARE(b.value(QStringLiteral("count")).toInt(), counts.value(value));
            QVERIFY(near(b.value(QStringLiteral("ratio")).toDouble(),
                         double(counts.value(value)) / nonNull));
            QVERIFY(counts.value(value) <= previous); // most frequent first
            previous = counts.value(value);
        }
    }

    // A person's status decision on an inferred check outlives later profiles, at the same
    // level and at a lower one, and the check stays an inferred one.
    // A container that cannot be profiled is named with its reason where the outcome is shown,
    // the others are profiled, and the exit code (3) tells a warning from success and failure.
    void leftOutContainersAreNamedAndTheExitCodeSaysWarning()
    {
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), "broken");
            db.setDatabaseName(m_source);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE gone (a INTEGER)")));
            QVERIFY(q.exec(QStringLiteral("CREATE VIEW broken AS SELECT a FROM gone")));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("broken"));
        QCOMPARE(assay({"operations", "run", "sync", "--datastore", "shop", "--wait"}).exitCode, 0);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), "broken");
            db.setDatabaseName(m_source);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("DROP TABLE gone")));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("broken"));

        const Run text = assay({"operations", "run", "profile", "--datastore", "shop",
                                "--containers", "orders,broken", "--wait"});
        QVERIFY2(text.exitCode == 3, qPrintable(describe(text)));
        QVERIFY2(text.out.contains(QLatin1String("warning")), qPrintable(describe(text)));
        QVERIFY2(text.out.contains(QLatin1String("failed: broken: ")) &&
                     text.out.contains(QLatin1String("no such table")),
                 qPrintable(describe(text)));

        const Run json = assay({"operations", "run", "profile", "--datastore", "shop",
                                "--containers", "orders,broken", "--wait", "--json"});
        QCOMPARE(json.exitCode, 3);
        const QJsonArray failed = json.json().value(QStringLiteral("failed_containers")).toArray();
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.at(0).toObject().value(QStringLiteral("container")).toString(),
                 QStringLiteral("broken"));
        QVERIFY(failed.at(0)
                    .toObject()
                    .value(QStringLiteral("reason"))
                    .toString()
                    .contains(QLatin1String("no such table")));
        QCOMPARE(json.json().value(QStringLiteral("tables_profiled")).toInt(), 1);
        const Run shown =
            assay({"operations", "show", json.json().value("id").toVariant().toString()});
        QVERIFY2(shown.out.contains(QLatin1String("left out:\n  failed: broken: ")),
                 qPrintable(describe(shown)));
    }

    void statusDecisionsSurviveReprofiling()
    {
        qint64 activated = 0, archived = 0, untouched = 0;
        for (const QJsonValue &v : checks(QStringLiteral("orders"))) {
            const QJsonObject k = v.toObject();
            const qint64 id = k.value(QStringLiteral("id")).toInteger();
            if (k.value(QStringLiteral("status")).toString() != QLatin1String("Draft"))
                continue;
            if (!activated && k.value(QStringLiteral("inference_level")).toInt() >= 2)
                activated = id;
            else if (!archived)
                archived = id;
            else if (!untouched)
                untouched = id;
        }
        QVERIFY(activated && archived && untouched);
        Run r =
            assay({"checks", "update", QString::number(activated), "--status", "Active", "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY(r.json().value(QStringLiteral("user_edited")).toBool());
        r = assay({"checks", "archive", QString::number(archived), "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY(r.json().value(QStringLiteral("user_edited")).toBool());

        // The same profile again, then one at level 1 (which archives what only level 2 and 3
        // inferred, unless a person decided on it).
        for (const char *level : {"3", "1"}) {
            r = assay({"operations", "run", "profile", "--datastore", "shop", "--containers",
                       "orders", "--inference-threshold", level, "--infer-as-draft", "--wait",
                       "--json"});
            QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
            const QJsonObject a = check(activated), b = check(archived);
            QCOMPARE(a.value(QStringLiteral("status")).toString(), QStringLiteral("Active"));
            QCOMPARE(b.value(QStringLiteral("status")).toString(), QStringLiteral("Archived"));
            for (const QJsonObject &k : {a, b}) {
                QVERIFY(k.value(QStringLiteral("inferred")).toBool());
                QVERIFY(k.value(QStringLiteral("user_edited")).toBool());
            }
            if (QLatin1String(level) == QLatin1String("3")) {
                // The check nobody touched is Profile's: still a draft, refreshed by this run.
                const QJsonObject c = check(untouched);
                QCOMPARE(c.value(QStringLiteral("status")).toString(), QStringLiteral("Draft"));
                QCOMPARE(c.value(QStringLiteral("operation_id")).toInteger(),
                         r.json().value(QStringLiteral("id")).toInteger());
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestProfileCli)
#include "tst_profilecli.moc"
