#pragma once

#include "app/files/FileReadSpec.h"

#include <QHash>
#include <QMutex>
#include <QString>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace assay {

// A uniform random sample of a container's records, kept while a statement reads every record
// of every file (Li's Algorithm L: a comparison per record, a few random draws per kept one;
// seeded, so the same files give the same sample), so Profile's sampled pass and the check
// inference's holdout read it instead of the files again. The reading statement offers and
// keeps records from one thread; the finished sample is read under a lock.
class RecordReservoir
{
public:
    static constexpr int kRows = 20000;

    struct Row
    {
        std::vector<std::optional<std::string>> cells; // per data column: its text, or null
        int file = 0;
        qint64 line = 0;
    };

    // Starts collecting afresh (a full read begins); the sample of an earlier complete read
    // stands until this one completes.
    void restart();
    // The next record of the read: whether it is kept (then keep() it).
    bool wants();
    void keep(Row row);
    // The read ended having read every record: what it kept becomes the sample.
    void complete();
    bool isReady() const;
    std::vector<Row> rows() const;

private:
    mutable QMutex m_mutex;
    double uniform();
    void drawNext();

    std::vector<Row> m_building;
    std::vector<Row> m_ready;
    bool m_hasReady = false;
    qint64 m_seen = 0;
    qint64 m_next = 0;  // the next record to keep once the reservoir is full
    double m_w = 1.0;   // Algorithm L's running weight
    qint64 m_slot = -1; // where wants() decided the next kept row goes
    std::mt19937_64 m_random{42};
};

} // namespace assay

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
    // The sample of the container's records kept by its last full read.
    std::shared_ptr<RecordReservoir> reservoir(const QString &key);

private:
    mutable QMutex m_mutex;
    QHash<QString, std::shared_ptr<const FileReadSpec>> m_specs;
    QHash<QString, std::shared_ptr<FileProblems>> m_problems;
    QHash<QString, std::shared_ptr<RecordReservoir>> m_reservoirs;
};

// Registers the table functions assay_read(key VARCHAR) and assay_sample(key VARCHAR) on a
// DuckDB connection (a duckdb_connection). assay_read streams the files of the container
// registered under `key`, typed by their columns, plus the file, line and modification time of
// each record; one file is read at a time, bounded memory, and DuckDB's interrupt stops it
// between chunks. assay_sample gives the same columns for the records of the container's
// sample (RecordReservoir), reading every file first when no full read kept one. False with
// `error` when DuckDB refuses them.
bool registerFileTableFunction(void *connection, FileRegistry *registry, QString *error);

} // namespace assay
