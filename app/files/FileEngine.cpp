#include "app/files/FileEngine.h"

#include "app/connectors/FolderDiscovery.h"
#include "app/connectors/SqlLog.h"
#include "app/files/DuckDbDriver.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QTimeZone>

namespace assay {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(assay::FileEngine)
};

// DuckDB's own memory for the statements (the reader itself holds a chunk and one record):
// what a profile of a large file needs, spilled to the temporary folder beyond it.
constexpr const char *kMemoryLimit = "128MB";

QString sqlString(const QString &text)
{
    QString escaped = text;
    return QLatin1Char('\'') + escaped.replace(QLatin1Char('\''), QLatin1String("''")) +
           QLatin1Char('\'');
}

QString quoteIdentifier(const QString &name)
{
    QString escaped = name;
    return QLatin1Char('"') + escaped.replace(QLatin1Char('"'), QLatin1String("\"\"")) +
           QLatin1Char('"');
}

// A name for an added column that no field has (any case): `wanted`, else with more leading
// underscores.
QString freeName(const QString &wanted, const QList<Field> &fields)
{
    QString name = wanted;
    const auto taken = [&fields](const QString &n) {
        for (const Field &f : fields)
            if (f.name.compare(n, Qt::CaseInsensitive) == 0)
                return true;
        return false;
    };
    while (taken(name))
        name.prepend(QLatin1Char('_'));
    return name;
}

char delimiterOf(const QJsonValue &v, char fallback)
{
    const QString d = v.toString();
    if (d == QLatin1String("\\t") || d == QLatin1String("tab"))
        return '\t';
    if (d.size() == 1 && d.at(0).unicode() < 128)
        return char(d.at(0).unicode());
    return fallback;
}

// Parquet is read by DuckDB itself (typed, columnar): its columns, then the file, the row's
// number in it (1-based) and the file's modification time, as the other formats give them.
QString parquetSelect(const FileReadSpec &spec, const QList<Field> &fields)
{
    QStringList columns;
    for (const Field &f : fields)
        if (!f.removed)
            columns << QStringLiteral("%1 AS %2")
                           .arg(quoteIdentifier(f.sourceName.isEmpty() ? f.name : f.sourceName),
                                quoteIdentifier(f.name));
    if (spec.files.isEmpty()) {
        // Nothing to read (an incremental read with no file changed): no rows, the same columns.
        QStringList typed;
        for (const Field &f : fields)
            if (!f.removed)
                typed << QStringLiteral("CAST(NULL AS %1) AS %2")
                             .arg(f.declaredType, quoteIdentifier(f.name));
        typed << QStringLiteral("CAST(NULL AS VARCHAR) AS %1").arg(quoteIdentifier(spec.fileColumn))
              << QStringLiteral("CAST(NULL AS BIGINT) AS %1").arg(quoteIdentifier(spec.lineColumn))
              << QStringLiteral("CAST(NULL AS TIMESTAMP) AS %1")
                     .arg(quoteIdentifier(spec.modifiedColumn));
        return QStringLiteral("SELECT %1 WHERE 1 = 0").arg(typed.join(QStringLiteral(", ")));
    }
    QStringList paths, names, times;
    for (const FileInput &f : spec.files) {
        paths << sqlString(f.path);
        names << QStringLiteral("WHEN %1 THEN %2").arg(sqlString(f.path), sqlString(f.name));
        times << QStringLiteral("WHEN %1 THEN %2")
                     .arg(sqlString(f.path),
                          f.modified.isValid()
                              ? QStringLiteral("TIMESTAMP %1")
                                    .arg(sqlString(f.modified.toUTC().toString(
                                        QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"))))
                              : QStringLiteral("NULL"));
    }
    columns << QStringLiteral("CASE filename %1 END AS %2")
                   .arg(names.join(QLatin1Char(' ')), quoteIdentifier(spec.fileColumn))
            << QStringLiteral("file_row_number + 1 AS %1").arg(quoteIdentifier(spec.lineColumn))
            << QStringLiteral("CASE filename %1 END AS %2")
                   .arg(times.join(QLatin1Char(' ')), quoteIdentifier(spec.modifiedColumn));
    return QStringLiteral("SELECT %1 FROM read_parquet([%2], filename = true, file_row_number = "
                          "true)")
        .arg(columns.join(QStringLiteral(", ")), paths.join(QStringLiteral(", ")));
}

} // namespace

FileReadSpec fileReadSpec(const Container &container, const QList<Field> &fields)
{
    const QJsonObject source = container.settings.value(QStringLiteral("source")).toObject();
    const QJsonObject read = container.settings.value(QStringLiteral("read")).toObject();
    const auto setting = [&](const char *key) {
        const QString k = QLatin1String(key);
        return read.contains(k) && !read.value(k).toString().isEmpty() ? read.value(k)
                                                                       : source.value(k);
    };
    FileReadSpec spec;
    spec.format = source.value(QStringLiteral("format")).toString(QStringLiteral("csv"));
    spec.delimiter =
        delimiterOf(setting("delimiter"), spec.format == QLatin1String("tsv") ? '\t' : ',');
    if (const auto encoding = encodingFromName(setting("encoding").toString()))
        spec.encoding = *encoding;
    const QJsonValue header = read.contains(QStringLiteral("header"))
                                  ? read.value(QStringLiteral("header"))
                                  : source.value(QStringLiteral("header"));
    spec.header = header.isBool() ? header.toBool() : true;
    for (const Field &f : fields) {
        if (f.removed)
            continue;
        spec.columns << FileColumn{
            f.name, f.sourceName.isEmpty() ? f.name : f.sourceName,
            fileValueType(f.baseType.isEmpty() ? f.declaredType : f.baseType), f.ordinal - 1};
    }
    spec.fileColumn = freeName(QStringLiteral("_file"), fields);
    spec.lineColumn = freeName(QStringLiteral("_line"), fields);
    spec.modifiedColumn = freeName(QStringLiteral("_modified"), fields);
    return spec;
}

FileEngine::FileEngine(QString root) : m_root(std::move(root)) {}

FileEngine::~FileEngine() = default;

bool FileEngine::open(const QString &connectionName, QString *error)
{
    if (!registerDuckDbDriver()) {
        *error = Text::tr("This build of Assay has no file engine (DuckDB), so files can be "
                          "synced but not profiled or scanned. Build it with DuckDB (`make "
                          "deps` fetches it).");
        return false;
    }
    if (!m_temp.isValid()) {
        *error = Text::tr("Cannot create a temporary folder for the file engine: %1")
                     .arg(m_temp.errorString());
        return false;
    }
    m_connection = connectionName;
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QDUCKDB"), connectionName);
    // Views only: the database itself stays in memory; what does not fit spills to the
    // temporary folder.
    db.setDatabaseName(QStringLiteral(":memory:"));
    db.setConnectOptions(QStringLiteral("memory_limit=%1;threads=%2;temp_directory=%3")
                             .arg(QLatin1String(kMemoryLimit))
                             .arg(qBound(1, QThread::idealThreadCount(), 4))
                             .arg(m_temp.path()));
    if (!db.open()) {
        *error = db.lastError().databaseText().isEmpty() ? db.lastError().text()
                                                         : db.lastError().databaseText();
        return false;
    }
    void *connection = db.driver()->handle().value<void *>();
    return registerFileTableFunction(connection, &m_registry, error);
}

QList<FileInput> FileEngine::filesOf(const Container &container) const
{
    const QJsonObject source = container.settings.value(QStringLiteral("source")).toObject();
    const QDir root(m_root);
    QStringList names;
    // The user's pattern (container settings), a wildcard under the root: "sales/*.csv".
    const QString override = container.settings.value(QStringLiteral("file_pattern")).toString();
    if (!override.trimmed().isEmpty()) {
        const QFileInfo pattern(override.trimmed());
        const QString folder = pattern.path();
        const QDir dir(root.filePath(folder));
        const QString prefix = folder == QLatin1String(".") ? QString() : folder + '/';
        for (const QString &name :
             dir.entryList({pattern.fileName()}, QDir::Files | QDir::Readable, QDir::Name))
            if (!name.startsWith(QLatin1Char('.')))
                names << prefix + name;
    } else if (source.value(QStringLiteral("glob")).toBool()) {
        // The files its pattern matches today: partitions added since the last sync included.
        const QString pattern = source.value(QStringLiteral("pattern")).toString();
        const QString folder = QFileInfo(pattern).path();
        const QDir dir(root.filePath(folder));
        for (const QFileInfo &info : dir.entryInfoList(QDir::Files | QDir::Readable, QDir::Name)) {
            const QString relative = root.relativeFilePath(info.absoluteFilePath());
            const QString prefix = folder == QLatin1String(".") ? QString() : folder + '/';
            if (prefix + fileNamePattern(info.fileName()) == pattern &&
                !info.fileName().startsWith(QLatin1Char('.')))
                names << relative;
        }
    }
    if (names.isEmpty())
        for (const QJsonValue &v : source.value(QStringLiteral("files")).toArray())
            names << v.toString();
    names.sort();
    QList<FileInput> out;
    for (const QString &name : names) {
        const QFileInfo info(root.filePath(name));
        out << FileInput{info.absoluteFilePath(), name, info.lastModified().toUTC()};
    }
    return out;
}

bool FileEngine::prepare(const Container &container, const QList<Field> &fields,
                         const ReadScope &scope, QString *error)
{
    FileReadSpec spec = fileReadSpec(container, fields);
    // An incremental read on the files' modification time reads only the files changed since.
    QDateTime after;
    if (!scope.after.isEmpty() && scope.field == spec.modifiedColumn) {
        const QString mark = scope.after.left(23); // to milliseconds: what file times have
        after = QDateTime::fromString(mark, Qt::ISODateWithMs);
        if (!after.isValid())
            after = QDateTime::fromString(mark, QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
        if (!after.isValid())
            after = QDateTime::fromString(mark, QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        after.setTimeZone(QTimeZone::utc());
    }
    for (const FileInput &file : filesOf(container))
        if (!after.isValid() || file.modified > after)
            spec.files << file;
    const QString key = QStringLiteral("c%1").arg(container.id);
    m_systemColumns.insert(container.name, {spec.fileColumn, spec.lineColumn, spec.modifiedColumn});
    const QString view =
        QStringLiteral("CREATE OR REPLACE VIEW %1 AS %2")
            .arg(quoteIdentifier(container.name),
                 spec.format == QLatin1String("parquet")
                     ? parquetSelect(spec, fields)
                     : QStringLiteral("SELECT * FROM assay_read(%1)").arg(sqlString(key)));
    m_registry.set(key, std::move(spec));
    m_keys.insert(container.name, key);
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    const bool created = q.exec(view);
    sql_log::statement(0, view, created);
    if (!created) {
        *error = q.lastError().databaseText().isEmpty() ? q.lastError().text()
                                                        : q.lastError().databaseText();
        return false;
    }
    return true;
}

QString FileEngine::sampleRelation(const QString &container) const
{
    const QString key = m_keys.value(container);
    return key.isEmpty() ? QString() : QStringLiteral("assay_sample(%1)").arg(sqlString(key));
}

QStringList FileEngine::systemColumns(const QString &container) const
{
    return m_systemColumns.value(container);
}

QList<QPair<QString, FileReport>> FileEngine::reports(const QString &container) const
{
    const QString key = m_keys.value(container);
    if (key.isEmpty())
        return {};
    return const_cast<FileRegistry &>(m_registry).problems(key)->reports();
}

} // namespace assay
