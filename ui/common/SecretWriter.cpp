#include "ui/common/SecretWriter.h"

#include "ui/widgets/ConnectionDraft.h"

#include <QCoreApplication>
#include <utility>

namespace assay {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(assay::SecretWriter)
};

} // namespace

void SecretWriter::prepare(const QString &connectionUuid, const ConnectionDraft &draft)
{
    m_connectionUuid = connectionUuid;
    m_pending.clear();
    m_written.clear();
    for (auto it = draft.secrets.cbegin(); it != draft.secrets.cend(); ++it)
        if (!it.value().isEmpty())
            m_pending << qMakePair(it.key(), it.value());
    if (draft.vaultEnabled && !draft.vault.credentialsPayload.trimmed().isEmpty())
        m_pending << qMakePair(draft::kVaultPayloadField, draft.vault.credentialsPayload);
}

void SecretWriter::write(QObject *guard, std::function<void(const QString &error)> done)
{
    if (m_pending.isEmpty()) {
        done(QString());
        return;
    }
    if (!m_store) {
        done(Text::tr("The keychain went away while the secrets were being stored."));
        return;
    }
    QPointer<QObject> alive(guard);
    m_store->writeAll(m_connectionUuid, std::exchange(m_pending, {}),
                      [this, alive, done](const CredentialResult &result, const QString &field,
                                          const QStringList &stored) {
                          if (!alive)
                              return;
                          m_written = stored;
                          done(result.ok()
                                   ? QString()
                                   : Text::tr("The %1 could not be stored in the keychain: %2")
                                         .arg(field, result.message));
                      });
}

void SecretWriter::rollback()
{
    if (m_store && !m_written.isEmpty())
        m_store->removeAll(m_connectionUuid, m_written);
    m_written.clear();
    m_pending.clear();
}

void SecretWriter::keep()
{
    m_written.clear();
    m_pending.clear();
}

} // namespace assay
