#pragma once

#include <QSize>

class QDialog;
class QScrollArea;

namespace assay {

// Sizes a dialog whose options sit in `scroll` so they show whole: at least `preferred`, as
// wide and as tall as the scrolled content asks (a 14 pt font makes every row wider), but at
// most 95% of the screen's available width and 90% of its height (1366x768), the content
// scrolling vertically beyond that. Call at the end of the constructor.
void fitDialogToContent(QDialog *dialog, QScrollArea *scroll, QSize preferred);

} // namespace assay
