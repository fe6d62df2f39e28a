#include "app/engine/FileFindings.h"

#include "app/engine/OperationContext.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace assay {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(assay::FileFindings)
};

constexpr int kLogged = 20; // problems written to the log per container, then counted

QString where(const FileProblem &p)
{
    if (p.line <= 0)
        return p.file;
    return Text::tr("%1, line %2").arg(p.file).arg(p.line);
}

} // namespace

qint64 FileFindings::problemCount() const
{
    qint64 n = 0;
    for (const auto &[file, report] : reports)
        n += report.problemCount;
    return n;
}

QHash<QString, FileMismatches> FileFindings::mismatches() const
{
    QHash<QString, FileMismatches> out;
    for (const auto &[file, report] : reports)
        for (auto it = report.mismatches.begin(); it != report.mismatches.end(); ++it) {
            FileMismatches &m = out[it.key()];
            if (m.count == 0) {
                m.firstFile = it->firstFile;
                m.firstLine = it->firstLine;
                m.firstValue = it->firstValue;
            }
            m.count += it->count;
        }
    return out;
}

QString FileFindings::mismatchNote(const QString &column) const
{
    const FileMismatches m = mismatches().value(column);
    if (m.count == 0)
        return QString();
    return Text::tr("%1 values are not of this type and are read as missing (the first: “%2” "
                    "in %3, line %4)")
        .arg(m.count)
        .arg(m.firstValue, m.firstFile)
        .arg(m.firstLine);
}

QJsonObject FileFindings::toJson() const
{
    QJsonArray first;
    for (const auto &[file, report] : reports)
        for (const FileProblem &p : report.problems) {
            if (first.size() >= kLogged)
                break;
            QJsonObject o{{QStringLiteral("file"), p.file}, {QStringLiteral("message"), p.message}};
            if (p.line > 0)
                o.insert(QStringLiteral("line"), double(p.line));
            if (!p.column.isEmpty())
                o.insert(QStringLiteral("column"), p.column);
            first << o;
        }
    return {{QStringLiteral("files"), int(reports.size())},
            {QStringLiteral("problems"), double(problemCount())},
            {QStringLiteral("first_problems"), first}};
}

void FileFindings::log(OperationContext &context, const QString &container) const
{
    int logged = 0;
    for (const auto &[file, report] : reports)
        for (const FileProblem &p : report.problems) {
            if (logged++ >= kLogged)
                break;
            const QString subject =
                p.column.isEmpty() ? where(p) : Text::tr("%1, column %2").arg(where(p), p.column);
            // A container of one file is named by it; a globbed one's files are its partitions.
            context.warning(p.file == container
                                ? Text::tr("%1: %2").arg(subject, p.message)
                                : Text::tr("%1: %2: %3").arg(container, subject, p.message));
        }
    const qint64 total = problemCount();
    if (total > logged)
        context.warning(Text::tr("%1: %2 more problems in its files (the first %3 are listed)")
                            .arg(container)
                            .arg(total - logged)
                            .arg(logged));
    const QHash<QString, FileMismatches> byColumn = mismatches();
    for (auto it = byColumn.cbegin(); it != byColumn.cend(); ++it)
        context.warning(
            Text::tr("%1: column %2: %3").arg(container, it.key(), mismatchNote(it.key())));
}

} // namespace assay
