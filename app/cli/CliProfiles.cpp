#include "app/cli/CliSupport.h"

#include <optional>

namespace assay::cli {

namespace {

const QString kUsage =
    QStringLiteral("assay profiles show --datastore NAME --container NAME [--json]");

QJsonValue jsonOf(const std::optional<double> &v)
{
    return v ? QJsonValue(*v) : QJsonValue();
}

QJsonValue jsonOf(const std::optional<qint64> &v)
{
    return v ? QJsonValue(double(*v)) : QJsonValue();
}

QJsonValue jsonOf(const QString &v)
{
    return v.isNull() ? QJsonValue() : QJsonValue(v);
}

// Approximate figures are marked the way the window marks them.
const QString kApproximate = QStringLiteral("\u2248");

QString textOf(const std::optional<double> &v, bool approximate = false)
{
    if (!v)
        return QStringLiteral("-");
    return (approximate ? kApproximate : QString()) + QString::number(*v, 'g', 10);
}

// Distinct values over non-null values: 1 when every value is different.
QJsonValue uniqueDistinctRatio(const FieldProfile &p)
{
    const double nonNull = p.completeness * double(p.records);
    return nonNull > 0 ? QJsonValue(qMin(1.0, double(p.distinctValues) / nonNull)) : QJsonValue();
}

QJsonObject profileJson(const FieldProfile &p)
{
    return {{QStringLiteral("name"), p.fieldName},
            {QStringLiteral("field_type"), p.inferredType},
            {QStringLiteral("type_declared"), p.declaredType},
            {QStringLiteral("profiled_at"), p.profiledAt.toString(Qt::ISODate)},
            {QStringLiteral("operation_id"), double(p.operationId)},
            {QStringLiteral("records"), double(p.records)},
            {QStringLiteral("completeness"), p.completeness},
            {QStringLiteral("approximate_distinct_values"), double(p.distinctValues)},
            {QStringLiteral("distinct_approximate"), p.distinctApproximate},
            {QStringLiteral("min"), jsonOf(p.minValue)},
            {QStringLiteral("max"), jsonOf(p.maxValue)},
            {QStringLiteral("mean"), jsonOf(p.mean)},
            {QStringLiteral("sum"), jsonOf(p.sum)},
            {QStringLiteral("std_dev"), jsonOf(p.stdDev)},
            {QStringLiteral("skewness"), jsonOf(p.skewness)},
            {QStringLiteral("kurtosis"), jsonOf(p.kurtosis)},
            {QStringLiteral("min_length"), jsonOf(p.minLength)},
            {QStringLiteral("max_length"), jsonOf(p.maxLength)},
            {QStringLiteral("q1"), jsonOf(p.q1)},
            {QStringLiteral("median"), jsonOf(p.median)},
            {QStringLiteral("q3"), jsonOf(p.q3)},
            {QStringLiteral("quantiles_approximate"), p.quantilesApproximate},
            // Top values, entropy, skewness, kurtosis and quantiles came from a sample.
            {QStringLiteral("sampled"), p.sampled},
            {QStringLiteral("moments_approximate"), p.momentsApproximate},
            {QStringLiteral("std_dev_approximate"), p.deviationApproximate},
            {QStringLiteral("entropy"), jsonOf(p.entropy)},
            {QStringLiteral("unique_distinct_ratio"), uniqueDistinctRatio(p)},
            {QStringLiteral("histogram_buckets"), p.histogram},
            {QStringLiteral("numeric_buckets"), p.buckets},
            // How the field was measured when not the plain way, or why figures are missing.
            {QStringLiteral("note"), p.note}};
}

int show(Context &ctx)
{
    QCommandLineParser p;
    p.addOptions({{QStringLiteral("datastore"), QStringLiteral("The datastore's name."),
                   QStringLiteral("NAME")},
                  {QStringLiteral("container"), QStringLiteral("The container's name."),
                   QStringLiteral("NAME")},
                  {QStringLiteral("json"), QStringLiteral("Print JSON.")}});
    if (!parse(ctx, p, kUsage))
        return ctx.helpShown ? Success : Usage;
    if (!p.isSet(QStringLiteral("datastore")) || !p.isSet(QStringLiteral("container")))
        return fail(ctx, QStringLiteral("--datastore and --container are required"), kUsage, Usage);
    const auto d = findDatastore(*ctx.catalog, p.value(QStringLiteral("datastore")));
    if (!d)
        return fail(
            ctx,
            QStringLiteral("no datastore named '%1'").arg(p.value(QStringLiteral("datastore"))),
            QStringLiteral("see 'assay datastores list'"));
    const QString name = p.value(QStringLiteral("container"));
    std::optional<Container> container;
    for (const Container &c : ctx.catalog->containers(d->id))
        if (c.name == name)
            container = c;
    if (!container)
        return fail(ctx, QStringLiteral("no container named '%1'").arg(name),
                    QStringLiteral("see 'assay containers list'"));
    const QList<FieldProfile> profiles = ctx.catalog->latestFieldProfiles(container->id);
    if (p.isSet(QStringLiteral("json"))) {
        QJsonArray fields;
        for (const FieldProfile &fp : profiles)
            fields << profileJson(fp);
        printJson(ctx, QJsonObject{{QStringLiteral("container"), container->name},
                                   {QStringLiteral("fields"), fields}});
        return Success;
    }
    if (profiles.isEmpty()) {
        *ctx.out << QStringLiteral("No profile yet; run 'assay operations run profile'.\n");
        return Success;
    }
    QList<QStringList> rows;
    QStringList notes;
    for (const FieldProfile &fp : profiles) {
        rows << QStringList{fp.fieldName,
                            fp.inferredType,
                            QString::number(fp.completeness * 100.0, 'f', 1) + QLatin1Char('%'),
                            (fp.distinctApproximate ? kApproximate : QString()) +
                                QString::number(fp.distinctValues),
                            fp.minValue.isNull() ? QStringLiteral("-") : fp.minValue,
                            fp.maxValue.isNull() ? QStringLiteral("-") : fp.maxValue,
                            textOf(fp.mean),
                            textOf(fp.median, fp.quantilesApproximate),
                            fp.note.isEmpty() ? QString() : QStringLiteral("*")};
        if (!fp.note.isEmpty())
            notes << QStringLiteral("  %1: %2").arg(fp.fieldName, fp.note);
    }
    printTable(ctx,
               {QStringLiteral("FIELD"), QStringLiteral("TYPE"), QStringLiteral("COMPLETE"),
                QStringLiteral("DISTINCT"), QStringLiteral("MIN"), QStringLiteral("MAX"),
                QStringLiteral("MEAN"), QStringLiteral("MEDIAN"), QStringLiteral("NOTE")},
               rows);
    if (profiles.constFirst().sampled)
        *ctx.out << QStringLiteral("%1 marks an estimate from a sample of the records.\n")
                        .arg(kApproximate);
    if (!notes.isEmpty())
        *ctx.out << QStringLiteral("* How these fields were measured:\n") +
                        notes.join(QLatin1Char('\n')) + QLatin1Char('\n');
    return Success;
}

} // namespace

int runProfiles(Context &ctx)
{
    return dispatch(ctx, QStringLiteral("profiles"), kUsage,
                    {
                        {"show", show},
                    });
}

} // namespace assay::cli
