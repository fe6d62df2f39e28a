#include "ui/operations/ReadSettingsWidgets.h"

#include "models/domain/Clock.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpressionValidator>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTimeZone>
#include <QVBoxLayout>

namespace assay {

namespace {

const QString kLastModified = QStringLiteral("last-modified");
const QString kBatchValue = QStringLiteral("batch-value");

bool hasIncremental(const Container &c)
{
    return !c.incrementalStrategy.isEmpty();
}

} // namespace

StartingThresholdEditor::StartingThresholdEditor(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *row = new QHBoxLayout;
    m_kind = new QComboBox;
    m_kind->setAccessibleName(tr("Starting threshold"));
    m_kind->addItem(tr("None"), int(Kind::None));
    m_kind->addItem(tr("Greater than time"), int(Kind::Time));
    m_kind->addItem(tr("Greater than batch"), int(Kind::Batch));
    row->addWidget(m_kind);

    m_editors = new QStackedWidget;
    m_editors->addWidget(new QWidget);
    auto *timePage = new QWidget;
    auto *timeRow = new QHBoxLayout(timePage);
    timeRow->setContentsMargins(0, 0, 0, 0);
    m_time = new QDateTimeEdit;
    m_time->setTimeSpec(Qt::UTC);
    m_time->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    m_time->setCalendarPopup(true);
    m_time->setDateTime(QDateTime(Clock::utcNow().date(), QTime(0, 0), Qt::UTC));
    m_time->setAccessibleName(tr("Greater than time (UTC)"));
    timeRow->addWidget(m_time, 1);
    timeRow->addWidget(new QLabel(tr("UTC")));
    m_editors->addWidget(timePage);
    m_batch = new QLineEdit;
    m_batch->setPlaceholderText(tr("e.g. 1000"));
    m_batch->setAccessibleName(tr("Greater than batch"));
    m_batch->setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral("-?[0-9]{1,18}(\\.[0-9]+)?")), m_batch));
    m_editors->addWidget(m_batch);
    m_editors->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    row->addWidget(m_editors, 1);
    layout->addLayout(row);

    m_hint = new QLabel;
    m_hint->setWordWrap(true);
    m_hint->setForegroundRole(QPalette::PlaceholderText); // muted in light and dark palettes alike
    // Room for the longest hint up front: a wrapped label that grows after the dialog is shown
    // would otherwise be clipped by the form row.
    m_hint->setMinimumHeight(m_hint->fontMetrics().lineSpacing() * 3);
    m_hint->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    layout->addWidget(m_hint);

    connect(m_kind, &QComboBox::currentIndexChanged, this, &StartingThresholdEditor::updateState);
    connect(m_time, &QDateTimeEdit::dateTimeChanged, this, &StartingThresholdEditor::changed);
    connect(m_batch, &QLineEdit::textChanged, this, &StartingThresholdEditor::changed);
    updateState();
}

StartingThresholdEditor::Kind StartingThresholdEditor::kind() const
{
    return Kind(m_kind->currentData().toInt());
}

void StartingThresholdEditor::setKind(Kind kind)
{
    m_kind->setCurrentIndex(m_kind->findData(int(kind)));
}

void StartingThresholdEditor::setContainers(const QList<Container> &containers)
{
    m_containers = containers;
    updateHint(); // the hint only: the options did not change, so no changed()
}

void StartingThresholdEditor::insertInto(QJsonObject &options) const
{
    switch (kind()) {
    case Kind::None:
        break;
    case Kind::Time:
        options.insert(QStringLiteral("greater_than_time"),
                       m_time->dateTime().toUTC().toString(Qt::ISODate));
        break;
    case Kind::Batch: {
        const QString text = m_batch->text().trimmed();
        bool integral = false;
        const qint64 whole = text.toLongLong(&integral);
        bool ok = false;
        const double number = text.toDouble(&ok);
        if (integral)
            options.insert(QStringLiteral("greater_than_batch"), whole);
        else if (ok)
            options.insert(QStringLiteral("greater_than_batch"), number);
        break;
    }
    }
}

QString StartingThresholdEditor::validationError() const
{
    if (kind() != Kind::Batch)
        return {};
    bool ok = false;
    m_batch->text().trimmed().toDouble(&ok);
    return ok ? QString() : tr("Enter a number for the starting batch, or choose no threshold.");
}

void StartingThresholdEditor::updateState()
{
    m_editors->setCurrentIndex(int(kind()));
    updateHint();
    emit changed();
}

void StartingThresholdEditor::updateHint()
{
    const Kind k = kind();
    int incremental = 0;
    int fitting = 0;
    for (const Container &c : m_containers) {
        if (!hasIncremental(c))
            continue;
        ++incremental;
        const bool batch = c.incrementalStrategy == kBatchValue;
        fitting += (k == Kind::Batch) == batch ? 1 : 0;
    }
    const int total = int(m_containers.size());
    switch (k) {
    case Kind::None:
        m_hint->setText(tr("Optional. Applies only to containers with an incremental strategy: "
                           "%1 of the %2 selected.")
                            .arg(incremental)
                            .arg(total));
        break;
    case Kind::Time:
        m_hint->setText(tr("Reads rows changed after this time, in containers with a timestamp "
                           "incremental strategy: %1 of the %2 selected. Others are read from "
                           "the start.")
                            .arg(fitting)
                            .arg(total));
        break;
    case Kind::Batch:
        m_hint->setText(tr("Reads rows whose batch value is above this, in containers with a "
                           "batch-value incremental strategy: %1 of the %2 selected. Others are "
                           "read from the start.")
                            .arg(fitting)
                            .arg(total));
        break;
    }
}

RecordLimitEditor::RecordLimitEditor(QWidget *parent) : QWidget(parent)
{
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    m_preset = new QComboBox;
    m_preset->setAccessibleName(tr("Record limit preset"));
    m_preset->addItem(tr("1 million"), qint64(1000000));
    m_preset->addItem(tr("10 million"), qint64(10000000));
    m_preset->addItem(tr("100 million"), qint64(100000000));
    m_preset->addItem(tr("All records"), qint64(0));
    m_preset->addItem(tr("Custom"), qint64(-1));
    row->addWidget(m_preset);
    m_spin = new QSpinBox;
    m_spin->setAccessibleName(tr("Record limit"));
    m_spin->setRange(0, int(kMaximum));
    m_spin->setSpecialValueText(tr("All")); // 0 reads every record
    m_spin->setGroupSeparatorShown(true);
    m_spin->setSingleStep(100000);
    m_spin->setToolTip(tr("Records read per container, 1 to 1,000,000,000"));
    row->addWidget(m_spin, 1);
    row->addWidget(new QLabel(tr("per container")));

    connect(m_preset, &QComboBox::activated, this, [this](int index) {
        const qint64 value = m_preset->itemData(index).toLongLong();
        const QSignalBlocker blocker(m_spin);
        if (value >= 0)
            m_spin->setValue(int(value));
        else if (m_spin->value() == 0)
            m_spin->setValue(1000000); // Custom starts from a limit, then the user edits it
        if (value < 0)
            m_spin->setFocus();
        emit changed();
    });
    connect(m_spin, &QSpinBox::valueChanged, this, [this] {
        syncPreset();
        emit changed();
    });
    setLimit(0);
}

qint64 RecordLimitEditor::limit() const
{
    return m_spin->value();
}

void RecordLimitEditor::setLimit(qint64 limit)
{
    {
        const QSignalBlocker blocker(m_spin);
        m_spin->setValue(int(qBound<qint64>(0, limit, kMaximum)));
    }
    syncPreset();
    emit changed();
}

void RecordLimitEditor::syncPreset()
{
    const int preset = m_preset->findData(qint64(m_spin->value()));
    m_preset->setCurrentIndex(preset >= 0 ? preset : m_preset->findData(qint64(-1)));
}

void RecordLimitEditor::insertInto(QJsonObject &options) const
{
    if (limit() > 0)
        options.insert(QStringLiteral("record_limit"), limit());
}

} // namespace assay
