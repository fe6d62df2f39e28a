#include "ui/GuiMain.h"

#include "MainWindow.h"
#include "app/demo/DemoChecks.h"
#include "app/demo/DemoShop.h"
#include "app/engine/OperationEngine.h"
#include "app/scheduling/Scheduler.h"
#include "app/secrets/CredentialStore.h"
#include "models/catalog/Catalog.h"
#include "models/catalog/CatalogLocation.h"
#include "ui/common/ContrastStyle.h"
#include "ui/common/Translations.h"
#include "ui/operations/OperationActions.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QProgressBar>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>
#include <cstdio>
#include <memory>

Q_LOGGING_CATEGORY(lcGui, "assay.gui")

namespace assay {
namespace {

// Who runs the Demo Shop's sync, profile and scan on a first start (not the user).
const QString kFirstStart = QStringLiteral("first_start");

// Once the first sync of the Demo Shop succeeds: its checks (one per deliberate defect), a
// Profile that infers more, and a Scan, so a first run opens on real anomalies.
void profileAndScanDemoAfter(qint64 syncId, qint64 datastoreId, Catalog &catalog,
                             OperationEngine &engine)
{
    auto once = std::make_shared<QMetaObject::Connection>();
    *once =
        QObject::connect(&engine, &OperationEngine::operationFinished, &engine,
                         [once, syncId, datastoreId, &catalog, &engine](
                             qint64 operationId, qint64, const QString &status, const QString &) {
                             if (operationId != syncId)
                                 return;
                             QObject::disconnect(*once);
                             if (status != operation_status::kSuccess)
                                 return;
                             QString error;
                             if (demo::addDemoChecks(catalog, datastoreId, &error) < 0) {
                                 qWarning("Demo Shop checks: %s", qPrintable(error));
                                 return;
                             }
                             OperationRequest profile;
                             profile.datastoreId = datastoreId;
                             profile.type = operation_type::kProfile;
                             profile.options = {{QStringLiteral("inference_threshold"), 2}};
                             profile.triggeredBy = kFirstStart;
                             engine.enqueue(profile);
                             OperationRequest scan;
                             scan.datastoreId = datastoreId;
                             scan.type = operation_type::kScan;
                             scan.triggeredBy = kFirstStart;
                             engine.enqueue(scan);
                         });
}

// The context of this file's translatable text (as lupdate sees it, too).
struct GuiMainText
{
    Q_DECLARE_TR_FUNCTIONS(assay::GuiMain)
};

bool displayAvailable()
{
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
    return !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") ||
           !qEnvironmentVariableIsEmpty("DISPLAY") ||
           !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
#else
    return true;
#endif
}

// --help and --version work without a display: they only print.
bool asksOnlyForText(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "--help" || arg == "-h" || arg == "-?" || arg == "--help-all" ||
            arg == "--version" || arg == "-v")
            return true;
    }
    return false;
}

void setUpParser(QCommandLineParser &parser, QCommandLineOption &catalogOption)
{
    parser.setApplicationDescription(GuiMainText::tr(
        "Assay: a desktop workbench for data quality. Without a command it opens the window; "
        "run `assay --help` with a command (e.g. `assay datastores --help`) for the CLI."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(catalogOption);
}

struct DemoResult
{
    bool ok = false;
    QString error;
    demo::DemoShopStats stats;
};

// A status-bar area with a label and a busy bar, shown while the demo is prepared.
QWidget *makeBusyIndicator(const QString &text, QWidget *parent)
{
    auto *box = new QWidget(parent);
    box->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Preferred);
    auto *layout = new QHBoxLayout(box);
    layout->setContentsMargins(0, 0, 6, 0);
    layout->setSpacing(6);
    auto *label = new QLabel(text, box);
    label->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Preferred);
    auto *bar = new QProgressBar(box);
    bar->setRange(0, 0);
    bar->setTextVisible(false);
    bar->setFixedSize(96, 12);
    bar->setAccessibleName(text);
    layout->addWidget(label);
    layout->addWidget(bar);
    return box;
}

void showDemoError(MainWindow &window, const QString &error)
{
    const QString message =
        GuiMainText::tr("The Demo Shop datastore could not be prepared: %1").arg(error);
    qCWarning(lcGui).noquote() << message;
    window.statusBar()->showMessage(message);
    // Non-modal: the window stays usable, and no nested event loop runs.
    auto *box = new QMessageBox(QMessageBox::Warning, GuiMainText::tr("Demo Shop"), message,
                                QMessageBox::Ok, &window);
    box->setInformativeText(
        GuiMainText::tr("Assay works without it. Start Assay with ASSAY_DEMO=1 to try "
                        "again, or run `assay demo` in a terminal to see the details."));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace

void prepareDemoShop(Catalog &catalog, MainWindow &window)
{
    const QString path = demo::demoShopPath(catalog.path());
    if (const auto existing = catalog.datastoreByName(QString::fromUtf8(demo::kDemoName));
        existing && QFileInfo::exists(path)) {
        window.selectDatastore(existing->id);
        return;
    }

    const QString busyText = GuiMainText::tr("Preparing the Demo Shop datastore…");
    QWidget *busy = makeBusyIndicator(busyText, window.statusBar());
    busy->setObjectName(QStringLiteral("demoShopProgress"));
    window.statusBar()->insertPermanentWidget(0, busy);

    auto *watcher = new QFutureWatcher<DemoResult>(&window);
    QObject::connect(
        watcher, &QFutureWatcher<DemoResult>::finished, &window,
        [watcher, busy, path, &catalog, &window] {
            const DemoResult result = watcher->result();
            watcher->deleteLater();
            window.statusBar()->removeWidget(busy);
            busy->deleteLater();
            if (!result.ok)
                return showDemoError(window, result.error);
            QString error;
            const qint64 id = demo::registerDemoShop(catalog, path, &error);
            if (id == 0)
                return showDemoError(window, error);
            window.selectDatastore(id);
            // Like Initiate Sync in the wizard: the tree fills with its tables at once.
            if (OperationActions *actions = window.operationActions()) {
                OperationRequest sync;
                sync.datastoreId = id;
                sync.type = operation_type::kSync;
                sync.triggeredBy = kFirstStart;
                const qint64 syncId = actions->engine()->enqueue(sync);
                profileAndScanDemoAfter(syncId, id, catalog, *actions->engine());
            }
            window.statusBar()->showMessage(
                GuiMainText::tr("Demo Shop is ready: %1 customers, %2 orders, %3 payments.")
                    .arg(result.stats.customers)
                    .arg(result.stats.orders)
                    .arg(result.stats.payments),
                10000);
        });
    watcher->setFuture(QtConcurrent::run([path] {
        DemoResult result;
        result.ok = demo::generateDemoShop(path, &result.error, &result.stats);
        return result;
    }));
}

int runGui(int &argc, char **argv)
{
    QCommandLineOption catalogOption(
        QStringList{QStringLiteral("catalog")},
        GuiMainText::tr("Use the Catalog file at <path> (default: $ASSAY_CATALOG, "
                        "then the app-data folder)."),
        GuiMainText::tr("path"));

    if (!displayAvailable()) {
        if (asksOnlyForText(argc, argv)) {
            QCoreApplication app(argc, argv);
            applyApplicationIdentity();
            QCommandLineParser parser;
            setUpParser(parser, catalogOption);
            parser.process(app); // prints and exits
            return 0;
        }
        std::fprintf(
            stderr, "%s\n",
            qPrintable(GuiMainText::tr("assay: no display is available (neither DISPLAY nor "
                                       "WAYLAND_DISPLAY is set).\n"
                                       "Run the window under a virtual display with "
                                       "`xvfb-run -a build/bin/assay`, or set "
                                       "QT_QPA_PLATFORM=offscreen; use `assay --help` for the "
                                       "command-line interface.")));
        return 2;
    }

    QGuiApplication::setDesktopFileName(QStringLiteral("assay"));
    QApplication app(argc, argv);
    applyApplicationIdentity();
    installTranslations(app);
    // The platform's style, with visible empty check boxes in a dark palette (Fusion's are not).
    QApplication::setStyle(new ContrastStyle(QApplication::style()->name()));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/assay.svg")));

    QCommandLineParser parser;
    setUpParser(parser, catalogOption);
    parser.process(app);

    const QString catalogPath = resolveCatalogPath(parser.value(catalogOption));
    Catalog catalog;
    if (!catalog.open(catalogPath)) {
        QMessageBox::critical(
            nullptr, GuiMainText::tr("Assay"),
            GuiMainText::tr("The Catalog could not be opened.\n\n%1\n\nFile: %2\n\n"
                            "Check that the folder exists and is writable, or choose "
                            "another file with --catalog PATH.")
                .arg(catalog.lastError(), catalogPath));
        return 1;
    }

    // Operations run on worker threads; the number of workers is a setting (default 2).
    CredentialStore credentials;
    const int workers =
        qBound(1, QSettings().value(QStringLiteral("engine/workers"), 2).toInt(), 8);
    OperationEngine engine(&catalog, &credentials, workers);
    const int recovered = engine.recoverInterrupted();
    // Operations of other processes (the CLI's runners, another window) that die while this
    // window is open are shown aborted within seconds, not running forever.
    QTimer orphans;
    QObject::connect(&orphans, &QTimer::timeout, &engine,
                     [&engine] { engine.recoverInterrupted(); });
    orphans.start(15000);

    // Schedules fire through the engine while the window is open; runs missed while Assay was
    // closed run once now, marked as catch-up.
    Scheduler scheduler(&catalog, &engine);
    scheduler.start();

    MainWindow window(&catalog);
    window.setEngine(&engine);
    window.setCredentials(&credentials);
    window.show();
    if (recovered > 0)
        window.statusBar()->showMessage(
            GuiMainText::tr(
                "%1 operation(s) were interrupted when Assay last stopped; they are marked aborted "
                "and can be resumed.")
                .arg(recovered),
            15000);

    if (catalog.wasCreated() || qEnvironmentVariable("ASSAY_DEMO") == QLatin1String("1"))
        prepareDemoShop(catalog, window);

    return app.exec();
}

} // namespace assay
