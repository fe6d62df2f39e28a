#include "app/checks/CheckCompiler.h"

#include "app/checks/CheckSqlText.h"
#include "app/checks/Rule.h"
#include "app/checks/RuleSql.h"

namespace assay {

namespace {

using namespace check_sql;

// The part every rule shares: which records are asserted (the filter, and the checked fields
// hold values), then the rule's own form, then whole failing rows in a form the client reads.
CompiledCheck compileWith(const Check &check, const Rule &rule, const CheckSqlContext &context)
{
    RuleSql sql(check, rule, context);
    CompiledCheck out;
    QList<SqlFragment> asserted;
    if (rule.spec().scope != RuleScope::Table) {
        if (!check.filter.trimmed().isEmpty())
            asserted << fmt(QStringLiteral("(%1)"), {sql.userPart(check.filter)});
        if (!rule.assertsNulls())
            for (const QString &name : rule.checkedFields(check))
                asserted << sql.present(name);
    }
    out.asserted =
        asserted.isEmpty() ? raw(QStringLiteral("1=1")) : join(asserted, QStringLiteral(" AND "));
    rule.compile(sql, out);
    // The select list leads the statement: nothing a user wrote is touched.
    const QString rowPlaceholder = QStringLiteral("SELECT {row} ");
    if (out.failingRecords.sql.startsWith(rowPlaceholder))
        out.failingRecords.sql.replace(
            0, rowPlaceholder.size(),
            QStringLiteral("SELECT %1 ").arg(context.rowSelect(QStringLiteral("src"))));
    if (out.error.isEmpty())
        out.error = sql.error();
    return out;
}

} // namespace

CompiledCheck compileCheck(const Check &check, const CheckSqlContext &context)
{
    CompiledCheck out;
    const Rule *definition = rules::definition(check.rule);
    const RuleSpec *rule = definition ? &definition->spec() : nullptr;
    QHash<QString, TypeFamily> types = context.fieldTypes;
    // Schema rules name fields the live table should have, whatever the Catalog last saw.
    if (rule && rule->scope == RuleScope::Table)
        for (const QString &f : check.fields)
            if (!types.contains(f))
                types.insert(f, TypeFamily::Other);
    const QString invalid = rules::validate(check, types);
    if (!invalid.isEmpty()) {
        out.error = invalid;
        // A field that exists but is of a type the rule does not take: its type changed since
        // the check was made (or the check was imported from elsewhere).
        if (rule && rule->scope != RuleScope::Table)
            for (const QString &f : check.fields)
                if (types.contains(f) && !rule->acceptsType(types.value(f)))
                    out.notApplicable = true;
        return out;
    }
    if (context.table.isEmpty()) {
        out.error = RuleText::tr("The check has no container to run on.");
        return out;
    }
    return compileWith(check, *definition, context);
}

QString displaySql(const Check &check, const CheckSqlContext &context)
{
    const CompiledCheck c = compileCheck(check, context);
    if (!c.ok())
        return QStringLiteral("-- ") + c.error;
    SqlFragment shown;
    switch (c.form) {
    case CheckForm::Record:
    case CheckForm::Grouped:
        // A grouped shape rule has no failing records: its count shows what it measures.
        shown = c.failingRecords.isEmpty() ? c.groupedCount : c.failingRecords;
        break;
    case CheckForm::Aggregate:
    case CheckForm::History: // what it measures, when no statistics answer instead
        shown = fmt(QStringLiteral("SELECT %1 FROM %2"),
                    {join(c.aggregates, QStringLiteral(", ")), sourceRelation(context)});
        break;
    case CheckForm::Schema:
        shown = raw(QStringLiteral("SELECT * FROM %1 WHERE 1=0")
                        .arg(context.dialect.table(context.schema, context.table)));
        break;
    }
    return inlineValues(shown.sql, shown.values, context.dialect);
}

} // namespace assay
