#include "ui/common/AboutDialog.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace assay {

AboutDialog::AboutDialog(QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(tr("About Assay"));

    auto *icon = new QLabel(this);
    icon->setPixmap(QIcon(QStringLiteral(":/icons/assay.svg")).pixmap(QSize(72, 72)));
    icon->setAlignment(Qt::AlignTop | Qt::AlignHCenter);
    icon->setAccessibleName(tr("Assay icon"));

    auto *title = new QLabel(tr("Assay %1").arg(QCoreApplication::applicationVersion()), this);
    title->setObjectName(QStringLiteral("aboutTitle"));
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setWeight(QFont::DemiBold);
    title->setFont(titleFont);
    title->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *description =
        new QLabel(tr("A desktop workbench for data quality: connect your datastores, profile "
                      "every field, scan with quality checks and keep the results in a "
                      "database you own."),
                   this);
    description->setWordWrap(true);

    auto *qtVersion =
        new QLabel(tr("Built with Qt %1, running on Qt %2.")
                       .arg(QStringLiteral(QT_VERSION_STR), QString::fromLatin1(qVersion())),
                   this);
    qtVersion->setObjectName(QStringLiteral("aboutQtVersion"));
    qtVersion->setForegroundRole(QPalette::PlaceholderText);
    qtVersion->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *licences = new QLabel(
        tr("Assay is built on open-source software:<br>"
           "<a href=\"https://www.qt.io/licensing/\">Qt</a>, under the GNU LGPLv3<br>"
           "<a href=\"https://github.com/frankosterfeld/qtkeychain\">QtKeychain</a>, under the "
           "BSD-3-Clause licence"),
        this);
    licences->setObjectName(QStringLiteral("aboutLicences"));
    licences->setWordWrap(true);
    licences->setTextFormat(Qt::RichText);
    licences->setOpenExternalLinks(true);
    licences->setForegroundRole(QPalette::PlaceholderText);

    auto *text = new QVBoxLayout;
    text->setSpacing(8);
    text->addWidget(title);
    text->addWidget(description);
    text->addWidget(qtVersion);
    text->addSpacing(4);
    text->addWidget(licences);
    text->addStretch(1);

    auto *body = new QHBoxLayout;
    body->setSpacing(20);
    body->addWidget(icon, 0, Qt::AlignTop);
    body->addLayout(text, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setAccessibleName(tr("Close"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 24, 24, 16);
    layout->setSpacing(16);
    layout->addLayout(body);
    layout->addWidget(buttons);
    setFixedWidth(480);
}

} // namespace assay
