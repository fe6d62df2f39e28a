#pragma once

// The distribution-shift cases of tst_checkcompiler, run on SQLite, PostgreSQL and MariaDB:
// the rule's figures against the populations and the independent index of
// tst_distribution_data.h.

#include "app/checks/AnomalyMessages.h"
#include "app/checks/CheckCompiler.h"
#include "app/checks/RuleCatalog.h"
#include "tst_distribution_data.h"
#include "tst_scan_data.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

namespace distribution_data {

using scan_data::check;

// distributionShift against baselines learned here from one seeded draw of 5,000 records:
// a fresh draw of the same population passes (draws of 50 and 20 records too: the threshold
// allows for chance), a category moving from 5% to 30% and a measure whose mean moves by one
// standard deviation fail, and every index equals the one computed here from the same rows.
inline void distributionShiftCases(QSqlDatabase db, const SqlDialect &d, const QString &schema)
{
    namespace dd = distribution_data;
    const QVector<dd::Row> learned = dd::draw(11, dd::kRecords, 0.05, 100);
    const QVector<dd::Row> fresh = dd::draw(12, dd::kRecords, 0.05, 100);
    const QVector<dd::Row> shifted = dd::draw(13, dd::kRecords, 0.30, 115);
    for (const auto &[table, rows] :
         {std::pair{"dist_learned", learned}, std::pair{"dist_fresh", fresh},
          std::pair{"dist_shifted", shifted}})
        QVERIFY(dd::create(db, d, schema, QLatin1String(table), rows));

    // The baselines, from the learned rows: status's shares, amount's quartile ranges (the
    // quartiles are values of the rows: ties at the edges count), day's quarters of 2024.
    const QList<double> statusShares = dd::sharesOf(dd::statusCounts(learned));
    QJsonArray values;
    for (int i = 0; i < dd::statuses().size(); ++i)
        values << QJsonObject{{"value", dd::statuses().at(i)}, {"share", statusShares.at(i)}};
    const QList<double> quartiles = dd::amountQuartiles(learned);
    const auto amount = [](const dd::Row &r) { return r.amount; };
    const QList<double> amountShares = dd::sharesOf(dd::binCounts(learned, quartiles, amount));
    const QList<QDate> quarters{QDate(2024, 4, 1), QDate(2024, 7, 1), QDate(2024, 10, 1)};
    const auto day = [](const dd::Row &r) { return r.day; };
    const QList<double> dayShares = dd::sharesOf(dd::binCounts(learned, quarters, day));
    const auto array = [](const auto &list) {
        QJsonArray out;
        for (const auto &v : list)
            out << QJsonValue::fromVariant(QVariant::fromValue(v));
        return out;
    };
    QJsonArray dayEdges;
    for (const QDate &q : quarters)
        dayEdges << q.toString(Qt::ISODate);
    const QList<Check> checks{
        check("distributionShift", {"status"},
              {{"baseline", QJsonObject{{"values", values}, {"other", statusShares.last()}}},
               {"baseline_records", dd::kRecords}}),
        check("distributionShift", {"amount"},
              {{"baseline",
                QJsonObject{{"edges", array(quartiles)}, {"shares", array(amountShares)}}},
               {"baseline_records", dd::kRecords}}),
        check("distributionShift", {"day"},
              {{"baseline", QJsonObject{{"edges", dayEdges}, {"shares", array(dayShares)}}},
               {"baseline_records", dd::kRecords}})};
    CheckSqlContext ctx;
    ctx.dialect = d;
    ctx.schema = schema;
    ctx.orderField = QStringLiteral("id");
    ctx.fieldTypes = {{QStringLiteral("id"), TypeFamily::Integral},
                      {QStringLiteral("status"), TypeFamily::String},
                      {QStringLiteral("amount"), typeFamily(dd::declaredAmount(d))},
                      {QStringLiteral("day"), TypeFamily::Date}};
    for (const Check &k : checks)
        QCOMPARE(rules::validate(k, ctx.fieldTypes), QString());

    // Per table: the rows read, whether status and amount should pass (day is not judged).
    struct Run
    {
        const char *table;
        QVector<dd::Row> rows;
        bool passes;
    };
    const QList<Run> runs{{"dist_learned", learned, true},
                          {"dist_fresh", fresh, true},
                          {"dist_fresh", fresh.mid(0, 50), true},
                          {"dist_fresh", fresh.mid(0, 20), true},
                          {"dist_shifted", shifted, false}};
    for (const Run &run : runs) {
        ctx.table = QLatin1String(run.table);
        QString error;
        const QList<CheckCount> counts = countFailures(
            db, checks, ctx, run.rows.size() < dd::kRecords ? run.rows.size() : 0, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QList<QList<qint64>> expected{dd::statusCounts(run.rows),
                                            dd::binCounts(run.rows, quartiles, amount),
                                            dd::binCounts(run.rows, quarters, day)};
        const QList<QList<double>> baselines{statusShares, amountShares, dayShares};
        for (int i = 0; i < checks.size(); ++i) {
            const CheckCount &n = counts.at(i);
            const QString what = QStringLiteral("%1 %2 on %3 rows: %4")
                                     .arg(run.table, checks.at(i).fields.first())
                                     .arg(run.rows.size())
                                     .arg(n.error);
            QVERIFY2(n.error.isEmpty(), qPrintable(what));
            QCOMPARE(n.asserted, qint64(run.rows.size()));
            QStringList details;
            for (qint64 k : expected.at(i))
                details << QString::number(k);
            QCOMPARE(n.details, details);
            const double index = dd::stabilityIndex(baselines.at(i), expected.at(i));
            QVERIFY2(std::abs(n.observed.toDouble() - index) < 1e-9,
                     qPrintable(what + QStringLiteral(" index %1, expected %2")
                                           .arg(n.observed.toDouble(), 0, 'g', 17)
                                           .arg(index, 0, 'g', 17)));
            if (i == 2)
                continue;
            QVERIFY2(n.passed == run.passes, qPrintable(what));
            QCOMPARE(n.failing, run.passes ? 0 : n.asserted);
            // A large fresh draw is well inside the maximum; a shift well beyond it.
            if (run.rows.size() == dd::kRecords)
                QVERIFY2(run.passes ? index < 0.02 : index > 0.4, qPrintable(what));
        }
        // 20 records of the same population: one that holds no cancelled order already
        // scores above the maximum shift, which the allowance for chance keeps quiet.
        if (run.rows.size() == 20)
            QVERIFY(counts.at(0).observed.toDouble() > 0.25 && counts.at(0).passed);
        qInfo("%s, %d records: status %.5f, amount %.5f, day %.5f", run.table, int(run.rows.size()),
              counts.at(0).observed.toDouble(), counts.at(1).observed.toDouble(),
              counts.at(2).observed.toDouble());
        if (!run.passes) {
            const QString message = anomaly_messages::figureMessage(checks.first(), counts.first());
            // The largest moves first, then the index against its threshold.
            static const QRegularExpression words(QStringLiteral(
                "^status: 'cancelled' went from [45](\\.\\d)?% to 3\\d% of the records, 'new' "
                "from 3\\d% to 2\\d%, .* \\(shift 0\\.5\\d, threshold 0\\.26 with 0\\.01 for "
                "chance\\)\\.$"));
            QVERIFY2(words.match(message).hasMatch(), qPrintable(message));
            qInfo("%s", qPrintable(message));
        }
    }

    // Show SQL runs as it reads (values inlined) and counts the same records per bin.
    ctx.table = QStringLiteral("dist_learned");
    for (int i = 0; i < checks.size(); ++i) {
        QSqlQuery q(db);
        QVERIFY2(q.exec(displaySql(checks.at(i), ctx)) && q.next(),
                 qPrintable(q.lastError().text()));
        const QList<qint64> bins = i == 0   ? dd::statusCounts(learned)
                                   : i == 1 ? dd::binCounts(learned, quartiles, amount)
                                            : dd::binCounts(learned, quarters, day);
        QCOMPARE(q.value(0).toLongLong(), qint64(dd::kRecords));
        for (int b = 0; b < bins.size() - (i == 0 ? 1 : 0); ++b) // status: other is the rest
            QCOMPARE(q.value(1 + b).toLongLong(), bins.at(b));
    }

    // What a check cannot hold is said when it is saved, or when it compiles.
    const auto withBaseline = [&](const QString &field, const QJsonObject &baseline) {
        return check("distributionShift", {field}, {{"baseline", baseline}});
    };
    const auto problem = [&](const Check &k) { return rules::validate(k, ctx.fieldTypes); };
    QVERIFY(
        problem(withBaseline("status",
                             {{"values", QJsonArray{QJsonObject{{"value", "a"}, {"share", 0.5}}}}}))
            .contains(QStringLiteral("50.0%")));
    QVERIFY(problem(withBaseline("amount", {{"edges", QJsonArray{2, 1}},
                                            {"shares", QJsonArray{0.3, 0.3, 0.4}}}))
                .contains(QStringLiteral("increase")));
    QVERIFY(problem(withBaseline("amount", {{"edges", QJsonArray{1}}, {"shares", QJsonArray{1}}}))
                .contains(QStringLiteral("2 shares")));
    QVERIFY(
        problem(withBaseline("status",
                             {{"values", QJsonArray{QJsonObject{{"value", "a"}, {"share", 0.5}},
                                                    QJsonObject{{"value", "a"}, {"share", 0.5}}}}}))
            .contains(QStringLiteral("twice")));
    QVERIFY(!problem(check("distributionShift", {"status"}, {{"baseline", "{}"}})).isEmpty());
    const CompiledCheck textBins = compileCheck(
        withBaseline("status", {{"edges", QJsonArray{1}}, {"shares", QJsonArray{0.5, 0.5}}}), ctx);
    QVERIFY2(textBins.error.contains(QStringLiteral("no number field")),
             qPrintable(textBins.error));
}

} // namespace distribution_data
