#include "Appearance.h"

#include "Options.h"
#include "ui/common/ContrastStyle.h"
#include "ui/common/DarkPalette.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFont>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>

namespace assay::screenshots {
namespace {

bool displayAvailable()
{
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
    return !qEnvironmentVariableIsEmpty("DISPLAY") ||
           !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
#else
    return true;
#endif
}

double scaleFactor()
{
    bool ok = false;
    const double factor = qEnvironmentVariable("QT_SCALE_FACTOR").toDouble(&ok);
    return ok && factor > 0 ? factor : 1.0;
}

// The offscreen platform's configuration file (see QOffscreenIntegration): one screen.
bool writeScreenConfig(const QString &path, const QSize &pixels)
{
    const QJsonObject screen{{QStringLiteral("name"), QStringLiteral("review")},
                             {QStringLiteral("x"), 0},
                             {QStringLiteral("y"), 0},
                             {QStringLiteral("width"), pixels.width()},
                             {QStringLiteral("height"), pixels.height()},
                             {QStringLiteral("logicalDpi"), 96},
                             {QStringLiteral("logicalBaseDpi"), 96},
                             {QStringLiteral("dpr"), 1.0}};
    const QJsonObject config{{QStringLiteral("synchronousWindowSystemEvents"), false},
                             {QStringLiteral("windowFrameMargins"), true},
                             {QStringLiteral("screens"), QJsonArray{screen}}};
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(QJsonDocument(config).toJson()) > 0;
}

} // namespace

QString prepareDisplay(const QSize &windowSize, const QString &workDir)
{
    QString note;
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && !displayAvailable()) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        note = QStringLiteral("no display: rendering offscreen");
    }
    // Only a bare "offscreen": a caller that configured the platform keeps its configuration.
    if (qEnvironmentVariable("QT_QPA_PLATFORM") != QLatin1String("offscreen"))
        return note;
    const double factor = scaleFactor();
    const QSize pixels(int(std::ceil(windowSize.width() * factor)),
                       int(std::ceil(windowSize.height() * factor)));
    const QString path = QDir(workDir).filePath(QStringLiteral("offscreen-screen.json"));
    if (!writeScreenConfig(path, pixels))
        return QStringLiteral("could not write %1; the offscreen screen stays 800x600").arg(path);
    qputenv("QT_QPA_PLATFORM", QStringLiteral("offscreen:configfile=%1").arg(path).toLocal8Bit());
    return note;
}

void applyAppearance(const Options &options)
{
    QApplication::setStyle(new ContrastStyle(QStringLiteral("Fusion")));
    if (options.dark)
        QApplication::setPalette(theme::darkPalette());
    if (options.fontPt > 0) {
        QFont font = QApplication::font();
        font.setPointSizeF(options.fontPt);
        QApplication::setFont(font);
    }
}

} // namespace assay::screenshots
