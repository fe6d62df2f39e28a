#pragma once

#include "app/checks/RuleCatalog.h"
#include "models/domain/Container.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QListWidget;

namespace assay {

// Chooses a check's fields among those its rule accepts: a combo when the rule takes exactly
// one field, a list of check boxes when it takes several (or none is required). Fields of
// other types are not offered.
class CheckFieldsEditor : public QWidget
{
    Q_OBJECT
public:
    explicit CheckFieldsEditor(QWidget *parent = nullptr);

    // Offers the fields of `fields` that `rule` accepts (all of them for table rules).
    void setRule(const RuleSpec &rule, const QList<Field> &fields);
    QStringList fields() const;
    void setFields(const QStringList &names);
    // How many fields the rule could be given (0: it takes none; the row is then hidden).
    int offeredCount() const { return m_offered; }
    bool takesFields() const { return m_takesFields; }

    QComboBox *combo() const { return m_combo; }
    QListWidget *list() const { return m_list; }

    // Whether `rule` can be applied to a container with `fields`.
    static bool ruleFits(const RuleSpec &rule, const QList<Field> &fields);
    static bool accepts(const RuleSpec &rule, const Field &field);

signals:
    void changed();

private:
    QComboBox *m_combo;
    QListWidget *m_list;
    QLabel *m_hint;
    int m_offered = 0;
    bool m_takesFields = true;
    bool m_single = true;
};

} // namespace assay
