#pragma once

#include <QMap>
#include <QString>

// Shared by the tests: where the ctest fixtures left their state, and how to reach it.
namespace assay::test {

// $ASSAY_TEST_STATE (set by CTest), the folder the fixtures write into.
QString stateDir();

// Fixture setup that must succeed (a catalog write in a helper that cannot QVERIFY): stops the
// test with what failed instead of letting it run on a half-built fixture.
inline void require(bool ok, const char *what)
{
    if (!ok)
        qFatal("test setup failed: %s", what);
}

// KEY=VALUE lines of a fixture's env file; empty when the file is missing.
QMap<QString, QString> readEnvFile(const QString &path);

struct Server
{
    QString host;
    int port = 0;
    QString user;
    QString password;
    QString database;
    QMap<QString, QString> extra; // the whole env file, for fixture-specific keys
};

// The PostgreSQL / MariaDB started by the Servers fixture. Empty host when not running.
Server postgres();
Server mariadb();

// Points this process (and the processes it starts) at the Keyring fixture's private D-Bus
// session. Returns false when the fixture is not running.
bool useTestKeyring();

// A port on 127.0.0.1 where nothing listens (bound, then released).
int closedLoopbackPort();

// Path of the built `assay` executable ($ASSAY_BINARY).
QString assayBinary();

} // namespace assay::test
