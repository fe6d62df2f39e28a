#include "app/cli/CliRunOptions.h"

#include "app/engine/profile/ProfileOperation.h"
#include "app/engine/sync/SyncOperation.h"
#include "models/domain/Operation.h"

#include <QDateTime>
#include <QJsonArray>

namespace assay::cli {

namespace {

using Options = Result<QJsonObject>;

QString option(const char *name)
{
    return QLatin1String(name);
}

QStringList listValue(const QCommandLineParser &p, const char *name)
{
    QStringList items;
    for (const QString &item : p.value(option(name)).split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!item.trimmed().isEmpty())
            items << item.trimmed();
    return items;
}

// A whole number in [1, high] for `name`, inserted under `key` when given.
bool readCount(const QCommandLineParser &p, const char *name, qint64 high, QJsonObject &into,
               const char *key)
{
    if (!p.isSet(option(name)))
        return true;
    bool ok = false;
    const qint64 n = p.value(option(name)).toLongLong(&ok);
    if (!ok || n < 1 || n > high)
        return false;
    into.insert(QLatin1String(key), double(n));
    return true;
}

// ---- Sync ----

void declareSync(QCommandLineParser &p)
{
    p.addOptions({
        {option("prune"), QStringLiteral("Remove containers that no longer exist.")},
        {option("recreate"), QStringLiteral("Restore removed containers that exist again.")},
        {option("include-partitions"),
         QStringLiteral("List each partition of a partitioned table as a container too.")},
        {option("include"), QStringLiteral("table, view or table,view (default)."),
         QStringLiteral("KINDS")},
    });
}

Options readSync(const QCommandLineParser &p)
{
    SyncOptions options;
    options.prune = p.isSet(option("prune"));
    options.recreate = p.isSet(option("recreate"));
    options.includePartitions = p.isSet(option("include-partitions"));
    if (p.isSet(option("include"))) {
        options.includeTables = options.includeViews = false;
        for (const QString &kind : listValue(p, "include")) {
            const QString k = kind.toLower();
            if (k == QLatin1String("table") || k == QLatin1String("tables"))
                options.includeTables = true;
            else if (k == QLatin1String("view") || k == QLatin1String("views"))
                options.includeViews = true;
            else
                return Options::failure(
                    QStringLiteral("--include takes table, view or both, not '%1'").arg(kind));
        }
    }
    return Options::ok(options.toJson());
}

// ---- What Profile and Scan both select ----

void declareSelection(QCommandLineParser &p)
{
    p.addOptions({
        {option("containers"), QStringLiteral("These containers (default all)."),
         QStringLiteral("A,B")},
        {option("container-tags"),
         QStringLiteral("Also the containers carrying one of these tags."), QStringLiteral("T,U")},
        {option("greater-than-time"),
         QStringLiteral("Only records whose incremental field is later than this ISO-8601 time "
                        "(containers with an incremental strategy)."),
         QStringLiteral("ISO")},
        {option("greater-than-batch"),
         QStringLiteral("Only records whose batch field is greater than N."), QStringLiteral("N")},
        {option("record-limit"), QStringLiteral("At most N records per container."),
         QStringLiteral("N")},
    });
}

// The selection as Profile's and Scan's options name it; only what was given.
Options readSelection(const QCommandLineParser &p)
{
    QJsonObject o;
    o.insert(QStringLiteral("containers"), QJsonArray::fromStringList(listValue(p, "containers")));
    const QStringList tags = listValue(p, "container-tags");
    if (!tags.isEmpty())
        o.insert(QStringLiteral("container_tags"), QJsonArray::fromStringList(tags));
    if (!readCount(p, "record-limit", 1000000000, o, "record_limit"))
        return Options::failure(QStringLiteral("--record-limit takes 1 to 1000000000"));
    if (p.isSet(option("greater-than-time"))) {
        const QString time = p.value(option("greater-than-time")).trimmed();
        if (!QDateTime::fromString(time, Qt::ISODate).isValid())
            return Options::failure(QStringLiteral(
                "--greater-than-time takes an ISO-8601 time, e.g. 2026-01-31T00:00:00Z"));
        o.insert(QStringLiteral("greater_than_time"), time);
    }
    if (p.isSet(option("greater-than-batch"))) {
        bool ok = false;
        const double batch = p.value(option("greater-than-batch")).toDouble(&ok);
        if (!ok)
            return Options::failure(QStringLiteral("--greater-than-batch takes a number"));
        o.insert(QStringLiteral("greater_than_batch"), batch);
    }
    return Options::ok(o);
}

// ---- Profile ----

void declareProfile(QCommandLineParser &p)
{
    declareSelection(p);
    p.addOptions({
        {option("inference-threshold"), QStringLiteral("0 (no inference) to 5; default 2."),
         QStringLiteral("N")},
        {option("infer-as-draft"), QStringLiteral("Inferred checks as drafts.")},
    });
}

Options readProfile(const QCommandLineParser &p)
{
    const Options selection = readSelection(p);
    if (selection.failed())
        return selection;
    // Through ProfileOptions, so the options carry its defaults as the window's dialog does.
    ProfileOptions profile = ProfileOptions::fromJson(selection.value());
    if (p.isSet(option("inference-threshold"))) {
        bool ok = false;
        profile.inferenceThreshold = p.value(option("inference-threshold")).toInt(&ok);
        if (!ok || profile.inferenceThreshold < 0 || profile.inferenceThreshold > 5)
            return Options::failure(QStringLiteral("--inference-threshold takes 0 to 5"));
    }
    profile.inferAsDraft = p.isSet(option("infer-as-draft"));
    QJsonObject o = profile.toJson();
    if (selection.value().contains(QStringLiteral("container_tags")))
        o.insert(QStringLiteral("container_tags"),
                 selection.value().value(QStringLiteral("container_tags")));
    return Options::ok(o);
}

// ---- Scan ----

void declareScan(QCommandLineParser &p)
{
    declareSelection(p);
    p.addOptions({
        {option("incremental"), QStringLiteral("Only records past the last scan.")},
        {option("check-variable"),
         QStringLiteral("A value for {{NAME}} in check filters "
                        "(repeatable)."),
         QStringLiteral("NAME=VALUE")},
        {option("rollup-threshold"),
         QStringLiteral("Record anomalies per check before one rolled-up (1-1000)."),
         QStringLiteral("N")},
        {option("source-record-limit"),
         QStringLiteral("Example records kept per anomaly (1-1000000000)."), QStringLiteral("N")},
        {option("check-categories"), QStringLiteral("metadata, data_integrity or both (default)."),
         QStringLiteral("LIST")},
        {option("remediation"),
         QStringLiteral("none, append or overwrite (default: the datastore's)."),
         QStringLiteral("STRATEGY")},
        {option("no-archive-duplicates"),
         QStringLiteral("Keep earlier open anomalies that this scan finds again open (default: "
                        "archived as Duplicate).")},
        {option("reactivate-recurring"),
         QStringLiteral("A failure that matches an archived anomaly reopens it.")},
        {option("no-auto-resolve"),
         QStringLiteral("Leave open anomalies that no longer fail open (default: a full scan "
                        "resolves them).")},
    });
}

// Only what was given beside the switches: the scan fills the rest from the datastore's settings.
Options readScan(const QCommandLineParser &p)
{
    Options selection = readSelection(p);
    if (selection.failed())
        return selection;
    QJsonObject o = selection.value();
    QJsonObject variables;
    for (const QString &pair : p.values(option("check-variable"))) {
        const int eq = pair.indexOf(QLatin1Char('='));
        const QString name = pair.left(eq).trimmed();
        if (eq <= 0 || name.isEmpty())
            return Options::failure(
                QStringLiteral("--check-variable takes NAME=VALUE, not '%1'").arg(pair));
        variables.insert(name, pair.mid(eq + 1));
    }
    if (!variables.isEmpty())
        o.insert(QStringLiteral("check_variables"), variables);
    o.insert(QStringLiteral("incremental"), p.isSet(option("incremental")));
    if (!readCount(p, "rollup-threshold", 1000, o, "high_count_rollup_threshold"))
        return Options::failure(QStringLiteral("--rollup-threshold takes 1 to 1000"));
    if (!readCount(p, "source-record-limit", 1000000000, o, "enrichment_source_record_limit"))
        return Options::failure(QStringLiteral("--source-record-limit takes 1 to 1000000000"));
    if (p.isSet(option("check-categories"))) {
        QJsonArray categories;
        for (const QString &c : listValue(p, "check-categories")) {
            const QString k = c.toLower();
            if (k != QLatin1String("metadata") && k != QLatin1String("data_integrity"))
                return Options::failure(QStringLiteral("--check-categories takes metadata, "
                                                       "data_integrity or both, not '%1'")
                                            .arg(c));
            categories.append(k);
        }
        o.insert(QStringLiteral("check_categories"), categories);
    }
    if (p.isSet(option("remediation"))) {
        const QString r = p.value(option("remediation")).trimmed().toLower();
        if (r != QLatin1String("none") && r != QLatin1String("append") &&
            r != QLatin1String("overwrite"))
            return Options::failure(
                QStringLiteral("--remediation takes none, append or overwrite"));
        o.insert(QStringLiteral("remediation"), r);
    }
    o.insert(QStringLiteral("archive_duplicate_anomalies"),
             !p.isSet(option("no-archive-duplicates")));
    o.insert(QStringLiteral("reactivate_recurring_anomalies"),
             p.isSet(option("reactivate-recurring")));
    o.insert(QStringLiteral("auto_resolve_passed_anomalies"), !p.isSet(option("no-auto-resolve")));
    return Options::ok(o);
}

} // namespace

const QList<RunOptionParser> &runOptionParsers()
{
    static const QList<RunOptionParser> parsers{
        {"sync", operation_type::kSync, declareSync, readSync},
        // "catalog" is Sync's API name (operations list it so, seed 000's API): an alias.
        {"catalog", operation_type::kSync, declareSync, readSync},
        {"profile", operation_type::kProfile, declareProfile, readProfile},
        {"scan", operation_type::kScan, declareScan, readScan},
    };
    return parsers;
}

} // namespace assay::cli
