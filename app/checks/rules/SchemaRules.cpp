// The container's columns, read from the live table: expectedSchema, fieldCount.
#include "app/checks/AnomalyMessages.h"
#include "app/checks/Rule.h"
#include "app/checks/RuleSql.h"

namespace assay::rules::make {

namespace key = rule_key;
using P = PropertyType;
using T = RuleText;

namespace {

bool sameName(const QString &a, const QString &b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

class SchemaRule : public Rule
{
public:
    using Rule::Rule;
    void compile(RuleSql &, CompiledCheck &out) const override { out.form = CheckForm::Schema; }
};

class ExpectedSchemaRule : public SchemaRule
{
public:
    ExpectedSchemaRule() : SchemaRule(makeSpec()) {}

    CheckCount evaluateSchema(const Check &check, const QStringList &live) const override
    {
        CheckCount out;
        out.asserted = 1;
        QStringList unexpected;
        for (const QString &f : check.fields) {
            const bool found = std::any_of(live.begin(), live.end(),
                                           [&](const QString &c) { return sameName(c, f); });
            if (!found)
                out.details << f;
        }
        const QJsonValue allow = check.properties.value(key::kAllowOtherFields);
        if (allow.isBool() && !allow.toBool()) {
            for (const QString &c : live) {
                const bool expected = std::any_of(check.fields.begin(), check.fields.end(),
                                                  [&](const QString &f) { return sameName(c, f); });
                if (!expected)
                    unexpected << c;
            }
        }
        out.observed = unexpected;
        out.passed = out.details.isEmpty() && unexpected.isEmpty();
        out.failing = out.passed ? 0 : 1;
        return out;
    }

    QString figureMessage(const Check &, const CheckCount &count) const override
    {
        QStringList parts;
        if (!count.details.isEmpty())
            parts << T::tr("the expected fields %1 are missing")
                         .arg(count.details.join(QStringLiteral(", ")));
        const QStringList unexpected = count.observed.toStringList();
        if (!unexpected.isEmpty())
            parts << T::tr("the fields %1 are not expected")
                         .arg(unexpected.join(QStringLiteral(", ")));
        return T::tr("The schema does not match: %1.").arg(parts.join(QStringLiteral("; ")));
    }

private:
    static RuleSpec makeSpec()
    {
        RuleSpec spec = table(single(rule_name::kExpectedSchema, T::tr("Expected Schema"),
                                     T::tr("The container has these fields (asserted first; its "
                                           "failure ends the container's scan)."),
                                     {}, {}, "Conformity"),
                              "metadata");
        spec.minFields = 1;
        spec.maxFields = -1;
        spec.filterAllowed = false;
        spec.coverageAllowed = false;
        spec.properties = {
            property(key::kAllowOtherFields, P::Boolean, false, T::tr("Allow other fields"), true)};
        return spec;
    }
};

class FieldCountRule : public SchemaRule
{
public:
    FieldCountRule() : SchemaRule(makeSpec()) {}

    CheckCount evaluateSchema(const Check &check, const QStringList &live) const override
    {
        CheckCount out;
        out.asserted = 1;
        out.observed = qint64(live.size());
        out.passed = live.size() == check.properties.value(key::kValue).toVariant().toLongLong();
        out.failing = out.passed ? 0 : 1;
        return out;
    }

    QString figureMessage(const Check &c, const CheckCount &count) const override
    {
        return T::tr("The container has %1 fields, not %2.")
            .arg(count.observed.toLongLong())
            .arg(anomaly_messages::value(c.properties.value(key::kValue)));
    }

private:
    static RuleSpec makeSpec()
    {
        RuleSpec spec =
            table(single(rule_name::kFieldCount, T::tr("Field Count"),
                         T::tr("The container has exactly this many fields."), {},
                         {property(key::kValue, P::Integer, true, T::tr("Fields"))}, "Conformity"),
                  "metadata");
        spec.filterAllowed = false;
        spec.coverageAllowed = false;
        return spec;
    }
};

} // namespace

std::unique_ptr<Rule> ExpectedSchema()
{
    return std::make_unique<ExpectedSchemaRule>();
}

std::unique_ptr<Rule> FieldCount()
{
    return std::make_unique<FieldCountRule>();
}

} // namespace assay::rules::make
