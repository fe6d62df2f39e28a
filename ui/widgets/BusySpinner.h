#pragma once

#include <QTimer>
#include <QWidget>

namespace assay {

// A small indeterminate spinner (a rotating arc), painted: no animated image needed.
// Hidden while stopped.
class BusySpinner : public QWidget
{
    Q_OBJECT
public:
    explicit BusySpinner(QWidget *parent = nullptr);

    void start();
    void stop();
    bool isSpinning() const { return m_timer.isActive(); }
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QTimer m_timer;
    int m_angle = 0;
};

} // namespace assay
