#pragma once

#include <QSize>
#include <QString>
#include <QStringList>

namespace assay::screenshots {

// What the command line asks for.
struct Options
{
    QString outDir;
    QSize size{1366, 768}; // the main window's logical size
    double fontPt = 0;     // the application font's point size; 0 keeps the platform's
    bool dark = false;
};

enum class ParseResult { Run, Help, Error };

// Parses `arguments` (argv, program name first). It runs before the application object exists,
// because the offscreen screen must be sized from --size first; Help means --help was given.
ParseResult parseOptions(const QStringList &arguments, Options *options, QString *error);

// Prints the usage text and exits; creates the core application it needs for that.
[[noreturn]] void showHelpAndExit(int &argc, char **argv);

} // namespace assay::screenshots
