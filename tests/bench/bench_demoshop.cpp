// Generates the bundled "Demo Shop" three times into a temporary folder and prints how long
// each run took. Figures only, no thresholds.

#include "app/demo/DemoShop.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTextStream>
#include <algorithm>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    QTemporaryDir dir;
    if (!dir.isValid()) {
        QTextStream(stderr) << "bench_demoshop: cannot create a temporary folder\n";
        return 1;
    }
    const QString path = dir.filePath(QStringLiteral("demo_shop.sqlite"));
    constexpr int kRuns = 3;
    qint64 totalMs = 0;
    qint64 totalRows = 0;
    for (int run = 1; run <= kRuns; ++run) {
        QString error;
        assay::demo::DemoShopStats stats;
        QElapsedTimer timer;
        timer.start();
        if (!assay::demo::generateDemoShop(path, &error, &stats)) {
            QTextStream(stderr) << "bench_demoshop: " << error << '\n';
            return 1;
        }
        const qint64 ms = std::max<qint64>(timer.elapsed(), 1);
        const qint64 rows = qint64(stats.customers) + stats.products + stats.orders +
                            stats.orderItems + stats.payments;
        totalMs += ms;
        totalRows += rows;
        out << QStringLiteral("demo_shop run %1: %2 rows in %3 ms (%4 rows/s, %5 KiB)\n")
                   .arg(run)
                   .arg(rows)
                   .arg(ms)
                   .arg(rows * 1000 / ms)
                   .arg(QFileInfo(path).size() / 1024);
    }
    out << QStringLiteral("demo_shop mean: %1 ms per run, %2 rows/s\n")
               .arg(totalMs / kRuns)
               .arg(totalRows * 1000 / std::max<qint64>(totalMs, 1));
    return 0;
}
