#include "models/catalog/Catalog.h"
#include "models/catalog/CatalogRows.h"
#include "models/catalog/ColumnValues.h"
#include "models/domain/Clock.h"
#include "models/domain/Json.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

// The profiles half of the Catalog: field profiles written by Profile operations, as history.
namespace assay {

namespace {

constexpr const char *kColumns =
    "p.id, p.operation_id, p.container_id, p.field_id, p.field_name, p.profiled_at, p.records, "
    "p.completeness, p.distinct_values, p.distinct_approximate, p.min_value, p.max_value, "
    "p.mean, p.sum, p.std_dev, p.skewness, p.kurtosis, p.min_length, p.max_length, p.q1, "
    "p.median, p.q3, p.quantiles_approximate, p.declared_type, p.inferred_type, p.histogram, "
    "p.entropy, p.buckets, p.sampled, p.moments_approximate, p.deviation_approximate, p.note";

QVariant optional(const std::optional<double> &v)
{
    return v ? QVariant(*v) : QVariant(QMetaType::fromType<double>());
}

QVariant optional(const std::optional<qint64> &v)
{
    return v ? QVariant(*v) : QVariant(QMetaType::fromType<qint64>());
}

QVariant optionalText(const QString &v)
{
    return v.isNull() ? QVariant(QMetaType::fromType<QString>()) : QVariant(v);
}

std::optional<double> readDouble(const QSqlQuery &q, int i)
{
    return q.isNull(i) ? std::nullopt : std::optional<double>(q.value(i).toDouble());
}

std::optional<qint64> readInt(const QSqlQuery &q, int i)
{
    return q.isNull(i) ? std::nullopt : std::optional<qint64>(q.value(i).toLongLong());
}

FieldProfile readProfile(const QSqlQuery &q)
{
    FieldProfile p;
    p.id = q.value(0).toLongLong();
    p.operationId = q.value(1).toLongLong();
    p.containerId = q.value(2).toLongLong();
    p.fieldId = q.value(3).toLongLong();
    p.fieldName = q.value(4).toString();
    p.profiledAt = text::toTime(q.value(5).toString());
    p.records = q.value(6).toLongLong();
    p.completeness = q.value(7).toDouble();
    p.distinctValues = q.value(8).toLongLong();
    p.distinctApproximate = q.value(9).toInt() != 0;
    p.minValue = q.isNull(10) ? QString() : q.value(10).toString();
    p.maxValue = q.isNull(11) ? QString() : q.value(11).toString();
    p.mean = readDouble(q, 12);
    p.sum = readDouble(q, 13);
    p.stdDev = readDouble(q, 14);
    p.skewness = readDouble(q, 15);
    p.kurtosis = readDouble(q, 16);
    p.minLength = readInt(q, 17);
    p.maxLength = readInt(q, 18);
    p.q1 = readDouble(q, 19);
    p.median = readDouble(q, 20);
    p.q3 = readDouble(q, 21);
    p.quantilesApproximate = q.value(22).toInt() != 0;
    p.declaredType = q.value(23).toString();
    p.inferredType = q.value(24).toString();
    p.histogram = QJsonDocument::fromJson(q.value(25).toString().toUtf8()).array();
    p.entropy = readDouble(q, 26);
    p.buckets = QJsonDocument::fromJson(q.value(27).toString().toUtf8()).array();
    p.sampled = q.value(28).toInt() != 0;
    p.momentsApproximate = q.value(29).toInt() != 0;
    p.deviationApproximate = q.value(30).toInt() != 0;
    p.note = q.value(31).toString();
    return p;
}

} // namespace

bool Catalog::addFieldProfiles(const QList<FieldProfile> &profiles)
{
    QSqlDatabase db = database();
    if (!db.transaction())
        return fail(tr("Catalog error: %1").arg(db.lastError().text()));
    QSqlQuery q(db);
    const auto row = [](const FieldProfile &p) {
        const auto json = [](const QJsonArray &a) {
            return QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Compact));
        };
        catalog::ColumnValues v;
        v.set("operation_id",
              p.operationId ? QVariant(p.operationId) : QVariant(QMetaType::fromType<qint64>()))
            .set("container_id", p.containerId)
            .set("field_id", p.fieldId)
            .set("field_name", p.fieldName)
            .set("profiled_at",
                 text::fromTime(p.profiledAt.isValid() ? p.profiledAt : Clock::utcNow()))
            .set("records", p.records)
            .set("completeness", p.completeness)
            .set("distinct_values", p.distinctValues)
            .set("distinct_approximate", p.distinctApproximate ? 1 : 0)
            .set("min_value", optionalText(p.minValue))
            .set("max_value", optionalText(p.maxValue))
            .set("mean", optional(p.mean))
            .set("sum", optional(p.sum))
            .set("std_dev", optional(p.stdDev))
            .set("skewness", optional(p.skewness))
            .set("kurtosis", optional(p.kurtosis))
            .set("min_length", optional(p.minLength))
            .set("max_length", optional(p.maxLength))
            .set("q1", optional(p.q1))
            .set("median", optional(p.median))
            .set("q3", optional(p.q3))
            .set("quantiles_approximate", p.quantilesApproximate ? 1 : 0)
            .set("declared_type", catalog::notNull(p.declaredType))
            .set("inferred_type", catalog::notNull(p.inferredType))
            .set("histogram", json(p.histogram))
            .set("entropy", optional(p.entropy))
            .set("buckets", json(p.buckets))
            .set("sampled", p.sampled ? 1 : 0)
            .set("moments_approximate", p.momentsApproximate ? 1 : 0)
            .set("deviation_approximate", p.deviationApproximate ? 1 : 0)
            .set("note", catalog::notNull(p.note));
        return v;
    };
    if (!profiles.isEmpty())
        q.prepare(row(profiles.first()).insertInto("field_profiles"));
    for (const FieldProfile &p : profiles) {
        row(p).bind(q);
        if (!q.exec()) {
            failQuery(q);
            db.rollback();
            return false;
        }
    }
    if (!db.commit()) {
        db.rollback();
        return fail(tr("Catalog error: %1").arg(db.lastError().text()));
    }
    return true;
}

QList<FieldProfile> Catalog::latestFieldProfiles(qint64 containerId) const
{
    QList<FieldProfile> out;
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT %1 FROM field_profiles p JOIN fields f ON f.id = p.field_id "
                             "WHERE p.container_id = ? AND p.id = (SELECT MAX(l.id) FROM "
                             "field_profiles l WHERE l.field_id = p.field_id) ORDER BY f.ordinal")
                  .arg(QLatin1String(kColumns)));
    q.addBindValue(containerId);
    if (!q.exec())
        failQuery(q);
    while (q.next())
        out << readProfile(q);
    return out;
}

QHash<qint64, qint64> Catalog::latestRecordCounts(qint64 datastoreId) const
{
    QHash<qint64, qint64> out;
    QSqlQuery q(database());
    q.prepare(QStringLiteral(
        "SELECT p.container_id, p.records FROM field_profiles p WHERE p.id IN (SELECT "
        "MAX(f.id) FROM field_profiles f JOIN containers c ON c.id = f.container_id WHERE "
        "c.datastore_id = ? AND c.removed = 0 GROUP BY f.container_id)"));
    q.addBindValue(datastoreId);
    if (!q.exec())
        failQuery(q);
    while (q.next())
        out.insert(q.value(0).toLongLong(), q.value(1).toLongLong());
    return out;
}

QList<FieldProfile> Catalog::fieldProfileHistory(qint64 fieldId, int limit) const
{
    QList<FieldProfile> out;
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT %1 FROM field_profiles p WHERE p.field_id = ? ORDER BY p.id "
                             "DESC LIMIT ?")
                  .arg(QLatin1String(kColumns)));
    q.addBindValue(fieldId);
    q.addBindValue(limit);
    if (!q.exec())
        failQuery(q);
    while (q.next())
        out << readProfile(q);
    return out;
}

} // namespace assay
