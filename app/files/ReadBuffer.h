#pragma once

#include "app/files/ByteSource.h"

#include <QString>
#include <vector>

namespace assay {

// The bytes of a source not yet consumed, in one buffer: a reader finds its next record in
// [begin, end) and consumes it by moving `begin`; fill() moves what is left to the front and
// reads more, growing the buffer when a record is longer than it (a reader bounds that).
struct ReadBuffer
{
    static constexpr qsizetype kChunk = 1024 * 1024;

    explicit ReadBuffer(ByteSource &source) : source(source), bytes(size_t(kChunk)) {}

    // Reads more after what is buffered; false on a read error (`error` says it). At the end
    // of the source it reads nothing and sets `eof`.
    bool fill();
    // After a long record: back to one chunk, what is buffered kept.
    void shrink();
    const char *data() const { return bytes.data(); }
    qsizetype buffered() const { return end - begin; }

    ByteSource &source;
    std::vector<char> bytes;
    qsizetype begin = 0, end = 0;
    bool eof = false;
    QString error;
};

} // namespace assay
