#include "ui/operations/CheckVariablesEditor.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QRegularExpression>
#include <QSet>
#include <QTableWidget>
#include <QVBoxLayout>

namespace assay {

namespace {

QString cellText(const QTableWidget *table, int row, int column)
{
    const QTableWidgetItem *item = table->item(row, column);
    return item ? item->text().trimmed() : QString();
}

} // namespace

CheckVariablesEditor::CheckVariablesEditor(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_table = new QTableWidget(0, 2);
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Value")});
    m_table->setAccessibleName(tr("Check variables"));
    m_table->setToolTip(tr("Values for {{name}} in check filters and expressions. Write the value "
                           "as SQL would: 42, 'text', DATE '2024-01-31' or "
                           "TIMESTAMP '2024-01-31 00:00:00'."));
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->resizeSection(0, 140);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    // A few rows are the common case; the table scrolls beyond that instead of taking the
    // space the container list needs.
    m_table->setMinimumHeight(90);
    m_table->setMaximumHeight(130);
    layout->addWidget(m_table, 1);

    auto *buttons = new QVBoxLayout;
    m_add = new QPushButton(tr("Add"));
    m_add->setAccessibleName(tr("Add check variable"));
    m_remove = new QPushButton(tr("Remove"));
    m_remove->setAccessibleName(tr("Remove check variable"));
    m_remove->setEnabled(false);
    // Enter in the dialog runs it (its default button), not Add or Remove.
    for (QPushButton *b : {m_add, m_remove})
        b->setAutoDefault(false);
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    layout->addLayout(buttons);

    connect(m_add, &QPushButton::clicked, this, [this] {
        addVariable();
        m_table->setCurrentCell(m_table->rowCount() - 1, 0);
        m_table->editItem(m_table->item(m_table->rowCount() - 1, 0));
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        const int row = m_table->currentRow();
        if (row < 0)
            return;
        m_table->removeRow(row);
        emit changed();
    });
    connect(m_table, &QTableWidget::currentCellChanged, this,
            [this](int row) { m_remove->setEnabled(row >= 0); });
    connect(m_table, &QTableWidget::itemChanged, this, &CheckVariablesEditor::changed);
}

void CheckVariablesEditor::addVariable(const QString &name, const QString &value)
{
    {
        const QSignalBlocker blocker(m_table);
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        m_table->setItem(row, 0, new QTableWidgetItem(name));
        m_table->setItem(row, 1, new QTableWidgetItem(value));
    }
    emit changed();
}

void CheckVariablesEditor::setVariables(const QJsonObject &variables)
{
    {
        const QSignalBlocker blocker(m_table);
        m_table->setRowCount(0);
    }
    for (auto it = variables.begin(); it != variables.end(); ++it)
        addVariable(it.key(), it.value().isString() ? it.value().toString()
                                                    : it.value().toVariant().toString());
    emit changed();
}

QJsonObject CheckVariablesEditor::variables() const
{
    QJsonObject out;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString name = cellText(m_table, row, 0);
        if (!name.isEmpty())
            out.insert(name, cellText(m_table, row, 1));
    }
    return out;
}

QString CheckVariablesEditor::validationError() const
{
    // The same shape CheckSqlText recognises inside {{ }}.
    static const QRegularExpression identifier(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    QSet<QString> seen;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString name = cellText(m_table, row, 0);
        const QString value = cellText(m_table, row, 1);
        if (name.isEmpty()) {
            if (!value.isEmpty())
                return tr("Check variable row %1 has a value but no name.").arg(row + 1);
            continue;
        }
        if (!identifier.match(name).hasMatch())
            return tr("Check variable “%1”: use letters, digits and _ only, not starting with a "
                      "digit.")
                .arg(name);
        if (seen.contains(name))
            return tr("Check variable “%1” is given twice.").arg(name);
        seen.insert(name);
    }
    return {};
}

} // namespace assay
