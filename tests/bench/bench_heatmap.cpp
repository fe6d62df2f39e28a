// Activity benchmark: 100,000 operations over a year in a temporary Catalog. Prints the time
// of the heatmap's aggregate query, of painting the heatmap (rendered into a QImage at 1x and
// 2x), and of the operation list's first page (every datastore, one datastore, a day, by
// duration) and of a deep page. No thresholds. Run with `make bench` (offscreen is fine).
#include "models/catalog/Catalog.h"
#include "models/domain/Json.h"
#include "models/item/ActivityCalendarModel.h"
#include "models/item/OperationListModel.h"
#include "ui/activity/ActivityHeatmap.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <vector>

using namespace assay;

namespace {

constexpr int kOperations = 100000;
constexpr int kDatastores = 8;
constexpr int kRepeats = 5;

// The best of a few runs, in milliseconds.
double best(const std::function<void()> &run)
{
    double fastest = 1e18;
    for (int i = 0; i < kRepeats; ++i) {
        QElapsedTimer t;
        t.start();
        run();
        fastest = std::min(fastest, double(t.nsecsElapsed()) / 1e6);
    }
    return fastest;
}

bool fill(Catalog &catalog, const QDate &today, QList<qint64> *datastores)
{
    Connection c;
    c.name = QStringLiteral("bench");
    c.type = QStringLiteral("sqlite");
    const qint64 connection = catalog.addConnection(c);
    for (int i = 0; i < kDatastores; ++i) {
        Datastore d;
        d.name = QStringLiteral("datastore-%1").arg(i);
        d.connectionId = connection;
        *datastores << catalog.addDatastore(d);
    }
    // A daily rhythm: quieter weekends, a seasonal swell, noise; the sum is kOperations.
    QRandomGenerator random(42);
    std::vector<double> weight(365);
    double total = 0;
    for (int day = 0; day < 365; ++day) {
        const QDate date = today.addDays(day - 364);
        double w = (date.dayOfWeek() >= 6 ? 0.35 : 1.0) *
                   (1.0 + 0.4 * std::sin(day / 365.0 * 2 * M_PI)) *
                   (0.6 + 0.8 * random.generateDouble());
        if (random.bounded(20) == 0)
            w = 0; // an idle day now and then
        weight[size_t(day)] = w;
        total += w;
    }
    QSqlDatabase db = catalog.database();
    db.transaction();
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "INSERT INTO operations (datastore_id, type, status, triggered_by, options, counters,"
        " result, created_at, started_at, ended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    const char *const types[] = {"catalog", "profile", "scan"};
    const char *const statuses[] = {"success", "success", "success", "success", "success",
                                    "success", "warning", "failure", "aborted"};
    int written = 0;
    for (int day = 0; day < 365 && written < kOperations; ++day) {
        int count = int(std::round(weight[size_t(day)] / total * kOperations));
        if (day == 364)
            count = kOperations - written;
        const QDate date = today.addDays(day - 364);
        for (int i = 0; i < count && written < kOperations; ++i, ++written) {
            const QDateTime created(date, QTime(0, 0).addSecs(int(random.bounded(86400))), Qt::UTC);
            const QDateTime started = created.addMSecs(random.bounded(2000));
            const QDateTime ended = started.addMSecs(500 + random.bounded(600000));
            q.addBindValue(datastores->at(int(random.bounded(kDatastores))));
            q.addBindValue(QLatin1String(types[random.bounded(3)]));
            q.addBindValue(QLatin1String(statuses[random.bounded(9)]));
            q.addBindValue(QStringLiteral("schedule"));
            q.addBindValue(QStringLiteral("{\"containers\":[\"orders\",\"customers\"]}"));
            q.addBindValue(QStringLiteral("{\"containers_added\":1}"));
            q.addBindValue(QStringLiteral("{}"));
            q.addBindValue(text::fromTime(created));
            q.addBindValue(text::fromTime(started));
            q.addBindValue(text::fromTime(ended));
            if (!q.exec()) {
                std::fprintf(stderr, "insert: %s\n", qPrintable(q.lastError().text()));
                return false;
            }
        }
    }
    return db.commit();
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QTemporaryDir dir;
    Catalog catalog;
    if (!catalog.open(dir.filePath(QStringLiteral("catalog.sqlite")))) {
        std::fprintf(stderr, "%s\n", qPrintable(catalog.lastError()));
        return 1;
    }
    const QDate today = QDateTime::currentDateTimeUtc().date();
    QList<qint64> datastores;
    QElapsedTimer clock;
    clock.start();
    if (!fill(catalog, today, &datastores))
        return 1;
    std::printf("heatmap bench: %d operations over 365 days, %d datastores (written in %lld ms)\n",
                kOperations, kDatastores, clock.elapsed());

    const QDate from = today.addYears(-1).addDays(1);
    QHash<QDate, int> counts;
    const double allDays = best([&] { counts = catalog.operationCountsByDay(0, from, today); });
    std::printf("  aggregate query, every datastore:  %8.2f ms (%lld days)\n", allDays,
                qint64(counts.size()));
    std::printf("  aggregate query, one datastore:    %8.2f ms\n", best([&] {
                    counts = catalog.operationCountsByDay(datastores.first(), from, today);
                }));

    ActivityCalendarModel calendar(&catalog);
    std::printf("  calendar model refresh (+levels):  %8.2f ms\n",
                best([&] { calendar.refresh(); }));

    ActivityHeatmap heatmap;
    heatmap.setModel(&calendar);
    heatmap.resize(heatmap.sizeHint());
    heatmap.setSelectedDate(today.addDays(-30));
    for (qreal dpr : {1.0, 2.0}) {
        QImage image(heatmap.size() * dpr, QImage::Format_ARGB32_Premultiplied);
        image.setDevicePixelRatio(dpr);
        const double ms = best([&] {
            image.fill(Qt::transparent);
            QPainter painter(&image);
            heatmap.render(&painter);
        });
        std::printf("  heatmap paint %dx%d @%.0fx:       %8.2f ms\n", heatmap.width(),
                    heatmap.height(), dpr, ms);
    }

    OperationListModel list(&catalog);
    auto firstPage = [&](const char *label, const OperationQuery &query) {
        OperationQuery empty;
        empty.datastoreId = -1; // nothing, found at once in the index
        const double ms = best([&] {
            list.setQuery(empty); // so each run reads again
            list.setQuery(query);
        });
        std::printf("  list first page, %-17s %8.2f ms (%d rows of %d)\n", label, ms,
                    list.rowCount(), list.totalCount());
    };
    OperationQuery all;
    firstPage("every datastore:", all);
    OperationQuery one;
    one.datastoreId = datastores.first();
    firstPage("one datastore:", one);
    OperationQuery day = all;
    day.day = today.addDays(-10);
    firstPage("one day:", day);
    OperationQuery duration = one;
    duration.sort = OperationQuery::Sort::Duration;
    firstPage("by duration:", duration);
    list.setQuery(all);
    const double deep =
        best([&] { catalog.operationPage(all, 50000, OperationListModel::kPageSize); });
    std::printf("  list page at offset 50,000:        %8.2f ms\n", deep);
    const double refresh = best([&] { list.refresh(); });
    std::printf("  list refresh (first page loaded):  %8.2f ms\n", refresh);

    // What an index on created_at alone (not in the schema) would change for every datastore.
    QSqlQuery(catalog.database())
        .exec(
            QStringLiteral("CREATE INDEX bench_operations_by_created ON operations (created_at)"));
    std::printf("with an index on operations(created_at):\n");
    std::printf("  aggregate query, every datastore:  %8.2f ms\n",
                best([&] { counts = catalog.operationCountsByDay(0, from, today); }));
    firstPage("every datastore:", all);
    firstPage("one day:", day);
    std::printf("  list page at offset 50,000:        %8.2f ms\n",
                best([&] { catalog.operationPage(all, 50000, OperationListModel::kPageSize); }));
    return 0;
}
