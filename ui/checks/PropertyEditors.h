#pragma once

#include "app/checks/RuleCatalog.h"
#include "models/domain/Container.h"

#include <QCoreApplication>
#include <QJsonValue>
#include <QList>
#include <functional>

class QWidget;

namespace assay {

class Catalog;

// What a property editor may offer: the container's fields, the datastore's containers, and
// the Catalog to read a reference container's fields from.
struct PropertyEditorContext
{
    Catalog *catalog = nullptr;
    qint64 containerId = 0;
    QList<Field> fields;
    QList<Container> containers; // of the same datastore
};

// One rule property's editor, built from its PropertyType: a number spin box, an integer spin
// box, a check box, a line edit, a list editor, a date-time editor (UTC), a field combo, a
// container combo, a field-type combo or an expression editor.
struct PropertyEditor
{
    Q_DECLARE_TR_FUNCTIONS(assay::PropertyEditor)
public:
    RuleProperty property;
    QWidget *widget = nullptr;
    // The value as the check stores it; undefined when the editor is empty.
    std::function<QJsonValue()> value;
    std::function<void(const QJsonValue &)> setValue;
    // Only for a reference field (the field of another container, e.g. Exists In): fills its
    // choices from that container's fields.
    std::function<void(qint64 containerId)> setReferenceContainer;
};

// Builds the editor (its widget a child of `parent`), set to the property's default, calling
// `changed` whenever its value changes. Widgets are named "property_<key>".
PropertyEditor makePropertyEditor(const RuleProperty &property,
                                  const PropertyEditorContext &context, QWidget *parent,
                                  const std::function<void()> &changed);

} // namespace assay
