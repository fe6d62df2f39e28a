#pragma once

class QAbstractScrollArea;

namespace assay {

// For a table or list shown whole inside a scrolled page (an anomaly's source rows, its status
// history): a vertical wheel turn over it scrolls the page, as if it were not there, unless the
// view itself has rows to scroll. Without this Qt turns the wheel into a horizontal scroll of
// the view, and the page stops under the pointer.
void passVerticalWheelToPage(QAbstractScrollArea *view);

} // namespace assay
