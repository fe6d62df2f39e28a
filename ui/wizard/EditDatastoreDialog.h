#pragma once

#include "models/domain/Connection.h"
#include "models/domain/Datastore.h"

#include <QDialog>
#include <QSet>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace assay {

class Catalog;
class ConnectionForm;
class ConnectionTestPanel;
class CredentialStore;
class DatastoreUpdateController;

// Edits a datastore and its connection with the same fields as the Add Datastore wizard,
// filled with the current values. Renaming checks uniqueness; secrets left blank keep the ones
// in the keychain. Test Connection works as in the wizard. Saving goes through
// DatastoreUpdateController; the dialog closes once it succeeded.
class EditDatastoreDialog : public QDialog
{
    Q_OBJECT
public:
    EditDatastoreDialog(Catalog *catalog, CredentialStore *credentials, qint64 datastoreId,
                        QWidget *parent = nullptr);

    // False when the datastore (or its connection) was not found.
    bool isValid() const { return m_datastore.id != 0 && m_connection.id != 0; }
    bool isSaving() const;

    QLineEdit *nameEdit() const { return m_name; }
    QLabel *nameMessage() const { return m_nameMessage; }
    ConnectionForm *form() const { return m_form; }
    ConnectionTestPanel *testPanel() const { return m_panel; }
    QPushButton *saveButton() const { return m_save; }
    DatastoreUpdateController *controller() const { return m_controller; }

    void accept() override;

signals:
    void datastoreSaved(qint64 datastoreId);

private:
    QString nameProblem() const;
    void updateState();
    void startTest();

    Catalog *m_catalog;
    Datastore m_datastore;
    Connection m_connection;
    QSet<QString> m_takenNames; // other datastores, lower case
    QLineEdit *m_name;
    QLabel *m_nameMessage;
    ConnectionForm *m_form;
    ConnectionTestPanel *m_panel;
    QDialogButtonBox *m_buttons;
    QPushButton *m_save;
    DatastoreUpdateController *m_controller;
};

} // namespace assay
