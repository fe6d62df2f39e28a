#include "ui/activity/ActivityFilterBar.h"

#include "models/item/OperationListModel.h"

#include <QComboBox>
#include <QCompleter>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QRegularExpressionValidator>
#include <QStringListModel>
#include <QToolButton>

namespace assay {

namespace {

constexpr int kTypingMs = 250;

} // namespace

ActivityFilterBar::ActivityFilterBar(QWidget *parent)
    : QWidget(parent), m_search(new QLineEdit(this)), m_sort(new QComboBox(this)),
      m_order(new QToolButton(this)), m_type(new QComboBox(this)), m_status(new QComboBox(this)),
      m_table(new QLineEdit(this)), m_tableNames(new QStringListModel(this)),
      m_completer(new QCompleter(m_tableNames, this)), m_dayChip(new QToolButton(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    m_search->setObjectName(QStringLiteral("operationSearch"));
    m_search->setPlaceholderText(tr("Search by operation ID"));
    m_search->setAccessibleName(tr("Search by operation ID"));
    m_search->setClearButtonEnabled(true);
    m_search->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{0,18}")), this));
    m_search->setMinimumWidth(
        m_search->fontMetrics().horizontalAdvance(m_search->placeholderText()) + 40);
    layout->addWidget(m_search);

    auto *sortLabel = new QLabel(tr("Sort by"), this);
    layout->addWidget(sortLabel);
    m_sort->setObjectName(QStringLiteral("sortBox"));
    m_sort->setAccessibleName(tr("Sort by"));
    m_sort->addItem(tr("Created date"), int(OperationQuery::Sort::CreatedAt));
    m_sort->addItem(tr("Duration"), int(OperationQuery::Sort::Duration));
    sortLabel->setBuddy(m_sort);
    layout->addWidget(m_sort);
    m_order->setObjectName(QStringLiteral("sortOrder"));
    m_order->setAutoRaise(true);
    updateOrderButton();
    layout->addWidget(m_order);

    layout->addSpacing(12);
    m_type->setObjectName(QStringLiteral("typeFilter"));
    m_type->setAccessibleName(tr("Filter by operation type"));
    m_type->addItem(tr("All types"), QString());
    for (const char *type : {"catalog", "profile", "scan"})
        m_type->addItem(OperationListModel::typeLabel(QLatin1String(type)), QLatin1String(type));
    layout->addWidget(m_type);

    m_status->setObjectName(QStringLiteral("statusFilter"));
    m_status->setAccessibleName(tr("Filter by operation status"));
    m_status->addItem(tr("All statuses"), QString());
    for (const char *status : {"queued", "running", "success", "warning", "failure", "aborted"})
        m_status->addItem(OperationListModel::statusLabel(QLatin1String(status)),
                          QLatin1String(status));
    layout->addWidget(m_status);

    m_table->setObjectName(QStringLiteral("tableFilter"));
    m_table->setPlaceholderText(tr("Table"));
    m_table->setAccessibleName(tr("Filter by table"));
    m_table->setToolTip(tr("Only operations that name this table in their options or results"));
    m_table->setClearButtonEnabled(true);
    m_table->setMaximumWidth(180);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setFilterMode(Qt::MatchContains);
    m_table->setCompleter(m_completer);
    layout->addWidget(m_table);

    m_dayChip->setObjectName(QStringLiteral("dayChip"));
    m_dayChip->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_dayChip->setToolTip(tr("Show every day again"));
    m_dayChip->hide();
    layout->addWidget(m_dayChip);
    layout->addStretch(1);

    m_typing.setSingleShot(true);
    m_typing.setInterval(kTypingMs);
    connect(&m_typing, &QTimer::timeout, this, &ActivityFilterBar::changed);
    connect(m_search, &QLineEdit::textChanged, this, [this] { m_typing.start(); });
    connect(m_table, &QLineEdit::textChanged, this, [this] { m_typing.start(); });
    connect(m_completer, qOverload<const QString &>(&QCompleter::activated), this, [this] {
        m_typing.stop();
        emit changed();
    });
    auto now = [this] {
        m_typing.stop();
        emit changed();
    };
    connect(m_sort, &QComboBox::currentIndexChanged, this, now);
    connect(m_type, &QComboBox::currentIndexChanged, this, now);
    connect(m_status, &QComboBox::currentIndexChanged, this, now);
    connect(m_order, &QToolButton::clicked, this, [this, now] {
        m_descending = !m_descending;
        updateOrderButton();
        now();
    });
    connect(m_sort, &QComboBox::currentIndexChanged, this, &ActivityFilterBar::updateOrderButton);
    connect(m_dayChip, &QToolButton::clicked, this, &ActivityFilterBar::dayCleared);
}

void ActivityFilterBar::updateOrderButton()
{
    const bool duration = m_sort->currentData().toInt() == int(OperationQuery::Sort::Duration);
    const bool descending = m_descending;
    QString text;
    if (duration)
        text = descending ? tr("Longest first") : tr("Shortest first");
    else
        text = descending ? tr("Newest first") : tr("Oldest first");
    m_order->setText((descending ? QStringLiteral("↓ ") : QStringLiteral("↑ ")) + text);
    m_order->setAccessibleName(tr("Sort order: %1").arg(text));
    m_order->setToolTip(tr("Reverse the order"));
}

void ActivityFilterBar::applyTo(OperationQuery &query) const
{
    query.type = m_type->currentData().toString();
    query.status = m_status->currentData().toString();
    query.container = m_table->text().trimmed();
    query.idPrefix = m_search->text().trimmed();
    query.sort = OperationQuery::Sort(m_sort->currentData().toInt());
    query.descending = m_descending;
}

void ActivityFilterBar::setContainerNames(const QStringList &names)
{
    m_tableNames->setStringList(names);
}

void ActivityFilterBar::setDay(const QDate &day)
{
    m_day = day;
    m_dayChip->setVisible(day.isValid());
    if (!day.isValid())
        return;
    const QString text = QLocale().toString(day, QStringLiteral("ddd d MMM yyyy"));
    m_dayChip->setText(tr("%1  ✕").arg(text));
    m_dayChip->setAccessibleName(tr("Only %1 (UTC); click to show every day").arg(text));
}

void ActivityFilterBar::setStatus(const QString &status)
{
    const int index = m_status->findData(status);
    m_status->setCurrentIndex(index < 0 ? 0 : index);
}

QString ActivityFilterBar::status() const
{
    return m_status->currentData().toString();
}

} // namespace assay
