#pragma once

#include "app/secrets/VaultConfig.h"

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace assay {

struct VaultResult
{
    QHash<QString, QString> secrets; // key -> value of the secret's data object
    QString error;                   // plain words for the user; empty on success
    bool ok() const { return error.isEmpty(); }
};

// Reads one secret from HashiCorp Vault (or anything that speaks the same shape):
//   1. if a Login URL is set, POSTs the credentials payload (application/json) to it and takes
//      the token from the answer with the Token JSONPath;
//   2. GETs the Secret URL, sending the token in the header <Token Header Name>: <token>;
//   3. takes the data object from the answer with the Data JSONPath and returns its members as
//      strings (numbers and booleans as their JSON text, null as empty, objects/arrays as compact
//      JSON).
//
// Asynchronous, on the thread the client lives in: fetch() returns at once and finished() is
// emitted exactly once per fetch() (also for invalid settings, timeouts and abort()), never from
// inside the fetch() that started it. Each request has a timeout (15 s by default). TLS
// certificates are always verified; certificate errors are reported, never ignored. The payload,
// the token and the secret values are never logged and never appear in error messages.
class VaultClient : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultTimeoutMs = 15000;

    explicit VaultClient(QObject *parent = nullptr);
    ~VaultClient() override;

    // Time allowed for each HTTP request (login, then secret), in milliseconds.
    void setTimeout(int milliseconds);
    int timeout() const { return m_timeoutMs; }

    bool isRunning() const { return m_running; }

    // Starts reading the secret. A fetch already running is aborted first: its finished() (with
    // the "cancelled" error) is emitted before this call returns.
    void fetch(const VaultConfig &config);

    // Cancels the running fetch; finished() is emitted with a "cancelled" error. No-op when idle.
    void abort();

    // Blocking variant for headless code (CLI, worker threads). It runs a local event loop until
    // the answer or the timeout, so it must NEVER be called on the GUI thread: there it refuses
    // and returns an error. GUI code uses fetch() and the finished() signal.
    static VaultResult fetchAndWait(const VaultConfig &config, int timeoutMs = kDefaultTimeoutMs);

signals:
    // `error` is empty on success (then `secrets` holds the data), else `secrets` is empty.
    void finished(const QHash<QString, QString> &secrets, const QString &error);

private:
    enum class Stage { Idle, Login, Secret };

    void startLogin();
    void startSecret();
    void send(Stage stage, const QString &url, bool post);
    void onReplyFinished(QNetworkReply *reply);
    void onTimeout();
    void handleLoginAnswer(const QByteArray &body);
    void handleSecretAnswer(const QByteArray &body);
    void fail(const QString &error);
    void succeed(const QHash<QString, QString> &secrets);
    void dropReply();

    QNetworkAccessManager *m_network = nullptr;
    QTimer *m_timer = nullptr;
    QPointer<QNetworkReply> m_reply;
    VaultConfig m_config;
    QByteArray m_token;
    QString m_currentUrl;
    Stage m_stage = Stage::Idle;
    bool m_running = false;
    quint64 m_generation = 0;
    int m_timeoutMs = kDefaultTimeoutMs;
};

} // namespace assay
