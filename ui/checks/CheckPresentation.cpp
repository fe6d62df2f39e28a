#include "ui/checks/CheckPresentation.h"

#include "app/checks/RuleCatalog.h"
#include "models/catalog/Catalog.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

namespace assay::check_presentation {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(assay::CheckPresentation)
};

constexpr int kListShown = 5;

QString valueText(const QJsonValue &v)
{
    if (v.isDouble())
        return QLocale().toString(v.toDouble(), 'g', 15);
    if (v.isArray()) {
        const QJsonArray items = v.toArray();
        QStringList parts;
        for (int i = 0; i < items.size() && i < kListShown; ++i)
            parts << valueText(items.at(i));
        QString text = parts.join(QStringLiteral(", "));
        if (items.size() > kListShown)
            text += Text::tr(", … (%1 more)").arg(items.size() - kListShown);
        return text;
    }
    if (v.isBool())
        return v.toBool() ? Text::tr("yes") : Text::tr("no");
    if (v.isObject()) { // a learned baseline: its compact JSON, cut short in a list
        constexpr int kObjectShown = 60;
        const QString json =
            QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
        return json.size() > kObjectShown ? json.left(kObjectShown) + QStringLiteral("…") : json;
    }
    return v.toString();
}

} // namespace

QString ruleTitle(const QString &rule)
{
    const RuleSpec *spec = rules::find(rule);
    return spec ? spec->title : rule;
}

QString properties(const Check &check, const QHash<qint64, QString> &containerNames)
{
    const RuleSpec *spec = rules::find(check.rule);
    if (!spec)
        return CheckListModel::plainProperties(check);
    QStringList parts;
    for (const RuleProperty &p : spec->properties) {
        const QJsonValue v = check.properties.value(p.key);
        if (v.isUndefined() || v.isNull())
            continue;
        if (p.type == PropertyType::Boolean) {
            if (v.toBool())
                parts << p.title;
            continue;
        }
        QString text = valueText(v);
        if (p.type == PropertyType::Container) {
            const qint64 id = v.toVariant().toLongLong();
            text = containerNames.value(id, Text::tr("container %1").arg(id));
        }
        if (p.type == PropertyType::Datastore) // only the check's own can be named
            text = v.toVariant().toLongLong() == check.datastoreId
                       ? Text::tr("this datastore")
                       : Text::tr("datastore %1").arg(v.toVariant().toLongLong());
        parts << QStringLiteral("%1: %2").arg(p.title, text);
    }
    return parts.join(QStringLiteral(" · "));
}

CheckListModel::Presenter presenter(Catalog *catalog, qint64 datastoreId)
{
    QHash<qint64, QString> names;
    if (catalog && datastoreId)
        for (const Container &c : catalog->containers(datastoreId))
            names.insert(c.id, c.name);
    CheckListModel::Presenter p;
    p.ruleTitle = [](const QString &rule) { return ruleTitle(rule); };
    p.properties = [names](const Check &check) { return properties(check, names); };
    return p;
}

} // namespace assay::check_presentation
