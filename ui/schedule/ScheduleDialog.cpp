#include "ui/schedule/ScheduleDialog.h"

#include "app/scheduling/Scheduler.h"
#include "models/catalog/Catalog.h"
#include "models/domain/Clock.h"
#include "ui/common/Theme.h"
#include "ui/schedule/ScheduleFormat.h"
#include "ui/schedule/ScheduleModeTabs.h"
#include "ui/schedule/SchedulePreview.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace assay {

namespace {

QLabel *redLabel(const QString &objectName, const QString &accessibleName)
{
    auto *label = new QLabel;
    label->setObjectName(objectName);
    label->setAccessibleName(accessibleName);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    theme::paintAsError(label);
    label->hide();
    return label;
}

} // namespace

ScheduleDialog::ScheduleDialog(Catalog *catalog, qint64 datastoreId, const QString &operationType,
                               const QJsonObject &options, QWidget *parent)
    : QDialog(parent), m_catalog(catalog)
{
    m_schedule.datastoreId = datastoreId;
    m_schedule.operationType = operationType;
    m_schedule.options = options;
    build();
    m_tabs->setSpec(ScheduleSpec::daily(1, 0, 0));
    updateState();
}

ScheduleDialog::ScheduleDialog(Catalog *catalog, const Schedule &schedule, QWidget *parent)
    : QDialog(parent), m_catalog(catalog), m_schedule(schedule), m_editing(true)
{
    build();
    m_name->setText(schedule.name);
    m_nameTouched = false;
    m_tabs->setSpec(ScheduleSpec::fromCron(schedule.cron));
    updateState();
}

ScheduleDialog *ScheduleDialog::editSchedule(Catalog *catalog, qint64 scheduleId, QWidget *parent)
{
    const auto schedule = catalog->schedule(scheduleId);
    return schedule ? new ScheduleDialog(catalog, *schedule, parent) : nullptr;
}

void ScheduleDialog::build()
{
    const QString operation = ScheduleFormat::operationLabel(m_schedule.operationType);
    const auto datastore = m_catalog->datastore(m_schedule.datastoreId);
    const QString datastoreName =
        datastore ? datastore->name : tr("datastore %1").arg(m_schedule.datastoreId);
    setWindowTitle(m_editing ? tr("Edit Schedule “%1”").arg(m_schedule.name)
                             : tr("Schedule %1").arg(operation));
    setAccessibleName(windowTitle());
    setObjectName(QStringLiteral("scheduleDialog"));

    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(10);
    auto *intro = new QLabel(
        m_editing
            ? tr("Change when <b>%1</b> runs on <b>%2</b>. Times are in UTC.")
                  .arg(operation.toHtmlEscaped(), datastoreName.toHtmlEscaped())
            : tr("Run <b>%1</b> on <b>%2</b> on a schedule, with the options you chose. Times "
                 "are in UTC.")
                  .arg(operation.toHtmlEscaped(), datastoreName.toHtmlEscaped()));
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_tabs = new ScheduleModeTabs(this);
    layout->addWidget(m_tabs);

    auto *previewBox = new QGroupBox(tr("When it runs"), this);
    auto *previewLayout = new QVBoxLayout(previewBox);
    m_preview = new SchedulePreview(previewBox);
    previewLayout->addWidget(m_preview);
    layout->addWidget(previewBox);

    auto *nameForm = new QFormLayout;
    nameForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("scheduleName"));
    m_name->setAccessibleName(tr("Schedule Name"));
    m_name->setPlaceholderText(tr("For example: Nightly %1 of %2").arg(operation, datastoreName));
    m_name->setMaxLength(255);
    m_name->setClearButtonEnabled(true);
    m_nameError = redLabel(QStringLiteral("scheduleNameError"), tr("Schedule name problem"));
    nameForm->addRow(tr("Schedule Name"), m_name);
    layout->addLayout(nameForm);
    // Under the form, not in it: a wrapping label in a form row gets a poor height-for-width.
    layout->addWidget(m_nameError);

    m_saveError = redLabel(QStringLiteral("scheduleSaveError"), tr("Why the schedule was not "
                                                                   "saved"));
    layout->addWidget(m_saveError);

    auto *buttons = new QDialogButtonBox(this);
    m_save =
        buttons->addButton(m_editing ? tr("Save") : tr("Schedule"), QDialogButtonBox::AcceptRole);
    m_save->setObjectName(QStringLiteral("scheduleSave"));
    m_save->setDefault(true);
    buttons->addButton(QDialogButtonBox::Cancel);
    connect(m_save, &QPushButton::clicked, this, &ScheduleDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    connect(m_tabs, &ScheduleModeTabs::changed, this, &ScheduleDialog::updatePreview);
    connect(m_name, &QLineEdit::textChanged, this, [this] {
        m_nameTouched = true;
        updateState();
    });
    connect(m_catalog, &Catalog::schedulesChanged, this, &ScheduleDialog::updateState);
    setMinimumWidth(560);
}

QLabel *ScheduleDialog::cronLabel() const
{
    return m_preview->cronLabel();
}

QLabel *ScheduleDialog::descriptionLabel() const
{
    return m_preview->descriptionLabel();
}

QLabel *ScheduleDialog::errorLabel() const
{
    return m_preview->errorLabel();
}

QTreeWidget *ScheduleDialog::nextRunsView() const
{
    return m_preview->nextRunsView();
}

QMessageBox *ScheduleDialog::confirmation() const
{
    return m_confirmation.data();
}

ScheduleSpec ScheduleDialog::spec() const
{
    return m_tabs->spec();
}

Schedule ScheduleDialog::schedule() const
{
    Schedule s = m_schedule;
    s.name = m_name->text().trimmed();
    s.cron = m_preview->isValid() ? m_preview->cron() : m_tabs->spec().toCron();
    return s;
}

QString ScheduleDialog::nameProblem() const
{
    const QString name = m_name->text().trimmed();
    if (name.isEmpty())
        return tr("Enter a schedule name: it identifies the scheduled operation when it runs.");
    if (const auto other = m_catalog->scheduleByName(name); other && other->id != m_schedule.id)
        return tr("A schedule named “%1” already exists. Choose another name.").arg(name);
    return QString();
}

QString ScheduleDialog::problem() const
{
    if (!m_preview->isValid())
        return m_preview->error();
    return nameProblem();
}

void ScheduleDialog::updatePreview()
{
    m_preview->setSpec(m_tabs->spec(), Clock::utcNow());
    updateState();
}

void ScheduleDialog::updateState()
{
    const QString name = nameProblem();
    m_nameError->setText(name);
    m_nameError->setVisible(m_nameTouched && !name.isEmpty());
    m_name->setAccessibleDescription(m_nameTouched ? name : QString());
    m_save->setEnabled(!m_saved && problem().isEmpty());
    m_save->setToolTip(problem());
    fitHeight();
}

void ScheduleDialog::fitHeight()
{
    // Messages that appear (and wrap) need height the window does not grow by itself.
    if (!isVisible())
        return;
    layout()->activate();
    const int needed = layout()->totalHeightForWidth(width());
    if (needed > height())
        resize(width(), needed);
}

bool ScheduleDialog::save()
{
    if (m_saved)
        return false;
    m_nameTouched = true;
    updateState();
    if (!problem().isEmpty())
        return false;

    Schedule s = schedule();
    QString error;
    bool ok = Scheduler::prepare(s, Clock::utcNow(), &error);
    if (ok && m_editing) {
        ok = m_catalog->updateSchedule(s);
    } else if (ok) {
        s.enabled = true;
        s.id = m_catalog->addSchedule(s);
        ok = s.id != 0;
    }
    if (!ok) {
        if (error.isEmpty())
            error = m_catalog->lastError();
        m_saveError->setText(tr("The schedule was not saved: %1").arg(error));
        m_saveError->show();
        return false;
    }
    m_saveError->hide();
    m_schedule = m_catalog->schedule(s.id).value_or(s);
    m_saved = true;
    updateState();
    emit scheduleSaved(m_schedule.id);
    showConfirmation(m_schedule);
    return true;
}

void ScheduleDialog::showConfirmation(const Schedule &saved)
{
    auto *box = new QMessageBox(QMessageBox::Information, tr("Operation Scheduled"),
                                tr("Operation Scheduled"), QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("scheduleConfirmation"));
    const QString next = saved.enabled ? tr("Next run: %1\nLocal time: %2")
                                             .arg(ScheduleFormat::utc(saved.nextRunAt),
                                                  ScheduleFormat::local(saved.nextRunAt))
                                       : tr("It is paused: resume it to run it again.");
    box->setInformativeText(tr("“%1” is scheduled.").arg(saved.name) + QLatin1Char('\n') + next);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QDialog::finished, this, &QDialog::accept);
    m_confirmation = box;
    box->open();
}

} // namespace assay
