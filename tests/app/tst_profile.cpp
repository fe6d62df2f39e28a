#include "EngineHarness.h"
#include "ServerDatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>

using namespace assay;

namespace {

constexpr int kRows = 1000;

// One generated row; std::nullopt is SQL NULL.
struct Row
{
    int id;
    std::optional<double> amount;
    std::optional<qint64> qty;
    std::optional<QString> category;
    std::optional<QString> name;
    std::optional<QString> code;
    // Native dates, timestamps and booleans.
    std::optional<QDate> day;
    std::optional<QDateTime> at;
    std::optional<bool> flag;
    // Text holding fractional numbers, booleans, dates and timestamps (inferred types).
    QString ratioText, flagText, dayText, atText;
};

QVector<Row> generate()
{
    QVector<Row> rows;
    for (int i = 1; i <= kRows; ++i) {
        Row r{i, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}};
        if (i % 10 != 0)
            r.amount = double((i * 37) % 1000) / 4.0;
        if (i % 7 != 0)
            r.qty = (i * i) % 50 - 10;
        const int m = i % 10;
        if (m < 5)
            r.category = QStringLiteral("alpha");
        else if (m < 8)
            r.category = QStringLiteral("beta");
        else if (m == 8)
            r.category = QStringLiteral("gamma");
        if (i % 11 != 0)
            r.name = QStringLiteral("n%1").arg(i, 4, 10, QLatin1Char('0')) +
                     QString(i % 5, QLatin1Char('x'));
        r.code = QString::number(i % 40 + 100);
        if (i % 13 != 0)
            r.day = QDate(2025, 1, 1).addDays(i % 7);
        if (i % 17 != 0)
            r.at = QDateTime(QDate(2025, 3, 1 + i % 4), QTime(10 + i % 3, 30), Qt::UTC);
        if (i % 6 != 0)
            r.flag = i % 5 < 3;
        r.ratioText = QString::number(1 + (i % 16) * 0.25, 'f', 2);
        r.flagText = i % 3 ? QStringLiteral("yes") : QStringLiteral("no");
        r.dayText = QDate(2024, 12, 1).addDays(i % 9).toString(Qt::ISODate);
        r.atText = QDateTime(QDate(2024, 6, 1), QTime(i % 12, 15), Qt::UTC)
                       .toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss"));
        rows << r;
    }
    return rows;
}

// Independent figures of a numeric column.
struct Expected
{
    qint64 n = 0;
    double min = 0, max = 0, sum = 0, mean = 0, stdDev = 0, skewness = 0, kurtosis = 0;
    double q1 = 0, median = 0, q3 = 0;
    qint64 distinct = 0;
};

Expected expect(QVector<double> values)
{
    Expected e;
    std::sort(values.begin(), values.end());
    e.n = values.size();
    e.min = values.first();
    e.max = values.last();
    for (double v : values)
        e.sum += v;
    e.mean = e.sum / e.n;
    double m2 = 0, m3 = 0, m4 = 0;
    for (double v : values) {
        const double d = v - e.mean;
        m2 += d * d;
        m3 += d * d * d;
        m4 += d * d * d * d;
    }
    e.stdDev = std::sqrt(m2 / (e.n - 1));
    m2 /= e.n;
    m3 /= e.n;
    m4 /= e.n;
    e.skewness = m3 / std::pow(m2, 1.5);
    e.kurtosis = m4 / (m2 * m2) - 3.0;
    // percentile_disc: the smallest value whose cumulative share reaches p.
    auto disc = [&](int num, int den) {
        for (qint64 k = 1; k <= e.n; ++k)
            if (k * den >= num * e.n)
                return values.at(k - 1);
        return values.last();
    };
    e.q1 = disc(1, 4);
    e.median = disc(1, 2);
    e.q3 = disc(3, 4);
    e.distinct = std::unique(values.begin(), values.end()) - values.begin();
    return e;
}

bool near(double a, double b)
{
    return std::abs(a - b) <= 1e-6 * qMax(1.0, std::abs(b));
}

QString literal(const std::optional<QString> &v)
{
    return v ? QStringLiteral("'%1'").arg(*v) : QStringLiteral("NULL");
}

template <typename T> QString number(const std::optional<T> &v)
{
    return v ? QString::number(*v, 'g', 17) : QStringLiteral("NULL");
}

QString dayText(const QDate &d)
{
    return d.toString(Qt::ISODate);
}

// A timestamp as every database here prints one: "2025-03-01 10:30:00".
QString timeText(const QDateTime &t)
{
    return t.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

// A database's text of a timestamp, in timeText()'s form (drops a 'T' and any fraction).
QString normalTime(QString text)
{
    text.replace(QLatin1Char('T'), QLatin1Char(' '));
    return text.left(19);
}

// Value -> count of the non-null values, as a histogram should list them.
template <typename T, typename F>
QHash<QString, int> frequencies(const QVector<Row> &rows, T Row::*member, F text)
{
    QHash<QString, int> out;
    for (const Row &r : rows)
        if (const auto &v = r.*member)
            ++out[text(*v)];
    return out;
}

} // namespace

// Profile against real SQLite, PostgreSQL and MariaDB tables of known data, through the engine.
class TestProfile : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    test::EngineHarness m_harness;
    Catalog &m_catalog = m_harness.catalog;
    const QVector<Row> m_rows = generate();

    static void exec(QSqlDatabase &db, const QString &sql)
    {
        QSqlQuery q(db);
        if (!q.exec(sql))
            QFAIL(qPrintable(sql.left(200) + QStringLiteral(": ") + q.lastError().text()));
    }

    // `timestampType`: TIMESTAMP, or DATETIME where TIMESTAMP means something else (MariaDB).
    void fill(QSqlDatabase &db, const QString &table, const QString &doubleType,
              const QString &timestampType = QStringLiteral("TIMESTAMP"))
    {
        exec(db, QStringLiteral("CREATE TABLE %1 (id INTEGER NOT NULL PRIMARY KEY, amount %2, "
                                "qty INTEGER, category VARCHAR(20), name VARCHAR(40), code "
                                "VARCHAR(10), day DATE, at %3, flag BOOLEAN, ratio_text "
                                "VARCHAR(10), flag_text VARCHAR(5), day_text VARCHAR(10), "
                                "at_text VARCHAR(20))")
                     .arg(table, doubleType, timestampType));
        QStringList values;
        for (const Row &r : m_rows)
            values << QStringLiteral("(%1, %2, %3, %4, %5, %6, %7, %8, %9, '%10', '%11', '%12', "
                                     "'%13')")
                          .arg(r.id)
                          .arg(number(r.amount), number(r.qty), literal(r.category),
                               literal(r.name), literal(r.code),
                               r.day ? QStringLiteral("'%1'").arg(dayText(*r.day))
                                     : QStringLiteral("NULL"),
                               r.at ? QStringLiteral("'%1'").arg(timeText(*r.at))
                                    : QStringLiteral("NULL"),
                               r.flag ? (*r.flag ? QStringLiteral("TRUE") : QStringLiteral("FALSE"))
                                      : QStringLiteral("NULL"))
                          .arg(r.ratioText, r.flagText, r.dayText, r.atText);
        exec(db, QStringLiteral("INSERT INTO %1 VALUES %2")
                     .arg(table, values.join(QStringLiteral(", "))));
    }

    // Sync, profile twice, and check every figure against the generated data. On SQLite,
    // Profile also asks for the rowid range (its sample is read by key).
    void profileAndCheck(qint64 ds, bool sqlite = false)
    {
        QVERIFY(ds);
        const Operation synced = m_harness.run(ds, operation_type::kSync, {});
        QCOMPARE(synced.status, QStringLiteral("success"));
        std::optional<Container> container;
        for (const Container &c : m_catalog.containers(ds))
            if (c.name == QLatin1String("prof"))
                container = c;
        QVERIFY(container);

        // No inference: the figures and the two-query count are Profile's own.
        const QJsonObject options{{QStringLiteral("containers"), QJsonArray{"prof"}},
                                  {QStringLiteral("inference_threshold"), 0}};
        const Operation first = m_harness.run(ds, operation_type::kProfile, options);
        QVERIFY2(first.status == QLatin1String("success"),
                 qPrintable(first.status + QStringLiteral(": ") + first.message));
        QCOMPARE(first.counters.value(QStringLiteral("tables_requested")).toInt(), 1);
        QCOMPARE(first.counters.value(QStringLiteral("tables_profiled")).toInt(), 1);
        QCOMPARE(first.counters.value(QStringLiteral("records_profiled")).toInt(), kRows);
        QCOMPARE(first.counters.value(QStringLiteral("field_profiles_updated")).toInt(), 13);
        QVERIFY(first.counters.value(QStringLiteral("table_passes")).toInt() <= 2);
        QCOMPARE(first.counters.value(QStringLiteral("queries")).toInt(), sqlite ? 3 : 2);

        QHash<QString, FieldProfile> byName;
        for (const FieldProfile &p : m_catalog.latestFieldProfiles(container->id))
            byName.insert(p.fieldName, p);
        QCOMPARE(byName.size(), 13);
        for (const FieldProfile &p : byName) {
            QCOMPARE(p.records, qint64(kRows));
            QCOMPARE(p.operationId, first.id);
            QVERIFY(!p.distinctApproximate);
        }

        // Numeric fields.
        QVector<double> amounts, qtys;
        for (const Row &r : m_rows) {
            if (r.amount)
                amounts << *r.amount;
            if (r.qty)
                qtys << double(*r.qty);
        }
        const QList<QPair<QString, QVector<double>>> numeric{{QStringLiteral("amount"), amounts},
                                                             {QStringLiteral("qty"), qtys}};
        for (const auto &[fieldName, values] : numeric) {
            const Expected e = expect(values);
            const FieldProfile p = byName.value(fieldName);
            QVERIFY2(near(p.completeness, double(e.n) / kRows), qPrintable(fieldName));
            QVERIFY2(near(p.minValue.toDouble(), e.min), qPrintable(fieldName + p.minValue));
            QVERIFY2(near(p.maxValue.toDouble(), e.max), qPrintable(fieldName + p.maxValue));
            QVERIFY(p.sum && near(*p.sum, e.sum));
            QVERIFY(p.mean && near(*p.mean, e.mean));
            QVERIFY(p.stdDev && near(*p.stdDev, e.stdDev));
            QVERIFY(!p.deviationApproximate); // every record read (PostgreSQL's NUMERIC too)
            QVERIFY(p.skewness && std::abs(*p.skewness - e.skewness) < 1e-6);
            QVERIFY(p.kurtosis && std::abs(*p.kurtosis - e.kurtosis) < 1e-6);
            QVERIFY2(p.q1 && near(*p.q1, e.q1), qPrintable(fieldName));
            QVERIFY2(p.median && near(*p.median, e.median), qPrintable(fieldName));
            QVERIFY2(p.q3 && near(*p.q3, e.q3), qPrintable(fieldName));
            QVERIFY(!p.quantilesApproximate);
            QCOMPARE(p.distinctValues, e.distinct);
        }
        const FieldProfile id = byName.value(QStringLiteral("id"));
        QCOMPARE(id.completeness, 1.0);
        QCOMPARE(id.distinctValues, qint64(kRows));
        QVERIFY(id.sum && near(*id.sum, kRows * (kRows + 1) / 2.0));

        // The low-cardinality text field: exact frequencies, most frequent first.
        const FieldProfile category = byName.value(QStringLiteral("category"));
        QVERIFY(near(category.completeness, 0.9));
        QCOMPARE(category.distinctValues, qint64(3));
        QCOMPARE(category.minValue, QStringLiteral("alpha"));
        QCOMPARE(category.maxValue, QStringLiteral("gamma"));
        QCOMPARE(category.minLength, std::optional<qint64>(4));
        QCOMPARE(category.maxLength, std::optional<qint64>(5));
        QCOMPARE(category.histogram.size(), 3);
        {
            // Entropy in bits of alpha 500, beta 300, gamma 100 (of 900 non-null values).
            double expected = 0;
            for (const double n : {500.0, 300.0, 100.0})
                expected -= n / 900.0 * std::log2(n / 900.0);
            QVERIFY2(category.entropy && std::abs(*category.entropy - expected) < 1e-9,
                     qPrintable(QString::number(category.entropy.value_or(-1))));
        }
        const QList<QPair<QString, int>> frequencies{{QStringLiteral("alpha"), 500},
                                                     {QStringLiteral("beta"), 300},
                                                     {QStringLiteral("gamma"), 100}};
        for (int i = 0; i < 3; ++i) {
            const QJsonObject bucket = category.histogram.at(i).toObject();
            QCOMPARE(bucket.value(QStringLiteral("value")).toString(), frequencies.at(i).first);
            QCOMPARE(bucket.value(QStringLiteral("count")).toInt(), frequencies.at(i).second);
            QVERIFY(near(bucket.value(QStringLiteral("ratio")).toDouble(),
                         frequencies.at(i).second / 900.0));
        }
        QCOMPARE(category.inferredType, QStringLiteral("string"));

        // Equal-width buckets of qty between its min and max, counted here independently.
        {
            const FieldProfile qty = byName.value(QStringLiteral("qty"));
            double min = 1e9, max = -1e9;
            for (const Row &r : m_rows)
                if (r.qty) {
                    min = qMin(min, double(*r.qty));
                    max = qMax(max, double(*r.qty));
                }
            QVector<int> expected(10, 0);
            for (const Row &r : m_rows)
                if (r.qty)
                    ++expected[qMin(9, int(std::floor((*r.qty - min) / ((max - min) / 10))))];
            QCOMPARE(qty.buckets.size(), 10);
            for (int b = 0; b < 10; ++b) {
                const QJsonObject bucket = qty.buckets.at(b).toObject();
                QVERIFY(near(bucket.value(QStringLiteral("lower")).toDouble(),
                             min + b * (max - min) / 10));
                QCOMPARE(bucket.value(QStringLiteral("count")).toInt(), expected.at(b));
            }
            QVERIFY(byName.value(QStringLiteral("category")).buckets.isEmpty());
        }

        // A high-cardinality text field: lengths, min/max, distinct count, top 20 only.
        QStringList names;
        for (const Row &r : m_rows)
            if (r.name)
                names << *r.name;
        std::sort(names.begin(), names.end());
        const FieldProfile name = byName.value(QStringLiteral("name"));
        QVERIFY(near(name.completeness, double(names.size()) / kRows));
        QCOMPARE(name.distinctValues, qint64(names.size()));
        QCOMPARE(name.minValue, names.first());
        QCOMPARE(name.maxValue, names.last());
        qint64 minLength = 1000, maxLength = 0;
        for (const QString &n : names) {
            minLength = qMin<qint64>(minLength, n.size());
            maxLength = qMax<qint64>(maxLength, n.size());
        }
        QCOMPARE(name.minLength, std::optional<qint64>(minLength));
        QCOMPARE(name.maxLength, std::optional<qint64>(maxLength));
        QCOMPARE(name.histogram.size(), 20);

        // Numbers stored as text are inferred as integral.
        const FieldProfile code = byName.value(QStringLiteral("code"));
        QCOMPARE(code.distinctValues, qint64(40));
        QCOMPARE(code.inferredType, QStringLiteral("integral"));

        checkTimesAndBooleans(byName);

        // A second run adds history: two rows per field.
        const Operation second = m_harness.run(ds, operation_type::kProfile, options);
        QCOMPARE(second.status, QStringLiteral("success"));
        for (const FieldProfile &p : m_catalog.latestFieldProfiles(container->id)) {
            QCOMPARE(p.operationId, second.id);
            const QList<FieldProfile> history = m_catalog.fieldProfileHistory(p.fieldId, 10);
            QCOMPARE(history.size(), 2);
            QCOMPARE(history.at(0).operationId, second.id);
            QCOMPARE(history.at(1).operationId, first.id);
        }
    }

    // Dates, timestamps and booleans, native and held in text: min, max, completeness, top
    // values and the inferred type, against the generated rows.
    void checkTimesAndBooleans(const QHash<QString, FieldProfile> &byName)
    {
        const auto completeness = [this](const auto member) {
            int n = 0;
            for (const Row &r : m_rows)
                n += (r.*member).has_value();
            return double(n) / kRows;
        };
        // Each histogram lists exactly these values with these counts (fewer than 20 of each).
        const auto sameHistogram = [](const FieldProfile &p, const QHash<QString, int> &expected,
                                      const std::function<QString(QString)> &normal) {
            QHash<QString, int> shown;
            for (const QJsonValue &v : p.histogram)
                shown.insert(normal(v.toObject().value(QStringLiteral("value")).toString()),
                             v.toObject().value(QStringLiteral("count")).toInt());
            return shown == expected;
        };
        const auto same = [](QString s) { return s; };

        QDate minDay(9999, 1, 1), maxDay(1, 1, 1);
        for (const Row &r : m_rows)
            if (r.day) {
                minDay = qMin(minDay, *r.day);
                maxDay = qMax(maxDay, *r.day);
            }
        const FieldProfile day = byName.value(QStringLiteral("day"));
        QCOMPARE(day.inferredType, QStringLiteral("date"));
        QVERIFY(near(day.completeness, completeness(&Row::day)));
        QCOMPARE(day.minValue.left(10), dayText(minDay));
        QCOMPARE(day.maxValue.left(10), dayText(maxDay));
        QVERIFY2(sameHistogram(day, frequencies(m_rows, &Row::day, dayText),
                               [](QString s) { return s.left(10); }),
                 qPrintable(QJsonDocument(day.histogram).toJson(QJsonDocument::Compact)));

        QDateTime minAt, maxAt;
        for (const Row &r : m_rows)
            if (r.at) {
                if (!minAt.isValid() || *r.at < minAt)
                    minAt = *r.at;
                if (!maxAt.isValid() || *r.at > maxAt)
                    maxAt = *r.at;
            }
        const FieldProfile at = byName.value(QStringLiteral("at"));
        QCOMPARE(at.inferredType, QStringLiteral("timestamp"));
        QVERIFY(near(at.completeness, completeness(&Row::at)));
        QCOMPARE(normalTime(at.minValue), timeText(minAt));
        QCOMPARE(normalTime(at.maxValue), timeText(maxAt));
        QVERIFY2(sameHistogram(at, frequencies(m_rows, &Row::at, timeText), normalTime),
                 qPrintable(QJsonDocument(at.histogram).toJson(QJsonDocument::Compact)));

        // Booleans: the databases print them as true/false or 1/0; two values, no min or max.
        const FieldProfile flag = byName.value(QStringLiteral("flag"));
        QCOMPARE(flag.inferredType, QStringLiteral("boolean"));
        QVERIFY(near(flag.completeness, completeness(&Row::flag)));
        QCOMPARE(flag.distinctValues, qint64(2));
        const auto truth = [](QString s) {
            s = s.toLower();
            return s == QLatin1String("1") || s == QLatin1String("true") || s == QLatin1String("t")
                       ? QStringLiteral("true")
                       : QStringLiteral("false");
        };
        QVERIFY2(sameHistogram(flag,
                               frequencies(m_rows, &Row::flag,
                                           [](bool b) {
                                               return b ? QStringLiteral("true")
                                                        : QStringLiteral("false");
                                           }),
                               truth),
                 qPrintable(QJsonDocument(flag.histogram).toJson(QJsonDocument::Compact)));

        // Text holding other types: the values' type is inferred, their text profiled.
        const QList<std::pair<const char *, QString Row::*>> texts{{"ratio_text", &Row::ratioText},
                                                                   {"flag_text", &Row::flagText},
                                                                   {"day_text", &Row::dayText},
                                                                   {"at_text", &Row::atText}};
        const QHash<QString, QString> inferred{{QStringLiteral("ratio_text"), "fractional"},
                                               {QStringLiteral("flag_text"), "boolean"},
                                               {QStringLiteral("day_text"), "date"},
                                               {QStringLiteral("at_text"), "timestamp"}};
        for (const auto &[column, member] : texts) {
            const QString name = QLatin1String(column);
            const FieldProfile p = byName.value(name);
            QCOMPARE(p.inferredType, inferred.value(name));
            QCOMPARE(p.completeness, 1.0);
            QStringList values;
            QHash<QString, int> counts;
            for (const Row &r : m_rows) {
                values << r.*member;
                ++counts[r.*member];
            }
            std::sort(values.begin(), values.end());
            QCOMPARE(p.minValue, values.first());
            QCOMPARE(p.maxValue, values.last());
            QCOMPARE(p.distinctValues, qint64(counts.size()));
            QVERIFY2(sameHistogram(p, counts, same), column);
        }
    }

    // A table of kBig rows (id 1..kBig, grp = id % 5) is profiled from a sample in pass 2:
    // pass-1 figures stay exact, distinct counts and quantiles are marked approximate.
    static constexpr qint64 kBig = 150000;

    void checkSampled(qint64 ds, bool sqlite = false)
    {
        QVERIFY(ds);
        QCOMPARE(m_harness.run(ds, operation_type::kSync, {}).status, QStringLiteral("success"));
        std::optional<Container> container;
        for (const Container &c : m_catalog.containers(ds))
            if (c.name == QLatin1String("big"))
                container = c;
        QVERIFY(container);
        const Operation op = m_harness.run(ds, operation_type::kProfile,
                                           {{QStringLiteral("containers"), QJsonArray{"big"}},
                                            {QStringLiteral("inference_threshold"), 0}});
        QVERIFY2(op.status == QLatin1String("success"),
                 qPrintable(op.status + QStringLiteral(": ") + op.message));
        // SQLite reads its sample by rowid: one pass. Elsewhere the sample reads the table too.
        QCOMPARE(op.counters.value(QStringLiteral("table_passes")).toInt(), sqlite ? 1 : 2);
        QCOMPARE(op.counters.value(QStringLiteral("records_profiled")).toDouble(), double(kBig));
        QHash<QString, FieldProfile> byName;
        for (const FieldProfile &p : m_catalog.latestFieldProfiles(container->id))
            byName.insert(p.fieldName, p);
        const FieldProfile id = byName.value(QStringLiteral("id"));
        QCOMPARE(id.records, kBig);
        QCOMPARE(id.completeness, 1.0);
        QVERIFY(id.sum && near(*id.sum, double(kBig) * (kBig + 1) / 2.0));
        QCOMPARE(id.minValue.toDouble(), 1.0);
        QCOMPARE(id.maxValue.toDouble(), double(kBig));
        QVERIFY(id.distinctApproximate);
        QVERIFY(id.quantilesApproximate);
        // SQLite's first pass measures the moments of every record; elsewhere the sample does.
        QCOMPARE(id.momentsApproximate, !sqlite);
        QVERIFY(id.skewness && std::abs(*id.skewness) < (sqlite ? 1e-9 : 0.1));
        // Every id is distinct: the sample's singletons make the estimator say (about) all.
        QVERIFY2(std::abs(id.distinctValues - kBig) <= kBig / 10,
                 qPrintable(QString::number(id.distinctValues)));
        QVERIFY2(id.median && std::abs(*id.median - kBig / 2.0) < kBig * 0.05,
                 qPrintable(QStringLiteral("median %1 q1 %2 hist %3")
                                .arg(id.median.value_or(-1))
                                .arg(id.q1.value_or(-1))
                                .arg(id.histogram.size())));
        QVERIFY(id.q1 && std::abs(*id.q1 - kBig / 4.0) < kBig * 0.05);
        QVERIFY(id.q3 && std::abs(*id.q3 - kBig * 0.75) < kBig * 0.05);
        QCOMPARE(id.histogram.size(), 20);
        const FieldProfile grp = byName.value(QStringLiteral("grp"));
        QCOMPARE(grp.distinctValues, qint64(5));
        QVERIFY(grp.distinctApproximate);
        QCOMPARE(grp.histogram.size(), 5);
        QVERIFY(grp.mean && near(*grp.mean, 2.0));
        QVERIFY(!grp.deviationApproximate && !id.deviationApproximate);
        // PostgreSQL's exact decimals (amount = id / 2): the deviation comes from the sample,
        // marked approximate; the sum and mean stay exact.
        if (byName.contains(QStringLiteral("amount"))) {
            const FieldProfile amount = byName.value(QStringLiteral("amount"));
            const double truth = 0.5 * std::sqrt((double(kBig) * kBig - 1) / 12.0);
            QVERIFY(amount.deviationApproximate);
            QVERIFY2(amount.stdDev && std::abs(*amount.stdDev - truth) < truth * 0.05,
                     qPrintable(QString::number(amount.stdDev.value_or(-1))));
            QVERIFY(amount.mean && near(*amount.mean, (kBig + 1) / 4.0));
            QVERIFY(amount.sum && near(*amount.sum, double(kBig) * (kBig + 1) / 4.0));
        }
    }

    // A record limit that is reached: the profile reads that many records, its sample is
    // taken among them (quartiles inside them), and the table's size is the database's
    // estimate, marked approximate.
    void checkRecordLimit(qint64 ds, double estimateTolerance)
    {
        const Operation op = m_harness.run(ds, operation_type::kProfile,
                                           {{QStringLiteral("containers"), QJsonArray{"big"}},
                                            {QStringLiteral("record_limit"), 20000},
                                            {QStringLiteral("inference_threshold"), 0}});
        QVERIFY2(op.status == QLatin1String("success"), qPrintable(op.message));
        QCOMPARE(op.counters.value(QStringLiteral("records_profiled")).toInt(), 20000);
        const QJsonObject figures = op.result.value(QStringLiteral("containers"))
                                        .toObject()
                                        .value(QStringLiteral("big"))
                                        .toObject();
        QCOMPARE(figures.value(QStringLiteral("records_profiled")).toInt(), 20000);
        QVERIFY(figures.value(QStringLiteral("records_approximate")).toBool());
        const double all = figures.value(QStringLiteral("records")).toDouble();
        QVERIFY2(std::abs(all - double(kBig)) <= estimateTolerance * double(kBig),
                 qPrintable(QString::number(all)));
        QVERIFY(figures.value(QStringLiteral("sampled")).toBool());
        FieldProfile id;
        for (const FieldProfile &p :
             m_catalog.latestFieldProfiles(m_harness.container(ds, QStringLiteral("big")).id))
            if (p.fieldName == QLatin1String("id"))
                id = p;
        QCOMPARE(id.records, qint64(20000));
        // The first 20,000 records (ids 1..20,000, the order the tables were written in).
        QCOMPARE(id.maxValue.toDouble(), 20000.0);
        QVERIFY2(id.median && *id.median > 7000 && *id.median < 13000,
                 qPrintable(QString::number(id.median.value_or(-1))));
    }

    // Numbers stored as text with one rare value that is not a number: the top values alone
    // would say integral; the least or greatest value (over every record) says string.
    void textTypeSeesEveryRecord(const QString &path, qint64 ds)
    {
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), "codes");
            db.setDatabaseName(path);
            QVERIFY(db.open());
            exec(db, QStringLiteral("CREATE TABLE codes (plain TEXT, late TEXT, early TEXT)"));
            exec(db, QStringLiteral("WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM "
                                    "s WHERE n < 2000) INSERT INTO codes SELECT 100 + n % 40, "
                                    "CASE WHEN n = 777 THEN 'n/a' ELSE 100 + n % 40 END, "
                                    "CASE WHEN n = 1234 THEN ' 7' ELSE 100 + n % 40 END FROM s"));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("codes"));
        QCOMPARE(m_harness.run(ds, operation_type::kSync, {}).status, QStringLiteral("success"));
        const Operation op = m_harness.run(ds, operation_type::kProfile,
                                           {{QStringLiteral("containers"), QJsonArray{"codes"}},
                                            {QStringLiteral("inference_threshold"), 0}});
        QCOMPARE(op.status, QStringLiteral("success"));
        QHash<QString, QString> types;
        for (const FieldProfile &p :
             m_catalog.latestFieldProfiles(m_harness.container(ds, QStringLiteral("codes")).id))
            types.insert(p.fieldName, p.inferredType);
        QCOMPARE(types.value(QStringLiteral("plain")), QStringLiteral("integral"));
        QCOMPARE(types.value(QStringLiteral("late")), QStringLiteral("string"));
        QCOMPARE(types.value(QStringLiteral("early")), QStringLiteral("string"));
    }

private slots:
    void initTestCase()
    {
        m_harness.startOnFixtures(m_dir.filePath(QStringLiteral("catalog.sqlite")));
    }

    void cleanupTestCase() { m_harness.stop(); }

    void sqlite()
    {
        const QString path = m_dir.filePath(QStringLiteral("profile.sqlite"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), "src");
            db.setDatabaseName(path);
            QVERIFY(db.open());
            fill(db, QStringLiteral("prof"), QStringLiteral("REAL"));
            exec(db, QStringLiteral("CREATE TABLE big (id INTEGER NOT NULL, grp INTEGER)"));
            exec(db, QStringLiteral("WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM "
                                    "s WHERE n < %1) INSERT INTO big SELECT n, n % 5 FROM s")
                         .arg(kBig));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("src"));
        const qint64 ds = m_harness.datastoreFor(QStringLiteral("lite"), QStringLiteral("sqlite"),
                                                 test::Server{}, path, QStringLiteral("main"));
        profileAndCheck(ds, true);
        checkSampled(ds, true);
        checkRecordLimit(ds, 0); // the rowid span: exact for a table never deleted from
        textTypeSeesEveryRecord(path, ds);

        // A record limit profiles only that many records.
        const Operation limited = m_harness.run(ds, operation_type::kProfile,
                                                {{QStringLiteral("containers"), QJsonArray{"prof"}},
                                                 {QStringLiteral("record_limit"), 100},
                                                 {QStringLiteral("inference_threshold"), 3}});
        QCOMPARE(limited.status, QStringLiteral("success"));
        QCOMPARE(limited.counters.value(QStringLiteral("records_profiled")).toInt(), 100);
        QCOMPARE(limited.options.value(QStringLiteral("inference_threshold")).toInt(), 3);
        QCOMPARE(limited.options.value(QStringLiteral("infer_as_draft")).toBool(), false);
        for (const Container &c : m_catalog.containers(ds))
            if (c.name == QLatin1String("prof"))
                for (const FieldProfile &p : m_catalog.latestFieldProfiles(c.id))
                    QCOMPARE(p.records, qint64(100));
    }

    void postgres()
    {
        const test::Server pg = test::postgres();
        {
            QSqlDatabase db =
                test::serverDatabase(QStringLiteral("QPSQL"), pg, QStringLiteral("pgadmin"));
            QVERIFY2(db.open(), qPrintable(db.lastError().text()));
            exec(db, QStringLiteral("DROP SCHEMA IF EXISTS profile_pg CASCADE"));
            exec(db, QStringLiteral("CREATE SCHEMA profile_pg"));
            fill(db, QStringLiteral("profile_pg.prof"), QStringLiteral("NUMERIC(12, 2)"));
            exec(db, QStringLiteral("CREATE TABLE profile_pg.big AS SELECT g AS id, g % 5 AS grp, "
                                    "g * 0.5 AS amount FROM generate_series(1, %1) g")
                         .arg(kBig));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("pgadmin"));
        const qint64 ds = m_harness.datastoreFor(QStringLiteral("pg"), QStringLiteral("postgresql"),
                                                 pg, pg.database, QStringLiteral("profile_pg"));
        profileAndCheck(ds);
        checkSampled(ds);
        {
            // reltuples is set by ANALYZE (or autovacuum, in its own time).
            QSqlDatabase db =
                test::serverDatabase(QStringLiteral("QPSQL"), pg, QStringLiteral("pganalyze"));
            QVERIFY(db.open());
            exec(db, QStringLiteral("ANALYZE profile_pg.big"));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("pganalyze"));
        checkRecordLimit(ds, 0.01);
    }

    void mariadb()
    {
        const test::Server md = test::mariadb();
        QVERIFY(md.port);
        {
            QSqlDatabase db =
                test::serverDatabase(QStringLiteral("QMARIADB"), md, QStringLiteral("mdadmin"));
            QVERIFY2(db.open(), qPrintable(db.lastError().text()));
            exec(db, QStringLiteral("DROP DATABASE IF EXISTS assay_profile"));
            exec(db, QStringLiteral("CREATE DATABASE assay_profile"));
            fill(db, QStringLiteral("assay_profile.prof"), QStringLiteral("DOUBLE"),
                 QStringLiteral("DATETIME"));
            exec(db, QStringLiteral("CREATE TABLE assay_profile.big (id INTEGER NOT NULL, grp "
                                    "INTEGER)"));
            exec(db, QStringLiteral("SET SESSION max_recursive_iterations = 1000000"));
            exec(db, QStringLiteral("INSERT INTO assay_profile.big WITH RECURSIVE s(n) AS (SELECT "
                                    "1 UNION ALL SELECT n + 1 FROM s WHERE n < %1) SELECT n, n % 5 "
                                    "FROM s")
                         .arg(kBig));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("mdadmin"));
        const qint64 ds = m_harness.datastoreFor(QStringLiteral("md"), QStringLiteral("mariadb"),
                                                 md, QStringLiteral("assay_profile"),
                                                 QStringLiteral("assay_profile"));
        profileAndCheck(ds);
        checkSampled(ds);
        checkRecordLimit(ds, 0.5); // InnoDB's TABLE_ROWS is an estimate from sampled pages
    }
};

QTEST_GUILESS_MAIN(TestProfile)
#include "tst_profile.moc"
