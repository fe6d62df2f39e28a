#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <memory>

namespace assay {

// The bytes of one file, read front to back in chunks: a local file, a gzip-compressed one
// (inflated as it is read), later an object in a store. Memory stays bounded by the chunk
// size whatever the file's size.
class ByteSource
{
public:
    virtual ~ByteSource() = default;

    // Reads up to `max` bytes into `buffer`: the count read, 0 at the end, -1 on an error
    // (errorString() says what; the bytes read before it stand).
    virtual qint64 read(char *buffer, qint64 max) = 0;
    virtual QString errorString() const = 0;
    // The file's size as stored (compressed size for gzip), -1 when unknown.
    virtual qint64 storedSize() const = 0;
};

// Opens `path` for reading, inflating gzip when the name ends in .gz (or the bytes say so).
// nullptr with `error` set when it cannot be opened.
std::unique_ptr<ByteSource> openLocalFile(const QString &path, QString *error);

// Wraps a source whose bytes are gzip members (one or several, one after the other).
std::unique_ptr<ByteSource> gunzip(std::unique_ptr<ByteSource> compressed);

// A source that hands out `head` (bytes already read from `rest`, to look at them) and then
// the rest.
std::unique_ptr<ByteSource> withPrefix(QByteArray head, std::unique_ptr<ByteSource> rest);

// The bytes of `data` (a file's beginning already read, a test's content).
std::unique_ptr<ByteSource> fromBytes(QByteArray data);

// Reads up to `max` bytes from the start of `source` into `head` (less at its end). False with
// `error` on a read error.
bool readHead(ByteSource &source, qint64 max, QByteArray *head, QString *error);

// Whether a file name says it is gzip-compressed (".gz", any case).
bool isGzipName(const QString &name);

} // namespace assay
