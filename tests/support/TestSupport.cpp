#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QTcpServer>
#include <QTextStream>

namespace assay::test {

QString stateDir()
{
    return qEnvironmentVariable("ASSAY_TEST_STATE");
}

QMap<QString, QString> readEnvFile(const QString &path)
{
    QMap<QString, QString> values;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return values;
    QTextStream in(&file);
    while (!in.atEnd()) {
        const QString line = in.readLine();
        const int eq = line.indexOf(QLatin1Char('='));
        if (eq > 0)
            values.insert(line.left(eq), line.mid(eq + 1));
    }
    return values;
}

namespace {

Server server(const QString &prefix)
{
    const auto env = readEnvFile(QDir(stateDir()).filePath(QStringLiteral("servers/servers.env")));
    Server s;
    s.extra = env;
    s.host = env.value(prefix + QStringLiteral("_HOST"));
    s.port = env.value(prefix + QStringLiteral("_PORT")).toInt();
    s.user = env.value(prefix + QStringLiteral("_USER"));
    s.password = env.value(prefix + QStringLiteral("_PASSWORD"));
    s.database = env.value(prefix + QStringLiteral("_DATABASE"));
    return s;
}

} // namespace

Server postgres()
{
    return server(QStringLiteral("PG"));
}

Server mariadb()
{
    return server(QStringLiteral("MARIADB"));
}

bool useTestKeyring()
{
    const auto env = readEnvFile(QDir(stateDir()).filePath(QStringLiteral("keyring/keyring.env")));
    const QString address = env.value(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    if (address.isEmpty())
        return false;
    qputenv("DBUS_SESSION_BUS_ADDRESS", address.toUtf8());
    // Never let a test reach a real desktop session or its prompter.
    qunsetenv("DISPLAY");
    qunsetenv("WAYLAND_DISPLAY");
    return true;
}

int closedLoopbackPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    const int port = probe.serverPort();
    probe.close();
    return port;
}

QString assayBinary()
{
    return qEnvironmentVariable("ASSAY_BINARY");
}

} // namespace assay::test
