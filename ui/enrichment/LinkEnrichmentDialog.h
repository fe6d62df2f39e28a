#pragma once

#include "models/domain/Datastore.h"
#include "ui/enrichment/EnrichmentLinkController.h"

#include <QDialog>
#include <QPointer>

class QAction;
class QFormLayout;
class QLabel;
class QListWidget;
class QMessageBox;
class QPushButton;
class QScrollArea;
class QStackedWidget;
class QVBoxLayout;

namespace assay {

struct ConnectorSpec;

class BusySpinner;
class Catalog;
class CredentialStore;
class EnrichmentLinkSummary;
class EnrichmentSettingsFields;
class ExistingEnrichmentFields;
class NewEnrichmentForm;
class NoticeStrip;
class PrefixField;
class StatusBanner;

// Link Enrichment Datastore, for one source datastore: the Prefix (normalised live, N/60), a
// caret button choosing "Use Enrichment Datastore" (pick an existing one; its Team, Host,
// Database and Schema shown) or "Add Enrichment Datastore" (name, connector, connection, Test
// Connection), and the Settings (remediation strategy, source examples per anomaly, record
// anomalies per check). A prefix another source datastore uses on the same enrichment datastore
// is a warning. An already linked source can change its settings or be unlinked (after a
// confirmation). Finish hands a LinkEnrichmentRequest to EnrichmentLinkController and shows the
// outcome on a success page; when the prefix changed, that page lists (found in the background)
// the tables the old prefix left behind, which Assay does not drop.
class LinkEnrichmentDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Mode { UseExisting, AddNew };

    LinkEnrichmentDialog(Catalog *catalog, CredentialStore *credentials, qint64 sourceDatastoreId,
                         QWidget *parent = nullptr);
    ~LinkEnrichmentDialog() override;

    qint64 sourceDatastoreId() const { return m_sourceId; }
    Mode mode() const { return m_mode; }
    void setMode(Mode mode);
    // What Finish would ask the controller for.
    LinkEnrichmentRequest request() const;
    // Why Finish is disabled, in words (empty when it is enabled or nothing needs saying).
    QString problem() const;
    bool canFinish() const;
    bool isBusy() const { return m_busy; }
    // The success page is shown.
    bool isDone() const;
    // The connector of the chosen (or the new) enrichment datastore, or nullptr.
    const ConnectorSpec *targetConnector() const;

    // For tests and accessibility tools.
    PrefixField *prefixField() const { return m_prefix; }
    QPushButton *modeButton() const { return m_modeButton; }
    QAction *useExistingAction() const { return m_useAction; }
    QAction *addNewAction() const { return m_addAction; }
    ExistingEnrichmentFields *existingFields() const { return m_existing; }
    NewEnrichmentForm *newForm() const { return m_newForm; }
    EnrichmentSettingsFields *settingsFields() const { return m_settings; }
    NoticeStrip *collisionNotice() const { return m_collision; }
    QLabel *problemLabel() const { return m_problem; }
    StatusBanner *statusBanner() const { return m_status; }
    QPushButton *finishButton() const { return m_finish; }
    QPushButton *cancelButton() const { return m_cancel; }
    QPushButton *unlinkButton() const { return m_unlink; }
    QMessageBox *unlinkConfirmation() const { return m_confirm; }
    // The question asked before writing enrichment tables into a source's database.
    QMessageBox *sourceConnectionConfirmation() const { return m_confirm; }
    EnrichmentLinkController *controller() const { return m_controller; }
    EnrichmentLinkSummary *summary() const { return m_done; }
    StatusBanner *successBanner() const;
    NoticeStrip *successNotice() const;
    // The success page's summary: Source, Enrichment datastore, Prefix, Tables, settings.
    QFormLayout *summaryLayout() const;
    QWidget *orphanPanel() const;
    QLabel *orphanStatus() const;
    QListWidget *orphanList() const;

    void reject() override;

signals:
    void linked(qint64 sourceDatastoreId, qint64 enrichmentDatastoreId);
    void unlinked(qint64 sourceDatastoreId);

private:
    QWidget *buildFormPage();
    void loadSource();
    void refreshIntro();
    void refresh();
    void alignLabels();
    void setBusy(bool busy, const QString &text = QString());
    void finish();
    // Asks before an enrichment datastore is added on the connection of source datastores
    // `sources` (its tables would be written into their database); Finish goes on if the user
    // says so.
    void confirmSourceConnection(const QStringList &sources);
    void onLinked(qint64 enrichmentId, bool createdNew);
    void onFailed(const QString &message);
    void confirmUnlink();
    void onUnlinked();
    void onOrphans(const QString &oldPrefix, const QStringList &tables, const QString &error);
    QString enrichmentName(qint64 id) const;

    Catalog *m_catalog;
    qint64 m_sourceId;
    Datastore m_source;
    bool m_sourceFound = false;
    Mode m_mode = Mode::UseExisting;
    bool m_busy = false;
    bool m_unlinking = false;
    qint64 m_linkedTo = 0;      // the enrichment datastore of the last successful link
    qint64 m_unlinkingFrom = 0; // the enrichment datastore being unlinked

    EnrichmentLinkController *m_controller;
    QStackedWidget *m_pages;
    QScrollArea *m_scroll;
    QLabel *m_intro;
    QFormLayout *m_form;
    QFormLayout *m_settingsLayout;
    PrefixField *m_prefix;
    QPushButton *m_modeButton;
    QAction *m_useAction;
    QAction *m_addAction;
    ExistingEnrichmentFields *m_existing;
    NewEnrichmentForm *m_newForm;
    NoticeStrip *m_collision;
    QLabel *m_problem;
    EnrichmentSettingsFields *m_settings;
    StatusBanner *m_status;
    BusySpinner *m_spinner;
    QLabel *m_busyText;
    QPushButton *m_unlink;
    QPushButton *m_cancel;
    QPushButton *m_finish;
    QPointer<QMessageBox> m_confirm; // the open Unlink or source-connection confirmation
    bool m_sourceConnectionConfirmed = false;

    EnrichmentLinkSummary *m_done;
};

} // namespace assay
