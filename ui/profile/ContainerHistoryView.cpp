#include "ui/profile/ContainerHistoryView.h"

#include "app/checks/RuleCatalog.h"
#include "app/checks/RuleNames.h"
#include "models/catalog/Catalog.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace assay {

namespace {

namespace key = rule_key;
namespace option = rule_choice;

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(assay::ContainerHistoryView)
};

QString propertyText(const Check &c, QLatin1String k, QLatin1String fallback)
{
    const QString v = c.properties.value(k).toString();
    return v.isEmpty() ? QString(fallback) : v;
}

double hoursPer(const Check &freshness)
{
    const QString unit = propertyText(freshness, key::kUnit, option::kHours);
    return unit == option::kMinutes ? 1.0 / 60.0 : unit == option::kDays ? 24.0 : 1.0;
}

// A judgement's band on the level the chart draws: a change band starts from the level the change
// was measured from (measured - observed; for a percentage, measured / (1 + observed%)).
void levelBand(const CheckHistoryPoint &p, const QString &comparison, double *low, double *high)
{
    *low = *high = qQNaN();
    if (!qIsFinite(p.measured) || !qIsFinite(p.observed))
        return;
    if (comparison == option::kAbsoluteValue) {
        *low = p.expectedLow;
        *high = p.expectedHigh;
    } else if (comparison == option::kPercentageChange) {
        const double factor = 1.0 + p.observed / 100.0;
        if (factor == 0)
            return;
        const double from = p.measured / factor;
        *low = from * (1.0 + p.expectedLow / 100.0);
        *high = from * (1.0 + p.expectedHigh / 100.0);
    } else {
        const double from = p.measured - p.observed;
        *low = from + p.expectedLow;
        *high = from + p.expectedHigh;
    }
}

// Marks the points of a measured series with the judgements of the check that watches it: the
// band (as a level, scaled by `scale`) and the anomalies, matched by operation.
void attach(QVector<HistoryPoint> &points, const QList<qint64> &operations, const Check &check,
            const QList<CheckHistoryPoint> &judged, double scale, const QString &comparison)
{
    QHash<qint64, CheckHistoryPoint> byOperation;
    for (const CheckHistoryPoint &p : judged)
        byOperation.insert(p.operationId, p);
    for (int i = 0; i < points.size(); ++i) {
        const auto it = byOperation.constFind(operations.at(i));
        if (it == byOperation.constEnd())
            continue;
        double low = 0, high = 0;
        levelBand(*it, comparison, &low, &high);
        points[i].lower = low * scale;
        points[i].upper = high * scale;
        points[i].anomaly = it->result == QLatin1String("failed");
        points[i].note = Text::tr("Check %1: %2").arg(check.id).arg(it->details);
    }
}

const Check *watching(const QList<Check> &checks, QLatin1String rule, bool bytes = false)
{
    for (const Check &c : checks)
        if (c.rule == rule && c.status == check_status::kActive &&
            (rule != rule_name::kVolumetric ||
             (propertyText(c, key::kMeasure, option::kRecords) == option::kBytes) == bytes))
            return &c;
    return nullptr;
}

HistoryChoice measuredChoice(const QList<ContainerMeasurement> &measurements, const QString &title,
                             const QString &unit,
                             const std::function<double(const ContainerMeasurement &)> &value)
{
    HistoryChoice choice{title, {title, unit, {}}};
    for (const ContainerMeasurement &m : measurements) {
        const double v = value(m);
        if (v >= 0) {
            HistoryPoint p;
            p.at = m.measuredAt;
            p.value = v;
            choice.series.points << p;
        }
    }
    return choice;
}

QList<qint64> operationsOf(const QList<ContainerMeasurement> &measurements,
                           const std::function<double(const ContainerMeasurement &)> &value)
{
    QList<qint64> out;
    for (const ContainerMeasurement &m : measurements)
        if (value(m) >= 0)
            out << m.operationId;
    return out;
}

} // namespace

QList<HistoryChoice> historyChoices(const QList<ContainerMeasurement> &measurements,
                                    const QList<Check> &checks,
                                    const QHash<qint64, QList<CheckHistoryPoint>> &judgements)
{
    QList<HistoryChoice> out;
    const auto figure = [&](const QString &title, const QString &unit,
                            std::function<double(const ContainerMeasurement &)> value,
                            const Check *check, double scale, bool levelIsChange) {
        HistoryChoice choice = measuredChoice(measurements, title, unit, value);
        if (check)
            attach(choice.series.points, operationsOf(measurements, value), *check,
                   judgements.value(check->id), scale,
                   levelIsChange ? propertyText(*check, key::kComparison, option::kAbsoluteChange)
                                 : QString(option::kAbsoluteValue));
        out << choice;
    };
    figure(
        Text::tr("Records"), Text::tr("records"),
        [](const ContainerMeasurement &m) { return double(m.recordCount); },
        watching(checks, rule_name::kVolumetric), 1.0, true);
    const Check *freshness = watching(checks, rule_name::kFreshness);
    figure(
        Text::tr("Freshness (hours since the newest data)"), Text::tr("h"),
        [](const ContainerMeasurement &m) { return m.ageHours(); }, freshness,
        freshness ? hoursPer(*freshness) : 1.0, false);
    figure(
        Text::tr("Size"), Text::tr("bytes"),
        [](const ContainerMeasurement &m) { return double(m.sizeBytes); },
        watching(checks, rule_name::kVolumetric, true), 1.0, true);
    // Each metric check: the figure it judged (its value or its change) and its band.
    for (const Check &c : checks) {
        if (c.rule != rule_name::kMetric)
            continue;
        const QString title = Text::tr("Check %1: %2 of %3")
                                  .arg(c.id)
                                  .arg(propertyText(c, key::kAggregate, option::kAverage),
                                       c.fields.join(QStringLiteral(", ")));
        HistoryChoice choice{title, {title, QString(), {}}};
        for (const CheckHistoryPoint &p : judgements.value(c.id)) {
            const double v = qIsFinite(p.observed) ? p.observed : p.measured;
            if (!qIsFinite(v))
                continue;
            choice.series.points << HistoryPoint{
                p.at,     v, p.expectedLow, p.expectedHigh, p.result == QLatin1String("failed"),
                p.details};
        }
        out << choice;
    }
    return out;
}

ContainerHistoryView::ContainerHistoryView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("containerHistory"));
    auto *layout = new QVBoxLayout(this);
    auto *bar = new QHBoxLayout;
    auto *label = new QLabel(tr("&Show:"), this);
    m_chooser = new QComboBox(this);
    m_chooser->setObjectName(QStringLiteral("historySeries"));
    m_chooser->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    label->setBuddy(m_chooser);
    bar->addWidget(label);
    bar->addWidget(m_chooser);
    bar->addStretch(1);
    layout->addLayout(bar);
    m_chart = new HistoryChart(this);
    m_chart->setObjectName(QStringLiteral("historyChart"));
    layout->addWidget(m_chart, 1);
    m_sources = new QLabel(this);
    m_sources->setObjectName(QStringLiteral("historySources"));
    m_sources->setWordWrap(true);
    m_sources->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_sources);
    connect(m_chooser, &QComboBox::currentIndexChanged, this, &ContainerHistoryView::showChoice);
}

void ContainerHistoryView::setContainer(Catalog *catalog, qint64 containerId)
{
    if (m_catalog != catalog) {
        if (m_catalog)
            disconnect(m_catalog, nullptr, this, nullptr);
        m_catalog = catalog;
        if (m_catalog) {
            // Scans and profiles add points; their end announces anomalies and checks.
            const auto onChange = [this](qint64 datastoreId) {
                if (m_containerId && (!datastoreId || datastoreId == m_datastoreId))
                    reload();
            };
            connect(m_catalog, &Catalog::anomaliesChanged, this, onChange);
            connect(m_catalog, &Catalog::checksChanged, this, onChange);
        }
    }
    m_containerId = containerId;
    reload();
}

void ContainerHistoryView::reload()
{
    const QString shown = m_chooser->currentText();
    const auto container = m_catalog && m_containerId ? m_catalog->container(m_containerId)
                                                      : Lookup<Container>::notFound();
    m_choices.clear();
    QString sources;
    if (container) {
        m_datastoreId = container->datastoreId;
        const QList<ContainerMeasurement> measurements =
            m_catalog->containerMeasurements(m_containerId, {}, 2000);
        CheckQuery query;
        query.datastoreId = container->datastoreId;
        query.containerId = m_containerId;
        const QList<Check> checks = m_catalog->checks(query);
        QHash<qint64, QList<CheckHistoryPoint>> judgements;
        for (const Check &c : checks)
            if (c.rule == rule_name::kVolumetric || c.rule == rule_name::kFreshness ||
                c.rule == rule_name::kMetric)
                judgements.insert(c.id, m_catalog->checkHistory(c.id));
        m_choices = historyChoices(measurements, checks, judgements);
        if (!measurements.isEmpty()) {
            const ContainerMeasurement &last = measurements.constLast();
            const auto from = [](const QString &source) {
                return source == measurement_source::kStatistics ? tr("the database's statistics")
                       : source == measurement_source::kPass     ? tr("the operation's own pass")
                       : source == measurement_source::kQuery    ? tr("a query of its own")
                                                                 : tr("nowhere (not measured)");
            };
            // Spelled out: a %n plural needs a loaded translation, even for English.
            sources = (measurements.size() == 1 ? tr("1 measurement.")
                                                : tr("%1 measurements.").arg(measurements.size())) +
                      QLatin1Char(' ') +
                      tr("Latest: records from %1, freshness from %2.")
                          .arg(from(last.volumeSource), from(last.freshnessSource));
        }
    }
    const QSignalBlocker block(m_chooser);
    m_chooser->clear();
    for (const HistoryChoice &c : m_choices)
        m_chooser->addItem(c.title);
    m_chooser->setCurrentIndex(qMax(0, m_chooser->findText(shown)));
    m_sources->setText(sources);
    showChoice(m_chooser->currentIndex());
}

void ContainerHistoryView::showChoice(int index)
{
    if (index < 0 || index >= m_choices.size()) {
        m_chart->setSeries({});
        return;
    }
    m_chart->setSeries(m_choices.at(index).series);
}

} // namespace assay
