#include "ui/anomalies/AnomalyStatusDialog.h"

#include "models/domain/Anomaly.h"
#include "models/item/AnomalyListModel.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace assay {

namespace {

QString explanation(const QString &to)
{
    if (to == anomaly_status::kAcknowledged)
        return AnomalyStatusDialog::tr("The anomaly stays open, marked as seen and being looked "
                                       "into.");
    if (to == anomaly_status::kResolved)
        return AnomalyStatusDialog::tr("The problem was fixed: the anomaly is archived.");
    if (to == anomaly_status::kInvalid)
        return AnomalyStatusDialog::tr("The anomaly is not a real problem (a false positive): "
                                       "it is archived.");
    if (to == anomaly_status::kActive)
        return AnomalyStatusDialog::tr("The anomaly becomes Active again.");
    return QString();
}

} // namespace

QString AnomalyStatusDialog::actionLabel(const QString &toStatus)
{
    if (toStatus == anomaly_status::kAcknowledged)
        return tr("Acknowledge");
    if (toStatus == anomaly_status::kResolved)
        return tr("Resolve");
    if (toStatus == anomaly_status::kInvalid)
        return tr("Mark invalid");
    if (toStatus == anomaly_status::kActive)
        return tr("Reopen");
    return AnomalyListModel::statusLabel(toStatus);
}

AnomalyStatusDialog::AnomalyStatusDialog(qint64 anomalyId, const QString &fromStatus,
                                         const QString &toStatus, QWidget *parent)
    : QDialog(parent), m_anomalyId(anomalyId), m_from(fromStatus), m_to(toStatus),
      m_comment(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("anomalyStatusDialog"));
    const QString action = actionLabel(toStatus);
    setWindowTitle(tr("%1 anomaly %2").arg(action).arg(anomalyId));
    auto *layout = new QVBoxLayout(this);

    auto *what =
        new QLabel(tr("%1 → %2. %3")
                       .arg(AnomalyListModel::statusLabel(fromStatus),
                            AnomalyListModel::statusLabel(toStatus), explanation(toStatus)),
                   this);
    what->setWordWrap(true);
    layout->addWidget(what);

    auto *commentLabel = new QLabel(tr("Comment (optional)"), this);
    layout->addWidget(commentLabel);
    m_comment->setObjectName(QStringLiteral("statusComment"));
    m_comment->setAccessibleName(tr("Comment"));
    m_comment->setPlaceholderText(tr("Why? Kept in the anomaly's status history."));
    m_comment->setTabChangesFocus(true);
    m_comment->setFixedHeight(m_comment->fontMetrics().lineSpacing() * 4 + 12);
    commentLabel->setBuddy(m_comment);
    layout->addWidget(m_comment);

    auto *buttons = new QDialogButtonBox(this);
    m_confirm = buttons->addButton(action, QDialogButtonBox::AcceptRole);
    m_confirm->setObjectName(QStringLiteral("confirmStatus"));
    m_confirm->setDefault(true);
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    setMinimumWidth(420);
    m_comment->setFocus();
}

QString AnomalyStatusDialog::comment() const
{
    return m_comment->toPlainText().trimmed();
}

void AnomalyStatusDialog::setComment(const QString &comment)
{
    m_comment->setPlainText(comment);
}

} // namespace assay
