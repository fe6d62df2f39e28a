#pragma once

#include "models/domain/Container.h"

#include <QDialog>
#include <QJsonObject>
#include <QList>

class QCheckBox;
class QLabel;
class QPushButton;

namespace assay {

class ContainerSelector;
class InferenceLevelPicker;
class RecordLimitEditor;
class StartingThresholdEditor;

// Profile options before Run Now (reference spec 2.1): which containers, starting threshold,
// record limit, inference threshold and "infer as draft". The dialog only collects; the caller
// queues the operation with options() (the keys ProfileOptions::fromJson reads).
class ProfileDialog : public QDialog
{
    Q_OBJECT
public:
    ProfileDialog(const QString &datastoreName, const QList<Container> &containers,
                  QWidget *parent = nullptr);

    // {"containers": [names] ([] = all), "inference_threshold": 0..5, "infer_as_draft": bool,
    //  "record_limit": n (absent = all), "greater_than_time": "…Z" | "greater_than_batch": n}
    QJsonObject options() const;
    // Why Run Now is disabled, or empty.
    QString validationError() const;
    // Shows "Schedule…" (hidden until a caller can schedule).
    void setSchedulingAvailable(bool available);

    ContainerSelector *containerSelector() const { return m_containers; }
    StartingThresholdEditor *thresholdEditor() const { return m_threshold; }
    RecordLimitEditor *recordLimitEditor() const { return m_limit; }
    InferenceLevelPicker *inferencePicker() const { return m_inference; }
    QCheckBox *inferAsDraftBox() const { return m_draft; }
    QLabel *hintLabel() const { return m_hint; }
    QPushButton *runButton() const { return m_run; }
    QPushButton *scheduleButton() const { return m_schedule; }

signals:
    // Asks for the Schedule dialog instead of running now.
    void scheduleRequested(const QJsonObject &options);

private:
    void updateState();

    ContainerSelector *m_containers;
    StartingThresholdEditor *m_threshold;
    RecordLimitEditor *m_limit;
    InferenceLevelPicker *m_inference;
    QCheckBox *m_draft;
    QLabel *m_hint;
    QPushButton *m_run;
    QPushButton *m_schedule;
};

} // namespace assay
