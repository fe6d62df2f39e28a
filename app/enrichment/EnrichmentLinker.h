#pragma once

#include "app/connectors/SourceSession.h"
#include "models/domain/Datastore.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace assay {

class Catalog;

// Ranges of the enrichment settings (the API's enrichment_source_record_limit and
// high_count_rollup_threshold).
constexpr qint64 kMinSourceRecordLimit = 1;
constexpr qint64 kMaxSourceRecordLimit = 1000000000;
constexpr qint64 kDefaultSourceRecordLimit = 10;
constexpr int kMinRollupThreshold = 1;
constexpr int kMaxRollupThreshold = 1000;
constexpr int kDefaultRollupThreshold = 10;

// What a source datastore asks of its enrichment link: the prefix as typed and the settings.
struct EnrichmentSettings
{
    QString prefixInput; // normalised by the linker (e.g. "Analytics Bronze" -> _analytics_bronze)
    RemediationStrategy remediation = RemediationStrategy::None;
    qint64 sourceRecordLimit = kDefaultSourceRecordLimit; // Maximum Source Examples per Anomaly
    qint64 rollupThreshold = kDefaultRollupThreshold;     // Maximum Record Anomalies per Check
};

// The outcome of link(), updateSettings() or unlink().
struct EnrichmentLinkResult
{
    bool ok = false;
    QString error;        // one plain sentence (or two: the cause, then what to do)
    QStringList warnings; // e.g. another source datastore already uses the prefix
    QStringList notes;    // what was done besides, e.g. the SQLite file created
    QString prefix;       // the normalised prefix now saved
    // The prefix used before, when this change replaced it: its tables are not renamed or dropped
    // and stay in the enrichment datastore as orphans (see findOrphanedTables()).
    QString previousPrefix;
    qint64 enrichmentDatastoreId = 0; // the linked enrichment datastore (0 after unlink)
    bool relinked = false; // link() on the datastore already linked: only settings changed
};

// The rules of linking a source datastore to an enrichment datastore, shared by the Link
// Enrichment dialog and the CLI. Every function reads and writes the Catalog on the calling
// thread (quick); only findOrphanedTables() reaches the enrichment datastore, and blocks.
class EnrichmentLinker
{
    Q_DECLARE_TR_FUNCTIONS(assay::EnrichmentLinker)
public:
    // Links `sourceId` to `enrichmentId` with `settings`. The source must not be enrich-only; the
    // target must be enrich-only and its connector must support enrichment. A source linked to a
    // different enrichment datastore is refused (unlink first: no direct swaps); linking the same
    // one again only updates the settings. A prefix another source datastore already uses on the
    // same enrichment datastore is a warning, not an error.
    static EnrichmentLinkResult link(Catalog &catalog, qint64 sourceId, qint64 enrichmentId,
                                     const EnrichmentSettings &settings);
    static EnrichmentLinkResult link(Catalog &catalog, qint64 sourceId, qint64 enrichmentId,
                                     const QString &prefixInput, RemediationStrategy remediation,
                                     qint64 sourceRecordLimit, qint64 rollupThreshold);

    // Edits the settings of a source datastore, linked or not (same validation). Remediation
    // other than None needs a linked enrichment datastore.
    static EnrichmentLinkResult updateSettings(Catalog &catalog, qint64 sourceId,
                                               const EnrichmentSettings &settings);

    // Unlinks: remediation goes back to None, the prefix and limits stay (relinking the same
    // datastore with the same prefix continues the same tables), no table is dropped. Refused
    // while schedules export or materialize the source's data.
    static EnrichmentLinkResult unlink(Catalog &catalog, qint64 sourceId);

    // Checks without writing, for forms. Empty when fine, else a plain message.
    static QString checkSourceRecordLimit(qint64 limit);
    static QString checkRollupThreshold(qint64 threshold);
    // Names of the other source datastores linked to `enrichmentId` with `normalizedPrefix`.
    static QStringList prefixCollisions(const Catalog &catalog, qint64 sourceId,
                                        qint64 enrichmentId, const QString &normalizedPrefix);
    // The warning shown for such a collision; empty when there is none.
    static QString collisionWarning(const Catalog &catalog, qint64 sourceId, qint64 enrichmentId,
                                    const QString &normalizedPrefix);
    // Prefixes the source datastores linked to `enrichmentId` use (except `exceptSourceId`).
    static QStringList prefixesInUse(const Catalog &catalog, qint64 enrichmentId,
                                     qint64 exceptSourceId = 0);
    // Schedules of the source that export or materialize into the enrichment datastore (they
    // block unlinking). `error` is set when the Catalog cannot be asked.
    static QStringList blockingSchedules(const Catalog &catalog, qint64 sourceId,
                                         QString *error = nullptr);
    // The enrichment datastore's connection settings, secrets not yet read (the caller adds
    // them from the keychain). `writable` stays false: listing tables only reads.
    static ConnectionSettings connectionSettings(const Catalog &catalog, qint64 datastoreId);

    // Blocking (run it off the GUI thread): the tables of the enrichment datastore whose names
    // start with `<oldPrefix>_`, compared without regard to case, sorted. A table that also
    // starts with a longer prefix of `keepPrefixes` belongs to that one and is left out; when
    // `oldPrefix` itself is in `keepPrefixes`, its tables are still in use and none are orphans.
    // On failure returns an empty list and sets `error`.
    static QStringList findOrphanedTables(const ConnectionSettings &enrichmentSettings,
                                          const QString &oldPrefix,
                                          const QStringList &keepPrefixes = QStringList(),
                                          QString *error = nullptr);
};

} // namespace assay
