#include "app/checks/CheckDecisions.h"
#include "app/checks/RuleCatalog.h"
#include "app/cli/CliSupport.h"
#include "app/connectors/FieldTypes.h"

#include <QJsonDocument>
#include <iterator>
#include <optional>

// `assay checks list|create|update|archive|rules`: the checks of a datastore's containers,
// inferred by Profile or written here.
namespace assay::cli {

namespace {

const QString kUsage = QStringLiteral(
    "assay checks list --datastore NAME [--container NAME] [--status S] [--json]\n"
    "       assay checks create --datastore NAME --container NAME --rule RULE --fields a,b\n"
    "             [--properties JSON] [--coverage X] [--filter SQL] [--description TEXT]\n"
    "             [--tags a,b] [--draft] [--json]\n"
    "       assay checks update ID [--rule RULE] [--fields a,b] [--properties JSON]\n"
    "             [--coverage X] [--filter SQL] [--description TEXT] [--tags a,b]\n"
    "             [--status Active|Draft|Archived] [--json]\n"
    "       assay checks archive ID [--json]\n"
    "       assay checks rules [--json]");

QStringList splitList(const QString &text)
{
    QStringList out;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!part.trimmed().isEmpty())
            out << part.trimmed();
    return out;
}

QJsonObject checkJson(const Check &k)
{
    return {{QStringLiteral("id"), double(k.id)},
            {QStringLiteral("datastore_id"), double(k.datastoreId)},
            {QStringLiteral("container_id"), double(k.containerId)},
            {QStringLiteral("container"), k.containerName},
            {QStringLiteral("rule"), k.rule},
            {QStringLiteral("fields"), QJsonArray::fromStringList(k.fields)},
            {QStringLiteral("properties"), k.properties},
            {QStringLiteral("coverage"), k.coverage},
            {QStringLiteral("filter"), k.filter},
            {QStringLiteral("description"), k.description},
            {QStringLiteral("tags"), QJsonArray::fromStringList(k.tags)},
            {QStringLiteral("status"), k.status},
            {QStringLiteral("inferred"), k.inferred},
            {QStringLiteral("inference_level"), k.inferenceLevel},
            {QStringLiteral("user_edited"), k.userEdited},
            {QStringLiteral("operation_id"),
             k.operationId ? QJsonValue(double(k.operationId)) : QJsonValue()},
            {QStringLiteral("created"), k.createdAt.toString(Qt::ISODateWithMs)},
            {QStringLiteral("updated"), k.updatedAt.toString(Qt::ISODateWithMs)}};
}

std::optional<Container> findContainer(Context &ctx, qint64 datastoreId, const QString &name)
{
    for (const Container &c : ctx.catalog->containers(datastoreId))
        if (c.name == name && !c.removed)
            return c;
    return std::nullopt;
}

QHash<QString, TypeFamily> fieldFamilies(Context &ctx, qint64 containerId)
{
    QHash<QString, TypeFamily> out;
    for (const Field &f : ctx.catalog->fields(containerId))
        if (!f.removed)
            out.insert(f.name, fieldFamily(f));
    return out;
}

// The options create and update share.
QList<QCommandLineOption> editOptions()
{
    return {
        {QStringLiteral("rule"), QStringLiteral("The rule (see 'assay checks rules')."),
         QStringLiteral("RULE")},
        {QStringLiteral("fields"), QStringLiteral("The fields, comma-separated."),
         QStringLiteral("a,b")},
        {QStringLiteral("properties"),
         QStringLiteral("The rule's properties as a JSON object, e.g. '{\"min\": 0}'."),
         QStringLiteral("JSON")},
        {QStringLiteral("coverage"),
         QStringLiteral("Share of records that must pass, more than 0 and at most 1."),
         QStringLiteral("X")},
        {QStringLiteral("filter"), QStringLiteral("A SQL condition: the records checked."),
         QStringLiteral("SQL")},
        {QStringLiteral("description"), QStringLiteral("What the check is for."),
         QStringLiteral("TEXT")},
        {QStringLiteral("tags"), QStringLiteral("Tags, comma-separated."), QStringLiteral("a,b")},
        {QStringLiteral("json"), QStringLiteral("Print the check as JSON.")}};
}

// Applies the options that are set to `check`; false (after printing why) on a malformed one.
bool applyOptions(Context &ctx, const QCommandLineParser &p, Check &check, int *code)
{
    const auto bad = [&](const QString &message, const QString &hint = QString()) {
        *code = fail(ctx, message, hint, Usage);
        return false;
    };
    if (p.isSet(QStringLiteral("rule")))
        check.rule = p.value(QStringLiteral("rule")).trimmed();
    if (p.isSet(QStringLiteral("fields")))
        check.fields = splitList(p.value(QStringLiteral("fields")));
    if (p.isSet(QStringLiteral("properties"))) {
        QJsonParseError error;
        const QJsonDocument doc =
            QJsonDocument::fromJson(p.value(QStringLiteral("properties")).toUtf8(), &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject())
            return bad(QStringLiteral("--properties is not a JSON object: %1")
                           .arg(error.error != QJsonParseError::NoError
                                    ? error.errorString()
                                    : QStringLiteral("expected {...}")),
                       QStringLiteral("e.g. --properties '{\"min\": 0, \"max\": 100}'"));
        check.properties = doc.object();
    }
    if (p.isSet(QStringLiteral("coverage"))) {
        bool ok = false;
        const double coverage = p.value(QStringLiteral("coverage")).toDouble(&ok);
        if (!ok)
            return bad(QStringLiteral("--coverage must be a number between 0 and 1"));
        check.coverage = coverage;
    }
    if (p.isSet(QStringLiteral("filter")))
        check.filter = p.value(QStringLiteral("filter")).trimmed();
    if (p.isSet(QStringLiteral("description")))
        check.description = p.value(QStringLiteral("description"));
    if (p.isSet(QStringLiteral("tags")))
        check.tags = splitList(p.value(QStringLiteral("tags")));
    return true;
}

// Why the check cannot be saved (the rule catalogue's verdict), or empty.
QString invalidReason(Context &ctx, const Check &check)
{
    return rules::validate(check, fieldFamilies(ctx, check.containerId));
}

int printCheck(Context &ctx, const Check &check, bool json, const QString &verb)
{
    if (json)
        printJson(ctx, checkJson(check));
    else
        *ctx.out << QStringLiteral("%1 check %2: %3 on %4.%5\n")
                        .arg(verb)
                        .arg(check.id)
                        .arg(check.rule, check.containerName, check.fields.join(QLatin1Char(',')));
    return Success;
}

int list(Context &ctx)
{
    QCommandLineParser p;
    p.addOptions({{QStringLiteral("datastore"), QStringLiteral("The datastore's name."),
                   QStringLiteral("NAME")},
                  {QStringLiteral("container"), QStringLiteral("Only this container's checks."),
                   QStringLiteral("NAME")},
                  {QStringLiteral("status"), QStringLiteral("Active, Draft or Archived."),
                   QStringLiteral("S")},
                  {QStringLiteral("json"), QStringLiteral("Print JSON.")}});
    if (!parse(ctx, p, kUsage))
        return ctx.helpShown ? Success : Usage;
    if (!p.isSet(QStringLiteral("datastore")))
        return fail(ctx, QStringLiteral("--datastore is required"), kUsage, Usage);
    const auto d = findDatastore(*ctx.catalog, p.value(QStringLiteral("datastore")));
    if (!d)
        return fail(
            ctx,
            QStringLiteral("no datastore named '%1'").arg(p.value(QStringLiteral("datastore"))),
            QStringLiteral("see 'assay datastores list'"));
    CheckQuery query;
    query.datastoreId = d->id;
    if (p.isSet(QStringLiteral("container"))) {
        const auto c = findContainer(ctx, d->id, p.value(QStringLiteral("container")));
        if (!c)
            return fail(
                ctx,
                QStringLiteral("no container named '%1'").arg(p.value(QStringLiteral("container"))),
                QStringLiteral("see 'assay containers list'"));
        query.containerId = c->id;
    }
    if (p.isSet(QStringLiteral("status"))) {
        const QString status = p.value(QStringLiteral("status"));
        for (const QString &s :
             {check_status::kActive, check_status::kDraft, check_status::kArchived})
            if (s.compare(status, Qt::CaseInsensitive) == 0)
                query.status = s;
        if (query.status.isEmpty())
            return fail(ctx, QStringLiteral("--status must be Active, Draft or Archived"),
                        QString(), Usage);
    }
    const QList<Check> checks = ctx.catalog->checks(query);
    if (p.isSet(QStringLiteral("json"))) {
        QJsonArray out;
        for (const Check &k : checks)
            out << checkJson(k);
        printJson(ctx, out);
        return Success;
    }
    if (checks.isEmpty()) {
        *ctx.out << QStringLiteral("No checks.\n");
        return Success;
    }
    QList<QStringList> rows;
    for (const Check &k : checks)
        rows << QStringList{
            QString::number(k.id),
            k.containerName,
            k.rule,
            k.fields.join(QLatin1Char(',')),
            QString::fromUtf8(QJsonDocument(k.properties).toJson(QJsonDocument::Compact)),
            QString::number(k.coverage),
            k.status,
            k.inferred ? QStringLiteral("inferred (level %1)%2")
                             .arg(k.inferenceLevel)
                             .arg(k.userEdited ? QStringLiteral(", edited") : QString())
                       : QStringLiteral("authored")};
    printTable(ctx,
               {QStringLiteral("ID"), QStringLiteral("CONTAINER"), QStringLiteral("RULE"),
                QStringLiteral("FIELDS"), QStringLiteral("PROPERTIES"), QStringLiteral("COVERAGE"),
                QStringLiteral("STATUS"), QStringLiteral("SOURCE")},
               rows);
    return Success;
}

int create(Context &ctx)
{
    QCommandLineParser p;
    p.addOptions({{QStringLiteral("datastore"), QStringLiteral("The datastore's name."),
                   QStringLiteral("NAME")},
                  {QStringLiteral("container"), QStringLiteral("The container's name."),
                   QStringLiteral("NAME")},
                  {QStringLiteral("draft"), QStringLiteral("Create the check as a Draft.")}});
    p.addOptions(editOptions());
    if (!parse(ctx, p, kUsage))
        return ctx.helpShown ? Success : Usage;
    for (const char *required : {"datastore", "container", "rule"})
        if (!p.isSet(QLatin1String(required)))
            return fail(ctx, QStringLiteral("--%1 is required").arg(QLatin1String(required)),
                        kUsage, Usage);
    const auto d = findDatastore(*ctx.catalog, p.value(QStringLiteral("datastore")));
    if (!d)
        return fail(
            ctx,
            QStringLiteral("no datastore named '%1'").arg(p.value(QStringLiteral("datastore"))),
            QStringLiteral("see 'assay datastores list'"));
    const auto c = findContainer(ctx, d->id, p.value(QStringLiteral("container")));
    if (!c)
        return fail(
            ctx,
            QStringLiteral("no container named '%1'").arg(p.value(QStringLiteral("container"))),
            QStringLiteral("see 'assay containers list'"));
    Check check;
    check.datastoreId = d->id;
    check.containerId = c->id;
    check.containerName = c->name;
    check.status = p.isSet(QStringLiteral("draft")) ? check_status::kDraft : check_status::kActive;
    check.filter = check.description = QLatin1String(""); // NOT NULL columns
    int code = Success;
    if (!applyOptions(ctx, p, check, &code))
        return code;
    const QString invalid = invalidReason(ctx, check);
    if (!invalid.isEmpty())
        return fail(ctx, invalid, QStringLiteral("see 'assay checks rules'"));
    check.id = ctx.catalog->addCheck(check);
    if (!check.id)
        return fail(ctx, ctx.catalog->lastError());
    return printCheck(ctx, *ctx.catalog->check(check.id), p.isSet(QStringLiteral("json")),
                      QStringLiteral("Created"));
}

std::optional<Check> checkArgument(Context &ctx, const QCommandLineParser &p, int *code)
{
    if (p.positionalArguments().size() != 1) {
        *code = fail(ctx, QStringLiteral("give one check id"), kUsage, Usage);
        return std::nullopt;
    }
    bool ok = false;
    const qint64 id = p.positionalArguments().first().toLongLong(&ok);
    const auto check = ok ? ctx.catalog->check(id) : Lookup<Check>::notFound();
    if (check.failed())
        *code = fail(ctx, check.error());
    else if (!check)
        *code =
            fail(ctx, QStringLiteral("no check with id '%1'").arg(p.positionalArguments().first()),
                 QStringLiteral("see 'assay checks list'"));
    return check.optional();
}

int update(Context &ctx)
{
    QCommandLineParser p;
    p.addOptions(editOptions());
    p.addOption({QStringLiteral("status"), QStringLiteral("Active, Draft or Archived."),
                 QStringLiteral("S")});
    p.addPositionalArgument(QStringLiteral("ID"), QStringLiteral("The check's id."));
    if (!parse(ctx, p, kUsage))
        return ctx.helpShown ? Success : Usage;
    int code = Success;
    auto check = checkArgument(ctx, p, &code);
    if (!check)
        return code;
    const Check original = *check;
    if (!applyOptions(ctx, p, *check, &code))
        return code;
    if (p.isSet(QStringLiteral("status"))) {
        const QString status = p.value(QStringLiteral("status"));
        QString chosen;
        for (const QString &s :
             {check_status::kActive, check_status::kDraft, check_status::kArchived})
            if (s.compare(status, Qt::CaseInsensitive) == 0)
                chosen = s;
        if (chosen.isEmpty())
            return fail(ctx, QStringLiteral("--status must be Active, Draft or Archived"),
                        QString(), Usage);
        check->status = chosen;
    }
    const QString invalid = invalidReason(ctx, *check);
    if (!invalid.isEmpty())
        return fail(ctx, invalid, QStringLiteral("see 'assay checks rules'"));
    // A person's change (status or content) makes an inferred check theirs: re-profiling no
    // longer rewrites, re-activates or archives it. The rule the Checks tab follows too.
    if (!check_decisions::save(*ctx.catalog, original, *check))
        return fail(ctx, ctx.catalog->lastError());
    return printCheck(ctx, *ctx.catalog->check(check->id), p.isSet(QStringLiteral("json")),
                      QStringLiteral("Updated"));
}

int archive(Context &ctx)
{
    QCommandLineParser p;
    p.addOption({QStringLiteral("json"), QStringLiteral("Print the check as JSON.")});
    p.addPositionalArgument(QStringLiteral("ID"), QStringLiteral("The check's id."));
    if (!parse(ctx, p, kUsage))
        return ctx.helpShown ? Success : Usage;
    int code = Success;
    auto check = checkArgument(ctx, p, &code);
    if (!check)
        return code;
    // Archived by a person: re-profiling must not bring it back.
    if (!check_decisions::setStatus(*ctx.catalog, check->id, check_status::kArchived))
        return fail(ctx, ctx.catalog->lastError());
    return printCheck(ctx, *ctx.catalog->check(check->id), p.isSet(QStringLiteral("json")),
                      QStringLiteral("Archived"));
}

QString scopeName(RuleScope scope)
{
    switch (scope) {
    case RuleScope::SingleField:
        return QStringLiteral("single");
    case RuleScope::MultiField:
        return QStringLiteral("multi");
    case RuleScope::Calculated:
        return QStringLiteral("calculated");
    case RuleScope::Table:
        break;
    }
    return QStringLiteral("table");
}

QString propertyTypeName(PropertyType type)
{
    // In PropertyType's order.
    static const char *const names[] = {"number",    "integer",   "boolean",    "text",
                                        "pattern",   "list",      "datetime",   "field",
                                        "container", "datastore", "field_type", "expression",
                                        "interval",  "choice",    "json"};
    static_assert(std::size(names) == int(PropertyType::Json) + 1);
    return QLatin1String(names[int(type)]);
}

int listRules(Context &ctx)
{
    QCommandLineParser p;
    p.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
    if (!parse(ctx, p, kUsage))
        return ctx.helpShown ? Success : Usage;
    QJsonArray out;
    QList<QStringList> rows;
    for (const RuleSpec &r : rules::all()) {
        QStringList types, props;
        for (TypeFamily f : r.fieldTypes)
            types << typeFamilyName(f);
        QJsonArray properties;
        for (const RuleProperty &prop : r.properties) {
            QJsonObject property{{QStringLiteral("key"), prop.key},
                                 {QStringLiteral("type"), propertyTypeName(prop.type)},
                                 {QStringLiteral("required"), prop.required},
                                 {QStringLiteral("title"), prop.title},
                                 {QStringLiteral("default"), prop.defaultValue}};
            if (!prop.choices.isEmpty())
                property.insert(QStringLiteral("choices"),
                                QJsonArray::fromStringList(prop.choices));
            properties << property;
            props << prop.key + (prop.required ? QString() : QStringLiteral("?"));
        }
        out << QJsonObject{{QStringLiteral("rule"), r.name},
                           {QStringLiteral("title"), r.title},
                           {QStringLiteral("description"), r.description},
                           {QStringLiteral("scope"), scopeName(r.scope)},
                           {QStringLiteral("field_types"), QJsonArray::fromStringList(types)},
                           {QStringLiteral("min_fields"), r.minFields},
                           {QStringLiteral("max_fields"), r.maxFields},
                           {QStringLiteral("properties"), properties},
                           {QStringLiteral("record_anomalies"), r.recordAnomalies},
                           {QStringLiteral("shape_anomalies"), r.shapeAnomalies},
                           {QStringLiteral("filter_allowed"), r.filterAllowed},
                           {QStringLiteral("coverage_allowed"), r.coverageAllowed},
                           {QStringLiteral("category"), r.category},
                           {QStringLiteral("dimension"), r.dimension}};
        rows << QStringList{r.name, r.title, scopeName(r.scope),
                            types.isEmpty() ? QStringLiteral("any") : types.join(QLatin1Char(',')),
                            props.join(QLatin1Char(','))};
    }
    if (p.isSet(QStringLiteral("json")))
        printJson(ctx, out);
    else
        printTable(ctx,
                   {QStringLiteral("RULE"), QStringLiteral("TITLE"), QStringLiteral("SCOPE"),
                    QStringLiteral("TYPES"), QStringLiteral("PROPERTIES")},
                   rows);
    return Success;
}

} // namespace

int runChecks(Context &ctx)
{
    return dispatch(ctx, QStringLiteral("checks"), kUsage,
                    {{"list", list},
                     {"create", create},
                     {"update", update},
                     {"archive", archive},
                     {"rules", listRules}});
}

} // namespace assay::cli
