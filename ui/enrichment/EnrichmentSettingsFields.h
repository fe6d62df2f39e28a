#pragma once

#include "models/domain/Datastore.h"

#include <QObject>

class QButtonGroup;
class QFormLayout;
class QLabel;
class QRadioButton;
class QSpinBox;

namespace assay {

// The Settings part of Link Enrichment: Remediation strategy (None, Append, Overwrite, each with
// a one-line explanation), Maximum Source Examples per Anomaly (1..1,000,000,000) and Maximum
// Record Anomalies per Check (1..1,000). Its rows are appended to the caller's QFormLayout so
// labels line up with the rest of the dialog. The spin boxes keep values inside their ranges.
class EnrichmentSettingsFields : public QObject
{
    Q_OBJECT
public:
    explicit EnrichmentSettingsFields(QFormLayout *form, QObject *parent = nullptr);

    RemediationStrategy remediation() const;
    void setRemediation(RemediationStrategy strategy);
    qint64 sourceRecordLimit() const;
    void setSourceRecordLimit(qint64 limit);
    int rollupThreshold() const;
    void setRollupThreshold(int threshold);
    // Shows a link's settings.
    void setLink(const EnrichmentLink &link);
    void setEnabled(bool enabled);

    QRadioButton *remediationButton(RemediationStrategy strategy) const;
    QSpinBox *sourceRecordLimitBox() const { return m_sourceRecordLimit; }
    QSpinBox *rollupThresholdBox() const { return m_rollupThreshold; }

signals:
    void changed();

private:
    QWidget *spinRow(QSpinBox *box, const QString &range);

    QButtonGroup *m_remediation;
    QList<QRadioButton *> m_buttons; // None, Append, Overwrite
    QSpinBox *m_sourceRecordLimit;
    QSpinBox *m_rollupThreshold;
    QList<QWidget *> m_widgets;
};

} // namespace assay
