#include "ui/checks/CheckEditDialog.h"

#include "app/checks/CheckDecisions.h"
#include "app/connectors/FieldTypes.h"
#include "models/catalog/Catalog.h"
#include "models/item/CheckListModel.h"
#include "ui/checks/CheckFieldsEditor.h"
#include "ui/common/Theme.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace assay {

namespace {

QLabel *noteLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setForegroundRole(QPalette::PlaceholderText);
    label->setWordWrap(true);
    return label;
}

QStringList splitTags(const QString &text)
{
    QStringList tags;
    for (const QString &part : text.split(QLatin1Char(','))) {
        const QString tag = part.trimmed();
        if (!tag.isEmpty() && !tags.contains(tag))
            tags << tag;
    }
    return tags;
}

// {{name}} placeholders of a filter, in order of appearance.
QStringList filterVariables(const QString &filter)
{
    static const QRegularExpression kVariable(QStringLiteral("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)"
                                                             "\\s*\\}\\}"));
    QStringList names;
    for (auto it = kVariable.globalMatch(filter); it.hasNext();) {
        const QString name = it.next().captured(1);
        if (!names.contains(name))
            names << name;
    }
    return names;
}

// A percentage without needless decimals: "95 %", "99.5 %".
class PercentSpinBox : public QDoubleSpinBox
{
public:
    using QDoubleSpinBox::QDoubleSpinBox;
    QString textFromValue(double value) const override
    {
        return locale().toString(value, 'f', qFuzzyCompare(value, double(qRound(value))) ? 0 : 1);
    }
};

// The Catalog stores empty texts, never NULL: an empty QString that is not null.
QString nonNull(const QString &text)
{
    return text.isNull() ? QString::fromUtf8("") : text;
}

// A check as compared for "did the person change anything" (the edit mark aside).
bool sameContent(Check a, Check b)
{
    a.userEdited = b.userEdited = false;
    return a == b;
}

} // namespace

CheckEditDialog::CheckEditDialog(Catalog *catalog, qint64 containerId, QWidget *parent)
    : QDialog(parent), m_catalog(catalog)
{
    m_original.containerId = containerId;
    if (const auto c = catalog->container(containerId))
        m_original.datastoreId = c->datastoreId;
    m_original.status = check_status::kActive;
    load();
    build();
    rebuildForRule();
    updateState();
}

CheckEditDialog::CheckEditDialog(Catalog *catalog, const Check &check, QWidget *parent)
    : QDialog(parent), m_catalog(catalog), m_original(check), m_editing(true)
{
    load();
    build();
    selectRule(check.rule);
    m_rule->setEnabled(false);
    applyCheck(check);
    updateState();
}

void CheckEditDialog::load()
{
    m_containerFields = m_catalog->fields(m_original.containerId);
    if (m_original.datastoreId)
        m_containers = m_catalog->containers(m_original.datastoreId);
}

QHash<QString, TypeFamily> CheckEditDialog::fieldTypes() const
{
    QHash<QString, TypeFamily> types;
    for (const Field &f : m_containerFields)
        if (!f.removed)
            types.insert(f.name, fieldFamily(f));
    return types;
}

void CheckEditDialog::build()
{
    const auto container = m_catalog->container(m_original.containerId);
    const QString containerName = container ? container->name : QString();
    setObjectName(QStringLiteral("checkEditDialog"));
    setWindowTitle(m_editing ? tr("Edit Check") : tr("New Check on %1").arg(containerName));
    setAccessibleName(windowTitle());

    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(10);
    const QString intro = m_editing ? tr("Edit check %1 on <b>%2</b>.")
                                          .arg(m_original.id)
                                          .arg(containerName.toHtmlEscaped())
                                    : tr("A check that every scan of <b>%1</b> asserts.")
                                          .arg(containerName.toHtmlEscaped());
    auto *introLabel = new QLabel(intro, this);
    introLabel->setWordWrap(true);
    layout->addWidget(introLabel);
    if (m_editing && m_original.inferred) {
        auto *inferred = noteLabel(this);
        inferred->setObjectName(QStringLiteral("inferredNote"));
        inferred->setText(tr("Profile inferred this check. Saving a change makes it yours: "
                             "later profiles leave it alone."));
        layout->addWidget(inferred);
    }

    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    m_form->setLabelAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_form->setVerticalSpacing(8);

    m_rule = new QComboBox(this);
    m_rule->setObjectName(QStringLiteral("checkRule"));
    m_rule->setAccessibleName(tr("Rule"));
    m_rule->setMaxVisibleItems(20);
    for (const RuleSpec &r : rules::all()) {
        if (!m_editing && !CheckFieldsEditor::ruleFits(r, m_containerFields))
            continue;
        if (!m_editing && r.crossContainer && m_containers.isEmpty())
            continue;
        m_rule->addItem(r.title, r.name);
        m_rule->setItemData(m_rule->count() - 1, r.description, Qt::ToolTipRole);
    }
    m_form->addRow(tr("Rule"), m_rule);
    m_ruleDescription = noteLabel(this);
    m_ruleDescription->setObjectName(QStringLiteral("ruleDescription"));
    m_form->addRow(QString(), m_ruleDescription);

    m_fields = new CheckFieldsEditor(this);
    m_form->addRow(tr("Fields"), m_fields);

    m_coverage = new PercentSpinBox(this);
    m_coverage->setObjectName(QStringLiteral("checkCoverage"));
    m_coverage->setAccessibleName(tr("Coverage"));
    m_coverage->setRange(0.1, 100);
    m_coverage->setDecimals(1);
    m_coverage->setSuffix(QStringLiteral(" %"));
    m_coverage->setValue(100);
    m_coverage->setMaximumWidth(120);
    m_coverageNote = noteLabel(this);
    auto *coverageRow = new QWidget(this);
    auto *coverageLayout = new QHBoxLayout(coverageRow);
    coverageLayout->setContentsMargins(0, 0, 0, 0);
    coverageLayout->addWidget(m_coverage);
    coverageLayout->addWidget(m_coverageNote, 1);
    m_form->addRow(tr("Coverage"), coverageRow);

    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("checkFilter"));
    m_filter->setAccessibleName(tr("Filter"));
    m_filter->setFont(theme::monospaceFont());
    m_filter->setPlaceholderText(tr("Optional SQL condition, e.g. created_at >= '{{since}}'"));
    m_filter->setClearButtonEnabled(true);
    m_form->addRow(tr("Filter"), m_filter);
    m_variables = noteLabel(this);
    m_variables->setObjectName(QStringLiteral("filterVariables"));
    m_form->addRow(QString(), m_variables);

    m_description = new QLineEdit(this);
    m_description->setObjectName(QStringLiteral("checkDescription"));
    m_description->setAccessibleName(tr("Description"));
    m_description->setPlaceholderText(tr("What the check protects, for whoever reads an anomaly"));
    m_form->addRow(tr("Description"), m_description);
    m_tags = new QLineEdit(this);
    m_tags->setObjectName(QStringLiteral("checkTags"));
    m_tags->setAccessibleName(tr("Tags"));
    m_tags->setPlaceholderText(tr("Comma-separated, e.g. finance, critical"));
    m_form->addRow(tr("Tags"), m_tags);

    m_status = new QComboBox(this);
    m_status->setObjectName(QStringLiteral("checkStatus"));
    m_status->setAccessibleName(tr("Status"));
    m_status->addItem(tr("Active: scans assert it"), check_status::kActive);
    m_status->addItem(tr("Draft: kept, not asserted yet"), check_status::kDraft);
    m_form->addRow(tr("Status"), m_status);
    m_form->setRowVisible(m_status, !m_editing);
    layout->addLayout(m_form);

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("checkProblem"));
    m_problem->setAccessibleName(tr("Why the check cannot be saved"));
    m_problem->setWordWrap(true);
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    theme::paintAsError(m_problem);
    layout->addWidget(m_problem);
    layout->addStretch(1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setObjectName(QStringLiteral("checkOk"));
    m_ok->setText(m_editing ? tr("Save") : tr("Create Check"));
    connect(buttons, &QDialogButtonBox::accepted, this, &CheckEditDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    connect(m_rule, &QComboBox::currentIndexChanged, this, [this] {
        rebuildForRule();
        updateState();
    });
    connect(m_fields, &CheckFieldsEditor::changed, this, &CheckEditDialog::updateState);
    connect(m_coverage, &QDoubleSpinBox::valueChanged, this, &CheckEditDialog::updateState);
    connect(m_filter, &QLineEdit::textChanged, this, [this] {
        updateVariables();
        updateState();
    });
    connect(m_description, &QLineEdit::textChanged, this, &CheckEditDialog::updateState);
    connect(m_tags, &QLineEdit::textChanged, this, &CheckEditDialog::updateState);
    setMinimumWidth(560);
    updateVariables();
}

const RuleSpec *CheckEditDialog::currentRule() const
{
    return rules::find(m_rule->currentData().toString());
}

bool CheckEditDialog::selectRule(const QString &rule)
{
    int at = m_rule->findData(rule);
    if (at < 0 && m_editing) {
        // An edited check keeps its rule even when the fields no longer fit it.
        if (const RuleSpec *spec = rules::find(rule)) {
            m_rule->addItem(spec->title, spec->name);
            at = m_rule->count() - 1;
        }
    }
    if (at < 0)
        return false;
    if (m_rule->currentIndex() == at)
        rebuildForRule();
    else
        m_rule->setCurrentIndex(at);
    return true;
}

QWidget *CheckEditDialog::propertyEditor(const QString &key) const
{
    for (const PropertyEditor &e : m_editors)
        if (e.property.key == key)
            return e.widget;
    return nullptr;
}

void CheckEditDialog::rebuildForRule()
{
    const RuleSpec *rule = currentRule();
    // The property rows sit in the form itself, under the fields, aligned with the rest.
    for (const PropertyEditor &e : m_editors)
        m_form->removeRow(e.widget);
    m_editors.clear();
    if (!rule)
        return;
    m_ruleDescription->setText(rule->description);
    m_fields->setRule(*rule, m_containerFields);
    m_form->setRowVisible(m_fields, m_fields->takesFields());

    int row = 0;
    QFormLayout::ItemRole role;
    m_form->getWidgetPosition(m_fields, &row, &role);
    PropertyEditorContext context{m_catalog, m_original.containerId, m_containerFields,
                                  m_containers};
    for (const RuleProperty &p : rule->properties) {
        PropertyEditor e = makePropertyEditor(p, context, this, [this] { updateState(); });
        // A check box, a choice and a property with a default always hold a value: only the
        // other optional properties say so.
        const bool optional = !p.required && p.type != PropertyType::Boolean &&
                              p.type != PropertyType::Choice && p.defaultValue.isNull();
        m_form->insertRow(++row, optional ? tr("%1 (optional)").arg(p.title) : p.title, e.widget);
        m_editors << e;
    }
    // A reference field is chosen among the fields of the reference container.
    for (PropertyEditor &field : m_editors) {
        if (!field.setReferenceContainer)
            continue;
        for (const PropertyEditor &container : m_editors) {
            if (container.property.type != PropertyType::Container)
                continue;
            auto refill = [field, container] {
                field.setReferenceContainer(container.value().toVariant().toLongLong());
            };
            auto *combo = qobject_cast<QComboBox *>(container.widget);
            if (combo)
                connect(combo, &QComboBox::currentIndexChanged, this, refill);
            refill();
        }
    }

    // Shown now rather than by QLayout's queued show, which left the form's cached row heights
    // counting a new row as empty (a Period combo of no height under the Fields row).
    for (const PropertyEditor &e : m_editors) {
        e.widget->show();
        if (QWidget *label = m_form->labelForField(e.widget))
            label->show();
    }
    m_form->invalidate();
    m_form->setRowVisible(m_coverage->parentWidget(), rule->coverageAllowed);
    // A rule with more properties than the last needs more height: the dialog grows (its
    // minimum width is its own, so its layout does not impose a minimum height).
    if (isVisible() && layout()) {
        layout()->activate();
        resize(width(), qMax(height(), sizeHint().height()));
    }
    m_coverageNote->setText(rule->shapeAnomalies && rule->recordAnomalies
                                ? tr("Below 100%, the check passes when that share of the "
                                     "records does (one shape anomaly otherwise).")
                                : QString());
    m_form->setRowVisible(m_filter, rule->filterAllowed);
    m_form->setRowVisible(m_variables, rule->filterAllowed && !m_variables->text().isEmpty());
}

void CheckEditDialog::applyCheck(const Check &check)
{
    m_fields->setFields(check.fields);
    for (PropertyEditor &e : m_editors) {
        const QJsonValue v = check.properties.value(e.property.key);
        if (!v.isUndefined() && !v.isNull())
            e.setValue(v);
    }
    m_coverage->setValue(check.coverage * 100.0);
    m_filter->setText(check.filter);
    m_description->setText(check.description);
    m_tags->setText(check.tags.join(QStringLiteral(", ")));
    m_status->setCurrentIndex(qMax(0, m_status->findData(check.status)));
}

Check CheckEditDialog::check() const
{
    Check k = m_original;
    const RuleSpec *rule = currentRule();
    k.rule = rule ? rule->name : QString();
    k.fields = m_fields->fields();
    // Keys the rule does not define (written by another version) are kept as they were.
    QJsonObject properties = k.rule == m_original.rule ? m_original.properties : QJsonObject();
    for (const PropertyEditor &e : m_editors) {
        const QJsonValue v = e.value();
        if (v.isUndefined())
            properties.remove(e.property.key);
        else
            properties.insert(e.property.key, v);
    }
    k.properties = properties;
    k.coverage = rule && rule->coverageAllowed ? m_coverage->value() / 100.0 : 1.0;
    if (rule && rule->coverageAllowed && m_coverage->value() >= 99.95)
        k.coverage = 1.0;
    k.filter = nonNull(rule && rule->filterAllowed ? m_filter->text().trimmed() : QString());
    k.description = nonNull(m_description->text().trimmed());
    k.tags = splitTags(m_tags->text());
    if (!m_editing)
        k.status = m_status->currentData().toString();
    // The rule shared with the CLI: a person's change makes an inferred check theirs.
    return m_editing ? check_decisions::byPerson(m_original, k) : k;
}

QString CheckEditDialog::problem() const
{
    if (!currentRule())
        return m_rule->count() == 0 ? tr("No rule fits this container's fields.")
                                    : tr("Choose a rule.");
    const Check k = check();
    const QString invalid = rules::validate(k, fieldTypes());
    if (!invalid.isEmpty())
        return invalid;
    if (k.filter.count(QStringLiteral("{{")) != k.filter.count(QStringLiteral("}}")))
        return tr("A {{variable}} in the filter is not closed.");
    return QString();
}

void CheckEditDialog::updateVariables()
{
    const QStringList names = filterVariables(m_filter->text());
    QStringList shown;
    for (const QString &n : names)
        shown << QStringLiteral("{{%1}}").arg(n);
    m_variables->setText(names.isEmpty() ? QString()
                                         : tr("Variables: %1, given a value when a scan runs.")
                                               .arg(shown.join(QStringLiteral(", "))));
    const RuleSpec *rule = currentRule();
    m_form->setRowVisible(m_variables, rule && rule->filterAllowed && !names.isEmpty());
}

void CheckEditDialog::updateState()
{
    if (!m_ok)
        return;
    const QString why = problem();
    m_problem->setText(why);
    m_problem->setVisible(!why.isEmpty());
    m_ok->setEnabled(why.isEmpty());
    m_ok->setToolTip(why);
}

void CheckEditDialog::accept()
{
    updateState();
    if (!problem().isEmpty())
        return;
    const Check k = check();
    if (m_editing) {
        if (sameContent(k, m_original)) {
            m_savedId = m_original.id;
            QDialog::accept();
            return;
        }
        if (!check_decisions::save(*m_catalog, m_original, k)) {
            m_problem->setText(tr("The check was not saved: %1").arg(m_catalog->lastError()));
            m_problem->show();
            return;
        }
        m_savedId = k.id;
    } else {
        m_savedId = m_catalog->addCheck(k);
        if (!m_savedId) {
            m_problem->setText(tr("The check was not saved: %1").arg(m_catalog->lastError()));
            m_problem->show();
            return;
        }
    }
    QDialog::accept();
}

} // namespace assay
