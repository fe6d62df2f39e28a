#include "ui/operations/ScanDialog.h"

#include "ui/common/DialogSizing.h"
#include "ui/common/Theme.h"
#include "ui/operations/CheckVariablesEditor.h"
#include "ui/operations/ContainerSelector.h"
#include "ui/operations/ReadSettingsWidgets.h"
#include "ui/operations/RunButtons.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

namespace assay {

namespace {

constexpr int kMaxRollup = 1000;
constexpr int kMaxSourceExamples = 1000000000;

QLabel *note(const QString &text = QString())
{
    auto *label = new QLabel(text);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText); // muted in light and dark palettes alike
    return label;
}

QLabel *warning()
{
    auto *label = new QLabel;
    label->setWordWrap(true);
    label->setStyleSheet(theme::errorStyle());
    return label;
}

// A check box with its explanation indented beneath it.
QWidget *explainedBox(QCheckBox *box, const QString &explanation)
{
    auto *w = new QWidget;
    auto *layout = new QVBoxLayout(w);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    box->setAccessibleName(box->text());
    layout->addWidget(box);
    QLabel *text = note(explanation);
    text->setContentsMargins(24, 0, 0, 2);
    layout->addWidget(text);
    return w;
}

} // namespace

ScanDialog::ScanDialog(const QString &datastoreName, const QList<Container> &containers,
                       const EnrichmentLink &link, QWidget *parent)
    : QDialog(parent), m_datastoreName(datastoreName), m_link(link)
{
    setWindowTitle(tr("Scan %1").arg(datastoreName));
    setAccessibleName(windowTitle());
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Scan runs the active quality checks of <b>%1</b> inside the "
                                "source database and records an anomaly for every check that "
                                "fails.")
                                 .arg(datastoreName.toHtmlEscaped()));
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *columns = new QHBoxLayout;
    auto *left = new QVBoxLayout;
    auto *containersBox = new QGroupBox(tr("Containers"));
    auto *containersLayout = new QVBoxLayout(containersBox);
    m_containers = new ContainerSelector(containers);
    containersLayout->addWidget(m_containers);
    left->addWidget(containersBox, 1);
    left->addWidget(buildCategories());
    auto *variablesBox = new QGroupBox(tr("Check Variables"));
    auto *variablesLayout = new QVBoxLayout(variablesBox);
    variablesLayout->addWidget(
        note(tr("Values for {{name}} in check filters and expressions, written as SQL: 42, "
                "'text', DATE '2024-01-31'.")));
    m_variables = new CheckVariablesEditor;
    variablesLayout->addWidget(m_variables);
    left->addWidget(variablesBox);
    columns->addLayout(left, 1);

    auto *right = new QVBoxLayout;
    right->addWidget(buildReadSettings());
    right->addWidget(buildAnomalyOptions());
    right->addWidget(buildRemediation());
    right->addStretch(1);
    columns->addLayout(right, 1);
    // The options scroll when the screen is shorter than they are (1366x768): the buttons
    // below stay in view.
    auto *body = new QWidget;
    body->setLayout(columns);
    columns->setContentsMargins(0, 0, 0, 0);
    auto *scroll = new QScrollArea;
    scroll->setObjectName(QStringLiteral("scanOptionsScroll"));
    scroll->setWidget(body);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    layout->addWidget(scroll, 1);

    m_hint = warning();
    m_hint->setAccessibleName(tr("Why Run Now is disabled"));
    layout->addWidget(m_hint);

    const RunButtons run = addRunButtons(this, layout, tr("Run this scan on a schedule instead"),
                                         [this] { emit scheduleRequested(options()); });
    m_run = run.run;
    m_schedule = run.schedule;

    connect(m_containers, &ContainerSelector::changed, this, &ScanDialog::updateState);
    connect(m_threshold, &StartingThresholdEditor::changed, this, &ScanDialog::updateState);
    connect(m_variables, &CheckVariablesEditor::changed, this, &ScanDialog::updateState);
    for (QCheckBox *box : {m_metadata, m_integrity})
        connect(box, &QCheckBox::toggled, this, &ScanDialog::updateState);
    connect(m_remediation, &QComboBox::currentIndexChanged, this, &ScanDialog::updateState);
    connect(m_incremental, &QRadioButton::toggled, this, &ScanDialog::readStrategyChanged);
    readStrategyChanged();
    fitDialogToContent(this, scroll, QSize(960, 0));
}

QWidget *ScanDialog::buildCategories()
{
    auto *box = new QGroupBox(tr("Check Categories"));
    auto *layout = new QVBoxLayout(box);
    m_metadata = new QCheckBox(tr("Metadata"));
    m_integrity = new QCheckBox(tr("Data integrity"));
    m_metadata->setChecked(true);
    m_integrity->setChecked(true);
    layout->addWidget(explainedBox(
        m_metadata,
        tr("The table's shape and volume: expected schema, field count, partition size.")));
    layout->addWidget(explainedBox(m_integrity, tr("Every other rule: values, patterns, ranges, "
                                                   "relationships.")));
    return box;
}

QWidget *ScanDialog::buildReadSettings()
{
    auto *box = new QGroupBox(tr("Read Settings"));
    auto *form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto *strategy = new QWidget;
    auto *strategyLayout = new QVBoxLayout(strategy);
    strategyLayout->setContentsMargins(0, 0, 0, 0);
    auto *radios = new QHBoxLayout;
    m_incremental = new QRadioButton(tr("Incremental"));
    m_full = new QRadioButton(tr("Full"));
    auto *group = new QButtonGroup(box);
    group->addButton(m_incremental);
    group->addButton(m_full);
    m_incremental->setAccessibleName(tr("Read strategy: incremental"));
    m_full->setAccessibleName(tr("Read strategy: full"));
    m_full->setChecked(true);
    radios->addWidget(m_incremental);
    radios->addWidget(m_full);
    radios->addStretch(1);
    strategyLayout->addLayout(radios);
    strategyLayout->addWidget(
        note(tr("Incremental reads only the rows past the high-water mark of the last scan; the "
                "first run reads everything. Containers without an incremental field are always "
                "read in full.")));
    form->addRow(tr("Read strategy:"), strategy);
    m_threshold = new StartingThresholdEditor;
    form->addRow(tr("Starting threshold:"), m_threshold);
    m_limit = new RecordLimitEditor;
    form->addRow(tr("Record limit:"), m_limit);
    return box;
}

QWidget *ScanDialog::buildAnomalyOptions()
{
    auto *box = new QGroupBox(tr("Anomaly Options"));
    auto *layout = new QVBoxLayout(box);
    m_archiveDuplicates = new QCheckBox(tr("Archive duplicate anomalies"));
    m_archiveDuplicates->setChecked(true);
    m_archiveDuplicates->setToolTip(
        tr("Archive anomalies of earlier scans that this scan finds again"));
    m_reactivate = new QCheckBox(tr("Reactivate recurring anomalies"));
    m_reactivate->setToolTip(tr("When an archived anomaly fails again, mark the new one as its "
                                "duplicate and reopen the original"));
    m_autoResolve = new QCheckBox(tr("Auto-resolve passed anomalies"));
    m_autoResolve->setChecked(true);
    m_autoResolve->setToolTip(tr("Resolve open anomalies whose records no longer fail"));
    for (QCheckBox *b : {m_archiveDuplicates, m_reactivate, m_autoResolve}) {
        b->setAccessibleName(b->text());
        layout->addWidget(b);
    }
    m_autoResolveNote = note();
    m_autoResolveNote->setContentsMargins(24, 0, 0, 0);
    layout->addWidget(m_autoResolveNote);
    connect(m_autoResolve, &QCheckBox::toggled, this, [this](bool on) {
        if (m_autoResolve->isEnabled())
            m_autoResolveChoice = on;
    });

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint); // numbers, not text fields
    m_rollup = new QSpinBox;
    m_rollup->setRange(1, kMaxRollup);
    m_rollup->setGroupSeparatorShown(true);
    m_rollup->setValue(m_link.rollupThreshold > 0 ? qMin(m_link.rollupThreshold, kMaxRollup) : 10);
    m_rollup->setAccessibleName(tr("Maximum record anomalies per check"));
    m_rollup->setToolTip(tr("Beyond this many failing records, a check's anomalies are rolled "
                            "up into one anomaly (1 to 1,000)"));
    form->addRow(tr("Maximum record anomalies per check:"), m_rollup);
    m_sourceExamples = new QSpinBox;
    m_sourceExamples->setRange(1, kMaxSourceExamples);
    m_sourceExamples->setGroupSeparatorShown(true);
    m_sourceExamples->setValue(int(m_link.sourceRecordLimit > 0
                                       ? qMin<qint64>(m_link.sourceRecordLimit, kMaxSourceExamples)
                                       : 10));
    m_sourceExamples->setAccessibleName(tr("Maximum source examples per anomaly"));
    m_sourceExamples->setToolTip(tr("Only these rows can be viewed or downloaded later: raise "
                                    "the value before the scan (1 to 1,000,000,000)"));
    form->addRow(tr("Maximum source examples per anomaly:"), m_sourceExamples);
    m_rollup->setMinimumWidth(m_sourceExamples->sizeHint().width()); // one column of numbers
    layout->addLayout(form);
    return box;
}

QWidget *ScanDialog::buildRemediation()
{
    auto *box = new QGroupBox(tr("Remediation"));
    auto *form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    m_remediation = new QComboBox;
    m_remediation->setAccessibleName(tr("Remediation strategy"));
    const QList<std::pair<RemediationStrategy, QString>> strategies{
        {RemediationStrategy::None, tr("None")},
        {RemediationStrategy::Append, tr("Append")},
        {RemediationStrategy::Overwrite, tr("Overwrite")}};
    for (const auto &[strategy, text] : strategies)
        m_remediation->addItem(
            strategy == m_link.remediation ? tr("%1 (datastore setting)").arg(text) : text,
            remediationToString(strategy));
    m_remediation->setCurrentIndex(
        m_remediation->findData(remediationToString(m_link.remediation)));
    form->addRow(tr("Strategy:"), m_remediation);
    m_remediationNote = note();
    form->addRow(m_remediationNote);
    m_remediationWarning = warning();
    m_remediationWarning->setAccessibleName(tr("Remediation problem"));
    form->addRow(m_remediationWarning);
    return box;
}

void ScanDialog::setSchedulingAvailable(bool available)
{
    m_schedule->setVisible(available);
}

void ScanDialog::readStrategyChanged()
{
    // An incremental scan does not re-read old rows, so it cannot tell that they now pass:
    // the engine ignores auto-resolve there, and the box says so instead of pretending.
    const bool incremental = m_incremental->isChecked();
    {
        const QSignalBlocker blocker(m_autoResolve);
        m_autoResolve->setEnabled(!incremental);
        m_autoResolve->setChecked(incremental ? false : m_autoResolveChoice);
    }
    m_autoResolveNote->setText(incremental
                                   ? tr("Not available for incremental scans: rows read earlier "
                                        "are not read again, so passing them cannot be seen.")
                                   : QString());
    m_autoResolveNote->setVisible(incremental);
    updateState();
}

QString ScanDialog::validationError() const
{
    if (QString e = m_containers->validationError(); !e.isEmpty())
        return e;
    if (!m_metadata->isChecked() && !m_integrity->isChecked())
        return tr("Choose at least one check category.");
    if (QString e = m_threshold->validationError(); !e.isEmpty())
        return e;
    if (m_remediation->currentData().toString() != remediationToString(RemediationStrategy::None) &&
        !m_link.isLinked())
        return tr("Remediation copies anomalous rows into an enrichment datastore, and %1 has "
                  "none linked. Link one (Datastore ▸ Link Enrichment…) or choose None.")
            .arg(m_datastoreName);
    return m_variables->validationError();
}

void ScanDialog::updateState()
{
    m_threshold->setContainers(m_containers->effectiveContainers());

    const RemediationStrategy strategy =
        remediationFromString(m_remediation->currentData().toString());
    const QString prefix = m_link.prefix.isEmpty() ? QStringLiteral("<prefix>") : m_link.prefix;
    switch (strategy) {
    case RemediationStrategy::None:
        m_remediationNote->setText(tr("Anomalous rows are not copied. Anomalies and their source "
                                      "examples are recorded as usual."));
        break;
    case RemediationStrategy::Append:
        m_remediationNote->setText(tr("Appends each container's anomalous rows to "
                                      "%1_remediation_<container id> in the enrichment datastore, "
                                      "keeping the rows of earlier scans.")
                                       .arg(prefix));
        break;
    case RemediationStrategy::Overwrite:
        m_remediationNote->setText(tr("Replaces %1_remediation_<container id> in the enrichment "
                                      "datastore with the anomalous rows of this scan.")
                                       .arg(prefix));
        break;
    }
    const bool unlinked = strategy != RemediationStrategy::None && !m_link.isLinked();

    const QString error = validationError();
    m_remediationWarning->setText(unlinked ? error : QString());
    m_remediationWarning->setVisible(unlinked);
    m_run->setEnabled(error.isEmpty());
    m_schedule->setEnabled(error.isEmpty());
    // The remediation problem is already spelled out next to its control.
    const bool shownInline = unlinked && error == m_remediationWarning->text();
    m_hint->setText(shownInline ? QString() : error);
    m_hint->setVisible(!error.isEmpty() && !shownInline);
}

QJsonObject ScanDialog::options() const
{
    QJsonArray categories;
    if (m_metadata->isChecked())
        categories << QStringLiteral("metadata");
    if (m_integrity->isChecked())
        categories << QStringLiteral("data_integrity");
    const bool incremental = m_incremental->isChecked();
    QJsonObject o{
        {QStringLiteral("containers"),
         QJsonArray::fromStringList(m_containers->selectedContainers())},
        {QStringLiteral("check_categories"), categories},
        {QStringLiteral("incremental"), incremental},
        {QStringLiteral("archive_duplicate_anomalies"), m_archiveDuplicates->isChecked()},
        {QStringLiteral("reactivate_recurring_anomalies"), m_reactivate->isChecked()},
        {QStringLiteral("auto_resolve_passed_anomalies"),
         !incremental && m_autoResolve->isChecked()},
        {QStringLiteral("high_count_rollup_threshold"), m_rollup->value()},
        {QStringLiteral("enrichment_source_record_limit"), m_sourceExamples->value()},
        {QStringLiteral("check_variables"), m_variables->variables()},
        {QStringLiteral("remediation"), m_remediation->currentData().toString()},
    };
    if (m_containers->mode() == ContainerSelector::Mode::ByTag)
        o.insert(QStringLiteral("container_tags"),
                 QJsonArray::fromStringList(m_containers->tags()));
    m_threshold->insertInto(o);
    m_limit->insertInto(o);
    return o;
}

} // namespace assay
