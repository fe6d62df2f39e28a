#include "EngineHarness.h"
#include "TestSupport.h"
#include "UiTestSupport.h"
#include "app/engine/OperationRequest.h"
#include "app/engine/profile/ProfileQueries.h"
#include "models/catalog/Catalog.h"
#include "ui/profile/ContainerProfileHeader.h"
#include "ui/profile/ContainerProfileView.h"
#include "ui/profile/FieldProfilePanel.h"
#include "ui/profile/HistogramChart.h"
#include "ui/profile/ProfileFormat.h"

#include <QApplication>
#include <QJsonArray>
#include <QLabel>
#include <QLocale>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace assay;

// The profile view over what the real engine measured (tst_profileview crafts its profiles):
// the approximate marks follow what Profile computed from a sample and what it did not.
class TestProfileSampling : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    test::EngineHarness m_harness; // a real engine over the view's Catalog
    Catalog &m_catalog = m_harness.catalog;

private slots:
    void initTestCase()
    {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        QVERIFY(m_harness.start(m_dir.filePath(QStringLiteral("catalog.sqlite")), 1));
    }

    void cleanupTestCase() { m_harness.stop(); }

    // A real Profile of a SQLite table larger than the sample and of a smaller one: the marks
    // follow what the engine computed from a sample, for numeric, text, date and boolean fields.
    void realProfileMarksSampledFigures()
    {
        const QString path = m_dir.filePath(QStringLiteral("events.sqlite"));
        // Three times the sample: a third of its rows are read, by rowid.
        const qint64 big = 3 * profile_sql::kSampleRows;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), "events");
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            for (const char *table : {"big_events", "small_events"})
                QVERIFY2(q.exec(QStringLiteral("CREATE TABLE %1 (id INTEGER PRIMARY KEY, amount "
                                               "REAL, kind TEXT, day DATE, flag BOOLEAN)")
                                    .arg(QLatin1String(table))),
                         qPrintable(q.lastError().text()));
            for (const auto &[table, rows] :
                 {std::pair<QString, qint64>{QStringLiteral("big_events"), big},
                  std::pair<QString, qint64>{QStringLiteral("small_events"), 500}})
                QVERIFY2(q.exec(QStringLiteral(
                                    "WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM "
                                    "s WHERE n < %2) INSERT INTO %1 SELECT n, (n * 37 % 1000) / "
                                    "4.0, CASE n % 4 WHEN 0 THEN 'click' WHEN 1 THEN 'view' WHEN "
                                    "2 THEN 'buy' ELSE 'click' END, date('2026-01-01', '+' || (n "
                                    "% 90) || ' days'), n % 3 = 0 FROM s")
                                    .arg(table)
                                    .arg(rows)),
                         qPrintable(q.lastError().text()));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("events"));
        const qint64 ds = m_harness.datastoreFor(QStringLiteral("Events"), QStringLiteral("sqlite"),
                                                 test::Server{}, path, QStringLiteral("main"));
        QVERIFY(ds);
        QCOMPARE(m_harness.run(ds, operation_type::kSync, {}).status, QStringLiteral("success"));
        const Operation profiled = m_harness.run(ds, operation_type::kProfile,
                                                 {{QStringLiteral("inference_threshold"), 0}});
        QVERIFY2(profiled.status == QLatin1String("success"),
                 qPrintable(m_harness.describe(profiled)));

        auto view = std::make_unique<ContainerProfileView>();
        view->resize(1100, 760);
        view->show();
        FieldProfilePanel *panel = view->panel();
        const auto fieldId = [this](qint64 container, const QString &name) {
            for (const Field &f : m_catalog.fields(container))
                if (f.name == name)
                    return f.id;
            return qint64(0);
        };
        const auto marked = [panel](const char *key) {
            const QString text = panel->valueText(QLatin1String(key));
            return text.startsWith(QChar(0x2248));
        };
        for (const bool sampled : {true, false}) {
            const qint64 container = m_harness
                                         .container(ds, sampled ? QStringLiteral("big_events")
                                                                : QStringLiteral("small_events"))
                                         .id;
            QVERIFY(container);
            view->setContainer(&m_catalog, container);
            const QString which = sampled ? QStringLiteral("big ") : QStringLiteral("small ");
            // Numeric: pass 1's figures exact; the sample's marked on the big table only.
            QVERIFY(view->showField(fieldId(container, QStringLiteral("amount"))));
            QCOMPARE(panel->valueText(QStringLiteral("records")),
                     QLocale().toString(sampled ? big : 500));
            for (const char *key : {"completeness", "min", "max", "mean", "sum", "stdDev"}) {
                QVERIFY2(panel->valueText(QLatin1String(key)) != QStringLiteral("—"), key);
                QVERIFY2(!marked(key), qPrintable(which + QLatin1String(key)));
            }
            for (const char *key : {"distinct", "distinctRatio", "entropy", "q1", "median", "q3"}) {
                QVERIFY2(panel->valueText(QLatin1String(key)) != QStringLiteral("—"), key);
                QVERIFY2(marked(key) == sampled, qPrintable(which + QLatin1String(key)));
            }
            // SQLite's first pass measures the moments of every record: never marked.
            for (const char *key : {"skewness", "kurtosis"}) {
                QVERIFY2(panel->valueText(QLatin1String(key)) != QStringLiteral("—"), key);
                QVERIFY2(!marked(key), qPrintable(which + QLatin1String(key)));
            }
            QCOMPARE(panel->distribution()->isSampled(), sampled);
            // Text, date and boolean fields: top values and entropy come from the sample.
            for (const QString &field :
                 {QStringLiteral("kind"), QStringLiteral("day"), QStringLiteral("flag")}) {
                QVERIFY(view->showField(fieldId(container, field)));
                const QString what = which + field;
                QVERIFY2(marked("entropy") == sampled, qPrintable(what));
                QVERIFY2(marked("distinct") == sampled, qPrintable(what));
                QVERIFY2(!marked("completeness") && !marked("records"), qPrintable(what));
                HistogramChart *chart = panel->histogram();
                QVERIFY2(chart->isSampled() == sampled, qPrintable(what));
                QVERIFY2(chart->figureText(0).contains(QChar(0x2248)) == sampled,
                         qPrintable(what + chart->figureText(0)));
                QVERIFY2(panel->findChild<QLabel *>(QStringLiteral("histogramNote"))
                                 ->text()
                                 .contains(QStringLiteral("sample")) == sampled,
                         qPrintable(what));
            }
            QVERIFY(view->showField(fieldId(container, QStringLiteral("kind"))));
            for (const char *key : {"min", "max", "minLength", "maxLength"})
                QVERIFY2(!marked(key), key);
            // kind's three values counted: all the records of the small table; in the big one,
            // counted in a sample and scaled to every record (estimates that add up to it).
            qint64 counted = 0;
            for (const HistogramChart::Bucket &b : panel->histogram()->buckets())
                counted += b.count;
            QCOMPARE(panel->histogram()->buckets().size(), 3);
            if (sampled)
                QVERIFY2(qAbs(counted - big) <= 2, qPrintable(QString::number(counted)));
            else
                QCOMPARE(counted, qint64(500));
            // The header: a sample of about kSampleRows of the big table's records, all the
            // small table's.
            QCOMPARE(view->header()->value(QStringLiteral("sampling")),
                     sampled ? test::kApprox +
                                   profile_format::percent(double(profile_sql::kSampleRows) / big)
                             : QStringLiteral("100%"));
            if (sampled)
                test::saveScreenshot(view.get(), QStringLiteral("profile-view-real-sampled.png"));
        }

        // A record limit reached: the header's record count is the table's (the rowid span,
        // marked as an estimate), and the sampling is the share of it the profile read.
        const Operation limited = m_harness.run(
            ds, operation_type::kProfile,
            {{QStringLiteral("containers"), QJsonArray{QStringLiteral("small_events")}},
             {QStringLiteral("record_limit"), 100},
             {QStringLiteral("inference_threshold"), 0}});
        QVERIFY2(limited.status == QLatin1String("success"),
                 qPrintable(m_harness.describe(limited)));
        view->setContainer(&m_catalog, m_harness.container(ds, QStringLiteral("small_events")).id);
        QCOMPARE(view->header()->value(QStringLiteral("records")),
                 test::kApprox + QLocale().toString(500));
        QCOMPARE(view->header()->value(QStringLiteral("sampling")),
                 test::kApprox + profile_format::percent(100.0 / 500));
    }
};

QTEST_MAIN(TestProfileSampling)
#include "tst_profilesampling.moc"
