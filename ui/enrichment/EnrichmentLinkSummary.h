#pragma once

#include "app/enrichment/EnrichmentLinker.h"
#include "models/domain/Datastore.h"

#include <QWidget>

class QFormLayout;
class QLabel;
class QListWidget;
class QVBoxLayout;

namespace assay {

class BusySpinner;
class NoticeStrip;
class StatusBanner;

// The page Link Enrichment shows once a link is saved: what was linked (source, enrichment
// datastore, prefix, its tables, the settings), the linker's warnings, and, when the prefix
// changed, the tables the old prefix left behind (looked for in the background; Assay does not
// drop them).
class EnrichmentLinkSummary : public QWidget
{
    Q_OBJECT
public:
    explicit EnrichmentLinkSummary(QWidget *parent = nullptr);

    // Shows the link `result` made from `source` to the enrichment datastore named `target`.
    // Returns true when the prefix changed: the caller then looks for the old prefix's tables
    // and hands them to showOrphans().
    bool showLinked(const Datastore &source, const QString &target,
                    const EnrichmentLinkResult &result, bool createdNew);
    // The old prefix's tables found in `target` (or the error listing them); `sharing` names
    // the source datastores that still write to that prefix there.
    void showOrphans(const QString &oldPrefix, const QString &target, const QStringList &tables,
                     const QString &error, const QStringList &sharing);

    StatusBanner *banner() const { return m_success; }
    NoticeStrip *notice() const { return m_notice; }
    QFormLayout *summaryLayout() const { return m_summary; }
    QWidget *orphanPanel() const { return m_orphanPanel; }
    QLabel *orphanStatus() const { return m_orphanStatus; }
    QListWidget *orphanList() const { return m_orphanList; }

private:
    void addRow(const QString &label, const QString &value, const QString &objectName);
    void showOrphanPanel(bool visible, bool withList);

    QVBoxLayout *m_column;
    StatusBanner *m_success;
    QFormLayout *m_summary;
    NoticeStrip *m_notice;
    QWidget *m_orphanPanel;
    QLabel *m_orphanTitle;
    BusySpinner *m_orphanSpinner;
    QLabel *m_orphanStatus;
    QListWidget *m_orphanList;
    QString m_orphanIntro;              // "The prefix changed from _a to _b."
    bool m_orphansOnSameTarget = false; // the prefix changed on the datastore linked all along
};

} // namespace assay
