#pragma once

#include "app/files/ByteSource.h"
#include "app/files/ReadBuffer.h"

#include <QString>
#include <string>
#include <string_view>
#include <vector>

namespace assay {

// One member of a JSON object record.
struct JsonMember
{
    enum class Kind { String, Number, Boolean, Null, Nested };
    std::string_view key;
    std::string_view value; // strings unescaped; numbers and booleans as written; nested
                            // objects and arrays as their JSON text
    Kind kind = Kind::Null;
};

// One record: an object's members, views valid until the next read.
struct JsonRecord
{
    qint64 line = 0; // the physical line it starts on, 1-based
    std::vector<JsonMember> members;
    qsizetype bytes = 0;
    QString invalid;       // not a JSON object: why (the record has no members)
    bool oversize = false; // longer than maxRecordBytes: skipped
};

// Reads records from JSON text: NDJSON / JSON lines (an object per line) or one JSON array of
// objects (a document that starts with '['), chosen by the first character. Memory stays
// bounded by maxRecordBytes whatever the file's size; a record that is not an object is
// reported (`invalid`) and reading goes on.
class JsonRecordReader
{
public:
    explicit JsonRecordReader(ByteSource &source, qsizetype maxRecordBytes = 16 * 1024 * 1024);

    // The next record; false at the end, or on a read error or a broken array (error()).
    bool next(JsonRecord &record);
    QString error() const { return m_in.error; }
    qint64 consumed() const { return m_consumed; }

private:
    bool ensureStarted();
    // The end of the array element starting at `pos` (one past it), or -1 when the buffer
    // holds only part of it.
    qsizetype elementEnd(qsizetype pos, qsizetype *newlines) const;
    void parse(const char *begin, const char *end, JsonRecord &record);

    qsizetype m_maxRecordBytes;
    ReadBuffer m_in;
    bool m_started = false;
    bool m_array = false;
    bool m_arrayClosed = false;
    qint64 m_line = 1;
    qint64 m_consumed = 0;
    std::string m_scratch;
};

} // namespace assay
