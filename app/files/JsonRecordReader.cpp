#include "app/files/JsonRecordReader.h"

#include <QCoreApplication>
#include <algorithm>
#include <cstring>

namespace assay {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(assay::JsonRecordReader)
};

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

void appendUtf8(std::string &out, unsigned int code)
{
    if (code < 0x80) {
        out.push_back(char(code));
    } else if (code < 0x800) {
        out.push_back(char(0xC0 | (code >> 6)));
        out.push_back(char(0x80 | (code & 0x3F)));
    } else if (code < 0x10000) {
        out.push_back(char(0xE0 | (code >> 12)));
        out.push_back(char(0x80 | ((code >> 6) & 0x3F)));
        out.push_back(char(0x80 | (code & 0x3F)));
    } else {
        out.push_back(char(0xF0 | (code >> 18)));
        out.push_back(char(0x80 | ((code >> 12) & 0x3F)));
        out.push_back(char(0x80 | ((code >> 6) & 0x3F)));
        out.push_back(char(0x80 | (code & 0x3F)));
    }
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// A recursive-descent reader of one JSON object, unescaping strings into `scratch` (reserved
// beforehand: unescaping never makes text longer, so views into it stay valid).
class ObjectParser
{
public:
    ObjectParser(const char *begin, const char *end, std::string &scratch)
        : m_p(begin), m_end(end), m_scratch(scratch)
    {
    }

    bool parse(std::vector<JsonMember> &members, QString *why)
    {
        skipSpace();
        if (!eat('{'))
            return fail(why, Text::tr("not a JSON object"));
        skipSpace();
        if (eat('}'))
            return finish(why);
        for (;;) {
            JsonMember m;
            skipSpace();
            if (!string(&m.key))
                return fail(why, Text::tr("a member name is not a string"));
            skipSpace();
            if (!eat(':'))
                return fail(why, Text::tr("':' expected after a member name"));
            skipSpace();
            if (!value(m))
                return fail(why, Text::tr("a value is not valid JSON"));
            members.push_back(m);
            skipSpace();
            if (eat(','))
                continue;
            if (eat('}'))
                return finish(why);
            return fail(why, Text::tr("',' or '}' expected"));
        }
    }

private:
    bool fail(QString *why, const QString &reason)
    {
        *why = reason;
        return false;
    }
    bool finish(QString *why)
    {
        skipSpace();
        if (m_p != m_end)
            return fail(why, Text::tr("text after the object"));
        return true;
    }
    void skipSpace()
    {
        while (m_p < m_end && isSpace(*m_p))
            ++m_p;
    }
    bool eat(char c)
    {
        if (m_p < m_end && *m_p == c) {
            ++m_p;
            return true;
        }
        return false;
    }
    bool string(std::string_view *out)
    {
        if (!eat('"'))
            return false;
        // Fast path: no escapes, a view of the input itself.
        const char *start = m_p;
        while (m_p < m_end && *m_p != '"' && *m_p != '\\')
            ++m_p;
        if (m_p < m_end && *m_p == '"') {
            *out = std::string_view(start, size_t(m_p - start));
            ++m_p;
            return true;
        }
        const size_t from = m_scratch.size();
        m_scratch.append(start, size_t(m_p - start));
        while (m_p < m_end) {
            const char c = *m_p++;
            if (c == '"') {
                *out = std::string_view(m_scratch.data() + from, m_scratch.size() - from);
                return true;
            }
            if (c != '\\') {
                m_scratch.push_back(c);
                continue;
            }
            if (m_p >= m_end)
                return false;
            const char e = *m_p++;
            switch (e) {
            case '"':
            case '\\':
            case '/':
                m_scratch.push_back(e);
                break;
            case 'b':
                m_scratch.push_back('\b');
                break;
            case 'f':
                m_scratch.push_back('\f');
                break;
            case 'n':
                m_scratch.push_back('\n');
                break;
            case 'r':
                m_scratch.push_back('\r');
                break;
            case 't':
                m_scratch.push_back('\t');
                break;
            case 'u': {
                unsigned int code = 0;
                if (!hex4(&code))
                    return false;
                if (code >= 0xD800 && code <= 0xDBFF && m_end - m_p >= 6 && m_p[0] == '\\' &&
                    m_p[1] == 'u') {
                    m_p += 2;
                    unsigned int low = 0;
                    if (!hex4(&low))
                        return false;
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                }
                appendUtf8(m_scratch, code);
                break;
            }
            default:
                return false;
            }
        }
        return false;
    }
    bool hex4(unsigned int *code)
    {
        if (m_end - m_p < 4)
            return false;
        for (int i = 0; i < 4; ++i) {
            const int h = hexValue(m_p[i]);
            if (h < 0)
                return false;
            *code = (*code << 4) | unsigned(h);
        }
        m_p += 4;
        return true;
    }
    bool literal(const char *word, JsonMember &m, JsonMember::Kind kind)
    {
        const size_t n = std::strlen(word);
        if (size_t(m_end - m_p) < n || std::memcmp(m_p, word, n) != 0)
            return false;
        m.value = std::string_view(m_p, n);
        m.kind = kind;
        m_p += n;
        return true;
    }
    // Skips a nested object or array (strings and escapes respected).
    bool skipNested()
    {
        int depth = 0;
        bool inString = false;
        for (; m_p < m_end; ++m_p) {
            const char c = *m_p;
            if (inString) {
                if (c == '\\')
                    ++m_p;
                else if (c == '"')
                    inString = false;
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                ++depth;
            } else if (c == '}' || c == ']') {
                if (--depth == 0) {
                    ++m_p;
                    return true;
                }
            }
        }
        return false;
    }
    bool value(JsonMember &m)
    {
        if (m_p >= m_end)
            return false;
        const char c = *m_p;
        if (c == '"') {
            m.kind = JsonMember::Kind::String;
            return string(&m.value);
        }
        if (c == '{' || c == '[') {
            const char *start = m_p;
            if (!skipNested())
                return false;
            m.value = std::string_view(start, size_t(m_p - start));
            m.kind = JsonMember::Kind::Nested;
            return true;
        }
        if (c == 't')
            return literal("true", m, JsonMember::Kind::Boolean);
        if (c == 'f')
            return literal("false", m, JsonMember::Kind::Boolean);
        if (c == 'n')
            return literal("null", m, JsonMember::Kind::Null);
        const char *start = m_p;
        while (m_p < m_end && (std::strchr("+-0123456789.eE", *m_p) != nullptr) && *m_p)
            ++m_p;
        if (m_p == start)
            return false;
        m.value = std::string_view(start, size_t(m_p - start));
        m.kind = JsonMember::Kind::Number;
        return true;
    }

    const char *m_p;
    const char *m_end;
    std::string &m_scratch;
};

} // namespace

JsonRecordReader::JsonRecordReader(ByteSource &source, qsizetype maxRecordBytes)
    : m_maxRecordBytes(maxRecordBytes), m_in(source)
{
}

// Finds the first character of the document: '[' makes it an array of records.
bool JsonRecordReader::ensureStarted()
{
    while (!m_started) {
        while (m_in.begin < m_in.end && isSpace(m_in.bytes[size_t(m_in.begin)])) {
            if (m_in.bytes[size_t(m_in.begin)] == '\n')
                ++m_line;
            ++m_in.begin;
            ++m_consumed;
        }
        if (m_in.begin < m_in.end) {
            m_started = true;
            if (m_in.bytes[size_t(m_in.begin)] == '[') {
                m_array = true;
                ++m_in.begin;
                ++m_consumed;
            }
            break;
        }
        if (m_in.eof)
            return false;
        if (!m_in.fill())
            return false;
    }
    return true;
}

qsizetype JsonRecordReader::elementEnd(qsizetype pos, qsizetype *newlines) const
{
    const char *base = m_in.bytes.data();
    int depth = 0;
    bool inString = false;
    *newlines = 0;
    for (qsizetype i = pos; i < m_in.end; ++i) {
        const char c = base[i];
        if (c == '\n')
            ++*newlines;
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            if (depth == 0)
                return i; // the array's own ']'
            if (--depth == 0)
                return i + 1;
        } else if (c == ',' && depth == 0) {
            return i;
        }
    }
    return -1;
}

void JsonRecordReader::parse(const char *begin, const char *end, JsonRecord &r)
{
    m_scratch.clear();
    m_scratch.reserve(size_t(end - begin) + 16);
    QString why;
    ObjectParser parser(begin, end, m_scratch);
    if (!parser.parse(r.members, &why)) {
        r.members.clear();
        r.invalid = why;
    }
}

bool JsonRecordReader::next(JsonRecord &r)
{
    r.members.clear();
    r.invalid.clear();
    r.oversize = false;
    r.bytes = 0;
    if (!ensureStarted())
        return false;
    for (;;) {
        const char *base = m_in.bytes.data();
        if (m_array) {
            // Between elements: white space and one comma.
            while (m_in.begin < m_in.end &&
                   (isSpace(base[m_in.begin]) || base[m_in.begin] == ',')) {
                if (base[m_in.begin] == '\n')
                    ++m_line;
                ++m_in.begin;
                ++m_consumed;
            }
            if (m_in.begin < m_in.end && base[m_in.begin] == ']') {
                m_arrayClosed = true;
                return false;
            }
            if (m_in.begin >= m_in.end) {
                if (m_in.eof) {
                    if (!m_arrayClosed)
                        m_in.error =
                            Text::tr("the JSON array is not closed (the file is cut short)");
                    return false;
                }
                if (!m_in.fill())
                    return false;
                continue;
            }
            qsizetype newlines = 0;
            const qsizetype end = elementEnd(m_in.begin, &newlines);
            if (end < 0) {
                if (m_in.eof) {
                    m_in.error = Text::tr("the JSON array is not closed (the file is cut short)");
                    return false;
                }
                if (m_in.end - m_in.begin > m_maxRecordBytes) {
                    m_in.error = Text::tr("a record of the JSON array is longer than %1 MB")
                                     .arg(m_maxRecordBytes / (1024 * 1024));
                    return false;
                }
                if (!m_in.fill())
                    return false;
                continue;
            }
            r.line = m_line;
            r.bytes = end - m_in.begin;
            m_consumed += r.bytes;
            m_line += newlines;
            parse(base + m_in.begin, base + end, r);
            m_in.begin = end;
            return true;
        }
        // JSON lines: one record per line.
        const char *nl = static_cast<const char *>(
            std::memchr(base + m_in.begin, '\n', size_t(m_in.end - m_in.begin)));
        if (!nl && !m_in.eof) {
            if (m_in.end - m_in.begin > m_maxRecordBytes) {
                // Too long to keep: skip to the end of the line, and say so.
                r.oversize = true;
                r.line = m_line;
                for (;;) {
                    const char *b = m_in.bytes.data();
                    const char *stop = static_cast<const char *>(
                        std::memchr(b + m_in.begin, '\n', size_t(m_in.end - m_in.begin)));
                    if (stop) {
                        r.bytes += (stop - b) - m_in.begin + 1;
                        m_in.begin = (stop - b) + 1;
                        break;
                    }
                    r.bytes += m_in.end - m_in.begin;
                    m_in.begin = m_in.end = 0;
                    if (m_in.eof || !m_in.fill() || (m_in.eof && m_in.end == 0))
                        break;
                }
                m_consumed += r.bytes;
                ++m_line;
                m_in.shrink(); // the buffer grew for the long record
                return true;
            }
            if (!m_in.fill())
                return false;
            continue;
        }
        if (!nl && m_in.begin >= m_in.end)
            return false;
        const qsizetype stop = nl ? nl - base : m_in.end;
        qsizetype contentEnd = stop;
        const qsizetype begin = m_in.begin;
        r.line = m_line;
        r.bytes = stop - begin + (nl ? 1 : 0);
        m_consumed += r.bytes;
        ++m_line;
        m_in.begin = nl ? stop + 1 : m_in.end;
        while (contentEnd > begin && isSpace(base[contentEnd - 1]))
            --contentEnd;
        qsizetype contentBegin = begin;
        while (contentBegin < contentEnd && isSpace(base[contentBegin]))
            ++contentBegin;
        if (contentBegin == contentEnd)
            continue; // an empty line
        parse(base + contentBegin, base + contentEnd, r);
        return true;
    }
}

} // namespace assay
