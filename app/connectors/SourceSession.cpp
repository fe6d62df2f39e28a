#include "app/connectors/SourceSession.h"

#include "app/connectors/ConnectorSpec.h"
#include "app/connectors/OdbcConnectors.h"
#include "app/connectors/QueryBinding.h"
#include "app/files/DuckDbDriver.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

Q_LOGGING_CATEGORY(lcSource, "assay.source")

namespace assay {

namespace {

// The context of this file's translatable text (as lupdate sees it, too).
struct SourceSessionText
{
    Q_DECLARE_TR_FUNCTIONS(assay::SourceSession)
};

// QODBC: a DSN-less connection string built for the installed ODBC driver; the credentials are
// in it (QODBC would append UID/PWD unescaped), so user name and password stay unset.
void configureOdbc(QSqlDatabase &db, const ConnectorSpec &spec, const ConnectionSettings &settings,
                   const QString &odbcDriver)
{
    db.setDatabaseName(qodbcDatabaseName(buildOdbcConnectionString(spec, settings, odbcDriver)));
    db.setConnectOptions(
        QStringLiteral("SQL_ATTR_LOGIN_TIMEOUT=%1").arg(qMax(1, settings.connectTimeoutSeconds)));
}

bool isOdbcSqlite(const ConnectorSpec &spec)
{
    return isOdbcConnector(spec) && spec.dialect == QLatin1String("sqlite");
}

} // namespace

SourceSession::SourceSession(ConnectionSettings settings)
    : m_settings(std::move(settings)), m_spec(connectors::find(m_settings.connection.type)),
      m_name(
          QStringLiteral("assay-source-%1").arg(QUuid::createUuid().toString(QUuid::WithoutBraces)))
{
}

SourceSession::~SourceSession()
{
    if (QSqlDatabase::contains(m_name)) {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    m_files.reset(); // its registry outlives the connection that used it
}

QSqlDatabase SourceSession::database() const
{
    return QSqlDatabase::database(m_name, false);
}

bool SourceSession::fail(const Diagnosis &diagnosis)
{
    m_diagnosis = diagnosis;
    qCInfo(lcSource) << "connection" << m_settings.connection.name << "failed:" << diagnosis.code()
                     << diagnosis.detail;
    return false;
}

void SourceSession::configure(QSqlDatabase &db) const
{
    const Connection &c = m_settings.connection;
    const int timeout = qMax(1, m_settings.connectTimeoutSeconds);
    db.setDatabaseName(m_settings.effectiveDatabase());
    if (m_spec->isFileBased()) {
        if (!m_settings.writable)
            db.setConnectOptions(QStringLiteral(
                "QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000;QSQLITE_ENABLE_REGEXP"));
        return;
    }
    db.setHostName(c.host);
    db.setPort(c.port > 0 ? c.port : m_spec->defaultPort);
    db.setUserName(c.username);
    db.setPassword(m_settings.secrets.value(QStringLiteral("password")));
    QStringList options;
    if (m_spec->dialect == QLatin1String("postgresql")) {
        options << QStringLiteral("connect_timeout=%1").arg(timeout);
        const QString sslMode = c.parameters.value(QStringLiteral("sslmode")).toString();
        if (!sslMode.isEmpty())
            options << QStringLiteral("sslmode=%1").arg(sslMode);
        options << QStringLiteral("application_name=Assay");
        // A server or network that vanishes mid-statement is noticed within about a minute
        // (30 s idle, then 3 probes 10 s apart) instead of when the kernel gives up (hours).
        options << QStringLiteral("keepalives=1") << QStringLiteral("keepalives_idle=30")
                << QStringLiteral("keepalives_interval=10") << QStringLiteral("keepalives_count=3");
    } else if (m_spec->dialect == QLatin1String("mysql")) {
        const int statement =
            m_settings.statementTimeoutSeconds > 0 ? m_settings.statementTimeoutSeconds : timeout;
        options << QStringLiteral("MYSQL_OPT_CONNECT_TIMEOUT=%1").arg(timeout)
                << QStringLiteral("MYSQL_OPT_READ_TIMEOUT=%1").arg(statement)
                << QStringLiteral("MYSQL_OPT_WRITE_TIMEOUT=%1").arg(statement);
    }
    db.setConnectOptions(options.join(QLatin1Char(';')));
}

bool SourceSession::open()
{
    m_diagnosis = Diagnosis();
    if (!m_spec)
        return fail(makeDiagnosis(
            DiagnosisCategory::Other,
            QStringLiteral("unknown connector type “%1”").arg(m_settings.connection.type),
            QStringLiteral("Use one of: %1.").arg(connectors::knownIds())));
    const QString databaseName = m_settings.effectiveDatabase();
    if (m_spec->isFolder()) {
        const QFileInfo folder(databaseName);
        if (databaseName.isEmpty() || !folder.isDir())
            return fail(makeDiagnosis(DiagnosisCategory::DatabaseNotFound,
                                      QStringLiteral("no folder at “%1”").arg(databaseName),
                                      QStringLiteral("Check the folder path.")));
        if (!folder.isReadable() || !folder.isExecutable())
            return fail(
                makeDiagnosis(DiagnosisCategory::PermissionDenied,
                              QStringLiteral("the folder “%1” cannot be read").arg(databaseName),
                              QStringLiteral("Check that this account may read the folder.")));
        // The file engine that makes its files queryable. Without it the folder still syncs;
        // reading a container then says why it cannot.
        m_files = std::make_unique<FileEngine>(folder.absoluteFilePath());
        if (!m_files->open(m_name, &m_filesError))
            qCInfo(lcSource) << "file engine unavailable:" << m_filesError;
        return true;
    }
    if (!QSqlDatabase::isDriverAvailable(m_spec->qtDriver))
        return fail(diagnoseMissingDriver(*m_spec));

    const bool odbc = isOdbcConnector(*m_spec);
    QString odbcDriver;
    if (odbc && !m_spec->odbcDrivers.isEmpty()) {
        odbcDriver = findInstalledOdbcDriver(*m_spec);
        if (odbcDriver.isEmpty())
            return fail(diagnoseMissingOdbcDriver(*m_spec));
    }
    if (odbc && m_spec->odbcDrivers.isEmpty()) {
        const QJsonObject &p = m_settings.connection.parameters;
        if (p.value(QStringLiteral("dsn")).toString().trimmed().isEmpty() &&
            p.value(QStringLiteral("connection_string")).toString().trimmed().isEmpty())
            return fail(makeDiagnosis(
                DiagnosisCategory::Other,
                SourceSessionText::tr(
                    "neither a data source name (dsn) nor a connection string is set"),
                SourceSessionText::tr(
                    "Give the DSN of a data source from odbc.ini (`odbcinst -q -s` lists them) or "
                    "a full ODBC connection string.")));
    }

    if (m_spec->isFileBased() || isOdbcSqlite(*m_spec)) {
        // QSQLITE would silently create a missing file; a source must already exist.
        const QFileInfo file(databaseName);
        if (databaseName.isEmpty() || !file.exists() || !file.isFile())
            return fail(makeDiagnosis(
                DiagnosisCategory::DatabaseNotFound,
                QStringLiteral("no database file at “%1”").arg(databaseName),
                QStringLiteral("Check the file path: no database file exists there.")));
    }

    QSqlDatabase db = QSqlDatabase::addDatabase(m_spec->qtDriver, m_name);
    if (odbc)
        configureOdbc(db, *m_spec, m_settings, odbcDriver);
    else
        configure(db);
    if (!db.open()) {
        const QSqlError error = db.lastError();
        const QString text = error.databaseText().isEmpty() ? error.text() : error.databaseText();
        return fail(
            diagnose(*m_spec, text, m_settings.connection.host, m_settings.connection.port));
    }
    // Names and text travel as UTF-8 whatever the server's default character set is.
    if (m_spec->dialect == QLatin1String("mysql"))
        QSqlQuery(db).exec(QStringLiteral("SET NAMES utf8mb4"));
    if (odbc && m_spec->dialect == QLatin1String("mysql"))
        bindTextAsBytes(db);
    // Opening SQLite never reads the file: a probe query tells a database from a random file.
    QString sql = QStringLiteral("SELECT 1");
    if (odbc)
        sql = odbcProbeQuery(*m_spec);
    else if (m_spec->isFileBased())
        sql = QStringLiteral("SELECT COUNT(*) FROM sqlite_master");
    if (sql.isEmpty())
        return true;
    QSqlQuery probe(db);
    const bool probed = probe.exec(sql);
    const QSqlError error = probe.lastError();
    // Finished at once: the SQLite ODBC driver will not disconnect with a statement left open.
    probe.finish();
    if (!probed) {
        const QString text = error.databaseText().isEmpty() ? error.text() : error.databaseText();
        return fail(
            diagnose(*m_spec, text, m_settings.connection.host, m_settings.connection.port));
    }
    return true;
}

bool SourceSession::prepareContainer(const Container &container, const QList<Field> &fields,
                                     const ReadScope &scope, QString *error)
{
    if (!m_spec || !m_spec->isFolder())
        return true;
    if (!m_files || !m_filesError.isEmpty()) {
        *error = m_filesError.isEmpty() ? QStringLiteral("the folder is not open") : m_filesError;
        return false;
    }
    return m_files->prepare(container, fields, scope, error);
}

QStringList SourceSession::systemColumns(const QString &container) const
{
    return m_files ? m_files->systemColumns(container) : QStringList();
}

QString SourceSession::sampleRelation(const QString &container) const
{
    return m_files ? m_files->sampleRelation(container) : QString();
}

QList<QPair<QString, FileReport>> SourceSession::fileReports(const QString &container) const
{
    return m_files ? m_files->reports(container) : QList<QPair<QString, FileReport>>();
}

QString SourceSession::serverVersion() const
{
    if (m_spec->isFolder())
        return duckDbVersion().isEmpty()
                   ? QStringLiteral("Local folder %1").arg(m_settings.effectiveDatabase())
                   : QStringLiteral("Local folder %1 (file engine: DuckDB %2)")
                         .arg(m_settings.effectiveDatabase(), duckDbVersion());
    const bool odbc = isOdbcConnector(*m_spec);
    QString sql = QStringLiteral("SELECT version()");
    if (m_spec->isFileBased() || isOdbcSqlite(*m_spec))
        sql = QStringLiteral("SELECT 'SQLite ' || sqlite_version()");
    else if (odbc && m_spec->dialect != QLatin1String("postgresql") &&
             m_spec->dialect != QLatin1String("mysql"))
        return odbcDbmsVersion(database()); // what the ODBC driver reports
    QString version;
    {
        QSqlQuery q(database());
        if (q.exec(sql) && q.next())
            version = q.value(0).toString();
        q.finish();
    }
    if (version.isEmpty() && odbc)
        version = odbcDbmsVersion(database());
    return version;
}

QStringList SourceSession::schemas() const
{
    QStringList out;
    if (m_spec->isFileBased() || isOdbcSqlite(*m_spec))
        return {QStringLiteral("main")};
    if (m_spec->isFolder())
        return {};
    // ODBC to other than PostgreSQL or MariaDB/MySQL: the schemas the driver lists (SQLTables).
    if (isOdbcConnector(*m_spec) && m_spec->dialect != QLatin1String("postgresql") &&
        m_spec->dialect != QLatin1String("mysql"))
        return odbcSchemas(database());
    QSqlQuery q(database());
    QString sql;
    if (m_spec->dialect == QLatin1String("postgresql"))
        sql = QStringLiteral(
            "SELECT nspname FROM pg_catalog.pg_namespace WHERE nspname NOT LIKE 'pg\\_%' "
            "AND nspname NOT IN ('information_schema', 'pg_internal') ORDER BY nspname");
    else
        sql = QStringLiteral("SELECT schema_name FROM information_schema.schemata WHERE "
                             "schema_name NOT IN ('mysql', 'sys', 'performance_schema', "
                             "'information_schema') ORDER BY schema_name");
    if (q.exec(sql))
        while (q.next())
            out << q.value(0).toString();
    return out;
}

ConnectionTestResult testConnection(const ConnectionSettings &settings)
{
    QElapsedTimer timer;
    timer.start();
    ConnectionTestResult result;
    {
        SourceSession session(settings);
        if (session.open()) {
            result.serverVersion = session.serverVersion();
            result.schemas = session.schemas();
        }
        result.diagnosis = session.diagnosis();
    }
    result.elapsedMs = timer.elapsed();
    return result;
}

} // namespace assay
