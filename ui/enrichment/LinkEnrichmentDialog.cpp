#include "ui/enrichment/LinkEnrichmentDialog.h"

#include "app/connectors/ConnectorSpec.h"
#include "app/connectors/SqlDialect.h"
#include "app/enrichment/EnrichmentTables.h"
#include "app/enrichment/Prefix.h"
#include "models/catalog/Catalog.h"
#include "ui/common/DialogSizing.h"
#include "ui/enrichment/EnrichmentLinkSummary.h"
#include "ui/enrichment/EnrichmentSettingsFields.h"
#include "ui/enrichment/ExistingEnrichmentFields.h"
#include "ui/enrichment/NewEnrichmentForm.h"
#include "ui/enrichment/NoticeStrip.h"
#include "ui/enrichment/PrefixField.h"
#include "ui/widgets/BusySpinner.h"
#include "ui/widgets/ConnectionForm.h"
#include "ui/widgets/ConnectionTestPanel.h"
#include "ui/widgets/StatusBanner.h"
#include "ui/widgets/WizardUi.h"

#include <QAction>
#include <QActionGroup>
#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSpacerItem>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace assay {

namespace {

QFormLayout *newFormLayout()
{
    auto *form = new QFormLayout;
    form->setContentsMargins(0, 0, 0, 0);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    form->setFormAlignment(Qt::AlignLeft | Qt::AlignTop);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    form->setHorizontalSpacing(12);
    form->setVerticalSpacing(8);
    return form;
}

} // namespace

LinkEnrichmentDialog::LinkEnrichmentDialog(Catalog *catalog, CredentialStore *credentials,
                                           qint64 sourceDatastoreId, QWidget *parent)
    : QDialog(parent), m_catalog(catalog), m_sourceId(sourceDatastoreId),
      m_controller(new EnrichmentLinkController(catalog, credentials, this)),
      m_pages(new QStackedWidget), m_scroll(new QScrollArea), m_intro(new QLabel),
      m_form(newFormLayout()), m_settingsLayout(newFormLayout()), m_prefix(new PrefixField),
      m_modeButton(new QPushButton), m_useAction(new QAction(tr("Use Enrichment Datastore"), this)),
      m_addAction(new QAction(tr("Add Enrichment Datastore"), this)), m_existing(nullptr),
      m_newForm(new NewEnrichmentForm(catalog, credentials)), m_collision(new NoticeStrip),
      m_problem(wizardui::problemLabel()), m_settings(nullptr), m_status(new StatusBanner),
      m_spinner(new BusySpinner), m_busyText(new QLabel), m_unlink(new QPushButton(tr("Unlink…"))),
      m_cancel(new QPushButton(tr("Cancel"))), m_finish(new QPushButton(tr("Finish"))),
      m_done(new EnrichmentLinkSummary)
{
    setObjectName(QStringLiteral("linkEnrichmentDialog"));
    setWindowTitle(tr("Link Enrichment Datastore"));
    setModal(true);
    loadSource();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 12);
    layout->setSpacing(10);
    m_pages->addWidget(buildFormPage());
    m_pages->addWidget(m_done);
    layout->addWidget(m_pages, 1);

    auto *buttons = new QHBoxLayout;
    buttons->setContentsMargins(16, 0, 16, 0);
    buttons->setSpacing(8);
    m_unlink->setObjectName(QStringLiteral("unlinkButton"));
    m_unlink->setAutoDefault(false);
    m_unlink->setToolTip(tr("Stop writing enrichment data; the tables stay."));
    m_spinner->setObjectName(QStringLiteral("linkSpinner"));
    m_busyText->setObjectName(QStringLiteral("linkStatus"));
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_cancel->setAutoDefault(false);
    m_finish->setObjectName(QStringLiteral("finishButton"));
    m_finish->setDefault(true);
    for (QPushButton *b : {m_unlink, m_cancel, m_finish})
        wizardui::padButton(b);
    buttons->addWidget(m_unlink);
    buttons->addStretch(1);
    buttons->addWidget(m_spinner);
    buttons->addWidget(m_busyText);
    buttons->addSpacing(8);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_finish);
    layout->addLayout(buttons);

    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (isDone())
            accept();
        else
            reject();
    });
    connect(m_finish, &QPushButton::clicked, this, &LinkEnrichmentDialog::finish);
    connect(m_unlink, &QPushButton::clicked, this, &LinkEnrichmentDialog::confirmUnlink);
    connect(m_controller, &EnrichmentLinkController::linked, this, &LinkEnrichmentDialog::onLinked);
    connect(m_controller, &EnrichmentLinkController::failed, this, &LinkEnrichmentDialog::onFailed);
    connect(m_controller, &EnrichmentLinkController::unlinked, this,
            &LinkEnrichmentDialog::onUnlinked);
    connect(m_controller, &EnrichmentLinkController::orphanedTablesFound, this,
            &LinkEnrichmentDialog::onOrphans);
    if (m_catalog) {
        const auto reloadTargets = [this] {
            if (m_busy)
                return;
            m_existing->reload();
            m_newForm->reload();
            refresh();
        };
        connect(m_catalog, &Catalog::datastoreAdded, this, reloadTargets);
        connect(m_catalog, &Catalog::datastoreRemoved, this, reloadTargets);
        connect(m_catalog, &Catalog::connectionsChanged, this, reloadTargets);
        connect(m_catalog, &Catalog::datastoreUpdated, this, [this](qint64 id) {
            if (id == m_sourceId) {
                loadSource();
                refreshIntro();
            }
            if (!m_busy)
                refresh();
        });
    }

    // Start where the user most likely is: the linked datastore, else an existing one, else
    // adding the first.
    m_existing->reload(m_source.enrichment.enrichmentDatastoreId);
    setMode(m_source.enrichment.isLinked() || m_existing->count() > 0 ? Mode::UseExisting
                                                                      : Mode::AddNew);
    m_prefix->setInput(m_source.enrichment.prefix.isEmpty()
                           ? normalizeEnrichmentPrefix(m_source.name)
                           : m_source.enrichment.prefix);
    m_settings->setLink(m_source.enrichment);
    refreshIntro();
    refresh();
    alignLabels();
    fitDialogToContent(this, m_scroll, QSize(760, 600));
    m_prefix->setFocus(Qt::OtherFocusReason);
}

LinkEnrichmentDialog::~LinkEnrichmentDialog() = default;

QWidget *LinkEnrichmentDialog::buildFormPage()
{
    auto *body = new QWidget;
    body->setObjectName(QStringLiteral("linkEnrichmentBody"));
    auto *column = new QVBoxLayout(body);
    column->setContentsMargins(16, 16, 16, 8);
    column->setSpacing(12);

    m_intro->setObjectName(QStringLiteral("introLabel"));
    m_intro->setWordWrap(true);
    m_intro->setTextFormat(Qt::PlainText);
    column->addWidget(m_intro);

    m_form->addRow(wizardui::formLabel(tr("Prefix"), true, m_prefix->edit()), m_prefix);

    // The caret button: which way the enrichment datastore is chosen.
    auto *group = new QActionGroup(this);
    for (QAction *a : {m_useAction, m_addAction}) {
        a->setCheckable(true);
        group->addAction(a);
    }
    m_useAction->setObjectName(QStringLiteral("useExistingAction"));
    m_addAction->setObjectName(QStringLiteral("addNewAction"));
    m_useAction->setToolTip(tr("Pick an enrichment datastore that already exists."));
    m_addAction->setToolTip(
        tr("Create an enrichment datastore with its connection, then link it."));
    auto *menu = new QMenu(m_modeButton);
    menu->addAction(m_useAction);
    menu->addAction(m_addAction);
    m_modeButton->setObjectName(QStringLiteral("modeButton"));
    m_modeButton->setMenu(menu); // a caret button: its menu drops down on click
    m_modeButton->setAutoDefault(false);
    wizardui::padButton(m_modeButton);
    // One width for both choices, with room for the caret.
    int modeWidth = 0;
    for (QAction *a : {m_useAction, m_addAction}) {
        m_modeButton->setText(a->text());
        modeWidth = qMax(modeWidth, m_modeButton->sizeHint().width());
    }
    m_modeButton->setMinimumWidth(modeWidth + m_modeButton->fontMetrics().height());
    m_modeButton->setAccessibleName(tr("How to choose the enrichment datastore"));
    auto *titleRow = new QWidget;
    auto *titleLayout = new QHBoxLayout(titleRow);
    titleLayout->setContentsMargins(0, 0, 0, 0);
    auto *title = wizardui::sectionTitle(tr("Enrichment Datastore"));
    titleLayout->addWidget(title);
    titleLayout->addStretch(1);
    titleLayout->addWidget(m_modeButton, 0, Qt::AlignBottom);
    m_form->addRow(titleRow);
    connect(m_useAction, &QAction::triggered, this, [this] { setMode(Mode::UseExisting); });
    connect(m_addAction, &QAction::triggered, this, [this] { setMode(Mode::AddNew); });

    m_existing = new ExistingEnrichmentFields(m_catalog, m_form, this);
    column->addLayout(m_form);

    m_newForm->setObjectName(QStringLiteral("newEnrichmentForm"));
    column->addWidget(m_newForm);

    m_collision->setObjectName(QStringLiteral("collisionNotice"));
    column->addWidget(m_collision);
    m_problem->setObjectName(QStringLiteral("linkProblem"));
    column->addWidget(m_problem);

    m_settings = new EnrichmentSettingsFields(m_settingsLayout, this);
    column->addLayout(m_settingsLayout);

    column->addWidget(m_status);
    column->addStretch(1);

    connect(m_prefix, &PrefixField::changed, this, &LinkEnrichmentDialog::refresh);
    connect(m_existing, &ExistingEnrichmentFields::changed, this, &LinkEnrichmentDialog::refresh);
    connect(m_newForm, &NewEnrichmentForm::changed, this, [this] {
        alignLabels();
        refresh();
    });
    connect(m_settings, &EnrichmentSettingsFields::changed, this, &LinkEnrichmentDialog::refresh);

    m_scroll->setObjectName(QStringLiteral("linkEnrichmentScroll"));
    m_scroll->setWidget(body);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    return m_scroll;
}

void LinkEnrichmentDialog::loadSource()
{
    const auto source =
        m_catalog ? m_catalog->datastore(m_sourceId) : Lookup<Datastore>::notFound();
    m_sourceFound = source.has_value();
    if (source)
        m_source = *source;
}

QString LinkEnrichmentDialog::enrichmentName(qint64 id) const
{
    const auto d = m_catalog ? m_catalog->datastore(id) : Lookup<Datastore>::notFound();
    return d ? d->name : tr("datastore %1").arg(id);
}

void LinkEnrichmentDialog::refreshIntro()
{
    if (!m_sourceFound) {
        m_intro->setText(tr("The source datastore no longer exists."));
    } else if (m_source.enrichment.isLinked()) {
        m_intro->setText(tr("“%1” writes its scan results to the enrichment datastore “%2” "
                            "with the prefix %3. Change the settings below, or unlink it.")
                             .arg(m_source.name,
                                  enrichmentName(m_source.enrichment.enrichmentDatastoreId),
                                  m_source.enrichment.prefix));
    } else {
        m_intro->setText(tr("Keep the scan results and anomalies of “%1” in a database you own: "
                            "Assay writes them to the enrichment datastore, in tables whose "
                            "names start with the prefix.")
                             .arg(m_source.name));
    }
    m_unlink->setVisible(m_sourceFound && m_source.enrichment.isLinked() && !isDone());
}

void LinkEnrichmentDialog::setMode(Mode mode)
{
    m_mode = mode;
    const bool use = mode == Mode::UseExisting;
    m_useAction->setChecked(use);
    m_addAction->setChecked(!use);
    m_modeButton->setText(use ? m_useAction->text() : m_addAction->text());
    m_existing->setVisible(use);
    m_newForm->setVisible(!use);
    if (!use)
        m_newForm->reload();
    refresh();
}

LinkEnrichmentRequest LinkEnrichmentDialog::request() const
{
    LinkEnrichmentRequest r;
    r.sourceDatastoreId = m_sourceId;
    r.addNew = m_mode == Mode::AddNew;
    if (r.addNew)
        r.newDatastore = m_newForm->request();
    else
        r.enrichmentDatastoreId = m_existing->selectedId();
    r.settings.prefixInput = m_prefix->input();
    r.settings.remediation = m_settings->remediation();
    r.settings.sourceRecordLimit = m_settings->sourceRecordLimit();
    r.settings.rollupThreshold = m_settings->rollupThreshold();
    return r;
}

QString LinkEnrichmentDialog::problem() const
{
    if (!m_sourceFound)
        return tr("The source datastore no longer exists.");
    if (m_source.enrichOnly)
        return tr("“%1” is an enrichment datastore: only source datastores link to one.")
            .arg(m_source.name);
    const EnrichmentLink &link = m_source.enrichment;
    const qint64 chosen = m_existing->selectedId();
    const bool swapping =
        link.isLinked() &&
        (m_mode == Mode::AddNew || (chosen != 0 && chosen != link.enrichmentDatastoreId));
    if (swapping)
        return tr("“%1” already writes to “%2”. Unlink “%2” first; enrichment datastores cannot "
                  "be swapped directly.")
            .arg(m_source.name, enrichmentName(link.enrichmentDatastoreId));
    return QString();
}

bool LinkEnrichmentDialog::canFinish() const
{
    if (m_busy || isDone() || !problem().isEmpty() || !m_prefix->isValid())
        return false;
    if (!EnrichmentLinker::checkSourceRecordLimit(m_settings->sourceRecordLimit()).isEmpty() ||
        !EnrichmentLinker::checkRollupThreshold(m_settings->rollupThreshold()).isEmpty())
        return false;
    if (m_mode == Mode::UseExisting)
        return m_existing->selectedId() != 0;
    return m_newForm->isComplete();
}

const ConnectorSpec *LinkEnrichmentDialog::targetConnector() const
{
    if (m_mode == Mode::AddNew) {
        const NewEnrichmentDatastore request = m_newForm->request();
        if (request.newConnection)
            return connectors::find(request.connection.connectorId);
        const auto connection = m_catalog ? m_catalog->connection(request.connectionId)
                                          : Lookup<Connection>::notFound();
        return connection ? connectors::find(connection->type) : nullptr;
    }
    const auto target =
        m_catalog ? m_catalog->datastore(m_existing->selectedId()) : Lookup<Datastore>::notFound();
    const auto connection = target && m_catalog ? m_catalog->connection(target->connectionId)
                                                : Lookup<Connection>::notFound();
    return connection ? connectors::find(connection->type) : nullptr;
}

bool LinkEnrichmentDialog::isDone() const
{
    return m_pages->currentIndex() == 1;
}

void LinkEnrichmentDialog::refresh()
{
    wizardui::setProblem(m_problem, problem());
    QString collision;
    if (m_mode == Mode::UseExisting && m_prefix->isValid())
        collision = m_catalog ? EnrichmentLinker::collisionWarning(*m_catalog, m_sourceId,
                                                                   m_existing->selectedId(),
                                                                   m_prefix->normalized())
                              : QString();
    // The target's identifier limits (PostgreSQL 63 bytes, MySQL 64 characters) may be shorter
    // than the longest table name the prefix makes: say so now rather than at the first scan.
    if (m_prefix->isValid()) {
        const ConnectorSpec *spec = targetConnector();
        const QString tooLong = spec ? enrichment::prefixTooLongFor(
                                           SqlDialect::forConnector(*spec), m_prefix->normalized(),
                                           m_settings->remediation() != RemediationStrategy::None)
                                     : QString();
        if (!tooLong.isEmpty())
            collision = collision.isEmpty() ? tooLong : collision + u'\n' + tooLong;
    }
    m_collision->setText(collision);
    m_finish->setEnabled(canFinish());
    m_finish->setToolTip(m_finish->isEnabled() ? QString()
                                               : tr("Fill in the fields marked * first."));
}

void LinkEnrichmentDialog::alignLabels()
{
    // Three form layouts, one label column.
    QList<QLabel *> labels;
    int width = 0;
    for (QFormLayout *form : {m_form, m_newForm->formLayout(), m_settingsLayout}) {
        for (int row = 0; row < form->rowCount(); ++row) {
            QLayoutItem *item = form->itemAt(row, QFormLayout::LabelRole);
            auto *label = item ? qobject_cast<QLabel *>(item->widget()) : nullptr;
            if (!label)
                continue;
            labels << label;
            width = qMax(width, label->sizeHint().width());
        }
    }
    for (QLabel *label : std::as_const(labels)) {
        label->setMinimumWidth(width);
        label->setAlignment((label->alignment() & Qt::AlignVertical_Mask) | Qt::AlignRight);
    }
}

void LinkEnrichmentDialog::setBusy(bool busy, const QString &text)
{
    m_busy = busy;
    if (busy)
        m_spinner->start();
    else
        m_spinner->stop();
    m_busyText->setText(text);
    m_prefix->setEnabled(!busy);
    m_modeButton->setEnabled(!busy);
    m_existing->setEnabled(!busy);
    m_newForm->setBusy(busy);
    m_settings->setEnabled(!busy);
    m_unlink->setEnabled(!busy);
    m_cancel->setEnabled(!busy);
    refresh();
}

void LinkEnrichmentDialog::finish()
{
    if (!canFinish())
        return;
    const LinkEnrichmentRequest pending = request();
    const QStringList sources =
        pending.addNew ? m_newForm->sourcesOfChosenConnection() : QStringList();
    if (!sources.isEmpty() && !m_sourceConnectionConfirmed)
        return confirmSourceConnection(sources);
    m_sourceConnectionConfirmed = false;
    m_status->clear();
    const LinkEnrichmentRequest r = request();
    const QString text =
        r.addNew ? tr("Adding “%1” and linking it…").arg(r.newDatastore.name) : tr("Linking…");
    setBusy(true, text);
    if (!m_controller->link(r))
        setBusy(false);
}

void LinkEnrichmentDialog::onLinked(qint64 enrichmentId, bool createdNew)
{
    setBusy(false);
    loadSource();
    m_linkedTo = enrichmentId;
    const EnrichmentLinkResult &result = m_controller->lastResult();
    if (m_done->showLinked(m_source, enrichmentName(enrichmentId), result, createdNew))
        m_controller->findOrphanedTables(enrichmentId, m_sourceId, result.previousPrefix);
    m_pages->setCurrentIndex(1);
    m_unlink->setVisible(false);
    m_finish->setVisible(false);
    m_cancel->setText(tr("Close"));
    m_cancel->setDefault(true);
    m_cancel->setFocus(Qt::OtherFocusReason);
    emit linked(m_sourceId, enrichmentId);
}

void LinkEnrichmentDialog::onFailed(const QString &message)
{
    const bool unlinking = m_unlinking;
    m_unlinking = false;
    setBusy(false);
    m_status->showMessage(StatusBanner::Kind::Error,
                          unlinking ? tr("Could not unlink") : tr("Could not link"), message);
    m_scroll->ensureWidgetVisible(m_status);
}

void LinkEnrichmentDialog::confirmSourceConnection(const QStringList &sources)
{
    auto *box = new QMessageBox(
        QMessageBox::Warning, tr("Use a Source's Connection?"),
        tr("The connection chosen for the enrichment datastore is the one %1 reads from.")
            .arg(sources.join(QStringLiteral(", "))),
        QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("sourceConnectionConfirmation"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(tr("Scans would create and write their enrichment tables in that "
                               "source's own database. Usually an enrichment datastore has a "
                               "database of its own: choose another connection, or add a new "
                               "one."));
    QPushButton *use = box->addButton(tr("Use It Anyway"), QMessageBox::DestructiveRole);
    use->setObjectName(QStringLiteral("useSourceConnectionButton"));
    QPushButton *back = box->addButton(tr("Choose Another"), QMessageBox::RejectRole);
    box->setDefaultButton(back);
    box->setEscapeButton(back);
    connect(box, &QMessageBox::buttonClicked, this, [this, use](QAbstractButton *button) {
        if (button != use)
            return;
        m_sourceConnectionConfirmed = true;
        finish();
    });
    m_confirm = box;
    box->open();
}

void LinkEnrichmentDialog::confirmUnlink()
{
    if (!m_source.enrichment.isLinked() || m_busy)
        return;
    const QString target = enrichmentName(m_source.enrichment.enrichmentDatastoreId);
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Unlink Enrichment Datastore"),
                                tr("Unlink “%1” from “%2”?").arg(target, m_source.name),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("unlinkConfirmation"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(
        tr("• The remediation strategy is reset to None, and scans stop writing enrichment "
           "data.\n• The enrichment tables (prefix %1) are kept in “%2”: nothing is dropped.\n"
           "• Linking “%2” again with the prefix %1 continues the same tables.")
            .arg(m_source.enrichment.prefix, target));
    QPushButton *unlink = box->addButton(tr("Unlink"), QMessageBox::DestructiveRole);
    unlink->setObjectName(QStringLiteral("confirmUnlinkButton"));
    QPushButton *keep = box->addButton(tr("Keep Linked"), QMessageBox::RejectRole);
    box->setDefaultButton(keep);
    box->setEscapeButton(keep);
    // Room for the three points on one or two lines each.
    if (auto *grid = qobject_cast<QGridLayout *>(box->layout()))
        grid->addItem(new QSpacerItem(480, 0, QSizePolicy::Minimum, QSizePolicy::Expanding),
                      grid->rowCount(), 0, 1, grid->columnCount());
    connect(box, &QMessageBox::buttonClicked, this, [this, unlink](QAbstractButton *button) {
        if (button != unlink)
            return;
        m_status->clear();
        m_unlinkingFrom = m_source.enrichment.enrichmentDatastoreId;
        m_unlinking = true;
        setBusy(true, tr("Unlinking…"));
        if (!m_controller->unlink(m_sourceId)) {
            m_unlinking = false;
            setBusy(false);
        }
    });
    m_confirm = box;
    box->open();
}

void LinkEnrichmentDialog::onUnlinked()
{
    m_unlinking = false;
    const qint64 targetId = m_unlinkingFrom;
    const QString target = enrichmentName(targetId);
    setBusy(false);
    loadSource();
    m_settings->setRemediation(m_source.enrichment.remediation);
    m_existing->reload(targetId);
    refreshIntro();
    refresh();
    m_status->showMessage(
        StatusBanner::Kind::Info, tr("“%1” unlinked").arg(target),
        tr("Remediation is back to None and scans write no enrichment data. The %1 tables stay "
           "in “%2”.")
            .arg(m_source.enrichment.prefix, target),
        tr("Press Finish with “%1” and the prefix %2 to link it again and continue them.")
            .arg(target, m_source.enrichment.prefix));
    m_scroll->ensureWidgetVisible(m_status);
    emit unlinked(m_sourceId);
}

void LinkEnrichmentDialog::onOrphans(const QString &oldPrefix, const QStringList &tables,
                                     const QString &error)
{
    const QStringList sharing =
        m_catalog
            ? EnrichmentLinker::prefixCollisions(*m_catalog, m_sourceId, m_linkedTo, oldPrefix)
            : QStringList();
    m_done->showOrphans(oldPrefix, enrichmentName(m_linkedTo), tables, error, sharing);
}

StatusBanner *LinkEnrichmentDialog::successBanner() const
{
    return m_done->banner();
}

NoticeStrip *LinkEnrichmentDialog::successNotice() const
{
    return m_done->notice();
}

QFormLayout *LinkEnrichmentDialog::summaryLayout() const
{
    return m_done->summaryLayout();
}

QWidget *LinkEnrichmentDialog::orphanPanel() const
{
    return m_done->orphanPanel();
}

QLabel *LinkEnrichmentDialog::orphanStatus() const
{
    return m_done->orphanStatus();
}

QListWidget *LinkEnrichmentDialog::orphanList() const
{
    return m_done->orphanList();
}

void LinkEnrichmentDialog::reject()
{
    // Half-written work (secrets on their way to the keychain) finishes or rolls back first.
    if (m_busy)
        return;
    QDialog::reject();
}

} // namespace assay
