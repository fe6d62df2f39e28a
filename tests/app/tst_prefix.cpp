#include "app/connectors/SqlDialect.h"
#include "app/enrichment/EnrichmentTables.h"
#include "app/enrichment/Prefix.h"

#include <QTest>

using namespace assay;

class TestPrefix : public QObject
{
    Q_OBJECT

private slots:
    // The link dialog warns when a prefix makes a table name longer than the target allows.
    void prefixTooLongForTheTarget()
    {
        const SqlDialect pg = SqlDialect::forFamily(SqlDialect::Family::PostgreSQL);
        const SqlDialect my = SqlDialect::forFamily(SqlDialect::Family::MySQL);
        const SqlDialect lite = SqlDialect::forFamily(SqlDialect::Family::SQLite);
        // "_scan_operations" adds 16: 47 + 16 = 63 bytes fits PostgreSQL, 48 does not.
        const QString fits = QLatin1Char('_') + QString(46, QLatin1Char('p'));
        const QString over = fits + QLatin1Char('p');
        QVERIFY(enrichment::prefixTooLongFor(pg, fits, false).isEmpty());
        QVERIFY(enrichment::prefixTooLongFor(pg, over, false).contains(QLatin1String("63")));
        QVERIFY(enrichment::prefixTooLongFor(my, over, false).isEmpty()); // 64 characters
        QVERIFY(!enrichment::prefixTooLongFor(my, over + QLatin1Char('p'), false).isEmpty());
        // Remediation tables are "_remediation_<id>": a shorter prefix still fits the four.
        QVERIFY(!enrichment::prefixTooLongFor(pg, fits, true).isEmpty());
        QVERIFY(enrichment::prefixTooLongFor(lite, QString(60, QLatin1Char('p')), true).isEmpty());
        // Multi-byte characters count as bytes on PostgreSQL.
        QVERIFY(
            !enrichment::prefixTooLongFor(pg, QLatin1Char('_') + QString(30, QChar(0x00E9)), false)
                 .isEmpty());
    }

    void normalizes_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");

        QTest::newRow("seed example") << "Analytics Bronze"
                                      << "_analytics_bronze";
        QTest::newRow("camelCase") << "AnalyticsBronze"
                                   << "_analytics_bronze";
        QTest::newRow("lower camel") << "analyticsBronze"
                                     << "_analytics_bronze";
        QTest::newRow("symbols and padding") << "  __Sales--2024__ "
                                             << "_sales_2024";
        QTest::newRow("already normalized") << "_analytics_bronze"
                                            << "_analytics_bronze";
        QTest::newRow("no leading underscore") << "analytics_bronze"
                                               << "_analytics_bronze";
        QTest::newRow("many leading underscores") << "___prod"
                                                  << "_prod";
        QTest::newRow("trailing symbols") << "prod!!!"
                                          << "_prod";
        QTest::newRow("upper case") << "PROD"
                                    << "_prod";
        QTest::newRow("acronym then word") << "HTTPServer"
                                           << "_http_server";
        QTest::newRow("word then acronym") << "myHTTP"
                                           << "_my_http";
        QTest::newRow("digit then capital") << "Sales2024Q1"
                                            << "_sales2024_q1";
        QTest::newRow("letters and digits stay together") << "s3 bucket v2"
                                                          << "_s3_bucket_v2";
        QTest::newRow("dots and slashes") << "prod.public/sales"
                                          << "_prod_public_sales";
        QTest::newRow("tabs and newlines") << "prod\t\nsales"
                                           << "_prod_sales";
        QTest::newRow("accents") << QString::fromUtf8("Café Crème") << "_cafe_creme";
        QTest::newRow("accented capital") << QString::fromUtf8("ÉcoleNormale") << "_ecole_normale";
        QTest::newRow("german sharp s") << QString::fromUtf8("Straße") << "_strasse";
        QTest::newRow("scandinavian") << QString::fromUtf8("Kød Ærø") << "_kod_aero";
        QTest::newRow("ligature capital in camelCase")
            << QString::fromUtf8("DataÆra") << "_data_aera";
        QTest::newRow("combining accent in input") << QString::fromUtf8("Cafe\u0301") << "_cafe";
        QTest::newRow("vulgar fraction") << QString::fromUtf8("q½") << "_q1_2";
        QTest::newRow("polish") << QString::fromUtf8("Łódź") << "_lodz";
        QTest::newRow("full-width letters") << QString::fromUtf8("ＡＢＣ") << "_abc";
        QTest::newRow("ligature") << QString::fromUtf8("ﬁnance") << "_finance";
        QTest::newRow("non-latin letters are separators")
            << QString::fromUtf8("sales Продажи 2024") << "_sales_2024";
        QTest::newRow("emoji") << QString::fromUtf8("🚀 launch") << "_launch";
        QTest::newRow("digits only") << "2024"
                                     << "_2024";
        QTest::newRow("empty") << ""
                               << "";
        QTest::newRow("spaces only") << "   "
                                     << "";
        QTest::newRow("symbols only") << "__--!!__"
                                      << "";
        QTest::newRow("only non-latin") << QString::fromUtf8("Продажи") << "";
    }

    void normalizes()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        const QString normalized = normalizeEnrichmentPrefix(input);
        QCOMPARE(normalized, expected);
        // Normalizing twice changes nothing.
        QCOMPARE(normalizeEnrichmentPrefix(normalized), normalized);
        if (!normalized.isEmpty()) {
            QVERIFY(normalized.startsWith(QLatin1Char('_')));
            QVERIFY(!normalized.startsWith(QLatin1String("__")));
            QVERIFY(!normalized.endsWith(QLatin1Char('_')));
            QVERIFY(!normalized.contains(QLatin1String("__")));
            for (QChar c : normalized)
                QVERIFY2((c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
                             (c >= QLatin1Char('0') && c <= QLatin1Char('9')) ||
                             c == QLatin1Char('_'),
                         qPrintable(normalized));
        }
    }

    void validates_data()
    {
        QTest::addColumn<QString>("normalized");
        QTest::addColumn<QString>("error");

        const QString empty = QStringLiteral("empty");
        QTest::newRow("empty") << "" << empty;
        QTest::newRow("typical") << "_analytics_bronze"
                                 << "";
        QTest::newRow("60 characters")
            << QString(QLatin1Char('_') + QString(59, QLatin1Char('a'))) << "";
        QTest::newRow("61 characters")
            << QString(QLatin1Char('_') + QString(60, QLatin1Char('a')))
            << "The prefix is 61 characters long; at most 60 are allowed.";
        QTest::newRow("64 characters")
            << QString(QLatin1Char('_') + QString(63, QLatin1Char('b')))
            << "The prefix is 64 characters long; at most 60 are allowed.";
    }

    void validates()
    {
        QFETCH(QString, normalized);
        QFETCH(QString, error);
        const QString message = validateEnrichmentPrefix(normalized);
        if (error.isEmpty())
            QVERIFY2(message.isEmpty(), qPrintable(message));
        else if (error == QLatin1String("empty"))
            QVERIFY(message.contains(QLatin1String("at least one letter or digit")));
        else
            QCOMPARE(message, error);
    }

    void maxLengthIsSixty() { QCOMPARE(kMaxPrefixLength, 60); }

    void longInputIsNormalizedThenValidated()
    {
        const QString input = QStringLiteral("Very Long Prefix Name ").repeated(4);
        const QString normalized = normalizeEnrichmentPrefix(input);
        QCOMPARE(normalized.size(), 88); // "_very_long_prefix_name" four times
        QVERIFY(!validateEnrichmentPrefix(normalized).isEmpty());
        QVERIFY(validateEnrichmentPrefix(normalized).contains(QLatin1String("at most 60")));
    }

    void tableNames_data()
    {
        QTest::addColumn<QString>("prefix");
        QTest::addColumn<QStringList>("tables");

        QTest::newRow("seed example")
            << "_analytics_bronze"
            << QStringList{"_analytics_bronze_check_metrics", "_analytics_bronze_failed_checks",
                           "_analytics_bronze_source_records", "_analytics_bronze_scan_operations"};
        QTest::newRow("short") << "_p"
                               << QStringList{"_p_check_metrics", "_p_failed_checks",
                                              "_p_source_records", "_p_scan_operations"};
        QTest::newRow("empty") << "" << QStringList();
    }

    void tableNames()
    {
        QFETCH(QString, prefix);
        QFETCH(QStringList, tables);
        QCOMPARE(enrichmentTableNames(prefix), tables);
    }

    void tableNamesFromUserInput()
    {
        QCOMPARE(enrichmentTableNames(normalizeEnrichmentPrefix(QStringLiteral("Analytics Bronze")))
                     .first(),
                 QStringLiteral("_analytics_bronze_check_metrics"));
    }
};

QTEST_GUILESS_MAIN(TestPrefix)
#include "tst_prefix.moc"
