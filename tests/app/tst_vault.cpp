#include "TestSupport.h"
#include "app/secrets/JsonPath.h"
#include "app/secrets/SecretReferences.h"
#include "app/secrets/VaultClient.h"
#include "app/secrets/VaultConfig.h"

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
