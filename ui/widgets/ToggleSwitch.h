#pragma once

#include <QCheckBox>

namespace assay {

// A QCheckBox drawn as an on/off switch (track and knob), with its text on the right. It keeps
// every QCheckBox behaviour: keyboard, accessibility, the toggled() signal, QWizard fields.
class ToggleSwitch : public QCheckBox
{
    Q_OBJECT
public:
    explicit ToggleSwitch(const QString &text, QWidget *parent = nullptr);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return sizeHint(); }

protected:
    void paintEvent(QPaintEvent *event) override;
    bool hitButton(const QPoint &pos) const override;

private:
    QSize trackSize() const;
};

} // namespace assay
