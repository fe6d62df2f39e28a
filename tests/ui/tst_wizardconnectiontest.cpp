#include "WizardFixture.h"
#include "ui/widgets/BusySpinner.h"

#include <QApplication>
#include <QLabel>
#include <QSignalSpy>
#include <QTcpServer>

using namespace assay;
using namespace assay::test;

// Test Connection in the Add Datastore wizard: it never blocks the window and can be cancelled,
// and saving a connection whose test failed (or that was not tested) is a choice the user makes.
class TestWizardConnectionTest : public QObject, public WizardFixture
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QString why;
        QVERIFY2(startFixture(&why), qPrintable(why));
    }

    void cleanupTestCase() { QVERIFY(stopFixture()); }

    void cancelStopsARunningTest()
    {
        // A server that accepts and never answers: the test runs until cancelled.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        auto wizard = newWizard();
        QVERIFY(wizard);
        QVERIFY(toConnectionPage(*wizard, QStringLiteral("Silent"), QStringLiteral("postgresql")));
        ConnectionForm *form = wizard->connectionPage()->form();
        fillPostgres(form, m_pg, QStringLiteral("whatever"));
        form->fieldEdit(QStringLiteral("host"))->setText(QStringLiteral("127.0.0.1"));
        form->fieldEdit(QStringLiteral("port"))->setText(QString::number(silent.serverPort()));
        ConnectionTestPanel *panel = wizard->connectionPage()->testPanel();
        QElapsedTimer clock;
        clock.start();
        QTest::mouseClick(panel->testButton(), Qt::LeftButton);
        QVERIFY(clock.elapsed() < 1000); // the GUI thread did not wait
        QVERIFY(panel->isRunning());
        QVERIFY(panel->spinner()->isSpinning());
        QVERIFY(panel->cancelButton()->isVisible());
        QVERIFY(!panel->testButton()->isEnabled());
        QTest::qWait(300);
        QVERIFY(panel->isRunning());
        QVERIFY(!panel->statusLabel()->text().isEmpty());
        saveShot(*wizard, QStringLiteral("wizard-testing.png"));
        QTest::mouseClick(panel->cancelButton(), Qt::LeftButton);
        QVERIFY(!panel->isRunning());
        QVERIFY(!panel->spinner()->isSpinning());
        QVERIFY(!panel->cancelButton()->isVisible());
        QVERIFY(panel->testButton()->isEnabled());
        QCOMPARE(panel->banner()->kind(), StatusBanner::Kind::Info);
        QCOMPARE(panel->banner()->title(), QStringLiteral("Test cancelled"));
    }

    // The keyboard: Alt+N advances (no other mnemonic takes it), the next page's first field
    // has the focus, and after a test the focus is never on Back: on Test Connection after a
    // failure, on Finish after a success, so Enter does what the page is for.
    void keyboardFocusFollowsThePages()
    {
        auto wizard = newWizard();
        QVERIFY(wizard);
        wizard->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(wizard.get()));
        DatastorePage *page = wizard->datastorePage();
        page->nameEdit()->setText(QStringLiteral("Keyboard PG"));
        page->newConnectionToggle()->setChecked(true);
        QVERIFY(page->selectConnector(QStringLiteral("postgresql")));
        QVERIFY(wizard->button(QWizard::NextButton)->isEnabled());
        QTest::keyClick(wizard.get(), Qt::Key_N, Qt::AltModifier);
        QTRY_COMPARE(wizard->currentId(), int(AddDatastoreWizard::ConnectionPageId));
        ConnectionForm *form = wizard->connectionPage()->form();
        QTRY_VERIFY(QApplication::focusWidget() && form->isAncestorOf(QApplication::focusWidget()));
        QCOMPARE(QApplication::focusWidget(), form->fieldEdit(QStringLiteral("host")));

        fillPostgres(form, m_pg, QStringLiteral("not-the-password"));
        ConnectionTestPanel *panel = wizard->connectionPage()->testPanel();
        panel->testButton()->setFocus();
        QSignalSpy tested(panel, &ConnectionTestPanel::finished);
        QTest::keyClick(panel->testButton(), Qt::Key_Space);
        QTRY_COMPARE_WITH_TIMEOUT(tested.count(), 1, 20000);
        QVERIFY(QApplication::focusWidget() != wizard->button(QWizard::BackButton));
        QCOMPARE(QApplication::focusWidget(), panel->testButton());

        form->fieldEdit(QStringLiteral("password"))->setText(m_pg.password);
        panel->testButton()->setFocus();
        QTest::keyClick(panel->testButton(), Qt::Key_Space);
        QTRY_COMPARE_WITH_TIMEOUT(tested.count(), 2, 20000);
        QCOMPARE(panel->banner()->kind(), StatusBanner::Kind::Success);
        QCOMPARE(QApplication::focusWidget(), wizard->button(QWizard::FinishButton));
    }

    // Finish after a failed test asks first ("Save without a working connection?"); Go Back
    // saves nothing; Save Anyway saves, and the message does not pretend the sync discovers
    // anything. A test that passed, for what the form holds now, asks nothing.
    void finishAfterAFailedTestAsksFirst()
    {
        auto wizard = newWizard();
        QVERIFY(wizard);
        QVERIFY(
            toConnectionPage(*wizard, QStringLiteral("Sales PG"), QStringLiteral("postgresql")));
        ConnectionForm *form = wizard->connectionPage()->form();
        fillPostgres(form, m_pg, QStringLiteral("not-the-password"));
        StatusBanner *banner = runTest(*wizard);
        QVERIFY(banner);
        QCOMPARE(banner->title(), QStringLiteral("Authentication failed"));
        QCOMPARE(wizard->connectionPage()->testState(), ConnectionPage::TestState::Failed);
        const int before = int(m_catalog.datastores().size());

        wizard->button(QWizard::FinishButton)->click();
        QTRY_VERIFY(wizard->untestedConnectionBox());
        QMessageBox *box = wizard->untestedConnectionBox();
        QCOMPARE(box->windowTitle(), QStringLiteral("Save without a working connection?"));
        QVERIFY2(box->text().contains(QStringLiteral("Authentication failed")),
                 qPrintable(box->text()));
        saveShot(*box, QStringLiteral("wizard-untested-connection.png"));
        // Go Back (the default after a failure): nothing saved, the wizard stays.
        QAbstractButton *back = nullptr;
        for (QAbstractButton *b : box->buttons())
            if (box->buttonRole(b) == QMessageBox::RejectRole)
                back = b;
        QVERIFY(back);
        QCOMPARE(box->defaultButton(), back);
        back->click();
        QTRY_VERIFY(!wizard->untestedConnectionBox());
        QCOMPARE(int(m_catalog.datastores().size()), before);
        QVERIFY(wizard->isVisible());

        // Changing the password makes the old result say nothing: asked again, as untested.
        form->fieldEdit(QStringLiteral("password"))->setText(QStringLiteral("still-wrong"));
        QCOMPARE(wizard->connectionPage()->testState(), ConnectionPage::TestState::Untested);
        QSignalSpy created(wizard.get(), &AddDatastoreWizard::datastoreCreated);
        wizard->button(QWizard::FinishButton)->click();
        QTRY_VERIFY(wizard->untestedConnectionBox());
        QVERIFY(
            wizard->untestedConnectionBox()->text().contains(QStringLiteral("not been tested")));
        wizard->untestedConnectionBox()
            ->findChild<QPushButton *>(QStringLiteral("saveAnywayButton"))
            ->click();
        QTRY_VERIFY_WITH_TIMEOUT(wizard->successBox(), 20000);
        QVERIFY2(wizard->successBox()->informativeText().contains(
                     QStringLiteral("fails while the connection does not work")),
                 qPrintable(wizard->successBox()->informativeText()));
        QVERIFY(!wizard->successBox()->informativeText().contains(QStringLiteral("discovering")));
        wizard->successBox()->button(QMessageBox::Ok)->click();
        QTRY_COMPARE(created.size(), 1);
    }
};

QTEST_MAIN(TestWizardConnectionTest)
#include "tst_wizardconnectiontest.moc"
