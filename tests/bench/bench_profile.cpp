// Profile benchmark: a 1,000,000-row x 20-column table in SQLite and in PostgreSQL, profiled
// through the engine as the app does it, against one hand-written single-pass aggregate over
// every column (COUNT, MIN, MAX, SUM). Prints both times, their ratio, the table passes the
// profile reported and the peak memory of this process. Run with `make bench`.
#include "BenchSupport.h"
#include "secrets/CredentialStore.h"

using namespace assay;
using namespace assay::bench;

namespace {

QString baselineSql()
{
    QStringList parts{QStringLiteral("COUNT(*)")};
    for (int c = 1; c <= kColumns; ++c)
        parts << QStringLiteral("COUNT(c%1), MIN(c%1), MAX(c%1)").arg(c)
              << (c % 4 == 2 ? QStringLiteral("MAX(LENGTH(c%1))").arg(c)
                             : QStringLiteral("SUM(c%1)").arg(c));
    return QStringLiteral("SELECT %1 FROM wide").arg(parts.join(QStringLiteral(", ")));
}

// Sync then Profile through the engine; returns the profile's wall time.
double timedProfile(Catalog &catalog, qint64 datastore, QString *summary)
{
    CredentialStore credentials;
    OperationEngine engine(&catalog, &credentials, 1);
    runAndWait(engine, datastore, operation_type::kSync);
    QElapsedTimer t;
    t.start();
    // Profile alone (inference off): the figure compared with the single-pass aggregate.
    const qint64 id = runAndWait(engine, datastore, operation_type::kProfile,
                                 {{QStringLiteral("inference_threshold"), 0}});
    const double seconds = t.elapsed() / 1000.0;
    const auto op = catalog.operation(id);
    *summary = op ? QStringLiteral("%1; passes %2, queries %3")
                        .arg(op->status)
                        .arg(op->counters.value(QStringLiteral("table_passes")).toInt())
                        .arg(op->counters.value(QStringLiteral("queries")).toInt())
                  : QStringLiteral("?");
    return seconds;
}

} // namespace

int main(int argc, char **argv)
{
    return runWideBench(argc, argv, {"bench_profile", "profile", baselineSql(), timedProfile});
}
