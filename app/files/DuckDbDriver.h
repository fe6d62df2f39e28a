#pragma once

#include <QSqlDatabase>
#include <QSqlDriver>
#include <functional>

namespace assay {

// A Qt SQL driver ("QDUCKDB") over DuckDB's C API: the embedded engine that makes files
// SQL-queryable, so Profile and Scan run on them exactly as on tables. Registered by
// registerDuckDbDriver(); compiled only when the build has DuckDB (ASSAY_HAS_DUCKDB).
//
// databaseName: a database file (created when missing) or ":memory:" / "" for a database in
// memory. Connect options, ';'-separated DuckDB settings: "memory_limit=256MB;threads=2;
// temp_directory=/tmp/x". handle() is a "duckdb_connection" (void *) for duckdb_interrupt().
class DuckDbDriver : public QSqlDriver
{
    Q_OBJECT
public:
    explicit DuckDbDriver(QObject *parent = nullptr);
    ~DuckDbDriver() override;

    bool hasFeature(DriverFeature feature) const override;
    bool open(const QString &db, const QString &user, const QString &password, const QString &host,
              int port, const QString &options) override;
    void close() override;
    QSqlResult *createResult() const override;
    QVariant handle() const override;
    bool beginTransaction() override;
    bool commitTransaction() override;
    bool rollbackTransaction() override;
    QString escapeIdentifier(const QString &identifier, IdentifierType type) const override;

    // The connection (a duckdb_connection), for the result class.
    void *connection() const { return m_connection; }

private:
    bool run(const char *sql);

    void *m_database = nullptr;   // duckdb_database
    void *m_connection = nullptr; // duckdb_connection
};

// A function that interrupts the statement running on `db` (a QDUCKDB connection), callable
// from another thread; empty for other connections.
std::function<void()> duckDbInterrupter(const QSqlDatabase &db);

// Whether this build has the file engine.
bool hasDuckDb();
// Registers the "QDUCKDB" driver with QSqlDatabase (once; thread-safe). False without DuckDB.
bool registerDuckDbDriver();
// The DuckDB library's version ("v1.4.4"), or "" without one.
QString duckDbVersion();

} // namespace assay
