#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace assay {

// A way to reach a datastore: the connector type and its non-secret properties.
// Secret properties (password, token, key...) are never held here: they live in the
// OS keychain under assay/<uuid>/<field>; `secretFields` only names which ones exist.
struct Connection
{
    qint64 id = 0;
    QString uuid;
    QString name;
    QString type; // connector id, e.g. "postgresql"
    QString host;
    int port = 0;
    QString username;
    QString database;         // default database (for SQLite: the file path)
    QJsonObject parameters;   // connector-specific, non-secret properties
    QStringList secretFields; // names of the secrets kept in the keychain
    QDateTime createdAt;
    QDateTime updatedAt;

    bool operator==(const Connection &o) const
    {
        return id == o.id && uuid == o.uuid && name == o.name && type == o.type && host == o.host &&
               port == o.port && username == o.username && database == o.database &&
               parameters == o.parameters && secretFields == o.secretFields;
    }
    bool operator!=(const Connection &o) const { return !(*this == o); }
};

} // namespace assay
