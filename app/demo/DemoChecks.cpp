#include "app/demo/DemoChecks.h"

#include "models/catalog/Catalog.h"

#include <QHash>
#include <QJsonArray>

namespace assay::demo {

namespace {

struct DemoCheck
{
    const char *container;
    const char *rule;
    QStringList fields;
    QJsonObject properties;
    const char *description;
};

QList<DemoCheck> demoChecks()
{
    return {
        {"customers", "notNull", {"email"}, {}, "Every customer has an e-mail address."},
        {"customers",
         "matchesPattern",
         {"email"},
         {{"pattern", "^[^@ ,]+@[^@ ,]+\\.[a-z]{2,}$"}},
         "E-mail addresses are well formed."},
        {"customers", "unique", {"email"}, {}, "No two customers share an e-mail address."},
        {"products", "positive", {"price"}, {}, "Products are priced above zero."},
        {"order_items", "positive", {"quantity"}, {}, "Ordered quantities are above zero."},
        // The demo keeps timestamps as ISO text (SQLite has no date type), so the date rules,
        // which take date and timestamp fields, give way to an expression.
        {"orders",
         "satisfiesExpression",
         {"order_date"},
         {{"expression", "order_date < '2027-01-01'"}},
         "No order is dated after 2026."},
        {"orders", "notNull", {"shipping_country"}, {}, "Every order has a shipping country."},
        {"payments", "unique", {"transaction_ref"}, {}, "Payment references are unique."},
    };
}

} // namespace

int addDemoChecks(Catalog &catalog, qint64 datastoreId, QString *error)
{
    QHash<QString, qint64> containers;
    for (const Container &c : catalog.containers(datastoreId))
        if (!c.removed)
            containers.insert(c.name, c.id);
    CheckQuery query;
    query.datastoreId = datastoreId;
    QSet<QString> existing;
    for (const Check &k : catalog.checks(query))
        existing.insert(k.containerName + u'/' + k.rule + u'/' + k.fields.join(u','));
    int added = 0;
    for (const DemoCheck &d : demoChecks()) {
        const QString container = QLatin1String(d.container);
        if (!containers.contains(container) ||
            existing.contains(container + u'/' + QLatin1String(d.rule) + u'/' +
                              d.fields.join(u',')))
            continue;
        Check check;
        check.datastoreId = datastoreId;
        check.containerId = containers.value(container);
        check.rule = QLatin1String(d.rule);
        check.fields = d.fields;
        check.properties = d.properties;
        check.description = QLatin1String(d.description);
        check.tags = {QStringLiteral("demo")};
        if (!catalog.addCheck(check)) {
            if (error)
                *error = catalog.lastError();
            return -1;
        }
        ++added;
    }
    return added;
}

} // namespace assay::demo
