// Expected Values lists read from every row in scope (measureValueLists): the same data always
// gives the same list, and a rare value cannot hide outside a sample.
#include "app/checks/CheckInference.h"
#include "app/checks/RuleNames.h"
#include "app/connectors/FieldTypes.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QSqlQuery>
#include <algorithm>

namespace assay::inference {

namespace {

struct InferenceValuesText
{
    Q_DECLARE_TR_FUNCTIONS(assay::CheckInference)
};

// The share of the records the most frequent values must make up to become a level-5 shape.
constexpr double kShapeShare = 0.9;

struct ValueCount
{
    QString value;
    qint64 count = 0;
};

// A field's values by count, then value, at most kMaxExpectedValues + 1 of them.
bool readValueCounts(QSqlDatabase db, const QString &field, const CheckSqlContext &everyRow,
                     QList<ValueCount> *out, QString *error)
{
    const SqlDialect &d = everyRow.dialect;
    const QString column = d.quote(field);
    // Text as it is (the list is compared as text); other types as the rule compares them.
    const QString value =
        everyRow.fieldTypes.value(field) == TypeFamily::String ? column : d.toText(column);
    const SqlFragment rows = sourceRelation(everyRow);
    const SqlFragment sql{
        d.limit(QStringLiteral("SELECT v, n FROM (SELECT %1 AS v, COUNT(*) AS n FROM %2 WHERE %3 "
                               "IS NOT NULL GROUP BY %1) assay_values ORDER BY n DESC, v")
                    .arg(value, rows.sql, column),
                kMaxExpectedValues + 1),
        rows.values};
    QSqlQuery q(db);
    if (!execFragment(q, sql, error))
        return false;
    while (q.next())
        *out << ValueCount{q.value(0).toString(), q.value(1).toLongLong()};
    return true;
}

bool holdsDigits(const QString &value)
{
    return std::any_of(value.cbegin(), value.cend(), [](QChar c) { return c.isDigit(); });
}

QJsonArray sortedList(QList<ValueCount> values, bool numeric)
{
    std::sort(values.begin(), values.end(), [numeric](const ValueCount &a, const ValueCount &b) {
        if (numeric && a.value.toDouble() != b.value.toDouble())
            return a.value.toDouble() < b.value.toDouble();
        return a.value < b.value;
    });
    QJsonArray list;
    for (const ValueCount &v : values)
        list << v.value;
    return list;
}

// Decides the candidate from its field's counts: a whole list, a level-5 shape, or nothing.
// `sampled`: the counts come from a sample of the rows.
bool decide(InferenceCandidate &c, const QList<ValueCount> &values, bool numeric, bool sampled)
{
    Check &check = c.alternatives.first();
    const int n = int(values.size());
    if (n == 0)
        return false;
    qint64 counted = 0, once = 0;
    for (const ValueCount &v : values) {
        counted += v.count;
        once += v.count == 1 ? 1 : 0;
    }
    const bool codes = n > kMaxLevel1Values &&
                       std::all_of(values.cbegin(), values.cend(),
                                   [](const ValueCount &v) { return holdsDigits(v.value); });
    const bool listable = n <= kMaxExpectedValues && once == 0 && !codes &&
                          counted >= qint64(kRecordsPerListedValue) * n &&
                          (!sampled || c.distinctValues <= n);
    if (listable) {
        check.properties.insert(rule_key::kList, sortedList(values, numeric));
        check.inferenceLevel = n <= kMaxLevel1Values ? 1 : 2;
        check.description =
            InferenceValuesText::tr("%1 takes one of the %n value(s) read.", nullptr, n)
                .arg(check.fields.value(0));
        return true;
    }
    if (!c.shapeable || c.nonNull <= 0)
        return false;
    // Level 5: the most frequent values that make up most of the records read.
    qint64 covered = 0;
    int top = 0;
    const qint64 read = sampled ? counted : c.nonNull;
    while (top < n && double(covered) < kShapeShare * double(read))
        covered += values.at(top++).count;
    const double share = double(covered) / double(read);
    const double coverage = shapeCoverage(share);
    if (coverage <= 0 || 2 * qint64(top) > read || top > kMaxExpectedValues)
        return false;
    check.properties.insert(rule_key::kList, sortedList(values.mid(0, top), numeric));
    check.coverage = coverage;
    check.inferenceLevel = 5;
    check.description = InferenceValuesText::tr("%1 mostly takes one of %n value(s): %2% of the "
                                                "records read.",
                                                nullptr, top)
                            .arg(check.fields.value(0))
                            .arg(qRound(share * 100));
    return true;
}

} // namespace

int measureValueLists(QSqlDatabase db, QList<InferenceCandidate> &candidates,
                      const CheckSqlContext &rows, QString *error)
{
    int queries = 0;
    for (int i = candidates.size() - 1; i >= 0; --i) {
        InferenceCandidate &c = candidates[i];
        if (!c.listsValues || c.measured)
            continue;
        const QString field = c.alternatives.first().fields.value(0);
        QList<ValueCount> values;
        ++queries;
        if (!readValueCounts(db, field, rows, &values, error))
            return queries;
        const bool numeric = rows.fieldTypes.value(field) == TypeFamily::Integral;
        if (decide(c, values, numeric, rows.sample.active()))
            c.measured = true;
        else
            candidates.removeAt(i);
    }
    return queries;
}

} // namespace assay::inference
