#include "models/catalog/Catalog.h"
#include "models/domain/Clock.h"
#include "models/domain/Json.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

// The Activity half of the Catalog: per-day counts for the heatmap and the paged, filtered,
// sorted operation list. Values are always bound; the ORDER BY comes from a fixed whitelist.
namespace assay {

namespace {

// The light columns the operation list shows (no options, counters or result JSON).
const char *const kListColumns = "id, datastore_id, type, status, triggered_by, schedule_id,"
                                 " message, progress, created_at, started_at, ended_at";

Operation readListRow(const QSqlQuery &q)
{
    Operation o;
    o.id = q.value(0).toLongLong();
    o.datastoreId = q.value(1).toLongLong();
    o.type = q.value(2).toString();
    o.status = q.value(3).toString();
    o.triggeredBy = q.value(4).toString();
    o.scheduleId = q.value(5).toLongLong();
    o.message = q.value(6).toString();
    o.progress = q.value(7).toDouble();
    o.createdAt = text::toTime(q.value(8).toString());
    o.startedAt = text::toTime(q.value(9).toString());
    o.endedAt = text::toTime(q.value(10).toString());
    return o;
}

// Escapes LIKE's wildcards (and the escape character) so a name matches only itself.
QString likeEscaped(const QString &value)
{
    QString out;
    out.reserve(value.size() + 4);
    for (const QChar c : value) {
        if (c == QLatin1Char('\\') || c == QLatin1Char('%') || c == QLatin1Char('_'))
            out += QLatin1Char('\\');
        out += c;
    }
    return out;
}

// A container name as it appears inside the options/result JSON text: a quoted JSON string.
QString jsonQuoted(const QString &name)
{
    const QByteArray array = QJsonDocument(QJsonArray{name}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(array.mid(1, array.size() - 2)); // strip [ and ]
}

struct Where
{
    QStringList clauses;
    QVariantList values;

    QString sql() const
    {
        return clauses.isEmpty()
                   ? QString()
                   : QStringLiteral(" WHERE ") + clauses.join(QStringLiteral(" AND "));
    }
    void bindTo(QSqlQuery &q) const
    {
        for (const QVariant &v : values)
            q.addBindValue(v);
    }
};

Where whereFor(const OperationQuery &query, bool withStatus)
{
    Where w;
    if (query.datastoreId) {
        w.clauses << QStringLiteral("datastore_id = ?");
        w.values << query.datastoreId;
    }
    if (!query.type.isEmpty()) {
        w.clauses << QStringLiteral("type = ?");
        w.values << query.type;
    }
    if (withStatus && !query.status.isEmpty()) {
        w.clauses << QStringLiteral("status = ?");
        w.values << query.status;
    }
    if (query.day.isValid()) {
        // ISO text sorts like time: the day's range uses the (datastore_id, created_at) index.
        w.clauses << QStringLiteral("created_at >= ? AND created_at < ?");
        w.values << query.day.toString(Qt::ISODate) << query.day.addDays(1).toString(Qt::ISODate);
    }
    if (!query.container.isEmpty()) {
        const QString pattern =
            QLatin1Char('%') + likeEscaped(jsonQuoted(query.container)) + QLatin1Char('%');
        w.clauses << QStringLiteral("(options LIKE ? ESCAPE '\\' OR result LIKE ? ESCAPE '\\')");
        w.values << pattern << pattern;
    }
    if (!query.idPrefix.isEmpty()) {
        w.clauses << QStringLiteral("CAST(id AS TEXT) LIKE ? ESCAPE '\\'");
        w.values << likeEscaped(query.idPrefix) + QLatin1Char('%');
    }
    return w;
}

// Duration in days (julianday); a running operation counts until now, one never started is
// NULL and sorts last either way. julianday() is SQLite's: the one expression to port.
const char *const kDurationExpression =
    "(julianday(COALESCE(ended_at, ?)) - julianday(started_at))";

} // namespace

QHash<QDate, int> Catalog::operationCountsByDay(qint64 datastoreId, const QDate &from,
                                                const QDate &to) const
{
    QHash<QDate, int> out;
    if (!from.isValid() || !to.isValid() || to < from)
        return out;
    QString sql = QStringLiteral("SELECT substr(created_at, 1, 10) AS day, COUNT(*)"
                                 " FROM operations WHERE created_at >= ? AND created_at < ?");
    if (datastoreId)
        sql += QStringLiteral(" AND datastore_id = ?");
    sql += QStringLiteral(" GROUP BY substr(created_at, 1, 10)");
    QSqlQuery q(database());
    q.setForwardOnly(true);
    q.prepare(sql);
    q.addBindValue(from.toString(Qt::ISODate));
    q.addBindValue(to.addDays(1).toString(Qt::ISODate));
    if (datastoreId)
        q.addBindValue(datastoreId);
    if (!q.exec()) {
        failQuery(q);
        return out;
    }
    while (q.next()) {
        const QDate day = QDate::fromString(q.value(0).toString(), Qt::ISODate);
        if (day.isValid())
            out.insert(day, q.value(1).toInt());
    }
    return out;
}

QList<Operation> Catalog::operationPage(const OperationQuery &query, int offset, int limit) const
{
    QList<Operation> out;
    if (limit <= 0)
        return out;
    const Where where = whereFor(query, true);
    const bool byDuration = query.sort == OperationQuery::Sort::Duration;
    const QLatin1String direction(query.descending ? "DESC" : "ASC");
    const QString order = byDuration ? QStringLiteral("%1 %2 NULLS LAST, id %2")
                                           .arg(QLatin1String(kDurationExpression), direction)
                                     : QStringLiteral("created_at %1, id %1").arg(direction);
    // A deferred join: the page is chosen sorting only ids (and their sort keys), then its
    // rows are read; sorting whole rows of every datastore would cost ten times more.
    QSqlQuery q(database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM operations WHERE id IN (SELECT id FROM operations%2"
                             " ORDER BY %3 LIMIT ? OFFSET ?) ORDER BY %3")
                  .arg(QLatin1String(kListColumns), where.sql(), order));
    const QString now = text::fromTime(Clock::utcNow());
    where.bindTo(q);
    if (byDuration)
        q.addBindValue(now);
    q.addBindValue(limit);
    q.addBindValue(qMax(0, offset));
    if (byDuration)
        q.addBindValue(now);
    if (!q.exec()) {
        failQuery(q);
        return out;
    }
    out.reserve(limit);
    while (q.next())
        out << readListRow(q);
    return out;
}

int Catalog::operationCount(const OperationQuery &query) const
{
    const Where where = whereFor(query, true);
    QSqlQuery q(database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM operations") + where.sql());
    where.bindTo(q);
    if (!q.exec()) {
        failQuery(q);
        return 0;
    }
    return q.next() ? q.value(0).toInt() : 0;
}

QHash<QString, int> Catalog::operationStatusCounts(const OperationQuery &query) const
{
    QHash<QString, int> out;
    const Where where = whereFor(query, false);
    QSqlQuery q(database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT status, COUNT(*) FROM operations%1 GROUP BY status")
                  .arg(where.sql()));
    where.bindTo(q);
    if (!q.exec()) {
        failQuery(q);
        return out;
    }
    while (q.next())
        out.insert(q.value(0).toString(), q.value(1).toInt());
    return out;
}

} // namespace assay
