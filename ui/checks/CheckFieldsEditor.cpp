#include "ui/checks/CheckFieldsEditor.h"

#include "app/connectors/FieldTypes.h"

#include <QComboBox>
#include <QLabel>
#include <QListWidget>
#include <QVBoxLayout>

namespace assay {

CheckFieldsEditor::CheckFieldsEditor(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(3);
    m_combo = new QComboBox(this);
    m_combo->setObjectName(QStringLiteral("checkField"));
    m_combo->setAccessibleName(tr("Field"));
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("checkFields"));
    m_list->setAccessibleName(tr("Fields"));
    m_list->setMaximumHeight(140);
    m_hint = new QLabel(this);
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    m_hint->setWordWrap(true);
    layout->addWidget(m_combo);
    layout->addWidget(m_list);
    layout->addWidget(m_hint);
    connect(m_combo, &QComboBox::currentIndexChanged, this, &CheckFieldsEditor::changed);
    connect(m_list, &QListWidget::itemChanged, this, &CheckFieldsEditor::changed);
}

bool CheckFieldsEditor::accepts(const RuleSpec &rule, const Field &field)
{
    if (field.removed)
        return false;
    return rule.scope == RuleScope::Table || rule.acceptsType(fieldFamily(field));
}

bool CheckFieldsEditor::ruleFits(const RuleSpec &rule, const QList<Field> &fields)
{
    int accepted = 0;
    for (const Field &f : fields)
        if (accepts(rule, f))
            ++accepted;
    return accepted >= rule.minFields;
}

void CheckFieldsEditor::setRule(const RuleSpec &rule, const QList<Field> &fields)
{
    const QStringList previous = this->fields();
    const QSignalBlocker quietCombo(m_combo);
    const QSignalBlocker quietList(m_list);
    m_combo->clear();
    m_list->clear();
    m_offered = 0;
    m_takesFields = rule.maxFields != 0;
    const bool single = rule.minFields == 1 && rule.maxFields == 1;
    m_single = single;
    for (const Field &f : fields) {
        if (!accepts(rule, f))
            continue;
        ++m_offered;
        const QString label = QStringLiteral("%1  (%2)").arg(f.name, f.declaredType);
        if (single) {
            m_combo->addItem(label, f.name);
        } else {
            auto *item = new QListWidgetItem(label, m_list);
            item->setData(Qt::UserRole, f.name);
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
            item->setCheckState(Qt::Unchecked);
        }
    }
    m_combo->setVisible(single);
    m_list->setVisible(!single && m_takesFields);
    // A list sized to its rows, up to a handful; it scrolls beyond.
    if (!single) {
        const int rows = qBound(2, m_list->count(), 6);
        const int row = m_list->count() ? m_list->sizeHintForRow(0) : fontMetrics().height() + 4;
        m_list->setFixedHeight(rows * row + 2 * m_list->frameWidth() + 2);
    }
    QString hint;
    if (rule.maxFields < 0 && rule.minFields > 0)
        hint = rule.minFields == 1 ? tr("Choose at least one field.")
                                   : tr("Choose at least %1 fields.").arg(rule.minFields);
    else if (rule.maxFields < 0)
        hint = tr("Optional: the fields the expression reads.");
    else if (rule.maxFields > 1)
        hint = tr("Choose %1 fields.").arg(rule.maxFields);
    if (!rule.fieldTypes.isEmpty() && rule.scope != RuleScope::Table) {
        QStringList types;
        for (TypeFamily t : rule.fieldTypes)
            types << typeFamilyName(t);
        const QString accepted = tr("Only %1 fields are offered.").arg(types.join(tr(" or ")));
        hint = hint.isEmpty() ? accepted : hint + QLatin1Char(' ') + accepted;
    }
    m_hint->setText(hint);
    m_hint->setVisible(!hint.isEmpty() && m_takesFields);
    setFields(previous);
}

QStringList CheckFieldsEditor::fields() const
{
    if (!m_takesFields)
        return {};
    if (m_single)
        return m_combo->currentIndex() >= 0 ? QStringList{m_combo->currentData().toString()}
                                            : QStringList();
    QStringList out;
    for (int i = 0; i < m_list->count(); ++i)
        if (m_list->item(i)->checkState() == Qt::Checked)
            out << m_list->item(i)->data(Qt::UserRole).toString();
    return out;
}

void CheckFieldsEditor::setFields(const QStringList &names)
{
    {
        const QSignalBlocker quietCombo(m_combo);
        const QSignalBlocker quietList(m_list);
        if (!names.isEmpty()) {
            const int at = m_combo->findData(names.first());
            if (at >= 0)
                m_combo->setCurrentIndex(at);
        }
        for (int i = 0; i < m_list->count(); ++i)
            m_list->item(i)->setCheckState(
                names.contains(m_list->item(i)->data(Qt::UserRole).toString()) ? Qt::Checked
                                                                               : Qt::Unchecked);
    }
    emit changed();
}

} // namespace assay
