#include "ui/wizard/DeleteDatastore.h"

#include "app/connectors/ConnectorSpec.h"
#include "app/secrets/CredentialStore.h"
#include "models/catalog/Catalog.h"

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QPushButton>
#include <QSqlDatabase>
#include <QSqlError>
#include <QWidget>
#include <QtConcurrent/QtConcurrentRun>
#include <memory>

namespace assay {

namespace {

// Runs on a pool thread with its own Catalog connection: one transaction, all or nothing.
QString deleteRecords(const QString &path, qint64 datastoreId, qint64 connectionId,
                      bool withConnection)
{
    Catalog catalog;
    if (!catalog.open(path))
        return catalog.lastError();
    QSqlDatabase db = catalog.database();
    if (!db.transaction())
        return QCoreApplication::translate("assay::DatastoreDeletion",
                                           "The catalog is busy; try again in a moment.");
    if (!catalog.removeDatastore(datastoreId) ||
        (withConnection && !catalog.removeConnection(connectionId))) {
        const QString error = catalog.lastError();
        db.rollback();
        return error;
    }
    if (!db.commit()) {
        const QString error = db.lastError().text();
        db.rollback();
        return error;
    }
    return QString();
}

} // namespace

DatastoreDeletion::DatastoreDeletion(QWidget *parent, Catalog *catalog,
                                     CredentialStore *credentials, qint64 datastoreId)
    : QObject(parent), m_parent(parent), m_catalog(catalog), m_credentials(credentials),
      m_datastoreId(datastoreId)
{
}

bool DatastoreDeletion::ask()
{
    if (!m_catalog)
        return false;
    const auto datastore = m_catalog->datastore(m_datastoreId);
    if (!datastore)
        return false;
    m_name = datastore->name;
    m_connection = m_catalog->connection(datastore->connectionId).value_or(Connection());
    // The connection goes too only when no other datastore is known to use it: users that
    // cannot be read keep it.
    const Result<QStringList> users = m_catalog->datastoresUsingConnection(datastore->connectionId);
    QStringList others = users.value();
    others.removeAll(m_name);
    m_deleteConnection = m_connection.id != 0 && !users.failed() && others.isEmpty();

    const int containers = m_catalog->containerCount(m_datastoreId).value();
    const int operations = int(m_catalog->operations(m_datastoreId).size());
    m_consequences.clear();
    m_consequences
        << tr("the datastore “%1” in the Assay catalog").arg(m_name)
        << (containers == 1 ? tr("its 1 container and its fields")
                            : tr("its %1 containers and all their fields").arg(containers))
        << (operations == 1
                ? tr("its 1 operation with its log, and its schedules")
                : tr("its %1 operations with their logs, and its schedules").arg(operations));
    const ConnectorSpec *spec = connectors::find(m_connection.type);
    const QString connector = spec ? spec->displayName : m_connection.type;
    if (m_deleteConnection) {
        m_consequences << (m_connection.secretFields.isEmpty()
                               ? tr("the connection “%1” (%2), which no other datastore uses")
                                     .arg(m_connection.name, connector)
                               : tr("the connection “%1” (%2), which no other datastore uses, "
                                    "and its keychain entries: %3")
                                     .arg(m_connection.name, connector,
                                          m_connection.secretFields.join(QStringLiteral(", "))));
    }

    QString html = QStringLiteral("<p>%1</p><ul>").arg(tr("This deletes:").toHtmlEscaped());
    for (const QString &item : std::as_const(m_consequences))
        html += QStringLiteral("<li>%1</li>").arg(item.toHtmlEscaped());
    html += QStringLiteral("</ul>");
    if (!m_deleteConnection && m_connection.id)
        html += QStringLiteral("<p>%1</p>")
                    .arg((others.size() == 1 ? tr("The connection “%1” is kept: %2 still uses it.")
                                             : tr("The connection “%1” is kept: %2 still use it."))
                             .arg(m_connection.name, others.join(QStringLiteral(", ")))
                             .toHtmlEscaped());
    const QString where = datastore->database.isEmpty() ? m_connection.host : datastore->database;
    html += QStringLiteral("<p>%1</p>")
                .arg(tr("The source data is never touched: nothing in %1 is changed or "
                        "deleted.")
                         .arg(where.isEmpty() ? m_name : where)
                         .toHtmlEscaped());

    auto *box = new QMessageBox(QMessageBox::Warning, tr("Delete Datastore"),
                                tr("Delete the datastore “%1”?").arg(m_name), QMessageBox::NoButton,
                                m_parent);
    box->setObjectName(QStringLiteral("deleteDatastoreBox"));
    box->setTextFormat(Qt::PlainText);
    box->setInformativeText(html);
    // QMessageBox sizes itself to the shortest lines; give the list room to breathe.
    box->setStyleSheet(QStringLiteral("QLabel#qt_msgbox_informativelabel { min-width: 420px; }"));
    QPushButton *remove = box->addButton(tr("Delete"), QMessageBox::DestructiveRole);
    remove->setObjectName(QStringLiteral("deleteButton"));
    QPushButton *cancel = box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(cancel);
    box->setEscapeButton(cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    m_box = box;
    m_deleteButton = remove;
    connect(box, &QMessageBox::finished, this, [this, box, remove] {
        if (box->clickedButton() == remove)
            start();
        else
            finish(false, QString());
    });
    box->open();
    return true;
}

void DatastoreDeletion::start()
{
    if (!m_catalog) {
        finish(false, tr("The catalog is closed; nothing was deleted."));
        return;
    }
    for (const Operation &op : m_catalog->unfinishedOperations())
        if (op.datastoreId == m_datastoreId) {
            finish(false, tr("An operation is still queued or running on “%1”; abort it "
                             "first. Nothing was deleted.")
                              .arg(m_name));
            return;
        }
    const QString path = m_catalog->path();
    const qint64 connectionId = m_connection.id;
    const bool withConnection = m_deleteConnection;
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher] {
        const QString error = watcher->result();
        watcher->deleteLater();
        onCatalogDone(error.isEmpty(), error);
    });
    watcher->setFuture(
        QtConcurrent::run(deleteRecords, path, m_datastoreId, connectionId, withConnection));
}

void DatastoreDeletion::onCatalogDone(bool ok, const QString &error)
{
    if (!ok) {
        finish(false, tr("Nothing was deleted: %1").arg(error));
        return;
    }
    // Another connection changed the file: tell this Catalog's listeners (tree, details).
    if (m_catalog) {
        m_catalog->notifyDatastoreRemoved(m_datastoreId);
        if (m_deleteConnection)
            m_catalog->notifyConnectionsChanged();
    }
    emit deleted(m_datastoreId);
    removeSecrets();
}

void DatastoreDeletion::removeSecrets()
{
    const QStringList fields = m_deleteConnection ? m_connection.secretFields : QStringList();
    if (fields.isEmpty()) {
        finish(true, QString());
        return;
    }
    if (!m_credentials) {
        finish(true, tr("The datastore was deleted, but the keychain was not available to "
                        "remove the entries of “%1”.")
                         .arg(m_connection.name));
        return;
    }
    auto outstanding = std::make_shared<int>(int(fields.size()));
    QPointer<DatastoreDeletion> self(this);
    for (const QString &field : fields)
        m_credentials->remove(
            m_connection.uuid, field, [self, outstanding, field](const CredentialResult &r) {
                if (!self)
                    return;
                if (!r.ok() && r.error != CredentialError::NotFound)
                    self->m_keychainErrors << QStringLiteral("%1 (%2)").arg(field, r.message);
                if (--*outstanding > 0)
                    return;
                if (self->m_keychainErrors.isEmpty())
                    self->finish(true, QString());
                else
                    self->finish(true, tr("The datastore was deleted, but these keychain "
                                          "entries could not be removed: %1")
                                           .arg(self->m_keychainErrors.join(QStringLiteral("; "))));
            });
}

void DatastoreDeletion::finish(bool ok, const QString &message)
{
    emit finished(ok, message);
    deleteLater();
}

DatastoreDeletion *confirmDeleteDatastore(QWidget *parent, Catalog *catalog,
                                          CredentialStore *credentials, qint64 datastoreId)
{
    auto *deletion = new DatastoreDeletion(parent, catalog, credentials, datastoreId);
    if (!deletion->ask()) {
        delete deletion;
        return nullptr;
    }
    return deletion;
}

} // namespace assay
