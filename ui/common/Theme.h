#pragma once

#include <QColor>
#include <QFont>
#include <QFontDatabase>
#include <QFontMetrics>
#include <QGuiApplication>
#include <QPalette>
#include <QString>
#include <QWidget>

namespace assay::theme {

// Whether `palette` is a dark one (light text on a dark window): colours that are not the
// palette's own (banners, badges, notices) pick their dark variant then.
inline bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightnessF() < 0.5;
}

// A fixed colour in its light and dark variants.
struct Tone
{
    const char *light;
    const char *dark;
    QColor in(const QPalette &palette) const
    {
        return QColor(QLatin1String(isDark(palette) ? dark : light));
    }
};

// How much larger than the default (a 17 px line) the application font is, at least 1: what
// default sizes (a pane's width, a dialog's height) are multiplied by.
inline double fontScale()
{
    return qMax(1.0, QFontMetrics(QGuiApplication::font()).height() / 17.0);
}

// The system's fixed-pitch font at the application font's size (cron expressions, SQL, logs):
// the system's own is a fixed size, tiny beside a 14 pt application font.
inline QFont monospaceFont()
{
    QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    const QFont app = QGuiApplication::font();
    if (app.pointSizeF() > 0)
        fixed.setPointSizeF(app.pointSizeF());
    else if (app.pixelSize() > 0)
        fixed.setPixelSize(app.pixelSize());
    return fixed;
}

// Text colours for a problem, a success and a caution (a type mismatch, a skipped item),
// readable on `palette` (the application's by default).
inline QColor error(const QPalette &palette = QGuiApplication::palette())
{
    return Tone{"#c62828", "#ef9a9a"}.in(palette);
}
inline QColor success(const QPalette &palette = QGuiApplication::palette())
{
    return Tone{"#2e7d32", "#a5d6a7"}.in(palette);
}
inline QColor caution(const QPalette &palette = QGuiApplication::palette())
{
    return Tone{"#a85d00", "#ffb74d"}.in(palette);
}
inline QString errorColour()
{
    return error().name();
}
inline QString successColour()
{
    return success().name();
}

// Shows `widget`'s text (a label's) in the error colour.
inline void paintAsError(QWidget *widget)
{
    QPalette palette = widget->palette();
    palette.setColor(QPalette::WindowText, error(palette));
    widget->setPalette(palette);
}
// "color: <errorColour>;" for a label's style sheet.
inline QString errorStyle()
{
    return QStringLiteral("color: %1;").arg(errorColour());
}

} // namespace assay::theme
