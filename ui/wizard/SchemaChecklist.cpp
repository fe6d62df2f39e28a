#include "ui/wizard/SchemaChecklist.h"

#include "ui/widgets/WizardUi.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace assay {

namespace {

const QColor kError(0xc6, 0x28, 0x28);
const QColor kWarning(0xa8, 0x5d, 0x00);
const QColor kReady(0x2e, 0x7d, 0x32);

} // namespace

QIcon SchemaChecklist::warningIcon()
{
    QIcon icon;
    for (const qreal ratio : {1.0, 2.0}) {
        const int side = 16;
        QPixmap pixmap(QSize(side, side) * ratio);
        pixmap.setDevicePixelRatio(ratio);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        QPainterPath triangle;
        triangle.moveTo(8, 1.5);
        triangle.lineTo(15, 14.5);
        triangle.lineTo(1, 14.5);
        triangle.closeSubpath();
        p.setPen(QPen(QColor(0xb2, 0x6a, 0x00), 1.0, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.setBrush(QColor(0xff, 0xb3, 0x00));
        p.drawPath(triangle);
        p.setPen(QPen(QColor(0x3e, 0x27, 0x00), 1.8, Qt::SolidLine, Qt::RoundCap));
        p.drawLine(QPointF(8, 6), QPointF(8, 9.6));
        p.drawPoint(QPointF(8, 12.2));
        icon.addPixmap(pixmap);
    }
    return icon;
}

SchemaChecklist::SchemaChecklist(QWidget *parent)
    : QWidget(parent), m_search(new QLineEdit), m_tree(new QTreeWidget), m_count(new QLabel),
      m_noMatch(wizardui::noteLabel(QString())), m_all(new QPushButton(tr("Select all"))),
      m_none(new QPushButton(tr("Select none")))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);

    m_search->setObjectName(QStringLiteral("schemaSearch"));
    m_search->setPlaceholderText(tr("Search schemas"));
    m_search->setAccessibleName(tr("Search schemas"));
    m_search->setClearButtonEnabled(true);
    wizardui::onReturn(m_search, [] {});
    layout->addWidget(m_search);

    m_tree->setObjectName(QStringLiteral("schemaTree"));
    m_tree->setAccessibleName(tr("Schemas"));
    m_tree->setColumnCount(3);
    m_tree->setHeaderLabels({tr("Schema"), tr("Datastore name"), tr("Status")});
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionMode(QAbstractItemView::NoSelection);
    m_tree->setTextElideMode(Qt::ElideMiddle);
    m_tree->header()->setStretchLastSection(true);
    m_tree->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_tree->setColumnWidth(SchemaColumn, 150);
    m_tree->setColumnWidth(NameColumn, 170);
    layout->addWidget(m_tree, 1);

    m_noMatch->setObjectName(QStringLiteral("schemaNoMatch"));
    m_noMatch->setVisible(false);
    layout->addWidget(m_noMatch);

    auto *row = new QHBoxLayout;
    row->setSpacing(6);
    m_count->setObjectName(QStringLiteral("schemaCount"));
    m_all->setObjectName(QStringLiteral("selectAllSchemas"));
    m_none->setObjectName(QStringLiteral("selectNoSchemas"));
    m_all->setToolTip(tr("Select every schema the search shows"));
    m_none->setToolTip(tr("Clear the selection of every schema the search shows"));
    for (QPushButton *b : {m_all, m_none}) {
        b->setAutoDefault(false);
        wizardui::padButton(b);
    }
    row->addWidget(m_count, 1);
    row->addWidget(m_all);
    row->addWidget(m_none);
    layout->addLayout(row);

    connect(m_search, &QLineEdit::textChanged, this, &SchemaChecklist::applyFilter);
    connect(m_all, &QPushButton::clicked, this, [this] { setVisibleChecked(true); });
    connect(m_none, &QPushButton::clicked, this, [this] { setVisibleChecked(false); });
    connect(m_tree, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem *, int column) {
        if (column != SchemaColumn)
            return;
        updateCount();
        emit checkedChanged();
    });
    updateCount();
}

void SchemaChecklist::setSchemas(const QStringList &schemas,
                                 const QHash<QString, QStringList> &onboarded)
{
    const QStringList checked = checkedSchemas();
    {
        const QSignalBlocker block(m_tree);
        m_tree->clear();
        for (const QString &schema : schemas) {
            auto *item = new QTreeWidgetItem(m_tree);
            item->setText(SchemaColumn, schema);
            item->setData(SchemaColumn, Qt::UserRole, schema);
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
            item->setCheckState(SchemaColumn,
                                checked.contains(schema) ? Qt::Checked : Qt::Unchecked);
            const QStringList names = onboarded.value(schema);
            if (!names.isEmpty()) {
                item->setIcon(SchemaColumn, warningIcon());
                const QString list = QStringLiteral("“%1”").arg(names.join(QStringLiteral("”, “")));
                item->setToolTip(SchemaColumn,
                                 tr("Already onboarded as %1 (same connection, database and "
                                    "schema). Selecting it again creates a duplicate unless "
                                    "onboarded schemas are skipped.")
                                     .arg(list));
                item->setData(SchemaColumn, Qt::UserRole + 1, names);
            }
        }
    }
    applyFilter();
    updateCount();
    emit checkedChanged();
}

QStringList SchemaChecklist::schemas() const
{
    QStringList out;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i)
        out << m_tree->topLevelItem(i)->data(SchemaColumn, Qt::UserRole).toString();
    return out;
}

QStringList SchemaChecklist::checkedSchemas() const
{
    QStringList out;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = m_tree->topLevelItem(i);
        if (item->checkState(SchemaColumn) == Qt::Checked)
            out << item->data(SchemaColumn, Qt::UserRole).toString();
    }
    return out;
}

QTreeWidgetItem *SchemaChecklist::item(const QString &schema) const
{
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i)
        if (m_tree->topLevelItem(i)->data(SchemaColumn, Qt::UserRole).toString() == schema)
            return m_tree->topLevelItem(i);
    return nullptr;
}

void SchemaChecklist::setChecked(const QString &schema, bool checked)
{
    if (QTreeWidgetItem *i = item(schema))
        i->setCheckState(SchemaColumn, checked ? Qt::Checked : Qt::Unchecked);
}

void SchemaChecklist::setVisibleChecked(bool checked)
{
    {
        const QSignalBlocker block(m_tree);
        for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
            QTreeWidgetItem *item = m_tree->topLevelItem(i);
            if (!item->isHidden())
                item->setCheckState(SchemaColumn, checked ? Qt::Checked : Qt::Unchecked);
        }
    }
    updateCount();
    emit checkedChanged();
}

void SchemaChecklist::showPlans(const QList<SchemaPlan> &plans, bool skipOnboarded)
{
    QHash<QString, SchemaPlan> bySchema;
    for (const SchemaPlan &p : plans)
        bySchema.insert(p.schema, p);
    const QSignalBlocker block(m_tree);
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_tree->topLevelItem(i);
        const QString schema = item->data(SchemaColumn, Qt::UserRole).toString();
        const auto it = bySchema.constFind(schema);
        if (it == bySchema.cend()) {
            item->setText(NameColumn, QString());
            item->setText(CheckColumn, QString());
            item->setToolTip(NameColumn, QString());
            item->setToolTip(CheckColumn, QString());
            continue;
        }
        const SchemaPlan &p = *it;
        item->setText(NameColumn, p.name);
        item->setToolTip(NameColumn, p.name);
        QString text = tr("Ready");
        QString tip = tr("A datastore named “%1” will be created.").arg(p.name);
        QColor colour = kReady;
        if (p.blocks()) {
            text = p.problemText;
            tip = p.problem == SchemaPlan::Problem::EmptyName
                      ? tr("The template gives this schema an empty name.")
                      : tr("Another selected schema gets the same name; use {{schema}} in the "
                           "template.");
            colour = kError;
        } else if (p.problem == SchemaPlan::Problem::NameTaken) {
            text = tr("Name exists: skipped");
            tip = tr("A datastore named “%1” already exists; this schema will be skipped.")
                      .arg(p.name);
            colour = kWarning;
        } else if (!p.onboardedAs.isEmpty()) {
            text = skipOnboarded ? tr("Onboarded: skipped") : tr("Onboarded: duplicate");
            tip = item->toolTip(SchemaColumn);
            colour = kWarning;
        }
        item->setText(CheckColumn, text);
        item->setToolTip(CheckColumn, tip);
        item->setForeground(CheckColumn, colour);
    }
}

int SchemaChecklist::visibleCount() const
{
    int n = 0;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i)
        n += m_tree->topLevelItem(i)->isHidden() ? 0 : 1;
    return n;
}

void SchemaChecklist::applyFilter()
{
    const QString needle = m_search->text().trimmed();
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_tree->topLevelItem(i);
        item->setHidden(!needle.isEmpty() &&
                        !item->text(SchemaColumn).contains(needle, Qt::CaseInsensitive));
    }
    const bool none = !needle.isEmpty() && visibleCount() == 0;
    m_noMatch->setText(tr("No schema matches “%1”.").arg(needle));
    m_noMatch->setVisible(none);
}

void SchemaChecklist::updateCount()
{
    const int checked = int(checkedSchemas().size());
    m_count->setText(tr("%n selected", nullptr, checked));
    m_count->setToolTip(tr("%n schema(s) listed", nullptr, m_tree->topLevelItemCount()));
}

} // namespace assay
