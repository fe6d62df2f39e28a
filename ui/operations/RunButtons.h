#pragma once

#include <QString>
#include <functional>

class QBoxLayout;
class QDialog;
class QPushButton;

namespace assay {

// The buttons every operation dialog ends with: Run Now (accepts), Schedule… (hidden until the
// caller can schedule; runs `onSchedule`, then rejects) and Cancel.
struct RunButtons
{
    QPushButton *run = nullptr;
    QPushButton *schedule = nullptr;
};

RunButtons addRunButtons(QDialog *dialog, QBoxLayout *layout, const QString &scheduleTip,
                         std::function<void()> onSchedule);

} // namespace assay
