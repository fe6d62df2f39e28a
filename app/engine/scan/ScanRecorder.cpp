#include "engine/scan/ScanRecorder.h"

#include "catalog/Catalog.h"
#include "checks/AnomalyMessages.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>

namespace assay {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(assay::ScanOperation)
};

namespace msg = anomaly_messages;

QString resultOf(const CheckOutcome &o)
{
    if (!o.count.error.isEmpty() || (o.count.asserted == 0 && o.form != CheckForm::Schema &&
                                     o.check.rule != QLatin1String("minPartitionSize")))
        return QStringLiteral("unasserted");
    return o.count.passed ? QStringLiteral("passed") : QStringLiteral("failed");
}

} // namespace

ScanRecorder::ScanRecorder(Catalog &catalog, const ScanOptions &options, const Datastore &datastore,
                           qint64 operationId)
    : m_catalog(catalog), m_options(options), m_datastore(datastore), m_operationId(operationId)
{
}

QString ScanRecorder::fingerprint(qint64 checkId, const QString &kind, const QJsonObject &payload)
{
    QCryptographicHash hash(QCryptographicHash::Sha1);
    hash.addData(QByteArray::number(checkId));
    hash.addData(QByteArrayView("|"));
    hash.addData(kind.toUtf8());
    hash.addData(QByteArrayView("|"));
    // QJsonObject keeps its keys sorted: the same row always serialises the same way.
    hash.addData(QJsonDocument(payload).toJson(QJsonDocument::Compact));
    return QString::fromLatin1(hash.result().toHex());
}

QList<Anomaly> ScanRecorder::anomaliesOf(const Container &container, const CheckOutcome &o) const
{
    const Check &c = o.check;
    Anomaly base;
    base.datastoreId = m_datastore.id;
    base.containerId = container.id;
    base.containerName = container.name;
    base.operationId = m_operationId;
    base.status = anomaly_status::kActive;
    // The Catalog's columns are NOT NULL: a null QString would be bound as NULL.
    base.partition = QStringLiteral("");
    base.comment = QStringLiteral("");
    const auto failed = [&](const QString &message) {
        return AnomalyFailedCheck{c.id, c.rule, c.fields, message};
    };
    const auto shape = [&](const QString &kind, const QString &message, const QJsonObject &key) {
        Anomaly a = base;
        a.type = QStringLiteral("shape");
        a.message = message;
        a.anomalousRecordCount = o.count.failing;
        a.fingerprint = fingerprint(c.id, kind, key);
        a.failedChecks << failed(message);
        for (const QJsonObject &row : o.examples) {
            if (a.sourceRecords.size() >= m_options.sourceRecordLimit)
                break;
            a.sourceRecords.append(row);
        }
        return a;
    };
    if (o.form == CheckForm::Schema || o.form == CheckForm::Aggregate) {
        // The figure is part of the shape: another figure is another anomaly.
        const QJsonObject key{
            {QStringLiteral("observed"), QJsonValue::fromVariant(o.count.observed)},
            {QStringLiteral("details"), QJsonArray::fromStringList(o.count.details)}};
        return {shape(QStringLiteral("figure"), msg::figureMessage(c, o.count), key)};
    }
    const QString where = container.name;
    if (c.coverage < 1.0)
        return {shape(QStringLiteral("coverage"),
                      msg::shareMessage(c, o.count.asserted, o.count.failing, where), {})};
    if (o.count.failing > m_options.rollupThreshold)
        return {shape(QStringLiteral("rollup"),
                      msg::shareMessage(c, o.count.asserted, o.count.failing, where), {})};
    QList<Anomaly> out;
    for (const QJsonObject &row : o.examples) {
        Anomaly a = base;
        a.type = QStringLiteral("record");
        a.message = msg::recordMessage(c, row);
        a.anomalousRecordCount = 1;
        a.fingerprint = fingerprint(c.id, QStringLiteral("record"), row);
        a.failedChecks << failed(a.message);
        a.sourceRecords.append(row);
        out << a;
    }
    return out;
}

void ScanRecorder::reconcile(QList<Anomaly> &fresh, qint64 containerId, qint64 checkId)
{
    if (!m_options.archiveDuplicateAnomalies && !m_options.reactivateRecurringAnomalies)
        return;
    AnomalyQuery query;
    query.datastoreId = m_datastore.id;
    query.containerId = containerId;
    query.checkId = checkId;
    QHash<QString, Anomaly> open, archived;
    for (const Anomaly &a : m_catalog.anomalies(query, 0, 100000)) {
        if (a.fingerprint.isEmpty())
            continue;
        if (anomaly_status::isOpen(a.status))
            open.insert(a.fingerprint, a);
        else if (a.status != anomaly_status::kDuplicate && !archived.contains(a.fingerprint))
            archived.insert(a.fingerprint, a); // newest first: the latest original
    }
    QList<Anomaly> kept;
    for (Anomaly &a : fresh) {
        if (m_options.archiveDuplicateAnomalies && open.contains(a.fingerprint)) {
            ++m_skipped; // already open from an earlier scan: not created twice
            continue;
        }
        if (m_options.reactivateRecurringAnomalies && archived.contains(a.fingerprint)) {
            a.status = anomaly_status::kDuplicate;
            const qint64 original = archived.value(a.fingerprint).id;
            if (!m_toReactivate.contains(original))
                m_toReactivate << original;
        }
        kept << a;
    }
    fresh = kept;
}

ContainerScanResult ScanRecorder::build(const Container &container,
                                        const ContainerFindings &findings, bool fullScan)
{
    m_toReactivate.clear();
    m_toResolve.clear();
    ContainerScanResult r;
    r.operationId = m_operationId;
    r.datastoreId = m_datastore.id;
    r.datastoreName = m_datastore.name;
    r.containerId = container.id;
    r.containerName = container.name;
    r.incremental = !fullScan && m_options.incremental;
    r.recordsProcessed = findings.records;
    r.sourceRecordLimit = m_options.sourceRecordLimit;
    r.maxRecordsAnalyzed = m_options.recordLimit > 0 ? m_options.recordLimit : -1;
    r.sourceColumns = findings.liveColumns;
    r.fingerprints = m_options.reactivateRecurringAnomalies;
    for (const CheckOutcome &o : findings.outcomes) {
        r.checks.insert(o.check.id, o.check);
        CheckMetric m;
        m.operationId = m_operationId;
        m.checkId = o.check.id;
        m.containerId = container.id;
        m.assertedRecords = o.count.asserted;
        m.anomalousRecords = o.count.failing;
        m.result = resultOf(o);
        m.details = o.count.error.isNull() ? QStringLiteral("") : o.count.error;
        r.metrics << m;
        if (!o.count.error.isEmpty())
            continue;
        if (o.count.passed) {
            if (fullScan && m_options.autoResolvePassedAnomalies) {
                AnomalyQuery query;
                query.datastoreId = m_datastore.id;
                query.containerId = container.id;
                query.checkId = o.check.id;
                query.status = QStringLiteral("open");
                for (const Anomaly &a : m_catalog.anomalies(query, 0, 100000))
                    m_toResolve << a.id;
            }
            continue;
        }
        QList<Anomaly> fresh = anomaliesOf(container, o);
        reconcile(fresh, container.id, o.check.id);
        r.anomalies << fresh;
    }
    return r;
}

bool ScanRecorder::write(ContainerScanResult &r, QString *error)
{
    if (!m_catalog.addAnomalies(r.anomalies) || !m_catalog.addCheckMetrics(r.metrics)) {
        *error = m_catalog.lastError();
        return false;
    }
    for (qint64 id : m_toReactivate)
        if (m_catalog.setAnomalyStatus(
                id, anomaly_status::kActive,
                Text::tr("Reactivated: the anomaly recurred in scan %1.").arg(m_operationId)))
            ++m_reactivated;
    for (qint64 id : m_toResolve)
        if (m_catalog.setAnomalyStatus(
                id, anomaly_status::kResolved,
                Text::tr("Resolved: the check passed in scan %1.").arg(m_operationId)))
            ++m_resolved;
    return true;
}

} // namespace assay
