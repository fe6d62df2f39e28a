#pragma once

#include <QPalette>

namespace assay::theme {

// A dark desktop theme's palette (Breeze Dark-like): what the widget tests and the screenshot
// tool render Assay in to check that every colour has a dark variant.
QPalette darkPalette();

} // namespace assay::theme
