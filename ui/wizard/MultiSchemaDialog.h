#pragma once

#include "ui/wizard/MultiSchemaController.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QStackedWidget;

namespace assay {

class BusySpinner;
class MultiSchemaResultsView;
class SchemaChecklist;
class StatusBanner;
class TeamsSelector;

// Onboard several schemas of one connection at once. Discovers the schemas (system schemas
// hidden) without blocking, lets the user pick them from a searchable checklist, names the
// datastores from a template ({{schema}}, {{database}}, {{connection}}) with a live preview and
// per-row checks, sets Teams, Initiate Sync and an optional enrichment link (each datastore
// gets a prefix derived from its name), then Create all makes them one by one and ends with a
// result per schema. MultiSchemaController does the work; this dialog only collects and shows.
class MultiSchemaDialog : public QDialog
{
    Q_OBJECT
public:
    // For a connection of the Catalog (the main window's entry point).
    MultiSchemaDialog(Catalog *catalog, CredentialStore *credentials, OperationEngine *engine,
                      qint64 connectionId, QWidget *parent = nullptr);
    // For the connection the Add Datastore wizard holds (recorded on Create all when new).
    MultiSchemaDialog(Catalog *catalog, CredentialStore *credentials, OperationEngine *engine,
                      const MultiSchemaSource &source, QWidget *parent = nullptr);
    ~MultiSchemaDialog() override;

    MultiSchemaController *controller() const { return m_controller; }
    MultiSchemaRequest request() const;
    QList<SchemaPlan> plans() const;
    bool isDiscovering() const;
    bool isCreating() const;
    bool isFinished() const { return m_finished; }
    QList<qint64> createdDatastoreIds() const;

    SchemaChecklist *checklist() const { return m_checklist; }
    QLineEdit *templateEdit() const { return m_template; }
    QLabel *previewLabel() const { return m_preview; }
    QLabel *templateProblem() const { return m_templateProblem; }
    TeamsSelector *teamsSelector() const { return m_teams; }
    QCheckBox *initiateSyncBox() const { return m_sync; }
    QCheckBox *skipOnboardedBox() const { return m_skipOnboarded; }
    QCheckBox *linkEnrichmentBox() const { return m_linkEnrichment; }
    QComboBox *enrichmentCombo() const { return m_enrichment; }
    QLabel *prefixPreviewLabel() const { return m_prefixPreview; }
    QPushButton *refreshButton() const { return m_refresh; }
    QPushButton *createButton() const { return m_create; }
    QPushButton *closeButton() const { return m_close; }
    StatusBanner *banner() const { return m_banner; }
    QLabel *statusLabel() const { return m_status; }
    QProgressBar *progressBar() const { return m_progress; }
    MultiSchemaResultsView *resultsView() const { return m_results; }

    void reject() override;

signals:
    // Create all ended having created these datastores (none: not emitted).
    void datastoresCreated(const QList<qint64> &datastoreIds);

private:
    void build();
    QWidget *buildSetupPage();
    void loadEnrichmentTargets();
    void discover();
    void onDiscovered(const QStringList &schemas);
    void onDiscoveryFailed(const Diagnosis &diagnosis);
    void refresh();
    void createAll();
    void onCreationProgress(int done, int total, const QString &schema);
    void onCreationFinished(const QList<SchemaResult> &results);
    void setBusy(const QString &text);
    void setIdle();

    Catalog *m_catalog;
    MultiSchemaController *m_controller;
    QStackedWidget *m_pages = nullptr;
    QLabel *m_subtitle = nullptr;
    SchemaChecklist *m_checklist = nullptr;
    QLineEdit *m_template = nullptr;
    QLabel *m_preview = nullptr;
    QLabel *m_templateProblem = nullptr;
    TeamsSelector *m_teams = nullptr;
    QCheckBox *m_sync = nullptr;
    QCheckBox *m_skipOnboarded = nullptr;
    QCheckBox *m_linkEnrichment = nullptr;
    QComboBox *m_enrichment = nullptr;
    QLabel *m_prefixPreview = nullptr;
    QPushButton *m_refresh = nullptr;
    StatusBanner *m_banner = nullptr;
    BusySpinner *m_spinner = nullptr;
    QLabel *m_status = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_create = nullptr;
    QPushButton *m_close = nullptr;
    MultiSchemaResultsView *m_results = nullptr;
    bool m_finished = false;
};

} // namespace assay
