#pragma once

#include "app/secrets/JsonPath.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QUrl>

namespace assay {

// The context of VaultConfig's translatable text (as lupdate sees it, too).
struct VaultConfigText
{
    Q_DECLARE_TR_FUNCTIONS(assay::VaultConfig)
};

// The "Secrets Management" settings of a connection (HashiCorp Vault style), in the shape of the
// API's `secrets_manager` object. With them, any connection property may say ${key} and get the
// value of `key` from the Vault secret each time the connection is opened (see SecretReferences).
//
// `credentialsPayload` is a secret (it holds e.g. an AppRole secret_id): it goes to the keychain
// like a password, never to the Catalog, QSettings, logs or exported files. toJson(false) leaves
// it out.
struct VaultConfig
{
    QString loginUrl;           // optional: without it the Secret URL is read with no token
    QString credentialsPayload; // JSON object text, POSTed to loginUrl. SECRET.
    QString tokenJsonPath = defaultTokenJsonPath();
    QString secretUrl; // required
    QString tokenHeaderName = defaultTokenHeaderName();
    QString dataJsonPath = defaultDataJsonPath();

    static QString defaultTokenJsonPath() { return QStringLiteral("$.auth.client_token"); }
    static QString defaultTokenHeaderName() { return QStringLiteral("X-Vault-Token"); }
    static QString defaultDataJsonPath() { return QStringLiteral("$.data"); }

    bool usesLogin() const { return !loginUrl.trimmed().isEmpty(); }

    // Empty when the settings can be used; otherwise one plain message naming the field and the
    // fix. Messages never quote the credentials payload.
    QString validate() const
    {
        const auto urlError = [](const QString &field, const QString &text) -> QString {
            const QUrl url(text.trimmed(), QUrl::StrictMode);
            const QString scheme = url.scheme().toLower();
            if (!url.isValid() || url.host().isEmpty() ||
                (scheme != QLatin1String("http") && scheme != QLatin1String("https")))
                return VaultConfigText::tr("The %1 is not a valid http:// or https:// URL (e.g. "
                                           "https://vault.example.com:8200/v1/...).")
                    .arg(field);
            return QString();
        };

        if (usesLogin()) {
            QString error = urlError(VaultConfigText::tr("Login URL"), loginUrl);
            if (!error.isEmpty())
                return error;
            if (credentialsPayload.trimmed().isEmpty())
                return VaultConfigText::tr(
                    "Enter the Credentials Payload: the JSON object Vault expects at the "
                    "Login URL (e.g. {\"role_id\": \"...\", \"secret_id\": \"...\"}).");
            QJsonParseError parseError;
            const QJsonDocument payload =
                QJsonDocument::fromJson(credentialsPayload.toUtf8(), &parseError);
            if (parseError.error != QJsonParseError::NoError)
                return VaultConfigText::tr(
                           "The Credentials Payload is not valid JSON (%1 at character %2).")
                    .arg(parseError.errorString(), QString::number(parseError.offset + 1));
            if (!payload.isObject())
                return VaultConfigText::tr("The Credentials Payload must be a JSON object, e.g. "
                                           "{\"role_id\": \"...\", \"secret_id\": \"...\"}.");
            error = jsonPathSyntaxError(tokenJsonPath);
            if (!error.isEmpty())
                return VaultConfigText::tr("The Token JSONPath is not valid: %1").arg(error);
            if (!isHttpToken(tokenHeaderName.trimmed()))
                return VaultConfigText::tr(
                    "The Token Header Name must be a plain HTTP header name such as "
                    "X-Vault-Token (letters, digits and - only, no spaces or ':').");
        } else if (!credentialsPayload.trimmed().isEmpty()) {
            return VaultConfigText::tr(
                "The Credentials Payload is only sent to a Login URL: enter the Login URL, "
                "or clear the payload.");
        }

        if (secretUrl.trimmed().isEmpty())
            return VaultConfigText::tr("Enter the Secret URL: where Vault keeps the secret (e.g. "
                                       "https://vault.example.com:8200/v1/secret/data/myapp).");
        QString error = urlError(VaultConfigText::tr("Secret URL"), secretUrl);
        if (!error.isEmpty())
            return error;
        error = jsonPathSyntaxError(dataJsonPath);
        if (!error.isEmpty())
            return VaultConfigText::tr("The Data JSONPath is not valid: %1").arg(error);
        return QString();
    }

    // The API shape (`secrets_manager`). The payload is included only when asked for, for the
    // keychain; never write toJson(true) to a file, the Catalog or a log.
    QJsonObject toJson(bool includeSecrets) const
    {
        QJsonObject o;
        o.insert(QStringLiteral("login_url"), loginUrl);
        if (includeSecrets)
            o.insert(QStringLiteral("credentials_payload"), credentialsPayload);
        o.insert(QStringLiteral("token_jsonpath"), tokenJsonPath);
        o.insert(QStringLiteral("secret_url"), secretUrl);
        o.insert(QStringLiteral("token_header_name"), tokenHeaderName);
        o.insert(QStringLiteral("data_jsonpath"), dataJsonPath);
        return o;
    }

    // Missing JSONPaths and header name take their defaults. `credentials_payload` may be JSON
    // text or an object (as the API accepts).
    static VaultConfig fromJson(const QJsonObject &o)
    {
        VaultConfig c;
        c.loginUrl = o.value(QStringLiteral("login_url")).toString();
        const QJsonValue payload = o.value(QStringLiteral("credentials_payload"));
        if (payload.isObject())
            c.credentialsPayload =
                QString::fromUtf8(QJsonDocument(payload.toObject()).toJson(QJsonDocument::Compact));
        else
            c.credentialsPayload = payload.toString();
        c.tokenJsonPath =
            o.value(QStringLiteral("token_jsonpath")).toString(defaultTokenJsonPath());
        c.secretUrl = o.value(QStringLiteral("secret_url")).toString();
        c.tokenHeaderName =
            o.value(QStringLiteral("token_header_name")).toString(defaultTokenHeaderName());
        c.dataJsonPath = o.value(QStringLiteral("data_jsonpath")).toString(defaultDataJsonPath());
        if (c.tokenJsonPath.isEmpty())
            c.tokenJsonPath = defaultTokenJsonPath();
        if (c.tokenHeaderName.isEmpty())
            c.tokenHeaderName = defaultTokenHeaderName();
        if (c.dataJsonPath.isEmpty())
            c.dataJsonPath = defaultDataJsonPath();
        return c;
    }

    bool operator==(const VaultConfig &o) const
    {
        return loginUrl == o.loginUrl && credentialsPayload == o.credentialsPayload &&
               tokenJsonPath == o.tokenJsonPath && secretUrl == o.secretUrl &&
               tokenHeaderName == o.tokenHeaderName && dataJsonPath == o.dataJsonPath;
    }
    bool operator!=(const VaultConfig &o) const { return !(*this == o); }

    // RFC 9110 token characters: what a header name may be made of.
    static bool isHttpToken(const QString &name)
    {
        if (name.isEmpty())
            return false;
        for (QChar c : name) {
            const ushort u = c.unicode();
            const bool alnum =
                (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9');
            if (!alnum && !QStringLiteral("!#$%&'*+-.^_`|~").contains(c))
                return false;
        }
        return true;
    }
};

} // namespace assay
