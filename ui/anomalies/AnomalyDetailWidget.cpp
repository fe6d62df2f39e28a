#include "ui/anomalies/AnomalyDetailWidget.h"

#include "models/catalog/Catalog.h"
#include "models/domain/DisplayTime.h"
#include "models/item/AnomalyListModel.h"
#include "ui/anomalies/AnomalyEvidence.h"
#include "ui/anomalies/AnomalyStatusDialog.h"
#include "ui/common/Theme.h"
#include "ui/common/WheelPassThrough.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace assay {

namespace {

constexpr int kMaxRecordRows = 10;
constexpr int kMaxHistoryRows = 8;

QTreeWidget *smallTree(const QStringList &headers, const QString &name, QWidget *parent)
{
    auto *tree = new QTreeWidget(parent);
    tree->setObjectName(name);
    tree->setHeaderLabels(headers);
    tree->setRootIsDecorated(false);
    tree->setUniformRowHeights(true);
    tree->setAlternatingRowColors(true);
    tree->setSelectionMode(QAbstractItemView::SingleSelection);
    tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    tree->setWordWrap(false);
    tree->setTextElideMode(Qt::ElideRight);
    tree->header()->setStretchLastSection(true);
    return tree;
}

} // namespace

QStringList AnomalyDetailWidget::actionStatuses()
{
    return {anomaly_status::kAcknowledged, anomaly_status::kResolved, anomaly_status::kInvalid,
            anomaly_status::kActive};
}

AnomalyDetailWidget::AnomalyDetailWidget(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("anomalyDetail"));
    setAccessibleName(tr("Anomaly detail"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(12, 8, 12, 8);

    m_empty = new QLabel(tr("Select an anomaly to see its details."), this);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    outer->addWidget(m_empty);

    m_body = new QWidget(this);
    auto *body = new QVBoxLayout(m_body);
    body->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_body);

    auto *titleRow = new QHBoxLayout;
    m_title = new QLabel(m_body);
    m_title->setObjectName(QStringLiteral("anomalyTitle"));
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status = new QLabel(m_body);
    m_status->setObjectName(QStringLiteral("statusBadge"));
    m_status->setMargin(3);
    m_status->setAutoFillBackground(true);
    m_type = new QLabel(m_body);
    m_type->setObjectName(QStringLiteral("typeBadge"));
    m_type->setMargin(3);
    m_type->setFrameShape(QFrame::StyledPanel);
    m_container = new QLabel(m_body);
    m_container->setForegroundRole(QPalette::PlaceholderText);
    titleRow->addWidget(m_title);
    titleRow->addWidget(m_status);
    titleRow->addWidget(m_type);
    titleRow->addSpacing(8);
    titleRow->addWidget(m_container);
    titleRow->addStretch(1);
    body->addLayout(titleRow);

    m_message = new QLabel(m_body);
    m_message->setObjectName(QStringLiteral("anomalyMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setAccessibleName(tr("Anomaly description"));
    QFont messageFont = m_message->font();
    messageFont.setPointSizeF(messageFont.pointSizeF() * 1.05);
    m_message->setFont(messageFont);
    body->addSpacing(2);
    body->addWidget(m_message);

    m_facts = new QGridLayout;
    m_facts->setHorizontalSpacing(16);
    m_facts->setVerticalSpacing(4);
    body->addLayout(m_facts);

    auto *actions = new QHBoxLayout;
    for (const QString &status : actionStatuses()) {
        auto *b = new QPushButton(AnomalyStatusDialog::actionLabel(status), m_body);
        b->setObjectName(QStringLiteral("action-") + status.toLower());
        connect(b, &QPushButton::clicked, this, [this, status] { requestStatus(status); });
        actions->addWidget(b);
        m_actions.insert(status, b);
    }
    m_actions.value(anomaly_status::kAcknowledged)
        ->setAccessibleName(tr("Acknowledge the anomaly (it stays open)"));
    m_actions.value(anomaly_status::kResolved)
        ->setAccessibleName(tr("Resolve the anomaly (the problem was fixed)"));
    m_actions.value(anomaly_status::kInvalid)
        ->setAccessibleName(tr("Mark the anomaly invalid (not a real problem)"));
    m_actions.value(anomaly_status::kActive)->setAccessibleName(tr("Reopen the anomaly"));
    actions->addStretch(1);
    body->addSpacing(4);
    body->addLayout(actions);

    m_error = new QLabel(m_body);
    m_error->setWordWrap(true);
    m_error->setObjectName(QStringLiteral("actionError"));
    theme::paintAsError(m_error);
    m_error->hide();
    body->addWidget(m_error);

    body->addWidget(sectionTitle(tr("Failed checks")));
    m_checks = smallTree({tr("Rule"), tr("Fields"), tr("Message")}, QStringLiteral("failedChecks"),
                         m_body);
    m_checks->setAccessibleName(tr("Failed checks"));
    m_checks->header()->resizeSection(0, 150);
    m_checks->header()->resizeSection(1, 180);
    body->addWidget(m_checks);
    passVerticalWheelToPage(m_checks);

    body->addWidget(sectionTitle(tr("Source records")));
    m_recordsNote = new QLabel(m_body);
    m_recordsNote->setObjectName(QStringLiteral("sourceRecordsNote"));
    m_recordsNote->setForegroundRole(QPalette::PlaceholderText);
    m_recordsNote->setWordWrap(true);
    body->addWidget(m_recordsNote);
    m_recordsModel = new QStandardItemModel(this);
    m_records = new QTableView(m_body);
    m_records->setObjectName(QStringLiteral("sourceRecords"));
    m_records->setAccessibleName(tr("Source records"));
    m_records->setModel(m_recordsModel);
    m_records->setAlternatingRowColors(true);
    m_records->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_records->setWordWrap(false);
    m_records->verticalHeader()->setDefaultSectionSize(m_records->fontMetrics().height() + 8);
    m_records->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_records->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_records->horizontalHeader()->setStretchLastSection(true);
    body->addWidget(m_records);
    passVerticalWheelToPage(m_records);

    body->addWidget(sectionTitle(tr("Status history")));
    m_history = smallTree({tr("When"), tr("Change"), tr("Comment")},
                          QStringLiteral("statusHistory"), m_body);
    m_history->setAccessibleName(tr("Status history"));
    m_history->header()->resizeSection(0, 150);
    m_history->header()->resizeSection(1, 230);
    body->addWidget(m_history);
    passVerticalWheelToPage(m_history);
    body->addStretch(1);
    outer->addStretch(1);

    m_reload.setSingleShot(true);
    m_reload.setInterval(100);
    connect(&m_reload, &QTimer::timeout, this, &AnomalyDetailWidget::reload);
    setAnomaly(0);
}

AnomalyStatusDialog *AnomalyDetailWidget::statusDialog() const
{
    return m_dialog.data();
}

QLabel *AnomalyDetailWidget::sectionTitle(const QString &text)
{
    auto *label = new QLabel(text, m_body);
    QFont font = label->font();
    font.setWeight(QFont::DemiBold);
    label->setFont(font);
    label->setContentsMargins(0, 10, 0, 2);
    label->setAccessibleName(text);
    return label;
}

void AnomalyDetailWidget::setCatalog(Catalog *catalog)
{
    if (catalog == m_catalog)
        return;
    if (m_catalog)
        disconnect(m_catalog, nullptr, this, nullptr);
    m_catalog = catalog;
    if (catalog)
        connect(catalog, &Catalog::anomaliesChanged, this, [this](qint64 datastoreId) {
            if (m_anomaly && m_anomaly->datastoreId == datastoreId)
                m_reload.start();
        });
    setAnomaly(0);
}

void AnomalyDetailWidget::setAnomaly(qint64 anomalyId)
{
    if (anomalyId != m_anomalyId) {
        showError(QString());
        if (m_dialog)
            m_dialog->reject(); // it asked about the anomaly no longer shown
    }
    m_anomalyId = anomalyId;
    reload();
}

void AnomalyDetailWidget::reload()
{
    m_reload.stop();
    m_anomaly =
        (m_catalog && m_anomalyId) ? m_catalog->anomaly(m_anomalyId).optional() : std::nullopt;
    fill();
}

void AnomalyDetailWidget::fill()
{
    const bool shown = m_anomaly.has_value();
    m_empty->setText(m_anomalyId && !shown ? tr("This anomaly no longer exists.")
                                           : tr("Select an anomaly to see its details."));
    m_empty->setVisible(!shown);
    m_body->setVisible(shown);
    if (!shown)
        return;
    fillHeader(*m_anomaly);
    fillEvidence(*m_anomaly);
    updateActions();
}

void AnomalyDetailWidget::fillHeader(const Anomaly &a)
{
    m_title->setText(tr("Anomaly #%1").arg(a.id));
    const QString status = AnomalyListModel::statusLabel(a.status);
    m_status->setText(status);
    QPalette badge = m_status->palette();
    badge.setColor(QPalette::Window, AnomalyListModel::statusColor(a.status));
    badge.setColor(QPalette::WindowText, a.status == anomaly_status::kAcknowledged
                                             ? QColor(0x1f, 0x1a, 0x00)
                                             : QColor(Qt::white));
    m_status->setPalette(badge);
    m_status->setAccessibleName(tr("Status: %1").arg(status));
    m_type->setText(AnomalyListModel::typeLabel(a.type));
    m_type->setToolTip(a.type == QLatin1String("shape")
                           ? tr("A structural or distributional problem of the data")
                           : tr("One record fails a check"));
    m_container->setText(a.containerName);
    m_message->setText(a.message);

    while (QLayoutItem *item = m_facts->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    int row = 0;
    auto fact = [this, &row](const QString &name, const QString &value,
                             const QString &toolTip = QString()) {
        const int column = (row % 2) * 2;
        auto *caption = new QLabel(name, m_body);
        caption->setForegroundRole(QPalette::PlaceholderText);
        auto *text = new QLabel(value, m_body);
        text->setTextInteractionFlags(Qt::TextSelectableByMouse);
        text->setTextFormat(Qt::PlainText);
        text->setToolTip(toolTip);
        text->setAccessibleName(tr("%1: %2").arg(name, value));
        m_facts->addWidget(caption, row / 2, column);
        m_facts->addWidget(text, row / 2, column + 1);
        ++row;
    };
    fact(tr("Table/File"), a.containerName);
    fact(tr("Created"), display_time::local(a.createdAt), display_time::utc(a.createdAt));
    fact(tr("Anomalous records"), a.anomalousRecordCount > 0
                                      ? QLocale().toString(a.anomalousRecordCount)
                                      : QStringLiteral("—"));
    fact(tr("Found by"), a.operationId ? tr("Scan #%1").arg(a.operationId) : QStringLiteral("—"));
    if (!a.partition.isEmpty())
        fact(tr("Partition"), a.partition);
    fact(tr("UUID"), a.uuid);
    if (!a.comment.isEmpty())
        fact(tr("Latest comment"), a.comment);
    m_facts->setColumnMinimumWidth(1, 220);
    m_facts->setColumnStretch(3, 1);
}

void AnomalyDetailWidget::fillEvidence(const Anomaly &a)
{
    using namespace anomaly_evidence;
    fillFailedChecks(m_checks, a.failedChecks);
    fitToRows(m_checks, int(a.failedChecks.size()), 6);

    QStringList failedFields;
    for (const AnomalyFailedCheck &f : a.failedChecks)
        failedFields << f.fields;
    const QStringList columns = sourceColumns(a.sourceRecords, m_catalog->fields(a.containerId));
    fillSourceRecords(m_recordsModel, a.sourceRecords, columns, failedFields);
    const int records = int(a.sourceRecords.size());
    m_records->setVisible(records > 0);
    if (records == 0)
        m_recordsNote->setText(a.type == QLatin1String("shape")
                                   ? tr("No example rows: a shape anomaly describes the data as "
                                        "a whole.")
                                   : tr("No example rows were kept for this anomaly."));
    else if (a.anomalousRecordCount > records)
        m_recordsNote->setText(
            tr("%1 of %2 anomalous records, as Scan kept them.")
                .arg(QLocale().toString(records), QLocale().toString(a.anomalousRecordCount)));
    else
        m_recordsNote->setText(records == 1 ? tr("The failing record, as Scan read it.")
                                            : tr("%1 records, as Scan read them.").arg(records));
    if (records > 0) {
        m_records->resizeColumnsToContents();
        const int cap = m_records->fontMetrics().averageCharWidth() * 40;
        for (int c = 0; c < m_recordsModel->columnCount(); ++c)
            m_records->setColumnWidth(c, qMin(m_records->columnWidth(c) + 12, cap));
        fitToRows(m_records, records, kMaxRecordRows);
    }

    const QList<AnomalyEvent> events = m_catalog->anomalyEvents(a.id);
    fillHistory(m_history, a, events);
    fitToRows(m_history, int(events.size()) + 1, kMaxHistoryRows);
}

void AnomalyDetailWidget::updateActions()
{
    const QString from = m_anomaly ? m_anomaly->status : QString();
    for (auto it = m_actions.cbegin(); it != m_actions.cend(); ++it) {
        const bool allowed = m_anomaly && anomaly_status::canTransition(from, it.key());
        it.value()->setEnabled(allowed && !m_dialog);
        // Reopen only matters for archived anomalies; the others always show.
        if (it.key() == anomaly_status::kActive)
            it.value()->setVisible(m_anomaly && !anomaly_status::isOpen(from));
    }
}

void AnomalyDetailWidget::requestStatus(const QString &toStatus)
{
    if (!m_anomaly || m_dialog || !anomaly_status::canTransition(m_anomaly->status, toStatus))
        return;
    auto *dialog = new AnomalyStatusDialog(m_anomaly->id, m_anomaly->status, toStatus, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    m_dialog = dialog;
    connect(dialog, &QDialog::finished, this, [this, dialog](int result) {
        const qint64 id = dialog->anomalyId();
        const QString to = dialog->toStatus();
        const QString comment = dialog->comment();
        m_dialog = nullptr;
        if (result == QDialog::Accepted)
            apply(id, to, comment);
        else
            updateActions();
    });
    updateActions();
    dialog->open();
}

void AnomalyDetailWidget::apply(qint64 anomalyId, const QString &toStatus, const QString &comment)
{
    if (!m_catalog)
        return;
    if (!m_catalog->setAnomalyStatus(anomalyId, toStatus, comment)) {
        showError(m_catalog->lastError());
        reload(); // someone else may have changed it meanwhile
        return;
    }
    showError(QString());
    if (anomalyId == m_anomalyId)
        reload();
    emit statusChanged(anomalyId, toStatus);
}

void AnomalyDetailWidget::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

} // namespace assay
