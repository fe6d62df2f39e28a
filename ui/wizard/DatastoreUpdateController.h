#pragma once

#include "models/domain/Connection.h"
#include "models/domain/Datastore.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QStringList>

namespace assay {

class Catalog;
class CredentialStore;

// What the Edit Datastore dialog asks to save.
struct DatastoreEdit
{
    Datastore datastore;                    // the new values (id set)
    Connection connection;                  // the new non-secret values (id and uuid set)
    QHash<QString, QString> secretsToWrite; // typed secrets (blank ones are left out)
    QStringList secretsToRemove;            // keychain entries no longer used
};

// Saves an edited datastore and its connection without blocking the GUI. New secrets replace
// the stored ones in the keychain (the old values are read first, and put back if anything
// later fails), then the Catalog records change. saved() or failed(message).
class DatastoreUpdateController : public QObject
{
    Q_OBJECT
public:
    DatastoreUpdateController(Catalog *catalog, CredentialStore *credentials,
                              QObject *parent = nullptr);

    bool update(const DatastoreEdit &edit);
    bool isRunning() const { return m_running; }

signals:
    void saved(qint64 datastoreId);
    void failed(const QString &message);

private:
    struct Previous
    {
        QString field;
        bool existed = false;
        QString value;
    };
    void nextSecret();
    void record();
    void removeUnused();
    void restoreAndFail(const QString &message);

    Catalog *m_catalog;
    QPointer<CredentialStore> m_credentials;
    DatastoreEdit m_edit;
    QStringList m_pending;
    QList<Previous> m_previous; // secrets already replaced, to put back on failure
    bool m_running = false;
};

} // namespace assay
