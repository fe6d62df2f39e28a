#include "ui/wizard/DatastoreUpdateController.h"

#include "app/secrets/CredentialStore.h"
#include "models/catalog/Catalog.h"

#include <QLoggingCategory>
#include <memory>

Q_DECLARE_LOGGING_CATEGORY(lcCreate)

namespace assay {

DatastoreUpdateController::DatastoreUpdateController(Catalog *catalog, CredentialStore *credentials,
                                                     QObject *parent)
    : QObject(parent), m_catalog(catalog), m_credentials(credentials)
{
}

bool DatastoreUpdateController::update(const DatastoreEdit &edit)
{
    if (m_running)
        return false;
    m_running = true;
    m_edit = edit;
    m_previous.clear();
    m_pending = edit.secretsToWrite.keys();
    m_pending.sort();
    QMetaObject::invokeMethod(this, &DatastoreUpdateController::nextSecret, Qt::QueuedConnection);
    return true;
}

void DatastoreUpdateController::nextSecret()
{
    if (m_pending.isEmpty()) {
        record();
        return;
    }
    if (!m_credentials) {
        restoreAndFail(tr("The system keychain is not available, so the new secrets cannot be "
                          "stored. Nothing was changed."));
        return;
    }
    const QString field = m_pending.takeFirst();
    const QString uuid = m_edit.connection.uuid;
    QPointer<DatastoreUpdateController> self(this);
    // Read the old value first, so a later failure can put it back.
    m_credentials->read(uuid, field, [self, uuid, field](const CredentialResult &old) {
        if (!self)
            return;
        if (!old.ok() && old.error != CredentialError::NotFound) {
            self->restoreAndFail(
                tr("The keychain could not be read: %1 Nothing was changed.").arg(old.message));
            return;
        }
        Previous previous{field, old.ok(), old.secret};
        if (!self->m_credentials) {
            self->restoreAndFail(tr("The keychain went away. Nothing was changed."));
            return;
        }
        self->m_credentials->write(uuid, field, self->m_edit.secretsToWrite.value(field),
                                   [self, previous](const CredentialResult &written) {
                                       if (!self)
                                           return;
                                       if (!written.ok()) {
                                           self->restoreAndFail(
                                               tr("The %1 could not be stored in the keychain: %2")
                                                   .arg(previous.field, written.message));
                                           return;
                                       }
                                       self->m_previous << previous;
                                       self->nextSecret();
                                   });
    });
}

void DatastoreUpdateController::record()
{
    const auto oldConnection = m_catalog->connection(m_edit.connection.id);
    if (!oldConnection) {
        restoreAndFail(tr("The connection no longer exists."));
        return;
    }
    if (*oldConnection != m_edit.connection && !m_catalog->updateConnection(m_edit.connection)) {
        restoreAndFail(tr("The connection could not be saved: %1").arg(m_catalog->lastError()));
        return;
    }
    if (!m_catalog->updateDatastore(m_edit.datastore)) {
        const QString error = m_catalog->lastError();
        m_catalog->warnUnless(m_catalog->updateConnection(*oldConnection), "updateConnection");
        restoreAndFail(tr("The datastore could not be saved: %1").arg(error));
        return;
    }
    removeUnused();
}

void DatastoreUpdateController::removeUnused()
{
    const QStringList fields = m_edit.secretsToRemove;
    const qint64 id = m_edit.datastore.id;
    if (fields.isEmpty() || !m_credentials) {
        m_running = false;
        emit saved(id);
        return;
    }
    auto outstanding = std::make_shared<int>(int(fields.size()));
    QPointer<DatastoreUpdateController> self(this);
    for (const QString &field : fields)
        m_credentials->remove(m_edit.connection.uuid, field,
                              [self, outstanding, field, id](const CredentialResult &r) {
                                  if (!r.ok() && r.error != CredentialError::NotFound)
                                      qCWarning(lcCreate) << "unused keychain entry" << field
                                                          << "not removed:" << r.message;
                                  if (--*outstanding == 0 && self) {
                                      self->m_running = false;
                                      emit self->saved(id);
                                  }
                              });
}

void DatastoreUpdateController::restoreAndFail(const QString &message)
{
    qCWarning(lcCreate) << "saving the datastore failed:" << message;
    if (m_credentials)
        for (const Previous &p : std::as_const(m_previous)) {
            const auto log = [field = p.field](const CredentialResult &r) {
                if (!r.ok())
                    qCWarning(lcCreate)
                        << "could not restore the keychain entry" << field << ":" << r.message;
            };
            if (p.existed)
                m_credentials->write(m_edit.connection.uuid, p.field, p.value, log);
            else
                m_credentials->remove(m_edit.connection.uuid, p.field, log);
        }
    m_previous.clear();
    m_pending.clear();
    m_running = false;
    emit failed(message);
}

} // namespace assay
