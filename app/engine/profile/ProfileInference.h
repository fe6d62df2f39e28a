#pragma once

#include "app/checks/CheckCompiler.h"
#include "app/checks/CheckInference.h"
#include "app/checks/CheckSynchronizer.h"
#include "models/domain/Container.h"
#include "models/domain/Datastore.h"
#include "models/domain/FieldProfile.h"

#include <QHash>
#include <QSet>
#include <QSqlDatabase>

namespace assay {

class Catalog;

// What inferring one container's checks did.
struct InferenceStep
{
    CheckSyncCounts counts;
    int queries = 0;     // holdout statements run against the source
    int tablePasses = 0; // of those, statements that read every row in scope
    int dropped = 0;     // proposals the data did not satisfy
    QString error;       // the holdout query or a Catalog write failed
};

// The rows proposals are tested on: every row the profile read (its scope and record limit)
// up to kEveryRowUpTo of them, so a rare value cannot slip past; beyond, a random holdout
// sample of about kHoldoutRows, so testing costs a fraction of a read.
struct HoldoutRows
{
    static constexpr qint64 kEveryRowUpTo = 100000;
    static constexpr qint64 kHoldoutRows = 20000;
    // The sample size for `records` rows read: all of them (no sample) up to kEveryRowUpTo.
    static qint64 rowsFor(qint64 records)
    {
        return records <= kEveryRowUpTo ? records : kHoldoutRows;
    }
    SqlFragment scope; // the profile's starting threshold; empty for every row
    RowSample sample;
};

// Profile's check inference (spec 2.5): after a container's profiles are written, propose
// checks from them, test them against the source (holdout), and synchronize them into the
// Catalog. Lives for one run, on the worker thread.
class ProfileInference
{
public:
    struct Settings
    {
        int level = 0;
        bool asDraft = false;
        qint64 operationId = 0;
        qint64 recordLimit = 0; // the rows the holdout samples, as the profile read them
    };

    ProfileInference(Catalog &catalog, Datastore datastore, SqlDialect dialect, Settings settings);

    // Levels 1, 2, 3 and 5 for a container just profiled, tested on `rows`. Remembers the
    // profiles for level 4.
    InferenceStep inferContainer(QSqlDatabase db, const Container &container,
                                 const QList<Field> &fields, const QList<FieldProfile> &profiles,
                                 const HoldoutRows &rows);

    // Level 4 for a container profiled by this run, once every container of the run has its
    // profiles (a reference may sort after the container that refers to it).
    InferenceStep inferReferences(QSqlDatabase db, const Container &container,
                                  const HoldoutRows &rows);

private:
    CheckSqlContext contextFor(const Container &container, const QList<Field> &fields,
                               const HoldoutRows &rows);
    InferenceStep test(QSqlDatabase db, const Container &container,
                       const QList<InferenceCandidate> &candidates, const CheckSqlContext &rows);
    QList<FieldProfile> profilesOf(qint64 containerId);
    void loadDatastore();
    // Containers a field of `fields` may name: one with a field of the same name, or whose
    // name (singular or plural) starts the field's name. Found through indexes, so level 4
    // stays linear in the number of containers.
    QSet<qint64> referenceCandidates(const QList<Field> &fields) const;
    void synchronize(const Container &container, const QList<Check> &checks, InferenceStep &step);

    Catalog &m_catalog;
    Datastore m_datastore;
    SqlDialect m_dialect;
    Settings m_settings;
    QHash<qint64, QList<Field>> m_fields; // read once, when level 4 needs them
    QHash<qint64, QList<FieldProfile>> m_profiles;
    QHash<qint64, Container> m_containers;       // not removed, read once for level 4
    QHash<qint64, QString> m_tables;             // container id -> table name
    QHash<QString, QList<qint64>> m_byFieldName; // lower-case field name -> containers
    QHash<QString, QList<qint64>> m_byStem;      // lower-case name stem -> containers
};

} // namespace assay
