// ColumnSketch (Profile's one-pass column figures) and its SQLite aggregate, against figures
// computed independently: two-pass moments in the test, and SQLite's own COUNT, MIN, MAX,
// TOTAL, LENGTH and COUNT(DISTINCT) over the same rows.
#include "app/engine/profile/ColumnSketch.h"
#include "app/engine/profile/SqliteProfileFunction.h"

#include <QJsonObject>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

using namespace assay;

namespace {

std::string plainReal(double v)
{
    return QString::number(v, 'g', 15).toStdString();
}

} // namespace

class TestColumnSketch : public QObject
{
    Q_OBJECT

private slots:
    void distinctEstimateAcrossScales()
    {
        for (const qint64 n : {1, 2, 7, 100, 1000, 10000, 50000, 200000, 1000000}) {
            ColumnSketch sketch(ColumnSketch::Kind::Other);
            for (qint64 i = 0; i < n; ++i) {
                sketch.addInteger(i * 7919);
                if (i % 3 == 0)
                    sketch.addInteger(i * 7919); // repeats do not count twice
            }
            const double estimate = sketch.distinctEstimate();
            // Small counts are exact to the value; beyond, within 2.5% (the sketch's relative
            // standard error is 0.8%).
            const double allowed = n <= 100 ? 0.5 : 0.025 * double(n);
            QVERIFY2(
                std::abs(estimate - double(n)) <= allowed,
                qPrintable(QStringLiteral("%1 distinct estimated as %2").arg(n).arg(estimate)));
        }
    }

    void distinctKeepsTextAndNumbersApart()
    {
        ColumnSketch sketch(ColumnSketch::Kind::Other);
        sketch.addInteger(1);
        sketch.addReal(1.0);            // the same number as 1
        sketch.addText("1", 1, 1, 1.0); // the text '1' is another value
        sketch.addReal(1.5);
        QCOMPARE(qRound64(sketch.distinctEstimate()), qint64(3));
    }

    void momentsMatchTwoPassFigures()
    {
        QRandomGenerator random(42);
        QVector<double> values;
        for (int i = 0; i < 20000; ++i)
            values << std::exp(random.generateDouble() * 3.0) + 1e6; // skewed, large offset
        ColumnSketch sketch(ColumnSketch::Kind::Numeric);
        for (double v : values)
            sketch.addReal(v);
        double mean = 0;
        for (double v : values)
            mean += v;
        mean /= values.size();
        double m2 = 0, m3 = 0, m4 = 0;
        for (double v : values) {
            const double d = v - mean;
            m2 += d * d;
            m3 += d * d * d;
            m4 += d * d * d * d;
        }
        const QJsonObject o = sketch.toJson(plainReal);
        const double n = values.size();
        QCOMPARE(o.value(QStringLiteral("n")).toDouble(), n);
        QVERIFY(std::abs(o.value(QStringLiteral("sum")).toDouble() / n - mean) < 1e-9 * mean);
        const auto relative = [](double a, double b) { return std::abs(a - b) / std::abs(b); };
        QVERIFY(relative(o.value(QStringLiteral("m2")).toDouble(), m2) < 1e-9);
        QVERIFY(relative(o.value(QStringLiteral("m3")).toDouble(), m3) < 1e-6);
        QVERIFY(relative(o.value(QStringLiteral("m4")).toDouble(), m4) < 1e-6);
    }

    void orderIsNumbersThenTextThenBlobs()
    {
        ColumnSketch sketch(ColumnSketch::Kind::Other);
        sketch.addText("b", 1, 1, 0);
        sketch.addInteger(10);
        sketch.addReal(2.5);
        sketch.addBlob("\x01", 1, 0);
        sketch.addText("abc", 3, 3, 0);
        const QJsonObject o = sketch.toJson(plainReal);
        QCOMPARE(o.value(QStringLiteral("min")).toString(), QStringLiteral("2.5"));
        QCOMPARE(o.value(QStringLiteral("max")).toString(), QStringLiteral("\x01"));
        ColumnSketch numbers(ColumnSketch::Kind::Numeric);
        numbers.addInteger(9007199254740993LL); // beyond a double's precision: compared as integers
        numbers.addInteger(9007199254740992LL);
        QCOMPARE(numbers.toJson(plainReal).value(QStringLiteral("min")).toString(),
                 QStringLiteral("9007199254740992"));
    }

    // The aggregate inside SQLite gives what SQLite's own aggregates give over the same rows.
    void sqliteAggregateMatchesSqlite()
    {
        QTemporaryDir dir;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), "sketch");
            db.setDatabaseName(dir.filePath(QStringLiteral("t.sqlite")));
            QVERIFY(db.open());
            QVERIFY(sqlite_profile::install(db));
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE t (num REAL, txt TEXT, mixed)")));
            QVERIFY(q.exec(QStringLiteral(
                "INSERT INTO t VALUES (1.5, 'été', 3), (-2, 'a', 'x'), (NULL, NULL, NULL), "
                "(1e300, '12', X'41'), (7, 'ünïcödé 字', 2.25), (7, '', '3'), "
                "(0.1, 'a', 3)")));
            const QStringList columns{QStringLiteral("num"), QStringLiteral("txt"),
                                      QStringLiteral("mixed")};
            const QList<ColumnSketch::Kind> kinds{
                ColumnSketch::Kind::Numeric, ColumnSketch::Kind::Text, ColumnSketch::Kind::Other};
            for (int i = 0; i < columns.size(); ++i) {
                const QString c = columns.at(i);
                QVERIFY2(q.exec(QStringLiteral("SELECT %1, COUNT(%2), CAST(MIN(%2) AS TEXT), "
                                               "CAST(MAX(%2) AS TEXT), TOTAL(%2), "
                                               "MIN(LENGTH(%2)), MAX(LENGTH(%2)), "
                                               "COUNT(DISTINCT %2) FROM t")
                                    .arg(sqlite_profile::call(c, kinds.at(i)), c)),
                         qPrintable(q.lastError().text()));
                QVERIFY(q.next());
                const QJsonObject o = sqlite_profile::read(q.value(0));
                QCOMPARE(o.value(QStringLiteral("n")).toDouble(), q.value(1).toDouble());
                QCOMPARE(o.value(QStringLiteral("min")).toString(), q.value(2).toString());
                QCOMPARE(o.value(QStringLiteral("max")).toString(), q.value(3).toString());
                QCOMPARE(o.value(QStringLiteral("distinct")).toDouble(), q.value(7).toDouble());
                if (kinds.at(i) == ColumnSketch::Kind::Numeric)
                    QCOMPARE(o.value(QStringLiteral("sum")).toDouble(), q.value(4).toDouble());
                if (kinds.at(i) == ColumnSketch::Kind::Text) {
                    QCOMPARE(o.value(QStringLiteral("min_length")).toDouble(),
                             q.value(5).toDouble());
                    QCOMPARE(o.value(QStringLiteral("max_length")).toDouble(),
                             q.value(6).toDouble());
                }
            }
            // No rows: a count of zero and nothing else.
            QVERIFY(q.exec(QStringLiteral("SELECT %1 FROM t WHERE 0")
                               .arg(sqlite_profile::call(QStringLiteral("num"),
                                                         ColumnSketch::Kind::Numeric))));
            QVERIFY(q.next());
            QCOMPARE(sqlite_profile::read(q.value(0)).value(QStringLiteral("n")).toDouble(), 0.0);
        }
        QSqlDatabase::removeDatabase(QStringLiteral("sketch"));
    }

    void notInstalledOnOtherDrivers() { QVERIFY(!sqlite_profile::install(QSqlDatabase())); }
};

QTEST_GUILESS_MAIN(TestColumnSketch)
#include "tst_columnsketch.moc"
