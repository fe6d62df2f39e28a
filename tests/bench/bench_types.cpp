// Every type measured at speed: a 1,000,000-row x 20-column PostgreSQL table mixing uuid,
// jsonb, json, text[], int[], timestamptz, numeric, text, inet, boolean and date, profiled
// (without inference and at the default level) and scanned (the checks that level inferred)
// through the engine, against one hand-written aggregate pass over the same columns: COUNT and
// what each type allows (MIN/MAX, the uuid's text, lengths of text, JSON text and arrays, SUM).
// Prints the times and the ratios. Run with `make bench`.
#include "BenchSupport.h"
#include "app/secrets/CredentialStore.h"

using namespace assay;
using namespace assay::bench;

namespace {

const char *const kTable =
    "CREATE TABLE mixed AS SELECT n AS id, md5(n::text)::uuid AS u, "
    "jsonb_build_object('n', n, 'k', 'key' || (n % 100)) AS j, "
    "ARRAY['a' || (n % 10), 'b' || (n % 7)] AS ta, "
    "timestamptz '2024-01-01 00:00:00+00' + n * interval '1 minute' AS ts, "
    "((n % 10000) / 100.0)::numeric(12,2) AS amt, 'name' || (n % 5000) AS txt, "
    "(n % 1000)::int AS i, (n * 0.37)::double precision AS dbl, n % 3 = 0 AS flag, "
    "date '2020-01-01' + (n % 2000) AS d, md5((n % 50000)::text)::uuid AS u2, "
    "jsonb_build_array(n % 10, n % 3) AS j2, ARRAY[n % 5, n % 9, n % 2] AS ia, "
    "timestamptz '2024-01-01 00:00:00+00' + (n % 4000) * interval '1 hour' AS ts2, "
    "(n % 997)::numeric AS amt2, ('code-' || (n % 300))::varchar(40) AS txt2, "
    "(n % 100000)::int AS i2, ('10.' || (n % 250) || '.' || (n % 200) || '.1')::inet AS ip, "
    "json_build_object('v', n % 20) AS js FROM generate_series(1, %1) AS n";

// One pass over every column, as a person would write it for these types.
QString baseline()
{
    QStringList p{QStringLiteral("COUNT(*)")};
    for (const char *c : {"id", "i", "i2", "amt", "amt2", "dbl"})
        p << QStringLiteral("COUNT(%1), MIN(%1), MAX(%1), SUM(%1)").arg(QLatin1String(c));
    for (const char *c : {"ts", "ts2", "d", "ip"})
        p << QStringLiteral("COUNT(%1), MIN(%1), MAX(%1)").arg(QLatin1String(c));
    for (const char *c : {"u", "u2"})
        p << QStringLiteral("COUNT(%1), MIN(%1::text), MAX(%1::text)").arg(QLatin1String(c));
    for (const char *c : {"txt", "txt2"})
        p << QStringLiteral("COUNT(%1), MIN(%1), MAX(%1), MIN(LENGTH(%1)), MAX(LENGTH(%1))")
                 .arg(QLatin1String(c));
    for (const char *c : {"j", "j2", "js"})
        p << QStringLiteral("COUNT(%1), MIN(LENGTH(%1::text)), MAX(LENGTH(%1::text))")
                 .arg(QLatin1String(c));
    for (const char *c : {"ta", "ia"})
        p << QStringLiteral("COUNT(%1), MIN(%1), MAX(%1), MIN(CARDINALITY(%1)), "
                            "MAX(CARDINALITY(%1))")
                 .arg(QLatin1String(c));
    p << QStringLiteral("COUNT(flag)");
    return QStringLiteral("SELECT %1 FROM mixed").arg(p.join(QStringLiteral(", ")));
}

double timed(OperationEngine &engine, qint64 ds, const QString &type, const QJsonObject &options,
             Catalog &catalog, QString *status)
{
    QElapsedTimer t;
    t.start();
    const qint64 id = runAndWait(engine, ds, type, options);
    const double seconds = t.elapsed() / 1000.0;
    const auto op = catalog.operation(id);
    *status = op ? QStringLiteral("%1; passes %2, queries %3")
                       .arg(op->status)
                       .arg(op->counters.value(QStringLiteral("table_passes")).toInt())
                       .arg(op->counters.value(QStringLiteral("queries")).toInt())
                 : QStringLiteral("?");
    return seconds;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    PrivateServers servers(dir);
    if (!servers.ok()) {
        std::fprintf(stderr, "bench_types: PostgreSQL could not start\n");
        return 1;
    }
    QSqlDatabase db = servers.postgres(QStringLiteral("pg"));
    QElapsedTimer t;
    t.start();
    exec(db, QString::fromLatin1(kTable).arg(kRows));
    exec(db, QStringLiteral("VACUUM ANALYZE mixed"));
    std::printf("bench_types: PostgreSQL table of %d rows x 20 mixed columns made in %.1f s\n",
                kRows, t.elapsed() / 1000.0);

    Catalog catalog;
    if (!catalog.open(dir.filePath(QStringLiteral("catalog.sqlite"))))
        qFatal("%s", qPrintable(catalog.lastError()));
    const qint64 ds = addDatastore(catalog, servers.postgresConnection(), QStringLiteral("public"));
    CredentialStore credentials;
    OperationEngine engine(&catalog, &credentials, 1);
    runAndWait(engine, ds, operation_type::kSync);

    double profile0 = 0, profile2 = 0, scan = 0;
    QString status0, status2, statusScan;
    for (int run = 0; run < kRuns; ++run) {
        const double a = timed(engine, ds, operation_type::kProfile,
                               {{QStringLiteral("inference_threshold"), 0}}, catalog, &status0);
        const double b = timed(engine, ds, operation_type::kProfile, {}, catalog, &status2);
        const double c = timed(engine, ds, operation_type::kScan, {}, catalog, &statusScan);
        profile0 = run ? qMin(profile0, a) : a;
        profile2 = run ? qMin(profile2, b) : b;
        scan = run ? qMin(scan, c) : c;
    }
    const double base = timedBaseline(db, baseline());
    std::printf("PostgreSQL hand-written single pass over the 20 columns: %6.2f s\n", base);
    std::printf("PostgreSQL profile, no inference: %6.2f s   ratio %.2f   (%s)\n", profile0,
                profile0 / base, qPrintable(status0));
    std::printf("PostgreSQL profile, inference level 2: %6.2f s   ratio %.2f   (%s)\n", profile2,
                profile2 / base, qPrintable(status2));
    std::printf("PostgreSQL scan of the inferred checks: %6.2f s   ratio %.2f   (%s)\n", scan,
                scan / base, qPrintable(statusScan));
    int fallbacks = 0;
    for (const FieldProfile &p : catalog.latestFieldProfiles(catalog.containers(ds).value(0).id))
        fallbacks += p.note.contains(QLatin1String("completeness only")) ? 1 : 0;
    std::printf("fields measured for completeness only: %d of 20\n", fallbacks);
    std::printf("peak memory of this process: %ld MB\n", peakMemoryMb());
    db.close();
    return 0;
}
