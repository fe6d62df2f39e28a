#include "TestSupport.h"
#include "app/enrichment/EnrichmentLinker.h"
#include "app/secrets/CredentialStore.h"
#include "models/catalog/Catalog.h"
#include "ui/enrichment/EnrichmentLinkController.h"
#include "ui/enrichment/EnrichmentSettingsFields.h"
#include "ui/enrichment/ExistingEnrichmentFields.h"
#include "ui/enrichment/LinkEnrichmentDialog.h"
#include "ui/enrichment/NewEnrichmentForm.h"
#include "ui/enrichment/NoticeStrip.h"
#include "ui/enrichment/PrefixField.h"
#include "ui/widgets/ConnectionForm.h"
#include "ui/widgets/ConnectionTestPanel.h"
#include "ui/widgets/StatusBanner.h"
#include "ui/widgets/ToggleSwitch.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <memory>

using namespace assay;

namespace {

constexpr int kTimeoutMs = 30000;

void saveShot(QWidget &w, const QString &name)
{
    QTest::qWait(50); // let pending layout requests settle, as they would on screen
    const QString dir = QDir(test::stateDir()).filePath(QStringLiteral("screenshots"));
    QDir().mkpath(dir);
    QVERIFY(w.grab().save(QDir(dir).filePath(QStringLiteral("link-enrichment-%1.png").arg(name))));
}

bool makeSqliteFile(const QString &path, const QStringList &tables)
{
    const QString name = QStringLiteral("make-%1").arg(path);
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        ok = db.open();
        QSqlQuery q(db);
        ok = ok && q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS placeholder (x INTEGER)"));
        for (const QString &table : tables)
            ok = ok && q.exec(QStringLiteral("CREATE TABLE \"%1\" (x INTEGER)").arg(table));
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

} // namespace

// The Link Enrichment Datastore dialog, scripted as a user would drive it.
class TestLinkEnrichmentDialog : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    Catalog m_catalog;
    CredentialStore m_credentials;
    qint64 m_source = 0;
    qint64 m_other = 0;
    qint64 m_results = 0;

    qint64 addSqliteDatastore(const QString &name, const QString &file, bool enrichOnly)
    {
        Connection c;
        c.name = name;
        c.type = QStringLiteral("sqlite");
        c.database = m_dir.filePath(file);
        if (!makeSqliteFile(c.database, {}))
            return 0;
        Datastore d;
        d.name = name;
        d.connectionId = m_catalog.addConnection(c);
        d.database = c.database;
        d.schema = QStringLiteral("main");
        d.teams = {enrichOnly ? QStringLiteral("Data Platform") : QStringLiteral("Public")};
        d.enrichOnly = enrichOnly;
        return m_catalog.addDatastore(d);
    }

    std::unique_ptr<LinkEnrichmentDialog> openDialog(qint64 sourceId)
    {
        auto dialog = std::make_unique<LinkEnrichmentDialog>(&m_catalog, &m_credentials, sourceId);
        dialog->show();
        if (!QTest::qWaitForWindowExposed(dialog.get()))
            return nullptr;
        return dialog;
    }

    Datastore source() { return *m_catalog.datastore(m_source); }

private slots:
    void initTestCase()
    {
        QVERIFY2(test::useTestKeyring(), "the Keyring fixture is not running");
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_catalog.open(m_dir.filePath(QStringLiteral("catalog.sqlite"))),
                 qPrintable(m_catalog.lastError()));
        m_source =
            addSqliteDatastore(QStringLiteral("Sales"), QStringLiteral("sales.sqlite"), false);
        m_other = addSqliteDatastore(QStringLiteral("Marketing"),
                                     QStringLiteral("marketing.sqlite"), false);
        m_results = addSqliteDatastore(QStringLiteral("Quality Results"),
                                       QStringLiteral("results.sqlite"), true);
        QVERIFY(m_source && m_other && m_results);
    }

    void prefixIsNormalisedLive()
    {
        auto dialog = openDialog(m_source);
        QVERIFY(dialog);
        QCOMPARE(dialog->mode(), LinkEnrichmentDialog::Mode::UseExisting);
        // A first link suggests a prefix from the datastore's name.
        QCOMPARE(dialog->prefixField()->normalized(), QStringLiteral("_sales"));
        saveShot(*dialog, QStringLiteral("initial"));

        QLineEdit *edit = dialog->prefixField()->edit();
        edit->selectAll();
        QTest::keyClicks(edit, QStringLiteral("Analytics Bronze"));
        QCOMPARE(dialog->prefixField()->normalized(), QStringLiteral("_analytics_bronze"));
        QVERIFY(dialog->prefixField()->normalizedLabel()->text().contains(
            QLatin1String("_analytics_bronze")));
        QCOMPARE(dialog->prefixField()->counterLabel()->text(), QStringLiteral("17/60"));
        QVERIFY(dialog->prefixField()->problemLabel()->isHidden());
        QVERIFY(dialog->finishButton()->isEnabled());

        // The selected enrichment datastore's details, read-only.
        ExistingEnrichmentFields *existing = dialog->existingFields();
        QCOMPARE(existing->selectedId(), m_results);
        QCOMPARE(existing->teamField()->text(), QStringLiteral("Data Platform"));
        QCOMPARE(existing->schemaField()->text(), QStringLiteral("main"));
        QCOMPARE(existing->databaseField()->text(),
                 m_dir.filePath(QStringLiteral("results.sqlite")));
        QVERIFY(existing->hostField()->isReadOnly());
        QVERIFY(existing->hostField()->text().contains(QLatin1String("SQLite")));
        // Source datastores are not offered as targets.
        QCOMPARE(existing->count(), 1);

        // Emptied: Finish waits, and says why.
        edit->clear();
        QTest::keyClicks(edit, QStringLiteral("!!"));
        QVERIFY(!dialog->finishButton()->isEnabled());
        QVERIFY(dialog->prefixField()->problemLabel()->isVisible());
        QVERIFY(dialog->prefixField()->problemLabel()->text().contains(
            QLatin1String("at least one letter or digit")));
    }

    void prefixLongerThan60DisablesFinish()
    {
        auto dialog = openDialog(m_source);
        QVERIFY(dialog);
        dialog->prefixField()->setInput(QString(61, QLatin1Char('a')));
        QCOMPARE(dialog->prefixField()->counterLabel()->text(), QStringLiteral("62/60"));
        QVERIFY(!dialog->finishButton()->isEnabled());
        QVERIFY(dialog->prefixField()->problemLabel()->isVisible());
        QCOMPARE(dialog->prefixField()->problemLabel()->text(),
                 QStringLiteral("The prefix is 62 characters long; at most 60 are allowed."));
        saveShot(*dialog, QStringLiteral("prefix-too-long"));
        // Typing is never cut off; shortening it is enough.
        QTest::keyClick(dialog->prefixField()->edit(), Qt::Key_Backspace);
        QTest::keyClick(dialog->prefixField()->edit(), Qt::Key_Backspace);
        QCOMPARE(dialog->prefixField()->counterLabel()->text(), QStringLiteral("60/60"));
        QVERIFY(dialog->finishButton()->isEnabled());
        QVERIFY(dialog->prefixField()->problemLabel()->isHidden());
    }

    void limitsStayInTheirRanges()
    {
        auto dialog = openDialog(m_source);
        QVERIFY(dialog);
        EnrichmentSettingsFields *settings = dialog->settingsFields();
        QCOMPARE(settings->remediation(), RemediationStrategy::None);
        QVERIFY(settings->remediationButton(RemediationStrategy::None)->isChecked());
        QSpinBox *limit = settings->sourceRecordLimitBox();
        QSpinBox *rollup = settings->rollupThresholdBox();
        QCOMPARE(limit->value(), 10);
        QCOMPARE(rollup->value(), 10);
        QCOMPARE(limit->minimum(), 1);
        QCOMPARE(limit->maximum(), 1000000000);
        QCOMPARE(rollup->minimum(), 1);
        QCOMPARE(rollup->maximum(), 1000);
        limit->setValue(2000000000);
        QCOMPARE(settings->sourceRecordLimit(), qint64(1000000000));
        limit->setValue(0);
        QCOMPARE(settings->sourceRecordLimit(), qint64(1));
        rollup->setValue(5000);
        QCOMPARE(settings->rollupThreshold(), 1000);
        rollup->setValue(-3);
        QCOMPARE(settings->rollupThreshold(), 1);
        // Typed digits past the maximum are not accepted.
        rollup->selectAll();
        QTest::keyClicks(rollup, QStringLiteral("10000"));
        QVERIFY(rollup->value() <= 1000);
        QVERIFY(dialog->finishButton()->isEnabled());
    }

    void useExistingSavesTheLinkAndWarnsOfASharedPrefix()
    {
        // Marketing already writes with _campaigns to Quality Results.
        QVERIFY(EnrichmentLinker::link(m_catalog, m_other, m_results, QStringLiteral("campaigns"),
                                       RemediationStrategy::None, 10, 10)
                    .ok);
        auto dialog = openDialog(m_source);
        QVERIFY(dialog);
        dialog->prefixField()->setInput(QStringLiteral("Campaigns"));
        QVERIFY(dialog->collisionNotice()->isVisible());
        QVERIFY2(dialog->collisionNotice()->text().contains(QStringLiteral("“Marketing”")),
                 qPrintable(dialog->collisionNotice()->text()));
        QVERIFY(dialog->finishButton()->isEnabled()); // a warning only
        saveShot(*dialog, QStringLiteral("shared-prefix"));

        dialog->prefixField()->setInput(QStringLiteral("Analytics Bronze"));
        QVERIFY(dialog->collisionNotice()->isHidden());
        // On the button's text (a radio button ignores clicks beside its label).
        QRadioButton *append =
            dialog->settingsFields()->remediationButton(RemediationStrategy::Append);
        QTest::mouseClick(append, Qt::LeftButton, {}, QPoint(12, append->height() / 2));
        QCOMPARE(dialog->settingsFields()->remediation(), RemediationStrategy::Append);
        dialog->settingsFields()->sourceRecordLimitBox()->setValue(250);
        dialog->settingsFields()->rollupThresholdBox()->setValue(40);
        QSignalSpy linked(dialog.get(), &LinkEnrichmentDialog::linked);
        QTest::mouseClick(dialog->finishButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(linked.count(), 1, kTimeoutMs);
        QVERIFY(dialog->isDone());
        QVERIFY(dialog->successBanner()->title().contains(QLatin1String("linked")));
        QVERIFY(dialog->successBanner()->detail().contains(QStringLiteral("“Quality Results”")));
        const auto summary = [&dialog](const char *name) {
            auto *label = dialog->findChild<QLabel *>(QLatin1String(name));
            return label ? label->text() : QString();
        };
        QCOMPARE(summary("summaryPrefix"), QStringLiteral("_analytics_bronze"));
        QVERIFY(
            summary("summaryTables").contains(QLatin1String("_analytics_bronze_check_metrics")));
        QCOMPARE(summary("summaryRemediation"), QStringLiteral("Append"));
        QCOMPARE(summary("summarySourceRecordLimit"), QLocale().toString(250));
        QVERIFY(dialog->orphanPanel()->isHidden()); // a first link leaves nothing behind
        QCOMPARE(dialog->cancelButton()->text(), QStringLiteral("Close"));
        QVERIFY(dialog->finishButton()->isHidden());
        saveShot(*dialog, QStringLiteral("linked"));

        const EnrichmentLink link = source().enrichment;
        QCOMPARE(link.enrichmentDatastoreId, m_results);
        QCOMPARE(link.prefix, QStringLiteral("_analytics_bronze"));
        QCOMPARE(link.remediation, RemediationStrategy::Append);
        QCOMPARE(link.sourceRecordLimit, qint64(250));
        QCOMPARE(link.rollupThreshold, 40);
        QTest::mouseClick(dialog->cancelButton(), Qt::LeftButton);
        QCOMPARE(dialog->result(), int(QDialog::Accepted));
    }

    void prefixChangeListsTheOrphanedTables()
    {
        // The enrichment file holds the tables of the current prefix.
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("seed"));
        db.setDatabaseName(m_dir.filePath(QStringLiteral("results.sqlite")));
        QVERIFY(db.open());
        for (const char *table : {"_analytics_bronze_check_metrics",
                                  "_analytics_bronze_failed_checks", "_campaigns_check_metrics"})
            QVERIFY(QSqlQuery(db).exec(
                QStringLiteral("CREATE TABLE %1 (x INTEGER)").arg(QLatin1String(table))));
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("seed"));

        auto dialog = openDialog(m_source);
        QVERIFY(dialog);
        QCOMPARE(dialog->prefixField()->normalized(), QStringLiteral("_analytics_bronze"));
        QCOMPARE(dialog->settingsFields()->remediation(), RemediationStrategy::Append);
        QVERIFY(dialog->unlinkButton()->isVisible());
        dialog->prefixField()->setInput(QStringLiteral("Analytics Silver"));
        QTest::mouseClick(dialog->finishButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->isDone(), kTimeoutMs);
        QCOMPARE(dialog->successBanner()->title(), QStringLiteral("Enrichment settings saved"));
        QVERIFY(dialog->orphanPanel()->isVisible());
        // Found in the background, then listed.
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->controller()->isSearchingOrphans(), kTimeoutMs);
        QTRY_VERIFY(dialog->orphanList()->isVisible());
        QStringList shown;
        for (int i = 0; i < dialog->orphanList()->count(); ++i)
            shown << dialog->orphanList()->item(i)->text();
        QCOMPARE(shown, (QStringList{QStringLiteral("_analytics_bronze_check_metrics"),
                                     QStringLiteral("_analytics_bronze_failed_checks")}));
        QVERIFY(dialog->orphanStatus()->text().contains(QLatin1String("_analytics_bronze")));
        saveShot(*dialog, QStringLiteral("orphaned-tables"));
        QCOMPARE(source().enrichment.prefix, QStringLiteral("_analytics_silver"));
        dialog->accept();
    }

    void swappingIsRefusedInTheDialog()
    {
        const qint64 archive =
            addSqliteDatastore(QStringLiteral("Archive"), QStringLiteral("archive.sqlite"), true);
        QVERIFY(archive);
        auto dialog = openDialog(m_source);
        QVERIFY(dialog);
        QCOMPARE(dialog->existingFields()->selectedId(), m_results);
        dialog->existingFields()->select(archive);
        QVERIFY(!dialog->finishButton()->isEnabled());
        QVERIFY(dialog->problemLabel()->isVisible());
        QVERIFY2(dialog->problemLabel()->text().contains(
                     QStringLiteral("Unlink “Quality Results” first")),
                 qPrintable(dialog->problemLabel()->text()));
        dialog->existingFields()->select(m_results);
        QVERIFY(dialog->finishButton()->isEnabled());
        QVERIFY(m_catalog.removeDatastore(archive));
        QTRY_COMPARE(dialog->existingFields()->count(), 1);
    }

    void unlinkThenRelink()
    {
        auto dialog = openDialog(m_source);
        QVERIFY(dialog);
        QVERIFY(dialog->unlinkButton()->isVisible());
        QTest::mouseClick(dialog->unlinkButton(), Qt::LeftButton);
        QTRY_VERIFY(dialog->unlinkConfirmation() && dialog->unlinkConfirmation()->isVisible());
        QMessageBox *box = dialog->unlinkConfirmation();
        QVERIFY(box->informativeText().contains(QLatin1String("reset to None")));
        QVERIFY(box->informativeText().contains(QLatin1String("nothing is dropped")));
        QVERIFY(box->informativeText().contains(QLatin1String("continues the same tables")));
        saveShot(*box, QStringLiteral("unlink-confirmation"));
        QPushButton *confirm = box->findChild<QPushButton *>(QStringLiteral("confirmUnlinkButton"));
        QVERIFY(confirm);
        QSignalSpy unlinked(dialog.get(), &LinkEnrichmentDialog::unlinked);
        QTest::mouseClick(confirm, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(unlinked.count(), 1, kTimeoutMs);
        EnrichmentLink link = source().enrichment;
        QVERIFY(!link.isLinked());
        QCOMPARE(link.remediation, RemediationStrategy::None);
        QCOMPARE(link.prefix, QStringLiteral("_analytics_silver"));
        QCOMPARE(dialog->statusBanner()->kind(), StatusBanner::Kind::Info);
        QVERIFY(dialog->statusBanner()->text().contains(QLatin1String("_analytics_silver")));
        QVERIFY(dialog->unlinkButton()->isHidden());
        QCOMPARE(dialog->settingsFields()->remediation(), RemediationStrategy::None);
        saveShot(*dialog, QStringLiteral("unlinked"));

        // Relink: the same datastore and prefix are still chosen; Finish continues them.
        QCOMPARE(dialog->existingFields()->selectedId(), m_results);
        QCOMPARE(dialog->prefixField()->normalized(), QStringLiteral("_analytics_silver"));
        QVERIFY(dialog->finishButton()->isEnabled());
        QTest::mouseClick(dialog->finishButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->isDone(), kTimeoutMs);
        QVERIFY(dialog->orphanPanel()->isHidden());
        link = source().enrichment;
        QCOMPARE(link.enrichmentDatastoreId, m_results);
        QCOMPARE(link.prefix, QStringLiteral("_analytics_silver"));
    }

    void unlinkBlockedBySchedulesShowsWhy()
    {
        QSqlQuery q(m_catalog.database());
        q.prepare(QStringLiteral(
            "INSERT INTO schedules (name, datastore_id, operation_type, cron, created_at,"
            " updated_at) VALUES ('weekly export', ?, 'export', '0 0 * * 0',"
            " '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')"));
        q.addBindValue(m_source);
        QVERIFY(q.exec());
        auto dialog = openDialog(m_source);
        QVERIFY(dialog);
        QTest::mouseClick(dialog->unlinkButton(), Qt::LeftButton);
        QTRY_VERIFY(dialog->unlinkConfirmation() && dialog->unlinkConfirmation()->isVisible());
        QTest::mouseClick(dialog->unlinkConfirmation()->findChild<QPushButton *>(
                              QStringLiteral("confirmUnlinkButton")),
                          Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(dialog->statusBanner()->kind(), StatusBanner::Kind::Error,
                                  kTimeoutMs);
        QVERIFY2(dialog->statusBanner()->text().contains(QStringLiteral("“weekly export”")),
                 qPrintable(dialog->statusBanner()->text()));
        QVERIFY(source().enrichment.isLinked());
        saveShot(*dialog, QStringLiteral("unlink-blocked"));
        QVERIFY(q.exec(QStringLiteral("DELETE FROM schedules")));
        // Unlinked for the next test.
        QVERIFY(EnrichmentLinker::unlink(m_catalog, m_source).ok);
    }

    // Reusing a connection: the default is never one that serves a source datastore (those
    // are listed last, named as such), and choosing one asks first, since scans would write
    // their tables into that source's database.
    void sourceConnectionIsNeverTheDefaultAndAsksFirst()
    {
        auto dialog = openDialog(m_source);
        QVERIFY(dialog);
        dialog->addNewAction()->trigger();
        NewEnrichmentForm *form = dialog->newForm();
        form->newConnectionToggle()->setChecked(false);
        QComboBox *connections = form->connectionCombo();
        QVERIFY(connections->count() >= 3);
        // The default serves no source; those that do come after every one that does not.
        QVERIFY2(!connections->currentText().contains(QLatin1String("source of")),
                 qPrintable(connections->currentText()));
        bool servingSeen = false;
        for (int i = 0; i < connections->count(); ++i) {
            const bool serving = connections->itemText(i).contains(QLatin1String("source of"));
            QVERIFY2(serving || !servingSeen, qPrintable(connections->itemText(i)));
            servingSeen = servingSeen || serving;
        }
        QVERIFY(servingSeen);
        const qint64 salesConnection = source().connectionId;
        const int sales = connections->findData(salesConnection);
        QVERIFY(sales > 0);
        QVERIFY2(connections->itemText(sales).contains(QLatin1String("source of Sales")),
                 qPrintable(connections->itemText(sales)));
        connections->setCurrentIndex(sales);
        QTest::keyClicks(form->nameEdit(), QStringLiteral("Beside Sales"));
        dialog->prefixField()->setInput(QStringLiteral("beside"));
        QVERIFY(dialog->finishButton()->isEnabled());

        QSignalSpy linked(dialog.get(), &LinkEnrichmentDialog::linked);
        QTest::mouseClick(dialog->finishButton(), Qt::LeftButton);
        QTRY_VERIFY(dialog->sourceConnectionConfirmation() &&
                    dialog->sourceConnectionConfirmation()->isVisible());
        QMessageBox *box = dialog->sourceConnectionConfirmation();
        QVERIFY2(box->text().contains(QLatin1String("Sales")), qPrintable(box->text()));
        saveShot(*box, QStringLiteral("source-connection-confirmation"));
        QCOMPARE(box->defaultButton()->text(), QStringLiteral("Choose Another"));
        QTest::mouseClick(box->defaultButton(), Qt::LeftButton); // back: nothing is made
        QTest::qWait(50);
        QCOMPARE(linked.count(), 0);
        QVERIFY(!m_catalog.datastoreByName(QStringLiteral("Beside Sales")));

        QTest::mouseClick(dialog->finishButton(), Qt::LeftButton);
        QTRY_VERIFY(dialog->sourceConnectionConfirmation() &&
                    dialog->sourceConnectionConfirmation()->isVisible());
        QTest::mouseClick(dialog->sourceConnectionConfirmation()->findChild<QPushButton *>(
                              QStringLiteral("useSourceConnectionButton")),
                          Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(linked.count(), 1, kTimeoutMs);
        const auto created = m_catalog.datastoreByName(QStringLiteral("Beside Sales"));
        QVERIFY(created && created->enrichOnly);
        QCOMPARE(created->connectionId, salesConnection);
        dialog.reset();
        QVERIFY(EnrichmentLinker::unlink(m_catalog, m_source).ok); // as the next test expects
    }

    void addNewEnrichmentDatastoreAndLinkIt()
    {
        // Sales is unlinked; a new SQLite enrichment file will receive its results.
        const QString file = m_dir.filePath(QStringLiteral("new-enrichment.sqlite"));
        QVERIFY(makeSqliteFile(file, {}));
        auto dialog = openDialog(m_source);
        QVERIFY(dialog);
        QVERIFY(dialog->unlinkButton()->isHidden());
        // The caret button's menu offers both ways.
        QVERIFY(dialog->modeButton()->menu());
        QCOMPARE(dialog->modeButton()->menu()->actions().size(), 2);
        dialog->addNewAction()->trigger();
        QCOMPARE(dialog->mode(), LinkEnrichmentDialog::Mode::AddNew);
        NewEnrichmentForm *form = dialog->newForm();
        QVERIFY(form->isVisible());
        QVERIFY(dialog->existingFields()->combo()->isHidden());
        // Only connectors that can be enrichment targets.
        QComboBox *connectors = form->connectorCombo();
        QStringList ids;
        for (int i = 0; i < connectors->count(); ++i)
            ids << connectors->itemData(i).toString();
        QVERIFY(ids.contains(QStringLiteral("sqlite")));
        QVERIFY(ids.contains(QStringLiteral("postgresql")));
        QVERIFY(!ids.contains(QStringLiteral("local")));
        QVERIFY(ids.contains(QStringLiteral("timescale")));
        QVERIFY(!ids.contains(QStringLiteral("oracle")));
        saveShot(*dialog, QStringLiteral("add-new"));

        QVERIFY(!dialog->finishButton()->isEnabled());
        QTest::keyClicks(form->nameEdit(), QStringLiteral("Marketing")); // taken
        QVERIFY(!dialog->finishButton()->isEnabled());
        form->nameEdit()->clear();
        QTest::keyClicks(form->nameEdit(), QStringLiteral("Local Results"));
        QVERIFY(form->setConnector(QStringLiteral("sqlite")));
        QLineEdit *path = form->connectionForm()->databaseEdit();
        QVERIFY(path);
        path->setText(file);
        dialog->prefixField()->setInput(QStringLiteral("Sales Local"));
        QVERIFY(form->isComplete());
        QVERIFY(dialog->finishButton()->isEnabled());

        ConnectionTestPanel *panel = form->testPanel();
        QSignalSpy tested(panel, &ConnectionTestPanel::finished);
        QTest::mouseClick(panel->testButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(tested.count(), 1, kTimeoutMs);
        QCOMPARE(panel->banner()->kind(), StatusBanner::Kind::Success);
        saveShot(*dialog, QStringLiteral("add-new-tested"));

        QSignalSpy linked(dialog.get(), &LinkEnrichmentDialog::linked);
        QTest::mouseClick(dialog->finishButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(linked.count(), 1, kTimeoutMs);
        QVERIFY(dialog->isDone());
        QVERIFY2(dialog->successBanner()->title().contains(QLatin1String("added and linked")),
                 qPrintable(dialog->successBanner()->title()));
        // The kept prefix's tables are not in the new datastore: nothing to show about them.
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->controller()->isSearchingOrphans(), kTimeoutMs);
        QVERIFY(dialog->orphanPanel()->isHidden());
        saveShot(*dialog, QStringLiteral("added"));

        const auto created = m_catalog.datastoreByName(QStringLiteral("Local Results"));
        QVERIFY(created);
        QVERIFY(created->enrichOnly);
        QCOMPARE(created->database, file);
        QCOMPARE(created->schema, QStringLiteral("main"));
        const auto connection = m_catalog.connection(created->connectionId);
        QVERIFY(connection);
        QCOMPARE(connection->type, QStringLiteral("sqlite"));
        const EnrichmentLink link = source().enrichment;
        QCOMPARE(link.enrichmentDatastoreId, created->id);
        QCOMPARE(link.prefix, QStringLiteral("_sales_local"));
    }

    void addNewKeepsTheSecretInTheKeychain()
    {
        const qint64 finance =
            addSqliteDatastore(QStringLiteral("Finance"), QStringLiteral("finance.sqlite"), false);
        QVERIFY(finance);
        auto dialog = openDialog(finance);
        QVERIFY(dialog);
        dialog->setMode(LinkEnrichmentDialog::Mode::AddNew);
        NewEnrichmentForm *form = dialog->newForm();
        QTest::keyClicks(form->nameEdit(), QStringLiteral("Warehouse Results"));
        QVERIFY(form->setConnector(QStringLiteral("postgresql")));
        ConnectionForm *connection = form->connectionForm();
        connection->fieldEdit(QStringLiteral("host"))->setText(QStringLiteral("127.0.0.1"));
        connection->fieldEdit(QStringLiteral("username"))->setText(QStringLiteral("assay"));
        connection->fieldEdit(QStringLiteral("password"))->setText(QStringLiteral("s3cret-Pw"));
        connection->databaseEdit()->setText(QStringLiteral("warehouse"));
        // Neither a change in the Catalog nor a look at the other mode loses what was typed.
        QVERIFY(addSqliteDatastore(QStringLiteral("Elsewhere"), QStringLiteral("elsewhere.sqlite"),
                                   false));
        dialog->useExistingAction()->trigger();
        dialog->addNewAction()->trigger();
        QCOMPARE(form->connectionForm()->fieldEdit(QStringLiteral("host"))->text(),
                 QStringLiteral("127.0.0.1"));
        QCOMPARE(form->nameEdit()->text(), QStringLiteral("Warehouse Results"));
        QVERIFY(form->isComplete());
        QVERIFY(dialog->finishButton()->isEnabled());
        QSignalSpy linked(dialog.get(), &LinkEnrichmentDialog::linked);
        QTest::mouseClick(dialog->finishButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(linked.count(), 1, kTimeoutMs);

        const auto created = m_catalog.datastoreByName(QStringLiteral("Warehouse Results"));
        QVERIFY(created && created->enrichOnly);
        QCOMPARE(created->schema, QStringLiteral("public"));
        const auto c = m_catalog.connection(created->connectionId);
        QVERIFY(c);
        QCOMPARE(c->secretFields, QStringList{QStringLiteral("password")});
        QCOMPARE(m_catalog.datastore(finance)->enrichment.enrichmentDatastoreId, created->id);
        // The password is in the keychain, and only there.
        CredentialResult stored;
        bool done = false;
        m_credentials.read(c->uuid, QStringLiteral("password"), [&](const CredentialResult &r) {
            stored = r;
            done = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(done, kTimeoutMs);
        QVERIFY2(stored.ok(), qPrintable(stored.message));
        QCOMPARE(stored.secret, QStringLiteral("s3cret-Pw"));
        QFile catalogFile(m_catalog.path());
        QVERIFY(catalogFile.open(QIODevice::ReadOnly));
        QVERIFY(!catalogFile.readAll().contains("s3cret-Pw"));
        QFile wal(m_catalog.path() + QStringLiteral("-wal"));
        if (wal.open(QIODevice::ReadOnly))
            QVERIFY(!wal.readAll().contains("s3cret-Pw"));
        bool removed = false;
        m_credentials.remove(c->uuid, QStringLiteral("password"),
                             [&](const CredentialResult &) { removed = true; });
        QTRY_VERIFY_WITH_TIMEOUT(removed, kTimeoutMs);
    }

    void addNewRefusesWhileLinked()
    {
        // Sales is linked now: adding another would swap.
        auto dialog = openDialog(m_source);
        QVERIFY(dialog);
        dialog->setMode(LinkEnrichmentDialog::Mode::AddNew);
        QVERIFY(!dialog->finishButton()->isEnabled());
        QVERIFY(dialog->problemLabel()->text().contains(QLatin1String("cannot be swapped")));
        // Nothing is created when the controller is asked anyway.
        LinkEnrichmentRequest r = dialog->request();
        r.newDatastore.name = QStringLiteral("Never");
        QSignalSpy failed(dialog->controller(), &EnrichmentLinkController::failed);
        QVERIFY(dialog->controller()->link(r));
        QTRY_COMPARE(failed.count(), 1);
        QVERIFY(!m_catalog.datastoreByName(QStringLiteral("Never")));
    }
};

QTEST_MAIN(TestLinkEnrichmentDialog)
#include "tst_linkenrichmentdialog.moc"
