// The container profile view on a real SQLite Catalog: every figure of a field's latest
// profile, approximate marks (on profiles shaped as the engine writes them, and on real
// profiles of a SQLite table larger than the sample and one smaller), the declared / inferred
// type mismatch, the histogram's bar geometry and elided labels, the history of earlier runs
// with changes highlighted, the container header's figures, and screenshots (light and dark).
#include "EngineHarness.h"
#include "TestSupport.h"
#include "UiTestSupport.h"
#include "app/engine/OperationRequest.h"
#include "app/engine/profile/ProfileQueries.h"
#include "models/catalog/Catalog.h"
#include "models/item/CheckListModel.h"
#include "ui/checks/ChecksTab.h"
#include "ui/profile/ContainerHistoryView.h"
#include "ui/profile/ContainerPage.h"
#include "ui/profile/ContainerProfileHeader.h"
#include "ui/profile/ContainerProfileView.h"
#include "ui/profile/FieldProfilePanel.h"
#include "ui/profile/HistogramChart.h"
#include "ui/profile/ProfileFieldList.h"
#include "ui/profile/ProfileFormat.h"
#include "ui/profile/ProfileHistoryTable.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFontMetrics>
#include <QHeaderView>
#include <QHelpEvent>
#include <QImage>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QScrollArea>
#include <QScrollBar>
#include <QStyleFactory>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace assay;

namespace {

// A top value as Profile writes it: its count in the rows read, and its share of their non-null
// values (`nonNull`, the sample's when the profile is sampled).
QJsonObject bucket(const QString &value, qint64 count, qint64 nonNull)
{
    return QJsonObject{{QStringLiteral("value"), value},
                       {QStringLiteral("count"), double(count)},
                       {QStringLiteral("ratio"), double(count) / double(nonNull)}};
}

// The records of the second, sampled run (more than Profile's sample).
constexpr qint64 kBigRecords = 40000;

} // namespace

class TestProfileView : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    test::EngineHarness m_harness; // a real engine over the view's Catalog
    Catalog &m_catalog = m_harness.catalog;
    qint64 m_datastore = 0;
    qint64 m_container = 0;
    qint64 m_empty = 0; // a container never profiled
    QHash<QString, qint64> m_fields;
    qint64 m_firstRun = 0;
    qint64 m_secondRun = 0;
    const QDateTime m_t1{QDate(2026, 3, 1), QTime(9, 0), Qt::UTC};
    const QDateTime m_t2{QDate(2026, 3, 8), QTime(9, 0), Qt::UTC};

    qint64 addOperation(const QDateTime &at, qint64 records, bool sampled)
    {
        Operation op;
        op.datastoreId = m_datastore;
        op.type = QStringLiteral("profile");
        op.status = QStringLiteral("success");
        op.triggeredBy = QStringLiteral("user");
        op.createdAt = at;
        op.result.insert(
            QStringLiteral("containers"),
            QJsonObject{{QStringLiteral("orders"),
                         QJsonObject{{QStringLiteral("records"), double(records)},
                                     {QStringLiteral("records_profiled"), double(records)},
                                     {QStringLiteral("sampled"), sampled}}}});
        return m_catalog.addOperation(op);
    }

    FieldProfile base(const QString &field, qint64 operation, const QDateTime &at, qint64 records)
    {
        FieldProfile p;
        p.operationId = operation;
        p.containerId = m_container;
        p.fieldId = m_fields.value(field);
        p.fieldName = field;
        p.profiledAt = at;
        p.records = records;
        for (const Field &f : m_catalog.fields(m_container))
            if (f.name == field)
                p.declaredType = f.declaredType;
        return p;
    }

    // The first run: smaller, exact.
    QList<FieldProfile> firstRun()
    {
        QList<FieldProfile> out;
        FieldProfile amount = base(QStringLiteral("amount"), m_firstRun, m_t1, 1000);
        amount.inferredType = QStringLiteral("fractional");
        amount.completeness = 1.0;
        amount.distinctValues = 700;
        amount.minValue = QStringLiteral("0.5");
        amount.maxValue = QStringLiteral("90");
        amount.mean = 11.0;
        amount.sum = 11000;
        amount.stdDev = 3.25;
        amount.q1 = 5;
        amount.median = 10.25;
        amount.q3 = 20;
        out << amount;
        FieldProfile status = base(QStringLiteral("status"), m_firstRun, m_t1, 1000);
        status.inferredType = QStringLiteral("string");
        status.completeness = 1.0;
        status.distinctValues = 3;
        status.minLength = 4;
        status.maxLength = 9;
        out << status;
        return out;
    }

    // The second run, as Profile writes a table larger than its sample: pass-1 figures exact,
    // the rest (distinct counts, top values, entropy, moments, quantiles) from the sample of
    // profile_sql::kSampleRows records, every field marked sampled.
    QList<FieldProfile> secondRun()
    {
        const qint64 sample = profile_sql::kSampleRows;
        QList<FieldProfile> out;
        FieldProfile id = base(QStringLiteral("id"), m_secondRun, m_t2, kBigRecords);
        id.sampled = true;
        id.inferredType = QStringLiteral("integral");
        id.completeness = 1.0;
        id.distinctValues = 39870;
        id.distinctApproximate = true;
        id.minValue = QStringLiteral("1");
        id.maxValue = QStringLiteral("40000");
        id.mean = 20000.5;
        id.sum = 800020000;
        id.q1 = 10012;
        id.median = 19987;
        id.q3 = 30020;
        id.quantilesApproximate = true;
        id.histogram = QJsonArray{bucket(QStringLiteral("17"), 1, sample),
                                  bucket(QStringLiteral("23"), 1, sample)};
        out << id;

        FieldProfile amount = base(QStringLiteral("amount"), m_secondRun, m_t2, kBigRecords);
        amount.sampled = true;
        amount.inferredType = QStringLiteral("fractional");
        amount.completeness = 0.975;
        amount.distinctValues = 870;
        amount.distinctApproximate = true;
        amount.minValue = QStringLiteral("0.5");
        amount.maxValue = QStringLiteral("99");
        amount.mean = 12.5;
        amount.sum = 15040.6;
        amount.stdDev = 3.25;
        amount.skewness = 0.42;
        amount.kurtosis = -1.2;
        amount.momentsApproximate = true;   // as a database without SQLite's one-pass moments
        amount.deviationApproximate = true; // as PostgreSQL's exact decimals
        amount.q1 = 5;
        amount.median = 10.25;
        amount.q3 = 20;
        amount.quantilesApproximate = true;
        amount.entropy = 6.5;
        amount.histogram = QJsonArray{bucket(QStringLiteral("9.99"), 400, 9750),
                                      bucket(QStringLiteral("19.99"), 200, 9750),
                                      bucket(QStringLiteral("4.5"), 50, 9750)};
        for (int b = 0; b < 10; ++b) // equal-width ranges of 9.85 from 0.5
            amount.buckets.append(QJsonObject{{QStringLiteral("lower"), 0.5 + b * 9.85},
                                              {QStringLiteral("upper"), 0.5 + (b + 1) * 9.85},
                                              {QStringLiteral("count"), 100 - b * 10}});
        out << amount;

        // 9,000 non-null values in the sample.
        FieldProfile status = base(QStringLiteral("status"), m_secondRun, m_t2, kBigRecords);
        status.sampled = true;
        status.inferredType = QStringLiteral("string");
        status.completeness = 0.9;
        status.distinctValues = 5;
        status.distinctApproximate = true;
        status.minLength = 0;
        status.maxLength = 77;
        status.entropy = 1.5;
        status.histogram = QJsonArray{
            bucket(QStringLiteral("shipped"), 4500, 9000),
            bucket(QStringLiteral("pending"), 2250, 9000),
            bucket(QStringLiteral("cancelled"), 1125, 9000), bucket(QString(), 675, 9000),
            bucket(QStringLiteral("returned to the warehouse after a failed delivery attempt "
                                  "and a long wait"),
                   450, 9000)};
        out << status;

        FieldProfile created = base(QStringLiteral("created"), m_secondRun, m_t2, kBigRecords);
        created.sampled = true;
        created.distinctApproximate = true;
        created.inferredType = QStringLiteral("date"); // declared TEXT: a mismatch
        created.completeness = 0.5;
        created.distinctValues = 300;
        created.minValue = QStringLiteral("2025-01-01");
        created.maxValue = QStringLiteral("2026-03-07");
        created.minLength = 10;
        created.maxLength = 10;
        created.histogram = QJsonArray{bucket(QStringLiteral("2026-03-01"), 20, 5000)};
        out << created;
        return out;
    }

    std::unique_ptr<ContainerProfileView> newView()
    {
        auto view = std::make_unique<ContainerProfileView>();
        view->resize(1100, 760);
        view->setContainer(&m_catalog, m_container);
        view->show();
        QCoreApplication::processEvents();
        return view;
    }

private slots:
    // Figures for a person: shares that are not whole never read as a figure they are not,
    // floating-point noise is zero, and a numeric field's min and max are grouped like every
    // other number (a text field's stay as they are).
    void formatsFiguresForPeople()
    {
        namespace f = profile_format;
        QCOMPARE(f::percent(1.0 / 15000), QStringLiteral("< 0.1%"));
        QCOMPARE(f::percent(14999.0 / 15000), QStringLiteral("> 99.9%"));
        QCOMPARE(f::percent(0.002), QStringLiteral("0.2%"));
        QCOMPARE(f::percent(0.5), QStringLiteral("50%"));
        QCOMPARE(f::percent(1.0), QStringLiteral("100%"));
        QCOMPARE(f::statistic(1.5e-16), QStringLiteral("0"));
        QCOMPARE(f::statistic(-0.42), QStringLiteral("-0.42"));
        QCOMPARE(f::number(1.05e6), QStringLiteral("1,050,000"));
        FieldProfile numeric;
        numeric.declaredType = QStringLiteral("INTEGER");
        QCOMPARE(f::extreme(numeric, QStringLiteral("15000")), QStringLiteral("15,000"));
        QCOMPARE(f::extreme(numeric, QStringLiteral("9223372036854775807")),
                 QStringLiteral("9223372036854775807"));
        FieldProfile text;
        text.declaredType = QStringLiteral("TEXT");
        QCOMPARE(f::extreme(text, QStringLiteral("02139")), QStringLiteral("02139"));
    }

    void initTestCase()
    {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        QVERIFY(m_harness.start(m_dir.filePath(QStringLiteral("catalog.sqlite")), 1));
        Connection c;
        c.name = QStringLiteral("local");
        c.type = QStringLiteral("sqlite");
        const qint64 connection = m_catalog.addConnection(c);
        Datastore d;
        d.name = QStringLiteral("Shop");
        d.connectionId = connection;
        d.database = m_dir.filePath(QStringLiteral("shop.sqlite"));
        m_datastore = m_catalog.addDatastore(d);
        QVERIFY(m_datastore);
        Container orders;
        orders.datastoreId = m_datastore;
        orders.name = QStringLiteral("orders");
        orders.containerType = QStringLiteral("table");
        m_container = m_catalog.addContainer(orders);
        orders.name = QStringLiteral("customers");
        m_empty = m_catalog.addContainer(orders);
        QVERIFY(m_container && m_empty);
        const QList<QPair<QString, QString>> fields{
            {QStringLiteral("id"), QStringLiteral("INTEGER")},
            {QStringLiteral("amount"), QStringLiteral("REAL")},
            {QStringLiteral("status"), QStringLiteral("TEXT")},
            {QStringLiteral("created"), QStringLiteral("TEXT")},
            {QStringLiteral("note"), QStringLiteral("TEXT")}};
        int ordinal = 0;
        for (const auto &[name, type] : fields) {
            Field f;
            f.containerId = m_container;
            f.name = name;
            f.declaredType = type;
            f.ordinal = ordinal++;
            m_fields.insert(name, m_catalog.addField(f));
            QVERIFY(m_fields.value(name));
        }
        m_firstRun = addOperation(m_t1, 1000, false);
        m_secondRun = addOperation(m_t2, kBigRecords, true);
        QVERIFY(m_catalog.addFieldProfiles(firstRun()));
        QVERIFY(m_catalog.addFieldProfiles(secondRun()));

        // Two active checks and a draft, one open anomaly and a resolved one.
        for (const QString &status :
             {check_status::kActive, check_status::kActive, check_status::kDraft}) {
            Check k;
            k.containerId = m_container;
            k.rule = QStringLiteral("notNull");
            k.fields = {QStringLiteral("id")};
            k.status = status;
            k.filter = k.description = QString::fromUtf8(""); // NOT NULL in the Catalog
            QVERIFY2(m_catalog.addCheck(k), qPrintable(m_catalog.lastError()));
        }
        QList<Anomaly> anomalies;
        for (int i = 0; i < 2; ++i) {
            Anomaly a;
            a.datastoreId = m_datastore;
            a.containerId = m_container;
            a.message = QStringLiteral("amount is null");
            a.fingerprint = QStringLiteral("fp%1").arg(i);
            a.partition = a.comment = QString::fromUtf8(""); // NOT NULL in the Catalog
            anomalies << a;
        }
        QVERIFY2(m_catalog.addAnomalies(anomalies), qPrintable(m_catalog.lastError()));
        QVERIFY(m_catalog.setAnomalyStatus(anomalies.at(1).id, anomaly_status::kResolved,
                                           QStringLiteral("fixed")));
    }

    void cleanupTestCase() { m_harness.stop(); }

    void panelShowsEveryFigure()
    {
        auto view = newView();
        QVERIFY(view->showField(m_fields.value(QStringLiteral("amount"))));
        FieldProfilePanel *panel = view->panel();
        QCOMPARE(panel->titleLabel()->text(), QStringLiteral("amount"));
        QCOMPARE(panel->valueText(QStringLiteral("records")), QStringLiteral("40,000"));
        QCOMPARE(panel->valueText(QStringLiteral("completeness")), QStringLiteral("97.5%"));
        QCOMPARE(panel->valueText(QStringLiteral("distinct")),
                 test::kApprox + QStringLiteral("870"));
        // 870 distinct of 0.975 * 40,000 = 39,000 non-null values.
        QCOMPARE(panel->valueText(QStringLiteral("distinctRatio")),
                 test::kApprox + QLocale().toString(870 / 39000.0, 'f', 4));
        QCOMPARE(panel->valueText(QStringLiteral("entropy")),
                 test::kApprox + QStringLiteral("6.5 bits"));
        QCOMPARE(panel->valueText(QStringLiteral("min")), QStringLiteral("0.5"));
        QCOMPARE(panel->valueText(QStringLiteral("max")), QStringLiteral("99"));
        QCOMPARE(panel->valueText(QStringLiteral("mean")), QStringLiteral("12.5"));
        QCOMPARE(panel->valueText(QStringLiteral("sum")), QStringLiteral("15,040.6"));
        QCOMPARE(panel->valueText(QStringLiteral("stdDev")),
                 test::kApprox + QStringLiteral("3.25"));
        QCOMPARE(panel->valueText(QStringLiteral("skewness")),
                 test::kApprox + QStringLiteral("0.42"));
        QCOMPARE(panel->valueText(QStringLiteral("kurtosis")),
                 test::kApprox + QStringLiteral("-1.2"));
        QCOMPARE(panel->valueText(QStringLiteral("q1")), test::kApprox + QStringLiteral("5"));
        QCOMPARE(panel->valueText(QStringLiteral("median")),
                 test::kApprox + QStringLiteral("10.25"));
        QCOMPARE(panel->valueText(QStringLiteral("q3")), test::kApprox + QStringLiteral("20"));
        // A numeric field has no lengths: shown as not measured.
        QCOMPARE(panel->valueText(QStringLiteral("minLength")), QStringLiteral("—"));
        QVERIFY(panel->valueLabel(QStringLiteral("minLength"))->toolTip().contains("Not measured"));
        QVERIFY(panel->typeLabel()->text().contains(QStringLiteral("REAL")));
        QVERIFY(panel->typeLabel()->text().contains(QStringLiteral("Fractional")));
        QVERIFY(!panel->mismatchLabel()->isVisible());

        // A text field: lengths in characters (exact), no moments.
        QVERIFY(view->showField(m_fields.value(QStringLiteral("status"))));
        QCOMPARE(panel->valueText(QStringLiteral("minLength")), QStringLiteral("0 characters"));
        QCOMPARE(panel->valueText(QStringLiteral("maxLength")), QStringLiteral("77 characters"));
        QCOMPARE(panel->valueText(QStringLiteral("mean")), QStringLiteral("—"));
        QCOMPARE(panel->valueText(QStringLiteral("completeness")), QStringLiteral("90%"));
        QCOMPARE(panel->valueText(QStringLiteral("distinct")), test::kApprox + QStringLiteral("5"));
        QCOMPARE(panel->valueText(QStringLiteral("entropy")),
                 test::kApprox + QStringLiteral("1.5 bits"));
    }

    // On a sampled profile, what the sample computed is marked and what pass 1 read whole is
    // not, for numeric and text fields alike.
    void approximateFiguresAreMarked()
    {
        auto view = newView();
        FieldProfilePanel *panel = view->panel();
        const auto marked = [panel](const char *key) {
            QLabel *label = panel->valueLabel(QLatin1String(key));
            return label->text().startsWith(QChar(0x2248)) &&
                   label->toolTip().startsWith(QStringLiteral("Approximate"));
        };
        const auto plain = [panel](const char *key) {
            QLabel *label = panel->valueLabel(QLatin1String(key));
            return !label->text().contains(QChar(0x2248)) &&
                   !label->toolTip().startsWith(QStringLiteral("Approximate"));
        };
        view->showField(m_fields.value(QStringLiteral("amount")));
        for (const char *key :
             {"distinct", "distinctRatio", "q1", "median", "q3", "entropy", "skewness", "kurtosis",
              "stdDev"}) // the deviation: as PostgreSQL's exact decimals
            QVERIFY2(marked(key), key);
        for (const char *key : {"records", "completeness", "mean", "sum", "min", "max"})
            QVERIFY2(plain(key), key);
        view->showField(m_fields.value(QStringLiteral("status")));
        for (const char *key : {"distinct", "distinctRatio", "entropy"})
            QVERIFY2(marked(key), key);
        for (const char *key : {"records", "completeness", "minLength", "maxLength"})
            QVERIFY2(plain(key), key);
        QVERIFY(panel->histogram()->isSampled());
    }

    void typeMismatchStandsOut()
    {
        auto view = newView();
        view->showField(m_fields.value(QStringLiteral("created")));
        FieldProfilePanel *panel = view->panel();
        QVERIFY(panel->mismatchLabel()->isVisible());
        QVERIFY(panel->mismatchLabel()->text().contains(QStringLiteral("Date")));
        QVERIFY(panel->mismatchLabel()->text().contains(QStringLiteral("TEXT")));
        ProfileFieldList *list = view->fieldList();
        const int row = list->rowOf(m_fields.value(QStringLiteral("created")));
        QCOMPARE(list->topLevelItem(row)->text(ProfileFieldList::TypeColumn),
                 QStringLiteral("TEXT → date"));
        // The field never profiled: listed, without completeness, with a hint.
        const int note = list->rowOf(m_fields.value(QStringLiteral("note")));
        QVERIFY(note >= 0);
        QVERIFY(
            !list->topLevelItem(note)
                 ->data(ProfileFieldList::CompletenessColumn, ProfileFieldList::CompletenessRole)
                 .isValid());
        view->showField(m_fields.value(QStringLiteral("note")));
        QCOMPARE(panel->titleLabel()->text(), QStringLiteral("note"));
        QVERIFY(panel->findChild<QLabel *>(QStringLiteral("profilePlaceholder"))->isVisible());
        QVERIFY(!panel->histogram()->isVisible());
        // Completeness bars carry the share.
        const int amount = list->rowOf(m_fields.value(QStringLiteral("amount")));
        QCOMPARE(
            list->topLevelItem(amount)
                ->data(ProfileFieldList::CompletenessColumn, ProfileFieldList::CompletenessRole)
                .toDouble(),
            0.975);
    }

    // The caution colour of a mismatched type has a dark variant: on a dark palette it stays
    // as far from the list's background as on a light one.
    void typeMismatchReadsOnEitherPalette()
    {
        const QPalette original = QApplication::palette();
        for (const QPalette &palette : {original, test::darkPalette()}) {
            QApplication::setPalette(palette);
            auto view = newView();
            ProfileFieldList *list = view->fieldList();
            const int row = list->rowOf(m_fields.value(QStringLiteral("created")));
            const QColor text =
                list->topLevelItem(row)->foreground(ProfileFieldList::TypeColumn).color();
            const QColor base = list->palette().color(QPalette::Base);
            QApplication::setPalette(original);
            QVERIFY2(qAbs(text.lightnessF() - base.lightnessF()) > 0.45,
                     qPrintable(QStringLiteral("%1 on %2").arg(text.name(), base.name())));
        }
    }

    // Names come first: at the view's default size every field's name shows whole (the list
    // starts as wide as they need), whatever the types take.
    void fieldNamesShowWhole()
    {
        auto view = newView();
        ProfileFieldList *list = view->fieldList();
        QTRY_VERIFY(list->width() >= list->preferredWidth() - 1);
        const QFontMetrics fm(list->font());
        const int nameWidth = list->header()->sectionSize(ProfileFieldList::NameColumn);
        for (int row = 0; row < list->topLevelItemCount(); ++row) {
            const QString name = list->topLevelItem(row)->text(ProfileFieldList::NameColumn);
            QVERIFY2(fm.horizontalAdvance(name) < nameWidth,
                     qPrintable(QStringLiteral("%1 needs %2 px of %3")
                                    .arg(name)
                                    .arg(fm.horizontalAdvance(name))
                                    .arg(nameWidth)));
        }
        QVERIFY(list->header()->sectionSize(ProfileFieldList::TypeColumn) <= list->maxTypeWidth());
    }

    void histogramBarsAreProportional()
    {
        auto view = newView();
        view->showField(m_fields.value(QStringLiteral("status")));
        HistogramChart *chart = view->panel()->histogram();
        QVERIFY(chart->isVisible());
        QCOMPARE(chart->buckets().size(), 5);
        QVERIFY(chart->isSampled());
        const QList<qint64> counts{4500, 2250, 1125, 675, 450};
        const double longest = chart->barRect(0).width();
        QVERIFY(longest > 100);
        for (int i = 0; i < counts.size(); ++i) {
            const double expected = longest * double(counts.at(i)) / 4500.0;
            QVERIFY2(qAbs(chart->barRect(i).width() - expected) < 0.01,
                     qPrintable(QStringLiteral("bar %1: %2 vs %3")
                                    .arg(i)
                                    .arg(chart->barRect(i).width())
                                    .arg(expected)));
            // Bars start at the same x and do not overlap their neighbours.
            QCOMPARE(chart->barRect(i).left(), chart->barRect(0).left());
            if (i > 0)
                QVERIFY(chart->barRect(i).top() >= chart->barRect(i - 1).bottom());
        }
        // Figures: the count in the sample and the share of its non-null values, an estimate.
        QCOMPARE(chart->figureText(0), QStringLiteral("4,500 · ") + test::kApprox + "50%");
        QVERIFY(chart->toolTipFor(0).contains(QStringLiteral("sample")));
        QVERIFY(view->panel()
                    ->findChild<QLabel *>(QStringLiteral("histogramNote"))
                    ->text()
                    .contains(QStringLiteral("sample")));
        QCOMPARE(chart->labelText(3), QStringLiteral("(empty)"));
        // The long value is elided; its tooltip has it whole.
        const QString longValue = chart->buckets().at(4).value;
        QVERIFY(chart->labelText(4).endsWith(QChar(0x2026)));
        QVERIFY(chart->labelText(4).size() < longValue.size());
        QVERIFY(chart->fontMetrics().horizontalAdvance(chart->labelText(4)) <=
                chart->labelRect(4).width());
        QVERIFY(chart->toolTipFor(4).contains(longValue.toHtmlEscaped()));
        QCOMPARE(chart->bucketAt(chart->barRect(1).center().toPoint()), 1);

        // Exact top values (a table read whole) show their share without a mark; a zero
        // count draws no bar.
        chart->setBuckets({{QStringLiteral("a"), 30, 0.75},
                           {QStringLiteral("b"), 10, 0.25},
                           {QStringLiteral("c"), 0, 0.0}},
                          false);
        QVERIFY(!chart->isSampled());
        QCOMPARE(chart->figureText(0), QStringLiteral("30 · 75%"));
        QVERIFY(!chart->toolTipFor(0).contains(QStringLiteral("sample")));
        QCOMPARE(chart->barRect(1).width() / chart->barRect(0).width(), 1.0 / 3.0);
        QCOMPARE(chart->barRect(2).width(), 0.0);

        // Numeric fields also show their spread in equal-width ranges; text fields do not.
        view->showField(m_fields.value(QStringLiteral("amount")));
        QCOMPARE(chart->figureText(0), QStringLiteral("400 · ") + test::kApprox + "4.1%");
        HistogramChart *spread = view->panel()->distribution();
        QVERIFY(spread->isVisible());
        QVERIFY(spread->isSampled());
        QCOMPARE(spread->buckets().size(), 10);
        QCOMPARE(spread->buckets().at(0).value, QStringLiteral("0.5 – 10.35"));
        QCOMPARE(spread->buckets().at(9).count, qint64(10));
        QVERIFY(qAbs(spread->barRect(9).width() / spread->barRect(0).width() - 0.1) < 0.01);
        view->showField(m_fields.value(QStringLiteral("status")));
        QVERIFY(!spread->isVisible());
    }

    void historyShowsPreviousRuns()
    {
        auto view = newView();
        view->showField(m_fields.value(QStringLiteral("amount")));
        ProfileHistoryTable *history = view->panel()->historyTable();
        QCOMPARE(history->runCount(), 2);
        QCOMPARE(history->valueText(QStringLiteral("mean"), 0), QStringLiteral("12.5"));
        QCOMPARE(history->valueText(QStringLiteral("mean"), 1), QStringLiteral("11"));
        QVERIFY(history->isChanged(QStringLiteral("mean"), 0));
        QCOMPARE(history->valueText(QStringLiteral("max"), 1), QStringLiteral("90"));
        QVERIFY(history->isChanged(QStringLiteral("max"), 0));
        QCOMPARE(history->valueText(QStringLiteral("records"), 1), QStringLiteral("1,000"));
        QVERIFY(!history->isChanged(QStringLiteral("min"), 0));    // 0.5 both times
        QVERIFY(!history->isChanged(QStringLiteral("stdDev"), 0)); // 3.25 both times
        QVERIFY(!history->isChanged(QStringLiteral("mean"), 1));   // the oldest run
        const int row = history->rowOf(QStringLiteral("mean"));
        QVERIFY(history->item(row, 1)->toolTip().contains(QStringLiteral("11")));
        QVERIFY(history->horizontalHeaderItem(1)->text().startsWith(QStringLiteral("Current")));
        // A field profiled once has a one-column history.
        view->showField(m_fields.value(QStringLiteral("id")));
        QCOMPARE(history->runCount(), 1);
    }

    void headerShowsContainerFigures()
    {
        auto view = newView();
        ContainerProfileHeader *header = view->header();
        QCOMPARE(header->titleLabel()->text(), QStringLiteral("orders"));
        QCOMPARE(header->value(QStringLiteral("records")), QStringLiteral("40,000"));
        // Average completeness of the four profiled fields: (1 + 0.975 + 0.9 + 0.5) / 4.
        QCOMPARE(header->value(QStringLiteral("completeness")), QStringLiteral("84.4%"));
        QCOMPARE(header->value(QStringLiteral("checks")), QStringLiteral("2"));
        QCOMPARE(header->value(QStringLiteral("anomalies")), QStringLiteral("1"));
        // 40,000 records, of which Profile's second pass read a sample of about 10,000: 25%.
        QCOMPARE(profile_sql::kSampleRows, 10000);
        QCOMPARE(header->value(QStringLiteral("sampling")), test::kApprox + QStringLiteral("25%"));
        // amount's deviation came from the sample (as PostgreSQL's exact decimals): said so.
        QVERIFY2(header->summary().samplingNote.contains(QStringLiteral("deviations marked")),
                 qPrintable(header->summary().samplingNote));

        // The counts follow the Catalog.
        Check k;
        k.containerId = m_container;
        k.rule = QStringLiteral("notNull");
        k.fields = {QStringLiteral("amount")};
        k.filter = k.description = QString::fromUtf8("");
        const qint64 id = m_catalog.addCheck(k);
        QCOMPARE(header->value(QStringLiteral("checks")), QStringLiteral("3"));
        QVERIFY(m_catalog.setCheckStatus(id, check_status::kArchived));
        QCOMPARE(header->value(QStringLiteral("checks")), QStringLiteral("2"));

        // A container never profiled.
        view->setContainer(&m_catalog, m_empty);
        QCOMPARE(header->titleLabel()->text(), QStringLiteral("customers"));
        QCOMPARE(header->value(QStringLiteral("records")), QStringLiteral("—"));
        QCOMPARE(header->value(QStringLiteral("checks")), QStringLiteral("0"));
        QVERIFY(!header->failureLabel()->isVisible());

        // The latest Profile could not read it: its page says why.
        Operation failed;
        failed.datastoreId = m_catalog.container(m_empty)->datastoreId;
        failed.type = operation_type::kProfile;
        failed.status = operation_status::kWarning;
        failed.result = {
            {QStringLiteral("containers"),
             QJsonObject{{QStringLiteral("customers"),
                          QJsonObject{{QStringLiteral("result"), QStringLiteral("failure")},
                                      {QStringLiteral("message"),
                                       QStringLiteral("permission denied for table "
                                                      "customers")}}}}}};
        failed.id = m_catalog.addOperation(failed);
        view->setContainer(&m_catalog, m_empty);
        QVERIFY(header->failureLabel()->isVisible());
        QVERIFY2(header->failureLabel()->text().contains(
                     QStringLiteral("The latest Profile (operation %1) could not read this "
                                    "table: permission denied for table customers")
                         .arg(failed.id)),
                 qPrintable(header->failureLabel()->text()));
        QVERIFY(m_catalog.removeOperation(failed.id));
    }

    // How a field was measured, when not the plain way, is said beside its figures.
    void fieldNoteIsShown()
    {
        FieldProfilePanel panel;
        FieldProfile p;
        p.fieldName = QStringLiteral("lsn");
        p.declaredType = QStringLiteral("pg_lsn");
        p.records = 10;
        p.completeness = 0.9;
        p.note = QStringLiteral("the type “pg_lsn” is not one Assay knows how to measure on "
                                "postgresql: completeness only");
        panel.resize(420, 600);
        panel.setHistory({p});
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        auto *note = panel.findChild<QLabel *>(QStringLiteral("measureNote"));
        QVERIFY(note && note->isVisible());
        QCOMPARE(note->text(), QStringLiteral("The type “pg_lsn” is not one Assay knows how to "
                                              "measure on postgresql: completeness only."));
        // The figures it has not are explained by it.
        QCOMPARE(panel.findChildren<QLabel *>().contains(note), true);
        p.note.clear();
        panel.setHistory({p});
        QVERIFY(!note->isVisible());
    }

    // The metric groups sit side by side when the pane holds them and one under the other
    // when it does not (a big font, a narrow pane): the panel never scrolls sideways.
    void metricGroupsReflowToTheWidth()
    {
        QScrollArea scroll;
        scroll.setWidgetResizable(true);
        auto *panel = new FieldProfilePanel;
        scroll.setWidget(panel);
        FieldProfile p;
        p.fieldName = QStringLiteral("amount");
        p.declaredType = QStringLiteral("REAL");
        p.records = 100;
        p.completeness = 1;
        panel->setHistory({p});
        scroll.resize(1000, 600);
        scroll.show();
        QVERIFY(QTest::qWaitForWindowExposed(&scroll));
        QTRY_COMPARE(panel->metricColumns(), 2);
        QVERIFY(!scroll.horizontalScrollBar()->isVisible());

        scroll.resize(420, 600);
        QTRY_COMPARE(panel->metricColumns(), 1);
        QTRY_VERIFY(panel->width() <= scroll.viewport()->width());
        QVERIFY(!scroll.horizontalScrollBar()->isVisible());

        scroll.resize(1000, 600);
        QTRY_COMPARE(panel->metricColumns(), 2);
    }

    void containerPageTabs()
    {
        ContainerPage page;
        page.resize(1000, 700);
        page.setContainer(&m_catalog, m_container);
        page.show();
        QCOMPARE(page.tabs()->count(), 3);
        QCOMPARE(page.tabs()->tabText(0), QStringLiteral("Profile"));
        QCOMPARE(page.tabs()->tabText(1), QStringLiteral("Checks"));
        QCOMPARE(page.tabs()->tabText(2), QStringLiteral("History"));
        page.tabs()->setCurrentIndex(1);
        page.showField(m_fields.value(QStringLiteral("status")));
        QCOMPARE(page.tabs()->currentWidget(), page.profileView());
        QCOMPARE(page.profileView()->currentFieldId(), m_fields.value(QStringLiteral("status")));
        QCOMPARE(page.profileView()->panel()->titleLabel()->text(), QStringLiteral("status"));
        QCOMPARE(page.checksTab()->model()->rowCount(), 2); // the active ones
        QCOMPARE(page.addTab(new QWidget, QStringLiteral("Anomalies")), 3);
    }

    // The History tab on a container with 30 days of measurements and a volumetric check
    // judged on the last 16 (Absolute Change): the records chart holds every measurement, its
    // band is the change band set on the level it changed from, the failed judgement is the one
    // anomaly marked; the freshness chart reads the ages; an empty container says it has none.
    void historyTabChartsMeasurements()
    {
        Container events;
        events.datastoreId = m_datastore;
        events.name = QStringLiteral("events");
        events.containerType = QStringLiteral("table");
        const qint64 id = m_catalog.addContainer(events);
        QVERIFY(id);
        Check volumetric;
        volumetric.containerId = id;
        volumetric.rule = QStringLiteral("volumetric");
        volumetric.filter = volumetric.description = QString::fromUtf8("");
        const qint64 checkId = m_catalog.addCheck(volumetric);
        QVERIFY2(checkId, qPrintable(m_catalog.lastError()));
        const QDateTime start(QDate(2026, 11, 2), QTime(6, 0), Qt::UTC);
        QList<CheckMetric> metrics;
        for (int day = 0; day < 30; ++day) {
            const QDateTime at = start.addDays(day);
            const qint64 op = addOperation(at, 0, false);
            ContainerMeasurement m;
            m.containerId = id;
            m.operationId = op;
            m.operationType = QStringLiteral("scan");
            m.measuredAt = at;
            m.recordCount = 10000 + 1000 * day - (day == 25 ? 1500 : 0);
            m.volumeSource = measurement_source::kPass;
            m.newestAt = at.addSecs(-4 * 3600);
            m.freshnessSource = measurement_source::kPass;
            QVERIFY2(m_catalog.addContainerMeasurement(m), qPrintable(m_catalog.lastError()));
            if (day < 14)
                continue;
            CheckMetric k;
            k.operationId = op;
            k.checkId = checkId;
            k.containerId = id;
            k.assertedRecords = 1;
            k.measured = double(m.recordCount);
            k.observed = day == 25 ? -500 : 1000;
            k.expectedLow = 900;
            k.expectedHigh = 1100;
            k.result = day == 25 ? QStringLiteral("failed") : QStringLiteral("passed");
            k.anomalousRecords = day == 25 ? 1 : 0;
            metrics << k;
        }
        QVERIFY2(m_catalog.addCheckMetrics(metrics), qPrintable(m_catalog.lastError()));

        ContainerPage page;
        page.resize(1100, 700);
        page.setContainer(&m_catalog, id);
        page.show();
        page.tabs()->setCurrentWidget(page.historyView());
        ContainerHistoryView *view = page.historyView();
        QCOMPARE(view->seriesChooser()->itemText(0), QStringLiteral("Records"));
        const HistorySeries &records = view->chart()->series();
        QCOMPARE(records.points.size(), 30);
        int anomalies = 0;
        for (int day = 0; day < 30; ++day) {
            const HistoryPoint &p = records.points.at(day);
            anomalies += p.anomaly ? 1 : 0;
            if (day < 14) {
                QVERIFY(qIsNaN(p.lower));
                continue;
            }
            const double from = p.value - (day == 25 ? -500 : 1000); // the level it changed from
            QCOMPARE(p.lower, from + 900);
            QCOMPARE(p.upper, from + 1100);
        }
        QCOMPARE(anomalies, 1);
        QVERIFY(records.points.at(25).anomaly);
        QVERIFY(records.points.at(25).value < records.points.at(25).lower);

        view->seriesChooser()->setCurrentIndex(1); // freshness
        QCOMPARE(view->chart()->series().points.size(), 30);
        QCOMPARE(view->chart()->series().points.at(3).value, 4.0);
        test::saveScreenshot(&page, QStringLiteral("container-history-freshness.png"));
        view->seriesChooser()->setCurrentIndex(0);
        test::saveScreenshot(&page, QStringLiteral("container-history.png"));
        page.setPalette(test::darkPalette());
        test::saveScreenshot(&page, QStringLiteral("container-history-dark.png"));

        page.setContainer(&m_catalog, m_empty);
        QVERIFY(view->chart()->series().points.isEmpty());
    }

    void screenshots()
    {
        auto view = newView();
        view->showField(m_fields.value(QStringLiteral("amount")));
        test::saveScreenshot(view.get(), QStringLiteral("profile-view.png"));
        view->showField(m_fields.value(QStringLiteral("created")));
        test::saveScreenshot(view.get(), QStringLiteral("profile-view-mismatch.png"));
        view->showField(m_fields.value(QStringLiteral("status")));
        // The whole panel, not only what the scroll area shows.
        FieldProfilePanel *panel = view->panel();
        panel->resize(760, panel->sizeHint().height());
        test::saveScreenshot(panel, QStringLiteral("profile-panel-text.png"));
        test::saveScreenshot(panel->histogram(), QStringLiteral("profile-histogram.png"));
        // At a device pixel ratio of 2 the chart paints at full resolution (no scaled pixmap):
        // a bar's edge lands within one device pixel of twice its logical position.
        HistogramChart *chart = panel->histogram();
        QImage hidpi(chart->size() * 2, QImage::Format_ARGB32_Premultiplied);
        hidpi.setDevicePixelRatio(2);
        hidpi.fill(chart->palette().color(QPalette::Window));
        chart->render(&hidpi);
        QVERIFY(hidpi.save(test::screenshotPath(QStringLiteral("profile-histogram@2x.png"))));
        const QRectF bar = chart->barRect(1);
        const int y = int(bar.center().y() * 2);
        const QColor inside = hidpi.pixelColor(int(bar.right() * 2) - 3, y);
        const QColor outside = hidpi.pixelColor(int(bar.right() * 2) + 3, y);
        QVERIFY(inside != outside);

        ContainerPage page;
        page.setPalette(test::darkPalette());
        page.resize(1100, 760);
        page.setContainer(&m_catalog, m_container);
        page.show();
        page.showField(m_fields.value(QStringLiteral("amount")));
        test::saveScreenshot(&page, QStringLiteral("profile-view-dark.png"));
    }
};

QTEST_MAIN(TestProfileView)
#include "tst_profileview.moc"
