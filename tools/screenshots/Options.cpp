#include "Options.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QRegularExpression>

namespace assay::screenshots {
namespace {

const QCommandLineOption kOut(QStringLiteral("out"),
                              QStringLiteral("Write the PNG files to <dir> (created if missing)."),
                              QStringLiteral("dir"));
const QCommandLineOption kSize(QStringLiteral("size"),
                               QStringLiteral("The main window's logical size (default 1366x768)."),
                               QStringLiteral("WxH"));
const QCommandLineOption kFont(QStringLiteral("font-pt"),
                               QStringLiteral("The application font's point size."),
                               QStringLiteral("N"));
const QCommandLineOption kDark(QStringLiteral("dark"),
                               QStringLiteral("Use a dark palette (Breeze Dark-like)."));

void setUp(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QStringLiteral(
        "Prepares the Demo Shop in a temporary catalog (Sync, Profile, Scan), then saves a PNG of "
        "each main surface of Assay: the main window's tabs, the Add Datastore wizard, Link "
        "Enrichment, the Schedule dialog's modes and the Sync, Profile and Scan dialogs. Without "
        "a display it renders offscreen, on a screen of the window's size (times "
        "QT_SCALE_FACTOR). It never touches the user's catalog or settings."));
    parser.addHelpOption();
    parser.addOptions({kOut, kSize, kFont, kDark});
}

bool parseSize(const QString &text, QSize *size)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d{3,5})x(\\d{3,5})$"));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return false;
    *size = QSize(match.captured(1).toInt(), match.captured(2).toInt());
    return true;
}

} // namespace

ParseResult parseOptions(const QStringList &arguments, Options *options, QString *error)
{
    QCommandLineParser parser;
    setUp(parser);
    if (!parser.parse(arguments)) {
        *error = parser.errorText();
        return ParseResult::Error;
    }
    if (parser.isSet(QStringLiteral("help")) || parser.isSet(QStringLiteral("help-all")))
        return ParseResult::Help;
    if (!parser.positionalArguments().isEmpty()) {
        *error = QStringLiteral("unexpected argument “%1”").arg(parser.positionalArguments()[0]);
        return ParseResult::Error;
    }
    options->outDir = parser.value(kOut);
    if (options->outDir.isEmpty()) {
        *error = QStringLiteral("--out DIR is required");
        return ParseResult::Error;
    }
    if (parser.isSet(kSize) && !parseSize(parser.value(kSize), &options->size)) {
        *error =
            QStringLiteral("--size wants WxH, e.g. 1366x768, not “%1”").arg(parser.value(kSize));
        return ParseResult::Error;
    }
    if (parser.isSet(kFont)) {
        bool ok = false;
        options->fontPt = parser.value(kFont).toDouble(&ok);
        if (!ok || options->fontPt < 4 || options->fontPt > 72) {
            *error = QStringLiteral("--font-pt wants a point size from 4 to 72, not “%1”")
                         .arg(parser.value(kFont));
            return ParseResult::Error;
        }
    }
    options->dark = parser.isSet(kDark);
    return ParseResult::Run;
}

void showHelpAndExit(int &argc, char **argv)
{
    // QCommandLineParser takes the program's name for the usage line from the application.
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    setUp(parser);
    parser.process(app);
    parser.showHelp(0);
}

} // namespace assay::screenshots
