#include "ui/anomalies/AnomalyStatusStrip.h"

#include "models/domain/Anomaly.h"
#include "models/item/AnomalyListModel.h"
#include "ui/activity/ActivitySummaryStrip.h"

#include <QButtonGroup>
#include <QFrame>
#include <QHBoxLayout>
#include <QLocale>
#include <QToolButton>

namespace assay {

namespace {

const QString kOpen = QStringLiteral("open");
const QString kArchived = QStringLiteral("archived");

bool isGroupOfStatuses(const QString &group)
{
    return group == kOpen || group == kArchived || group.isEmpty();
}

} // namespace

QStringList AnomalyStatusStrip::groups()
{
    return {kOpen,
            anomaly_status::kActive,
            anomaly_status::kAcknowledged,
            kArchived,
            anomaly_status::kResolved,
            anomaly_status::kInvalid,
            anomaly_status::kDuplicate,
            QString()};
}

QString AnomalyStatusStrip::groupLabel(const QString &group)
{
    if (group == kOpen)
        return tr("Open");
    if (group == kArchived)
        return tr("Archived");
    if (group.isEmpty())
        return tr("All");
    return AnomalyListModel::statusLabel(group);
}

AnomalyStatusStrip::AnomalyStatusStrip(QWidget *parent)
    : QWidget(parent), m_buttons(new QButtonGroup(this)), m_group(kOpen)
{
    setAccessibleName(tr("Anomalies by status"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    m_buttons->setExclusive(true);
    auto separator = [&] {
        auto *line = new QFrame(this);
        line->setFrameShape(QFrame::VLine);
        line->setFrameShadow(QFrame::Plain);
        line->setForegroundRole(QPalette::Midlight);
        layout->addSpacing(6);
        layout->addWidget(line);
        layout->addSpacing(6);
    };
    for (const QString &group : groups()) {
        if (group == kArchived || group.isEmpty())
            separator();
        auto *chip = new QToolButton(this);
        chip->setObjectName(QStringLiteral("chip-") +
                            (group.isEmpty() ? QStringLiteral("all") : group.toLower()));
        chip->setCheckable(true);
        chip->setAutoRaise(true);
        if (isGroupOfStatuses(group)) {
            // The groups read as headings: bold, no dot.
            QFont bold = chip->font();
            bold.setBold(true);
            chip->setFont(bold);
            chip->setToolButtonStyle(Qt::ToolButtonTextOnly);
        } else {
            chip->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
            chip->setIcon(ActivitySummaryStrip::dotIcon(AnomalyListModel::statusColor(group)));
            chip->setIconSize(QSize(10, 10));
        }
        m_buttons->addButton(chip);
        layout->addWidget(chip);
        m_chips.insert(group, chip);
        connect(chip, &QToolButton::clicked, this, [this, group] {
            if (group == m_group)
                return;
            m_group = group;
            emit groupChanged(group);
        });
        updateChip(group);
    }
    layout->addStretch(1);
    m_chips.value(m_group)->setChecked(true);
}

void AnomalyStatusStrip::updateChip(const QString &group)
{
    QToolButton *chip = m_chips.value(group);
    const QString label = groupLabel(group);
    const QString count = QLocale().toString(m_counts.value(group));
    chip->setText(tr("%1 %2").arg(label, count));
    chip->setAccessibleName(tr("%1: %2").arg(label, count));
    if (group == kOpen)
        chip->setToolTip(tr("Active and Acknowledged anomalies"));
    else if (group == kArchived)
        chip->setToolTip(tr("Resolved, Invalid and Duplicate anomalies"));
    else if (group.isEmpty())
        chip->setToolTip(tr("Every anomaly"));
    else
        chip->setToolTip(tr("Only %1 anomalies").arg(label));
}

void AnomalyStatusStrip::setCounts(const QHash<QString, int> &counts)
{
    m_counts = counts;
    for (const QString &group : groups())
        updateChip(group);
}

void AnomalyStatusStrip::setGroup(const QString &group)
{
    QToolButton *chip = m_chips.value(group);
    if (!chip)
        return;
    m_group = group;
    chip->setChecked(true);
}

} // namespace assay
