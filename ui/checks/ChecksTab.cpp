#include "ui/checks/ChecksTab.h"

#include "app/checks/CheckDecisions.h"
#include "models/catalog/Catalog.h"
#include "models/item/CheckListModel.h"
#include "ui/checks/CheckEditDialog.h"
#include "ui/checks/CheckPresentation.h"
#include "ui/checks/CheckSqlDialog.h"

#include <QButtonGroup>
#include <QFontMetrics>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace assay {

namespace {

const QStringList &statuses()
{
    static const QStringList kStatuses{check_status::kActive, check_status::kDraft,
                                       check_status::kArchived};
    return kStatuses;
}

} // namespace

ChecksTab::ChecksTab(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("checksTab"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 12);
    layout->setSpacing(8);

    auto *bar = new QHBoxLayout;
    bar->setSpacing(6);
    m_filter = new QButtonGroup(this);
    m_filter->setExclusive(true);
    for (const QString &status : statuses()) {
        auto *button = new QToolButton(this);
        button->setObjectName(QStringLiteral("filter%1").arg(status));
        button->setCheckable(true);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        button->setAutoRaise(false);
        button->setProperty("status", status);
        m_filter->addButton(button);
        m_filterButtons.insert(status, button);
        bar->addWidget(button);
    }
    m_filterButtons.value(check_status::kActive)->setChecked(true);
    bar->addStretch(1);
    m_new = new QPushButton(tr("New…"), this);
    m_new->setObjectName(QStringLiteral("checkNew"));
    m_new->setToolTip(tr("Write a check on this container"));
    m_edit = new QPushButton(tr("Edit…"), this);
    m_edit->setObjectName(QStringLiteral("checkEdit"));
    m_activate = new QPushButton(tr("Activate"), this);
    m_activate->setObjectName(QStringLiteral("checkActivate"));
    m_activate->setToolTip(tr("Scans assert the check from now on"));
    m_archive = new QPushButton(tr("Archive"), this);
    m_archive->setObjectName(QStringLiteral("checkArchive"));
    m_archive->setToolTip(tr("Scans stop asserting the check; it stays in the Archived list"));
    m_sql = new QPushButton(tr("Show SQL"), this);
    m_sql->setObjectName(QStringLiteral("checkSql"));
    m_sql->setToolTip(tr("The query a scan runs for the check"));
    for (QPushButton *b : {m_new, m_edit, m_activate, m_archive, m_sql})
        bar->addWidget(b);
    layout->addLayout(bar);

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("checksView"));
    m_view->setAccessibleName(tr("Checks"));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    layout->addWidget(m_view, 1);
    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("checksEmpty"));
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    layout->addWidget(m_empty);

    connect(m_filter, &QButtonGroup::buttonClicked, this, [this](QAbstractButton *button) {
        setStatusFilter(button->property("status").toString());
    });
    connect(m_new, &QPushButton::clicked, this, &ChecksTab::newCheck);
    connect(m_edit, &QPushButton::clicked, this, &ChecksTab::editSelected);
    connect(m_activate, &QPushButton::clicked, this, &ChecksTab::activateSelected);
    connect(m_archive, &QPushButton::clicked, this, &ChecksTab::archiveSelected);
    connect(m_sql, &QPushButton::clicked, this, &ChecksTab::showSql);
    connect(m_view, &QTableView::doubleClicked, this, &ChecksTab::editSelected);
    updateCounts();
    updateActions();
}

void ChecksTab::setContainer(Catalog *catalog, qint64 containerId)
{
    if (catalog != m_catalog) {
        m_catalog = catalog;
        delete m_model;
        m_model = catalog ? new CheckListModel(catalog, this) : nullptr;
        m_view->setModel(m_model);
        if (m_model) {
            connect(m_model, &CheckListModel::contentsChanged, this, [this] {
                updateCounts();
                updateActions();
            });
            connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
                    &ChecksTab::updateActions);
            QHeaderView *header = m_view->horizontalHeader();
            header->setSectionResizeMode(QHeaderView::Interactive);
            header->setSectionResizeMode(CheckListModel::PropertiesColumn, QHeaderView::Stretch);
            // Widths from the font and the words shown: a rule title such as "Satisfies
            // Expression" and the Coverage header whole at any font size.
            const QFontMetrics fm(m_view->font());
            const int pad = 3 * fm.averageCharWidth();
            const auto width = [&](const QString &longest) {
                return fm.horizontalAdvance(longest) + pad;
            };
            header->resizeSection(CheckListModel::RuleColumn,
                                  width(QStringLiteral("Satisfies Expression")));
            header->resizeSection(CheckListModel::FieldsColumn,
                                  width(QStringLiteral("shipping_country")));
            header->resizeSection(
                CheckListModel::CoverageColumn,
                qMax(width(m_model->headerData(CheckListModel::CoverageColumn, Qt::Horizontal)
                               .toString()),
                     width(QStringLiteral("100%"))));
            header->resizeSection(CheckListModel::StatusColumn, width(tr("Archived")));
            // Larger counts elide; the tooltip has them whole.
            header->resizeSection(CheckListModel::LastScanColumn,
                                  width(tr("Failed: 999 of 9,999")));
            header->resizeSection(CheckListModel::OriginColumn, width(tr("Inferred, edited")));
        }
    }
    m_containerId = containerId;
    if (!m_model)
        return;
    const auto container = catalog->container(containerId);
    m_model->setPresenter(
        check_presentation::presenter(catalog, container ? container->datastoreId : 0));
    CheckQuery query;
    query.containerId = containerId;
    query.status = statusFilter();
    m_model->setQuery(query);
}

QString ChecksTab::statusFilter() const
{
    QAbstractButton *checked = m_filter->checkedButton();
    return checked ? checked->property("status").toString() : check_status::kActive;
}

void ChecksTab::setStatusFilter(const QString &status)
{
    if (QAbstractButton *button = m_filterButtons.value(status))
        button->setChecked(true);
    if (m_model)
        m_model->setStatusFilter(status);
    updateCounts();
    updateActions();
}

QAbstractButton *ChecksTab::filterButton(const QString &status) const
{
    return m_filterButtons.value(status);
}

void ChecksTab::updateCounts()
{
    const QHash<QString, int> counts = m_model ? m_model->statusCounts() : QHash<QString, int>();
    for (const QString &status : statuses())
        m_filterButtons.value(status)->setText(QStringLiteral("%1 (%2)").arg(
            CheckListModel::statusLabel(status), QString::number(counts.value(status))));
    const bool empty = !m_model || m_model->rowCount() == 0;
    m_view->setVisible(!empty);
    m_empty->setVisible(empty);
    const QString status = statusFilter();
    if (status == check_status::kActive)
        m_empty->setText(tr("No active checks. A Profile infers checks from the data; New… "
                            "writes one."));
    else if (status == check_status::kDraft)
        m_empty->setText(tr("No draft checks. Profiles may infer checks as drafts for you to "
                            "review before scans assert them."));
    else
        m_empty->setText(tr("No archived checks."));
}

qint64 ChecksTab::selectedCheckId() const
{
    if (!m_model || !m_view->selectionModel())
        return 0;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? 0 : m_model->checkIdAt(rows.first().row());
}

bool ChecksTab::selectCheck(qint64 checkId)
{
    const int row = m_model ? m_model->rowOf(checkId) : -1;
    if (row < 0)
        return false;
    m_view->selectRow(row);
    m_view->scrollTo(m_model->index(row, 0));
    return true;
}

void ChecksTab::updateActions()
{
    const qint64 id = selectedCheckId();
    const QString status = id ? m_model->checkAt(m_model->rowOf(id)).status : QString();
    m_new->setEnabled(m_catalog && m_containerId);
    m_edit->setEnabled(id);
    m_sql->setEnabled(id);
    m_activate->setEnabled(id && status != check_status::kActive);
    m_archive->setEnabled(id && status != check_status::kArchived);
}

void ChecksTab::openDialog(CheckEditDialog *dialog)
{
    m_dialog = dialog;
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const qint64 id = dialog->savedCheckId();
        const auto saved = m_catalog->check(id);
        if (!saved)
            return;
        // Show the saved check where it now is, even when it left the current filter.
        if (saved->status != statusFilter())
            setStatusFilter(saved->status);
        selectCheck(id);
    });
    dialog->open();
}

void ChecksTab::newCheck()
{
    if (!m_catalog || !m_containerId)
        return;
    openDialog(new CheckEditDialog(m_catalog, m_containerId, this));
}

void ChecksTab::editSelected()
{
    const auto check = m_catalog ? m_catalog->check(selectedCheckId()) : Lookup<Check>::notFound();
    if (!check)
        return;
    openDialog(new CheckEditDialog(m_catalog, *check, this));
}

// A person's status decision: an inferred check becomes theirs and keeps this status through
// later profiles (check_decisions, shared with the CLI).
void ChecksTab::activateSelected()
{
    const qint64 id = selectedCheckId();
    if (id)
        check_decisions::setStatus(*m_catalog, id, check_status::kActive);
}

void ChecksTab::archiveSelected()
{
    const qint64 id = selectedCheckId();
    if (id)
        check_decisions::setStatus(*m_catalog, id, check_status::kArchived);
}

void ChecksTab::showSql()
{
    const auto check = m_catalog ? m_catalog->check(selectedCheckId()) : Lookup<Check>::notFound();
    if (!check)
        return;
    auto *dialog = new CheckSqlDialog(m_catalog, *check, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_sqlDialog = dialog;
    dialog->open();
}

} // namespace assay
