#pragma once

#include <QDialog>
#include <QDir>
#include <QPointer>
#include <QString>

class QWidget;

namespace assay::screenshots {

// Saves pictures of widgets as <out>/NN-<name>.png, numbered in the order taken, and prints
// each file's path on its own line.
class ShotWriter
{
public:
    explicit ShotWriter(const QDir &outDir) : m_out(outDir) {}

    // Lets `widget` lay out (about 100 ms of events), then saves its picture; false with
    // `error` when it cannot be grabbed or written.
    bool save(QWidget &widget, const QString &name, QString *error);
    int count() const { return m_next - 1; }

private:
    QDir m_out;
    int m_next = 1;
};

// The newest visible dialog of type T that `parent` opened, or nullptr.
template <typename T> T *openedDialog(const QWidget &parent)
{
    const QList<T *> dialogs = parent.findChildren<T *>();
    for (auto it = dialogs.crbegin(); it != dialogs.crend(); ++it)
        if ((*it)->isVisible())
            return *it;
    return nullptr;
}

// Closes a dialog as Cancel would, without the questions some dialogs ask on Cancel ("Discard
// what you typed?"), and makes sure it is gone.
void closeDialog(QPointer<QDialog> dialog);

} // namespace assay::screenshots
