#pragma once

#include <QString>

namespace assay {
class Catalog;
class MainWindow;
} // namespace assay

namespace assay::screenshots {

class ShotWriter;

// Each dialog is opened the way the window opens it (its action, with the Demo Shop selected)
// or, for the Schedule dialog, as the operation dialogs' "Schedule…" does; laid out, grabbed on
// its own and closed. Each returns false with `error` when its dialog does not open or its
// picture cannot be saved.

// Add Datastore: page 1 with the PostgreSQL connector chosen, then page 2 after Next.
bool shootWizard(MainWindow &window, ShotWriter &shots, QString *error);
// Link Enrichment, in "Use Enrichment Datastore" and in "Add Enrichment Datastore" mode. Adds an
// enrichment datastore to the catalog first, so there is one to use.
bool shootLinkEnrichment(MainWindow &window, Catalog &catalog, qint64 datastoreId,
                         ShotWriter &shots, QString *error);
// The Schedule dialog in each mode: hourly, daily, weekly, monthly and cron (Advanced).
bool shootScheduleModes(MainWindow &window, Catalog &catalog, qint64 datastoreId, ShotWriter &shots,
                        QString *error);
// Sync on the datastore, then Profile and Scan with a table selected (preselected in them).
// Container Settings of a Demo Shop table, on its Constraints tab.
bool shootContainerConstraints(MainWindow &window, qint64 datastoreId, ShotWriter &shots,
                               QString *error);
bool shootOperationDialogs(MainWindow &window, qint64 datastoreId, ShotWriter &shots,
                           QString *error);

} // namespace assay::screenshots
