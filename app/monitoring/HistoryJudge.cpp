#include "app/monitoring/HistoryJudge.h"

#include "app/checks/RuleNames.h"
#include "app/monitoring/ExpectedBand.h"

#include <QCoreApplication>
#include <QLocale>
#include <cmath>

namespace assay::monitoring {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(assay::monitoring::HistoryJudge)
};

namespace key = rule_key;
namespace choice = rule_choice;

QString textOf(const Check &check, QLatin1String property, QLatin1String fallback)
{
    const QString v = check.properties.value(property).toString();
    return v.isEmpty() ? QString(fallback) : v;
}

bool numberOf(const Check &check, QLatin1String property, double *out)
{
    const QJsonValue v = check.properties.value(property);
    if (v.isDouble()) {
        *out = v.toDouble();
        return true;
    }
    bool ok = false;
    *out = v.toString().toDouble(&ok);
    return ok;
}

// How a series is compared: its values over time, what the thresholds apply to, and how a
// learned band is shaped for it.
struct SeriesJudgement
{
    QVector<Observation> history; // earlier values, any order
    Observation now;
    QString comparison; // rule_choice: Absolute Value / Change / Percentage Change
    bool automatic = true;
    double periodDays = 1;
    BandOptions options;
    QString unit; // " records", " h" ... appended to figures
};

QString figure(double value, const QString &unit)
{
    return formatFigure(value) + unit;
}

QString signedFigure(double value, const QString &unit)
{
    return (value > 0 ? QStringLiteral("+") : QString()) + figure(value, unit);
}

// The latest earlier value measured at least about `days` before `at`: the baseline of a
// fixed change threshold. A tenth of the period (at least an hour) of slack lets a daily scan
// that runs a few minutes early still compare with yesterday's.
const Observation *baselineOf(const QVector<Observation> &history, const QDateTime &at, double days)
{
    const qint64 period = qint64(days * 86400.0);
    const QDateTime latest = at.addSecs(-period + qMax<qint64>(3600, period / 10));
    const Observation *best = nullptr;
    for (const Observation &o : history)
        if (o.at <= latest && (!best || o.at > best->at))
            best = &o;
    return best;
}

const Observation *previousOf(const QVector<Observation> &history, const QDateTime &at)
{
    const Observation *best = nullptr;
    for (const Observation &o : history)
        if (o.at < at && (!best || o.at > best->at))
            best = &o;
    return best;
}

Judgement judgeFixed(const SeriesJudgement &s, double min, bool hasMin, double max, bool hasMax)
{
    Judgement j;
    double observed = s.now.value;
    QString what = Text::tr("%1").arg(figure(observed, s.unit));
    if (s.comparison != choice::kAbsoluteValue) {
        const Observation *base = baselineOf(s.history, s.now.at, s.periodDays);
        if (!base) {
            // Spelled out: a %n plural needs a loaded translation, even for English.
            const int days = int(std::ceil(s.periodDays));
            j.text = days == 1 ? Text::tr("Not judged yet: no measurement from a day before to "
                                          "compare with.")
                               : Text::tr("Not judged yet: no measurement from %1 days before to "
                                          "compare with.")
                                     .arg(days);
            return j;
        }
        if (s.comparison == choice::kPercentageChange) {
            if (base->value == 0) {
                j.text = Text::tr("Not judged: the earlier measurement was 0, so a percentage "
                                  "change has no meaning.");
                return j;
            }
            observed = 100.0 * (s.now.value - base->value) / std::abs(base->value);
            what = Text::tr("a change of %1% (from %2 to %3)")
                       .arg(signedFigure(observed, QString()), figure(base->value, s.unit),
                            figure(s.now.value, s.unit));
        } else {
            observed = s.now.value - base->value;
            what = Text::tr("a change of %1 (from %2)")
                       .arg(signedFigure(observed, s.unit), figure(base->value, s.unit));
        }
    }
    j.asserted = true;
    j.observed = observed;
    j.expectedLow = hasMin ? min : qQNaN();
    j.expectedHigh = hasMax ? max : qQNaN();
    j.passed = (!hasMin || observed >= min) && (!hasMax || observed <= max);
    const QString unit = s.comparison == choice::kPercentageChange ? QStringLiteral("%") : s.unit;
    QString bounds = hasMin && hasMax
                         ? Text::tr("between %1 and %2").arg(figure(min, unit), figure(max, unit))
                     : hasMin ? Text::tr("at least %1").arg(figure(min, unit))
                              : Text::tr("at most %1").arg(figure(max, unit));
    j.text = Text::tr("Measured %1; the check expects %2.").arg(what, bounds);
    return j;
}

Judgement judgeLearned(const SeriesJudgement &s)
{
    Judgement j;
    if (s.comparison == choice::kAbsoluteValue) {
        const ExpectedBand band = levelBand(s.history, s.now.at, s.options);
        if (!band.ready) {
            j.text = band.reason;
            return j;
        }
        j.asserted = true;
        j.observed = s.now.value;
        j.expectedLow = qIsFinite(band.lower) ? band.lower : qQNaN();
        j.expectedHigh = qIsFinite(band.upper) ? band.upper : qQNaN();
        j.passed = band.contains(s.now.value);
        j.text = Text::tr("Measured %1; %2.").arg(figure(s.now.value, s.unit), band.describe());
        return j;
    }
    const Observation *previous = previousOf(s.history, s.now.at);
    if (!previous) {
        j.text = Text::tr("Not judged yet: this is the first measurement.");
        return j;
    }
    ExpectedBand band = changeBand(s.history, s.now.at, s.options);
    if (!band.ready) {
        j.text = band.reason;
        return j;
    }
    double change = s.now.value - previous->value;
    QString unit = s.unit;
    if (s.comparison == choice::kPercentageChange) {
        if (previous->value == 0) {
            j.text = Text::tr("Not judged: the previous measurement was 0, so a percentage "
                              "change has no meaning.");
            return j;
        }
        const double scale = 100.0 / std::abs(previous->value);
        change *= scale;
        band.expected *= scale;
        band.lower *= scale;
        band.upper *= scale;
        unit = QStringLiteral("%");
    }
    j.asserted = true;
    j.observed = change;
    j.expectedLow = qIsFinite(band.lower) ? band.lower : qQNaN();
    j.expectedHigh = qIsFinite(band.upper) ? band.upper : qQNaN();
    j.passed = band.contains(change);
    const QString bounds =
        qIsFinite(band.lower) && qIsFinite(band.upper)
            ? Text::tr("between %1 and %2")
                  .arg(signedFigure(band.lower, unit), signedFigure(band.upper, unit))
        : qIsFinite(band.upper) ? Text::tr("at most %1").arg(signedFigure(band.upper, unit))
                                : Text::tr("at least %1").arg(signedFigure(band.lower, unit));
    j.text = Text::tr("Changed by %1 since the previous measurement (%2, now %3); expected a "
                      "change %4 (learned from %5 earlier changes%6).")
                 .arg(signedFigure(change, unit), figure(previous->value, s.unit),
                      figure(s.now.value, s.unit), bounds)
                 .arg(band.trainingPoints)
                 .arg(band.seasonal ? Text::tr(", weekly pattern") : QString());
    return j;
}

Judgement judgeThresholds(const Check &check, SeriesJudgement s)
{
    s.comparison = textOf(check, key::kComparison, choice::kAbsoluteChange);
    s.automatic = textOf(check, key::kThresholds, choice::kAutomatic) == choice::kAutomatic;
    double days = 1;
    if (numberOf(check, key::kPeriodDays, &days) && days >= 1)
        s.periodDays = days;
    if (s.automatic)
        return judgeLearned(s);
    double min = 0, max = 0;
    const bool hasMin = numberOf(check, key::kMin, &min);
    const bool hasMax = numberOf(check, key::kMax, &max);
    if (!hasMin && !hasMax) {
        Judgement j;
        j.text = Text::tr("Not judged: fixed thresholds need a minimum or a maximum.");
        return j;
    }
    return judgeFixed(s, min, hasMin, max, hasMax);
}

Judgement judgeSeries(const Check &check, const SeriesJudgement &s)
{
    Judgement j = judgeThresholds(check, s);
    j.measured = s.now.value;
    return j;
}

double hoursPerUnit(const QString &unit)
{
    if (unit == choice::kMinutes)
        return 1.0 / 60.0;
    if (unit == choice::kDays)
        return 24.0;
    return 1.0;
}

QString unitSuffix(const QString &unit)
{
    if (unit == choice::kMinutes)
        return Text::tr(" min");
    if (unit == choice::kDays)
        return Text::tr(" d");
    return Text::tr(" h");
}

} // namespace

QString formatFigure(double value)
{
    const double magnitude = std::abs(value);
    const int decimals = magnitude >= 100 || value == std::floor(value) ? 0
                         : magnitude >= 1                               ? 1
                                                                        : 3;
    return QLocale().toString(value, 'f', decimals);
}

Judgement judgeVolumetric(const Check &check, const QList<ContainerMeasurement> &history,
                          const ContainerMeasurement &now)
{
    const bool bytes = textOf(check, key::kMeasure, choice::kRecords) == choice::kBytes;
    const auto valueOf = [bytes](const ContainerMeasurement &m) {
        return double(bytes ? m.sizeBytes : m.recordCount);
    };
    if (valueOf(now) < 0) {
        Judgement j;
        j.text = bytes ? Text::tr("Not judged: this database does not report the table's size.")
                       : Text::tr("Not judged: the records could not be counted.");
        return j;
    }
    SeriesJudgement s;
    for (const ContainerMeasurement &m : history)
        if (valueOf(m) >= 0)
            s.history << Observation{m.measuredAt, valueOf(m)};
    s.now = Observation{now.measuredAt, valueOf(now)};
    s.unit = bytes ? Text::tr(" bytes") : Text::tr(" records");
    // Never an alarm for a change within 1% of the table or 10 records: a table's own noise
    // floor, which a steady table's zero spread would otherwise shrink to nothing.
    s.options.relativeFloor = 0.01;
    s.options.absoluteFloor = qMax(10.0, 0.01 * s.now.value);
    return judgeSeries(check, s);
}

Judgement judgeFreshness(const Check &check, const QList<ContainerMeasurement> &history,
                         const ContainerMeasurement &now)
{
    const QString unit = textOf(check, key::kUnit, choice::kHours);
    const double perUnit = hoursPerUnit(unit);
    if (now.ageHours() < 0) {
        Judgement j;
        j.text = Text::tr("Not judged: nothing tells when the newest data arrived. Give the "
                          "container an incremental field of a date or time type (Container "
                          "Settings), or use a database that keeps table statistics.");
        return j;
    }
    SeriesJudgement s;
    for (const ContainerMeasurement &m : history)
        if (m.ageHours() >= 0)
            s.history << Observation{m.measuredAt, m.ageHours() / perUnit};
    s.now = Observation{now.measuredAt, now.ageHours() / perUnit};
    s.unit = unitSuffix(unit);
    // Only staleness alarms; half the usual age (at least two hours) of slack keeps a load or
    // a scan that runs a little late from raising one, while a missed daily load (a day older
    // than usual) is still far past it.
    s.options.sides = BandOptions::Sides::UpperOnly;
    s.options.relativeFloor = 0.5;
    s.options.absoluteFloor = 2.0 / perUnit;
    Check fixed = check;
    // Freshness compares the age itself; its fixed threshold is the maximum age.
    fixed.properties.insert(key::kComparison, QString(choice::kAbsoluteValue));
    if (check.properties.contains(key::kMaximumAge))
        fixed.properties.insert(key::kMax, check.properties.value(key::kMaximumAge));
    fixed.properties.remove(key::kMin);
    return judgeSeries(fixed, s);
}

Judgement judgeMetric(const Check &check, const QList<CheckHistoryPoint> &history, double value,
                      const QDateTime &at)
{
    SeriesJudgement s;
    for (const CheckHistoryPoint &p : history)
        if (qIsFinite(p.measured) && p.at.isValid())
            s.history << Observation{p.at, p.measured};
    s.now = Observation{at, value};
    s.options.relativeFloor = 0.01;
    Check metric = check;
    if (!check.properties.contains(key::kComparison))
        metric.properties.insert(key::kComparison, QString(choice::kAbsoluteValue));
    if (!check.properties.contains(key::kThresholds))
        metric.properties.insert(key::kThresholds, QString(choice::kFixed));
    return judgeSeries(metric, s);
}

} // namespace assay::monitoring
