#include "app/cli/CliSupport.h"

#include "app/connectors/ConnectorSpec.h"
#include "app/engine/OperationRecords.h"
#include "models/domain/Json.h"
#include "models/domain/OperationShortfalls.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QProcess>

namespace assay::cli {

int fail(Context &ctx, const QString &message, const QString &hint, int code)
{
    *ctx.err << "assay: " << message << "\n";
    if (!hint.isEmpty())
        *ctx.err << "hint: " << hint << "\n";
    ctx.err->flush();
    return code;
}

int dispatch(Context &ctx, const QString &group, const QString &usage,
             const QList<Subcommand> &subcommands)
{
    const QString sub = ctx.arguments.value(1);
    if (ctx.arguments.size() > 1)
        ctx.arguments.removeAt(1);
    ctx.arguments[0] += QLatin1Char(' ') + sub;
    for (const Subcommand &s : subcommands)
        if (sub == QLatin1String(s.name))
            return s.run(ctx);
    if (sub.isEmpty() || sub == QLatin1String("--help")) {
        *ctx.out << "Usage: " << usage << "\n";
        return sub.isEmpty() ? Usage : Success;
    }
    return fail(ctx, QStringLiteral("unknown subcommand '%1 %2'").arg(group, sub), usage, Usage);
}

bool parse(Context &ctx, QCommandLineParser &parser, const QString &usage)
{
    parser.setApplicationDescription(QStringLiteral("Usage: %1").arg(usage));
    parser.addHelpOption();
    if (!parser.parse(ctx.arguments)) {
        fail(ctx, parser.errorText(), QStringLiteral("usage: %1").arg(usage), Usage);
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        *ctx.out << parser.helpText();
        ctx.helpShown = true;
        return false;
    }
    return true;
}

void printJson(Context &ctx, const QJsonValue &value)
{
    const QJsonDocument doc =
        value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    *ctx.out << QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
    ctx.out->flush();
}

void printTable(Context &ctx, const QStringList &header, const QList<QStringList> &source)
{
    // One line per row: line breaks and tabs inside values are shown escaped.
    QList<QStringList> rows;
    for (QStringList row : source) {
        for (QString &cell : row)
            cell.replace(QLatin1Char('\n'), QLatin1String("\\n"))
                .replace(QLatin1Char('\r'), QLatin1String("\\r"))
                .replace(QLatin1Char('\t'), QLatin1String("\\t"));
        rows << row;
    }
    QVector<int> widths(header.size());
    for (int c = 0; c < header.size(); ++c)
        widths[c] = header.at(c).size();
    for (const QStringList &row : rows)
        for (int c = 0; c < row.size() && c < widths.size(); ++c)
            widths[c] = qMax(widths[c], row.at(c).size());
    auto line = [&](const QStringList &cells) {
        QString text;
        for (int c = 0; c < cells.size(); ++c)
            text += c + 1 < cells.size() ? cells.at(c).leftJustified(widths[c] + 2) : cells.at(c);
        *ctx.out << text << "\n";
    };
    line(header);
    for (const QStringList &row : rows)
        line(row);
    ctx.out->flush();
}

Lookup<Datastore> findDatastore(const Catalog &catalog, const QString &nameOrId)
{
    auto byName = catalog.datastoreByName(nameOrId);
    if (byName || byName.failed())
        return byName;
    bool isNumber = false;
    const qint64 id = nameOrId.toLongLong(&isNumber);
    return isNumber ? catalog.datastore(id) : Lookup<Datastore>::notFound();
}

QJsonObject connectionJson(const Connection &c)
{
    QJsonObject o{{QStringLiteral("id"), c.id},
                  {QStringLiteral("name"), c.name},
                  {QStringLiteral("type"), c.type},
                  {QStringLiteral("created"), text::fromTime(c.createdAt)}};
    const ConnectorSpec *spec = connectors::find(c.type);
    if (spec && spec->isFileBased()) {
        o.insert(QStringLiteral("database"), c.database);
    } else {
        o.insert(QStringLiteral("host"), c.host);
        o.insert(QStringLiteral("port"), c.port);
        o.insert(QStringLiteral("username"), c.username);
        if (!c.database.isEmpty())
            o.insert(QStringLiteral("database"), c.database);
    }
    if (!c.parameters.isEmpty())
        o.insert(QStringLiteral("parameters"), c.parameters);
    // Which secrets exist, never their values.
    o.insert(QStringLiteral("secrets_in_keychain"), QJsonArray::fromStringList(c.secretFields));
    return o;
}

QJsonObject datastoreJson(const Catalog &catalog, const Datastore &d)
{
    QJsonObject o{
        {QStringLiteral("id"), d.id},
        {QStringLiteral("name"), d.name},
        {QStringLiteral("teams"), QJsonArray::fromStringList(d.teams)},
        {QStringLiteral("database"), d.database},
        {QStringLiteral("schema"), d.schema},
        {QStringLiteral("enrich_only"), d.enrichOnly},
        {QStringLiteral("enrich_container_prefix"),
         d.enrichment.prefix.isEmpty() ? QJsonValue() : QJsonValue(d.enrichment.prefix)},
        {QStringLiteral("remediation"), remediationToString(d.enrichment.remediation)},
        {QStringLiteral("enrichment_source_record_limit"), d.enrichment.sourceRecordLimit},
        {QStringLiteral("high_count_rollup_threshold"), d.enrichment.rollupThreshold},
        {QStringLiteral("created"), text::fromTime(d.createdAt)},
    };
    if (d.enrichment.isLinked()) {
        const auto target = catalog.datastore(d.enrichment.enrichmentDatastoreId);
        o.insert(QStringLiteral("enrichment_datastore"),
                 QJsonObject{{QStringLiteral("id"), d.enrichment.enrichmentDatastoreId},
                             {QStringLiteral("name"), target ? target->name : QString()}});
    } else {
        o.insert(QStringLiteral("enrichment_datastore"), QJsonValue());
    }
    if (const auto connection = catalog.connection(d.connectionId))
        o.insert(QStringLiteral("connection"), connectionJson(*connection));
    return o;
}

QJsonObject operationJson(const Catalog &catalog, const Operation &op)
{
    QJsonObject o{
        {QStringLiteral("id"), op.id},
        {QStringLiteral("type"), op.type},
        {QStringLiteral("datastore_id"), op.datastoreId},
        {QStringLiteral("result"), op.status},
        {QStringLiteral("message"), op.message.isEmpty() ? QJsonValue() : QJsonValue(op.message)},
        {QStringLiteral("triggered_by"), op.triggeredBy},
        {QStringLiteral("created"), text::fromTime(op.createdAt)},
        {QStringLiteral("start_time"),
         op.startedAt.isValid() ? QJsonValue(text::fromTime(op.startedAt)) : QJsonValue()},
        {QStringLiteral("end_time"),
         op.endedAt.isValid() ? QJsonValue(text::fromTime(op.endedAt)) : QJsonValue()},
        {QStringLiteral("progress"), op.progress},
    };
    if (const auto d = catalog.datastore(op.datastoreId))
        o.insert(QStringLiteral("datastore"), d->name);
    if (op.scheduleId)
        o.insert(QStringLiteral("schedule_id"), op.scheduleId);
    // Options (prune, recreate, include...) and counters sit at the top level, as in the API.
    for (auto it = op.options.begin(); it != op.options.end(); ++it)
        o.insert(it.key(), it.value());
    for (auto it = op.counters.begin(); it != op.counters.end(); ++it)
        o.insert(it.key(), it.value());
    if (!op.result.isEmpty())
        o.insert(QStringLiteral("details"), op.result);
    // What it left out, in one place a script can read.
    const OperationShortfalls s = catalog.operationShortfalls(op);
    QJsonArray failed, fallbacks;
    for (const auto &c : s.failedContainers)
        failed << QJsonObject{{QStringLiteral("container"), c.name},
                              {QStringLiteral("reason"), c.reason}};
    for (const auto &f : s.fallbacks)
        fallbacks << QJsonObject{{QStringLiteral("container"), f.container},
                                 {QStringLiteral("field"), f.field},
                                 {QStringLiteral("note"), f.note}};
    o.insert(QStringLiteral("failed_containers"), failed);
    o.insert(QStringLiteral("fields_completeness_only"), fallbacks);
    o.insert(QStringLiteral("containers_not_in_enrichment"), s.unwrittenEnrichment);
    return o;
}

bool startRunner(Context &ctx, qint64 operationId, QString *error)
{
    QProcess runner;
    runner.setProgram(QCoreApplication::applicationFilePath());
    runner.setArguments({QStringLiteral("--catalog"), ctx.catalogPath, QStringLiteral("operations"),
                         QStringLiteral("execute"), QString::number(operationId)});
    runner.setStandardInputFile(QProcess::nullDevice());
    runner.setStandardOutputFile(QProcess::nullDevice());
    runner.setStandardErrorFile(QProcess::nullDevice());
    if (runner.startDetached())
        return true;
    *error = QStringLiteral("cannot start the runner process: %1").arg(runner.errorString());
    ctx.catalog->warnUnless(ctx.catalog->markOperationAborted(operationId, *error),
                            "markOperationAborted");
    return false;
}

qint64 queueDetached(Context &ctx, const OperationRequest &request, QString *error)
{
    const qint64 id = operation_records::create(*ctx.catalog, request, QString(), error);
    return id && startRunner(ctx, id, error) ? id : 0;
}

qint64 queueSync(Context &ctx, qint64 datastoreId, const QJsonObject &options, QString *error)
{
    OperationRequest request;
    request.datastoreId = datastoreId;
    request.type = operation_type::kSync;
    request.triggeredBy = QStringLiteral("cli");
    request.options = options;
    return queueDetached(ctx, request, error);
}

} // namespace assay::cli
