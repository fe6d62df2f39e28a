// unique: no value (or combination of values) repeats. Its own grouped pass; records whose
// value repeats fail.
#include "app/checks/CheckSqlText.h"
#include "app/checks/Rule.h"
#include "app/checks/RuleSql.h"

namespace assay::rules::make {

using namespace check_sql;
using T = RuleText;

namespace {

class UniqueRule : public Rule
{
public:
    UniqueRule() : Rule(makeSpec()) {}

    void compile(RuleSql &s, CompiledCheck &out) const override
    {
        const Check &check = s.check();
        const CheckSqlContext &c = s.context();
        // Inference's holdout only asks whether it fails at all: COUNT(DISTINCT) against the
        // count, in the one aggregate pass.
        if (c.uniqueInAggregatePass && check.fields.size() == 1) {
            out.form = CheckForm::Aggregate;
            out.aggregates << countAsserted(out)
                           << fmt(QStringLiteral("COUNT(DISTINCT CASE WHEN %1 THEN %2 END)"),
                                  {out.asserted, raw(s.groupValue(s.field()))});
            return;
        }
        out.form = CheckForm::Grouped;
        QStringList keys, keyAs, on, order;
        for (int i = 0; i < check.fields.size(); ++i) {
            const QString q = s.groupValue(check.fields.at(i));
            const QString k = QStringLiteral("assay_k%1").arg(i);
            keys << q;
            keyAs << QStringLiteral("%1 AS %2").arg(q, k);
            on << QStringLiteral("%1 = assay_dup.%2")
                      .arg(s.groupValue(check.fields.at(i), QStringLiteral("src.")), k);
            order << s.groupValue(check.fields.at(i), QStringLiteral("src."));
        }
        const SqlFragment g = sourceRelation(c, QStringLiteral("assay_g"));
        out.groupedCount = fmt(
            QStringLiteral("SELECT COALESCE(SUM(n), 0), COALESCE(SUM(CASE WHEN n > 1 THEN n ELSE 0 "
                           "END), 0) FROM (SELECT COUNT(*) AS n FROM %1 WHERE %2 GROUP BY %3) "
                           "assay_groups"),
            {g, out.asserted, raw(keys.join(QStringLiteral(", ")))});
        out.failingRecords =
            fmt(QStringLiteral("SELECT {row} FROM %1 JOIN (SELECT %2 FROM %3 WHERE %4 GROUP BY %5 "
                               "HAVING COUNT(*) > 1) assay_dup ON %6 WHERE %7 ORDER BY %8"),
                {sourceRelation(c), raw(keyAs.join(QStringLiteral(", "))), g, out.asserted,
                 raw(keys.join(QStringLiteral(", "))), raw(on.join(QStringLiteral(" AND "))),
                 out.asserted, raw(order.join(QStringLiteral(", ")))});
    }

    // The aggregate-pass form: the records beyond each value's first fail.
    void readFigure(const Check &check, const QVariantList &row, int at,
                    CheckCount &out) const override
    {
        const qint64 distinct = countOf(row.value(at + 1));
        out.observed = distinct;
        out.failing = qMax<qint64>(0, out.asserted - distinct);
        out.passed = withinCoverage(check, out.asserted, out.failing);
    }

    QString violation(const Check &, bool plural) const override
    {
        return pick(plural, T::tr("is not unique"), T::tr("are not unique"));
    }

private:
    static RuleSpec makeSpec()
    {
        RuleSpec spec =
            single(rule_name::kUnique, T::tr("Unique"),
                   T::tr("No value (or combination of values) repeats."), {}, {}, "Uniqueness");
        spec.scope = RuleScope::MultiField;
        spec.maxFields = -1;
        return spec;
    }
};

} // namespace

std::unique_ptr<Rule> Unique()
{
    return std::make_unique<UniqueRule>();
}

} // namespace assay::rules::make
