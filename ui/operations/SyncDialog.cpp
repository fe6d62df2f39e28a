#include "ui/operations/SyncDialog.h"

#include "ui/common/Theme.h"
#include "ui/operations/RunButtons.h"

#include <QCheckBox>
#include <QGroupBox>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace assay {

SyncDialog::SyncDialog(const QString &datastoreName, QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Sync %1").arg(datastoreName));
    setAccessibleName(windowTitle());
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Sync discovers the tables, views and fields of <b>%1</b> and "
                                "records what changed since the last sync.")
                                 .arg(datastoreName.toHtmlEscaped()));
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *include = new QGroupBox(tr("Include"));
    auto *includeLayout = new QVBoxLayout(include);
    m_tables = new QCheckBox(tr("Tables"));
    m_views = new QCheckBox(tr("Views"));
    m_partitions = new QCheckBox(tr("Partitions as containers of their own"));
    m_partitions->setToolTip(
        tr("A partitioned table is one container, its partitions measured within it (each bad "
           "row reported once, uniqueness checked across partitions). Check this to list "
           "each partition as a container too."));
    m_tables->setChecked(true);
    m_views->setChecked(true);
    includeLayout->addWidget(m_tables);
    includeLayout->addWidget(m_views);
    includeLayout->addWidget(m_partitions);
    layout->addWidget(include);

    auto *changes = new QGroupBox(tr("Changes"));
    auto *changesLayout = new QVBoxLayout(changes);
    m_prune = new QCheckBox(tr("Prune: remove containers that no longer exist in the source"));
    m_recreate = new QCheckBox(
        tr("Recreate: restore containers removed earlier that exist in the source again"));
    changesLayout->addWidget(m_prune);
    changesLayout->addWidget(m_recreate);
    layout->addWidget(changes);

    m_hint = new QLabel;
    m_hint->setWordWrap(true);
    m_hint->setStyleSheet(theme::errorStyle());
    layout->addWidget(m_hint);

    const RunButtons run = addRunButtons(this, layout, tr("Run this sync on a schedule instead"),
                                         [this] { emit scheduleRequested(options()); });
    m_run = run.run;
    m_schedule = run.schedule;

    for (QCheckBox *box : {m_tables, m_views, m_partitions, m_prune, m_recreate}) {
        box->setAccessibleName(box->text());
        connect(box, &QCheckBox::toggled, this, &SyncDialog::updateState);
    }
    updateState();
}

void SyncDialog::setSchedulingAvailable(bool available)
{
    m_schedule->setVisible(available);
}

void SyncDialog::updateState()
{
    const bool something = m_tables->isChecked() || m_views->isChecked();
    m_partitions->setEnabled(m_tables->isChecked());
    m_run->setEnabled(something);
    m_schedule->setEnabled(something);
    m_hint->setText(something ? QString() : tr("Include tables, views or both."));
    m_hint->setVisible(!something);
}

QJsonObject SyncDialog::options() const
{
    QJsonArray include;
    if (m_tables->isChecked())
        include << QStringLiteral("table");
    if (m_views->isChecked())
        include << QStringLiteral("view");
    return {
        {QStringLiteral("prune"), m_prune->isChecked()},
        {QStringLiteral("recreate"), m_recreate->isChecked()},
        {QStringLiteral("include"), include},
        {QStringLiteral("include_partitions"), m_tables->isChecked() && m_partitions->isChecked()}};
}

} // namespace assay
