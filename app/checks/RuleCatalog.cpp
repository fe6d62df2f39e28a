#include "app/checks/RuleCatalog.h"

#include "models/domain/Check.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

namespace assay {

namespace {

struct RuleText
{
    Q_DECLARE_TR_FUNCTIONS(assay::RuleCatalog)
};

using T = TypeFamily;
using P = PropertyType;

const QList<TypeFamily> kNumeric{T::Integral, T::Fractional};
const QList<TypeFamily> kTimes{T::Date, T::Timestamp};
const QList<TypeFamily> kText{T::String};

RuleProperty prop(const char *key, PropertyType type, bool required, const QString &title,
                  QJsonValue fallback = QJsonValue())
{
    return RuleProperty{QLatin1String(key), type, required, title, fallback};
}

RuleSpec single(const char *name, const QString &title, const QString &description,
                QList<TypeFamily> types, QList<RuleProperty> properties, const char *dimension)
{
    RuleSpec r;
    r.name = QLatin1String(name);
    r.title = title;
    r.description = description;
    r.fieldTypes = std::move(types);
    r.properties = std::move(properties);
    r.dimension = QLatin1String(dimension);
    return r;
}

RuleSpec shapeOnly(RuleSpec r)
{
    r.recordAnomalies = false;
    r.coverageAllowed = false;
    return r;
}

RuleSpec table(RuleSpec r, const char *category = "data_integrity")
{
    r.scope = RuleScope::Table;
    r.minFields = 0;
    r.maxFields = 0;
    r.recordAnomalies = false;
    r.category = QLatin1String(category);
    return r;
}

QList<RuleSpec> build()
{
    using RT = RuleText;
    const auto inclusive = prop("inclusive", P::Boolean, false, RT::tr("Inclusive"), false);
    const auto value = [](PropertyType t, const QString &title) {
        return prop("value", t, true, title);
    };
    const auto field = prop("field_name", P::Field, true, RT::tr("Compared field"));
    // existsIn / notExistsIn: spec 4.2's ref_datastore_id is accepted, optional, and means the
    // check's own datastore when absent. Only that datastore can be named: the check runs as one
    // statement on the datastore's own connection (an IN over the reference table), and another
    // datastore may sit on another server or database, so it cannot be joined there. Comparing
    // across datastores needs a second connection and moving values between them, which Assay
    // does not do yet.
    const auto refDatastore =
        prop("ref_datastore_id", P::Datastore, false, RT::tr("Reference datastore"));
    QList<RuleSpec> r;

    r << single("afterDateTime", RT::tr("After Date Time"),
                RT::tr("Values are later than a date and time."), kTimes,
                {prop("datetime", P::DateTime, true, RT::tr("Date and time"))}, "Precision");
    RuleSpec anyNotNull =
        single("anyNotNull", RT::tr("Any Not Null"),
               RT::tr("At least one of the fields has a value."), {}, {}, "Completeness");
    anyNotNull.scope = RuleScope::MultiField;
    anyNotNull.minFields = 2;
    anyNotNull.maxFields = -1;
    r << anyNotNull;
    r << single("beforeDateTime", RT::tr("Before Date Time"),
                RT::tr("Values are earlier than a date and time."), kTimes,
                {prop("datetime", P::DateTime, true, RT::tr("Date and time"))}, "Precision");
    r << single("between", RT::tr("Between"), RT::tr("Values lie between a minimum and a maximum."),
                kNumeric,
                {prop("min", P::Number, true, RT::tr("Minimum")),
                 prop("max", P::Number, true, RT::tr("Maximum")),
                 prop("inclusive_min", P::Boolean, false, RT::tr("Inclusive minimum"), true),
                 prop("inclusive_max", P::Boolean, false, RT::tr("Inclusive maximum"), true)},
                "Precision");
    r << single("betweenTimes", RT::tr("Between Times"),
                RT::tr("Dates or timestamps lie between two moments."), kTimes,
                {prop("min_time", P::DateTime, true, RT::tr("Earliest")),
                 prop("max_time", P::DateTime, true, RT::tr("Latest"))},
                "Precision");
    r << single("containsEmail", RT::tr("Contains Email"),
                RT::tr("Values contain an e-mail address."), kText, {}, "Conformity");
    r << single("containsUrl", RT::tr("Contains URL"), RT::tr("Values contain a URL."), kText, {},
                "Conformity");
    r << shapeOnly(single("distinctCount", RT::tr("Distinct Count"),
                          RT::tr("The field has exactly this many distinct values."), {},
                          {value(P::Integer, RT::tr("Distinct values"))}, "Accuracy"));
    r << single("equalToField", RT::tr("Equal To Field"),
                RT::tr("Values equal those of another field of the same record."), {}, {field},
                "Precision");
    RuleSpec existsIn = single(
        "existsIn", RT::tr("Exists In"),
        RT::tr("Every value is found in a field of another container."), {},
        {refDatastore, prop("ref_container_id", P::Container, true, RT::tr("Reference container")),
         prop("field_name", P::Text, true, RT::tr("Reference field"))},
        "Accuracy");
    existsIn.crossContainer = true;
    r << existsIn;
    RuleSpec schema = table(single("expectedSchema", RT::tr("Expected Schema"),
                                   RT::tr("The container has these fields (asserted first; its "
                                          "failure ends the container's scan)."),
                                   {}, {}, "Conformity"),
                            "metadata");
    schema.minFields = 1;
    schema.maxFields = -1;
    schema.filterAllowed = false;
    schema.coverageAllowed = false;
    schema.properties = {
        prop("allow_other_fields", P::Boolean, false, RT::tr("Allow other fields"), true)};
    r << schema;
    r << single("expectedValues", RT::tr("Expected Values"), RT::tr("Values are one of a list."),
                {}, {prop("list", P::List, true, RT::tr("Values"))}, "Accuracy");
    RuleSpec fieldCount = table(single("fieldCount", RT::tr("Field Count"),
                                       RT::tr("The container has exactly this many fields."), {},
                                       {value(P::Integer, RT::tr("Fields"))}, "Conformity"),
                                "metadata");
    fieldCount.filterAllowed = false;
    fieldCount.coverageAllowed = false;
    r << fieldCount;
    r << single("greaterThan", RT::tr("Greater Than"), RT::tr("Values are greater than a number."),
                kNumeric, {value(P::Number, RT::tr("Value")), inclusive}, "Precision");
    r << single("greaterThanField", RT::tr("Greater Than Field"),
                RT::tr("Values are greater than another field of the same record."), {},
                {field, inclusive}, "Precision");
    r << single("isType", RT::tr("Is Type"),
                RT::tr("Text values can be read as another type (integral, date...)."), kText,
                {prop("field_type", P::FieldType, true, RT::tr("Type"))}, "Conformity");
    r << single("lessThan", RT::tr("Less Than"), RT::tr("Values are less than a number."), kNumeric,
                {value(P::Number, RT::tr("Value")), inclusive}, "Precision");
    r << single("lessThanField", RT::tr("Less Than Field"),
                RT::tr("Values are less than another field of the same record."), {},
                {field, inclusive}, "Precision");
    r << single("matchesPattern", RT::tr("Matches Pattern"),
                RT::tr("Values match a regular expression."), kText,
                {prop("pattern", P::Pattern, true, RT::tr("Pattern"))}, "Conformity");
    r << single("maxLength", RT::tr("Max Length"),
                RT::tr("Values are at most this many characters long."), kText,
                {value(P::Integer, RT::tr("Length"))}, "Conformity");
    r << single("maxValue", RT::tr("Max Value"), RT::tr("Values are at most this number."),
                kNumeric, {value(P::Number, RT::tr("Value"))}, "Precision");
    r << single("minLength", RT::tr("Min Length"),
                RT::tr("Values are at least this many characters long."), kText,
                {value(P::Integer, RT::tr("Length"))}, "Conformity");
    RuleSpec partition = table(single("minPartitionSize", RT::tr("Min Partition Size"),
                                      RT::tr("The container holds at least this many records."), {},
                                      {value(P::Integer, RT::tr("Records"))}, "Volumetrics"),
                               "metadata");
    partition.filterAllowed = false;
    r << partition;
    r << single("minValue", RT::tr("Min Value"), RT::tr("Values are at least this number."),
                kNumeric, {value(P::Number, RT::tr("Value"))}, "Precision");
    RuleSpec notExistsIn = single(
        "notExistsIn", RT::tr("Not Exists In"),
        RT::tr("No value is found in a field of another container."), {},
        {refDatastore, prop("ref_container_id", P::Container, true, RT::tr("Reference container")),
         prop("field_name", P::Text, true, RT::tr("Reference field"))},
        "Accuracy");
    notExistsIn.crossContainer = true;
    r << notExistsIn;
    r << single("notFuture", RT::tr("Not Future"),
                RT::tr("Dates and timestamps are not later than now."), kTimes, {}, "Precision");
    r << single("notNegative", RT::tr("Not Negative"), RT::tr("Values are zero or more."), kNumeric,
                {}, "Precision");
    r << single("notNull", RT::tr("Not Null"), RT::tr("Every record has a value."), {}, {},
                "Completeness");
    r << single("positive", RT::tr("Positive"), RT::tr("Values are greater than zero."), kNumeric,
                {}, "Precision");
    r << shapeOnly(single("requiredValues", RT::tr("Required Values"),
                          RT::tr("Each listed value appears at least once."), {},
                          {prop("list", P::List, true, RT::tr("Values"))}, "Accuracy"));
    RuleSpec expression =
        single("satisfiesExpression", RT::tr("Satisfies Expression"),
               RT::tr("Records satisfy a SQL boolean expression."), {},
               {prop("expression", P::Expression, true, RT::tr("Expression"))}, "Accuracy");
    expression.scope = RuleScope::Calculated;
    expression.minFields = 0;
    expression.maxFields = -1;
    r << expression;
    r << shapeOnly(single("sum", RT::tr("Sum"), RT::tr("The values add up to a number."), kNumeric,
                          {value(P::Number, RT::tr("Sum")),
                           prop("tolerance", P::Number, false, RT::tr("Tolerance"), 0)},
                          "Precision"));
    // Records per period of a date or timestamp (reference spec 4: interval_name, min_size,
    // max_size). Periods without records are not seen: a gap is not a period of 0.
    RuleSpec timeDistribution = shapeOnly(single(
        "timeDistributionSize", RT::tr("Time Distribution Size"),
        RT::tr("Each period (hour, day, week or month) holds between a minimum and a maximum "
               "number of records."),
        kTimes,
        {prop("interval_name", P::Interval, true, RT::tr("Period"), QStringLiteral("Daily")),
         prop("min_size", P::Integer, false, RT::tr("Fewest records")),
         prop("max_size", P::Integer, false, RT::tr("Most records"))},
        "Timeliness"));
    timeDistribution.category = QStringLiteral("metadata");
    r << timeDistribution;
    RuleSpec unique =
        single("unique", RT::tr("Unique"), RT::tr("No value (or combination of values) repeats."),
               {}, {}, "Uniqueness");
    unique.scope = RuleScope::MultiField;
    unique.maxFields = -1;
    r << unique;
    return r;
}

bool isNumber(const QJsonValue &v)
{
    if (v.isDouble())
        return true;
    bool ok = false;
    v.toString().toDouble(&ok);
    return v.isString() && ok;
}

} // namespace

const RuleProperty *RuleSpec::property(const QString &key) const
{
    for (const RuleProperty &p : properties)
        if (p.key == key)
            return &p;
    return nullptr;
}

namespace rules {

const QList<RuleSpec> &all()
{
    static const QList<RuleSpec> catalogue = build();
    return catalogue;
}

const QStringList &intervalNames()
{
    static const QStringList names{QStringLiteral("Hourly"), QStringLiteral("Daily"),
                                   QStringLiteral("Weekly"), QStringLiteral("Monthly")};
    return names;
}

const RuleSpec *find(const QString &name)
{
    for (const RuleSpec &r : all())
        if (r.name == name)
            return &r;
    return nullptr;
}

QString validate(const Check &check, const QHash<QString, TypeFamily> &fieldTypes)
{
    using RT = RuleText;
    const RuleSpec *rule = find(check.rule);
    if (!rule)
        return RT::tr("“%1” is not a rule Assay knows.").arg(check.rule);
    const int n = int(check.fields.size());
    if (n < rule->minFields || (rule->maxFields >= 0 && n > rule->maxFields)) {
        // Spelled out: %n plurals need a loaded translation, even for English.
        const QString least = QString::number(rule->minFields);
        if (rule->maxFields == rule->minFields)
            return rule->minFields == 1 ? RT::tr("%1 takes one field.").arg(rule->title)
                                        : RT::tr("%1 takes %2 fields.").arg(rule->title, least);
        if (rule->maxFields >= 0 && n > rule->maxFields)
            return RT::tr("%1 takes at most %2 fields.")
                .arg(rule->title, QString::number(rule->maxFields));
        return rule->minFields == 1
                   ? RT::tr("%1 takes at least one field.").arg(rule->title)
                   : RT::tr("%1 takes at least %2 fields.").arg(rule->title, least);
    }
    for (const QString &f : check.fields) {
        if (!fieldTypes.contains(f))
            return RT::tr("The container has no field named “%1”.").arg(f);
        if (rule->scope != RuleScope::Table && !rule->acceptsType(fieldTypes.value(f)))
            return RT::tr("%1 does not apply to %2 (a %3 field).")
                .arg(rule->title, f, typeFamilyName(fieldTypes.value(f)));
    }
    if (check.coverage <= 0 || check.coverage > 1)
        return RT::tr("Coverage must be more than 0 and at most 1.");
    if (check.coverage < 1 && !rule->coverageAllowed)
        return RT::tr("%1 does not take a coverage.").arg(rule->title);
    if (!check.filter.trimmed().isEmpty() && !rule->filterAllowed)
        return RT::tr("%1 does not take a filter.").arg(rule->title);
    for (const RuleProperty &p : rule->properties) {
        const QJsonValue v = check.properties.value(p.key);
        if (v.isUndefined() || v.isNull() || (v.isString() && v.toString().isEmpty())) {
            if (p.required)
                return RT::tr("%1 needs “%2”.").arg(rule->title, p.title);
            continue;
        }
        switch (p.type) {
        case P::Number:
            if (!isNumber(v))
                return RT::tr("“%1” must be a number.").arg(p.title);
            break;
        case P::Integer:
            if (!isNumber(v) || v.toVariant().toDouble() < 0)
                return RT::tr("“%1” must be a whole number, 0 or more.").arg(p.title);
            break;
        case P::Boolean:
            if (!v.isBool())
                return RT::tr("“%1” must be true or false.").arg(p.title);
            break;
        case P::List:
            if (!v.isArray() || v.toArray().isEmpty())
                return RT::tr("“%1” must be a non-empty list.").arg(p.title);
            break;
        case P::Pattern:
            if (!QRegularExpression(v.toString()).isValid())
                return RT::tr("“%1” is not a valid regular expression: %2")
                    .arg(p.title, QRegularExpression(v.toString()).errorString());
            break;
        case P::DateTime:
            if (!QDateTime::fromString(v.toString(), Qt::ISODate).isValid() &&
                !QDate::fromString(v.toString(), Qt::ISODate).isValid())
                return RT::tr("“%1” must be an ISO-8601 date or timestamp.").arg(p.title);
            break;
        case P::Field:
            if (!fieldTypes.contains(v.toString()))
                return RT::tr("The container has no field named “%1”.").arg(v.toString());
            break;
        case P::Container:
            if (v.toVariant().toLongLong() <= 0)
                return RT::tr("“%1” must name a container.").arg(p.title);
            break;
        case P::Datastore:
            if (v.toVariant().toLongLong() <= 0)
                return RT::tr("“%1” must name a datastore.").arg(p.title);
            if (check.datastoreId > 0 && v.toVariant().toLongLong() != check.datastoreId)
                return RT::tr("%1 compares with containers of its own datastore only: leave "
                              "“%2” empty.")
                    .arg(rule->title, p.title);
            break;
        case P::FieldType: {
            static const QStringList names{
                QStringLiteral("integral"), QStringLiteral("fractional"), QStringLiteral("boolean"),
                QStringLiteral("date"),     QStringLiteral("timestamp"),  QStringLiteral("string")};
            if (!names.contains(v.toString().toLower()))
                return RT::tr("“%1” must be one of %2.")
                    .arg(p.title, names.join(QStringLiteral(", ")));
            break;
        }
        case P::Interval:
            if (!intervalNames().contains(v.toString()))
                return RT::tr("“%1” must be one of %2.")
                    .arg(p.title, intervalNames().join(QStringLiteral(", ")));
            break;
        case P::Text:
        case P::Expression:
            break;
        }
    }
    if (rule->name == QLatin1String("timeDistributionSize")) {
        const QJsonValue min = check.properties.value(QStringLiteral("min_size"));
        const QJsonValue max = check.properties.value(QStringLiteral("max_size"));
        if (!isNumber(min) && !isNumber(max))
            return RT::tr("%1 needs a fewest or a most number of records.").arg(rule->title);
        if (isNumber(min) && isNumber(max) &&
            min.toVariant().toDouble() > max.toVariant().toDouble())
            return RT::tr("The fewest records are more than the most.");
    }
    if (rule->name == QLatin1String("between") &&
        check.properties.value(QStringLiteral("min")).toVariant().toDouble() >
            check.properties.value(QStringLiteral("max")).toVariant().toDouble())
        return RT::tr("The minimum is greater than the maximum.");
    return QString();
}

} // namespace rules

} // namespace assay
