#include "TestSupport.h"
#include "app/connectors/DatastoreDefinition.h"
#include "app/secrets/CredentialStore.h"
#include "models/catalog/Catalog.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace assay;

// Datastore definitions as JSON (the seeds' /api/datastores payload), their validation, and
// `assay datastores export` / `import` end to end with the real binary and the test keyring.
class TestDatastoreDefinition : public QObject
{
    Q_OBJECT

    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };

private:
    QTemporaryDir m_dir;
    CredentialStore m_store;
    const QString m_secret =
        QStringLiteral("s3cr3t-Pa$$word-%1").arg(QDateTime::currentMSecsSinceEpoch());

    Run assay(const QString &catalog, const QStringList &args,
              const QByteArray &input = QByteArray())
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("assay.*=true"));
        p.setProcessEnvironment(env);
        p.setWorkingDirectory(m_dir.path());
        p.start(test::assayBinary(), QStringList{QStringLiteral("--catalog"), catalog} + args);
        if (!p.waitForStarted(10000))
            return {};
        if (!input.isNull())
            p.write(input);
        p.closeWriteChannel();
        if (!p.waitForFinished(60000)) {
            p.kill();
            p.waitForFinished();
        }
        Run r{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
              QString::fromUtf8(p.readAllStandardOutput()),
              QString::fromUtf8(p.readAllStandardError())};
        if (r.exitCode != 0)
            qInfo().noquote() << "assay" << args.join(QLatin1Char(' ')) << "->" << r.exitCode
                              << r.err.trimmed();
        return r;
    }

    QString path(const QString &name) const { return m_dir.filePath(name); }

    bool writeFile(const QString &name, const QByteArray &bytes)
    {
        QFile f(path(name));
        return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
    }

    static ParsedDefinitions parseObject(const QJsonObject &o)
    {
        return definition::parse(QJsonDocument(o).toJson());
    }

    // A valid PostgreSQL payload, as the seeds write it.
    static QJsonObject seedPayload()
    {
        return QJsonObject{
            {QStringLiteral("name"), QStringLiteral("your_datastore_name")},
            {QStringLiteral("teams"), QJsonArray{QStringLiteral("Public")}},
            {QStringLiteral("database"), QStringLiteral("pg_database")},
            {QStringLiteral("schema"), QStringLiteral("pg_schema")},
            {QStringLiteral("enrich_only"), false},
            {QStringLiteral("trigger_catalog"), true},
            {QStringLiteral("connection"),
             QJsonObject{{QStringLiteral("name"), QStringLiteral("your_connection_name")},
                         {QStringLiteral("type"), QStringLiteral("postgresql")},
                         {QStringLiteral("host"), QStringLiteral("pg_host")},
                         {QStringLiteral("port"), QStringLiteral("5432")},
                         {QStringLiteral("username"), QStringLiteral("pg_username")},
                         {QStringLiteral("password"), QStringLiteral("${pg_password}")}}},
        };
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(test::useTestKeyring(), "the Keyring fixture is not running");
        QVERIFY(m_dir.isValid());
    }

    void seedPayloadReadsAndRoundTrips()
    {
        const ParsedDefinitions parsed = parseObject(seedPayload());
        QVERIFY2(parsed.ok(), qPrintable(parsed.errors.join(QLatin1Char('\n'))));
        QCOMPARE(parsed.definitions.size(), 1);
        const DatastoreDefinition d = parsed.definitions.first();
        QCOMPARE(d.name, QStringLiteral("your_datastore_name"));
        QCOMPARE(d.teams, QStringList{QStringLiteral("Public")});
        QVERIFY(d.triggerCatalog);
        QVERIFY(d.hasConnection);
        QCOMPARE(d.connection.port, 5432); // "5432" as the seeds write it
        QCOMPARE(d.connection.secrets.value(QStringLiteral("password")),
                 QStringLiteral("${pg_password}"));
        QCOMPARE(definition::referencedSecretKeys(parsed.definitions),
                 QStringList{QStringLiteral("pg_password")});

        // toJson -> parse gives the same definition back, alone and in an array.
        const ParsedDefinitions again =
            definition::parse(definition::serialize(parsed.definitions, false));
        QVERIFY(again.ok());
        QCOMPARE(again.definitions.first(), d);
        QVERIFY(!again.isArray);
        DatastoreDefinition enrichment;
        enrichment.name = QStringLiteral("Enrichment");
        enrichment.teams = {QStringLiteral("Data")};
        enrichment.enrichOnly = true;
        enrichment.connectionId = 7;
        DatastoreDefinition linked = d;
        linked.name = QStringLiteral("Linked");
        linked.enrichmentDatastore = QStringLiteral("Enrichment");
        linked.enrichContainerPrefix = QStringLiteral("_linked");
        linked.remediation = RemediationStrategy::Append;
        linked.connection.name = QStringLiteral("other connection");
        linked.connection.portText = QStringLiteral("${pg_port}");
        linked.connection.port = 0;
        linked.connection.parameters =
            QJsonObject{{QStringLiteral("sslmode"), QStringLiteral("require")}};
        const QList<DatastoreDefinition> three{d, enrichment, linked};
        const ParsedDefinitions array = definition::parse(definition::serialize(three, true));
        QVERIFY2(array.ok(), qPrintable(array.errors.join(QLatin1Char('\n'))));
        QVERIFY(array.isArray);
        QCOMPARE(array.definitions, three);

        // What a definition's connection becomes: no secret, the secret named.
        const Connection c = definition::toConnection(linked.connection);
        QCOMPARE(c.secretFields, QStringList{QStringLiteral("password")});
        QCOMPARE(c.parameters.value(QStringLiteral("port")).toString(),
                 QStringLiteral("${pg_port}"));
        QStringList missing;
        const auto secrets = definition::resolveSecrets(
            d.connection, {{QStringLiteral("pg_password"), QStringLiteral("pw")}}, &missing);
        QVERIFY(missing.isEmpty());
        QCOMPARE(secrets.value(QStringLiteral("password")), QStringLiteral("pw"));
        definition::resolveSecrets(d.connection, {}, &missing);
        QCOMPARE(missing, QStringList{QStringLiteral("pg_password")});
    }

    void validationErrorsNameTheField_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        const auto with = [](const std::function<void(QJsonObject &)> &change) {
            QJsonObject o = seedPayload();
            change(o);
            return QJsonDocument(o).toJson();
        };
        const auto inConnection = [&with](const QString &key, const QJsonValue &value) {
            return with([&](QJsonObject &o) {
                QJsonObject c = o.value(QStringLiteral("connection")).toObject();
                if (value.isUndefined())
                    c.remove(key);
                else
                    c.insert(key, value);
                o.insert(QStringLiteral("connection"), c);
            });
        };
        QTest::newRow("no name") << with([](QJsonObject &o) { o.remove(QStringLiteral("name")); })
                                 << QStringLiteral("name: is required");
        QTest::newRow("teams") << with([](QJsonObject &o) {
            o.insert(QStringLiteral("teams"), QStringLiteral("Public"));
        }) << QStringLiteral("teams: must be a list");
        QTest::newRow("enrich_only") << with([](QJsonObject &o) {
            o.insert(QStringLiteral("enrich_only"), QStringLiteral("yes"));
        }) << QStringLiteral("enrich_only: must be true or false");
        QTest::newRow("no connection")
            << with([](QJsonObject &o) { o.remove(QStringLiteral("connection")); })
            << QStringLiteral("connection: is required");
        QTest::newRow("both") << with([](QJsonObject &o) {
            o.insert(QStringLiteral("connection_id"), 3);
        }) << QStringLiteral("connection: give either connection or connection_id");
        QTest::newRow("type") << inConnection(QStringLiteral("type"), QStringLiteral("oracle9"))
                              << QStringLiteral("connection.type: unknown connector 'oracle9'");
        QTest::newRow("port") << inConnection(QStringLiteral("port"), 70000)
                              << QStringLiteral(
                                     "connection.port: must be a number from 1 to 65535");
        QTest::newRow("port text")
            << inConnection(QStringLiteral("port"), QStringLiteral("pg_port"))
            << QStringLiteral("connection.port: must be a number");
        QTest::newRow("host") << inConnection(QStringLiteral("host"), QJsonValue::Undefined)
                              << QStringLiteral("connection.host: is required for PostgreSQL");
        QTest::newRow("password type") << inConnection(QStringLiteral("password"), 12)
                                       << QStringLiteral("connection.password: must be a string");
        QTest::newRow("prefix") << with([](QJsonObject &o) {
            o.insert(QStringLiteral("enrich_container_prefix"), QStringLiteral("!!!"));
        }) << QStringLiteral("enrich_container_prefix: Enter a prefix");
        QTest::newRow("remediation") << with([](QJsonObject &o) {
            o.insert(QStringLiteral("remediation"), QStringLiteral("sometimes"));
        }) << QStringLiteral("remediation: must be none, append or overwrite");
        QTest::newRow("not json") << QByteArray("{\n  \"name\": \"x\",\n  oops\n}")
                                  << QStringLiteral("line 3: not valid JSON");
        QJsonObject twice = seedPayload();
        QTest::newRow("twice") << QJsonDocument(QJsonArray{twice, twice}).toJson()
                               << QStringLiteral("datastores[1].name: 'your_datastore_name' is "
                                                 "defined twice");
        QJsonObject other = seedPayload();
        other.insert(QStringLiteral("name"), QStringLiteral("other"));
        QJsonObject c = other.value(QStringLiteral("connection")).toObject();
        c.insert(QStringLiteral("host"), QStringLiteral("elsewhere"));
        other.insert(QStringLiteral("connection"), c);
        QTest::newRow("connection differs")
            << QJsonDocument(QJsonArray{seedPayload(), other}).toJson()
            << QStringLiteral("datastores[1].connection: connection 'your_connection_name' is "
                              "defined differently at datastores[0].connection");
    }

    void validationErrorsNameTheField()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        const ParsedDefinitions parsed = definition::parse(json);
        QVERIFY(!parsed.ok());
        const QString all = parsed.errors.join(QLatin1Char('\n'));
        QVERIFY2(all.contains(expected), qPrintable(all));
    }

    void unknownFieldsWarnAndSecretsFileParses()
    {
        QJsonObject o = seedPayload();
        o.insert(QStringLiteral("colour"), QStringLiteral("blue"));
        const ParsedDefinitions parsed = parseObject(o);
        QVERIFY(parsed.ok());
        QCOMPARE(parsed.warnings.size(), 1);
        QVERIFY(parsed.warnings.first().startsWith(QStringLiteral("colour:")));

        QStringList errors;
        const auto values = definition::parseSecrets(
            "# secrets\n\nexport A_PASSWORD=one=two\r\nb_key = 'quoted $ value'\nC=\"x\"\n"
            "bad line\n=novalue\n",
            &errors);
        QCOMPARE(values.value(QStringLiteral("A_PASSWORD")), QStringLiteral("one=two"));
        QCOMPARE(values.value(QStringLiteral("b_key")), QStringLiteral("quoted $ value"));
        QCOMPARE(values.value(QStringLiteral("C")), QStringLiteral("x"));
        QCOMPARE(errors, (QStringList{QStringLiteral("line 6: expected KEY=VALUE"),
                                      QStringLiteral("line 7: expected KEY=VALUE")}));
        QCOMPARE(
            definition::secretKey(QStringLiteral("Warehouse PG (EU)"), QStringLiteral("password")),
            QStringLiteral("warehouse_pg_eu_password"));
    }

    void exportedTextHoldsNoSecret()
    {
        Catalog catalog;
        QVERIFY(catalog.open(path(QStringLiteral("vault.sqlite"))));
        Connection c;
        c.name = QStringLiteral("Vaulted PG");
        c.type = QStringLiteral("postgresql");
        c.uuid = QStringLiteral("11111111-2222-3333-4444-555555555555");
        c.host = QStringLiteral("db.example.com");
        c.port = 5432;
        c.username = QStringLiteral("${user}");
        c.database = QStringLiteral("sales");
        c.parameters.insert(
            QStringLiteral("secrets_manager"),
            QJsonObject{{QStringLiteral("login_url"), QStringLiteral("https://vault/login")},
                        {QStringLiteral("secret_url"), QStringLiteral("https://vault/pg")}});
        c.secretFields = {QStringLiteral("password"), QStringLiteral("vault_payload")};
        const QString payload = QStringLiteral("{\"role_id\":\"r-%1\"}").arg(m_secret);
        QVERIFY(m_store.writeAndWait(c.uuid, QStringLiteral("password"), m_secret).ok());
        QVERIFY(m_store.writeAndWait(c.uuid, QStringLiteral("vault_payload"), payload).ok());
        Datastore d;
        d.name = QStringLiteral("Sales");
        d.connectionId = catalog.addConnection(c);
        QVERIFY(d.connectionId);
        d.database = QStringLiteral("sales");
        d.schema = QStringLiteral("public");
        d.teams = {QStringLiteral("Public")};
        QVERIFY(catalog.addDatastore(d));

        const DatastoreDefinition def =
            definition::fromCatalog(catalog, *catalog.datastoreByName(QStringLiteral("Sales")));
        const QByteArray text = definition::serialize({def}, false);
        QVERIFY(!text.contains(m_secret.toUtf8()));
        QVERIFY(!text.contains("role_id"));
        const QJsonObject connection =
            QJsonDocument::fromJson(text).object().value(QStringLiteral("connection")).toObject();
        QCOMPARE(connection.value(QStringLiteral("password")).toString(),
                 QStringLiteral("${vaulted_pg_password}"));
        const QJsonObject vault = connection.value(QStringLiteral("secrets_manager")).toObject();
        QCOMPARE(vault.value(QStringLiteral("credentials_payload")).toString(),
                 QStringLiteral("${vaulted_pg_vault_payload}"));
        QCOMPARE(vault.value(QStringLiteral("secret_url")).toString(),
                 QStringLiteral("https://vault/pg"));
        QCOMPARE(connection.value(QStringLiteral("username")).toString(),
                 QStringLiteral("${user}"));
        // And it reads back as the same connection.
        const ParsedDefinitions back = definition::parse(text);
        QVERIFY2(back.ok(), qPrintable(back.errors.join(QLatin1Char('\n'))));
        Connection restored = definition::toConnection(back.definitions.first().connection);
        QCOMPARE(restored.parameters, c.parameters);
        QCOMPARE(restored.secretFields, c.secretFields);
        m_store.removeAndWait(c.uuid, QStringLiteral("password"));
        m_store.removeAndWait(c.uuid, QStringLiteral("vault_payload"));
    }

    void cliExportImportRoundTrip()
    {
        QVERIFY2(QFile::exists(test::assayBinary()), "ASSAY_BINARY is not set");
        const QString a = path(QStringLiteral("a.sqlite"));
        Run r = assay(
            a,
            {QStringLiteral("connections"), QStringLiteral("create"), QStringLiteral("--type"),
             QStringLiteral("postgresql"), QStringLiteral("--name"), QStringLiteral("Warehouse PG"),
             QStringLiteral("--host"), QStringLiteral("db.example.com"),
             QStringLiteral("--username"), QStringLiteral("analyst"), QStringLiteral("--database"),
             QStringLiteral("sales"), QStringLiteral("--password-stdin")},
            m_secret.toUtf8() + '\n');
        QCOMPARE(r.exitCode, 0);
        for (const QStringList &args :
             {QStringList{QStringLiteral("--name"), QStringLiteral("Sales"),
                          QStringLiteral("--teams"), QStringLiteral("Finance,Public")},
              QStringList{QStringLiteral("--name"), QStringLiteral("Results"),
                          QStringLiteral("--schema"), QStringLiteral("quality"),
                          QStringLiteral("--enrichment-only")}}) {
            r = assay(a, QStringList{QStringLiteral("datastores"), QStringLiteral("create"),
                                     QStringLiteral("--connection-name"),
                                     QStringLiteral("Warehouse PG")} +
                             args);
            QCOMPARE(r.exitCode, 0);
        }
        r = assay(a, {QStringLiteral("datastores"), QStringLiteral("link-enrichment"),
                      QStringLiteral("--datastore"), QStringLiteral("Sales"),
                      QStringLiteral("--enrichment"), QStringLiteral("Results"),
                      QStringLiteral("--prefix"), QStringLiteral("Sales EU")});
        QCOMPARE(r.exitCode, 0);

        // One name: an object on stdout; --all: an array in a file.
        r = assay(
            a, {QStringLiteral("datastores"), QStringLiteral("export"), QStringLiteral("Sales")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(QJsonDocument::fromJson(r.out.toUtf8()).isObject());
        QVERIFY(!r.out.contains(m_secret));
        QVERIFY(!r.err.contains(m_secret));
        const QString exported = path(QStringLiteral("exported.json"));
        r = assay(a, {QStringLiteral("datastores"), QStringLiteral("export"),
                      QStringLiteral("--all"), QStringLiteral("--output"), exported});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("warehouse_pg_password")), qPrintable(r.out));
        QFile file(exported);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY(!text.contains(m_secret.toUtf8()));
        QVERIFY(text.contains("\"password\": \"${warehouse_pg_password}\""));
        QCOMPARE(QJsonDocument::fromJson(text).array().size(), 2);
        r = assay(a, {QStringLiteral("datastores"), QStringLiteral("export")});
        QCOMPARE(r.exitCode, 2);

        // Without the secret: refused, nothing created.
        const QString b = path(QStringLiteral("b.sqlite"));
        r = assay(b, {QStringLiteral("datastores"), QStringLiteral("import"), exported});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("${warehouse_pg_password}")), qPrintable(r.err));
        // A dry run changes nothing either.
        QVERIFY(writeFile(QStringLiteral("secrets.env"),
                          "# for the import\nwarehouse_pg_password=" + m_secret.toUtf8() + "\n"));
        const QString secrets = path(QStringLiteral("secrets.env"));
        r = assay(b, {QStringLiteral("datastores"), QStringLiteral("import"), exported,
                      QStringLiteral("--secrets-file"), secrets, QStringLiteral("--dry-run")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("nothing was changed")), qPrintable(r.out));
        {
            Catalog check;
            QVERIFY(check.open(b));
            QVERIFY(check.connections().isEmpty());
            QVERIFY(check.datastores().isEmpty());
        }

        // With the secrets file: everything, the password in the keychain.
        r = assay(b, {QStringLiteral("datastores"), QStringLiteral("import"), exported,
                      QStringLiteral("--secrets-file"), secrets, QStringLiteral("--no-sync"),
                      QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject result = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(result.value(QStringLiteral("created")).toInt(), 2);
        QCOMPARE(result.value(QStringLiteral("connections")).toArray().size(), 1);
        QVERIFY(!r.out.contains(m_secret) && !r.err.contains(m_secret));
        {
            Catalog source;
            QVERIFY(source.open(a));
            Catalog imported;
            QVERIFY(imported.open(b));
            QCOMPARE(imported.connections().size(), 1);
            const Connection c = imported.connections().first();
            QCOMPARE(c.name, QStringLiteral("Warehouse PG"));
            QCOMPARE(c.secretFields, QStringList{QStringLiteral("password")});
            QVERIFY(c.uuid != source.connections().first().uuid);
            const CredentialResult stored = m_store.readAndWait(c.uuid, QStringLiteral("password"));
            QVERIFY2(stored.ok(), qPrintable(stored.message));
            QCOMPARE(stored.secret, m_secret);
            for (const QString &name : {QStringLiteral("Sales"), QStringLiteral("Results")}) {
                const DatastoreDefinition before =
                    definition::fromCatalog(source, *source.datastoreByName(name));
                const DatastoreDefinition after =
                    definition::fromCatalog(imported, *imported.datastoreByName(name));
                QCOMPARE(after, before);
            }
            const Datastore sales = *imported.datastoreByName(QStringLiteral("Sales"));
            QCOMPARE(sales.enrichment.prefix, QStringLiteral("_sales_eu"));
            QCOMPARE(sales.enrichment.enrichmentDatastoreId,
                     imported.datastoreByName(QStringLiteral("Results"))->id);
            QCOMPARE(sales.teams,
                     (QStringList{QStringLiteral("Finance"), QStringLiteral("Public")}));
        }

        // Again: duplicates are reported and skipped; the connection is not duplicated.
        r = assay(b, {QStringLiteral("datastores"), QStringLiteral("import"), exported,
                      QStringLiteral("--no-sync")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("Skipped datastore 'Sales': a datastore named "
                                               "'Sales' already exists")),
                 qPrintable(r.out));
        {
            Catalog imported;
            QVERIFY(imported.open(b));
            QCOMPARE(imported.connections().size(), 1);
            QCOMPARE(imported.datastores().size(), 2);
        }

        // One definition, its one secret from standard input; a bad file names the field.
        QJsonObject one;
        for (const QJsonValue &v : QJsonDocument::fromJson(text).array())
            if (v.toObject().value(QStringLiteral("name")).toString() == QLatin1String("Sales"))
                one = v.toObject();
        one.remove(QStringLiteral("enrichment_datastore"));
        QVERIFY(writeFile(QStringLiteral("one.json"), QJsonDocument(one).toJson()));
        const QString c = path(QStringLiteral("c.sqlite"));
        r = assay(c,
                  {QStringLiteral("datastores"), QStringLiteral("import"),
                   path(QStringLiteral("one.json")), QStringLiteral("--password-stdin"),
                   QStringLiteral("--no-sync")},
                  "from-stdin\n");
        QCOMPARE(r.exitCode, 0);
        {
            Catalog imported;
            QVERIFY(imported.open(c));
            QCOMPARE(imported.datastores().size(), 1);
            QCOMPARE(
                m_store.readAndWait(imported.connections().first().uuid, QStringLiteral("password"))
                    .secret,
                QStringLiteral("from-stdin"));
        }
        QJsonObject connection = one.value(QStringLiteral("connection")).toObject();
        connection.insert(QStringLiteral("port"), 0);
        one.insert(QStringLiteral("connection"), connection);
        one.insert(QStringLiteral("name"), QStringLiteral("Broken"));
        QVERIFY(writeFile(QStringLiteral("broken.json"), QJsonDocument(one).toJson()));
        r = assay(c,
                  {QStringLiteral("datastores"), QStringLiteral("import"),
                   path(QStringLiteral("broken.json")), QStringLiteral("--secrets-file"), secrets});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(
            r.err.contains(QStringLiteral("connection.port: must be a number from 1 to 65535")),
            qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestDatastoreDefinition)
#include "tst_datastoredefinition.moc"
