#include "app/engine/scan/ScanRecorder.h"

#include "app/checks/AnomalyMessages.h"
#include "app/checks/RuleCatalog.h"
#include "app/checks/RuleNames.h"
#include "models/catalog/Catalog.h"

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

// Enough for every anomaly of one check that reconciliation reads: a scan records at most the
// rollup threshold (<= 1000) per check, and archiving duplicates keeps one open per fingerprint.
constexpr int kAnomaliesPerCheck = 100000;

QString resultOf(const CheckOutcome &o)
{
    const RuleSpec *rule = rules::find(o.check.rule);
    if (o.count.notApplicable)
        return QStringLiteral("not_applicable");
    if (!o.evaluated || !o.count.error.isEmpty() ||
        (o.count.asserted == 0 && o.form != CheckForm::Schema && !(rule && rule->judgesEmpty)))
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

QList<Anomaly> ScanRecorder::anomaliesOf(const Container &container, const CheckOutcome &o,
                                         const QString &partitionColumn) const
{
    // The messages of existsIn and notExistsIn name the reference table: added to a copy of
    // the check the messages read, never to the check itself.
    Check c = o.check;
    if (const qint64 ref = c.properties.value(rule_key::kRefContainerId).toVariant().toLongLong())
        if (const auto other = m_catalog.container(ref))
            c.properties.insert(rule_key::kRefContainerName, other->name);
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
        // The example query's LIMIT (the source example limit) already bounds the rows.
        for (const QJsonObject &row : o.examples)
            a.sourceRecords.append(row);
        return a;
    };
    const RuleSpec *rule = rules::find(c.rule);
    if (o.form == CheckForm::Schema || o.form == CheckForm::Aggregate ||
        (rule && !rule->recordAnomalies)) {
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
        if (!partitionColumn.isEmpty())
            a.partition = row.value(partitionColumn).toString();
        out << a;
    }
    return out;
}

int ContainerScanRecord::applied(const QString &status) const
{
    int n = 0;
    for (const AnomalyStatusChange &c : statusChanges)
        n += c.applied && c.status == status ? 1 : 0;
    return n;
}

void ScanRecorder::reconcile(const Container &container, const CheckOutcome &o,
                             QList<Anomaly> &fresh, bool autoResolve,
                             QList<AnomalyStatusChange> &changes) const
{
    const bool reactivate = m_options.reactivateRecurringAnomalies && !fresh.isEmpty();
    // An anomaly is never archived in favour of one that lacks its evidence (its failing records
    // could not be read this time): the earlier one, with its records, stays open.
    const bool archive =
        m_options.archiveDuplicateAnomalies && !fresh.isEmpty() && o.examplesError.isEmpty();
    if (!reactivate && !archive && !autoResolve)
        return;
    AnomalyQuery query;
    query.datastoreId = m_datastore.id;
    query.containerId = container.id;
    query.checkId = o.check.id;
    query.status = QStringLiteral("open");
    const QList<Anomaly> open = m_catalog.anomalies(query, 0, kAnomaliesPerCheck);
    QHash<QString, QList<qint64>> openByFingerprint;
    for (const Anomaly &a : open)
        if (!a.fingerprint.isEmpty())
            openByFingerprint[a.fingerprint] << a.id;
    // The latest archived original of each fingerprint (the list is newest first); a
    // Duplicate is never an original.
    QHash<QString, qint64> original;
    if (reactivate) {
        query.status = QStringLiteral("archived");
        for (const Anomaly &a : m_catalog.anomalies(query, 0, kAnomaliesPerCheck))
            if (!a.fingerprint.isEmpty() && a.status != anomaly_status::kDuplicate &&
                !original.contains(a.fingerprint))
                original.insert(a.fingerprint, a.id);
    }

    QSet<qint64> changed;
    const auto change = [&](qint64 id, const QString &status, const QString &comment) {
        if (changed.contains(id))
            return;
        changed.insert(id);
        changes << AnomalyStatusChange{id, status, comment, false};
    };
    QSet<QString> failingNow;
    for (const Anomaly &a : fresh)
        failingNow.insert(a.fingerprint);
    for (const QString &fp : std::as_const(failingNow)) {
        if (reactivate && !openByFingerprint.contains(fp) && original.contains(fp)) {
            for (Anomaly &a : fresh)
                if (a.fingerprint == fp)
                    a.status = anomaly_status::kDuplicate;
            change(original.value(fp), anomaly_status::kActive,
                   Text::tr("Reactivated: the anomaly recurred in scan %1.").arg(m_operationId));
        } else if (archive) {
            for (qint64 id : openByFingerprint.value(fp))
                change(id, anomaly_status::kDuplicate,
                       Text::tr("Archived as a duplicate: scan %1 found the anomaly again.")
                           .arg(m_operationId));
        }
    }
    if (!autoResolve)
        return;
    // Which open anomalies provably no longer fail: see build().
    const bool everyFailingRecordListed =
        !fresh.isEmpty() && fresh.first().type == QLatin1String("record");
    for (const Anomaly &a : open) {
        if (failingNow.contains(a.fingerprint))
            continue;
        const bool record = a.type == QLatin1String("record");
        if (o.count.passed || !record || everyFailingRecordListed)
            change(a.id, anomaly_status::kResolved,
                   Text::tr("Resolved: it no longer fails in scan %1.").arg(m_operationId));
    }
}

ContainerScanRecord ScanRecorder::build(const Container &container,
                                        const ContainerFindings &findings, const Reading &reading)
{
    ContainerScanRecord record;
    ContainerScanResult &r = record.result;
    r.operationId = m_operationId;
    r.datastoreId = m_datastore.id;
    r.datastoreName = m_datastore.name;
    r.containerId = container.id;
    r.containerName = container.name;
    r.incremental = reading.incremental;
    r.recordsProcessed = findings.records;
    r.sourceRecordLimit = m_options.sourceRecordLimit;
    r.maxRecordsAnalyzed = m_options.recordLimit > 0 ? m_options.recordLimit : -1;
    r.sourceColumns = findings.liveColumns;
    const bool autoResolve = reading.sawEveryRecord && m_options.autoResolvePassedAnomalies;
    for (const CheckOutcome &o : findings.outcomes) {
        r.checks.insert(o.check.id, o.check);
        CheckMetric m;
        m.operationId = m_operationId;
        m.checkId = o.check.id;
        m.containerId = container.id;
        m.assertedRecords = o.count.asserted;
        m.anomalousRecords = o.count.failing;
        m.result = resultOf(o);
        m.details = !o.count.error.isEmpty() ? o.count.error
                    : !o.evaluated
                        ? Text::tr("Not evaluated: the expected schema check failed, so the scan "
                                   "of %1 stopped.")
                              .arg(container.name)
                    : !o.guarantee.isEmpty()
                        ? kGuaranteedDetail +
                              Text::tr("%1: passed without reading its values.").arg(o.guarantee)
                    : !o.judgement.isEmpty() ? o.judgement
                                             : QStringLiteral("");
        m.measured = o.measured;
        m.observed = o.judged;
        m.expectedLow = o.expectedLow;
        m.expectedHigh = o.expectedHigh;
        r.metrics << m;
        if (!o.evaluated || !o.count.error.isEmpty())
            continue;
        QList<Anomaly> fresh;
        if (!o.count.passed)
            fresh = anomaliesOf(container, o, findings.partitionColumn);
        reconcile(container, o, fresh, autoResolve, record.statusChanges);
        r.anomalies << fresh;
    }
    return record;
}

bool ScanRecorder::write(ContainerScanRecord &record, QString *error)
{
    ContainerScanResult &r = record.result;
    if (!m_catalog.addAnomalies(r.anomalies) || !m_catalog.addCheckMetrics(r.metrics)) {
        *error = m_catalog.lastError();
        return false;
    }
    for (AnomalyStatusChange &c : record.statusChanges) {
        const auto now = m_catalog.anomaly(c.anomalyId);
        if (!now || !anomaly_status::canTransitionByScan(now->status, c.status))
            continue; // changed by someone since build(): their decision stands
        if (!m_catalog.setAnomalyStatusByScan(c.anomalyId, c.status, c.comment)) {
            *error = m_catalog.lastError();
            return false;
        }
        c.applied = true;
    }
    return true;
}

} // namespace assay
