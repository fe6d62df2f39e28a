#pragma once

#include "app/connectors/FieldTypes.h"

#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

namespace assay {

struct Check;

// What a rule applies to (reference spec 4.2): one field, several, a calculated expression, or
// the whole table.
enum class RuleScope { SingleField, MultiField, Calculated, Table };

// The kind of value a rule property holds; the check dialog builds its editor from it.
enum class PropertyType {
    Number,  // a double
    Integer, // a whole number >= 0
    Boolean,
    Text,       // free text
    Pattern,    // a regular expression
    List,       // a list of values (strings)
    DateTime,   // ISO-8601 (UTC) date or timestamp
    Field,      // another field of the same container
    Container,  // a container of the same datastore (by id)
    Datastore,  // a datastore (by id)
    FieldType,  // one of the field type names (integral, fractional, ...)
    Expression, // a SQL boolean expression over the container's fields
    Interval,   // a period of time: one of rules::intervalNames()
    Choice,     // one of the property's `choices`
    Json        // a JSON object (a baseline a check learned), shown and edited as JSON text
};

struct RuleProperty
{
    QString key; // API name: min, max, inclusive_min, list, pattern, value, field_name...
    PropertyType type = PropertyType::Text;
    bool required = false;
    QString title;
    QJsonValue defaultValue;
    QStringList choices;      // Choice: the values it takes (stored as they are; shown translated)
    QStringList choiceTitles; // ... and how people read them, when not the value itself
};

// One rule type of the catalogue: its API name, what it accepts, and what it reports.
struct RuleSpec
{
    QString name;  // API name, camelCase
    QString title; // UI name
    QString description;
    RuleScope scope = RuleScope::SingleField;
    QList<TypeFamily> fieldTypes; // accepted field families; empty: any
    int minFields = 1;
    int maxFields = 1; // -1: unbounded
    QList<RuleProperty> properties;
    bool recordAnomalies = true; // a failing record is an anomaly of its own
    bool shapeAnomalies = true;  // coverage < 1 or a table-level figure
    bool filterAllowed = true;
    bool coverageAllowed = true;
    QString category = QStringLiteral("data_integrity"); // or "metadata"
    QString dimension;           // quality dimension: Completeness, Conformity, Precision...
    bool crossContainer = false; // needs another container (existsIn, notExistsIn)
    // Its figure is the container's size, which holds or fails even with no record in it
    // (minPartitionSize, maxPartitionSize): an empty container is judged, not "unasserted".
    bool judgesEmpty = false;

    const RuleProperty *property(const QString &key) const;
    bool acceptsType(TypeFamily family) const
    {
        return fieldTypes.isEmpty() || fieldTypes.contains(family);
    }
};

namespace rules {

// Every rule Assay knows, by title.
const QList<RuleSpec> &all();
// The periods Time Distribution Size groups records by: Hourly, Daily, Weekly, Monthly.
const QStringList &intervalNames();
// The rule with this API name (case-sensitive), or nullptr.
const RuleSpec *find(const QString &name);
// Why `check` is not a valid instance of its rule (unknown rule, wrong number of fields, a
// field of a type the rule does not accept, a required property missing or of the wrong
// kind, coverage outside 0..1 or not allowed...), or an empty string. `fieldTypes` maps the
// container's field names to their families; a field absent from it is an error.
QString validate(const Check &check, const QHash<QString, TypeFamily> &fieldTypes);

} // namespace rules

} // namespace assay
