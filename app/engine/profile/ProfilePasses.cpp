#include "app/engine/profile/ProfilePasses.h"

#include "app/checks/CheckSqlText.h"
#include "app/engine/FailureIsolation.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSqlError>

Q_DECLARE_LOGGING_CATEGORY(lcEngine)

namespace assay::profile_sql {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(assay::ProfileOperation)
};

// The same rows, none of them: a statement over them is planned (and refused) like the real
// one, and reads nothing.
ProfileSource zeroRows(ProfileSource s)
{
    s.rowScope = noRows(s.rowScope);
    s.recordLimit = 0;
    s.sample = RowSample();
    return s;
}

// Runs `sql` into `query`; the database's error, or "" when it ran (and, with `row`, returned a
// row).
QString run(QSqlQuery &query, const SqlFragment &sql, bool row)
{
    QString error;
    if (!execFragment(query, sql, &error))
        return error.isEmpty() ? query.lastError().text() : error;
    if (row && !query.next())
        return Text::tr("the statement returned no row");
    return QString();
}

// The columns with only those at `parts` taking part in pass 2 (the others keep their place,
// so pass 2's field indexes stay those of the whole list).
QList<ProfileColumn> onlyInPass2(QList<ProfileColumn> columns, const QList<int> &parts)
{
    for (int i = 0; i < columns.size(); ++i)
        if (!parts.contains(i))
            columns[i].measure.value.clear();
    return columns;
}

QList<ProfileColumn> subset(const QList<ProfileColumn> &columns, const QList<int> &parts)
{
    QList<ProfileColumn> out;
    for (const int i : parts)
        out << columns.at(i);
    return out;
}

void degrade(ProfileColumn &column, const SqlDialect &dialect, const QString &reason)
{
    const QString before = column.measure.note;
    column.measure = column.measure.degraded(dialect, reason.simplified());
    qCInfo(lcEngine) << "profile: column" << column.name << "falls back:" << column.measure.note
                     << (before.isEmpty() ? QString() : QStringLiteral("(was: %1)").arg(before));
}

// Pass 2 only groups values: a column it cannot group by its type is grouped by its text, else
// left out of pass 2. Pass 1's figures stand; the note says what is missing.
void degradeGrouping(ProfileColumn &column, const SqlDialect &dialect, const QString &reason)
{
    ColumnMeasure &m = column.measure;
    const QString text = m.text.isEmpty() ? dialect.toText(QStringLiteral("%1")) : m.text;
    const QString why = reason.simplified();
    if (m.value != text) {
        m.value = text;
        m.number.clear(); // no quantiles or value ranges from text
        m.note = Text::tr("most frequent values counted as text (%1)").arg(why);
    } else {
        m.value.clear();
        m.note = Text::tr("no most frequent values or quantiles (%1)").arg(why);
    }
    qCInfo(lcEngine) << "profile: column" << column.name << "falls back:" << m.note;
}

// Columns a pass can still measure less: not yet counted only.
QList<int> degradable(const QList<ProfileColumn> &columns, bool pass2)
{
    QList<int> out;
    for (int i = 0; i < columns.size(); ++i)
        if (pass2 ? columns.at(i).inPass2() : !columns.at(i).measure.completenessOnly)
            out << i;
    return out;
}

} // namespace

PassRun runPass1(QSqlDatabase db, QSqlQuery &query, const SqlDialect &dialect,
                 const ProfileSource &source, QList<ProfileColumn> &columns, bool sketches,
                 const std::function<bool()> &cancelled)
{
    PassRun out;
    const auto attempt = [&](QSqlQuery &q, const ProfileSource &s, const QList<ProfileColumn> &cs) {
        ++out.queries;
        return run(q, pass1(dialect, s, cs, sketches), true);
    };
    ++out.tablePasses;
    out.error = attempt(query, source, columns);
    if (out.error.isEmpty() || cancelled() || !answers(db))
        return out;

    // What the planner refuses, column by column, over no rows: each refused column falls
    // back (twice at most: through its text, then completeness only). When it refuses even a
    // bare count, the statement is at fault (the relation, its sample), not a column.
    const ProfileSource none = zeroRows(source);
    {
        QSqlQuery probe(db);
        QList<ProfileColumn> counted;
        for (ProfileColumn c : columns) {
            c.measure = c.measure.degraded(dialect, QString()).degraded(dialect, QString());
            counted << c;
        }
        if (!attempt(probe, none, counted).isEmpty())
            return out;
    }
    for (int i = 0; i < columns.size() && !cancelled(); ++i) {
        for (int step = 0; step < 2 && !columns.at(i).measure.completenessOnly; ++step) {
            QSqlQuery probe(db);
            const QString refused = attempt(probe, none, {columns.at(i)});
            if (refused.isEmpty())
                break;
            degrade(columns[i], dialect, refused);
        }
    }
    // What fails only while rows are read: halve the columns over full passes.
    for (int round = 0; round < 3 && !cancelled(); ++round) {
        query.finish();
        ++out.tablePasses;
        out.error = attempt(query, source, columns);
        if (out.error.isEmpty() || !answers(db))
            return out;
        const QHash<int, QString> failing = isolateFailures(
            degradable(columns, false), out.error,
            [&](const QList<int> &parts) {
                QSqlQuery probe(db);
                ++out.tablePasses;
                return attempt(probe, source, subset(columns, parts));
            },
            cancelled);
        if (failing.isEmpty())
            return out;
        for (auto it = failing.begin(); it != failing.end(); ++it)
            degrade(columns[it.key()], dialect, it.value());
    }
    return out;
}

PassRun runPass2(QSqlDatabase db, QSqlQuery &query, const SqlDialect &dialect,
                 const ProfileSource &source, QList<ProfileColumn> &columns,
                 const QList<FieldProfile> &profiles, const std::function<bool()> &cancelled)
{
    PassRun out;
    const auto attempt = [&](QSqlQuery &q, const ProfileSource &s, const QList<ProfileColumn> &cs) {
        const SqlFragment sql = pass2(dialect, s, cs, profiles);
        if (sql.isEmpty())
            return QString();
        ++out.queries;
        return run(q, sql, false);
    };
    out.error = attempt(query, source, columns);
    if (out.error.isEmpty() || cancelled() || !answers(db))
        return out;

    const ProfileSource none = zeroRows(source);
    {
        // The sample itself refused (one column grouped as text fails too): the statement is
        // at fault, not a column. Over the sample (bounded), as the failure may be its own.
        const QList<int> candidates = degradable(columns, true);
        QList<ProfileColumn> asText = columns;
        for (ProfileColumn &c : asText)
            if (c.inPass2())
                degradeGrouping(c, dialect, QString());
        QSqlQuery probe(db);
        if (!candidates.isEmpty() &&
            !attempt(probe, source, onlyInPass2(asText, {candidates.constFirst()})).isEmpty())
            return out;
    }
    for (const int i : degradable(columns, true)) {
        for (int step = 0; step < 2 && columns.at(i).inPass2() && !cancelled(); ++step) {
            QSqlQuery probe(db);
            const QString refused = attempt(probe, none, onlyInPass2(columns, {i}));
            if (refused.isEmpty())
                break;
            degradeGrouping(columns[i], dialect, refused);
        }
    }
    for (int round = 0; round < 3 && !cancelled(); ++round) {
        query.finish();
        out.error = attempt(query, source, columns);
        if (out.error.isEmpty() || !answers(db))
            return out;
        const QHash<int, QString> failing = isolateFailures(
            degradable(columns, true), out.error,
            [&](const QList<int> &parts) {
                QSqlQuery probe(db);
                return attempt(probe, source, onlyInPass2(columns, parts));
            },
            cancelled);
        if (failing.isEmpty())
            return out;
        for (auto it = failing.begin(); it != failing.end(); ++it)
            degradeGrouping(columns[it.key()], dialect, it.value());
    }
    return out;
}

} // namespace assay::profile_sql
