#include "ui/schedule/ScheduleModeTabs.h"

#include "ui/common/Theme.h"

#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSpinBox>
#include <QTimeEdit>
#include <QToolButton>
#include <QVBoxLayout>

namespace assay {

namespace {

// Monday first, as calendars show it; cron counts Sunday as 0.
constexpr int kWeekOrder[7] = {1, 2, 3, 4, 5, 6, 0};

// A field followed by its unit ("hour(s)", "UTC"), left-aligned in a form row.
QWidget *withUnit(QWidget *field, const QString &unit)
{
    auto *box = new QWidget;
    auto *row = new QHBoxLayout(box);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(field);
    if (!unit.isEmpty()) {
        auto *label = new QLabel(unit);
        label->setBuddy(field);
        row->addWidget(label);
    }
    row->addStretch(1);
    return box;
}

QFormLayout *formOn(QWidget *page)
{
    auto *form = new QFormLayout(page);
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    form->setLabelAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    form->setContentsMargins(12, 12, 12, 12);
    form->setVerticalSpacing(8);
    return form;
}

QLabel *hint(const QString &text)
{
    auto *label = new QLabel(text);
    label->setForegroundRole(QPalette::PlaceholderText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

ScheduleModeTabs::ScheduleModeTabs(QWidget *parent) : QTabWidget(parent)
{
    setObjectName(QStringLiteral("scheduleModeTabs"));
    setAccessibleName(tr("Schedule type"));
    addTab(createHourly(), tr("Hourly"));
    addTab(createDaily(), tr("Daily"));
    addTab(createWeekly(), tr("Weekly"));
    addTab(createMonthly(), tr("Monthly"));
    addTab(createAdvanced(), tr("Advanced"));
    m_previous = currentIndex();
    connect(this, &QTabWidget::currentChanged, this, &ScheduleModeTabs::onTabChanged);
    updateMonthlyHint();
}

QSpinBox *ScheduleModeTabs::spin(int min, int max, const QString &accessibleName)
{
    auto *box = new QSpinBox;
    box->setRange(min, max);
    box->setAccessibleName(accessibleName);
    box->setMinimumWidth(box->fontMetrics().horizontalAdvance(QStringLiteral("0000")) + 40);
    connect(box, &QSpinBox::valueChanged, this, &ScheduleModeTabs::changed);
    return box;
}

QTimeEdit *ScheduleModeTabs::timeEdit(const QString &accessibleName)
{
    auto *edit = new QTimeEdit;
    edit->setDisplayFormat(QStringLiteral("HH:mm"));
    edit->setAccessibleName(accessibleName);
    edit->setToolTip(tr("Hours and minutes in UTC"));
    edit->setMinimumWidth(edit->fontMetrics().horizontalAdvance(QStringLiteral("00:00")) + 40);
    connect(edit, &QTimeEdit::timeChanged, this, &ScheduleModeTabs::changed);
    return edit;
}

QWidget *ScheduleModeTabs::createHourly()
{
    auto *page = new QWidget;
    auto *form = formOn(page);
    m_hourlyEvery = spin(1, 23, tr("Run every how many hours"));
    m_hourlyEvery->setObjectName(QStringLiteral("hourlyEvery"));
    m_hourlyMinute = spin(0, 59, tr("On minute of the hour"));
    m_hourlyMinute->setObjectName(QStringLiteral("hourlyMinute"));
    form->addRow(tr("Every"), withUnit(m_hourlyEvery, tr("hour(s)")));
    form->addRow(tr("On minute"), withUnit(m_hourlyMinute, QString()));
    // What the two numbers mean, for the numbers chosen ("runs at 00:15, 02:15, 04:15… UTC").
    m_hourlyHint = hint(QString());
    m_hourlyHint->setObjectName(QStringLiteral("hourlyHint"));
    form->addRow(m_hourlyHint);
    const auto describe = [this] {
        const int every = m_hourlyEvery->value();
        QStringList times;
        for (int hour = 0; hour < 24 && times.size() < 3; hour += every)
            times << QStringLiteral("%1:%2")
                         .arg(hour, 2, 10, QLatin1Char('0'))
                         .arg(m_hourlyMinute->value(), 2, 10, QLatin1Char('0'));
        m_hourlyHint->setText(
            tr("Runs at %1… UTC every day").arg(times.join(QStringLiteral(", "))));
    };
    connect(m_hourlyEvery, &QSpinBox::valueChanged, this, describe);
    connect(m_hourlyMinute, &QSpinBox::valueChanged, this, describe);
    describe();
    return page;
}

QWidget *ScheduleModeTabs::createDaily()
{
    auto *page = new QWidget;
    auto *form = formOn(page);
    m_dailyEvery = spin(1, 30, tr("Run every how many days"));
    m_dailyEvery->setObjectName(QStringLiteral("dailyEvery"));
    m_dailyTime = timeEdit(tr("Daily time (UTC)"));
    m_dailyTime->setObjectName(QStringLiteral("dailyTime"));
    form->addRow(tr("Every"), withUnit(m_dailyEvery, tr("day(s)")));
    form->addRow(tr("At"), withUnit(m_dailyTime, tr("UTC")));
    return page;
}

QWidget *ScheduleModeTabs::createWeekly()
{
    auto *page = new QWidget;
    auto *form = formOn(page);
    auto *days = new QWidget;
    auto *row = new QHBoxLayout(days);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(4);
    // Chosen days stand out in the selection colour (Fusion's checked state is too faint).
    days->setStyleSheet(QStringLiteral(
        "QToolButton { padding: 3px 8px; border: 1px solid palette(mid); border-radius: 4px;"
        " background: palette(button); color: palette(button-text); }"
        "QToolButton:hover { border-color: palette(highlight); }"
        "QToolButton:focus { border: 2px solid palette(highlight); }"
        "QToolButton:checked { background: palette(highlight); color: palette(highlighted-text);"
        " border-color: palette(highlight); }"));
    const QLocale locale;
    int width = 0;
    for (int day : kWeekOrder) {
        const int qtDay = day == 0 ? 7 : day;
        auto *b = new QToolButton;
        b->setObjectName(QStringLiteral("weekday%1").arg(day));
        b->setText(locale.dayName(qtDay, QLocale::ShortFormat));
        b->setAccessibleName(locale.dayName(qtDay, QLocale::LongFormat));
        b->setToolTip(tr("Run on %1").arg(locale.dayName(qtDay, QLocale::LongFormat)));
        b->setCheckable(true);
        b->setToolButtonStyle(Qt::ToolButtonTextOnly);
        b->setFocusPolicy(Qt::StrongFocus);
        width = qMax(width, b->sizeHint().width());
        connect(b, &QToolButton::toggled, this, &ScheduleModeTabs::changed);
        b->setChecked(day == 1); // Monday, until the user chooses
        m_weekdays[day] = b;
        row->addWidget(b);
    }
    for (QToolButton *b : m_weekdays)
        b->setMinimumWidth(width + 8);
    row->addStretch(1);
    m_weeklyTime = timeEdit(tr("Weekly time (UTC)"));
    m_weeklyTime->setObjectName(QStringLiteral("weeklyTime"));
    form->addRow(tr("On"), days);
    form->addRow(tr("At"), withUnit(m_weeklyTime, tr("UTC")));
    return page;
}

QWidget *ScheduleModeTabs::createMonthly()
{
    auto *page = new QWidget;
    auto *form = formOn(page);
    m_monthlyDay = spin(1, 31, tr("Day of the month"));
    m_monthlyDay->setObjectName(QStringLiteral("monthlyDay"));
    m_monthlyEvery = spin(1, 12, tr("Run every how many months"));
    m_monthlyEvery->setObjectName(QStringLiteral("monthlyEvery"));
    m_monthlyTime = timeEdit(tr("Monthly time (UTC)"));
    m_monthlyTime->setObjectName(QStringLiteral("monthlyTime"));
    m_monthlyHint = hint(QString());
    form->addRow(tr("On day"), withUnit(m_monthlyDay, tr("of the month")));
    form->addRow(tr("Every"), withUnit(m_monthlyEvery, tr("month(s)")));
    form->addRow(tr("At"), withUnit(m_monthlyTime, tr("UTC")));
    form->addRow(m_monthlyHint);
    connect(m_monthlyDay, &QSpinBox::valueChanged, this, &ScheduleModeTabs::updateMonthlyHint);
    return page;
}

QWidget *ScheduleModeTabs::createAdvanced()
{
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(12, 12, 12, 12);
    auto *label = new QLabel(tr("Custom Cron Schedule (UTC)"));
    m_cron = new QLineEdit;
    m_cron->setObjectName(QStringLiteral("cronEdit"));
    m_cron->setAccessibleName(tr("Custom Cron Schedule (UTC)"));
    m_cron->setPlaceholderText(QStringLiteral("0 0 * * *"));
    m_cron->setFont(theme::monospaceFont());
    m_cron->setClearButtonEnabled(true);
    label->setBuddy(m_cron);
    layout->addWidget(label);
    layout->addWidget(m_cron);
    auto *help = new QGridLayout;
    help->setHorizontalSpacing(12);
    help->setVerticalSpacing(2);
    help->addWidget(new QLabel(tr("Fields")), 0, 0);
    help->addWidget(hint(tr("minute · hour · day of month · month · day of week (0-6, Sunday = "
                            "0)")),
                    0, 1, 1, 2);
    help->addWidget(new QLabel(tr("Examples")), 1, 0);
    const QFont fixed = theme::monospaceFont();
    const std::pair<const char *, QString> examples[] = {
        {"0 12 * * 1-5", tr("at 12:00, Monday to Friday")},
        {"30 14 1 * *", tr("at 14:30 on day 1 of every month")},
        {"0 22 * * 6", tr("at 22:00 every Saturday")}};
    int row = 1;
    for (const auto &[cron, meaning] : examples) {
        QLabel *example = hint(QLatin1String(cron));
        example->setFont(fixed);
        help->addWidget(example, row, 1);
        help->addWidget(hint(meaning), row, 2);
        ++row;
    }
    help->setColumnStretch(2, 1);
    layout->addSpacing(4);
    layout->addLayout(help);
    layout->addStretch(1);
    connect(m_cron, &QLineEdit::textEdited, this, [this] { m_cronTyped = true; });
    connect(m_cron, &QLineEdit::textChanged, this, [this] {
        if (!m_settingCron)
            emit changed();
    });
    return page;
}

ScheduleSpec ScheduleModeTabs::spec() const
{
    return specOf(mode());
}

ScheduleSpec ScheduleModeTabs::specOf(ScheduleSpec::Mode mode) const
{
    switch (mode) {
    case ScheduleSpec::Mode::Hourly:
        return ScheduleSpec::hourly(m_hourlyEvery->value(), m_hourlyMinute->value());
    case ScheduleSpec::Mode::Daily:
        return ScheduleSpec::daily(m_dailyEvery->value(), m_dailyTime->time().hour(),
                                   m_dailyTime->time().minute());
    case ScheduleSpec::Mode::Weekly: {
        QList<int> days;
        for (int day = 0; day < 7; ++day)
            if (m_weekdays[day]->isChecked())
                days << day;
        return ScheduleSpec::weekly(days, m_weeklyTime->time().hour(),
                                    m_weeklyTime->time().minute());
    }
    case ScheduleSpec::Mode::Monthly:
        return ScheduleSpec::monthly(m_monthlyDay->value(), m_monthlyEvery->value(),
                                     m_monthlyTime->time().hour(), m_monthlyTime->time().minute());
    case ScheduleSpec::Mode::Advanced:
        break;
    }
    return ScheduleSpec::advanced(m_cron->text());
}

void ScheduleModeTabs::setSpec(const ScheduleSpec &spec)
{
    const QTime time(qBound(0, spec.hour, 23), qBound(0, spec.minute, 59));
    switch (spec.mode) {
    case ScheduleSpec::Mode::Hourly:
        m_hourlyEvery->setValue(spec.every);
        m_hourlyMinute->setValue(spec.minute);
        break;
    case ScheduleSpec::Mode::Daily:
        m_dailyEvery->setValue(spec.every);
        m_dailyTime->setTime(time);
        break;
    case ScheduleSpec::Mode::Weekly:
        for (int day = 0; day < 7; ++day)
            m_weekdays[day]->setChecked(spec.weekdays.contains(day));
        m_weeklyTime->setTime(time);
        break;
    case ScheduleSpec::Mode::Monthly:
        m_monthlyDay->setValue(spec.dayOfMonth);
        m_monthlyEvery->setValue(spec.every);
        m_monthlyTime->setTime(time);
        break;
    case ScheduleSpec::Mode::Advanced:
        m_settingCron = true;
        m_cron->setText(spec.cron);
        m_settingCron = false;
        m_cronTyped = true; // a stored expression: keep it when the user flips through tabs
        break;
    }
    setMode(spec.mode);
    emit changed();
}

void ScheduleModeTabs::onTabChanged(int index)
{
    const auto advanced = int(ScheduleSpec::Mode::Advanced);
    if (index == advanced && !m_cronTyped && m_previous != advanced) {
        const ScheduleSpec left = specOf(ScheduleSpec::Mode(m_previous));
        if (left.validate().isEmpty()) {
            m_settingCron = true;
            m_cron->setText(left.toCron());
            m_settingCron = false;
        }
    }
    m_previous = index;
    emit changed();
}

void ScheduleModeTabs::updateMonthlyHint()
{
    const int day = m_monthlyDay->value();
    m_monthlyHint->setText(tr("Months without a day %1 are skipped.").arg(day));
    m_monthlyHint->setVisible(day > 28);
}

} // namespace assay
