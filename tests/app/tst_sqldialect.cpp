#include "TestSupport.h"
#include "app/connectors/ConnectorSpec.h"
#include "app/connectors/SqlDialect.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace assay;

// Generated SQL must survive hostile names on the real databases, not just look right.
class TestSqlDialect : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    static QStringList hostileNames()
    {
        return {QStringLiteral("a\"; drop table b; --"),
                QStringLiteral("select"),
                QStringLiteral("with space"),
                QStringLiteral("back`tick"),
                QStringLiteral("brack]et"),
                QStringLiteral("ünïcødé 表")};
    }

private slots:
    void quotingIsPerFamily()
    {
        const SqlDialect pg = SqlDialect::forFamily(SqlDialect::Family::PostgreSQL);
        QCOMPARE(pg.quote(QStringLiteral("a\"b")), QStringLiteral("\"a\"\"b\""));
        QCOMPARE(pg.table(QStringLiteral("s"), QStringLiteral("t")), QStringLiteral("\"s\".\"t\""));
        const SqlDialect my = SqlDialect::forFamily(SqlDialect::Family::MySQL);
        QCOMPARE(my.quote(QStringLiteral("a`b")), QStringLiteral("`a``b`"));
        const SqlDialect ms = SqlDialect::forFamily(SqlDialect::Family::SqlServer);
        QCOMPARE(ms.quote(QStringLiteral("a]b")), QStringLiteral("[a]]b]"));
        QCOMPARE(ms.limit(QStringLiteral("SELECT x FROM t"), 5),
                 QStringLiteral("SELECT TOP 5 x FROM t"));
        QCOMPARE(pg.limit(QStringLiteral("SELECT x FROM t"), 5),
                 QStringLiteral("SELECT x FROM t LIMIT 5"));
        QVERIFY(SqlDialect::forConnector(*connectors::find(QStringLiteral("redshift")))
                    .approximateCountDistinct(QStringLiteral("x"))
                    .startsWith(QLatin1String("APPROXIMATE")));
        QVERIFY(pg.approximateCountDistinct(QStringLiteral("x")).isEmpty());
        QVERIFY(pg.approximatePercentile(QStringLiteral("x"), 0.5).isEmpty());
        QCOMPARE(SqlDialect::forFamily(SqlDialect::Family::Snowflake)
                     .approximatePercentile(QStringLiteral("x"), 0.25),
                 QStringLiteral("APPROX_PERCENTILE(x, 0.25)"));
        QCOMPARE(ms.approximatePercentile(QStringLiteral("x"), 0.75),
                 QStringLiteral("APPROX_PERCENTILE_CONT(0.75) WITHIN GROUP (ORDER BY x)"));
    }

    // String literals (long Expected Values lists): quotes doubled everywhere; a backslash
    // spelled the way each family reads it, or refused where that is unknown; NUL never.
    void textLiteralsArePerFamily()
    {
        using F = SqlDialect::Family;
        const auto literal = [](F f, const QString &v) {
            return SqlDialect::forFamily(f).textLiteral(v);
        };
        QCOMPARE(literal(F::SQLite, QStringLiteral("a'b\\c")), QStringLiteral("'a''b\\c'"));
        QCOMPARE(literal(F::PostgreSQL, QStringLiteral("a'b")), QStringLiteral("'a''b'"));
        QCOMPARE(literal(F::PostgreSQL, QStringLiteral("a'b\\c")), QStringLiteral("E'a''b\\\\c'"));
        QCOMPARE(literal(F::MySQL, QStringLiteral("a'\\")), QStringLiteral("X'61275c'"));
        QCOMPARE(literal(F::MySQL, QString()), QStringLiteral("X''"));
        QCOMPARE(literal(F::SqlServer, QStringLiteral("é'")), QStringLiteral("N'é'''"));
        QCOMPARE(literal(F::Snowflake, QStringLiteral("a\\b")), QStringLiteral("$$a\\b$$"));
        QVERIFY(literal(F::Snowflake, QStringLiteral("a\\$$b")).isEmpty());
        QCOMPARE(literal(F::Generic, QStringLiteral("it's")), QStringLiteral("'it''s'"));
        QVERIFY(literal(F::Generic, QStringLiteral("a\\b")).isEmpty());
        QVERIFY(literal(F::Redshift, QStringLiteral("a\\b")).isEmpty());
        QVERIFY(literal(F::SQLite, QStringLiteral("a") + QChar(0)).isEmpty());
    }

    void hostileNamesRoundTrip_data()
    {
        QTest::addColumn<QString>("type");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("postgresql") << QStringLiteral("postgresql");
        QTest::newRow("mariadb") << QStringLiteral("mariadb");
    }

    void hostileNamesRoundTrip()
    {
        QFETCH(QString, type);
        const ConnectorSpec *spec = connectors::find(type);
        const SqlDialect d = SqlDialect::forConnector(*spec);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(spec->qtDriver, QStringLiteral("q"));
            QString schema;
            if (type == QLatin1String("sqlite")) {
                db.setDatabaseName(m_dir.filePath(QStringLiteral("q.sqlite")));
                schema = QStringLiteral("main");
            } else {
                const test::Server s =
                    type == QLatin1String("postgresql") ? test::postgres() : test::mariadb();
                QVERIFY2(s.port, "the Servers fixture is not running");
                db.setHostName(s.host);
                db.setPort(s.port);
                db.setUserName(s.user);
                db.setPassword(s.password);
                db.setDatabaseName(s.database);
                schema =
                    type == QLatin1String("postgresql") ? QStringLiteral("public") : s.database;
            }
            QVERIFY2(db.open(), qPrintable(db.lastError().text()));
            QSqlQuery q(db);
            if (type == QLatin1String("mariadb"))
                QVERIFY(q.exec(QStringLiteral("SET NAMES utf8mb4")));
            for (const QString &name : hostileNames()) {
                const QString table = d.table(schema, name);
                const QString column = d.quote(name + QStringLiteral(" col"));
                q.exec(QStringLiteral("DROP TABLE IF EXISTS %1").arg(table));
                QVERIFY2(
                    q.exec(QStringLiteral("CREATE TABLE %1 (%2 VARCHAR(50))").arg(table, column)),
                    qPrintable(q.lastError().text()));
                q.prepare(QStringLiteral("INSERT INTO %1 (%2) VALUES (?)").arg(table, column));
                q.addBindValue(name);
                QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
                QVERIFY(q.exec(d.limit(
                    QStringLiteral("SELECT %1, %2 FROM %3").arg(column, d.length(column), table),
                    1)));
                QVERIFY(q.next());
                QCOMPARE(q.value(0).toString(), name);
                QCOMPARE(q.value(1).toInt(), name.size());
                QVERIFY(q.exec(QStringLiteral("SELECT %1, %2 FROM %3")
                                   .arg(d.toDouble(QStringLiteral("1")), d.toText(column), table)));
                QVERIFY(q.next());
                QCOMPARE(q.value(0).toDouble(), 1.0);
                QVERIFY(q.exec(QStringLiteral("DROP TABLE %1").arg(table)));
            }
        }
        QSqlDatabase::removeDatabase(QStringLiteral("q"));
    }
};

QTEST_GUILESS_MAIN(TestSqlDialect)
#include "tst_sqldialect.moc"
