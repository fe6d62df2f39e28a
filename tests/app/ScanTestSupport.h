#pragma once

// What the scan semantics tests share (tst_scananomalies, tst_scanreading): a fresh source per
// test function on SQLite, PostgreSQL or MariaDB, tables written through bound values, a
// datastore over it synced by the engine, and shorthand to add checks, scan, and read back what
// the scan recorded in the Catalog.

#include "EngineHarness.h"
#include "ServerDatabase.h"
#include "app/connectors/SqlDialect.h"
#include "app/engine/OperationRequest.h"

#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

namespace scan_test {

using namespace assay;

// A column of a test table and its declared type per database family.
struct Column
{
    QString name;
    QString sqlite, postgres, mysql;

    QString declared(const SqlDialect &d) const
    {
        switch (d.family()) {
        case SqlDialect::Family::SQLite:
            return sqlite;
        case SqlDialect::Family::MySQL:
            return mysql;
        default:
            return postgres;
        }
    }
};

inline Column integerColumn(const QString &name)
{
    return {name, QStringLiteral("INTEGER"), QStringLiteral("INTEGER"), QStringLiteral("INTEGER")};
}
inline Column textColumn(const QString &name)
{
    return {name, QStringLiteral("VARCHAR(80)"), QStringLiteral("VARCHAR(80)"),
            QStringLiteral("VARCHAR(80)")};
}
inline Column timeColumn(const QString &name)
{
    return {name, QStringLiteral("TIMESTAMP"), QStringLiteral("TIMESTAMP"),
            QStringLiteral("DATETIME")};
}

// A time as the test tables store it: 'yyyy-MM-dd HH:mm:ss', which all three accept.
inline QString timeText(const QDateTime &t)
{
    return t.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

inline Check check(const QString &rule, const QStringList &fields, const QJsonObject &props = {})
{
    Check c;
    c.rule = rule;
    c.fields = fields;
    c.properties = props;
    return c;
}

class ScanFixture
{
protected:
    QTemporaryDir m_dir;
    test::EngineHarness m_harness;
    Catalog &m_catalog = m_harness.catalog;
    SqlDialect m_dialect = SqlDialect::forFamily(SqlDialect::Family::SQLite);
    QString m_type;       // the running test's backend: sqlite, postgresql, mariadb
    QString m_connection; // the QSqlDatabase the test writes its source with
    QString m_schema;
    qint64 m_ds = 0; // the datastore over the source

    // initTestCase: the engine on the fixtures, and a connection to each fixture server.
    void startFixture()
    {
        m_harness.startOnFixtures(m_dir.filePath(QStringLiteral("catalog.sqlite")));
        if (QTest::currentTestFailed())
            return;
        QSqlDatabase pg = test::serverDatabase(QStringLiteral("QPSQL"), test::postgres(),
                                               QStringLiteral("scan-test-pg"));
        QVERIFY2(pg.open(), qPrintable(pg.lastError().text()));
        QSqlDatabase md = test::serverDatabase(QStringLiteral("QMARIADB"), test::mariadb(),
                                               QStringLiteral("scan-test-md"));
        QVERIFY2(md.open(), qPrintable(md.lastError().text()));
    }

    // The rows of a test function's _data(): one per backend.
    static void backends()
    {
        QTest::addColumn<QString>("type");
        for (const char *type : {"sqlite", "postgresql", "mariadb"})
            QTest::newRow(type) << QString::fromLatin1(type);
    }

    // A fresh, empty source for the running test function (named after it) on `type`, and a
    // datastore over it.
    void newSource(const QString &type)
    {
        const QString name = QString::fromLatin1(QTest::currentTestFunction()).toLower();
        m_type = type;
        if (type == QLatin1String("sqlite")) {
            m_dialect = SqlDialect::forFamily(SqlDialect::Family::SQLite);
            m_schema = QStringLiteral("main");
            m_connection = QStringLiteral("scan-test-lite-") + name;
            const QString path = m_dir.filePath(name + QStringLiteral(".sqlite"));
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            m_ds = m_harness.datastoreFor(name + QStringLiteral("-sqlite"), type, test::Server{},
                                          path, m_schema);
        } else if (type == QLatin1String("postgresql")) {
            m_dialect = SqlDialect::forFamily(SqlDialect::Family::PostgreSQL);
            m_connection = QStringLiteral("scan-test-pg");
            m_schema = QStringLiteral("st_") + name;
            QVERIFY(exec(
                QStringLiteral("DROP SCHEMA IF EXISTS %1 CASCADE").arg(m_dialect.quote(m_schema))));
            QVERIFY(exec(QStringLiteral("CREATE SCHEMA %1").arg(m_dialect.quote(m_schema))));
            const test::Server pg = test::postgres();
            m_ds = m_harness.datastoreFor(name + QStringLiteral("-pg"), type, pg, pg.database,
                                          m_schema);
        } else {
            m_dialect = SqlDialect::forFamily(SqlDialect::Family::MySQL);
            m_connection = QStringLiteral("scan-test-md");
            m_schema = QStringLiteral("assay_st_") + name; // the fixture login owns assay_%
            QVERIFY(
                exec(QStringLiteral("DROP DATABASE IF EXISTS %1").arg(m_dialect.quote(m_schema))));
            QVERIFY(exec(QStringLiteral("CREATE DATABASE %1").arg(m_dialect.quote(m_schema))));
            m_ds = m_harness.datastoreFor(name + QStringLiteral("-md"), type, test::mariadb(),
                                          m_schema, m_schema);
        }
        QVERIFY(m_ds);
    }

    QSqlDatabase source() const { return QSqlDatabase::database(m_connection); }
    QString table(const QString &name) const { return m_dialect.table(m_schema, name); }

    // Runs `sql` on the source, `values` bound in order.
    bool exec(const QString &sql, const QVariantList &values = {})
    {
        QSqlQuery q(source());
        bool ok = values.isEmpty() ? q.exec(sql) : q.prepare(sql);
        for (const QVariant &v : values)
            q.addBindValue(v);
        if (ok && !values.isEmpty())
            ok = q.exec();
        if (!ok)
            qWarning("%s: %s", qPrintable(sql.left(200)), qPrintable(q.lastError().text()));
        return ok;
    }

    bool createTable(const QString &name, const QList<Column> &columns)
    {
        QStringList definitions;
        for (const Column &c : columns)
            definitions << m_dialect.quote(c.name) + QLatin1Char(' ') + c.declared(m_dialect);
        return exec(QStringLiteral("CREATE TABLE %1 (%2)")
                        .arg(table(name), definitions.join(QStringLiteral(", "))));
    }

    // Inserts each row (values in column order, null QVariants as NULL) with bound values.
    bool insertRows(const QString &name, const QList<QVariantList> &rows)
    {
        for (const QVariantList &row : rows) {
            const QString marks = QStringList(row.size(), QStringLiteral("?")).join(u',');
            if (!exec(QStringLiteral("INSERT INTO %1 VALUES (%2)").arg(table(name), marks), row))
                return false;
        }
        return true;
    }

    // Syncs the datastore; the container `name` as Sync recorded it.
    Container synced(const QString &name)
    {
        const Operation op = m_harness.run(m_ds, operation_type::kSync, {});
        if (op.status != operation_status::kSuccess)
            qWarning("%s", qPrintable(m_harness.describe(op)));
        return m_harness.container(m_ds, name);
    }

    // Sets the incremental identifier of a container as a user would (Container Settings).
    bool setIncremental(Container c, const QString &field, const QString &strategy)
    {
        c.incrementalField = field;
        c.incrementalStrategy = strategy;
        c.identifiersOverridden = true;
        return m_catalog.updateContainerSettings(c);
    }

    qint64 add(const Check &c, const Container &on) { return m_harness.addCheck(c, on); }

    Operation scan(const QJsonObject &options = {})
    {
        return m_harness.run(m_ds, operation_type::kScan, options, 120000);
    }

    // The open anomalies of a check, newest first.
    QList<Anomaly> openOf(qint64 checkId)
    {
        AnomalyQuery q;
        q.datastoreId = m_ds;
        q.checkId = checkId;
        q.status = QStringLiteral("open");
        return m_catalog.anomalies(q, 0, 100000);
    }

    // The anomalies a scan created (of one check, of one container, or all).
    QList<Anomaly> ofOperation(qint64 operationId, qint64 checkId = 0, qint64 containerId = 0)
    {
        AnomalyQuery q;
        q.operationId = operationId;
        q.checkId = checkId;
        q.containerId = containerId;
        return m_catalog.anomalies(q, 0, 100000);
    }

    QString statusOf(qint64 anomalyId) { return m_catalog.anomaly(anomalyId)->status; }

    // A check's metric in a scan; checkId 0 when it has none.
    CheckMetric metric(qint64 operationId, qint64 checkId)
    {
        for (const CheckMetric &m : m_catalog.checkMetrics(operationId))
            if (m.checkId == checkId)
                return m;
        return {};
    }

    // The "id" column of each anomaly's source rows.
    QSet<int> rowIds(const QList<Anomaly> &anomalies)
    {
        QSet<int> out;
        for (const Anomaly &listed : anomalies) {
            const Anomaly whole = *m_catalog.anomaly(listed.id);
            for (const QJsonValue &row : whole.sourceRecords)
                out << row.toObject().value(QStringLiteral("id")).toInt();
        }
        return out;
    }

    // Record anomalies by the id of their row.
    QHash<int, Anomaly> byRow(const QList<Anomaly> &anomalies)
    {
        QHash<int, Anomaly> out;
        for (const Anomaly &listed : anomalies) {
            const Anomaly a = *m_catalog.anomaly(listed.id);
            out.insert(a.sourceRecords.at(0).toObject().value(QStringLiteral("id")).toInt(), a);
        }
        return out;
    }

    bool logged(const Operation &op, const QString &level, const QStringList &parts)
    {
        for (const OperationLogEntry &e : m_catalog.operationLog(op.id)) {
            bool all = e.level == level;
            for (const QString &part : parts)
                all = all && e.message.contains(part);
            if (all)
                return true;
        }
        return false;
    }
};

} // namespace scan_test
