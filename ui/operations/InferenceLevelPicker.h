#pragma once

#include <QWidget>

class QAbstractButton;
class QButtonGroup;
class QLabel;

namespace assay {

// Inference threshold 0..5 as a row of segmented buttons, with what the chosen level infers
// spelled out below (reference spec 2.5; each level includes the ones below it).
class InferenceLevelPicker : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kDefaultLevel = 2;

    explicit InferenceLevelPicker(QWidget *parent = nullptr);

    int level() const;
    void setLevel(int level);
    QAbstractButton *button(int level) const;
    QLabel *descriptionLabel() const { return m_description; }
    // Short name of a level, e.g. "Value ranges and patterns".
    static QString levelName(int level);

signals:
    void levelChanged(int level);

private:
    void updateDescription();

    QButtonGroup *m_group;
    QLabel *m_description;
};

} // namespace assay
