#pragma once

namespace assay {

class Catalog;
class MainWindow;

// The GUI entry point: parses --catalog/--help/--version, opens the Catalog and shows the main
// window. On a first run (or with ASSAY_DEMO=1) it prepares the Demo Shop datastore in the
// background. Returns the process exit code: 1 when the Catalog cannot be opened, 2 when no
// display is available.
int runGui(int &argc, char **argv);

// Generates the Demo Shop database next to the Catalog on a worker thread (busy indicator in the
// status bar), then registers it in `catalog` and selects it in `window`. Errors go to the
// status bar and a non-modal warning. Returns at once; an existing Demo Shop is just selected.
void prepareDemoShop(Catalog &catalog, MainWindow &window);

} // namespace assay
