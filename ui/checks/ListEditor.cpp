#include "ui/checks/ListEditor.h"

#include <QGridLayout>
#include <QKeyEvent>
#include <QLineEdit>
#include <QListWidget>
#include <QToolButton>

namespace assay {

ListEditor::ListEditor(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setHorizontalSpacing(4);
    layout->setVerticalSpacing(4);
    m_input = new QLineEdit(this);
    m_input->setObjectName(QStringLiteral("listInput"));
    m_input->setPlaceholderText(tr("Type a value and press Enter"));
    m_input->setAccessibleName(tr("New value"));
    m_add = new QToolButton(this);
    m_add->setObjectName(QStringLiteral("listAdd"));
    m_add->setText(tr("Add"));
    m_add->setToolTip(tr("Add the value (one per line when several are pasted)"));
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("listValues"));
    m_list->setAccessibleName(tr("Values"));
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setMinimumHeight(64);
    m_list->setMaximumHeight(120);
    m_list->installEventFilter(this);
    m_remove = new QToolButton(this);
    m_remove->setObjectName(QStringLiteral("listRemove"));
    m_remove->setText(tr("Remove"));
    m_remove->setToolTip(tr("Remove the selected values (Delete)"));
    layout->addWidget(m_input, 0, 0);
    layout->addWidget(m_add, 0, 1);
    layout->addWidget(m_list, 1, 0);
    layout->addWidget(m_remove, 1, 1, Qt::AlignTop);
    m_add->setMinimumWidth(m_remove->sizeHint().width());

    connect(m_input, &QLineEdit::returnPressed, this, &ListEditor::addInput);
    connect(m_input, &QLineEdit::textChanged, this, &ListEditor::updateButtons);
    connect(m_add, &QToolButton::clicked, this, &ListEditor::addInput);
    connect(m_remove, &QToolButton::clicked, this, &ListEditor::removeSelected);
    connect(m_list, &QListWidget::itemSelectionChanged, this, &ListEditor::updateButtons);
    updateButtons();
}

QStringList ListEditor::values() const
{
    QStringList out;
    for (int i = 0; i < m_list->count(); ++i)
        out << m_list->item(i)->text();
    return out;
}

void ListEditor::setValues(const QStringList &values)
{
    m_list->clear();
    QStringList seen;
    for (const QString &v : values) {
        if (seen.contains(v))
            continue;
        seen << v;
        m_list->addItem(v);
    }
    updateButtons();
    emit changed();
}

void ListEditor::addInput()
{
    bool added = false;
    for (const QString &line : m_input->text().split(QLatin1Char('\n'))) {
        if (line.isEmpty() || values().contains(line))
            continue;
        m_list->addItem(line);
        added = true;
    }
    m_input->clear();
    updateButtons();
    if (added) {
        m_list->scrollToBottom();
        emit changed();
    }
}

void ListEditor::removeSelected()
{
    const QList<QListWidgetItem *> selected = m_list->selectedItems();
    if (selected.isEmpty())
        return;
    qDeleteAll(selected);
    updateButtons();
    emit changed();
}

bool ListEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_list && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Delete || key->key() == Qt::Key_Backspace) {
            removeSelected();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void ListEditor::updateButtons()
{
    m_add->setEnabled(!m_input->text().isEmpty());
    m_remove->setEnabled(!m_list->selectedItems().isEmpty());
}

} // namespace assay
