// The Schedule dialog (each mode's cron, live validation of the Advanced line and of the name,
// the next five runs, saving to the Catalog and the "Operation Scheduled" confirmation, editing
// on the right tab) and the Activity → Schedule list (search, sort, filter, pause / resume,
// delete), with screenshots of each mode and of the list.
#include "KeyboardAudit.h"
#include "TestSupport.h"
#include "UiTestSupport.h"
#include "models/catalog/Catalog.h"
#include "models/domain/Clock.h"
#include "ui/schedule/ScheduleDialog.h"
#include "ui/schedule/ScheduleListView.h"
#include "ui/schedule/ScheduleModeTabs.h"
#include "ui/schedule/SchedulePreview.h"
#include "ui/schedule/ScheduleTableModel.h"

#include <QAbstractButton>
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStyleFactory>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeEdit>
#include <QToolButton>
#include <QTreeWidget>
#include <ctime>

using namespace assay;

namespace {

const QDateTime kNow(QDate(2026, 3, 10), QTime(5, 0), Qt::UTC); // a Tuesday

QDateTime utc(int month, int day, int hour, int minute)
{
    return QDateTime(QDate(2026, month, day), QTime(hour, minute), Qt::UTC);
}

QJsonObject syncOptions()
{
    return {{QStringLiteral("prune"), true},
            {QStringLiteral("recreate"), false},
            {QStringLiteral("include"), QJsonArray{QStringLiteral("table")}}};
}

} // namespace

class TestScheduleDialog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    Catalog m_catalog;
    ManualClock m_clock{kNow};
    qint64 m_warehouse = 0;
    qint64 m_lake = 0;

    qint64 addDatastore(qint64 connection, const QString &name)
    {
        Datastore d;
        d.name = name;
        d.connectionId = connection;
        d.database = m_dir.filePath(name + QStringLiteral(".sqlite"));
        return m_catalog.addDatastore(d);
    }

    qint64 addSchedule(const QString &name, const QString &cron, qint64 datastore = 0,
                       const QString &type = QStringLiteral("catalog"))
    {
        Schedule s;
        s.name = name;
        s.datastoreId = datastore ? datastore : m_warehouse;
        s.operationType = type;
        s.cron = cron;
        s.options = syncOptions();
        s.nextRunAt = utc(3, 11, 0, 0);
        return m_catalog.addSchedule(s);
    }

    void addRuns(qint64 scheduleId, int count)
    {
        const Schedule s = *m_catalog.schedule(scheduleId);
        for (int i = 0; i < count; ++i) {
            Operation op;
            op.datastoreId = s.datastoreId;
            op.type = s.operationType;
            op.status = QStringLiteral("success");
            op.triggeredBy = QStringLiteral("schedule");
            op.scheduleId = scheduleId;
            op.createdAt = kNow.addSecs(-3600 * (i + 1));
            QVERIFY(m_catalog.addOperation(op));
        }
    }

    void clearSchedules()
    {
        for (const Schedule &s : m_catalog.schedules())
            test::require(m_catalog.removeSchedule(s.id), "removeSchedule");
    }

    // A new-schedule dialog, shown, on the test clock.
    std::unique_ptr<ScheduleDialog> newDialog()
    {
        auto d = std::make_unique<ScheduleDialog>(&m_catalog, m_warehouse,
                                                  QStringLiteral("catalog"), syncOptions());
        d->show();
        return d;
    }

    static QStringList utcRuns(ScheduleDialog &d)
    {
        QStringList out;
        for (int i = 0; i < d.nextRunsView()->topLevelItemCount(); ++i)
            out << d.nextRunsView()->topLevelItem(i)->text(0);
        return out;
    }

    static QString utcText(const QDateTime &t)
    {
        return QLocale().toString(t, QStringLiteral("ddd d MMM yyyy HH:mm")) +
               QStringLiteral(" UTC");
    }

private slots:
    void initTestCase()
    {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        // A local zone that differs from UTC, so the local column shows a conversion.
        qputenv("TZ", "Europe/Berlin");
        tzset();
        QVERIFY(m_catalog.open(m_dir.filePath(QStringLiteral("catalog.sqlite"))));
        Connection c;
        c.name = QStringLiteral("local");
        c.type = QStringLiteral("sqlite");
        const qint64 connection = m_catalog.addConnection(c);
        QVERIFY(connection);
        m_warehouse = addDatastore(connection, QStringLiteral("Warehouse"));
        m_lake = addDatastore(connection, QStringLiteral("Lake"));
        QVERIFY(m_warehouse && m_lake);
    }

    void init() { clearSchedules(); }

    // A sensible first focus, one control per Alt+letter and Enter saving, in every mode.
    void keyboard()
    {
        auto d = newDialog();
        ASSAY_VERIFY_KEYBOARD(d.get());
        for (int mode = 0; mode < d->modeTabs()->count(); ++mode) {
            d->modeTabs()->setCurrentIndex(mode);
            QVERIFY2(test::keyboardProblems(d.get()).isEmpty(),
                     qPrintable(d->modeTabs()->tabText(mode) + QStringLiteral(": ") +
                                test::keyboardProblems(d.get())));
        }
    }

    void opensOnDailyAtMidnight()
    {
        auto d = newDialog();
        QCOMPARE(d->modeTabs()->mode(), ScheduleSpec::Mode::Daily);
        QCOMPARE(d->cronLabel()->text(), QStringLiteral("0 0 * * *"));
        QCOMPARE(d->descriptionLabel()->text(), QStringLiteral("At 00:00 UTC, every day"));
        QVERIFY(d->cronLabel()->textInteractionFlags() & Qt::TextSelectableByMouse);
        QVERIFY(d->cronLabel()->font().fixedPitch() ||
                d->cronLabel()->font().styleHint() == QFont::TypeWriter ||
                QFontInfo(d->cronLabel()->font()).fixedPitch());
        QVERIFY(!d->saveButton()->isEnabled()); // no name yet
        QVERIFY(!d->nameError()->isVisible());  // ...but no scolding before typing
    }

    void hourly()
    {
        auto d = newDialog();
        ScheduleModeTabs *tabs = d->modeTabs();
        tabs->setMode(ScheduleSpec::Mode::Hourly);
        tabs->hourlyEvery()->setValue(2);
        tabs->hourlyMinute()->setValue(15);
        QCOMPARE(d->cronLabel()->text(), QStringLiteral("15 */2 * * *"));
        QCOMPARE(d->descriptionLabel()->text(), QStringLiteral("At minute 15 past every 2nd hour"));
        // The hint under the numbers says what these numbers do, not a fixed example.
        QCOMPARE(tabs->findChild<QLabel *>(QStringLiteral("hourlyHint"))->text(),
                 QStringLiteral("Runs at 00:15, 02:15, 04:15… UTC every day"));
        QCOMPARE(utcRuns(*d), (QStringList{utcText(utc(3, 10, 6, 15)), utcText(utc(3, 10, 8, 15)),
                                           utcText(utc(3, 10, 10, 15)), utcText(utc(3, 10, 12, 15)),
                                           utcText(utc(3, 10, 14, 15))}));
        if (utc(3, 10, 6, 15).toLocalTime().offsetFromUtc() == 3600) // Europe/Berlin in March
            QCOMPARE(d->nextRunsView()->topLevelItem(0)->text(1),
                     QStringLiteral("Tue 10 Mar 2026 07:15 CET"));
        else
            QVERIFY(!d->nextRunsView()->topLevelItem(0)->text(1).isEmpty());
        d->nameEdit()->setText(QStringLiteral("Every other hour"));
        test::saveScreenshot(d.get(), QStringLiteral("schedule-hourly.png"));
    }

    void daily()
    {
        auto d = newDialog();
        d->modeTabs()->setMode(ScheduleSpec::Mode::Daily);
        d->modeTabs()->dailyTime()->setTime(QTime(6, 30));
        QCOMPARE(d->cronLabel()->text(), QStringLiteral("30 6 * * *"));
        QCOMPARE(d->preview()->nextRuns().size(), 5);
        QCOMPARE(d->preview()->nextRuns().first(), utc(3, 10, 6, 30));
        QCOMPARE(d->preview()->nextRuns().last(), utc(3, 14, 6, 30));
        d->modeTabs()->dailyEvery()->setValue(2);
        QCOMPARE(d->cronLabel()->text(), QStringLiteral("30 6 */2 * *"));
        d->modeTabs()->dailyEvery()->setValue(1);
        d->nameEdit()->setText(QStringLiteral("Morning sync"));
        test::saveScreenshot(d.get(), QStringLiteral("schedule-daily.png"));
    }

    void weekly()
    {
        auto d = newDialog();
        ScheduleModeTabs *tabs = d->modeTabs();
        tabs->setMode(ScheduleSpec::Mode::Weekly);
        QVERIFY(tabs->weekdayButton(1)->isChecked()); // Monday by default
        QTest::mouseClick(tabs->weekdayButton(3), Qt::LeftButton);
        QTest::mouseClick(tabs->weekdayButton(5), Qt::LeftButton);
        tabs->weeklyTime()->setTime(QTime(9, 0));
        QCOMPARE(d->cronLabel()->text(), QStringLiteral("0 9 * * 1,3,5"));
        QCOMPARE(d->descriptionLabel()->text(),
                 QStringLiteral("At 09:00 UTC, on Monday, Wednesday and Friday"));
        QCOMPARE(d->preview()->nextRuns().first(), utc(3, 11, 9, 0));
        d->nameEdit()->setText(QStringLiteral("Weekday mornings"));
        test::saveScreenshot(d.get(), QStringLiteral("schedule-weekly.png"));

        // No day at all cannot be scheduled.
        for (int day : {1, 3, 5})
            tabs->weekdayButton(day)->setChecked(false);
        QVERIFY(!d->saveButton()->isEnabled());
        QVERIFY(d->errorLabel()->isVisible());
        QVERIFY(d->errorLabel()->text().contains(QStringLiteral("day")));
        QCOMPARE(d->cronLabel()->text(), QStringLiteral("—"));
    }

    void monthly()
    {
        auto d = newDialog();
        ScheduleModeTabs *tabs = d->modeTabs();
        tabs->setMode(ScheduleSpec::Mode::Monthly);
        tabs->monthlyDay()->setValue(1);
        tabs->monthlyEvery()->setValue(3);
        tabs->monthlyTime()->setTime(QTime(2, 0));
        QCOMPARE(d->cronLabel()->text(), QStringLiteral("0 2 1 */3 *"));
        QCOMPARE(d->descriptionLabel()->text(),
                 QStringLiteral("At 02:00 UTC on day 1 of every 3rd month"));
        QCOMPARE(d->preview()->nextRuns().first(), utc(4, 1, 2, 0));
        d->nameEdit()->setText(QStringLiteral("Quarterly"));
        test::saveScreenshot(d.get(), QStringLiteral("schedule-monthly.png"));
    }

    void advanced()
    {
        auto d = newDialog();
        ScheduleModeTabs *tabs = d->modeTabs();
        tabs->dailyTime()->setTime(QTime(6, 30));
        tabs->setMode(ScheduleSpec::Mode::Advanced);
        // Starts from the expression of the tab left.
        QCOMPARE(tabs->cronEdit()->text(), QStringLiteral("30 6 * * *"));
        d->nameEdit()->setText(QStringLiteral("Custom"));
        tabs->cronEdit()->clear();
        QTest::keyClicks(tabs->cronEdit(), QStringLiteral("0 12 * * 1-5"));
        QCOMPARE(d->cronLabel()->text(), QStringLiteral("0 12 * * 1-5"));
        QCOMPARE(d->descriptionLabel()->text(),
                 QStringLiteral("At 12:00 UTC, Monday through Friday"));
        QVERIFY(d->saveButton()->isEnabled());
        QVERIFY(!d->errorLabel()->isVisible());
        test::saveScreenshot(d.get(), QStringLiteral("schedule-advanced.png"));

        // Typed text is kept when flipping tabs.
        tabs->setMode(ScheduleSpec::Mode::Hourly);
        tabs->setMode(ScheduleSpec::Mode::Advanced);
        QCOMPARE(tabs->cronEdit()->text(), QStringLiteral("0 12 * * 1-5"));
    }

    void advancedRefusesInvalidInput_data()
    {
        QTest::addColumn<QString>("cron");
        QTest::addColumn<QString>("field");
        QTest::newRow("minute") << "61 * * * *"
                                << "minute";
        QTest::newRow("hour") << "0 24 * * *"
                              << "hour";
        QTest::newRow("day of month") << "0 0 32 * *"
                                      << "day of month";
        QTest::newRow("month") << "0 0 1 13 *"
                               << "month";
        QTest::newRow("day of week") << "0 0 * * FUNDAY"
                                     << "day of week";
        QTest::newRow("never") << "0 0 30 2 *"
                               << "never runs";
    }
    void advancedRefusesInvalidInput()
    {
        QFETCH(QString, cron);
        QFETCH(QString, field);
        auto d = newDialog();
        d->nameEdit()->setText(QStringLiteral("Broken"));
        d->modeTabs()->setMode(ScheduleSpec::Mode::Advanced);
        d->modeTabs()->cronEdit()->setText(cron);
        QVERIFY(!d->saveButton()->isEnabled());
        QVERIFY(d->errorLabel()->isVisible());
        QVERIFY2(d->errorLabel()->text().contains(field), qPrintable(d->errorLabel()->text()));
        QCOMPARE(d->errorLabel()->palette().color(QPalette::WindowText).red(), 0xc6);
        QCOMPARE(d->cronLabel()->text(), QStringLiteral("—"));
        QVERIFY(d->preview()->nextRuns().isEmpty());
        QCOMPARE(utcRuns(*d).first(), QStringLiteral("—"));
        QVERIFY(!d->save());
        QVERIFY(!m_catalog.scheduleByName(QStringLiteral("Broken")));
        if (field == QLatin1String("minute"))
            test::saveScreenshot(d.get(), QStringLiteral("schedule-advanced-error.png"));
    }

    void nameIsRequiredAndUnique()
    {
        addSchedule(QStringLiteral("Nightly"), QStringLiteral("0 0 * * *"));
        auto d = newDialog();
        QLineEdit *name = d->nameEdit();
        QVERIFY(!name->accessibleName().isEmpty());
        QTest::keyClicks(name, QStringLiteral("x"));
        QVERIFY(d->saveButton()->isEnabled());
        name->clear();
        QVERIFY(!d->saveButton()->isEnabled());
        QVERIFY(d->nameError()->isVisible());
        QVERIFY(d->nameError()->text().contains(QStringLiteral("name")));
        name->setText(QStringLiteral("   "));
        QVERIFY(!d->saveButton()->isEnabled());

        name->setText(QStringLiteral("Nightly"));
        QVERIFY(!d->saveButton()->isEnabled());
        QVERIFY(d->nameError()->isVisible());
        QVERIFY(d->nameError()->text().contains(QStringLiteral("already exists")));
        QVERIFY(!d->save());
        test::saveScreenshot(d.get(), QStringLiteral("schedule-duplicate-name.png"));

        name->setText(QStringLiteral("Nightly 2"));
        QVERIFY(d->saveButton()->isEnabled());
        QVERIFY(!d->nameError()->isVisible());
        // Taken meanwhile (another window, the CLI): refused live.
        addSchedule(QStringLiteral("Nightly 2"), QStringLiteral("0 1 * * *"));
        QVERIFY(!d->saveButton()->isEnabled());
    }

    void savingWritesTheCatalogAndConfirms()
    {
        auto d = newDialog();
        d->modeTabs()->setMode(ScheduleSpec::Mode::Weekly);
        d->modeTabs()->weekdayButton(5)->setChecked(true);
        d->modeTabs()->weeklyTime()->setTime(QTime(9, 0));
        QTest::keyClicks(d->nameEdit(), QStringLiteral("  Weekly sync  "));
        QSignalSpy saved(d.get(), &ScheduleDialog::scheduleSaved);
        QTest::mouseClick(d->saveButton(), Qt::LeftButton);
        QCOMPARE(saved.size(), 1);

        const auto s = m_catalog.scheduleByName(QStringLiteral("Weekly sync"));
        QVERIFY(s);
        QCOMPARE(s->id, saved.at(0).at(0).toLongLong());
        QCOMPARE(s->datastoreId, m_warehouse);
        QCOMPARE(s->operationType, QStringLiteral("catalog"));
        QCOMPARE(s->cron, QStringLiteral("0 9 * * 1,5"));
        QCOMPARE(s->options, syncOptions());
        QVERIFY(s->enabled);
        QCOMPARE(s->nextRunAt, utc(3, 13, 9, 0)); // Friday: Monday has passed this week
        QVERIFY(!d->saveButton()->isEnabled());   // saved once

        QMessageBox *box = d->confirmation();
        QVERIFY(box);
        QTRY_VERIFY(box->isVisible());
        QCOMPARE(QApplication::activeModalWidget(), box);
        QCOMPARE(box->windowTitle(), QStringLiteral("Operation Scheduled"));
        QCOMPARE(box->text(), QStringLiteral("Operation Scheduled"));
        QVERIFY(box->informativeText().contains(QStringLiteral("“Weekly sync”")));
        QVERIFY2(box->informativeText().contains(utcText(utc(3, 13, 9, 0))),
                 qPrintable(box->informativeText()));
        test::saveScreenshot(box, QStringLiteral("schedule-confirmation.png"));
        box->button(QMessageBox::Ok)->click();
        QTRY_VERIFY(!d->isVisible());
        QCOMPARE(d->result(), int(QDialog::Accepted));
    }

    void editReopensTheRightMode_data()
    {
        QTest::addColumn<QString>("cron");
        QTest::addColumn<int>("mode");
        QTest::newRow("hourly") << "15 */2 * * *" << int(ScheduleSpec::Mode::Hourly);
        QTest::newRow("daily") << "30 6 * * *" << int(ScheduleSpec::Mode::Daily);
        QTest::newRow("weekly") << "0 9 * * 1,3,5" << int(ScheduleSpec::Mode::Weekly);
        QTest::newRow("monthly") << "0 2 1 */3 *" << int(ScheduleSpec::Mode::Monthly);
        QTest::newRow("advanced") << "*/10 9-17 * * 1-5" << int(ScheduleSpec::Mode::Advanced);
    }
    void editReopensTheRightMode()
    {
        QFETCH(QString, cron);
        QFETCH(int, mode);
        const qint64 id = addSchedule(QStringLiteral("Edited"), cron);
        std::unique_ptr<ScheduleDialog> d(ScheduleDialog::editSchedule(&m_catalog, id));
        QVERIFY(d);
        d->show();
        QVERIFY(d->isEditing());
        QCOMPARE(int(d->modeTabs()->mode()), mode);
        QCOMPARE(d->cronLabel()->text(), cron);
        QCOMPARE(d->nameEdit()->text(), QStringLiteral("Edited"));
        QVERIFY(d->saveButton()->isEnabled()); // its own name is no duplicate
        QCOMPARE(d->saveButton()->text(), QStringLiteral("Save"));
        if (mode == int(ScheduleSpec::Mode::Weekly)) {
            QVERIFY(d->modeTabs()->weekdayButton(3)->isChecked());
            QVERIFY(!d->modeTabs()->weekdayButton(2)->isChecked());
            QCOMPARE(d->modeTabs()->weeklyTime()->time(), QTime(9, 0));
        }
        if (mode == int(ScheduleSpec::Mode::Advanced))
            QCOMPARE(d->modeTabs()->cronEdit()->text(), cron);

        // Saving the edit rewrites the row (and its next run), keeps its options.
        d->modeTabs()->setMode(ScheduleSpec::Mode::Daily);
        d->modeTabs()->dailyTime()->setTime(QTime(23, 45));
        d->nameEdit()->setText(QStringLiteral("Edited late"));
        QVERIFY(d->save());
        const auto s = m_catalog.schedule(id);
        QCOMPARE(s->name, QStringLiteral("Edited late"));
        QCOMPARE(s->cron, QStringLiteral("45 23 * * *"));
        QCOMPARE(s->nextRunAt, utc(3, 10, 23, 45));
        QCOMPARE(s->options, syncOptions());
        QVERIFY(d->confirmation());
        d->confirmation()->accept();
    }

    void listSearchSortFilter()
    {
        const qint64 nightly = addSchedule(QStringLiteral("Nightly warehouse"), "0 0 * * *");
        const qint64 hourly = addSchedule(QStringLiteral("Hourly lake"), "5 * * * *", m_lake);
        const qint64 profile = addSchedule(QStringLiteral("Weekly profile"), "0 3 * * 0",
                                           m_warehouse, QStringLiteral("profile"));
        addRuns(nightly, 2);
        addRuns(hourly, 5);

        ScheduleListView view(&m_catalog);
        QAbstractItemModelTester tester(view.model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        view.resize(1280, 360);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        ScheduleTableModel *model = view.model();
        auto names = [model] {
            QStringList out;
            for (int r = 0; r < model->rowCount(); ++r)
                out << model->index(r, ScheduleTableModel::NameColumn).data().toString();
            return out;
        };
        // Newest first by default.
        QCOMPARE(names(),
                 (QStringList{QStringLiteral("Weekly profile"), QStringLiteral("Hourly lake"),
                              QStringLiteral("Nightly warehouse")}));
        const int row = model->rowOf(hourly);
        QCOMPARE(model->index(row, ScheduleTableModel::DatastoreColumn).data().toString(),
                 QStringLiteral("Lake"));
        QCOMPARE(model->index(row, ScheduleTableModel::TypeColumn).data().toString(),
                 QStringLiteral("Sync"));
        QCOMPARE(model->index(row, ScheduleTableModel::CronColumn).data().toString(),
                 QStringLiteral("5 * * * *"));
        QCOMPARE(model->index(row, ScheduleTableModel::DescriptionColumn).data().toString(),
                 QStringLiteral("At minute 5 past every hour"));
        QCOMPARE(model->index(row, ScheduleTableModel::NextRunUtcColumn).data().toString(),
                 utcText(utc(3, 11, 0, 0)));
        QCOMPARE(model->index(row, ScheduleTableModel::LastRunColumn).data().toString(),
                 QStringLiteral("Never"));
        QCOMPARE(model->index(row, ScheduleTableModel::OperationsColumn).data().toInt(), 5);
        QCOMPARE(model->index(row, ScheduleTableModel::EnabledColumn).data().toString(),
                 QStringLiteral("Active"));
        QVERIFY(!view.tableView()->isColumnHidden(ScheduleTableModel::DatastoreColumn));
        test::saveScreenshot(&view, QStringLiteral("schedule-list.png"));
        // The row's actions are in view without scrolling, whatever the other columns hold.
        const QRect actions =
            view.tableView()->visualRect(model->index(row, ScheduleTableModel::ActionsColumn));
        QVERIFY(actions.width() > 0);
        QVERIFY2(actions.right() <= view.tableView()->viewport()->width(),
                 qPrintable(QStringLiteral("%1 > %2")
                                .arg(actions.right())
                                .arg(view.tableView()->viewport()->width())));

        view.sortBox()->setCurrentIndex(1); // Operations count
        QCOMPARE(names(),
                 (QStringList{QStringLiteral("Hourly lake"), QStringLiteral("Nightly warehouse"),
                              QStringLiteral("Weekly profile")}));
        QTest::mouseClick(view.orderButton(), Qt::LeftButton);
        QCOMPARE(names().first(), QStringLiteral("Weekly profile"));
        QTest::mouseClick(view.orderButton(), Qt::LeftButton);
        // New runs re-sort the list.
        addRuns(profile, 9);
        QTRY_COMPARE(names().first(), QStringLiteral("Weekly profile"));

        QTest::keyClicks(view.searchEdit(), QStringLiteral("LAKE"));
        QCOMPARE(names(), QStringList{QStringLiteral("Hourly lake")});
        view.searchEdit()->setText(QStringLiteral("zzz"));
        QCOMPARE(model->rowCount(), 0);
        QVERIFY(view.emptyLabel()->isVisible());
        view.searchEdit()->clear();
        QVERIFY(view.tableView()->isVisible());

        view.typeBox()->setCurrentIndex(view.typeBox()->findData(QStringLiteral("profile")));
        QCOMPARE(names(), QStringList{QStringLiteral("Weekly profile")});
        view.typeBox()->setCurrentIndex(0);
        QCOMPARE(model->rowCount(), 3);

        view.setDatastore(m_warehouse);
        QCOMPARE(model->rowCount(), 2);
        QVERIFY(view.tableView()->isColumnHidden(ScheduleTableModel::DatastoreColumn));
        view.setDatastore(0);

        // Follows the Catalog.
        addSchedule(QStringLiteral("Added elsewhere"), "0 12 * * *");
        QCOMPARE(model->rowCount(), 4);
        QVERIFY(view.rowButton(model->rowOf(nightly), ScheduleListView::RowAction::Edit));
    }

    void listPauseResumeEditDelete()
    {
        const qint64 id = addSchedule(QStringLiteral("Pausable"), "30 6 * * *");
        addSchedule(QStringLiteral("Other"), "0 0 * * *");
        ScheduleListView view(&m_catalog);
        view.resize(1280, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        ScheduleTableModel *model = view.model();
        auto button = [&](ScheduleListView::RowAction action) {
            return view.rowButton(model->rowOf(id), action);
        };
        QCOMPARE(button(ScheduleListView::RowAction::PauseResume)->text(), QStringLiteral("Pause"));
        button(ScheduleListView::RowAction::PauseResume)->click();
        QVERIFY(!m_catalog.schedule(id)->enabled);
        const int row = model->rowOf(id);
        QCOMPARE(model->index(row, ScheduleTableModel::EnabledColumn).data().toString(),
                 QStringLiteral("Paused"));
        QCOMPARE(button(ScheduleListView::RowAction::PauseResume)->text(),
                 QStringLiteral("Resume"));
        test::saveScreenshot(&view, QStringLiteral("schedule-list-paused.png"));

        // Resuming a day later: the next run is the first slot after now, not the stale one.
        m_clock.advanceSecs(24 * 3600);
        button(ScheduleListView::RowAction::PauseResume)->click();
        QVERIFY(m_catalog.schedule(id)->enabled);
        QCOMPARE(m_catalog.schedule(id)->nextRunAt, utc(3, 11, 6, 30));
        m_clock.setNowUtc(kNow);

        // Edit opens the dialog on the right tab.
        button(ScheduleListView::RowAction::Edit)->click();
        auto *dialog = view.findChild<ScheduleDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        QCOMPARE(dialog->modeTabs()->mode(), ScheduleSpec::Mode::Daily);
        QCOMPARE(dialog->modeTabs()->dailyTime()->time(), QTime(6, 30));
        test::saveScreenshot(dialog, QStringLiteral("schedule-edit.png"));
        dialog->reject();

        // The Delete key asks too.
        view.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&view));
        view.tableView()->setFocus();
        view.tableView()->selectRow(model->rowOf(id));
        QTest::keyClick(view.tableView(), Qt::Key_Delete);
        QTRY_VERIFY(view.deleteConfirmation());
        view.deleteConfirmation()->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(!view.deleteConfirmation());

        // Delete asks first: Cancel keeps it...
        button(ScheduleListView::RowAction::Delete)->click();
        QPointer<QMessageBox> box = view.deleteConfirmation();
        QVERIFY(box);
        QTRY_COMPARE(QApplication::activeModalWidget(), box.data());
        QVERIFY(box->text().contains(QStringLiteral("Pausable")));
        test::saveScreenshot(box, QStringLiteral("schedule-delete-confirmation.png"));
        box->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(!box);
        QVERIFY(m_catalog.schedule(id));
        // ...Delete removes it.
        button(ScheduleListView::RowAction::Delete)->click();
        box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        QVERIFY(box);
        for (QAbstractButton *b : box->buttons())
            if (box->buttonRole(b) == QMessageBox::DestructiveRole)
                b->click();
        QTRY_VERIFY(!m_catalog.schedule(id));
        QCOMPARE(model->rowCount(), 1);
        QCOMPARE(model->rowOf(id), -1);
    }
};

QTEST_MAIN(TestScheduleDialog)
#include "tst_scheduledialog.moc"
