#include "ui/wizard/MultiSchemaDialog.h"

#include "app/connectors/ConnectorSpec.h"
#include "models/catalog/Catalog.h"
#include "ui/widgets/BusySpinner.h"
#include "ui/widgets/StatusBanner.h"
#include "ui/widgets/TeamsSelector.h"
#include "ui/widgets/WizardUi.h"
#include "ui/wizard/MultiSchemaResultsView.h"
#include "ui/wizard/SchemaChecklist.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace assay {

namespace {

constexpr int kPreviewCount = 5;

MultiSchemaSource existingSource(qint64 connectionId)
{
    MultiSchemaSource s;
    s.connectionId = connectionId;
    s.teams = QStringList{TeamsSelector::publicTeam()};
    return s;
}

// "a, b, c, d, e and 3 more"
QString firstFew(const QStringList &items)
{
    QString text = items.mid(0, kPreviewCount).join(QStringLiteral(", "));
    if (items.size() > kPreviewCount)
        text += QCoreApplication::translate("assay::MultiSchemaDialog", " and %n more", nullptr,
                                            int(items.size() - kPreviewCount));
    return text;
}

} // namespace

MultiSchemaDialog::MultiSchemaDialog(Catalog *catalog, CredentialStore *credentials,
                                     OperationEngine *engine, qint64 connectionId, QWidget *parent)
    : MultiSchemaDialog(catalog, credentials, engine, existingSource(connectionId), parent)
{
}

MultiSchemaDialog::MultiSchemaDialog(Catalog *catalog, CredentialStore *credentials,
                                     OperationEngine *engine, const MultiSchemaSource &source,
                                     QWidget *parent)
    : QDialog(parent), m_catalog(catalog),
      m_controller(new MultiSchemaController(catalog, credentials, engine, source, this))
{
    setObjectName(QStringLiteral("multiSchemaDialog"));
    setWindowTitle(tr("Onboard Several Schemas"));
    setAccessibleName(windowTitle());
    build();
    connect(m_controller, &MultiSchemaController::discoveryProgress, m_status, &QLabel::setText);
    connect(m_controller, &MultiSchemaController::schemasDiscovered, this,
            &MultiSchemaDialog::onDiscovered);
    connect(m_controller, &MultiSchemaController::discoveryFailed, this,
            &MultiSchemaDialog::onDiscoveryFailed);
    connect(m_controller, &MultiSchemaController::creationProgress, this,
            &MultiSchemaDialog::onCreationProgress);
    connect(m_controller, &MultiSchemaController::creationFinished, this,
            &MultiSchemaDialog::onCreationFinished);
    resize(940, 660);
    setMinimumSize(780, 560);
    // Discovery starts once the caller has connected to the dialog.
    QMetaObject::invokeMethod(this, &MultiSchemaDialog::discover, Qt::QueuedConnection);
}

MultiSchemaDialog::~MultiSchemaDialog() = default;

void MultiSchemaDialog::build()
{
    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(10);
    auto *title = wizardui::sectionTitle(windowTitle());
    QFont f = title->font();
    f.setPointSizeF(f.pointSizeF() * 1.15);
    title->setFont(f);
    layout->addWidget(title);
    m_subtitle = wizardui::noteLabel(QString());
    m_subtitle->setObjectName(QStringLiteral("multiSchemaSubtitle"));
    layout->addWidget(m_subtitle);
    m_banner = new StatusBanner;
    layout->addWidget(m_banner);

    m_pages = new QStackedWidget;
    m_pages->addWidget(buildSetupPage());
    m_results = new MultiSchemaResultsView;
    m_results->setObjectName(QStringLiteral("multiSchemaResults"));
    m_pages->addWidget(m_results);
    layout->addWidget(m_pages, 1);

    auto *bottom = new QHBoxLayout;
    bottom->setSpacing(8);
    m_spinner = new BusySpinner;
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("multiSchemaStatus"));
    m_status->setTextFormat(Qt::PlainText);
    m_progress = new QProgressBar;
    m_progress->setObjectName(QStringLiteral("multiSchemaProgress"));
    m_progress->setVisible(false);
    m_progress->setMaximumWidth(200);
    m_close = new QPushButton(tr("Cancel"));
    m_close->setObjectName(QStringLiteral("multiSchemaClose"));
    m_create = new QPushButton(tr("Create All"));
    m_create->setObjectName(QStringLiteral("createAllButton"));
    m_create->setToolTip(tr("Create one datastore per selected schema, reusing the connection"));
    for (QPushButton *b : {m_close, m_create}) {
        b->setAutoDefault(false);
        wizardui::padButton(b);
    }
    m_create->setMinimumWidth(m_create->minimumWidth() + 40); // room for "(12)"
    m_create->setDefault(true); // Enter creates (while it is enabled); Refresh is not auto-default
    bottom->addWidget(m_spinner);
    bottom->addWidget(m_status, 1);
    bottom->addWidget(m_progress);
    bottom->addWidget(m_close);
    bottom->addWidget(m_create);
    layout->addLayout(bottom);

    connect(m_close, &QPushButton::clicked, this, &MultiSchemaDialog::reject);
    connect(m_create, &QPushButton::clicked, this, &MultiSchemaDialog::createAll);

    const Connection c = m_controller->connection();
    const ConnectorSpec *spec = m_controller->spec();
    const QString where =
        c.host.isEmpty() ? c.database : QStringLiteral("%1:%2").arg(c.host).arg(c.port);
    const QString kind = spec ? spec->displayName : c.type;
    m_subtitle->setText(
        m_controller->source().isNew()
            ? tr("From the new %1 connection “%2” (%3), database %4. The connection is saved "
                 "once, when the datastores are created.")
                  .arg(kind, c.name, where, m_controller->database())
            : tr("From the %1 connection “%2” (%3), database %4. Every datastore reuses this "
                 "connection.")
                  .arg(kind, c.name, where, m_controller->database()));
    if (!m_controller->source().isNew() && c.id == 0)
        m_banner->showMessage(StatusBanner::Kind::Error, tr("Connection not found"),
                              tr("The connection no longer exists in the catalog."));
}

QWidget *MultiSchemaDialog::buildSetupPage()
{
    auto *page = new QWidget;
    auto *columns = new QHBoxLayout(page);
    columns->setContentsMargins(0, 0, 0, 0);
    columns->setSpacing(18);

    auto *left = new QVBoxLayout;
    left->setSpacing(6);
    auto *schemasHeader = new QHBoxLayout;
    schemasHeader->addWidget(wizardui::sectionTitle(tr("Schemas")), 1);
    m_refresh = new QPushButton(QIcon(QStringLiteral(":/icons/refresh.svg")), tr("Refresh"));
    m_refresh->setObjectName(QStringLiteral("refreshSchemas"));
    m_refresh->setToolTip(tr("Discover the schemas again"));
    m_refresh->setAutoDefault(false);
    schemasHeader->addWidget(m_refresh);
    left->addLayout(schemasHeader);
    m_checklist = new SchemaChecklist;
    m_checklist->setObjectName(QStringLiteral("schemaChecklist"));
    left->addWidget(m_checklist, 1);
    columns->addLayout(left, 3);

    auto *right = new QVBoxLayout;
    right->setSpacing(4);
    right->addWidget(wizardui::sectionTitle(tr("Datastores")));
    m_template = new QLineEdit(QStringLiteral("{{database}}_{{schema}}"));
    m_template->setObjectName(QStringLiteral("nameTemplate"));
    wizardui::onReturn(m_template, [] {});
    right->addWidget(wizardui::formLabel(tr("Name template"), true, m_template));
    right->addWidget(m_template);
    right->addWidget(
        wizardui::noteLabel(tr("Placeholders: {{schema}}, {{database}}, {{connection}}")));
    m_preview = new QLabel;
    m_preview->setObjectName(QStringLiteral("namePreview"));
    m_preview->setWordWrap(true);
    m_preview->setTextFormat(Qt::PlainText);
    right->addWidget(m_preview);
    m_templateProblem = wizardui::problemLabel();
    m_templateProblem->setObjectName(QStringLiteral("templateProblem"));
    right->addWidget(m_templateProblem);
    right->addSpacing(6);

    m_teams = new TeamsSelector;
    m_teams->setObjectName(QStringLiteral("multiSchemaTeams"));
    QStringList known;
    if (m_catalog)
        for (const Datastore &d : m_catalog->datastores())
            known << d.teams;
    m_teams->setAvailableTeams(known);
    const QStringList teams = m_controller->source().teams;
    m_teams->setSelectedTeams(teams.isEmpty() ? QStringList{TeamsSelector::publicTeam()} : teams);
    right->addWidget(wizardui::formLabel(tr("Teams"), true, m_teams));
    right->addWidget(m_teams);

    m_sync = new QCheckBox(tr("Initiate Sync"));
    m_sync->setObjectName(QStringLiteral("multiSchemaSync"));
    m_sync->setToolTip(tr("Sync each new datastore to discover its tables, views and fields"));
    m_sync->setChecked(m_controller->source().initiateSync);
    right->addWidget(m_sync);
    m_skipOnboarded = new QCheckBox(tr("Skip schemas that already have a datastore"));
    m_skipOnboarded->setObjectName(QStringLiteral("skipOnboarded"));
    m_skipOnboarded->setToolTip(tr("Unticked, onboarded schemas (marked ⚠) get a second, "
                                   "duplicate datastore"));
    m_skipOnboarded->setChecked(true);
    right->addWidget(m_skipOnboarded);

    right->addWidget(wizardui::sectionTitle(tr("Enrichment (optional)")));
    m_linkEnrichment = new QCheckBox(tr("Link an enrichment datastore"));
    m_linkEnrichment->setObjectName(QStringLiteral("linkEnrichment"));
    right->addWidget(m_linkEnrichment);
    m_enrichment = new QComboBox;
    m_enrichment->setObjectName(QStringLiteral("enrichmentCombo"));
    m_enrichment->setAccessibleName(tr("Enrichment datastore"));
    m_enrichment->setEnabled(false);
    right->addWidget(m_enrichment);
    m_prefixPreview = wizardui::noteLabel(QString());
    m_prefixPreview->setObjectName(QStringLiteral("prefixPreview"));
    m_prefixPreview->setTextFormat(Qt::PlainText);
    right->addWidget(m_prefixPreview);
    right->addStretch(1);
    columns->addLayout(right, 2);

    loadEnrichmentTargets();
    const auto update = [this] { refresh(); };
    connect(m_refresh, &QPushButton::clicked, this, &MultiSchemaDialog::discover);
    connect(m_checklist, &SchemaChecklist::checkedChanged, this, update);
    connect(m_template, &QLineEdit::textChanged, this, update);
    connect(m_teams, &TeamsSelector::changed, this, update);
    connect(m_skipOnboarded, &QCheckBox::toggled, this, update);
    connect(m_linkEnrichment, &QCheckBox::toggled, this, [this](bool on) {
        m_enrichment->setEnabled(on);
        refresh();
    });
    connect(m_enrichment, &QComboBox::currentIndexChanged, this, update);
    return page;
}

void MultiSchemaDialog::loadEnrichmentTargets()
{
    m_enrichment->clear();
    if (m_catalog) {
        for (const Datastore &d : m_catalog->datastores()) {
            if (!d.enrichOnly)
                continue;
            const auto c = m_catalog->connection(d.connectionId);
            const ConnectorSpec *spec = c ? connectors::find(c->type) : nullptr;
            if (spec && spec->supportsEnrichment)
                m_enrichment->addItem(QIcon(QStringLiteral(":/icons/enrichment.svg")), d.name,
                                      d.id);
        }
    }
    const bool any = m_enrichment->count() > 0;
    m_linkEnrichment->setEnabled(any);
    m_linkEnrichment->setToolTip(any ? tr("Write the quality results of every new datastore to "
                                          "one enrichment datastore, each with its own prefix")
                                     : tr("There is no enrichment datastore yet: add one "
                                          "(enrichment only) first."));
}

MultiSchemaRequest MultiSchemaDialog::request() const
{
    MultiSchemaRequest r;
    r.schemas = m_checklist->checkedSchemas();
    r.nameTemplate = m_template->text();
    r.teams = m_teams->selectedTeams();
    r.initiateSync = m_sync->isChecked();
    r.skipOnboarded = m_skipOnboarded->isChecked();
    if (m_linkEnrichment->isChecked() && m_enrichment->currentIndex() >= 0)
        r.enrichmentDatastoreId = m_enrichment->currentData().toLongLong();
    return r;
}

QList<SchemaPlan> MultiSchemaDialog::plans() const
{
    return m_controller->plan(m_checklist->checkedSchemas(), m_template->text());
}

bool MultiSchemaDialog::isDiscovering() const
{
    return m_controller->isDiscovering();
}

bool MultiSchemaDialog::isCreating() const
{
    return m_controller->isCreating();
}

QList<qint64> MultiSchemaDialog::createdDatastoreIds() const
{
    QList<qint64> ids;
    for (const SchemaResult &r : m_controller->results())
        if (r.status == SchemaResult::Status::Created)
            ids << r.datastoreId;
    return ids;
}

void MultiSchemaDialog::refresh()
{
    const QList<SchemaPlan> all = plans();
    m_checklist->showPlans(all, m_skipOnboarded->isChecked());
    QStringList names;
    QStringList prefixes;
    int empty = 0;
    int duplicates = 0;
    for (const SchemaPlan &p : all) {
        names << (p.name.isEmpty() ? tr("(empty)") : p.name);
        prefixes << p.prefix;
        empty += p.problem == SchemaPlan::Problem::EmptyName ? 1 : 0;
        duplicates += p.problem == SchemaPlan::Problem::DuplicateName ? 1 : 0;
    }
    m_preview->setText(all.isEmpty() ? tr("Select schemas to preview their names.")
                                     : tr("Preview: %1").arg(firstFew(names)));
    QStringList problems;
    if (empty > 0)
        problems << tr("%n name(s) would be empty.", nullptr, empty);
    if (duplicates > 0)
        problems << tr("%n schema(s) would get the same name: put {{schema}} in the template.",
                       nullptr, duplicates);
    wizardui::setProblem(m_templateProblem, problems.join(QLatin1Char(' ')));

    const bool link = m_linkEnrichment->isChecked() && m_enrichment->currentIndex() >= 0;
    m_prefixPreview->setVisible(link && !all.isEmpty());
    m_prefixPreview->setText(tr("Each datastore gets its own prefix: %1").arg(firstFew(prefixes)));

    const bool busy = m_controller->isDiscovering() || m_controller->isCreating();
    const bool ok = !all.isEmpty() && empty == 0 && duplicates == 0 &&
                    !m_teams->selectedTeams().isEmpty() &&
                    (!m_linkEnrichment->isChecked() || link) && !m_finished;
    m_create->setEnabled(ok && !busy);
    m_create->setText(all.isEmpty() ? tr("Create All") : tr("Create All (%1)").arg(all.size()));
}

void MultiSchemaDialog::setBusy(const QString &text)
{
    m_spinner->start();
    m_status->setText(text);
    m_refresh->setEnabled(false);
    refresh();
}

void MultiSchemaDialog::setIdle()
{
    m_spinner->stop();
    m_refresh->setEnabled(!m_finished && !m_controller->isCreating());
    refresh();
}

void MultiSchemaDialog::discover()
{
    if (m_controller->isCreating() || m_finished)
        return;
    if (!m_controller->source().isNew() && m_controller->connection().id == 0)
        return; // the banner says the connection is gone
    m_banner->clear();
    m_checklist->setEnabled(false);
    setBusy(tr("Discovering schemas…"));
    m_controller->discover(); // may fail at once (e.g. no keychain): refresh after it
    refresh();
}

void MultiSchemaDialog::onDiscovered(const QStringList &schemas)
{
    QHash<QString, QStringList> onboarded;
    for (const QString &schema : schemas) {
        const QStringList names = m_controller->onboardedAs(schema);
        if (!names.isEmpty())
            onboarded.insert(schema, names);
    }
    m_checklist->setSchemas(schemas, onboarded);
    m_checklist->setEnabled(true);
    setIdle();
    m_status->setText(
        tr("%n schema(s) found; system schemas are hidden.", nullptr, int(schemas.size())));
    if (schemas.isEmpty())
        m_banner->showMessage(StatusBanner::Kind::Info, tr("No schemas found"),
                              tr("The user of this connection sees no schema besides the "
                                 "system ones."),
                              tr("Grant USAGE on the schemas to onboard, then Refresh."));
    m_checklist->searchEdit()->setFocus(Qt::OtherFocusReason);
}

void MultiSchemaDialog::onDiscoveryFailed(const Diagnosis &diagnosis)
{
    m_checklist->setEnabled(true);
    setIdle();
    m_status->clear();
    if (diagnosis.category == DiagnosisCategory::Cancelled)
        return;
    m_banner->showMessage(StatusBanner::Kind::Error, diagnosis.summary(),
                          tr("The schemas could not be discovered: %1").arg(diagnosis.detail),
                          diagnosis.hint.isEmpty() ? tr("Correct the connection, then Refresh.")
                                                   : diagnosis.hint);
}

void MultiSchemaDialog::createAll()
{
    if (!m_create->isEnabled())
        return;
    const MultiSchemaRequest r = request();
    if (!m_controller->createAll(r))
        return;
    m_banner->clear();
    m_pages->widget(0)->setEnabled(false);
    m_progress->setRange(0, int(r.schemas.size()));
    m_progress->setValue(0);
    m_progress->setVisible(true);
    m_close->setText(tr("Cancel"));
    setBusy(tr("Creating %n datastore(s)…", nullptr, int(r.schemas.size())));
}

void MultiSchemaDialog::onCreationProgress(int done, int total, const QString &schema)
{
    m_progress->setValue(done);
    m_status->setText(tr("%1 of %2 done (last: %3)…").arg(done).arg(total).arg(schema));
}

void MultiSchemaDialog::onCreationFinished(const QList<SchemaResult> &results)
{
    m_finished = true;
    m_progress->setVisible(false);
    m_results->setResults(results);
    m_pages->setCurrentWidget(m_results);
    m_create->setVisible(false);
    m_close->setText(tr("Close"));
    m_close->setAutoDefault(true);
    m_close->setDefault(true);
    setIdle();
    m_status->clear();
    const QList<qint64> ids = createdDatastoreIds();
    if (!ids.isEmpty())
        emit datastoresCreated(ids);
}

void MultiSchemaDialog::reject()
{
    if (m_controller->isCreating()) {
        m_controller->cancel();
        m_status->setText(tr("Cancelling after the datastore being created…"));
        return;
    }
    m_controller->cancelDiscovery();
    QDialog::reject();
}

} // namespace assay
