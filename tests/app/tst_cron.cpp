#include "app/scheduling/CronExpression.h"
#include "app/scheduling/ScheduleSpec.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTest>
#include <algorithm>
#include <vector>

using namespace assay;

Q_DECLARE_METATYPE(assay::ScheduleSpec)

namespace {

QDateTime utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s), Qt::UTC);
}

// The property tests' window: two years from 2027-01-01 00:00 UTC (2028 has 29 February).
const QDateTime kStart = utc(2027, 1, 1);
const QDateTime kEnd = utc(2029, 1, 1);

// Every matching minute of the window, as minutes since kStart, by testing each minute of each
// day against the expression's field sets with Vixie's day rule, written out independently of
// CronExpression's own search.
std::vector<qint64> bruteForce(const CronExpression &e)
{
    using E = CronExpression;
    std::vector<qint64> out;
    const quint64 minutes = e.bits(E::Minute);
    const quint64 hours = e.bits(E::Hour);
    const quint64 doms = e.bits(E::DayOfMonth);
    const quint64 months = e.bits(E::Month);
    const quint64 dows = e.bits(E::DayOfWeek);
    const bool either = !e.isStar(E::DayOfMonth) && !e.isStar(E::DayOfWeek);
    qint64 index = 0;
    for (QDate d = kStart.date(); d < kEnd.date(); d = d.addDays(1)) {
        const bool monthOk = months >> d.month() & 1;
        const bool domOk = doms >> d.day() & 1;
        const bool dowOk = dows >> (d.dayOfWeek() % 7) & 1;
        const bool dayOk = monthOk && (either ? (domOk || dowOk) : (domOk && dowOk));
        for (int minuteOfDay = 0; minuteOfDay < 24 * 60; ++minuteOfDay, ++index) {
            if (dayOk && (hours >> (minuteOfDay / 60) & 1) && (minutes >> (minuteOfDay % 60) & 1))
                out.push_back(index);
        }
    }
    return out;
}

qint64 minuteIndex(const QDateTime &t)
{
    return kStart.secsTo(t) / 60;
}

const char *const kPropertyExpressions[] = {
    "* * * * *",
    "*/7 * * * *",
    "*/15 * * * *",
    "0 * * * *",
    "5 */2 * * *",
    "30 6 * * 1-5",
    "0 0 * * *",
    "0 0 29 2 *",
    "0 0 31 * *",
    "0 12 1,15 * 1",
    "0 2 1 */3 *",
    "15 10 * * 6,0",
    "0 22 * * 6",
    "30 14 1 * *",
    "0 0 */2 * *",
    "0 0 */2 * 1",
    "0 0 1-7 * 1",
    "0 0 13 * 5",
    "10-50/10 * * * *",
    "0 9-17 * * MON-FRI",
    "0 0 * JAN,jul *",
    "0 0 * * 7",
    "59 23 31 12 *",
    "0 0 1 1 *",
    "*/5 9-17 * * 1-5",
    "0 */6 * * *",
    "0 0 29 2 1",
    "0 0 30 2 *",
    "0 0 31 4,6,9,11 *",
    "0 0 15 * */2",
    "0 0 */10 * 0",
    "1,2,3 4,5 6 7 *",
    "0 0 28-31 * *",
    "45 23 * * 0",
    "7 7 7 7 7",
    "0 12 * 2 2",
    "*/30 */12 */15 */5 */3",
    "5/20 3/8 * * *",
    "0 0 1-31 * 1",
    "@weekly",
    "@monthly",
};

// Above this many matches in two years, the whole chain is checked for three months and the
// rest of the window by sampling, to stay fast.
constexpr size_t kFullChainLimit = 200000;

} // namespace

class TestCron : public QObject
{
    Q_OBJECT

private slots:
    void parsesValidForms_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("normalised");
        QTest::newRow("every minute") << "* * * * *"
                                      << "* * * * *";
        QTest::newRow("step") << "*/15 * * * *"
                              << "*/15 * * * *";
        QTest::newRow("step one") << "*/1 * * * *"
                                  << "* * * * *";
        QTest::newRow("range step") << "10-50/10 * * * *"
                                    << "10-50/10 * * * *";
        QTest::newRow("range step folded") << "0-59/10 * * * *"
                                           << "*/10 * * * *";
        QTest::newRow("start step") << "5/15 * * * *"
                                    << "5-50/15 * * * *";
        QTest::newRow("list") << "1,5 * * * *"
                              << "1,5 * * * *";
        QTest::newRow("list to range") << "3,1,2,4 * * * *"
                                       << "1-4 * * * *";
        QTest::newRow("day names") << "0 9 * * mon-FRI"
                                   << "0 9 * * 1-5";
        QTest::newRow("sunday 7") << "0 0 * * 7"
                                  << "0 0 * * 0";
        QTest::newRow("sunday name") << "0 0 * * Sun"
                                     << "0 0 * * 0";
        QTest::newRow("weekend 6-7") << "0 0 * * 6-7"
                                     << "0 0 * * 0,6";
        QTest::newRow("month names") << "0 0 1 jan,Jul *"
                                     << "0 0 1 */6 *";
        QTest::newRow("month list") << "0 0 1 jan,Jul,aug *"
                                    << "0 0 1 1,7,8 *";
        QTest::newRow("month range") << "0 0 1 MAR-may *"
                                     << "0 0 1 3-5 *";
        QTest::newRow("spaces") << "  0   0\t* * *  "
                                << "0 0 * * *";
        QTest::newRow("dom range is not a star") << "0 0 1-31 * 1"
                                                 << "0 0 1-31 * 1";
        QTest::newRow("dom star step") << "0 0 */2 * *"
                                       << "0 0 */2 * *";
        QTest::newRow("hours 0-23") << "0 0-23 * * *"
                                    << "0 * * * *";
        QTest::newRow("@daily") << "@daily"
                                << "0 0 * * *";
        QTest::newRow("@hourly") << "@HOURLY"
                                 << "0 * * * *";
        QTest::newRow("@yearly") << "@yearly"
                                 << "0 0 1 1 *";
        QTest::newRow("@weekly") << "@weekly"
                                 << "0 0 * * 0";
    }
    void parsesValidForms()
    {
        QFETCH(QString, text);
        QFETCH(QString, normalised);
        QString error;
        const CronExpression e = CronExpression::parse(text, &error);
        QVERIFY2(e.isValid(), qPrintable(error));
        QVERIFY(error.isEmpty());
        QCOMPARE(e.toString(), normalised);
        // The normalised text means the same.
        QCOMPARE(CronExpression::parse(e.toString()), e);
    }

    void fieldValues()
    {
        using E = CronExpression;
        const E e = E::parse(QStringLiteral("1,5,10-12 */6 1-3,31 FEB-APR SAT,7"));
        QVERIFY(e.isValid());
        QCOMPARE(e.values(E::Minute), (QList<int>{1, 5, 10, 11, 12}));
        QCOMPARE(e.values(E::Hour), (QList<int>{0, 6, 12, 18}));
        QCOMPARE(e.values(E::DayOfMonth), (QList<int>{1, 2, 3, 31}));
        QCOMPARE(e.values(E::Month), (QList<int>{2, 3, 4}));
        QCOMPARE(e.values(E::DayOfWeek), (QList<int>{0, 6}));
        QVERIFY(!e.isStar(E::DayOfMonth));
        QVERIFY(!e.isStar(E::DayOfWeek));
        QCOMPARE(E::parse(QStringLiteral("0 0 * * 0,7")).values(E::DayOfWeek), QList<int>{0});
        QCOMPARE(E::parse(QStringLiteral("0 0 * * */2")).values(E::DayOfWeek),
                 (QList<int>{0, 2, 4, 6}));
        QVERIFY(E::parse(QStringLiteral("0 0 */2 * *")).isStar(E::DayOfMonth));
        // Same days, different meaning under Vixie's rule: a written range is not a star.
        QVERIFY(E::parse(QStringLiteral("0 0 * * *")) != E::parse(QStringLiteral("0 0 * * 0-6")));
    }

    void rejectsWithFieldAndToken_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("minute range") << "61 * * * *"
                                      << "minute: 61 is out of range 0-59";
        QTest::newRow("hour range") << "* 24 * * *"
                                    << "hour: 24 is out of range 0-23";
        QTest::newRow("dom zero") << "* * 0 * *"
                                  << "day of month: 0 is out of range 1-31";
        QTest::newRow("dom 32") << "* * 32 * *"
                                << "day of month: 32 is out of range 1-31";
        QTest::newRow("month 13") << "* * * 13 *"
                                  << "month: 13 is out of range 1-12";
        QTest::newRow("dow 8") << "* * * * 8"
                               << "day of week: 8 is out of range 0-7";
        QTest::newRow("range end") << "0-60 * * * *"
                                   << "minute: 60 is out of range 0-59";
        QTest::newRow("day name") << "* * * * FUNDAY"
                                  << "day of week: \"FUNDAY\" is not a day name";
        QTest::newRow("day name in range") << "* * * * MON-FUNDAY"
                                           << "day of week: \"FUNDAY\" is not a day name";
        QTest::newRow("month name") << "* * * FOO *"
                                    << "month: \"FOO\" is not a month name";
        QTest::newRow("day name in month") << "* * * MON *"
                                           << "month: \"MON\" is not a month name";
        QTest::newRow("letters in minute") << "x * * * *"
                                           << "minute: \"x\" is not a number";
        QTest::newRow("names in hour") << "* MON * * *"
                                       << "hour: \"MON\" is not a number";
        QTest::newRow("L") << "59 23 L * *"
                           << "day of month: \"L\" is not a number";
        QTest::newRow("hash") << "* * * * 1#2"
                              << "day of week: \"1#2\" is not a number";
        QTest::newRow("negative") << "-5 * * * *"
                                  << "minute: \"-5\" is not a number";
        QTest::newRow("step zero") << "*/0 * * * *"
                                   << "minute: step 0 must be at least 1";
        QTest::newRow("step beyond the range") << "*/61 * * * *"
                                               << "minute: step 61 is larger than the field's "
                                                  "range (0-59)";
        QTest::newRow("step of the whole range") << "0 */24 * * *"
                                                 << "hour: step 24 is larger than the field's "
                                                    "range (0-23)";
        QTest::newRow("bad step") << "* */x * * *"
                                  << "hour: \"x\" is not a valid step";
        QTest::newRow("backwards") << "5-1 * * * *"
                                   << "minute: range \"5-1\" runs backwards";
        QTest::newRow("backwards days") << "* * * * FRI-MON"
                                        << "day of week: range \"FRI-MON\" runs backwards";
        QTest::newRow("empty item") << "1,,2 * * * *"
                                    << "minute: empty value in \"1,,2\"";
        QTest::newRow("four fields") << "* * * *"
                                     << "expected 5 fields, got 4";
        QTest::newRow("six fields") << "0 * * * * *"
                                    << "expected 5 fields, got 6";
        QTest::newRow("empty") << ""
                               << "expected 5 fields, got 0";
        QTest::newRow("reboot") << "@reboot"
                                << "\"@reboot\" is not a known shorthand (use @hourly, @daily, "
                                   "@weekly, @monthly or @yearly)";
    }
    void rejectsWithFieldAndToken()
    {
        QFETCH(QString, text);
        QFETCH(QString, message);
        QString error;
        const CronExpression e = CronExpression::parse(text, &error);
        QVERIFY(!e.isValid());
        QCOMPARE(error, message);
        QVERIFY(!e.nextAfter(kStart).isValid());
        QVERIFY(e.toString().isEmpty());
        QVERIFY(e.describe().isEmpty());
    }

    void describes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("description");
        const auto row = [](const char *text, const char *description) {
            QTest::newRow(text) << QString::fromLatin1(text) << QString::fromLatin1(description);
        };
        row("* * * * *", "Every minute");
        row("*/15 * * * *", "Every 15 minutes");
        row("0 * * * *", "Every hour");
        row("5 * * * *", "At minute 5 past every hour");
        row("5 */2 * * *", "At minute 5 past every 2nd hour");
        row("0 */3 * * *", "At minute 0 past every 3rd hour");
        row("30 6 * * 1-5", "At 06:30 UTC, Monday through Friday");
        row("0 12 * * MON-FRI", "At 12:00 UTC, Monday through Friday");
        row("0 2 1 */3 *", "At 02:00 UTC on day 1 of every 3rd month");
        row("30 14 1 * *", "At 14:30 UTC on day 1 of every month");
        row("0 0 * * *", "At 00:00 UTC, every day");
        row("0 22 * * 6", "At 22:00 UTC, only on Saturday");
        row("0 0 * * 0,5", "At 00:00 UTC, on Sunday and Friday");
        row("0 0,12 * * 1,3,5", "At 00:00 and 12:00 UTC, on Monday, Wednesday and Friday");
        row("0 0 29 2 *", "At 00:00 UTC on day 29 of February");
        row("0 0 */2 * *", "At 00:00 UTC on every 2nd day of every month");
        row("0 12 1,15 * 1", "At 12:00 UTC on days 1 and 15 of every month, and every Monday");
        row("*/10 9-17 * * 1-5",
            "Every 10 minutes between 09:00 and 17:59 UTC, Monday through Friday");
        row("0 0 1 1 *", "At 00:00 UTC on day 1 of January");
        row("0 0 * 3 *", "At 00:00 UTC, every day in March");
        row("0 0 1-31 * 1", "At 00:00 UTC, every day");
        row("0,15,45 * * * *", "At minutes 0, 15 and 45 past every hour");
        row("1-7,9 */3 * * *", "At minute 1-7,9 past hour */3 UTC");
    }
    void describes()
    {
        QFETCH(QString, text);
        QFETCH(QString, description);
        QCOMPARE(CronExpression::parse(text).describe(), description);
    }

    void nextAfterBasics()
    {
        const CronExpression daily = CronExpression::parse(QStringLiteral("0 0 * * *"));
        // Strictly after, to the minute.
        QCOMPARE(daily.nextAfter(kStart), utc(2027, 1, 2));
        QCOMPARE(daily.nextAfter(utc(2026, 12, 31, 23, 59, 59)), kStart);
        QCOMPARE(daily.nextAfter(kStart.addMSecs(-1)), kStart);
        // Local and offset times are converted to UTC.
        const QDateTime plusTwo(QDate(2027, 1, 1), QTime(1, 30), Qt::OffsetFromUTC, 7200);
        QCOMPARE(daily.nextAfter(plusTwo), kStart);
        QCOMPARE(daily.nextAfter(plusTwo).timeSpec(), Qt::UTC);
        QCOMPARE(CronExpression::parse(QStringLiteral("0 0 29 2 *")).nextAfter(kStart),
                 utc(2028, 2, 29));
        QVERIFY(!CronExpression::parse(QStringLiteral("0 0 30 2 *")).nextAfter(kStart).isValid());
        QCOMPARE(CronExpression::parse(QStringLiteral("0 0 * * 7")).nextAfter(kStart),
                 utc(2027, 1, 3)); // a Sunday
        QCOMPARE(CronExpression::parse(QStringLiteral("59 23 31 12 *")).nextAfter(kStart),
                 utc(2027, 12, 31, 23, 59));
        QCOMPARE(daily.next(kStart, 3),
                 (QList<QDateTime>{utc(2027, 1, 2), utc(2027, 1, 3), utc(2027, 1, 4)}));
        QVERIFY(CronExpression::parse(QStringLiteral("0 0 30 2 *")).next(kStart, 3).isEmpty());
        QVERIFY(!CronExpression().nextAfter(kStart).isValid());
        // Vixie's rule: both restricted -> either; one starred -> both.
        const CronExpression either = CronExpression::parse(QStringLiteral("0 0 13 * 5"));
        QVERIFY(either.matches(utc(2027, 1, 1)));  // Friday 1 January
        QVERIFY(either.matches(utc(2027, 1, 13))); // Wednesday the 13th
        const CronExpression both = CronExpression::parse(QStringLiteral("0 0 */2 * 5"));
        QVERIFY(both.matches(utc(2027, 1, 1)));   // Friday, odd day
        QVERIFY(!both.matches(utc(2027, 1, 8)));  // Friday, even day
        QVERIFY(!both.matches(utc(2027, 1, 13))); // odd day, Wednesday
    }

    void nextAfterIsFast()
    {
        // The five-year search for a date that never comes is bounded by skipping months.
        const CronExpression never = CronExpression::parse(QStringLiteral("0 0 31 2,4,6,9,11 *"));
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < 200; ++i)
            QVERIFY(!never.nextAfter(kStart.addDays(i)).isValid());
        QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
    }

    // nextAfter chains agree with a minute-by-minute brute force over 2027-2028.
    void nextAfterMatchesBruteForce_data()
    {
        QTest::addColumn<QString>("text");
        for (const char *text : kPropertyExpressions)
            QTest::newRow(text) << QString::fromLatin1(text);
    }
    void nextAfterMatchesBruteForce()
    {
        QFETCH(QString, text);
        QString error;
        const CronExpression e = CronExpression::parse(text, &error);
        QVERIFY2(e.isValid(), qPrintable(error));
        QCOMPARE(CronExpression::parse(e.toString()), e);
        const std::vector<qint64> expected = bruteForce(e);

        // The chain from just before the window.
        const bool full = expected.size() <= kFullChainLimit;
        const qint64 chainEnd = full ? minuteIndex(kEnd) : minuteIndex(utc(2027, 4, 1));
        QDateTime t = kStart.addSecs(-60);
        size_t i = 0;
        while (true) {
            t = e.nextAfter(t);
            if (!t.isValid() || minuteIndex(t) >= chainEnd)
                break;
            QVERIFY2(i < expected.size(), qPrintable(t.toString(Qt::ISODate)));
            QCOMPARE(minuteIndex(t), expected[i]);
            QCOMPARE(t.time().second(), 0);
            QVERIFY(e.matches(t));
            ++i;
        }
        const size_t inChain =
            size_t(std::lower_bound(expected.begin(), expected.end(), chainEnd) - expected.begin());
        QCOMPARE(i, inChain);
        if (expected.empty())
            QVERIFY(!e.nextAfter(kStart).isValid() || e.nextAfter(kStart) >= kEnd);

        // Random instants (with seconds) across the window.
        QRandomGenerator random(quint32(qHash(text)));
        const qint64 windowSecs = kStart.secsTo(kEnd);
        for (int n = 0; n < 400; ++n) {
            const QDateTime from = kStart.addSecs(random.bounded(windowSecs));
            const qint64 fromMinute = minuteIndex(from);
            const auto it = std::upper_bound(expected.begin(), expected.end(), fromMinute);
            const QDateTime next = e.nextAfter(from);
            if (it == expected.end()) {
                QVERIFY(!next.isValid() || next >= kEnd);
            } else {
                QVERIFY2(next.isValid(), qPrintable(from.toString(Qt::ISODate)));
                QCOMPARE(minuteIndex(next), *it);
            }
        }
    }

    void specWritesCron_data()
    {
        QTest::addColumn<ScheduleSpec>("spec");
        QTest::addColumn<QString>("cron");
        QTest::newRow("hourly 1") << ScheduleSpec::hourly(1, 0) << "0 * * * *";
        QTest::newRow("hourly 2") << ScheduleSpec::hourly(2, 15) << "15 */2 * * *";
        QTest::newRow("hourly 12") << ScheduleSpec::hourly(12, 45) << "45 */12 * * *";
        QTest::newRow("daily 1") << ScheduleSpec::daily(1, 0, 0) << "0 0 * * *";
        QTest::newRow("daily 3") << ScheduleSpec::daily(3, 6, 30) << "30 6 */3 * *";
        QTest::newRow("daily 30") << ScheduleSpec::daily(30, 23, 59) << "59 23 */30 * *";
        QTest::newRow("weekly") << ScheduleSpec::weekly({5, 0}, 0, 0) << "0 0 * * 0,5";
        QTest::newRow("weekly 7") << ScheduleSpec::weekly({7, 1, 1}, 9, 5) << "5 9 * * 0,1";
        QTest::newRow("weekly mwf") << ScheduleSpec::weekly({1, 3, 5}, 18, 0) << "0 18 * * 1,3,5";
        QTest::newRow("weekly all")
            << ScheduleSpec::weekly({0, 1, 2, 3, 4, 5, 6}, 1, 0) << "0 1 * * 0,1,2,3,4,5,6";
        QTest::newRow("monthly 1") << ScheduleSpec::monthly(1, 1, 0, 0) << "0 0 1 * *";
        QTest::newRow("monthly 3") << ScheduleSpec::monthly(15, 3, 2, 0) << "0 2 15 */3 *";
        QTest::newRow("monthly 31") << ScheduleSpec::monthly(31, 2, 12, 30) << "30 12 31 */2 *";
        QTest::newRow("advanced") << ScheduleSpec::advanced(QStringLiteral(" 0 12  1,15 * 1"))
                                  << "0 12 1,15 * 1";
    }
    void specWritesCron()
    {
        QFETCH(ScheduleSpec, spec);
        QFETCH(QString, cron);
        QVERIFY2(spec.validate().isEmpty(), qPrintable(spec.validate()));
        QCOMPARE(spec.toCron(), cron);
        QVERIFY(CronExpression::parse(cron).isValid());
        // Edit reopens the tab that wrote it.
        QCOMPARE(ScheduleSpec::fromCron(spec.toCron()), spec);
    }

    void specRecognisesOtherSpellings_data()
    {
        QTest::addColumn<QString>("cron");
        QTest::addColumn<ScheduleSpec>("spec");
        QTest::newRow("@hourly") << "@hourly" << ScheduleSpec::hourly(1, 0);
        QTest::newRow("@daily") << "@daily" << ScheduleSpec::daily(1, 0, 0);
        QTest::newRow("@weekly") << "@weekly" << ScheduleSpec::weekly({0}, 0, 0);
        QTest::newRow("@monthly") << "@monthly" << ScheduleSpec::monthly(1, 1, 0, 0);
        QTest::newRow("names") << "0 9 * * MON-FRI" << ScheduleSpec::weekly({1, 2, 3, 4, 5}, 9, 0);
        QTest::newRow("sunday 7") << "0 0 * * 7" << ScheduleSpec::weekly({0}, 0, 0);
        QTest::newRow("0-23") << "30 0-23 * * *" << ScheduleSpec::hourly(1, 30);
        QTest::newRow("month names")
            << "0 0 1 JAN,APR,JUL,OCT *" << ScheduleSpec::monthly(1, 3, 0, 0);
        QTest::newRow("every minute")
            << "*/15 * * * *" << ScheduleSpec::advanced(QStringLiteral("*/15 * * * *"));
        QTest::newRow("either day rule")
            << "0 0 15 * 1" << ScheduleSpec::advanced(QStringLiteral("0 0 15 * 1"));
        QTest::newRow("dom written as range")
            << "0 0 1-31 * 1" << ScheduleSpec::advanced(QStringLiteral("0 0 1-31 * 1"));
        QTest::newRow("two times")
            << "0 6,18 * * *" << ScheduleSpec::advanced(QStringLiteral("0 6,18 * * *"));
        QTest::newRow("not every n hours")
            << "0 1-23/2 * * *" << ScheduleSpec::advanced(QStringLiteral("0 1-23/2 * * *"));
        QTest::newRow("invalid") << "61 * * * *"
                                 << ScheduleSpec::advanced(QStringLiteral("61 * * * *"));
    }
    void specRecognisesOtherSpellings()
    {
        QFETCH(QString, cron);
        QFETCH(ScheduleSpec, spec);
        QCOMPARE(ScheduleSpec::fromCron(cron), spec);
    }

    void specValidates()
    {
        QCOMPARE(ScheduleSpec::weekly({}, 0, 0).validate(),
                 QStringLiteral("Choose at least one day of the week."));
        QVERIFY(!ScheduleSpec::hourly(0, 0).validate().isEmpty());
        QVERIFY(!ScheduleSpec::hourly(1, 60).validate().isEmpty());
        QVERIFY(!ScheduleSpec::daily(1, 24, 0).validate().isEmpty());
        QVERIFY(!ScheduleSpec::monthly(32, 1, 0, 0).validate().isEmpty());
        QVERIFY(!ScheduleSpec::monthly(1, 13, 0, 0).validate().isEmpty());
        QCOMPARE(ScheduleSpec::advanced(QStringLiteral("61 * * * *")).validate(),
                 QStringLiteral("minute: 61 is out of range 0-59"));
        QVERIFY(ScheduleSpec::advanced(QStringLiteral("0 0 * * *")).validate().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCron)
#include "tst_cron.moc"
