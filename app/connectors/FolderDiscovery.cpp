#include "app/connectors/FolderDiscovery.h"

#include "app/files/ByteSource.h"
#include "app/files/DelimitedReader.h"
#include "app/files/DuckDbDriver.h"
#include "app/files/JsonRecordReader.h"
#include "app/files/TextEncoding.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QRegularExpression>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace assay {

namespace {

// Records read to type a container's fields, and the most bytes read for them.
constexpr int kSampleRecords = 1000;
constexpr qint64 kSampleBytes = 8 * 1024 * 1024;
constexpr qsizetype kMaxColumns = 10000;
constexpr qint64 kHead = 64 * 1024;

// The context of this file's translatable text (as lupdate sees it, too).
struct FolderDiscoveryText
{
    Q_DECLARE_TR_FUNCTIONS(assay::FolderDiscovery)
};

// A file's format from its name: csv, tsv or jsonl (JSON lines or a JSON array), a ".gz"
// suffix aside; "" for files Assay does not read.
QString formatOf(const QString &fileName)
{
    QString name = fileName.toLower();
    if (name.endsWith(QLatin1String(".gz")))
        name.chop(3);
    const QString s = QFileInfo(name).suffix();
    if (s == QLatin1String("csv"))
        return QStringLiteral("csv");
    if (s == QLatin1String("tsv") || s == QLatin1String("tab"))
        return QStringLiteral("tsv");
    if (s == QLatin1String("ndjson") || s == QLatin1String("jsonl") || s == QLatin1String("json"))
        return QStringLiteral("jsonl");
    if (s == QLatin1String("parquet") &&
        !fileName.endsWith(QLatin1String(".gz"), Qt::CaseInsensitive))
        return QStringLiteral("parquet");
    return QString();
}

// Widens two inferred types to one that holds both.
QString widen(const QString &a, const QString &b)
{
    if (a.isEmpty() || a == b)
        return b;
    if (b.isEmpty())
        return a;
    const QSet<QString> pair{a, b};
    if (pair == QSet<QString>{QStringLiteral("integral"), QStringLiteral("fractional")})
        return QStringLiteral("fractional");
    if (pair == QSet<QString>{QStringLiteral("date"), QStringLiteral("timestamp")})
        return QStringLiteral("timestamp");
    return QStringLiteral("string");
}

// The first bytes of a file, decoded to UTF-8, and the source that continues after them.
struct OpenedText
{
    TextEncoding encoding = TextEncoding::Utf8;
    QByteArray head; // decoded
    std::unique_ptr<ByteSource> rest;
};

bool openText(const QString &path, OpenedText *out, QString *error)
{
    std::unique_ptr<ByteSource> raw = openLocalFile(path, error);
    if (!raw)
        return false;
    QByteArray head;
    if (!readHead(*raw, kHead, &head, error))
        return false;
    if (head.trimmed().isEmpty()) {
        *error = FolderDiscoveryText::tr("the file is empty");
        return false;
    }
    out->encoding = detectEncoding(head);
    auto decoder = decodeToUtf8(withPrefix(head, std::move(raw)), out->encoding);
    // Decode about as much as was read, to look at it; the reader then starts over with it.
    QByteArray decoded;
    if (!readHead(*decoder, kHead, &decoded, error))
        return false;
    out->head = decoded;
    out->rest = withPrefix(decoded, std::move(decoder));
    return true;
}

// The delimiter of a CSV file: among , ; tab |, the one that splits the first lines into the
// same number (at least 2) of fields most consistently; a comma when none does.
char detectDelimiter(const QByteArray &head)
{
    char best = ',';
    double bestScore = 0;
    for (const char candidate : {',', ';', '\t', '|'}) {
        auto source = fromBytes(head);
        DelimitedReader reader(*source, {candidate, '"', kHead, kMaxColumns});
        RecordView r;
        QList<qsizetype> counts;
        while (counts.size() < 20 && reader.next(r))
            counts << r.cellCount;
        if (counts.size() > 1 && reader.consumed() >= head.size())
            counts.removeLast(); // the last line may be cut by the end of the head
        if (counts.isEmpty() || counts.constFirst() < 2)
            continue;
        const qsizetype fields = counts.constFirst();
        const double agree =
            double(std::count(counts.begin(), counts.end(), fields)) / double(counts.size());
        const double score = agree * 1000 + double(fields);
        if (agree >= 0.8 && score > bestScore) {
            bestScore = score;
            best = candidate;
        }
    }
    return best;
}

// Distinct names for a header's cells: trimmed; empty ones "column_N"; repeats (any case,
// since SQL names are compared without case) "name_2", "name_3". The field keeps the source's
// own name when it had to change it.
void nameFields(const QStringList &header, QVector<DiscoveredField> *fields)
{
    QSet<QString> taken;
    for (int i = 0; i < header.size(); ++i) {
        const QString original = header.at(i);
        QString name = original.trimmed();
        if (name.isEmpty())
            name = QStringLiteral("column_%1").arg(i + 1);
        QString unique = name;
        for (int n = 2; taken.contains(unique.toLower()); ++n)
            unique = QStringLiteral("%1_%2").arg(name).arg(n);
        taken.insert(unique.toLower());
        DiscoveredField f;
        f.name = unique;
        f.ordinal = i + 1;
        if (unique != original)
            f.sourceName = original;
        fields->append(f);
    }
}

bool readDelimited(const QString &path, const QString &format, DiscoveredContainer *c,
                   QString *error, QStringList *warnings)
{
    OpenedText text;
    if (!openText(path, &text, error))
        return false;
    const char delimiter = format == QLatin1String("tsv") ? '\t' : detectDelimiter(text.head);
    DelimitedReader reader(*text.rest, {delimiter, '"', 16 * 1024 * 1024, kMaxColumns});
    RecordView r;
    while (reader.next(r) && r.oversize) {
    }
    if (r.cells.empty()) {
        *error =
            reader.error().isEmpty() ? FolderDiscoveryText::tr("no header line") : reader.error();
        return false;
    }
    if (r.cellCount > kMaxColumns)
        warnings->append(FolderDiscoveryText::tr("%1: the header names %2 columns; the first "
                                                 "%3 are synced")
                             .arg(QFileInfo(path).fileName())
                             .arg(r.cellCount)
                             .arg(kMaxColumns));
    QStringList header;
    for (const std::string_view &cell : r.cells)
        header << QString::fromUtf8(cell.data(), qsizetype(cell.size()));
    nameFields(header, &c->fields);
    QVector<QStringList> values(header.size());
    QVector<bool> hasEmpty(header.size(), false);
    for (int row = 0; row < kSampleRecords && reader.consumed() < kSampleBytes && reader.next(r);
         ++row) {
        if (r.oversize)
            continue;
        for (int i = 0; i < header.size(); ++i) {
            const bool present = i < int(r.cells.size());
            const QString value = present ? QString::fromUtf8(r.cells[size_t(i)].data(),
                                                              qsizetype(r.cells[size_t(i)].size()))
                                                .trimmed()
                                          : QString();
            if (value.isEmpty())
                hasEmpty[i] = true;
            else
                values[i] << value;
        }
    }
    for (int i = 0; i < c->fields.size(); ++i) {
        c->fields[i].declaredType = inferTextType(values.at(i));
        c->fields[i].nullable = hasEmpty.at(i) || values.at(i).isEmpty();
    }
    c->settings.insert(QStringLiteral("delimiter"),
                       delimiter == '\t' ? QStringLiteral("\\t") : QString(QLatin1Char(delimiter)));
    c->settings.insert(QStringLiteral("encoding"), encodingName(text.encoding));
    c->settings.insert(QStringLiteral("header"), true);
    return true;
}

QString jsonType(const JsonMember &m)
{
    switch (m.kind) {
    case JsonMember::Kind::Boolean:
        return QStringLiteral("boolean");
    case JsonMember::Kind::Number: {
        const QString text = QString::fromUtf8(m.value.data(), qsizetype(m.value.size()));
        return inferTextType({text});
    }
    case JsonMember::Kind::String:
        return inferTextType({QString::fromUtf8(m.value.data(), qsizetype(m.value.size()))});
    case JsonMember::Kind::Nested:
        return QStringLiteral("json");
    case JsonMember::Kind::Null:
        break;
    }
    return QString();
}

bool readJson(const QString &path, DiscoveredContainer *c, QString *error, QStringList *warnings)
{
    OpenedText text;
    if (!openText(path, &text, error))
        return false;
    JsonRecordReader reader(*text.rest);
    QStringList order;
    QHash<QString, QString> types;
    QHash<QString, int> seenIn;
    int records = 0, invalid = 0;
    JsonRecord r;
    while (records < kSampleRecords && reader.consumed() < kSampleBytes && reader.next(r)) {
        if (!r.invalid.isEmpty() || r.oversize) {
            ++invalid;
            continue;
        }
        ++records;
        for (const JsonMember &m : r.members) {
            const QString key = QString::fromUtf8(m.key.data(), qsizetype(m.key.size()));
            if (!types.contains(key)) {
                if (order.size() >= kMaxColumns)
                    continue;
                order << key;
                types.insert(key, QString());
            }
            types[key] = widen(types.value(key), jsonType(m));
            if (m.kind != JsonMember::Kind::Null)
                ++seenIn[key];
        }
    }
    if (records == 0) {
        *error = reader.error().isEmpty()
                     ? FolderDiscoveryText::tr("no JSON objects in the first records")
                     : reader.error();
        return false;
    }
    if (invalid > 0)
        warnings->append(FolderDiscoveryText::tr("%1: %2 of the first records are not JSON "
                                                 "objects; profiling reports each")
                             .arg(QFileInfo(path).fileName())
                             .arg(invalid));
    nameFields(order, &c->fields);
    for (DiscoveredField &f : c->fields) {
        const QString key = f.sourceName.isEmpty() ? f.name : f.sourceName;
        f.declaredType = types.value(key).isEmpty() ? QStringLiteral("string") : types.value(key);
        f.nullable = seenIn.value(key) < records;
    }
    c->settings.insert(QStringLiteral("encoding"), encodingName(text.encoding));
    return true;
}

// Parquet: its schema, as the file engine (DuckDB) reads it. Field types are DuckDB's
// (BIGINT, VARCHAR, DECIMAL(18,2), TIMESTAMP...).
bool readParquet(const QString &path, DiscoveredContainer *c, QString *error)
{
    if (!registerDuckDbDriver()) {
        *error = FolderDiscoveryText::tr("Parquet is read by the file engine (DuckDB), which this "
                                         "build of Assay has not");
        return false;
    }
    const QString name =
        QStringLiteral("assay-parquet-%1").arg(QUuid::createUuid().toString(QUuid::WithoutBraces));
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QDUCKDB"), name);
        db.setDatabaseName(QStringLiteral(":memory:"));
        db.setConnectOptions(QStringLiteral("threads=1;memory_limit=64MB"));
        if (!db.open()) {
            *error = db.lastError().databaseText();
        } else {
            QString literal = path;
            literal.replace(QLatin1Char('\''), QLatin1String("''"));
            QSqlQuery q(db);
            if (!q.exec(QStringLiteral("DESCRIBE SELECT * FROM read_parquet('%1')").arg(literal))) {
                *error = q.lastError().databaseText();
            } else {
                int ordinal = 0;
                while (q.next() && ordinal < kMaxColumns) {
                    DiscoveredField f;
                    f.name = q.value(0).toString();
                    f.declaredType = q.value(1).toString();
                    f.ordinal = ++ordinal;
                    f.nullable = q.value(2).toString() != QLatin1String("NO");
                    c->fields.append(f);
                }
                ok = !c->fields.isEmpty();
                if (!ok)
                    *error = FolderDiscoveryText::tr("the file has no columns");
            }
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

} // namespace

QString fileNamePattern(const QString &fileName)
{
    static const QRegularExpression digits(QStringLiteral("\\d+([-_.:T]\\d+)*"));
    QString pattern = fileName;
    pattern.replace(digits, QStringLiteral("*"));
    return pattern;
}

QString inferTextType(const QStringList &values)
{
    static const QRegularExpression integral(QStringLiteral("^[-+]?\\d+$"));
    static const QRegularExpression fractional(
        QStringLiteral("^[-+]?(\\d+\\.\\d*|\\.\\d+|\\d+)([eE][-+]?\\d+)?$"));
    static const QRegularExpression date(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    static const QRegularExpression timestamp(QStringLiteral(
        "^\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}([.,]\\d+)?)?(Z|[-+]\\d{2}(:?\\d{2})?)?$"));
    static const QStringList booleans = {QStringLiteral("true"), QStringLiteral("false"),
                                         QStringLiteral("t"),    QStringLiteral("f"),
                                         QStringLiteral("yes"),  QStringLiteral("no")};
    QString type;
    for (const QString &v : values) {
        if (v.isEmpty())
            continue;
        QString t;
        bool fits = false;
        if (integral.match(v).hasMatch())
            // Beyond 64 bits an integer is read as a fractional number.
            t = (v.toLongLong(&fits), fits) ? QStringLiteral("integral")
                                            : QStringLiteral("fractional");
        else if (fractional.match(v).hasMatch())
            t = QStringLiteral("fractional");
        else if (booleans.contains(v.toLower()))
            t = QStringLiteral("boolean");
        else if (date.match(v).hasMatch())
            t = QStringLiteral("date");
        else if (timestamp.match(v).hasMatch())
            t = QStringLiteral("timestamp");
        else
            return QStringLiteral("string");
        type = widen(type, t);
        if (type == QLatin1String("string"))
            return type;
    }
    return type.isEmpty() ? QStringLiteral("string") : type;
}

bool discoverFolder(const QString &root, QVector<DiscoveredContainer> *out, QString *error,
                    FolderSyncNotes *notes)
{
    out->clear();
    FolderSyncNotes none;
    FolderSyncNotes &n = notes ? *notes : none;
    const auto cancelled = [&n] { return n.cancelled && n.cancelled(); };
    const QDir rootDir(root);
    if (root.isEmpty() || !rootDir.exists()) {
        *error = FolderDiscoveryText::tr("The folder %1 does not exist.").arg(root);
        return false;
    }
    // Group files by folder + name pattern + extension.
    struct Group
    {
        QString format;
        QStringList files; // relative paths
    };
    QMap<QString, Group> groups;
    QDirIterator it(root, QDir::Files | QDir::Readable, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QFileInfo info(it.next());
        const QString format = formatOf(info.fileName());
        if (format.isEmpty() || info.fileName().startsWith(QLatin1Char('.')))
            continue;
        const QString relativeDir = rootDir.relativeFilePath(info.absolutePath());
        const QString prefix = relativeDir == QLatin1String(".") ? QString() : relativeDir + '/';
        const QString key = prefix + fileNamePattern(info.fileName());
        Group &g = groups[key];
        g.format = format;
        g.files << rootDir.relativeFilePath(info.absoluteFilePath());
        if (cancelled())
            return true;
    }
    int done = 0;
    for (auto g = groups.begin(); g != groups.end(); ++g) {
        if (n.progress)
            n.progress(double(done++) / double(qMax(1, int(groups.size()))));
        g->files.sort();
        DiscoveredContainer c;
        const bool globbed = g->files.size() > 1;
        c.name = globbed ? g.key() : g->files.constFirst();
        c.containerType = QStringLiteral("file");
        // The first file that can be read describes the container.
        QStringList reasons;
        bool ok = false;
        for (const QString &file : std::as_const(g->files)) {
            QString readError;
            c.fields.clear();
            c.settings = QJsonObject();
            const QString path = rootDir.filePath(file);
            ok = g->format == QLatin1String("jsonl") ? readJson(path, &c, &readError, &n.warnings)
                 : g->format == QLatin1String("parquet")
                     ? readParquet(path, &c, &readError)
                     : readDelimited(path, g->format, &c, &readError, &n.warnings);
            if (ok)
                break;
            reasons << QStringLiteral("%1: %2").arg(file, readError);
            if (reasons.size() >= 3 || cancelled())
                break;
        }
        for (const QString &reason : std::as_const(reasons))
            n.warnings << FolderDiscoveryText::tr("skipped %1").arg(reason);
        if (!ok)
            continue; // no file of it can be read: not a container
        c.settings.insert(QStringLiteral("format"), g->format);
        c.settings.insert(QStringLiteral("glob"), globbed);
        c.settings.insert(QStringLiteral("pattern"), g.key());
        c.settings.insert(QStringLiteral("files"), QJsonArray::fromStringList(g->files));
        out->append(c);
        if (cancelled())
            return true;
    }
    if (n.progress)
        n.progress(1.0);
    return true;
}

} // namespace assay
