#include "TestSupport.h"
#include "secrets/JsonPath.h"
#include "secrets/SecretReferences.h"
#include "secrets/VaultClient.h"
#include "secrets/VaultConfig.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QMutex>
#include <QProcess>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <functional>

using namespace assay;

namespace {

// ---- a real HTTP/1.1 server on 127.0.0.1, answering canned JSON -------------------------------

struct HttpRequest
{
    QByteArray method;
    QByteArray path;
    QHash<QByteArray, QByteArray> headers; // names in lower case
    QByteArray body;
    QByteArray header(const char *name) const { return headers.value(QByteArray(name).toLower()); }
    bool hasHeader(const char *name) const { return headers.contains(QByteArray(name).toLower()); }
};

struct HttpResponse
{
    int status = 200;
    QByteArray body;
    bool neverAnswer = false; // accept the request, then stay silent
    static HttpResponse json(int status, const QByteArray &body) { return {status, body, false}; }
    static HttpResponse silence() { return {0, {}, true}; }
};

class LoopbackServer : public QObject
{
public:
    using Handler = std::function<HttpResponse(const HttpRequest &)>;

    // Takes `server` (a QTcpServer or a QSslServer); plain TCP when null.
    explicit LoopbackServer(Handler handler, QTcpServer *server = nullptr)
        : m_handler(std::move(handler)), m_server(server ? server : new QTcpServer)
    {
        m_server->setParent(this);
        connect(m_server, &QTcpServer::pendingConnectionAvailable, this,
                &LoopbackServer::onNewConnection);
    }

    bool listen() { return m_server->listen(QHostAddress::LocalHost, 0); }

    QString url(const QString &path, const QString &scheme = QStringLiteral("http")) const
    {
        return QStringLiteral("%1://127.0.0.1:%2%3")
            .arg(scheme)
            .arg(m_server->serverPort())
            .arg(path);
    }

    QList<HttpRequest> requests;

private:
    void onNewConnection()
    {
        while (QTcpSocket *socket = m_server->nextPendingConnection()) {
            socket->setParent(this);
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        }
    }

    void onReadyRead(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        const int headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        HttpRequest request;
        const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        request.method = requestLine.value(0);
        request.path = requestLine.value(1);
        for (int i = 1; i < lines.size(); ++i) {
            const int colon = lines.at(i).indexOf(':');
            if (colon > 0)
                request.headers.insert(lines.at(i).left(colon).trimmed().toLower(),
                                       lines.at(i).mid(colon + 1).trimmed());
        }
        const int length = request.header("Content-Length").toInt();
        if (buffer.size() < headerEnd + 4 + length)
            return; // the body is still coming
        request.body = buffer.mid(headerEnd + 4, length);
        buffer.remove(0, headerEnd + 4 + length);
        requests.append(request);

        const HttpResponse response = m_handler(request);
        if (response.neverAnswer)
            return;
        QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' +
                         reason(response.status) + "\r\n";
        out += "Content-Type: application/json\r\n";
        out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
        out += "Connection: close\r\n\r\n";
        out += response.body;
        socket->write(out);
        socket->disconnectFromHost();
    }

    static QByteArray reason(int status)
    {
        switch (status) {
        case 200:
            return "OK";
        case 400:
            return "Bad Request";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 500:
            return "Internal Server Error";
        default:
            return "Status";
        }
    }

    Handler m_handler;
    QTcpServer *m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

// ---- what the Vault side knows -----------------------------------------------------------------

const QByteArray kToken = "hvs.S3CRET-T0KEN-abc123";
const QString kSecretId = QStringLiteral("sid-TOP-SECRET-42");
const QString kPassword = QStringLiteral("p4ss-W0RD ${not-a-ref} \u00e9");

QString payloadText()
{
    return QStringLiteral("{\"role_id\": \"assay-role\", \"secret_id\": \"%1\"}").arg(kSecretId);
}

QByteArray loginAnswer()
{
    return QByteArray(R"({"request_id":"r1","auth":{"client_token":")") + kToken +
           R"(","policies":["default"],"lease_duration":3600}})";
}

QByteArray secretAnswer()
{
    QJsonObject data{{QStringLiteral("user"), QStringLiteral("alice")},
                     {QStringLiteral("password"), kPassword},
                     {QStringLiteral("port"), 5432},
                     {QStringLiteral("ratio"), 0.25},
                     {QStringLiteral("ssl"), true},
                     {QStringLiteral("nothing"), QJsonValue::Null},
                     {QStringLiteral("nested"), QJsonObject{{QStringLiteral("a"), 1}}},
                     {QStringLiteral("key with spaces"), QStringLiteral("v")}};
    QJsonObject root{
        {QStringLiteral("data"),
         QJsonObject{{QStringLiteral("data"), data},
                     {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("version"), 3}}}}}};
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

// A Vault with AppRole login at /v1/auth/approle/login and a KV v2 secret at /v1/secret/data/app.
HttpResponse vault(const HttpRequest &r, const QByteArray &tokenHeader = "X-Vault-Token")
{
    if (r.method == "POST" && r.path == "/v1/auth/approle/login") {
        const QJsonObject body = QJsonDocument::fromJson(r.body).object();
        if (body.value(QStringLiteral("secret_id")).toString() != kSecretId)
            return HttpResponse::json(403, R"({"errors":["invalid role or secret ID"]})");
        return HttpResponse::json(200, loginAnswer());
    }
    if (r.method == "GET" && r.path == "/v1/secret/data/app") {
        if (r.header(tokenHeader) != kToken)
            return HttpResponse::json(403, R"({"errors":["permission denied"]})");
        return HttpResponse::json(200, secretAnswer());
    }
    return HttpResponse::json(404, R"({"errors":[]})");
}

VaultConfig configFor(const LoopbackServer &server)
{
    VaultConfig c;
    c.loginUrl = server.url(QStringLiteral("/v1/auth/approle/login"));
    c.credentialsPayload = payloadText();
    c.secretUrl = server.url(QStringLiteral("/v1/secret/data/app"));
    c.dataJsonPath = QStringLiteral("$.data.data");
    return c;
}

struct Outcome
{
    int calls = 0;
    QHash<QString, QString> secrets;
    QString error;
};

// Runs one fetch and waits (spinning the event loop, as a test may) for finished().
Outcome runFetch(VaultClient &client, const VaultConfig &config, int waitMs = 10000)
{
    Outcome o;
    const QMetaObject::Connection c =
        QObject::connect(&client, &VaultClient::finished,
                         [&o](const QHash<QString, QString> &secrets, const QString &error) {
                             ++o.calls;
                             o.secrets = secrets;
                             o.error = error;
                         });
    client.fetch(config);
    (void)QTest::qWaitFor([&o] { return o.calls > 0; }, waitMs);
    QTest::qWait(50); // a second emission would show up here
    QObject::disconnect(c);
    return o;
}

// Every message logged during the test, to prove no secret is ever written to a log.
QMutex g_logMutex;
QStringList g_log;
QtMessageHandler g_previousHandler = nullptr;

void captureMessages(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&g_logMutex);
        g_log << message;
    }
    if (g_previousHandler)
        g_previousHandler(type, context, message);
}

bool mentionsASecret(const QString &text)
{
    return text.contains(QString::fromLatin1(kToken)) || text.contains(kSecretId) ||
           text.contains(QStringLiteral("p4ss-W0RD")) || text.contains(QStringLiteral("alice"));
}

} // namespace

class TestVault : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // Log everything the Vault client says (debug and info too) so the check below is real.
        QLoggingCategory::setFilterRules(QStringLiteral("assay.secrets.*=true"));
        g_previousHandler = qInstallMessageHandler(captureMessages);
    }

    void cleanupTestCase()
    {
        qInstallMessageHandler(g_previousHandler);
        QMutexLocker lock(&g_logMutex);
        QVERIFY(!g_log.isEmpty()); // the client did log its steps
        for (const QString &line : std::as_const(g_log))
            QVERIFY2(!mentionsASecret(line), qPrintable(QStringLiteral("secret in log: ") + line));
    }

    // ---- JsonPath ------------------------------------------------------------------------------

    void jsonPath_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("expected"); // compact JSON of the result, or "" on error
        QTest::addColumn<QString>("error");    // the exact message, or "" on success

        QTest::newRow("root with spaces around") << "  $.a  "
                                                 << "1"
                                                 << "";
        QTest::newRow("KV v2 data") << "$.data.data"
                                    << R"({"password":"pw","user":"u"})"
                                    << "";
        QTest::newRow("token") << "$.login.client_token"
                               << R"("tok")"
                               << "";
        QTest::newRow("bracket key") << "$['key with spaces']"
                                     << R"("spaced")"
                                     << "";
        QTest::newRow("double-quoted key") << "$[\"key with spaces\"]"
                                           << R"("spaced")"
                                           << "";
        QTest::newRow("dotted key") << "$['a.b']"
                                    << R"("dotted")"
                                    << "";
        QTest::newRow("escaped quote") << R"($['it\'s'])"
                                       << R"("quote")"
                                       << "";
        QTest::newRow("index") << "$.list[1]"
                               << R"("second")"
                               << "";
        QTest::newRow("index then key") << "$.objects[0].name"
                                        << R"("zero")"
                                        << "";
        QTest::newRow("spaces in brackets") << "$.list[ 0 ]"
                                            << R"("first")"
                                            << "";
        QTest::newRow("mixed") << "$.data['data'].user"
                               << R"("u")"
                               << "";
        QTest::newRow("hyphen key") << "$.my-key"
                                    << R"("hyphen")"
                                    << "";
        QTest::newRow("null value") << "$.nothing"
                                    << "null"
                                    << "";

        QTest::newRow("missing at root") << "$.auth.client_token"
                                         << ""
                                         << "$.auth.client_token: no key 'auth'";
        QTest::newRow("missing leaf") << "$.login.token"
                                      << ""
                                      << "$.login.token: no key 'token' in $.login";
        QTest::newRow("missing nested") << "$.data.secret"
                                        << ""
                                        << "$.data.secret: no key 'secret' in $.data";
        QTest::newRow("missing quoted") << "$.data['odd key']"
                                        << ""
                                        << "$.data['odd key']: no key 'odd key' in $.data";
        QTest::newRow("key of a string") << "$.data.data.user.x"
                                         << ""
                                         << "$.data.data.user.x: $.data.data.user is a string, "
                                            "not an object";
        QTest::newRow("index of an object") << "$.data[0]"
                                            << ""
                                            << "$.data[0]: $.data is an object, not an array";
        QTest::newRow("index out of range")
            << "$.list[5]"
            << ""
            << "$.list[5]: index 5 is out of range; $.list has 2 items";
        QTest::newRow("key of null") << "$.nothing.x"
                                     << ""
                                     << "$.nothing.x: $.nothing is null, not an object";
        QTest::newRow("no dollar") << "data.data"
                                   << ""
                                   << "data.data: a JSONPath starts with $ (e.g. $.data)";
        QTest::newRow("empty") << ""
                               << ""
                               << "(empty JSONPath): a JSONPath starts with $ (e.g. $.data)";
    }

    void jsonPath()
    {
        QFETCH(QString, path);
        QFETCH(QString, expected);
        QFETCH(QString, error);
        const QJsonObject doc =
            QJsonDocument::fromJson(
                // (no raw string here: moc misreads a ' inside one)
                "{\"a\":1, \"data\":{\"data\":{\"user\":\"u\",\"password\":\"pw\"}},"
                "\"login\":{\"client_token\":\"tok\"}, \"key with spaces\":\"spaced\","
                "\"a.b\":\"dotted\", \"it's\":\"quote\", \"list\":[\"first\",\"second\"],"
                "\"objects\":[{\"name\":\"zero\"}], \"my-key\":\"hyphen\", \"nothing\":null}")
                .object();
        QVERIFY(!doc.isEmpty());

        QString message = QStringLiteral("not set");
        const QJsonValue value = evaluateJsonPath(doc, path, &message);
        if (error.isEmpty()) {
            QVERIFY2(message.isEmpty(), qPrintable(message));
            QVERIFY(!value.isUndefined());
            const QByteArray wrapped =
                QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
            QCOMPARE(QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2)), expected);
        } else {
            QVERIFY(value.isUndefined());
            QCOMPARE(message, error);
        }
    }

    void jsonPathSyntax_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("needle"); // part of the message; "" when valid

        QTest::newRow("root") << "$"
                              << "";
        QTest::newRow("nested") << "$.data.data"
                                << "";
        QTest::newRow("brackets") << "$['a b'][0].c"
                                  << "";
        QTest::newRow("no dollar") << "auth.client_token"
                                   << "starts with $";
        QTest::newRow("dollar later") << "x$"
                                      << "starts with $";
        QTest::newRow("recursive") << "$..token"
                                   << "recursive descent";
        QTest::newRow("wildcard dot") << "$.*"
                                      << "wildcards";
        QTest::newRow("wildcard bracket") << "$[*]"
                                          << "wildcards";
        QTest::newRow("filter") << "$[?(@.a)]"
                                << "filters";
        QTest::newRow("slice") << "$.list[0:2]"
                               << "slices";
        QTest::newRow("negative") << "$.list[-1]"
                                  << "negative";
        QTest::newRow("trailing dot") << "$.data."
                                      << "expected a key after '.'";
        QTest::newRow("unclosed bracket") << "$[0"
                                          << "expected ']'";
        QTest::newRow("unclosed bracket end") << "$["
                                              << "is not closed";
        QTest::newRow("unclosed quote") << "$['abc]"
                                        << "quoted key is not closed";
        QTest::newRow("garbage") << "$ data"
                                 << "unexpected ' '";
        QTest::newRow("bare word in brackets") << "$[abc]"
                                               << "expected an index or a quoted key";
    }

    void jsonPathSyntax()
    {
        QFETCH(QString, path);
        QFETCH(QString, needle);
        const QString message = jsonPathSyntaxError(path);
        if (needle.isEmpty()) {
            QVERIFY2(message.isEmpty(), qPrintable(message));
        } else {
            QVERIFY2(message.contains(needle), qPrintable(message));
            QVERIFY2(message.startsWith(path.trimmed() + QLatin1Char(':')), qPrintable(message));
            QString evalError;
            QVERIFY(evaluateJsonPath(QJsonObject(), path, &evalError).isUndefined());
            QCOMPARE(evalError, message);
        }
    }

    void jsonPathErrorsNeverShowValues()
    {
        const QJsonObject doc{{QStringLiteral("data"), QStringLiteral("SUPERSECRET")}};
        QString error;
        evaluateJsonPath(doc, QStringLiteral("$.data.password"), &error);
        QVERIFY(!error.isEmpty());
        QVERIFY2(!error.contains(QLatin1String("SUPERSECRET")), qPrintable(error));
        QVERIFY(error.contains(QLatin1String("is a string")));
        // A success clears an earlier message.
        evaluateJsonPath(doc, QStringLiteral("$.data"), &error);
        QVERIFY(error.isEmpty());
        // $ is the whole document, objects and arrays alike.
        QCOMPARE(evaluateJsonPath(doc, QStringLiteral("$"), &error), QJsonValue(doc));
        QCOMPARE(evaluateJsonPath(QJsonArray{1, 2}, QStringLiteral("$[1]"), &error), QJsonValue(2));
        // A null error pointer is fine.
        QVERIFY(evaluateJsonPath(doc, QStringLiteral("$.nope"), nullptr).isUndefined());
    }

    // ---- VaultConfig ---------------------------------------------------------------------------

    void configDefaults()
    {
        const VaultConfig c;
        QCOMPARE(c.tokenJsonPath, QStringLiteral("$.auth.client_token"));
        QCOMPARE(c.tokenHeaderName, QStringLiteral("X-Vault-Token"));
        QCOMPARE(c.dataJsonPath, QStringLiteral("$.data"));
        QVERIFY(!c.validate().isEmpty()); // no Secret URL yet
    }

    void configValidation_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("needle"); // part of the message; "" when valid

        QTest::newRow("valid") << ""
                               << ""
                               << "";
        QTest::newRow("https login") << "loginUrl"
                                     << "https://vault.example.com:8200/v1/auth/x"
                                     << "";
        QTest::newRow("no login, no payload") << "noLogin"
                                              << ""
                                              << "";
        QTest::newRow("payload without login") << "payloadWithoutLogin"
                                               << ""
                                               << "only sent to a Login URL";
        QTest::newRow("login not a URL") << "loginUrl"
                                         << "vault:8200"
                                         << "Login URL";
        QTest::newRow("login ftp") << "loginUrl"
                                   << "ftp://vault/x"
                                   << "Login URL";
        QTest::newRow("login no host") << "loginUrl"
                                       << "https:///v1/x"
                                       << "Login URL";
        QTest::newRow("secret missing") << "secretUrl"
                                        << ""
                                        << "Enter the Secret URL";
        QTest::newRow("secret not a URL") << "secretUrl"
                                          << "just words"
                                          << "Secret URL";
        QTest::newRow("secret file") << "secretUrl"
                                     << "file:///etc/passwd"
                                     << "Secret URL";
        QTest::newRow("payload empty") << "credentialsPayload"
                                       << ""
                                       << "Enter the Credentials";
        QTest::newRow("payload not JSON") << "credentialsPayload"
                                          << "{role_id: x}"
                                          << "is not valid JSON";
        QTest::newRow("payload array") << "credentialsPayload"
                                       << "[1,2]"
                                       << "must be a JSON object";
        QTest::newRow("payload string") << "credentialsPayload"
                                        << "\"secret\""
                                        << "Credentials Payload";
        QTest::newRow("token path no dollar") << "tokenJsonPath"
                                              << "auth.client_token"
                                              << "Token JSONPath";
        QTest::newRow("token path empty") << "tokenJsonPath"
                                          << ""
                                          << "Token JSONPath";
        QTest::newRow("data path no dollar") << "dataJsonPath"
                                             << "data"
                                             << "Data JSONPath";
        QTest::newRow("data path wildcard") << "dataJsonPath"
                                            << "$.data.*"
                                            << "Data JSONPath";
        QTest::newRow("header empty") << "tokenHeaderName"
                                      << ""
                                      << "Token Header Name";
        QTest::newRow("header with space") << "tokenHeaderName"
                                           << "X Vault"
                                           << "Token Header";
        QTest::newRow("header with colon") << "tokenHeaderName"
                                           << "X-Vault:"
                                           << "Token Header";
        QTest::newRow("header custom") << "tokenHeaderName"
                                       << "Authorization"
                                       << "";
    }

    void configValidation()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, needle);
        VaultConfig c;
        c.loginUrl = QStringLiteral("http://127.0.0.1:8200/v1/auth/approle/login");
        c.credentialsPayload = payloadText();
        c.secretUrl = QStringLiteral("http://127.0.0.1:8200/v1/secret/data/app");
        if (field == QLatin1String("loginUrl"))
            c.loginUrl = value;
        else if (field == QLatin1String("secretUrl"))
            c.secretUrl = value;
        else if (field == QLatin1String("credentialsPayload"))
            c.credentialsPayload = value;
        else if (field == QLatin1String("tokenJsonPath"))
            c.tokenJsonPath = value;
        else if (field == QLatin1String("dataJsonPath"))
            c.dataJsonPath = value;
        else if (field == QLatin1String("tokenHeaderName"))
            c.tokenHeaderName = value;
        else if (field == QLatin1String("noLogin"))
            c.loginUrl.clear(), c.credentialsPayload.clear();
        else if (field == QLatin1String("payloadWithoutLogin"))
            c.loginUrl.clear();

        const QString message = c.validate();
        if (needle.isEmpty()) {
            QVERIFY2(message.isEmpty(), qPrintable(message));
        } else {
            QVERIFY2(message.contains(needle), qPrintable(message));
            QVERIFY2(!message.contains(kSecretId), qPrintable(message));
        }
    }

    void configJson()
    {
        VaultConfig c;
        c.loginUrl = QStringLiteral("https://vault:8200/v1/auth/approle/login");
        c.credentialsPayload = payloadText();
        c.secretUrl = QStringLiteral("https://vault:8200/v1/secret/data/app");
        c.tokenHeaderName = QStringLiteral("X-Custom");
        c.dataJsonPath = QStringLiteral("$.data.data");

        // Without secrets: no payload at all, in the API's field names.
        const QJsonObject publicJson = c.toJson(false);
        QVERIFY(!publicJson.contains(QStringLiteral("credentials_payload")));
        const QByteArray publicText = QJsonDocument(publicJson).toJson();
        QVERIFY(!publicText.contains(kSecretId.toUtf8()));
        QCOMPARE(publicJson.value(QStringLiteral("login_url")).toString(), c.loginUrl);
        QCOMPARE(publicJson.value(QStringLiteral("secret_url")).toString(), c.secretUrl);
        QCOMPARE(publicJson.value(QStringLiteral("token_jsonpath")).toString(), c.tokenJsonPath);
        QCOMPARE(publicJson.value(QStringLiteral("token_header_name")).toString(),
                 QStringLiteral("X-Custom"));
        QCOMPARE(publicJson.value(QStringLiteral("data_jsonpath")).toString(),
                 QStringLiteral("$.data.data"));
        VaultConfig back = VaultConfig::fromJson(publicJson);
        QVERIFY(back.credentialsPayload.isEmpty());
        back.credentialsPayload = c.credentialsPayload;
        QCOMPARE(back, c);

        // With secrets (for the keychain): a full round trip.
        QCOMPARE(VaultConfig::fromJson(c.toJson(true)), c);

        // Defaults for missing fields; the payload may arrive as an object.
        const VaultConfig minimal = VaultConfig::fromJson(
            QJsonObject{{QStringLiteral("secret_url"), QStringLiteral("https://v/x")},
                        {QStringLiteral("login_url"), QStringLiteral("https://v/login")},
                        {QStringLiteral("credentials_payload"),
                         QJsonObject{{QStringLiteral("role_id"), QStringLiteral("r")}}}});
        QCOMPARE(minimal.tokenJsonPath, QStringLiteral("$.auth.client_token"));
        QCOMPARE(minimal.tokenHeaderName, QStringLiteral("X-Vault-Token"));
        QCOMPARE(minimal.dataJsonPath, QStringLiteral("$.data"));
        QCOMPARE(minimal.credentialsPayload, QStringLiteral("{\"role_id\":\"r\"}"));
        QVERIFY2(minimal.validate().isEmpty(), qPrintable(minimal.validate()));
    }

    // ---- SecretReferences ----------------------------------------------------------------------

    void references_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("resolved");
        QTest::addColumn<QStringList>("keys");
        QTest::addColumn<QStringList>("missing");

        QTest::newRow("plain") << "no refs here"
                               << "no refs here" << QStringList() << QStringList();
        QTest::newRow("whole value") << "${password}"
                                     << "pw" << QStringList{"password"} << QStringList();
        QTest::newRow("inside text")
            << "postgres://${user}:${password}@db/${user}"
            << "postgres://alice:pw@db/alice" << QStringList{"user", "password"} << QStringList();
        QTest::newRow("missing key left untouched")
            << "${user}/${nope}/${nope}"
            << "alice/${nope}/${nope}" << QStringList{"user", "nope"} << QStringList{"nope"};
        QTest::newRow("escape") << "$${user} is ${user}"
                                << "${user} is alice" << QStringList{"user"} << QStringList();
        QTest::newRow("escape of a missing key") << "$${nope}"
                                                 << "${nope}" << QStringList() << QStringList();
        QTest::newRow("lone dollars") << "pa$$word$ $"
                                      << "pa$$word$ $" << QStringList() << QStringList();
        QTest::newRow("unclosed") << "${user"
                                  << "${user" << QStringList() << QStringList();
        QTest::newRow("empty braces") << "${}"
                                      << "${}" << QStringList() << QStringList();
        QTest::newRow("nested braces") << "${a{b}}"
                                       << "${a{b}}" << QStringList() << QStringList();
        QTest::newRow("key with spaces and dots")
            << "${key with spaces}+${db.host}"
            << "v+h" << QStringList{"key with spaces", "db.host"} << QStringList();
        QTest::newRow("case-sensitive") << "${USER}"
                                        << "${USER}" << QStringList{"USER"} << QStringList{"USER"};
        QTest::newRow("value with a reference is not rescanned")
            << "${tricky}"
            << "${user}" << QStringList{"tricky"} << QStringList();
        QTest::newRow("empty value") << "[${empty}]"
                                     << "[]" << QStringList{"empty"} << QStringList();
        QTest::newRow("adjacent") << "${user}${user}"
                                  << "alicealice" << QStringList{"user"} << QStringList();
        QTest::newRow("dollar before reference")
            << "$${user}$${user}"
            << "${user}${user}" << QStringList() << QStringList();
        QTest::newRow("price then reference") << "$5 ${user}"
                                              << "$5 alice" << QStringList{"user"} << QStringList();
    }

    void references()
    {
        QFETCH(QString, text);
        QFETCH(QString, resolved);
        QFETCH(QStringList, keys);
        QFETCH(QStringList, missing);
        const QHash<QString, QString> secrets{
            {QStringLiteral("user"), QStringLiteral("alice")},
            {QStringLiteral("password"), QStringLiteral("pw")},
            {QStringLiteral("key with spaces"), QStringLiteral("v")},
            {QStringLiteral("db.host"), QStringLiteral("h")},
            {QStringLiteral("tricky"), QStringLiteral("${user}")},
            {QStringLiteral("empty"), QString()}};
        QCOMPARE(referencedKeys(text), keys);
        QStringList gotMissing{QStringLiteral("stale")};
        QCOMPARE(resolveReferences(text, secrets, &gotMissing), resolved);
        QCOMPARE(gotMissing, missing);
        QCOMPARE(resolveReferences(text, secrets, nullptr), resolved);
    }

    // ---- VaultClient against a real loopback HTTP server ---------------------------------------

    void loginThenSecret()
    {
        LoopbackServer server([](const HttpRequest &r) { return vault(r); });
        QVERIFY(server.listen());
        VaultClient client;
        const Outcome o = runFetch(client, configFor(server));

        QCOMPARE(o.calls, 1);
        QVERIFY2(o.error.isEmpty(), qPrintable(o.error));
        QCOMPARE(server.requests.size(), 2);

        const HttpRequest &login = server.requests.at(0);
        QCOMPARE(login.method, QByteArray("POST"));
        QCOMPARE(login.path, QByteArray("/v1/auth/approle/login"));
        QVERIFY(login.header("Content-Type").startsWith("application/json"));
        QCOMPARE(QJsonDocument::fromJson(login.body).object(),
                 QJsonDocument::fromJson(payloadText().toUtf8()).object());
        QVERIFY(!login.hasHeader("X-Vault-Token"));

        const HttpRequest &read = server.requests.at(1);
        QCOMPARE(read.method, QByteArray("GET"));
        QCOMPARE(read.path, QByteArray("/v1/secret/data/app"));
        QCOMPARE(read.header("X-Vault-Token"), kToken);
        QVERIFY(read.body.isEmpty());

        QCOMPARE(o.secrets.value(QStringLiteral("user")), QStringLiteral("alice"));
        QCOMPARE(o.secrets.value(QStringLiteral("password")), kPassword);
        QCOMPARE(o.secrets.value(QStringLiteral("port")), QStringLiteral("5432"));
        QCOMPARE(o.secrets.value(QStringLiteral("ratio")), QStringLiteral("0.25"));
        QCOMPARE(o.secrets.value(QStringLiteral("ssl")), QStringLiteral("true"));
        QVERIFY(o.secrets.contains(QStringLiteral("nothing")));
        QCOMPARE(o.secrets.value(QStringLiteral("nothing")), QString());
        QCOMPARE(o.secrets.value(QStringLiteral("nested")), QStringLiteral("{\"a\":1}"));
        QCOMPARE(o.secrets.value(QStringLiteral("key with spaces")), QStringLiteral("v"));
        QCOMPARE(o.secrets.size(), 8);
        QVERIFY(!client.isRunning());

        // The secret feeds ${key} references in connection properties.
        QStringList missing;
        QCOMPARE(resolveReferences(QStringLiteral("${user}:${password}"), o.secrets, &missing),
                 QStringLiteral("alice:") + kPassword);
        QVERIFY(missing.isEmpty());

        // The same client can fetch again.
        const Outcome again = runFetch(client, configFor(server));
        QVERIFY2(again.error.isEmpty(), qPrintable(again.error));
        QCOMPARE(server.requests.size(), 4);
    }

    void customHeaderAndPaths()
    {
        LoopbackServer server([](const HttpRequest &r) {
            if (r.path == "/login")
                return HttpResponse::json(200, R"({"result":{"tokens":[{"value":")" + kToken +
                                                   R"("}]}})");
            if (r.path == "/kv/app" && r.header("X-Custom-Auth") == kToken &&
                !r.hasHeader("X-Vault-Token"))
                return HttpResponse::json(200, R"({"payload":{"my secrets":{"k":"v"}}})");
            return HttpResponse::json(403, "{}");
        });
        QVERIFY(server.listen());
        VaultConfig c;
        c.loginUrl = server.url(QStringLiteral("/login"));
        c.credentialsPayload = QStringLiteral("{}");
        c.tokenJsonPath = QStringLiteral("$.result.tokens[0].value");
        c.tokenHeaderName = QStringLiteral("X-Custom-Auth");
        c.secretUrl = server.url(QStringLiteral("/kv/app"));
        c.dataJsonPath = QStringLiteral("$.payload['my secrets']");
        VaultClient client;
        const Outcome o = runFetch(client, c);
        QVERIFY2(o.error.isEmpty(), qPrintable(o.error));
        QCOMPARE(o.secrets, (QHash<QString, QString>{{QStringLiteral("k"), QStringLiteral("v")}}));
    }

    void withoutLoginNoTokenIsSent()
    {
        LoopbackServer server([](const HttpRequest &r) {
            if (r.method == "GET" && r.path == "/v1/secret/app")
                return HttpResponse::json(200, R"({"data":{"user":"bob"}})");
            return HttpResponse::json(404, "{}");
        });
        QVERIFY(server.listen());
        VaultConfig c;
        c.secretUrl = server.url(QStringLiteral("/v1/secret/app")); // default $.data
        VaultClient client;
        const Outcome o = runFetch(client, c);
        QVERIFY2(o.error.isEmpty(), qPrintable(o.error));
        QCOMPARE(o.secrets.value(QStringLiteral("user")), QStringLiteral("bob"));
        QCOMPARE(server.requests.size(), 1);
        QVERIFY(!server.requests.at(0).hasHeader("X-Vault-Token"));
    }

    void wrongCredentials()
    {
        LoopbackServer server([](const HttpRequest &r) { return vault(r); });
        QVERIFY(server.listen());
        VaultConfig c = configFor(server);
        c.credentialsPayload =
            QStringLiteral("{\"role_id\": \"assay-role\", \"secret_id\": \"WRONG-%1\"}")
                .arg(kSecretId);
        VaultClient client;
        const Outcome o = runFetch(client, c);
        QCOMPARE(o.calls, 1);
        QVERIFY2(o.error.startsWith(QLatin1String("Vault refused the credentials (HTTP 403)")),
                 qPrintable(o.error));
        QVERIFY2(o.error.contains(QLatin1String("/v1/auth/approle/login")), qPrintable(o.error));
        QVERIFY(o.secrets.isEmpty());
        QCOMPARE(server.requests.size(), 1); // no secret read after a refused login
        QVERIFY2(!mentionsASecret(o.error), qPrintable(o.error));
    }

    void tokenWithoutPermission()
    {
        LoopbackServer server([](const HttpRequest &r) {
            if (r.method == "POST")
                return HttpResponse::json(200, R"({"auth":{"client_token":"other-token"}})");
            return vault(r);
        });
        QVERIFY(server.listen());
        VaultClient client;
        const Outcome o = runFetch(client, configFor(server));
        QVERIFY2(o.error.startsWith(QLatin1String("Vault refused the credentials (HTTP 403)")),
                 qPrintable(o.error));
        QVERIFY2(o.error.contains(QLatin1String("policy")), qPrintable(o.error));
        QVERIFY2(!o.error.contains(QLatin1String("other-token")), qPrintable(o.error));
    }

    void missingSecret()
    {
        LoopbackServer server([](const HttpRequest &r) { return vault(r); });
        QVERIFY(server.listen());
        VaultConfig c = configFor(server);
        c.secretUrl = server.url(QStringLiteral("/v1/secret/data/missing"));
        VaultClient client;
        const Outcome o = runFetch(client, c);
        QVERIFY2(o.error.startsWith(QLatin1String("No secret at ")), qPrintable(o.error));
        QVERIFY2(o.error.contains(c.secretUrl), qPrintable(o.error));
        QCOMPARE(server.requests.size(), 2);
    }

    void badAnswers_data()
    {
        QTest::addColumn<int>("loginStatus");
        QTest::addColumn<QByteArray>("loginBody");
        QTest::addColumn<int>("secretStatus");
        QTest::addColumn<QByteArray>("secretBody");
        QTest::addColumn<QString>("dataPath");
        QTest::addColumn<QString>("needle");

        const QByteArray goodLogin = loginAnswer();
        QTest::newRow("secret not JSON")
            << 200 << goodLogin << 200 << QByteArray("<html>proxy page</html>") << "$.data"
            << "is not valid JSON";
        QTest::newRow("login not JSON")
            << 200 << QByteArray("{\"auth\": ") << 200 << QByteArray() << "$.data"
            << "is not valid JSON";
        QTest::newRow("secret empty") << 200 << goodLogin << 200 << QByteArray() << "$.data"
                                      << "empty answer";
        QTest::newRow("no token in answer")
            << 200 << QByteArray(R"({"data":{}})") << 200 << QByteArray() << "$.data"
            << "$.auth.client_token: no key 'auth'";
        QTest::newRow("token not a string") << 200 << QByteArray(R"({"auth":{"client_token":42}})")
                                            << 200 << QByteArray() << "$.data"
                                            << "points to a number";
        QTest::newRow("token with a line break")
            << 200 << QByteArray(R"({"auth":{"client_token":"a\r\nX-Evil: 1"}})") << 200
            << QByteArray() << "$.data"
            << "cannot be sent in an HTTP header";
        QTest::newRow("data path missing")
            << 200 << goodLogin << 200 << secretAnswer() << "$.data.nope"
            << "$.data.nope: no key 'nope' in $.data";
        QTest::newRow("data not an object")
            << 200 << goodLogin << 200 << secretAnswer() << "$.data.data.user"
            << "points to a string";
        QTest::newRow("server error") << 200 << goodLogin << 500 << QByteArray("{}") << "$.data"
                                      << "internal error (HTTP 500)";
        QTest::newRow("login 404") << 404 << QByteArray("{}") << 200 << QByteArray() << "$.data"
                                   << "No login endpoint at";
        QTest::newRow("bad request") << 400 << QByteArray("{}") << 200 << QByteArray() << "$.data"
                                     << "malformed (HTTP 400)";
    }

    void badAnswers()
    {
        QFETCH(int, loginStatus);
        QFETCH(QByteArray, loginBody);
        QFETCH(int, secretStatus);
        QFETCH(QByteArray, secretBody);
        QFETCH(QString, dataPath);
        QFETCH(QString, needle);
        LoopbackServer server([&](const HttpRequest &r) {
            if (r.method == "POST")
                return HttpResponse::json(loginStatus, loginBody);
            return HttpResponse::json(secretStatus, secretBody);
        });
        QVERIFY(server.listen());
        VaultConfig c = configFor(server);
        c.dataJsonPath = dataPath;
        VaultClient client;
        const Outcome o = runFetch(client, c);
        QCOMPARE(o.calls, 1);
        QVERIFY2(o.error.contains(needle), qPrintable(o.error));
        QVERIFY(o.secrets.isEmpty());
        QVERIFY2(!mentionsASecret(o.error), qPrintable(o.error));
    }

    void timeout()
    {
        LoopbackServer server([](const HttpRequest &) { return HttpResponse::silence(); });
        QVERIFY(server.listen());
        VaultClient client;
        QCOMPARE(client.timeout(), 15000);
        client.setTimeout(500);
        QElapsedTimer elapsed;
        elapsed.start();
        const Outcome o = runFetch(client, configFor(server));
        QCOMPARE(o.calls, 1);
        QVERIFY2(o.error.startsWith(QLatin1String("Vault did not answer within 0.5 seconds")),
                 qPrintable(o.error));
        QVERIFY2(elapsed.elapsed() >= 450 && elapsed.elapsed() < 5000,
                 qPrintable(QString::number(elapsed.elapsed())));
        QCOMPARE(server.requests.size(), 1);
        QVERIFY(!client.isRunning());
    }

    void timeoutOnTheSecretRequest()
    {
        LoopbackServer server([](const HttpRequest &r) {
            if (r.method == "POST")
                return vault(r);
            return HttpResponse::silence();
        });
        QVERIFY(server.listen());
        VaultClient client;
        client.setTimeout(500);
        const Outcome o = runFetch(client, configFor(server));
        QVERIFY2(o.error.contains(QLatin1String("did not answer")), qPrintable(o.error));
        QVERIFY2(o.error.contains(QLatin1String("/v1/secret/data/app")), qPrintable(o.error));
        QCOMPARE(server.requests.size(), 2);
    }

    void connectionRefused()
    {
        const int port = test::closedLoopbackPort();
        VaultConfig c;
        c.loginUrl = QStringLiteral("http://127.0.0.1:%1/v1/auth/approle/login").arg(port);
        c.credentialsPayload = payloadText();
        c.secretUrl = QStringLiteral("http://127.0.0.1:%1/v1/secret/data/app").arg(port);
        VaultClient client;
        const Outcome o = runFetch(client, c);
        QCOMPARE(o.calls, 1);
        QVERIFY2(o.error.contains(QLatin1String("connection was refused")), qPrintable(o.error));
        QVERIFY2(o.error.contains(QString::number(port)), qPrintable(o.error));
    }

    void invalidSettingsAreReportedAsynchronously()
    {
        VaultClient client;
        int calls = 0;
        QString error;
        connect(&client, &VaultClient::finished, this,
                [&](const QHash<QString, QString> &, const QString &e) {
                    ++calls;
                    error = e;
                });
        VaultConfig c;
        c.secretUrl = QStringLiteral("not a url");
        client.fetch(c);
        QCOMPARE(calls, 0); // never from inside fetch()
        QVERIFY(client.isRunning());
        QTRY_COMPARE(calls, 1);
        QCOMPARE(error, c.validate());
        QVERIFY(!client.isRunning());
    }

    void abortReportsOnce()
    {
        LoopbackServer server([](const HttpRequest &) { return HttpResponse::silence(); });
        QVERIFY(server.listen());
        VaultClient client;
        int calls = 0;
        QString error;
        connect(&client, &VaultClient::finished, this,
                [&](const QHash<QString, QString> &, const QString &e) {
                    ++calls;
                    error = e;
                });
        client.abort(); // idle: nothing happens
        QCOMPARE(calls, 0);
        client.fetch(configFor(server));
        QTRY_COMPARE(server.requests.size(), 1);
        client.abort();
        QCOMPARE(calls, 1);
        QVERIFY2(error.contains(QLatin1String("cancelled")), qPrintable(error));
        QTest::qWait(300);
        QCOMPARE(calls, 1);
    }

    void destroyedWhileRunning()
    {
        LoopbackServer server([](const HttpRequest &) { return HttpResponse::silence(); });
        QVERIFY(server.listen());
        auto *client = new VaultClient;
        client->fetch(configFor(server));
        QTRY_COMPARE(server.requests.size(), 1);
        delete client; // no crash, no late signal
        QTest::qWait(100);
    }

    void fetchAndWaitOnAHeadlessThread()
    {
        LoopbackServer server([](const HttpRequest &r) { return vault(r); });
        QVERIFY(server.listen());
        const VaultConfig c = configFor(server);

        // Here (a QCoreApplication, as the CLI has) blocking is allowed.
        const VaultResult direct = VaultClient::fetchAndWait(c, 5000);
        QVERIFY2(direct.ok(), qPrintable(direct.error));
        QCOMPARE(direct.secrets.value(QStringLiteral("user")), QStringLiteral("alice"));

        // And on a worker thread, while this thread keeps serving HTTP.
        VaultResult fromWorker;
        QThread *worker = QThread::create([&] { fromWorker = VaultClient::fetchAndWait(c, 5000); });
        worker->start();
        QTRY_VERIFY_WITH_TIMEOUT(worker->isFinished(), 10000);
        delete worker;
        QVERIFY2(fromWorker.ok(), qPrintable(fromWorker.error));
        QCOMPARE(fromWorker.secrets.value(QStringLiteral("password")), kPassword);

        const VaultResult refused =
            VaultClient::fetchAndWait(VaultConfig{QString(), QString(), QString(),
                                                  QStringLiteral("bad"), QString(), QString()},
                                      5000);
        QVERIFY(!refused.ok());
        QVERIFY(refused.secrets.isEmpty());
    }

    // ---- TLS: certificates are verified, never ignored
    // -------------------------------------------

    void tlsCertificates()
    {
        if (!QSslSocket::supportsSsl())
            QSKIP("Qt has no TLS backend here");
        const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
        if (openssl.isEmpty())
            QSKIP("openssl is not installed; it makes the test certificate");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QProcess make;
        make.start(openssl,
                   {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                    QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                    QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                    QStringLiteral("-keyout"), dir.filePath(QStringLiteral("key.pem")),
                    QStringLiteral("-out"), dir.filePath(QStringLiteral("cert.pem")),
                    QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                    QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
                    QStringLiteral("subjectAltName=IP:127.0.0.1")});
        QVERIFY(make.waitForFinished(30000));
        QCOMPARE(make.exitCode(), 0);
        const QList<QSslCertificate> certs =
            QSslCertificate::fromPath(dir.filePath(QStringLiteral("cert.pem")));
        QCOMPARE(certs.size(), 1);
        QFile keyFile(dir.filePath(QStringLiteral("key.pem")));
        QVERIFY(keyFile.open(QIODevice::ReadOnly));
        const QSslKey key(keyFile.readAll(), QSsl::Ec);
        QVERIFY(!key.isNull());

        const auto makeServer = [&] {
            auto *tls = new QSslServer;
            QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
            conf.setLocalCertificate(certs.first());
            conf.setPrivateKey(key);
            conf.setPeerVerifyMode(QSslSocket::VerifyNone);
            tls->setSslConfiguration(conf);
            return tls;
        };

        // A self-signed certificate nobody trusts: refused, and nothing was sent.
        {
            LoopbackServer server([](const HttpRequest &r) { return vault(r); }, makeServer());
            QVERIFY(server.listen());
            VaultConfig c = configFor(server);
            c.loginUrl =
                server.url(QStringLiteral("/v1/auth/approle/login"), QStringLiteral("https"));
            c.secretUrl =
                server.url(QStringLiteral("/v1/secret/data/app"), QStringLiteral("https"));
            VaultClient client;
            const Outcome o = runFetch(client, c);
            QCOMPARE(o.calls, 1);
            QVERIFY2(o.error.contains(QLatin1String("secure (TLS) connection")),
                     qPrintable(o.error));
            QVERIFY(server.requests.isEmpty()); // the payload never left
        }

        // The same certificate, trusted by the system configuration: works.
        const QSslConfiguration original = QSslConfiguration::defaultConfiguration();
        QSslConfiguration trusting = original;
        trusting.addCaCertificate(certs.first());
        QSslConfiguration::setDefaultConfiguration(trusting);
        {
            LoopbackServer server([](const HttpRequest &r) { return vault(r); }, makeServer());
            QVERIFY(server.listen());
            VaultConfig c = configFor(server);
            c.loginUrl =
                server.url(QStringLiteral("/v1/auth/approle/login"), QStringLiteral("https"));
            c.secretUrl =
                server.url(QStringLiteral("/v1/secret/data/app"), QStringLiteral("https"));
            VaultClient client;
            const Outcome o = runFetch(client, c);
            QSslConfiguration::setDefaultConfiguration(original);
            QVERIFY2(o.error.isEmpty(), qPrintable(o.error));
            QCOMPARE(o.secrets.value(QStringLiteral("user")), QStringLiteral("alice"));
            QCOMPARE(server.requests.size(), 2);
            QCOMPARE(server.requests.at(1).header("X-Vault-Token"), kToken);
        }
        QSslConfiguration::setDefaultConfiguration(original);
    }
};

QTEST_GUILESS_MAIN(TestVault)
#include "tst_vault.moc"
