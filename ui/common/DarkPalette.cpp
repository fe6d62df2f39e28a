#include "ui/common/DarkPalette.h"

#include <QColor>

namespace assay::theme {

QPalette darkPalette()
{
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x30));
    dark.setColor(QPalette::WindowText, QColor(0xdf, 0xe1, 0xe5));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
    dark.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b));
    dark.setColor(QPalette::Text, QColor(0xdf, 0xe1, 0xe5));
    dark.setColor(QPalette::Button, QColor(0x39, 0x3b, 0x40));
    dark.setColor(QPalette::ButtonText, QColor(0xdf, 0xe1, 0xe5));
    dark.setColor(QPalette::Highlight, QColor(0x35, 0x74, 0xf0));
    dark.setColor(QPalette::HighlightedText, Qt::white);
    dark.setColor(QPalette::PlaceholderText, QColor(0x8c, 0x8f, 0x94));
    dark.setColor(QPalette::Mid, QColor(0x4e, 0x51, 0x57));
    dark.setColor(QPalette::Midlight, QColor(0x43, 0x45, 0x4a));
    dark.setColor(QPalette::Light, QColor(0x4e, 0x51, 0x57));
    dark.setColor(QPalette::Dark, QColor(0x1a, 0x1b, 0x1e));
    dark.setColor(QPalette::ToolTipBase, QColor(0x39, 0x3b, 0x40));
    dark.setColor(QPalette::ToolTipText, QColor(0xdf, 0xe1, 0xe5));
    return dark;
}

} // namespace assay::theme
