#pragma once

// What the widget tests share: where their screenshots go, and the dark palette they are
// rendered in besides the light one.
#include "TestSupport.h"
#include "ui/common/DarkPalette.h"
#include "ui/profile/ProfileFormat.h"

#include <QCoreApplication>
#include <QDir>
#include <QPalette>
#include <QString>
#include <QTest>
#include <QWidget>

namespace assay::test {

// <state dir>/screenshots/<name> (a temporary folder outside ctest), the folder made.
inline QString screenshotPath(const QString &name)
{
    QString state = stateDir();
    if (state.isEmpty())
        state = QDir::temp().filePath(QStringLiteral("assay-test-state"));
    const QString dir = QDir(state).filePath(QStringLiteral("screenshots"));
    QDir().mkpath(dir);
    return QDir(dir).filePath(name);
}

// Saves `widget` as the picture `name` in the screenshots folder, once its layouts settled.
inline void saveScreenshot(QWidget *widget, const QString &name)
{
    QCoreApplication::processEvents();
    QVERIFY(widget->grab().save(screenshotPath(name)));
}

// "≈ " (the mark and a thin space) as the profile view writes it before an approximate figure.
inline const QString kApprox = QString(profile_format::kApproxMark) + QChar(0x2009);

// The dark palette the window is also rendered in (ui/common/DarkPalette.h).
inline QPalette darkPalette()
{
    return theme::darkPalette();
}

} // namespace assay::test
