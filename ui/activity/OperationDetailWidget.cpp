#include "ui/activity/OperationDetailWidget.h"

#include "app/engine/OperationEngine.h"
#include "models/catalog/Catalog.h"
#include "models/domain/Clock.h"
#include "models/domain/DisplayTime.h"
#include "models/domain/OperationShortfalls.h"
#include "models/item/OperationListModel.h"
#include "ui/activity/OperationCountersPanel.h"
#include "ui/common/Theme.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace assay {

namespace {

QString humanKey(const QString &key)
{
    QString text = key;
    text.replace(QLatin1Char('_'), QLatin1Char(' '));
    if (!text.isEmpty())
        text[0] = text.at(0).toUpper();
    return text;
}

QLabel *factValue(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

OperationDetailWidget::OperationDetailWidget(Catalog *catalog, OperationEngine *engine,
                                             QWidget *parent)
    : QWidget(parent), m_catalog(catalog), m_engine(engine)
{
    setAccessibleName(tr("Operation detail"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(12, 8, 12, 8);

    m_empty = new QLabel(tr("Select an operation to see its details."), this);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    outer->addWidget(m_empty);

    m_body = new QWidget(this);
    auto *body = new QVBoxLayout(m_body);
    body->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_body);

    auto *titleRow = new QHBoxLayout;
    m_title = new QLabel(m_body);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status = new QLabel(m_body);
    m_status->setObjectName(QStringLiteral("statusBadge"));
    m_status->setMargin(3);
    m_status->setAutoFillBackground(true);
    m_datastore = new QLabel(m_body);
    m_datastore->setForegroundRole(QPalette::PlaceholderText);
    titleRow->addWidget(m_title);
    titleRow->addWidget(m_status);
    titleRow->addSpacing(8);
    titleRow->addWidget(m_datastore);
    titleRow->addStretch(1);
    body->addLayout(titleRow);

    m_facts = new QGridLayout;
    m_facts->setHorizontalSpacing(16);
    m_facts->setVerticalSpacing(4);
    body->addLayout(m_facts);

    m_progressRow = new QWidget(m_body);
    auto *progress = new QHBoxLayout(m_progressRow);
    progress->setContentsMargins(0, 4, 0, 4);
    m_stepLabel = new QLabel(m_progressRow);
    m_bar = new QProgressBar(m_progressRow);
    m_bar->setObjectName(QStringLiteral("operationProgress"));
    m_bar->setRange(0, 1000);
    m_bar->setTextVisible(false);
    m_bar->setAccessibleName(tr("Operation progress"));
    m_elapsed = new QLabel(m_progressRow);
    m_elapsed->setAccessibleName(tr("Elapsed time"));
    progress->addWidget(m_stepLabel);
    progress->addWidget(m_bar, 1);
    progress->addWidget(m_elapsed);
    body->addWidget(m_progressRow);

    m_message = new QLabel(m_body);
    m_message->setObjectName(QStringLiteral("operationMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setAccessibleName(tr("Operation message"));
    body->addWidget(m_message);

    // What the operation left out, listed here rather than only in its log.
    m_shortfalls = new QLabel(m_body);
    m_shortfalls->setObjectName(QStringLiteral("operationShortfalls"));
    m_shortfalls->setWordWrap(true);
    m_shortfalls->setTextFormat(Qt::RichText);
    m_shortfalls->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_shortfalls->setAccessibleName(tr("What the operation left out"));
    body->addWidget(m_shortfalls);

    m_counters = new OperationCountersPanel(m_body);
    body->addWidget(m_counters);

    auto *actions = new QHBoxLayout;
    auto button = [this, actions](const QString &text, const QString &name,
                                  const QString &accessible) {
        auto *b = new QPushButton(text, m_body);
        b->setObjectName(name);
        b->setAccessibleName(accessible);
        actions->addWidget(b);
        return b;
    };
    m_abort = button(tr("Abort"), QStringLiteral("abortButton"), tr("Abort the operation"));
    m_resume = button(tr("Resume"), QStringLiteral("resumeButton"),
                      tr("Resume the operation from where it stopped"));
    m_rerun = button(tr("Rerun"), QStringLiteral("rerunButton"),
                     tr("Run the operation again from the beginning"));
    m_logs = button(tr("Logs"), QStringLiteral("logsButton"), tr("Show the operation's log"));
    m_logs->setCheckable(true);
    m_delete =
        button(tr("Delete"), QStringLiteral("deleteButton"), tr("Delete the operation's record"));
    actions->addStretch(1);
    body->addLayout(actions);

    m_error = new QLabel(m_body);
    m_error->setWordWrap(true);
    m_error->setObjectName(QStringLiteral("actionError"));
    theme::paintAsError(m_error);
    m_error->hide();
    body->addWidget(m_error);

    m_logView = new QPlainTextEdit(m_body);
    m_logView->setObjectName(QStringLiteral("operationLog"));
    m_logView->setReadOnly(true);
    m_logView->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_logView->setAccessibleName(tr("Operation log"));
    m_logView->setFont(theme::monospaceFont());
    m_logView->setMinimumHeight(120);
    m_logView->hide();
    body->addWidget(m_logView, 1);
    body->addStretch(0);

    connect(m_abort, &QPushButton::clicked, this, &OperationDetailWidget::onAbort);
    connect(m_resume, &QPushButton::clicked, this, &OperationDetailWidget::onResume);
    connect(m_rerun, &QPushButton::clicked, this, &OperationDetailWidget::onRerun);
    connect(m_delete, &QPushButton::clicked, this, &OperationDetailWidget::onDelete);
    connect(m_logs, &QPushButton::toggled, this, &OperationDetailWidget::showLogs);

    m_reload.setSingleShot(true);
    m_reload.setInterval(150);
    connect(&m_reload, &QTimer::timeout, this, &OperationDetailWidget::reload);
    connect(catalog, &Catalog::operationsChanged, this, [this](qint64 datastoreId) {
        if (m_operation && m_operation->datastoreId == datastoreId)
            m_reload.start();
    });
    m_ticker.setInterval(1000);
    connect(&m_ticker, &QTimer::timeout, this, &OperationDetailWidget::updateElapsed);
    connect(engine, &OperationEngine::operationProgress, this, &OperationDetailWidget::onProgress);
    connect(engine, &OperationEngine::operationStarted, this, [this](qint64 id) {
        if (id == m_operationId)
            reload();
    });
    connect(engine, &OperationEngine::operationFinished, this, [this](qint64 id) {
        if (id == m_operationId)
            reload();
    });

    setOperation(0);
}

QMessageBox *OperationDetailWidget::deleteConfirmation() const
{
    return m_confirm.data();
}

void OperationDetailWidget::setOperation(qint64 operationId)
{
    if (operationId != m_operationId) {
        m_step.clear();
        m_error->hide();
        m_logs->setChecked(false);
    }
    m_operationId = operationId;
    reload();
}

void OperationDetailWidget::reload()
{
    m_reload.stop();
    m_operation = m_operationId ? m_catalog->operation(m_operationId).optional() : std::nullopt;
    fill();
}

void OperationDetailWidget::fillShortfalls()
{
    const OperationShortfalls s = m_catalog->operationShortfalls(*m_operation);
    QStringList items;
    constexpr int kShown = 12;
    for (const auto &c : s.failedContainers)
        items << tr("<b>%1</b> could not be read: %2")
                     .arg(c.name.toHtmlEscaped(), c.reason.toHtmlEscaped());
    for (const auto &f : s.fallbacks)
        items << tr("<b>%1.%2</b> measured for completeness only: %3")
                     .arg(f.container.toHtmlEscaped(), f.field.toHtmlEscaped(),
                          f.note.toHtmlEscaped());
    for (const auto &f : s.files)
        items << tr("<b>%1</b>: %2 problems in its files (the first: %3)")
                     .arg(f.container.toHtmlEscaped())
                     .arg(f.problems)
                     .arg(f.first.toHtmlEscaped());
    if (s.unwrittenEnrichment > 0)
        items.prepend(tr("The results of %n container(s) have not reached the enrichment "
                         "datastore yet: resume this operation or run the next scan to write "
                         "them.",
                         nullptr, s.unwrittenEnrichment));
    const int total = int(items.size());
    if (total > kShown) {
        items = items.mid(0, kShown);
        items << tr("… and %1 more: see the log.").arg(total - kShown);
    }
    m_shortfalls->setText(items.isEmpty() ? QString()
                                          : tr("Left out:") +
                                                QStringLiteral("<ul style=\"margin-"
                                                               "top:2px\"><li>") +
                                                items.join(QStringLiteral("</li><li>")) +
                                                QStringLiteral("</li></ul>"));
    m_shortfalls->setVisible(!items.isEmpty());
}

void OperationDetailWidget::fill()
{
    const bool shown = m_operation.has_value();
    m_empty->setText(m_operationId && !shown ? tr("This operation no longer exists.")
                                             : tr("Select an operation to see its details."));
    m_empty->setVisible(!shown);
    m_body->setVisible(shown);
    if (!shown) {
        m_ticker.stop();
        return;
    }
    const Operation &op = *m_operation;
    fillHeader();
    fillOptions();

    const bool running = op.status == operation_status::kRunning;
    const bool queued = op.status == operation_status::kQueued;
    m_progressRow->setVisible(running || queued);
    if (queued) {
        m_bar->setRange(0, 0);
        m_stepLabel->setText(tr("Queued…"));
    } else if (running) {
        m_bar->setRange(0, 1000);
        m_bar->setValue(int(op.progress * 1000));
        m_stepLabel->setText(m_step.isEmpty() ? tr("Running…") : m_step);
    }
    if (running && !m_ticker.isActive())
        m_ticker.start();
    else if (!running)
        m_ticker.stop();
    updateElapsed();

    const bool failure = op.status == operation_status::kFailure;
    m_message->setText(op.message);
    m_message->setVisible(!op.message.isEmpty() && !running && !queued);
    QPalette messagePalette = palette();
    if (failure)
        messagePalette.setColor(QPalette::WindowText, theme::error(messagePalette));
    m_message->setPalette(messagePalette);
    fillShortfalls();

    const bool summary =
        op.status == operation_status::kSuccess || op.status == operation_status::kWarning;
    m_counters->setOperation(op);
    m_counters->setVisible(summary && m_counters->tileCount() > 0);
    updateButtons();
    if (m_logView->isVisible())
        showLogs(true);
}

void OperationDetailWidget::fillHeader()
{
    const Operation &op = *m_operation;
    m_title->setText(tr("%1 #%2").arg(OperationListModel::typeLabel(op.type)).arg(op.id));
    m_status->setText(OperationListModel::statusLabel(op.status));
    QPalette badge = m_status->palette();
    badge.setColor(QPalette::Window, OperationListModel::statusColor(op.status));
    badge.setColor(QPalette::WindowText, op.status == operation_status::kWarning
                                             ? QColor(0x1f, 0x1a, 0x00)
                                             : QColor(Qt::white));
    m_status->setPalette(badge);
    m_status->setAccessibleName(tr("Status: %1").arg(OperationListModel::statusLabel(op.status)));
    const auto datastore = m_catalog->datastore(op.datastoreId);
    m_datastore->setText(datastore ? datastore->name : QString());

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
        QLabel *text = factValue(value, m_body);
        text->setToolTip(toolTip);
        text->setAccessibleName(tr("%1: %2").arg(name, value));
        m_facts->addWidget(caption, row / 2, column);
        m_facts->addWidget(text, row / 2, column + 1);
        ++row;
    };
    const QDateTime at = op.startedAt.isValid() ? op.startedAt : op.createdAt;
    QStringList times{tr("Created: %1").arg(display_time::utc(op.createdAt))};
    if (op.startedAt.isValid())
        times << tr("Started: %1").arg(display_time::utc(op.startedAt));
    if (op.endedAt.isValid())
        times << tr("Ended: %1").arg(display_time::utc(op.endedAt));
    fact(tr("Timestamp"), display_time::local(at), times.join(QLatin1Char('\n')));
    const qint64 ms = OperationListModel::durationMs(op, Clock::utcNow());
    fact(tr("Duration"), ms < 0 ? tr("Not started") : OperationListModel::formatDuration(ms));
    fact(tr("Triggered by"), OperationListModel::triggeredByLabel(op.triggeredBy));
    QString schedule = tr("No");
    if (op.scheduleId) {
        const auto s = m_catalog->schedule(op.scheduleId);
        schedule = s ? s->name : tr("Schedule %1").arg(op.scheduleId);
    }
    fact(tr("Schedule"), schedule);
    m_facts->setColumnMinimumWidth(1, 240);
    m_facts->setColumnStretch(3, 1);
}

void OperationDetailWidget::fillOptions()
{
    const Operation &op = *m_operation;
    int row = (m_facts->count() / 2);
    auto fact = [this, &row](const QString &name, const QString &value) {
        const int column = (row % 2) * 2;
        auto *caption = new QLabel(name, m_body);
        caption->setForegroundRole(QPalette::PlaceholderText);
        QLabel *text = factValue(value, m_body);
        text->setAccessibleName(tr("%1: %2").arg(name, value));
        m_facts->addWidget(caption, row / 2, column);
        m_facts->addWidget(text, row / 2, column + 1);
        ++row;
    };
    auto onOff = [](bool on) { return on ? tr("Enabled") : tr("Disabled"); };
    if (op.type == QLatin1String("catalog")) {
        const QJsonArray include = op.options.value(QStringLiteral("include"))
                                       .toArray({QStringLiteral("table"), QStringLiteral("view")});
        fact(tr("Prune"), onOff(op.options.value(QStringLiteral("prune")).toBool()));
        fact(tr("Recreate"), onOff(op.options.value(QStringLiteral("recreate")).toBool()));
        fact(tr("Tables"),
             include.contains(QStringLiteral("table")) ? tr("Included") : tr("Not included"));
        fact(tr("Views"),
             include.contains(QStringLiteral("view")) ? tr("Included") : tr("Not included"));
        return;
    }
    QStringList keys = op.options.keys();
    keys.sort();
    for (const QString &key : std::as_const(keys)) {
        const QJsonValue v = op.options.value(key);
        QString text;
        if (v.isBool())
            text = onOff(v.toBool());
        else if (v.isDouble())
            text = QLocale().toString(v.toDouble());
        else if (v.isString())
            text = v.toString();
        else if (v.isArray()) {
            QStringList items;
            for (const QJsonValue &item : v.toArray())
                items << item.toVariant().toString();
            // An empty container list means every container (the operation's default).
            text = items.isEmpty() && key == QLatin1String("containers")
                       ? tr("All")
                       : items.join(QStringLiteral(", "));
        } else
            continue;
        fact(humanKey(key), text);
    }
}

void OperationDetailWidget::updateButtons()
{
    const QString status = m_operation ? m_operation->status : QString();
    const bool active = status == operation_status::kQueued || status == operation_status::kRunning;
    const bool aborted = status == operation_status::kAborted;
    const bool failure = status == operation_status::kFailure;
    const bool warning = status == operation_status::kWarning;
    const bool finished = operation_status::isFinished(status);
    m_abort->setVisible(active);
    m_abort->setEnabled(active);
    m_resume->setVisible(aborted);
    m_rerun->setVisible(finished);
    m_delete->setVisible(finished);
    m_logs->setVisible(failure || warning);
    if (!(failure || warning) && m_logs->isChecked())
        m_logs->setChecked(false);
}

void OperationDetailWidget::updateElapsed()
{
    if (!m_operation || m_operation->status != operation_status::kRunning) {
        m_elapsed->clear();
        return;
    }
    const qint64 ms = OperationListModel::durationMs(*m_operation, Clock::utcNow());
    m_elapsed->setText(ms < 0 ? QString() : OperationListModel::formatDuration(ms));
}

void OperationDetailWidget::onProgress(const OperationProgress &progress)
{
    if (progress.operationId != m_operationId || !m_operation)
        return;
    m_step = progress.step;
    if (m_operation->status != operation_status::kRunning) {
        m_reload.start(); // the Catalog has it running by now
        return;
    }
    m_operation->progress = progress.fraction;
    m_bar->setRange(0, 1000);
    m_bar->setValue(int(progress.fraction * 1000));
    m_stepLabel->setText(m_step.isEmpty() ? tr("Running…") : m_step);
}

void OperationDetailWidget::showLogs(bool shown)
{
    m_logView->setVisible(shown);
    if (!shown || !m_operationId)
        return;
    QStringList lines;
    for (const OperationLogEntry &entry : m_catalog->operationLog(m_operationId))
        lines << QStringLiteral("%1  %2  %3")
                     .arg(
                         entry.at.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz 'UTC'")),
                         entry.level.toUpper().leftJustified(7), entry.message);
    if (lines.isEmpty())
        lines << tr("This operation wrote no log lines.");
    m_logView->setPlainText(lines.join(QLatin1Char('\n')));
}

void OperationDetailWidget::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

void OperationDetailWidget::onAbort()
{
    if (!m_operationId)
        return;
    if (m_engine->abort(m_operationId)) {
        showError(QString());
        m_abort->setEnabled(false);
        m_stepLabel->setText(tr("Aborting…"));
    } else {
        showError(m_engine->lastError());
    }
}

void OperationDetailWidget::onResume()
{
    if (!m_operationId)
        return;
    if (m_engine->resume(m_operationId)) {
        showError(QString());
        reload();
    } else {
        showError(m_engine->lastError());
    }
}

void OperationDetailWidget::onRerun()
{
    if (!m_operationId)
        return;
    const qint64 id = m_engine->rerun(m_operationId);
    if (!id) {
        showError(m_engine->lastError());
        return;
    }
    showError(QString());
    emit rerunQueued(id);
}

void OperationDetailWidget::onDelete()
{
    if (!m_operationId || m_confirm)
        return;
    const qint64 id = m_operationId;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Delete operation"),
                                tr("Delete the record of operation %1? Its log is deleted too; "
                                   "the data it found is kept.")
                                    .arg(id),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setDefaultButton(QMessageBox::Cancel);
    box->button(QMessageBox::Yes)->setText(tr("Delete"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    m_confirm = box;
    connect(box, &QMessageBox::finished, this, [this, id](int result) {
        if (result != QMessageBox::Yes)
            return;
        if (!m_engine->remove(id)) {
            showError(m_engine->lastError());
            return;
        }
        showError(QString());
        if (id == m_operationId)
            reload();
        emit operationRemoved(id);
    });
    box->open();
}

} // namespace assay
