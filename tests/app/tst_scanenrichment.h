#pragma once

// Helpers of tst_scanenrichment: the databases a backend uses as scanned sources and as the
// enrichment target, plain reads of what the scan wrote there, and the fixture (Catalog,
// engine, keychain) that makes, links and scans datastores.

#include "TestSupport.h"
#include "app/connectors/SqlDialect.h"
#include "app/engine/OperationEngine.h"
#include "app/engine/OperationRequest.h"
#include "app/enrichment/EnrichmentLinker.h"
#include "app/secrets/CredentialStore.h"
#include "models/catalog/Catalog.h"
#include "tst_scan_data.h"

#include <QDebug>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>
#include <QVariantMap>
#include <memory>

namespace scan_e2e {

using namespace assay;
using namespace scan_data;

// One database family, as two scanned sources and one enrichment target of the same family.
struct Backend
{
    QString type; // connector id: sqlite, postgresql, mariadb
    SqlDialect dialect = SqlDialect::forFamily(SqlDialect::Family::SQLite);
    // QSqlDatabase connection names the test writes sources and reads the target with.
    QString sourceConn, source2Conn, enrichConn;
    QString sourceSchema, source2Schema, enrichSchema;
    // Connection::database of each datastore (SQLite: the file).
    QString sourceDb, source2Db, enrichDb;
    qint64 source = 0, source2 = 0, enrichment = 0; // datastore ids
    QString prefix;                                 // the source's normalised prefix

    QSqlDatabase source1() const { return QSqlDatabase::database(sourceConn); }
    QSqlDatabase target() const { return QSqlDatabase::database(enrichConn); }
    QString enrichTable(const QString &name) const { return dialect.table(enrichSchema, name); }
};

inline bool execute(QSqlDatabase db, const QString &sql, const QVariantList &values = {})
{
    QSqlQuery q(db);
    // PostgreSQL cannot prepare DDL: statements without values run as they are.
    if (values.isEmpty() ? !q.exec(sql) : !q.prepare(sql)) {
        qWarning() << sql.left(200) << q.lastError().text();
        return false;
    }
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!values.isEmpty() && !q.exec()) {
        qWarning() << sql.left(200) << q.lastError().text();
        return false;
    }
    return true;
}

// Every row of `sql`, each by column name.
inline QList<QVariantMap> select(QSqlDatabase db, const QString &sql,
                                 const QVariantList &values = {})
{
    QList<QVariantMap> out;
    QSqlQuery q(db);
    bool ok = values.isEmpty() ? q.exec(sql) : q.prepare(sql);
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (ok && !values.isEmpty())
        ok = q.exec();
    if (!ok) {
        qWarning() << sql.left(200) << q.lastError().text();
        return out;
    }
    while (q.next()) {
        QVariantMap row;
        for (int i = 0; i < q.record().count(); ++i)
            row.insert(q.record().fieldName(i), q.value(i));
        out << row;
    }
    return out;
}

// The rows of enrichment table `name` whose OPERATION_ID is `operationId`.
inline QList<QVariantMap> ofOperation(const Backend &b, const QString &name, qint64 operationId)
{
    return select(b.target(),
                  QStringLiteral("SELECT * FROM %1 WHERE %2 = ?")
                      .arg(b.enrichTable(name), b.dialect.quote(QStringLiteral("OPERATION_ID"))),
                  {qlonglong(operationId)});
}

inline QList<QVariantMap> all(const Backend &b, const QString &name)
{
    return select(b.target(), QStringLiteral("SELECT * FROM %1").arg(b.enrichTable(name)));
}

// The columns of an enrichment table, as stored (QSQLITE would strip quotes from names).
inline QStringList columnsOf(const Backend &b, const QString &name)
{
    QStringList out;
    if (b.type == QLatin1String("sqlite")) {
        for (const QVariantMap &r :
             select(b.target(),
                    QStringLiteral("SELECT name FROM pragma_table_info(?) ORDER BY cid"), {name}))
            out << r.value(QStringLiteral("name")).toString();
        return out;
    }
    QSqlQuery q(b.target());
    if (q.exec(QStringLiteral("SELECT * FROM %1 WHERE 1 = 0").arg(b.enrichTable(name))))
        for (int i = 0; i < q.record().count(); ++i)
            out << q.record().fieldName(i);
    return out;
}

inline QStringList jsonNames(const QVariant &text)
{
    QStringList out;
    for (const QJsonValue &v : QJsonDocument::fromJson(text.toString().toUtf8()).array())
        out << v.toString();
    return out;
}

inline QJsonObject jsonObject(const QVariant &text)
{
    return QJsonDocument::fromJson(text.toString().toUtf8()).object();
}

// PostgreSQL as the superuser over the fixture's private socket (trust), to make roles.
inline bool pgSuperuser(const QStringList &statements)
{
    const test::Server pg = test::postgres();
    bool ok = true;
    {
        QSqlDatabase admin = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), "e2e-pgsuper");
        admin.setHostName(pg.extra.value(QStringLiteral("PG_SOCKET_DIR")));
        admin.setPort(pg.port);
        admin.setUserName(QStringLiteral("postgres"));
        admin.setDatabaseName(pg.database);
        ok = admin.open();
        for (const QString &sql : statements)
            ok = ok && execute(admin, sql);
    }
    QSqlDatabase::removeDatabase(QStringLiteral("e2e-pgsuper"));
    return ok;
}

// The constants of the first source's link: rollup above 8 failing records, 3 examples per
// anomaly.
constexpr int kRollup = 8;
constexpr int kExamples = 3;

// What the test cases share: the Catalog and engine, the backends, and how datastores are
// made, linked, scanned and read.
class ScanEnrichmentFixture
{
protected:
    QTemporaryDir m_dir;
    Catalog m_catalog;
    CredentialStore m_credentials;
    std::unique_ptr<OperationEngine> m_engine;
    QHash<QString, Backend> m_backends;
    const QVector<Row> m_rows = rows();
    QString m_role; // the PostgreSQL login without CREATE

    qint64 datastoreFor(const QString &name, const QString &type, const test::Server &server,
                        const QString &database, const QString &schema, bool enrichOnly = false)
    {
        Connection c;
        c.name = name;
        c.type = type;
        c.host = server.host;
        c.port = server.port;
        c.username = server.user;
        c.database = database;
        c.uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
        if (!server.password.isEmpty()) {
            if (!m_credentials.writeAndWait(c.uuid, QStringLiteral("password"), server.password)
                     .ok())
                return 0;
            c.secretFields << QStringLiteral("password");
        }
        Datastore d;
        d.name = name;
        d.connectionId = m_catalog.addConnection(c);
        d.database = database;
        d.schema = schema;
        d.enrichOnly = enrichOnly;
        return m_catalog.addDatastore(d);
    }

    qint64 start(qint64 datastoreId, const QString &type, const QJsonObject &options = {})
    {
        OperationRequest request;
        request.datastoreId = datastoreId;
        request.type = type;
        request.options = options;
        return m_engine->enqueue(request);
    }

    Operation waitFor(qint64 id)
    {
        for (int waited = 0; waited < 2400; ++waited) {
            const auto op = m_catalog.operation(id);
            if (op && operation_status::isFinished(op->status) && !m_engine->isActive(id))
                return *op;
            QTest::qWait(50);
        }
        return m_catalog.operation(id).value_or(Operation());
    }

    Operation run(qint64 datastoreId, const QString &type, const QJsonObject &options = {})
    {
        return waitFor(start(datastoreId, type, options));
    }

    QString describe(const Operation &op)
    {
        QString text = op.status + QStringLiteral(": ") + op.message;
        for (const OperationLogEntry &e : m_catalog.operationLog(op.id))
            text += QStringLiteral("\n  ") + e.level + QLatin1Char(' ') + e.message;
        return text;
    }

    Container container(qint64 ds, const QString &name)
    {
        for (const Container &c : m_catalog.containers(ds))
            if (c.name == name)
                return c;
        return {};
    }

    qint64 add(Check c, const Container &on)
    {
        c.datastoreId = on.datastoreId;
        c.containerId = on.id;
        c.filter = c.filter.isNull() ? QStringLiteral("") : c.filter;
        c.description = c.description.isNull() ? QStringLiteral("") : c.description;
        return m_catalog.addCheck(c);
    }

    EnrichmentLinkResult link(qint64 source, qint64 target, const QString &prefix,
                              RemediationStrategy remediation, qint64 examples, qint64 rollup)
    {
        return EnrichmentLinker::link(m_catalog, source, target, prefix, remediation, examples,
                                      rollup);
    }

    QList<Anomaly> anomaliesOf(qint64 operationId, qint64 containerId = 0)
    {
        AnomalyQuery q;
        q.operationId = operationId;
        q.containerId = containerId;
        return m_catalog.anomalies(q, 0, 100000);
    }

    static QJsonObject scanOf(const QStringList &containers, QJsonObject extra = {})
    {
        extra.insert(QStringLiteral("containers"), QJsonArray::fromStringList(containers));
        return extra;
    }

    // The small table of both sources: `nullEvery`-th names (or values) missing.
    static bool createSmall(QSqlDatabase db, const SqlDialect &d, const QString &schema,
                            const QString &table, int rows, int nullEvery)
    {
        if (!execute(db, QStringLiteral("CREATE TABLE %1 (id INTEGER, name VARCHAR(20))")
                             .arg(d.table(schema, table))))
            return false;
        QStringList values;
        for (int i = 1; i <= rows; ++i)
            values << QStringLiteral("(%1, %2)")
                          .arg(i)
                          .arg(i % nullEvery == 0 ? QStringLiteral("NULL")
                                                  : QStringLiteral("'n%1'").arg(i));
        return execute(db, QStringLiteral("INSERT INTO %1 VALUES %2")
                               .arg(d.table(schema, table), values.join(QStringLiteral(", "))));
    }

    void setUpBackend(Backend &b, const test::Server &server)
    {
        QSqlDatabase src = b.source1();
        QVERIFY(create(src, b.dialect, b.sourceSchema, QStringLiteral("t"), m_rows));
        QVERIFY(createReference(src, b.dialect, b.sourceSchema, QStringLiteral("ref")));
        QVERIFY(createSmall(src, b.dialect, b.sourceSchema, QStringLiteral("small"), 10, 3));
        QVERIFY(createSmall(QSqlDatabase::database(b.source2Conn), b.dialect, b.source2Schema,
                            QStringLiteral("t2"), 20, 4));
        b.source = datastoreFor(b.type + QStringLiteral(" one"), b.type, server, b.sourceDb,
                                b.sourceSchema);
        b.source2 = datastoreFor(b.type + QStringLiteral(" two"), b.type, server, b.source2Db,
                                 b.source2Schema);
        b.enrichment = datastoreFor(b.type + QStringLiteral(" enrichment"), b.type, server,
                                    b.enrichDb, b.enrichSchema, true);
        QVERIFY(b.source && b.source2 && b.enrichment);
        for (qint64 ds : {b.source, b.source2}) {
            const Operation synced = run(ds, operation_type::kSync);
            QVERIFY2(synced.status == operation_status::kSuccess, qPrintable(describe(synced)));
        }
        const EnrichmentLinkResult linked = link(b.source, b.enrichment, QStringLiteral("_e2e_one"),
                                                 RemediationStrategy::None, kExamples, kRollup);
        QVERIFY2(linked.ok, qPrintable(linked.error));
        b.prefix = linked.prefix;
    }

    static QString openServer(const QString &name, const QString &driver, const test::Server &s,
                              const QString &database)
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(driver, name);
        db.setHostName(s.host);
        db.setPort(s.port);
        db.setUserName(s.user);
        db.setPassword(s.password);
        db.setDatabaseName(database);
        return db.open() ? QString() : db.lastError().text();
    }

    // The result a check's metric should show, computed from the rows.
    static QString expectedResult(const Check &c, qint64 asserted, qint64 failing)
    {
        if (asserted == 0)
            return QStringLiteral("unasserted");
        if (c.coverage < 1.0)
            return withinCoverage(c, asserted, failing) ? QStringLiteral("passed")
                                                        : QStringLiteral("failed");
        return failing ? QStringLiteral("failed") : QStringLiteral("passed");
    }
    static int expectedAnomalies(const Check &c, qint64 asserted, qint64 failing)
    {
        if (failing == 0)
            return 0;
        if (c.coverage < 1.0)
            return withinCoverage(c, asserted, failing) ? 0 : 1;
        return failing <= kRollup ? int(failing) : 1;
    }

    QString remediationTable(const Backend &b, qint64 containerId)
    {
        return b.prefix + QStringLiteral("_remediation_%1").arg(containerId);
    }
    QSet<QString> uuids(const QList<Anomaly> &anomalies)
    {
        QSet<QString> out;
        for (const Anomaly &a : anomalies)
            out << a.uuid;
        return out;
    }
    void setRemediation(const Backend &b, RemediationStrategy remediation)
    {
        EnrichmentSettings s;
        s.prefixInput = b.prefix;
        s.remediation = remediation;
        s.sourceRecordLimit = kExamples;
        s.rollupThreshold = kRollup;
        const EnrichmentLinkResult r = EnrichmentLinker::updateSettings(m_catalog, b.source, s);
        QVERIFY2(r.ok, qPrintable(r.error));
    }
};

} // namespace scan_e2e
