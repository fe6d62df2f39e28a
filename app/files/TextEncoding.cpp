#include "app/files/TextEncoding.h"

#include <QStringDecoder>
#include <cstring>
#include <vector>

namespace assay {

namespace {

// The length of the valid UTF-8 sequence starting at p (at most `left` bytes), or 0.
int sequenceLength(const unsigned char *p, qsizetype left)
{
    const unsigned char c = p[0];
    if (c < 0x80)
        return 1;
    int n = 0;
    unsigned int min = 0;
    if ((c & 0xE0) == 0xC0) {
        n = 2;
        min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        n = 3;
        min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        n = 4;
        min = 0x10000;
    } else {
        return 0;
    }
    if (left < n)
        return 0;
    unsigned int code = c & (0x7F >> n);
    for (int i = 1; i < n; ++i) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        code = (code << 6) | (p[i] & 0x3F);
    }
    // Overlong forms, surrogates and code points beyond U+10FFFF are not UTF-8.
    if (code < min || (code >= 0xD800 && code <= 0xDFFF) || code > 0x10FFFF)
        return 0;
    return n;
}

// Reads from the wrapped source and hands out its bytes as UTF-8, converting as it goes.
class Utf8Decoder : public ByteSource
{
public:
    Utf8Decoder(std::unique_ptr<ByteSource> source, TextEncoding encoding)
        : m_source(std::move(source)), m_encoding(encoding), m_raw(256 * 1024)
    {
        if (encoding == TextEncoding::Utf16LE)
            m_decoder = QStringDecoder(QStringConverter::Utf16LE);
        else if (encoding == TextEncoding::Utf16BE)
            m_decoder = QStringDecoder(QStringConverter::Utf16BE);
    }

    qint64 read(char *buffer, qint64 max) override
    {
        // UTF-8 past its first chunk (where a byte-order mark may be) is read straight through.
        if (m_encoding == TextEncoding::Utf8 && !m_first && m_pending.size() == m_offset)
            return m_source->read(buffer, max);
        while (m_pending.size() - m_offset == 0) {
            const qint64 n = m_source->read(m_raw.data(), qint64(m_raw.size()));
            if (n <= 0)
                return n;
            convert(m_raw.data(), n);
        }
        const qint64 n = qMin<qint64>(max, m_pending.size() - m_offset);
        std::memcpy(buffer, m_pending.constData() + m_offset, size_t(n));
        m_offset += n;
        if (m_offset == m_pending.size()) {
            m_pending.clear();
            m_offset = 0;
        }
        return n;
    }
    QString errorString() const override { return m_source->errorString(); }
    qint64 storedSize() const override { return m_source->storedSize(); }

private:
    void convert(const char *bytes, qint64 n)
    {
        m_pending.clear();
        m_offset = 0;
        switch (m_encoding) {
        case TextEncoding::Utf8: {
            qint64 start = 0;
            if (m_first && n >= 3 && std::memcmp(bytes, "\xEF\xBB\xBF", 3) == 0)
                start = 3; // the byte-order mark is no part of the text
            m_pending = QByteArray(bytes + start, n - start);
            break;
        }
        case TextEncoding::Latin1:
            m_pending.reserve(n * 2);
            for (qint64 i = 0; i < n; ++i) {
                const unsigned char c = static_cast<unsigned char>(bytes[i]);
                if (c < 0x80) {
                    m_pending.append(char(c));
                } else {
                    m_pending.append(char(0xC0 | (c >> 6)));
                    m_pending.append(char(0x80 | (c & 0x3F)));
                }
            }
            break;
        case TextEncoding::Utf16LE:
        case TextEncoding::Utf16BE:
            // The decoder keeps a code unit split across reads for the next one, and drops the
            // byte-order mark.
            m_pending = QString(m_decoder(QByteArrayView(bytes, n))).toUtf8();
            break;
        }
        m_first = false;
    }

    std::unique_ptr<ByteSource> m_source;
    TextEncoding m_encoding;
    QStringDecoder m_decoder;
    std::vector<char> m_raw;
    QByteArray m_pending;
    qsizetype m_offset = 0;
    bool m_first = true;
};

QString normalisedName(const QString &name)
{
    QString n = name.trimmed().toLower();
    n.remove(QLatin1Char('-'));
    n.remove(QLatin1Char('_'));
    return n;
}

} // namespace

QString encodingName(TextEncoding encoding)
{
    switch (encoding) {
    case TextEncoding::Utf8:
        return QStringLiteral("utf-8");
    case TextEncoding::Utf16LE:
        return QStringLiteral("utf-16le");
    case TextEncoding::Utf16BE:
        return QStringLiteral("utf-16be");
    case TextEncoding::Latin1:
        break;
    }
    return QStringLiteral("latin-1");
}

QStringList encodingNames()
{
    return {QStringLiteral("utf-8"), QStringLiteral("utf-16le"), QStringLiteral("utf-16be"),
            QStringLiteral("latin-1")};
}

std::optional<TextEncoding> encodingFromName(const QString &name)
{
    const QString n = normalisedName(name);
    if (n == QLatin1String("utf8"))
        return TextEncoding::Utf8;
    if (n == QLatin1String("utf16le") || n == QLatin1String("utf16"))
        return TextEncoding::Utf16LE;
    if (n == QLatin1String("utf16be"))
        return TextEncoding::Utf16BE;
    if (n == QLatin1String("latin1") || n == QLatin1String("iso88591"))
        return TextEncoding::Latin1;
    return std::nullopt;
}

TextEncoding detectEncoding(const QByteArray &head)
{
    if (head.startsWith("\xEF\xBB\xBF"))
        return TextEncoding::Utf8;
    if (head.startsWith("\xFF\xFE"))
        return TextEncoding::Utf16LE;
    if (head.startsWith("\xFE\xFF"))
        return TextEncoding::Utf16BE;
    // Valid multi-byte sequences are UTF-8's evidence, invalid bytes Latin-1's: a UTF-8 file
    // with a stray byte of junk stays UTF-8 (the junk is reported where it is).
    const auto *p = reinterpret_cast<const unsigned char *>(head.constData());
    const qsizetype size = head.size();
    qsizetype multi = 0, invalid = 0;
    for (qsizetype i = 0; i < size;) {
        if (p[i] < 0x80) {
            ++i;
            continue;
        }
        const int n = sequenceLength(p + i, size - i);
        if (n == 0) {
            // A multi-byte sequence cut by the end of the sample is no evidence against UTF-8.
            if (size - i < 4 && p[i] >= 0xC0)
                break;
            ++invalid;
            ++i;
            continue;
        }
        ++multi;
        i += n;
    }
    return invalid == 0 || multi >= invalid ? TextEncoding::Utf8 : TextEncoding::Latin1;
}

bool isValidUtf8(const char *bytes, qsizetype size)
{
    const auto *p = reinterpret_cast<const unsigned char *>(bytes);
    for (qsizetype i = 0; i < size;) {
        if (p[i] < 0x80) {
            ++i;
            continue;
        }
        const int n = sequenceLength(p + i, size - i);
        if (n == 0)
            return false;
        i += n;
    }
    return true;
}

QByteArray repairUtf8(const char *bytes, qsizetype size)
{
    QByteArray out;
    out.reserve(size + 8);
    const auto *p = reinterpret_cast<const unsigned char *>(bytes);
    for (qsizetype i = 0; i < size;) {
        const int n = sequenceLength(p + i, size - i);
        if (n == 0) {
            out.append("\xEF\xBF\xBD"); // U+FFFD
            ++i;
            continue;
        }
        out.append(bytes + i, n);
        i += n;
    }
    return out;
}

std::unique_ptr<ByteSource> decodeToUtf8(std::unique_ptr<ByteSource> source, TextEncoding encoding)
{
    return std::make_unique<Utf8Decoder>(std::move(source), encoding);
}

} // namespace assay
