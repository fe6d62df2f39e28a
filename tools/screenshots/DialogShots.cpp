#include "DialogShots.h"

#include "DemoSetup.h"
#include "MainWindowShots.h"
#include "ShotWriter.h"
#include "models/catalog/Catalog.h"
#include "models/domain/Operation.h"
#include "ui/MainWindow.h"
#include "ui/datastores/ContainerSettingsDialog.h"
#include "ui/enrichment/LinkEnrichmentDialog.h"
#include "ui/enrichment/NewEnrichmentForm.h"
#include "ui/operations/ProfileDialog.h"
#include "ui/operations/ScanDialog.h"
#include "ui/operations/SyncDialog.h"
#include "ui/schedule/ScheduleDialog.h"
#include "ui/schedule/ScheduleModeTabs.h"
#include "ui/widgets/ToggleSwitch.h"
#include "ui/wizard/AddDatastoreWizard.h"
#include "ui/wizard/DatastorePage.h"

#include <QAbstractButton>
#include <QAction>
#include <QJsonArray>
#include <QLineEdit>
#include <QSpinBox>
#include <QTime>
#include <QTimeEdit>
#include <QToolButton>
#include <functional>

namespace assay::screenshots {
namespace {

bool notOpened(const QString &what, QString *error)
{
    *error = QStringLiteral("the %1 did not open").arg(what);
    return false;
}

// Triggers `action` and returns the dialog of type T it opened, or nullptr.
template <typename T> T *openFrom(MainWindow &window, QAction *action)
{
    if (!action || !action->isEnabled())
        return nullptr;
    action->trigger();
    return openedDialog<T>(window);
}

} // namespace

bool shootWizard(MainWindow &window, ShotWriter &shots, QString *error)
{
    auto *wizard = openFrom<AddDatastoreWizard>(window, window.addDatastoreAction());
    if (!wizard)
        return notOpened(QStringLiteral("Add Datastore wizard"), error);
    QPointer<QDialog> guard(wizard);
    DatastorePage *page = wizard->datastorePage();
    page->nameEdit()->setText(QStringLiteral("Warehouse"));
    page->newConnectionToggle()->setChecked(true);
    bool ok = page->selectConnector(QStringLiteral("postgresql"));
    if (!ok)
        *error = QStringLiteral("the wizard does not offer the postgresql connector");
    ok = ok && shots.save(*wizard, QStringLiteral("wizard-1-datastore"), error);
    if (ok) {
        wizard->button(QWizard::NextButton)->click();
        ok = wizard->currentId() == AddDatastoreWizard::ConnectionPageId;
        if (!ok)
            *error = QStringLiteral("Next did not lead to the wizard's connection page");
    }
    ok = ok && shots.save(*wizard, QStringLiteral("wizard-2-connection"), error);
    closeDialog(guard);
    return ok;
}

bool shootLinkEnrichment(MainWindow &window, Catalog &catalog, qint64 datastoreId,
                         ShotWriter &shots, QString *error)
{
    if (!addEnrichmentDatastore(catalog, error))
        return false;
    window.selectDatastore(datastoreId);
    auto *dialog = openFrom<LinkEnrichmentDialog>(window, window.linkEnrichmentAction());
    if (!dialog)
        return notOpened(QStringLiteral("Link Enrichment dialog"), error);
    QPointer<QDialog> guard(dialog);
    dialog->setMode(LinkEnrichmentDialog::Mode::UseExisting);
    bool ok = shots.save(*dialog, QStringLiteral("link-enrichment-use-existing"), error);
    if (ok) {
        dialog->setMode(LinkEnrichmentDialog::Mode::AddNew);
        // A name and a server connector, so the whole connection form shows.
        dialog->newForm()->nameEdit()->setText(QStringLiteral("Warehouse Results"));
        dialog->newForm()->setConnector(QStringLiteral("postgresql"));
        ok = shots.save(*dialog, QStringLiteral("link-enrichment-add-new"), error);
    }
    closeDialog(guard);
    return ok;
}

namespace {

// One picture of the Schedule dialog: the mode, a name, and the values a person would enter.
struct ScheduleCase
{
    const char *file;
    const char *name;
    std::function<void(ScheduleModeTabs &)> fill;
};

const QList<ScheduleCase> &scheduleCases()
{
    static const QList<ScheduleCase> cases{
        {"schedule-hourly", "Every other hour",
         [](ScheduleModeTabs &t) {
             t.setMode(ScheduleSpec::Mode::Hourly);
             t.hourlyEvery()->setValue(2);
             t.hourlyMinute()->setValue(15);
         }},
        {"schedule-daily", "Morning sync",
         [](ScheduleModeTabs &t) {
             t.setMode(ScheduleSpec::Mode::Daily);
             t.dailyTime()->setTime(QTime(6, 30));
         }},
        {"schedule-weekly", "Weekday mornings",
         [](ScheduleModeTabs &t) {
             t.setMode(ScheduleSpec::Mode::Weekly);
             for (int day : {1, 3, 5})
                 t.weekdayButton(day)->setChecked(true);
             t.weeklyTime()->setTime(QTime(9, 0));
         }},
        {"schedule-monthly", "Quarterly",
         [](ScheduleModeTabs &t) {
             t.setMode(ScheduleSpec::Mode::Monthly);
             t.monthlyDay()->setValue(1);
             t.monthlyEvery()->setValue(3);
             t.monthlyTime()->setTime(QTime(2, 0));
         }},
        {"schedule-cron", "Weekdays at noon",
         [](ScheduleModeTabs &t) {
             t.setMode(ScheduleSpec::Mode::Advanced);
             t.cronEdit()->setText(QStringLiteral("0 12 * * 1-5"));
         }},
    };
    return cases;
}

} // namespace

bool shootScheduleModes(MainWindow &window, Catalog &catalog, qint64 datastoreId, ShotWriter &shots,
                        QString *error)
{
    // The options the Sync dialog's "Schedule…" hands over by default.
    const QJsonObject options{{QStringLiteral("prune"), false},
                              {QStringLiteral("recreate"), false},
                              {QStringLiteral("include"), QJsonArray{QStringLiteral("table")}}};
    for (const ScheduleCase &c : scheduleCases()) {
        auto *dialog =
            new ScheduleDialog(&catalog, datastoreId, operation_type::kSync, options, &window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        QPointer<QDialog> guard(dialog);
        dialog->open();
        c.fill(*dialog->modeTabs());
        dialog->nameEdit()->setText(QString::fromUtf8(c.name));
        const bool ok = shots.save(*dialog, QString::fromLatin1(c.file), error);
        closeDialog(guard);
        if (!ok)
            return false;
    }
    return true;
}

namespace {

template <typename T>
bool shootOperationDialog(MainWindow &window, QAction *action, const QString &file,
                          ShotWriter &shots, QString *error)
{
    T *dialog = openFrom<T>(window, action);
    if (!dialog)
        return notOpened(file, error);
    QPointer<QDialog> guard(dialog);
    const bool ok = shots.save(*dialog, file, error);
    closeDialog(guard);
    return ok;
}

} // namespace

bool shootOperationDialogs(MainWindow &window, qint64 datastoreId, ShotWriter &shots,
                           QString *error)
{
    window.selectDatastore(datastoreId);
    if (!shootOperationDialog<SyncDialog>(window, window.runAction(), QStringLiteral("sync-dialog"),
                                          shots, error))
        return false;
    if (!selectTable(window, datastoreId, kTableShown)) {
        *error =
            QStringLiteral("the tree does not list the Demo Shop's table “%1”").arg(kTableShown);
        return false;
    }
    return shootOperationDialog<ProfileDialog>(window, window.profileAction(),
                                               QStringLiteral("profile-dialog"), shots, error) &&
           shootOperationDialog<ScanDialog>(window, window.scanAction(),
                                            QStringLiteral("scan-dialog"), shots, error);
}

bool shootContainerConstraints(MainWindow &window, qint64 datastoreId, ShotWriter &shots,
                               QString *error)
{
    const QString file = QStringLiteral("container-constraints");
    if (!selectTable(window, datastoreId, kTableShown))
        return notOpened(file, error);
    auto *dialog = openFrom<ContainerSettingsDialog>(window, window.containerSettingsAction());
    if (!dialog)
        return notOpened(file, error);
    QPointer<QDialog> guard(dialog);
    auto *tabs = dialog->findChild<QTabWidget *>();
    if (tabs)
        tabs->setCurrentIndex(tabs->count() - 1);
    const bool ok = shots.save(*dialog, file, error);
    closeDialog(guard);
    return ok;
}

} // namespace assay::screenshots
