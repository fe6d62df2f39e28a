// What Profile's statements read, asked of each database's own planner: the sampled pass reads
// the table once (MariaDB evaluates a shared CTE once per reference, so a shape that names the
// sample twice would read the table many times), and samples come from the rows in scope.
#include "ServerDatabase.h"
#include "app/checks/CheckSqlText.h"
#include "app/engine/profile/ProfileQueries.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>

using namespace assay;

namespace {

constexpr qint64 kRows = 30000;

QList<ProfileColumn> columns(const SqlDialect &dialect)
{
    return {ProfileColumn::of(dialect, QStringLiteral("id"), QStringLiteral("integral")),
            ProfileColumn::of(dialect, QStringLiteral("grp"), QStringLiteral("integral")),
            ProfileColumn::of(dialect, QStringLiteral("label"), QStringLiteral("string"))};
}

QList<FieldProfile> profiles()
{
    QList<FieldProfile> out;
    for (int i = 0; i < 3; ++i) {
        FieldProfile p;
        p.mean = 10.0;
        p.stdDev = 3.0;
        p.minValue = QStringLiteral("0");
        p.maxValue = QStringLiteral("%1").arg(kRows);
        out << p;
    }
    return out;
}

bool exec(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (q.exec(sql))
        return true;
    qWarning() << sql.left(120) << q.lastError().text();
    return false;
}

QSqlQuery run(QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
    QSqlQuery q(db);
    q.prepare(sql);
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec())
        qWarning() << q.lastError().text();
    return q;
}

// The sampled pass over `big`, about 1,000 of its rows.
BoundSql sampledPass(const SqlDialect &dialect, const QString &schema, const RowSample &keys)
{
    ProfileSource source;
    source.schema = schema;
    source.table = QStringLiteral("big");
    source.sample = keys;
    source.sample.rows = 1000;
    source.sample.population = kRows;
    return profile_sql::pass2(dialect, source, columns(dialect), profiles());
}

// The items of a SELECT list: top-level commas only (not those inside parentheses or quotes).
int selectItems(const QString &sql)
{
    const int from = sql.lastIndexOf(QLatin1String(" FROM "));
    int items = 1, depth = 0;
    QChar quote;
    for (int i = int(qstrlen("SELECT ")); i < from; ++i) {
        const QChar c = sql.at(i);
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
        } else if (c == u'\'' || c == u'"' || c == u'`') {
            quote = c;
        } else if (c == u'(') {
            ++depth;
        } else if (c == u')') {
            --depth;
        } else if (c == u',' && depth == 0) {
            ++items;
        }
    }
    return items;
}

} // namespace

class TestProfileQueries : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    static QString fillSql(const QString &table)
    {
        return QStringLiteral("INSERT INTO %1 WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n "
                              "+ 1 FROM s WHERE n < %2) SELECT n, n %% 7, CONCAT('L', n %% 13) "
                              "FROM s")
            .arg(table)
            .arg(kRows)
            .replace(QLatin1String("%%"), QLatin1String("%"));
    }

    void sqliteSample(QSqlDatabase &db)
    {
        db.setDatabaseName(m_dir.filePath(QStringLiteral("q.sqlite")));
        QVERIFY(db.open());
        QVERIFY(exec(db, QStringLiteral("CREATE TABLE big (id INTEGER, grp INTEGER, label TEXT)")));
        QVERIFY(exec(
            db, fillSql(QStringLiteral("big")).replace("CONCAT('L', n % 13)", "'L' || (n % 13)")));
        const SqlDialect dialect = SqlDialect::forFamily(SqlDialect::Family::SQLite);
        CheckSqlContext rows;
        rows.dialect = dialect;
        rows.schema = QStringLiteral("main");
        rows.table = QStringLiteral("big");
        const RowSample keys = rowidRange(db, rows, {"id", "grp", "label"});
        QCOMPARE(keys.rowidName, QStringLiteral("rowid"));
        QCOMPARE(keys.lastRowid, kRows);
        // A column named rowid shadows it: another alias is used.
        QCOMPARE(rowidRange(db, rows, {"ROWID", "grp"}).rowidName, QStringLiteral("_rowid_"));

        const BoundSql pass = sampledPass(dialect, QStringLiteral("main"), keys);
        QSqlQuery plan = run(db, QStringLiteral("EXPLAIN QUERY PLAN ") + pass.sql, pass.values);
        int reads = 0, scans = 0;
        while (plan.next()) {
            const QString step = plan.value(3).toString();
            reads += step.contains(QLatin1String(" big"));
            scans += step.startsWith(QLatin1String("SCAN big"));
        }
        QCOMPARE(reads, 1); // one read of the table, by key (a SEARCH, not a SCAN)
        QCOMPARE(scans, 0);

        // The sample: about 1,000 rows, drawn uniformly from the whole table.
        rows.sample = keys;
        rows.sample.rows = 1000;
        rows.sample.population = kRows;
        QVERIFY(!readsEveryRow(rows));
        const SqlFragment relation = sourceRelation(rows);
        QSqlQuery count = run(db, QStringLiteral("SELECT COUNT(*), AVG(id) FROM ") + relation.sql,
                              relation.values);
        QVERIFY(count.next());
        QVERIFY2(count.value(0).toInt() > 800 && count.value(0).toInt() <= 1000,
                 qPrintable(count.value(0).toString()));
        QVERIFY(std::abs(count.value(1).toDouble() - kRows / 2.0) < kRows * 0.1);

        // With a record limit the sample is taken among the limited rows.
        rows.recordLimit = 5000;
        rows.sample.population = 5000;
        QVERIFY(readsEveryRow(rows));
        const SqlFragment limited = sourceRelation(rows);
        QSqlQuery within =
            run(db, QStringLiteral("SELECT COUNT(*), MAX(id) FROM ") + limited.sql, limited.values);
        QVERIFY(within.next());
        QVERIFY(within.value(1).toInt() <= 5000);
        QVERIFY2(within.value(0).toInt() > 700 && within.value(0).toInt() < 1300,
                 qPrintable(within.value(0).toString()));
    }

private slots:
    // Every dialect's first pass selects exactly the columns its layout reads, and the dialects
    // with an approximate percentile take the quartiles there.
    void firstPassLayoutMatchesItsSql()
    {
        using F = SqlDialect::Family;
        for (const F family : {F::SQLite, F::PostgreSQL, F::Redshift, F::MySQL, F::SqlServer,
                               F::Snowflake, F::Oracle, F::Generic}) {
            const SqlDialect dialect = SqlDialect::forFamily(family);
            ProfileSource source;
            source.schema = QStringLiteral("s");
            source.table = QStringLiteral("t");
            const BoundSql pass = profile_sql::pass1(dialect, source, columns(dialect));
            const QList<profile_sql::Pass1Layout> layout =
                profile_sql::pass1Layout(dialect, columns(dialect));
            int last = 0;
            for (const profile_sql::Pass1Layout &l : layout)
                last = std::max({last, l.count, l.min, l.max, l.sum, l.spread, l.minLength,
                                 l.maxLength, l.approxDistinct, l.quartiles + 2});
            QCOMPARE(selectItems(pass.sql), last + 1);
            const bool quartiles =
                family == F::Snowflake || family == F::Redshift || family == F::SqlServer;
            QCOMPARE(layout.at(0).quartiles >= 0, quartiles); // id: numeric
            QCOMPARE(layout.at(2).quartiles, -1);             // label: text
        }
        QVERIFY(profile_sql::pass1(SqlDialect::forFamily(SqlDialect::Family::Snowflake), {},
                                   columns(SqlDialect::forFamily(SqlDialect::Family::Snowflake)))
                    .sql.contains(QLatin1String("APPROX_PERCENTILE(src.\"id\", 0.25)")));
    }

    void sqliteReadsItsSampleByKey()
    {
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), "lite");
            sqliteSample(db);
        }
        QSqlDatabase::removeDatabase(QStringLiteral("lite"));
    }

    void postgresReadsTheTableOnce()
    {
        const test::Server pg = test::postgres();
        QVERIFY(pg.port);
        {
            QSqlDatabase db = test::serverDatabase(QStringLiteral("QPSQL"), pg, "pg");
            QVERIFY2(db.open(), qPrintable(db.lastError().text()));
            QVERIFY(exec(db, QStringLiteral("DROP SCHEMA IF EXISTS assay_profile_q CASCADE")));
            QVERIFY(exec(db, QStringLiteral("CREATE SCHEMA assay_profile_q")));
            QVERIFY(exec(
                db, QStringLiteral("CREATE TABLE assay_profile_q.big AS SELECT g AS id, g %% 7 "
                                   "AS grp, 'L' || (g %% 13) AS label FROM "
                                   "generate_series(1, %1) g")
                        .arg(kRows)
                        .replace(QLatin1String("%%"), QLatin1String("%"))));
            const BoundSql pass = sampledPass(SqlDialect::forFamily(SqlDialect::Family::PostgreSQL),
                                              QStringLiteral("assay_profile_q"), {});
            // PostgreSQL cannot PREPARE an EXPLAIN: the values go in as literals.
            QSqlQuery plan(db);
            QVERIFY(plan.exec(
                QStringLiteral("EXPLAIN (FORMAT JSON) ") +
                check_sql::inlineValues(pass.sql, pass.values,
                                        SqlDialect::forFamily(SqlDialect::Family::PostgreSQL))));
            QVERIFY(plan.next());
            const QString json = plan.value(0).toString();
            QCOMPARE(json.count(QLatin1String("\"Relation Name\": \"big\"")), 1);
            QVERIFY(json.contains(QLatin1String("\"Sampling Method\": \"bernoulli\"")));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("pg"));
    }

    void mariadbReadsTheTableOnce()
    {
        const test::Server md = test::mariadb();
        QVERIFY(md.port);
        {
            QSqlDatabase db = test::serverDatabase(QStringLiteral("QMARIADB"), md, "md");
            QVERIFY2(db.open(), qPrintable(db.lastError().text()));
            QVERIFY(exec(db, QStringLiteral("DROP DATABASE IF EXISTS assay_profile_q")));
            QVERIFY(exec(db, QStringLiteral("CREATE DATABASE assay_profile_q")));
            QVERIFY(exec(
                db, QStringLiteral("CREATE TABLE assay_profile_q.big (id INTEGER, grp INTEGER, "
                                   "label VARCHAR(10))")));
            QVERIFY(exec(db, QStringLiteral("SET SESSION max_recursive_iterations = 100000")));
            QVERIFY(exec(db, fillSql(QStringLiteral("assay_profile_q.big"))));
            const BoundSql pass = sampledPass(SqlDialect::forFamily(SqlDialect::Family::MySQL),
                                              QStringLiteral("assay_profile_q"), {});
            QSqlQuery plan = run(db, QStringLiteral("EXPLAIN ") + pass.sql, pass.values);
            int reads = 0;
            while (plan.next())
                reads += plan.value(2).toString() == QLatin1String("big");
            QCOMPARE(reads, 1);
            // And it answers: a row per top value and per bucket of every field.
            QSqlQuery rows = run(db, pass.sql, pass.values);
            QSet<int> fields;
            while (rows.next())
                fields.insert(rows.value(0).toInt());
            QCOMPARE(fields, (QSet<int>{0, 1, 2}));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("md"));
    }
};

QTEST_GUILESS_MAIN(TestProfileQueries)
#include "tst_profilequeries.moc"
