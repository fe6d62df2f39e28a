#include "ui/enrichment/EnrichmentLinkSummary.h"

#include "app/enrichment/Prefix.h"
#include "ui/enrichment/NoticeStrip.h"
#include "ui/widgets/BusySpinner.h"
#include "ui/widgets/StatusBanner.h"
#include "ui/widgets/WizardUi.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QVBoxLayout>

namespace assay {

namespace {

QString remediationLabel(RemediationStrategy strategy)
{
    switch (strategy) {
    case RemediationStrategy::Append:
        return EnrichmentLinkSummary::tr("Append");
    case RemediationStrategy::Overwrite:
        return EnrichmentLinkSummary::tr("Overwrite");
    case RemediationStrategy::None:
        break;
    }
    return EnrichmentLinkSummary::tr("None");
}

} // namespace

EnrichmentLinkSummary::EnrichmentLinkSummary(QWidget *parent)
    : QWidget(parent), m_column(new QVBoxLayout(this)), m_success(new StatusBanner),
      m_summary(new QFormLayout), m_notice(new NoticeStrip), m_orphanPanel(new QWidget),
      m_orphanTitle(wizardui::sectionTitle(QString())), m_orphanSpinner(new BusySpinner),
      m_orphanStatus(new QLabel), m_orphanList(new QListWidget)
{
    setObjectName(QStringLiteral("linkEnrichmentDone"));
    m_column->setContentsMargins(16, 16, 16, 8);
    m_column->setSpacing(12);
    m_column->addWidget(m_success); // keeps its own object name: its colours are styled by it
    auto *summary = new QWidget;
    summary->setObjectName(QStringLiteral("linkSummary"));
    summary->setLayout(m_summary);
    m_summary->setContentsMargins(12, 0, 0, 0);
    m_summary->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_summary->setFormAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_summary->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_summary->setRowWrapPolicy(QFormLayout::DontWrapRows);
    m_summary->setHorizontalSpacing(12);
    m_summary->setVerticalSpacing(6);
    m_column->addWidget(summary);
    m_notice->setObjectName(QStringLiteral("successNotice"));
    m_column->addWidget(m_notice);

    m_orphanPanel->setObjectName(QStringLiteral("orphanPanel"));
    auto *orphans = new QVBoxLayout(m_orphanPanel);
    orphans->setContentsMargins(0, 0, 0, 0);
    orphans->setSpacing(6);
    m_orphanTitle->setObjectName(QStringLiteral("orphanTitle"));
    orphans->addWidget(m_orphanTitle);
    auto *statusRow = new QHBoxLayout;
    statusRow->setSpacing(8);
    m_orphanSpinner->setObjectName(QStringLiteral("orphanSpinner"));
    m_orphanStatus->setObjectName(QStringLiteral("orphanStatus"));
    m_orphanStatus->setWordWrap(true);
    m_orphanStatus->setTextFormat(Qt::PlainText);
    statusRow->addWidget(m_orphanSpinner, 0, Qt::AlignTop);
    statusRow->addWidget(m_orphanStatus, 1);
    orphans->addLayout(statusRow);
    m_orphanList->setObjectName(QStringLiteral("orphanList"));
    m_orphanList->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_orphanList->setAccessibleName(tr("Orphaned tables"));
    m_orphanList->setVisible(false);
    orphans->addWidget(m_orphanList, 1);
    auto *note = wizardui::noteLabel(
        tr("Assay does not rename or drop enrichment tables. If you no longer need the old "
           "data, drop these tables with your database tools."));
    note->setObjectName(QStringLiteral("orphanNote"));
    orphans->addWidget(note);
    m_orphanPanel->setVisible(false);
    m_column->addWidget(m_orphanPanel);
    m_column->addStretch(1);
}

void EnrichmentLinkSummary::addRow(const QString &label, const QString &value,
                                   const QString &objectName)
{
    auto *text = new QLabel(value);
    text->setObjectName(objectName);
    text->setTextFormat(Qt::PlainText);
    text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *name = new QLabel(label);
    name->setAlignment(Qt::AlignRight | Qt::AlignTop);
    m_summary->addRow(name, text);
}

bool EnrichmentLinkSummary::showLinked(const Datastore &source, const QString &target,
                                       const EnrichmentLinkResult &result, bool createdNew)
{
    QString title;
    if (createdNew)
        title = tr("Enrichment datastore “%1” added and linked").arg(target);
    else if (result.relinked)
        title = tr("Enrichment settings saved");
    else
        title = tr("Enrichment datastore linked");
    m_success->showMessage(
        StatusBanner::Kind::Success, title,
        tr("Scans of “%1” write their results to “%2”.").arg(source.name, target),
        tr("Changes take effect on the next Scan."));
    while (m_summary->rowCount() > 0)
        m_summary->removeRow(0);
    const QLocale locale;
    const EnrichmentLink &link = source.enrichment;
    addRow(tr("Source datastore"), source.name, QStringLiteral("summarySource"));
    addRow(tr("Enrichment datastore"), target, QStringLiteral("summaryTarget"));
    addRow(tr("Prefix"), result.prefix, QStringLiteral("summaryPrefix"));
    addRow(tr("Tables"), enrichmentTableNames(result.prefix).join(QLatin1Char('\n')),
           QStringLiteral("summaryTables"));
    addRow(tr("Remediation strategy"), remediationLabel(link.remediation),
           QStringLiteral("summaryRemediation"));
    addRow(tr("Source examples per anomaly"), locale.toString(link.sourceRecordLimit),
           QStringLiteral("summarySourceRecordLimit"));
    addRow(tr("Record anomalies per check"), locale.toString(link.rollupThreshold),
           QStringLiteral("summaryRollupThreshold"));
    m_notice->setText((result.notes + result.warnings).join(QLatin1Char('\n')));

    // A new prefix leaves the old one's tables behind. When the prefix changed on the datastore
    // linked all along, they are in it: say what is found. After an unlink the old tables may be
    // elsewhere: only tables actually found in this datastore are worth showing.
    const bool prefixChanged = !result.previousPrefix.isEmpty();
    m_orphansOnSameTarget = prefixChanged && result.relinked;
    showOrphanPanel(m_orphansOnSameTarget, false);
    if (!prefixChanged)
        return false;
    m_orphanTitle->setText(tr("Tables of the old prefix %1").arg(result.previousPrefix));
    m_orphanIntro = tr("The prefix changed from %1 to %2: new scans write new tables.")
                        .arg(result.previousPrefix, result.prefix);
    m_orphanStatus->setText(tr("%1 Looking for tables of %2 left in “%3”…")
                                .arg(m_orphanIntro, result.previousPrefix, target));
    m_orphanList->clear();
    m_orphanSpinner->start();
    return true;
}

void EnrichmentLinkSummary::showOrphans(const QString &oldPrefix, const QString &target,
                                        const QStringList &tables, const QString &error,
                                        const QStringList &sharing)
{
    m_orphanSpinner->stop();
    m_orphanList->clear();
    QString outcome;
    if (!sharing.isEmpty()) {
        outcome = tr("Its tables are not orphaned: “%1” still writes to them.")
                      .arg(sharing.join(tr("”, “")));
    } else if (!error.isEmpty()) {
        outcome =
            tr("The tables of %1 in “%2” could not be listed: %3").arg(oldPrefix, target, error);
    } else if (tables.isEmpty()) {
        outcome = tr("No tables of %1 were found in “%2”.").arg(oldPrefix, target);
    } else {
        outcome = tr("These tables of %1 remain in “%2”; no scan writes to them any more:")
                      .arg(oldPrefix, target);
        m_orphanList->addItems(tables);
    }
    m_orphanStatus->setText(m_orphanIntro + QLatin1Char(' ') + outcome);
    const bool found = m_orphanList->count() > 0;
    showOrphanPanel(m_orphansOnSameTarget || found, found);
}

void EnrichmentLinkSummary::showOrphanPanel(bool visible, bool withList)
{
    m_orphanPanel->setVisible(visible);
    m_orphanList->setVisible(withList);
    // The list takes the room there is; without it the page keeps its content at the top.
    m_column->setStretchFactor(m_orphanPanel, withList ? 1 : 0);
    m_column->setStretch(m_column->count() - 1, withList ? 0 : 1);
}

} // namespace assay
