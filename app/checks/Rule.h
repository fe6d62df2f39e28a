#pragma once

#include "app/checks/CheckCompiler.h"
#include "app/checks/RuleCatalog.h"
#include "app/checks/RuleNames.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <functional>
#include <memory>
#include <vector>

namespace assay {

class RuleSql;

// Translations of every rule's texts share one context.
struct RuleText
{
    Q_DECLARE_TR_FUNCTIONS(assay::RuleCatalog)
};

// One rule type, whole: its spec (name, properties, what it accepts: the check editor is built
// from it), its SQL, how its figures are read, and its anomaly messages. Each rule is one class
// in app/checks/rules/, listed once in RuleRegistry.cpp.
//
// Most rules are per-record predicates: they override passing() and violation(). Rules with
// a figure of their own (Aggregate, Grouped, Schema forms) override compile() and the reading
// and message of their form.
class Rule
{
public:
    explicit Rule(RuleSpec spec) : m_spec(std::move(spec)) {}
    virtual ~Rule() = default;
    Rule(const Rule &) = delete;
    Rule &operator=(const Rule &) = delete;

    const RuleSpec &spec() const { return m_spec; }
    QString name() const { return m_spec.name; }

    // Records whose checked fields are null are asserted too (rules about nulls, rules over
    // whole records).
    virtual bool assertsNulls() const { return false; }
    // The fields a record must hold values in to be asserted: the check's fields (rules
    // comparing with another field add it).
    virtual QStringList checkedFields(const Check &check) const { return check.fields; }

    // Fills `out` (its `asserted` is set): by default a Record form from passing().
    virtual void compile(RuleSql &sql, CompiledCheck &out) const;
    // Record form: the predicate an asserted record passes.
    virtual SqlFragment passing(RuleSql &sql) const;

    // Aggregate form: reads the figure from the pass's row, the asserted count at `at` and
    // the rule's own aggregates after it.
    virtual void readFigure(const Check &check, const QVariantList &row, int at,
                            CheckCount &out) const;
    // Schema form: the outcome against the container's live columns.
    virtual CheckCount evaluateSchema(const Check &check, const QStringList &liveColumns) const;

    // What the spec cannot say of a valid check (a minimum above a maximum); empty when valid.
    virtual QString validate(const Check &check) const;

    // What a failing value does: "is not between 1.000 and 9.000" (or "are ...").
    virtual QString violation(const Check &check, bool plural) const;
    // One failing record; by default its checked values and the violation.
    virtual QString recordMessage(const Check &check, const QJsonObject &row) const;
    // A failed figure; by default the share of failing records.
    virtual QString figureMessage(const Check &check, const CheckCount &count) const;

private:
    RuleSpec m_spec;
};

// A per-record rule given by its spec, its predicate and its wording: most rules are one of
// these, a few lines each.
class RecordRule : public Rule
{
public:
    using Passing = std::function<SqlFragment(RuleSql &)>;
    using Violation = std::function<QString(const Check &, bool plural)>;
    RecordRule(RuleSpec spec, Passing passing, Violation violation)
        : Rule(std::move(spec)), m_passing(std::move(passing)), m_violation(std::move(violation))
    {
    }
    SqlFragment passing(RuleSql &sql) const override { return m_passing(sql); }
    QString violation(const Check &check, bool plural) const override
    {
        return m_violation(check, plural);
    }

private:
    Passing m_passing;
    Violation m_violation;
};

namespace rules {

// The rule with this API name, or nullptr (RuleRegistry.cpp).
const Rule *definition(const QString &name);
// Every rule, in the registry's order.
const std::vector<std::unique_ptr<Rule>> &definitions();

// Building blocks of specs, for the rule files.
RuleProperty property(QLatin1String key, PropertyType type, bool required, const QString &title,
                      QJsonValue fallback = QJsonValue());
// A property taking one of `choices` (the first is the default).
RuleProperty choice(QLatin1String key, const QString &title, const QList<QLatin1String> &choices);
RuleSpec single(QLatin1String name, const QString &title, const QString &description,
                QList<TypeFamily> types, QList<RuleProperty> properties, const char *dimension);
// A rule whose failures are a figure over the table, never a record of its own.
RuleSpec shapeOnly(RuleSpec spec);
// A rule about the whole table (no fields, no record anomalies).
RuleSpec table(RuleSpec spec, const char *category = "data_integrity");
extern const QList<TypeFamily> kNumericTypes;
extern const QList<TypeFamily> kTimeTypes;
extern const QList<TypeFamily> kTextTypes;

// Reading a check's properties, with the rule's defaults where the check has none.
QJsonValue propertyOf(const Check &check, QLatin1String key);
double numberOf(const Check &check, QLatin1String key);
bool flagOf(const Check &check, QLatin1String key, bool fallback);
// "is not greater than (or equal to) X", by the check's `inclusive`: greaterThan and
// greaterThanField say it alike (NumberRules.cpp); likewise "less than".
QString greaterThanWording(const Check &check, bool plural, const QString &than);
QString lessThanWording(const Check &check, bool plural, const QString &than);
// Aggregate form: the count of asserted records, the first column of every figure.
SqlFragment countAsserted(const CompiledCheck &compiled);
// A whole number read from a result column (NULL: 0).
qint64 countOf(const QVariant &value);
// A property holding a number (a JSON number, or text that reads as one).
bool isNumber(const QJsonValue &value);
// Singular or plural wording: "is ..." / "are ...".
inline QString pick(bool plural, const QString &one, const QString &many)
{
    return plural ? many : one;
}

} // namespace rules

} // namespace assay
