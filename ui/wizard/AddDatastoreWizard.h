#pragma once

#include "ui/widgets/ConnectionDraft.h"

#include <QMessageBox>
#include <QPointer>
#include <QWizard>

namespace assay {

class Catalog;
class ConnectionPage;
class CredentialStore;
class DatastoreCreationController;
class DatastorePage;
class OperationEngine;

// Add Datastore: page 1 names the datastore and picks a connector or an existing connection,
// page 2 collects the connection details and tests them. The pages only collect and validate;
// DatastoreCreationController does the work when Finish (or Next: Link Enrichment) is pressed.
// On success a message box says so, then datastoreCreated() tells the caller which datastore to
// select and whether to open Link Enrichment next.
class AddDatastoreWizard : public QWizard
{
    Q_OBJECT
public:
    enum PageId { DatastorePageId, ConnectionPageId };

    AddDatastoreWizard(Catalog *catalog, CredentialStore *credentials, OperationEngine *engine,
                       QWidget *parent = nullptr);
    ~AddDatastoreWizard() override;

    // What the pages collected, as the controller receives it.
    NewDatastore request() const;
    bool isCreating() const { return m_creating; }
    qint64 createdDatastoreId() const { return m_createdId; }

    DatastorePage *datastorePage() const { return m_datastorePage; }
    ConnectionPage *connectionPage() const { return m_connectionPage; }
    DatastoreCreationController *controller() const { return m_controller; }
    // The "Datastore X was added" box while it is shown; the "Discard?" question likewise.
    QMessageBox *successBox() const { return m_successBox; }
    // "Save without a working connection?", asked by Finish or Next when the last Test
    // Connection failed or none was run since the form changed.
    QMessageBox *untestedConnectionBox() const { return m_untestedBox; }
    QMessageBox *discardBox() const { return m_discardBox; }

    void accept() override;
    void reject() override;

signals:
    void datastoreCreated(qint64 datastoreId, bool linkEnrichmentNext);

private:
    void create(bool linkEnrichmentNext);
    // True when the connection tested fine; otherwise asks (untestedConnectionBox) and returns
    // false: saving anyway calls create() again.
    bool confirmUntestedConnection(bool linkEnrichmentNext);
    void onCreated(qint64 datastoreId, bool linkEnrichmentNext);
    void onFailed(const QString &message);
    void updateButtons();
    bool hasInput() const;

    Catalog *m_catalog;
    DatastorePage *m_datastorePage;
    ConnectionPage *m_connectionPage;
    DatastoreCreationController *m_controller;
    QPointer<QMessageBox> m_successBox;
    QPointer<QMessageBox> m_discardBox;
    QPointer<QMessageBox> m_untestedBox;
    bool m_saveUntested = false;    // "Save Anyway" was chosen for this create()
    bool m_testedWhenSaved = false; // the connection's test had passed when it was saved
    bool m_creating = false;
    bool m_done = false;
    qint64 m_createdId = 0;
};

} // namespace assay
