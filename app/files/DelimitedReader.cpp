#include "files/DelimitedReader.h"

#include <algorithm>
#include <cstring>

namespace assay {

namespace {

constexpr qsizetype kChunk = 1024 * 1024;

qsizetype countNewlines(const char *begin, const char *end)
{
    return std::count(begin, end, '\n');
}

} // namespace

DelimitedReader::DelimitedReader(ByteSource &source, Options options)
    : m_source(source), m_options(options), m_buffer(size_t(kChunk))
{
}

bool DelimitedReader::fill()
{
    if (m_begin > 0) {
        std::memmove(m_buffer.data(), m_buffer.data() + m_begin, size_t(m_end - m_begin));
        m_end -= m_begin;
        m_begin = 0;
    }
    if (m_end == qsizetype(m_buffer.size()))
        m_buffer.resize(m_buffer.size() * 2);
    const qint64 n = m_source.read(m_buffer.data() + m_end, qint64(m_buffer.size()) - m_end);
    if (n < 0) {
        m_error = m_source.errorString();
        return false;
    }
    if (n == 0)
        m_eof = true;
    m_end += n;
    return true;
}

void DelimitedReader::splitPlain(const char *begin, const char *end, RecordView &r)
{
    const char d = m_options.delimiter;
    const char *p = begin;
    for (;;) {
        const char *stop = static_cast<const char *>(std::memchr(p, d, size_t(end - p)));
        const char *cellEnd = stop ? stop : end;
        if (r.cellCount < m_options.maxCells) {
            r.cells.emplace_back(p, size_t(cellEnd - p));
            r.quoted.push_back(false);
        }
        ++r.cellCount;
        if (!stop)
            return;
        p = stop + 1;
    }
}

void DelimitedReader::splitQuoted(const char *begin, const char *end, RecordView &r)
{
    const char d = m_options.delimiter, q = m_options.quote;
    // Cells are unescaped into the scratch buffer first (it must not move while views of it
    // are taken), as offset pairs, then viewed.
    m_scratch.clear();
    m_scratch.reserve(size_t(end - begin));
    std::vector<std::pair<size_t, size_t>> spans;
    std::vector<bool> quoted;
    size_t start = 0;
    bool inQuotes = false, wasQuoted = false;
    for (const char *p = begin; p < end; ++p) {
        const char c = *p;
        if (inQuotes) {
            if (c == q) {
                if (p + 1 < end && p[1] == q) {
                    m_scratch.push_back(q);
                    ++p;
                } else {
                    inQuotes = false;
                }
            } else {
                m_scratch.push_back(c);
            }
        } else if (c == q) {
            inQuotes = true;
            wasQuoted = true;
        } else if (c == d) {
            spans.emplace_back(start, m_scratch.size() - start);
            quoted.push_back(wasQuoted);
            start = m_scratch.size();
            wasQuoted = false;
        } else {
            m_scratch.push_back(c);
        }
    }
    spans.emplace_back(start, m_scratch.size() - start);
    quoted.push_back(wasQuoted);
    for (size_t i = 0; i < spans.size(); ++i) {
        if (r.cellCount < m_options.maxCells) {
            r.cells.emplace_back(m_scratch.data() + spans[i].first, spans[i].second);
            r.quoted.push_back(quoted[i]);
        }
        ++r.cellCount;
    }
}

bool DelimitedReader::skipOversize(RecordView &r)
{
    // The record is too long to keep: skip to the end of the line it starts on (its quotes
    // no longer count), and say so.
    r.oversize = true;
    r.line = m_line;
    qint64 skipped = 0;
    for (;;) {
        const char *base = m_buffer.data();
        const char *nl =
            static_cast<const char *>(std::memchr(base + m_begin, '\n', size_t(m_end - m_begin)));
        if (nl) {
            const qsizetype stop = nl - base;
            skipped += stop - m_begin + 1;
            m_begin = stop + 1;
            break;
        }
        skipped += m_end - m_begin;
        m_begin = m_end = 0;
        if (m_eof)
            break;
        if (!fill())
            return false;
        if (m_eof && m_begin == m_end)
            break;
    }
    m_consumed += skipped;
    r.bytes = skipped;
    ++m_line;
    // The buffer grew for the long record: let it shrink back.
    if (m_buffer.size() > size_t(4 * kChunk) && m_end - m_begin < kChunk) {
        std::vector<char> small(static_cast<size_t>(kChunk));
        std::memcpy(small.data(), m_buffer.data() + m_begin, size_t(m_end - m_begin));
        m_end -= m_begin;
        m_begin = 0;
        m_buffer.swap(small);
    }
    return true;
}

bool DelimitedReader::next(RecordView &r)
{
    r.cells.clear();
    r.quoted.clear();
    r.cellCount = 0;
    r.bytes = 0;
    r.oversize = false;
    const char q = m_options.quote;
    for (;;) {
        // Find where the record that starts at m_begin ends: the first line break outside
        // quotes. Rescanned from its start after each read (records are short; a long one
        // grows the buffer geometrically).
        const char *base = m_buffer.data();
        qsizetype pos = m_begin;
        bool inQuotes = false, hasQuote = false, complete = false;
        qsizetype newlines = 0, stop = -1;
        while (pos < m_end) {
            if (!inQuotes) {
                const char *nl =
                    static_cast<const char *>(std::memchr(base + pos, '\n', size_t(m_end - pos)));
                const qsizetype lineEnd = nl ? nl - base : m_end;
                const char *quote =
                    q ? static_cast<const char *>(std::memchr(base + pos, q, size_t(lineEnd - pos)))
                      : nullptr;
                if (!quote) {
                    if (nl) {
                        stop = lineEnd;
                        complete = true;
                    }
                    pos = lineEnd;
                    break;
                }
                hasQuote = inQuotes = true;
                pos = quote - base + 1;
            } else {
                const char *quote =
                    static_cast<const char *>(std::memchr(base + pos, q, size_t(m_end - pos)));
                const qsizetype until = quote ? quote - base : m_end;
                newlines += countNewlines(base + pos, base + until);
                if (!quote) {
                    pos = m_end;
                    break;
                }
                pos = until + 1;
                if (pos < m_end && base[pos] == q) {
                    ++pos; // a doubled quote, still inside
                    continue;
                }
                if (pos >= m_end && !m_eof) {
                    pos = m_end; // a quote at the buffer's end: doubled or not, read more
                    inQuotes = true;
                    break;
                }
                inQuotes = false;
            }
        }
        if (!complete && m_eof) {
            if (m_begin >= m_end)
                return false;
            stop = m_end; // the last record, without a final line break
            complete = true;
        }
        if (!complete) {
            if (m_end - m_begin > m_options.maxRecordBytes)
                return skipOversize(r);
            if (!fill())
                return false;
            continue;
        }
        const qsizetype recordEnd = stop;
        qsizetype contentEnd = recordEnd;
        if (contentEnd > m_begin && base[contentEnd - 1] == '\r')
            --contentEnd;
        r.line = m_line;
        r.bytes = recordEnd - m_begin + (recordEnd < m_end ? 1 : 0);
        m_consumed += r.bytes;
        m_line += 1 + newlines;
        const qsizetype begin = m_begin;
        m_begin = qMin(recordEnd + 1, m_end);
        if (contentEnd == begin)
            continue; // an empty line
        if (contentEnd - begin > m_options.maxRecordBytes) {
            r.oversize = true; // complete, but too long to keep
            return true;
        }
        if (hasQuote)
            splitQuoted(base + begin, base + contentEnd, r);
        else
            splitPlain(base + begin, base + contentEnd, r);
        return true;
    }
}

} // namespace assay
