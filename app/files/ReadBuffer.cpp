#include "app/files/ReadBuffer.h"

#include <cstring>

namespace assay {

bool ReadBuffer::fill()
{
    if (begin > 0) {
        std::memmove(bytes.data(), bytes.data() + begin, size_t(end - begin));
        end -= begin;
        begin = 0;
    }
    if (end == qsizetype(bytes.size()))
        bytes.resize(bytes.size() * 2);
    const qint64 n = source.read(bytes.data() + end, qint64(bytes.size()) - end);
    if (n < 0) {
        error = source.errorString();
        return false;
    }
    if (n == 0)
        eof = true;
    end += n;
    return true;
}

void ReadBuffer::shrink()
{
    if (bytes.size() <= size_t(4 * kChunk) || buffered() >= kChunk)
        return;
    std::vector<char> small(static_cast<size_t>(kChunk));
    std::memcpy(small.data(), bytes.data() + begin, size_t(buffered()));
    end -= begin;
    begin = 0;
    bytes.swap(small);
}

} // namespace assay
