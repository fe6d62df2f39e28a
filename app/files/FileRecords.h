#pragma once

#include "app/files/DelimitedReader.h"
#include "app/files/FileReadSpec.h"
#include "app/files/JsonRecordReader.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace assay {

// Reads one file of a container row by row, each row aligned to the container's columns: a
// CSV file's columns are found by its own header's names (files of a globbed container may
// order them differently, lack one or add one), a JSON record's by its keys. Everything wrong
// is reported as a FileReport problem with its line, and reading goes on: a ragged row is
// padded or cut, invalid UTF-8 is replaced, an oversize record or invalid JSON is skipped.
class FileRecords
{
public:
    FileRecords(const FileReadSpec &spec, const FileInput &file);

    // Opens the file (and reads a CSV header). False when it cannot be read at all (the
    // report says why).
    bool open();
    // The next row; false at the end of the file or when reading fails (the report says why).
    bool next();

    qint64 line() const { return m_line; }
    bool isNull(int column) const;
    // Column `column` of the current row as text (valid UTF-8), when not null.
    std::string_view text(int column);
    // Bytes read from the file so far (progress).
    qint64 consumed() const;

    FileReport &report() { return m_report; }
    const FileInput &file() const { return m_file; }

private:
    bool openDelimited();
    bool readHeader();
    void alignJson();

    const FileReadSpec &m_spec;
    FileInput m_file;
    FileReport m_report;
    std::unique_ptr<ByteSource> m_source;
    std::unique_ptr<DelimitedReader> m_csv;
    std::unique_ptr<JsonRecordReader> m_json;
    RecordView m_record;
    JsonRecord m_jsonRecord;
    qint64 m_line = 0;
    qsizetype m_headerCells = 0;
    std::vector<int> m_cellOf; // CSV: per column, its cell in this file's rows (-1: none)
    std::vector<std::string_view> m_values; // JSON: per column, this row's value
    std::vector<signed char> m_state;       // JSON: per column, -1 null, 0 text, 1 string
    std::vector<int> m_memberHint;          // JSON: member position -> column, from the last row
    std::vector<std::string> m_keys;        // JSON: per column, its key
    std::vector<std::string> m_repaired;    // per column: invalid UTF-8 replaced, this row
};

} // namespace assay
