#include "app/checks/RuleCatalog.h"

#include "app/checks/CheckSqlText.h"
#include "app/checks/Rule.h"
#include "models/domain/Check.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

namespace assay {

namespace {

using P = PropertyType;
using RT = RuleText;

} // namespace

const RuleProperty *RuleSpec::property(const QString &key) const
{
    for (const RuleProperty &p : properties)
        if (p.key == key)
            return &p;
    return nullptr;
}

namespace rules {

const QList<RuleSpec> &all()
{
    static const QList<RuleSpec> catalogue = [] {
        QList<RuleSpec> specs;
        for (const auto &rule : definitions())
            specs << rule->spec();
        return specs;
    }();
    return catalogue;
}

const QStringList &intervalNames()
{
    static const QStringList names{QStringLiteral("Hourly"), QStringLiteral("Daily"),
                                   QStringLiteral("Weekly"), QStringLiteral("Monthly")};
    return names;
}

const RuleSpec *find(const QString &name)
{
    const Rule *rule = definition(name);
    return rule ? &rule->spec() : nullptr;
}

QString validate(const Check &check, const QHash<QString, TypeFamily> &fieldTypes)
{
    const Rule *definition = rules::definition(check.rule);
    const RuleSpec *rule = definition ? &definition->spec() : nullptr;
    if (!rule)
        return RT::tr("“%1” is not a rule Assay knows.").arg(check.rule);
    const int n = int(check.fields.size());
    if (n < rule->minFields || (rule->maxFields >= 0 && n > rule->maxFields)) {
        // Spelled out: %n plurals need a loaded translation, even for English.
        const QString least = QString::number(rule->minFields);
        if (rule->maxFields == rule->minFields)
            return rule->minFields == 1 ? RT::tr("%1 takes one field.").arg(rule->title)
                                        : RT::tr("%1 takes %2 fields.").arg(rule->title, least);
        if (rule->maxFields >= 0 && n > rule->maxFields)
            return RT::tr("%1 takes at most %2 fields.")
                .arg(rule->title, QString::number(rule->maxFields));
        return rule->minFields == 1
                   ? RT::tr("%1 takes at least one field.").arg(rule->title)
                   : RT::tr("%1 takes at least %2 fields.").arg(rule->title, least);
    }
    for (const QString &f : check.fields) {
        if (!fieldTypes.contains(f))
            return RT::tr("The container has no field named “%1”.").arg(f);
        if (rule->scope != RuleScope::Table && !rule->acceptsType(fieldTypes.value(f)))
            return RT::tr("%1 does not apply to %2 (a %3 field).")
                .arg(rule->title, f, typeFamilyName(fieldTypes.value(f)));
    }
    if (check.coverage <= 0 || check.coverage > 1)
        return RT::tr("Coverage must be more than 0 and at most 1.");
    if (check.coverage < 1 && !rule->coverageAllowed)
        return RT::tr("%1 does not take a coverage.").arg(rule->title);
    if (!check.filter.trimmed().isEmpty() && !rule->filterAllowed)
        return RT::tr("%1 does not take a filter.").arg(rule->title);
    if (const QString problem = check_sql::userSqlProblem(check.filter); !problem.isEmpty())
        return problem;
    // Bounded texts: a filter or description of megabytes slows every list and scan using it.
    constexpr int kMaxText = 10000;
    if (check.filter.size() > kMaxText || check.description.size() > kMaxText)
        return RT::tr("A check's filter and description have at most %1 characters each.")
            .arg(kMaxText);
    for (const RuleProperty &p : rule->properties) {
        const QJsonValue v = check.properties.value(p.key);
        if (v.isUndefined() || v.isNull() || (v.isString() && v.toString().isEmpty())) {
            if (p.required)
                return RT::tr("%1 needs “%2”.").arg(rule->title, p.title);
            continue;
        }
        switch (p.type) {
        case P::Number:
            if (!isNumber(v))
                return RT::tr("“%1” must be a number.").arg(p.title);
            break;
        case P::Integer:
            if (!isNumber(v) || v.toVariant().toDouble() < 0)
                return RT::tr("“%1” must be a whole number, 0 or more.").arg(p.title);
            break;
        case P::Boolean:
            if (!v.isBool())
                return RT::tr("“%1” must be true or false.").arg(p.title);
            break;
        case P::List:
            if (!v.isArray() || v.toArray().isEmpty())
                return RT::tr("“%1” must be a non-empty list.").arg(p.title);
            break;
        case P::Pattern:
            if (!QRegularExpression(v.toString()).isValid())
                return RT::tr("“%1” is not a valid regular expression: %2")
                    .arg(p.title, QRegularExpression(v.toString()).errorString());
            break;
        case P::DateTime:
            if (!QDateTime::fromString(v.toString(), Qt::ISODate).isValid() &&
                !QDate::fromString(v.toString(), Qt::ISODate).isValid())
                return RT::tr("“%1” must be an ISO-8601 date or timestamp.").arg(p.title);
            break;
        case P::Field:
            if (!fieldTypes.contains(v.toString()))
                return RT::tr("The container has no field named “%1”.").arg(v.toString());
            break;
        case P::Container:
            if (v.toVariant().toLongLong() <= 0)
                return RT::tr("“%1” must name a container.").arg(p.title);
            break;
        case P::Datastore:
            if (v.toVariant().toLongLong() <= 0)
                return RT::tr("“%1” must name a datastore.").arg(p.title);
            if (check.datastoreId > 0 && v.toVariant().toLongLong() != check.datastoreId)
                return RT::tr("%1 compares with containers of its own datastore only: leave "
                              "“%2” empty.")
                    .arg(rule->title, p.title);
            break;
        case P::FieldType: {
            static const QStringList names{
                QStringLiteral("integral"), QStringLiteral("fractional"), QStringLiteral("boolean"),
                QStringLiteral("date"),     QStringLiteral("timestamp"),  QStringLiteral("string")};
            if (!names.contains(v.toString().toLower()))
                return RT::tr("“%1” must be one of %2.")
                    .arg(p.title, names.join(QStringLiteral(", ")));
            break;
        }
        case P::Interval:
            if (!intervalNames().contains(v.toString()))
                return RT::tr("“%1” must be one of %2.")
                    .arg(p.title, intervalNames().join(QStringLiteral(", ")));
            break;
        case P::Choice:
            if (!p.choices.contains(v.toString()))
                return RT::tr("“%1” must be one of %2.")
                    .arg(p.title, p.choices.join(QStringLiteral(", ")));
            break;
        case P::Expression:
            if (const QString problem = check_sql::userSqlProblem(v.toString()); !problem.isEmpty())
                return problem;
            break;
        case P::Json:
            if (!v.isObject())
                return RT::tr("“%1” must be a JSON object.").arg(p.title);
            break;
        case P::Text:
            break;
        }
    }
    return definition->validate(check);
}

} // namespace rules

} // namespace assay
