#pragma once

#include <QHash>
#include <QTimer>
#include <QWidget>

class QFormLayout;
class QLabel;

namespace assay {

class Catalog;

// The Overview tab of a datastore: its totals (containers, records as last profiled, active
// checks, active anomalies), its last Sync / Profile / Scan, its connection, its own settings
// and its enrichment link, as a read-only form whose values can be selected and copied. Only
// what the Catalog holds is shown, so no secret ever appears here. It follows the Catalog's
// change notices for the shown datastore (debounced).
class DatastoreOverview : public QWidget
{
    Q_OBJECT
public:
    explicit DatastoreOverview(Catalog *catalog, QWidget *parent = nullptr);

    // Reads the datastore and its connection from the Catalog and shows them.
    void showDatastore(qint64 id);
    void clear();
    qint64 datastoreId() const { return m_id; }

    // The text shown for a row, by key: "connector", "location", "user", "connection",
    // "credentials", "database", "schema", "teams", "enrichOnly", "created", "updated",
    // "enrichment", "prefix", "remediation", "sourceRecordLimit", "rollupThreshold", "usedBy",
    // "containers", "records", "activeChecks", "activeAnomalies", "lastSync", "lastProfile",
    // "lastScan". Empty when the row is not shown.
    QString value(const QString &key) const;

    // Operation `operationId`, running, is at `percent` (the progress bar's figure): its "Last
    // operations" row says the same.
    void showPercent(qint64 operationId, int percent);

signals:
    // The user asked to edit the datastore's connection (offered when its last Sync failed).
    void editRequested(qint64 datastoreId);

private:
    void addSection(const QString &title);
    void addTotals(qint64 id);
    // The Containers row of a datastore without any: why (its last Sync failed, with an Edit
    // button, or none ran yet).
    void addNoContainers(qint64 id);
    void addLastOperations(qint64 id);
    void addRow(const QString &key, const QString &label, const QString &value,
                const QString &toolTip = QString());

    Catalog *m_catalog;
    qint64 m_id = 0;
    QFormLayout *m_form;
    QLabel *m_placeholder;
    QHash<QString, QLabel *> m_values;
    struct RunningRow
    {
        QString key;  // its row in m_values
        QString when; // the row's time, before " · Running N%"
    };
    QHash<qint64, RunningRow> m_running; // the shown rows of running operations, by id
    QTimer m_refresh;                    // debounces the Catalog's change notices
};

} // namespace assay
