#pragma once

#include "app/files/FileTableFunction.h"
#include "models/domain/Container.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QString>
#include <QTemporaryDir>

namespace assay {

// Which rows an operation is about to read: those past `after` on `field` (an incremental
// read), or every row (empty field). A source that can skip rows before reading them does: the
// file engine skips files modified before `after` when `field` is its modification column.
struct ReadScope
{
    QString field;
    QString after;
};

// The embedded engine that makes a folder's files SQL-queryable: a DuckDB database in a
// temporary folder of its own (removed with the engine), where each container is a view
// named after it over the table function that streams its files. Profile and Scan then run
// their usual SQL (the DuckDB dialect) on it: no operation asks whether it reads files.
class FileEngine
{
public:
    explicit FileEngine(QString root);
    ~FileEngine();

    // Opens the engine's database as the QSqlDatabase connection `connectionName` on this
    // thread. False with `error` when this build has no DuckDB or it fails to start.
    bool open(const QString &connectionName, QString *error);

    // Makes `container` (with its fields) readable under its own name.
    bool prepare(const Container &container, const QList<Field> &fields, const ReadScope &scope,
                 QString *error);
    // A relation holding a uniform sample of a prepared container's records, kept while a
    // statement read them all (RowSample::relation).
    QString sampleRelation(const QString &container) const;
    // The columns the engine adds to a prepared container (file, line, modification time):
    // part of each row read, never part of its schema.
    QStringList systemColumns(const QString &container) const;
    // What reading the container's files has found so far.
    QList<QPair<QString, FileReport>> reports(const QString &container) const;
    // The files a container reads now (its own file, or those its pattern matches today).
    QList<FileInput> filesOf(const Container &container) const;

private:
    QString m_root;
    QString m_connection;
    QTemporaryDir m_temp;
    FileRegistry m_registry;
    QHash<QString, QString> m_keys; // container name -> registry key
    QHash<QString, QStringList> m_systemColumns;
};

// How a file container is read, from its settings: what Sync found (settings["source"]:
// format, delimiter, encoding, header) with the user's overrides (settings["read"]).
FileReadSpec fileReadSpec(const Container &container, const QList<Field> &fields);

} // namespace assay
