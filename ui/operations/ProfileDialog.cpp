#include "ui/operations/ProfileDialog.h"

#include "ui/common/Theme.h"
#include "ui/operations/ContainerSelector.h"
#include "ui/operations/InferenceLevelPicker.h"
#include "ui/operations/ReadSettingsWidgets.h"
#include "ui/operations/RunButtons.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace assay {

ProfileDialog::ProfileDialog(const QString &datastoreName, const QList<Container> &containers,
                             QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Profile %1").arg(datastoreName));
    setAccessibleName(windowTitle());
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Profile measures every field of <b>%1</b> (completeness, "
                                "ranges, distinct values, patterns) and infers quality checks "
                                "from what it finds.")
                                 .arg(datastoreName.toHtmlEscaped()));
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *columns = new QHBoxLayout;
    auto *containersBox = new QGroupBox(tr("Containers"));
    auto *containersLayout = new QVBoxLayout(containersBox);
    m_containers = new ContainerSelector(containers);
    containersLayout->addWidget(m_containers);
    columns->addWidget(containersBox, 1);

    auto *right = new QVBoxLayout;
    auto *read = new QGroupBox(tr("Read Settings"));
    auto *readForm = new QFormLayout(read);
    readForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_threshold = new StartingThresholdEditor;
    readForm->addRow(tr("Starting threshold:"), m_threshold);
    m_limit = new RecordLimitEditor;
    readForm->addRow(tr("Record limit:"), m_limit);
    right->addWidget(read);

    auto *inference = new QGroupBox(tr("Inference"));
    auto *inferenceLayout = new QVBoxLayout(inference);
    auto *thresholdLabel = new QLabel(tr("Inference threshold (each level includes the ones "
                                         "below it):"));
    thresholdLabel->setWordWrap(true);
    inferenceLayout->addWidget(thresholdLabel);
    m_inference = new InferenceLevelPicker;
    inferenceLayout->addWidget(m_inference);
    m_draft = new QCheckBox(tr("Infer as draft: new inferred checks wait for review before "
                               "they run in scans"));
    m_draft->setAccessibleName(tr("Infer as draft"));
    inferenceLayout->addWidget(m_draft);
    right->addWidget(inference);
    right->addStretch(1);
    columns->addLayout(right, 1);
    layout->addLayout(columns, 1);

    m_hint = new QLabel;
    m_hint->setWordWrap(true);
    m_hint->setStyleSheet(theme::errorStyle());
    m_hint->setAccessibleName(tr("Why Run Now is disabled"));
    layout->addWidget(m_hint);

    const RunButtons run = addRunButtons(this, layout, tr("Run this profile on a schedule instead"),
                                         [this] { emit scheduleRequested(options()); });
    m_run = run.run;
    m_schedule = run.schedule;

    connect(m_containers, &ContainerSelector::changed, this, &ProfileDialog::updateState);
    connect(m_threshold, &StartingThresholdEditor::changed, this, &ProfileDialog::updateState);
    updateState();
    resize(sizeHint().expandedTo(QSize(860, 0)));
}

void ProfileDialog::setSchedulingAvailable(bool available)
{
    m_schedule->setVisible(available);
}

QString ProfileDialog::validationError() const
{
    const QString containers = m_containers->validationError();
    return containers.isEmpty() ? m_threshold->validationError() : containers;
}

void ProfileDialog::updateState()
{
    m_threshold->setContainers(m_containers->effectiveContainers());
    const QString error = validationError();
    m_run->setEnabled(error.isEmpty());
    m_schedule->setEnabled(error.isEmpty());
    m_hint->setText(error);
    m_hint->setVisible(!error.isEmpty());
}

QJsonObject ProfileDialog::options() const
{
    QJsonObject o{
        {QStringLiteral("containers"),
         QJsonArray::fromStringList(m_containers->selectedContainers())},
        {QStringLiteral("inference_threshold"), m_inference->level()},
        {QStringLiteral("infer_as_draft"), m_draft->isChecked()},
    };
    if (m_containers->mode() == ContainerSelector::Mode::ByTag)
        o.insert(QStringLiteral("container_tags"),
                 QJsonArray::fromStringList(m_containers->tags()));
    m_threshold->insertInto(o);
    m_limit->insertInto(o);
    return o;
}

} // namespace assay
