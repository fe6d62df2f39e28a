#include "app/cli/CliSupport.h"
#include "models/domain/Json.h"

#include <QJsonDocument>
#include <climits>
#include <optional>

// `assay anomalies list|show|update`: what Scan found, and the person's decisions about it.
namespace assay::cli {

namespace {

const QString kUsage = QStringLiteral(
    "assay anomalies list --datastore NAME|ID [--status S|open|archived|all]\n"
    "         [--type record|shape] [--container NAME|ID] [--limit N] [--json]\n"
    "       assay anomalies show ID [--json]\n"
    "       assay anomalies update ID --status Acknowledged|Resolved|Invalid|Active\n"
    "         [--comment TEXT] [--json]");

constexpr int kPage = 1000;

bool parseId(const QString &text, qint64 *id)
{
    bool ok = false;
    *id = text.toLongLong(&ok);
    return ok && *id > 0;
}

// A status written in any case ("acknowledged") as the Catalog spells it; empty if unknown.
QString canonicalStatus(const QString &text)
{
    for (const QString &status : anomaly_status::all())
        if (status.compare(text, Qt::CaseInsensitive) == 0)
            return status;
    return QString();
}

std::optional<Container> findContainer(Context &ctx, qint64 datastoreId, const QString &nameOrId)
{
    qint64 id = 0;
    const bool numeric = parseId(nameOrId, &id);
    std::optional<Container> byId;
    for (const Container &c : ctx.catalog->containers(datastoreId)) {
        if (c.name == nameOrId)
            return c;
        if (numeric && c.id == id)
            byId = c;
    }
    return byId;
}

QJsonObject anomalyJson(const Anomaly &a)
{
    QJsonArray checks;
    for (const AnomalyFailedCheck &f : a.failedChecks)
        checks << QJsonObject{
            {QStringLiteral("check_id"), f.checkId ? QJsonValue(double(f.checkId)) : QJsonValue()},
            {QStringLiteral("rule"), f.rule},
            {QStringLiteral("fields"), QJsonArray::fromStringList(f.fields)},
            {QStringLiteral("message"), f.message}};
    return {
        {QStringLiteral("id"), double(a.id)},
        {QStringLiteral("uuid"), a.uuid},
        {QStringLiteral("type"), a.type},
        {QStringLiteral("status"), a.status},
        {QStringLiteral("archived"), !anomaly_status::isOpen(a.status)},
        {QStringLiteral("message"), a.message},
        {QStringLiteral("datastore"), double(a.datastoreId)},
        {QStringLiteral("container"), QJsonObject{{QStringLiteral("id"), double(a.containerId)},
                                                  {QStringLiteral("name"), a.containerName}}},
        {QStringLiteral("operation_id"),
         a.operationId ? QJsonValue(double(a.operationId)) : QJsonValue()},
        {QStringLiteral("partition"), a.partition.isEmpty() ? QJsonValue() : a.partition},
        {QStringLiteral("failed_checks"), checks},
        {QStringLiteral("anomalous_record_count"), double(a.anomalousRecordCount)},
        {QStringLiteral("comment"), a.comment.isEmpty() ? QJsonValue() : a.comment},
        {QStringLiteral("created"), text::fromTime(a.createdAt)},
        {QStringLiteral("updated"), text::fromTime(a.updatedAt)},
    };
}

QString rulesText(const Anomaly &a)
{
    QStringList rules;
    for (const AnomalyFailedCheck &f : a.failedChecks)
        if (!rules.contains(f.rule))
            rules << f.rule;
    return rules.isEmpty() ? QStringLiteral("-") : rules.join(QLatin1Char(','));
}

QString cellText(const QJsonValue &v)
{
    if (v.isNull() || v.isUndefined())
        return QStringLiteral("NULL");
    if (v.isString())
        return v.toString();
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.isDouble()) {
        const double d = v.toDouble();
        return d == double(qint64(d)) ? QString::number(qint64(d)) : QString::number(d, 'g', 15);
    }
    return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
}

int list(Context &ctx)
{
    QCommandLineParser p;
    p.addOptions(
        {{QStringLiteral("datastore"), QStringLiteral("The datastore's name or id."),
          QStringLiteral("NAME|ID")},
         {QStringLiteral("status"),
          QStringLiteral("A status (Active, Acknowledged, Resolved, Invalid, Duplicate), open, "
                         "archived or all (default: all)."),
          QStringLiteral("S")},
         {QStringLiteral("type"), QStringLiteral("record or shape."), QStringLiteral("T")},
         {QStringLiteral("container"), QStringLiteral("Only this table or file (name or id)."),
          QStringLiteral("NAME|ID")},
         {QStringLiteral("limit"), QStringLiteral("At most N, newest first (default: all)."),
          QStringLiteral("N"), QStringLiteral("0")},
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
    AnomalyQuery query;
    query.datastoreId = d->id;
    const QString status = p.value(QStringLiteral("status")).trimmed();
    if (status.compare(QLatin1String("open"), Qt::CaseInsensitive) == 0 ||
        status.compare(QLatin1String("archived"), Qt::CaseInsensitive) == 0)
        query.status = status.toLower();
    else if (!status.isEmpty() && status.compare(QLatin1String("all"), Qt::CaseInsensitive) != 0)
        query.status = canonicalStatus(status);
    if (!status.isEmpty() && status.compare(QLatin1String("all"), Qt::CaseInsensitive) != 0 &&
        query.status.isEmpty())
        return fail(ctx, QStringLiteral("unknown status '%1'").arg(status),
                    QStringLiteral("use one of %1, open, archived or all")
                        .arg(anomaly_status::all().join(QStringLiteral(", "))),
                    Usage);
    const QString type = p.value(QStringLiteral("type")).trimmed().toLower();
    if (!type.isEmpty() && type != QLatin1String("record") && type != QLatin1String("shape"))
        return fail(ctx, QStringLiteral("unknown type '%1'").arg(type),
                    QStringLiteral("use record or shape"), Usage);
    query.type = type;
    if (p.isSet(QStringLiteral("container"))) {
        const QString name = p.value(QStringLiteral("container"));
        const auto c = findContainer(ctx, d->id, name);
        if (!c)
            return fail(ctx, QStringLiteral("no container named '%1' in '%2'").arg(name, d->name),
                        QStringLiteral("see 'assay containers list --datastore %1'").arg(d->name));
        query.containerId = c->id;
    }
    bool limitOk = false;
    const int limit = p.value(QStringLiteral("limit")).toInt(&limitOk);
    if (!limitOk || limit < 0)
        return fail(ctx, QStringLiteral("--limit takes a number (0: all)"), kUsage, Usage);

    QList<Anomaly> found;
    for (int offset = 0;; offset += kPage) {
        const int want = limit ? qMin(kPage, limit - int(found.size())) : kPage;
        if (want <= 0)
            break;
        const QList<Anomaly> page = ctx.catalog->anomalies(query, offset, want);
        found += page;
        if (page.size() < want)
            break;
    }
    if (!ctx.catalog->lastError().isEmpty() && found.isEmpty() &&
        ctx.catalog->anomalyCount(query) > 0)
        return fail(ctx, ctx.catalog->lastError());

    if (p.isSet(QStringLiteral("json"))) {
        QJsonArray array;
        for (const Anomaly &a : std::as_const(found))
            array << anomalyJson(a);
        printJson(ctx, array);
        return Success;
    }
    if (found.isEmpty()) {
        *ctx.out << QStringLiteral("No anomalies.\n");
        return Success;
    }
    QList<QStringList> rows;
    for (const Anomaly &a : std::as_const(found))
        rows << QStringList{QString::number(a.id),
                            a.type,
                            a.status,
                            a.containerName,
                            rulesText(a),
                            a.anomalousRecordCount ? QString::number(a.anomalousRecordCount)
                                                   : QStringLiteral("-"),
                            text::fromTime(a.createdAt),
                            a.message};
    printTable(ctx,
               {QStringLiteral("ID"), QStringLiteral("TYPE"), QStringLiteral("STATUS"),
                QStringLiteral("CONTAINER"), QStringLiteral("RULE"), QStringLiteral("RECORDS"),
                QStringLiteral("CREATED"), QStringLiteral("MESSAGE")},
               rows);
    return Success;
}

QJsonArray historyJson(const QList<AnomalyEvent> &events)
{
    QJsonArray out;
    for (const AnomalyEvent &e : events)
        out << QJsonObject{{QStringLiteral("at"), text::fromTime(e.at)},
                           {QStringLiteral("from"), e.fromStatus},
                           {QStringLiteral("to"), e.toStatus},
                           {QStringLiteral("comment"), e.comment}};
    return out;
}

void printShow(Context &ctx, const Anomaly &a, const QList<AnomalyEvent> &events)
{
    QTextStream &out = *ctx.out;
    const auto d = ctx.catalog->datastore(a.datastoreId);
    out << QStringLiteral("Anomaly %1 (%2, %3)\n").arg(a.id).arg(a.type, a.status);
    out << QStringLiteral("  UUID:              %1\n").arg(a.uuid);
    out << QStringLiteral("  Datastore:         %1\n")
               .arg(d ? d->name : QString::number(a.datastoreId));
    out << QStringLiteral("  Container:         %1\n").arg(a.containerName);
    out << QStringLiteral("  Created:           %1\n").arg(text::fromTime(a.createdAt));
    if (a.operationId)
        out << QStringLiteral("  Found by:          scan operation %1\n").arg(a.operationId);
    if (a.anomalousRecordCount)
        out << QStringLiteral("  Anomalous records: %1\n").arg(a.anomalousRecordCount);
    if (!a.comment.isEmpty())
        out << QStringLiteral("  Latest comment:    %1\n").arg(a.comment);
    out << QStringLiteral("  Message:           %1\n").arg(a.message);
    out << QStringLiteral("\nFailed checks:\n");
    for (const AnomalyFailedCheck &f : a.failedChecks)
        out << QStringLiteral("  %1 (%2): %3\n")
                   .arg(f.rule, f.fields.join(QStringLiteral(", ")), f.message);
    out << QStringLiteral("\nSource records (%1):\n").arg(a.sourceRecords.size());
    out.flush();
    if (!a.sourceRecords.isEmpty()) {
        QStringList columns;
        for (const Field &f : ctx.catalog->fields(a.containerId))
            columns << f.name;
        QStringList header;
        for (const QJsonValue &row : a.sourceRecords)
            for (const QString &key : row.toObject().keys())
                if (!header.contains(key))
                    header << key;
        // The container's field order where known, then the rest.
        std::stable_sort(header.begin(), header.end(), [&](const QString &x, const QString &y) {
            const int i = columns.indexOf(x), j = columns.indexOf(y);
            return (i < 0 ? INT_MAX : i) < (j < 0 ? INT_MAX : j);
        });
        QList<QStringList> rows;
        for (const QJsonValue &row : a.sourceRecords) {
            QStringList cells;
            for (const QString &key : std::as_const(header))
                cells << cellText(row.toObject().value(key));
            rows << cells;
        }
        printTable(ctx, header, rows);
    }
    out << QStringLiteral("\nStatus history:\n");
    out << QStringLiteral("  %1  found (Active)\n").arg(text::fromTime(a.createdAt));
    for (const AnomalyEvent &e : events)
        out << QStringLiteral("  %1  %2 -> %3%4\n")
                   .arg(text::fromTime(e.at), e.fromStatus, e.toStatus,
                        e.comment.isEmpty() ? QString() : QStringLiteral(": ") + e.comment);
    out.flush();
}

int show(Context &ctx)
{
    QCommandLineParser p;
    p.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
    p.addPositionalArgument(QStringLiteral("id"), QStringLiteral("The anomaly's id."));
    if (!parse(ctx, p, kUsage))
        return ctx.helpShown ? Success : Usage;
    qint64 id = 0;
    if (!parseId(p.positionalArguments().value(0), &id))
        return fail(ctx, QStringLiteral("give the anomaly's id"), kUsage, Usage);
    const auto a = ctx.catalog->anomaly(id);
    if (!a)
        return fail(ctx, QStringLiteral("anomaly %1 does not exist").arg(id),
                    QStringLiteral("see 'assay anomalies list --datastore NAME'"));
    const QList<AnomalyEvent> events = ctx.catalog->anomalyEvents(id);
    if (p.isSet(QStringLiteral("json"))) {
        QJsonObject o = anomalyJson(*a);
        o.insert(QStringLiteral("source_records"), a->sourceRecords);
        o.insert(QStringLiteral("status_history"), historyJson(events));
        printJson(ctx, o);
        return Success;
    }
    printShow(ctx, *a, events);
    return Success;
}

int update(Context &ctx)
{
    QCommandLineParser p;
    p.addOptions({{QStringLiteral("status"),
                   QStringLiteral("Acknowledged, Resolved, Invalid, or Active to reopen."),
                   QStringLiteral("S")},
                  {QStringLiteral("comment"), QStringLiteral("Why (kept in the status history)."),
                   QStringLiteral("TEXT")},
                  {QStringLiteral("json"), QStringLiteral("Print the anomaly as JSON.")}});
    p.addPositionalArgument(QStringLiteral("id"), QStringLiteral("The anomaly's id."));
    if (!parse(ctx, p, kUsage))
        return ctx.helpShown ? Success : Usage;
    qint64 id = 0;
    if (!parseId(p.positionalArguments().value(0), &id))
        return fail(ctx, QStringLiteral("give the anomaly's id"), kUsage, Usage);
    if (!p.isSet(QStringLiteral("status")))
        return fail(ctx, QStringLiteral("--status is required"), kUsage, Usage);
    const QString status = canonicalStatus(p.value(QStringLiteral("status")).trimmed());
    if (status.isEmpty())
        return fail(ctx,
                    QStringLiteral("unknown status '%1'").arg(p.value(QStringLiteral("status"))),
                    QStringLiteral("use Acknowledged, Resolved, Invalid or Active"), Usage);
    const auto before = ctx.catalog->anomaly(id);
    if (!before)
        return fail(ctx, QStringLiteral("anomaly %1 does not exist").arg(id),
                    QStringLiteral("see 'assay anomalies list --datastore NAME'"));
    if (!anomaly_status::canTransition(before->status, status)) {
        QString hint;
        if (before->status == status)
            hint = QStringLiteral("it already is");
        else if (status == anomaly_status::kDuplicate)
            hint = QStringLiteral("only Scan marks anomalies as duplicates");
        else if (!anomaly_status::isOpen(before->status))
            hint = QStringLiteral("an archived anomaly can only be reopened (--status Active)");
        else
            hint = QStringLiteral("an acknowledged anomaly stays open until resolved or "
                                  "marked invalid");
        return fail(ctx, QStringLiteral("anomaly %1 is %2 and cannot become %3; %4")
                             .arg(id)
                             .arg(before->status, status, hint));
    }
    if (!ctx.catalog->setAnomalyStatus(id, status, p.value(QStringLiteral("comment"))))
        return fail(ctx, ctx.catalog->lastError());
    if (p.isSet(QStringLiteral("json"))) {
        printJson(ctx, anomalyJson(*ctx.catalog->anomaly(id)));
        return Success;
    }
    *ctx.out << QStringLiteral("Anomaly %1: %2 -> %3\n").arg(id).arg(before->status, status);
    return Success;
}

} // namespace

int runAnomalies(Context &ctx)
{
    return dispatch(ctx, QStringLiteral("anomalies"), kUsage,
                    {
                        {"list", list},
                        {"show", show},
                        {"update", update},
                    });
}

} // namespace assay::cli
