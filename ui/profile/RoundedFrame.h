#pragma once

#include <QColor>
#include <QFrame>

namespace assay {

// A frame with a rounded, softly tinted background and a thin border, painted from the
// palette (no style sheet, so palette changes such as a dark theme reach its children).
// Without a tint it uses the palette's alternate base.
class RoundedFrame : public QFrame
{
    Q_OBJECT
public:
    explicit RoundedFrame(QWidget *parent = nullptr);

    // Background = Window blended towards `tint` by `amount`; border a stronger blend.
    void setTint(const QColor &tint, double amount);

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QColor m_tint;
    double m_amount = 0;
};

} // namespace assay
