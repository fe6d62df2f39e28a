#include "app/cli/CliSupport.h"

namespace assay::cli {

namespace {

const QString kUsage =
    QStringLiteral("assay containers list --datastore NAME [--include-removed] [--json]");

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

} // namespace

int runContainers(Context &ctx)
{
    return dispatch(ctx, QStringLiteral("containers"), kUsage,
                    {
                        {"list", list},
                    });
}

} // namespace assay::cli
