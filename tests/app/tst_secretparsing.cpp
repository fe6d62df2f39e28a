#include "app/secrets/JsonPath.h"
#include "app/secrets/SecretReferences.h"
#include "app/secrets/VaultConfig.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace assay;

// The parsing half of Vault support: JSONPath, the Vault settings and ${key} references.
// (tst_vault covers the client against a real HTTP server.)
namespace {

const QString kSecretId = QStringLiteral("sid-TOP-SECRET-42");

QString payloadText()
{
    return QStringLiteral("{\"role_id\": \"assay-role\", \"secret_id\": \"%1\"}").arg(kSecretId);
}

} // namespace

class TestSecretParsing : public QObject
{
    Q_OBJECT

private slots:
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
};

QTEST_GUILESS_MAIN(TestSecretParsing)
#include "tst_secretparsing.moc"
