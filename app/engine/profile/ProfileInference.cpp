#include "app/engine/profile/ProfileInference.h"

#include "app/checks/CheckInference.h"
#include "app/connectors/FieldTypes.h"
#include "models/catalog/Catalog.h"

#include <algorithm>

namespace assay {

ProfileInference::ProfileInference(Catalog &catalog, Datastore datastore, SqlDialect dialect,
                                   Settings settings)
    : m_catalog(catalog), m_datastore(std::move(datastore)), m_dialect(dialect),
      m_settings(settings)
{
}

CheckSqlContext ProfileInference::contextFor(const Container &container, const QList<Field> &fields,
                                             const HoldoutRows &rows)
{
    CheckSqlContext ctx;
    ctx.dialect = m_dialect;
    ctx.schema = m_datastore.schema;
    ctx.table = container.name;
    ctx.setFields(fields);
    ctx.rowScope = rows.scope;
    ctx.recordLimit = m_settings.recordLimit;
    ctx.sample = rows.sample;
    ctx.uniqueInAggregatePass = true;
    if (m_tables.isEmpty())
        for (const Container &c : m_catalog.containers(m_datastore.id))
            m_tables.insert(c.id, c.name);
    const QHash<qint64, QString> tables = m_tables; // shared, not copied
    ctx.referenceTable = [tables](qint64 id) { return tables.value(id); };
    return ctx;
}

void ProfileInference::loadDatastore()
{
    if (!m_containers.isEmpty())
        return;
    m_fields = m_catalog.fieldsOfDatastore(m_datastore.id);
    for (const Container &c : m_catalog.containers(m_datastore.id)) {
        if (c.removed)
            continue;
        m_containers.insert(c.id, c);
        for (const QString &stem : inference::containerStems(c.name))
            m_byStem[stem] << c.id;
        for (const Field &f : m_fields.value(c.id))
            if (!f.removed)
                m_byFieldName[f.name.toLower()] << c.id;
    }
}

QSet<qint64> ProfileInference::referenceCandidates(const QList<Field> &fields) const
{
    QSet<qint64> out;
    for (const Field &f : fields) {
        const QString name = f.name.toLower();
        for (qint64 id : m_byFieldName.value(name))
            out.insert(id);
        for (int i = 1; i < name.size(); ++i)
            for (qint64 id : m_byStem.value(name.left(i)))
                out.insert(id);
    }
    return out;
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

InferenceStep ProfileInference::test(QSqlDatabase db, const Container &container,
                                     const QList<InferenceCandidate> &candidates,
                                     const CheckSqlContext &rows)
{
    InferenceStep step;
    const inference::HoldoutResult tested = inference::testCandidates(db, candidates, rows);
    step.queries = tested.queries;
    step.tablePasses = readsEveryRow(rows) ? tested.queries : 0;
    step.dropped = tested.dropped;
    if (!tested.error.isEmpty()) {
        step.error = tested.error;
        return step;
    }
    synchronize(container, tested.checks, step);
    return step;
}

InferenceStep ProfileInference::inferContainer(QSqlDatabase db, const Container &container,
                                               const QList<Field> &fields,
                                               const QList<FieldProfile> &profiles,
                                               const HoldoutRows &rows)
{
    m_profiles.insert(container.id, profiles);
    if (m_settings.level <= 0)
        return {};
    InferenceSubject subject{container, fields, profiles};
    InferenceSettings settings;
    settings.level = m_settings.level;
    QList<InferenceCandidate> candidates = inference::proposeChecks(subject, settings);
    // Counts per period need every row in scope: a sample would shrink them.
    CheckSqlContext everyRow = contextFor(container, fields, rows);
    everyRow.sample = RowSample();
    const CheckSqlContext holdout = contextFor(container, fields, rows);
    QString error;
    const int periods = inference::measureTimeDistributions(db, candidates, everyRow, &error);
    // Value lists read the holdout's rows: every row of a table up to HoldoutRows::kEveryRowUpTo,
    // beyond it the same seeded sample the other proposals are tested on.
    int lists = 0;
    if (error.isEmpty())
        lists = inference::measureValueLists(db, candidates, holdout, &error);
    // Level 5's distributions: their shares measured on the same rows, in one pass.
    int distributions = 0;
    if (error.isEmpty())
        distributions = inference::measureDistributions(db, candidates, holdout, &error);
    InferenceStep step;
    if (error.isEmpty())
        step = test(db, container, candidates, holdout);
    step.queries += periods + lists + distributions;
    step.tablePasses += periods + (readsEveryRow(holdout) ? lists + distributions : 0);
    if (!error.isEmpty())
        step.error = error;
    return step;
}

InferenceStep ProfileInference::inferReferences(QSqlDatabase db, const Container &container,
                                                const HoldoutRows &rows)
{
    if (m_settings.level < 4)
        return {};
    loadDatastore();
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
    QList<qint64> candidates = referenceCandidates(subject.fields).values();
    std::sort(candidates.begin(), candidates.end());
    for (qint64 id : candidates) {
        const Container &other = m_containers.value(id);
        const QList<Field> otherFields = live(m_fields.value(other.id));
        if (inference::mayReference(subject, other, otherFields))
            others << InferenceSubject{other, otherFields, profilesOf(other.id)};
    }
    InferenceSettings settings;
    settings.level = m_settings.level;
    const QList<InferenceCandidate> proposals =
        inference::proposeReferences(subject, others, settings);
    if (proposals.isEmpty())
        return {};
    return test(db, container, proposals, contextFor(container, subject.fields, rows));
}

} // namespace assay
