#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace assay {

enum class RemediationStrategy { None, Append, Overwrite };

QString remediationToString(RemediationStrategy strategy);
RemediationStrategy remediationFromString(const QString &text);

// The link from a source datastore to the datastore that receives its enrichment tables.
struct EnrichmentLink
{
    qint64 enrichmentDatastoreId = 0; // 0: not linked
    QString prefix;                   // enrich_container_prefix, e.g. "_analytics_bronze"
    RemediationStrategy remediation = RemediationStrategy::None;
    qint64 sourceRecordLimit = 10; // Maximum Source Examples per Anomaly, 1..1e9
    int rollupThreshold = 10;      // Maximum Record Anomalies per Check, 1..1000

    bool isLinked() const { return enrichmentDatastoreId != 0; }
    bool operator==(const EnrichmentLink &o) const
    {
        return enrichmentDatastoreId == o.enrichmentDatastoreId && prefix == o.prefix &&
               remediation == o.remediation && sourceRecordLimit == o.sourceRecordLimit &&
               rollupThreshold == o.rollupThreshold;
    }
    bool operator!=(const EnrichmentLink &o) const { return !(*this == o); }
};

// A named view of one database/schema reached through a Connection.
struct Datastore
{
    qint64 id = 0;
    QString name;
    qint64 connectionId = 0;
    QString database;
    QString schema;
    QStringList teams;
    bool enrichOnly = false;
    EnrichmentLink enrichment;
    QDateTime createdAt;
    QDateTime updatedAt;

    bool operator==(const Datastore &o) const
    {
        return id == o.id && name == o.name && connectionId == o.connectionId &&
               database == o.database && schema == o.schema && teams == o.teams &&
               enrichOnly == o.enrichOnly && enrichment == o.enrichment;
    }
    bool operator!=(const Datastore &o) const { return !(*this == o); }
};

} // namespace assay
