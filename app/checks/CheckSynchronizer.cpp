#include "app/checks/CheckSynchronizer.h"

#include "app/checks/RuleNames.h"
#include "models/catalog/Catalog.h"

#include <QHash>
#include <QJsonValue>

namespace assay::check_sync {

QString identity(const Check &check)
{
    QString key = check.rule + QLatin1Char('\x1f') + check.fields.join(QLatin1Char('\x1e'));
    for (const QLatin1String property : {rule_key::kFieldName, rule_key::kRefContainerId}) {
        const QJsonValue v = check.properties.value(QLatin1String(property));
        if (!v.isUndefined() && !v.isNull())
            key += QLatin1Char('\x1f') + v.toVariant().toString();
    }
    return key;
}

namespace {

// The Catalog's text columns are NOT NULL: an unset QString would bind as NULL.
Check storable(Check check)
{
    if (check.filter.isNull())
        check.filter = QLatin1String("");
    if (check.description.isNull())
        check.description = QLatin1String("");
    return check;
}

} // namespace

bool synchronize(Catalog &catalog, qint64 containerId, const QList<Check> &proposals,
                 const CheckSyncSettings &settings, CheckSyncCounts *counts, QString *error)
{
    CheckSyncCounts local;
    CheckSyncCounts &n = counts ? *counts : local;
    CheckQuery query;
    query.containerId = containerId;
    const QList<Check> existing = catalog.checks(query);
    // Of several checks with one identity, an inferred one takes the update; a person's check
    // (written or edited) blocks it.
    QHash<QString, Check> byIdentity;
    for (const Check &c : existing) {
        const QString key = identity(c);
        const auto it = byIdentity.constFind(key);
        if (it == byIdentity.constEnd() || (!c.inferred || c.userEdited))
            byIdentity.insert(key, c);
    }
    const auto failed = [&]() {
        if (error)
            *error = catalog.lastError();
        return false;
    };
    QSet<qint64> proposed; // matched by this run: their level is the one just written
    for (const Check &proposal : proposals) {
        const QString key = identity(proposal);
        const auto it = byIdentity.constFind(key);
        if (it == byIdentity.constEnd()) {
            Check added = proposal;
            added.containerId = containerId;
            added.inferred = true;
            added.userEdited = false;
            added.operationId = settings.operationId;
            added.status = settings.asDraft ? check_status::kDraft : check_status::kActive;
            added.id = catalog.addCheck(storable(added));
            if (!added.id)
                return failed();
            byIdentity.insert(key, added);
            ++n.added;
            continue;
        }
        proposed.insert(it->id);
        if (!it->inferred || it->userEdited) {
            ++n.untouched;
            continue;
        }
        Check updated = *it;
        updated.properties = proposal.properties;
        updated.coverage = proposal.coverage;
        updated.description = proposal.description;
        updated.inferenceLevel = proposal.inferenceLevel;
        updated.operationId = settings.operationId;
        if (updated.status == check_status::kArchived)
            updated.status = settings.asDraft ? check_status::kDraft : check_status::kActive;
        if (!catalog.updateCheck(storable(updated)))
            return failed();
        byIdentity.insert(key, updated);
        ++n.updated;
    }

    // A lower level: what only a higher level inferred goes, unless it ever caught something.
    QSet<qint64> withAnomalies;
    bool anomaliesRead = false;
    for (const Check &c : existing) {
        if (!c.inferred || c.userEdited || c.status == check_status::kArchived ||
            c.inferenceLevel <= settings.level || proposed.contains(c.id))
            continue;
        if (!anomaliesRead) {
            withAnomalies = catalog.checksWithAnomalies(containerId);
            anomaliesRead = true;
        }
        if (withAnomalies.contains(c.id)) {
            ++n.kept;
            continue;
        }
        if (!catalog.setCheckStatus(c.id, check_status::kArchived))
            return failed();
        ++n.archived;
    }
    return true;
}

} // namespace assay::check_sync
