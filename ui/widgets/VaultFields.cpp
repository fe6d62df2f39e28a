#include "ui/widgets/VaultFields.h"

#include "ui/common/Theme.h"
#include "ui/widgets/ToggleSwitch.h"
#include "ui/widgets/WizardUi.h"

#include <QFormLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace assay {

namespace {

void setReadOnlyLook(QWidget *w, bool readOnly)
{
    QPalette pal = w->palette();
    const QPalette base = w->parentWidget() ? w->parentWidget()->palette() : QPalette();
    pal.setColor(QPalette::Base,
                 readOnly ? base.color(QPalette::Window) : base.color(QPalette::Base));
    w->setPalette(pal);
}

} // namespace

VaultFields::VaultFields(QFormLayout *form, int row, QObject *parent)
    : QObject(parent), m_form(form), m_toggle(new ToggleSwitch(tr("Use HashiCorp Vault"))),
      m_note(wizardui::noteLabel(
          tr("Any field may then hold ${key}: the key's value is read from Vault."))),
      m_loginUrl(new QLineEdit), m_payload(new QPlainTextEdit), m_payloadStatus(new QLabel),
      m_payloadBox(new QWidget), m_tokenPath(new QLineEdit), m_secretUrl(new QLineEdit),
      m_tokenHeader(new QLineEdit), m_dataPath(new QLineEdit)
{
    m_toggle->setObjectName(QStringLiteral("secretsManagementToggle"));
    m_toggle->setAccessibleName(tr("Secrets Management"));
    m_toggle->setToolTip(tr("Read secrets from HashiCorp Vault each time the connection opens: "
                            "any connection property may then reference a key of the Vault "
                            "secret as ${key}."));
    m_loginUrl->setObjectName(QStringLiteral("vaultLoginUrl"));
    m_loginUrl->setPlaceholderText(tr("https://vault.example.com:8200/v1/auth/approle/login"));
    m_payload->setObjectName(QStringLiteral("vaultCredentialsPayload"));
    m_payload->setPlaceholderText(tr("{\"role_id\": \"…\", \"secret_id\": \"…\"}"));
    m_payload->setTabChangesFocus(true);
    m_payload->setFont(theme::monospaceFont());
    m_payload->setFixedHeight(m_payload->fontMetrics().lineSpacing() * 4 + 12);
    m_payloadStatus->setObjectName(QStringLiteral("vaultPayloadStatus"));
    m_payloadStatus->setWordWrap(true);
    auto *payloadLayout = new QVBoxLayout(m_payloadBox);
    payloadLayout->setContentsMargins(0, 0, 0, 0);
    payloadLayout->setSpacing(3);
    payloadLayout->addWidget(m_payload);
    payloadLayout->addWidget(m_payloadStatus);
    m_payloadBox->setFocusProxy(m_payload);
    m_tokenPath->setObjectName(QStringLiteral("vaultTokenJsonPath"));
    m_tokenPath->setPlaceholderText(VaultConfig::defaultTokenJsonPath());
    m_secretUrl->setObjectName(QStringLiteral("vaultSecretUrl"));
    m_secretUrl->setPlaceholderText(tr("https://vault.example.com:8200/v1/secret/data/myapp"));
    m_tokenHeader->setObjectName(QStringLiteral("vaultTokenHeaderName"));
    m_tokenHeader->setPlaceholderText(VaultConfig::defaultTokenHeaderName());
    m_dataPath->setObjectName(QStringLiteral("vaultDataJsonPath"));
    m_dataPath->setPlaceholderText(VaultConfig::defaultDataJsonPath());

    m_form->insertRow(row++, wizardui::formLabel(tr("Secrets Management"), false, m_toggle),
                      m_toggle);
    m_form->insertRow(row++, QString(), m_note);
    m_form->insertRow(row++, wizardui::formLabel(tr("Login URL"), false, m_loginUrl), m_loginUrl);
    m_form->insertRow(row++, wizardui::formLabel(tr("Credentials Payload"), false, m_payload),
                      m_payloadBox);
    m_form->insertRow(row++, wizardui::formLabel(tr("Token JSONPath"), true, m_tokenPath),
                      m_tokenPath);
    m_form->insertRow(row++, wizardui::formLabel(tr("Secret URL"), true, m_secretUrl), m_secretUrl);
    m_form->insertRow(row++, wizardui::formLabel(tr("Token Header Name"), true, m_tokenHeader),
                      m_tokenHeader);
    m_form->insertRow(row++, wizardui::formLabel(tr("Data JSONPath"), true, m_dataPath),
                      m_dataPath);
    m_rows = {m_note,      m_loginUrl,    m_payloadBox, m_tokenPath,
              m_secretUrl, m_tokenHeader, m_dataPath};

    connect(m_toggle, &QCheckBox::toggled, this, [this] {
        updateVisibility();
        emit changed();
    });
    for (QLineEdit *edit : {m_loginUrl, m_tokenPath, m_secretUrl, m_tokenHeader, m_dataPath})
        connect(edit, &QLineEdit::textChanged, this, &VaultFields::changed);
    connect(m_payload, &QPlainTextEdit::textChanged, this, [this] {
        updatePayloadStatus();
        emit changed();
    });
    reset();
}

void VaultFields::reset()
{
    const QSignalBlocker block(this);
    m_toggle->setChecked(false);
    setConfig(VaultConfig());
    m_payloadStored = false;
    updateVisibility();
}

bool VaultFields::isEnabled() const
{
    return m_toggle->isChecked();
}

void VaultFields::setEnabled(bool on)
{
    m_toggle->setChecked(on);
}

VaultConfig VaultFields::config() const
{
    VaultConfig c;
    c.loginUrl = m_loginUrl->text().trimmed();
    c.credentialsPayload = m_payload->toPlainText().trimmed();
    c.tokenJsonPath = m_tokenPath->text().trimmed();
    c.secretUrl = m_secretUrl->text().trimmed();
    c.tokenHeaderName = m_tokenHeader->text().trimmed();
    c.dataJsonPath = m_dataPath->text().trimmed();
    return c;
}

void VaultFields::setConfig(const VaultConfig &c)
{
    m_loginUrl->setText(c.loginUrl);
    m_payload->setPlainText(c.credentialsPayload);
    m_tokenPath->setText(c.tokenJsonPath);
    m_secretUrl->setText(c.secretUrl);
    m_tokenHeader->setText(c.tokenHeaderName);
    m_dataPath->setText(c.dataJsonPath);
    updatePayloadStatus();
}

void VaultFields::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    m_toggle->setEnabled(!readOnly);
    for (QLineEdit *edit : {m_loginUrl, m_tokenPath, m_secretUrl, m_tokenHeader, m_dataPath}) {
        edit->setReadOnly(readOnly);
        setReadOnlyLook(edit, readOnly);
    }
    m_payload->setReadOnly(readOnly);
    setReadOnlyLook(m_payload, readOnly);
    updatePayloadStatus();
}

void VaultFields::setPayloadStored(bool stored)
{
    m_payloadStored = stored;
    m_payload->setPlaceholderText(
        stored ? tr("Stored in the keychain. Type a new payload to replace it.")
               : tr("{\"role_id\": \"…\", \"secret_id\": \"…\"}"));
    if (stored && m_readOnly)
        m_payload->setPlaceholderText(tr("Stored in the keychain"));
    updatePayloadStatus();
}

void VaultFields::updateVisibility()
{
    for (QWidget *w : std::as_const(m_rows))
        m_form->setRowVisible(w, m_toggle->isChecked());
}

void VaultFields::updatePayloadStatus()
{
    const QString text = m_payload->toPlainText().trimmed();
    if (text.isEmpty() || m_readOnly) {
        m_payloadStatus->clear();
        m_payloadStatus->setVisible(false);
        return;
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError) {
        m_payloadStatus->setStyleSheet(theme::errorStyle());
        m_payloadStatus->setText(tr("Not valid JSON: %1 at character %2.")
                                     .arg(error.errorString(), QString::number(error.offset + 1)));
    } else if (!doc.isObject()) {
        m_payloadStatus->setStyleSheet(theme::errorStyle());
        m_payloadStatus->setText(tr("The payload must be a JSON object: { … }."));
    } else {
        m_payloadStatus->setStyleSheet(QStringLiteral("color: %1;").arg(theme::successColour()));
        m_payloadStatus->setText(tr("Valid JSON object."));
    }
    m_payloadStatus->setVisible(true);
}

QString VaultFields::problem() const
{
    if (!isEnabled() || m_readOnly)
        return QString();
    VaultConfig c = config();
    // A payload kept in the keychain counts as given.
    if (c.credentialsPayload.isEmpty() && m_payloadStored && c.usesLogin())
        c.credentialsPayload = QStringLiteral("{}");
    return c.validate();
}

bool VaultFields::hasInput() const
{
    return isEnabled();
}

} // namespace assay
