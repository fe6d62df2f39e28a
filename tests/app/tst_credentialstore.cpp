#include "TestSupport.h"
#include "app/secrets/CredentialStore.h"

#include <QSignalSpy>
#include <QTest>
#include <QUuid>
#include <qt6keychain/keychain.h>

using namespace assay;

// Runs against the real Secret Service of the Keyring fixture (gnome-keyring in a private
// D-Bus session), never the user's keyring.
class TestCredentialStore : public QObject
{
    Q_OBJECT

private:
    QString m_uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);

private slots:
    void initTestCase() { QVERIFY2(test::useTestKeyring(), "the Keyring fixture is not running"); }

    void keyNamesFollowTheConvention()
    {
        QCOMPARE(CredentialStore::key(QStringLiteral("1234"), QStringLiteral("password")),
                 QStringLiteral("assay/1234/password"));
    }

    void roundTripOnTheRealKeyring()
    {
        CredentialStore store;
        const QString secret = QStringLiteral("s3cr\u00e9t with spaces & 'quotes' \U0001F511");
        CredentialResult w = store.writeAndWait(m_uuid, QStringLiteral("password"), secret);
        QVERIFY2(w.ok(), qPrintable(w.message));

        CredentialResult r = store.readAndWait(m_uuid, QStringLiteral("password"));
        QVERIFY2(r.ok(), qPrintable(r.message));
        QCOMPARE(r.secret, secret);

        // Another field of the same connection is a separate entry.
        QCOMPARE(store.readAndWait(m_uuid, QStringLiteral("token")).error,
                 CredentialError::NotFound);

        // Overwrite, then delete.
        QVERIFY(store.writeAndWait(m_uuid, QStringLiteral("password"), QStringLiteral("v2")).ok());
        QCOMPARE(store.readAndWait(m_uuid, QStringLiteral("password")).secret,
                 QStringLiteral("v2"));
        QVERIFY(store.removeAndWait(m_uuid, QStringLiteral("password")).ok());
        const CredentialResult gone = store.readAndWait(m_uuid, QStringLiteral("password"));
        QCOMPARE(gone.error, CredentialError::NotFound);
        QVERIFY(!gone.message.isEmpty());
        QVERIFY(gone.secret.isEmpty());
    }

    void asynchronousCallbacksRunOnce()
    {
        CredentialStore store;
        int calls = 0;
        CredentialResult result;
        store.write(m_uuid, QStringLiteral("async"), QStringLiteral("value"),
                    [&](const CredentialResult &r) {
                        ++calls;
                        result = r;
                    });
        QCOMPARE(calls, 0); // asynchronous: nothing yet
        QTRY_COMPARE(calls, 1);
        QVERIFY2(result.ok(), qPrintable(result.message));
        calls = 0;
        store.read(m_uuid, QStringLiteral("async"), [&](const CredentialResult &r) {
            ++calls;
            result = r;
        });
        QTRY_COMPARE(calls, 1);
        QCOMPARE(result.secret, QStringLiteral("value"));
        QTest::qWait(50);
        QCOMPARE(calls, 1);
        QVERIFY(store.removeAndWait(m_uuid, QStringLiteral("async")).ok());
    }

    void severalSecretsInOneGoAndTheirRollback()
    {
        CredentialStore store;
        const QString uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
        bool called = false;
        QStringList written;
        store.writeAll(
            uuid,
            {{QStringLiteral("password"), QStringLiteral("p")},
             {QStringLiteral("token"), QStringLiteral("t")},
             {QStringLiteral("vault_payload"), QStringLiteral("{}")}},
            [&](const CredentialResult &result, const QString &failed, const QStringList &fields) {
                QVERIFY2(result.ok(), qPrintable(result.message));
                QVERIFY(failed.isEmpty());
                written = fields;
                called = true;
            });
        QVERIFY(!called); // asynchronous
        QTRY_VERIFY(called);
        QCOMPARE(written, (QStringList{QStringLiteral("password"), QStringLiteral("token"),
                                       QStringLiteral("vault_payload")}));
        QCOMPARE(store.readAndWait(uuid, QStringLiteral("token")).secret, QStringLiteral("t"));
        store.removeAll(uuid, written);
        QTRY_COMPARE(store.readAndWait(uuid, QStringLiteral("password")).error,
                     CredentialError::NotFound);
        QTRY_COMPARE(store.readAndWait(uuid, QStringLiteral("vault_payload")).error,
                     CredentialError::NotFound);
    }

    void errorsAreMappedToPlainMessages()
    {
        const CredentialResult noBus = credentialErrorFor(
            QKeychain::OtherError, QStringLiteral("Cannot autolaunch D-Bus without X11 $DISPLAY"));
        QCOMPARE(noBus.error, CredentialError::Unavailable);
        QVERIFY(noBus.message.contains(QLatin1String("keychain is not available")));
        QVERIFY(noBus.message.contains(QLatin1String("never in files")));

        const CredentialResult locked = credentialErrorFor(
            QKeychain::OtherError, QStringLiteral("Cannot create an item in a locked collection"));
        QCOMPARE(locked.error, CredentialError::Unavailable);

        QCOMPARE(credentialErrorFor(QKeychain::EntryNotFound, QString()).error,
                 CredentialError::NotFound);
        QCOMPARE(credentialErrorFor(QKeychain::AccessDeniedByUser, QString()).error,
                 CredentialError::AccessDenied);
        QCOMPARE(credentialErrorFor(QKeychain::OtherError, QStringLiteral("disk full")).error,
                 CredentialError::Other);
        QVERIFY(credentialErrorFor(QKeychain::NoError, QString()).ok());
    }
};

QTEST_GUILESS_MAIN(TestCredentialStore)
#include "tst_credentialstore.moc"
