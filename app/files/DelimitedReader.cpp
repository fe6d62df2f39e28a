#include "app/files/DelimitedReader.h"

#include <algorithm>
#include <cstring>

namespace assay {

namespace {

qsizetype countNewlines(const char *begin, const char *end)
{
    return std::count(begin, end, '\n');
}

} // namespace

DelimitedReader::DelimitedReader(ByteSource &source, Options options)
    : m_options(options), m_in(source)
{
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
        const char *base = m_in.bytes.data();
        const char *nl = static_cast<const char *>(
            std::memchr(base + m_in.begin, '\n', size_t(m_in.end - m_in.begin)));
        if (nl) {
            const qsizetype stop = nl - base;
            skipped += stop - m_in.begin + 1;
            m_in.begin = stop + 1;
            break;
        }
        skipped += m_in.end - m_in.begin;
        m_in.begin = m_in.end = 0;
        if (m_in.eof)
            break;
        if (!m_in.fill())
            return false;
        if (m_in.eof && m_in.begin == m_in.end)
            break;
    }
    m_consumed += skipped;
    r.bytes = skipped;
    ++m_line;
    m_in.shrink(); // the buffer grew for the long record
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
        // Find where the record that starts at m_in.begin ends: the first line break outside
        // quotes. Rescanned from its start after each read (records are short; a long one
        // grows the buffer geometrically).
        const char *base = m_in.bytes.data();
        qsizetype pos = m_in.begin;
        bool inQuotes = false, hasQuote = false, complete = false;
        qsizetype newlines = 0, stop = -1;
        while (pos < m_in.end) {
            if (!inQuotes) {
                const char *nl = static_cast<const char *>(
                    std::memchr(base + pos, '\n', size_t(m_in.end - pos)));
                const qsizetype lineEnd = nl ? nl - base : m_in.end;
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
                    static_cast<const char *>(std::memchr(base + pos, q, size_t(m_in.end - pos)));
                const qsizetype until = quote ? quote - base : m_in.end;
                newlines += countNewlines(base + pos, base + until);
                if (!quote) {
                    pos = m_in.end;
                    break;
                }
                pos = until + 1;
                if (pos < m_in.end && base[pos] == q) {
                    ++pos; // a doubled quote, still inside
                    continue;
                }
                if (pos >= m_in.end && !m_in.eof) {
                    pos = m_in.end; // a quote at the buffer's end: doubled or not, read more
                    inQuotes = true;
                    break;
                }
                inQuotes = false;
            }
        }
        if (!complete && m_in.eof) {
            if (m_in.begin >= m_in.end)
                return false;
            stop = m_in.end; // the last record, without a final line break
            complete = true;
        }
        if (!complete) {
            if (m_in.end - m_in.begin > m_options.maxRecordBytes)
                return skipOversize(r);
            if (!m_in.fill())
                return false;
            continue;
        }
        const qsizetype recordEnd = stop;
        qsizetype contentEnd = recordEnd;
        if (contentEnd > m_in.begin && base[contentEnd - 1] == '\r')
            --contentEnd;
        r.line = m_line;
        r.bytes = recordEnd - m_in.begin + (recordEnd < m_in.end ? 1 : 0);
        m_consumed += r.bytes;
        m_line += 1 + newlines;
        const qsizetype begin = m_in.begin;
        m_in.begin = qMin(recordEnd + 1, m_in.end);
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
