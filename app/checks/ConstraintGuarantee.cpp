#include "app/checks/ConstraintGuarantee.h"

#include "app/checks/RuleNames.h"

namespace assay {

namespace {

// The check reads `field` as the column itself (not through its text or a cast).
bool readAsStored(const QString &field, const CheckSqlContext &context)
{
    if (!context.fieldTypes.contains(field))
        return false; // not a live column: the check will say so
    const auto it = context.fieldMeasures.constFind(field);
    return it == context.fieldMeasures.constEnd() || it->value == QLatin1String("%1");
}

const SourceConstraint *notNullOn(const QString &field, const QList<SourceConstraint> &constraints,
                                  const CheckSqlContext &context)
{
    if (!readAsStored(field, context))
        return nullptr;
    for (const SourceConstraint &c : constraints)
        if (c.enforced && c.is(SourceConstraint::kNotNull) && c.fields == QStringList{field})
            return &c;
    return nullptr;
}

} // namespace

QString constraintGuarantee(const Check &check, const QList<SourceConstraint> &constraints,
                            const CheckSqlContext &context)
{
    if (check.rule == rule_name::kNotNull && check.fields.size() == 1) {
        const SourceConstraint *c = notNullOn(check.fields.first(), constraints, context);
        return c ? c->describe() : QString();
    }
    if (check.rule == rule_name::kAnyNotNull) {
        for (const QString &field : check.fields)
            if (const SourceConstraint *c = notNullOn(field, constraints, context))
                return c->describe();
        return QString();
    }
    if (check.rule != rule_name::kUnique || check.fields.isEmpty())
        return QString();
    for (const SourceConstraint &c : constraints) {
        if (!c.enforced || c.fields.isEmpty() ||
            !(c.is(SourceConstraint::kPrimaryKey) || c.is(SourceConstraint::kUnique)))
            continue;
        bool covered = true;
        for (const QString &field : c.fields)
            covered = covered && check.fields.contains(field) && readAsStored(field, context);
        if (covered)
            return c.describe();
    }
    return QString();
}

bool mayBeGuaranteed(const QList<Check> &checks)
{
    for (const Check &c : checks)
        if (c.rule == rule_name::kNotNull || c.rule == rule_name::kAnyNotNull ||
            c.rule == rule_name::kUnique)
            return true;
    return false;
}

} // namespace assay
