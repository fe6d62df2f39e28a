// The Anomalies tab: the paged list model (checked by QAbstractItemModelTester), the status
// groups and their counts, the type / table / check filters, the detail (failed checks, the
// example source rows, the status history), the status actions through their comment dialog,
// and the datastore Overview's totals. Everything runs on a real SQLite Catalog in a temporary
// folder, filled through the Catalog API.
#include "KeyboardAudit.h"
#include "TestSupport.h"
#include "UiTestSupport.h"
#include "models/catalog/Catalog.h"
#include "models/domain/DisplayTime.h"
#include "models/item/AnomalyListModel.h"
#include "ui/anomalies/AnomaliesView.h"
#include "ui/anomalies/AnomalyDetailWidget.h"
#include "ui/anomalies/AnomalyEvidence.h"
#include "ui/anomalies/AnomalyFilterBar.h"
#include "ui/anomalies/AnomalyStatusDialog.h"
#include "ui/anomalies/AnomalyStatusStrip.h"
#include "ui/datastores/DatastoreOverview.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>
#include <QWheelEvent>

using namespace assay;

namespace {

QJsonObject row(qint64 id, const QVariant &email, qint64 quantity, const QString &status)
{
    return QJsonObject{{QStringLiteral("status"), status},
                       {QStringLiteral("quantity"), double(quantity)},
                       {QStringLiteral("email"), QJsonValue::fromVariant(email)},
                       {QStringLiteral("order_id"), double(id)}};
}

} // namespace

class TestAnomaliesView : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    Catalog m_catalog;
    qint64 m_ds = 0, m_other = 0;
    qint64 m_orders = 0, m_customers = 0, m_scan = 0;
    qint64 m_notNull = 0, m_between = 0, m_unique = 0;
    QList<Anomaly> m_all; // what was inserted: the expected values are counted from it
    qint64 m_withRows = 0;

    qint64 addContainer(qint64 ds, const QString &name, const QStringList &fields)
    {
        Container c;
        c.datastoreId = ds;
        c.name = name;
        c.containerType = QStringLiteral("table");
        const qint64 id = m_catalog.addContainer(c);
        for (int i = 0; i < fields.size(); ++i) {
            Field f;
            f.containerId = id;
            f.name = fields.at(i);
            f.ordinal = i + 1;
            test::require(m_catalog.addField(f), "addField");
        }
        return id;
    }

    qint64 addCheck(qint64 container, const QString &rule, const QStringList &fields,
                    const QString &status = check_status::kActive)
    {
        Check c;
        c.datastoreId = m_ds;
        c.containerId = container;
        c.rule = rule;
        c.fields = fields;
        c.status = status;
        return m_catalog.addCheck(c);
    }

    Anomaly anomaly(qint64 container, qint64 check, const QString &rule, const QString &field,
                    const QString &type, const QString &status, const QString &message)
    {
        Anomaly a;
        a.datastoreId = m_ds;
        a.containerId = container;
        a.operationId = m_scan;
        a.type = type;
        a.status = status;
        a.message = message;
        a.anomalousRecordCount = type == QLatin1String("shape") ? 40 : 1;
        a.failedChecks << AnomalyFailedCheck{check, rule, {field}, message};
        return a;
    }

    int expected(const std::function<bool(const Anomaly &)> &match) const
    {
        return int(std::count_if(m_all.cbegin(), m_all.cend(), match));
    }

    static bool inGroup(const Anomaly &a, const QString &group)
    {
        if (group == QLatin1String("open"))
            return anomaly_status::isOpen(a.status);
        if (group == QLatin1String("archived"))
            return !anomaly_status::isOpen(a.status);
        return group.isEmpty() || a.status == group;
    }

    // Clicks an action, types the comment in its dialog and confirms.
    void act(AnomalyDetailWidget *detail, const QString &to, const QString &comment)
    {
        QPushButton *button = detail->actionButton(to);
        QVERIFY(button && button->isEnabled() && button->isVisible());
        QTest::mouseClick(button, Qt::LeftButton);
        AnomalyStatusDialog *dialog = detail->statusDialog();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->toStatus(), to);
        ASSAY_VERIFY_KEYBOARD(dialog);
        // While it asks, no second action starts.
        for (const QString &s : AnomalyDetailWidget::actionStatuses())
            QVERIFY(!detail->actionButton(s)->isEnabled());
        QTest::keyClicks(dialog->commentEdit(), comment);
        QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
        QVERIFY(!detail->statusDialog());
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_catalog.open(m_dir.filePath(QStringLiteral("catalog.sqlite"))));
        Connection conn;
        conn.name = QStringLiteral("local");
        conn.type = QStringLiteral("sqlite");
        const qint64 connection = m_catalog.addConnection(conn);
        Datastore d;
        d.name = QStringLiteral("Shop");
        d.connectionId = connection;
        m_ds = m_catalog.addDatastore(d);
        d.name = QStringLiteral("Elsewhere");
        m_other = m_catalog.addDatastore(d);
        QVERIFY(m_ds && m_other);
        m_orders = addContainer(m_ds, QStringLiteral("orders"),
                                {QStringLiteral("order_id"), QStringLiteral("email"),
                                 QStringLiteral("quantity"), QStringLiteral("status")});
        m_customers = addContainer(m_ds, QStringLiteral("customers"),
                                   {QStringLiteral("customer_id"), QStringLiteral("name")});
        const qint64 elsewhere = addContainer(m_other, QStringLiteral("t"), {QStringLiteral("x")});
        Operation scan;
        scan.datastoreId = m_ds;
        scan.type = QStringLiteral("scan");
        scan.status = QStringLiteral("success");
        scan.triggeredBy = QStringLiteral("user");
        scan.createdAt = QDateTime::currentDateTimeUtc().addSecs(-600);
        scan.startedAt = scan.createdAt;
        scan.endedAt = scan.createdAt.addSecs(5);
        m_scan = m_catalog.addOperation(scan);
        m_notNull = addCheck(m_orders, QStringLiteral("notNull"), {QStringLiteral("email")});
        m_between = addCheck(m_orders, QStringLiteral("between"), {QStringLiteral("quantity")});
        m_unique = addCheck(m_customers, QStringLiteral("isUnique"), {QStringLiteral("name")});
        addCheck(m_customers, QStringLiteral("notNull"), {QStringLiteral("name")},
                 check_status::kDraft);

        using namespace anomaly_status;
        const QString statuses[] = {kActive,  kActive,    kAcknowledged, kResolved,
                                    kInvalid, kDuplicate, kActive,       kResolved};
        QList<Anomaly> batch;
        for (int i = 0; i < 8; ++i)
            batch << anomaly(m_orders, m_notNull, QStringLiteral("notNull"),
                             QStringLiteral("email"), QStringLiteral("record"), statuses[i],
                             QStringLiteral("The value for email is null (%1).").arg(i));
        for (int i = 0; i < 5; ++i)
            batch << anomaly(m_orders, m_between, QStringLiteral("between"),
                             QStringLiteral("quantity"), i < 3 ? "shape" : "record",
                             i % 2 ? kAcknowledged : kActive,
                             QStringLiteral("In quantity, 12.5% of 320 records are not between "
                                            "1 and 50 (%1).")
                                 .arg(i));
        for (int i = 0; i < 4; ++i)
            batch << anomaly(m_customers, m_unique, QStringLiteral("isUnique"),
                             QStringLiteral("name"), QStringLiteral("shape"),
                             i == 0 ? kResolved : kActive,
                             QStringLiteral("name has duplicate values (%1).").arg(i));
        // The one with example rows: two failed checks on one record.
        Anomaly rich = anomaly(m_orders, m_notNull, QStringLiteral("notNull"),
                               QStringLiteral("email"), QStringLiteral("record"), kActive,
                               QStringLiteral("The value for email of order 7 is null."));
        rich.failedChecks << AnomalyFailedCheck{
            m_between,
            QStringLiteral("between"),
            {QStringLiteral("quantity")},
            QStringLiteral("The value for quantity of 90 is not between 1.000 and 50.000.")};
        rich.sourceRecords << row(7, QVariant(), 90, QStringLiteral("paid"))
                           << row(8, QStringLiteral("a@b.example"), 91, QStringLiteral("new"));
        rich.anomalousRecordCount = 3;
        batch << rich;
        QVERIFY(m_catalog.addAnomalies(batch));
        m_all = batch;
        m_withRows = batch.constLast().id;
        // Another datastore's anomaly never shows.
        Anomaly foreign;
        foreign.datastoreId = m_other;
        foreign.containerId = elsewhere;
        foreign.message = QStringLiteral("elsewhere");
        QList<Anomaly> other{foreign};
        QVERIFY(m_catalog.addAnomalies(other));
    }

    void modelPagesAndFollowsTheCatalog()
    {
        QTemporaryDir dir;
        Catalog catalog;
        QVERIFY(catalog.open(dir.filePath(QStringLiteral("paged.sqlite"))));
        Connection conn;
        conn.name = QStringLiteral("c");
        conn.type = QStringLiteral("sqlite");
        Datastore d;
        d.name = QStringLiteral("Big");
        d.connectionId = catalog.addConnection(conn);
        const qint64 ds = catalog.addDatastore(d);
        Container c;
        c.datastoreId = ds;
        c.name = QStringLiteral("events");
        const qint64 container = catalog.addContainer(c);
        QList<Anomaly> many;
        for (int i = 0; i < 450; ++i) {
            Anomaly a;
            a.datastoreId = ds;
            a.containerId = container;
            a.type = i % 3 ? QStringLiteral("record") : QStringLiteral("shape");
            a.message = QStringLiteral("m%1").arg(i);
            a.failedChecks << AnomalyFailedCheck{0, QStringLiteral("notNull"), {}, {}};
            many << a;
        }
        QVERIFY(catalog.addAnomalies(many));

        AnomalyListModel model(&catalog);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        AnomalyQuery query;
        query.datastoreId = ds;
        model.setQuery(query);
        QCOMPARE(model.totalCount(), 450);
        QCOMPARE(model.rowCount(), AnomalyListModel::kPageSize);
        QCOMPARE(model.anomalyIdAt(0), many.constLast().id); // newest first
        QCOMPARE(model.index(0, AnomalyListModel::RulesColumn).data().toString(),
                 QStringLiteral("notNull"));
        QVERIFY(model.canFetchMore({}));
        model.fetchMore({});
        model.fetchMore({});
        QCOMPARE(model.rowCount(), 450);
        QVERIFY(!model.canFetchMore({}));
        for (int r = 1; r < model.rowCount(); ++r)
            QVERIFY(model.anomalyIdAt(r - 1) > model.anomalyIdAt(r));

        query.type = QStringLiteral("shape");
        model.setQuery(query);
        QCOMPARE(model.totalCount(), 150);

        // Open only; then one is resolved elsewhere: its row leaves without a reset.
        query.type.clear();
        query.status = QStringLiteral("open");
        model.setQuery(query);
        const qint64 second = model.anomalyIdAt(1);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QVERIFY(catalog.setAnomalyStatus(second, anomaly_status::kResolved, QStringLiteral("x")));
        QTRY_COMPARE(model.totalCount(), 449);
        QCOMPARE(resets.count(), 0);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(model.rowOf(second), -1);
        QCOMPARE(model.rowCount(), AnomalyListModel::kPageSize);

        // A status change that stays in the filter updates the row in place.
        const qint64 first = model.anomalyIdAt(0);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QVERIFY(catalog.setAnomalyStatus(first, anomaly_status::kAcknowledged));
        QTRY_VERIFY(changed.count() > 0);
        QCOMPARE(model.index(0, AnomalyListModel::StatusColumn).data().toString(),
                 QStringLiteral("Acknowledged"));
        // New anomalies are inserted at the top.
        QList<Anomaly> fresh{many.first()};
        fresh.first().id = 0;
        fresh.first().uuid.clear();
        QVERIFY(catalog.addAnomalies(fresh));
        QTRY_COMPARE(model.anomalyIdAt(0), fresh.first().id);
        QCOMPARE(model.totalCount(), 450);
        QCOMPARE(resets.count(), 0);
    }

    void sourceColumnsFollowTheFields()
    {
        QList<Field> fields;
        for (const char *name : {"order_id", "email", "quantity", "status"}) {
            Field f;
            f.name = QLatin1String(name);
            f.ordinal = int(fields.size()) + 1;
            fields.prepend(f); // out of order on purpose
        }
        QJsonArray rows{row(1, QVariant(), 2, QStringLiteral("x"))};
        QJsonObject extra = rows.at(0).toObject();
        extra.insert(QStringLiteral("_computed"), 1);
        rows.append(extra);
        QCOMPARE(anomaly_evidence::sourceColumns(rows, fields),
                 (QStringList{"order_id", "email", "quantity", "status", "_computed"}));
        QCOMPARE(anomaly_evidence::cellText(QJsonValue()), QStringLiteral("NULL"));
        QCOMPARE(anomaly_evidence::cellText(90.0), QStringLiteral("90"));
        QCOMPARE(anomaly_evidence::cellText(2.5), QStringLiteral("2.5"));
    }

    void filtersAndCounts()
    {
        AnomaliesView view;
        view.resize(1100, 800);
        view.setDatastore(&m_catalog, m_ds);
        AnomalyStatusStrip *strip = view.statusStrip();
        QCOMPARE(strip->group(), QStringLiteral("open")); // the default group
        for (const QString &group : AnomalyStatusStrip::groups())
            QCOMPARE(strip->count(group),
                     expected([&](const Anomaly &a) { return inGroup(a, group); }));
        QCOMPARE(view.listModel()->totalCount(),
                 expected([](const Anomaly &a) { return anomaly_status::isOpen(a.status); }));
        QVERIFY(strip->chip(QStringLiteral("open"))
                    ->text()
                    .contains(QString::number(strip->count(QStringLiteral("open")))));

        // Each chip lists its group.
        for (const QString &group : AnomalyStatusStrip::groups()) {
            QTest::mouseClick(strip->chip(group), Qt::LeftButton);
            QCOMPARE(view.listModel()->query().status, group);
            QCOMPARE(view.listModel()->totalCount(),
                     expected([&](const Anomaly &a) { return inGroup(a, group); }));
            for (int r = 0; r < view.listModel()->rowCount(); ++r)
                QVERIFY(inGroup(view.listModel()->anomalyAt(r), group));
        }

        // Type: shapes of every status; the counts follow the other filters.
        QComboBox *type = view.filterBar()->typeBox();
        type->setCurrentIndex(type->findData(QStringLiteral("shape")));
        QCOMPARE(view.listModel()->totalCount(),
                 expected([](const Anomaly &a) { return a.type == QLatin1String("shape"); }));
        QCOMPARE(strip->count(QStringLiteral("open")), expected([](const Anomaly &a) {
                     return a.type == QLatin1String("shape") && anomaly_status::isOpen(a.status);
                 }));
        type->setCurrentIndex(0);

        // Table: only its anomalies, and only its checks are offered.
        view.setContainerFilter(m_customers);
        QCOMPARE(view.listModel()->query().containerId, m_customers);
        QCOMPARE(view.listModel()->totalCount(),
                 expected([&](const Anomaly &a) { return a.containerId == m_customers; }));
        QComboBox *checks = view.filterBar()->checkBox();
        QCOMPARE(checks->count(), 3); // All checks, isUnique, the draft notNull
        QVERIFY(checks->findData(m_unique) > 0);
        QCOMPARE(checks->findData(m_notNull), -1);
        view.setContainerFilter(0);
        QCOMPARE(checks->count(), 5);

        // Check: anomalies that failed it (the rich one failed two).
        checks->setCurrentIndex(checks->findData(m_between));
        QCOMPARE(view.listModel()->query().checkId, m_between);
        const int failedBetween = expected([&](const Anomaly &a) {
            return std::any_of(a.failedChecks.cbegin(), a.failedChecks.cend(),
                               [&](const AnomalyFailedCheck &f) { return f.checkId == m_between; });
        });
        QCOMPARE(view.listModel()->totalCount(), failedBetween);
        QVERIFY(view.listedLabel()->text().startsWith(QString::number(failedBetween)));

        // No datastore (the main window's empty state), then one again.
        view.setDatastore(nullptr, 0);
        QVERIFY(!view.listModel());
        QCOMPARE(view.statusStrip()->count(QStringLiteral("open")), 0);
        QVERIFY(view.listedLabel()->text().isEmpty());
        view.setDatastore(&m_catalog, m_ds);
        QVERIFY(view.listModel());
        QCOMPARE(view.statusStrip()->count(QStringLiteral("open")), expected([&](const Anomaly &a) {
                     return anomaly_status::isOpen(a.status) &&
                            std::any_of(a.failedChecks.cbegin(), a.failedChecks.cend(),
                                        [&](const AnomalyFailedCheck &f) {
                                            return f.checkId == m_between;
                                        });
                 }));
    }

    // On a narrow window the description, the column that says what is wrong, keeps room for
    // about thirty characters: the other columns give way.
    void descriptionKeepsItsRoomWhenNarrow()
    {
        AnomaliesView view;
        view.setDatastore(&m_catalog, m_ds);
        view.resize(760, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTreeView *list = view.listView();
        QVERIFY(list);
        const int description = list->header()->sectionSize(AnomalyListModel::MessageColumn);
        QVERIFY2(description >= list->fontMetrics().averageCharWidth() * 30,
                 qPrintable(QString::number(description)));
        // No column goes below a few characters, and nothing needs a sideways scroll.
        for (int c = 0; c < list->header()->count(); ++c)
            QVERIFY(list->header()->sectionSize(c) >= list->fontMetrics().averageCharWidth() * 5);
        QVERIFY(list->header()->length() <= list->viewport()->width() + 1);
    }

    void detailShowsChecksRowsAndHistory()
    {
        AnomaliesView view;
        view.resize(1100, 800);
        view.setDatastore(&m_catalog, m_ds);
        QVERIFY(view.selectAnomaly(m_withRows));
        AnomalyDetailWidget *detail = view.detail();
        QCOMPARE(detail->anomalyId(), m_withRows);
        QCOMPARE(detail->messageLabel()->text(),
                 QStringLiteral("The value for email of order 7 is null."));

        QTreeWidget *checks = detail->failedChecksView();
        QCOMPARE(checks->topLevelItemCount(), 2);
        // Rule titles, as the Checks tab names them, not API names: in the list and here.
        const int row = view.listModel()->rowOf(m_withRows);
        QVERIFY(row >= 0);
        QCOMPARE(view.listModel()->index(row, AnomalyListModel::RulesColumn).data().toString(),
                 QStringLiteral("Not Null, Between"));
        // One date-time format: the list's, the detail's and the Overview's are the same.
        const QString created = display_time::local(m_catalog.anomaly(m_withRows)->createdAt);
        QCOMPARE(view.listModel()->index(row, AnomalyListModel::CreatedColumn).data().toString(),
                 created);
        QVERIFY(!detail->findChildren<QLabel *>().isEmpty());
        bool shown = false;
        for (const QLabel *label : detail->findChildren<QLabel *>())
            shown = shown || label->text() == created;
        QVERIFY2(shown, qPrintable(created));
        QCOMPARE(checks->topLevelItem(0)->text(0), QStringLiteral("Not Null"));
        QCOMPARE(checks->topLevelItem(0)->text(1), QStringLiteral("email"));
        QCOMPARE(checks->topLevelItem(1)->text(0), QStringLiteral("Between"));
        QCOMPARE(checks->topLevelItem(1)->text(2),
                 QStringLiteral("The value for quantity of 90 is not between 1.000 and 50.000."));

        // The source rows: columns in the container's field order, values as stored.
        QStandardItemModel *rows = detail->sourceRecordsModel();
        QCOMPARE(rows->rowCount(), 2);
        QStringList headers;
        for (int c = 0; c < rows->columnCount(); ++c)
            headers << rows->headerData(c, Qt::Horizontal).toString();
        QCOMPARE(headers, (QStringList{"order_id", "email", "quantity", "status"}));
        QCOMPARE(rows->item(0, 0)->text(), QStringLiteral("7"));
        QCOMPARE(rows->item(0, 1)->text(), QStringLiteral("NULL"));
        QCOMPARE(rows->item(0, 2)->text(), QStringLiteral("90"));
        QCOMPARE(rows->item(1, 1)->text(), QStringLiteral("a@b.example"));
        QCOMPARE(rows->item(1, 3)->text(), QStringLiteral("new"));
        // The fields a failed check reads stand out.
        QVERIFY(rows->horizontalHeaderItem(1)->font().bold());
        QVERIFY(!rows->horizontalHeaderItem(3)->font().bold());

        QCOMPARE(detail->historyView()->topLevelItemCount(), 1); // found by the scan
        QVERIFY(detail->historyView()->topLevelItem(0)->text(1).contains(QString::number(m_scan)));

        // A shape anomaly without rows says why there are none.
        const qint64 shape = [&] {
            for (const Anomaly &a : std::as_const(m_all))
                if (a.type == QLatin1String("shape") && a.sourceRecords.isEmpty() &&
                    anomaly_status::isOpen(a.status))
                    return a.id;
            return qint64(0);
        }();
        QVERIFY(view.selectAnomaly(shape));
        QCOMPARE(detail->sourceRecordsModel()->rowCount(), 0);
        QVERIFY(detail->sourceRecordsView()->isHidden());

        view.selectAnomaly(m_withRows);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QString path = test::screenshotPath(QStringLiteral("anomalies-view-detail.png"));
        QVERIFY(view.grab().save(path));
        qInfo() << "screenshot:" << path;
        // A wheel turn over the source rows (all shown, nothing to scroll) scrolls the page
        // they sit on, not the rows sideways.
        view.resize(1100, 420);
        QTest::qWait(50);
        QTableView *records = detail->sourceRecordsView();
        auto *page = qobject_cast<QScrollArea *>(detail->parentWidget()->parentWidget());
        QVERIFY(page && page->verticalScrollBar()->maximum() > 0);
        QCOMPARE(records->verticalScrollBar()->maximum(), 0);
        page->verticalScrollBar()->setValue(0);
        const int sideways = records->horizontalScrollBar()->value();
        const QPoint at = records->viewport()->rect().center();
        QWheelEvent wheel(at, records->viewport()->mapToGlobal(at), QPoint(), QPoint(0, -120),
                          Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(records->viewport(), &wheel);
        QVERIFY(page->verticalScrollBar()->value() > 0);
        QCOMPARE(records->horizontalScrollBar()->value(), sideways);
    }

    void statusActionsWithComments()
    {
        AnomaliesView view;
        view.resize(1100, 1000);
        view.setDatastore(&m_catalog, m_ds);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const qint64 id = m_withRows;
        QVERIFY(view.selectAnomaly(id));
        AnomalyDetailWidget *detail = view.detail();
        using namespace anomaly_status;
        // Active: acknowledge, resolve, invalid; no reopen.
        QVERIFY(detail->actionButton(kAcknowledged)->isEnabled());
        QVERIFY(detail->actionButton(kResolved)->isEnabled());
        QVERIFY(detail->actionButton(kInvalid)->isEnabled());
        QVERIFY(!detail->actionButton(kActive)->isEnabled());

        // Cancel changes nothing.
        QTest::mouseClick(detail->actionButton(kResolved), Qt::LeftButton);
        QVERIFY(detail->statusDialog());
        QTest::mouseClick(detail->statusDialog()->cancelButton(), Qt::LeftButton);
        QCOMPARE(m_catalog.anomaly(id)->status, kActive);
        QVERIFY(m_catalog.anomalyEvents(id).isEmpty());

        const int openBefore = view.statusStrip()->count(QStringLiteral("open"));
        act(detail, kAcknowledged, QStringLiteral("looking into it"));
        QCOMPARE(m_catalog.anomaly(id)->status, kAcknowledged);
        QCOMPARE(m_catalog.anomaly(id)->comment, QStringLiteral("looking into it"));
        // Acknowledged: still open, cannot go back to Active nor be acknowledged again.
        QVERIFY(!detail->actionButton(kAcknowledged)->isEnabled());
        QVERIFY(!detail->actionButton(kActive)->isEnabled());
        QVERIFY(detail->actionButton(kResolved)->isEnabled());
        QCOMPARE(detail->historyView()->topLevelItemCount(), 2);
        QCOMPARE(detail->historyView()->topLevelItem(1)->text(2),
                 QStringLiteral("looking into it"));
        QTRY_COMPARE(view.listModel()
                         ->index(view.listModel()->rowOf(id), AnomalyListModel::StatusColumn)
                         .data()
                         .toString(),
                     QStringLiteral("Acknowledged"));

        act(detail, kResolved, QStringLiteral("fixed upstream"));
        QCOMPARE(m_catalog.anomaly(id)->status, kResolved);
        // Archived: only Reopen.
        QVERIFY(!detail->actionButton(kAcknowledged)->isEnabled());
        QVERIFY(!detail->actionButton(kResolved)->isEnabled());
        QVERIFY(!detail->actionButton(kInvalid)->isEnabled());
        QVERIFY(detail->actionButton(kActive)->isEnabled());
        // It left the Open list, the detail stays for an undo, the counts follow.
        QTRY_COMPARE(view.listModel()->rowOf(id), -1);
        QCOMPARE(detail->anomalyId(), id);
        QCOMPARE(view.statusStrip()->count(QStringLiteral("open")), openBefore - 1);

        const QString archived =
            test::screenshotPath(QStringLiteral("anomalies-view-resolved.png"));
        QVERIFY(view.grab().save(archived));
        qInfo() << "screenshot:" << archived;

        // The comment dialog, as a person sees it.
        QTest::mouseClick(detail->actionButton(kActive), Qt::LeftButton);
        QVERIFY(detail->statusDialog());
        detail->statusDialog()->setComment(QStringLiteral("It came back after the reload."));
        const QString dialogShot =
            test::screenshotPath(QStringLiteral("anomaly-status-dialog.png"));
        QVERIFY(detail->statusDialog()->grab().save(dialogShot));
        QTest::mouseClick(detail->statusDialog()->cancelButton(), Qt::LeftButton);
        QCOMPARE(m_catalog.anomaly(id)->status, kResolved);

        act(detail, kActive, QStringLiteral("came back"));
        QCOMPARE(m_catalog.anomaly(id)->status, kActive);
        act(detail, kInvalid, QString());
        QCOMPARE(m_catalog.anomaly(id)->status, kInvalid);

        const QList<AnomalyEvent> events = m_catalog.anomalyEvents(id);
        QCOMPARE(events.size(), 4);
        const QStringList from{kActive, kAcknowledged, kResolved, kActive};
        const QStringList to{kAcknowledged, kResolved, kActive, kInvalid};
        const QStringList comments{"looking into it", "fixed upstream", "came back", ""};
        for (int i = 0; i < events.size(); ++i) {
            QCOMPARE(events.at(i).fromStatus, from.at(i));
            QCOMPARE(events.at(i).toStatus, to.at(i));
            QCOMPARE(events.at(i).comment, comments.at(i));
        }
        QCOMPARE(detail->historyView()->topLevelItemCount(), 5);

        // A change made elsewhere (the CLI) shows in the detail and its buttons.
        QVERIFY(m_catalog.setAnomalyStatus(id, kActive, QStringLiteral("cli")));
        QTRY_VERIFY(detail->actionButton(kResolved)->isEnabled());
        // Leave it as the other tests expect.
        QVERIFY(m_catalog.anomaly(id)->status == kActive);
        for (Anomaly &a : m_all)
            if (a.id == id)
                a.status = kActive;
    }

    void overviewTotals()
    {
        // A profile of orders (records 320) and none of customers.
        Operation profile;
        profile.datastoreId = m_ds;
        profile.type = QStringLiteral("profile");
        profile.status = QStringLiteral("warning");
        profile.createdAt = QDateTime::currentDateTimeUtc().addSecs(-300);
        profile.startedAt = profile.createdAt;
        profile.endedAt = profile.createdAt.addSecs(3);
        const qint64 profileId = m_catalog.addOperation(profile);
        QList<FieldProfile> profiles;
        for (const Field &f : m_catalog.fields(m_orders)) {
            FieldProfile p;
            p.operationId = profileId;
            p.containerId = m_orders;
            p.fieldId = f.id;
            p.fieldName = f.name;
            p.profiledAt = profile.endedAt;
            p.records = 320;
            p.declaredType = QStringLiteral("TEXT");
            p.inferredType = QStringLiteral("String");
            profiles << p;
        }
        QVERIFY(m_catalog.addFieldProfiles(profiles));

        DatastoreOverview overview(&m_catalog);
        overview.resize(800, 900);
        overview.showDatastore(m_ds);
        QCOMPARE(overview.value(QStringLiteral("containers")), QStringLiteral("2"));
        QCOMPARE(overview.value(QStringLiteral("records")), QStringLiteral("320"));
        QCOMPARE(overview.value(QStringLiteral("activeChecks")), QStringLiteral("3"));
        const int active =
            expected([](const Anomaly &a) { return a.status == anomaly_status::kActive; });
        QCOMPARE(overview.value(QStringLiteral("activeAnomalies")), QString::number(active));
        QVERIFY(overview.value(QStringLiteral("lastProfile")).endsWith(QStringLiteral("Warning")));
        QVERIFY(overview.value(QStringLiteral("lastScan")).endsWith(QStringLiteral("Success")));
        QCOMPARE(overview.value(QStringLiteral("lastSync")), QStringLiteral("Never"));

        // It follows the Catalog: one more Active anomaly.
        Anomaly more =
            anomaly(m_customers, m_unique, QStringLiteral("isUnique"), QStringLiteral("name"),
                    QStringLiteral("record"), anomaly_status::kActive, QStringLiteral("dup"));
        QList<Anomaly> batch{more};
        QVERIFY(m_catalog.addAnomalies(batch));
        m_all << batch;
        QTRY_COMPARE(overview.value(QStringLiteral("activeAnomalies")),
                     QString::number(active + 1));

        overview.show();
        QVERIFY(QTest::qWaitForWindowExposed(&overview));
        const QString path = test::screenshotPath(QStringLiteral("datastore-overview-totals.png"));
        QVERIFY(overview.grab().save(path));
        qInfo() << "screenshot:" << path;
    }
};

QTEST_MAIN(TestAnomaliesView)
#include "tst_anomaliesview.moc"
