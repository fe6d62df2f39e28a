#pragma once

#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QStringList>
#include <functional>

namespace assay {

enum class CredentialError {
    None,
    NotFound,    // nothing stored under that key
    Unavailable, // no keychain service, or it is locked / cannot be reached
    AccessDenied,
    Timeout,
    Other,
};

struct CredentialResult
{
    CredentialError error = CredentialError::None;
    QString secret;  // read results only
    QString message; // plain words for the user; empty on success
    bool ok() const { return error == CredentialError::None; }
};

// Secrets in the operating system's keychain (Secret Service, macOS Keychain, Windows
// Credential Manager) through QtKeychain, under keys assay/<connection-uuid>/<field>.
// There is no plaintext fallback: when the keychain is unavailable, callers get a plain message
// saying so. Every job has a timeout, so a keychain that never answers cannot hang Assay.
class CredentialStore : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const CredentialResult &)>;

    explicit CredentialStore(QObject *parent = nullptr, int timeoutMs = 15000);

    static QString serviceName();
    static QString key(const QString &connectionUuid, const QString &field);

    // Asynchronous: `done` runs on this object's thread once the job ends or times out.
    void write(const QString &connectionUuid, const QString &field, const QString &secret,
               Callback done);
    void read(const QString &connectionUuid, const QString &field, Callback done);
    void remove(const QString &connectionUuid, const QString &field, Callback done);

    // Writes several secrets of one connection, one after the other, stopping at the first
    // failure. `done` gets the failure (ok when all were stored), the field that failed, and
    // every field that was (or, after a timeout, may have been) stored: what removeAll() undoes.
    using BatchCallback = std::function<void(
        const CredentialResult &result, const QString &failedField, const QStringList &written)>;
    void writeAll(const QString &connectionUuid, QList<QPair<QString, QString>> secrets,
                  BatchCallback done);
    // Removes these fields of a connection, best effort (a rollback): failures are only logged.
    void removeAll(const QString &connectionUuid, const QStringList &fields);

    // Blocking variants for headless code (CLI, worker threads): they spin a local event loop
    // and must never be called on the GUI thread.
    CredentialResult writeAndWait(const QString &connectionUuid, const QString &field,
                                  const QString &secret);
    CredentialResult readAndWait(const QString &connectionUuid, const QString &field);
    CredentialResult removeAndWait(const QString &connectionUuid, const QString &field);

private:
    enum class Kind { Write, Read, Remove };
    void run(Kind kind, const QString &connectionUuid, const QString &field, const QString &secret,
             Callback done);
    CredentialResult runAndWait(Kind kind, const QString &connectionUuid, const QString &field,
                                const QString &secret);

    int m_timeoutMs;
};

// The plain message for a QtKeychain error code and its text (exposed for tests).
CredentialResult credentialErrorFor(int keychainError, const QString &keychainText);

} // namespace assay
