#include "ui/enrichment/EnrichmentSettingsFields.h"

#include "app/enrichment/EnrichmentLinker.h"
#include "ui/widgets/WizardUi.h"

#include <QButtonGroup>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QRadioButton>
#include <QSpinBox>
#include <QStyle>
#include <QVBoxLayout>

namespace assay {

namespace {

int indexOf(RemediationStrategy strategy)
{
    switch (strategy) {
    case RemediationStrategy::Append:
        return 1;
    case RemediationStrategy::Overwrite:
        return 2;
    case RemediationStrategy::None:
        break;
    }
    return 0;
}

} // namespace

EnrichmentSettingsFields::EnrichmentSettingsFields(QFormLayout *form, QObject *parent)
    : QObject(parent), m_remediation(new QButtonGroup(this)), m_sourceRecordLimit(new QSpinBox),
      m_rollupThreshold(new QSpinBox)
{
    auto *title = wizardui::sectionTitle(tr("Settings"));
    title->setObjectName(QStringLiteral("settingsTitle"));
    form->addRow(title);

    // Remediation: a radio button per strategy, its one-line explanation beneath it.
    auto *box = new QWidget;
    box->setObjectName(QStringLiteral("remediationBox"));
    auto *column = new QVBoxLayout(box);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(1);
    const struct
    {
        const char *name;
        QString label;
        QString explanation;
    } strategies[] = {
        {"none", tr("None (default)"),
         tr("No source records are written; only anomaly metadata is kept.")},
        {"append", tr("Append"),
         tr("Anomalous records are appended after each scan: a historical audit trail.")},
        {"overwrite", tr("Overwrite"),
         tr("Remediation tables are replaced with the latest anomalous records.")},
    };
    const int indent = box->style()->pixelMetric(QStyle::PM_ExclusiveIndicatorWidth) +
                       box->style()->pixelMetric(QStyle::PM_RadioButtonLabelSpacing);
    int id = 0;
    for (const auto &s : strategies) {
        auto *button = new QRadioButton(s.label);
        button->setObjectName(QStringLiteral("remediation_%1").arg(QLatin1String(s.name)));
        button->setAccessibleDescription(s.explanation);
        auto *note = wizardui::noteLabel(s.explanation);
        note->setObjectName(QStringLiteral("remediationNote_%1").arg(QLatin1String(s.name)));
        note->setContentsMargins(indent, 0, 0, id < 2 ? 4 : 0);
        m_remediation->addButton(button, id++);
        m_buttons << button;
        column->addWidget(button);
        column->addWidget(note);
    }
    m_buttons.first()->setChecked(true);
    auto *remediationLabel =
        wizardui::formLabel(tr("Remediation strategy"), false, m_buttons.first());
    remediationLabel->setAlignment(Qt::AlignRight | Qt::AlignTop);
    remediationLabel->setContentsMargins(0, 2, 0, 0);
    form->addRow(remediationLabel, box);

    const QLocale locale;
    m_sourceRecordLimit->setObjectName(QStringLiteral("sourceRecordLimitBox"));
    m_sourceRecordLimit->setRange(int(kMinSourceRecordLimit), int(kMaxSourceRecordLimit));
    m_sourceRecordLimit->setValue(int(kDefaultSourceRecordLimit));
    m_sourceRecordLimit->setToolTip(tr("How many source rows are written to the enrichment "
                                       "datastore for each anomaly."));
    form->addRow(
        wizardui::formLabel(tr("Maximum Source Examples per Anomaly"), true, m_sourceRecordLimit),
        spinRow(m_sourceRecordLimit, tr("%1 to %2")
                                         .arg(locale.toString(kMinSourceRecordLimit),
                                              locale.toString(kMaxSourceRecordLimit))));

    m_rollupThreshold->setObjectName(QStringLiteral("rollupThresholdBox"));
    m_rollupThreshold->setRange(kMinRollupThreshold, kMaxRollupThreshold);
    m_rollupThreshold->setValue(kDefaultRollupThreshold);
    m_rollupThreshold->setToolTip(tr("How many anomalies a check may create in one scan before "
                                     "they roll up into a single anomaly."));
    form->addRow(
        wizardui::formLabel(tr("Maximum Record Anomalies per Check"), true, m_rollupThreshold),
        spinRow(m_rollupThreshold, tr("%1 to %2")
                                       .arg(locale.toString(kMinRollupThreshold),
                                            locale.toString(kMaxRollupThreshold))));

    m_widgets = {box, m_sourceRecordLimit, m_rollupThreshold};
    connect(m_remediation, &QButtonGroup::idToggled, this, [this](int, bool checked) {
        if (checked)
            emit changed();
    });
    connect(m_sourceRecordLimit, &QSpinBox::valueChanged, this, &EnrichmentSettingsFields::changed);
    connect(m_rollupThreshold, &QSpinBox::valueChanged, this, &EnrichmentSettingsFields::changed);
}

QWidget *EnrichmentSettingsFields::spinRow(QSpinBox *box, const QString &range)
{
    box->setGroupSeparatorShown(true);
    box->setAlignment(Qt::AlignRight);
    box->setAccelerated(true);
    box->setMinimumWidth(box->fontMetrics().horizontalAdvance(QStringLiteral("0,000,000,000")) +
                         40);
    box->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    auto *row = new QWidget;
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(10);
    layout->addWidget(box);
    layout->addWidget(wizardui::noteLabel(range), 1);
    row->setFocusProxy(box);
    return row;
}

RemediationStrategy EnrichmentSettingsFields::remediation() const
{
    switch (m_remediation->checkedId()) {
    case 1:
        return RemediationStrategy::Append;
    case 2:
        return RemediationStrategy::Overwrite;
    default:
        break;
    }
    return RemediationStrategy::None;
}

void EnrichmentSettingsFields::setRemediation(RemediationStrategy strategy)
{
    m_buttons.at(indexOf(strategy))->setChecked(true);
}

qint64 EnrichmentSettingsFields::sourceRecordLimit() const
{
    return m_sourceRecordLimit->value();
}

void EnrichmentSettingsFields::setSourceRecordLimit(qint64 limit)
{
    m_sourceRecordLimit->setValue(int(qBound(kMinSourceRecordLimit, limit, kMaxSourceRecordLimit)));
}

int EnrichmentSettingsFields::rollupThreshold() const
{
    return m_rollupThreshold->value();
}

void EnrichmentSettingsFields::setRollupThreshold(int threshold)
{
    m_rollupThreshold->setValue(threshold);
}

void EnrichmentSettingsFields::setLink(const EnrichmentLink &link)
{
    setRemediation(link.remediation);
    setSourceRecordLimit(link.sourceRecordLimit);
    setRollupThreshold(link.rollupThreshold);
}

void EnrichmentSettingsFields::setEnabled(bool enabled)
{
    for (QWidget *w : std::as_const(m_widgets))
        w->setEnabled(enabled);
}

QRadioButton *EnrichmentSettingsFields::remediationButton(RemediationStrategy strategy) const
{
    return m_buttons.at(indexOf(strategy));
}

} // namespace assay
