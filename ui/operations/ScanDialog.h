#pragma once

#include "models/domain/Container.h"
#include "models/domain/Datastore.h"

#include <QDialog>
#include <QJsonObject>
#include <QList>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace assay {

class CheckVariablesEditor;
class ContainerSelector;
class RecordLimitEditor;
class StartingThresholdEditor;

// Scan options before Run Now (reference spec 3.1): containers, check categories, read strategy,
// starting threshold, record limit, anomaly options, rollup and source-example limits,
// remediation and check variables. The dialog only collects; the caller queues the operation
// with options() (the keys ScanOptions::fromJson reads). Defaults come from the datastore's
// enrichment link.
class ScanDialog : public QDialog
{
    Q_OBJECT
public:
    ScanDialog(const QString &datastoreName, const QList<Container> &containers,
               const EnrichmentLink &link, QWidget *parent = nullptr);

    QJsonObject options() const;
    // Why Run Now is disabled, or empty.
    QString validationError() const;
    // Shows "Schedule…" (hidden until a caller can schedule).
    void setSchedulingAvailable(bool available);

    ContainerSelector *containerSelector() const { return m_containers; }
    QCheckBox *metadataBox() const { return m_metadata; }
    QCheckBox *integrityBox() const { return m_integrity; }
    QRadioButton *incrementalButton() const { return m_incremental; }
    QRadioButton *fullButton() const { return m_full; }
    StartingThresholdEditor *thresholdEditor() const { return m_threshold; }
    RecordLimitEditor *recordLimitEditor() const { return m_limit; }
    QCheckBox *archiveDuplicatesBox() const { return m_archiveDuplicates; }
    QCheckBox *reactivateRecurringBox() const { return m_reactivate; }
    QCheckBox *autoResolveBox() const { return m_autoResolve; }
    QLabel *autoResolveNote() const { return m_autoResolveNote; }
    QSpinBox *rollupSpin() const { return m_rollup; }
    QSpinBox *sourceExamplesSpin() const { return m_sourceExamples; }
    QComboBox *remediationBox() const { return m_remediation; }
    QLabel *remediationWarning() const { return m_remediationWarning; }
    CheckVariablesEditor *variablesEditor() const { return m_variables; }
    QLabel *hintLabel() const { return m_hint; }
    QPushButton *runButton() const { return m_run; }
    QPushButton *scheduleButton() const { return m_schedule; }

signals:
    // Asks for the Schedule dialog instead of running now.
    void scheduleRequested(const QJsonObject &options);

private:
    QWidget *buildCategories();
    QWidget *buildReadSettings();
    QWidget *buildAnomalyOptions();
    QWidget *buildRemediation();
    void readStrategyChanged();
    void updateState();

    QString m_datastoreName;
    EnrichmentLink m_link;
    ContainerSelector *m_containers;
    QCheckBox *m_metadata = nullptr;
    QCheckBox *m_integrity = nullptr;
    QRadioButton *m_incremental = nullptr;
    QRadioButton *m_full = nullptr;
    StartingThresholdEditor *m_threshold = nullptr;
    RecordLimitEditor *m_limit = nullptr;
    QCheckBox *m_archiveDuplicates = nullptr;
    QCheckBox *m_reactivate = nullptr;
    QCheckBox *m_autoResolve = nullptr;
    QLabel *m_autoResolveNote = nullptr;
    bool m_autoResolveChoice = true; // kept while an incremental scan forces it off
    QSpinBox *m_rollup = nullptr;
    QSpinBox *m_sourceExamples = nullptr;
    QComboBox *m_remediation = nullptr;
    QLabel *m_remediationNote = nullptr;
    QLabel *m_remediationWarning = nullptr;
    CheckVariablesEditor *m_variables = nullptr;
    QLabel *m_hint;
    QPushButton *m_run;
    QPushButton *m_schedule;
};

} // namespace assay
