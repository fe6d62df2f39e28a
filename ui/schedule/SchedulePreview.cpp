#include "ui/schedule/SchedulePreview.h"

#include "app/scheduling/CronExpression.h"
#include "ui/common/Theme.h"
#include "ui/schedule/ScheduleFormat.h"

#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>

namespace assay {

namespace {

enum Row { CronRow, DescriptionRow, ErrorRow, RunsRow };

} // namespace

SchedulePreview::SchedulePreview(QWidget *parent)
    : QWidget(parent), m_cronLabel(new QLabel(this)), m_description(new QLabel(this)),
      m_errorLabel(new QLabel(this)), m_list(new QTreeWidget(this))
{
    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignLeft | Qt::AlignTop);
    form->setVerticalSpacing(6);

    m_cronLabel->setObjectName(QStringLiteral("cronLabel"));
    m_cronLabel->setFont(theme::monospaceFont());
    m_cronLabel->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_cronLabel->setAccessibleName(tr("Cron expression"));
    m_cronLabel->setCursor(Qt::IBeamCursor);

    m_description->setObjectName(QStringLiteral("cronDescription"));
    m_description->setWordWrap(true);
    m_description->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_description->setAccessibleName(tr("Schedule in words"));

    m_errorLabel->setObjectName(QStringLiteral("scheduleError"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorLabel->setAccessibleName(tr("Schedule error"));
    theme::paintAsError(m_errorLabel);

    m_list->setObjectName(QStringLiteral("nextRuns"));
    m_list->setAccessibleName(tr("Next %n run(s)", nullptr, kRunCount));
    m_list->setColumnCount(2);
    m_list->setHeaderLabels({tr("UTC"), tr("Local time")});
    m_list->setRootIsDecorated(false);
    m_list->setItemsExpandable(false);
    m_list->setSelectionMode(QAbstractItemView::NoSelection);
    m_list->setFocusPolicy(Qt::NoFocus);
    m_list->setUniformRowHeights(true);
    m_list->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    m_list->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_list->header()->setSectionResizeMode(QHeaderView::Stretch);
    m_list->header()->setSectionsMovable(false);
    for (int i = 0; i < kRunCount; ++i)
        m_list->addTopLevelItem(new QTreeWidgetItem({QStringLiteral("—"), QStringLiteral("—")}));

    form->insertRow(CronRow, tr("Cron expression"), m_cronLabel);
    form->insertRow(DescriptionRow, tr("Runs"), m_description);
    form->insertRow(ErrorRow, tr("Problem"), m_errorLabel);
    form->insertRow(RunsRow, tr("Next %n run(s)", nullptr, kRunCount), m_list);
    form->setRowVisible(ErrorRow, false);
}

void SchedulePreview::setSpec(const ScheduleSpec &spec, const QDateTime &nowUtc)
{
    m_error = spec.validate();
    m_cron.clear();
    m_runs.clear();
    CronExpression expression;
    if (m_error.isEmpty()) {
        m_cron = spec.toCron();
        expression = CronExpression::parse(m_cron, &m_error);
    }
    if (m_error.isEmpty()) {
        m_runs = expression.next(nowUtc, kRunCount);
        if (m_runs.isEmpty())
            m_error = tr("“%1” never runs: no date in the next %2 years matches it.")
                          .arg(m_cron)
                          .arg(CronExpression::kSearchYears);
    }
    if (!m_error.isEmpty())
        m_cron.clear();

    m_cronLabel->setText(m_cron.isEmpty() ? QStringLiteral("—") : m_cron);
    m_description->setText(m_error.isEmpty() ? expression.describe() : QString());
    m_errorLabel->setText(m_error);
    auto *form = static_cast<QFormLayout *>(layout());
    form->setRowVisible(DescriptionRow, m_error.isEmpty());
    form->setRowVisible(ErrorRow, !m_error.isEmpty());

    for (int i = 0; i < kRunCount; ++i) {
        QTreeWidgetItem *item = m_list->topLevelItem(i);
        const QDateTime at = i < m_runs.size() ? m_runs.at(i) : QDateTime();
        item->setText(0, ScheduleFormat::utc(at));
        item->setText(1, ScheduleFormat::local(at));
    }
}

} // namespace assay
