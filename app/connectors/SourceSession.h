#pragma once

#include "app/connectors/Diagnosis.h"
#include "app/files/FileEngine.h"
#include "models/domain/Connection.h"
#include "models/domain/Container.h"

#include <QHash>
#include <QMetaType>
#include <QSqlDatabase>
#include <QStringList>

namespace assay {

struct ConnectorSpec;

// Everything needed to open a connection, secrets included. Secrets are resolved from the
// keychain just before use and live only in memory, in this value.
struct ConnectionSettings
{
    Connection connection;
    QString database; // overrides connection.database when set (a datastore's database)
    QString schema;
    QHash<QString, QString> secrets; // field name -> value
    int connectTimeoutSeconds = 10;
    // MySQL/MariaDB: how long the client waits for a statement's answer (its read and write
    // timeouts). 0: the connect timeout, which suits tests and the connection check (a silent
    // server is noticed); operations set hours, so a long aggregate is not cut off.
    int statementTimeoutSeconds = 0;
    bool writable = false; // sources are opened read-only where the driver allows it

    QString effectiveDatabase() const
    {
        return database.isEmpty() ? connection.database : database;
    }
};

// One open connection to a source, owned by the thread that created it. The QSqlDatabase gets
// a unique name and is removed when the session ends, so sessions never cross threads.
class SourceSession
{
public:
    explicit SourceSession(ConnectionSettings settings);
    ~SourceSession();
    SourceSession(const SourceSession &) = delete;
    SourceSession &operator=(const SourceSession &) = delete;

    // Opens and checks the connection with a trivial query. False: see diagnosis().
    bool open();
    const Diagnosis &diagnosis() const { return m_diagnosis; }
    const ConnectorSpec *spec() const { return m_spec; }
    const ConnectionSettings &settings() const { return m_settings; }
    QSqlDatabase database() const;

    QString serverVersion() const;
    // Schemas a user may pick (system schemas filtered out); SQLite has just "main".
    QStringList schemas() const;

    // Makes a container readable by name before an operation reads it: nothing to do for a
    // database's table; a folder's container becomes a view of the file engine over its files
    // (for an incremental read on their modification time, only the files changed since).
    bool prepareContainer(const Container &container, const QList<Field> &fields,
                          const ReadScope &scope, QString *error);
    // Columns a prepared container's rows carry that are not fields (a file's name and line):
    // never part of its schema. Empty for a database's table.
    QStringList systemColumns(const QString &container) const;
    // A relation holding a sample of a prepared container's rows that reading it kept (a file
    // container: RowSample::relation); empty for a database's table.
    QString sampleRelation(const QString &container) const;
    // What reading a file container found (bad records, values not of their column's type),
    // per file; empty for a database's table.
    QList<QPair<QString, FileReport>> fileReports(const QString &container) const;

private:
    void configure(QSqlDatabase &db) const;
    bool fail(const Diagnosis &diagnosis);

    ConnectionSettings m_settings;
    const ConnectorSpec *m_spec = nullptr;
    QString m_name;
    Diagnosis m_diagnosis;
    // A folder's file engine (its database is the connection `m_name`); destroyed after it.
    std::unique_ptr<FileEngine> m_files;
    QString m_filesError; // why the file engine could not start
};

// The result of Test Connection.
struct ConnectionTestResult
{
    Diagnosis diagnosis;
    QString serverVersion;
    QStringList schemas;
    qint64 elapsedMs = 0;
    bool ok() const { return diagnosis.ok(); }
};

// Opens, probes and closes a connection on the calling thread (never the GUI thread: use
// ConnectionTester there).
ConnectionTestResult testConnection(const ConnectionSettings &settings);

} // namespace assay

Q_DECLARE_METATYPE(assay::ConnectionTestResult)
