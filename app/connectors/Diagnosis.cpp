#include "app/connectors/Diagnosis.h"

#include "app/connectors/ConnectorSpec.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace assay {

namespace {

// The context of this file's translatable text (as lupdate sees it, too).
struct DiagnosisText
{
    Q_DECLARE_TR_FUNCTIONS(assay::Diagnosis)
};

bool has(const QString &message, const char *needle)
{
    return message.contains(QLatin1String(needle), Qt::CaseInsensitive);
}

DiagnosisCategory classifyPostgres(const QString &m)
{
    if (has(m, "password authentication failed") || has(m, "no password supplied") ||
        has(m, "authentication failed") || (has(m, "role \"") && has(m, "does not exist")))
        return DiagnosisCategory::AuthenticationFailed;
    if (has(m, "database \"") && has(m, "does not exist"))
        return DiagnosisCategory::DatabaseNotFound;
    if (has(m, "permission denied") || has(m, "pg_hba.conf") || has(m, "not permitted"))
        return DiagnosisCategory::PermissionDenied;
    if (has(m, "could not translate host name") || has(m, "Name or service not known") ||
        has(m, "Temporary failure in name resolution") || has(m, "nodename nor servname"))
        return DiagnosisCategory::UnknownHost;
    if (has(m, "Connection refused"))
        return DiagnosisCategory::ConnectionRefused;
    if (has(m, "No route to host") || has(m, "Network is unreachable") ||
        has(m, "Host is unreachable"))
        return DiagnosisCategory::HostUnreachable;
    if (has(m, "timeout expired") || has(m, "timed out"))
        return DiagnosisCategory::Timeout;
    return DiagnosisCategory::Other;
}

DiagnosisCategory classifyMysql(const QString &m)
{
    if (has(m, "Access denied for user") && has(m, "to database"))
        return DiagnosisCategory::PermissionDenied;
    if (has(m, "Access denied for user") || has(m, "authentication plugin"))
        return DiagnosisCategory::AuthenticationFailed;
    if (has(m, "Unknown database"))
        return DiagnosisCategory::DatabaseNotFound;
    if (has(m, "command denied") || has(m, "is not allowed to connect"))
        return DiagnosisCategory::PermissionDenied;
    if (has(m, "Unknown MySQL server host") || has(m, "Unknown server host"))
        return DiagnosisCategory::UnknownHost;
    // With a connect timeout libmariadb connects without blocking, and a refusal surfaces as
    // EINPROGRESS (115) rather than ECONNREFUSED (111).
    if (has(m, "(111)") || has(m, "Connection refused") ||
        (has(m, "Can't connect") && has(m, "(115)")))
        return DiagnosisCategory::ConnectionRefused;
    if (has(m, "(113)") || has(m, "No route to host") || has(m, "(101)"))
        return DiagnosisCategory::HostUnreachable;
    if (has(m, "(110)") || has(m, "timed out") || has(m, "timeout") ||
        has(m, "reading initial communication packet") || has(m, "handshake"))
        return DiagnosisCategory::Timeout;
    return DiagnosisCategory::Other;
}

DiagnosisCategory classifySqlite(const QString &m)
{
    if (has(m, "not a database") || has(m, "malformed"))
        return DiagnosisCategory::Other;
    if (has(m, "unable to open") || has(m, "readonly") || has(m, "permission"))
        return DiagnosisCategory::PermissionDenied;
    return DiagnosisCategory::Other;
}

// ---- ODBC ---------------------------------------------------------------------------------------
// QODBC messages carry the driver manager's or the driver's prefix ("[unixODBC][Driver Manager]",
// "[ma-3.1.15]", "[SQLite]", "[Microsoft][ODBC Driver 18 for SQL Server]") and the server's own
// words inside; some drivers show the SQLSTATE too.

bool isOdbc(const ConnectorSpec &spec)
{
    return spec.qtDriver == QLatin1String("QODBC");
}

// The driver manager could not load a driver: none registered under that name, or its library
// is gone.
bool odbcDriverMissing(const QString &m)
{
    const bool manager = has(m, "[unixODBC]") || has(m, "Driver Manager") || has(m, "[iODBC]");
    return has(m, "Can't open lib") || has(m, "IM002") || has(m, "IM003") ||
           has(m, "Data source name not found") || has(m, "specified driver could not be loaded") ||
           (manager && has(m, "file not found"));
}

// A SQLSTATE named in the message ("SQLSTATE=28000", "[28000]", "(HYT00)", "08001: ..."), if it
// is one that tells the category.
QString odbcSqlState(const QString &m)
{
    static const QRegularExpression re(
        QStringLiteral("(?:SQLSTATE\\s*[=:]?\\s*|State:?\\s*|^\\s*|[\\[(])"
                       "(28000|28P01|08001|08004|08S01|HYT00|HYT01|IM002|IM003|3D000|42501)"
                       "(?![0-9A-Z])"),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = re.match(m);
    return match.hasMatch() ? match.captured(1).toUpper() : QString();
}

// Network words any driver may use (most sit on the C library's messages).
DiagnosisCategory classifyNetwork(const QString &m)
{
    if (has(m, "could not translate host name") || has(m, "Name or service not known") ||
        has(m, "Temporary failure in name resolution") || has(m, "nodename nor servname") ||
        has(m, "Could not resolve host") || has(m, "Unknown host") ||
        has(m, "Unknown server host") || has(m, "getaddrinfo") || has(m, "ORA-12545"))
        return DiagnosisCategory::UnknownHost;
    if (has(m, "Connection refused") || has(m, "actively refused") || has(m, "ORA-12541"))
        return DiagnosisCategory::ConnectionRefused;
    if (has(m, "No route to host") || has(m, "Network is unreachable") ||
        has(m, "Host is unreachable"))
        return DiagnosisCategory::HostUnreachable;
    if (has(m, "timeout expired") || has(m, "timed out") || has(m, "Login timeout") ||
        has(m, "ORA-12170") || has(m, "Timeout"))
        return DiagnosisCategory::Timeout;
    return DiagnosisCategory::Other;
}

DiagnosisCategory classifyOdbcState(const QString &state, const QString &m)
{
    if (state == QLatin1String("28000") || state == QLatin1String("28P01"))
        return DiagnosisCategory::AuthenticationFailed;
    if (state == QLatin1String("HYT00") || state == QLatin1String("HYT01"))
        return DiagnosisCategory::Timeout;
    if (state == QLatin1String("IM002") || state == QLatin1String("IM003"))
        return DiagnosisCategory::DriverMissing;
    if (state == QLatin1String("3D000"))
        return DiagnosisCategory::DatabaseNotFound;
    if (state == QLatin1String("42501"))
        return DiagnosisCategory::PermissionDenied;
    if (state == QLatin1String("08001") || state == QLatin1String("08S01")) {
        // "Client unable to establish connection": the words say why.
        const DiagnosisCategory network = classifyNetwork(m);
        if (network != DiagnosisCategory::Other)
            return network;
        return state == QLatin1String("08001") ? DiagnosisCategory::ConnectionRefused
                                               : DiagnosisCategory::HostUnreachable;
    }
    return DiagnosisCategory::Other;
}

// The vendors' own words (SQL Server, Snowflake, Oracle, DB2, Teradata, Databricks, Trino, AWS).
DiagnosisCategory classifyOdbcVendor(const QString &m)
{
    // "Cannot open database "x" requested by the login. The login failed." (SQL Server) is about
    // the database, not the password: before the login check.
    if (has(m, "Cannot open database") || has(m, "ORA-12514") || has(m, "ORA-12505") ||
        has(m, "SQL1013N") || (has(m, "Database '") && has(m, "does not exist")) ||
        (has(m, "database \"") && has(m, "does not exist")) || has(m, "Unknown database") ||
        (has(m, "Catalog") && has(m, "not found")))
        return DiagnosisCategory::DatabaseNotFound;
    if (has(m, "Login failed for user") || has(m, "Incorrect username or password") ||
        has(m, "ORA-01017") || has(m, "SQL30082N") || has(m, "password authentication failed") ||
        has(m, "Authentication failed") || has(m, "authentication error") ||
        has(m, "Invalid credentials") || has(m, "Password or Account is invalid") ||
        has(m, "Access denied for user") || has(m, "invalid username/password") ||
        has(m, "JWT token is invalid") || has(m, "security token included in the request") ||
        has(m, "UnrecognizedClientException") || has(m, "InvalidSignatureException") ||
        has(m, "Unauthorized") || has(m, "HTTP Response code: 401"))
        return DiagnosisCategory::AuthenticationFailed;
    if (has(m, "permission denied") || has(m, "not authorized") || has(m, "ORA-01045") ||
        has(m, "SQL0551N") || has(m, "AccessDenied") || has(m, "insufficient privileges") ||
        has(m, "HTTP Response code: 403"))
        return DiagnosisCategory::PermissionDenied;
    return classifyNetwork(m);
}

DiagnosisCategory classifyOdbc(const ConnectorSpec &spec, const QString &m)
{
    if (odbcDriverMissing(m))
        return DiagnosisCategory::DriverMissing;
    DiagnosisCategory category = DiagnosisCategory::Other;
    // Debian's own drivers carry the server's messages word for word.
    if (spec.dialect == QLatin1String("postgresql"))
        category = classifyPostgres(m);
    else if (spec.dialect == QLatin1String("mysql"))
        category = classifyMysql(m);
    else if (spec.dialect == QLatin1String("sqlite"))
        // "[SQLite]connect failed": the file exists (checked before) but cannot be opened.
        category =
            has(m, "connect failed") ? DiagnosisCategory::PermissionDenied : classifySqlite(m);
    if (category != DiagnosisCategory::Other)
        return category;
    const QString state = odbcSqlState(m);
    if (!state.isEmpty()) {
        category = classifyOdbcState(state, m);
        if (category != DiagnosisCategory::Other)
            return category;
    }
    return classifyOdbcVendor(m);
}

QString hintFor(DiagnosisCategory category, const ConnectorSpec &spec, const QString &host,
                int port, const QString &message)
{
    const QString where = port > 0 ? QStringLiteral("%1:%2").arg(host).arg(port) : host;
    switch (category) {
    case DiagnosisCategory::AuthenticationFailed:
        return DiagnosisText::tr(
            "Check the user name and password, and that the user exists on the server.");
    case DiagnosisCategory::PermissionDenied:
        if (spec.dialect == QLatin1String("sqlite"))
            return DiagnosisText::tr("Check that this account may read the file and its folder.");
        if (spec.dialect == QLatin1String("mysql"))
            return DiagnosisText::tr(
                "The user may not use this database, or it does not exist (MySQL does not "
                "say which): check the name, then GRANT SELECT ON <database>.* TO <user>.");
        return DiagnosisText::tr(
            "The user signed in but lacks rights: grant CONNECT on the database, USAGE on "
            "the schema and SELECT on its tables (e.g. GRANT USAGE ON SCHEMA <schema> TO "
            "<user>).");
    case DiagnosisCategory::ConnectionRefused:
        return DiagnosisText::tr(
                   "Nothing accepts connections at %1: check the host and port, that the server "
                   "is running, and that firewalls or security groups allow this computer.")
            .arg(where);
    case DiagnosisCategory::HostUnreachable:
        return DiagnosisText::tr(
                   "The network cannot reach %1: check VPN, routing and firewall or security "
                   "group rules.")
            .arg(host);
    case DiagnosisCategory::UnknownHost:
        return DiagnosisText::tr(
                   "The host name %1 cannot be resolved: check its spelling, and your DNS or VPN.")
            .arg(host);
    case DiagnosisCategory::Timeout:
        return DiagnosisText::tr(
                   "%1 did not answer in time: check the host and port, firewall rules, and that "
                   "the server (or a paused cluster) is running.")
            .arg(where);
    case DiagnosisCategory::DatabaseNotFound:
        if (spec.isFileBased() || spec.dialect == QLatin1String("sqlite"))
            return DiagnosisText::tr("Check the file path: no database file exists there.");
        return DiagnosisText::tr(
            "Check the database name (it is case-sensitive on PostgreSQL) and that it "
            "exists on the server.");
    case DiagnosisCategory::DriverMissing:
        // An ODBC driver (not Qt's QODBC plugin) is missing: the message is the driver manager's.
        if (isOdbc(spec) && !message.isEmpty())
            return spec.installHint.isEmpty()
                       ? DiagnosisText::tr(
                             "Install the database's ODBC driver and register it with unixODBC "
                             "(`odbcinst -q -d` lists the installed drivers), then restart Assay.")
                       : spec.installHint;
        return DiagnosisText::tr(
                   "Install the Qt SQL driver package %1 (Debian/Ubuntu: sudo apt install %1), "
                   "then restart Assay.")
            .arg(spec.driverPackage);
    case DiagnosisCategory::KeychainUnavailable:
        return DiagnosisText::tr(
            "Unlock or start the system keychain (GNOME Keyring, KWallet, macOS Keychain "
            "or Windows Credential Manager) and try again.");
    case DiagnosisCategory::Cancelled:
        return QString();
    case DiagnosisCategory::Other:
        if (has(message, "not a database"))
            return DiagnosisText::tr("The file exists but is not an SQLite database.");
        return DiagnosisText::tr("Read the server's message above; it names the cause.");
    case DiagnosisCategory::None:
        break;
    }
    return QString();
}

} // namespace

QString Diagnosis::summary() const
{
    switch (category) {
    case DiagnosisCategory::None:
        return DiagnosisText::tr("Connected");
    case DiagnosisCategory::AuthenticationFailed:
        return DiagnosisText::tr("Authentication failed");
    case DiagnosisCategory::PermissionDenied:
        return DiagnosisText::tr("Permission denied");
    case DiagnosisCategory::ConnectionRefused:
        return DiagnosisText::tr("Connection refused");
    case DiagnosisCategory::HostUnreachable:
        return DiagnosisText::tr("Host unreachable");
    case DiagnosisCategory::UnknownHost:
        return DiagnosisText::tr("Unknown host");
    case DiagnosisCategory::Timeout:
        return DiagnosisText::tr("Timed out");
    case DiagnosisCategory::DatabaseNotFound:
        return DiagnosisText::tr("Database not found");
    case DiagnosisCategory::DriverMissing:
        return DiagnosisText::tr("Driver missing");
    case DiagnosisCategory::KeychainUnavailable:
        return DiagnosisText::tr("Keychain unavailable");
    case DiagnosisCategory::Cancelled:
        return DiagnosisText::tr("Cancelled");
    case DiagnosisCategory::Other:
        break;
    }
    return DiagnosisText::tr("Connection failed");
}

QString Diagnosis::code() const
{
    switch (category) {
    case DiagnosisCategory::None:
        return QStringLiteral("ok");
    case DiagnosisCategory::AuthenticationFailed:
        return QStringLiteral("authentication_failed");
    case DiagnosisCategory::PermissionDenied:
        return QStringLiteral("permission_denied");
    case DiagnosisCategory::ConnectionRefused:
        return QStringLiteral("connection_refused");
    case DiagnosisCategory::HostUnreachable:
        return QStringLiteral("host_unreachable");
    case DiagnosisCategory::UnknownHost:
        return QStringLiteral("unknown_host");
    case DiagnosisCategory::Timeout:
        return QStringLiteral("timeout");
    case DiagnosisCategory::DatabaseNotFound:
        return QStringLiteral("database_not_found");
    case DiagnosisCategory::DriverMissing:
        return QStringLiteral("driver_missing");
    case DiagnosisCategory::KeychainUnavailable:
        return QStringLiteral("keychain_unavailable");
    case DiagnosisCategory::Cancelled:
        return QStringLiteral("cancelled");
    case DiagnosisCategory::Other:
        break;
    }
    return QStringLiteral("other");
}

QString Diagnosis::message() const
{
    if (detail.isEmpty())
        return summary();
    return QStringLiteral("%1: %2").arg(summary(), detail);
}

Diagnosis makeDiagnosis(DiagnosisCategory category, const QString &detail, const QString &hint)
{
    Diagnosis d;
    d.category = category;
    d.detail = detail.simplified();
    d.hint = hint;
    return d;
}

Diagnosis diagnose(const ConnectorSpec &spec, const QString &driverMessage, const QString &host,
                   int port)
{
    DiagnosisCategory category = DiagnosisCategory::Other;
    if (isOdbc(spec))
        category = classifyOdbc(spec, driverMessage);
    else if (spec.dialect == QLatin1String("postgresql"))
        category = classifyPostgres(driverMessage);
    else if (spec.dialect == QLatin1String("mysql"))
        category = classifyMysql(driverMessage);
    else if (spec.dialect == QLatin1String("sqlite"))
        category = classifySqlite(driverMessage);
    return makeDiagnosis(category, driverMessage,
                         hintFor(category, spec, host, port, driverMessage));
}

Diagnosis diagnoseMissingDriver(const ConnectorSpec &spec)
{
    return makeDiagnosis(DiagnosisCategory::DriverMissing,
                         DiagnosisText::tr("the Qt SQL driver %1 for %2 is not installed")
                             .arg(spec.qtDriver, spec.displayName),
                         hintFor(DiagnosisCategory::DriverMissing, spec, QString(), 0, QString()));
}

} // namespace assay
