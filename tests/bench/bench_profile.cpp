// Profile benchmark: a 1,000,000-row x 20-column table in SQLite and in PostgreSQL, profiled
// through the engine as the app does it (at the default inference level, and without
// inference), against two hand-written single-pass aggregates over every column: COUNT, MIN,
// MAX and SUM (or the longest text); and those with every deviation and the shortest text (the
// figures Profile's first pass computes, except that on PostgreSQL it leaves the deviation of
// exact decimals to its sampled pass). Prints the times, the ratios, the table passes and
// queries the profile reported and the peak memory of this process. Run with `make bench`.
#include "BenchSupport.h"
#include "app/secrets/CredentialStore.h"

using namespace assay;
using namespace assay::bench;

namespace {

// COUNT, MIN, MAX and SUM (or the longest text) per column; with `everyFigure` also every
// column's variance (PostgreSQL's VAR_POP, SQLite's sum of squares) and the shortest text.
QString baselineSql(bool everyFigure, bool postgres)
{
    QStringList parts{QStringLiteral("COUNT(*)")};
    for (int c = 1; c <= kColumns; ++c) {
        parts << QStringLiteral("COUNT(c%1), MIN(c%1), MAX(c%1)").arg(c);
        const bool text = c % 4 == 2;
        if (text && everyFigure)
            parts << QStringLiteral("MIN(LENGTH(c%1)), MAX(LENGTH(c%1))").arg(c);
        else if (text)
            parts << QStringLiteral("MAX(LENGTH(c%1))").arg(c);
        else if (everyFigure && postgres)
            parts << QStringLiteral("SUM(c%1), VAR_POP(c%1)").arg(c);
        else if (everyFigure) // TOTAL: SQLite's SUM of integer squares overflows (an error)
            parts << QStringLiteral("SUM(c%1), TOTAL(c%1 * c%1)").arg(c);
        else
            parts << QStringLiteral("SUM(c%1)").arg(c);
    }
    return QStringLiteral("SELECT %1 FROM wide").arg(parts.join(QStringLiteral(", ")));
}

QString figures(const Catalog &catalog, qint64 id)
{
    const auto op = catalog.operation(id);
    if (!op)
        return QStringLiteral("?");
    return QStringLiteral("%1; passes %2, queries %3")
        .arg(op->status)
        .arg(op->counters.value(QStringLiteral("table_passes")).toInt())
        .arg(op->counters.value(QStringLiteral("queries")).toInt());
}

// Sync, then Profile through the engine without inference and at the default level; returns
// the default profile's wall time.
double timedProfile(Catalog &catalog, qint64 datastore, QString *summary)
{
    CredentialStore credentials;
    OperationEngine engine(&catalog, &credentials, 1);
    runAndWait(engine, datastore, operation_type::kSync);
    QElapsedTimer t;
    t.start();
    const qint64 alone = runAndWait(engine, datastore, operation_type::kProfile,
                                    {{QStringLiteral("inference_threshold"), 0}});
    const double aloneSeconds = t.elapsed() / 1000.0;
    t.restart();
    const qint64 inferred = runAndWait(engine, datastore, operation_type::kProfile);
    const double seconds = t.elapsed() / 1000.0;
    *summary = QStringLiteral("inference level 2: %1; without inference %2 s: %3")
                   .arg(figures(catalog, inferred))
                   .arg(aloneSeconds, 0, 'f', 2)
                   .arg(figures(catalog, alone));
    return seconds;
}

} // namespace

int main(int argc, char **argv)
{
    return runWideBench(
        argc, argv,
        {"bench_profile",
         "profile",
         {{"COUNT, MIN, MAX, SUM", baselineSql(false, false)},
          {"with every deviation", baselineSql(true, false), baselineSql(true, true)}},
         timedProfile});
}
