#include "ui/profile/FieldProfilePanel.h"

#include "models/domain/DisplayTime.h"
#include "ui/common/Theme.h"
#include "ui/profile/HistogramChart.h"
#include "ui/profile/ProfileFormat.h"
#include "ui/profile/ProfileHistoryTable.h"
#include "ui/profile/ProfileMetrics.h"
#include "ui/profile/RoundedFrame.h"

#include <QEvent>
#include <QFormLayout>
#include <QFrame>
#include <QGridLayout>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace assay {

namespace {

QLabel *quietLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setForegroundRole(QPalette::PlaceholderText);
    label->setWordWrap(true);
    return label;
}

} // namespace

FieldProfilePanel::FieldProfilePanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("fieldProfilePanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 16);
    layout->setSpacing(6);

    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("fieldTitle"));
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.35);
    big.setWeight(QFont::DemiBold);
    m_title->setFont(big);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_title);

    m_types = new QLabel(this);
    m_types->setObjectName(QStringLiteral("fieldTypes"));
    m_types->setTextFormat(Qt::RichText);
    m_types->setWordWrap(true);
    layout->addWidget(m_types);

    auto *mismatchFrame = new RoundedFrame(this);
    mismatchFrame->setTint(QColor(0xf0, 0xa0, 0x20), 0.16);
    m_mismatchFrame = mismatchFrame;
    auto *mismatchLayout = new QVBoxLayout(m_mismatchFrame);
    mismatchLayout->setContentsMargins(10, 6, 10, 6);
    m_mismatch = new QLabel(m_mismatchFrame);
    m_mismatch->setObjectName(QStringLiteral("typeMismatch"));
    m_mismatch->setWordWrap(true);
    mismatchLayout->addWidget(m_mismatch);
    m_mismatchFrame->hide();
    layout->addWidget(m_mismatchFrame);

    // How the field was measured when not the plain way, or why figures are missing.
    m_note = quietLabel(QString(), this);
    m_note->setObjectName(QStringLiteral("measureNote"));
    m_note->setWordWrap(true);
    m_note->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_note->hide();
    layout->addWidget(m_note);

    m_when = quietLabel(QString(), this);
    m_when->setObjectName(QStringLiteral("profiledWhen"));
    layout->addWidget(m_when);

    m_placeholder = quietLabel(QString(), this);
    m_placeholder->setObjectName(QStringLiteral("profilePlaceholder"));
    m_placeholder->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    layout->addWidget(m_placeholder);

    m_content = new QWidget(this);
    auto *content = new QVBoxLayout(m_content);
    content->setContentsMargins(0, 6, 0, 0);
    content->setSpacing(6);
    content->addWidget(buildMetricsGrid());

    content->addSpacing(10);
    content->addWidget(sectionTitle(tr("Most frequent values")));
    m_histogramNote = quietLabel(QString(), m_content);
    m_histogramNote->setObjectName(QStringLiteral("histogramNote"));
    content->addWidget(m_histogramNote);
    m_histogram = new HistogramChart(m_content);
    content->addWidget(m_histogram);

    m_distributionTitle = sectionTitle(tr("Value ranges"));
    content->addWidget(m_distributionTitle);
    m_distributionNote = quietLabel(QString(), m_content);
    m_distributionNote->setObjectName(QStringLiteral("distributionNote"));
    content->addWidget(m_distributionNote);
    m_distribution = new HistogramChart(m_content);
    m_distribution->setObjectName(QStringLiteral("distributionChart"));
    content->addWidget(m_distribution);

    content->addSpacing(10);
    content->addWidget(sectionTitle(tr("History")));
    m_historyNote = quietLabel(QString(), m_content);
    m_historyNote->setObjectName(QStringLiteral("historyNote"));
    content->addWidget(m_historyNote);
    m_history = new ProfileHistoryTable(m_content);
    content->addWidget(m_history);
    layout->addWidget(m_content);
    layout->addStretch(1);
    clear();
}

QLabel *FieldProfilePanel::sectionTitle(const QString &text)
{
    auto *label = new QLabel(text, this);
    QFont f = label->font();
    f.setWeight(QFont::DemiBold);
    f.setPointSizeF(f.pointSizeF() * 1.05);
    label->setFont(f);
    label->setAccessibleName(text);
    return label;
}

QWidget *FieldProfilePanel::buildMetricsGrid()
{
    auto *grid = new QWidget(this);
    m_grid = new QGridLayout(grid);
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setHorizontalSpacing(28);
    m_grid->setVerticalSpacing(14);
    const QStringList groups = profileMetricGroups();
    const QList<ProfileMetric> metrics = profileMetrics(FieldProfile());
    for (int g = 0; g < groups.size(); ++g) {
        auto *box = new QWidget(grid);
        auto *boxLayout = new QVBoxLayout(box);
        boxLayout->setContentsMargins(0, 0, 0, 0);
        boxLayout->setSpacing(4);
        boxLayout->addWidget(sectionTitle(groups.at(g)));
        auto *line = new QFrame(box);
        line->setFrameShape(QFrame::HLine);
        line->setFrameShadow(QFrame::Plain);
        line->setForegroundRole(QPalette::Midlight);
        boxLayout->addWidget(line);
        auto *form = new QFormLayout;
        form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
        form->setRowWrapPolicy(QFormLayout::DontWrapRows);
        form->setLabelAlignment(Qt::AlignLeft | Qt::AlignVCenter);
        form->setHorizontalSpacing(16);
        form->setVerticalSpacing(5);
        for (const ProfileMetric &m : metrics) {
            if (m.group != groups.at(g))
                continue;
            auto *name = quietLabel(m.title, box);
            name->setWordWrap(false);
            name->setToolTip(m.help);
            auto *value = new QLabel(box);
            value->setObjectName(m.key);
            value->setAccessibleName(m.title);
            value->setTextFormat(Qt::PlainText);
            value->setTextInteractionFlags(Qt::TextSelectableByMouse);
            // Room for a figure that cannot wrap ("≈ 112,507,500"); a longer text ("≈ 12.831
            // bits") wraps rather than being cut off at the column's edge.
            value->setMinimumWidth(
                value->fontMetrics().horizontalAdvance(QStringLiteral("≈ 000,000,000")));
            value->setWordWrap(true);
            name->setBuddy(value);
            form->addRow(name, value);
            m_values.insert(m.key, value);
            m_names.insert(m.key, name);
        }
        boxLayout->addLayout(form);
        boxLayout->addStretch(1);
        m_grid->addWidget(box, g / 2, g % 2);
        m_groupBoxes.append(box);
    }
    m_grid->setColumnStretch(0, 1);
    m_grid->setColumnStretch(1, 1);
    return grid;
}

bool FieldProfilePanel::event(QEvent *event)
{
    // Inside a scroll area the panel's parent is the viewport: its width is what there is.
    if (event->type() == QEvent::ParentAboutToChange && parentWidget())
        parentWidget()->removeEventFilter(this);
    if (event->type() == QEvent::ParentChange && parentWidget())
        parentWidget()->installEventFilter(this);
    return QWidget::event(event);
}

bool FieldProfilePanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == parentWidget() && event->type() == QEvent::Resize)
        fitMetricColumns(parentWidget()->width());
    return QWidget::eventFilter(watched, event);
}

void FieldProfilePanel::fitMetricColumns(int width)
{
    int widest = 0;
    for (const QWidget *box : std::as_const(m_groupBoxes))
        widest = qMax(widest, box->minimumSizeHint().width());
    const QMargins margins = layout()->contentsMargins();
    const int twoColumns =
        margins.left() + margins.right() + 2 * widest + m_grid->horizontalSpacing();
    const int columns = width >= twoColumns ? 2 : 1;
    if (columns == m_metricColumns)
        return;
    m_metricColumns = columns;
    for (QWidget *box : std::as_const(m_groupBoxes))
        m_grid->removeWidget(box);
    for (int g = 0; g < m_groupBoxes.size(); ++g)
        m_grid->addWidget(m_groupBoxes.at(g), g / columns, g % columns);
    m_grid->setColumnStretch(1, columns == 2 ? 1 : 0);
}

void FieldProfilePanel::showContent(bool profiled)
{
    m_content->setVisible(profiled);
    m_placeholder->setVisible(!profiled);
    m_when->setVisible(profiled);
}

void FieldProfilePanel::clear()
{
    m_title->setText(tr("No field selected"));
    m_types->clear();
    m_types->hide();
    m_mismatchFrame->hide();
    m_placeholder->setText(tr("Choose a field to see its profile."));
    showContent(false);
}

void FieldProfilePanel::showUnprofiled(const QString &fieldName, const QString &declaredType)
{
    m_title->setText(fieldName);
    m_types->setText(tr("Declared <b>%1</b>").arg(declaredType.toHtmlEscaped()));
    m_types->setVisible(!declaredType.isEmpty());
    m_mismatchFrame->hide();
    m_note->hide();
    m_placeholder->setText(
        tr("This field has not been profiled yet. Run a Profile operation on the datastore to "
           "measure it."));
    showContent(false);
}

QString FieldProfilePanel::valueText(const QString &key) const
{
    const QLabel *label = m_values.value(key);
    return label ? label->text() : QString();
}

void FieldProfilePanel::setHistory(const QList<FieldProfile> &history)
{
    namespace f = profile_format;
    if (history.isEmpty()) {
        clear();
        return;
    }
    const FieldProfile &p = history.first();
    m_title->setText(p.fieldName);

    const QString declaredFamily = f::familyTitle(f::declaredFamily(p));
    const QString inferred = f::familyTitle(p.inferredType.toLower());
    const bool mismatch = f::typeMismatch(p);
    QString types = tr("Declared <b>%1</b>").arg(p.declaredType.toHtmlEscaped());
    if (!declaredFamily.isEmpty() &&
        declaredFamily.compare(p.declaredType, Qt::CaseInsensitive) != 0)
        types += QStringLiteral(" (%1)").arg(declaredFamily.toHtmlEscaped());
    if (!inferred.isEmpty())
        types += QStringLiteral(" &nbsp;·&nbsp; ") +
                 (mismatch ? tr("Inferred <b style=\"color:%2\">%1</b>")
                                 .arg(inferred.toHtmlEscaped(), theme::caution(palette()).name())
                           : tr("Inferred <b>%1</b>").arg(inferred.toHtmlEscaped()));
    m_types->setText(types);
    m_types->show();
    m_mismatchFrame->setVisible(mismatch);
    if (mismatch)
        m_mismatch->setText(
            tr("Type mismatch: the values read as %1 although the field is declared %2. A check "
               "such as Is Type can hold the values to it.")
                .arg(inferred, p.declaredType));
    m_mismatch->setToolTip(mismatch ? tr("Inferred from the most frequent values.") : QString());
    QString note = p.note;
    if (!note.isEmpty())
        note[0] = note.at(0).toUpper();
    m_note->setText(note.isEmpty() ? QString() : note + QLatin1Char('.'));
    m_note->setVisible(!note.isEmpty());

    const QLocale locale;
    m_when->setText(
        tr("Profiled %1 by operation %2")
            .arg(p.profiledAt.isValid() ? display_time::local(p.profiledAt) : tr("(unknown time)"))
            .arg(p.operationId));

    const QString notMeasured =
        !note.isEmpty()
            ? note + QLatin1Char('.')
            : tr("Not measured for a %1 field.")
                  .arg(inferred.isEmpty() ? declaredFamily.toLower() : inferred.toLower());
    for (const ProfileMetric &m : profileMetrics(p)) {
        QLabel *value = m_values.value(m.key);
        if (!value)
            continue;
        value->setText(m.shown());
        value->setToolTip(m.text.isEmpty() ? notMeasured
                                           : (m.approximate ? m.approximateTip : QString()));
        value->setForegroundRole(m.text.isEmpty() ? QPalette::PlaceholderText
                                                  : QPalette::WindowText);
    }

    m_histogram->setProfile(p);
    const int shown = int(p.histogram.size());
    if (shown == 0)
        m_histogramNote->setText(tr("No values: the field is empty in every record."));
    else if (m_histogram->isSampled())
        m_histogramNote->setText(
            shown == 1
                ? tr("The most frequent value, counted in a sample of the records: its share "
                     "is an estimate.")
                : tr("The %1 most frequent values, counted in a sample of the records: their "
                     "shares are estimates.")
                      .arg(shown));
    else
        m_histogramNote->setText(
            shown == 1 ? tr("The most frequent value, with its share of the non-null values.")
                       : tr("The %1 most frequent values, with their share of the non-null "
                            "values.")
                             .arg(shown));
    m_histogram->setVisible(shown > 0);

    // Numeric fields: how the values spread between min and max, in equal-width buckets.
    const bool sampled = profile_format::sampled(p);
    QList<HistogramChart::Bucket> spread;
    qint64 counted = 0;
    for (const QJsonValue &v : p.buckets)
        counted += qint64(v.toObject().value(QStringLiteral("count")).toDouble());
    for (const QJsonValue &v : p.buckets) {
        const QJsonObject b = v.toObject();
        HistogramChart::Bucket bucket;
        bucket.value = QStringLiteral("%1 – %2").arg(
            profile_format::number(b.value(QStringLiteral("lower")).toDouble()),
            profile_format::number(b.value(QStringLiteral("upper")).toDouble()));
        bucket.count = qint64(b.value(QStringLiteral("count")).toDouble());
        if (counted > 0)
            bucket.ratio = double(bucket.count) / double(counted);
        spread << bucket;
    }
    m_distribution->setBuckets(spread, sampled);
    const bool hasSpread = !spread.isEmpty();
    m_distributionTitle->setVisible(hasSpread);
    m_distributionNote->setVisible(hasSpread);
    m_distribution->setVisible(hasSpread);
    m_distributionNote->setText(
        sampled ? tr("Values in %1 equal-width ranges from min to max, counted in a sample of the "
                     "records.")
                      .arg(spread.size())
                : tr("Values in %1 equal-width ranges from min to max.").arg(spread.size()));

    m_history->setHistory(history);
    const int runs = m_history->runCount();
    m_historyNote->setText(
        runs <= 1 ? tr("This is the field's first profile: later runs appear beside it.")
                  : tr("The last %1 profiles, newest first. A highlighted figure changed since "
                       "the run before it.")
                        .arg(runs));
    m_history->setVisible(runs > 0);
    showContent(true);
}

} // namespace assay
