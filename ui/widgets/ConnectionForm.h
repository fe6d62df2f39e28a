#pragma once

#include "models/domain/Connection.h"
#include "ui/widgets/ConnectionDraft.h"

#include <QPointer>
#include <QVector>
#include <QWidget>

class QAction;
class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;

namespace assay {

struct ConnectorSpec;
class TeamsSelector;
class VaultFields;

// The connection and datastore fields of a connector, generated from its ConnectorSpec:
// required fields marked *, the vendor's default port filled in, secrets masked with a reveal
// action, Browse… for paths, Secrets Management (Vault), then Database, Schema, Teams and
// Initiate Sync. Shared by the Add Datastore wizard and the Edit Datastore dialog.
// It only collects and checks values; it does no I/O.
class ConnectionForm : public QWidget
{
    Q_OBJECT
public:
    enum class Mode {
        NewConnection,      // every field editable
        ExistingConnection, // connection shown read-only; Database, Schema, Teams, Sync editable
        EditConnection,     // editable; blank secrets keep the stored ones
    };

    explicit ConnectionForm(QWidget *parent = nullptr);
    ~ConnectionForm() override;

    // Rebuilds the form for a connector. `existing` fills it for ExistingConnection and
    // EditConnection.
    void setup(const ConnectorSpec *spec, Mode mode, const Connection &existing = Connection());
    const ConnectorSpec *spec() const { return m_spec; }
    Mode mode() const { return m_mode; }
    qint64 connectionId() const { return m_existing.id; }

    void setInitiateSyncVisible(bool visible);
    void setAvailableTeams(const QStringList &teams);

    ConnectionDraft draft() const;
    QString database() const;
    void setDatabase(const QString &database);
    QString schema() const;
    void setSchema(const QString &schema);
    QStringList teams() const;
    void setTeams(const QStringList &teams);
    bool initiateSync() const;
    // After a successful test: Schema becomes a drop-down of these (still editable).
    void setDiscoveredSchemas(const QStringList &schemas);

    // Every required field filled and every value well-formed.
    bool isComplete() const;
    // The first problem with a typed value (not with a field merely left empty).
    QString problem() const;
    // Whether the user typed or changed anything (Cancel asks before discarding it).
    bool hasInput() const;

    // For tests and accessibility tools.
    QLineEdit *fieldEdit(const QString &name) const;
    QPushButton *browseButton(const QString &name) const;
    QAction *revealAction(const QString &name) const;
    QLineEdit *databaseEdit() const { return fieldEdit(QStringLiteral("database")); }
    QLineEdit *schemaEdit() const { return m_schemaEdit; }
    QComboBox *schemaCombo() const { return m_schemaCombo; }
    bool schemaIsDropDown() const;
    TeamsSelector *teamsSelector() const { return m_teams; }
    QCheckBox *initiateSyncBox() const { return m_initiateSync; }
    VaultFields *vault() const { return m_vault; }
    // Lets a dialog add its own rows (e.g. the datastore name) aligned with the form's.
    QFormLayout *formLayout() const { return m_form; }
    // Widgets the user may change in the current mode, in tab order.
    QList<QWidget *> editableWidgets() const;

signals:
    void changed();

private:
    struct FieldRow
    {
        QString name;
        QString label;
        QString defaultValue;
        bool required = false;
        bool secret = false;
        bool integer = false;
        bool path = false;
        QWidget *row = nullptr; // what the form layout holds
        QLineEdit *edit = nullptr;
        QPushButton *browse = nullptr;
        QAction *reveal = nullptr;
    };

    void clearRows();
    FieldRow makeRow(const QString &name, const QString &label, int type, bool required,
                     bool secret, const QString &defaultValue, const QString &placeholder);
    void browse(const FieldRow &row);
    const FieldRow *row(const QString &name) const;
    QString value(const QString &name) const;
    bool secretStored(const QString &name) const;
    void onDatabaseChanged();
    void refreshProblem();
    void applyTabOrder();

    const ConnectorSpec *m_spec = nullptr;
    Mode m_mode = Mode::NewConnection;
    Connection m_existing;
    QFormLayout *m_form;
    QLabel *m_connectionTitle;
    QLabel *m_datastoreTitle;
    VaultFields *m_vault;
    QVector<FieldRow> m_rows; // connector fields, then the database
    QStackedWidget *m_schemaStack;
    QLineEdit *m_schemaEdit;
    QComboBox *m_schemaCombo;
    TeamsSelector *m_teams;
    QCheckBox *m_initiateSync;
    QLabel *m_problem;
    bool m_schemaTouched = false;
    bool m_initiateSyncVisible = true;
};

} // namespace assay
