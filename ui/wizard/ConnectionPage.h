#pragma once

#include "models/domain/Connection.h"
#include "ui/widgets/ConnectionTestRunner.h"

#include <QWizardPage>

class QPushButton;
class QScrollArea;

namespace assay {

class Catalog;
class ConnectionForm;
class ConnectionTestPanel;
class CredentialStore;

// Add Datastore, page 2: the connection form of the chosen connector (or the chosen existing
// connection, read-only but for Database, Schema, Teams and Initiate Sync) and Test Connection.
// Fields: database, schema, teams, initiateSync.
class ConnectionPage : public QWizardPage
{
    Q_OBJECT
    Q_PROPERTY(QString database READ database NOTIFY formChanged)
    Q_PROPERTY(QString schema READ schema NOTIFY formChanged)
    Q_PROPERTY(QStringList teams READ teams NOTIFY formChanged)
    Q_PROPERTY(bool initiateSync READ initiateSync NOTIFY formChanged)
public:
    ConnectionPage(Catalog *catalog, CredentialStore *credentials, QWidget *parent = nullptr);

    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;
    bool validatePage() override;

    QString database() const;
    QString schema() const;
    QStringList teams() const;
    bool initiateSync() const;
    bool hasInput() const;
    // While the datastore is being created: nothing editable, a spinner in the test panel.
    void setBusy(bool busy, const QString &text = QString());
    bool isBusy() const { return m_busy; }
    // What the last Test Connection of what the form holds now said: nothing (never tested, or
    // the form changed since), it worked, or it failed (failureSummary() says how).
    enum class TestState { Untested, Passed, Failed };
    TestState testState() const;
    QString failureSummary() const { return m_failure; }
    ConnectionTestRequest testRequest() const;

    ConnectionForm *form() const { return m_form; }
    ConnectionTestPanel *testPanel() const { return m_panel; }
    QScrollArea *scrollArea() const { return m_scroll; }
    // "Onboard several schemas…": shown once a test succeeded on a multi-schema connector.
    QPushButton *multiSchemaButton() const { return m_multiSchema; }

signals:
    void formChanged();
    void multiSchemaRequested();

private:
    // Gives the page's first editable field the focus (after Next).
    void focusFirstField();
    void startTest();
    void onTestFinished(const ConnectionTestResult &result);

    Catalog *m_catalog;
    ConnectionForm *m_form;
    ConnectionTestPanel *m_panel;
    QScrollArea *m_scroll;
    QPushButton *m_multiSchema;
    bool m_newConnection = true;
    QString m_connectorId;
    Connection m_connection; // the existing connection
    bool m_initialized = false;
    bool m_busy = false;
    TestState m_testState = TestState::Untested; // of the test of m_testedKey
    QByteArray m_testedKey;                      // what the last test tried (testedKey())
    QString m_failure;                           // the last failed test's diagnosis
};

} // namespace assay
