#pragma once

#include <QDialog>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace assay {

// Asks for an optional comment before an anomaly's status changes ("Acknowledge anomaly 42").
// The dialog only collects: the caller applies the change when it is accepted. It is opened
// with open() (window-modal, no nested event loop), so a test finds it, types a comment and
// clicks confirmButton().
class AnomalyStatusDialog : public QDialog
{
    Q_OBJECT
public:
    AnomalyStatusDialog(qint64 anomalyId, const QString &fromStatus, const QString &toStatus,
                        QWidget *parent = nullptr);

    qint64 anomalyId() const { return m_anomalyId; }
    QString fromStatus() const { return m_from; }
    QString toStatus() const { return m_to; }
    QString comment() const;
    void setComment(const QString &comment);

    QPlainTextEdit *commentEdit() const { return m_comment; }
    QPushButton *confirmButton() const { return m_confirm; }
    QPushButton *cancelButton() const { return m_cancel; }

    // The action's verb for a target status: "Acknowledge", "Resolve", "Mark invalid",
    // "Reopen".
    static QString actionLabel(const QString &toStatus);

private:
    qint64 m_anomalyId;
    QString m_from;
    QString m_to;
    QPlainTextEdit *m_comment;
    QPushButton *m_confirm;
    QPushButton *m_cancel;
};

} // namespace assay
