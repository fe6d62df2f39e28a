#pragma once

#include "app/files/TextEncoding.h"
#include "app/files/ValueParsing.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QSet>
#include <QString>
#include <QStringList>
#include <optional>

namespace assay {

// A column of a file container, as the file engine reads it.
struct FileColumn
{
    QString name;       // the field's name (what SQL sees)
    QString sourceName; // the name in the files' header or JSON keys
    FileValueType type = FileValueType::Text;
    // Its place in the header Sync read (0-based): a column whose header cell is empty is
    // found by its place.
    int position = -1;
};

// One file of a container (a partition of a globbed one).
struct FileInput
{
    QString path; // absolute
    QString name; // relative to the datastore's root: what anomalies show
    QDateTime modified;
};

// Everything the file engine needs to read a container.
struct FileReadSpec
{
    QString format = QStringLiteral("csv"); // csv, tsv, jsonl (JSON lines or a JSON array)
    char delimiter = ',';
    char quote = '"';
    std::optional<TextEncoding> encoding; // none: detected per file
    bool header = true;
    QList<FileColumn> columns;
    QList<FileInput> files;
    // The names of the columns the engine adds: the file and line a record comes from, and the
    // file's modification time (what incremental reads compare).
    QString fileColumn = QStringLiteral("_file");
    QString lineColumn = QStringLiteral("_line");
    QString modifiedColumn = QStringLiteral("_modified");

    bool isJson() const { return format == QLatin1String("jsonl"); }
};

// What went wrong with a file, where: a bad record, an unreadable file.
struct FileProblem
{
    QString file;
    qint64 line = 0; // 0: the whole file
    QString column;  // empty: the whole record or file
    QString message;
};

// Values of a column that were not of its type.
struct FileMismatches
{
    qint64 count = 0;
    QString firstFile;
    qint64 firstLine = 0;
    QString firstValue;
};

// What one read of one file found.
struct FileReport
{
    qint64 records = 0;          // records read
    bool complete = false;       // read to its end
    QList<FileProblem> problems; // the first kProblemsKept
    qint64 problemCount = 0;
    QHash<QString, FileMismatches> mismatches; // by column name

    static constexpr int kProblemsKept = 100;
    void add(const FileProblem &problem)
    {
        if (problems.size() < kProblemsKept)
            problems << problem;
        ++problemCount;
    }
};

// What reading a container's files found, each file's problems counted once however many
// statements read it: a complete read of a file stands; a partial one stands until a longer
// read replaces it.
class FileProblems
{
public:
    void record(const QString &file, const FileReport &report)
    {
        QMutexLocker lock(&m_mutex);
        auto it = m_files.find(file);
        if (it == m_files.end()) {
            m_files.insert(file, report);
            m_order << file;
        } else if (!it->complete && (report.complete || report.records > it->records)) {
            *it = report;
        }
    }
    // Per file, in the order they were first read.
    QList<QPair<QString, FileReport>> reports() const
    {
        QMutexLocker lock(&m_mutex);
        QList<QPair<QString, FileReport>> out;
        for (const QString &f : m_order)
            out << qMakePair(f, m_files.value(f));
        return out;
    }
    void clear()
    {
        QMutexLocker lock(&m_mutex);
        m_files.clear();
        m_order.clear();
    }

private:
    mutable QMutex m_mutex;
    QHash<QString, FileReport> m_files;
    QStringList m_order;
};

} // namespace assay
