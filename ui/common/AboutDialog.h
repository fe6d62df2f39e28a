#pragma once

#include <QDialog>

namespace assay {

// Help > About Assay: the app icon, name and version, what it is for, the Qt version it runs on
// and the licences of the libraries it ships with.
class AboutDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AboutDialog(QWidget *parent = nullptr);
};

} // namespace assay
