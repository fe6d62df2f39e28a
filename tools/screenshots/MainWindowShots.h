#pragma once

#include <QString>

namespace assay {
class Catalog;
class MainWindow;
} // namespace assay

namespace assay::screenshots {

class ShotWriter;

// The table whose profile, checks and anomalies the pictures show: the Demo Shop's orders carry
// several of its deliberate defects.
inline const QString kTableShown = QStringLiteral("orders");

// Pictures of the main window (shown, at its final size) on datastore `datastoreId`: the
// Overview, kTableShown's profile and checks tabs, the Anomalies tab with the first anomaly's
// detail, and the Activity tab with the latest operation. False with `error` when a surface
// cannot be opened or saved.
bool shootMainWindow(MainWindow &window, Catalog &catalog, qint64 datastoreId, ShotWriter &shots,
                     QString *error);

// Selects the table `name` of datastore `datastoreId` in the window's tree (expanding it);
// false when the tree does not list it.
bool selectTable(MainWindow &window, qint64 datastoreId, const QString &name);

} // namespace assay::screenshots
