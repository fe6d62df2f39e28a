#include "app/cli/CliSupport.h"
#include "models/domain/Clock.h"

namespace assay::cli {

namespace {

const QString kUsage =
    QStringLiteral("assay containers list --datastore NAME [--include-removed] [--json]\n"
                   "assay containers history --datastore NAME --container NAME [--days N] "
                   "[--json]");

QJsonObject containerJson(const Container &c, const QList<Field> &fields)
{
    QJsonArray fieldArray;
    for (const Field &f : fields) {
        if (f.removed)
            continue;
        fieldArray << QJsonObject{{QStringLiteral("name"), f.name},
                                  {QStringLiteral("type"), f.declaredType},
                                  {QStringLiteral("nullable"), f.nullable}};
    }
    QJsonObject o{{QStringLiteral("id"), c.id},
                  {QStringLiteral("name"), c.name},
                  {QStringLiteral("container_type"), c.containerType},
                  {QStringLiteral("incremental_strategy"), c.incrementalStrategy},
                  {QStringLiteral("incremental_field"), c.incrementalField},
                  {QStringLiteral("partition_field"), c.partitionField},
                  {QStringLiteral("removed"), c.removed},
                  {QStringLiteral("fields"), fieldArray}};
    if (!c.settings.isEmpty())
        o.insert(QStringLiteral("settings"), c.settings);
    return o;
}

int list(Context &ctx)
{
    QCommandLineParser p;
    p.addOptions({{QStringLiteral("datastore"), QStringLiteral("The datastore's name."),
                   QStringLiteral("NAME")},
                  {QStringLiteral("include-removed"),
                   QStringLiteral("Also list containers removed by a pruning sync.")},
                  {QStringLiteral("json"), QStringLiteral("Print JSON.")}});
    if (!parse(ctx, p, kUsage))
        return ctx.helpShown ? Success : Usage;
    const auto d = findDatastore(*ctx.catalog, p.value(QStringLiteral("datastore")));
    if (!d)
        return fail(ctx,
                    p.isSet(QStringLiteral("datastore"))
                        ? QStringLiteral("no datastore named '%1'")
                              .arg(p.value(QStringLiteral("datastore")))
                        : QStringLiteral("--datastore is required"),
                    QString(), p.isSet(QStringLiteral("datastore")) ? Failure : Usage);
    const auto fields = ctx.catalog->fieldsOfDatastore(d->id);
    QJsonArray array;
    QList<QStringList> rows;
    for (const Container &c : ctx.catalog->containers(d->id)) {
        if (c.removed && !p.isSet(QStringLiteral("include-removed")))
            continue;
        const QJsonObject o = containerJson(c, fields.value(c.id));
        array << o;
        rows << QStringList{
            c.name, c.containerType,
            QString::number(o.value(QStringLiteral("fields")).toArray().size()),
            c.incrementalStrategy.isEmpty()
                ? QStringLiteral("-")
                : QStringLiteral("%1 (%2)").arg(c.incrementalStrategy, c.incrementalField),
            c.removed ? QStringLiteral("removed") : QString()};
    }
    if (p.isSet(QStringLiteral("json"))) {
        printJson(ctx, array);
        return Success;
    }
    printTable(ctx,
               {QStringLiteral("NAME"), QStringLiteral("TYPE"), QStringLiteral("FIELDS"),
                QStringLiteral("INCREMENTAL"), QString()},
               rows);
    return Success;
}

QString known(qint64 value)
{
    return value >= 0 ? QString::number(value) : QStringLiteral("-");
}

QJsonObject measurementJson(const ContainerMeasurement &m)
{
    QJsonObject o{{QStringLiteral("measured_at"), m.measuredAt.toString(Qt::ISODateWithMs)},
                  {QStringLiteral("operation_id"), m.operationId},
                  {QStringLiteral("operation_type"), m.operationType},
                  {QStringLiteral("volume_source"), m.volumeSource},
                  {QStringLiteral("freshness_source"), m.freshnessSource}};
    // Unknown figures are null, never a made-up 0.
    o.insert(QStringLiteral("record_count"),
             m.recordCount >= 0 ? QJsonValue(double(m.recordCount)) : QJsonValue());
    o.insert(QStringLiteral("size_bytes"),
             m.sizeBytes >= 0 ? QJsonValue(double(m.sizeBytes)) : QJsonValue());
    o.insert(QStringLiteral("newest_value"), m.newestValue);
    o.insert(QStringLiteral("newest_at"),
             m.newestAt.isValid() ? QJsonValue(m.newestAt.toString(Qt::ISODate)) : QJsonValue());
    o.insert(QStringLiteral("age_hours"),
             m.ageHours() >= 0 ? QJsonValue(m.ageHours()) : QJsonValue());
    return o;
}

// A container's history: what each Scan and Profile measured of it, oldest first.
int history(Context &ctx)
{
    QCommandLineParser p;
    p.addOptions({{QStringLiteral("datastore"), QStringLiteral("The datastore's name."),
                   QStringLiteral("NAME")},
                  {QStringLiteral("container"), QStringLiteral("The container's name."),
                   QStringLiteral("NAME")},
                  {QStringLiteral("days"), QStringLiteral("How many days back (default 90)."),
                   QStringLiteral("N"), QStringLiteral("90")},
                  {QStringLiteral("json"), QStringLiteral("Print JSON.")}});
    if (!parse(ctx, p, kUsage))
        return ctx.helpShown ? Success : Usage;
    const auto d = findDatastore(*ctx.catalog, p.value(QStringLiteral("datastore")));
    if (!d)
        return fail(
            ctx,
            QStringLiteral("no datastore named '%1'").arg(p.value(QStringLiteral("datastore"))),
            QStringLiteral("see 'assay datastores list'"),
            p.isSet(QStringLiteral("datastore")) ? Failure : Usage);
    std::optional<Container> container;
    for (const Container &c : ctx.catalog->containers(d->id))
        if (c.name == p.value(QStringLiteral("container")) && !c.removed)
            container = c;
    if (!container)
        return fail(ctx,
                    QStringLiteral("no container named '%1' in %2")
                        .arg(p.value(QStringLiteral("container")), d->name),
                    QStringLiteral("see 'assay containers list'"),
                    p.isSet(QStringLiteral("container")) ? Failure : Usage);
    bool ok = false;
    const int days = p.value(QStringLiteral("days")).toInt(&ok);
    if (!ok || days <= 0)
        return fail(ctx, QStringLiteral("--days takes a whole number of days above 0"), QString(),
                    Usage);
    const QList<ContainerMeasurement> measurements =
        ctx.catalog->containerMeasurements(container->id, Clock::utcNow().addDays(-days), 100000);
    if (p.isSet(QStringLiteral("json"))) {
        QJsonArray array;
        for (const ContainerMeasurement &m : measurements)
            array << measurementJson(m);
        printJson(ctx, array);
        return Success;
    }
    QList<QStringList> rows;
    for (const ContainerMeasurement &m : measurements)
        rows << QStringList{m.measuredAt.toString(Qt::ISODate),
                            m.operationType,
                            known(m.recordCount),
                            m.volumeSource.isEmpty() ? QStringLiteral("-") : m.volumeSource,
                            known(m.sizeBytes),
                            m.ageHours() >= 0 ? QString::number(m.ageHours(), 'f', 1)
                                              : QStringLiteral("-"),
                            m.freshnessSource.isEmpty() ? QStringLiteral("-") : m.freshnessSource};
    printTable(ctx,
               {QStringLiteral("MEASURED (UTC)"), QStringLiteral("BY"), QStringLiteral("RECORDS"),
                QStringLiteral("FROM"), QStringLiteral("BYTES"), QStringLiteral("AGE (H)"),
                QStringLiteral("FROM")},
               rows);
    return Success;
}

} // namespace

int runContainers(Context &ctx)
{
    return dispatch(ctx, QStringLiteral("containers"), kUsage,
                    {
                        {"list", list},
                        {"history", history},
                    });
}

} // namespace assay::cli
