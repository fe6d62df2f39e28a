#pragma once

#include <QProxyStyle>

namespace assay {

// The platform's style, with one fix: in a dark palette the empty check box and radio button of
// Qt's Fusion style are drawn with a border barely darker than the window (an unchecked option
// all but disappears), so they get a ring in the palette's placeholder colour. Light palettes
// and styles that draw their own dark variant look as they did.
class ContrastStyle : public QProxyStyle
{
    Q_OBJECT
public:
    using QProxyStyle::QProxyStyle;

    void drawPrimitive(PrimitiveElement element, const QStyleOption *option, QPainter *painter,
                       const QWidget *widget = nullptr) const override;
};

} // namespace assay
