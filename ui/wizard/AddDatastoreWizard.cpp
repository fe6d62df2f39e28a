#include "ui/wizard/AddDatastoreWizard.h"

#include "models/catalog/Catalog.h"
#include "ui/common/Theme.h"
#include "ui/widgets/ConnectionForm.h"
#include "ui/widgets/ConnectionTestPanel.h"
#include "ui/widgets/WizardUi.h"
#include "ui/wizard/ConnectionPage.h"
#include "ui/wizard/DatastoreCreationController.h"
#include "ui/wizard/DatastorePage.h"
#include "ui/wizard/MultiSchemaDialog.h"

#include <QAbstractButton>
#include <QIcon>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>

namespace assay {

AddDatastoreWizard::AddDatastoreWizard(Catalog *catalog, CredentialStore *credentials,
                                       OperationEngine *engine, QWidget *parent)
    : QWizard(parent), m_catalog(catalog), m_datastorePage(new DatastorePage(catalog)),
      m_connectionPage(new ConnectionPage(catalog, credentials)),
      m_controller(new DatastoreCreationController(catalog, credentials, engine, this))
{
    setObjectName(QStringLiteral("addDatastoreWizard"));
    setWindowTitle(tr("Add Datastore"));
    setAccessibleName(windowTitle());
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnStartPage, true);
    setOption(QWizard::HaveHelpButton, false);
    setPixmap(QWizard::LogoPixmap,
              QIcon(QStringLiteral(":/icons/datastore.svg")).pixmap(QSize(40, 40)));
    setButtonText(QWizard::CustomButton1, tr("Next: Link Enrichment"));
    button(QWizard::CustomButton1)->setObjectName(QStringLiteral("linkEnrichmentButton"));
    wizardui::padButton(button(QWizard::CustomButton1));
    button(QWizard::CustomButton1)
        ->setToolTip(
            tr("Add the datastore, then link an enrichment datastore to keep its results"));
    setButtonLayout({QWizard::Stretch, QWizard::BackButton, QWizard::NextButton,
                     QWizard::FinishButton, QWizard::CancelButton});
    setPage(DatastorePageId, m_datastorePage);
    setPage(ConnectionPageId, m_connectionPage);
    setStartId(DatastorePageId);
    // Tall enough that the connection page shows Initiate Sync and a test result without
    // scrolling at the default font (and proportionally more at a larger one), within 90% of the
    // screen's available height.
    const double fontScale = theme::fontScale();
    QSize size(qRound(760 * fontScale), qRound(720 * fontScale));
    if (const QScreen *screen = this->screen())
        size = size.boundedTo(QSize(int(screen->availableGeometry().width() * 0.95),
                                    int(screen->availableGeometry().height() * 0.9)));
    resize(size);
    setMinimumSize(640, 520);

    connect(this, &QWizard::currentIdChanged, this, &AddDatastoreWizard::updateButtons);
    connect(m_connectionPage, &QWizardPage::completeChanged, this,
            &AddDatastoreWizard::updateButtons);
    connect(this, &QWizard::customButtonClicked, this, [this](int which) {
        if (which == QWizard::CustomButton1 && currentId() == ConnectionPageId && !m_creating &&
            validateCurrentPage())
            create(true);
    });
    // Several schemas of the tested connection at once; the wizard closes once they exist.
    connect(m_connectionPage, &ConnectionPage::multiSchemaRequested, this,
            [this, catalog, credentials, engine] {
                auto *dialog = new MultiSchemaDialog(
                    catalog, credentials, engine, MultiSchemaSource::fromRequest(request()), this);
                dialog->setAttribute(Qt::WA_DeleteOnClose);
                connect(dialog, &MultiSchemaDialog::datastoresCreated, this,
                        [this](const QList<qint64> &ids) {
                            m_done = true;
                            m_createdId = ids.value(0);
                        });
                connect(dialog, &QDialog::finished, this, [this] {
                    if (!m_done)
                        return;
                    QWizard::accept();
                    emit datastoreCreated(m_createdId, false);
                });
                dialog->open();
            });
    connect(m_controller, &DatastoreCreationController::created, this,
            &AddDatastoreWizard::onCreated);
    connect(m_controller, &DatastoreCreationController::failed, this,
            &AddDatastoreWizard::onFailed);
    updateButtons();
}

AddDatastoreWizard::~AddDatastoreWizard() = default;

NewDatastore AddDatastoreWizard::request() const
{
    NewDatastore r;
    r.name = field(QStringLiteral("name")).toString().trimmed();
    r.newConnection = field(QStringLiteral("newConnection")).toBool();
    r.connectionId = r.newConnection ? 0 : field(QStringLiteral("connectionId")).toLongLong();
    if (r.newConnection)
        r.connection = m_connectionPage->form()->draft();
    r.database = field(QStringLiteral("database")).toString();
    r.schema = field(QStringLiteral("schema")).toString();
    r.teams = field(QStringLiteral("teams")).toStringList();
    r.initiateSync = field(QStringLiteral("initiateSync")).toBool();
    return r;
}

void AddDatastoreWizard::updateButtons()
{
    const bool onConnection = currentId() == ConnectionPageId;
    // "Next: Link Enrichment" belongs to the last page only; QWizard shows every button of a
    // custom layout, so the layout itself changes with the page.
    if (testOption(QWizard::HaveCustomButton1) != onConnection) {
        setOption(QWizard::HaveCustomButton1, onConnection);
        QList<QWizard::WizardButton> layout{QWizard::Stretch, QWizard::BackButton,
                                            QWizard::NextButton};
        if (onConnection)
            layout << QWizard::CustomButton1;
        layout << QWizard::FinishButton << QWizard::CancelButton;
        setButtonLayout(layout);
    }
    if (onConnection)
        button(QWizard::CustomButton1)->setEnabled(m_connectionPage->isComplete() && !m_creating);
    button(QWizard::BackButton)->setEnabled(!m_creating && currentId() != DatastorePageId);
    button(QWizard::CancelButton)->setEnabled(!m_creating);
}

bool AddDatastoreWizard::confirmUntestedConnection(bool linkEnrichmentNext)
{
    const ConnectionPage::TestState state = m_connectionPage->testState();
    if (state == ConnectionPage::TestState::Passed || m_saveUntested)
        return true;
    auto *box = new QMessageBox(
        QMessageBox::Warning, tr("Save without a working connection?"),
        state == ConnectionPage::TestState::Failed
            ? tr("The connection test failed: %1").arg(m_connectionPage->failureSummary())
            : tr("The connection has not been tested."),
        QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("untestedConnectionBox"));
    box->setInformativeText(
        tr("The datastore can be saved and fixed later with Edit, but Sync, Profile and Scan "
           "will fail until the connection works."));
    QPushButton *save = box->addButton(tr("Save Anyway"), QMessageBox::AcceptRole);
    save->setObjectName(QStringLiteral("saveAnywayButton"));
    QPushButton *test = box->addButton(tr("Test Connection"), QMessageBox::ActionRole);
    test->setObjectName(QStringLiteral("testFirstButton"));
    QPushButton *back = box->addButton(tr("Go Back"), QMessageBox::RejectRole);
    box->setDefaultButton(state == ConnectionPage::TestState::Failed ? back : test);
    box->setEscapeButton(back);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this,
            [this, save, test, linkEnrichmentNext](QAbstractButton *clicked) {
                if (clicked == save) {
                    m_saveUntested = true;
                    create(linkEnrichmentNext);
                    m_saveUntested = false;
                } else if (clicked == test) {
                    m_connectionPage->testPanel()->testButton()->click();
                }
            });
    m_untestedBox = box;
    box->open();
    return false;
}

void AddDatastoreWizard::create(bool linkEnrichmentNext)
{
    if (m_creating || m_done)
        return;
    if (!confirmUntestedConnection(linkEnrichmentNext))
        return;
    m_testedWhenSaved = m_connectionPage->testState() == ConnectionPage::TestState::Passed;
    m_creating = true;
    m_connectionPage->setBusy(true, tr("Adding the datastore…"));
    updateButtons();
    if (!m_controller->create(request(), linkEnrichmentNext))
        onFailed(tr("The datastore is already being added."));
}

void AddDatastoreWizard::accept()
{
    // Finish: create first; the wizard closes once the datastore exists.
    if (m_done) {
        QWizard::accept();
        return;
    }
    if (currentId() == ConnectionPageId && !m_creating && validateCurrentPage())
        create(false);
}

void AddDatastoreWizard::onCreated(qint64 datastoreId, bool linkEnrichmentNext)
{
    m_creating = false;
    m_done = true;
    m_createdId = datastoreId;
    m_connectionPage->setBusy(false);
    updateButtons();
    const QString name = m_catalog && m_catalog->datastore(datastoreId)
                             ? m_catalog->datastore(datastoreId)->name
                             : request().name;
    auto *box = new QMessageBox(QMessageBox::Information, tr("Datastore added"),
                                tr("Datastore %1 was added.").arg(name), QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("datastoreAddedBox"));
    QStringList more;
    // The truth about the sync: it can only discover tables over a connection that works.
    if (m_controller->syncOperationId())
        more << (m_testedWhenSaved
                     ? tr("A sync is discovering its tables, views and fields.")
                     : tr("A sync was started; it fails while the connection does not work "
                          "(follow it in Activity, fix the connection with Edit)."));
    if (!m_controller->syncWarning().isEmpty())
        more << m_controller->syncWarning();
    if (linkEnrichmentNext)
        more << tr("Next, link an enrichment datastore to keep its quality results.");
    box->setInformativeText(more.join(QLatin1Char(' ')));
    // QMessageBox sizes itself to the shortest lines; give the text room to breathe.
    box->setStyleSheet(QStringLiteral("QLabel#qt_msgbox_informativelabel { min-width: 340px; }"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    m_successBox = box;
    connect(box, &QMessageBox::finished, this, [this, datastoreId, linkEnrichmentNext] {
        QWizard::accept();
        emit datastoreCreated(datastoreId, linkEnrichmentNext);
    });
    box->open();
}

void AddDatastoreWizard::onFailed(const QString &message)
{
    m_creating = false;
    m_connectionPage->setBusy(false);
    m_connectionPage->testPanel()->showError(tr("The datastore was not added"), message,
                                             tr("Nothing was saved. Correct the problem and try "
                                                "again."));
    updateButtons();
}

bool AddDatastoreWizard::hasInput() const
{
    return m_datastorePage->hasInput() || m_connectionPage->hasInput();
}

void AddDatastoreWizard::reject()
{
    if (m_creating || m_discardBox)
        return;
    if (m_done || !hasInput()) {
        m_connectionPage->testPanel()->cancel();
        QWizard::reject();
        return;
    }
    auto *box = new QMessageBox(QMessageBox::Question, tr("Discard the new datastore?"),
                                tr("What you typed for this datastore will be lost."),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("discardBox"));
    QPushButton *discard = box->addButton(tr("Discard"), QMessageBox::DestructiveRole);
    discard->setObjectName(QStringLiteral("discardButton"));
    QPushButton *keep = box->addButton(tr("Keep Editing"), QMessageBox::RejectRole);
    keep->setObjectName(QStringLiteral("keepEditingButton"));
    box->setDefaultButton(keep);
    box->setEscapeButton(keep);
    box->setAttribute(Qt::WA_DeleteOnClose);
    m_discardBox = box;
    connect(box, &QMessageBox::finished, this, [this, box, discard] {
        if (box->clickedButton() == discard) {
            m_connectionPage->testPanel()->cancel();
            QWizard::reject();
        }
    });
    box->open();
}

} // namespace assay
