#include "ui/activity/ActivitySummaryStrip.h"

#include "models/item/OperationListModel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QToolButton>

namespace assay {

namespace {

const char *const kStatuses[] = {"running", "queued", "success", "warning", "failure", "aborted"};

} // namespace

QIcon ActivitySummaryStrip::dotIcon(const QColor &color)
{
    QIcon icon;
    for (qreal dpr : {1.0, 2.0, 3.0}) {
        QPixmap pixmap(QSize(10, 10) * dpr);
        pixmap.setDevicePixelRatio(dpr);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(Qt::NoPen);
        p.setBrush(color);
        p.drawEllipse(QRectF(1, 1, 8, 8));
        p.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

ActivitySummaryStrip::ActivitySummaryStrip(QWidget *parent)
    : QWidget(parent), m_total(new QLabel(this))
{
    setAccessibleName(tr("Operations by status"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    m_total->setObjectName(QStringLiteral("listedCount"));
    QFont bold = m_total->font();
    bold.setBold(true);
    m_total->setFont(bold);
    layout->addWidget(m_total);
    layout->addSpacing(8);
    for (const char *name : kStatuses) {
        const QString status = QLatin1String(name);
        auto *chip = new QToolButton(this);
        chip->setObjectName(QStringLiteral("chip-") + status);
        chip->setCheckable(true);
        chip->setAutoRaise(true);
        chip->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        chip->setIcon(dotIcon(OperationListModel::statusColor(status)));
        chip->setIconSize(QSize(10, 10));
        connect(chip, &QToolButton::clicked, this, [this, chip, status] {
            emit statusClicked(chip->isChecked() ? status : QString());
        });
        layout->addWidget(chip);
        m_chips.insert(status, chip);
    }
    layout->addStretch(1);
}

void ActivitySummaryStrip::setCounts(int listed, const QHash<QString, int> &byStatus,
                                     const QString &status)
{
    const QLocale locale;
    m_total->setText(listed == 1 ? tr("1 operation")
                                 : tr("%1 operations").arg(locale.toString(listed)));
    for (auto it = m_chips.cbegin(); it != m_chips.cend(); ++it) {
        const int count = byStatus.value(it.key());
        const QString label = OperationListModel::statusLabel(it.key());
        QToolButton *chip = it.value();
        chip->setText(tr("%1 %2").arg(locale.toString(count), label));
        chip->setChecked(it.key() == status);
        chip->setVisible(count > 0 || it.key() == status);
        chip->setAccessibleName(tr("%1: %2").arg(label, locale.toString(count)));
        chip->setToolTip(chip->isChecked() ? tr("Show every status")
                                           : tr("Show only %1 operations").arg(label));
    }
}

} // namespace assay
