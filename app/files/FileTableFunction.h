#pragma once

#include "files/FileReadSpec.h"

#include <QHash>
#include <QMutex>
#include <QString>
#include <memory>

namespace assay {

// What the file engine's table function can read: a container's spec under a key, and the
// problems reading it found. Owned by the session; outlives its DuckDB connection.
class FileRegistry
{
public:
    void set(const QString &key, FileReadSpec spec);
    std::shared_ptr<const FileReadSpec> spec(const QString &key) const;
    // The problems of the container under `key` (created on first use).
    std::shared_ptr<FileProblems> problems(const QString &key);

private:
    mutable QMutex m_mutex;
    QHash<QString, std::shared_ptr<const FileReadSpec>> m_specs;
    QHash<QString, std::shared_ptr<FileProblems>> m_problems;
};

// Registers the table function assay_read(key VARCHAR) on a DuckDB connection (a
// duckdb_connection): it streams the files of the container registered under `key`, typed by
// their columns, plus the file, line and modification time of each record. One file is read
// at a time, bounded memory, and DuckDB's interrupt stops it between chunks. False with
// `error` when DuckDB refuses it.
bool registerFileTableFunction(void *connection, FileRegistry *registry, QString *error);

} // namespace assay
