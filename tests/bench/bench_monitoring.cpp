// Metadata-first monitoring against counting: how long reading a PostgreSQL table's volume and
// freshness from its statistics takes (app/monitoring/TableStatistics.h), against the COUNT(*)
// and MAX() that would read the table, on a table of ASSAY_BENCH_MONITOR_ROWS rows (default
// 10,000,000). The goal: statistics under 50 ms whatever the size.
#include "BenchSupport.h"
#include "app/monitoring/ContainerMeasure.h"
#include "app/monitoring/TableStatistics.h"

#include <QElapsedTimer>
#include <algorithm>
#include <cstdio>
#include <functional>

using namespace assay;
using namespace assay::bench;

namespace {

// Milliseconds of the fastest of `runs` calls: the machine's other work only ever adds time.
double bestMs(int runs, const std::function<bool()> &call)
{
    double best = -1;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        if (!call())
            return -1;
        const double ms = t.nsecsElapsed() / 1e6;
        best = best < 0 ? ms : std::min(best, ms);
    }
    return best;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const qint64 rows = qEnvironmentVariableIsSet("ASSAY_BENCH_MONITOR_ROWS")
                            ? qEnvironmentVariable("ASSAY_BENCH_MONITOR_ROWS").toLongLong()
                            : 10000000;
    QTemporaryDir dir;
    PrivateServers servers(dir);
    if (!servers.ok()) {
        std::fprintf(stderr, "bench_monitoring: the PostgreSQL server did not start\n");
        return 1;
    }
    QSqlDatabase db = servers.postgres(QStringLiteral("bench-monitoring"));
    QElapsedTimer load;
    load.start();
    // The writer's statistics reach the server when its session flushes them: forced here, as
    // a loading job's would be when it disconnects.
    if (!exec(db, QStringLiteral("CREATE TABLE events (id BIGINT, amount DOUBLE PRECISION, "
                                 "created_at TIMESTAMP)")) ||
        !exec(db, QStringLiteral("INSERT INTO events SELECT n, n * 0.5, TIMESTAMP '2026-01-01' "
                                 "+ n * INTERVAL '1 second' FROM generate_series(1, %1) n")
                      .arg(rows)) ||
        !exec(db, QStringLiteral("SELECT pg_stat_force_next_flush()")) ||
        !exec(db, QStringLiteral("VACUUM ANALYZE events")))
        return 1;
    db.close();
    db.open(); // a new session: the previous one's statistics are flushed
    std::printf("bench_monitoring: PostgreSQL table of %lld rows loaded in %.1f s\n",
                (long long)rows, load.elapsed() / 1000.0);

    const SqlDialect pg = SqlDialect::forFamily(SqlDialect::Family::PostgreSQL);
    monitoring::TableStatistics stats;
    QString error;
    const double statisticsMs = bestMs(5, [&] {
        return monitoring::readStatistics(db, pg, QStringLiteral("public"),
                                          QStringLiteral("events"), &stats, &error);
    });
    qint64 counted = -1;
    const double countMs = bestMs(3, [&] {
        counted = monitoring::countRecords(db, pg, QStringLiteral("public"),
                                           QStringLiteral("events"), &error);
        return counted >= 0;
    });
    QString newest;
    const double maxMs = bestMs(3, [&] {
        return monitoring::newestValue(db, pg, QStringLiteral("public"), QStringLiteral("events"),
                                       QStringLiteral("created_at"), &newest, &error);
    });
    if (!exec(db, QStringLiteral("CREATE INDEX events_created ON events (created_at)")))
        return 1;
    const double indexedMaxMs = bestMs(3, [&] {
        return monitoring::newestValue(db, pg, QStringLiteral("public"), QStringLiteral("events"),
                                       QStringLiteral("created_at"), &newest, &error);
    });
    // The whole measurement as an incremental scan takes it (the pass read part of the table).
    Container container;
    container.name = QStringLiteral("events");
    monitoring::MeasureTarget target{db, pg, QStringLiteral("public"), container, true, false};
    ContainerMeasurement measured;
    const double measureMs = bestMs(5, [&] {
        QStringList notes;
        measured =
            monitoring::measureContainer(target, {}, {}, QDateTime::currentDateTimeUtc(), &notes);
        return notes.isEmpty();
    });
    if (statisticsMs < 0 || countMs < 0 || maxMs < 0 || measureMs < 0) {
        std::fprintf(stderr, "bench_monitoring: %s\n", qPrintable(error));
        return 1;
    }
    std::printf("  statistics (records, size, change counter)  %8.2f ms  records %lld (exact: "
                "%lld), %lld MB\n",
                statisticsMs, (long long)stats.records, (long long)counted,
                (long long)(stats.sizeBytes / (1024 * 1024)));
    std::printf("  COUNT(*)                                     %8.2f ms\n", countMs);
    std::printf("  MAX(created_at), no index                    %8.2f ms\n", maxMs);
    std::printf("  MAX(created_at), indexed                     %8.2f ms\n", indexedMaxMs);
    std::printf("  whole measurement (statistics first)         %8.2f ms  volume from %s\n",
                measureMs, qPrintable(measured.volumeSource));
    std::printf("  statistics vs COUNT(*): %.0fx faster; goal under 50 ms: %s\n",
                countMs / qMax(0.001, statisticsMs), statisticsMs < 50 ? "met" : "NOT met");
    return 0;
}
