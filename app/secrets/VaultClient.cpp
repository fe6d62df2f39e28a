#include "app/secrets/VaultClient.h"

#include "app/secrets/JsonPath.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslError>
#include <QThread>
#include <QTimer>
#include <QUrl>
#include <cmath>

// Only URLs (without user info or query), stages, HTTP statuses and error texts are logged here:
// never the credentials payload, the token or secret values.
Q_LOGGING_CATEGORY(lcVault, "assay.secrets.vault")

namespace assay {

namespace {

// The context of this file's translatable text (as lupdate sees it, too).
struct VaultClientText
{
    Q_DECLARE_TR_FUNCTIONS(assay::VaultClient)
};

// A URL as it may appear in messages and logs: no user:password@, no query, no fragment.
QString displayUrl(const QString &url)
{
    return QUrl(url.trimmed())
        .toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment);
}

QString seconds(int milliseconds)
{
    return QString::number(milliseconds / 1000.0, 'g', 3);
}

bool isGuiThread()
{
    const QCoreApplication *app = QCoreApplication::instance();
    return app && app->inherits("QGuiApplication") && QThread::currentThread() == app->thread();
}

// Secret values are text: strings as they are, numbers and booleans as JSON writes them, null as
// empty, nested objects and arrays as compact JSON.
QString secretText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double: {
        const double d = value.toDouble();
        if (std::floor(d) == d && std::fabs(d) < 9007199254740992.0) // 2^53: exact integers
            return QString::number(static_cast<qint64>(d));
        return QString::number(d, 'g', 17);
    }
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return QString();
}

// The JSON document in an answer's body, or an undefined value and a message.
QJsonValue parseAnswer(const QByteArray &body, const QString &url, QString *error)
{
    if (body.trimmed().isEmpty()) {
        *error = VaultClientText::tr(
                     "Vault sent an empty answer from %1, where JSON was expected. Check that the "
                     "URL points at Vault's HTTP API (usually https://host:8200/v1/...).")
                     .arg(displayUrl(url));
        return QJsonValue(QJsonValue::Undefined);
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = VaultClientText::tr(
                     "The answer from %1 is not valid JSON (%2 at character %3). Check that the "
                     "URL points at Vault's HTTP API (usually https://host:8200/v1/...).")
                     .arg(displayUrl(url), parseError.errorString(),
                          QString::number(parseError.offset + 1));
        return QJsonValue(QJsonValue::Undefined);
    }
    if (document.isArray())
        return document.array();
    return document.object();
}

bool isSafeHeaderValue(const QByteArray &value)
{
    for (char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f)
            return false;
    }
    return true;
}

// Plain words for an HTTP error status at one of the two stages.
QString httpErrorMessage(bool login, int status, const QString &reason, const QString &url)
{
    const QString where = displayUrl(url);
    if (status == 401 || status == 403) {
        if (login)
            return VaultClientText::tr(
                       "Vault refused the credentials (HTTP %1) at the Login URL %2. Check the "
                       "Credentials Payload (e.g. role_id and secret_id) and the Login URL.")
                .arg(QString::number(status), where);
        return VaultClientText::tr(
                   "Vault refused the credentials (HTTP %1) for the secret at %2. Check that the "
                   "token's policy may read this path, and the Token Header Name.")
            .arg(QString::number(status), where);
    }
    if (status == 404) {
        if (login)
            return VaultClientText::tr(
                       "No login endpoint at %1 (HTTP 404). Check the Login URL (e.g. "
                       "https://vault.example.com:8200/v1/auth/approle/login).")
                .arg(where);
        return VaultClientText::tr(
                   "No secret at %1 (HTTP 404). Check the Secret URL; for a KV version 2 engine "
                   "the path includes /data/ (e.g. /v1/secret/data/myapp).")
            .arg(where);
    }
    if (status == 400)
        return VaultClientText::tr("Vault rejected the request to %1 as malformed (HTTP 400). %2")
            .arg(where,
                 login ? VaultClientText::tr("Check the field names in the Credentials Payload.")
                       : VaultClientText::tr("Check the Secret URL."));
    if (status == 429)
        return VaultClientText::tr(
                   "Vault is limiting requests (HTTP 429) at %1. Wait a moment and try again.")
            .arg(where);
    if (status == 503)
        return VaultClientText::tr(
                   "Vault at %1 is sealed, on standby or in maintenance (HTTP 503). Unseal it or "
                   "try again later.")
            .arg(where);
    if (status >= 500)
        return VaultClientText::tr(
                   "Vault had an internal error (HTTP %1) at %2. Its server log has the cause.")
            .arg(QString::number(status), where);
    return VaultClientText::tr("Vault answered HTTP %1 %2 at %3, which Assay did not expect.")
        .arg(QString::number(status), reason, where);
}

// Plain words for a transport failure (no HTTP status).
QString networkErrorMessage(QNetworkReply::NetworkError error, const QString &errorString,
                            const QString &sslDetail, const QString &url)
{
    const QString where = displayUrl(url);
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
        return VaultClientText::tr(
                   "Could not connect to Vault at %1: the connection was refused. Check the host "
                   "and port in the URL, and that Vault is running.")
            .arg(where);
    case QNetworkReply::HostNotFoundError:
        return VaultClientText::tr(
                   "The host of %1 was not found. Check the host name in the URL and your DNS.")
            .arg(where);
    case QNetworkReply::RemoteHostClosedError:
        return VaultClientText::tr(
                   "Vault at %1 closed the connection without answering. Check that the URL's "
                   "scheme (http or https) matches Vault's listener.")
            .arg(where);
    case QNetworkReply::SslHandshakeFailedError:
        return VaultClientText::tr(
                   "The secure (TLS) connection to %1 failed: %2. Assay always verifies "
                   "certificates; if Vault uses a private certificate authority, add it to the "
                   "system's trusted certificates.")
            .arg(where, sslDetail.isEmpty() ? errorString : sslDetail);
    case QNetworkReply::InsecureRedirectError:
        return VaultClientText::tr(
                   "Vault at %1 redirected to a less secure (http) address; Assay does not "
                   "follow it. Use the https URL.")
            .arg(where);
    case QNetworkReply::TooManyRedirectsError:
        return VaultClientText::tr("Too many redirects from %1. Check the URL.").arg(where);
    case QNetworkReply::ProtocolUnknownError:
        return VaultClientText::tr("%1 is not an http:// or https:// URL.").arg(where);
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
        return VaultClientText::tr(
                   "The network proxy failed while reaching %1: %2. Check the proxy settings.")
            .arg(where, errorString);
    default:
        break;
    }
    return VaultClientText::tr("Could not reach Vault at %1: %2.").arg(where, errorString);
}

} // namespace

VaultClient::VaultClient(QObject *parent)
    : QObject(parent), m_network(new QNetworkAccessManager(this)), m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &VaultClient::onTimeout);
}

VaultClient::~VaultClient()
{
    // Destroyed mid-fetch: nobody is left to tell, so just stop the request.
    ++m_generation;
    dropReply();
}

void VaultClient::setTimeout(int milliseconds)
{
    m_timeoutMs = milliseconds > 0 ? milliseconds : kDefaultTimeoutMs;
}

void VaultClient::fetch(const VaultConfig &config)
{
    if (m_running) {
        abort();
        dropReply(); // in case a receiver of the cancellation started another request
    }
    ++m_generation;
    m_running = true;
    m_config = config;
    m_token.clear();

    const QString invalid = config.validate();
    if (!invalid.isEmpty()) {
        // Reported from the event loop, like every other outcome, never from inside fetch().
        const quint64 generation = m_generation;
        QTimer::singleShot(0, this, [this, generation, invalid] {
            if (generation == m_generation && m_running)
                fail(invalid);
        });
        return;
    }
    if (m_config.usesLogin())
        startLogin();
    else
        startSecret();
}

void VaultClient::abort()
{
    if (!m_running)
        return;
    ++m_generation;
    dropReply();
    fail(tr("The request to Vault was cancelled."));
}

void VaultClient::startLogin()
{
    send(Stage::Login, m_config.loginUrl, true);
}

void VaultClient::startSecret()
{
    send(Stage::Secret, m_config.secretUrl, false);
}

void VaultClient::send(Stage stage, const QString &url, bool post)
{
    m_stage = stage;
    m_currentUrl = url.trimmed();

    QNetworkRequest request{QUrl(m_currentUrl)};
    request.setRawHeader("Accept", "application/json");
#ifdef ASSAY_VERSION
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArray("Assay/" ASSAY_VERSION));
#endif
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    // Vault standbys redirect to the active node; never follow a redirect from https to http.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);

    QNetworkReply *reply = nullptr;
    if (post) {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        reply = m_network->post(request, m_config.credentialsPayload.toUtf8());
    } else {
        if (!m_token.isEmpty())
            request.setRawHeader(m_config.tokenHeaderName.trimmed().toLatin1(), m_token);
        reply = m_network->get(request);
    }
    qCDebug(lcVault).noquote() << (post ? "POST" : "GET") << displayUrl(m_currentUrl)
                               << (stage == Stage::Login ? "(login)" : "(secret)");

    m_reply = reply;
    const quint64 generation = m_generation;
    // TLS errors are recorded for the message and never ignored: the handshake then fails.
    connect(reply, &QNetworkReply::sslErrors, this, [reply](const QList<QSslError> &errors) {
        QStringList texts;
        for (const QSslError &e : errors)
            texts << e.errorString();
        reply->setProperty("assaySslErrors", texts.join(QStringLiteral("; ")));
        qCWarning(lcVault).noquote()
            << "TLS verification failed:" << texts.join(QLatin1String("; "));
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply, generation] {
        if (generation == m_generation && reply == m_reply)
            onReplyFinished(reply);
    });
    m_timer->start(m_timeoutMs);
}

void VaultClient::onReplyFinished(QNetworkReply *reply)
{
    m_timer->stop();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
    const QNetworkReply::NetworkError error = reply->error();
    const QString errorString = reply->errorString();
    const QString sslDetail = reply->property("assaySslErrors").toString();
    const QByteArray body = reply->readAll();
    const QString url = m_currentUrl;
    const bool login = m_stage == Stage::Login;
    dropReply();

    qCDebug(lcVault).noquote() << "answer from" << displayUrl(url) << "HTTP" << status
                               << "network error" << error;
    if (status >= 400) {
        fail(httpErrorMessage(login, status, reason, url));
        return;
    }
    if (error != QNetworkReply::NoError) {
        fail(networkErrorMessage(error, errorString, sslDetail, url));
        return;
    }
    if (status >= 300) {
        fail(tr("Vault answered HTTP %1 %2 at %3 and the redirect was not followed. Use the URL "
                "it redirects to.")
                 .arg(QString::number(status), reason, displayUrl(url)));
        return;
    }
    if (login)
        handleLoginAnswer(body);
    else
        handleSecretAnswer(body);
}

void VaultClient::handleLoginAnswer(const QByteArray &body)
{
    QString error;
    const QJsonValue document = parseAnswer(body, m_currentUrl, &error);
    if (!error.isEmpty()) {
        fail(error);
        return;
    }
    const QJsonValue token = evaluateJsonPath(document, m_config.tokenJsonPath, &error);
    if (!error.isEmpty()) {
        fail(tr("The Token JSONPath found no token in Vault's login answer: %1").arg(error));
        return;
    }
    if (!token.isString() || token.toString().isEmpty()) {
        fail(tr("The Token JSONPath %1 points to %2 in Vault's login answer, not a token (a "
                "non-empty string).")
                 .arg(m_config.tokenJsonPath.trimmed(), jsonTypeName(token)));
        return;
    }
    m_token = token.toString().toUtf8();
    if (!isSafeHeaderValue(m_token)) {
        m_token.clear();
        fail(tr("The token in Vault's login answer contains characters that cannot be sent in an "
                "HTTP header. Check the Token JSONPath."));
        return;
    }
    startSecret();
}

void VaultClient::handleSecretAnswer(const QByteArray &body)
{
    QString error;
    const QJsonValue document = parseAnswer(body, m_currentUrl, &error);
    if (!error.isEmpty()) {
        fail(error);
        return;
    }
    const QJsonValue data = evaluateJsonPath(document, m_config.dataJsonPath, &error);
    if (!error.isEmpty()) {
        fail(tr("The Data JSONPath found no secret data in Vault's answer: %1. For a KV version "
                "2 engine use $.data.data.")
                 .arg(error));
        return;
    }
    if (!data.isObject()) {
        fail(tr("The Data JSONPath %1 points to %2 in Vault's answer, not an object of "
                "key/value pairs. For a KV version 2 engine use $.data.data.")
                 .arg(m_config.dataJsonPath.trimmed(), jsonTypeName(data)));
        return;
    }
    QHash<QString, QString> secrets;
    const QJsonObject object = data.toObject();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it)
        secrets.insert(it.key(), secretText(it.value()));
    qCDebug(lcVault) << "read" << secrets.size() << "keys from Vault";
    succeed(secrets);
}

void VaultClient::onTimeout()
{
    if (!m_running || m_stage == Stage::Idle)
        return;
    const QString url = m_currentUrl;
    ++m_generation;
    dropReply();
    qCWarning(lcVault).noquote() << "no answer within" << m_timeoutMs << "ms from"
                                 << displayUrl(url);
    fail(tr("Vault did not answer within %1 seconds at %2. Check the URL, the network and any "
            "proxy, and that Vault is running.")
             .arg(seconds(m_timeoutMs), displayUrl(url)));
}

void VaultClient::dropReply()
{
    m_timer->stop();
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    disconnect(reply, nullptr, this, nullptr);
    if (reply->isRunning())
        reply->abort();
    reply->deleteLater();
}

void VaultClient::fail(const QString &error)
{
    qCInfo(lcVault).noquote() << "fetch failed:" << error;
    m_running = false;
    m_stage = Stage::Idle;
    m_token.clear();
    m_config.credentialsPayload.clear();
    emit finished(QHash<QString, QString>(), error);
}

void VaultClient::succeed(const QHash<QString, QString> &secrets)
{
    m_running = false;
    m_stage = Stage::Idle;
    m_token.clear();
    m_config.credentialsPayload.clear();
    emit finished(secrets, QString());
}

VaultResult VaultClient::fetchAndWait(const VaultConfig &config, int timeoutMs)
{
    VaultResult result;
    if (isGuiThread()) {
        qCWarning(lcVault) << "VaultClient::fetchAndWait called on the GUI thread; refused";
        result.error = tr("Internal error: Vault was asked to block the window's thread. Please "
                          "report this.");
        return result;
    }
    VaultClient client;
    client.setTimeout(timeoutMs);
    QEventLoop loop;
    bool done = false;
    connect(&client, &VaultClient::finished, &loop,
            [&](const QHash<QString, QString> &secrets, const QString &error) {
                result.secrets = secrets;
                result.error = error;
                done = true;
                loop.quit();
            });
    client.fetch(config);
    if (!done)
        loop.exec();
    return result;
}

} // namespace assay
