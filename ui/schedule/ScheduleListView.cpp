#include "ui/schedule/ScheduleListView.h"

#include "app/scheduling/Scheduler.h"
#include "models/catalog/Catalog.h"
#include "models/domain/Clock.h"
#include "ui/schedule/ScheduleDialog.h"
#include "ui/schedule/ScheduleFormat.h"
#include "ui/schedule/ScheduleTableModel.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace assay {

namespace {

const char *const kActionProperty = "scheduleAction";
// The schedule name column's width before the user drags it.
constexpr int kNameWidth = 200;

} // namespace

ScheduleListView::ScheduleListView(Catalog *catalog, QWidget *parent)
    : QWidget(parent), m_catalog(catalog), m_model(new ScheduleTableModel(catalog, this))
{
    setObjectName(QStringLiteral("scheduleListView"));
    setAccessibleName(tr("Schedules"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(createBar());

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("scheduleTable"));
    m_table->setAccessibleName(tr("Schedules"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setShowGrid(false);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->verticalHeader()->hide();
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(ScheduleTableModel::DescriptionColumn, QHeaderView::Stretch);
    // Edit, Pause and Delete sit right after the name, where a wide window with every date
    // filled in never pushes them behind a scrollbar; a long name elides instead.
    header->setSectionResizeMode(ScheduleTableModel::NameColumn, QHeaderView::Interactive);
    header->resizeSection(ScheduleTableModel::NameColumn, kNameWidth);
    header->moveSection(header->visualIndex(ScheduleTableModel::ActionsColumn), 1);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setHighlightSections(false);
    QToolButton probe;
    probe.setText(tr("Resume"));
    m_table->verticalHeader()->setDefaultSectionSize(probe.sizeHint().height() + 6);

    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("scheduleEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setForegroundRole(QPalette::PlaceholderText);

    auto *stack = new QStackedWidget(this);
    stack->addWidget(m_table);
    stack->addWidget(m_empty);
    layout->addWidget(stack, 1);

    auto *deleteAction = new QAction(tr("Delete schedule"), m_table);
    deleteAction->setShortcut(QKeySequence::Delete);
    deleteAction->setShortcutContext(Qt::WidgetShortcut);
    m_table->addAction(deleteAction);
    connect(deleteAction, &QAction::triggered, this, [this] {
        if (const qint64 id = currentId())
            deleteSchedule(id);
    });
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        editSchedule(index.data(ScheduleTableModel::IdRole).toLongLong());
    });
    connect(m_table, &QWidget::customContextMenuRequested, this,
            &ScheduleListView::showContextMenu);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    m_selectedId = current.data(ScheduleTableModel::IdRole).toLongLong();
            });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this, stack] {
        onModelReset();
        stack->setCurrentWidget(m_model->rowCount() ? static_cast<QWidget *>(m_table) : m_empty);
    });
    applyFilters();
    onModelReset();
    stack->setCurrentWidget(m_model->rowCount() ? static_cast<QWidget *>(m_table) : m_empty);
}

QWidget *ScheduleListView::createBar()
{
    auto *bar = new QWidget(this);
    auto *row = new QHBoxLayout(bar);
    row->setContentsMargins(0, 0, 0, 0);

    m_search = new QLineEdit(bar);
    m_search->setObjectName(QStringLiteral("scheduleSearch"));
    m_search->setPlaceholderText(tr("Search schedules"));
    m_search->setAccessibleName(tr("Search schedules by name, datastore or cron"));
    m_search->setToolTip(m_search->accessibleName());
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(220);
    row->addWidget(m_search);

    auto *sortLabel = new QLabel(tr("Sort by"), bar);
    row->addWidget(sortLabel);
    m_sort = new QComboBox(bar);
    m_sort->setObjectName(QStringLiteral("scheduleSort"));
    m_sort->setAccessibleName(tr("Sort by"));
    m_sort->addItem(tr("Created date"), int(ScheduleTableModel::Sort::CreatedAt));
    m_sort->addItem(tr("Operations count"), int(ScheduleTableModel::Sort::OperationCount));
    sortLabel->setBuddy(m_sort);
    row->addWidget(m_sort);
    m_order = new QToolButton(bar);
    m_order->setObjectName(QStringLiteral("scheduleSortOrder"));
    m_order->setAutoRaise(true);
    m_order->setToolTip(tr("Reverse the order"));
    row->addWidget(m_order);

    row->addSpacing(12);
    m_type = new QComboBox(bar);
    m_type->setObjectName(QStringLiteral("scheduleTypeFilter"));
    m_type->setAccessibleName(tr("Filter by operation type"));
    m_type->addItem(tr("All types"), QString());
    for (const char *type : {"catalog", "profile", "scan"})
        m_type->addItem(ScheduleFormat::operationLabel(QLatin1String(type)), QLatin1String(type));
    row->addWidget(m_type);
    row->addStretch(1);

    connect(m_search, &QLineEdit::textChanged, this, &ScheduleListView::applyFilters);
    connect(m_sort, &QComboBox::currentIndexChanged, this, &ScheduleListView::applyFilters);
    connect(m_type, &QComboBox::currentIndexChanged, this, &ScheduleListView::applyFilters);
    connect(m_order, &QToolButton::clicked, this, [this] {
        m_descending = !m_descending;
        applyFilters();
    });
    return bar;
}

void ScheduleListView::applyFilters()
{
    updateOrderButton();
    m_model->setSearchText(m_search->text());
    m_model->setOperationType(m_type->currentData().toString());
    m_model->setSort(ScheduleTableModel::Sort(m_sort->currentData().toInt()), m_descending);
}

void ScheduleListView::updateOrderButton()
{
    const bool count =
        m_sort->currentData().toInt() == int(ScheduleTableModel::Sort::OperationCount);
    QString text;
    if (count)
        text = m_descending ? tr("Most operations first") : tr("Fewest operations first");
    else
        text = m_descending ? tr("Newest first") : tr("Oldest first");
    m_order->setText((m_descending ? QStringLiteral("↓ ") : QStringLiteral("↑ ")) + text);
    m_order->setAccessibleName(tr("Sort order: %1").arg(text));
}

void ScheduleListView::setDatastore(qint64 datastoreId)
{
    m_model->setDatastore(datastoreId);
    m_table->setColumnHidden(ScheduleTableModel::DatastoreColumn, datastoreId != 0);
}

qint64 ScheduleListView::datastore() const
{
    return m_model->datastore();
}

void ScheduleListView::onModelReset()
{
    for (int row = 0; row < m_model->rowCount(); ++row)
        addRowButtons(row);
    const int row = m_model->rowOf(m_selectedId);
    if (row >= 0)
        m_table->selectRow(row);
    if (m_model->totalCount() == 0)
        m_empty->setText(tr("No schedules yet.\nChoose Schedule… when you run a Sync to run it "
                            "on a schedule."));
    else
        m_empty->setText(tr("No schedule matches the search or the type filter."));
}

void ScheduleListView::addRowButtons(int row)
{
    const Schedule s = m_model->scheduleAt(row);
    auto *cell = new QWidget;
    auto *box = new QHBoxLayout(cell);
    box->setContentsMargins(4, 1, 4, 1);
    box->setSpacing(4);
    auto button = [&](RowAction action, const QString &text, const QString &accessible) {
        auto *b = new QToolButton(cell);
        b->setText(text);
        b->setToolButtonStyle(Qt::ToolButtonTextOnly);
        b->setProperty(kActionProperty, int(action));
        b->setAccessibleName(accessible);
        b->setToolTip(accessible);
        b->setFocusPolicy(Qt::TabFocus);
        box->addWidget(b);
        return b;
    };
    auto *edit = button(RowAction::Edit, tr("Edit"), tr("Edit the schedule “%1”").arg(s.name));
    auto *pause = s.enabled ? button(RowAction::PauseResume, tr("Pause"),
                                     tr("Pause the schedule “%1”").arg(s.name))
                            : button(RowAction::PauseResume, tr("Resume"),
                                     tr("Resume the schedule “%1”").arg(s.name));
    auto *remove =
        button(RowAction::Delete, tr("Delete"), tr("Delete the schedule “%1”").arg(s.name));
    box->addStretch(1);
    const qint64 id = s.id;
    const bool enabled = s.enabled;
    connect(edit, &QToolButton::clicked, this, [this, id] { editSchedule(id); });
    connect(pause, &QToolButton::clicked, this,
            [this, id, enabled] { setScheduleEnabled(id, !enabled); });
    connect(remove, &QToolButton::clicked, this, [this, id] { deleteSchedule(id); });
    m_table->setIndexWidget(m_model->index(row, ScheduleTableModel::ActionsColumn), cell);
}

QAbstractButton *ScheduleListView::rowButton(int row, RowAction action) const
{
    QWidget *cell = m_table->indexWidget(m_model->index(row, ScheduleTableModel::ActionsColumn));
    if (!cell)
        return nullptr;
    for (auto *b : cell->findChildren<QAbstractButton *>())
        if (b->property(kActionProperty).toInt() == int(action))
            return b;
    return nullptr;
}

QMessageBox *ScheduleListView::deleteConfirmation() const
{
    return m_confirm.data();
}

qint64 ScheduleListView::currentId() const
{
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() ? current.data(ScheduleTableModel::IdRole).toLongLong() : 0;
}

void ScheduleListView::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_table->indexAt(pos);
    if (!index.isValid())
        return;
    const Schedule s = m_model->scheduleAt(index.row());
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->addAction(tr("Edit…"), this, [this, id = s.id] { editSchedule(id); });
    menu->addAction(s.enabled ? tr("Pause") : tr("Resume"), this,
                    [this, id = s.id, on = !s.enabled] { setScheduleEnabled(id, on); });
    menu->addSeparator();
    menu->addAction(tr("Delete…"), this, [this, id = s.id] { deleteSchedule(id); });
    menu->popup(m_table->viewport()->mapToGlobal(pos));
}

ScheduleDialog *ScheduleListView::editSchedule(qint64 scheduleId)
{
    ScheduleDialog *dialog = ScheduleDialog::editSchedule(m_catalog, scheduleId, this);
    if (!dialog) {
        showError(tr("The schedule no longer exists."));
        return nullptr;
    }
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

bool ScheduleListView::setScheduleEnabled(qint64 scheduleId, bool enabled)
{
    QString error;
    if (Scheduler::setEnabled(*m_catalog, scheduleId, enabled, Clock::utcNow(), &error))
        return true;
    showError(enabled ? tr("The schedule was not resumed: %1").arg(error)
                      : tr("The schedule was not paused: %1").arg(error));
    return false;
}

void ScheduleListView::deleteSchedule(qint64 scheduleId)
{
    const auto s = m_catalog->schedule(scheduleId);
    if (!s || m_confirm)
        return;
    auto *box =
        new QMessageBox(QMessageBox::Question, tr("Delete Schedule"),
                        tr("Delete the schedule “%1”?").arg(s->name), QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("deleteScheduleConfirmation"));
    box->setInformativeText(tr("%1 will no longer run on this schedule. Operations it already "
                               "ran stay in the Runs list.")
                                .arg(ScheduleFormat::operationLabel(s->operationType)));
    QPushButton *remove = box->addButton(tr("Delete"), QMessageBox::DestructiveRole);
    box->setDefaultButton(box->addButton(QMessageBox::Cancel));
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, remove, scheduleId] {
        if (box->clickedButton() == remove && !m_catalog->removeSchedule(scheduleId))
            showError(tr("The schedule was not deleted: %1").arg(m_catalog->lastError()));
    });
    m_confirm = box;
    box->open();
}

void ScheduleListView::showError(const QString &text)
{
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Schedules"), text, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace assay
