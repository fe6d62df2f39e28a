#include "app/files/FileRecords.h"

#include <QCoreApplication>
#include <cstring>

namespace assay {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(assay::FileRecords)
};

constexpr qsizetype kMaxRecordBytes = 16 * 1024 * 1024;
constexpr qsizetype kMaxColumns = 10000;
constexpr qint64 kEncodingSample = 64 * 1024;

// Text fit for a message: control characters (junk read as a header) shown as U+FFFD.
QString printable(QString text)
{
    for (QChar &c : text)
        if (c.unicode() < 0x20 || c.unicode() == 0x7F)
            c = QChar(0xFFFD);
    return text;
}

QString quoted(std::string_view value)
{
    QString text = printable(QString::fromUtf8(value.data(), qsizetype(value.size())));
    if (text.size() > 60)
        text = text.left(57) + QStringLiteral("...");
    return text;
}

} // namespace

FileRecords::FileRecords(const FileReadSpec &spec, const FileInput &file)
    : m_spec(spec), m_file(file), m_repaired(size_t(spec.columns.size()))
{
    for (const FileColumn &c : spec.columns)
        m_keys.push_back((c.sourceName.isEmpty() ? c.name : c.sourceName).toStdString());
}

bool FileRecords::open()
{
    QString error;
    std::unique_ptr<ByteSource> raw = openLocalFile(m_file.path, &error);
    if (!raw) {
        m_report.add({m_file.name, 0, QString(), Text::tr("cannot be read: %1").arg(error)});
        return false;
    }
    // The first bytes tell the encoding (unless the container's settings say it) and whether
    // there is anything at all.
    QByteArray head;
    if (!readHead(*raw, kEncodingSample, &head, &error)) {
        m_report.add({m_file.name, 0, QString(), Text::tr("cannot be read: %1").arg(error)});
        return false;
    }
    if (head.trimmed().isEmpty()) {
        m_report.add({m_file.name, 0, QString(), Text::tr("the file is empty")});
        m_report.complete = true;
        return false;
    }
    const TextEncoding encoding = m_spec.encoding ? *m_spec.encoding : detectEncoding(head);
    m_source = decodeToUtf8(withPrefix(head, std::move(raw)), encoding);
    if (m_spec.isJson()) {
        m_json = std::make_unique<JsonRecordReader>(*m_source, kMaxRecordBytes);
        m_values.resize(size_t(m_spec.columns.size()));
        m_state.resize(size_t(m_spec.columns.size()), -1);
        return true;
    }
    return openDelimited();
}

bool FileRecords::openDelimited()
{
    DelimitedReader::Options options;
    options.delimiter = m_spec.delimiter;
    options.quote = m_spec.quote;
    options.maxRecordBytes = kMaxRecordBytes;
    options.maxCells = kMaxColumns;
    m_csv = std::make_unique<DelimitedReader>(*m_source, options);
    m_cellOf.assign(size_t(m_spec.columns.size()), -1);
    if (!m_spec.header) {
        for (int i = 0; i < m_spec.columns.size(); ++i)
            m_cellOf[size_t(i)] = i;
        return true;
    }
    return readHeader();
}

bool FileRecords::readHeader()
{
    RecordView header;
    while (m_csv->next(header) && header.oversize)
        m_report.add({m_file.name, header.line, QString(),
                      Text::tr("the header is longer than %1 MB; skipped")
                          .arg(kMaxRecordBytes / (1024 * 1024))});
    if (header.cells.empty()) {
        m_report.add({m_file.name, 0, QString(),
                      m_csv->error().isEmpty()
                          ? Text::tr("the file has no header line")
                          : Text::tr("cannot be read: %1").arg(m_csv->error())});
        return false;
    }
    m_headerCells = header.cellCount;
    if (header.cellCount > kMaxColumns)
        m_report.add({m_file.name, header.line, QString(),
                      Text::tr("the header names %1 columns; the first %2 are read")
                          .arg(header.cellCount)
                          .arg(kMaxColumns)});
    QStringList names;
    for (const std::string_view &cell : header.cells)
        names << printable(QString::fromUtf8(cell.data(), qsizetype(cell.size())).trimmed());
    QVector<bool> used(names.size(), false);
    for (int i = 0; i < m_spec.columns.size(); ++i) {
        const FileColumn &c = m_spec.columns.at(i);
        const QString wanted = (c.sourceName.isEmpty() ? c.name : c.sourceName).trimmed();
        int at = -1;
        for (int k = 0; k < names.size() && at < 0; ++k)
            if (!used.at(k) && names.at(k) == wanted)
                at = k;
        for (int k = 0; k < names.size() && at < 0; ++k)
            if (!used.at(k) && names.at(k).compare(wanted, Qt::CaseInsensitive) == 0)
                at = k;
        // A header cell without a name: the column Sync named after its place.
        if (at < 0 && c.position >= 0 && c.position < names.size() && !used.at(c.position) &&
            names.at(c.position).isEmpty())
            at = c.position;
        if (at < 0) {
            m_report.add({m_file.name, header.line, c.name,
                          Text::tr("the column “%1” is not in this file: its values are missing")
                              .arg(wanted)});
            continue;
        }
        used[at] = true;
        m_cellOf[size_t(i)] = at;
    }
    for (int k = 0; k < names.size(); ++k)
        if (!used.at(k))
            m_report.add({m_file.name, header.line, names.at(k),
                          Text::tr("the column “%1” is not a field of the container; sync again "
                                   "to measure it")
                              .arg(names.at(k))});
    return true;
}

bool FileRecords::next()
{
    for (qsizetype i = 0; i < qsizetype(m_repaired.size()); ++i)
        m_repaired[size_t(i)].clear();
    if (m_json) {
        while (m_json->next(m_jsonRecord)) {
            m_line = m_jsonRecord.line;
            if (m_jsonRecord.oversize) {
                m_report.add({m_file.name, m_line, QString(),
                              Text::tr("the record is longer than %1 MB; skipped")
                                  .arg(kMaxRecordBytes / (1024 * 1024))});
                continue;
            }
            if (!m_jsonRecord.invalid.isEmpty()) {
                m_report.add({m_file.name, m_line, QString(),
                              Text::tr("skipped: %1").arg(m_jsonRecord.invalid)});
                continue;
            }
            alignJson();
            ++m_report.records;
            return true;
        }
        if (!m_json->error().isEmpty())
            m_report.add({m_file.name, m_line, QString(),
                          Text::tr("reading stopped: %1").arg(m_json->error())});
        else
            m_report.complete = true;
        return false;
    }
    while (m_csv->next(m_record)) {
        m_line = m_record.line;
        if (m_record.oversize) {
            m_report.add({m_file.name, m_line, QString(),
                          Text::tr("the record is longer than %1 MB; skipped")
                              .arg(kMaxRecordBytes / (1024 * 1024))});
            continue;
        }
        if (m_spec.header && m_record.cellCount != m_headerCells)
            m_report.add(
                {m_file.name, m_line, QString(),
                 m_record.cellCount < m_headerCells
                     ? Text::tr("the record has %1 fields, the header %2: the missing ones are "
                                "read as empty")
                           .arg(m_record.cellCount)
                           .arg(m_headerCells)
                     : Text::tr("the record has %1 fields, the header %2: the extra ones are "
                                "ignored")
                           .arg(m_record.cellCount)
                           .arg(m_headerCells)});
        ++m_report.records;
        return true;
    }
    if (!m_csv->error().isEmpty())
        m_report.add(
            {m_file.name, m_line, QString(),
             Text::tr("reading stopped after line %1: %2").arg(m_line).arg(m_csv->error())});
    else
        m_report.complete = true;
    return false;
}

void FileRecords::alignJson()
{
    std::fill(m_state.begin(), m_state.end(), -1);
    const auto &members = m_jsonRecord.members;
    if (m_memberHint.size() < members.size())
        m_memberHint.resize(members.size(), -1);
    for (size_t k = 0; k < members.size(); ++k) {
        const JsonMember &m = members[k];
        int column = m_memberHint[k];
        const auto matches = [&](int c) {
            return c >= 0 && size_t(c) < m_keys.size() && m.key == m_keys[size_t(c)];
        };
        if (!matches(column)) {
            column = -1;
            for (int c = 0; c < m_spec.columns.size() && column < 0; ++c)
                if (matches(c))
                    column = c;
            m_memberHint[k] = column;
        }
        if (column < 0 || m.kind == JsonMember::Kind::Null)
            continue;
        m_values[size_t(column)] = m.value;
        m_state[size_t(column)] = m.kind == JsonMember::Kind::String ? 1 : 0;
    }
}

bool FileRecords::isNull(int column) const
{
    if (m_json)
        return m_state[size_t(column)] < 0;
    const int cell = m_cellOf[size_t(column)];
    if (cell < 0 || cell >= int(m_record.cells.size()))
        return true;
    return m_record.cells[size_t(cell)].empty() && !m_record.quoted[size_t(cell)];
}

std::string_view FileRecords::text(int column)
{
    std::string_view value;
    if (m_json) {
        value = m_values[size_t(column)];
    } else {
        const int cell = m_cellOf[size_t(column)];
        if (cell < 0 || cell >= int(m_record.cells.size()))
            return {};
        value = m_record.cells[size_t(cell)];
    }
    if (isValidUtf8(value.data(), qsizetype(value.size())))
        return value;
    std::string &repaired = m_repaired[size_t(column)];
    if (repaired.empty()) {
        const QByteArray fixed = repairUtf8(value.data(), qsizetype(value.size()));
        repaired.assign(fixed.constData(), size_t(fixed.size()));
        m_report.add({m_file.name, m_line, m_spec.columns.at(column).name,
                      Text::tr("invalid UTF-8 (is the file in another encoding?); read as “%1”")
                          .arg(quoted(repaired))});
    }
    return repaired;
}

qint64 FileRecords::consumed() const
{
    return m_json ? m_json->consumed() : m_csv ? m_csv->consumed() : 0;
}

} // namespace assay
