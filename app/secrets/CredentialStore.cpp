#include "app/secrets/CredentialStore.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QLoggingCategory>
#include <QPointer>
#include <QTimer>
#include <functional>
#include <memory>
#include <qt6keychain/keychain.h>

Q_LOGGING_CATEGORY(lcSecrets, "assay.secrets")

namespace assay {

namespace {

// The context of this file's translatable text (as lupdate sees it, too).
struct CredentialStoreText
{
    Q_DECLARE_TR_FUNCTIONS(assay::CredentialStore)
};

bool looksUnavailable(const QString &text)
{
    // What libsecret/D-Bus say when no Secret Service runs, or the keyring is locked/missing.
    static const char *const needles[] = {"autolaunch",
                                          "org.freedesktop.secrets",
                                          "Object does not exist",
                                          "ServiceUnknown",
                                          "not provided",
                                          "No such interface",
                                          "locked",
                                          "kwalletd",
                                          "D-Bus",
                                          "Could not open wallet",
                                          "Could not connect",
                                          "Failed to connect"};
    for (const char *needle : needles)
        if (text.contains(QLatin1String(needle), Qt::CaseInsensitive))
            return true;
    return false;
}

} // namespace

CredentialResult credentialErrorFor(int keychainError, const QString &keychainText)
{
    CredentialResult r;
    switch (keychainError) {
    case QKeychain::NoError:
        return r;
    case QKeychain::EntryNotFound:
        r.error = CredentialError::NotFound;
        r.message = CredentialStoreText::tr(
            "No secret is stored in the keychain for this connection; enter it again.");
        return r;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        r.error = CredentialError::AccessDenied;
        r.message = CredentialStoreText::tr(
                        "The keychain refused access to Assay's secret (%1). Allow Assay in your "
                        "keychain and try again.")
                        .arg(keychainText);
        return r;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        r.error = CredentialError::Unavailable;
        break;
    default:
        r.error =
            looksUnavailable(keychainText) ? CredentialError::Unavailable : CredentialError::Other;
        break;
    }
    if (r.error == CredentialError::Unavailable)
        r.message = CredentialStoreText::tr(
                        "The system keychain is not available (%1). Assay keeps secrets only in "
                        "the keychain, never in files: start or unlock your keyring (GNOME "
                        "Keyring, KWallet, macOS Keychain, Windows Credential Manager) and try "
                        "again.")
                        .arg(keychainText);
    else
        r.message = CredentialStoreText::tr("The keychain reported an error: %1").arg(keychainText);
    return r;
}

CredentialStore::CredentialStore(QObject *parent, int timeoutMs)
    : QObject(parent), m_timeoutMs(timeoutMs)
{
}

QString CredentialStore::serviceName()
{
    return QStringLiteral("Assay");
}

QString CredentialStore::key(const QString &connectionUuid, const QString &field)
{
    return QStringLiteral("assay/%1/%2").arg(connectionUuid, field);
}

void CredentialStore::write(const QString &uuid, const QString &field, const QString &secret,
                            Callback done)
{
    run(Kind::Write, uuid, field, secret, std::move(done));
}

void CredentialStore::read(const QString &uuid, const QString &field, Callback done)
{
    run(Kind::Read, uuid, field, QString(), std::move(done));
}

void CredentialStore::remove(const QString &uuid, const QString &field, Callback done)
{
    run(Kind::Remove, uuid, field, QString(), std::move(done));
}

void CredentialStore::run(Kind kind, const QString &uuid, const QString &field,
                          const QString &secret, Callback done)
{
    QKeychain::Job *job = nullptr;
    switch (kind) {
    case Kind::Write: {
        auto *write = new QKeychain::WritePasswordJob(serviceName());
        write->setTextData(secret);
        job = write;
        break;
    }
    case Kind::Read:
        job = new QKeychain::ReadPasswordJob(serviceName());
        break;
    case Kind::Remove:
        job = new QKeychain::DeletePasswordJob(serviceName());
        break;
    }
    job->setKey(key(uuid, field));
    job->setAutoDelete(true);
    // Never store a secret in plaintext: QtKeychain's fallback writes a settings file.
    job->setInsecureFallback(false);

    // The callback runs exactly once: on the job's answer or on the timeout, whichever is first.
    auto pending = std::make_shared<Callback>(std::move(done));
    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    const QString what = key(uuid, field);
    connect(timer, &QTimer::timeout, this, [pending, timer, what, this] {
        timer->deleteLater();
        if (!*pending)
            return;
        qCWarning(lcSecrets) << "keychain timed out for" << what;
        CredentialResult r;
        r.error = CredentialError::Timeout;
        r.message = tr("The keychain did not answer within %1 seconds; it may be locked or "
                       "waiting for a password prompt. Unlock it and try again.")
                        .arg(m_timeoutMs / 1000.0);
        auto callback = std::move(*pending);
        *pending = nullptr;
        callback(r);
    });
    connect(job, &QKeychain::Job::finished, this,
            [pending, guard = QPointer<QTimer>(timer), kind](QKeychain::Job *j) {
                if (guard) {
                    guard->stop();
                    guard->deleteLater();
                }
                if (!*pending)
                    return; // timed out already
                CredentialResult r = credentialErrorFor(j->error(), j->errorString());
                if (r.ok() && kind == Kind::Read)
                    r.secret = static_cast<QKeychain::ReadPasswordJob *>(j)->textData();
                if (!r.ok())
                    qCInfo(lcSecrets) << "keychain job failed:" << j->error() << j->errorString();
                auto callback = std::move(*pending);
                *pending = nullptr;
                callback(r);
            });
    timer->start(m_timeoutMs);
    job->start();
}

void CredentialStore::writeAll(const QString &uuid, QList<QPair<QString, QString>> secrets,
                               BatchCallback done)
{
    // One at a time: a keychain prompt or a failure must not leave a burst of jobs behind.
    struct State
    {
        QList<QPair<QString, QString>> pending;
        QStringList written;
        BatchCallback done;
    };
    auto state = std::make_shared<State>(State{std::move(secrets), {}, std::move(done)});
    auto next = std::make_shared<std::function<void()>>();
    *next = [this, uuid, state, weakNext = std::weak_ptr<std::function<void()>>(next)] {
        if (state->pending.isEmpty()) {
            state->done(CredentialResult(), QString(), state->written);
            return;
        }
        const auto [field, secret] = state->pending.takeFirst();
        // The running job holds the chain: it ends (and is freed) after the last answer.
        auto self = weakNext.lock();
        write(uuid, field, secret, [state, field = field, self](const CredentialResult &result) {
            // A write that timed out may still land: count it as written for a rollback.
            if (result.ok() || result.error == CredentialError::Timeout)
                state->written << field;
            if (!result.ok()) {
                state->done(result, field, state->written);
                return;
            }
            (*self)();
        });
    };
    // The chain keeps itself alive until it ends.
    auto keeper = next;
    QMetaObject::invokeMethod(
        this, [keeper] { (*keeper)(); }, Qt::QueuedConnection);
}

void CredentialStore::removeAll(const QString &uuid, const QStringList &fields)
{
    for (const QString &field : fields)
        remove(uuid, field, [field](const CredentialResult &r) {
            if (!r.ok() && r.error != CredentialError::NotFound)
                qCWarning(lcSecrets)
                    << "could not remove the keychain entry" << field << ":" << r.message;
        });
}

CredentialResult CredentialStore::runAndWait(Kind kind, const QString &uuid, const QString &field,
                                             const QString &secret)
{
    CredentialResult result;
    bool finished = false;
    QEventLoop loop;
    run(kind, uuid, field, secret, [&](const CredentialResult &r) {
        result = r;
        finished = true;
        loop.quit();
    });
    if (!finished)
        loop.exec();
    return result;
}

CredentialResult CredentialStore::writeAndWait(const QString &uuid, const QString &field,
                                               const QString &secret)
{
    return runAndWait(Kind::Write, uuid, field, secret);
}

CredentialResult CredentialStore::readAndWait(const QString &uuid, const QString &field)
{
    return runAndWait(Kind::Read, uuid, field, QString());
}

CredentialResult CredentialStore::removeAndWait(const QString &uuid, const QString &field)
{
    return runAndWait(Kind::Remove, uuid, field, QString());
}

} // namespace assay
