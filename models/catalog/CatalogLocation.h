#pragma once

#include <QString>

namespace assay {

// Where the Catalog file lives: `--catalog PATH` wins, then $ASSAY_CATALOG, then the platform's
// app-data folder (e.g. ~/.local/share/Assay/catalog.sqlite on Linux).
QString defaultCatalogPath();
QString resolveCatalogPath(const QString &commandLinePath);
// The folder that holds per-user data next to the default catalog (the demo datastore...):
// <GenericDataLocation>/Assay, e.g. ~/.local/share/Assay.
QString appDataFolder();

// Sets the organisation/application names every entry point (GUI, CLI, tests) shares, so
// QSettings and QStandardPaths agree on where Assay's files live.
void applyApplicationIdentity();

} // namespace assay
