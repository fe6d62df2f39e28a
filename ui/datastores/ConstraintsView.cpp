#include "ui/datastores/ConstraintsView.h"

#include "app/connectors/SourceConstraints.h"
#include "ui/common/Theme.h"

#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace assay {

ConstraintsView::ConstraintsView(const Container &container, const QList<Field> &fields,
                                 QWidget *parent)
    : QWidget(parent), m_list(new QTreeWidget), m_notNull(new QLabel)
{
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("What the source guarantees of this table, as the last Sync read "
                                "it. A scan counts the checks these imply (Unique, Not Null, Not "
                                "Negative, Positive) as passed without reading their values, "
                                "after reading the constraints again."));
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_list->setObjectName(QStringLiteral("constraintsList"));
    m_list->setAccessibleName(tr("Constraints"));
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels({tr("Constraint"), tr("Fields"), tr("Trusted")});
    m_list->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(true);
    const QList<SourceConstraint> constraints =
        constraintsFromJson(container.name, container.settings.value(QStringLiteral("source"))
                                                .toObject()
                                                .value(QStringLiteral("constraints"))
                                                .toArray());
    for (const SourceConstraint &c : constraints) {
        auto *item = new QTreeWidgetItem(m_list);
        QString what = c.describe().section(QStringLiteral(" ("), 0, 0);
        if (!what.isEmpty())
            what[0] = what.at(0).toUpper();
        item->setText(0, what);
        item->setText(1, c.is(SourceConstraint::kCheck) ? c.definition
                                                        : c.fields.join(QStringLiteral(", ")));
        item->setText(2, c.enforced ? tr("Yes") : tr("No: %1").arg(c.note));
        item->setToolTip(2, item->text(2));
        if (!c.enforced)
            item->setForeground(2, theme::caution(m_list->palette()));
    }
    if (constraints.isEmpty()) {
        auto *none = new QTreeWidgetItem(m_list);
        none->setText(0, tr("None recorded"));
        none->setToolTip(0, tr("The table declares no key, unique index or check, or its source "
                               "is one whose constraints Assay does not read (Redshift, ODBC "
                               "sources, files)."));
    }
    layout->addWidget(m_list, 1);

    QStringList notNull;
    for (const Field &f : fields)
        if (!f.nullable && !f.removed)
            notNull << f.name;
    m_notNull->setObjectName(QStringLiteral("notNullFields"));
    m_notNull->setWordWrap(true);
    m_notNull->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notNull->setText(notNull.isEmpty()
                           ? tr("No field is declared NOT NULL.")
                           : tr("NOT NULL: %1").arg(notNull.join(QStringLiteral(", "))));
    layout->addWidget(m_notNull);
}

} // namespace assay
