#pragma once

#include <QIcon>
#include <QString>
#include <QVector>
#include <functional>

class QAbstractButton;
class QAction;
class QLabel;
class QLineEdit;

namespace assay {

struct ConnectorSpec;

// Small shared pieces of the Add Datastore wizard and the Edit Datastore dialog.
namespace wizardui {

// Connectors offered to users: every registered connector not marked hidden.
QVector<const ConnectorSpec *> visibleConnectors();
// The connector's own icon (:/icons/<id>.svg) when there is one, else a generic one.
QIcon connectorIcon(const ConnectorSpec &spec);
// The schema a new datastore starts with: public (PostgreSQL family), the database (MySQL
// family), main (SQLite); empty for folders.
QString defaultSchema(const ConnectorSpec &spec, const QString &database);
// Whether the connector's datastores have a schema at all.
bool hasSchema(const ConnectorSpec &spec);

// A form label; required fields get a red asterisk.
QString labelText(const QString &label, bool required);
QLabel *formLabel(const QString &label, bool required, QWidget *buddy);
// A bold section title for forms.
QLabel *sectionTitle(const QString &text);
// A small grey explanatory line.
QLabel *noteLabel(const QString &text);
// A small red line for a problem with what was typed; hidden while empty.
QLabel *problemLabel();
void setProblem(QLabel *label, const QString &text);

// Gives a push button room around its text (Fusion's own padding is tight).
void padButton(QAbstractButton *button);

// Runs `action` when Return or Enter is pressed in `edit`, and keeps the key from reaching the
// dialog (whose default button, e.g. Finish, would otherwise fire too).
void onReturn(QLineEdit *edit, std::function<void()> action);

// Adds a trailing eye action to a password line edit that shows or hides the text.
QAction *addRevealAction(QLineEdit *edit);

} // namespace wizardui
} // namespace assay
