#include "ui/widgets/ConnectionTestRunner.h"

#include "app/connectors/ConnectionTester.h"
#include "app/secrets/ConnectionReferences.h"
#include "app/secrets/CredentialStore.h"
#include "app/secrets/SecretReferences.h"
#include "app/secrets/VaultClient.h"
#include "ui/widgets/ConnectionDraft.h"

#include <QPointer>

namespace assay {

ConnectionSettings resolvedSettings(const ConnectionTestRequest &request,
                                    const QHash<QString, QString> &vaultSecrets,
                                    QStringList *missing)
{
    ConnectionSettings settings;
    settings.connectTimeoutSeconds = request.timeoutSeconds;
    settings.connection = request.connection;
    settings.secrets = request.secrets;
    settings.database = request.database;
    settings.schema = request.schema;
    if (!request.vaultEnabled)
        return settings;
    return resolveConnectionReferences(settings, vaultSecrets, missing);
}

ConnectionTestRunner::ConnectionTestRunner(CredentialStore *credentials, QObject *parent)
    : QObject(parent), m_credentials(credentials), m_vault(new VaultClient(this)),
      m_tester(new ConnectionTester(this))
{
    connect(m_vault, &VaultClient::finished, this, &ConnectionTestRunner::onVaultFinished);
    connect(m_tester, &ConnectionTester::finished, this,
            [this](const ConnectionTestResult &result) {
                if (m_stage != Stage::Connecting)
                    return;
                m_stage = Stage::Idle;
                emit finished(result);
            });
}

ConnectionTestRunner::~ConnectionTestRunner()
{
    m_stage = Stage::Idle;
    ++m_generation;
}

void ConnectionTestRunner::start(const ConnectionTestRequest &request)
{
    if (isRunning()) {
        // Quietly drop the running test: only the new one reports.
        const Stage stage = m_stage;
        m_stage = Stage::Idle;
        ++m_generation;
        if (stage == Stage::Vault)
            m_vault->abort();
        if (stage == Stage::Connecting)
            m_tester->cancel();
    }
    m_request = request;
    ++m_generation;
    readStoredSecrets();
}

void ConnectionTestRunner::cancel()
{
    if (!isRunning())
        return;
    const Stage stage = m_stage;
    m_stage = Stage::Idle;
    ++m_generation;
    if (stage == Stage::Vault)
        m_vault->abort();
    if (stage == Stage::Connecting)
        m_tester->cancel();
    ConnectionTestResult result;
    result.diagnosis = makeDiagnosis(DiagnosisCategory::Cancelled, tr("the test was cancelled"));
    emit finished(result);
}

void ConnectionTestRunner::fail(const Diagnosis &diagnosis)
{
    m_stage = Stage::Idle;
    ++m_generation;
    ConnectionTestResult result;
    result.diagnosis = diagnosis;
    emit finished(result);
}

void ConnectionTestRunner::readStoredSecrets()
{
    QStringList fields;
    for (const QString &field : std::as_const(m_request.storedSecrets))
        if (field != draft::kVaultPayloadField && m_request.secrets.value(field).isEmpty())
            fields << field;
    if (m_request.vaultEnabled && m_request.vault.usesLogin() &&
        m_request.vault.credentialsPayload.trimmed().isEmpty() && m_request.vaultPayloadStored)
        fields << draft::kVaultPayloadField;
    if (fields.isEmpty()) {
        fetchVault();
        return;
    }
    if (!m_credentials || m_request.connection.uuid.isEmpty()) {
        fail(makeDiagnosis(DiagnosisCategory::KeychainUnavailable,
                           tr("the stored secrets of this connection cannot be read"),
                           tr("Type the secrets again.")));
        return;
    }
    m_stage = Stage::Keychain;
    m_outstanding = int(fields.size());
    emit progress(tr("Reading the connection's secrets from the keychain…"));
    const quint64 generation = m_generation;
    QPointer<ConnectionTestRunner> self(this);
    for (const QString &field : std::as_const(fields)) {
        m_credentials->read(
            m_request.connection.uuid, field,
            [self, generation, field](const CredentialResult &result) {
                if (!self || self->m_generation != generation || self->m_stage != Stage::Keychain)
                    return;
                if (!result.ok()) {
                    const bool missing = result.error == CredentialError::NotFound;
                    self->fail(makeDiagnosis(
                        missing ? DiagnosisCategory::Other : DiagnosisCategory::KeychainUnavailable,
                        missing ? tr("the keychain holds no “%1” for this connection").arg(field)
                                : result.message,
                        missing ? tr("Edit the connection and type the %1 again.").arg(field)
                                : tr("Unlock or start the system keychain, then test again.")));
                    return;
                }
                if (field == draft::kVaultPayloadField)
                    self->m_request.vault.credentialsPayload = result.secret;
                else
                    self->m_request.secrets.insert(field, result.secret);
                if (--self->m_outstanding == 0)
                    self->fetchVault();
            });
    }
}

void ConnectionTestRunner::fetchVault()
{
    if (!m_request.vaultEnabled) {
        QStringList missing;
        connectNow(resolvedSettings(m_request, {}, &missing));
        return;
    }
    const QString problem = m_request.vault.validate();
    if (!problem.isEmpty()) {
        fail(makeDiagnosis(DiagnosisCategory::Other, problem,
                           tr("Correct the Secrets Management settings.")));
        return;
    }
    m_stage = Stage::Vault;
    emit progress(tr("Reading the secret from Vault…"));
    m_vault->fetch(m_request.vault);
}

void ConnectionTestRunner::onVaultFinished(const QHash<QString, QString> &secrets,
                                           const QString &error)
{
    if (m_stage != Stage::Vault)
        return;
    if (!error.isEmpty()) {
        fail(makeDiagnosis(DiagnosisCategory::Other, tr("Vault: %1").arg(error),
                           tr("Check the Secrets Management settings: the URLs, the credentials "
                              "payload and the JSONPaths.")));
        return;
    }
    QStringList missing;
    const ConnectionSettings settings = resolvedSettings(m_request, secrets, &missing);
    if (!missing.isEmpty()) {
        fail(makeDiagnosis(
            DiagnosisCategory::Other,
            tr("the Vault secret has no key %1").arg(missing.join(QStringLiteral(", "))),
            tr("Check the ${key} names (they are case-sensitive) and the Data JSONPath.")));
        return;
    }
    connectNow(settings);
}

void ConnectionTestRunner::connectNow(const ConnectionSettings &settings)
{
    m_stage = Stage::Connecting;
    const QString target = settings.connection.host.isEmpty() ? settings.effectiveDatabase()
                                                              : settings.connection.host;
    emit progress(tr("Connecting to %1…").arg(target));
    m_tester->start(settings);
}

} // namespace assay
