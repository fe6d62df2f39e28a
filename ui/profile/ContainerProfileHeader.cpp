#include "ui/profile/ContainerProfileHeader.h"

#include "models/domain/DisplayTime.h"
#include "ui/profile/ProfileFormat.h"
#include "ui/profile/RoundedFrame.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace assay {

ContainerProfileHeader::ContainerProfileHeader(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("containerProfileHeader"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 6);
    layout->setSpacing(8);

    auto *titles = new QHBoxLayout;
    titles->setSpacing(10);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("containerTitle"));
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setWeight(QFont::DemiBold);
    m_title->setFont(big);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_subtitle = new QLabel(this);
    m_subtitle->setForegroundRole(QPalette::PlaceholderText);
    titles->addWidget(m_title);
    titles->addWidget(m_subtitle, 1, Qt::AlignBottom);
    layout->addLayout(titles);

    // Why the latest Profile left this container out, on the container's own page.
    m_failure = new QLabel(this);
    m_failure->setObjectName(QStringLiteral("profileFailure"));
    m_failure->setWordWrap(true);
    m_failure->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_failure->hide();
    layout->addWidget(m_failure);

    m_tiles = new QHBoxLayout;
    m_tiles->setSpacing(8);
    addTile(QStringLiteral("records"), tr("Records"),
            tr("Records in the container at its latest profile."));
    addTile(QStringLiteral("sampling"), tr("Sampling"),
            tr("Share of the records the profile sampled."));
    addTile(QStringLiteral("completeness"), tr("Completeness"),
            tr("The fields' average completeness: the share of values that are not null."));
    addTile(QStringLiteral("checks"), tr("Active checks"),
            tr("Checks that scans of this container assert."));
    addTile(QStringLiteral("anomalies"), tr("Active anomalies"),
            tr("Anomalies found on this container that are still open."));
    m_tiles->addStretch(1);
    layout->addLayout(m_tiles);
    setSummary(Summary());
}

void ContainerProfileHeader::addTile(const QString &key, const QString &caption,
                                     const QString &help)
{
    auto *tile = new RoundedFrame(this);
    tile->setObjectName(QStringLiteral("statTile"));
    tile->setToolTip(help);
    auto *tileLayout = new QVBoxLayout(tile);
    tileLayout->setContentsMargins(12, 6, 16, 7);
    tileLayout->setSpacing(1);
    auto *name = new QLabel(caption, tile);
    name->setForegroundRole(QPalette::PlaceholderText);
    QFont small = name->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    name->setFont(small);
    auto *value = new QLabel(tile);
    value->setObjectName(key);
    value->setAccessibleName(caption);
    QFont large = value->font();
    large.setPointSizeF(large.pointSizeF() * 1.3);
    large.setWeight(QFont::DemiBold);
    value->setFont(large);
    tileLayout->addWidget(name);
    tileLayout->addWidget(value);
    m_tiles->addWidget(tile);
    m_values.insert(key, value);
}

void ContainerProfileHeader::setTile(const QString &key, const QString &text,
                                     const QString &toolTip)
{
    QLabel *label = m_values.value(key);
    label->setText(text.isEmpty() ? QStringLiteral("—") : text);
    label->setForegroundRole(text.isEmpty() ? QPalette::PlaceholderText : QPalette::WindowText);
    label->setToolTip(toolTip);
}

QString ContainerProfileHeader::value(const QString &key) const
{
    const QLabel *label = m_values.value(key);
    return label ? label->text() : QString();
}

void ContainerProfileHeader::setSummary(const Summary &s)
{
    namespace f = profile_format;
    m_summary = s;
    m_title->setText(s.containerName.isEmpty() ? tr("No container selected") : s.containerName);
    QString subtitle = s.containerType;
    if (!s.containerName.isEmpty())
        subtitle +=
            QStringLiteral(" · ") + (s.profiledAt.isValid()
                                         ? tr("profiled %1").arg(display_time::local(s.profiledAt))
                                         : tr("not profiled yet"));
    m_subtitle->setText(subtitle);
    m_failure->setText(s.lastFailure.isEmpty() ? QString()
                                               : QStringLiteral("\u26A0 ") + s.lastFailure);
    m_failure->setVisible(!s.lastFailure.isEmpty());
    setTile(QStringLiteral("records"),
            s.records ? f::approx(f::count(*s.records), s.recordsApproximate) : QString(),
            s.recordsApproximate ? tr("The database's own estimate: the profile read part of "
                                      "the table (a record limit).")
                                 : QString());
    setTile(QStringLiteral("sampling"),
            s.sampling ? f::approx(f::percent(*s.sampling), *s.sampling < 1) : QString(),
            s.samplingNote);
    setTile(QStringLiteral("completeness"),
            s.completeness ? f::percent(*s.completeness) : QString());
    setTile(QStringLiteral("checks"),
            s.containerName.isEmpty() ? QString() : f::count(s.activeChecks));
    setTile(QStringLiteral("anomalies"),
            s.containerName.isEmpty() ? QString() : f::count(s.activeAnomalies));
}

} // namespace assay
