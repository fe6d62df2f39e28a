#pragma once

#include <QObject>

class QSystemTrayIcon;
class QWidget;

namespace assay {

class Catalog;
class OperationEngine;

// What the main window's Run menu, toolbar and tree context menu do with the engine: open the
// Sync dialog and queue the sync, open Container Settings. Dialogs collect; this queues.
class OperationActions : public QObject
{
    Q_OBJECT
public:
    OperationActions(Catalog *catalog, OperationEngine *engine, QWidget *window);

    OperationEngine *engine() const { return m_engine; }
    // Desktop notifications shown so far (finished while the window was in the background).
    int notificationCount() const { return m_notifications; }

public slots:
    // Opens the Sync options dialog for a datastore; Run Now queues the sync.
    void runSync(qint64 datastoreId);
    // Opens the Profile / Scan options with `containers` preselected (empty: all); Run Now
    // queues the operation, Schedule… opens the schedule dialog with the options.
    void runProfile(qint64 datastoreId, const QStringList &containers);
    void runScan(qint64 datastoreId, const QStringList &containers);
    void openContainerSettings(qint64 containerId);

signals:
    void message(const QString &text, int timeoutMs);
    // The user queued operation `operationId` of `datastoreId` from one of these dialogs (the
    // window then shows it in Activity, as seed 003 describes).
    void queued(qint64 operationId, qint64 datastoreId);

private:
    // Shows an options dialog (one that has options() and scheduleRequested), then queues an
    // operation of `type` with its options or opens the schedule dialog.
    template <typename Dialog>
    void openOptions(Dialog *dialog, qint64 datastoreId, const QString &type, const QString &title);
    void onFinished(qint64 operationId, qint64 datastoreId, const QString &status,
                    const QString &message);

    void notifyIfInBackground(const QString &title, const QString &text, const QString &status);

    Catalog *m_catalog;
    OperationEngine *m_engine;
    QWidget *m_window;
    QSystemTrayIcon *m_tray = nullptr;
    int m_notifications = 0;
};

} // namespace assay
