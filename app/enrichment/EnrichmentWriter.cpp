#include "app/enrichment/EnrichmentWriter.h"

#include "app/enrichment/EnrichmentTables.h"
#include "models/domain/Clock.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QtEndian>

namespace assay {

namespace {

using enrichment::ColumnType;

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(assay::EnrichmentWriter)
};

QVariant text(const QString &value)
{
    // A null QString would be bound as NULL; partitions and names are "" when absent.
    return value.isNull() ? QVariant(QStringLiteral("")) : QVariant(value);
}

QVariant textOrNull(const QString &value)
{
    return value.isEmpty() ? enrichment::nullValue(ColumnType::Text) : QVariant(value);
}

QVariant integer(qint64 value)
{
    return QVariant(qlonglong(value));
}

QString jsonArray(const QStringList &names)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(names)).toJson(QJsonDocument::Compact));
}

QString compactJson(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    // A scalar: wrap and unwrap so strings keep their JSON quoting.
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
}

// A source value as the text a remediation column holds; NULL for JSON null or a missing key.
QVariant remediationValue(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return enrichment::nullValue(ColumnType::Text);
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: {
        const double d = value.toDouble();
        // Whole numbers as integers (JSON keeps them as doubles), others at full precision.
        if (d == qint64(d) && qAbs(d) < 9007199254740992.0)
            return QString::number(qint64(d));
        return QString::number(d, 'g', 17);
    }
    case QJsonValue::String:
        return value.toString();
    default:
        return compactJson(value);
    }
}

// FINGERPRINT is an INTEGER column; Anomaly::fingerprint is text.
QVariant fingerprintValue(const QString &fingerprint)
{
    if (fingerprint.isEmpty())
        return enrichment::nullValue(ColumnType::Integer);
    bool ok = false;
    const qint64 decimal = fingerprint.toLongLong(&ok, 10);
    if (ok)
        return integer(decimal);
    if (fingerprint.size() <= 16) {
        const quint64 hex = fingerprint.toULongLong(&ok, 16);
        if (ok)
            return integer(qint64(hex & 0x7fffffffffffffffULL));
    }
    const QByteArray digest =
        QCryptographicHash::hash(fingerprint.toUtf8(), QCryptographicHash::Sha256);
    const quint64 head = qFromBigEndian<quint64>(digest.constData());
    return integer(qint64(head & 0x7fffffffffffffffULL));
}

// The source rows of an anomaly that are written: at most `limit` of them.
QList<QJsonValue> cappedRecords(const Anomaly &anomaly, qint64 limit)
{
    QList<QJsonValue> out;
    const qint64 n = qMin<qint64>(qMax<qint64>(0, limit), anomaly.sourceRecords.size());
    for (qint64 i = 0; i < n; ++i)
        out << anomaly.sourceRecords.at(int(i));
    return out;
}

// The source columns for remediation: the container's, else every key the rows hold.
QStringList remediationSourceColumns(const ContainerScanResult &result)
{
    if (!result.sourceColumns.isEmpty())
        return result.sourceColumns;
    QStringList keys;
    for (const Anomaly &a : result.anomalies)
        for (const QJsonValue &record : cappedRecords(a, result.sourceRecordLimit))
            for (const QString &key : record.toObject().keys())
                if (!keys.contains(key))
                    keys << key;
    return keys;
}

} // namespace

EnrichmentWriter::EnrichmentWriter(QSqlDatabase target, SqlDialect dialect, QString schema,
                                   QString prefix)
    : m_db(std::move(target)), m_dialect(dialect), m_schema(std::move(schema)),
      m_prefix(std::move(prefix))
{
}

QString EnrichmentWriter::remediationTable(qint64 containerId) const
{
    return enrichment::remediationTableName(m_prefix, containerId);
}

bool EnrichmentWriter::prepare(QString *error)
{
    if (m_prefix.isEmpty()) {
        if (error)
            *error = Text::tr("The enrichment prefix is empty: link the enrichment datastore "
                              "again with a prefix.");
        return false;
    }
    if (!m_db.isOpen()) {
        if (error)
            *error = Text::tr("The enrichment datastore is not connected.");
        return false;
    }
    // A scan of another source datastore may be writing to the same SQLite file: wait for it
    // rather than fail with "database is locked".
    if (m_dialect.family() == SqlDialect::Family::SQLite)
        QSqlQuery(m_db).exec(QStringLiteral("PRAGMA busy_timeout = 10000"));
    enrichment::TableWriter tables(m_db, m_dialect, m_schema);
    for (const QString &suffix : {enrichment::kScanOperations, enrichment::kCheckMetrics,
                                  enrichment::kFailedChecks, enrichment::kSourceRecords}) {
        if (!tables.ensureTable(enrichment::tableName(m_prefix, suffix),
                                enrichment::columnsOf(suffix), error))
            return false;
    }
    m_prepared = true;
    return true;
}

bool EnrichmentWriter::deleteEarlierAttempt(enrichment::TableWriter &tables,
                                            const ContainerScanResult &result,
                                            const QString &remediationName, bool remediate,
                                            QString *error)
{
    const QString partition = result.partition.isNull() ? QStringLiteral("") : result.partition;
    const auto where = [&](const QString &suffix, const char *partitionColumn) {
        const QString table = enrichment::tableName(m_prefix, suffix);
        return tables.exec(
            QStringLiteral("DELETE FROM %1 WHERE %2 = ? AND %3 = ? AND %4 = ?")
                .arg(tables.qualified(table), m_dialect.quote(QStringLiteral("OPERATION_ID")),
                     m_dialect.quote(QStringLiteral("CONTAINER_ID")),
                     m_dialect.quote(QLatin1String(partitionColumn))),
            {integer(result.operationId), integer(result.containerId), text(partition)}, error,
            table);
    };
    if (!where(enrichment::kScanOperations, "PARTITION_NAME") ||
        !where(enrichment::kCheckMetrics, "SOURCE_PARTITION"))
        return false;
    // The anomalies' rows, by their UUIDs, a few hundred per statement.
    QStringList tablesByUuid{enrichment::tableName(m_prefix, enrichment::kFailedChecks),
                             enrichment::tableName(m_prefix, enrichment::kSourceRecords)};
    if (remediate)
        tablesByUuid << remediationName;
    constexpr int kChunk = 500;
    for (int from = 0; from < result.anomalies.size(); from += kChunk) {
        QVariantList uuids;
        for (int i = from; i < qMin(int(result.anomalies.size()), from + kChunk); ++i)
            uuids << text(result.anomalies.at(i).uuid);
        QStringList marks(uuids.size(), QStringLiteral("?"));
        for (const QString &table : std::as_const(tablesByUuid))
            if (!tables.exec(QStringLiteral("DELETE FROM %1 WHERE %2 IN (%3)")
                                 .arg(tables.qualified(table),
                                      m_dialect.quote(enrichment::kAnomalyUuidColumn),
                                      marks.join(QLatin1Char(','))),
                             uuids, error, table))
                return false;
    }
    return true;
}

bool EnrichmentWriter::write(const ContainerScanResult &result, RemediationStrategy remediation,
                             QString *error, Attempt attempt)
{
    if (!m_prepared && !prepare(error))
        return false;
    enrichment::TableWriter tables(m_db, m_dialect, m_schema);
    const QString partition = result.partition.isNull() ? QStringLiteral("") : result.partition;
    const QDateTime now = Clock::utcNow();

    // Remediation DDL before the transaction: MySQL commits DDL implicitly.
    // Without the container's columns and without rows there is nothing to shape a table by.
    const QStringList sourceColumns =
        remediation == RemediationStrategy::None ? QStringList() : remediationSourceColumns(result);
    const bool remediate = !sourceColumns.isEmpty();
    QList<enrichment::Column> remediationColumns;
    const QString remediationName = remediationTable(result.containerId);
    if (remediate) {
        remediationColumns = enrichment::remediationColumns(sourceColumns);
        if (!tables.ensureTable(remediationName, remediationColumns, error))
            return false;
    }

    // Every row is built first, so the transaction holds only inserts.
    QList<QVariantList> scanRows;
    scanRows << QVariantList{integer(result.operationId),
                             integer(result.datastoreId),
                             integer(result.containerId),
                             text(partition),
                             m_dialect.family() == SqlDialect::Family::PostgreSQL ||
                                     m_dialect.family() == SqlDialect::Family::Redshift
                                 ? QVariant(result.incremental)
                                 : QVariant(result.incremental ? 1 : 0),
                             integer(result.recordsProcessed),
                             integer(result.sourceRecordLimit),
                             result.maxRecordsAnalyzed < 0
                                 ? enrichment::nullValue(ColumnType::Integer)
                                 : integer(result.maxRecordsAnalyzed),
                             integer(result.anomalies.size()),
                             enrichment::timestampValue(m_dialect, result.startTime),
                             enrichment::timestampValue(m_dialect, result.endTime),
                             textOrNull(result.result),
                             textOrNull(result.message)};

    QList<QVariantList> metricRows;
    for (const CheckMetric &m : result.metrics)
        metricRows << QVariantList{integer(m.operationId ? m.operationId : result.operationId),
                                   integer(m.containerId ? m.containerId : result.containerId),
                                   text(result.datastoreName),
                                   text(result.containerName),
                                   text(partition),
                                   textOrNull(m.result),
                                   textOrNull(m.details),
                                   integer(m.checkId),
                                   integer(m.assertedRecords),
                                   integer(m.anomalousRecords),
                                   text(partition)};

    QList<QVariantList> failedRows, recordRows, remediationRows;
    for (const Anomaly &a : result.anomalies) {
        const QDateTime detected =
            a.createdAt.isValid() ? a.createdAt : (result.endTime.isValid() ? result.endTime : now);
        for (const AnomalyFailedCheck &fc : a.failedChecks) {
            const Check check = result.checks.value(fc.checkId);
            const QString rule = fc.rule.isEmpty() ? check.rule : fc.rule;
            const QStringList fields = fc.fields.isEmpty() ? check.fields : fc.fields;
            const QString message = fc.message.isEmpty() ? a.message : fc.message;
            failedRows << QVariantList{
                integer(fc.checkId),
                text(a.uuid),
                textOrNull(message),
                enrichment::nullValue(ColumnType::Text),  // SUGGESTED_REMEDIATION_FIELD
                enrichment::nullValue(ColumnType::Text),  // SUGGESTED_REMEDIATION_VALUE
                enrichment::nullValue(ColumnType::Float), // SUGGESTED_REMEDIATION_SCORE
                textOrNull(rule),
                jsonArray(check.tags),
                compactJson(check.properties),
                textOrNull(check.description),
                enrichment::nullValue(ColumnType::Text), // QUALITY_CHECK_METADATA
                jsonArray(fields),
                integer(a.anomalousRecordCount),
                integer(a.operationId ? a.operationId : result.operationId),
                enrichment::timestampValue(m_dialect, detected),
                text(result.containerName),
                text(a.partition.isEmpty() ? partition : a.partition),
                text(result.datastoreName),
                // The reference fills FINGERPRINT only with Reactivate Recurring Anomalies on;
                // every anomaly has one here (it costs nothing), so it is always written: the
                // same column either way, and recurrences can be grouped whatever the option.
                fingerprintValue(a.fingerprint),
            };
        }
        for (const QJsonValue &record : cappedRecords(a, result.sourceRecordLimit)) {
            recordRows << QVariantList{text(result.containerName),
                                       text(a.partition.isEmpty() ? partition : a.partition),
                                       text(a.uuid), textOrNull(a.message), compactJson(record)};
            if (!remediate)
                continue;
            const QJsonObject object = record.toObject();
            QVariantList row;
            for (const QString &column : std::as_const(sourceColumns))
                row << remediationValue(object.value(column));
            row << text(a.partition.isEmpty() ? partition : a.partition) << text(a.uuid);
            remediationRows << row;
        }
    }

    if (!m_db.transaction()) {
        if (error)
            *error = tables.describe(m_db.lastError(),
                                     enrichment::tableName(m_prefix, enrichment::kScanOperations));
        return false;
    }
    auto insert = [&](const QString &suffix, const QList<QVariantList> &rows) {
        return tables.insertRows(enrichment::tableName(m_prefix, suffix),
                                 enrichment::columnNames(enrichment::columnsOf(suffix)), rows,
                                 error);
    };
    bool ok = (attempt == Attempt::First ||
               deleteEarlierAttempt(tables, result, remediationName, remediate, error)) &&
              insert(enrichment::kScanOperations, scanRows) &&
              insert(enrichment::kCheckMetrics, metricRows) &&
              insert(enrichment::kFailedChecks, failedRows) &&
              insert(enrichment::kSourceRecords, recordRows);
    const bool replace = remediate && remediation == RemediationStrategy::Overwrite &&
                         !m_replacedRemediation.contains(result.containerId);
    if (ok && replace)
        ok = tables.exec(QStringLiteral("DELETE FROM %1").arg(tables.qualified(remediationName)),
                         {}, error, remediationName);
    if (ok && remediate)
        ok = tables.insertRows(remediationName, enrichment::columnNames(remediationColumns),
                               remediationRows, error);
    if (ok && !m_db.commit()) {
        ok = false;
        if (error)
            *error = tables.describe(m_db.lastError(),
                                     enrichment::tableName(m_prefix, enrichment::kScanOperations));
    }
    if (!ok) {
        m_db.rollback();
        return false;
    }
    if (replace)
        m_replacedRemediation.insert(result.containerId);
    return true;
}

} // namespace assay
