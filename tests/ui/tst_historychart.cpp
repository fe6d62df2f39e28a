// The history chart (issue 19): nice axes, the expected band only where it is known, anomalies in
// the error colour, pointing at points, the empty state, 200% and the dark palette, checked on
// the pixels the chart really paints. Screenshots: history-chart-{light,dark,200}.png.
#include "UiTestSupport.h"
#include "ui/common/Theme.h"
#include "ui/widgets/HistoryChart.h"

#include <QApplication>
#include <QHelpEvent>
#include <QImage>
#include <QTest>
#include <QToolTip>
#include <cmath>

using namespace assay;

namespace {

const QSize kChartSize(720, 300);
const QDateTime kFirstDay(QDate(2025, 11, 2), QTime(12, 0), Qt::UTC); // a Sunday
constexpr int kDays = 60;
constexpr int kLearningDays = 7; // no band before the check has learned one
const int kAnomalies[] = {23, 47};

// What the check expects on day `i`: ~1000 more records a day, fewer loaded at weekends.
double expectedRecords(int i)
{
    const int weekday = kFirstDay.addDays(i).date().dayOfWeek();
    return 40000 + 1000.0 * i + (weekday >= 6 ? -800 : 200);
}

// 60 daily scans of a growing table: a band of +-1500 records once learned, one scan 5% short
// and one 9% over.
HistorySeries recordHistory()
{
    HistorySeries series{QStringLiteral("Records"), QStringLiteral("records"), {}};
    for (int i = 0; i < kDays; ++i) {
        const double expected = expectedRecords(i);
        HistoryPoint p;
        p.at = kFirstDay.addDays(i);
        p.value = std::round(expected + 300 * std::sin(i * 1.7));
        if (i >= kLearningDays) {
            p.lower = expected - 1500;
            p.upper = expected + 1500;
        }
        if (i == kAnomalies[0]) {
            p.value = std::round(expected * 0.95);
            p.anomaly = true;
            p.note = QStringLiteral("Scan #%1: 5% fewer records than expected").arg(i + 1);
        } else if (i == kAnomalies[1]) {
            p.value = std::round(expected * 1.09);
            p.anomaly = true;
            p.note = QStringLiteral("Scan #%1: 9% more records than expected").arg(i + 1);
        }
        series.points << p;
    }
    return series;
}

HistoryPoint point(const QDateTime &at, double value)
{
    HistoryPoint p;
    p.at = at;
    p.value = value;
    return p;
}

HistorySeries withoutAnomalies(HistorySeries series)
{
    for (HistoryPoint &p : series.points)
        p.anomaly = false;
    return series;
}

QImage grabImage(HistoryChart &chart)
{
    QCoreApplication::processEvents();
    return chart.grab().toImage().convertToFormat(QImage::Format_RGB32);
}

int countColour(const QImage &image, const QColor &colour)
{
    int count = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            count += image.pixel(x, y) == colour.rgb();
    return count;
}

// The pixel of `colour` nearest to `around` within `radius` pixels, or (-1, -1).
QPoint findColour(const QImage &image, const QColor &colour, QPointF around, int radius)
{
    QPoint best(-1, -1);
    qreal bestDistance = qInf();
    for (int dy = -radius; dy <= radius; ++dy)
        for (int dx = -radius; dx <= radius; ++dx) {
            const QPoint p = around.toPoint() + QPoint(dx, dy);
            if (!image.rect().contains(p) || image.pixel(p) != colour.rgb())
                continue;
            const qreal distance = QLineF(QPointF(p), around).length();
            if (distance < bestDistance) {
                best = p;
                bestDistance = distance;
            }
        }
    return best;
}

QRgb pixelAt(const QImage &image, QPointF at)
{
    return image.pixel(at.toPoint());
}

// How far apart two colours are, 0..1 (the largest channel difference).
double difference(QRgb a, QRgb b)
{
    return qMax(qMax(std::abs(qRed(a) - qRed(b)), std::abs(qGreen(a) - qGreen(b))),
                std::abs(qBlue(a) - qBlue(b))) /
           255.0;
}

// How many pixels of `colour` (nearly) the column through `at` has around it: a line's width.
int lineThickness(const QImage &image, QPointF at, QRgb colour)
{
    int count = 0;
    for (int dy = -8; dy <= 8; ++dy)
        count += difference(image.pixel(at.toPoint() + QPoint(0, dy)), colour) < 0.2;
    return count;
}

bool isNice(double step)
{
    const double magnitude = std::pow(10.0, std::floor(std::log10(step)));
    const double factor = step / magnitude;
    for (double nice : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (std::abs(factor - nice) < 1e-9)
            return true;
    return false;
}

} // namespace

class TestHistoryChart : public QObject
{
    Q_OBJECT

private:
    // A chart of `series` at the test size, shown so it is polished like a real one.
    std::unique_ptr<HistoryChart> makeChart(const HistorySeries &series)
    {
        auto chart = std::make_unique<HistoryChart>();
        chart->setSeries(series);
        chart->resize(kChartSize);
        chart->show();
        if (!QTest::qWaitForWindowExposed(chart.get()))
            qWarning("chart not exposed");
        return chart;
    }

private slots:
    void valueAxisHasFourToSixNiceTicksCoveringValuesAndBand()
    {
        auto chart = makeChart(recordHistory());
        const auto ticks = chart->yTicks();
        QVERIFY2(ticks.size() >= 4 && ticks.size() <= 6, qPrintable(QString::number(ticks.size())));
        QVERIFY(isNice(ticks.at(1).value - ticks.at(0).value));
        double low = qInf();
        double high = -qInf();
        for (const HistoryPoint &p : chart->series().points)
            for (double v : {p.value, p.lower, p.upper})
                if (std::isfinite(v)) {
                    low = qMin(low, v);
                    high = qMax(high, v);
                }
        QVERIFY(ticks.first().value <= low);
        QVERIFY(ticks.last().value >= high);
        QSet<QString> labels;
        for (const auto &tick : ticks) {
            QVERIFY2(tick.label == QStringLiteral("0") || tick.label.endsWith(QLatin1Char('k')),
                     qPrintable(tick.label));
            labels << tick.label;
        }
        QCOMPARE(labels.size(), ticks.size());
        // Larger values first, as the axis goes up.
        QVERIFY(ticks.first().position > ticks.last().position);
    }

    void valueLabelsAreCompact_data()
    {
        QTest::addColumn<QVector<double>>("values");
        QTest::addColumn<QString>("suffix");
        QTest::newRow("millions") << QVector<double>{1.2e6, 3.4e6} << QStringLiteral("M");
        QTest::newRow("small") << QVector<double>{0.12, 0.43} << QString();
        QTest::newRow("one point") << QVector<double>{5} << QString();
        QTest::newRow("flat zero") << QVector<double>{0, 0, 0} << QString();
        QTest::newRow("negative") << QVector<double>{-2500, 1200} << QStringLiteral("k");
    }
    void valueLabelsAreCompact()
    {
        QFETCH(QVector<double>, values);
        QFETCH(QString, suffix);
        HistorySeries series{QStringLiteral("Sum of amount"), QString(), {}};
        for (int i = 0; i < values.size(); ++i)
            series.points << point(kFirstDay.addDays(i), values.at(i));
        auto chart = makeChart(series);
        const auto ticks = chart->yTicks();
        QVERIFY2(ticks.size() >= 4 && ticks.size() <= 6, qPrintable(QString::number(ticks.size())));
        QVERIFY(isNice(ticks.at(1).value - ticks.at(0).value));
        // Every value well inside the range, not on its edge.
        for (double v : values) {
            QVERIFY(ticks.first().value <= v);
            QVERIFY(ticks.last().value >= v);
        }
        if (values.size() == 1 || values.first() == values.last())
            QVERIFY(ticks.first().value < values.first() || values.first() == 0);
        if (values.size() == 1) { // in the middle, its day and time on the time axis
            QCOMPARE(chart->xTicks().size(), 1);
            const QPointF at = chart->mapToWidget(kFirstDay, values.first());
            QCOMPARE(at.x(), chart->plotRect().center().x());
            QCOMPARE(chart->pointAt(at.toPoint()), 0);
        }
        QSet<QString> labels;
        for (const auto &tick : ticks) {
            labels << tick.label;
            if (tick.value == 0)
                continue;
            if (suffix.isEmpty())
                QVERIFY2(tick.label.at(tick.label.size() - 1).isDigit(), qPrintable(tick.label));
            else
                QVERIFY2(tick.label.endsWith(suffix), qPrintable(tick.label));
            QVERIFY2(tick.label.size() <= 6, qPrintable(tick.label));
        }
        QCOMPARE(labels.size(), ticks.size()); // the decimals tell every tick apart
    }

    void timeAxisLabelsDoNotCollide_data()
    {
        QTest::addColumn<qint64>("stepSeconds");
        QTest::addColumn<int>("count");
        QTest::newRow("hours") << qint64(3600) << 30;
        QTest::newRow("days") << qint64(86400) << 60;
        QTest::newRow("months") << qint64(86400) << 400;
        QTest::newRow("years") << qint64(7 * 86400) << 600;
    }
    void timeAxisLabelsDoNotCollide()
    {
        QFETCH(qint64, stepSeconds);
        QFETCH(int, count);
        HistorySeries series{QStringLiteral("Records"), QString(), {}};
        for (int i = 0; i < count; ++i)
            series.points << point(kFirstDay.addSecs(i * stepSeconds), double(i));
        auto chart = makeChart(series);
        const auto ticks = chart->xTicks();
        QVERIFY2(ticks.size() >= 3, qPrintable(QString::number(ticks.size())));
        const QRectF plot = chart->plotRect();
        const QFontMetricsF fm(chart->font()); // a little larger than the labels'
        for (int i = 0; i < ticks.size(); ++i) {
            QVERIFY(ticks.at(i).position >= plot.left() && ticks.at(i).position <= plot.right());
            QVERIFY(!ticks.at(i).label.isEmpty());
            if (i == 0)
                continue;
            const qreal room = (fm.horizontalAdvance(ticks.at(i - 1).label) +
                                fm.horizontalAdvance(ticks.at(i).label)) /
                               2;
            QVERIFY2(ticks.at(i).position - ticks.at(i - 1).position >= room,
                     qPrintable(ticks.at(i - 1).label + QLatin1String(" / ") + ticks.at(i).label));
        }
    }

    void pointAtFindsThePaintedPoint()
    {
        auto chart = makeChart(recordHistory());
        const QImage image = grabImage(*chart);
        const QColor error = theme::error(chart->palette());
        for (int index : kAnomalies) {
            const HistoryPoint &p = chart->series().points.at(index);
            const QPointF expected = chart->mapToWidget(p.at, p.value);
            const QPoint painted = findColour(image, error, expected, 4);
            QVERIFY2(painted.x() >= 0, qPrintable(QString::number(index)));
            QCOMPARE(chart->pointAt(painted), index);
        }
        // Far from every point: the title, and the top of the plot above the first (lowest) days.
        QCOMPARE(chart->pointAt(QPoint(2, 2)), -1);
        const QPointF first = chart->mapToWidget(kFirstDay, chart->series().points.first().value);
        QCOMPARE(chart->pointAt(QPoint(int(first.x()), int(chart->plotRect().top()) + 2)), -1);
        QCOMPARE(chart->pointAt(QPoint(-5, 100)), -1);
    }

    void anomaliesPaintInTheErrorColour()
    {
        auto chart = makeChart(recordHistory());
        const QColor error = theme::error(chart->palette());
        QVERIFY(countColour(grabImage(*chart), error) >= 2 * 9); // two dots of ~9 px across
        chart->setSeries(withoutAnomalies(recordHistory()));
        QCOMPARE(countColour(grabImage(*chart), error), 0);
    }

    void bandIsPaintedOnlyWhereKnown()
    {
        // Five days at 100, the band 50..150 known from the third on: ticks 0, 50 ... 200.
        HistorySeries series{QStringLiteral("Sum of amount"), QString(), {}};
        for (int i = 0; i < 5; ++i) {
            HistoryPoint p = point(kFirstDay.addDays(i), 100);
            if (i >= 2) {
                p.lower = 50;
                p.upper = 150;
            }
            series.points << p;
        }
        auto chart = makeChart(series);
        const QImage image = grabImage(*chart);
        const QRgb background = chart->palette().color(QPalette::Base).rgb();
        const auto at = [&](int day, double value) {
            return pixelAt(image, chart->mapToWidget(kFirstDay.addDays(day), value));
        };
        // Halfway between gridlines, clear of the line: inside the band it is tinted...
        QVERIFY(at(3, 75) != background);
        QVERIFY(at(3, 125) != background);
        QCOMPARE(at(3, 125), at(3, 75)); // one flat tint
        // ...above it, and where it was not learned yet, it is not.
        QCOMPARE(at(3, 175), background);
        QCOMPARE(at(0, 75), background);
        QCOMPARE(at(1, 125), background);
        const QPointF between = (chart->mapToWidget(kFirstDay.addDays(1), 75) +
                                 chart->mapToWidget(kFirstDay.addDays(2), 75)) /
                                2;
        QCOMPARE(pixelAt(image, between - QPointF(6, 0)), background);

        // Only an upper bound known: a dashed line at it, nothing filled below it.
        for (HistoryPoint &p : series.points)
            p.lower = qQNaN();
        chart->setSeries(series);
        const QImage open = grabImage(*chart);
        const qreal y = chart->mapToWidget(kFirstDay, 150).y();
        const qreal from = chart->mapToWidget(kFirstDay.addDays(2), 150).x();
        const qreal to = chart->mapToWidget(kFirstDay.addDays(4), 150).x();
        int dashed = 0;
        int gaps = 0;
        for (int x = int(from) + 2; x < int(to) - 2; ++x) {
            const bool inked = open.pixel(x, int(std::round(y))) != background &&
                               open.pixel(x, int(std::floor(y))) != background;
            dashed += inked;
            gaps += !inked;
        }
        QVERIFY2(dashed > 10 && gaps > 10,
                 qPrintable(QStringLiteral("%1/%2").arg(dashed).arg(gaps)));
        QCOMPARE(pixelAt(open, chart->mapToWidget(kFirstDay.addDays(3), 125)), background);
        QCOMPARE(pixelAt(open, chart->mapToWidget(kFirstDay.addDays(1), 150)), background);
        test::saveScreenshot(chart.get(), QStringLiteral("history-chart-open-band.png"));
    }

    void emptySeriesShowsTheEmptyText()
    {
        auto chart = makeChart(HistorySeries{QStringLiteral("Records"), QString(), {}});
        QCOMPARE(chart->accessibleDescription(), chart->emptyText());
        QVERIFY(chart->emptyText().startsWith(QStringLiteral("No history yet")));
        QVERIFY(chart->yTicks().isEmpty());
        QVERIFY(chart->xTicks().isEmpty());
        QCOMPARE(chart->pointAt(chart->rect().center()), -1);
        const QImage image = grabImage(*chart);
        QCOMPARE(countColour(image, chart->palette().color(QPalette::Highlight)), 0);
        QCOMPARE(countColour(image, theme::error(chart->palette())), 0);
        // The text is in the middle (the default placeholder colour is translucent text: it
        // is the grey that ends up on the background which counts).
        const QRgb background = chart->palette().color(QPalette::Base).rgb();
        const int middle = int(chart->plotRect().center().y());
        int inked = 0;
        for (int y = middle - 10; y <= middle + 10; ++y)
            for (int x = 0; x < image.width(); ++x)
                inked += difference(image.pixel(x, y), background) > 0.25;
        QVERIFY(inked > 20);
        QCOMPARE(image.pixel(5, image.height() - 5), background);

        chart->setEmptyText(QStringLiteral("Run a Scan to start the history."));
        QCOMPARE(chart->accessibleDescription(),
                 QStringLiteral("Run a Scan to start the history."));
        test::saveScreenshot(chart.get(), QStringLiteral("history-chart-empty.png"));
    }

    void crispAtTwoHundredPercent()
    {
        auto chart = makeChart(recordHistory());
        const QColor error = theme::error(chart->palette());
        const int atOne = countColour(grabImage(*chart), error);
        QImage image(chart->size() * 2, QImage::Format_ARGB32_Premultiplied);
        image.setDevicePixelRatio(2);
        image.fill(Qt::transparent);
        chart->render(&image);
        const QImage opaque = image.convertToFormat(QImage::Format_RGB32);
        QVERIFY(image.save(test::screenshotPath(QStringLiteral("history-chart-200.png"))));
        // Not blank: the background, and the line and labels on it.
        const QRgb background = chart->palette().color(QPalette::Base).rgb();
        QCOMPARE(opaque.pixel(0, opaque.height() - 1), background);
        int inked = 0;
        for (int y = 0; y < opaque.height(); ++y)
            for (int x = 0; x < opaque.width(); ++x)
                inked += difference(opaque.pixel(x, y), background) > 0.3;
        QVERIFY2(inked > 2000, qPrintable(QString::number(inked)));
        // The anomaly dots are drawn at twice the resolution, not blown up: four times the pixels.
        const int atTwo = countColour(opaque, error);
        QVERIFY2(atTwo >= 3 * atOne, qPrintable(QStringLiteral("%1 vs %2").arg(atTwo).arg(atOne)));
        const HistoryPoint &p = chart->series().points.at(kAnomalies[0]);
        QVERIFY(findColour(opaque, error, chart->mapToWidget(p.at, p.value) * 2, 6).x() >= 0);
        // The value line keeps its logical width: twice as many device pixels across.
        const auto &points = chart->series().points;
        const QPointF mid = (chart->mapToWidget(points.at(30).at, points.at(30).value) +
                             chart->mapToWidget(points.at(31).at, points.at(31).value)) /
                            2;
        const QRgb line = chart->palette().color(QPalette::Highlight).rgb();
        const int thin = lineThickness(grabImage(*chart), mid, line);
        const int fine = lineThickness(opaque, mid * 2, line);
        QVERIFY2(thin >= 1 && fine >= 2 * thin - 1,
                 qPrintable(QStringLiteral("%1 vs %2").arg(fine).arg(thin)));
    }

    void readsOnTheDarkPalette()
    {
        auto chart = makeChart(recordHistory());
        test::saveScreenshot(chart.get(), QStringLiteral("history-chart-light.png"));
        const QPalette dark = test::darkPalette();
        chart->setPalette(dark);
        const QImage image = grabImage(*chart);
        test::saveScreenshot(chart.get(), QStringLiteral("history-chart-dark.png"));
        const QRgb background = dark.color(QPalette::Base).rgb();
        QCOMPARE(image.pixel(0, image.height() - 1), background);
        // The title is light on dark.
        double titleContrast = 0;
        for (int y = 0; y < chart->fontMetrics().height(); ++y)
            for (int x = 0; x < 80; ++x)
                titleContrast = qMax(titleContrast, difference(image.pixel(x, y), background));
        QVERIFY2(titleContrast > 0.6, qPrintable(QString::number(titleContrast)));
        // The line between two ordinary days, and the anomalies in the dark error colour.
        const auto &points = chart->series().points;
        const QPointF a = chart->mapToWidget(points.at(30).at, points.at(30).value);
        const QPointF b = chart->mapToWidget(points.at(31).at, points.at(31).value);
        QVERIFY(difference(pixelAt(image, (a + b) / 2), background) > 0.3);
        QVERIFY(countColour(image, theme::error(dark)) >= 2 * 9);
        QVERIFY(theme::error(dark) != theme::error(QPalette()));
        // The axis labels too.
        const auto ticks = chart->yTicks();
        double labelContrast = 0;
        const int y = int(ticks.at(1).position);
        for (int dy = -5; dy <= 5; ++dy)
            for (int x = 0; x < int(chart->plotRect().left()); ++x)
                labelContrast = qMax(labelContrast, difference(image.pixel(x, y + dy), background));
        QVERIFY2(labelContrast > 0.4, qPrintable(QString::number(labelContrast)));
    }

    void tooltipAndHoverNameThePoint()
    {
        auto chart = makeChart(recordHistory());
        const int index = kAnomalies[0];
        const HistoryPoint &p = chart->series().points.at(index);
        const QString tip = chart->toolTipFor(index);
        QVERIFY2(tip.contains(QStringLiteral("Anomaly")), qPrintable(tip));
        QVERIFY(tip.contains(p.note));
        QVERIFY(tip.contains(QStringLiteral("expected between")));
        QVERIFY(tip.contains(QLocale().toString(qint64(p.value)) + QStringLiteral(" records")));
        QVERIFY(tip.contains(QLocale().toString(p.at.toLocalTime(), QLocale::ShortFormat)));
        // Not learned yet: no band; not anomalous: no mark.
        const QString early = chart->toolTipFor(1);
        QVERIFY(!early.contains(QStringLiteral("expected")));
        QVERIFY(!early.contains(QStringLiteral("Anomaly")));
        QVERIFY(chart->toolTipFor(-1).isEmpty());
        QVERIFY(chart->toolTipFor(kDays).isEmpty());

        const QPoint at = chart->mapToWidget(p.at, p.value).toPoint();
        QHelpEvent help(QEvent::ToolTip, at, chart->mapToGlobal(at));
        QApplication::sendEvent(chart.get(), &help);
        QTRY_COMPARE(QToolTip::text(), tip);
        QToolTip::hideText();

        const QImage before = grabImage(*chart);
        const QPointF ordinary = chart->mapToWidget(chart->series().points.at(30).at,
                                                    chart->series().points.at(30).value);
        QTest::mouseMove(chart.get(), ordinary.toPoint());
        QTRY_COMPARE(chart->hoveredPoint(), 30);
        QVERIFY(grabImage(*chart) != before);
        test::saveScreenshot(chart.get(), QStringLiteral("history-chart-hover.png"));
        QTest::mouseMove(chart.get(), QPoint(2, 2));
        QTRY_COMPARE(chart->hoveredPoint(), -1);
    }

    void describesItselfForAccessibility()
    {
        auto chart = makeChart(recordHistory());
        QCOMPARE(chart->accessibleName(), QStringLiteral("Records"));
        const QString description = chart->accessibleDescription();
        QVERIFY2(description.startsWith(QStringLiteral("60 points from ")),
                 qPrintable(description));
        QVERIFY2(description.endsWith(QStringLiteral("; 2 anomalies")), qPrintable(description));
        QVERIFY(
            description.contains(QLocale().toString(QDate(2025, 11, 2), QStringLiteral("MMM"))));
        chart->setSeries(withoutAnomalies(recordHistory()));
        QVERIFY(chart->accessibleDescription().endsWith(QStringLiteral("no anomalies")));
    }

    void sortsPointsByTimeAndDropsUndatedOnes()
    {
        HistorySeries series = recordHistory();
        std::reverse(series.points.begin(), series.points.end());
        series.points << point(QDateTime(), 1e9);
        HistoryChart chart;
        chart.setSeries(series);
        QCOMPARE(chart.series().points.size(), kDays);
        for (int i = 1; i < kDays; ++i)
            QVERIFY(chart.series().points.at(i - 1).at < chart.series().points.at(i).at);
        QVERIFY(chart.series().points.at(kAnomalies[0]).anomaly);
    }

    void largerFontMakesALargerChart()
    {
        HistoryChart chart;
        const QSize normal = chart.sizeHint();
        QFont big = chart.font();
        big.setPointSizeF(14 * 1.5);
        chart.setFont(big);
        QVERIFY(chart.sizeHint().width() > normal.width());
        QVERIFY(chart.sizeHint().height() > normal.height());

        // At its smallest, a large font's labels still fit without colliding.
        HistorySeries freshness = recordHistory();
        freshness.title = QStringLiteral("Freshness (hours since newest row)");
        freshness.unit = QStringLiteral("h");
        for (HistoryPoint &p : freshness.points) {
            p.value /= 4000;
            p.lower /= 4000;
            p.upper /= 4000;
        }
        chart.setSeries(freshness);
        chart.resize(chart.minimumSizeHint());
        QVERIFY(!chart.xTicks().isEmpty());
        const QFontMetricsF fm(big);
        for (const auto &tick : chart.yTicks())
            QVERIFY2(fm.horizontalAdvance(tick.label) <= chart.plotRect().left(),
                     qPrintable(tick.label));
        test::saveScreenshot(&chart, QStringLiteral("history-chart-large-font.png"));
    }
};

QTEST_MAIN(TestHistoryChart)
#include "tst_historychart.moc"
