#pragma once

#include "models/domain/Check.h"
#include "models/domain/Container.h"
#include "ui/checks/PropertyEditors.h"

#include <QDialog>
#include <QList>

class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;

namespace assay {

class Catalog;
class CheckFieldsEditor;

// Writes a new check on a container, or edits one, with a form generated from the rule
// catalogue: the rule (only rules the container's fields fit), its fields (only fields of the
// types it accepts, as many as its scope takes), one editor per rule property, the coverage and
// the filter (when the rule allows them; the filter may hold {{variables}}), a description and
// tags. The check is validated as it is edited (rules::validate): the reason shows under the
// form and OK stays disabled until it is valid. Saving an edit of an inferred check marks it
// edited by a person, so later profiles leave it alone. Only the Catalog is read and written.
class CheckEditDialog : public QDialog
{
    Q_OBJECT
public:
    // A new check on `containerId`.
    CheckEditDialog(Catalog *catalog, qint64 containerId, QWidget *parent = nullptr);
    // Edits `check` (as read from the Catalog); its rule stays.
    CheckEditDialog(Catalog *catalog, const Check &check, QWidget *parent = nullptr);

    bool isEditing() const { return m_editing; }
    // The check as it would be saved now (id set when editing).
    Check check() const;
    // Empty when the check is valid, else why not.
    QString problem() const;
    // The saved check's id (0 until accepted).
    qint64 savedCheckId() const { return m_savedId; }

    // The parts, for tests and keyboard users.
    QComboBox *ruleCombo() const { return m_rule; }
    CheckFieldsEditor *fieldsEditor() const { return m_fields; }
    QWidget *propertyEditor(const QString &key) const;
    QDoubleSpinBox *coverageSpin() const { return m_coverage; }
    QLineEdit *filterEdit() const { return m_filter; }
    QLineEdit *descriptionEdit() const { return m_description; }
    QLineEdit *tagsEdit() const { return m_tags; }
    QComboBox *statusCombo() const { return m_status; }
    QLabel *problemLabel() const { return m_problem; }
    QPushButton *okButton() const { return m_ok; }
    // Selects a rule by API name; false when it is not offered.
    bool selectRule(const QString &rule);

public slots:
    // Saves to the Catalog when valid, then closes; stays open with the reason otherwise.
    void accept() override;

private:
    void load();
    void build();
    void rebuildForRule();
    void applyCheck(const Check &check);
    void updateState();
    void updateVariables();
    const RuleSpec *currentRule() const;
    QHash<QString, TypeFamily> fieldTypes() const;

    Catalog *m_catalog;
    Check m_original;
    bool m_editing = false;
    qint64 m_savedId = 0;
    QList<Field> m_containerFields;
    QList<Container> m_containers;
    QList<PropertyEditor> m_editors;

    QComboBox *m_rule = nullptr;
    QLabel *m_ruleDescription = nullptr;
    QFormLayout *m_form = nullptr;
    CheckFieldsEditor *m_fields = nullptr;
    QDoubleSpinBox *m_coverage = nullptr;
    QLabel *m_coverageNote = nullptr;
    QLineEdit *m_filter = nullptr;
    QLabel *m_variables = nullptr;
    QLineEdit *m_description = nullptr;
    QLineEdit *m_tags = nullptr;
    QComboBox *m_status = nullptr;
    QLabel *m_problem = nullptr;
    QPushButton *m_ok = nullptr;
};

} // namespace assay
