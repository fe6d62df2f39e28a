#pragma once

#include "app/files/ByteSource.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace assay {

// The encodings Assay reads text files in. Records are parsed as UTF-8; other encodings are
// converted as the bytes are read.
enum class TextEncoding { Utf8, Utf16LE, Utf16BE, Latin1 };

// "utf-8", "utf-16le", "utf-16be", "latin-1": what container settings and the sync result say.
QString encodingName(TextEncoding encoding);
// The encoding a name means (case and "-"/"_" ignored; "iso-8859-1" is Latin-1); nullopt for
// one Assay does not read.
std::optional<TextEncoding> encodingFromName(const QString &name);
// Every name encodingFromName() takes, for the settings dialog.
QStringList encodingNames();

// The encoding the first bytes of a file are in: a byte-order mark says so; else UTF-8 when
// they are valid UTF-8 (a sequence cut at the end of `head` is allowed), else Latin-1.
TextEncoding detectEncoding(const QByteArray &head);

// Whether `bytes` are valid UTF-8.
bool isValidUtf8(const char *bytes, qsizetype size);
// `bytes` with each invalid UTF-8 sequence replaced by U+FFFD.
QByteArray repairUtf8(const char *bytes, qsizetype size);

// A source whose bytes come out as UTF-8: a UTF-8 byte-order mark dropped, UTF-16 and Latin-1
// converted. Invalid UTF-8 passes through: the record reader finds it and says where.
std::unique_ptr<ByteSource> decodeToUtf8(std::unique_ptr<ByteSource> source, TextEncoding encoding);

} // namespace assay
