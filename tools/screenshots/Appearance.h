#pragma once

#include <QSize>
#include <QString>

namespace assay::screenshots {

struct Options;

// Before the application object exists: without a display, chooses the offscreen platform; on
// the offscreen platform, makes its one screen the window's size (in device pixels, so times
// QT_SCALE_FACTOR). Its default 800x600 screen would make top-level windows and dialogs size
// themselves for a much smaller screen than the one being reviewed. The screen's description
// is written to a file in `workDir`. Returns a note for the user, or an empty string.
QString prepareDisplay(const QSize &windowSize, const QString &workDir);

// The Fusion style (the same look on every platform, as the widget tests use), then the dark
// palette and the font size when asked for. Call before any widget is created.
void applyAppearance(const Options &options);

} // namespace assay::screenshots
