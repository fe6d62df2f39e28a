#include "app/demo/DemoShop.h"

#include "app/demo/DemoShopModel.h"
#include "models/catalog/Catalog.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>
#include <cstdio>
#include <vector>

// The schema is a Qt resource of the static library assay_core: it must be registered
// explicitly, and Q_INIT_RESOURCE only works outside a namespace.
static void initDemoShopResources()
{
    Q_INIT_RESOURCE(assay_demo);
}

namespace assay::demo {
namespace {

using namespace detail;

// ---- Writing it ----------------------------------------------------------------------------

QVariant textOrNull(const QString &text)
{
    return text.isNull() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

QStringList schemaStatements(QString *error)
{
    QFile file(QStringLiteral(":/demo/schema.sql"));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        *error = QStringLiteral("The demo schema is missing from this build of Assay "
                                "(resource :/demo/schema.sql).");
        return {};
    }
    QString sql;
    for (const QString &line : QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'))) {
        if (!line.trimmed().startsWith(QLatin1String("--")))
            sql += line + QLatin1Char('\n');
    }
    QStringList statements;
    for (const QString &statement : sql.split(QLatin1Char(';'))) {
        if (!statement.trimmed().isEmpty())
            statements << statement.trimmed();
    }
    return statements;
}

class Writer
{
public:
    Writer(QSqlDatabase db, QString *error) : m_db(std::move(db)), m_error(error) {}

    bool exec(const QString &sql)
    {
        QSqlQuery q(m_db);
        if (!q.exec(sql))
            return fail(q.lastError(), sql);
        return true;
    }

    // Prepares `sql` and runs it once per row, `bind` filling the values of each.
    template <typename Rows, typename Bind>
    bool insert(const QString &sql, const Rows &rows, Bind bind)
    {
        QSqlQuery q(m_db);
        if (!q.prepare(sql))
            return fail(q.lastError(), sql);
        int id = 0;
        for (const auto &row : rows) {
            bind(q, ++id, row);
            if (!q.exec())
                return fail(q.lastError(), sql);
        }
        return true;
    }

private:
    bool fail(const QSqlError &sqlError, const QString &sql)
    {
        *m_error = QStringLiteral("Could not write the demo database (%1) while running: %2")
                       .arg(sqlError.text(), sql.simplified().left(80));
        return false;
    }

    QSqlDatabase m_db;
    QString *m_error;
};

bool writeShop(QSqlDatabase db, const Shop &shop, QString *error)
{
    const QStringList schema = schemaStatements(error);
    if (schema.isEmpty())
        return false;
    Writer w(db, error);
    for (const char *pragma : {"PRAGMA journal_mode=OFF", "PRAGMA synchronous=OFF",
                               "PRAGMA foreign_keys=ON", "PRAGMA user_version=1"}) {
        if (!w.exec(QLatin1String(pragma)))
            return false;
    }
    if (!db.transaction()) {
        *error = QStringLiteral("Could not start writing the demo database: %1")
                     .arg(db.lastError().text());
        return false;
    }
    for (const QString &statement : schema) {
        if (!w.exec(statement))
            return false;
    }
    const bool ok =
        w.insert(QStringLiteral("INSERT INTO customers (customer_id, first_name, last_name, email,"
                                " phone, city, country, segment, marketing_opt_in, created_at,"
                                " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                 shop.customers,
                 [](QSqlQuery &q, int id, const Customer &c) {
                     q.bindValue(0, id);
                     q.bindValue(1, c.firstName);
                     q.bindValue(2, c.lastName);
                     q.bindValue(3, textOrNull(c.email));
                     q.bindValue(4, textOrNull(c.phone));
                     q.bindValue(5, c.city);
                     q.bindValue(6, c.country);
                     q.bindValue(7, c.business ? QStringLiteral("business")
                                               : QStringLiteral("consumer"));
                     q.bindValue(8, c.optIn ? 1 : 0);
                     q.bindValue(9, isoTimestampOf(c.createdAt));
                     q.bindValue(10, isoTimestampOf(c.updatedAt));
                 }) &&
        w.insert(QStringLiteral("INSERT INTO products (product_id, sku, name, category, price,"
                                " cost, stock_quantity, active, created_at, updated_at)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                 shop.products,
                 [](QSqlQuery &q, int id, const Product &p) {
                     q.bindValue(0, id);
                     q.bindValue(1, p.sku);
                     q.bindValue(2, p.name);
                     q.bindValue(3, p.category);
                     q.bindValue(4, p.price);
                     q.bindValue(5, p.cost);
                     q.bindValue(6, p.stock);
                     q.bindValue(7, p.active ? 1 : 0);
                     q.bindValue(8, isoTimestampOf(p.createdAt));
                     q.bindValue(9, isoTimestampOf(p.updatedAt));
                 }) &&
        w.insert(QStringLiteral("INSERT INTO orders (order_id, customer_id, order_date, status,"
                                " shipping_city, shipping_country, shipping_fee, total_amount,"
                                " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                 shop.orders,
                 [](QSqlQuery &q, int id, const Order &o) {
                     q.bindValue(0, id);
                     q.bindValue(1, o.customer + 1);
                     q.bindValue(2, isoTimestampOf(o.date, o.shownYear));
                     q.bindValue(3, QLatin1String(o.status));
                     q.bindValue(4, o.shippingCity);
                     q.bindValue(5, textOrNull(o.shippingCountry));
                     q.bindValue(6, o.shippingFee);
                     q.bindValue(7, o.total);
                     q.bindValue(8, isoTimestampOf(o.updatedAt));
                 }) &&
        w.insert(QStringLiteral("INSERT INTO order_items (order_item_id, order_id, product_id,"
                                " quantity, unit_price, discount) VALUES (?, ?, ?, ?, ?, ?)"),
                 shop.items,
                 [](QSqlQuery &q, int id, const OrderItem &item) {
                     q.bindValue(0, id);
                     q.bindValue(1, item.order + 1);
                     q.bindValue(2, item.product + 1);
                     q.bindValue(3, item.quantity);
                     q.bindValue(4, item.unitPrice);
                     q.bindValue(5, item.discount);
                 }) &&
        w.insert(QStringLiteral("INSERT INTO payments (payment_id, order_id, paid_at, amount,"
                                " method, status, transaction_ref) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                 shop.payments, [](QSqlQuery &q, int id, const Payment &p) {
                     q.bindValue(0, id);
                     q.bindValue(1, p.order + 1);
                     q.bindValue(2, isoTimestampOf(p.paidAt));
                     q.bindValue(3, p.amount);
                     q.bindValue(4, QLatin1String(p.method));
                     q.bindValue(5, QLatin1String(p.status));
                     q.bindValue(6, p.transactionRef);
                 });
    if (!ok) {
        db.rollback();
        return false;
    }
    if (!db.commit()) {
        *error = QStringLiteral("Could not finish writing the demo database: %1")
                     .arg(db.lastError().text());
        return false;
    }
    return true;
}

// Opens `file` on a connection of its own, writes the shop, and closes and removes the
// connection again (every QSqlQuery is gone by then).
bool writeDatabaseFile(const QString &file, const Shop &shop, QString *error)
{
    const QString name =
        QStringLiteral("assay-demo-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(file);
        if (!db.open()) {
            *error = QStringLiteral("Could not create the demo database %1: %2")
                         .arg(QDir::toNativeSeparators(file), db.lastError().text());
        } else {
            ok = writeShop(db, shop, error);
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

// Moves `from` over `to`, replacing it in one step where the platform allows.
bool replaceFile(const QString &from, const QString &to)
{
#ifndef Q_OS_WIN
    if (std::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) == 0)
        return true;
#endif
    if (QFileInfo::exists(to) && !QFile::remove(to))
        return false;
    return QFile::rename(from, to);
}

} // namespace

bool generateDemoShop(const QString &path, QString *error, DemoShopStats *stats, unsigned seed)
{
    static const bool resourcesReady = (initDemoShopResources(), true);
    Q_UNUSED(resourcesReady);

    QString ignored;
    if (!error)
        error = &ignored;
    error->clear();

    if (path.isEmpty()) {
        *error = QStringLiteral("No path was given for the demo database.");
        return false;
    }
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE"))) {
        *error = QStringLiteral("The Qt SQLite driver (QSQLITE) is not installed, so the demo "
                                "database cannot be written. Install the Qt SQL SQLite plugin.");
        return false;
    }
    const QFileInfo target(path);
    const QString folder = target.absolutePath();
    if (!QDir().mkpath(folder)) {
        *error = QStringLiteral("Could not create the folder %1 for the demo database. Choose a "
                                "location inside a folder you can write to.")
                     .arg(QDir::toNativeSeparators(folder));
        return false;
    }
    if (!QFileInfo(folder).isWritable()) {
        *error = QStringLiteral("The folder %1 is not writable, so the demo database cannot be "
                                "written there. Choose a folder you can write to.")
                     .arg(QDir::toNativeSeparators(folder));
        return false;
    }
    if (target.isDir()) {
        *error = QStringLiteral("%1 is a folder, not a database file. Choose another path for "
                                "the demo database.")
                     .arg(QDir::toNativeSeparators(path));
        return false;
    }

    const Shop shop = makeShop(seed);

    // Written next to the target and renamed over it, so a crash never leaves half a demo.
    const QString temp = folder + QLatin1Char('/') + target.fileName() + QStringLiteral(".tmp-") +
                         QUuid::createUuid().toString(QUuid::Id128);
    if (!writeDatabaseFile(temp, shop, error)) {
        QFile::remove(temp);
        return false;
    }
    // A stale journal of the file being replaced must not be applied to the new one.
    for (const char *suffix : {"-journal", "-wal", "-shm"})
        QFile::remove(target.absoluteFilePath() + QLatin1String(suffix));
    if (!replaceFile(temp, target.absoluteFilePath())) {
        QFile::remove(temp);
        *error = QStringLiteral("Could not replace %1 with the new demo database. Check that the "
                                "file is not open in another program and that you may write it.")
                     .arg(QDir::toNativeSeparators(path));
        return false;
    }

    if (stats) {
        stats->customers = int(shop.customers.size());
        stats->products = int(shop.products.size());
        stats->orders = int(shop.orders.size());
        stats->orderItems = int(shop.items.size());
        stats->payments = int(shop.payments.size());
    }
    return true;
}

QString demoShopPath(const QString &catalogPath)
{
    return QFileInfo(catalogPath).dir().filePath(QStringLiteral("demo_shop.sqlite"));
}

qint64 registerDemoShop(Catalog &catalog, const QString &path, QString *error)
{
    QString ignored;
    if (!error)
        error = &ignored;
    const QString name = QLatin1String(kDemoName);
    if (const auto existing = catalog.datastoreByName(name))
        return existing->id;

    qint64 connectionId = 0;
    if (const auto existing = catalog.connectionByName(name)) {
        connectionId = existing->id;
    } else {
        Connection connection;
        connection.name = name;
        connection.type = QStringLiteral("sqlite");
        connection.database = path;
        connectionId = catalog.addConnection(connection);
        if (!connectionId) {
            *error = QStringLiteral("Could not add the connection “%1” to the catalog: %2")
                         .arg(name, catalog.lastError());
            return 0;
        }
    }

    Datastore datastore;
    datastore.name = name;
    datastore.connectionId = connectionId;
    datastore.database = path;
    datastore.schema = QStringLiteral("main");
    datastore.teams = QStringList{QStringLiteral("Public")};
    const qint64 id = catalog.addDatastore(datastore);
    if (!id) {
        *error = QStringLiteral("Could not add the datastore “%1” to the catalog: %2")
                     .arg(name, catalog.lastError());
        return 0;
    }
    return id;
}

} // namespace assay::demo
