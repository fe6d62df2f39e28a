#include "ui/operations/InferenceLevelPicker.h"

#include <QButtonGroup>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

namespace assay {

namespace {

QString levelDetail(int level)
{
    switch (level) {
    case 0:
        return InferenceLevelPicker::tr("Profiles the fields only; no checks are inferred.");
    case 1:
        return InferenceLevelPicker::tr(
            "Not Null, Any Not Null, Expected Values, Not Negative, Not Future.");
    case 2:
        return InferenceLevelPicker::tr(
            "Adds Between Times, Between, Matches Pattern and Unique to level 1.");
    case 3:
        return InferenceLevelPicker::tr(
            "Adds Time Distribution Size, After / Before Date Time, Greater Than, Less Than and "
            "the field-to-field comparisons to level 2.");
    case 4:
        return InferenceLevelPicker::tr(
            "Adds Exists In and Not Exists In between the containers of this datastore to level "
            "3.");
    case 5:
        return InferenceLevelPicker::tr(
            "Adds shape checks (Expected Values, Matches Pattern and Not Null with coverage "
            "below 100%, and Distribution Shift against the shares the profile measured) to "
            "level 4.");
    }
    return {};
}

} // namespace

QString InferenceLevelPicker::levelName(int level)
{
    switch (level) {
    case 0:
        return tr("No inference");
    case 1:
        return tr("Basic integrity");
    case 2:
        return tr("Value ranges and patterns");
    case 3:
        return tr("Time and field comparisons");
    case 4:
        return tr("Cross-container");
    case 5:
        return tr("Shape checks");
    }
    return {};
}

InferenceLevelPicker::InferenceLevelPicker(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *row = new QHBoxLayout;
    row->setSpacing(0); // segments touch, like a segmented control
    m_group = new QButtonGroup(this);
    m_group->setExclusive(true);
    for (int level = 0; level <= 5; ++level) {
        auto *b = new QToolButton;
        b->setText(QString::number(level));
        b->setCheckable(true);
        b->setAutoRaise(false);
        b->setToolButtonStyle(Qt::ToolButtonTextOnly);
        b->setMinimumWidth(40);
        b->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        b->setToolTip(levelName(level));
        b->setAccessibleName(tr("Inference level %1: %2").arg(level).arg(levelName(level)));
        m_group->addButton(b, level);
        row->addWidget(b);
    }
    layout->addLayout(row);
    m_description = new QLabel;
    m_description->setWordWrap(true);
    m_description->setTextFormat(Qt::RichText);
    m_description->setMinimumHeight(m_description->fontMetrics().lineSpacing() * 3);
    m_description->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    layout->addWidget(m_description);

    m_group->button(kDefaultLevel)->setChecked(true);
    connect(m_group, &QButtonGroup::idToggled, this, [this](int level, bool on) {
        if (!on)
            return;
        updateDescription();
        emit levelChanged(level);
    });
    updateDescription();
}

int InferenceLevelPicker::level() const
{
    return m_group->checkedId();
}

void InferenceLevelPicker::setLevel(int level)
{
    m_group->button(qBound(0, level, 5))->setChecked(true);
}

QAbstractButton *InferenceLevelPicker::button(int level) const
{
    return m_group->button(level);
}

void InferenceLevelPicker::updateDescription()
{
    const int l = level();
    const QString suffix = l == kDefaultLevel ? tr(" (default)") : QString();
    m_description->setText(tr("<b>Level %1 · %2</b>%3<br>%4")
                               .arg(l)
                               .arg(levelName(l).toHtmlEscaped(), suffix.toHtmlEscaped(),
                                    levelDetail(l).toHtmlEscaped()));
}

} // namespace assay
