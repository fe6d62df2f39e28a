#pragma once

// What the Add Datastore wizard's tests share: a catalog, the Keyring fixture's keychain, an
// engine, the Servers fixture's PostgreSQL, and the steps every test takes through the wizard.
#include "UiTestSupport.h"
#include "app/engine/OperationEngine.h"
#include "app/secrets/CredentialStore.h"
#include "models/catalog/Catalog.h"
#include "ui/widgets/ConnectionForm.h"
#include "ui/widgets/ConnectionTestPanel.h"
#include "ui/widgets/StatusBanner.h"
#include "ui/widgets/ToggleSwitch.h"
#include "ui/wizard/AddDatastoreWizard.h"
#include "ui/wizard/ConnectionPage.h"
#include "ui/wizard/DatastorePage.h"

#include <QElapsedTimer>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QWizard>
#include <memory>

namespace assay::test {

constexpr int kNetworkTimeoutMs = 30000;

// Saves a screenshot of `w` once pending layout requests have settled, as they would on screen.
inline void saveShot(QWidget &w, const QString &name)
{
    QTest::qWait(50);
    QVERIFY(w.grab().save(screenshotPath(name)));
}

class WizardFixture
{
protected:
    // Keychain, PostgreSQL, the catalog and the engine; false with `why` when a fixture is
    // missing.
    bool startFixture(QString *why)
    {
        if (!useTestKeyring()) {
            *why = QStringLiteral("the Keyring fixture is not running");
            return false;
        }
        m_pg = postgres();
        if (m_pg.host.isEmpty() || !m_dir.isValid()) {
            *why = QStringLiteral("the Servers fixture is not running");
            return false;
        }
        if (!m_catalog.open(m_dir.filePath(QStringLiteral("catalog.sqlite")))) {
            *why = m_catalog.lastError();
            return false;
        }
        m_engine = std::make_unique<OperationEngine>(&m_catalog, &m_store, 1);
        return true;
    }

    // Lets queued syncs end before the engine goes; false when they did not.
    bool stopFixture()
    {
        const bool idle =
            !m_engine || QTest::qWaitFor([this] { return m_engine->isIdle(); }, 60000);
        m_engine.reset();
        return idle;
    }

    QTemporaryDir m_dir;
    Catalog m_catalog;
    CredentialStore m_store;
    std::unique_ptr<OperationEngine> m_engine;
    test::Server m_pg;

    std::unique_ptr<AddDatastoreWizard> newWizard(CredentialStore *store = nullptr)
    {
        auto wizard = std::make_unique<AddDatastoreWizard>(&m_catalog, store ? store : &m_store,
                                                           m_engine.get());
        wizard->resize(760, 600);
        wizard->show();
        if (!QTest::qWaitForWindowExposed(wizard.get()))
            return nullptr;
        return wizard;
    }

    // Page 1 with a new connection of `connector`, then Next.
    static bool toConnectionPage(AddDatastoreWizard &wizard, const QString &name,
                                 const QString &connector)
    {
        DatastorePage *page = wizard.datastorePage();
        page->nameEdit()->setText(name);
        page->newConnectionToggle()->setChecked(true);
        if (!page->selectConnector(connector))
            return false;
        if (!wizard.button(QWizard::NextButton)->isEnabled())
            return false;
        wizard.button(QWizard::NextButton)->click();
        return wizard.currentId() == AddDatastoreWizard::ConnectionPageId;
    }

    static void fillPostgres(ConnectionForm *form, const test::Server &pg, const QString &password)
    {
        form->fieldEdit(QStringLiteral("host"))->setText(pg.host);
        form->fieldEdit(QStringLiteral("port"))->setText(QString::number(pg.port));
        form->fieldEdit(QStringLiteral("username"))->setText(pg.user);
        form->fieldEdit(QStringLiteral("password"))->setText(password);
        form->databaseEdit()->setText(pg.database);
    }

    // Answers "Save without a working connection?" with Save Anyway (a test that saves what it
    // did not test, or whose test failed on purpose).
    static bool saveAnyway(AddDatastoreWizard &wizard)
    {
        if (!QTest::qWaitFor([&] { return wizard.untestedConnectionBox() != nullptr; }, 5000))
            return false;
        auto *save = wizard.untestedConnectionBox()->findChild<QPushButton *>(
            QStringLiteral("saveAnywayButton"));
        if (!save)
            return false;
        save->click();
        return true;
    }

    // Clicks Test Connection and waits for the banner.
    static StatusBanner *runTest(AddDatastoreWizard &wizard)
    {
        ConnectionTestPanel *panel = wizard.connectionPage()->testPanel();
        QTest::mouseClick(panel->testButton(), Qt::LeftButton);
        if (!panel->isRunning() && !panel->banner()->isVisible())
            return nullptr;
        QElapsedTimer timer;
        timer.start();
        while (panel->isRunning() && timer.elapsed() < kNetworkTimeoutMs)
            QTest::qWait(20);
        return panel->isRunning() ? nullptr : panel->banner();
    }

    QString keychainSecret(const QString &uuid, const QString &field)
    {
        const CredentialResult r = m_store.readAndWait(uuid, field);
        return r.ok() ? r.secret : QStringLiteral("<%1>").arg(r.message);
    }

    QString makeSqliteFile(const QString &fileName)
    {
        const QString path = m_dir.filePath(fileName);
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("make"));
            db.setDatabaseName(path);
            if (!db.open())
                return QString();
            QSqlQuery q(db);
            q.exec(QStringLiteral("CREATE TABLE orders (id INTEGER PRIMARY KEY, total REAL)"));
            q.exec(QStringLiteral("INSERT INTO orders (total) VALUES (12.5), (7)"));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("make"));
        return path;
    }
};

} // namespace assay::test
