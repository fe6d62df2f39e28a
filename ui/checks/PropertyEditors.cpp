#include "ui/checks/PropertyEditors.h"

#include "app/checks/RuleNames.h"
#include "models/catalog/Catalog.h"
#include "models/domain/Clock.h"
#include "ui/checks/ListEditor.h"
#include "ui/common/Theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDateTimeEdit>
#include <QDoubleSpinBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTimeZone>
#include <memory>

namespace assay {

namespace {

// A spin box for any number: shows what was typed without trailing zeros ("2.5", not
// "2.5000000000") and without group separators, so what is shown can be typed back.
class NumberSpinBox : public QDoubleSpinBox
{
public:
    explicit NumberSpinBox(int decimals, QWidget *parent) : QDoubleSpinBox(parent)
    {
        setDecimals(decimals);
        setRange(decimals == 0 ? 0 : -1e15, 1e15);
        setAccelerated(true);
        setKeyboardTracking(true);
    }

    QString textFromValue(double value) const override
    {
        QLocale l = locale();
        l.setNumberOptions(l.numberOptions() | QLocale::OmitGroupSeparator);
        return l.toString(value, 'f', QLocale::FloatingPointShortest);
    }
};

QFont monospace()
{
    return theme::monospaceFont();
}

QJsonValue textValue(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(text);
}

QString fieldTypeTitle(const QString &name)
{
    return name.left(1).toUpper() + name.mid(1);
}

} // namespace

PropertyEditor makePropertyEditor(const RuleProperty &property,
                                  const PropertyEditorContext &context, QWidget *parent,
                                  const std::function<void()> &changed)
{
    PropertyEditor e;
    e.property = property;
    switch (property.type) {
    case PropertyType::Number:
    case PropertyType::Integer: {
        auto *spin = new NumberSpinBox(property.type == PropertyType::Integer ? 0 : 10, parent);
        e.widget = spin;
        // An optional number without a default (Time Distribution Size's bounds, a volumetric
        // check's fixed thresholds) may stay unset: one step below the lowest value reads "not
        // set".
        const bool unsettable = !property.required && property.defaultValue.isNull();
        const double unset = spin->minimum() - 1;
        if (unsettable) {
            spin->setMinimum(unset);
            spin->setSpecialValueText(PropertyEditor::tr("not set"));
            spin->setValue(unset);
        }
        e.value = [spin, unsettable, unset] {
            return unsettable && spin->value() <= unset ? QJsonValue(QJsonValue::Undefined)
                                                        : QJsonValue(spin->value());
        };
        e.setValue = [spin, unsettable, unset](const QJsonValue &v) {
            spin->setValue(
                unsettable && (v.isUndefined() || v.isNull()) ? unset : v.toVariant().toDouble());
        };
        QObject::connect(spin, &QDoubleSpinBox::valueChanged, spin, [changed] { changed(); });
        break;
    }
    case PropertyType::Boolean: {
        auto *box = new QCheckBox(parent);
        e.widget = box;
        e.value = [box] { return QJsonValue(box->isChecked()); };
        e.setValue = [box](const QJsonValue &v) { box->setChecked(v.toBool()); };
        QObject::connect(box, &QCheckBox::toggled, box, [changed] { changed(); });
        break;
    }
    case PropertyType::List: {
        auto *list = new ListEditor(parent);
        e.widget = list;
        e.value = [list] {
            const QStringList values = list->values();
            return values.isEmpty() ? QJsonValue(QJsonValue::Undefined)
                                    : QJsonValue(QJsonArray::fromStringList(values));
        };
        e.setValue = [list](const QJsonValue &v) {
            QStringList values;
            for (const QJsonValue &item : v.toArray())
                values << (item.isDouble() ? QString::number(item.toDouble(), 'g', 15)
                                           : item.toString());
            list->setValues(values);
        };
        QObject::connect(list, &ListEditor::changed, list, [changed] { changed(); });
        break;
    }
    case PropertyType::DateTime: {
        auto *edit = new QDateTimeEdit(parent);
        edit->setTimeSpec(Qt::UTC);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
        edit->setCalendarPopup(true);
        edit->setDateTime(QDateTime(Clock::utcNow().date(), QTime(0, 0), Qt::UTC));
        e.widget = edit;
        e.value = [edit] { return QJsonValue(edit->dateTime().toUTC().toString(Qt::ISODate)); };
        e.setValue = [edit](const QJsonValue &v) {
            QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODate);
            if (!t.isValid())
                t = QDateTime(QDate::fromString(v.toString(), Qt::ISODate), QTime(0, 0), Qt::UTC);
            if (t.isValid())
                edit->setDateTime(t.toUTC());
        };
        QObject::connect(edit, &QDateTimeEdit::dateTimeChanged, edit, [changed] { changed(); });
        break;
    }
    case PropertyType::Field: {
        auto *combo = new QComboBox(parent);
        for (const Field &f : context.fields)
            if (!f.removed)
                combo->addItem(QStringLiteral("%1  (%2)").arg(f.name, f.declaredType), f.name);
        e.widget = combo;
        e.value = [combo] { return textValue(combo->currentData().toString()); };
        e.setValue = [combo](const QJsonValue &v) {
            combo->setCurrentIndex(combo->findData(v.toString()));
        };
        QObject::connect(combo, &QComboBox::currentIndexChanged, combo, [changed] { changed(); });
        break;
    }
    case PropertyType::Container: {
        auto *combo = new QComboBox(parent);
        for (const Container &c : context.containers) {
            if (c.removed)
                continue;
            combo->addItem(c.id == context.containerId
                               ? PropertyEditor::tr("%1 (this container)").arg(c.name)
                               : c.name,
                           c.id);
        }
        e.widget = combo;
        e.value = [combo] {
            const qint64 id = combo->currentData().toLongLong();
            return id > 0 ? QJsonValue(double(id)) : QJsonValue(QJsonValue::Undefined);
        };
        e.setValue = [combo](const QJsonValue &v) {
            combo->setCurrentIndex(combo->findData(v.toVariant().toLongLong()));
        };
        QObject::connect(combo, &QComboBox::currentIndexChanged, combo, [changed] { changed(); });
        break;
    }
    case PropertyType::Datastore: {
        // Exists In and Not Exists In reach containers of the check's own datastore only (the
        // rule catalogue says why): one choice, and an id the check already holds is kept.
        auto *combo = new QComboBox(parent);
        combo->addItem(PropertyEditor::tr("This datastore"));
        combo->setToolTip(PropertyEditor::tr("The reference container is looked up in this "
                                             "datastore, on its own connection."));
        auto held = std::make_shared<QJsonValue>(QJsonValue::Undefined);
        e.widget = combo;
        e.value = [held] { return *held; };
        e.setValue = [held](const QJsonValue &v) { *held = v; };
        break;
    }
    case PropertyType::FieldType: {
        auto *combo = new QComboBox(parent);
        for (const char *name : {"integral", "fractional", "boolean", "date", "timestamp"})
            combo->addItem(fieldTypeTitle(QLatin1String(name)), QLatin1String(name));
        e.widget = combo;
        e.value = [combo] { return textValue(combo->currentData().toString()); };
        e.setValue = [combo](const QJsonValue &v) {
            combo->setCurrentIndex(combo->findData(v.toString().toLower()));
        };
        QObject::connect(combo, &QComboBox::currentIndexChanged, combo, [changed] { changed(); });
        break;
    }
    case PropertyType::Interval: {
        auto *combo = new QComboBox(parent);
        const QStringList titles{PropertyEditor::tr("Hourly"), PropertyEditor::tr("Daily"),
                                 PropertyEditor::tr("Weekly"), PropertyEditor::tr("Monthly")};
        for (int i = 0; i < rules::intervalNames().size(); ++i)
            combo->addItem(titles.value(i), rules::intervalNames().at(i));
        combo->setCurrentIndex(combo->findData(property.defaultValue.toString()));
        e.widget = combo;
        e.value = [combo] { return textValue(combo->currentData().toString()); };
        e.setValue = [combo](const QJsonValue &v) {
            combo->setCurrentIndex(qMax(0, combo->findData(v.toString())));
        };
        QObject::connect(combo, &QComboBox::currentIndexChanged, combo, [changed] { changed(); });
        break;
    }
    case PropertyType::Choice: {
        auto *combo = new QComboBox(parent);
        // The stored values are English words; people see them in their language.
        for (int i = 0; i < property.choices.size(); ++i) {
            const QString &choice = property.choices.at(i);
            combo->addItem(i < property.choiceTitles.size()
                               ? property.choiceTitles.at(i)
                               : QCoreApplication::translate("assay::RuleCatalog", choice.toUtf8()),
                           choice);
        }
        combo->setCurrentIndex(qMax(0, combo->findData(property.defaultValue.toString())));
        e.widget = combo;
        e.value = [combo] { return textValue(combo->currentData().toString()); };
        e.setValue = [combo](const QJsonValue &v) {
            combo->setCurrentIndex(qMax(0, combo->findData(v.toString())));
        };
        QObject::connect(combo, &QComboBox::currentIndexChanged, combo, [changed] { changed(); });
        break;
    }
    case PropertyType::Expression: {
        auto *edit = new QPlainTextEdit(parent);
        edit->setFont(monospace());
        edit->setTabChangesFocus(true);
        edit->setPlaceholderText(PropertyEditor::tr("For example: quantity * unit_price = total"));
        const int line = QFontMetrics(edit->font()).lineSpacing();
        edit->setFixedHeight(line * 3 + 2 * edit->frameWidth() + 10);
        e.widget = edit;
        e.value = [edit] { return textValue(edit->toPlainText().trimmed()); };
        e.setValue = [edit](const QJsonValue &v) { edit->setPlainText(v.toString()); };
        QObject::connect(edit, &QPlainTextEdit::textChanged, edit, [changed] { changed(); });
        break;
    }
    case PropertyType::Json: {
        // A learned baseline, shown indented and edited as JSON. Text that is no JSON object is
        // kept as text, so that saving says what is wrong (validation) instead of losing the edit.
        auto *edit = new QPlainTextEdit(parent);
        edit->setFont(monospace());
        edit->setTabChangesFocus(true);
        edit->setLineWrapMode(QPlainTextEdit::NoWrap);
        const int line = QFontMetrics(edit->font()).lineSpacing();
        edit->setFixedHeight(line * 8 + 2 * edit->frameWidth() + 10);
        e.widget = edit;
        e.value = [edit] {
            const QString text = edit->toPlainText().trimmed();
            const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8());
            return document.isObject() ? QJsonValue(document.object()) : textValue(text);
        };
        e.setValue = [edit](const QJsonValue &v) {
            edit->setPlainText(
                v.isObject()
                    ? QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Indented))
                          .trimmed()
                    : v.toString());
        };
        QObject::connect(edit, &QPlainTextEdit::textChanged, edit, [changed] { changed(); });
        break;
    }
    case PropertyType::Text:
    case PropertyType::Pattern: {
        if (property.key == rule_key::kFieldName) {
            // The field of a reference container: chosen from its fields, or typed.
            auto *combo = new QComboBox(parent);
            combo->setEditable(true);
            combo->setInsertPolicy(QComboBox::NoInsert);
            Catalog *catalog = context.catalog;
            e.widget = combo;
            e.value = [combo] { return textValue(combo->currentText().trimmed()); };
            e.setValue = [combo](const QJsonValue &v) { combo->setCurrentText(v.toString()); };
            e.setReferenceContainer = [combo, catalog](qint64 containerId) {
                const QString typed = combo->currentText();
                const QSignalBlocker quiet(combo);
                combo->clear();
                if (catalog && containerId > 0)
                    for (const Field &f : catalog->fields(containerId))
                        if (!f.removed)
                            combo->addItem(f.name);
                combo->setCurrentText(typed);
            };
            QObject::connect(combo, &QComboBox::currentTextChanged, combo,
                             [changed] { changed(); });
            break;
        }
        auto *edit = new QLineEdit(parent);
        if (property.type == PropertyType::Pattern) {
            edit->setFont(monospace());
            edit->setPlaceholderText(
                PropertyEditor::tr("A regular expression, e.g. ^[A-Z]{2}\\d+$"));
        }
        e.widget = edit;
        e.value = [edit] { return textValue(edit->text()); };
        // A value written as a JSON number or boolean (Equal To's, from the CLI or an import)
        // shows as its text rather than blank.
        e.setValue = [edit](const QJsonValue &v) {
            edit->setText(v.isString() || v.isUndefined() || v.isNull() ? v.toString()
                                                                        : v.toVariant().toString());
        };
        QObject::connect(edit, &QLineEdit::textChanged, edit, [changed] { changed(); });
        break;
    }
    }
    e.widget->setObjectName(QStringLiteral("property_%1").arg(property.key));
    e.widget->setAccessibleName(property.title);
    if (!property.defaultValue.isUndefined() && !property.defaultValue.isNull())
        e.setValue(property.defaultValue);
    return e;
}

} // namespace assay
