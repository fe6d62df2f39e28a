#include "TestSupport.h"
#include "app/engine/profile/ProfileOperation.h"
#include "app/engine/scan/ScanOptions.h"
#include "ui/common/ContrastStyle.h"
#include "ui/common/DarkPalette.h"
#include "ui/operations/CheckVariablesEditor.h"
#include "ui/operations/ContainerSelector.h"
#include "ui/operations/InferenceLevelPicker.h"
#include "ui/operations/ProfileDialog.h"
#include "ui/operations/ReadSettingsWidgets.h"
#include "ui/operations/ScanDialog.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QScreen>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStyleOptionButton>
#include <QTableWidget>
#include <QTest>
#include <memory>

using namespace assay;

namespace {

Container container(const QString &name, const QStringList &tags = {},
                    const QString &strategy = QString(), const QString &type = "table")
{
    Container c;
    c.name = name;
    c.containerType = type;
    c.incrementalStrategy = strategy;
    c.incrementalField = strategy.isEmpty() ? QString() : QStringLiteral("updated_at");
    if (!tags.isEmpty())
        c.settings.insert(QStringLiteral("tags"), QJsonArray::fromStringList(tags));
    return c;
}

// Seven containers of a shop: tags and strategies chosen so every count below is known.
QList<Container> shop()
{
    Container gone = container(QStringLiteral("old_orders"), {QStringLiteral("sales")});
    gone.removed = true;
    Container handTagged = container(QStringLiteral("returns"));
    handTagged.settings.insert(QStringLiteral("tags"), QStringLiteral(" Finance , audit"));
    return {container(QStringLiteral("orders"), {QStringLiteral("sales"), QStringLiteral("pii")},
                      QStringLiteral("last-modified")),
            container(QStringLiteral("order_lines"), {QStringLiteral("sales")},
                      QStringLiteral("batch-value")),
            container(QStringLiteral("customers"), {QStringLiteral("PII")},
                      QStringLiteral("last-modified")),
            container(QStringLiteral("products")),
            container(QStringLiteral("v_daily_sales"), {}, QString(), QStringLiteral("view")),
            handTagged,
            gone};
}

QStringList listed(const QListWidget *list)
{
    QStringList out;
    for (int i = 0; i < list->count(); ++i)
        out << list->item(i)->text();
    return out;
}

QStringList strings(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &x : v.toArray())
        out << x.toString();
    return out;
}

void saveShot(QWidget &w, const QString &name)
{
    const QString dir = QDir(test::stateDir()).filePath(QStringLiteral("screenshots"));
    QDir().mkpath(dir);
    QVERIFY(w.grab().save(QDir(dir).filePath(name)));
}

EnrichmentLink linked(RemediationStrategy remediation, int rollup, qint64 examples)
{
    EnrichmentLink link;
    link.enrichmentDatastoreId = 7;
    link.prefix = QStringLiteral("_shop");
    link.remediation = remediation;
    link.rollupThreshold = rollup;
    link.sourceRecordLimit = examples;
    return link;
}

} // namespace

class TestOperationDialogs : public QObject
{
    Q_OBJECT

private slots:
    // In a dark palette an empty check box or radio button stays visible: its ring is well
    // lighter than the field it sits on (Fusion's own border is nearly the window's colour).
    void emptyIndicatorsShowInADarkPalette()
    {
        ContrastStyle style(QStringLiteral("Fusion"));
        const QPalette dark = theme::darkPalette();
        for (const bool radio : {false, true}) {
            std::unique_ptr<QAbstractButton> button;
            if (radio)
                button = std::make_unique<QRadioButton>(QStringLiteral("Incremental"));
            else
                button = std::make_unique<QCheckBox>(QStringLiteral("Reactivate"));
            button->setStyle(&style);
            button->setPalette(dark);
            button->resize(button->sizeHint());
            const QImage image = button->grab().toImage();
            QStyleOptionButton option;
            option.initFrom(button.get());
            const QRect indicator = style.subElementRect(radio ? QStyle::SE_RadioButtonIndicator
                                                               : QStyle::SE_CheckBoxIndicator,
                                                         &option, button.get());
            int lightest = 0;
            for (int y = indicator.top(); y <= indicator.bottom(); ++y)
                for (int x = indicator.left(); x <= indicator.right(); ++x)
                    lightest = qMax(lightest, QColor(image.pixel(x, y)).lightness());
            const int window = dark.color(QPalette::Window).lightness();
            QVERIFY2(lightest - window > 60, qPrintable(QStringLiteral("%1: ring %2, window %3")
                                                            .arg(radio ? "radio" : "check")
                                                            .arg(lightest)
                                                            .arg(window)));
        }
    }

    void selectorOffersLiveContainersSortedAndDefaultsToAll()
    {
        ContainerSelector selector(shop());
        QCOMPARE(selector.mode(), ContainerSelector::Mode::All);
        QVERIFY(selector.isValid());
        QVERIFY(selector.selectedContainers().isEmpty());
        QCOMPARE(selector.effectiveContainers().size(), 6); // the removed one is not offered
        QCOMPARE(listed(selector.list()), (QStringList{"customers", "order_lines", "orders",
                                                       "products", "returns", "v_daily_sales"}));
    }

    void selectorSpecificFiltersChecksAndCounts()
    {
        ContainerSelector selector(shop());
        QSignalSpy changed(&selector, &ContainerSelector::changed);
        selector.specificButton()->setChecked(true);
        QVERIFY(changed.count() > 0);
        QVERIFY(!selector.isValid());
        QCOMPARE(selector.validationError(), QStringLiteral("Check at least one container."));
        QCOMPARE(selector.countLabel()->text(), QStringLiteral("0 of 6 selected"));

        QTest::keyClicks(selector.filterEdit(), QStringLiteral("ORDER"));
        int shown = 0;
        for (int i = 0; i < selector.list()->count(); ++i)
            shown += selector.list()->item(i)->isHidden() ? 0 : 1;
        QCOMPARE(shown, 2); // orders, order_lines
        QTest::mouseClick(selector.selectAllButton(), Qt::LeftButton);
        QCOMPARE(selector.selectedContainers(), (QStringList{"order_lines", "orders"}));
        QCOMPARE(selector.countLabel()->text(), QStringLiteral("2 of 6 selected (2 shown)"));
        QVERIFY(selector.isValid());

        selector.filterEdit()->clear();
        selector.list()->item(0)->setCheckState(Qt::Checked); // customers, by hand
        QCOMPARE(selector.selectedContainers(),
                 (QStringList{"customers", "order_lines", "orders"}));
        QCOMPARE(selector.countLabel()->text(), QStringLiteral("3 of 6 selected"));

        QTest::keyClicks(selector.filterEdit(), QStringLiteral("orders"));
        QTest::mouseClick(selector.selectNoneButton(), Qt::LeftButton); // only the shown one
        QCOMPARE(selector.selectedContainers(), (QStringList{"customers", "order_lines"}));

        selector.setCheckedContainers({QStringLiteral("products")});
        QCOMPARE(selector.selectedContainers(), QStringList{"products"});
        selector.allButton()->setChecked(true);
        QVERIFY(selector.selectedContainers().isEmpty());
    }

    void selectorByTagMatchesAnyTagIgnoringCase()
    {
        ContainerSelector selector(shop());
        selector.tagButton()->setChecked(true);
        QCOMPARE(selector.validationError(), QStringLiteral("Enter at least one tag."));

        QTest::keyClicks(selector.tagEdit(), QStringLiteral("pii"));
        // "pii" and "PII" are one tag: orders and customers carry it.
        QCOMPARE(selector.selectedContainers(), (QStringList{"customers", "orders"}));
        QCOMPARE(selector.tagMatchLabel()->text(), QStringLiteral("Matching containers: 2 of 6."));
        QCOMPARE(listed(selector.tagMatchList()), (QStringList{"customers", "orders"}));

        selector.setTags({QStringLiteral("sales"), QStringLiteral("finance"), QStringLiteral("")});
        QCOMPARE(selector.tags(), (QStringList{"sales", "finance"}));
        // sales: orders, order_lines (old_orders is removed); finance: returns (a string tag).
        QCOMPARE(selector.selectedContainers(), (QStringList{"order_lines", "orders", "returns"}));
        QCOMPARE(selector.tagMatchLabel()->text(), QStringLiteral("Matching containers: 3 of 6."));
        QCOMPARE(listed(selector.tagMatchList()),
                 (QStringList{"order_lines", "orders", "returns"}));
        QVERIFY(selector.isValid());

        // A tag nobody carries must not turn into "all containers".
        selector.tagEdit()->setText(QStringLiteral("nothing"));
        QVERIFY(selector.selectedContainers().isEmpty());
        QCOMPARE(selector.validationError(), QStringLiteral("No container carries these tags."));
        QCOMPARE(selector.tagMatchLabel()->text(), QStringLiteral("No container matches."));
        QCOMPARE(selector.tagMatchList()->count(), 0);
    }

    void selectorWithoutContainersAsksForSync()
    {
        ContainerSelector selector({});
        QVERIFY(!selector.isValid());
        QVERIFY(selector.validationError().contains(QStringLiteral("Sync")));
    }

    void profileDefaults()
    {
        ProfileDialog dialog(QStringLiteral("Shop"), shop());
        const QJsonObject expected{
            {"containers", QJsonArray()}, {"inference_threshold", 2}, {"infer_as_draft", false}};
        QCOMPARE(dialog.options(), expected);
        QVERIFY(dialog.runButton()->isEnabled());
        QVERIFY(dialog.hintLabel()->isHidden());
        QVERIFY(dialog.scheduleButton()->isHidden());
        QCOMPARE(dialog.windowTitle(), QStringLiteral("Profile Shop"));
        // What the engine reads back is what the dialog meant.
        const ProfileOptions read = ProfileOptions::fromJson(dialog.options());
        QCOMPARE(read.inferenceThreshold, 2);
        QCOMPARE(read.recordLimit, 0);
        QVERIFY(read.containers.isEmpty());
        // Options without the key (a schedule, an API payload) infer at level 2 as well.
        QCOMPARE(ProfileOptions::fromJson(QJsonObject()).inferenceThreshold, 2);
        QCOMPARE(ProfileOptions().inferenceThreshold, 2);
    }

    void profileControlsMapToKeys()
    {
        ProfileDialog dialog(QStringLiteral("Shop"), shop());
        dialog.containerSelector()->specificButton()->setChecked(true);
        dialog.containerSelector()->setCheckedContainers({"orders", "products"});
        dialog.inferencePicker()->button(4)->click();
        dialog.inferAsDraftBox()->setChecked(true);
        dialog.recordLimitEditor()->presetBox()->setCurrentIndex(1); // not "activated": no effect
        QTest::keyClick(dialog.recordLimitEditor()->presetBox(), Qt::Key_Up); // 10M -> 1M
        dialog.thresholdEditor()->setKind(StartingThresholdEditor::Kind::Time);
        dialog.thresholdEditor()->timeEdit()->setDateTime(
            QDateTime(QDate(2024, 5, 1), QTime(6, 30), Qt::UTC));

        QJsonObject o = dialog.options();
        QCOMPARE(strings(o.value("containers")), (QStringList{"orders", "products"}));
        QCOMPARE(o.value("inference_threshold").toInt(), 4);
        QCOMPARE(o.value("infer_as_draft").toBool(), true);
        QCOMPARE(o.value("record_limit").toInteger(), 1000000);
        QCOMPARE(o.value("greater_than_time").toString(), QStringLiteral("2024-05-01T06:30:00Z"));
        QVERIFY(!o.contains("greater_than_batch"));

        const ProfileOptions read = ProfileOptions::fromJson(o);
        QCOMPARE(read.containers, (QStringList{"orders", "products"}));
        QCOMPARE(read.recordLimit, 1000000);
        QCOMPARE(read.inferenceThreshold, 4);
        QVERIFY(read.inferAsDraft);
        QCOMPARE(read.greaterThanTime, QStringLiteral("2024-05-01T06:30:00Z"));

        dialog.thresholdEditor()->setKind(StartingThresholdEditor::Kind::Batch);
        dialog.thresholdEditor()->batchEdit()->setText(QStringLiteral("123456789012"));
        dialog.recordLimitEditor()->spinBox()->setValue(2500);
        QCOMPARE(dialog.recordLimitEditor()->presetBox()->currentText(), QStringLiteral("Custom"));
        dialog.inferencePicker()->button(0)->click();
        o = dialog.options();
        QVERIFY(!o.contains("greater_than_time"));
        QCOMPARE(o.value("greater_than_batch").toInteger(), 123456789012LL);
        QCOMPARE(o.value("record_limit").toInteger(), 2500);
        QCOMPARE(o.value("inference_threshold").toInt(), 0);
        QCOMPARE(ProfileOptions::fromJson(o).inferenceThreshold, 0); // asked for: no inference
        QCOMPARE(ProfileOptions::fromJson(o).greaterThanBatch.toLongLong(), 123456789012LL);

        dialog.thresholdEditor()->batchEdit()->setText(QStringLiteral("12.5"));
        QCOMPARE(dialog.options().value("greater_than_batch").toDouble(), 12.5);

        // Tags: the matching names go to "containers"; the tags are kept alongside.
        dialog.containerSelector()->tagButton()->setChecked(true);
        dialog.containerSelector()->setTags({QStringLiteral("sales")});
        o = dialog.options();
        QCOMPARE(strings(o.value("containers")), (QStringList{"order_lines", "orders"}));
        QCOMPARE(strings(o.value("container_tags")), QStringList{"sales"});
        dialog.recordLimitEditor()->setLimit(0);
        QVERIFY(!dialog.options().contains("record_limit"));
    }

    void recordLimitPresetsAndBounds()
    {
        RecordLimitEditor editor;
        QCOMPARE(editor.limit(), 0);
        QCOMPARE(editor.presetBox()->currentText(), QStringLiteral("All records"));
        QCOMPARE(editor.spinBox()->text(), QStringLiteral("All"));
        const QList<std::pair<int, qint64>> presets{
            {0, 1000000}, {1, 10000000}, {2, 100000000}, {3, 0}};
        for (const auto &[index, value] : presets) {
            editor.presetBox()->setCurrentIndex(index);
            emit editor.presetBox()->activated(index);
            QCOMPARE(editor.limit(), value);
        }
        // Custom starts from a real limit rather than "All".
        emit editor.presetBox()->activated(4);
        QCOMPARE(editor.limit(), 1000000);
        editor.setLimit(5000000000LL);
        QCOMPARE(editor.limit(), RecordLimitEditor::kMaximum);
        QCOMPARE(editor.spinBox()->minimum(), 0);
        QCOMPARE(editor.spinBox()->maximum(), 1000000000);
        editor.spinBox()->setValue(100000000);
        QCOMPARE(editor.presetBox()->currentText(), QStringLiteral("100 million"));
    }

    void inferenceLevelsSayWhatTheyMean()
    {
        InferenceLevelPicker picker;
        QCOMPARE(picker.level(), 2);
        QVERIFY(picker.descriptionLabel()->text().contains("Value ranges and patterns"));
        QVERIFY(picker.descriptionLabel()->text().contains("(default)"));
        const QStringList names{"No inference",
                                "Basic integrity",
                                "Value ranges and patterns",
                                "Time and field comparisons",
                                "Cross-container",
                                "Shape checks"};
        QSignalSpy spy(&picker, &InferenceLevelPicker::levelChanged);
        for (int level = 0; level <= 5; ++level) {
            picker.button(level)->click();
            QCOMPARE(picker.level(), level);
            QVERIFY2(picker.descriptionLabel()->text().contains(names.at(level)),
                     qPrintable(picker.descriptionLabel()->text()));
        }
        QCOMPARE(spy.count(), 6);
        picker.button(5)->click(); // already chosen: no change
        QCOMPARE(spy.count(), 6);
        QCOMPARE(picker.level(), 5);
    }

    void profileInvalidStatesDisableRunWithTheReason()
    {
        ProfileDialog dialog(QStringLiteral("Shop"), shop());
        dialog.setSchedulingAvailable(true);
        dialog.containerSelector()->specificButton()->setChecked(true);
        QVERIFY(!dialog.runButton()->isEnabled());
        QVERIFY(!dialog.scheduleButton()->isEnabled());
        QVERIFY(!dialog.hintLabel()->isHidden());
        QCOMPARE(dialog.hintLabel()->text(), QStringLiteral("Check at least one container."));
        dialog.containerSelector()->setCheckedContainers({"orders"});
        QVERIFY(dialog.runButton()->isEnabled());
        QVERIFY(dialog.hintLabel()->isHidden());

        dialog.thresholdEditor()->setKind(StartingThresholdEditor::Kind::Batch);
        QVERIFY(!dialog.runButton()->isEnabled());
        QVERIFY(dialog.hintLabel()->text().contains("number for the starting batch"));
        QTest::keyClicks(dialog.thresholdEditor()->batchEdit(), QStringLiteral("abc-12x"));
        QCOMPARE(dialog.thresholdEditor()->batchEdit()->text(), QStringLiteral("-12"));
        QVERIFY(dialog.runButton()->isEnabled());

        dialog.containerSelector()->tagButton()->setChecked(true);
        dialog.containerSelector()->setTags({QStringLiteral("nope")});
        QVERIFY(!dialog.runButton()->isEnabled());
        QCOMPARE(dialog.hintLabel()->text(), QStringLiteral("No container carries these tags."));
    }

    void thresholdHintCountsFittingContainers()
    {
        ProfileDialog dialog(QStringLiteral("Shop"), shop());
        StartingThresholdEditor *t = dialog.thresholdEditor();
        // All six: orders and customers are last-modified, order_lines is batch-value.
        QVERIFY2(t->hintLabel()->text().contains("3 of the 6 selected."),
                 qPrintable(t->hintLabel()->text()));
        t->setKind(StartingThresholdEditor::Kind::Time);
        QVERIFY(t->hintLabel()->text().contains("2 of the 6 selected."));
        t->setKind(StartingThresholdEditor::Kind::Batch);
        QVERIFY(t->hintLabel()->text().contains("1 of the 6 selected."));
        dialog.containerSelector()->specificButton()->setChecked(true);
        dialog.containerSelector()->setCheckedContainers({"orders", "products"});
        QVERIFY(t->hintLabel()->text().contains("0 of the 2 selected."));
    }

    void scheduleSendsTheOptions()
    {
        ProfileDialog dialog(QStringLiteral("Shop"), shop());
        dialog.setSchedulingAvailable(true);
        QVERIFY(!dialog.scheduleButton()->isHidden());
        dialog.inferencePicker()->setLevel(3);
        QSignalSpy spy(&dialog, &ProfileDialog::scheduleRequested);
        dialog.scheduleButton()->click();
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toJsonObject(), dialog.options());
        QCOMPARE(dialog.result(), int(QDialog::Rejected)); // not "run now"

        ScanDialog scan(QStringLiteral("Shop"), shop(), EnrichmentLink());
        scan.setSchedulingAvailable(true);
        QSignalSpy scanSpy(&scan, &ScanDialog::scheduleRequested);
        scan.scheduleButton()->click();
        QCOMPARE(scanSpy.count(), 1);
        QCOMPARE(scanSpy.at(0).at(0).toJsonObject(), scan.options());
    }

    void scanDefaults()
    {
        ScanDialog dialog(QStringLiteral("Shop"), shop(), EnrichmentLink());
        // Enter runs it even when a helper button (Select All, Add...) has the focus.
        QVERIFY(dialog.runButton()->isDefault());
        const QStringList helpers{QStringLiteral("Select All"), QStringLiteral("Select None"),
                                  QStringLiteral("Add"), QStringLiteral("Remove")};
        int seen = 0;
        for (const QPushButton *b : dialog.findChildren<QPushButton *>())
            if (helpers.contains(b->text())) {
                ++seen;
                QVERIFY2(!b->autoDefault(), qPrintable(b->text()));
            }
        QCOMPARE(seen, 4);
        // It fits the screen (its options scroll), so Run Now is never below the screen's edge.
        QVERIFY(dialog.screen());
        QVERIFY2(dialog.height() <= dialog.screen()->availableGeometry().height() * 0.9 + 1,
                 qPrintable(QString::number(dialog.height())));
        const QJsonObject expected{{"containers", QJsonArray()},
                                   {"check_categories", QJsonArray{"metadata", "data_integrity"}},
                                   {"incremental", false},
                                   {"archive_duplicate_anomalies", true},
                                   {"reactivate_recurring_anomalies", false},
                                   {"auto_resolve_passed_anomalies", true},
                                   {"high_count_rollup_threshold", 10},
                                   {"enrichment_source_record_limit", 10},
                                   {"check_variables", QJsonObject()},
                                   {"remediation", "none"}};
        QCOMPARE(dialog.options(), expected);
        QVERIFY(dialog.runButton()->isEnabled());
        QVERIFY(dialog.hintLabel()->isHidden());
        QVERIFY(dialog.remediationWarning()->isHidden());
        QVERIFY(dialog.autoResolveBox()->isEnabled());
        // The engine's own defaults agree with the dialog's.
        Datastore d;
        QCOMPARE(ScanOptions::fromJson(dialog.options(), d).toJson(),
                 ScanOptions::fromJson(QJsonObject(), d).toJson());
    }

    void scanDefaultsComeFromTheEnrichmentLink()
    {
        const EnrichmentLink link = linked(RemediationStrategy::Append, 250, 5000);
        ScanDialog dialog(QStringLiteral("Shop"), shop(), link);
        QCOMPARE(dialog.rollupSpin()->value(), 250);
        QCOMPARE(dialog.sourceExamplesSpin()->value(), 5000);
        QCOMPARE(dialog.remediationBox()->currentData().toString(), QStringLiteral("append"));
        QCOMPARE(dialog.remediationBox()->currentText(),
                 QStringLiteral("Append (datastore setting)"));
        QVERIFY(dialog.runButton()->isEnabled()); // linked: append is fine
        QVERIFY(dialog.remediationWarning()->isHidden());
        const QJsonObject o = dialog.options();
        QCOMPARE(o.value("remediation").toString(), QStringLiteral("append"));
        QCOMPARE(o.value("high_count_rollup_threshold").toInt(), 250);
        QCOMPARE(o.value("enrichment_source_record_limit").toInteger(), 5000);
        Datastore d;
        d.enrichment = link;
        QCOMPARE(ScanOptions::fromJson(o, d).toJson(),
                 ScanOptions::fromJson(QJsonObject(), d).toJson());
        // Out-of-range link values are clamped to what the spin boxes allow.
        ScanDialog clamped(QStringLiteral("Shop"), shop(),
                           linked(RemediationStrategy::None, 5000, 0));
        QCOMPARE(clamped.rollupSpin()->value(), 1000);
        QCOMPARE(clamped.sourceExamplesSpin()->value(), 10);
    }

    void scanControlsMapToKeys()
    {
        ScanDialog dialog(QStringLiteral("Shop"), shop(),
                          linked(RemediationStrategy::None, 10, 10));
        dialog.containerSelector()->specificButton()->setChecked(true);
        dialog.containerSelector()->setCheckedContainers({"customers"});
        dialog.metadataBox()->setChecked(false);
        dialog.incrementalButton()->setChecked(true);
        dialog.thresholdEditor()->setKind(StartingThresholdEditor::Kind::Batch);
        dialog.thresholdEditor()->batchEdit()->setText(QStringLiteral("42"));
        dialog.recordLimitEditor()->setLimit(10000000);
        dialog.archiveDuplicatesBox()->setChecked(false);
        dialog.reactivateRecurringBox()->setChecked(true);
        dialog.rollupSpin()->setValue(77);
        dialog.sourceExamplesSpin()->setValue(123456);
        dialog.remediationBox()->setCurrentIndex(
            dialog.remediationBox()->findData(QStringLiteral("overwrite")));
        dialog.variablesEditor()->addVariable(QStringLiteral("since"),
                                              QStringLiteral("DATE '2024-01-01'"));
        dialog.variablesEditor()->addVariable(QStringLiteral("floor"), QStringLiteral("5"));
        dialog.variablesEditor()->addVariable(); // an empty row is ignored
        QVERIFY(dialog.runButton()->isEnabled());

        const QJsonObject o = dialog.options();
        QCOMPARE(strings(o.value("containers")), QStringList{"customers"});
        QCOMPARE(strings(o.value("check_categories")), QStringList{"data_integrity"});
        QCOMPARE(o.value("incremental").toBool(), true);
        QCOMPARE(o.value("greater_than_batch").toInteger(), 42);
        QCOMPARE(o.value("record_limit").toInteger(), 10000000);
        QCOMPARE(o.value("archive_duplicate_anomalies").toBool(), false);
        QCOMPARE(o.value("reactivate_recurring_anomalies").toBool(), true);
        QCOMPARE(o.value("auto_resolve_passed_anomalies").toBool(), false);
        QCOMPARE(o.value("high_count_rollup_threshold").toInt(), 77);
        QCOMPARE(o.value("enrichment_source_record_limit").toInteger(), 123456);
        QCOMPARE(o.value("remediation").toString(), QStringLiteral("overwrite"));
        QCOMPARE(o.value("check_variables").toObject(),
                 (QJsonObject{{"since", "DATE '2024-01-01'"}, {"floor", "5"}}));

        Datastore d;
        d.enrichment = linked(RemediationStrategy::None, 10, 10);
        const ScanOptions read = ScanOptions::fromJson(o, d);
        QCOMPARE(read.containers, QStringList{"customers"});
        QCOMPARE(read.checkCategories, QStringList{"data_integrity"});
        QVERIFY(read.incremental);
        QCOMPARE(read.greaterThanBatch.toLongLong(), 42);
        QCOMPARE(read.recordLimit, 10000000);
        QVERIFY(!read.archiveDuplicateAnomalies);
        QVERIFY(read.reactivateRecurringAnomalies);
        QVERIFY(!read.autoResolvePassedAnomalies);
        QCOMPARE(read.rollupThreshold, 77);
        QCOMPARE(read.sourceRecordLimit, 123456);
        QCOMPARE(read.remediation, RemediationStrategy::Overwrite);
        QCOMPARE(read.checkVariables.value("since"), QStringLiteral("DATE '2024-01-01'"));
        QCOMPARE(read.checkVariables.size(), 2);
    }

    void scanAutoResolveIsOffForIncrementalAndComesBack()
    {
        ScanDialog dialog(QStringLiteral("Shop"), shop(), EnrichmentLink());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.autoResolveBox()->setChecked(false); // the user's choice for full scans
        dialog.autoResolveBox()->setChecked(true);
        dialog.incrementalButton()->setChecked(true);
        QVERIFY(!dialog.autoResolveBox()->isEnabled());
        QVERIFY(!dialog.autoResolveBox()->isChecked());
        QVERIFY(dialog.autoResolveNote()->isVisible());
        QVERIFY(dialog.autoResolveNote()->text().contains("incremental"));
        QCOMPARE(dialog.options().value("auto_resolve_passed_anomalies").toBool(), false);
        dialog.fullButton()->setChecked(true);
        QVERIFY(dialog.autoResolveBox()->isEnabled());
        QVERIFY(dialog.autoResolveBox()->isChecked());
        QVERIFY(!dialog.autoResolveNote()->isVisible());
        QCOMPARE(dialog.options().value("auto_resolve_passed_anomalies").toBool(), true);

        dialog.autoResolveBox()->setChecked(false);
        dialog.incrementalButton()->setChecked(true);
        dialog.fullButton()->setChecked(true);
        QVERIFY(!dialog.autoResolveBox()->isChecked()); // the unchecked choice is kept too
    }

    void scanRemediationNeedsAnEnrichmentDatastore()
    {
        ScanDialog dialog(QStringLiteral("Shop"), shop(), EnrichmentLink());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QComboBox *remediation = dialog.remediationBox();
        QCOMPARE(remediation->currentText(), QStringLiteral("None (datastore setting)"));
        for (const QString &strategy : {QStringLiteral("append"), QStringLiteral("overwrite")}) {
            remediation->setCurrentIndex(remediation->findData(strategy));
            QVERIFY(!dialog.runButton()->isEnabled());
            QVERIFY(dialog.remediationWarning()->isVisible());
            QVERIFY(dialog.remediationWarning()->text().contains("Link one"));
            QVERIFY(dialog.remediationWarning()->text().contains("choose None"));
            QVERIFY(dialog.remediationWarning()->text().contains("Shop"));
            QCOMPARE(dialog.validationError(), dialog.remediationWarning()->text());
            QVERIFY(!dialog.hintLabel()->isVisible()); // said once, next to the control
        }
        saveShot(dialog, QStringLiteral("scan-dialog-remediation-unlinked.png"));
        remediation->setCurrentIndex(remediation->findData(QStringLiteral("none")));
        QVERIFY(dialog.runButton()->isEnabled());
        QVERIFY(!dialog.remediationWarning()->isVisible());

        // Linked: the same choice runs.
        ScanDialog linkedDialog(QStringLiteral("Shop"), shop(),
                                linked(RemediationStrategy::None, 10, 10));
        linkedDialog.remediationBox()->setCurrentIndex(
            linkedDialog.remediationBox()->findData(QStringLiteral("overwrite")));
        QVERIFY(linkedDialog.runButton()->isEnabled());
        QVERIFY(linkedDialog.remediationWarning()->isHidden());
    }

    void scanInvalidStatesDisableRunWithTheReason()
    {
        ScanDialog dialog(QStringLiteral("Shop"), shop(), EnrichmentLink());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.metadataBox()->setChecked(false);
        dialog.integrityBox()->setChecked(false);
        QVERIFY(!dialog.runButton()->isEnabled());
        QVERIFY(dialog.hintLabel()->isVisible());
        QCOMPARE(dialog.hintLabel()->text(), QStringLiteral("Choose at least one check category."));
        dialog.integrityBox()->setChecked(true);
        QVERIFY(dialog.runButton()->isEnabled());
        QVERIFY(!dialog.hintLabel()->isVisible());

        CheckVariablesEditor *vars = dialog.variablesEditor();
        vars->addVariable(QStringLiteral("1st"), QStringLiteral("1"));
        QVERIFY(!dialog.runButton()->isEnabled());
        QVERIFY(dialog.hintLabel()->text().contains("“1st”"));
        vars->table()->item(0, 0)->setText(QStringLiteral("first"));
        QVERIFY(dialog.runButton()->isEnabled());
        vars->addVariable(QStringLiteral("first"), QStringLiteral("2"));
        QCOMPARE(dialog.hintLabel()->text(),
                 QStringLiteral("Check variable “first” is given twice."));
        vars->table()->setCurrentCell(1, 0);
        QTest::mouseClick(vars->removeButton(), Qt::LeftButton);
        QVERIFY(dialog.runButton()->isEnabled());
        vars->addVariable(QString(), QStringLiteral("orphan"));
        QCOMPARE(dialog.hintLabel()->text(),
                 QStringLiteral("Check variable row 2 has a value but no name."));
        vars->setVariables(QJsonObject{{"a", "1"}});
        QVERIFY(dialog.runButton()->isEnabled());
        QCOMPARE(vars->table()->rowCount(), 1);

        dialog.containerSelector()->specificButton()->setChecked(true);
        QVERIFY(!dialog.runButton()->isEnabled());
        QCOMPARE(dialog.hintLabel()->text(), QStringLiteral("Check at least one container."));
    }

    void screenshots()
    {
        ProfileDialog profile(QStringLiteral("Shop"), shop());
        profile.setSchedulingAvailable(true);
        profile.show();
        QVERIFY(QTest::qWaitForWindowExposed(&profile));
        saveShot(profile, QStringLiteral("profile-dialog.png"));
        profile.containerSelector()->specificButton()->setChecked(true);
        profile.containerSelector()->setCheckedContainers({"orders", "customers"});
        profile.thresholdEditor()->setKind(StartingThresholdEditor::Kind::Time);
        profile.recordLimitEditor()->setLimit(10000000);
        profile.inferencePicker()->setLevel(3);
        saveShot(profile, QStringLiteral("profile-dialog-specific.png"));

        ScanDialog scan(QStringLiteral("Shop"), shop(),
                        linked(RemediationStrategy::Append, 10, 10));
        scan.setSchedulingAvailable(true);
        scan.show();
        QVERIFY(QTest::qWaitForWindowExposed(&scan));
        saveShot(scan, QStringLiteral("scan-dialog.png"));
        scan.containerSelector()->tagButton()->setChecked(true);
        scan.containerSelector()->setTags({QStringLiteral("sales")});
        scan.incrementalButton()->setChecked(true);
        scan.variablesEditor()->addVariable(QStringLiteral("since"),
                                            QStringLiteral("DATE '2024-01-01'"));
        saveShot(scan, QStringLiteral("scan-dialog-incremental.png"));
    }
};

QTEST_MAIN(TestOperationDialogs)
#include "tst_operationdialogs.moc"
