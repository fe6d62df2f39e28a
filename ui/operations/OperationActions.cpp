#include "ui/operations/OperationActions.h"

#include "app/engine/OperationEngine.h"
#include "models/catalog/Catalog.h"
#include "models/domain/Operation.h"
#include "ui/datastores/ContainerSettingsDialog.h"
#include "ui/operations/ContainerSelector.h"
#include "ui/operations/ProfileDialog.h"
#include "ui/operations/ScanDialog.h"
#include "ui/operations/SyncDialog.h"
#include "ui/schedule/ScheduleDialog.h"

#include <QApplication>
#include <QMessageBox>
#include <QSystemTrayIcon>

namespace assay {

OperationActions::OperationActions(Catalog *catalog, OperationEngine *engine, QWidget *window)
    : QObject(window), m_catalog(catalog), m_engine(engine), m_window(window)
{
    connect(engine, &OperationEngine::operationFinished, this, &OperationActions::onFinished);
}

template <typename Dialog>
void OperationActions::openOptions(Dialog *dialog, qint64 datastoreId, const QString &type,
                                   const QString &title)
{
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setSchedulingAvailable(true);
    connect(dialog, &Dialog::scheduleRequested, this,
            [this, datastoreId, type](const QJsonObject &options) {
                auto *schedule =
                    new ScheduleDialog(m_catalog, datastoreId, type, options, m_window);
                schedule->setAttribute(Qt::WA_DeleteOnClose);
                connect(schedule, &QDialog::accepted, this,
                        [this] { emit message(tr("Operation scheduled."), 4000); });
                schedule->open();
            });
    connect(dialog, &QDialog::accepted, this, [this, dialog, datastoreId, type, title] {
        OperationRequest request;
        request.datastoreId = datastoreId;
        request.type = type;
        request.options = dialog->options();
        const qint64 id = m_engine->enqueue(request);
        if (!id) {
            QMessageBox::warning(
                m_window, title,
                tr("The operation could not be queued: %1").arg(m_engine->lastError()));
            return;
        }
        emit message(tr("%1 queued.").arg(title), 3000);
        emit queued(id, datastoreId);
    });
    dialog->open();
}

void OperationActions::runSync(qint64 datastoreId)
{
    const auto datastore = m_catalog->datastore(datastoreId);
    if (!datastore)
        return;
    openOptions(new SyncDialog(datastore->name, m_window), datastoreId, operation_type::kSync,
                tr("Sync"));
}

namespace {

QList<Container> presentContainers(const Catalog &catalog, qint64 datastoreId)
{
    QList<Container> out;
    for (const Container &c : catalog.containers(datastoreId))
        if (!c.removed)
            out << c;
    return out;
}

} // namespace

void OperationActions::runProfile(qint64 datastoreId, const QStringList &containers)
{
    const auto datastore = m_catalog->datastore(datastoreId);
    if (!datastore)
        return;
    auto *dialog =
        new ProfileDialog(datastore->name, presentContainers(*m_catalog, datastoreId), m_window);
    if (!containers.isEmpty()) {
        dialog->containerSelector()->setMode(ContainerSelector::Mode::Specific);
        dialog->containerSelector()->setCheckedContainers(containers);
    }
    openOptions(dialog, datastoreId, operation_type::kProfile, tr("Profile"));
}

void OperationActions::runScan(qint64 datastoreId, const QStringList &containers)
{
    const auto datastore = m_catalog->datastore(datastoreId);
    if (!datastore)
        return;
    auto *dialog = new ScanDialog(datastore->name, presentContainers(*m_catalog, datastoreId),
                                  datastore->enrichment, m_window);
    if (!containers.isEmpty()) {
        dialog->containerSelector()->setMode(ContainerSelector::Mode::Specific);
        dialog->containerSelector()->setCheckedContainers(containers);
    }
    openOptions(dialog, datastoreId, operation_type::kScan, tr("Scan"));
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
    const QString kind = op ? operation_type::displayName(op->type) : tr("Operation");
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
    const bool bad = status == operation_status::kFailure || status == operation_status::kAborted;
    m_tray->showMessage(title, text, bad ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information,
                        8000);
    ++m_notifications;
}

} // namespace assay
