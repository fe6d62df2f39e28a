// Scan benchmark: a 1,000,000-row x 20-column table in SQLite and in PostgreSQL with 40 active
// checks (two per column), scanned through the engine as the app does it, against one
// hand-written single-pass aggregate counting the same 40 conditions. Prints both times, their
// ratio, the queries and table passes the scan reported and the peak memory of this process.
// Run with `make bench`.
#include "BenchSupport.h"
#include "app/secrets/CredentialStore.h"

#include <QJsonObject>

using namespace assay;
using namespace assay::bench;

namespace {

// Two checks per column, by the column's kind (see columns()), and the same conditions written
// by hand for the baseline: {rule, properties, hand-written failing condition}.
struct BenchCheck
{
    QString rule;
    QJsonObject properties;
    QString failing;
};

QList<QPair<int, BenchCheck>> benchChecks()
{
    QList<QPair<int, BenchCheck>> out;
    for (int c = 1; c <= kColumns; ++c) {
        const QString f = QStringLiteral("c%1").arg(c);
        switch (c % 4) {
        case 0:
            out << qMakePair(c, BenchCheck{QStringLiteral("notNull"), {}, f + " IS NULL"});
            out << qMakePair(
                c, BenchCheck{QStringLiteral("between"),
                              {{"min", 0}, {"max", 1e12}},
                              f + " IS NOT NULL AND NOT (" + f + " >= 0 AND " + f + " <= 1e12)"});
            break;
        case 1:
            out << qMakePair(
                c, BenchCheck{QStringLiteral("between"),
                              {{"min", 0}, {"max", 1000}},
                              f + " IS NOT NULL AND NOT (" + f + " >= 0 AND " + f + " <= 1000)"});
            out << qMakePair(c, BenchCheck{QStringLiteral("maxValue"),
                                           {{"value", 1500}},
                                           f + " IS NOT NULL AND NOT (" + f + " <= 1500)"});
            break;
        case 2:
            out << qMakePair(c, BenchCheck{QStringLiteral("maxLength"),
                                           {{"value", 3}},
                                           f + " IS NOT NULL AND NOT (LENGTH(" + f + ") <= 3)"});
            out << qMakePair(c, BenchCheck{QStringLiteral("minLength"),
                                           {{"value", 2}},
                                           f + " IS NOT NULL AND NOT (LENGTH(" + f + ") >= 2)"});
            break;
        default:
            out << qMakePair(
                c, BenchCheck{QStringLiteral("between"),
                              {{"min", 0}, {"max", 5}},
                              f + " IS NOT NULL AND NOT (" + f + " >= 0 AND " + f + " <= 5)"});
            out << qMakePair(c, BenchCheck{QStringLiteral("positive"),
                                           {},
                                           f + " IS NOT NULL AND NOT (" + f + " > 0)"});
        }
    }
    return out;
}

QString baselineSql()
{
    QStringList parts{QStringLiteral("COUNT(*)")};
    for (const auto &[column, check] : benchChecks())
        parts << QStringLiteral("SUM(CASE WHEN %1 THEN 1 ELSE 0 END)").arg(check.failing);
    return QStringLiteral("SELECT %1 FROM wide").arg(parts.join(QStringLiteral(", ")));
}

// Sync, add the 40 checks (the first time), then Scan through the engine; returns the scan's
// wall time.
double timedScan(Catalog &catalog, qint64 datastore, QString *summary)
{
    CredentialStore credentials;
    OperationEngine engine(&catalog, &credentials, 1);
    runAndWait(engine, datastore, operation_type::kSync);
    const Container wide = catalog.containers(datastore).first();
    CheckQuery existing;
    existing.datastoreId = datastore;
    const bool added = !catalog.checks(existing).isEmpty();
    for (const auto &[column, b] : added ? QList<QPair<int, BenchCheck>>() : benchChecks()) {
        Check c;
        c.datastoreId = datastore;
        c.containerId = wide.id;
        c.rule = b.rule;
        c.fields = QStringList{QStringLiteral("c%1").arg(column)};
        c.properties = b.properties;
        c.filter = QStringLiteral("");
        c.description = QStringLiteral("");
        if (!catalog.addCheck(c))
            std::fprintf(stderr, "check: %s\n", qPrintable(catalog.lastError()));
    }
    QElapsedTimer t;
    t.start();
    const qint64 id = runAndWait(engine, datastore, operation_type::kScan);
    const double seconds = t.elapsed() / 1000.0;
    const auto op = catalog.operation(id);
    *summary = op ? QStringLiteral("%1; %2 checks, passes %3, queries %4, anomalies %5")
                        .arg(op->status)
                        .arg(benchChecks().size())
                        .arg(op->counters.value(QStringLiteral("table_passes")).toInt())
                        .arg(op->counters.value(QStringLiteral("queries")).toInt())
                        .arg(op->counters.value(QStringLiteral("anomalies_identified")).toInt())
                  : QStringLiteral("?");
    if (op && op->status != QLatin1String("success"))
        std::fprintf(stderr, "scan: %s\n", qPrintable(op->message));
    return seconds;
}

} // namespace

int main(int argc, char **argv)
{
    return runWideBench(argc, argv,
                        {"bench_scan", "scan", {{"the 40 conditions", baselineSql()}}, timedScan});
}
