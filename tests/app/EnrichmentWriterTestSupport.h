#pragma once

// Data and helpers of tst_enrichmentwriter: a crafted scan result, the spec's column lists
// (written out here, independently of app/enrichment), and the three real targets.
#include "TestSupport.h"
#include "app/connectors/SourceSession.h"
#include "app/enrichment/EnrichmentWriter.h"

#include <QDebug>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <map>
#include <memory>

namespace assay::enrichtest {

const QDateTime kStart =
    QDateTime::fromString(QStringLiteral("2025-03-01T10:00:00.123Z"), Qt::ISODateWithMs);
const QDateTime kEnd =
    QDateTime::fromString(QStringLiteral("2025-03-01T10:00:05.456Z"), Qt::ISODateWithMs);
const QDateTime kDetected =
    QDateTime::fromString(QStringLiteral("2025-03-01T10:00:04.000Z"), Qt::ISODateWithMs);

inline QStringList expectedColumns(const QString &suffix)
{
    if (suffix == QLatin1String("check_metrics"))
        return {"OPERATION_ID",
                "CONTAINER_ID",
                "SOURCE_DATASTORE",
                "SOURCE_CONTAINER",
                "SOURCE_PARTITION",
                "ASSERTION_RESULT",
                "ASSERTION_DETAILS",
                "QUALITY_CHECK_ID",
                "ASSERTED_RECORDS_COUNT",
                "ANOMALOUS_RECORDS_COUNT",
                "_QUALYTICS_SOURCE_PARTITION"};
    if (suffix == QLatin1String("failed_checks"))
        return {"QUALITY_CHECK_ID",
                "ANOMALY_UUID",
                "QUALITY_CHECK_MESSAGE",
                "SUGGESTED_REMEDIATION_FIELD",
                "SUGGESTED_REMEDIATION_VALUE",
                "SUGGESTED_REMEDIATION_SCORE",
                "QUALITY_CHECK_RULE_TYPE",
                "QUALITY_CHECK_TAGS",
                "QUALITY_CHECK_PARAMETERS",
                "QUALITY_CHECK_DESCRIPTION",
                "QUALITY_CHECK_METADATA",
                "QUALITY_CHECK_FIELDS",
                "ANOMALOUS_RECORDS_COUNT",
                "OPERATION_ID",
                "DETECTED_TIME",
                "SOURCE_CONTAINER",
                "SOURCE_PARTITION",
                "SOURCE_DATASTORE",
                "FINGERPRINT"};
    if (suffix == QLatin1String("source_records"))
        return {"SOURCE_CONTAINER", "SOURCE_PARTITION", "ANOMALY_UUID", "CONTEXT", "RECORD"};
    return {"OPERATION_ID",
            "DATASTORE_ID",
            "CONTAINER_ID",
            "PARTITION_NAME",
            "INCREMENTAL",
            "RECORDS_PROCESSED",
            "ENRICHMENT_SOURCE_RECORD_LIMIT",
            "MAX_RECORDS_ANALYZED",
            "ANOMALY_COUNT",
            "START_TIME",
            "END_TIME",
            "RESULT",
            "MESSAGE"};
}

const QStringList kSuffixes{"check_metrics", "failed_checks", "source_records", "scan_operations"};

// The source container's columns, hostile ones included; ANOMALY_UUID clashes with the
// remediation table's own column.
const QStringList kSourceColumns{"id",       "email",      "qty",        "a\"; drop table b; --",
                                 "select",   "with space", "ünïcødé 表", "ANOMALY_UUID",
                                 "back`tick"};

inline QJsonObject sourceRow(int id)
{
    QJsonObject o;
    o.insert("id", id);
    o.insert("email", QJsonValue::Null);
    o.insert("qty", id + 1.5);
    o.insert("a\"; drop table b; --", QStringLiteral("it's \"quoted\""));
    o.insert("select", id % 2 == 0);
    o.insert("with space", QStringLiteral("row %1").arg(id));
    o.insert("ünïcødé 表", QStringLiteral("值%1").arg(id));
    o.insert("ANOMALY_UUID", QStringLiteral("source-uuid-%1").arg(id));
    o.insert("back`tick", QJsonObject{{"nested", id}});
    return o;
}

// A crafted scan of one container: two checks and metrics, a record anomaly with three source
// rows (two written at the limit of 2) and a shape anomaly of two failed checks.
inline ContainerScanResult sample(qint64 operationId, const QString &uuidPrefix,
                                  const QString &partition = QString())
{
    ContainerScanResult r;
    r.operationId = operationId;
    r.datastoreId = 7;
    r.datastoreName = QStringLiteral("Shop DS");
    r.containerId = 42;
    r.containerName = QStringLiteral("orders");
    r.partition = partition;
    r.incremental = true;
    r.recordsProcessed = 1000;
    r.sourceRecordLimit = 2;
    r.startTime = kStart;
    r.endTime = kEnd;
    r.result = QStringLiteral("success");
    r.message = QStringLiteral("2 anomalies");
    r.sourceColumns = kSourceColumns;

    Check notNull;
    notNull.id = 11;
    notNull.rule = QStringLiteral("notNull");
    notNull.fields = {QStringLiteral("email")};
    notNull.tags = {QStringLiteral("pii"), QStringLiteral("contact")};
    notNull.description = QStringLiteral("Email is required");
    Check between;
    between.id = 12;
    between.rule = QStringLiteral("between");
    between.fields = {QStringLiteral("qty")};
    between.properties = QJsonObject{{"min", 0}, {"max", 100}, {"inclusive", true}};
    r.checks.insert(11, notNull);
    r.checks.insert(12, between);

    r.metrics << CheckMetric{0, 11, 0, 1000, 3, QStringLiteral("failed"), QString()}
              << CheckMetric{operationId,           12, 42, 1000, 0, QStringLiteral("passed"),
                             QStringLiteral("note")};

    Anomaly record;
    record.uuid = uuidPrefix + QStringLiteral("-a");
    record.type = QStringLiteral("record");
    record.message = QStringLiteral("email is missing");
    record.anomalousRecordCount = 1;
    record.fingerprint = QStringLiteral("123456789");
    record.createdAt = kDetected;
    record.failedChecks << AnomalyFailedCheck{
        11, QStringLiteral("notNull"), {QStringLiteral("email")}, QStringLiteral("email is null")};
    record.sourceRecords = QJsonArray{sourceRow(1), sourceRow(2), sourceRow(3)};
    Anomaly shape;
    shape.uuid = uuidPrefix + QStringLiteral("-b");
    shape.type = QStringLiteral("shape");
    shape.message = QStringLiteral("3 records fail");
    shape.anomalousRecordCount = 3;
    shape.fingerprint = QStringLiteral("ff");
    shape.createdAt = kDetected;
    shape.failedChecks << AnomalyFailedCheck{11, QString(), {}, QStringLiteral("3 lack email")}
                       << AnomalyFailedCheck{12, QString(), {}, QString()};
    r.anomalies << record << shape;
    return r;
}

// The targets of the test: a real SQLite file, the fixture's PostgreSQL and MariaDB, opened
// the way a scan opens its enrichment target (SourceSession, writable).
class EnrichmentTargets
{
protected:
    QTemporaryDir m_dir;
    std::map<QString, std::unique_ptr<SourceSession>> m_sessions;
    QString m_role; // the PostgreSQL login without CREATE, made by this test

    static SqlDialect dialect(const QString &type)
    {
        if (type == QLatin1String("sqlite"))
            return SqlDialect::forFamily(SqlDialect::Family::SQLite);
        if (type == QLatin1String("postgresql"))
            return SqlDialect::forFamily(SqlDialect::Family::PostgreSQL);
        return SqlDialect::forFamily(SqlDialect::Family::MySQL);
    }
    static QString schema(const QString &type)
    {
        if (type == QLatin1String("sqlite"))
            return QStringLiteral("main");
        return type == QLatin1String("postgresql") ? QStringLiteral("enrich_pg")
                                                   : QStringLiteral("assay_enrich");
    }
    static ConnectionSettings settings(const QString &type, const QString &file = QString())
    {
        ConnectionSettings s;
        s.connection.type = type;
        s.writable = true;
        s.schema = schema(type);
        if (type == QLatin1String("sqlite")) {
            s.connection.database = file;
            return s;
        }
        const test::Server server =
            type == QLatin1String("postgresql") ? test::postgres() : test::mariadb();
        s.connection.host = server.host;
        s.connection.port = server.port;
        s.connection.username = server.user;
        s.connection.database =
            type == QLatin1String("postgresql") ? server.database : QStringLiteral("assay_enrich");
        s.secrets.insert(QStringLiteral("password"), server.password);
        return s;
    }

    QSqlDatabase db(const QString &type) { return m_sessions.at(type)->database(); }
    QString table(const QString &type, const QString &name)
    {
        return dialect(type).table(schema(type), name);
    }
    EnrichmentWriter writer(const QString &type, const QString &prefix)
    {
        return EnrichmentWriter(db(type), dialect(type), schema(type), prefix);
    }
    QStringList columns(const QString &type, const QString &name)
    {
        QSqlQuery q(db(type));
        QStringList out;
        if (type == QLatin1String("sqlite")) {
            // QSQLITE drops '"' from result column names; the pragma gives them as stored.
            q.prepare(QStringLiteral("SELECT name FROM pragma_table_info(?) ORDER BY cid"));
            q.addBindValue(name);
            q.exec();
            while (q.next())
                out << q.value(0).toString();
            return out;
        }
        if (!q.exec(QStringLiteral("SELECT * FROM %1 WHERE 1 = 0").arg(table(type, name))))
            return out;
        for (int i = 0; i < q.record().count(); ++i)
            out << q.record().fieldName(i);
        return out;
    }
    bool exists(const QString &type, const QString &name)
    {
        return QSqlQuery(db(type)).exec(
            QStringLiteral("SELECT 1 FROM %1 WHERE 1 = 0").arg(table(type, name)));
    }
    // Every row of `select` (with %1 the quoted table), each as a list of values.
    QList<QVariantList> rows(const QString &type, const QString &name, const QString &select)
    {
        return query(type, select.arg(table(type, name)));
    }
    QList<QVariantList> query(const QString &type, const QString &sql)
    {
        QList<QVariantList> out;
        QSqlQuery q(db(type));
        if (!q.exec(sql)) {
            qWarning() << q.lastError().text();
            return out;
        }
        while (q.next()) {
            QVariantList row;
            for (int i = 0; i < q.record().count(); ++i)
                row << q.value(i);
            out << row;
        }
        return out;
    }
    qint64 count(const QString &type, const QString &name)
    {
        const auto r = rows(type, name, QStringLiteral("SELECT COUNT(*) FROM %1"));
        return r.isEmpty() ? -1 : r.first().first().toLongLong();
    }
    bool exec(const QString &type, const QString &sql)
    {
        QSqlQuery q(db(type));
        if (!q.exec(sql))
            qWarning() << sql << q.lastError().text();
        return q.isActive();
    }
    static QString timestamp(const QVariant &v, const QString &type)
    {
        if (type == QLatin1String("sqlite"))
            return v.toString();
        // PostgreSQL hands TIMESTAMPTZ back zoned; MariaDB's DATETIME holds the UTC wall time.
        const QDateTime dt =
            type == QLatin1String("postgresql") ? v.toDateTime().toUTC() : v.toDateTime();
        return dt.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")) + QLatin1Char('Z');
    }
    QString columnType(const QString &type, const QString &name, const QString &column)
    {
        QSqlQuery q(db(type));
        if (type == QLatin1String("sqlite"))
            q.prepare(QStringLiteral("SELECT type FROM pragma_table_info(?) WHERE name = ?"));
        else if (type == QLatin1String("postgresql"))
            q.prepare(QStringLiteral("SELECT data_type FROM information_schema.columns WHERE "
                                     "table_schema = 'enrich_pg' AND table_name = ? AND "
                                     "column_name = ?"));
        else
            q.prepare(QStringLiteral("SELECT DATA_TYPE FROM information_schema.COLUMNS WHERE "
                                     "TABLE_SCHEMA = 'assay_enrich' AND TABLE_NAME = ? AND "
                                     "COLUMN_NAME = ?"));
        q.addBindValue(name);
        q.addBindValue(column);
        return q.exec() && q.next() ? q.value(0).toString().toLower() : QString();
    }

    // PostgreSQL as the superuser over the fixture's private socket (trust), for roles.
    bool pgAdmin(const QStringList &statements)
    {
        const test::Server pg = test::postgres();
        bool ok = true;
        {
            QSqlDatabase admin = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), "pgadmin");
            admin.setHostName(pg.extra.value(QStringLiteral("PG_SOCKET_DIR")));
            admin.setPort(pg.port);
            admin.setUserName(QStringLiteral("postgres"));
            admin.setDatabaseName(pg.database);
            ok = admin.open();
            for (const QString &sql : statements) {
                QSqlQuery q(admin);
                if (ok && !q.exec(sql)) {
                    qWarning() << sql << q.lastError().text();
                    ok = false;
                }
            }
        }
        QSqlDatabase::removeDatabase(QStringLiteral("pgadmin"));
        return ok;
    }
};

} // namespace assay::enrichtest
