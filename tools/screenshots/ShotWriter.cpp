#include "ShotWriter.h"

#include "EventWait.h"

#include <QPixmap>
#include <QWidget>
#include <cstdio>

namespace assay::screenshots {

bool ShotWriter::save(QWidget &widget, const QString &name, QString *error)
{
    settle(100);
    const QPixmap picture = widget.grab();
    if (picture.isNull()) {
        *error = QStringLiteral("could not grab %1 (is it shown?)").arg(name);
        return false;
    }
    const QString file =
        m_out.filePath(QStringLiteral("%1-%2.png").arg(m_next, 2, 10, QLatin1Char('0')).arg(name));
    if (!picture.save(file)) {
        *error = QStringLiteral("could not write %1").arg(file);
        return false;
    }
    ++m_next;
    std::printf("%s\n", qPrintable(QDir::toNativeSeparators(file)));
    std::fflush(stdout); // one line per file as it is written, also into a pipe
    return true;
}

void closeDialog(QPointer<QDialog> dialog)
{
    if (!dialog)
        return;
    // QDialog::done() closes without calling an overridden reject(), which may ask first.
    dialog->done(QDialog::Rejected);
    settle(50); // deletes a dialog opened with Qt::WA_DeleteOnClose
    delete dialog.data();
}

} // namespace assay::screenshots
