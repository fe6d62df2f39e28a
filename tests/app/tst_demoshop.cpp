#include "app/demo/DemoShop.h"
#include "models/catalog/Catalog.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTest>
#include <QUuid>
#include <thread>

using namespace assay;

namespace {

// A read connection of its own to a generated demo file.
class DemoDb
{
public:
    explicit DemoDb(const QString &path)
        : m_name(QStringLiteral("tst-demo-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        m_open = db.open();
    }
    ~DemoDb()
    {
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }
    DemoDb(const DemoDb &) = delete;
    DemoDb &operator=(const DemoDb &) = delete;

    bool isOpen() const { return m_open; }

    QVariant value(const QString &sql) const
    {
        QSqlQuery q(QSqlDatabase::database(m_name, false));
        if (!q.exec(sql) || !q.next()) {
            qWarning().noquote() << "query failed:" << sql << q.lastError().text();
            return {};
        }
        return q.value(0);
    }
    qint64 count(const QString &sql) const { return value(sql).toLongLong(); }

    // Everything that should be equal for equal seeds, in one string.
    QString fingerprint() const
    {
        QStringList parts;
        for (const char *sql :
             {"SELECT COUNT(*) || '/' || SUM(customer_id) FROM customers",
              "SELECT group_concat(coalesce(email, '-'), ',') FROM customers",
              "SELECT group_concat(name || price, ',') FROM products",
              "SELECT COUNT(*) || '/' || printf('%.2f', SUM(total_amount)) FROM orders",
              "SELECT group_concat(order_date || customer_id || status, ',') FROM orders",
              "SELECT COUNT(*) || '/' || SUM(quantity) || '/' || SUM(product_id) FROM order_items",
              "SELECT COUNT(*) || '/' || printf('%.2f', SUM(amount)) FROM payments",
              "SELECT group_concat(transaction_ref, ',') FROM payments"})
            parts << value(QLatin1String(sql)).toString();
        return QString::fromLatin1(QCryptographicHash::hash(parts.join(QLatin1Char('|')).toUtf8(),
                                                            QCryptographicHash::Sha256)
                                       .toHex());
    }

private:
    QString m_name;
    bool m_open = false;
};

bool noDemoConnectionsLeft()
{
    for (const QString &name : QSqlDatabase::connectionNames()) {
        if (name.startsWith(QLatin1String("assay-demo-")))
            return false;
    }
    return true;
}

} // namespace

class TestDemoShop : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;
    demo::DemoShopStats m_stats;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("demo_shop.sqlite"));
        QString error;
        QVERIFY2(demo::generateDemoShop(m_path, &error, &m_stats), qPrintable(error));
        QVERIFY(error.isEmpty());
        QVERIFY(QFileInfo::exists(m_path));
        QVERIFY(noDemoConnectionsLeft());
    }

    void rowCountsAreInRangeAndMatchTheStats()
    {
        QCOMPARE(m_stats.customers, 2000);
        QCOMPARE(m_stats.products, 300);
        QCOMPARE(m_stats.orders, 15000);
        QVERIFY2(m_stats.orderItems >= 35000 && m_stats.orderItems <= 48000,
                 qPrintable(QString::number(m_stats.orderItems)));
        QVERIFY2(m_stats.payments >= 13000 && m_stats.payments <= 17000,
                 qPrintable(QString::number(m_stats.payments)));

        DemoDb db(m_path);
        QVERIFY(db.isOpen());
        QCOMPARE(db.count(QStringLiteral("SELECT COUNT(*) FROM customers")), m_stats.customers);
        QCOMPARE(db.count(QStringLiteral("SELECT COUNT(*) FROM products")), m_stats.products);
        QCOMPARE(db.count(QStringLiteral("SELECT COUNT(*) FROM orders")), m_stats.orders);
        QCOMPARE(db.count(QStringLiteral("SELECT COUNT(*) FROM order_items")), m_stats.orderItems);
        QCOMPARE(db.count(QStringLiteral("SELECT COUNT(*) FROM payments")), m_stats.payments);
    }

    void idsGrowWithTimeAndEveryRowHasUpdatedAt()
    {
        DemoDb db(m_path);
        QCOMPARE(db.count(QStringLiteral("SELECT MAX(customer_id) FROM customers")), 2000);
        QCOMPARE(db.count(QStringLiteral("SELECT MAX(order_id) FROM orders")), 15000);
        // Customers sign up in id order; an order is never older than its customer.
        QCOMPARE(db.count(QStringLiteral("SELECT COUNT(*) FROM customers a JOIN customers b"
                                         " ON b.customer_id = a.customer_id + 1"
                                         " WHERE b.created_at < a.created_at")),
                 0);
        QCOMPARE(db.count(QStringLiteral("SELECT COUNT(*) FROM orders o JOIN customers c"
                                         " USING (customer_id) WHERE o.order_date < c.created_at")),
                 0);
        QCOMPARE(db.count(QStringLiteral("SELECT COUNT(*) FROM orders WHERE updated_at IS NULL"
                                         " OR updated_at > '2026-12-01'")),
                 0);
        QCOMPARE(db.count(QStringLiteral("SELECT COUNT(*) FROM customers WHERE updated_at IS NULL"
                                         " OR updated_at < created_at")),
                 0);
        // ISO 8601 text that SQLite understands.
        QCOMPARE(db.count(QStringLiteral("SELECT COUNT(*) FROM customers"
                                         " WHERE datetime(created_at) IS NULL")),
                 0);
        QCOMPARE(db.value(QStringLiteral("SELECT MIN(created_at) FROM customers")).toString(),
                 QStringLiteral("2024-01-01T08:00:00"));
    }

    void everyDefectClassIsPresent()
    {
        DemoDb db(m_path);
        QVERIFY(db.count(QStringLiteral("SELECT COUNT(*) FROM order_items WHERE quantity < 0")) >
                0);
        QVERIFY(db.count(QStringLiteral("SELECT COUNT(*) FROM customers WHERE email IS NULL")) > 0);
        QVERIFY(db.count(QStringLiteral("SELECT COUNT(*) FROM customers WHERE phone IS NULL")) > 0);
        QVERIFY(db.count(QStringLiteral(
                    "SELECT COUNT(*) FROM orders WHERE shipping_country IS NULL")) > 0);
        QVERIFY(
            db.count(QStringLiteral("SELECT COUNT(*) FROM customers WHERE email NOT LIKE '%_@_%._%'"
                                    " OR email LIKE '%@%@%' OR email LIKE '% %'")) > 0);
        QVERIFY(db.count(QStringLiteral("SELECT COUNT(*) FROM customers WHERE email LIKE '%@@%'")) >
                0);
        QVERIFY(db.count(QStringLiteral("SELECT COUNT(*) FROM customers WHERE email LIKE '% %'")) >
                0);
        QVERIFY(db.count(QStringLiteral(
                    "SELECT COUNT(*) FROM orders WHERE order_date > '2026-12-31'")) > 0);
        QVERIFY(db.count(QStringLiteral(
                    "SELECT COUNT(*) FROM (SELECT email FROM customers WHERE email IS NOT NULL"
                    " GROUP BY email HAVING COUNT(*) > 1)")) > 0);
        QVERIFY(db.count(QStringLiteral("SELECT COUNT(*) FROM (SELECT transaction_ref FROM payments"
                                        " GROUP BY transaction_ref HAVING COUNT(*) > 1)")) > 0);
        QVERIFY(db.count(QStringLiteral("SELECT COUNT(*) FROM products WHERE price <= 0")) > 0);
        const qint64 mismatched = db.count(QStringLiteral(
            "SELECT COUNT(*) FROM orders o WHERE ABS(o.total_amount - o.shipping_fee -"
            " (SELECT ROUND(SUM(quantity * unit_price * (1 - discount)), 2) FROM order_items i"
            "  WHERE i.order_id = o.order_id)) > 0.011"));
        QVERIFY(mismatched > 0);
        QVERIFY2(mismatched < 100, qPrintable(QString::number(mismatched)));

        // ...but only a few of each: the bulk of the data is clean.
        QVERIFY(db.count(QStringLiteral("SELECT COUNT(*) FROM order_items WHERE quantity < 0")) <
                100);
        QVERIFY(db.count(QStringLiteral("SELECT COUNT(*) FROM customers WHERE email IS NULL")) <
                150);
        QVERIFY(db.count(QStringLiteral(
                    "SELECT COUNT(*) FROM orders WHERE order_date > '2026-12-31'")) < 50);
        QCOMPARE(db.count(QStringLiteral("SELECT COUNT(*) FROM orders"
                                         " WHERE order_date < '2024-01-01'")),
                 0);
    }

    void foreignKeysAreConsistent()
    {
        DemoDb db(m_path);
        QCOMPARE(db.count(QStringLiteral("SELECT COUNT(*) FROM order_items i LEFT JOIN orders o"
                                         " ON o.order_id = i.order_id WHERE o.order_id IS NULL")),
                 0);
        QCOMPARE(
            db.count(QStringLiteral("SELECT COUNT(*) FROM order_items i LEFT JOIN products p"
                                    " ON p.product_id = i.product_id WHERE p.product_id IS NULL")),
            0);
        QCOMPARE(db.count(QStringLiteral(
                     "SELECT COUNT(*) FROM orders o LEFT JOIN customers c"
                     " ON c.customer_id = o.customer_id WHERE c.customer_id IS NULL")),
                 0);
        QCOMPARE(db.count(QStringLiteral("SELECT COUNT(*) FROM payments p LEFT JOIN orders o"
                                         " ON o.order_id = p.order_id WHERE o.order_id IS NULL")),
                 0);
        QCOMPARE(db.count(QStringLiteral("SELECT COUNT(*) FROM pragma_foreign_key_check")), 0);
        // Every order has items.
        QCOMPARE(db.count(QStringLiteral("SELECT COUNT(*) FROM orders o WHERE NOT EXISTS"
                                         " (SELECT 1 FROM order_items i"
                                         "  WHERE i.order_id = o.order_id)")),
                 0);
    }

    void sameSeedSameDataOtherSeedOtherData()
    {
        QTemporaryDir dir;
        const QString a = dir.filePath(QStringLiteral("a.sqlite"));
        const QString b = dir.filePath(QStringLiteral("b.sqlite"));
        const QString c = dir.filePath(QStringLiteral("c.sqlite"));
        QString error;
        demo::DemoShopStats sa, sb, sc;
        QVERIFY2(demo::generateDemoShop(a, &error, &sa, 7u), qPrintable(error));
        QVERIFY2(demo::generateDemoShop(b, &error, &sb, 7u), qPrintable(error));
        QVERIFY2(demo::generateDemoShop(c, &error, &sc, 8u), qPrintable(error));
        QCOMPARE(sa.orderItems, sb.orderItems);
        QCOMPARE(sa.payments, sb.payments);

        DemoDb da(a), db(b), dc(c);
        const QString sumQuantity = QStringLiteral("SELECT SUM(quantity) FROM order_items");
        QCOMPARE(da.count(sumQuantity), db.count(sumQuantity));
        QCOMPARE(da.fingerprint(), db.fingerprint());
        QVERIFY(da.fingerprint() != dc.fingerprint());
        QVERIFY(sa.orderItems != sc.orderItems || da.count(sumQuantity) != dc.count(sumQuantity));
        // The default seed is not 7.
        DemoDb main(m_path);
        QVERIFY(main.fingerprint() != da.fingerprint());
    }

    void generatingReplacesAnExistingFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("demo.sqlite"));
        {
            QFile junk(path);
            QVERIFY(junk.open(QIODevice::WriteOnly));
            junk.write("this is not a database");
        }
        QString error;
        demo::DemoShopStats first;
        QVERIFY2(demo::generateDemoShop(path, &error, &first, 1u), qPrintable(error));
        demo::DemoShopStats second;
        QVERIFY2(demo::generateDemoShop(path, &error, &second, 2u), qPrintable(error));
        {
            DemoDb db(path);
            QVERIFY(db.isOpen());
            QCOMPARE(db.count(QStringLiteral("SELECT COUNT(*) FROM order_items")),
                     second.orderItems);
            QCOMPARE(db.count(QStringLiteral("SELECT COUNT(*) FROM sqlite_master"
                                             " WHERE type = 'table'")),
                     5);
        }
        // Nothing but the demo itself is left behind.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
                 QStringList{QStringLiteral("demo.sqlite")});
        QVERIFY(noDemoConnectionsLeft());
    }

    void anUnwritablePathFailsWithAnError()
    {
        QTemporaryFile file;
        QVERIFY(file.open());
        // A "folder" that is a regular file.
        const QString path = file.fileName() + QStringLiteral("/demo.sqlite");
        QString error;
        demo::DemoShopStats stats;
        QVERIFY(!demo::generateDemoShop(path, &error, &stats));
        QVERIFY(!error.isEmpty());
        QCOMPARE(stats.orders, 0);
        QVERIFY(noDemoConnectionsLeft());

        // A path that is a folder.
        QTemporaryDir dir;
        error.clear();
        QVERIFY(!demo::generateDemoShop(dir.path(), &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(QFileInfo(dir.path()).isDir());
        QVERIFY(!demo::generateDemoShop(QString(), &error));
    }

    void generationIsThreadSafe()
    {
        QTemporaryDir dir;
        QString errors[2];
        bool ok[2] = {false, false};
        demo::DemoShopStats stats[2];
        std::thread workers[2];
        for (int i = 0; i < 2; ++i) {
            workers[i] = std::thread([&, i] {
                ok[i] = demo::generateDemoShop(dir.filePath(QStringLiteral("t%1.sqlite").arg(i)),
                                               &errors[i], &stats[i], 99u);
            });
        }
        for (std::thread &t : workers)
            t.join();
        QVERIFY2(ok[0], qPrintable(errors[0]));
        QVERIFY2(ok[1], qPrintable(errors[1]));
        QCOMPARE(stats[0].orderItems, stats[1].orderItems);
        DemoDb a(dir.filePath(QStringLiteral("t0.sqlite")));
        DemoDb b(dir.filePath(QStringLiteral("t1.sqlite")));
        QCOMPARE(a.fingerprint(), b.fingerprint());
        QVERIFY(noDemoConnectionsLeft());
    }

    void demoPathIsNextToTheCatalog()
    {
        QCOMPARE(demo::demoShopPath(QStringLiteral("/some/where/catalog.sqlite")),
                 QStringLiteral("/some/where/demo_shop.sqlite"));
    }

    void registerCreatesConnectionAndDatastoreOnce()
    {
        QTemporaryDir dir;
        Catalog catalog;
        QVERIFY2(catalog.open(dir.filePath(QStringLiteral("catalog.sqlite"))),
                 qPrintable(catalog.lastError()));
        const QString path = demo::demoShopPath(catalog.path());
        QString error;
        QVERIFY2(demo::generateDemoShop(path, &error), qPrintable(error));

        const qint64 id = demo::registerDemoShop(catalog, path, &error);
        QVERIFY2(id > 0, qPrintable(error));
        const auto datastore = catalog.datastore(id);
        QVERIFY(datastore);
        QCOMPARE(datastore->name, QString::fromLatin1(demo::kDemoName));
        QCOMPARE(datastore->database, path);
        QCOMPARE(datastore->schema, QStringLiteral("main"));
        QCOMPARE(datastore->teams, QStringList{QStringLiteral("Public")});
        const auto connection = catalog.connection(datastore->connectionId);
        QVERIFY(connection);
        QCOMPARE(connection->name, QString::fromLatin1(demo::kDemoName));
        QCOMPARE(connection->type, QStringLiteral("sqlite"));
        QCOMPARE(connection->database, path);
        QVERIFY(connection->secretFields.isEmpty());

        QCOMPARE(demo::registerDemoShop(catalog, path, &error), id);
        QCOMPARE(catalog.datastores().size(), 1);
        QCOMPARE(catalog.connections().size(), 1);
    }

    void registerReusesAnExistingConnection()
    {
        QTemporaryDir dir;
        Catalog catalog;
        QVERIFY2(catalog.open(dir.filePath(QStringLiteral("catalog.sqlite"))),
                 qPrintable(catalog.lastError()));
        const QString path = demo::demoShopPath(catalog.path());
        Connection connection;
        connection.name = QString::fromLatin1(demo::kDemoName);
        connection.type = QStringLiteral("sqlite");
        connection.database = path;
        const qint64 connectionId = catalog.addConnection(connection);
        QVERIFY2(connectionId > 0, qPrintable(catalog.lastError()));

        QString error;
        const qint64 id = demo::registerDemoShop(catalog, path, &error);
        QVERIFY2(id > 0, qPrintable(error));
        QCOMPARE(catalog.datastore(id)->connectionId, connectionId);
        QCOMPARE(catalog.connections().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestDemoShop)
#include "tst_demoshop.moc"
