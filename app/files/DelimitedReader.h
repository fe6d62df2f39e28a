#pragma once

#include "app/files/ByteSource.h"
#include "app/files/ReadBuffer.h"

#include <QString>
#include <string>
#include <string_view>
#include <vector>

namespace assay {

// One record of a text file, as views into the reader's buffer (valid until the next read).
struct RecordView
{
    qint64 line = 0; // the physical line it starts on, 1-based
    std::vector<std::string_view> cells;
    std::vector<bool> quoted; // per cell: it was quoted ("" is then an empty value, not a null)
    qsizetype cellCount = 0;  // cells in the record; more than cells.size() past maxCells
    qsizetype bytes = 0;      // its size in the file
    bool oversize = false;    // longer than maxRecordBytes: skipped, no cells
};

// Reads delimited text (CSV, TSV, ...) record by record from UTF-8 bytes: fields in double
// quotes may hold the delimiter, line breaks and doubled quotes; CRLF and LF line ends; empty
// lines skipped. Memory stays bounded: a record longer than maxRecordBytes (a 50 MB line of
// junk) is skipped to its line's end and reported as oversize, and cells past maxCells are
// counted, not kept.
class DelimitedReader
{
public:
    struct Options
    {
        char delimiter = ',';
        char quote = '"';
        qsizetype maxRecordBytes = 16 * 1024 * 1024;
        qsizetype maxCells = 10000;
    };

    DelimitedReader(ByteSource &source, Options options);

    // The next record; false at the end of the file, or on a read error (error() is set).
    bool next(RecordView &record);
    QString error() const { return m_in.error; }
    // Bytes consumed so far (progress).
    qint64 consumed() const { return m_consumed; }

private:
    bool skipOversize(RecordView &record);
    void splitPlain(const char *begin, const char *end, RecordView &record);
    void splitQuoted(const char *begin, const char *end, RecordView &record);

    Options m_options;
    ReadBuffer m_in;
    qint64 m_line = 1;
    qint64 m_consumed = 0;
    std::string m_scratch;
};

} // namespace assay
