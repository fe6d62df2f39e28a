#include "app/monitoring/ExpectedBand.h"

#include <QLocale>
#include <QRegularExpression>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <random>

using namespace assay::monitoring;

namespace {

constexpr double kPi = 3.14159265358979323846;

QDateTime at6(const QDate &date)
{
    return QDateTime(date, QTime(6, 0), Qt::UTC);
}

// Seeded noise. The normal deviates are written out (Box-Muller over std::mt19937, whose output
// the standard fixes) because std::normal_distribution differs between standard libraries.
class Noise
{
public:
    explicit Noise(quint32 seed) : m_engine(seed) {}
    double uniform() { return (double(m_engine()) + 0.5) / 4294967296.0; }
    double normal()
    {
        const double u1 = uniform(), u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * kPi * u2);
    }

private:
    std::mt19937 m_engine;
};

// A table loaded at about 02:00 UTC on weekdays (1000 rows +- 5%, normal) and measured every
// day at 06:00 UTC; a cleanup job deletes a few rows every day, so quiet days change by ~0.
struct Scenario
{
    QDate firstDay = QDate(2027, 1, 4); // a Monday
    int days = 30;
    double load = 1000;
    int stepDay = -1; // from this day on, loads are stepLoad
    double stepLoad = 2000;
    int moveDay = -1; // from this day on, loads finish moveHours later
    int moveHours = 2;
    QVector<int> holidays; // weekdays without a load
    QVector<int> missing;  // days without a measurement
    quint32 seed = 1;
};

struct Day
{
    QDateTime at;
    double count = 0;
    double ageHours = 0; // of the newest row, at the measurement
    bool measured = true;
};

struct Simulation
{
    QVector<Day> days;
    QVector<Observation> counts, ages; // the measurements taken
};

Simulation simulate(const Scenario &s)
{
    Noise noise(s.seed);
    Simulation sim;
    double count = 50000;
    QDateTime lastLoad(s.firstDay.addDays(-3), QTime(2, 0), Qt::UTC); // the Friday before
    for (int i = 0; i < s.days; ++i) {
        const QDate date = s.firstDay.addDays(i);
        // Every day draws the same numbers, loaded or not, so that scenarios differing in one
        // day share all the others.
        const double sizeNoise = noise.normal(), timeNoise = noise.normal();
        const double cleanupNoise = noise.normal();
        if (date.dayOfWeek() <= 5 && !s.holidays.contains(i)) {
            const double size = s.stepDay >= 0 && i >= s.stepDay ? s.stepLoad : s.load;
            count += std::round(size * (1.0 + 0.05 * sizeNoise));
            // The load finishes at 02:00 give or take ten minutes.
            const int hour = s.moveDay >= 0 && i >= s.moveDay ? 2 + s.moveHours : 2;
            lastLoad = QDateTime(date, QTime(hour, 0), Qt::UTC)
                           .addSecs(qint64(600.0 * std::clamp(timeNoise, -3.0, 3.0)));
        }
        count -= std::round(std::abs(3.0 * cleanupNoise));
        Day day;
        day.at = at6(date);
        day.count = count;
        day.ageHours = lastLoad.secsTo(day.at) / 3600.0;
        day.measured = !s.missing.contains(i);
        if (day.measured) {
            sim.counts.append(Observation{day.at, day.count});
            sim.ages.append(Observation{day.at, day.ageHours});
        }
        sim.days.append(day);
    }
    return sim;
}

BandOptions freshnessOptions()
{
    BandOptions o;
    o.sides = BandOptions::Sides::UpperOnly;
    return o;
}

// The change of the count at `at` since the previous measurement.
double changeAt(const QVector<Observation> &counts, const QDateTime &at, double count)
{
    const std::optional<Observation> previous = lastBefore(counts, at);
    return previous ? count - previous->value : 0.0;
}

QVector<Observation> before(const QVector<Observation> &series, const QDateTime &at)
{
    QVector<Observation> out;
    for (const Observation &o : series)
        if (o.at < at)
            out.append(o);
    return out;
}

struct Walk
{
    int walked = 0, ready = 0, healthy = 0, falseAlarms = 0;
    QVector<int> alarms; // day indices
    double falseAlarmRate() const { return healthy > 0 ? double(falseAlarms) / healthy : 0.0; }
};

// Judges every measured day from `from` on, the way the engine will: each day's band comes
// from the whole series (later days included: they must be ignored).
Walk walk(const Scenario &s, const Simulation &sim, bool changes, int from = 15)
{
    Walk w;
    for (int i = from; i < sim.days.size(); ++i) {
        const Day &day = sim.days[i];
        if (!day.measured)
            continue;
        const ExpectedBand band = changes ? changeBand(sim.counts, day.at, BandOptions())
                                          : levelBand(sim.ages, day.at, freshnessOptions());
        const double value = changes ? changeAt(sim.counts, day.at, day.count) : day.ageHours;
        const bool alarm = !band.contains(value);
        const bool healthy = !s.holidays.contains(i) && i != s.stepDay;
        ++w.walked;
        w.ready += band.ready ? 1 : 0;
        w.healthy += healthy ? 1 : 0;
        w.falseAlarms += alarm && healthy ? 1 : 0;
        if (alarm)
            w.alarms.append(i);
    }
    return w;
}

void verifySameBand(const ExpectedBand &a, const ExpectedBand &b)
{
    QCOMPARE(a.ready, b.ready);
    QCOMPARE(a.expected, b.expected);
    QCOMPARE(a.lower, b.lower);
    QCOMPARE(a.upper, b.upper);
    QCOMPARE(a.trainingPoints, b.trainingPoints);
    QCOMPARE(a.seasonal, b.seasonal);
}

} // namespace

Q_DECLARE_METATYPE(Scenario)

class TestExpectedBand : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void walkingAHistoryRaisesFewFalseAlarms_data()
    {
        QTest::addColumn<Scenario>("scenario");
        Scenario month;
        month.days = 30;
        month.holidays = {17}; // a Thursday
        month.missing = {24};
        month.seed = 30;
        QTest::newRow("30 days") << month;

        Scenario quarter;
        quarter.days = 90;
        quarter.holidays = {44}; // a Wednesday
        quarter.missing = {20, 51, 70};
        quarter.seed = 90;
        QTest::newRow("90 days") << quarter;

        Scenario year;
        year.days = 365;
        year.holidays = {100, 310}; // Wednesdays
        year.stepDay = 198;         // a Wednesday: loads double from 1000 to 2000 rows
        year.missing = {33, 150, 260, 261, 300};
        year.seed = 365;
        QTest::newRow("365 days") << year;
    }

    void walkingAHistoryRaisesFewFalseAlarms()
    {
        QFETCH(Scenario, scenario);
        for (int day : scenario.holidays)
            QVERIFY(scenario.firstDay.addDays(day).dayOfWeek() <= 5);
        const Simulation sim = simulate(scenario);

        for (const bool changes : {true, false}) {
            const Walk w = walk(scenario, sim, changes);
            qInfo("%s, %s: %d false alarms on %d healthy days (%.2f%%), %d of %d days ready, "
                  "alarms on days %s",
                  QTest::currentDataTag(), changes ? "record count change" : "freshness age",
                  w.falseAlarms, w.healthy, 100.0 * w.falseAlarmRate(), w.ready, w.walked,
                  qPrintable([&w] {
                      QStringList days;
                      for (int d : w.alarms)
                          days << QString::number(d);
                      return days.join(QLatin1Char(','));
                  }()));
            // Judging starts once 14 days of history exist: every walked day is judged.
            QCOMPARE(w.ready, w.walked);
            QVERIFY2(w.falseAlarmRate() <= 0.02, "more than 2% of healthy days raised an alarm");
            // The real anomalies are caught: a holiday has no load (a change of ~0, an age of
            // 28 h on a weekday); the step is one alarm for the change, none for freshness.
            for (int day : scenario.holidays)
                QVERIFY2(w.alarms.contains(day), "a weekday without a load was not caught");
            if (changes && scenario.stepDay >= 0) {
                QVERIFY(w.alarms.contains(scenario.stepDay));
                const int afterStep =
                    int(std::count_if(w.alarms.cbegin(), w.alarms.cend(), [&scenario](int d) {
                        return d >= scenario.stepDay && d < scenario.stepDay + 28;
                    }));
                QVERIFY2(afterStep <= 3, "a step raised alarms for weeks");
            }
        }
    }

    void valueUnderTestNeverTrainsItself()
    {
        Scenario s;
        s.days = 45;
        const Simulation sim = simulate(s);
        const QDateTime at = sim.days[37].at; // a Wednesday
        const QVector<Observation> earlier = before(sim.counts, at);
        const QVector<Observation> earlierAges = before(sim.ages, at);

        // A wild value at `at` itself, and wild values after it.
        QVector<Observation> withTested = earlier, withLater = earlier;
        withTested.append(Observation{at, 1e12});
        withLater.append(Observation{at.addSecs(1), -1e12});
        withLater.append(Observation{at.addDays(1), 1e12});
        withLater.append(Observation{at.addDays(2), 0});

        const ExpectedBand reference = changeBand(earlier, at, BandOptions());
        QVERIFY(reference.ready);
        QVERIFY(reference.trainedTo < at);
        verifySameBand(changeBand(withTested, at, BandOptions()), reference);
        verifySameBand(changeBand(withLater, at, BandOptions()), reference);
        verifySameBand(changeBand(sim.counts, at, BandOptions()), reference);

        QVector<Observation> agesWithTested = earlierAges;
        agesWithTested.append(Observation{at, 1e6});
        const ExpectedBand ages = levelBand(earlierAges, at, freshnessOptions());
        QVERIFY(ages.ready);
        verifySameBand(levelBand(agesWithTested, at, freshnessOptions()), ages);
        verifySameBand(levelBand(sim.ages, at, freshnessOptions()), ages);

        // The wild value at `at` is judged, though: it is far outside.
        QVERIFY(!ages.contains(1e6));
        QVERIFY(!reference.contains(1e12));
    }

    void unsortedHistoryGivesTheSameBand()
    {
        Scenario s;
        s.days = 40;
        s.missing = {12, 30};
        const Simulation sim = simulate(s);
        QVector<Observation> shuffled = sim.counts;
        std::mt19937 engine(7);
        std::shuffle(shuffled.begin(), shuffled.end(), engine);
        const QDateTime at = sim.days[39].at;
        verifySameBand(changeBand(shuffled, at, BandOptions()),
                       changeBand(sim.counts, at, BandOptions()));
        verifySameBand(levelBand(shuffled, at, BandOptions()),
                       levelBand(sim.counts, at, BandOptions()));
    }

    void fivePercentDropOnASteadyTableIsCaught()
    {
        Noise noise(5);
        QVector<Observation> counts;
        const QDate first(2027, 3, 1);
        for (int i = 0; i < 28; ++i)
            counts.append(
                Observation{at6(first.addDays(i)), 100000 + std::round(2.0 * noise.normal())});
        const QDateTime at = at6(first.addDays(28));
        const double last = counts.last().value;

        const ExpectedBand change = changeBand(counts, at, BandOptions());
        QVERIFY(change.ready);
        QVERIFY2(!change.contains(0.95 * last - last), qPrintable(change.describe()));
        QVERIFY(change.contains(1.0)); // an ordinary day still passes
        QVERIFY(!change.seasonal);

        const ExpectedBand level = levelBand(counts, at, BandOptions());
        QVERIFY(level.ready);
        QVERIFY2(!level.contains(95000), qPrintable(level.describe()));
        QVERIFY(level.contains(100001));
        // Nearly no spread: the relative floor (1%) is what keeps the band open.
        QVERIFY(level.upper - level.expected >= 0.01 * level.expected - 1e-6);
        QVERIFY(level.upper - level.expected < 0.02 * level.expected);
    }

    void missedWednesdayLoadIsCaught()
    {
        Scenario s;
        s.days = 36;
        const Simulation sim = simulate(s);
        const Day &wednesday = sim.days[30];
        QCOMPARE(wednesday.at.date().dayOfWeek(), 3);
        const QVector<Observation> counts = before(sim.counts, wednesday.at);
        const ExpectedBand band = changeBand(counts, wednesday.at, BandOptions());
        QVERIFY(band.ready);
        QVERIFY(band.seasonal);
        QVERIFY2(!band.contains(-2.0), qPrintable(band.describe())); // no load, a few deletes
        BandOptions lowerOnly;
        lowerOnly.sides = BandOptions::Sides::LowerOnly;
        const ExpectedBand lower = changeBand(counts, wednesday.at, lowerOnly);
        QCOMPARE(lower.upper, std::numeric_limits<double>::infinity());
        QCOMPARE(lower.lower, band.lower);
        QVERIFY(!lower.contains(-2.0));
        QVERIFY(lower.contains(1e9));
        QVERIFY2(band.contains(changeAt(sim.counts, wednesday.at, wednesday.count)),
                 qPrintable(band.describe()));
        QVERIFY(qAbs(band.expected - 1000) < 100);
    }

    void quietWeekendAndMondayAreNotAlarms()
    {
        Scenario s;
        s.days = 36;
        const Simulation sim = simulate(s);
        // Days 26, 27, 28: Saturday, Sunday, Monday.
        for (int i : {26, 27, 28}) {
            const Day &day = sim.days[i];
            const ExpectedBand change = changeBand(sim.counts, day.at, BandOptions());
            QVERIFY(change.seasonal);
            QVERIFY2(
                change.contains(changeAt(sim.counts, day.at, day.count)),
                qPrintable(day.at.toString(Qt::ISODate) + QLatin1Char(' ') + change.describe()));

            const ExpectedBand age = levelBand(sim.ages, day.at, freshnessOptions());
            QVERIFY(age.seasonal);
            QCOMPARE(age.lower, -std::numeric_limits<double>::infinity());
            QVERIFY2(age.contains(day.ageHours), qPrintable(age.describe()));
        }
        // The ages are what a weekday 02:00 load gives at 06:00: 28 h on Saturday, 52 h on
        // Sunday, 4 h on Monday (give or take the load's ten minutes).
        QVERIFY(qAbs(sim.days[26].ageHours - 28) < 0.6);
        QVERIFY(qAbs(sim.days[27].ageHours - 52) < 0.6);
        QVERIFY(qAbs(sim.days[28].ageHours - 4) < 0.6);

        // A missed Wednesday load leaves the newest row 28 h old at 06:00: caught.
        const Day &wednesday = sim.days[30];
        const ExpectedBand age = levelBand(sim.ages, wednesday.at, freshnessOptions());
        QVERIFY2(!age.contains(wednesday.ageHours + 24), qPrintable(age.describe()));
        QVERIFY(age.contains(wednesday.ageHours));
        QVERIFY(age.upper < 6);
    }

    void missedMeasurementsAreSummedOver()
    {
        Scenario s;
        s.days = 40;
        s.missing = {31, 34}; // a Thursday and a Sunday
        const Simulation sim = simulate(s);

        // Friday's change covers Thursday's and Friday's loads.
        const Day &friday = sim.days[32];
        const ExpectedBand fridayBand = changeBand(sim.counts, friday.at, BandOptions());
        QCOMPARE(fridayBand.cadences, 2);
        QVERIFY2(qAbs(fridayBand.expected - 2000) < 150, qPrintable(fridayBand.describe()));
        QVERIFY(fridayBand.contains(changeAt(sim.counts, friday.at, friday.count)));
        QVERIFY(!fridayBand.contains(1000));

        // Monday's covers a quiet Sunday and Monday's load.
        const Day &monday = sim.days[35];
        const ExpectedBand mondayBand = changeBand(sim.counts, monday.at, BandOptions());
        QCOMPARE(mondayBand.cadences, 2);
        QVERIFY2(qAbs(mondayBand.expected - 1000) < 100, qPrintable(mondayBand.describe()));
        QVERIFY(mondayBand.contains(changeAt(sim.counts, monday.at, monday.count)));
    }

    void extraRunSoonAfterIsNotJudged()
    {
        Scenario s;
        s.days = 30;
        const Simulation sim = simulate(s);
        const ExpectedBand band =
            changeBand(sim.counts, sim.days[29].at.addSecs(2 * 3600), BandOptions());
        QVERIFY(!band.ready);
        QVERIFY(band.contains(1e9));
        QCOMPARE(band.reason, QStringLiteral("not judged: measured 2 h after the previous "
                                             "measurement, well within the usual interval of "
                                             "24 h; changes are judged over about one interval"));
    }

    void notReadyWithTooLittleHistory()
    {
        Scenario s;
        s.days = 6;
        const Simulation sim = simulate(s);
        const QDateTime at = sim.days[5].at; // five measurements before it
        for (const ExpectedBand &band : {levelBand(sim.counts, at, BandOptions()),
                                         changeBand(sim.counts, at, BandOptions())}) {
            QVERIFY(!band.ready);
            QVERIFY(band.contains(-1e12)); // never an alarm
            QCOMPARE(band.reason, QStringLiteral("learning: 5 measurements over 4 days; alarms "
                                                 "start after 14 days and 10 measurements"));
            QCOMPARE(band.describe(), band.reason);
        }
        QCOMPARE(levelBand({}, at, BandOptions()).reason,
                 QStringLiteral("learning: no measurements yet; alarms start after 14 days and "
                                "10 measurements"));

        // The threshold itself: 15 daily measurements span 14 days; 14 span only 13.
        Scenario longer;
        longer.days = 16;
        const Simulation enough = simulate(longer);
        QVERIFY(changeBand(enough.counts, enough.days[15].at, BandOptions()).ready);
        QVERIFY(!changeBand(enough.counts, enough.days[14].at, BandOptions()).ready);

        // Many measurements over too few days is not enough either.
        QVector<Observation> hourly;
        for (int h = 0; h < 200; ++h)
            hourly.append(Observation{at6(QDate(2027, 1, 4)).addSecs(3600 * h), 1.0});
        const ExpectedBand dense = levelBand(hourly, at6(QDate(2027, 2, 1)), BandOptions());
        QVERIFY(!dense.ready);
        QVERIFY2(dense.reason.contains(QStringLiteral("200 measurements over 8.2 days")),
                 qPrintable(dense.reason));
    }

    void holidayInTheWindowDoesNotMoveTheBand()
    {
        Scenario with;
        with.days = 40;
        with.holidays = {23}; // a Wednesday, two weeks before the tested one
        Scenario without = with;
        without.holidays.clear();
        const Simulation a = simulate(with), b = simulate(without);
        const QDateTime at = a.days[37].at; // a Wednesday
        QCOMPARE(at.date().dayOfWeek(), 3);

        const ExpectedBand changeWith = changeBand(a.counts, at, BandOptions());
        const ExpectedBand changeWithout = changeBand(b.counts, at, BandOptions());
        qInfo("change: with the holiday %s; without %s", qPrintable(changeWith.describe()),
              qPrintable(changeWithout.describe()));
        QVERIFY(qAbs(changeWith.expected / changeWithout.expected - 1) < 0.01);
        const double widthWith = changeWith.upper - changeWith.lower;
        const double widthWithout = changeWithout.upper - changeWithout.lower;
        QVERIFY(qAbs(widthWith / widthWithout - 1) < 0.25);

        const ExpectedBand ageWith = levelBand(a.ages, at, freshnessOptions());
        const ExpectedBand ageWithout = levelBand(b.ages, at, freshnessOptions());
        qInfo("age: with the holiday %s; without %s", qPrintable(ageWith.describe()),
              qPrintable(ageWithout.describe()));
        QVERIFY(qAbs(ageWith.expected / ageWithout.expected - 1) < 0.01);
        QVERIFY(ageWith.upper < 6);
    }

    void stepInAMetricIsOneAlarm()
    {
        // A metric at 50 +- 1 every day, stepping to 60 on day 40.
        Noise noise(11);
        QVector<Observation> values;
        const QDate first(2027, 5, 3);
        for (int i = 0; i < 80; ++i)
            values.append(
                Observation{at6(first.addDays(i)), (i < 40 ? 50.0 : 60.0) + noise.normal()});
        QVector<int> alarms;
        for (int i = 15; i < values.size(); ++i) {
            const ExpectedBand band = levelBand(values, values[i].at, BandOptions());
            QVERIFY(band.ready);
            if (!band.contains(values[i].value))
                alarms.append(i);
        }
        qInfo() << "alarms on days" << alarms;
        QVERIFY(alarms.contains(40));
        QVERIFY2(alarms.size() <= 3, "a step raised more than three alarms");

        // Two weeks on, the band has re-baselined on the new level.
        const ExpectedBand later = levelBand(values, values[54].at, BandOptions());
        QVERIFY(later.shiftedAt.isValid());
        QCOMPARE(later.shiftedAt, values[40].at);
        QVERIFY(qAbs(later.expected - 60) < 1);
        QVERIFY(later.describe().contains(QStringLiteral("re-baselined after a step")));
    }

    void movedLoadIsOneFreshnessStep()
    {
        // From day 44 (a Wednesday) the load finishes at 00:00 instead of 02:00: every age at
        // 06:00 is two hours more (6 h on weekdays, 30 h on Saturday, 54 h on Sunday).
        Scenario s;
        s.days = 90;
        s.moveDay = 44;
        s.moveHours = -2;
        const Simulation sim = simulate(s);
        QCOMPARE(sim.days[44].at.date().dayOfWeek(), 3);
        const Walk w = walk(s, sim, false);
        qInfo() << "freshness alarms on days" << w.alarms;
        QVERIFY(w.alarms.contains(44));
        QVERIFY2(w.alarms.size() <= 3, "a moved load raised alarms for weeks");
        const ExpectedBand later = levelBand(sim.ages, sim.days[60].at, freshnessOptions());
        QVERIFY(later.shiftedAt.isValid());
        QVERIFY2(qAbs(later.expected - 6) < 0.3, qPrintable(later.describe()));
    }

    void hourlyCadenceLearnsANightlyBatch()
    {
        // Hourly measurements: ~50 rows an hour, plus a 5000-row batch at 02:00 on weekdays;
        // the last one at 01:00 on a Wednesday.
        Noise noise(24);
        QVector<Observation> counts;
        const QDateTime start(QDate(2027, 1, 4), QTime(0, 0), Qt::UTC);
        double count = 0;
        for (int h = 0; h <= 30 * 24 + 1; ++h) {
            const QDateTime t = start.addSecs(3600 * h);
            const bool batch = t.time().hour() == 2 && t.date().dayOfWeek() <= 5;
            count += std::round(50 + 5 * noise.normal()) +
                     (batch ? std::round(5000 * (1 + 0.05 * noise.normal())) : 0.0);
            counts.append(Observation{t, count});
        }
        const QDateTime wednesday2 = counts.last().at.addSecs(3600);
        QCOMPARE(wednesday2.date().dayOfWeek(), 3);
        QCOMPARE(wednesday2.time().hour(), 2);

        const ExpectedBand batch = changeBand(counts, wednesday2, BandOptions());
        QVERIFY(batch.ready);
        QVERIFY(batch.seasonal);
        QVERIFY(batch.hourly);
        QVERIFY2(batch.contains(5050), qPrintable(batch.describe()));
        QVERIFY2(!batch.contains(50), qPrintable(batch.describe())); // the batch did not run
        const ExpectedBand quietHour =
            changeBand(counts.mid(0, counts.size() - 1), counts.last().at, BandOptions());
        QVERIFY2(quietHour.contains(50) && !quietHour.contains(5050),
                 qPrintable(quietHour.describe()));

        // Measurements missed until Saturday 02:00: 73 hours, three batches among them.
        const QDateTime saturday2 = wednesday2.addDays(3);
        const ExpectedBand gap = changeBand(counts, saturday2, BandOptions());
        QCOMPARE(gap.cadences, 73);
        QVERIFY2(qAbs(gap.expected / (3 * 5000 + 73 * 50) - 1) < 0.05, qPrintable(gap.describe()));
    }

    void describeReadsWell()
    {
        Scenario s;
        s.days = 36;
        const Simulation sim = simulate(s);
        const ExpectedBand change = changeBand(sim.counts, sim.days[30].at, BandOptions());
        QVERIFY2(QRegularExpression(QStringLiteral("^expected a change of [0-9,]+ \\(between "
                                                   "[0-9,]+ and 1,[0-9]{3}\\), weekday pattern, "
                                                   "[0-9]+ changes$"))
                     .match(change.describe())
                     .hasMatch(),
                 qPrintable(change.describe()));
        const ExpectedBand age = levelBand(sim.ages, sim.days[30].at, freshnessOptions());
        QVERIFY2(QRegularExpression(QStringLiteral("^expected [34]\\.[0-9] \\(at most [0-9.]+\\), "
                                                   "weekday pattern, 28 measurements$"))
                     .match(age.describe())
                     .hasMatch(),
                 qPrintable(age.describe()));
    }

    void lastBeforeFindsTheBase()
    {
        const QDateTime t(QDate(2027, 1, 4), QTime(6, 0), Qt::UTC);
        const QVector<Observation> series = {
            {t.addDays(2), 3}, {t, 1}, {t.addDays(1), 2}, {t.addDays(1), 2.5}};
        QVERIFY(!lastBefore(series, t));
        QCOMPARE(lastBefore(series, t.addDays(1))->value, 1.0);
        QCOMPARE(lastBefore(series, t.addDays(2))->value, 2.5); // the re-run wins
        QCOMPARE(lastBefore(series, t.addDays(9))->value, 3.0);
    }
};

QTEST_GUILESS_MAIN(TestExpectedBand)
#include "tst_expectedband.moc"
