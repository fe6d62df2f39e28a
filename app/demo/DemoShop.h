#pragma once

#include <QString>

namespace assay {

class Catalog;

// The bundled demo datastore "Demo Shop": a small but realistic online shop in SQLite
// (customers, products, orders, order_items, payments; tens of thousands of rows) with the
// defects a data-quality tool should find: missing values, negative quantities, malformed
// e-mails, future dates and duplicate keys in a non-key column.
namespace demo {

inline constexpr const char *kDemoName = "Demo Shop";

struct DemoShopStats
{
    int customers = 0;
    int products = 0;
    int orders = 0;
    int orderItems = 0;
    int payments = 0;
};

// Writes the demo database to `path` (replacing any file there), deterministically from `seed`.
// Thread-safe: uses its own uniquely named QSqlDatabase connection; may run on any thread.
bool generateDemoShop(const QString &path, QString *error, DemoShopStats *stats = nullptr,
                      unsigned seed = 20261121u);

// Where the demo database lives for a catalog: next to the catalog file.
QString demoShopPath(const QString &catalogPath);

// Registers connection + datastore "Demo Shop" (type sqlite, database = path, team "Public")
// in the catalog. Returns the datastore id (an existing one is returned untouched), 0 on error.
qint64 registerDemoShop(Catalog &catalog, const QString &path, QString *error);

} // namespace demo
} // namespace assay
