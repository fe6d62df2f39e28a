#pragma once

#include "app/secrets/VaultConfig.h"

#include <QObject>

class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace assay {

class ToggleSwitch;

// The Secrets Management part of a connection form: an on/off switch and the HashiCorp Vault
// settings it reveals (Login URL, Credentials Payload with live JSON checking, Token JSONPath,
// Secret URL, Token Header Name, Data JSONPath). Its rows live in the caller's QFormLayout so
// labels line up with the rest of the form.
class VaultFields : public QObject
{
    Q_OBJECT
public:
    VaultFields(QFormLayout *form, int row, QObject *parent = nullptr);

    bool isEnabled() const;
    void setEnabled(bool on);
    VaultConfig config() const;
    void setConfig(const VaultConfig &config);
    // Existing connection: everything shown, nothing editable.
    void setReadOnly(bool readOnly);
    // In an edit, a payload already in the keychain may stay blank (= unchanged).
    void setPayloadStored(bool stored);
    bool isPayloadStored() const { return m_payloadStored; }
    void reset();

    // Empty when usable (or switched off); else one plain message.
    QString problem() const;
    bool hasInput() const;

    ToggleSwitch *toggle() const { return m_toggle; }
    QLineEdit *loginUrlEdit() const { return m_loginUrl; }
    QPlainTextEdit *payloadEdit() const { return m_payload; }
    QLineEdit *tokenJsonPathEdit() const { return m_tokenPath; }
    QLineEdit *secretUrlEdit() const { return m_secretUrl; }
    QLineEdit *tokenHeaderEdit() const { return m_tokenHeader; }
    QLineEdit *dataJsonPathEdit() const { return m_dataPath; }
    QLabel *payloadStatus() const { return m_payloadStatus; }

signals:
    void changed();

private:
    void updateVisibility();
    void updatePayloadStatus();

    QFormLayout *m_form;
    ToggleSwitch *m_toggle;
    QLabel *m_note;
    QLineEdit *m_loginUrl;
    QPlainTextEdit *m_payload;
    QLabel *m_payloadStatus;
    QWidget *m_payloadBox;
    QLineEdit *m_tokenPath;
    QLineEdit *m_secretUrl;
    QLineEdit *m_tokenHeader;
    QLineEdit *m_dataPath;
    QList<QWidget *> m_rows; // field widgets of the rows shown only when switched on
    bool m_readOnly = false;
    bool m_payloadStored = false;
};

} // namespace assay
