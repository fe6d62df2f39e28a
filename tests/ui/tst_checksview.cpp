// The checks of a container on a real SQLite Catalog: the list model (under
// QAbstractItemModelTester, refreshing on checksChanged without resets), the Checks tab's
// status filter and counts, creating a check through the generated dialog, live validation
// keeping OK disabled with the reason shown, editing an inferred check (userEdited), archive
// and activate (a person's decision on an inferred check outliving real re-profiles), Show SQL
// in the SQLite, PostgreSQL and MySQL dialects, and screenshots of the tab and the dialogs.
#include "EngineHarness.h"
#include "KeyboardAudit.h"
#include "TestSupport.h"
#include "UiTestSupport.h"
#include "models/catalog/Catalog.h"
#include "models/item/CheckListModel.h"
#include "ui/checks/CheckEditDialog.h"
#include "ui/checks/CheckFieldsEditor.h"
#include "ui/checks/CheckSqlDialog.h"
#include "ui/checks/ChecksTab.h"
#include "ui/checks/ListEditor.h"

#include <QAbstractButton>
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDir>
#include <QDoubleSpinBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QStyleFactory>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace assay;

class TestChecksView : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    test::EngineHarness m_harness; // a real engine over the tab's Catalog, for profiles
    Catalog &m_catalog = m_harness.catalog;
    qint64 m_datastore = 0;
    qint64 m_orders = 0;
    qint64 m_customers = 0;

    qint64 addContainer(const QString &name, const QList<QPair<QString, QString>> &fields)
    {
        Container c;
        c.datastoreId = m_datastore;
        c.name = name;
        c.containerType = QStringLiteral("table");
        const qint64 id = m_catalog.addContainer(c);
        int ordinal = 0;
        for (const auto &[fieldName, type] : fields) {
            Field f;
            f.containerId = id;
            f.name = fieldName;
            f.declaredType = type;
            f.ordinal = ordinal++;
            test::require(m_catalog.addField(f), "addField");
        }
        return id;
    }

    qint64 addCheck(const QString &rule, const QStringList &fields, const QString &status,
                    const QJsonObject &properties = {}, bool inferred = false)
    {
        Check k;
        k.containerId = m_orders;
        k.rule = rule;
        k.fields = fields;
        k.status = status;
        k.properties = properties;
        k.inferred = inferred;
        k.inferenceLevel = inferred ? 2 : 0;
        const qint64 id = m_catalog.addCheck(k);
        return id;
    }

    void clearChecks()
    {
        QSqlQuery q(m_catalog.database());
        QVERIFY(q.exec(QStringLiteral("DELETE FROM checks")));
        m_catalog.notifyChecksChanged(m_datastore);
    }

    std::unique_ptr<ChecksTab> newTab()
    {
        auto tab = std::make_unique<ChecksTab>();
        tab->resize(980, 420);
        tab->setContainer(&m_catalog, m_orders);
        tab->show();
        return tab;
    }

    static void setSpin(QWidget *w, double value)
    {
        auto *spin = qobject_cast<QDoubleSpinBox *>(w);
        QVERIFY(spin);
        spin->setValue(value);
    }

    static QStringList comboData(QComboBox *combo)
    {
        QStringList out;
        for (int i = 0; i < combo->count(); ++i)
            out << combo->itemData(i).toString();
        return out;
    }

private slots:
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
        m_orders = addContainer(QStringLiteral("orders"),
                                {{QStringLiteral("id"), QStringLiteral("INTEGER")},
                                 {QStringLiteral("amount"), QStringLiteral("REAL")},
                                 {QStringLiteral("status"), QStringLiteral("TEXT")},
                                 {QStringLiteral("created"), QStringLiteral("DATE")},
                                 {QStringLiteral("customer_id"), QStringLiteral("INTEGER")}});
        m_customers = addContainer(QStringLiteral("customers"),
                                   {{QStringLiteral("id"), QStringLiteral("INTEGER")},
                                    {QStringLiteral("email"), QStringLiteral("TEXT")}});
        QVERIFY(m_orders && m_customers);
    }

    void cleanupTestCase() { m_harness.stop(); }

    void init() { clearChecks(); }

    // The Last scan column says what each check's latest scan found, in words: guaranteed by a
    // constraint, passed, failed with its counts, or never scanned; the tooltip names the scan
    // and its detail. A scan (checksChanged) updates the column in place.
    void lastScanColumnSaysWhatTheScanFound()
    {
        CheckListModel model(&m_catalog);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        CheckQuery query;
        query.containerId = m_orders;
        query.status = check_status::kActive;
        const qint64 key =
            addCheck(QStringLiteral("unique"), {QStringLiteral("id")}, check_status::kActive);
        const qint64 range =
            addCheck(QStringLiteral("between"), {QStringLiteral("amount")}, check_status::kActive,
                     {{QStringLiteral("min"), 0}, {QStringLiteral("max"), 10}});
        const qint64 never =
            addCheck(QStringLiteral("notNull"), {QStringLiteral("status")}, check_status::kActive);
        model.setQuery(query);
        const auto shown = [&](qint64 id, int role = Qt::DisplayRole) {
            return model.data(model.index(model.rowOf(id), CheckListModel::LastScanColumn), role)
                .toString();
        };
        QCOMPARE(shown(key), QStringLiteral("—"));

        Operation scan;
        scan.datastoreId = m_datastore;
        scan.type = operation_type::kScan;
        scan.status = operation_status::kSuccess;
        scan.triggeredBy = QStringLiteral("user");
        const qint64 op = m_catalog.addOperation(scan);
        QVERIFY(op);
        QVERIFY(m_catalog.addCheckMetrics(
            {CheckMetric{op, key, m_orders, 1000, 0, QStringLiteral("passed"),
                         QStringLiteral("Guaranteed by primary key (id): passed without reading "
                                        "its values.")},
             CheckMetric{op, range, m_orders, 1000, 12, QStringLiteral("failed"), QString()}}));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        m_catalog.notifyChecksChanged(m_datastore);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(shown(key), QStringLiteral("Guaranteed"));
        QVERIFY(shown(key, Qt::ToolTipRole).contains(QStringLiteral("primary key (id)")));
        QCOMPARE(shown(range), QStringLiteral("Failed: 12 of 1,000"));
        QCOMPARE(shown(never), QStringLiteral("—"));
        QCOMPARE(shown(never, Qt::ToolTipRole), QStringLiteral("Not scanned yet"));
        QVERIFY(m_catalog.removeOperation(op));
    }

    void modelFollowsTheCatalog()
    {
        CheckListModel model(&m_catalog);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        CheckQuery query;
        query.containerId = m_orders;
        query.status = check_status::kActive;
        model.setQuery(query);
        QCOMPARE(model.rowCount(), 0);

        const qint64 a =
            addCheck(QStringLiteral("notNull"), {QStringLiteral("id")}, check_status::kActive);
        const qint64 b =
            addCheck(QStringLiteral("between"), {QStringLiteral("amount")}, check_status::kActive,
                     {{QStringLiteral("min"), 0}, {QStringLiteral("max"), 10}});
        addCheck(QStringLiteral("notNull"), {QStringLiteral("status")}, check_status::kDraft);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.checkIdAt(0), a);
        QCOMPARE(model.checkIdAt(1), b);
        QCOMPARE(model.statusCounts().value(check_status::kActive), 2);
        QCOMPARE(model.statusCounts().value(check_status::kDraft), 1);
        QCOMPARE(model.data(model.index(1, CheckListModel::FieldsColumn)).toString(),
                 QStringLiteral("amount"));
        QCOMPARE(model.data(model.index(1, CheckListModel::CoverageColumn)).toString(),
                 QStringLiteral("100%"));
        QCOMPARE(model.data(model.index(0, CheckListModel::OriginColumn)).toString(),
                 QStringLiteral("Authored"));

        // An edit changes its row in place; no reset.
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        Check edited = *m_catalog.check(b);
        edited.coverage = 0.95;
        QVERIFY(m_catalog.updateCheck(edited));
        QCOMPARE(resets.count(), 0);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().at(0).value<QModelIndex>().row(), 1);
        QCOMPARE(model.data(model.index(1, CheckListModel::CoverageColumn)).toString(),
                 QStringLiteral("95%"));
        // Archiving takes it out of the Active list; activating brings it back.
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QVERIFY(m_catalog.setCheckStatus(a, check_status::kArchived));
        QCOMPARE(removed.count(), 1);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.statusCounts().value(check_status::kArchived), 1);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QVERIFY(m_catalog.setCheckStatus(a, check_status::kActive));
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(model.checkIdAt(0), a);
        QCOMPARE(resets.count(), 0);

        // The rule catalogue's presenter: titles and property summaries.
        model.setPresenter({[](const QString &rule) { return rule.toUpper(); },
                            [](const Check &k) { return k.fields.join(QLatin1Char('+')); }});
        QCOMPARE(model.data(model.index(0, CheckListModel::RuleColumn)).toString(),
                 QStringLiteral("NOTNULL"));
    }

    void filterShowsCounts()
    {
        for (int i = 0; i < 3; ++i)
            addCheck(QStringLiteral("notNull"), {QStringLiteral("id")}, check_status::kActive);
        addCheck(QStringLiteral("notNull"), {QStringLiteral("amount")}, check_status::kDraft);
        for (int i = 0; i < 2; ++i)
            addCheck(QStringLiteral("notNull"), {QStringLiteral("status")},
                     check_status::kArchived);
        auto tab = newTab();
        QCOMPARE(tab->filterButton(check_status::kActive)->text(), QStringLiteral("Active (3)"));
        QCOMPARE(tab->filterButton(check_status::kDraft)->text(), QStringLiteral("Draft (1)"));
        QCOMPARE(tab->filterButton(check_status::kArchived)->text(),
                 QStringLiteral("Archived (2)"));
        QCOMPARE(tab->model()->rowCount(), 3);
        QTest::mouseClick(tab->filterButton(check_status::kDraft), Qt::LeftButton);
        QCOMPARE(tab->statusFilter(), check_status::kDraft);
        QCOMPARE(tab->model()->rowCount(), 1);
        QCOMPARE(tab->model()->checkAt(0).fields, QStringList{QStringLiteral("amount")});
        QTest::mouseClick(tab->filterButton(check_status::kArchived), Qt::LeftButton);
        QCOMPARE(tab->model()->rowCount(), 2);
        // Counts follow the Catalog.
        addCheck(QStringLiteral("notNull"), {QStringLiteral("id")}, check_status::kDraft);
        QCOMPARE(tab->filterButton(check_status::kDraft)->text(), QStringLiteral("Draft (2)"));
        // The rule's title and its properties as the catalogue words them.
        tab->setStatusFilter(check_status::kActive);
        QCOMPARE(tab->model()->data(tab->model()->index(0, CheckListModel::RuleColumn)).toString(),
                 QStringLiteral("Not Null"));
    }

    void onlyFittingRulesAndFields()
    {
        CheckEditDialog d(&m_catalog, m_customers);
        const QStringList rules = comboData(d.ruleCombo());
        QVERIFY(rules.contains(QStringLiteral("between")));
        QVERIFY(rules.contains(QStringLiteral("matchesPattern")));
        QVERIFY(!rules.contains(QStringLiteral("afterDateTime"))); // no date field
        QVERIFY(!rules.contains(QStringLiteral("notFuture")));
        QVERIFY(d.selectRule(QStringLiteral("between")));
        QCOMPARE(comboData(d.fieldsEditor()->combo()), QStringList{QStringLiteral("id")});
        QVERIFY(d.selectRule(QStringLiteral("matchesPattern")));
        QCOMPARE(comboData(d.fieldsEditor()->combo()), QStringList{QStringLiteral("email")});

        CheckEditDialog orders(&m_catalog, m_orders);
        QVERIFY(orders.selectRule(QStringLiteral("afterDateTime")));
        QCOMPARE(comboData(orders.fieldsEditor()->combo()), QStringList{QStringLiteral("created")});
        QVERIFY(qobject_cast<QDateTimeEdit *>(orders.propertyEditor(QStringLiteral("datetime"))));
        // Multi-field rules offer check boxes; table rules no field choice.
        QVERIFY(orders.selectRule(QStringLiteral("unique")));
        QCOMPARE(orders.fieldsEditor()->list()->count(), 5);
        QVERIFY(orders.selectRule(QStringLiteral("fieldCount")));
        QVERIFY(!orders.fieldsEditor()->takesFields());
        QVERIFY(orders.coverageSpin()->isHidden() || !orders.coverageSpin()->isVisibleTo(&orders));
        // Each property gets the editor its type asks for.
        QVERIFY(orders.selectRule(QStringLiteral("isType")));
        QVERIFY(qobject_cast<QComboBox *>(orders.propertyEditor(QStringLiteral("field_type"))));
        QVERIFY(orders.selectRule(QStringLiteral("greaterThanField")));
        QVERIFY(qobject_cast<QComboBox *>(orders.propertyEditor(QStringLiteral("field_name"))));
        QVERIFY(qobject_cast<QCheckBox *>(orders.propertyEditor(QStringLiteral("inclusive"))));
        QVERIFY(orders.selectRule(QStringLiteral("satisfiesExpression")));
        QVERIFY(
            qobject_cast<QPlainTextEdit *>(orders.propertyEditor(QStringLiteral("expression"))));
        QVERIFY(orders.selectRule(QStringLiteral("expectedValues")));
        QVERIFY(qobject_cast<ListEditor *>(orders.propertyEditor(QStringLiteral("list"))));
        // A reference container lists the datastore's containers; its field, that one's fields.
        QVERIFY(orders.selectRule(QStringLiteral("existsIn")));
        auto *container =
            qobject_cast<QComboBox *>(orders.propertyEditor(QStringLiteral("ref_container_id")));
        QVERIFY(container);
        QCOMPARE(container->count(), 2);
        container->setCurrentIndex(container->findData(m_customers));
        auto *refField =
            qobject_cast<QComboBox *>(orders.propertyEditor(QStringLiteral("field_name")));
        QVERIFY(refField);
        QStringList refFields;
        for (int i = 0; i < refField->count(); ++i)
            refFields << refField->itemText(i);
        QCOMPARE(refFields, (QStringList{QStringLiteral("id"), QStringLiteral("email")}));
    }

    // Time Distribution Size: its period is chosen from a list, a bound is enough.
    void timeDistributionThroughTheDialog()
    {
        clearChecks();
        auto tab = newTab();
        QTest::mouseClick(tab->newButton(), Qt::LeftButton);
        CheckEditDialog *d = tab->editDialog();
        QVERIFY(d && d->selectRule(QStringLiteral("timeDistributionSize")));
        auto *field = d->fieldsEditor()->combo();
        QCOMPARE(comboData(field), QStringList{QStringLiteral("created")}); // dates only
        auto *period =
            qobject_cast<QComboBox *>(d->propertyEditor(QStringLiteral("interval_name")));
        QVERIFY(period);
        QCOMPARE(comboData(period), (QStringList{"Hourly", "Daily", "Weekly", "Monthly"}));
        QCOMPARE(period->currentData().toString(), QStringLiteral("Daily"));
        period->setCurrentIndex(period->findData(QStringLiteral("Weekly")));
        QVERIFY(!d->okButton()->isEnabled()); // neither bound yet
        setSpin(d->propertyEditor(QStringLiteral("max_size")), 500);
        QVERIFY2(d->okButton()->isEnabled(), qPrintable(d->problem()));
        // The rows a rule adds are shown, then laid out, by the event loop (both queued).
        QTRY_VERIFY(period->isVisibleTo(d) &&
                    period->height() >= period->minimumSizeHint().height());
        test::saveScreenshot(d, QStringLiteral("check-dialog-time-distribution.png"));
        QTest::mouseClick(d->okButton(), Qt::LeftButton);
        QTRY_VERIFY(!tab->editDialog() || !tab->editDialog()->isVisible());
        const QList<Check> checks = m_catalog.checks(CheckQuery{0, m_orders, {}, false});
        QCOMPARE(checks.size(), 1);
        QCOMPARE(checks.first().rule, QStringLiteral("timeDistributionSize"));
        QCOMPARE(checks.first().properties.value(QStringLiteral("interval_name")).toString(),
                 QStringLiteral("Weekly"));
        QCOMPARE(checks.first().properties.value(QStringLiteral("max_size")).toInt(), 500);
        QVERIFY(!checks.first().properties.contains(QStringLiteral("min_size")));
        clearChecks();
    }

    // A rule judged against the history: its choices are combo boxes with the rule's defaults,
    // fixed thresholds without a bound keep OK disabled, and what is chosen is what is saved.
    void volumetricThroughTheDialog()
    {
        clearChecks();
        auto tab = newTab();
        QTest::mouseClick(tab->newButton(), Qt::LeftButton);
        CheckEditDialog *d = tab->editDialog();
        QVERIFY(d && d->selectRule(QStringLiteral("volumetric")));
        auto *measure = qobject_cast<QComboBox *>(d->propertyEditor(QStringLiteral("measure")));
        auto *comparison =
            qobject_cast<QComboBox *>(d->propertyEditor(QStringLiteral("comparison")));
        auto *thresholds =
            qobject_cast<QComboBox *>(d->propertyEditor(QStringLiteral("thresholds")));
        QVERIFY(measure && comparison && thresholds);
        QCOMPARE(comboData(measure), (QStringList{"Records", "Bytes"}));
        QCOMPARE(comboData(comparison),
                 (QStringList{"Absolute Change", "Percentage Change", "Absolute Value"}));
        QCOMPARE(thresholds->currentData().toString(), QStringLiteral("Automatic"));
        QVERIFY2(d->okButton()->isEnabled(), qPrintable(d->problem())); // automatic: no bound
        thresholds->setCurrentIndex(thresholds->findData(QStringLiteral("Fixed")));
        QVERIFY(!d->okButton()->isEnabled()); // fixed needs a minimum or a maximum
        comparison->setCurrentIndex(comparison->findData(QStringLiteral("Percentage Change")));
        setSpin(d->propertyEditor(QStringLiteral("min")), -5);
        QVERIFY2(d->okButton()->isEnabled(), qPrintable(d->problem()));
        QTRY_VERIFY(thresholds->isVisibleTo(d) &&
                    thresholds->height() >= thresholds->minimumSizeHint().height());
        test::saveScreenshot(d, QStringLiteral("check-dialog-volumetric.png"));
        QTest::mouseClick(d->okButton(), Qt::LeftButton);
        QTRY_VERIFY(!tab->editDialog() || !tab->editDialog()->isVisible());
        const QList<Check> checks = m_catalog.checks(CheckQuery{0, m_orders, {}, false});
        QCOMPARE(checks.size(), 1);
        QCOMPARE(checks.first().rule, QStringLiteral("volumetric"));
        QVERIFY(checks.first().fields.isEmpty());
        QCOMPARE(checks.first().properties.value(QStringLiteral("comparison")).toString(),
                 QStringLiteral("Percentage Change"));
        QCOMPARE(checks.first().properties.value(QStringLiteral("thresholds")).toString(),
                 QStringLiteral("Fixed"));
        QCOMPARE(checks.first().properties.value(QStringLiteral("min")).toDouble(), -5.0);
        clearChecks();
    }

    // An Equal To value stored as a JSON number (the CLI writes one) is shown, and saved back,
    // as its text.
    void numericTextValueShows()
    {
        Check k;
        k.containerId = m_orders;
        k.rule = QStringLiteral("equalTo");
        k.fields = {QStringLiteral("amount")};
        k.properties = {{QStringLiteral("value"), 42.5}};
        k.id = 77;
        CheckEditDialog d(&m_catalog, k);
        auto *value = qobject_cast<QLineEdit *>(d.propertyEditor(QStringLiteral("value")));
        QVERIFY(value);
        QCOMPARE(value->text(), QStringLiteral("42.5"));
        QCOMPARE(d.check().properties.value(QStringLiteral("value")).toString(),
                 QStringLiteral("42.5"));
    }

    // A Distribution Shift's baseline (a JSON object) shows as indented JSON and saves back as
    // the same object; text that is no JSON object, or shares that do not add up, say so.
    void distributionShiftBaselineEdits()
    {
        const QJsonObject baseline{{"edges", QJsonArray{10, 20.5}},
                                   {"shares", QJsonArray{0.25, 0.5, 0.25}}};
        Check k;
        k.containerId = m_orders;
        k.rule = QStringLiteral("distributionShift");
        k.fields = {QStringLiteral("amount")};
        k.properties = {{QStringLiteral("baseline"), baseline},
                        {QStringLiteral("baseline_records"), 400}};
        k.id = 78;
        CheckEditDialog d(&m_catalog, k);
        auto *edit = qobject_cast<QPlainTextEdit *>(d.propertyEditor(QStringLiteral("baseline")));
        QVERIFY(edit);
        QVERIFY2(edit->toPlainText().contains(QStringLiteral("\"edges\"")),
                 qPrintable(edit->toPlainText()));
        QCOMPARE(d.check().properties.value(QStringLiteral("baseline")).toObject(), baseline);
        QCOMPARE(d.check().properties.value(QStringLiteral("max_shift")).toDouble(), 0.25);
        QVERIFY2(d.problem().isEmpty(), qPrintable(d.problem()));
        edit->setPlainText(QStringLiteral("{\"edges\": [10, 20.5"));
        QVERIFY(d.problem().contains(QStringLiteral("JSON object")));
        QVERIFY(!d.okButton()->isEnabled());
        edit->setPlainText(QStringLiteral("{\"edges\": [10], \"shares\": [0.5, 0.2]}"));
        QVERIFY2(d.problem().contains(QStringLiteral("70.0%")), qPrintable(d.problem()));
    }

    void createCheckThroughTheDialog()
    {
        auto tab = newTab();
        QTest::mouseClick(tab->newButton(), Qt::LeftButton);
        CheckEditDialog *d = tab->editDialog();
        QVERIFY(d);
        QVERIFY(d->isVisible());
        QVERIFY(d->selectRule(QStringLiteral("between")));
        auto *field = d->fieldsEditor()->combo();
        field->setCurrentIndex(field->findData(QStringLiteral("amount")));
        setSpin(d->propertyEditor(QStringLiteral("min")), 1.5);
        setSpin(d->propertyEditor(QStringLiteral("max")), 100);
        qobject_cast<QCheckBox *>(d->propertyEditor(QStringLiteral("inclusive_max")))
            ->setChecked(false);
        d->coverageSpin()->setValue(95);
        d->filterEdit()->setText(QStringLiteral("status = '{{status}}'"));
        d->descriptionEdit()->setText(QStringLiteral("Order amounts stay sensible"));
        d->tagsEdit()->setText(QStringLiteral("finance, critical, finance"));
        QVERIFY2(d->okButton()->isEnabled(), qPrintable(d->problem()));
        QVERIFY(!d->problemLabel()->isVisible());
        QVERIFY(d->findChild<QLabel *>(QStringLiteral("filterVariables"))
                    ->text()
                    .contains(QStringLiteral("{{status}}")));
        test::saveScreenshot(d, QStringLiteral("check-dialog-between.png"));
        QTest::mouseClick(d->okButton(), Qt::LeftButton);
        QTRY_VERIFY(!tab->editDialog() || !tab->editDialog()->isVisible());

        const QList<Check> checks = m_catalog.checks(CheckQuery{0, m_orders, {}, false});
        QCOMPARE(checks.size(), 1);
        const Check &k = checks.first();
        QCOMPARE(k.rule, QStringLiteral("between"));
        QCOMPARE(k.fields, QStringList{QStringLiteral("amount")});
        QCOMPARE(k.properties.value(QStringLiteral("min")).toDouble(), 1.5);
        QCOMPARE(k.properties.value(QStringLiteral("max")).toDouble(), 100.0);
        QCOMPARE(k.properties.value(QStringLiteral("inclusive_min")).toBool(), true);
        QCOMPARE(k.properties.value(QStringLiteral("inclusive_max")).toBool(), false);
        QCOMPARE(k.coverage, 0.95);
        QCOMPARE(k.filter, QStringLiteral("status = '{{status}}'"));
        QCOMPARE(k.description, QStringLiteral("Order amounts stay sensible"));
        QCOMPARE(k.tags, (QStringList{QStringLiteral("finance"), QStringLiteral("critical")}));
        QCOMPARE(k.status, check_status::kActive);
        QVERIFY(!k.inferred);
        QVERIFY(!k.userEdited);
        QCOMPARE(k.datastoreId, m_datastore);
        // The tab lists and selects it, its properties worded by the catalogue.
        QCOMPARE(tab->selectedCheckId(), k.id);
        const QString summary =
            tab->model()->data(tab->model()->index(0, CheckListModel::PropertiesColumn)).toString();
        QCOMPARE(summary, QStringLiteral("Minimum: 1.5 · Maximum: 100 · Inclusive minimum"));
        test::saveScreenshot(tab.get(), QStringLiteral("checks-tab.png"));

        // A list property, saved as a draft: the tab follows it to the Draft filter.
        tab->newCheck();
        d = tab->editDialog();
        QVERIFY(d->selectRule(QStringLiteral("expectedValues")));
        auto *status = d->fieldsEditor()->combo();
        status->setCurrentIndex(status->findData(QStringLiteral("status")));
        auto *list = qobject_cast<ListEditor *>(d->propertyEditor(QStringLiteral("list")));
        list->input()->setText(QStringLiteral("shipped\npending\ncancelled"));
        QTest::mouseClick(list->addButton(), Qt::LeftButton);
        QCOMPARE(list->values(), (QStringList{QStringLiteral("shipped"), QStringLiteral("pending"),
                                              QStringLiteral("cancelled")}));
        d->statusCombo()->setCurrentIndex(d->statusCombo()->findData(check_status::kDraft));
        test::saveScreenshot(d, QStringLiteral("check-dialog-list.png"));
        d->okButton()->click();
        const Check draft = *m_catalog.check(d->savedCheckId());
        QCOMPARE(draft.status, check_status::kDraft);
        QCOMPARE(draft.properties.value(QStringLiteral("list")).toArray(),
                 (QJsonArray{QStringLiteral("shipped"), QStringLiteral("pending"),
                             QStringLiteral("cancelled")}));
        QCOMPARE(tab->statusFilter(), check_status::kDraft);
        QCOMPARE(tab->selectedCheckId(), draft.id);
    }

    void editDialogKeyboard()
    {
        CheckEditDialog d(&m_catalog, m_orders);
        ASSAY_VERIFY_KEYBOARD(&d);
        QVERIFY(d.selectRule(QStringLiteral("between")));
        QVERIFY2(test::keyboardProblems(&d).isEmpty(), qPrintable(test::keyboardProblems(&d)));
    }

    void invalidInputKeepsOkDisabled()
    {
        CheckEditDialog d(&m_catalog, m_orders);
        d.show();
        QVERIFY(d.selectRule(QStringLiteral("between")));
        setSpin(d.propertyEditor(QStringLiteral("min")), 10);
        setSpin(d.propertyEditor(QStringLiteral("max")), 5);
        QVERIFY(!d.okButton()->isEnabled());
        QVERIFY(d.problemLabel()->isVisible());
        QCOMPARE(d.problemLabel()->text(),
                 QStringLiteral("The minimum is greater than the maximum."));
        test::saveScreenshot(&d, QStringLiteral("check-dialog-invalid.png"));
        d.okButton()->click(); // disabled: nothing happens
        d.accept();            // and accept() refuses too
        QVERIFY(d.isVisible());
        QCOMPARE(m_catalog.checks(CheckQuery{0, m_orders, {}, false}).size(), 0);
        setSpin(d.propertyEditor(QStringLiteral("max")), 50);
        QVERIFY(d.okButton()->isEnabled());
        QVERIFY(!d.problemLabel()->isVisible());

        QVERIFY(d.selectRule(QStringLiteral("matchesPattern")));
        auto *pattern = qobject_cast<QLineEdit *>(d.propertyEditor(QStringLiteral("pattern")));
        QVERIFY(!d.okButton()->isEnabled()); // required and empty
        QVERIFY(d.problemLabel()->text().contains(QStringLiteral("Pattern")));
        pattern->setText(QStringLiteral("([A-Z"));
        QVERIFY(!d.okButton()->isEnabled());
        QVERIFY(
            d.problemLabel()->text().contains(QStringLiteral("not a valid regular expression")));
        pattern->setText(QStringLiteral("^[A-Z]+$"));
        QVERIFY(d.okButton()->isEnabled());
        d.filterEdit()->setText(QStringLiteral("status = '{{status'"));
        QVERIFY(!d.okButton()->isEnabled());
        QVERIFY(d.problemLabel()->text().contains(QStringLiteral("not closed")));
        d.filterEdit()->clear();

        QVERIFY(d.selectRule(QStringLiteral("expectedValues")));
        QVERIFY(!d.okButton()->isEnabled());
        QVERIFY(d.problemLabel()->text().contains(QStringLiteral("Values")));

        QVERIFY(d.selectRule(QStringLiteral("anyNotNull")));
        QVERIFY(!d.okButton()->isEnabled()); // needs two fields
        d.fieldsEditor()->setFields({QStringLiteral("id"), QStringLiteral("status")});
        QVERIFY2(d.okButton()->isEnabled(), qPrintable(d.problem()));
    }

    void editingAnInferredCheckMarksItEdited()
    {
        const qint64 id =
            addCheck(QStringLiteral("between"), {QStringLiteral("amount")}, check_status::kActive,
                     {{QStringLiteral("min"), 0},
                      {QStringLiteral("max"), 500},
                      {QStringLiteral("inclusive_min"), true},
                      {QStringLiteral("inclusive_max"), true}},
                     true);
        QVERIFY(id);
        auto tab = newTab();
        QCOMPARE(
            tab->model()->data(tab->model()->index(0, CheckListModel::OriginColumn)).toString(),
            QStringLiteral("Inferred"));
        QVERIFY(tab->selectCheck(id));
        // Saved without a change: still Profile's own.
        tab->editSelected();
        CheckEditDialog *d = tab->editDialog();
        QVERIFY(d && d->isEditing());
        QVERIFY(!d->ruleCombo()->isEnabled());
        QCOMPARE(qobject_cast<QDoubleSpinBox *>(d->propertyEditor(QStringLiteral("max")))->value(),
                 500.0);
        d->okButton()->click();
        QVERIFY(!m_catalog.check(id)->userEdited);

        tab->editSelected();
        d = tab->editDialog();
        setSpin(d->propertyEditor(QStringLiteral("max")), 750);
        QVERIFY(d->check().userEdited);
        test::saveScreenshot(d, QStringLiteral("check-dialog-edit-inferred.png"));
        d->okButton()->click();
        const Check k = *m_catalog.check(id);
        QVERIFY(k.inferred);
        QVERIFY(k.userEdited);
        QCOMPARE(k.properties.value(QStringLiteral("max")).toDouble(), 750.0);
        QCOMPARE(k.properties.value(QStringLiteral("min")).toDouble(), 0.0);
        QCOMPARE(
            tab->model()->data(tab->model()->index(0, CheckListModel::OriginColumn)).toString(),
            QStringLiteral("Inferred, edited"));
    }

    void archiveAndActivate()
    {
        const qint64 active =
            addCheck(QStringLiteral("notNull"), {QStringLiteral("id")}, check_status::kActive);
        const qint64 draft =
            addCheck(QStringLiteral("notNull"), {QStringLiteral("amount")}, check_status::kDraft);
        auto tab = newTab();
        QVERIFY(!tab->archiveButton()->isEnabled()); // nothing selected
        QVERIFY(tab->selectCheck(active));
        QVERIFY(tab->archiveButton()->isEnabled());
        QVERIFY(!tab->activateButton()->isEnabled()); // already active
        QTest::mouseClick(tab->archiveButton(), Qt::LeftButton);
        QCOMPARE(m_catalog.check(active)->status, check_status::kArchived);
        QCOMPARE(tab->model()->rowCount(), 0);
        QCOMPARE(tab->filterButton(check_status::kActive)->text(), QStringLiteral("Active (0)"));
        QCOMPARE(tab->filterButton(check_status::kArchived)->text(),
                 QStringLiteral("Archived (1)"));
        QVERIFY(!tab->view()->isVisible()); // the empty list says what to do instead
        QVERIFY(tab->findChild<QLabel *>(QStringLiteral("checksEmpty"))->isVisible());

        tab->setStatusFilter(check_status::kDraft);
        QVERIFY(tab->selectCheck(draft));
        QVERIFY(tab->activateButton()->isEnabled());
        QTest::mouseClick(tab->activateButton(), Qt::LeftButton);
        QCOMPARE(m_catalog.check(draft)->status, check_status::kActive);
        QCOMPARE(tab->filterButton(check_status::kDraft)->text(), QStringLiteral("Draft (0)"));

        tab->setStatusFilter(check_status::kArchived);
        QVERIFY(tab->selectCheck(active));
        tab->activateSelected();
        QCOMPARE(m_catalog.check(active)->status, check_status::kActive);
        QCOMPARE(tab->filterButton(check_status::kActive)->text(), QStringLiteral("Active (2)"));
    }

    void showSql()
    {
        const qint64 id =
            addCheck(QStringLiteral("between"), {QStringLiteral("amount")}, check_status::kActive,
                     {{QStringLiteral("min"), 0},
                      {QStringLiteral("max"), 10},
                      {QStringLiteral("inclusive_min"), true},
                      {QStringLiteral("inclusive_max"), true}});
        auto tab = newTab();
        QVERIFY(tab->selectCheck(id));
        QTest::mouseClick(tab->sqlButton(), Qt::LeftButton);
        CheckSqlDialog *d = tab->sqlDialog();
        QVERIFY(d && d->isVisible());
        const QString sql = d->sql();
        QVERIFY2(sql.contains(QStringLiteral("SELECT"), Qt::CaseInsensitive), qPrintable(sql));
        QVERIFY2(sql.contains(QStringLiteral("\"orders\"")), qPrintable(sql));
        QVERIFY2(sql.contains(QStringLiteral("\"amount\"")), qPrintable(sql));
        QCOMPARE(sql, CheckSqlDialog::sqlFor(&m_catalog, *m_catalog.check(id)));
        test::saveScreenshot(d, QStringLiteral("check-sql.png"));
        d->close();
    }

    // The Checks tab's Activate and Archive are a person's decisions: on checks a real Profile
    // inferred, they outlive the next profiles (the same level, then a lower one that archives
    // what only higher levels inferred), and the checks stay inferred ones. The CLI follows the
    // same rule (tst_profilecli).
    void statusDecisionsSurviveReprofiling()
    {
        const QString path = m_dir.filePath(QStringLiteral("sales.sqlite"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), "sales");
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE sales (id INTEGER PRIMARY KEY, amount REAL "
                                          "NOT NULL, region TEXT NOT NULL, sold DATE NOT NULL)")));
            QVERIFY2(q.exec(QStringLiteral(
                         "WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n "
                         "< 400) INSERT INTO sales SELECT n, 5 + (n * 7) % 90, CASE n % 3 WHEN 0 "
                         "THEN 'north' WHEN 1 THEN 'south' ELSE 'west' END, date('2025-01-01', "
                         "'+' || (n % 200) || ' days') FROM s")),
                     qPrintable(q.lastError().text()));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("sales"));
        const qint64 ds = m_harness.datastoreFor(QStringLiteral("Sales"), QStringLiteral("sqlite"),
                                                 test::Server{}, path, QStringLiteral("main"));
        QVERIFY(ds);
        QCOMPARE(m_harness.run(ds, operation_type::kSync, {}).status, QStringLiteral("success"));
        const auto profile = [&](int level) {
            return m_harness.run(ds, operation_type::kProfile,
                                 {{QStringLiteral("inference_threshold"), level},
                                  {QStringLiteral("infer_as_draft"), true}});
        };
        const Operation first = profile(2);
        QVERIFY2(first.status == QLatin1String("success"), qPrintable(m_harness.describe(first)));
        const qint64 sales = m_harness.container(ds, QStringLiteral("sales")).id;
        CheckQuery query;
        query.containerId = sales;
        qint64 activated = 0, archived = 0, untouched = 0;
        for (const Check &k : m_catalog.checks(query)) {
            QVERIFY(k.inferred && k.status == check_status::kDraft);
            if (!activated && k.inferenceLevel == 2)
                activated = k.id;
            else if (!archived)
                archived = k.id;
            else if (!untouched)
                untouched = k.id;
        }
        QVERIFY(activated && archived && untouched);

        ChecksTab tab;
        tab.resize(980, 420);
        tab.setContainer(&m_catalog, sales);
        tab.show();
        tab.setStatusFilter(check_status::kDraft);
        QVERIFY(tab.selectCheck(activated));
        QTest::mouseClick(tab.activateButton(), Qt::LeftButton);
        QVERIFY(tab.selectCheck(archived));
        QTest::mouseClick(tab.archiveButton(), Qt::LeftButton);
        for (const qint64 id : {activated, archived}) {
            const Check k = *m_catalog.check(id);
            QVERIFY(k.inferred);
            QVERIFY(k.userEdited);
        }
        QVERIFY(!m_catalog.check(untouched)->userEdited);

        for (const int level : {2, 1}) {
            const Operation again = profile(level);
            QVERIFY2(again.status == QLatin1String("success"),
                     qPrintable(m_harness.describe(again)));
            QCOMPARE(m_catalog.check(activated)->status, check_status::kActive);
            QCOMPARE(m_catalog.check(archived)->status, check_status::kArchived);
            QVERIFY(m_catalog.check(activated)->inferred && m_catalog.check(archived)->inferred);
            if (level == 2) { // nobody decided on this one: Profile refreshed it, still a draft
                QCOMPARE(m_catalog.check(untouched)->status, check_status::kDraft);
                QCOMPARE(m_catalog.check(untouched)->operationId, again.id);
            }
        }
        // The tab follows: the activated check is listed with the active ones.
        tab.setStatusFilter(check_status::kActive);
        QVERIFY(tab.selectCheck(activated));
        test::saveScreenshot(&tab, QStringLiteral("checks-tab-decided.png"));
    }

    // Show SQL compiles for the datastore's own dialect, without connecting to it: PostgreSQL
    // and MySQL quote and qualify identifiers their way and match patterns with their operators.
    void showSqlInTheDatastoresDialect()
    {
        struct Case
        {
            QString type, schema;
            QStringList expected, absent;
        };
        const QList<Case> cases{
            {QStringLiteral("postgresql"),
             QStringLiteral("sales"),
             {QStringLiteral("\"sales\".\"orders\""), QStringLiteral("\"status\" ~ '^[a-z]+$'")},
             {QStringLiteral("`"), QStringLiteral("REGEXP")}},
            {QStringLiteral("mysql"),
             QStringLiteral("shop"),
             {QStringLiteral("`shop`.`orders`"), QStringLiteral("`status` REGEXP '(?-i)^[a-z]+$'")},
             {QStringLiteral("\"orders\""), QStringLiteral("\"status\"")}},
        };
        for (const Case &c : cases) {
            Connection connection;
            connection.name = c.type + QStringLiteral(" server");
            connection.type = c.type;
            connection.host = QStringLiteral("db.invalid"); // never reached
            connection.port = 1;
            connection.database = c.schema;
            Datastore d;
            d.name = c.type + QStringLiteral(" shop");
            d.connectionId = m_catalog.addConnection(connection);
            d.database = c.schema;
            d.schema = c.schema;
            const qint64 ds = m_catalog.addDatastore(d);
            QVERIFY(ds);
            Container orders;
            orders.datastoreId = ds;
            orders.name = QStringLiteral("orders");
            orders.containerType = QStringLiteral("table");
            const qint64 container = m_catalog.addContainer(orders);
            Field status;
            status.containerId = container;
            status.name = QStringLiteral("status");
            status.declaredType = QStringLiteral("varchar(20)");
            QVERIFY(m_catalog.addField(status));
            Check k;
            k.containerId = container;
            k.rule = QStringLiteral("matchesPattern");
            k.fields = {QStringLiteral("status")};
            k.properties = {{QStringLiteral("pattern"), QStringLiteral("^[a-z]+$")}};
            const qint64 id = m_catalog.addCheck(k);
            QVERIFY2(id, qPrintable(m_catalog.lastError()));

            ChecksTab tab;
            tab.setContainer(&m_catalog, container);
            tab.show();
            QVERIFY(tab.selectCheck(id));
            const QStringList connectionsBefore = QSqlDatabase::connectionNames();
            QTest::mouseClick(tab.sqlButton(), Qt::LeftButton);
            CheckSqlDialog *dialog = tab.sqlDialog();
            QVERIFY(dialog && dialog->isVisible());
            QCOMPARE(QSqlDatabase::connectionNames(), connectionsBefore); // nothing opened
            const QString sql = dialog->sql();
            for (const QString &part : c.expected)
                QVERIFY2(sql.contains(part), qPrintable(c.type + QStringLiteral(": ") + sql));
            for (const QString &part : c.absent)
                QVERIFY2(!sql.contains(part), qPrintable(c.type + QStringLiteral(": ") + sql));
            test::saveScreenshot(dialog, QStringLiteral("check-sql-%1.png").arg(c.type));
            dialog->close();
        }
    }
};

QTEST_MAIN(TestChecksView)
#include "tst_checksview.moc"
