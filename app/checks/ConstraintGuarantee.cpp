#include "app/checks/ConstraintGuarantee.h"

#include "app/checks/RuleNames.h"

#include <QRegularExpression>

namespace assay {

namespace {

// The check reads `field` as the column itself (not through its text or a cast), as a value
// and as a number.
bool readAsStored(const QString &field, const CheckSqlContext &context)
{
    if (!context.fieldTypes.contains(field))
        return false; // not a live column: the check will say so
    const auto it = context.fieldMeasures.constFind(field);
    return it == context.fieldMeasures.constEnd() ||
           (it->value == QLatin1String("%1") &&
            (it->number.isEmpty() || it->number == QLatin1String("%1")));
}

// What an enforced CHECK says of one column, when it is one of the simple shapes PostgreSQL
// prints: "CHECK ((amount >= 0))", "CHECK ((price > (0)::numeric))", "CHECK ((\"Note\" IS NOT
// NULL))". Its column and kind: "not null", ">= 0" or "> 0"; empty otherwise. (A CHECK holds
// when its condition is NULL, so "amount >= 0" allows a null amount: as notNegative does.)
QPair<QString, QString> simpleCheck(const SourceConstraint &c)
{
    static const QRegularExpression shape(QStringLiteral(
        R"re(^CHECK \(\(("(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*) (IS NOT NULL|>= \(?0(?:\.0+)?\)?(?:::[a-z ]+)?|> \(?0(?:\.0+)?\)?(?:::[a-z ]+)?)\)\)$)re"));
    const QRegularExpressionMatch m = shape.match(c.definition);
    if (!c.enforced || !c.is(SourceConstraint::kCheck) || !m.hasMatch())
        return {};
    QString column = m.captured(1);
    if (column.startsWith(QLatin1Char('"')))
        column =
            column.mid(1, column.size() - 2).replace(QLatin1String("\"\""), QLatin1String("\""));
    const QString test = m.captured(2);
    const QString kind = test == QLatin1String("IS NOT NULL")   ? QStringLiteral("not null")
                         : test.startsWith(QLatin1String(">=")) ? QStringLiteral(">= 0")
                                                                : QStringLiteral("> 0");
    return {column, kind};
}

// The enforced CHECK on `field` of one of `kinds`, described; empty when none.
QString checkOn(const QString &field, const QStringList &kinds,
                const QList<SourceConstraint> &constraints, const CheckSqlContext &context)
{
    if (!readAsStored(field, context))
        return QString();
    for (const SourceConstraint &c : constraints) {
        const auto [column, kind] = simpleCheck(c);
        if (column == field && kinds.contains(kind))
            return c.describe();
    }
    return QString();
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
        return c ? c->describe()
                 : checkOn(check.fields.first(), {QStringLiteral("not null")}, constraints,
                           context);
    }
    if (check.rule == rule_name::kNotNegative && check.fields.size() == 1)
        return checkOn(check.fields.first(), {QStringLiteral(">= 0"), QStringLiteral("> 0")},
                       constraints, context);
    if (check.rule == rule_name::kPositive && check.fields.size() == 1)
        return checkOn(check.fields.first(), {QStringLiteral("> 0")}, constraints, context);
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
            c.rule == rule_name::kUnique || c.rule == rule_name::kNotNegative ||
            c.rule == rule_name::kPositive)
            return true;
    return false;
}

} // namespace assay
