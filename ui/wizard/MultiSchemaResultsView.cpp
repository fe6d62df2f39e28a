#include "ui/wizard/MultiSchemaResultsView.h"

#include "ui/common/Theme.h"
#include "ui/widgets/StatusBanner.h"
#include "ui/wizard/SchemaChecklist.h"

#include <QHeaderView>
#include <QPainter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace assay {

namespace {

// A small filled circle with a tick or a cross: every row gets an icon, so rows line up.
QIcon resultIcon(bool ok)
{
    QIcon icon;
    for (const qreal ratio : {1.0, 2.0}) {
        const qreal s = 16;
        QPixmap pixmap(QSize(16, 16) * ratio);
        pixmap.setDevicePixelRatio(ratio);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(Qt::NoPen);
        p.setBrush(ok ? QColor(0x43, 0xa0, 0x47) : QColor(0xd3, 0x2f, 0x2f));
        p.drawEllipse(QRectF(1.5, 1.5, s - 3, s - 3));
        p.setPen(QPen(Qt::white, 1.8, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        if (ok) {
            p.drawPolyline(QPolygonF{QPointF(s * 0.3, s * 0.52), QPointF(s * 0.45, s * 0.67),
                                     QPointF(s * 0.71, s * 0.37)});
        } else {
            p.drawLine(QPointF(s * 0.36, s * 0.36), QPointF(s * 0.64, s * 0.64));
            p.drawLine(QPointF(s * 0.64, s * 0.36), QPointF(s * 0.36, s * 0.64));
        }
        icon.addPixmap(pixmap);
    }
    return icon;
}

} // namespace

MultiSchemaResultsView::MultiSchemaResultsView(QWidget *parent)
    : QWidget(parent), m_banner(new StatusBanner), m_tree(new QTreeWidget)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(10);
    m_tree->setObjectName(QStringLiteral("resultsTree"));
    m_tree->setAccessibleName(tr("Results per schema"));
    m_tree->setColumnCount(4);
    m_tree->setHeaderLabels({tr("Schema"), tr("Datastore"), tr("Result"), tr("Details")});
    m_tree->setRootIsDecorated(false);
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionMode(QAbstractItemView::NoSelection);
    m_tree->setUniformRowHeights(true);
    m_tree->setTextElideMode(Qt::ElideRight);
    m_tree->header()->setStretchLastSection(true);
    m_tree->setColumnWidth(SchemaColumn, 130);
    m_tree->setColumnWidth(NameColumn, 170);
    m_tree->setColumnWidth(ResultColumn, 100);
    layout->addWidget(m_banner);
    layout->addWidget(m_tree, 1);
}

int MultiSchemaResultsView::count(SchemaResult::Status status) const
{
    int n = 0;
    for (const SchemaResult &r : m_results)
        n += r.status == status ? 1 : 0;
    return n;
}

void MultiSchemaResultsView::setResults(const QList<SchemaResult> &results)
{
    m_results = results;
    m_tree->clear();
    for (const SchemaResult &r : results) {
        auto *item = new QTreeWidgetItem(m_tree);
        item->setText(SchemaColumn, r.schema);
        item->setText(NameColumn, r.name);
        QStringList details;
        switch (r.status) {
        case SchemaResult::Status::Created:
            item->setText(ResultColumn, tr("Created"));
            item->setForeground(ResultColumn, theme::success(m_tree->palette()));
            item->setIcon(ResultColumn, resultIcon(true));
            details << tr("id %1").arg(r.datastoreId);
            if (r.syncOperationId)
                details << tr("sync queued (operation %1)").arg(r.syncOperationId);
            if (!r.prefix.isEmpty())
                details << tr("enrichment prefix %1").arg(r.prefix);
            break;
        case SchemaResult::Status::Skipped:
            item->setText(ResultColumn, tr("Skipped"));
            item->setForeground(ResultColumn, theme::caution(m_tree->palette()));
            item->setIcon(ResultColumn, SchemaChecklist::warningIcon());
            break;
        case SchemaResult::Status::Failed:
            item->setText(ResultColumn, tr("Failed"));
            item->setForeground(ResultColumn, theme::error(m_tree->palette()));
            item->setIcon(ResultColumn, resultIcon(false));
            break;
        }
        QString text = details.join(QStringLiteral(", "));
        if (!r.message.isEmpty())
            text = text.isEmpty() ? r.message : text + QStringLiteral(". ") + r.message;
        item->setText(DetailsColumn, text);
        item->setToolTip(DetailsColumn, text);
    }
    const int created = count(SchemaResult::Status::Created);
    const int skipped = count(SchemaResult::Status::Skipped);
    const int failed = count(SchemaResult::Status::Failed);
    const QString title =
        tr("%1 created, %2 skipped, %3 failed").arg(created).arg(skipped).arg(failed);
    QString detail;
    if (created > 0)
        detail = tr("The new datastores are in the datastore list.");
    else
        detail = tr("No datastore was created.");
    const QString hint = failed > 0 ? tr("Correct what the failed rows say, then onboard those "
                                         "schemas again; the connection is reused.")
                                    : QString();
    m_banner->showMessage(failed > 0    ? StatusBanner::Kind::Error
                          : created > 0 ? StatusBanner::Kind::Success
                                        : StatusBanner::Kind::Info,
                          title, detail, hint);
}

} // namespace assay
