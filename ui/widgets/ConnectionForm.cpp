#include "ui/widgets/ConnectionForm.h"

#include "app/connectors/ConnectorSpec.h"
#include "ui/widgets/TeamsSelector.h"
#include "ui/widgets/ToggleSwitch.h"
#include "ui/widgets/VaultFields.h"
#include "ui/widgets/WizardUi.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>

namespace assay {

namespace {

const QString kDatabase = QStringLiteral("database");
const QString kPort = QStringLiteral("port");

void setReadOnlyLook(QLineEdit *edit, bool readOnly, const QPalette &base)
{
    QPalette pal = edit->palette();
    pal.setColor(QPalette::Base,
                 readOnly ? base.color(QPalette::Window) : base.color(QPalette::Base));
    edit->setPalette(pal);
}

} // namespace

ConnectionForm::ConnectionForm(QWidget *parent)
    : QWidget(parent), m_form(new QFormLayout(this)), m_connectionTitle(nullptr),
      m_datastoreTitle(nullptr), m_vault(nullptr), m_schemaStack(new QStackedWidget),
      m_schemaEdit(new QLineEdit), m_schemaCombo(new QComboBox), m_teams(new TeamsSelector),
      m_initiateSync(new QCheckBox(tr("Initiate Sync"))), m_problem(wizardui::problemLabel())
{
    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_form->setFormAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    m_form->setHorizontalSpacing(12);
    m_form->setVerticalSpacing(8);

    m_connectionTitle = wizardui::sectionTitle(tr("Connection"));
    m_connectionTitle->setObjectName(QStringLiteral("connectionTitle"));
    m_form->addRow(m_connectionTitle);
    m_vault = new VaultFields(m_form, m_form->rowCount(), this);

    m_datastoreTitle = wizardui::sectionTitle(tr("Datastore"));
    m_form->addRow(m_datastoreTitle);

    m_schemaEdit->setObjectName(QStringLiteral("schemaEdit"));
    m_schemaEdit->setAccessibleName(tr("Schema"));
    m_schemaCombo->setObjectName(QStringLiteral("schemaCombo"));
    m_schemaCombo->setEditable(true);
    m_schemaCombo->setInsertPolicy(QComboBox::NoInsert);
    m_schemaCombo->setAccessibleName(tr("Schema"));
    m_schemaCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_schemaStack->addWidget(m_schemaEdit);
    m_schemaStack->addWidget(m_schemaCombo);
    m_schemaStack->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_schemaStack->setFocusProxy(m_schemaEdit);
    m_form->addRow(wizardui::formLabel(tr("Schema"), true, m_schemaEdit), m_schemaStack);

    m_teams->setObjectName(QStringLiteral("teamsSelector"));
    auto *teamsLabel = wizardui::formLabel(tr("Teams"), true, m_teams);
    teamsLabel->setAlignment(Qt::AlignRight | Qt::AlignTop);
    m_form->addRow(teamsLabel, m_teams);

    m_initiateSync->setObjectName(QStringLiteral("initiateSyncBox"));
    m_initiateSync->setAccessibleName(tr("Initiate Sync"));
    m_initiateSync->setChecked(true);
    m_initiateSync->setToolTip(tr("Discover the datastore's tables, views and fields right "
                                  "after it is added."));
    m_form->addRow(QString(), m_initiateSync);

    m_problem->setObjectName(QStringLiteral("formProblem"));
    m_form->addRow(m_problem);

    connect(m_vault, &VaultFields::changed, this, [this] {
        refreshProblem();
        emit changed();
    });
    connect(m_schemaEdit, &QLineEdit::textEdited, this, [this] { m_schemaTouched = true; });
    connect(m_schemaEdit, &QLineEdit::textChanged, this, &ConnectionForm::changed);
    connect(m_schemaCombo, &QComboBox::currentTextChanged, this, [this] {
        if (m_schemaStack->currentWidget() == m_schemaCombo)
            m_schemaTouched = true;
        emit changed();
    });
    connect(m_teams, &TeamsSelector::changed, this, &ConnectionForm::changed);
    connect(m_initiateSync, &QCheckBox::toggled, this, &ConnectionForm::changed);
}

ConnectionForm::~ConnectionForm() = default;

void ConnectionForm::clearRows()
{
    for (const FieldRow &r : std::as_const(m_rows))
        m_form->removeRow(r.row);
    m_rows.clear();
}

ConnectionForm::FieldRow ConnectionForm::makeRow(const QString &name, const QString &label,
                                                 int type, bool required, bool secret,
                                                 const QString &defaultValue,
                                                 const QString &placeholder)
{
    FieldRow r;
    r.name = name;
    r.label = label;
    r.defaultValue = defaultValue;
    r.required = required;
    r.secret = secret;
    r.edit = new QLineEdit;
    r.edit->setObjectName(QStringLiteral("field_%1").arg(name));
    r.edit->setPlaceholderText(placeholder);
    r.edit->setAccessibleName(label);
    r.row = r.edit;
    const auto fieldType = ConnectorFieldType(type);
    if (secret || fieldType == ConnectorFieldType::Password) {
        r.secret = true;
        r.edit->setEchoMode(QLineEdit::Password);
        r.reveal = wizardui::addRevealAction(r.edit);
    } else if (fieldType == ConnectorFieldType::Integer) {
        r.integer = true;
        r.edit->setMaximumWidth(r.edit->fontMetrics().horizontalAdvance(QLatin1Char('0')) * 14 +
                                24);
    } else if (fieldType == ConnectorFieldType::FilePath) {
        r.path = true;
        auto *box = new QWidget;
        auto *layout = new QHBoxLayout(box);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->setSpacing(6);
        r.browse = new QPushButton(tr("Browse…"));
        r.browse->setObjectName(QStringLiteral("browse_%1").arg(name));
        r.browse->setAccessibleName(tr("Browse for %1").arg(label));
        r.browse->setAutoDefault(false);
        wizardui::padButton(r.browse);
        layout->addWidget(r.edit, 1);
        layout->addWidget(r.browse);
        box->setFocusProxy(r.edit);
        r.row = box;
    }
    return r;
}

void ConnectionForm::setup(const ConnectorSpec *spec, Mode mode, const Connection &existing)
{
    QSignalBlocker block(this);
    clearRows();
    m_spec = spec;
    m_mode = mode;
    m_existing = mode == Mode::NewConnection ? Connection() : existing;
    m_schemaTouched = false;
    m_vault->reset();
    m_schemaCombo->clear();
    m_schemaStack->setCurrentWidget(m_schemaEdit);
    m_schemaEdit->clear();
    if (!spec) {
        m_connectionTitle->setText(tr("Connection"));
        return;
    }

    const bool isNew = mode == Mode::NewConnection;
    const bool readOnly = mode == Mode::ExistingConnection;
    const ConnectionDraft shown = isNew ? ConnectionDraft() : draft::fromConnection(m_existing);
    m_connectionTitle->setText(
        readOnly ? tr("%1 connection “%2”").arg(spec->displayName, m_existing.name)
                 : tr("%1 connection").arg(spec->displayName));

    int insertAt = 0;
    QFormLayout::ItemRole role;
    m_form->getWidgetPosition(m_datastoreTitle, &insertAt, &role);
    auto addRow = [&](FieldRow r, int at, bool editable, const QString &value) {
        bool requiredMark = r.required && editable;
        if (r.secret && mode == Mode::EditConnection && secretStored(r.name))
            requiredMark = false;
        QLabel *label = wizardui::formLabel(r.label, requiredMark, r.edit);
        r.edit->setText(value);
        r.edit->setReadOnly(!editable);
        setReadOnlyLook(r.edit, !editable, palette());
        if (r.browse)
            r.browse->setVisible(editable);
        if (r.reveal)
            r.reveal->setVisible(editable);
        if (r.secret && !isNew) {
            const bool stored = secretStored(r.name);
            r.edit->setPlaceholderText(
                readOnly ? (stored ? tr("Stored in the keychain") : tr("Not set"))
                         : (stored ? tr("Unchanged (in the keychain). Type to replace it.")
                                   : QString()));
        }
        m_form->insertRow(at, label, r.row);
        connect(r.edit, &QLineEdit::textChanged, this, [this, name = r.name] {
            if (name == kDatabase)
                onDatabaseChanged();
            refreshProblem();
            emit changed();
        });
        if (r.browse)
            connect(r.browse, &QPushButton::clicked, this, [this, name = r.name] {
                if (const FieldRow *fr = row(name))
                    browse(*fr);
            });
        m_rows << r;
    };

    for (const ConnectorField &f : spec->fields) {
        if (f.name == kDatabase)
            continue;
        FieldRow r = makeRow(f.name, f.label, int(f.type), f.required, f.secret, f.defaultValue,
                             f.placeholder);
        addRow(r, insertAt++, !readOnly,
               isNew ? f.defaultValue : (f.secret ? QString() : shown.values.value(f.name)));
    }

    // The database belongs to the datastore: editable even on an existing connection.
    m_form->getWidgetPosition(m_datastoreTitle, &insertAt, &role);
    const ConnectorField *dbField = spec->field(kDatabase);
    FieldRow db = dbField
                      ? makeRow(kDatabase, dbField->label, int(dbField->type), dbField->required,
                                false, dbField->defaultValue, dbField->placeholder)
                      : makeRow(kDatabase, tr("Database"), int(ConnectorFieldType::Text), false,
                                false, QString(), QString());
    addRow(db, insertAt + 1, true, isNew ? db.defaultValue : m_existing.database);

    if (!isNew && draft::hasVault(m_existing)) {
        m_vault->setEnabled(true);
        m_vault->setConfig(draft::vaultOf(m_existing));
        m_vault->setPayloadStored(m_existing.secretFields.contains(draft::kVaultPayloadField));
    }
    m_vault->setReadOnly(readOnly);

    const bool schema = wizardui::hasSchema(*spec);
    m_form->setRowVisible(m_schemaStack, schema);
    m_schemaEdit->setText(wizardui::defaultSchema(*spec, database()));
    m_form->setRowVisible(m_initiateSync, m_initiateSyncVisible);
    refreshProblem();
    applyTabOrder();
    block.unblock();
    emit changed();
}

void ConnectionForm::applyTabOrder()
{
    QList<QWidget *> order{m_vault->toggle(),          m_vault->loginUrlEdit(),
                           m_vault->payloadEdit(),     m_vault->tokenJsonPathEdit(),
                           m_vault->secretUrlEdit(),   m_vault->tokenHeaderEdit(),
                           m_vault->dataJsonPathEdit()};
    for (const FieldRow &r : std::as_const(m_rows)) {
        order << r.edit;
        if (r.browse)
            order << r.browse;
    }
    order << m_schemaEdit << m_schemaCombo << m_teams->list() << m_teams->newTeamEdit()
          << m_teams->addButton() << m_initiateSync;
    for (int i = 1; i < order.size(); ++i)
        setTabOrder(order.at(i - 1), order.at(i));
}

void ConnectionForm::setInitiateSyncVisible(bool visible)
{
    m_initiateSyncVisible = visible;
    m_form->setRowVisible(m_initiateSync, visible);
}

void ConnectionForm::setAvailableTeams(const QStringList &teams)
{
    m_teams->setAvailableTeams(teams);
}

const ConnectionForm::FieldRow *ConnectionForm::row(const QString &name) const
{
    for (const FieldRow &r : m_rows)
        if (r.name == name)
            return &r;
    return nullptr;
}

QString ConnectionForm::value(const QString &name) const
{
    const FieldRow *r = row(name);
    return r ? r->edit->text() : QString();
}

bool ConnectionForm::secretStored(const QString &name) const
{
    return m_existing.secretFields.contains(name);
}

ConnectionDraft ConnectionForm::draft() const
{
    ConnectionDraft d;
    if (!m_spec)
        return d;
    d.connectorId = m_spec->id;
    for (const FieldRow &r : m_rows) {
        if (r.secret)
            d.secrets.insert(r.name, r.edit->text());
        else
            d.values.insert(r.name, r.edit->text().trimmed());
    }
    d.vaultEnabled = m_vault->isEnabled();
    if (d.vaultEnabled)
        d.vault = m_vault->config();
    return d;
}

QString ConnectionForm::database() const
{
    return value(kDatabase).trimmed();
}

void ConnectionForm::setDatabase(const QString &database)
{
    if (const FieldRow *r = row(kDatabase))
        r->edit->setText(database);
}

QString ConnectionForm::schema() const
{
    if (!m_spec || !wizardui::hasSchema(*m_spec))
        return QString();
    return (schemaIsDropDown() ? m_schemaCombo->currentText() : m_schemaEdit->text()).trimmed();
}

void ConnectionForm::setSchema(const QString &schema)
{
    m_schemaEdit->setText(schema);
    m_schemaCombo->setCurrentText(schema);
}

bool ConnectionForm::schemaIsDropDown() const
{
    return m_schemaStack->currentWidget() == m_schemaCombo;
}

QStringList ConnectionForm::teams() const
{
    return m_teams->selectedTeams();
}

void ConnectionForm::setTeams(const QStringList &teams)
{
    m_teams->setSelectedTeams(teams);
}

bool ConnectionForm::initiateSync() const
{
    return m_initiateSyncVisible && m_initiateSync->isChecked();
}

void ConnectionForm::setDiscoveredSchemas(const QStringList &schemas)
{
    if (!m_spec || !wizardui::hasSchema(*m_spec) || schemas.isEmpty())
        return;
    const QString current = schema();
    const bool touched = m_schemaTouched;
    {
        const QSignalBlocker block(m_schemaCombo);
        m_schemaCombo->clear();
        m_schemaCombo->addItems(schemas);
        m_schemaCombo->setCurrentText(current.isEmpty() ? schemas.first() : current);
    }
    m_schemaStack->setCurrentWidget(m_schemaCombo);
    m_schemaStack->setFocusProxy(m_schemaCombo);
    m_schemaTouched = touched;
    emit changed();
}

void ConnectionForm::onDatabaseChanged()
{
    // MySQL's schema is its database: follow it until the user picks a schema.
    if (m_spec && !m_schemaTouched && !schemaIsDropDown())
        m_schemaEdit->setText(wizardui::defaultSchema(*m_spec, database()));
}

bool ConnectionForm::isComplete() const
{
    if (!m_spec)
        return false;
    const bool vaultOn = m_vault->isEnabled();
    for (const FieldRow &r : m_rows) {
        const QString v = r.edit->text();
        if (r.secret) {
            if (m_mode == Mode::ExistingConnection)
                continue;
            if (r.required && v.isEmpty() &&
                !(m_mode == Mode::EditConnection && secretStored(r.name)))
                return false;
            continue;
        }
        if (m_mode == Mode::ExistingConnection && r.name != kDatabase)
            continue;
        if (r.required && v.trimmed().isEmpty())
            return false;
        if (r.integer && !v.trimmed().isEmpty()) {
            bool ok = false;
            const int n = v.trimmed().toInt(&ok);
            const bool reference = vaultOn && draft::hasReference(v);
            if (!reference && (!ok || (r.name == kPort && (n < 1 || n > 65535))))
                return false;
        }
    }
    if (wizardui::hasSchema(*m_spec) && schema().isEmpty())
        return false;
    if (teams().isEmpty())
        return false;
    return m_vault->problem().isEmpty();
}

QString ConnectionForm::problem() const
{
    if (!m_spec)
        return QString();
    const bool vaultOn = m_vault->isEnabled();
    for (const FieldRow &r : m_rows) {
        if (m_mode == Mode::ExistingConnection && r.name != kDatabase)
            continue;
        const QString v = r.edit->text().trimmed();
        if (r.integer && !v.isEmpty() && !(vaultOn && draft::hasReference(v))) {
            bool ok = false;
            const int n = v.toInt(&ok);
            if (r.name == kPort && (!ok || n < 1 || n > 65535))
                return vaultOn ? tr("%1 must be a number from 1 to 65535, or a ${key} "
                                    "reference.")
                                     .arg(r.label)
                               : tr("%1 must be a number from 1 to 65535.").arg(r.label);
            if (!ok)
                return tr("%1 must be a whole number.").arg(r.label);
        }
    }
    const QString vault = m_vault->problem();
    if (!vault.isEmpty())
        return vault;
    if (!vaultOn && m_mode != Mode::ExistingConnection)
        for (const FieldRow &r : m_rows)
            if (draft::hasReference(r.edit->text()))
                return tr("%1 holds a ${key} reference: turn on Secrets Management to read it "
                          "from Vault.")
                    .arg(r.label);
    return QString();
}

void ConnectionForm::refreshProblem()
{
    wizardui::setProblem(m_problem, problem());
}

bool ConnectionForm::hasInput() const
{
    if (!m_spec)
        return false;
    if (m_schemaTouched || m_teams->selectedTeams() != QStringList{TeamsSelector::publicTeam()})
        return true;
    if (m_mode == Mode::ExistingConnection)
        return database() != m_existing.database;
    if (m_vault->hasInput())
        return true;
    for (const FieldRow &r : m_rows) {
        if (r.secret ? !r.edit->text().isEmpty() : r.edit->text().trimmed() != r.defaultValue)
            return true;
    }
    return false;
}

QLineEdit *ConnectionForm::fieldEdit(const QString &name) const
{
    const FieldRow *r = row(name);
    return r ? r->edit : nullptr;
}

QPushButton *ConnectionForm::browseButton(const QString &name) const
{
    const FieldRow *r = row(name);
    return r ? r->browse : nullptr;
}

QAction *ConnectionForm::revealAction(const QString &name) const
{
    const FieldRow *r = row(name);
    return r ? r->reveal : nullptr;
}

QList<QWidget *> ConnectionForm::editableWidgets() const
{
    QList<QWidget *> out;
    if (m_mode != Mode::ExistingConnection && m_vault->toggle()->isEnabled())
        out << m_vault->toggle();
    for (const FieldRow &r : m_rows)
        if (!r.edit->isReadOnly())
            out << r.edit;
    if (m_spec && wizardui::hasSchema(*m_spec))
        out << m_schemaStack->currentWidget();
    out << m_teams;
    if (m_initiateSyncVisible)
        out << m_initiateSync;
    return out;
}

void ConnectionForm::browse(const FieldRow &r)
{
    const bool folder = m_spec && m_spec->isFolder();
    auto *dialog = new QFileDialog(this, folder ? tr("Choose the %1").arg(r.label.toLower())
                                                : tr("Choose the %1").arg(r.label.toLower()));
    dialog->setObjectName(QStringLiteral("browseDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString current = r.edit->text().trimmed();
    if (!current.isEmpty())
        dialog->setDirectory(QFileInfo(current).absolutePath());
    if (folder) {
        dialog->setFileMode(QFileDialog::Directory);
        dialog->setOption(QFileDialog::ShowDirsOnly, true);
    } else {
        dialog->setFileMode(QFileDialog::ExistingFile);
        if (m_spec && m_spec->isFileBased())
            dialog->setNameFilters(
                {tr("SQLite databases (*.sqlite *.sqlite3 *.db *.db3)"), tr("All files (*)")});
    }
    QLineEdit *edit = r.edit;
    connect(dialog, &QFileDialog::fileSelected, edit,
            [edit](const QString &path) { edit->setText(QDir::toNativeSeparators(path)); });
    dialog->open();
}

} // namespace assay
