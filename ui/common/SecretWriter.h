#pragma once

#include "app/secrets/CredentialStore.h"

#include <QList>
#include <QPair>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <functional>

namespace assay {

struct ConnectionDraft;

// A new connection's secrets on their way to the keychain, for every flow that creates a
// connection (Add Datastore, multi-schema onboarding, a new enrichment datastore): they are
// written before the connection's record, and taken back if anything after fails, so neither
// an orphaned secret nor a record without its secret is left behind.
class SecretWriter
{
public:
    explicit SecretWriter(CredentialStore *store) : m_store(store) {}

    // What `draft` holds for connection `connectionUuid`: its non-empty secret fields and the
    // Vault credentials payload. Forgets anything prepared or written before.
    void prepare(const QString &connectionUuid, const ConnectionDraft &draft);
    bool hasPending() const { return !m_pending.isEmpty(); }
    // There are secrets but no keychain to put them in.
    bool lacksKeychain() const { return hasPending() && !m_store; }

    // Writes what was prepared; `done` gets an empty string when all were stored, else the
    // sentence that says why not. `done` is not called once `guard` is gone.
    void write(QObject *guard, std::function<void(const QString &error)> done);
    // Takes back every secret written (best effort: failures are logged by the store).
    void rollback();
    // The connection was recorded: its secrets are its own now, nothing to take back.
    void keep();

private:
    QPointer<CredentialStore> m_store;
    QString m_connectionUuid;
    QList<QPair<QString, QString>> m_pending; // field, value
    QStringList m_written;
};

} // namespace assay
