// A field against another field of the same record: equalToField, greaterThanField,
// lessThanField.
#include "app/checks/AnomalyMessages.h"
#include "app/checks/CheckSqlText.h"
#include "app/checks/Rule.h"
#include "app/checks/RuleSql.h"

namespace assay::rules::make {

using namespace check_sql;
namespace key = rule_key;
using P = PropertyType;
using T = RuleText;

namespace {

class FieldComparisonRule : public Rule
{
public:
    using Operator = std::function<QString(RuleSql &)>;
    using Wording = std::function<QString(const Check &, bool, const QString &other)>;

    FieldComparisonRule(QLatin1String name, const QString &title, const QString &description,
                        bool inclusiveProperty, Operator op, Wording wording)
        : Rule(spec(name, title, description, inclusiveProperty)), m_op(std::move(op)),
          m_wording(std::move(wording))
    {
    }

    // The compared field must hold a value too.
    QStringList checkedFields(const Check &check) const override
    {
        QStringList fields = check.fields;
        const QString other = check.properties.value(key::kFieldName).toString();
        if (!other.isEmpty())
            fields << other;
        return fields;
    }

    SqlFragment passing(RuleSql &s) const override
    {
        const QString f = s.field();
        const QString other = s.prop(key::kFieldName).toString();
        const QString op = m_op(s);
        if (s.isTime(f) && s.isTime(other))
            return fmt(QStringLiteral("%1 %2 %3"), {s.time(f), raw(op), s.time(other)});
        if (op == QLatin1String("=") && s.family(f) == TypeFamily::String)
            return s.textEquals(s.column(f), s.column(other));
        return fmt(QStringLiteral("%1 %2 %3"), {s.column(f), raw(op), s.column(other)});
    }

    QString violation(const Check &c, bool plural) const override
    {
        return m_wording(c, plural, propertyOf(c, key::kFieldName).toString());
    }

    // "... is not greater than ship_date (2026-01-03)."
    QString recordMessage(const Check &c, const QJsonObject &row) const override
    {
        QString text = Rule::recordMessage(c, row);
        text.chop(1);
        return text + QStringLiteral(" (%1).").arg(anomaly_messages::value(
                          row.value(propertyOf(c, key::kFieldName).toString())));
    }

private:
    static RuleSpec spec(QLatin1String name, const QString &title, const QString &description,
                         bool inclusiveProperty)
    {
        QList<RuleProperty> properties{
            property(key::kFieldName, P::Field, true, T::tr("Compared field"))};
        if (inclusiveProperty)
            properties << property(key::kInclusive, P::Boolean, false, T::tr("Inclusive"), false);
        return single(name, title, description, {}, properties, "Precision");
    }

    Operator m_op;
    Wording m_wording;
};

} // namespace

std::unique_ptr<Rule> EqualToField()
{
    return std::make_unique<FieldComparisonRule>(
        rule_name::kEqualToField, T::tr("Equal To Field"),
        T::tr("Values equal those of another field of the same record."), false,
        [](RuleSql &) { return QStringLiteral("="); },
        [](const Check &, bool plural, const QString &other) {
            return pick(plural, T::tr("is not equal to %1"), T::tr("are not equal to %1"))
                .arg(other);
        });
}

std::unique_ptr<Rule> GreaterThanField()
{
    return std::make_unique<FieldComparisonRule>(
        rule_name::kGreaterThanField, T::tr("Greater Than Field"),
        T::tr("Values are greater than another field of the same record."), true,
        [](RuleSql &s) {
            return s.flag(key::kInclusive) ? QStringLiteral(">=") : QStringLiteral(">");
        },
        greaterThanWording);
}

std::unique_ptr<Rule> LessThanField()
{
    return std::make_unique<FieldComparisonRule>(
        rule_name::kLessThanField, T::tr("Less Than Field"),
        T::tr("Values are less than another field of the same record."), true,
        [](RuleSql &s) {
            return s.flag(key::kInclusive) ? QStringLiteral("<=") : QStringLiteral("<");
        },
        lessThanWording);
}

} // namespace assay::rules::make
