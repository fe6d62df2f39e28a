#pragma once

// What the widget tests share: where their screenshots go, and the dark palette they are
// rendered in besides the light one.
#include "TestSupport.h"
#include "ui/common/DarkPalette.h"

#include <QDir>
#include <QPalette>
#include <QString>

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

// The dark palette the window is also rendered in (ui/common/DarkPalette.h).
inline QPalette darkPalette()
{
    return theme::darkPalette();
}

} // namespace assay::test
