#include "engine/profile/ProfileInference.h"

#include "catalog/Catalog.h"
#include "checks/CheckInference.h"
#include "connectors/FieldTypes.h"

namespace assay {

ProfileInference::ProfileInference(Catalog &catalog, Datastore datastore, SqlDialect dialect,
                                   Settings settings)
    : m_catalog(catalog), m_datastore(std::move(datastore)), m_dialect(dialect),
      m_settings(settings)
{
}

CheckSqlContext ProfileInference::contextFor(const Container &container, const QList<Field> &fields,
                                             const SqlFragment &rowScope)
{
    CheckSqlContext ctx;
    ctx.dialect = m_dialect;
    ctx.schema = m_datastore.schema;
    ctx.table = container.name;
    for (const Field &f : fields)
        ctx.fieldTypes.insert(f.name, typeFamily(f.declaredType));
    ctx.rowScope = rowScope;
    ctx.recordLimit = m_settings.recordLimit;
    if (m_containers.isEmpty())
        m_containers = m_catalog.containers(m_datastore.id);
    QHash<qint64, QString> tables;
    for (const Container &c : m_containers)
        tables.insert(c.id, c.name);
    ctx.referenceTable = [tables](qint64 id) { return tables.value(id); };
    return ctx;
}

QList<FieldProfile> ProfileInference::profilesOf(qint64 containerId)
{
    const auto it = m_profiles.constFind(containerId);
    if (it != m_profiles.constEnd())
        return *it;
    const QList<FieldProfile> profiles = m_catalog.latestFieldProfiles(containerId);
    m_profiles.insert(containerId, profiles);
    return profiles;
}

void ProfileInference::synchronize(const Container &container, const QList<Check> &checks,
                                   InferenceStep &step)
{
    CheckSyncSettings sync;
    sync.level = m_settings.level;
    sync.asDraft = m_settings.asDraft;
    sync.operationId = m_settings.operationId;
    QString error;
    if (!check_sync::synchronize(m_catalog, container.id, checks, sync, &step.counts, &error))
        step.error = error;
}

InferenceStep ProfileInference::inferContainer(QSqlDatabase db, const Container &container,
                                               const QList<Field> &fields,
                                               const QList<FieldProfile> &profiles,
                                               const SqlFragment &rowScope)
{
    InferenceStep step;
    m_profiles.insert(container.id, profiles);
    if (m_settings.level <= 0)
        return step;
    InferenceSubject subject{container, fields, profiles};
    InferenceSettings settings;
    settings.level = m_settings.level;
    const QList<InferenceCandidate> candidates = inference::proposeChecks(subject, settings);
    const inference::HoldoutResult tested = inference::testCandidates(
        db, candidates, contextFor(container, fields, rowScope), m_settings.recordLimit);
    step.queries = tested.queries;
    step.dropped = tested.dropped;
    if (!tested.error.isEmpty()) {
        step.error = tested.error;
        return step;
    }
    synchronize(container, tested.checks, step);
    return step;
}

InferenceStep ProfileInference::inferReferences(QSqlDatabase db, const Container &container,
                                                const SqlFragment &rowScope)
{
    InferenceStep step;
    if (m_settings.level < 4)
        return step;
    if (m_fields.isEmpty())
        m_fields = m_catalog.fieldsOfDatastore(m_datastore.id);
    if (m_containers.isEmpty())
        m_containers = m_catalog.containers(m_datastore.id);
    const auto live = [](const QList<Field> &all) {
        QList<Field> out;
        for (const Field &f : all)
            if (!f.removed)
                out << f;
        return out;
    };
    InferenceSubject subject{container, live(m_fields.value(container.id)),
                             profilesOf(container.id)};
    QList<InferenceSubject> others;
    for (const Container &other : m_containers) {
        const QList<Field> otherFields = live(m_fields.value(other.id));
        if (inference::mayReference(subject, other, otherFields))
            others << InferenceSubject{other, otherFields, profilesOf(other.id)};
    }
    InferenceSettings settings;
    settings.level = m_settings.level;
    const QList<InferenceCandidate> candidates =
        inference::proposeReferences(subject, others, settings);
    if (candidates.isEmpty())
        return step;
    const inference::HoldoutResult tested = inference::testCandidates(
        db, candidates, contextFor(container, subject.fields, rowScope), m_settings.recordLimit);
    step.queries = tested.queries;
    step.dropped = tested.dropped;
    if (!tested.error.isEmpty()) {
        step.error = tested.error;
        return step;
    }
    synchronize(container, tested.checks, step);
    return step;
}

} // namespace assay
