#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTcpServer>
#include <QTcpSocket>

namespace assay::test {

// A loopback stand-in for HashiCorp Vault: AppRole login answers a token, the secret GET (with
// that token) answers {"data": {"pw": ...}}. Keeps connections alive like a real server.
class FakeVault : public QObject
{
public:
    explicit FakeVault(const QString &password) : m_password(password)
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { serve(socket); });
            }
        });
    }
    bool start() { return m_server.listen(QHostAddress::LocalHost, 0); }
    QString url(const char *path) const
    {
        return QStringLiteral("http://127.0.0.1:%1%2")
            .arg(m_server.serverPort())
            .arg(QLatin1String(path));
    }
    QStringList requests; // "POST /v1/auth/approle/login" ...
    QByteArray lastLoginBody;

private:
    void serve(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        for (;;) {
            const int end = buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QList<QByteArray> lines = buffer.left(end).split('\n');
            int length = 0;
            QByteArray token;
            for (const QByteArray &raw : lines) {
                const QByteArray line = raw.trimmed();
                const int colon = line.indexOf(':');
                if (colon < 0)
                    continue;
                const QByteArray name = line.left(colon).trimmed().toLower();
                const QByteArray value = line.mid(colon + 1).trimmed();
                if (name == "content-length")
                    length = value.toInt();
                if (name == "x-vault-token")
                    token = value;
            }
            if (buffer.size() < end + 4 + length)
                return;
            const QByteArray body = buffer.mid(end + 4, length);
            const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
            buffer.remove(0, end + 4 + length);
            const QByteArray method = requestLine.value(0);
            const QByteArray path = requestLine.value(1);
            requests << QString::fromLatin1(method + ' ' + path);
            QByteArray answer;
            int status = 200;
            if (method == "POST" && path == "/v1/auth/approle/login") {
                lastLoginBody = body;
                answer = R"({"auth":{"client_token":"t"}})";
            } else if (method == "GET" && path == "/v1/secret/data/pg" && token == "t") {
                answer =
                    QJsonDocument(QJsonObject{{QStringLiteral("data"),
                                               QJsonObject{{QStringLiteral("pw"), m_password}}}})
                        .toJson(QJsonDocument::Compact);
            } else {
                status = 403;
                answer = R"({"errors":["permission denied"]})";
            }
            socket->write("HTTP/1.1 " + QByteArray::number(status) +
                          (status == 200 ? " OK" : " Forbidden") +
                          "\r\nContent-Type: application/json\r\nContent-Length: " +
                          QByteArray::number(answer.size()) + "\r\n\r\n" + answer);
        }
    }

    QTcpServer m_server;
    QString m_password;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

} // namespace assay::test
