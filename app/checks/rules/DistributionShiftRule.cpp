// distributionShift: the shares of a field's values (a category) or of the ranges between
// its quartiles (a measure) stay near a baseline learned from its profile. One figure, counted
// in the one aggregate pass: the records of each bin, then the population stability index
// against the baseline (DistributionShift.h says why that measure and those thresholds).
//
// Its dimension is Consistency: the reference's Consistency dimension is the drift of a field's
// statistics against its own history, which is what this check watches. Accuracy counts the
// records that data-integrity checks fail, and a shift fails no record: each value may be
// valid while their mix is not what it was.
#include "app/checks/AnomalyMessages.h"
#include "app/checks/CheckSqlText.h"
#include "app/checks/Rule.h"
#include "app/checks/RuleSql.h"
#include "app/checks/rules/DistributionShift.h"

#include <QDateTime>
#include <QSet>
#include <algorithm>
#include <cmath>
#include <numeric>

namespace assay {

namespace distribution_shift {

namespace {

using T = RuleText;

// Shares may add up to a little more or less than 1 (rounded, or typed by a person): they are
// scaled to 1, but a sum further off than this is a mistake.
constexpr double kShareSumTolerance = 0.02;

bool isShare(const QJsonValue &v)
{
    return v.isDouble() && v.toDouble() >= 0 && std::isfinite(v.toDouble());
}

// An ISO date or timestamp edge as a moment (a date: its midnight, UTC); invalid otherwise.
QDateTime momentOf(const QJsonValue &v)
{
    if (!v.isString())
        return {};
    const QString text = v.toString().trimmed();
    if (text.size() == 10)
        return QDate::fromString(text, Qt::ISODate).startOfDay(Qt::UTC);
    return QDateTime::fromString(text, Qt::ISODate);
}

// The edges increase strictly, all numbers or all moments.
QString edgesProblem(const QJsonArray &edges)
{
    const bool numbers = edges.first().isDouble();
    for (int i = 0; i < edges.size(); ++i) {
        const QJsonValue e = edges.at(i);
        if (numbers ? !e.isDouble() || !std::isfinite(e.toDouble()) : !momentOf(e).isValid())
            return T::tr("The baseline's edges are numbers, or ISO-8601 dates or timestamps, not "
                         "both.");
        if (i > 0 && (numbers ? e.toDouble() <= edges.at(i - 1).toDouble()
                              : momentOf(e) <= momentOf(edges.at(i - 1))))
            return T::tr("The baseline's edges must increase.");
    }
    return QString();
}

QString valueKey(const QJsonValue &v)
{
    return v.isString() ? v.toString() : v.toVariant().toString();
}

double rounded(double share)
{
    const double scale = std::pow(10.0, kShareDecimals);
    return std::round(share * scale) / scale;
}

QList<double> sharesOf(const QList<qint64> &counts)
{
    const qint64 n = std::accumulate(counts.cbegin(), counts.cend(), qint64(0));
    QList<double> out;
    for (qint64 c : counts)
        out << (n > 0 ? rounded(double(c) / double(n)) : 0.0);
    return out;
}

} // namespace

int Baseline::freedom() const
{
    const auto held = std::count_if(shares.cbegin(), shares.cend(), [](double s) { return s > 0; });
    return qMax(1, int(held) - 1);
}

std::optional<Baseline> readBaseline(const QJsonValue &property, QString *error)
{
    const auto fail = [error](const QString &why) -> std::optional<Baseline> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (!property.isObject())
        return fail(T::tr("The baseline must be a JSON object with “values” or “edges”."));
    const QJsonObject o = property.toObject();
    const bool categorical = o.contains(QLatin1String("values"));
    const bool binned = o.contains(QLatin1String("edges"));
    if (categorical == binned)
        return fail(T::tr("The baseline holds either “values” (a category) or “edges” (ranges "
                          "of a measure)."));
    Baseline b;
    if (categorical) {
        const QJsonArray values = o.value(QLatin1String("values")).toArray();
        if (values.isEmpty())
            return fail(T::tr("The baseline's “values” must be a non-empty list."));
        QSet<QString> seen;
        for (const QJsonValue &item : values) {
            const QJsonObject entry = item.toObject();
            const QJsonValue value = entry.value(QLatin1String("value"));
            if (!(value.isString() || value.isDouble() || value.isBool()) ||
                !isShare(entry.value(QLatin1String("share"))))
                return fail(T::tr("Each of the baseline's values is {\"value\": ..., \"share\": "
                                  "a number from 0 to 1}."));
            if (seen.contains(valueKey(value)))
                return fail(T::tr("The baseline lists “%1” twice.").arg(valueKey(value)));
            seen.insert(valueKey(value));
            b.values << value;
            b.shares << entry.value(QLatin1String("share")).toDouble();
        }
        const QJsonValue other = o.value(QLatin1String("other"));
        if (!other.isUndefined() && !isShare(other))
            return fail(T::tr("The baseline's “other” share must be a number from 0 to 1."));
        b.shares << other.toDouble(0);
    } else {
        b.edges = o.value(QLatin1String("edges")).toArray();
        const QJsonArray shares = o.value(QLatin1String("shares")).toArray();
        if (b.edges.isEmpty())
            return fail(T::tr("The baseline's “edges” must be a non-empty list."));
        if (const QString problem = edgesProblem(b.edges); !problem.isEmpty())
            return fail(problem);
        if (shares.size() != b.edges.size() + 1)
            return fail(T::tr("The baseline has %1 edges, so %2 shares (one per range), not %3.")
                            .arg(b.edges.size())
                            .arg(b.edges.size() + 1)
                            .arg(shares.size()));
        for (const QJsonValue &s : shares) {
            if (!isShare(s))
                return fail(T::tr("The baseline's shares must be numbers from 0 to 1."));
            b.shares << s.toDouble();
        }
    }
    const double sum = std::accumulate(b.shares.cbegin(), b.shares.cend(), 0.0);
    if (std::abs(sum - 1.0) > kShareSumTolerance)
        return fail(T::tr("The baseline's shares add up to %1%, not 100%.")
                        .arg(QString::number(sum * 100.0, 'f', 1)));
    for (double &s : b.shares)
        s /= sum;
    return b;
}

QJsonObject categoricalBaseline(const QJsonArray &values, const QList<qint64> &counts)
{
    const QList<double> shares = sharesOf(counts);
    QJsonArray listed;
    for (int i = 0; i < values.size(); ++i)
        listed << QJsonObject{{QStringLiteral("value"), values.at(i)},
                              {QStringLiteral("share"), shares.value(i)}};
    return {{QStringLiteral("values"), listed},
            {QStringLiteral("other"), shares.value(values.size())}};
}

QJsonObject binnedBaseline(const QJsonArray &edges, const QList<qint64> &counts)
{
    QJsonArray shares;
    for (double s : sharesOf(counts))
        shares << s;
    return {{QStringLiteral("edges"), edges}, {QStringLiteral("shares"), shares}};
}

double stabilityIndex(const QList<double> &baseline, const QList<double> &scan)
{
    double index = 0;
    for (int i = 0; i < baseline.size() && i < scan.size(); ++i) {
        const double b = qMax(baseline.at(i), kShareFloor);
        const double s = qMax(scan.at(i), kShareFloor);
        index += (s - b) * std::log(s / b);
    }
    return index;
}

double chanceAllowance(int freedom, qint64 baselineRecords, qint64 scanRecords)
{
    const double d = qMax(1, freedom);
    // Wilson and Hilferty: χ²(d) / d is nearly normal after a cube root.
    const double spread = 2.0 / (9.0 * d);
    const double quantile = d * std::pow(1.0 - spread + kChanceQuantileZ * std::sqrt(spread), 3);
    const double inverse = (baselineRecords > 0 ? 1.0 / double(baselineRecords) : 0.0) +
                           (scanRecords > 0 ? 1.0 / double(scanRecords) : 0.0);
    return quantile * inverse;
}

} // namespace distribution_shift

namespace rules::make {

using namespace check_sql;
using namespace distribution_shift;
namespace key = rule_key;
using P = PropertyType;
using T = RuleText;

namespace {

// At most this many of the largest moves are named in a message, and after the first only
// those of at least half a percentage point.
constexpr int kMovesNamed = 3;
constexpr double kLeastMoveNamed = 0.005;

// A share as a message shows it: whole percents from 10%, one decimal below ("0.4%").
QString percent(double share)
{
    const double p = share * 100.0;
    QString text = QString::number(p, 'f', p >= 9.95 ? 0 : 1);
    if (text.endsWith(QLatin1String(".0")))
        text.chop(2);
    return text + QLatin1Char('%');
}

QString edgeText(const QJsonValue &edge)
{
    return anomaly_messages::value(edge);
}

// Bin `i` in words: "'paid'", "other values", "values from 12.5 to below 40".
QString binLabel(const Baseline &b, int i)
{
    if (!b.binned()) {
        if (i >= b.values.size())
            return T::tr("other values");
        return QStringLiteral("'%1'").arg(anomaly_messages::value(b.values.at(i)));
    }
    if (i == 0)
        return T::tr("values below %1").arg(edgeText(b.edges.first()));
    if (i == b.bins() - 1)
        return T::tr("values of %1 or more").arg(edgeText(b.edges.last()));
    return T::tr("values from %1 to below %2")
        .arg(edgeText(b.edges.at(i - 1)), edgeText(b.edges.at(i)));
}

// The records of each bin, as readFigure keeps them in CheckCount::details.
QList<qint64> countsOf(const CheckCount &count)
{
    QList<qint64> out;
    for (const QString &d : count.details)
        out << d.toLongLong();
    return out;
}

qint64 baselineRecordsOf(const Check &c)
{
    return qMax<qint64>(0, propertyOf(c, key::kBaselineRecords).toVariant().toLongLong());
}

// What chance may add to the index for a scan of `scanRecords`.
double allowanceOf(const Check &c, const Baseline &b, qint64 scanRecords)
{
    return chanceAllowance(b.freedom(), baselineRecordsOf(c), scanRecords);
}

class DistributionShiftRule : public Rule
{
public:
    DistributionShiftRule()
        : Rule(shapeOnly(single(
              rule_name::kDistributionShift, T::tr("Distribution Shift"),
              T::tr("The shares of the field's values, or of its ranges between quartiles, stay "
                    "near a baseline measured from its profile."),
              {},
              {property(key::kBaseline, P::Json, true, T::tr("Baseline")),
               property(key::kBaselineRecords, P::Integer, false, T::tr("Baseline records")),
               property(key::kMaxShift, P::Number, false, T::tr("Maximum shift"),
                        kDefaultMaxShift)},
              "Consistency")))
    {
    }

    // After the asserted count, the records of each bin: a listed value (the "other" bin is
    // the rest, in readFigure), or a range between edges.
    void compile(RuleSql &s, CompiledCheck &out) const override
    {
        QString error;
        const std::optional<Baseline> b = readBaseline(s.prop(key::kBaseline), &error);
        if (!b) {
            s.fail(error);
            return;
        }
        const QString f = s.field();
        QList<SqlFragment> bins;
        if (!b->binned()) {
            for (const QJsonValue &v : b->values)
                bins << s.equalsValue(f, v);
        } else {
            const bool moments = b->edges.first().isString();
            if (moments ? !s.isTime(f) : !s.isNumeric(f)) {
                s.fail(moments ? T::tr("The baseline's edges are moments: %1 is no date or "
                                       "timestamp field.")
                                     .arg(f)
                               : T::tr("The baseline's edges are numbers: %1 is no number "
                                       "field.")
                                     .arg(f));
                return;
            }
            const SqlFragment x = moments ? s.time(f) : s.numeric(f);
            QList<SqlFragment> edges;
            for (const QJsonValue &e : b->edges)
                edges << (moments ? s.timeValue(e.toString())
                                  : s.numParam(e.toDouble(), s.family(f)));
            bins << fmt(QStringLiteral("%1 < %2"), {x, edges.first()});
            for (int i = 1; i < edges.size(); ++i)
                bins << fmt(QStringLiteral("%1 >= %2 AND %1 < %3"),
                            {x, edges.at(i - 1), edges.at(i)});
            bins << fmt(QStringLiteral("%1 >= %2"), {x, edges.last()});
        }
        out.form = CheckForm::Aggregate;
        out.aggregates << countAsserted(out);
        for (const SqlFragment &bin : bins)
            out.aggregates << fmt(QStringLiteral("COUNT(CASE WHEN %1 AND %2 THEN 1 END)"),
                                  {out.asserted, bin});
    }

    // observed: the index; details: the records of each bin in the baseline's order (a
    // category's "other" last), which the message and inference read back.
    void readFigure(const Check &c, const QVariantList &row, int at, CheckCount &out) const override
    {
        QString error;
        const std::optional<Baseline> b = readBaseline(propertyOf(c, key::kBaseline), &error);
        if (!b) {
            out.error = error;
            out.passed = false;
            return;
        }
        QList<qint64> counts;
        const int counted = b->binned() ? b->bins() : int(b->values.size());
        for (int i = 0; i < counted; ++i)
            counts << countOf(row.value(at + 1 + i));
        qint64 n = std::accumulate(counts.cbegin(), counts.cend(), qint64(0));
        if (!b->binned()) { // other: the asserted records no listed value holds
            counts << qMax<qint64>(0, out.asserted - n);
            n += counts.last();
        }
        for (qint64 k : counts)
            out.details << QString::number(k);
        // Records in no bin (a NaN) are not part of the figure; with none, nothing is judged.
        if (n <= 0)
            return;
        QList<double> shares;
        for (qint64 k : counts)
            shares << double(k) / double(n);
        const double index = stabilityIndex(b->shares, shares);
        out.observed = index;
        out.passed = index <= numberOf(c, key::kMaxShift) + allowanceOf(c, *b, n);
        out.failing = out.passed ? 0 : out.asserted;
    }

    QString validate(const Check &c) const override
    {
        QString error;
        if (!readBaseline(c.properties.value(key::kBaseline), &error))
            return error;
        if (numberOf(c, key::kMaxShift) < 0)
            return T::tr("The maximum shift is 0 or more.");
        return QString();
    }

    // "status: 'cancelled' went from 5% to 31% of the records, 'paid' from 60% to 40% (shift
    // 0.41, threshold 0.25)."
    QString figureMessage(const Check &c, const CheckCount &count) const override
    {
        const std::optional<Baseline> b = readBaseline(propertyOf(c, key::kBaseline), nullptr);
        const QList<qint64> counts = countsOf(count);
        const qint64 n = std::accumulate(counts.cbegin(), counts.cend(), qint64(0));
        if (!b || counts.size() != b->bins() || n <= 0)
            return Rule::figureMessage(c, count);
        QList<int> order(b->bins());
        std::iota(order.begin(), order.end(), 0);
        const auto move = [&](int i) { return double(counts.at(i)) / double(n) - b->shares.at(i); };
        std::stable_sort(order.begin(), order.end(),
                         [&](int x, int y) { return std::abs(move(x)) > std::abs(move(y)); });
        QStringList moves;
        for (int i : order) {
            if (moves.size() >= kMovesNamed ||
                (!moves.isEmpty() && std::abs(move(i)) < kLeastMoveNamed))
                break;
            const QString from = percent(b->shares.at(i)),
                          to = percent(double(counts.at(i)) / double(n));
            moves << (moves.isEmpty() ? T::tr("%1 went from %2 to %3 of the records")
                                      : T::tr("%1 from %2 to %3"))
                         .arg(binLabel(*b, i), from, to);
        }
        const double allowance = allowanceOf(c, *b, n);
        const double limit = numberOf(c, key::kMaxShift) + allowance;
        const QString shift = QString::number(count.observed.toDouble(), 'f', 2);
        const QString what = c.fields.join(QStringLiteral(", ")) + QStringLiteral(": ") +
                             moves.join(QStringLiteral(", "));
        if (allowance < 0.005)
            return T::tr("%1 (shift %2, threshold %3).")
                .arg(what, shift, QString::number(limit, 'f', 2));
        return T::tr("%1 (shift %2, threshold %3 with %4 for chance).")
            .arg(what, shift, QString::number(limit, 'f', 2), QString::number(allowance, 'f', 2));
    }
};

} // namespace

std::unique_ptr<Rule> DistributionShift()
{
    return std::make_unique<DistributionShiftRule>();
}

} // namespace rules::make

} // namespace assay
