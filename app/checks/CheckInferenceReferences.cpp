#include "app/checks/CheckInference.h"
#include "app/checks/CheckInferenceSupport.h"
#include "app/checks/RuleNames.h"
#include "app/connectors/FieldTypes.h"
#include "app/engine/profile/ProfileQueries.h"

#include <QCoreApplication>
#include <QJsonObject>

// Level 4: relations between the containers of one datastore, found by name and confirmed by
// the data (an anti-join count).
namespace assay::inference {

namespace {

struct ReferenceText
{
    Q_DECLARE_TR_FUNCTIONS(assay::CheckInference)
};

// `field` (of another container) names `key` of `reference`: customer_id -> customers.id,
// or order_id -> orders.order_id (the reference's own key carries its name).
bool namesKey(const QString &field, const QString &key, const QString &reference)
{
    const QString f = field.toLower(), k = key.toLower();
    for (const QString &stem : containerStems(reference)) {
        if (f == stem + QLatin1Char('_') + k || f == stem + k)
            return true;
        if (f == k && (k == stem + QLatin1String("_id") || k == stem + QLatin1String("id")))
            return true;
    }
    return false;
}

// Two containers holding the same kind of record: one's name contains the other's
// ("orders" and "archived_orders").
bool sameKind(const QString &a, const QString &b)
{
    const QString x = a.toLower(), y = b.toLower();
    return x != y && (x.contains(y) || y.contains(x));
}

bool keyFamily(TypeFamily f)
{
    return f == TypeFamily::Integral || f == TypeFamily::String;
}

const FieldProfile *profileOf(const InferenceSubject &s, const Field &f)
{
    for (const FieldProfile &p : s.profiles)
        if ((p.fieldId && p.fieldId == f.id) || (!p.fieldId && p.fieldName == f.name))
            return &p;
    return nullptr;
}

qint64 nonNull(const FieldProfile &p)
{
    return qRound64(p.completeness * double(p.records));
}

// Complete, and no value repeats (from a sample: nearly none; the anti-join decides).
bool isKey(const FieldProfile &p)
{
    if (p.records <= 0 || p.completeness < 1.0)
        return false;
    if (!p.distinctApproximate)
        return p.distinctValues == p.records;
    return double(p.distinctValues) >= 0.95 * double(qMin(p.records, profile_sql::kSampleRows));
}

// The values of `f` fall within the range of `k` (numbers only; text is left to the data).
bool withinRange(const FieldProfile &f, const FieldProfile &k, TypeFamily family)
{
    if (family != TypeFamily::Integral)
        return true;
    const auto fmin = number(f.minValue), fmax = number(f.maxValue);
    const auto kmin = number(k.minValue), kmax = number(k.maxValue);
    return fmin && fmax && kmin && kmax && *fmin >= *kmin && *fmax <= *kmax;
}

Check reference(const InferenceSubject &s, const QString &rule, const QString &field,
                const Container &other, const QString &key, const QString &description)
{
    Check c;
    c.datastoreId = s.container.datastoreId;
    c.containerId = s.container.id;
    c.containerName = s.container.name;
    c.rule = rule;
    c.fields = {field};
    c.properties = {{rule_key::kRefContainerId, double(other.id)}, {rule_key::kFieldName, key}};
    c.description = description;
    c.inferred = true;
    c.inferenceLevel = 4;
    return c;
}

} // namespace

QStringList containerStems(const QString &containerName)
{
    QString n = containerName.toLower();
    n = n.mid(n.lastIndexOf(QLatin1Char('.')) + 1);
    QStringList out{n};
    if (n.endsWith(QLatin1String("ies")) && n.size() > 3)
        out << n.left(n.size() - 3) + QLatin1Char('y');
    if (n.endsWith(QLatin1String("es")) && n.size() > 2)
        out << n.left(n.size() - 2);
    if (n.endsWith(QLatin1Char('s')) && n.size() > 1)
        out << n.left(n.size() - 1);
    return out;
}

bool mayReference(const InferenceSubject &subject, const Container &other,
                  const QList<Field> &otherFields)
{
    if (other.id == subject.container.id || other.removed)
        return false;
    const bool kind = sameKind(subject.container.name, other.name);
    for (const Field &f : subject.fields) {
        if (!keyFamily(fieldFamily(f)))
            continue;
        for (const Field &k : otherFields)
            if (!k.removed && fieldFamily(k) == fieldFamily(f) &&
                (namesKey(f.name, k.name, other.name) || (kind && f.name == k.name)))
                return true;
    }
    return false;
}

QList<InferenceCandidate> proposeReferences(const InferenceSubject &subject,
                                            const QList<InferenceSubject> &others,
                                            const InferenceSettings &settings)
{
    using Tx = ReferenceText;
    QList<InferenceCandidate> out;
    if (settings.level < 4)
        return out;
    for (const Field &f : subject.fields) {
        const TypeFamily family = fieldFamily(f);
        const FieldProfile *fp = profileOf(subject, f);
        if (!keyFamily(family) || !fp || nonNull(*fp) <= 0)
            continue;
        for (const InferenceSubject &other : others) {
            if (other.container.id == subject.container.id || other.container.removed)
                continue;
            const bool kind = sameKind(subject.container.name, other.container.name);
            for (const Field &k : other.fields) {
                const FieldProfile *kp = profileOf(other, k);
                if (k.removed || !kp || fieldFamily(k) != family || !isKey(*kp))
                    continue;
                const QString target = other.container.name + QLatin1Char('.') + k.name;
                if (namesKey(f.name, k.name, other.container.name) && withinRange(*fp, *kp, family))
                    out << InferenceCandidate{
                        {reference(subject, rule_name::kExistsIn, f.name, other.container, k.name,
                                   Tx::tr("Every %1 is found in %2.").arg(f.name, target))},
                        false};
                // Not exclusive: the live and archived containers of one kind may both
                // match by name; the data keeps at most one of the two.
                if (kind && f.name == k.name && isKey(*fp))
                    out << InferenceCandidate{
                        {reference(subject, rule_name::kNotExistsIn, f.name, other.container,
                                   k.name, Tx::tr("No %1 is found in %2.").arg(f.name, target))},
                        false};
            }
        }
    }
    return out;
}

} // namespace assay::inference
