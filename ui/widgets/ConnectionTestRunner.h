#pragma once

#include "app/connectors/SourceSession.h"
#include "app/secrets/VaultConfig.h"
#include "models/domain/Connection.h"

#include <QHash>
#include <QObject>
#include <QStringList>

namespace assay {

class ConnectionTester;
class CredentialStore;
class VaultClient;

// What Test Connection needs: the connection as the form describes it, the secrets typed, and
// which secrets to take from the keychain instead (an existing connection's, or those left
// blank in an edit).
struct ConnectionTestRequest
{
    Connection connection;           // non-secret properties; uuid names stored secrets
    QHash<QString, QString> secrets; // typed secrets (may hold ${key})
    QStringList storedSecrets;       // read from the keychain under connection.uuid
    bool vaultEnabled = false;
    VaultConfig vault; // an empty payload with vaultPayloadStored: keychain
    bool vaultPayloadStored = false;
    QString database;
    QString schema;
    int timeoutSeconds = 10;
};

// Runs Test Connection without blocking the GUI: reads stored secrets from the keychain, fetches
// the Vault secret and resolves ${key} references when Secrets Management is on, then tests the
// connection with ConnectionTester. Every step is asynchronous; cancel() ends the test at once.
class ConnectionTestRunner : public QObject
{
    Q_OBJECT
public:
    explicit ConnectionTestRunner(CredentialStore *credentials, QObject *parent = nullptr);
    ~ConnectionTestRunner() override;

    void start(const ConnectionTestRequest &request);
    void cancel();
    bool isRunning() const { return m_stage != Stage::Idle; }

signals:
    // One line for the user: what the test is doing now.
    void progress(const QString &step);
    void finished(const assay::ConnectionTestResult &result);

private:
    enum class Stage { Idle, Keychain, Vault, Connecting };

    void readStoredSecrets();
    void fetchVault();
    void onVaultFinished(const QHash<QString, QString> &secrets, const QString &error);
    void connectNow(const ConnectionSettings &settings);
    void fail(const Diagnosis &diagnosis);

    CredentialStore *m_credentials;
    VaultClient *m_vault;
    ConnectionTester *m_tester;
    ConnectionTestRequest m_request;
    Stage m_stage = Stage::Idle;
    quint64 m_generation = 0;
    int m_outstanding = 0;
};

// The settings a request opens with once every ${key} is replaced by the Vault secret's value.
// `missing` lists the keys the secret lacks.
ConnectionSettings resolvedSettings(const ConnectionTestRequest &request,
                                    const QHash<QString, QString> &vaultSecrets,
                                    QStringList *missing);

} // namespace assay
