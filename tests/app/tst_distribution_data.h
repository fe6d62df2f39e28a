#pragma once

// The populations of the distribution-shift tests: seeded draws of records with a category
// (status), a normal measure (amount) and a date (day), written into SQLite, PostgreSQL or
// MariaDB, and the population stability index of their shares computed here, independently of
// the rule's SQL and arithmetic.

#include "app/connectors/SqlDialect.h"

#include <QDate>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QVector>
#include <algorithm>
#include <cmath>

namespace distribution_data {

using namespace assay;

constexpr int kRecords = 5000;

// A small deterministic generator (SplitMix64): the same seed gives the same rows everywhere.
class Draw
{
public:
    explicit Draw(quint64 seed) : m_state(seed) {}
    quint64 next()
    {
        quint64 z = (m_state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    double uniform() { return double(next() >> 11) / double(1ULL << 53); }
    double normal() // Box-Muller
    {
        const double u = std::max(uniform(), 1e-12), v = uniform();
        return std::sqrt(-2.0 * std::log(u)) * std::cos(2.0 * M_PI * v);
    }

private:
    quint64 m_state;
};

struct Row
{
    int id = 0;
    QString status;
    double amount = 0; // two decimals, so the databases store the very double drawn here
    QDate day;
};

inline const QStringList &statuses()
{
    static const QStringList names{QStringLiteral("cancelled"), QStringLiteral("new"),
                                   QStringLiteral("paid"), QStringLiteral("shipped")};
    return names;
}

// `rows` records of a population: `cancelled` of them cancelled, the rest new, paid and shipped
// as 35 : 40 : 20; amounts normal around `mean` with a deviation of 15; days uniform over 2024.
inline QVector<Row> draw(quint64 seed, int rows, double cancelled, double mean)
{
    Draw d(seed);
    const double rest = (1.0 - cancelled) / 0.95;
    const double cumulative[] = {cancelled, cancelled + 0.35 * rest, cancelled + 0.75 * rest};
    QVector<Row> out;
    for (int i = 1; i <= rows; ++i) {
        Row r;
        r.id = i;
        const double u = d.uniform();
        r.status = statuses().at(u < cumulative[0]   ? 0
                                 : u < cumulative[1] ? 1
                                 : u < cumulative[2] ? 2
                                                     : 3);
        r.amount = std::round((mean + 15.0 * d.normal()) * 100.0) / 100.0;
        r.day = QDate(2024, 1, 1).addDays(qint64(d.uniform() * 366));
        out << r;
    }
    return out;
}

inline QString declaredAmount(const SqlDialect &d)
{
    switch (d.family()) {
    case SqlDialect::Family::SQLite:
        return QStringLiteral("REAL");
    case SqlDialect::Family::MySQL:
        return QStringLiteral("DOUBLE");
    default:
        return QStringLiteral("DOUBLE PRECISION");
    }
}

// Creates `table` (id, status, amount, day) and writes `rows`, 500 to a statement.
inline bool create(QSqlDatabase db, const SqlDialect &d, const QString &schema,
                   const QString &table, const QVector<Row> &rows)
{
    const QString t = d.table(schema, table);
    QSqlQuery q(db);
    q.exec(QStringLiteral("DROP TABLE IF EXISTS %1").arg(t));
    if (!q.exec(QStringLiteral("CREATE TABLE %1 (id INTEGER, status VARCHAR(12), amount %2, day "
                               "DATE)")
                    .arg(t, declaredAmount(d)))) {
        qWarning("%s", qPrintable(q.lastError().text()));
        return false;
    }
    for (int first = 0; first < rows.size(); first += 500) {
        QStringList values;
        for (const Row &r : rows.mid(first, 500))
            values << QStringLiteral("(%1, '%2', %3, '%4')")
                          .arg(r.id)
                          .arg(r.status)
                          .arg(r.amount, 0, 'f', 2)
                          .arg(r.day.toString(Qt::ISODate));
        if (!q.exec(QStringLiteral("INSERT INTO %1 VALUES %2")
                        .arg(t, values.join(QStringLiteral(", "))))) {
            qWarning("%s", qPrintable(q.lastError().text()));
            return false;
        }
    }
    return true;
}

// Records per status, in statuses() order, then those of any other status.
inline QList<qint64> statusCounts(const QVector<Row> &rows)
{
    QList<qint64> counts(statuses().size() + 1, 0);
    for (const Row &r : rows) {
        const qsizetype i = statuses().indexOf(r.status);
        ++counts[i < 0 ? statuses().size() : i];
    }
    return counts;
}

// Records per range: below edges[0], from edges[i - 1] to below edges[i], from the last up.
template <typename T, typename Value>
QList<qint64> binCounts(const QVector<Row> &rows, const QList<T> &edges, Value value)
{
    QList<qint64> counts(edges.size() + 1, 0);
    for (const Row &r : rows) {
        const T v = value(r);
        qsizetype bin = 0;
        while (bin < edges.size() && v >= edges.at(bin))
            ++bin;
        ++counts[bin];
    }
    return counts;
}

inline QList<double> sharesOf(const QList<qint64> &counts)
{
    qint64 n = 0;
    for (qint64 c : counts)
        n += c;
    QList<double> out;
    for (qint64 c : counts)
        out << double(c) / double(n);
    return out;
}

// The population stability index of `scan` (records per bin) against `baseline` (shares, scaled
// to add up to 1), each share floored at one in 10,000: Σ (s − b) · ln(s / b).
inline double stabilityIndex(QList<double> baseline, const QList<qint64> &scan)
{
    double sum = 0;
    for (double b : baseline)
        sum += b;
    const QList<double> s = sharesOf(scan);
    double index = 0;
    for (int i = 0; i < baseline.size(); ++i) {
        const double b = std::max(baseline.at(i) / sum, 1e-4), x = std::max(s.at(i), 1e-4);
        index += (x - b) * std::log(x / b);
    }
    return index;
}

// The quartiles of `rows`' amounts: the values at a quarter, half and three quarters.
inline QList<double> amountQuartiles(const QVector<Row> &rows)
{
    QList<double> amounts;
    for (const Row &r : rows)
        amounts << r.amount;
    std::sort(amounts.begin(), amounts.end());
    const qsizetype n = amounts.size();
    return {amounts.at(n / 4), amounts.at(n / 2), amounts.at(3 * n / 4)};
}

} // namespace distribution_data
