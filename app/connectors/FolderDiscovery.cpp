#include "connectors/FolderDiscovery.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QRegularExpression>
#include <QTextStream>

namespace assay {

namespace {

constexpr int kSampleRecords = 200;

// The context of this file's translatable text (as lupdate sees it, too).
struct FolderDiscoveryText
{
    Q_DECLARE_TR_FUNCTIONS(assay::FolderDiscovery)
};

QString formatOf(const QString &suffix)
{
    const QString s = suffix.toLower();
    if (s == QLatin1String("csv"))
        return QStringLiteral("csv");
    if (s == QLatin1String("tsv") || s == QLatin1String("tab"))
        return QStringLiteral("tsv");
    if (s == QLatin1String("ndjson") || s == QLatin1String("jsonl") || s == QLatin1String("json"))
        return QStringLiteral("jsonl");
    return QString();
}

// Splits one delimited line, honouring double quotes ("a,b" and "" escapes).
QStringList splitDelimited(const QString &line, QChar delimiter)
{
    QStringList cells;
    QString cell;
    bool quoted = false;
    for (int i = 0; i < line.size(); ++i) {
        const QChar ch = line.at(i);
        if (quoted) {
            if (ch == QLatin1Char('"')) {
                if (i + 1 < line.size() && line.at(i + 1) == QLatin1Char('"')) {
                    cell += ch;
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                cell += ch;
            }
        } else if (ch == QLatin1Char('"')) {
            quoted = true;
        } else if (ch == delimiter) {
            cells << cell;
            cell.clear();
        } else {
            cell += ch;
        }
    }
    cells << cell;
    return cells;
}

bool readDelimited(const QString &path, QChar delimiter, QVector<DiscoveredField> *fields,
                   QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        *error = file.errorString();
        return false;
    }
    QTextStream in(&file);
    QString header = in.readLine();
    if (header.startsWith(QChar(0xFEFF)))
        header.remove(0, 1);
    const QStringList names = splitDelimited(header, delimiter);
    QVector<QStringList> columns(names.size());
    QVector<bool> hasEmpty(names.size(), false);
    for (int row = 0; row < kSampleRecords && !in.atEnd(); ++row) {
        const QStringList cells = splitDelimited(in.readLine(), delimiter);
        for (int c = 0; c < names.size(); ++c) {
            const QString value = c < cells.size() ? cells.at(c).trimmed() : QString();
            if (value.isEmpty())
                hasEmpty[c] = true;
            else
                columns[c] << value;
        }
    }
    for (int c = 0; c < names.size(); ++c) {
        DiscoveredField f;
        f.name = names.at(c).trimmed();
        if (f.name.isEmpty())
            f.name = QStringLiteral("column_%1").arg(c + 1);
        f.ordinal = c + 1;
        f.declaredType = inferTextType(columns.at(c));
        f.nullable = hasEmpty.at(c) || columns.at(c).isEmpty();
        fields->append(f);
    }
    return true;
}

QString jsonType(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Bool:
        return QStringLiteral("boolean");
    case QJsonValue::Double: {
        const double d = v.toDouble();
        return d == double(qint64(d)) ? QStringLiteral("integral") : QStringLiteral("fractional");
    }
    case QJsonValue::String:
        return inferTextType({v.toString()});
    case QJsonValue::Array:
    case QJsonValue::Object:
        return QStringLiteral("json");
    default:
        return QString();
    }
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

bool readJsonLines(const QString &path, QVector<DiscoveredField> *fields, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        *error = file.errorString();
        return false;
    }
    QStringList order;
    QHash<QString, QString> types;
    QHash<QString, int> seenIn;
    int records = 0;
    while (records < kSampleRecords && !file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        if (line.isEmpty())
            continue;
        const QJsonObject object = QJsonDocument::fromJson(line).object();
        if (object.isEmpty())
            continue;
        ++records;
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!types.contains(it.key()))
                order << it.key();
            types[it.key()] = widen(types.value(it.key()), jsonType(it.value()));
            if (!it.value().isNull())
                ++seenIn[it.key()];
        }
    }
    if (records == 0) {
        *error = FolderDiscoveryText::tr("no JSON records in the first lines");
        return false;
    }
    for (int i = 0; i < order.size(); ++i) {
        DiscoveredField f;
        f.name = order.at(i);
        f.ordinal = i + 1;
        f.declaredType =
            types.value(f.name).isEmpty() ? QStringLiteral("string") : types.value(f.name);
        f.nullable = seenIn.value(f.name) < records;
        fields->append(f);
    }
    return true;
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
        "^\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[-+]\\d{2}:?\\d{2})?$"));
    static const QStringList booleans = {QStringLiteral("true"), QStringLiteral("false"),
                                         QStringLiteral("t"),    QStringLiteral("f"),
                                         QStringLiteral("yes"),  QStringLiteral("no")};
    QString type;
    for (const QString &v : values) {
        if (v.isEmpty())
            continue;
        QString t;
        if (integral.match(v).hasMatch())
            t = QStringLiteral("integral");
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
                    const std::function<bool()> &cancelled)
{
    out->clear();
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
        QDateTime lastModified;
    };
    QMap<QString, Group> groups;
    QDirIterator it(root, QDir::Files | QDir::Readable, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QFileInfo info(it.next());
        const QString format = formatOf(info.suffix());
        if (format.isEmpty() || info.fileName().startsWith(QLatin1Char('.')))
            continue;
        const QString relativeDir = rootDir.relativeFilePath(info.absolutePath());
        const QString prefix = relativeDir == QLatin1String(".") ? QString() : relativeDir + '/';
        const QString key = prefix + fileNamePattern(info.fileName());
        Group &g = groups[key];
        g.format = format;
        g.files << rootDir.relativeFilePath(info.absoluteFilePath());
        if (!g.lastModified.isValid() || info.lastModified() > g.lastModified)
            g.lastModified = info.lastModified();
        if (cancelled && cancelled())
            return true;
    }
    for (auto g = groups.begin(); g != groups.end(); ++g) {
        g->files.sort();
        DiscoveredContainer c;
        const bool globbed = g->files.size() > 1;
        c.name = globbed ? g.key() : g->files.constFirst();
        c.containerType = QStringLiteral("file");
        const QString first = rootDir.filePath(g->files.constFirst());
        QString readError;
        const bool ok = g->format == QLatin1String("jsonl")
                            ? readJsonLines(first, &c.fields, &readError)
                            : readDelimited(first,
                                            g->format == QLatin1String("tsv") ? QLatin1Char('\t')
                                                                              : QLatin1Char(','),
                                            &c.fields, &readError);
        if (!ok)
            continue; // unreadable or empty: not a container
        c.settings = QJsonObject{
            {QStringLiteral("format"), g->format},
            {QStringLiteral("glob"), globbed},
            {QStringLiteral("pattern"), g.key()},
            {QStringLiteral("files"), QJsonArray::fromStringList(g->files)},
        };
        out->append(c);
        if (cancelled && cancelled())
            return true;
    }
    return true;
}

} // namespace assay
