// assay-screenshots: saves a PNG of each main surface of Assay, for a person to review the
// layout at a given window size, font size and palette (tools/screenshots.sh runs the three
// review settings).
//
//   assay-screenshots --out DIR [--size WxH] [--font-pt N] [--dark]
//
// It works on a throwaway catalog in a temporary folder, prepares the Demo Shop there as a
// first start does (Sync, Profile, Scan), then opens the main window's tabs and each dialog and
// writes DIR/NN-<surface>.png, printing each file's path. Without a display it renders
// offscreen. It exits non-zero, saying why, when a surface cannot be opened.
#include "Appearance.h"
#include "DemoSetup.h"
#include "DialogShots.h"
#include "EventWait.h"
#include "MainWindowShots.h"
#include "Options.h"
#include "ShotWriter.h"
#include "app/engine/OperationEngine.h"
#include "app/secrets/CredentialStore.h"
#include "models/catalog/Catalog.h"
#include "models/catalog/CatalogLocation.h"
#include "ui/MainWindow.h"
#include "ui/common/Translations.h"

#include <QApplication>
#include <QDir>
#include <QIcon>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <cstdio>

using namespace assay;
using namespace assay::screenshots;

namespace {

// Sync, Profile and Scan of the Demo Shop take seconds; this is the limit for all three.
constexpr int kOperationsTimeoutMs = 120000;

QtMessageHandler previousHandler = nullptr;

// The offscreen platform warns about every dialog's size hints: noise that is not about Assay.
void quietHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (message == QLatin1String("This plugin does not support propagateSizeHints()"))
        return;
    if (previousHandler)
        previousHandler(type, context, message);
    else
        std::fprintf(stderr, "%s\n", qPrintable(qFormatLogMessage(type, context, message)));
}

int fail(const QString &message)
{
    std::fprintf(stderr, "assay-screenshots: %s\n", qPrintable(message));
    return 1;
}

QStringList argumentsOf(int argc, char **argv)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    return arguments;
}

// Keeps the user's settings and data out of reach: QStandardPaths' test locations, and
// QSettings (window geometry, splitters...) in the temporary folder.
void isolateFromUserFiles(const QString &workDir)
{
    QStandardPaths::setTestModeEnabled(true);
    const QString settings = QDir(workDir).filePath(QStringLiteral("settings"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settings);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settings);
}

// Everything the pictures are taken of, in the order they are numbered.
bool shootAll(MainWindow &window, Catalog &catalog, qint64 demoId, ShotWriter &shots,
              QString *error)
{
    return shootMainWindow(window, catalog, demoId, shots, error) &&
           shootWizard(window, shots, error) &&
           shootLinkEnrichment(window, catalog, demoId, shots, error) &&
           shootScheduleModes(window, catalog, demoId, shots, error) &&
           shootOperationDialogs(window, demoId, shots, error) &&
           shootContainerConstraints(window, demoId, shots, error);
}

int run(const Options &options, const QString &workDir)
{
    QDir out(options.outDir);
    if (!out.mkpath(QStringLiteral(".")))
        return fail(QStringLiteral("cannot create the output folder %1").arg(options.outDir));

    Catalog catalog;
    if (!catalog.open(QDir(workDir).filePath(QStringLiteral("catalog.sqlite"))))
        return fail(QStringLiteral("cannot open a temporary catalog: %1").arg(catalog.lastError()));
    // The Demo Shop is SQLite and needs no secret: a keychain that cannot be reached (a headless
    // session) is never asked.
    CredentialStore credentials;
    OperationEngine engine(&catalog, &credentials, 2);
    QString error;
    const qint64 demoId = prepareDemoShop(catalog, engine, kOperationsTimeoutMs, &error);
    if (!demoId)
        return fail(error);

    MainWindow window(&catalog);
    window.setEngine(&engine);
    window.setCredentials(&credentials);
    window.resize(options.size);
    window.show();
    settle(300); // exposed, laid out, the tree and the tabs loaded

    ShotWriter shots(out);
    const bool ok = shootAll(window, catalog, demoId, shots, &error);
    waitUntil([&] { return engine.isIdle(); }, QDeadlineTimer(10000));
    if (!ok)
        return fail(error);
    std::fprintf(stderr, "%d pictures in %s\n", shots.count(),
                 qPrintable(QDir::toNativeSeparators(out.absolutePath())));
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    Options options;
    QString error;
    switch (parseOptions(argumentsOf(argc, argv), &options, &error)) {
    case ParseResult::Help:
        showHelpAndExit(argc, argv);
    case ParseResult::Error:
        return fail(error + QStringLiteral(" (see --help)"));
    case ParseResult::Run:
        break;
    }

    QTemporaryDir work;
    if (!work.isValid())
        return fail(QStringLiteral("cannot create a temporary folder: %1").arg(work.errorString()));
    // The display must be chosen and sized before the application object exists.
    const QString note = prepareDisplay(options.size, work.path());
    if (!note.isEmpty())
        std::fprintf(stderr, "assay-screenshots: %s\n", qPrintable(note));

    previousHandler = qInstallMessageHandler(quietHandler);
    QApplication app(argc, argv);
    applyApplicationIdentity();
    isolateFromUserFiles(work.path());
    installTranslations(app);
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/assay.svg")));
    applyAppearance(options);
    return run(options, work.path());
}
