#include "app/checks/Rule.h"

#include "app/checks/AnomalyMessages.h"
#include "app/checks/CheckSqlText.h"
#include "app/checks/RuleSql.h"

namespace assay {

using namespace check_sql;

void Rule::compile(RuleSql &sql, CompiledCheck &out) const
{
    out.form = CheckForm::Record;
    out.passing = passing(sql);
    out.failing = fmt(QStringLiteral("%1 AND (CASE WHEN %2 THEN 0 ELSE 1 END) = 1"),
                      {out.asserted, out.passing});
    out.failingRecords = fmt(QStringLiteral("SELECT {row} FROM %1 WHERE %2"),
                             {sourceRelation(sql.context()), out.failing});
}

SqlFragment Rule::passing(RuleSql &sql) const
{
    sql.fail(RuleText::tr("Assay cannot run %1 checks yet.").arg(m_spec.title));
    return {};
}

void Rule::readFigure(const Check &, const QVariantList &, int, CheckCount &) const {}

CheckCount Rule::evaluateSchema(const Check &, const QStringList &) const
{
    CheckCount out;
    out.passed = false;
    out.error = RuleText::tr("%1 is not a schema rule.").arg(m_spec.title);
    return out;
}

QString Rule::validate(const Check &) const
{
    return QString();
}

QString Rule::violation(const Check &, bool plural) const
{
    return rules::pick(plural, RuleText::tr("fails %1"), RuleText::tr("fail %1")).arg(name());
}

QString Rule::recordMessage(const Check &c, const QJsonObject &row) const
{
    using anomaly_messages::value;
    if (c.fields.size() > 1) {
        QStringList values;
        for (const QString &f : c.fields)
            values << value(row.value(f));
        return RuleText::tr("The values for %1 of (%2) %3.")
            .arg(c.fields.join(QStringLiteral(", ")), values.join(QStringLiteral(", ")),
                 violation(c, true));
    }
    const QString f = c.fields.value(0);
    return RuleText::tr("The value for %1 of %2 %3.")
        .arg(f, value(row.value(f)), violation(c, false));
}

QString Rule::figureMessage(const Check &c, const CheckCount &count) const
{
    return anomaly_messages::shareMessage(c, count.asserted, count.failing,
                                          c.fields.join(QStringLiteral(", ")));
}

namespace rules {

const QList<TypeFamily> kNumericTypes{TypeFamily::Integral, TypeFamily::Fractional};
const QList<TypeFamily> kTimeTypes{TypeFamily::Date, TypeFamily::Timestamp};
const QList<TypeFamily> kTextTypes{TypeFamily::String};

RuleProperty property(QLatin1String key, PropertyType type, bool required, const QString &title,
                      QJsonValue fallback)
{
    return RuleProperty{key, type, required, title, std::move(fallback), {}, {}};
}

RuleProperty choice(QLatin1String key, const QString &title, const QList<QLatin1String> &choices)
{
    RuleProperty p{key, PropertyType::Choice, false, title, QJsonValue(choices.value(0)), {}, {}};
    for (QLatin1String c : choices)
        p.choices << c;
    return p;
}

RuleSpec single(QLatin1String name, const QString &title, const QString &description,
                QList<TypeFamily> types, QList<RuleProperty> properties, const char *dimension)
{
    RuleSpec r;
    r.name = name;
    r.title = title;
    r.description = description;
    r.fieldTypes = std::move(types);
    r.properties = std::move(properties);
    r.dimension = QLatin1String(dimension);
    return r;
}

RuleSpec shapeOnly(RuleSpec r)
{
    r.recordAnomalies = false;
    r.coverageAllowed = false;
    return r;
}

RuleSpec table(RuleSpec r, const char *category)
{
    r.scope = RuleScope::Table;
    r.minFields = 0;
    r.maxFields = 0;
    r.recordAnomalies = false;
    r.category = QLatin1String(category);
    return r;
}

SqlFragment countAsserted(const CompiledCheck &compiled)
{
    return fmt(QStringLiteral("COUNT(CASE WHEN %1 THEN 1 END)"), {compiled.asserted});
}

// Drivers return aggregates as integers, doubles or (MySQL DECIMAL) strings; NULL for SUM of
// no rows.
qint64 countOf(const QVariant &value)
{
    if (value.isNull())
        return 0;
    bool ok = false;
    const qint64 i = value.toLongLong(&ok);
    if (ok)
        return i;
    return qRound64(value.toDouble());
}

bool isNumber(const QJsonValue &value)
{
    if (value.isDouble())
        return true;
    bool ok = false;
    value.toString().toDouble(&ok);
    return value.isString() && ok;
}

QJsonValue propertyOf(const Check &check, QLatin1String key)
{
    const QJsonValue v = check.properties.value(key);
    if (!v.isUndefined() && !v.isNull())
        return v;
    const Rule *rule = definition(check.rule);
    const RuleProperty *p = rule ? rule->spec().property(key) : nullptr;
    return p ? p->defaultValue : v;
}

double numberOf(const Check &check, QLatin1String key)
{
    return propertyOf(check, key).toVariant().toDouble();
}

bool flagOf(const Check &check, QLatin1String key, bool fallback)
{
    const QJsonValue v = check.properties.value(key);
    return v.isBool() ? v.toBool() : fallback;
}

} // namespace rules

} // namespace assay
