#include "app/files/ByteSource.h"

#include <QCoreApplication>
#include <QFile>
#include <cstring>
#include <vector>
#include <zlib.h>

namespace assay {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(assay::ByteSource)
};

class LocalFile : public ByteSource
{
public:
    explicit LocalFile(const QString &path) : m_file(path) {}
    bool open() { return m_file.open(QIODevice::ReadOnly); }

    qint64 read(char *buffer, qint64 max) override { return m_file.read(buffer, max); }
    QString errorString() const override { return m_file.errorString(); }
    qint64 storedSize() const override { return m_file.size(); }

private:
    QFile m_file;
};

// Inflates gzip members as they are read. Concatenated members (what `cat a.gz b.gz` makes)
// read as one stream, as gzip itself reads them.
class Gunzip : public ByteSource
{
public:
    explicit Gunzip(std::unique_ptr<ByteSource> compressed)
        : m_in(std::move(compressed)), m_input(kChunk)
    {
        m_stream.zalloc = Z_NULL;
        m_stream.zfree = Z_NULL;
        m_stream.opaque = Z_NULL;
        m_stream.next_in = Z_NULL;
        m_stream.avail_in = 0;
        m_ok = inflateInit2(&m_stream, 16 + MAX_WBITS) == Z_OK; // 16: a gzip wrapper
        if (!m_ok)
            m_error = Text::tr("cannot start decompressing");
    }
    ~Gunzip() override
    {
        if (m_ok)
            inflateEnd(&m_stream);
    }

    qint64 read(char *buffer, qint64 max) override
    {
        if (!m_error.isEmpty())
            return -1;
        if (m_done)
            return 0;
        m_stream.next_out = reinterpret_cast<Bytef *>(buffer);
        m_stream.avail_out = uInt(qMin<qint64>(max, 1 << 30));
        while (m_stream.avail_out > 0) {
            if (m_stream.avail_in == 0) {
                const qint64 n = m_in->read(m_input.data(), qint64(m_input.size()));
                if (n < 0) {
                    m_error = m_in->errorString();
                    break;
                }
                if (n == 0) {
                    // The input ended inside a member: the file is cut short.
                    if (m_inMember)
                        m_error = Text::tr("the compressed file is cut short (truncated gzip)");
                    m_done = true;
                    break;
                }
                m_stream.next_in = reinterpret_cast<Bytef *>(m_input.data());
                m_stream.avail_in = uInt(n);
            }
            m_inMember = true;
            const int status = inflate(&m_stream, Z_NO_FLUSH);
            if (status == Z_STREAM_END) {
                m_inMember = false;
                inflateReset(&m_stream); // another member may follow
                continue;
            }
            if (status != Z_OK && status != Z_BUF_ERROR) {
                m_error = Text::tr("the compressed data is damaged (%1)")
                              .arg(QString::fromLatin1(m_stream.msg ? m_stream.msg : "zlib"));
                break;
            }
        }
        const qint64 produced = max - qint64(m_stream.avail_out);
        if (produced > 0)
            return produced; // the error, if any, comes with the next read
        return m_error.isEmpty() ? 0 : -1;
    }
    QString errorString() const override { return m_error; }
    qint64 storedSize() const override { return m_in->storedSize(); }

private:
    static constexpr size_t kChunk = 256 * 1024;
    std::unique_ptr<ByteSource> m_in;
    std::vector<char> m_input;
    z_stream m_stream{};
    bool m_ok = false;
    bool m_done = false;
    bool m_inMember = false;
    QString m_error;
};

class Prefixed : public ByteSource
{
public:
    Prefixed(QByteArray head, std::unique_ptr<ByteSource> rest)
        : m_head(std::move(head)), m_rest(std::move(rest))
    {
    }
    qint64 read(char *buffer, qint64 max) override
    {
        if (m_offset < m_head.size()) {
            const qint64 n = qMin<qint64>(max, m_head.size() - m_offset);
            std::memcpy(buffer, m_head.constData() + m_offset, size_t(n));
            m_offset += n;
            return n;
        }
        return m_rest->read(buffer, max);
    }
    QString errorString() const override { return m_rest->errorString(); }
    qint64 storedSize() const override { return m_rest->storedSize(); }

private:
    QByteArray m_head;
    qsizetype m_offset = 0;
    std::unique_ptr<ByteSource> m_rest;
};

} // namespace

namespace {

class Empty : public ByteSource
{
public:
    qint64 read(char *, qint64) override { return 0; }
    QString errorString() const override { return QString(); }
    qint64 storedSize() const override { return 0; }
};

} // namespace

std::unique_ptr<ByteSource> fromBytes(QByteArray data)
{
    return withPrefix(std::move(data), std::make_unique<Empty>());
}

std::unique_ptr<ByteSource> withPrefix(QByteArray head, std::unique_ptr<ByteSource> rest)
{
    return std::make_unique<Prefixed>(std::move(head), std::move(rest));
}

bool readHead(ByteSource &source, qint64 max, QByteArray *head, QString *error)
{
    head->resize(max);
    qint64 got = 0;
    while (got < max) {
        const qint64 n = source.read(head->data() + got, max - got);
        if (n < 0) {
            if (error)
                *error = source.errorString();
            return false;
        }
        if (n == 0)
            break;
        got += n;
    }
    head->truncate(got);
    return true;
}

bool isGzipName(const QString &name)
{
    return name.endsWith(QLatin1String(".gz"), Qt::CaseInsensitive);
}

std::unique_ptr<ByteSource> gunzip(std::unique_ptr<ByteSource> compressed)
{
    return std::make_unique<Gunzip>(std::move(compressed));
}

std::unique_ptr<ByteSource> openLocalFile(const QString &path, QString *error)
{
    auto file = std::make_unique<LocalFile>(path);
    if (!file->open()) {
        if (error)
            *error = file->errorString();
        return nullptr;
    }
    if (isGzipName(path))
        return gunzip(std::move(file));
    return file;
}

} // namespace assay
