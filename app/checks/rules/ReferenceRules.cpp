// Membership in a field of another container of the same datastore: existsIn, notExistsIn.
#include "app/checks/CheckSqlText.h"
#include "app/checks/Rule.h"
#include "app/checks/RuleSql.h"

namespace assay::rules::make {

using namespace check_sql;
namespace key = rule_key;
using P = PropertyType;
using T = RuleText;

namespace {

// Membership in the reference field, as an uncorrelated IN so every database hashes (or
// indexes) the reference once: an anti-join pushed down.
SqlFragment inReference(RuleSql &s)
{
    // ref_datastore_id names this datastore or is absent: rules::validate (run before
    // compiling) refuses another one, which this connection cannot reach.
    const qint64 refId = s.prop(key::kRefContainerId).toVariant().toLongLong();
    const CheckSqlContext &c = s.context();
    const QString refTable = c.referenceTable ? c.referenceTable(refId) : QString();
    if (refTable.isEmpty()) {
        s.fail(T::tr("The reference container (id %1) of this check is not in the datastore: "
                     "sync the datastore or edit the check.")
                   .arg(refId));
        return {};
    }
    const QString refField = s.dialect().quote(s.prop(key::kFieldName).toString());
    return fmt(QStringLiteral("%1 IN (SELECT assay_ref.%2 FROM %3 assay_ref WHERE assay_ref.%2 IS "
                              "NOT NULL)"),
               {s.column(s.field()), raw(refField), raw(s.dialect().table(c.schema, refTable))});
}

// existsIn / notExistsIn: spec 4.2's ref_datastore_id is accepted, optional, and means the
// check's own datastore when absent. Only that datastore can be named: the check runs as one
// statement on the datastore's own connection (an IN over the reference table), and another
// datastore may sit on another server or database, so it cannot be joined there. Comparing
// across datastores needs a second connection and moving values between them, which Assay
// does not do yet.
RuleSpec referenceSpec(QLatin1String name, const QString &title, const QString &description)
{
    RuleSpec spec =
        single(name, title, description, {},
               {property(key::kRefDatastoreId, P::Datastore, false, T::tr("Reference datastore")),
                property(key::kRefContainerId, P::Container, true, T::tr("Reference container")),
                property(key::kFieldName, P::Text, true, T::tr("Reference field"))},
               "Accuracy");
    spec.crossContainer = true;
    return spec;
}

// "customers.id" when the scan named the reference container, else "id".
QString referenceField(const Check &c)
{
    const QString field = propertyOf(c, key::kFieldName).toString();
    const QString table = c.properties.value(key::kRefContainerName).toString();
    return table.isEmpty() ? field : table + QLatin1Char('.') + field;
}

} // namespace

std::unique_ptr<Rule> ExistsIn()
{
    return std::make_unique<RecordRule>(
        referenceSpec(rule_name::kExistsIn, T::tr("Exists In"),
                      T::tr("Every value is found in a field of another container.")),
        inReference, [](const Check &c, bool plural) {
            return pick(plural, T::tr("is not found in the reference field %1"),
                        T::tr("are not found in the reference field %1"))
                .arg(referenceField(c));
        });
}

std::unique_ptr<Rule> NotExistsIn()
{
    return std::make_unique<RecordRule>(
        referenceSpec(rule_name::kNotExistsIn, T::tr("Not Exists In"),
                      T::tr("No value is found in a field of another container.")),
        [](RuleSql &s) { return fmt(QStringLiteral("NOT (%1)"), {inReference(s)}); },
        [](const Check &c, bool plural) {
            return pick(plural, T::tr("is found in the reference field %1"),
                        T::tr("are found in the reference field %1"))
                .arg(referenceField(c));
        });
}

} // namespace assay::rules::make
