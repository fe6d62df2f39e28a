#pragma once

#include "models/domain/Connection.h"

#include <QMessageBox>
#include <QObject>
#include <QPointer>
#include <QStringList>

class QWidget;

namespace assay {

class Catalog;
class CredentialStore;

// Deletes one datastore after the user confirmed it. The confirmation names exactly what goes:
// the datastore's records in the Assay catalog (containers, fields, operations with their logs,
// schedules) and, when no other datastore uses its connection, the connection and its keychain
// entries. Source data is never touched. The Catalog rows are deleted on a worker thread (with
// its own Catalog connection), the keychain entries asynchronously; nothing waits on the GUI
// thread. The object deletes itself once finished() was emitted.
class DatastoreDeletion : public QObject
{
    Q_OBJECT
public:
    DatastoreDeletion(QWidget *parent, Catalog *catalog, CredentialStore *credentials,
                      qint64 datastoreId);

    // Shows the confirmation (window-modal, not blocking). False when the datastore is unknown.
    bool ask();
    QMessageBox *confirmationBox() const { return m_box; }
    QAbstractButton *deleteButton() const { return m_deleteButton; }
    // What the confirmation lists, one item per line (for tests and screen readers).
    QStringList consequences() const { return m_consequences; }
    bool deletesConnection() const { return m_deleteConnection; }

signals:
    // `ok` false: `message` says why nothing (or not everything) was deleted. A cancelled
    // confirmation reports ok false with an empty message.
    void finished(bool ok, const QString &message);
    void deleted(qint64 datastoreId);

private:
    void start();
    void onCatalogDone(bool ok, const QString &error);
    void removeSecrets();
    void finish(bool ok, const QString &message);

    QPointer<QWidget> m_parent;
    QPointer<Catalog> m_catalog;
    QPointer<CredentialStore> m_credentials;
    qint64 m_datastoreId;
    QString m_name;
    Connection m_connection;
    bool m_deleteConnection = false;
    QStringList m_consequences;
    QPointer<QMessageBox> m_box;
    QAbstractButton *m_deleteButton = nullptr;
    QStringList m_keychainErrors;
};

// Asks for confirmation, then deletes the datastore asynchronously. Returns the deletion (to
// connect to its signals), or nullptr when the datastore does not exist.
DatastoreDeletion *confirmDeleteDatastore(QWidget *parent, Catalog *catalog,
                                          CredentialStore *credentials, qint64 datastoreId);

} // namespace assay
