#include "operations/OperationActions.h"

#include "catalog/Catalog.h"
#include "datastores/ContainerSettingsDialog.h"
#include "engine/OperationEngine.h"
#include "operations/SyncDialog.h"
#include "schedule/ScheduleDialog.h"

#include <QApplication>
#include <QMessageBox>
#include <QSystemTrayIcon>

namespace assay {

OperationActions::OperationActions(Catalog *catalog, OperationEngine *engine, QWidget *window)
    : QObject(window), m_catalog(catalog), m_engine(engine), m_window(window)
{
    connect(engine, &OperationEngine::operationFinished, this, &OperationActions::onFinished);
}

void OperationActions::runSync(qint64 datastoreId)
{
    const auto datastore = m_catalog->datastore(datastoreId);
    if (!datastore)
        return;
    auto *dialog = new SyncDialog(datastore->name, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setSchedulingAvailable(true);
    connect(dialog, &SyncDialog::scheduleRequested, this,
            [this, datastoreId](const QJsonObject &options) {
                auto *schedule = new ScheduleDialog(m_catalog, datastoreId, operation_type::kSync,
                                                    options, m_window);
                schedule->setAttribute(Qt::WA_DeleteOnClose);
                connect(schedule, &QDialog::accepted, this,
                        [this] { emit message(tr("Operation scheduled."), 4000); });
                schedule->open();
            });
    connect(dialog, &QDialog::accepted, this, [this, dialog, datastoreId] {
        OperationRequest request;
        request.datastoreId = datastoreId;
        request.type = operation_type::kSync;
        request.options = dialog->options();
        if (!m_engine->enqueue(request)) {
            QMessageBox::warning(m_window, tr("Sync"),
                                 tr("The sync could not be queued: %1").arg(m_engine->lastError()));
            return;
        }
        emit message(tr("Sync queued."), 3000);
    });
    dialog->open();
}

void OperationActions::openContainerSettings(qint64 containerId)
{
    auto *dialog = new ContainerSettingsDialog(m_catalog, containerId, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this] { emit message(tr("Container settings saved."), 3000); });
    dialog->open();
}

void OperationActions::onFinished(qint64 operationId, qint64 datastoreId, const QString &status,
                                  const QString &text)
{
    const auto datastore = m_catalog->datastore(datastoreId);
    const auto op = m_catalog->operation(operationId);
    const QString kind = op && op->type == operation_type::kSync ? tr("Sync") : tr("Operation");
    const QString line =
        tr("%1 of %2 ended: %3").arg(kind, datastore ? datastore->name : tr("a datastore"), status);
    emit message(line + (text.isEmpty() ? QString() : QStringLiteral(" — ") + text), 15000);
    notifyIfInBackground(line, text, status);
}

void OperationActions::notifyIfInBackground(const QString &title, const QString &text,
                                            const QString &status)
{
    if (!m_window || m_window->isActiveWindow())
        return;
    // The taskbar entry asks for attention everywhere; a desktop notification where a system
    // tray can show one.
    QApplication::alert(m_window);
    if (!QSystemTrayIcon::isSystemTrayAvailable() || !QSystemTrayIcon::supportsMessages())
        return;
    if (!m_tray) {
        m_tray = new QSystemTrayIcon(m_window->windowIcon(), this);
        m_tray->setToolTip(tr("Assay"));
    }
    m_tray->show();
    const bool bad = status == QLatin1String("failure") || status == QLatin1String("aborted");
    m_tray->showMessage(title, text, bad ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information,
                        8000);
    ++m_notifications;
}

} // namespace assay
