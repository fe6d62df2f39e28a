// Values present: notNull, anyNotNull. Their records are asserted whether or not they hold
// values (the nulls are what they count).
#include "app/checks/CheckSqlText.h"
#include "app/checks/Rule.h"
#include "app/checks/RuleSql.h"

namespace assay::rules::make {

using namespace check_sql;
using T = RuleText;

namespace {

class NotNullRule : public Rule
{
public:
    NotNullRule()
        : Rule(single(rule_name::kNotNull, T::tr("Not Null"), T::tr("Every record has a value."),
                      {}, {}, "Completeness"))
    {
    }
    bool assertsNulls() const override { return true; }
    SqlFragment passing(RuleSql &s) const override { return s.present(s.field()); }
    QString violation(const Check &, bool plural) const override
    {
        return pick(plural, T::tr("is null"), T::tr("are null"));
    }
    QString recordMessage(const Check &c, const QJsonObject &) const override
    {
        return T::tr("The value for %1 is null.").arg(c.fields.value(0));
    }
};

class AnyNotNullRule : public Rule
{
public:
    AnyNotNullRule() : Rule(makeSpec()) {}
    bool assertsNulls() const override { return true; }
    SqlFragment passing(RuleSql &s) const override
    {
        QList<SqlFragment> parts;
        for (const QString &name : s.check().fields)
            parts << s.present(name);
        return join(parts, QStringLiteral(" OR "));
    }
    QString violation(const Check &, bool plural) const override
    {
        return pick(plural, T::tr("has every field null"), T::tr("have every field null"));
    }
    QString recordMessage(const Check &c, const QJsonObject &) const override
    {
        return T::tr("The values for %1 are all null.").arg(c.fields.join(QStringLiteral(", ")));
    }

private:
    static RuleSpec makeSpec()
    {
        RuleSpec spec =
            single(rule_name::kAnyNotNull, T::tr("Any Not Null"),
                   T::tr("At least one of the fields has a value."), {}, {}, "Completeness");
        spec.scope = RuleScope::MultiField;
        spec.minFields = 2;
        spec.maxFields = -1;
        return spec;
    }
};

} // namespace

std::unique_ptr<Rule> NotNull()
{
    return std::make_unique<NotNullRule>();
}

std::unique_ptr<Rule> AnyNotNull()
{
    return std::make_unique<AnyNotNullRule>();
}

} // namespace assay::rules::make
