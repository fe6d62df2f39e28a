#include "ui/operations/RunButtons.h"

#include <QBoxLayout>
#include <QDialog>
#include <QDialogButtonBox>
#include <QPushButton>

namespace assay {

RunButtons addRunButtons(QDialog *dialog, QBoxLayout *layout, const QString &scheduleTip,
                         std::function<void()> onSchedule)
{
    RunButtons out;
    auto *buttons = new QDialogButtonBox;
    out.run = buttons->addButton(QDialog::tr("Run Now"), QDialogButtonBox::AcceptRole);
    out.run->setDefault(true);
    out.schedule = buttons->addButton(QDialog::tr("Schedule…"), QDialogButtonBox::ActionRole);
    out.schedule->setToolTip(scheduleTip);
    buttons->addButton(QDialogButtonBox::Cancel);
    QObject::connect(buttons, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    QObject::connect(out.schedule, &QPushButton::clicked, dialog,
                     [dialog, onSchedule = std::move(onSchedule)] {
                         onSchedule();
                         dialog->reject();
                     });
    layout->addWidget(buttons);
    out.schedule->setVisible(false); // shown by the caller once scheduling is available
    return out;
}

} // namespace assay
